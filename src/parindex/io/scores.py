"""Score tables: the long format (unit, criterion, score) or the filled template workbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from parindex.core.bonus import Adjustment
from parindex.core.entry import entered
from parindex.core.framework import Framework, Node
from parindex.core.numbers import format_count, format_vn, parse_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.rules import is_no_case, parse_measure
from parindex.core.scoring import ScoreTable, to_units
from parindex.core.units import Unit
from parindex.io.containers import check_workbook
from parindex.io.tables import Cell, Table, find_columns, read_table, read_xlsx, text_of

if TYPE_CHECKING:
    from parindex.core.survey import SurveyResult

NOT_APPLICABLE = {"kđg", "kdg", "n/a", "na", "không đánh giá", "khong danh gia"}
TEMPLATE_SHEET = "Chấm điểm"
TEMPLATE_META = "parindex"

COLUMNS = {
    "unit": ("mã đơn vị", "đơn vị", "unit_code"),
    "criterion": ("mã tiêu chí", "tiêu chí", "criterion_code"),
    "score": ("điểm", "điểm thẩm định", "points"),
    "unit_name": ("tên đơn vị", "name"),
    "value": ("giá trị", "giá trị đo", "value", "tỷ lệ"),
}


@dataclass(frozen=True)
class _Entry:
    unit: str
    criterion: str
    cell: Cell
    row: int
    column: int  # 0-based, of the score cell
    unit_name: str = ""
    value: Cell = None  # a rule leaf's measured value ("97,3", "35/36", "KPS")


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
    if path.suffix.lower() in (".csv", ".txt", ".tsv") and path.is_file():
        from parindex.io.score_columns import read_long_scores

        fast = read_long_scores(path, framework, units, survey, survey_file)
        if fast is not None:
            return fast
    table = read_table(path)  # row by row: what the columns cannot take, every problem located
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

    check_workbook(path)  # a zip bomb or a damaged container: a located error
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not a workbook: read_xlsx says so, located
        return False
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
                value=row.get(columns["value"]) if "value" in columns else None,
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
    rule_leaves = {leaf.code for leaf in framework.leaves if leaf.rule is not None}
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
            cell = row.get(offset + 2)
            if code in rule_leaves:  # the template's column for a rule leaf takes the value
                entries.append(_Entry(unit, code, None, row.number, offset + 2, name, cell))
            else:
                entries.append(_Entry(unit, code, cell, row.number, offset + 2, name))
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
    prefilled: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> ScoreTable:
    """Check every entry against the framework and the units; fill the score arrays.

    ``prefilled``: (points, applicable, first row) the column reader already filled from
    the other rows (``io.score_columns``); the entries are the rows it leaves to this loop."""
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
    if prefilled is not None:
        points, applicable, first_row = prefilled
    flagged = np.zeros(shape, dtype=np.bool_)  # a problem was already reported for this cell
    parsed: dict[str | Decimal, Decimal | str | None] = {}  # a cell's text or number, read once
    from_survey = set(survey.leaves) if survey is not None else set()
    doubly_scored: dict[str, int] = {}
    items = framework.bonus.items if framework.bonus else ()
    item_index = {item.code: k for k, item in enumerate(items)}
    adjustments = np.zeros((shape[0], len(items)), dtype=np.int64)
    item_row = np.zeros((shape[0], len(items)), dtype=np.int64)
    measures: dict[tuple[int, int], str] = {}
    kinds = _unit_kinds(framework, known_units, unit_index, file, problems)

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
        k = item_index.get(entry.criterion)
        if k is not None:
            if item_row[u, k]:
                add(
                    f"trùng dòng: đơn vị và mục này đã có ở {where(int(item_row[u, k]), entry.column)}",
                    entry,
                )
                continue
            item_row[u, k] = entry.row
            refused_item = _adjustment(items[k], entry.cell, adjustments, u, k)
            if refused_item:
                add(refused_item, entry)
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
        leaf = leaves[j]
        if leaf.applies_to and not leaf.applies(kinds[u]):
            if _blank_or_na(entry.cell) and _blank_or_na(entry.value):
                applicable[u, j] = False
            else:
                add(_not_for_kind(leaf.applies_to, kinds[u]), entry)
                flagged[u, j] = True
            continue
        if leaf.rule is not None or entry.value is not None:
            outcome = cell_points(leaf, entry.cell, entry.value, framework.leaf_decimals)
            if isinstance(outcome, str):
                add(outcome, entry)
                flagged[u, j] = True
            elif outcome[0] is None:
                applicable[u, j] = False
            else:
                points[u, j] = to_units(outcome[0]) or 0
                measures[(u, j)] = outcome[1]
            continue
        key = entry.cell
        value: Decimal | str | None
        if key is not None and key in parsed:
            value = parsed[key]
        else:
            value = _score(key)
            if key is not None:
                parsed[key] = value
        if isinstance(value, str):
            if is_no_case(key):
                kps = cell_points(leaf, key, None, framework.leaf_decimals)
                if not isinstance(kps, str) and kps[0] is not None:
                    points[u, j] = to_units(kps[0]) or 0
                    measures[(u, j)] = kps[1]
                    continue
                value = kps if isinstance(kps, str) else value
            add(value, entry)
            flagged[u, j] = True
            continue
        if value is None:
            applicable[u, j] = False
            continue
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
    return finish_table(
        Filled(file, framework, unit_list, kinds, points, applicable, first_row, flagged),
        problems,
        adjustments,
        measures,
        (survey, survey_file, doubly_scored),
    )


@dataclass
class Filled:
    """What the entries gave: every (unit, leaf) cell's points, whether it applies, the row
    that gave it (0: none; -1: the survey file; -2: not needed for the unit's kind) and
    whether a problem was already reported for it."""

    file: str
    framework: Framework
    units: list[Unit]
    kinds: list[str]
    points: np.ndarray
    applicable: np.ndarray
    first_row: np.ndarray
    flagged: np.ndarray


def finish_table(
    filled: Filled,
    problems: list[Problem],
    adjustments: np.ndarray,
    measures: dict[tuple[int, int], str],
    survey_part: tuple[SurveyResult | None, str, dict[str, int]] = (None, "", {}),
) -> ScoreTable:
    """The survey leaves filled in, the leaves a unit's kind does not take set aside, every
    missing score reported — all problems at once — then the table."""
    file, framework, unit_list, kinds = filled.file, filled.framework, filled.units, filled.kinds
    points, applicable, first_row, flagged = (
        filled.points,
        filled.applicable,
        filled.first_row,
        filled.flagged,
    )
    leaves = framework.leaves
    leaf_index = {leaf.code: j for j, leaf in enumerate(leaves)}
    survey, survey_file, doubly_scored = survey_part
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
        maxima = {leaf.code: leaf.max for leaf in leaves}
        _fill_from_survey(
            survey,
            survey_file,
            unit_list,
            (leaf_index, maxima),
            points,
            first_row,
            flagged,
            problems,
        )
    for j, leaf in enumerate(leaves):
        if leaf.applies_to:  # no row needed where the leaf does not apply
            other = np.array([not leaf.applies(kind) for kind in kinds], dtype=np.bool_)
            unscored = other & (first_row[:, j] == 0)
            applicable[unscored, j] = False
            first_row[unscored, j] = -2
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
    return ScoreTable(framework, tuple(unit_list), points, applicable, adjustments, measures)


def _unit_kinds(
    framework: Framework,
    known_units: dict[str, Unit] | None,
    unit_index: dict[str, int],
    file: str,
    problems: list[Problem],
) -> list[str]:
    """Each unit's kind, in table order; a problem if a leaf applies to some kinds only and a
    unit's kind is not known (it would silently drop the leaf)."""
    kinds = [known_units[code].kind if known_units else "" for code in unit_index]
    limited = [leaf.code for leaf in framework.leaves if leaf.applies_to]
    if not limited:
        return kinds
    if known_units is None:
        problems.append(
            Problem(
                f"bộ tiêu chí có tiêu chí chỉ áp dụng cho một số loại đơn vị ({', '.join(limited)}): "
                "cần danh sách đơn vị có cột loại đơn vị (--units)",
                file=file,
            )
        )
        return kinds
    for code, kind in zip(unit_index, kinds, strict=True):
        if not kind:
            problems.append(
                Problem(
                    f"đơn vị chưa có loại (xã, phường, sở…): không xác định được tiêu chí "
                    f"{', '.join(limited)} có áp dụng không",
                    unit=code,
                )
            )
    return kinds


def _blank_or_na(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip().casefold() in NOT_APPLICABLE)


def _not_for_kind(kinds: Sequence[str], kind: str) -> str:
    return (
        f"tiêu chí chỉ áp dụng cho {', '.join(kinds)}; {kind or 'đơn vị này'} không chấm "
        "tiêu chí này (để trống hoặc KĐG)"
    )


def cell_points(
    leaf: Node, score_cell: Cell, value_cell: Cell, decimals: int
) -> tuple[Decimal | None, str] | str:
    """What a row entered for a leaf — points, a measured value or KPS — as (points, what
    they came from), (None, "") for KĐG, or why it cannot be taken: the cells read, then the
    core's one rule (``core.entry.entered``)."""
    if _blank_or_na(score_cell) and _blank_or_na(value_cell):
        if score_cell is None and value_cell is None:
            if leaf.rule is None:
                return _EMPTY_SCORE
            return (
                "ô giá trị trống: nhập giá trị đo (ví dụ 97,3 hoặc 35/36), "
                "KPS nếu không phát sinh, hoặc KĐG"
            )
        return None, ""
    no_case = is_no_case(score_cell) or is_no_case(value_cell)
    points = None
    if score_cell is not None and not is_no_case(score_cell):
        points = score_cell if isinstance(score_cell, Decimal) else parse_decimal(score_cell)
        if points is None:
            return f"«{score_cell}» không phải là số điểm (nhập số như 8,5 hoặc KĐG)"
    measure = None
    if value_cell is not None and not is_no_case(value_cell):
        read = parse_measure(value_cell)
        if isinstance(read, str):
            return read
        measure = read
    outcome = entered(leaf, decimals, points, measure, no_case)
    if isinstance(outcome, str):
        return outcome
    return outcome.points, outcome.measure


def _adjustment(
    item: Adjustment, cell: Cell, adjustments: np.ndarray, u: int, k: int
) -> str | None:
    """Put a bonus/penalty item's points in place; why not (None: done). Blank is 0."""
    if _blank_or_na(cell):
        return None
    value = _score(cell)
    if isinstance(value, str) or value is None:
        return value
    refused = item.score_problem(value)
    scaled = to_units(value)
    if refused is not None or scaled is None:
        return refused or f"điểm {format_vn(value)} có quá 4 chữ số thập phân"
    adjustments[u, k] = scaled
    return None


def _fill_from_survey(
    survey: SurveyResult,
    survey_file: str,
    unit_list: Sequence[Unit],
    leaf_places: tuple[dict[str, int], dict[str, Decimal]],
    points: np.ndarray,
    first_row: np.ndarray,
    flagged: np.ndarray,
    problems: list[Problem],
) -> None:
    """Survey leaves take the points of the survey file (``core.survey.points_for_units``)."""
    from parindex.core.survey import points_for_units

    leaf_index, maxima = leaf_places
    leaves = [code for code in survey.leaves if code in leaf_index]
    found, missing = points_for_units(
        survey, [u.code for u in unit_list], leaves, survey_file, maxima
    )
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


_EMPTY_SCORE = "ô điểm trống: nhập điểm, hoặc KĐG nếu tiêu chí không được đánh giá (ô trống không được tính là 0)"


def _score(cell: Cell) -> Decimal | str | None:
    """A score, None for not applicable, or the reason it is not a score."""
    if cell is None:
        return _EMPTY_SCORE
    if isinstance(cell, Decimal):
        return cell
    if cell.strip().casefold() in NOT_APPLICABLE:
        return None
    value = parse_decimal(cell)
    if value is None:
        return f"«{cell}» không phải là số điểm (nhập số như 8,5 hoặc KĐG)"
    return value
