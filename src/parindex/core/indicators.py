"""Targets and indicators (chỉ tiêu) between two indexes: what is measured, the value to
reach, and whether a unit reached it.

An **indicator** is a ratio (numerator / denominator × 100, "%") or a plain value ("hồ sơ",
"đơn vị"); higher or lower is better. A **target** sets the value to reach for a plan's
years and a scope (a level «cấp xã», a kind of unit «phường», or every unit): "≥ 80% cấp
huyện; ≥ 60% cấp xã" is two targets. A **value** is one unit's figure for one period; a
missing figure is None, never 0 (a ratio with no case, a denominator of 0, has no measure).

>>> rate = Indicator("HS-MANG", "Hồ sơ công việc xử lý trên môi trường mạng", "%", RATIO)
>>> measure(rate, Value("XA", "2026", numerator=Decimal(83), denominator=Decimal(100)))
Decimal('83.00')
>>> measure(rate, Value("XA", "2026", numerator=Decimal(1661), denominator=Decimal(2000)))
Decimal('83.05')
>>> target = Target("HS-MANG", "QĐ 2629/QĐ-TTg", 2025, 2027, "cấp xã", ">=", Decimal(60))
>>> target.text, attainment(target, Decimal("83.05")), attainment(target, None)
('≥ 60%', 'Đạt', None)
>>> trend(rate, [(("2025"), Decimal("71.5")), ("2026", Decimal("83.05"))])[-1].words
'+11,55 so với 2025 (tốt lên)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.core.numbers import format_percent, format_signed, format_vn, round_half_up
from parindex.core.units import AGENCY_KINDS, LEVEL_KINDS

RATIO = "ratio"
VALUE = "value"
KINDS = (RATIO, VALUE)
HIGHER = "higher"
LOWER = "lower"
DIRECTIONS = (HIGHER, LOWER)

ATTAINED = "Đạt"
MISSED = "Không đạt"

COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
"""The comparators a target takes, as files write them and as tables print them («trên 86%»
is ``>``, «đạt 95%» is ``>=``)."""
_SPELLINGS = {**{k: k for k in COMPARATORS}, "≥": ">=", "≤": "<=", "==": "="}

LEVELS = {
    "cấp tỉnh": AGENCY_KINDS,
    "cấp huyện": LEVEL_KINDS["district"],
    "cấp xã": LEVEL_KINDS["commune"],
}
"""A level as targets name it and the kinds of unit at it (sở, ban, ngành are the province's)."""

PLACES = 2
"""A measure's decimals: ratios are percentages rounded half-up to 2 decimals."""


def comparator_of(text: str) -> str | None:
    """``>=`` for «≥» or «>=»; None for anything else.

    >>> comparator_of("≥"), comparator_of("<="), comparator_of("~")
    ('>=', '<=', None)
    """
    return _SPELLINGS.get(text.strip())


def level_of(kind: str) -> str:
    """The level of a kind of unit (``""`` for a kind of none).

    >>> level_of("phường"), level_of("sở"), level_of("huyện")
    ('cấp xã', 'cấp tỉnh', 'cấp huyện')
    """
    for level, kinds in LEVELS.items():
        if kind in kinds:
            return level
    return ""


def in_scope(scope: str, kind: str) -> bool:
    """Whether a target or an indicator of ``scope`` (a level, a kind, ``""``: every unit)
    applies to a unit of ``kind``.

    >>> in_scope("cấp xã", "phường"), in_scope("phường", "xã"), in_scope("", "sở")
    (True, False, True)
    """
    return not scope or scope == kind or scope == level_of(kind)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str  # "%", "hồ sơ", "đơn vị"
    kind: str = RATIO  # RATIO or VALUE
    direction: str = HIGHER
    scopes: tuple[str, ...] = ()  # levels or kinds it applies to; empty: every unit
    numerator: str = ""  # what is counted above the line (a ratio)
    denominator: str = ""
    data_source: str = ""  # where the figures come from
    source: str = ""  # the text it comes from: "QĐ 2629/QĐ-TTg, Phụ lục I"
    lead: str = ""  # «Cơ quan chủ trì theo dõi, đánh giá»
    note: str = ""  # what is unofficial or missing
    criteria: tuple[str, ...] = ()  # framework criteria it feeds

    def applies_to(self, kind: str) -> bool:
        return not self.scopes or any(in_scope(s, kind) for s in self.scopes)

    def shown(self, value: Decimal | None) -> str:
        """A measure in the indicator's unit: «83,05%», «2.358 hồ sơ», «—» for none."""
        if value is None:
            return "—"
        if self.unit == "%":
            return format_percent(value)
        return f"{format_vn(value)} {self.unit}".strip()


@dataclass(frozen=True)
class Target:
    indicator: str
    plan: str  # the text that sets it: "QĐ 2629/QĐ-TTg, Phụ lục I"
    first_year: int
    last_year: int
    scope: str  # a level, a kind of unit, "" for every unit
    comparator: str  # ">=", "<=", "="
    value: Decimal
    unit: str = "%"

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def period(self) -> str:
        """«2025-2027», or «2026» for one year."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    @property
    def text(self) -> str:
        """«≥ 80%», «≤ 5 hồ sơ»; the scope is said apart."""
        amount = (
            format_percent(self.value)
            if self.unit == "%"
            else f"{format_vn(self.value)} {self.unit}"
        )
        return f"{COMPARATORS[self.comparator]} {amount}"

    def reached(self, value: Decimal) -> bool:
        if self.comparator == ">=":
            return value >= self.value
        if self.comparator == ">":
            return value > self.value
        if self.comparator == "<=":
            return value <= self.value
        if self.comparator == "<":
            return value < self.value
        return value == self.value


@dataclass(frozen=True)
class Value:
    """One unit's figure for one period: a ratio's numerator and denominator, or a value."""

    unit: str
    period: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None


def exact(indicator: Indicator, value: Value) -> Fraction | None:
    """The measure exactly (a percent for a ratio), for a criterion's rule; None: no figure.

    >>> rate = Indicator("X", "x", "%")
    >>> exact(rate, Value("A", "2026", Decimal(35), Decimal(36)))
    Fraction(875, 9)
    >>> exact(rate, Value("A", "2026", Decimal(0), Decimal(0))) is None
    True
    """
    if indicator.kind == RATIO:
        if value.numerator is None or value.denominator is None or value.denominator == 0:
            return None
        return Fraction(value.numerator) * 100 / Fraction(value.denominator)
    return None if value.value is None else Fraction(value.value)


def measure(indicator: Indicator, value: Value) -> Decimal | None:
    """The measure as tables show it: half-up to 2 decimals (a ratio), the value as entered."""
    found = exact(indicator, value)
    if found is None:
        return None
    if indicator.kind == RATIO:
        return round_half_up(found, PLACES)
    return value.value


def value_problems(indicator: Indicator, value: Value) -> list[str]:
    """Why a figure cannot be stored for the indicator (Vietnamese; empty: it can).

    >>> rate = Indicator("X", "x", "%")
    >>> value_problems(rate, Value("A", "2026", Decimal(5), Decimal(4)))
    ['tử số (5) lớn hơn mẫu số (4)']
    >>> value_problems(rate, Value("A", "2026", value=Decimal(80)))
    ['chỉ tiêu tỷ lệ cần tử số và mẫu số']
    """
    numbers = [n for n in (value.numerator, value.denominator, value.value) if n is not None]
    if any(not n.is_finite() for n in numbers):
        return ["số không hữu hạn"]
    if any(n < 0 for n in numbers):
        return ["số âm"]
    if indicator.kind == RATIO:
        if value.value is not None:
            return ["chỉ tiêu tỷ lệ cần tử số và mẫu số"]
        if (value.numerator is None) != (value.denominator is None):
            return ["cần cả tử số và mẫu số"]
        above, below = value.numerator, value.denominator
        if above is not None and below is not None and above > below:
            return [f"tử số ({format_vn(above)}) lớn hơn mẫu số ({format_vn(below)})"]
        return []
    if value.numerator is not None or value.denominator is not None:
        return ["chỉ tiêu này nhập một giá trị, không nhập tử số, mẫu số"]
    return []


def period_end_year(period: str) -> int | None:
    """The year a period ends in («6 tháng đầu năm 2026» → 2026); None: not a period.

    >>> period_end_year("6 tháng đầu năm 2026"), period_end_year("Quý I/2025"), period_end_year("x")
    (2026, 2025, None)
    """
    try:
        end = parse_deadline(period).end
    except DeadlineError:
        return None
    return None if end is None else end.year


def period_key(period: str) -> tuple[str, str]:
    """Periods in time order: by their last day («Quý I/2026» before «2026»)."""
    try:
        end = parse_deadline(period).end
    except DeadlineError:
        end = None
    return ((end.isoformat() if end else "9999"), period)


def target_for(targets: Iterable[Target], indicator: str, kind: str, year: int) -> Target | None:
    """The target a unit of ``kind`` must reach in ``year``: its kind's before its level's
    before every unit's; the newest plan's when two cover the year.

    >>> ts = [Target("X", "p", 2025, 2027, "", ">=", Decimal(100)),
    ...       Target("X", "p", 2025, 2027, "cấp xã", ">=", Decimal(60))]
    >>> target_for(ts, "X", "xã", 2026).value, target_for(ts, "X", "sở", 2026).value
    (Decimal('60'), Decimal('100'))
    """
    found = [
        t
        for t in targets
        if t.indicator == indicator and t.covers(year) and in_scope(t.scope, kind)
    ]
    if not found:
        return None

    def rank(t: Target) -> tuple[int, int]:
        specific = 2 if t.scope == kind else 1 if t.scope else 0
        return (specific, t.first_year)

    return max(found, key=rank)


def attainment(target: Target | None, value: Decimal | None) -> str | None:
    """«Đạt» or «Không đạt»; None when there is no target or no value (never «Không đạt»)."""
    if target is None or value is None:
        return None
    return ATTAINED if target.reached(value) else MISSED


@dataclass(frozen=True)
class Step:
    """One period of a trend: its measure and the change from the period before."""

    period: str
    measure: Decimal | None
    change: Decimal | None
    words: str  # «+11,55 so với 2025 (tốt lên)»; "" for the first or a missing figure


def trend(indicator: Indicator, measures: Sequence[tuple[str, Decimal | None]]) -> list[Step]:
    """Each period's change from the last period with a figure, in the core's signed wording;
    «tốt lên» / «kém đi» by the indicator's direction."""
    steps: list[Step] = []
    before: tuple[str, Decimal] | None = None
    for period, found in sorted(measures, key=lambda m: period_key(m[0])):
        if found is None:
            steps.append(Step(period, None, None, ""))
            continue
        if before is None:
            steps.append(Step(period, found, None, ""))
        else:
            change = found - before[1]
            better = change > 0 if indicator.direction == HIGHER else change < 0
            verdict = "không đổi" if change == 0 else "tốt lên" if better else "kém đi"
            words = f"{format_signed(change)} so với {before[0]} ({verdict})"
            steps.append(Step(period, found, change, words))
        before = (period, found)
    return steps


def pooled(indicator: Indicator, values: Iterable[Value]) -> Decimal | None:
    """Several units' figures as one: a ratio's numerators over its denominators; a count's
    sum; None for a plain percentage (an average of rates is not a rate) or no figure.

    >>> rate = Indicator("X", "x", "%")
    >>> pooled(rate, [Value("A", "2026", Decimal(395), Decimal(400)),
    ...               Value("B", "2026", Decimal(1963), Decimal(2000))])
    Decimal('98.25')
    """
    values = list(values)
    if indicator.kind == RATIO:
        pairs = [
            (v.numerator, v.denominator)
            for v in values
            if v.numerator is not None and v.denominator is not None
        ]
        above = sum((n for n, _ in pairs), Decimal(0))
        below = sum((d for _, d in pairs), Decimal(0))
        if not pairs or below == 0:
            return None
        return round_half_up(Fraction(above) * 100 / Fraction(below), PLACES)
    if indicator.unit == "%":
        return None
    found = [v.value for v in values if v.value is not None]
    return sum(found, Decimal(0)) if found else None
