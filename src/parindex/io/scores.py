"""Score tables: the long format (unit, criterion, score) or the filled template workbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from parindex.core.framework import Framework
from parindex.core.numbers import format_count, format_vn, parse_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import ScoreTable, to_units
from parindex.core.survey import SurveyResult
from parindex.core.units import Unit
from parindex.io.tables import Cell, Table, find_columns, read_table, read_xlsx, text_of

NOT_APPLICABLE = {"kđg", "kdg", "n/a", "na", "không đánh giá", "khong danh gia"}
TEMPLATE_SHEET = "Chấm điểm"
TEMPLATE_META = "parindex"

COLUMNS = {
    "unit": ("mã đơn vị", "đơn vị", "unit_code"),
    "criterion": ("mã tiêu chí", "tiêu chí", "criterion_code"),
    "score": ("điểm", "điểm thẩm định", "points"),
    "unit_name": ("tên đơn vị", "name"),
}


@dataclass(frozen=True)
class _Entry:
    unit: str
    criterion: str
    cell: Cell
    row: int
    column: int  # 0-based, of the score cell
    unit_name: str = ""


def read_scores(
    path: Path | str,
    framework: Framework,
    units: Sequence[Unit] | None = None,
    units_file: str = "danh sách đơn vị",
    survey: SurveyResult | None = None,
    survey_file: str = "",
) -> ScoreTable:
    """Read a score table and check it against the framework and the units, all problems at once.

    With ``survey``, the survey leaves take their points from it and the table must not
    score them.
    """
    path = Path(path)
    table = read_table(path)
    template = _is_template_path(path)
    if template:
        entries, problems = _template_entries(path, framework)
    else:
        entries, problems = _long_entries(table)
    if problems:
        raise InputError(problems)
    where = _template_where if template else table.where
    return build_table(
        table.file, entries, framework, units, units_file, where, survey, survey_file
    )


def _is_template_path(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") and _is_template(path)


def _template_where(row: int, column: int | None = None) -> str:
    from openpyxl.utils import get_column_letter

    if column is None:
        return f"trang «{TEMPLATE_SHEET}», dòng {row}"
    return f"trang «{TEMPLATE_SHEET}», ô {get_column_letter(column + 1)}{row}"


def _is_template(path: Path) -> bool:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return TEMPLATE_META in book.sheetnames and TEMPLATE_SHEET in book.sheetnames
    finally:
        book.close()


def _long_entries(table: Table) -> tuple[list[_Entry], list[Problem]]:
    columns, problems = find_columns(table, COLUMNS, required=("unit", "criterion", "score"))
    if problems:
        return [], problems
    entries = []
    for row in table.rows:
        entries.append(
            _Entry(
                unit=text_of(row.get(columns["unit"])).strip(),
                criterion=text_of(row.get(columns["criterion"])).strip(),
                cell=row.get(columns["score"]),
                row=row.number,
                column=columns["score"],
                unit_name=text_of(row.get(columns["unit_name"])).strip()
                if "unit_name" in columns
                else "",
            )
        )
    if not entries:
        problems.append(Problem("tệp không có dòng điểm nào", file=table.file))
    return entries, problems


def _template_entries(path: Path, framework: Framework) -> tuple[list[_Entry], list[Problem]]:
    meta = read_xlsx(path, TEMPLATE_META)
    problems: list[Problem] = []
    meta_values = {text_of(r.get(0)): text_of(r.get(1)) for r in meta.rows}
    meta_values[text_of(meta.header[0]) if meta.header else ""] = (
        meta.header[1] if len(meta.header) > 1 else ""
    )
    fw_id = meta_values.get("framework", "")
    if fw_id and fw_id != framework.id:
        problems.append(
            Problem(
                f"mẫu chấm điểm này lập cho bộ tiêu chí «{fw_id}», không phải «{framework.id}»",
                file=path.name,
            )
        )
    sheet = read_xlsx(path, TEMPLATE_SHEET)
    codes = [text_of(h) for h in sheet.header[2:]]
    entries = []
    for row in sheet.rows:
        if row.number <= 3:
            continue  # criterion names and max points
        unit = text_of(row.get(0)).strip()
        name = text_of(row.get(1)).strip()
        if not unit and all(c is None for c in row.cells[2:]):
            continue
        for offset, code in enumerate(codes):
            if not code:
                continue
            entries.append(_Entry(unit, code, row.get(offset + 2), row.number, offset + 2, name))
    if not entries and not problems:
        problems.append(Problem("mẫu chấm điểm chưa có đơn vị nào", file=path.name))
    return entries, problems


def build_table(
    file: str,
    entries: Sequence[_Entry],
    framework: Framework,
    units: Sequence[Unit] | None,
    units_file: str,
    where: Callable[[int, int | None], str],
    survey: SurveyResult | None = None,
    survey_file: str = "",
) -> ScoreTable:
    """Check every entry against the framework and the units; fill the score arrays."""
    problems: list[Problem] = []
    leaves = framework.leaves
    leaf_index = {leaf.code: j for j, leaf in enumerate(leaves)}
    known_units = {u.code: u for u in units} if units is not None else None
    unit_index: dict[str, int] = {}
    names: dict[str, str] = {}
    if known_units is not None:
        unit_index = {code: i for i, code in enumerate(known_units)}
    else:
        for entry in entries:
            if entry.unit and entry.unit not in unit_index:
                unit_index[entry.unit] = len(unit_index)
                names[entry.unit] = entry.unit_name
    shape = (len(unit_index), len(leaves))
    points = np.zeros(shape, dtype=np.int64)
    applicable = np.ones(shape, dtype=np.bool_)
    first_row = np.zeros(shape, dtype=np.int64)  # the row that gave each score; 0 = none yet
    flagged = np.zeros(shape, dtype=np.bool_)  # a problem was already reported for this cell
    parsed: dict[str | Decimal, Decimal | str | None] = {}  # a cell's text or number, read once
    from_survey = set(survey.leaves) if survey is not None else set()
    doubly_scored: dict[str, int] = {}

    def add(message: str, entry: _Entry) -> None:
        problems.append(
            Problem(
                message,
                where=where(entry.row, entry.column),
                file=file,
                unit=entry.unit,
                criterion=entry.criterion,
            )
        )

    for entry in entries:
        if not entry.unit:
            add("thiếu mã đơn vị", entry)
            continue
        u = unit_index.get(entry.unit)
        if u is None:
            add(f"đơn vị «{entry.unit}» không có trong {units_file}", entry)
            continue
        if not entry.criterion:
            add("thiếu mã tiêu chí", entry)
            continue
        if entry.criterion in from_survey:
            doubly_scored.setdefault(entry.criterion, entry.row)
            continue
        j = leaf_index.get(entry.criterion)
        if j is None:
            node = framework.node(entry.criterion)
            if node is not None:
                children = ", ".join(c.code for c in node.leaves)
                add(
                    f"tiêu chí «{entry.criterion}» có tiêu chí con; "
                    f"điểm phải chấm cho từng tiêu chí con ({children})",
                    entry,
                )
            else:
                add(
                    f"tiêu chí «{entry.criterion}» không có trong bộ tiêu chí «{framework.id}»",
                    entry,
                )
            continue
        if first_row[u, j]:
            add(
                f"trùng dòng: đơn vị và tiêu chí này đã có ở {where(int(first_row[u, j]), entry.column)}",
                entry,
            )
            continue
        first_row[u, j] = entry.row
        key = entry.cell
        value: Decimal | str | None
        if key is not None and key in parsed:
            value = parsed[key]
        else:
            value = _score(key)
            if key is not None:
                parsed[key] = value
        if isinstance(value, str):
            add(value, entry)
            flagged[u, j] = True
            continue
        if value is None:
            applicable[u, j] = False
            continue
        leaf = leaves[j]
        scaled = to_units(value)
        refused = leaf.score_problem(value)
        if refused is not None:
            add(refused, entry)
        elif scaled is None:
            add(f"điểm {format_vn(value)} có quá 4 chữ số thập phân", entry)
        else:
            points[u, j] = scaled
            continue
        flagged[u, j] = True

    unit_list: list[Unit]
    if known_units is not None:
        unit_list = list(known_units.values())
    else:
        unit_list = [Unit(code, names.get(code) or code) for code in unit_index]
    if doubly_scored:
        problems.append(
            Problem(
                "các tiêu chí "
                + ", ".join(doubly_scored)
                + f" lấy điểm từ tệp điều tra xã hội học {survey_file}; bảng điểm không được chấm lại"
                + f" (dòng đầu tiên: {min(doubly_scored.values())})",
                file=file,
            )
        )
    if survey is not None:
        _fill_from_survey(
            survey, survey_file, unit_list, leaf_index, points, first_row, flagged, problems
        )
    missing_mask = (first_row == 0) & ~flagged
    for row_index in np.flatnonzero(missing_mask.any(axis=1)):
        unit = unit_list[int(row_index)]
        missing = [leaves[int(j)].code for j in np.flatnonzero(missing_mask[row_index])]
        if len(missing) == len(leaves):
            problems.append(Problem("đơn vị không có dòng điểm nào", file=file, unit=unit.code))
        else:
            problems.append(
                Problem(
                    f"thiếu điểm {format_count(len(missing))} tiêu chí: {', '.join(missing)}",
                    file=file,
                    unit=unit.code,
                )
            )
    if problems:
        raise InputError(problems)
    return ScoreTable(framework, tuple(unit_list), points, applicable)


def _fill_from_survey(
    survey: SurveyResult,
    survey_file: str,
    unit_list: Sequence[Unit],
    leaf_index: dict[str, int],
    points: np.ndarray,
    first_row: np.ndarray,
    flagged: np.ndarray,
    problems: list[Problem],
) -> None:
    """Survey leaves take the points of the survey file (``core.survey.points_for_units``)."""
    from parindex.core.survey import points_for_units

    leaves = [code for code in survey.leaves if code in leaf_index]
    found, missing = points_for_units(survey, [u.code for u in unit_list], leaves, survey_file)
    problems.extend(missing)
    for u, unit in enumerate(unit_list):
        for leaf_code in leaves:
            j = leaf_index[leaf_code]
            first_row[u, j] = -1  # supplied by the survey file
            value = found.get((unit.code, leaf_code))
            if value is None:
                flagged[u, j] = True
            else:
                points[u, j] = to_units(value)


def _score(cell: Cell) -> Decimal | str | None:
    """A score, None for not applicable, or the reason it is not a score."""
    if cell is None:
        return "ô điểm trống: nhập điểm, hoặc KĐG nếu tiêu chí không được đánh giá (ô trống không được tính là 0)"
    if isinstance(cell, Decimal):
        return cell
    if cell.strip().casefold() in NOT_APPLICABLE:
        return None
    value = parse_decimal(cell)
    if value is None:
        return f"«{cell}» không phải là số điểm (nhập số như 8,5 hoặc KĐG)"
    return value
