"""The scores file of a scheme run: each row read against its unit's framework."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from parindex.core.problems import InputError, Problem
from parindex.core.scheme import Scheme
from parindex.core.scoring import ScoreTable
from parindex.core.units import Unit
from parindex.io.scores import _Entry, _is_template_path, _long_entries, build_table
from parindex.io.tables import read_table


def read_scheme_scores(
    path: Path | str,
    scheme: Scheme,
    assignment: Mapping[str, Sequence[Unit]],
    units_file: str = "danh sách đơn vị",
) -> dict[str, ScoreTable]:
    """Framework id → its score table, from one long scores file (all problems at once).

    ``assignment`` is ``Scheme.assign``'s: each framework's units. A row whose unit is in
    no part is reported (by the first part) as a unit missing from the units file.
    """
    path = Path(path)
    if _is_template_path(path):
        raise InputError(
            [
                Problem(
                    "phương án nhiều bộ tiêu chí đọc bảng điểm dạng dòng (mã đơn vị, mã tiêu chí, "
                    "điểm, giá trị); mẫu chấm điểm Excel lập cho từng bộ tiêu chí — chấm từng bộ "
                    "bằng --framework",
                    file=path.name,
                )
            ]
        )
    table = read_table(path)
    entries, problems = _long_entries(table)
    if problems:
        raise InputError(problems)
    part_of = {u.code: fw_id for fw_id, units in assignment.items() for u in units}
    by_part: dict[str, list[_Entry]] = {fw_id: [] for fw_id in assignment}
    for entry in entries:
        fw_id = part_of.get(entry.unit)
        if fw_id is not None:
            by_part[fw_id].append(entry)
            continue
        problems.append(
            Problem(
                f"đơn vị «{entry.unit}» không có trong {units_file}"
                if entry.unit
                else "thiếu mã đơn vị",
                where=table.where(entry.row, entry.column),
                file=table.file,
                unit=entry.unit,
                criterion=entry.criterion,
            )
        )
    tables: dict[str, ScoreTable] = {}
    for part in scheme.parts:
        fw_id = part.framework.id
        units = list(assignment.get(fw_id, ()))
        if not units:
            continue
        try:
            tables[fw_id] = build_table(
                table.file, by_part[fw_id], part.framework, units, units_file, table.where
            )
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return tables
