"""The 766 configuration (``indicators/766.yaml``) and the national portal's figures for a
span (CSV or XLSX: a row per unit and metric — unit, metric, numerator, denominator, and the
portal's ratio and score when it shows them), read exactly.

Every bad row is located (its row and cell) and all of them are reported at once; a table
with any problem gives nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.core.numbers import format_vn, parse_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.service766 import HUNDRED, Config, Metric, PortalFigure, parse_config
from parindex.io.frameworks import read_yaml
from parindex.io.tables import Table, find_columns, read_table, text_of

CONFIG = Path(__file__).resolve().parents[3] / "indicators" / "766.yaml"
"""The shipped metric table (reverse-engineered from the portal; unofficial)."""

LABELS = {
    "unit": "Mã đơn vị",
    "metric": "Mã chỉ số",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "ratio": "Tỷ lệ",
    "score": "Điểm",
}
"""The columns of the portal's figures, as the header names them (English names too)."""
_ALIASES = {
    "unit": ("unit", "Đơn vị"),
    "metric": ("metric", "code", "Chỉ số"),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "ratio": ("ratio", "Tỷ lệ (%)"),
    "score": ("score", "Điểm số"),
}
COLUMNS = {LABELS[key]: aliases for key, aliases in _ALIASES.items()}
REQUIRED = tuple(LABELS[k] for k in ("unit", "metric", "numerator", "denominator"))
NUMBERS = ("numerator", "denominator", "ratio", "score")


def read_config(path: Path | str = CONFIG) -> Config:
    path = Path(path)
    return parse_config(read_yaml(path), origin=path.name)


def _number(table: Table, row: Any, column: int | None, label: str) -> Decimal | Problem | None:
    if column is None:
        return None
    cell = row.get(column)
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    number = parse_decimal(cell) if isinstance(cell, str) else cell
    if isinstance(number, Decimal) and number.is_finite() and number >= 0:
        return number
    shown = text_of(cell)[:40] if not isinstance(cell, Decimal) else format_vn(cell)[:40]
    return Problem(
        f"«{label}» cần là một số không âm, không phải «{shown}»",
        where=table.where(row.number, column),
        file=table.file,
    )


def parse_portal(
    table: Table, units: Collection[str], metrics: Collection[Metric]
) -> list[PortalFigure]:
    """The rows of the portal's figures: every problem at once, each naming its row and cell;
    a unit and metric appear once."""
    named, problems = find_columns(table, COLUMNS, REQUIRED)
    if problems:
        raise InputError(problems)
    found = {key: named[label] for key, label in LABELS.items() if label in named}
    by_code = {m.code: m for m in metrics}
    rows: list[PortalFigure] = []
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        unit = text_of(row.get(found["unit"])).strip()
        code = text_of(row.get(found["metric"])).strip()
        here = len(problems)

        def at(column: str, message: str, number: int = row.number) -> None:
            problems.append(
                Problem(message, where=table.where(number, found[column]), file=table.file)
            )

        if unit not in units:
            at("unit", f"không có đơn vị mã «{unit[:40]}»" if unit else "thiếu mã đơn vị")
        metric = by_code.get(code)
        if metric is None:
            at("metric", f"không có chỉ số mã «{code[:40]}»" if code else "thiếu mã chỉ số")
        numbers = {key: _number(table, row, found.get(key), LABELS[key]) for key in NUMBERS}
        problems.extend(n for n in numbers.values() if isinstance(n, Problem))
        if len(problems) > here or metric is None:
            continue
        values: dict[str, Decimal | None] = {
            k: v for k, v in numbers.items() if not isinstance(v, Problem)
        }
        numerator, denominator = values["numerator"], values["denominator"]
        ratio, score = values["ratio"], values["score"]
        if (numerator is None) != (denominator is None):
            at("numerator", "cần cả tử số và mẫu số (hoặc để trống cả hai và ghi tỷ lệ)")
        elif numerator is None and ratio is None:
            at("numerator", "dòng không có số liệu (để trống là chưa có, không phải 0)")
        if numerator is not None and denominator is not None and numerator > denominator:
            at("numerator", "tử số lớn hơn mẫu số")
        if ratio is not None and ratio > HUNDRED:
            at("ratio", "tỷ lệ không quá 100")
        if score is not None and score > metric.max:
            at("score", f"điểm lớn hơn điểm tối đa {format_vn(metric.max)} của chỉ số {code}")
        key = (unit, code)
        if key in seen:
            at("metric", f"trùng với dòng {seen[key]} (cùng đơn vị, chỉ số)")
        seen.setdefault(key, row.number)
        if len(problems) == here:
            rows.append(PortalFigure(unit, code, numerator, denominator, ratio, score))
    if not rows and not problems:
        problems.append(Problem("tệp không có dòng số liệu nào", file=table.file))
    if problems:
        raise InputError(problems)
    return rows


def read_portal(
    path: Path | str, units: Collection[str], metrics: Collection[Metric]
) -> list[PortalFigure]:
    return parse_portal(read_table(path), units, metrics)
