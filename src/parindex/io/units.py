"""The units file: code, name, kind, parent, predecessors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from parindex.core.characters import control_character_problem
from parindex.core.numbers import parse_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.units import UNIT_KINDS, Unit
from parindex.io.tables import Row, Table, find_columns, read_table, text_of

COLUMNS = {
    "code": ("mã", "mã đơn vị", "ma_don_vi"),
    "name": ("tên", "tên đơn vị", "unit_name"),
    "kind": ("loại", "loại đơn vị", "loại hình"),
    "parent": ("đơn vị cấp trên", "cấp trên"),
    "predecessors": ("tiền thân", "đơn vị tiền thân", "predecessor"),
}


def read_units(path: Path | str) -> list[Unit]:
    """Read and check a units table; all problems at once."""
    table = read_table(path)
    columns, problems = find_columns(table, COLUMNS, required=("code", "name"))
    if problems:
        raise InputError(problems)
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for row in table.rows:

        def cell(name: str, row: object = row) -> str:
            return text_of(row.get(columns[name])).strip() if name in columns else ""  # type: ignore[attr-defined]

        code, name, kind = cell("code"), cell("name"), cell("kind").lower()
        where = table.where(row.number)
        refused = _control_characters(table, row, columns)
        if refused:
            problems.extend(refused)
            continue
        if not code:
            problems.append(Problem("thiếu mã đơn vị", where=where, file=table.file))
            continue
        if code in seen:
            problems.append(
                Problem(
                    f"mã đơn vị «{code}» trùng với dòng {seen[code]}",
                    where=where,
                    file=table.file,
                    unit=code,
                )
            )
            continue
        seen[code] = row.number
        if not name:
            problems.append(Problem("thiếu tên đơn vị", where=where, file=table.file, unit=code))
        if kind and kind not in UNIT_KINDS:
            problems.append(
                Problem(
                    f"loại đơn vị «{kind}» không hợp lệ (chọn: {', '.join(UNIT_KINDS)})",
                    where=where,
                    file=table.file,
                    unit=code,
                )
            )
        predecessors = tuple(
            p.strip() for p in cell("predecessors").replace(",", ";").split(";") if p.strip()
        )
        units.append(Unit(code, name, kind, cell("parent"), predecessors))
    if not table.rows:
        problems.append(Problem("tệp không có đơn vị nào", file=table.file))
    if problems:
        raise InputError(problems)
    return units


LABELS = {
    "code": "mã đơn vị",
    "name": "tên đơn vị",
    "kind": "loại",
    "parent": "đơn vị cấp trên",
    "predecessors": "đơn vị tiền thân",
}


def _control_characters(table: Table, row: Row, columns: dict[str, int]) -> list[Problem]:
    """A name or code with a control character, refused at its cell (``core.characters``)."""
    problems = []
    for name, column in columns.items():
        refused = control_character_problem(text_of(row.get(column)))
        if refused:
            where = f"{table.where(row.number, column)} ({LABELS[name]})"
            problems.append(Problem(refused, where=where, file=table.file))
    return problems


def _population_cells(
    table: Table, code_column: int, column: int, label: str, cell: bool = False
) -> tuple[dict[str, int], list[Problem]]:
    """Each code's whole non-negative number in ``column`` (blank cells left out)."""
    problems = []
    found: dict[str, int] = {}
    for row in table.rows:
        code = text_of(row.get(code_column)).strip()
        raw = row.get(column)
        if raw is None or not code or (isinstance(raw, str) and not raw.strip()):
            continue
        value = (
            raw
            if not isinstance(raw, str)
            else parse_decimal(raw.replace(".", "").replace(",", ""))
        )
        if value is None or value < 0 or value != int(value):
            problems.append(
                Problem(
                    f"{label} «{raw}» phải là số nguyên không âm",
                    where=table.where(row.number, column if cell else None),
                    file=table.file,
                    unit=code,
                )
            )
            continue
        found[code] = int(value)
    return found, problems


def read_populations(path: Path | str) -> dict[str, int]:
    """The optional ``population`` column (N for the minimum sample n = N/(1+N·e²)); codes without it are left out."""
    table = read_table(path)
    columns, _ = find_columns(
        table,
        {"code": COLUMNS["code"], "population": ("dân số", "quy mô", "số đối tượng", "N")},
        required=(),
    )
    if "population" not in columns or "code" not in columns:
        return {}
    found, problems = _population_cells(table, columns["code"], columns["population"], "quy mô")
    if problems:
        raise InputError(problems)
    return found


def read_group_populations(path: Path | str, groups: Sequence[str]) -> dict[tuple[str, str], int]:
    """The optional populations per respondent group: a column ``population:<group code>``
    (or ``quy mô:<group code>``) per group, for the finite population correction of the
    survey's intervals. (unit code, group code) → N; blank cells are left out.
    """
    table = read_table(path)
    columns, _ = find_columns(table, {"code": COLUMNS["code"]}, required=())
    if "code" not in columns:
        return {}
    wanted = {f"{prefix}:{g}".casefold(): g for g in groups for prefix in ("population", "quymô")}
    found: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for index, header in enumerate(table.header):
        group = wanted.get("".join(header.split()).casefold())
        if group is None:
            continue
        cells, wrong = _population_cells(table, columns["code"], index, "quy mô nhóm", cell=True)
        problems += wrong
        found.update({(code, group): n for code, n in cells.items()})
    if problems:
        raise InputError(problems)
    return found
