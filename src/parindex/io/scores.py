"""Score tables: the long format (unit, criterion, score) or the filled template workbook."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parindex.core.framework import Framework
from parindex.core.numbers import format_vn, parse_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import ScoreTable, to_units
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
    where: str
    unit_name: str = ""


def read_scores(
    path: Path | str,
    framework: Framework,
    units: Sequence[Unit] | None = None,
    units_file: str = "danh sách đơn vị",
) -> ScoreTable:
    """Read a score table and check it against the framework and the units, all problems at once."""
    path = Path(path)
    table = read_table(path)
    if path.suffix.lower() in (".xlsx", ".xlsm") and _is_template(path):
        entries, problems = _template_entries(path, framework)
    else:
        entries, problems = _long_entries(table)
    if problems:
        raise InputError(problems)
    return build_table(table.file, entries, framework, units, units_file)


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
                where=table.where(row.number, columns["score"]),
                unit_name=text_of(row.get(columns["unit_name"])).strip() if "unit_name" in columns else "",
            )
        )
    if not entries:
        problems.append(Problem("tệp không có dòng điểm nào", file=table.file))
    return entries, problems


def _template_entries(path: Path, framework: Framework) -> tuple[list[_Entry], list[Problem]]:
    meta = read_xlsx(path, TEMPLATE_META)
    problems: list[Problem] = []
    meta_values = {text_of(r.get(0)): text_of(r.get(1)) for r in meta.rows}
    meta_values[text_of(meta.header[0]) if meta.header else ""] = meta.header[1] if len(meta.header) > 1 else ""
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
            entries.append(_Entry(unit, code, row.get(offset + 2), sheet.where(row.number, offset + 2), name))
    if not entries and not problems:
        problems.append(Problem("mẫu chấm điểm chưa có đơn vị nào", file=path.name))
    return entries, problems


def build_table(
    file: str,
    entries: Sequence[_Entry],
    framework: Framework,
    units: Sequence[Unit] | None,
    units_file: str,
) -> ScoreTable:
    problems: list[Problem] = []
    leaves = {leaf.code: leaf for leaf in framework.leaves}
    known_units = {u.code: u for u in units} if units is not None else None
    seen: dict[tuple[str, str], str] = {}
    scores: dict[tuple[str, str], Decimal | None] = {}
    order: list[str] = []
    names: dict[str, str] = {}

    def add(message: str, entry: _Entry) -> None:
        problems.append(
            Problem(message, where=entry.where, file=file, unit=entry.unit, criterion=entry.criterion)
        )

    for entry in entries:
        if not entry.unit:
            add("thiếu mã đơn vị", entry)
            continue
        if known_units is not None and entry.unit not in known_units:
            add(f"đơn vị «{entry.unit}» không có trong {units_file}", entry)
            continue
        if entry.unit not in names:
            order.append(entry.unit)
            names[entry.unit] = entry.unit_name
        if not entry.criterion:
            add("thiếu mã tiêu chí", entry)
            continue
        leaf = leaves.get(entry.criterion)
        if leaf is None:
            node = framework.node(entry.criterion)
            if node is not None:
                children = ", ".join(c.code for c in node.leaves)
                add(
                    f"tiêu chí «{entry.criterion}» có tiêu chí con; điểm phải chấm cho từng tiêu chí con ({children})",
                    entry,
                )
            else:
                add(f"tiêu chí «{entry.criterion}» không có trong bộ tiêu chí «{framework.id}»", entry)
            continue
        key = (entry.unit, entry.criterion)
        if key in seen:
            add(f"trùng dòng: đơn vị và tiêu chí này đã có ở {seen[key]}", entry)
            continue
        seen[key] = entry.where
        value = _score(entry.cell)
        if isinstance(value, str):
            add(value, entry)
            continue
        if value is None:
            scores[key] = None
            continue
        if value < 0:
            add(f"điểm {format_vn(value)} âm", entry)
        elif value > leaf.max:
            add(f"điểm {format_vn(value)} vượt điểm tối đa {format_vn(leaf.max)}", entry)
        elif to_units(value) is None:
            add(f"điểm {format_vn(value)} có quá 4 chữ số thập phân", entry)
        else:
            scores[key] = value

    unit_list: list[Unit]
    if known_units is not None:
        unit_list = list(known_units.values())
    else:
        unit_list = [Unit(code, names.get(code) or code) for code in order]
    flagged = {(p.unit, p.criterion) for p in problems}
    for unit in unit_list:
        missing = [
            code for code in leaves if (unit.code, code) not in seen and (unit.code, code) not in flagged
        ]
        if len(missing) == len(leaves):
            problems.append(Problem("đơn vị không có dòng điểm nào", file=file, unit=unit.code))
        elif missing:
            problems.append(
                Problem(
                    f"thiếu điểm {len(missing)} tiêu chí: {', '.join(missing)}",
                    file=file,
                    unit=unit.code,
                )
            )
    if problems:
        raise InputError(problems)
    return ScoreTable.from_scores(framework, unit_list, scores)


def _score(cell: Cell) -> Decimal | None | str:
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
