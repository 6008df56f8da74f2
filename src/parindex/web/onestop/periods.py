"""The spans of whole months an import's page offers: each month, quarter, half and year it
covers, and the figures of a span from the stored months."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parindex.core.numbers import code_digits
from parindex.core.onestop import Counts, Statistics, UnitCounts, over_months
from parindex.web.onestop.models import RegisterImport

QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Span:
    label: str
    first: str  # "2026-01"
    last: str  # "2026-06"

    @property
    def query(self) -> str:
        return f"?tu={self.first}&den={self.last}"


def month_keys(made: RegisterImport) -> list[str]:
    keys, month = [], made.first_month
    while month <= made.last_month:
        keys.append(month.strftime("%Y-%m"))
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return keys


def _key(year: str, month: int) -> str:
    return f"{year}-{code_digits(month, 2)}"


def spans(made: RegisterImport) -> list[Span]:
    """The halves, years and quarters the import covers whole, then each month."""
    keys = month_keys(made)
    have = set(keys)
    found: list[Span] = []
    for year in sorted({k[:4] for k in keys}):
        groups = [
            (f"6 tháng đầu năm {year}", range(1, 7)),
            (f"6 tháng cuối năm {year}", range(7, 13)),
            (f"Năm {year}", range(1, 13)),
            *((f"Quý {q}/{year}", range(3 * i + 1, 3 * i + 4)) for i, q in enumerate(QUARTERS)),
        ]
        for label, months in groups:
            wanted = [_key(year, m) for m in months]
            if have.issuperset(wanted):
                found.append(Span(label, wanted[0], wanted[-1]))
    found.extend(Span(f"Tháng {int(k[5:])}/{k[:4]}", k, k) for k in keys)
    return found


def figures(made: RegisterImport, first: str, last: str) -> Statistics:
    keys = [k for k in month_keys(made) if first <= k <= last]
    rows = []
    for code, _name, level in made.units:
        months = made.monthly.get(code, {})
        rows.append(
            UnitCounts(code, level, over_months([Counts(*months[k]) for k in keys if k in months]))
        )
    return Statistics(0, 0, tuple(rows))


def bounds(first: str, last: str) -> tuple[dt.date, dt.date]:
    start = dt.date(int(first[:4]), int(first[5:]), 1)
    end_month = dt.date(int(last[:4]), int(last[5:]), 1)
    after = dt.date(end_month.year + (end_month.month == 12), end_month.month % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)
