"""The indicator catalogue (``indicators/catalogue.yaml``) and a table of indicator values
(XLSX or CSV: unit, indicator, period, numerator, denominator | value), read exactly.

Every problem is located (the entry's code or the row and the cell) and all of them are
reported at once; a table with any problem gives nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.core.indicators import (
    DIRECTIONS,
    KINDS,
    Indicator,
    Target,
    Value,
    comparator_of,
    period_end_year,
    value_problems,
)
from parindex.core.numbers import to_decimal
from parindex.core.problems import InputError, Problem
from parindex.io.frameworks import read_yaml
from parindex.io.tables import Table, find_columns, read_table, text_of

CATALOGUE = Path(__file__).resolve().parents[3] / "indicators" / "catalogue.yaml"
"""The shipped catalogue: QĐ 2629/QĐ-TTg Phụ lục I, the one-stop and online-service rates…"""

_TEXT_FIELDS = ("numerator", "denominator", "data_source", "source", "lead", "note")


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]


def _years(raw: object) -> tuple[int, int] | None:
    """«2025-2027» or 2026 → (first, last); None if not years."""
    text = str(raw).strip().replace("–", "-").replace(" ", "")
    parts = text.split("-")
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        return None
    first, last = int(parts[0]), int(parts[-1])
    return (first, last) if first <= last else None


def _text(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    return "" if value is None else str(value).strip()


def parse_catalogue(data: Any, origin: str = "") -> Catalogue:
    """The catalogue's indicators and targets, or an InputError naming each bad entry."""
    problems: list[Problem] = []

    def bad(message: str, where: str = "") -> None:
        problems.append(Problem(message, where=where, file=origin))

    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise InputError([Problem("cần mục «indicators» là một danh sách", file=origin)])
    indicators: list[Indicator] = []
    targets: list[Target] = []
    seen: set[str] = set()
    for number, entry in enumerate(data["indicators"], start=1):
        where = f"chỉ tiêu thứ {number}"
        if not isinstance(entry, dict):
            bad("mỗi chỉ tiêu là một bảng khóa: giá trị", where)
            continue
        code = _text(entry, "code")
        where = f"chỉ tiêu {code}" if code else where
        if not code or len(code) > 40:
            bad("thiếu mã chỉ tiêu (code) hoặc mã dài quá 40 ký tự", where)
            continue
        if code in seen:
            bad("mã chỉ tiêu trùng", where)
            continue
        seen.add(code)
        name, unit = _text(entry, "name"), _text(entry, "unit")
        kind = _text(entry, "kind") or "ratio"
        direction = _text(entry, "direction") or "higher"
        if not name:
            bad("thiếu tên chỉ tiêu (name)", where)
        if not unit:
            bad("thiếu đơn vị tính (unit)", where)
        if kind not in KINDS:
            bad(f"kind «{kind}» không hợp lệ (ratio hoặc value)", where)
        if direction not in DIRECTIONS:
            bad(f"direction «{direction}» không hợp lệ (higher hoặc lower)", where)
        if kind == "ratio" and unit and unit != "%":
            bad("chỉ tiêu tỷ lệ có đơn vị tính «%»", where)
        scopes = entry.get("scopes") or []
        criteria = entry.get("criteria") or []
        if not isinstance(scopes, list) or not isinstance(criteria, list):
            bad("scopes và criteria là danh sách", where)
            scopes, criteria = [], []
        indicators.append(
            Indicator(
                code=code,
                name=name,
                unit=unit,
                kind=kind,
                direction=direction,
                scopes=tuple(str(s).strip() for s in scopes if str(s).strip()),
                criteria=tuple(str(c).strip() for c in criteria if str(c).strip()),
                **{key: _text(entry, key) for key in _TEXT_FIELDS},
            )
        )
        raw_targets = entry.get("targets") or []
        if not isinstance(raw_targets, list):
            bad("targets là danh sách", where)
            continue
        for t_number, raw in enumerate(raw_targets, start=1):
            found = _target(raw, code, unit, f"{where}, mức thứ {t_number}", bad)
            if found is not None:
                targets.append(found)
    if problems:
        raise InputError(problems)
    return Catalogue(tuple(indicators), tuple(targets))


def _target(raw: Any, code: str, unit: str, where: str, bad: Any) -> Target | None:
    if not isinstance(raw, dict):
        bad("mỗi mức phải đạt là một bảng khóa: giá trị", where)
        return None
    years = _years(raw.get("years", ""))
    comparator = comparator_of(str(raw.get("comparator", ">=")))
    value = raw.get("value")
    plan = _text(raw, "plan")
    ok = True
    if years is None:
        bad("years cần dạng «2025-2027» hoặc «2026»", where)
        ok = False
    if comparator is None:
        bad("comparator cần là >=, >, <=, < hoặc =", where)
        ok = False
    amount = None if isinstance(value, bool) else to_decimal(value)
    if amount is None or not amount.is_finite() or isinstance(value, str):
        bad("value cần là một số", where)
        ok = False
    if not plan:
        bad("thiếu văn bản đặt chỉ tiêu (plan)", where)
        ok = False
    if not ok or years is None or comparator is None or amount is None:
        return None
    return Target(code, plan, years[0], years[1], _text(raw, "scope"), comparator, amount, unit)


