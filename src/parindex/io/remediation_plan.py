"""A unit's remediation plan read back from its XLSX (``khac-phuc-<unit>.xlsx`` as
``parindex remediation`` writes it, possibly edited by the unit).

What is read: the unit's code, in the cell after «Mã đơn vị:» (anywhere above the table),
the period after «Năm đánh giá:» when there is one, and the criteria: the «Mã» column of the
table whose header row has «Mã» and «Tiêu chí». Rows without a code (a second header row,
«Tổng cộng», a note) are passed over; rows may be deleted, reordered or added. The workbook
goes through the bounded readers (``io.tables.read_xlsx``: the archive checked before
openpyxl opens it). Every problem is located by file, row and cell, all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.core.published import PublishedRun
from parindex.io.cells import column_letter as get_column_letter
from parindex.io.tables import Cell, Row, fold, read_xlsx, text_of

UNIT_LABELS = ("ma_don_vi", "ma_don_vi:")
PERIOD_LABELS = ("nam_danh_gia", "nam_danh_gia:", "ky_danh_gia", "ky_danh_gia:")
CODE_HEADERS = ("ma", "ma_tieu_chi")
NAME_HEADERS = ("tieu_chi", "ten_tieu_chi", "ton_tai,_han_che")
MAX_CODE = 40
MAX_ROWS = 5_000


@dataclass(frozen=True)
class PlanItem:
    row: int
    code: str
    where: str  # «dòng 8, ô B8»


@dataclass(frozen=True)
class RemediationPlan:
    file: str
    unit: str
    unit_where: str
    period: str
    items: tuple[PlanItem, ...]
    problems: tuple[Problem, ...] = ()
    """The rows refused (a bad or repeated code): reported with ``plan_problems``."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


def _where(row: int, column: int) -> str:
    return f"dòng {row}, ô {get_column_letter(column + 1)}{row}"


def _label_value(cells: Sequence[Cell], labels: tuple[str, ...]) -> tuple[int, str] | None:
    """The first non-empty cell after a cell holding one of ``labels``: (column, text)."""
    for i, cell in enumerate(cells):
        if isinstance(cell, str) and fold(cell).rstrip(":") in labels:
            for j in range(i + 1, len(cells)):
                if cells[j] is not None:
                    return j, text_of(cells[j]).strip()
            return i + 1, ""
    return None


def _header(cells: Sequence[Cell]) -> int | None:
    """The «Mã» column when this row is the table's header (it has «Mã» and «Tiêu chí»)."""
    folded = [fold(c) if isinstance(c, str) else "" for c in cells]
    code = next((i for i, f in enumerate(folded) if f in CODE_HEADERS), None)
    if code is None or not any(f in NAME_HEADERS for f in folded):
        return None
    return code


def parse_plan(rows: Sequence[Row], file: str) -> RemediationPlan:
    """The plan from a sheet's rows (the spreadsheet's own row numbers); InputError when it
    has no unit code or no table, the rows it refuses in ``problems``."""
    problems: list[Problem] = []
    unit: tuple[int, int, str] | None = None
    period = ""
    code_column: int | None = None
    items: list[PlanItem] = []
    seen: dict[str, int] = {}
    for row in rows:
        if code_column is None:
            if unit is None and (found := _label_value(row.cells, UNIT_LABELS)) is not None:
                unit = (row.number, found[0], found[1])
                continue
            if not period and (found := _label_value(row.cells, PERIOD_LABELS)) is not None:
                period = found[1]
                continue
            code_column = _header(row.cells)
            continue
        code = text_of(row.get(code_column)).strip()
        if not code:
            continue
        where = _where(row.number, code_column)
        if len(code) > MAX_CODE or any(ch.isspace() for ch in code):
            problems.append(Problem(f"mã tiêu chí «{code[:MAX_CODE]}» không hợp lệ", where, file))
        elif code in seen:
            problems.append(
                Problem(f"tiêu chí {code} đã có ở dòng {seen[code]}", where, file, criterion=code)
            )
        else:
            seen[code] = row.number
            items.append(PlanItem(row.number, code, where))
        if len(items) > MAX_ROWS:
            problems.append(
                Problem(f"kế hoạch có quá {format_count(MAX_ROWS)} tiêu chí", where, file)
            )
            break
    if unit is None:
        problems.append(
            Problem("không thấy ô «Mã đơn vị:» (mã của đơn vị) phía trên bảng", file=file)
        )
    elif not unit[2]:
        problems.append(Problem("ô sau «Mã đơn vị:» không có mã đơn vị", f"dòng {unit[0]}", file))
    if code_column is None:
        problems.append(
            Problem("không thấy dòng tiêu đề của bảng (có cột «Mã» và «Tiêu chí»)", file=file)
        )
    if unit is None or not unit[2] or code_column is None:
        raise InputError(problems)
    return RemediationPlan(
        file, unit[2], _where(unit[0], unit[1]), period, tuple(items), tuple(problems)
    )


def read_plan(path: Path | str) -> RemediationPlan:
    """A plan XLSX; InputError (located) when it is not one or cannot be read. The rows it
    refuses are in ``problems`` (``plan_problems`` reports them with the rest)."""
    path = Path(path)
    if not path.exists():
        raise InputError([Problem("không tìm thấy tệp kế hoạch khắc phục", file=str(path))])
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError([Problem("kế hoạch khắc phục cần là tệp .xlsx", file=path.name)])
    table = read_xlsx(path)
    first = Row(1, tuple(c or None for c in table.header))
    return parse_plan((first, *table.rows), table.file)


def plan_problems(plan: RemediationPlan, previous: PublishedRun, origin: str) -> list[Problem]:
    """What of the plan the run it was drafted from does not know: the unit, a criterion."""
    from parindex.core.remediation import known_codes

    problems = list(plan.problems)
    if not previous.has_unit(plan.unit):
        problems.append(
            Problem(
                f"không có đơn vị «{plan.unit}» trong kết quả năm {previous.period} ({origin})",
                plan.unit_where,
                plan.file,
            )
        )
    if plan.period and previous.period and plan.period != previous.period:
        problems.append(
            Problem(
                f"kế hoạch lập từ kết quả năm {plan.period}, không phải năm {previous.period} "
                f"({origin})",
                file=plan.file,
            )
        )
    known = known_codes(previous)
    for item in plan.items:
        if item.code not in known:
            problems.append(
                Problem(
                    f"không có tiêu chí «{item.code}» trong bộ tiêu chí năm {previous.period}",
                    item.where,
                    plan.file,
                )
            )
    return problems