def read_catalogue(path: Path | str = CATALOGUE) -> Catalogue:
    path = Path(path)
    return parse_catalogue(read_yaml(path), origin=path.name)


# ---- a table of values ------------------------------------------------------------------

LABELS = {
    "unit": "Mã đơn vị",
    "indicator": "Mã chỉ tiêu",
    "period": "Kỳ",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "value": "Giá trị",
}
"""The columns of a value table, as its header names them (English names accepted too)."""
_ALIASES = {
    "unit": ("unit", "Đơn vị"),
    "indicator": ("indicator", "Chỉ tiêu"),
    "period": ("period",),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "value": ("value", "Kết quả"),
}
COLUMNS = {LABELS[key]: aliases for key, aliases in _ALIASES.items()}


NUMBERS = ("numerator", "denominator", "value")


@dataclass(frozen=True)
class ValueRow:
    row: int
    indicator: str
    value: Value


def _number(table: Table, row: Any, column: int | None, label: str) -> Decimal | Problem | None:
    if column is None:
        return None
    cell = row.get(column)
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, Decimal) and cell.is_finite():
        return cell
    return Problem(
        f"«{label}» cần là một số, không phải «{text_of(cell)[:40]}»",
        where=table.where(row.number, column),
        file=table.file,
    )


def parse_values(
    table: Table, units: Mapping[str, str], indicators: Mapping[str, Indicator]
) -> list[ValueRow]:
    """The rows of a value table; ``units`` maps a unit's code to its kind. Every problem at
    once, each naming its row and cell; a unit, indicator and period appear once."""
    named, problems = find_columns(
        table, COLUMNS, tuple(LABELS[k] for k in ("unit", "indicator", "period"))
    )
    found = {key: named[label] for key, label in LABELS.items() if label in named}
    if "value" not in found and not ("numerator" in found and "denominator" in found):
        problems.append(
            Problem("cần cột «Tử số» và «Mẫu số», hoặc cột «Giá trị» (dòng 1)", file=table.file)
        )
    if problems:
        raise InputError(problems)
    rows: list[ValueRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        unit = text_of(row.get(found["unit"])).strip()
        code = text_of(row.get(found["indicator"])).strip()
        period = " ".join(text_of(row.get(found["period"])).split())
        here = len(problems)

        def at(column: str, message: str, number: int = row.number) -> None:
            problems.append(
                Problem(message, where=table.where(number, found[column]), file=table.file)
            )

        if unit not in units:
            at("unit", f"không có đơn vị mã «{unit[:40]}»" if unit else "thiếu mã đơn vị")
        indicator = indicators.get(code)
        if indicator is None:
            at("indicator", f"không có chỉ tiêu mã «{code[:40]}»" if code else "thiếu mã chỉ tiêu")
        if period_end_year(period) is None:
            at("period", f"kỳ «{period[:40]}» không đọc được (ví dụ: 2026, 6 tháng đầu năm 2026)")
        numbers = {key: _number(table, row, found.get(key), LABELS[key]) for key in NUMBERS}
        problems.extend(n for n in numbers.values() if isinstance(n, Problem))
        if len(problems) > here or indicator is None:
            continue
        value = Value(unit, period, *(n for n in numbers.values() if not isinstance(n, Problem)))
        if all(n is None for n in (value.numerator, value.denominator, value.value)):
            at("indicator", "dòng không có số liệu (để trống là chưa có, không phải 0)")
            continue
        if not indicator.applies_to(units[unit]):
            at("unit", f"chỉ tiêu {code} không áp dụng cho đơn vị loại «{units[unit]}»")
        where = "numerator" if indicator.kind == "ratio" else "value"
        for message in value_problems(indicator, value):
            at(where if where in found else next(k for k in NUMBERS if k in found), message)
        key = (unit, code, period)
        if key in seen:
            at("period", f"trùng với dòng {seen[key]} (cùng đơn vị, chỉ tiêu, kỳ)")
        seen.setdefault(key, row.number)
        if len(problems) == here:
            rows.append(ValueRow(row.number, code, value))
    if problems:
        raise InputError(problems)
    return rows


def read_values(
    path: Path | str, units: Mapping[str, str], indicators: Mapping[str, Indicator]
) -> list[ValueRow]:
    return parse_values(read_table(path), units, indicators)
