"""The 766 service index (Bộ chỉ số 766) of a province's units, as the national portal scores
it: six groups, 100 points, each metric's numerator, denominator, ratio, points and maximum.

The metric table is configuration (``indicators/766.yaml``): it is reverse-engineered from
the portal, not a published decision. Pure: the configuration as loaded data in, exact
decimals out.

- ratio: numerator / denominator × 100, half-up to 2 decimals;
- points: ``linear`` max × ratio / 100, or ``threshold`` min(max, max × ratio / threshold),
  from the exact ratio, half-up to 2 decimals; a metric that does not apply at the unit's
  level earns the max when its ``not_applicable`` is ``full`` and is left out when it is
  ``skip``; a denominator of 0 earns the max when ``when_empty`` is ``full``; no figures are
  no points (None, «chưa có số liệu»), never 0;
- the on-time metric (``source: register``) is computed from the dossier register
  (``core.onestop.Counts``), the others come from the portal's figures;
- a unit's total is the sum of its points when every metric has them; ranks are standard
  competition ranks of the totals (``core.ranking``) among the units with a total.

>>> config = parse_config(EXAMPLE)
>>> [g.code for g in config.groups], [m.code for m in config.metrics]
(['TDGQ', 'TTTT'], ['ON_TIME', 'PAY'])
>>> figures = {"PAY": PortalFigure("XA", "PAY", Decimal(30), Decimal(50))}
>>> (a,) = score_units(config, [("XA", "xã", Counts(0, 40, 60, 10, 70, 5, 5, 10, 0), figures)])
>>> [(m.ratio, m.points) for m in a.metrics], a.total, a.rank
([(Decimal('85.00'), Decimal('17.00')), (Decimal('60.00'), Decimal('7.50'))], Decimal('24.50'), 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import numpy as np

from parindex.core.numbers import format_vn, round_half_up, to_decimal
from parindex.core.onestop import LEVELS, Counts
from parindex.core.problems import InputError, Problem
from parindex.core.ranking import competition_rank

SOURCES: Final = ("register", "portal")
SCORINGS: Final = ("linear", "threshold")
NOT_APPLICABLE: Final = ("full", "skip")
WHEN_EMPTY: Final = ("full", "none")
MEASURES: Final = ("on_time",)
"""The register's rates a ``register`` metric can be: the 766 on-time rate."""
NO_FIGURES: Final = "chưa có số liệu"
HUNDRED: Final = Decimal(100)
TOLERANCE: Final = Decimal("0.01")
"""Own and portal ratios further apart than this (percentage points) are listed."""

EXAMPLE: Final = {
    "groups": [
        {"code": "TDGQ", "name": "Tiến độ giải quyết", "max": 20},
        {"code": "TTTT", "name": "Thanh toán trực tuyến", "max": 10},
    ],
    "metrics": [
        {"code": "ON_TIME", "name": "Đúng hạn", "group": "TDGQ", "max": 20, "levels": ["xã"],
         "source": "register", "measure": "on_time", "scoring": "linear", "note": "thử"},
        {"code": "PAY", "name": "Thanh toán", "group": "TTTT", "max": 10, "levels": ["xã"],
         "source": "portal", "scoring": "threshold", "threshold": 80, "note": "thử"},
    ],
}  # fmt: skip
"""A two-metric configuration for examples and tests."""


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    max: Decimal


@dataclass(frozen=True)
class Metric:
    code: str
    name: str
    group: str
    max: Decimal
    levels: tuple[str, ...]
    source: str  # register | portal
    scoring: str  # linear | threshold
    threshold: Decimal | None = None
    not_applicable: str = "skip"  # full | skip
    when_empty: str = "none"  # full | none
    measure: str = ""
    note: str = ""

    def points_of(self, ratio: Fraction) -> Decimal:
        """The points a ratio (in percent) earns, half-up to 2 decimals, never over the max.

        >>> m = Metric("P", "P", "T", Decimal(10), ("xã",), "portal", "threshold", Decimal(80))
        >>> m.points_of(Fraction(60)), m.points_of(Fraction(95))
        (Decimal('7.50'), Decimal('10.00'))
        """
        top = Fraction(self.max)
        if self.scoring == "threshold" and self.threshold:
            earned = top * ratio / Fraction(self.threshold)
        else:
            earned = top * ratio / 100
        return round_half_up(min(top, max(Fraction(0), earned)), 2)


@dataclass(frozen=True)
class Config:
    groups: tuple[Group, ...]
    metrics: tuple[Metric, ...]
    name: str = ""
    note: str = ""

    def metric(self, code: str) -> Metric | None:
        return next((m for m in self.metrics if m.code == code), None)


# ---- the configuration ----------------------------------------------------------------------


def _text(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    return "" if value is None else str(value).strip()


def _amount(raw: object) -> Decimal | None:
    if isinstance(raw, (bool, str)):
        return None
    value = to_decimal(raw)
    return value if value is not None and value.is_finite() else None


def parse_config(data: Any, origin: str = "") -> Config:
    """The groups and metrics of a loaded configuration, or an InputError naming every bad
    entry (the group's or metric's code or its position)."""
    problems: list[Problem] = []

    def bad(message: str, where: str = "") -> None:
        problems.append(Problem(message, where=where, file=origin))

    if not isinstance(data, dict):
        raise InputError([Problem("cần các mục «groups» và «metrics»", file=origin)])
    raw_groups, raw_metrics = data.get("groups"), data.get("metrics")
    if not isinstance(raw_groups, list) or not isinstance(raw_metrics, list):
        raise InputError([Problem("«groups» và «metrics» là hai danh sách", file=origin)])
    groups: list[Group] = []
    for number, entry in enumerate(raw_groups, start=1):
        where = f"nhóm thứ {number}"
        if not isinstance(entry, dict):
            bad("mỗi nhóm là một bảng khóa: giá trị", where)
            continue
        code, name, top = _text(entry, "code"), _text(entry, "name"), _amount(entry.get("max"))
        where = f"nhóm {code[:40]}" if code else where
        if not code or len(code) > 40 or any(g.code == code for g in groups):
            bad("thiếu mã nhóm (code), mã dài quá 40 ký tự hoặc trùng", where)
            continue
        if not name:
            bad("thiếu tên nhóm (name)", where)
        if top is None or top <= 0:
            bad("điểm tối đa (max) cần là một số dương", where)
            continue
        groups.append(Group(code, name, top))
    metrics: list[Metric] = []
    for number, entry in enumerate(raw_metrics, start=1):
        found = _metric(entry, number, {g.code for g in groups}, metrics, bad)
        if found is not None:
            metrics.append(found)
    if not problems:
        for group in groups:
            total = sum((m.max for m in metrics if m.group == group.code), Decimal(0))
            if total != group.max:
                bad(
                    f"tổng điểm tối đa các chỉ số là {format_vn(total)}, "
                    f"khác điểm tối đa của nhóm {format_vn(group.max)}",
                    f"nhóm {group.code}",
                )
    if problems:
        raise InputError(problems)
    return Config(tuple(groups), tuple(metrics), _text(data, "name"), _text(data, "note"))


def _metric(
    entry: Any, number: int, groups: set[str], before: Sequence[Metric], bad: Any
) -> Metric | None:
    where = f"chỉ số thứ {number}"
    if not isinstance(entry, dict):
        bad("mỗi chỉ số là một bảng khóa: giá trị", where)
        return None
    code = _text(entry, "code")
    where = f"chỉ số {code[:40]}" if code else where
    if not code or len(code) > 40 or any(m.code == code for m in before):
        bad("thiếu mã chỉ số (code), mã dài quá 40 ký tự hoặc trùng", where)
        return None
    here = []

    def wrong(message: str) -> None:
        here.append(message)
        bad(message, where)

    name, group = _text(entry, "name"), _text(entry, "group")
    top, threshold = _amount(entry.get("max")), _amount(entry.get("threshold"))
    levels = entry.get("levels")
    source, scoring = _text(entry, "source"), _text(entry, "scoring")
    not_applicable = _text(entry, "not_applicable") or "skip"
    when_empty = _text(entry, "when_empty") or "none"
    measure = _text(entry, "measure")
    if not name:
        wrong("thiếu tên chỉ số (name)")
    if group not in groups:
        wrong(f"nhóm «{group[:40]}» không có trong «groups»")
    if top is None or top <= 0:
        wrong("điểm tối đa (max) cần là một số dương")
    if (
        not isinstance(levels, list)
        or not levels
        or not all(isinstance(x, str) and x in LEVELS for x in levels)
    ):
        wrong(f"levels cần là danh sách các cấp ({', '.join(LEVELS)})")
        levels = []
    if source not in SOURCES:
        wrong(f"source «{source[:40]}» không hợp lệ (register hoặc portal)")
    if source == "register" and measure not in MEASURES:
        wrong(f"chỉ số tính từ sổ theo dõi cần measure là một trong: {', '.join(MEASURES)}")
    if scoring not in SCORINGS:
        wrong(f"scoring «{scoring[:40]}» không hợp lệ (linear hoặc threshold)")
    if scoring == "threshold" and (threshold is None or not 0 < threshold <= HUNDRED):
        wrong("cách tính threshold cần ngưỡng (threshold) lớn hơn 0 và không quá 100")
    if not_applicable not in NOT_APPLICABLE:
        wrong(f"not_applicable «{not_applicable[:40]}» không hợp lệ (full hoặc skip)")
    if when_empty not in WHEN_EMPTY:
        wrong(f"when_empty «{when_empty[:40]}» không hợp lệ (full hoặc none)")
    if not _text(entry, "note"):
        wrong("thiếu ghi chú (note) về nguồn, mức độ chính thức của chỉ số")
    if here or top is None:
        return None
    return Metric(
        code=code,
        name=name,
        group=group,
        max=top,
        levels=tuple(levels),
        source=source,
        scoring=scoring,
        threshold=threshold if scoring == "threshold" else None,
        not_applicable=not_applicable,
        when_empty=when_empty,
        measure=measure,
        note=_text(entry, "note"),
    )


# ---- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalFigure:
    """One metric of one unit as the portal shows it (numerator and denominator, or only the
    ratio; the portal's score when it gave one)."""

    unit: str
    metric: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    ratio: Decimal | None = None
    score: Decimal | None = None


@dataclass(frozen=True)
class MetricScore:
    metric: Metric
    numerator: Decimal | None
    denominator: Decimal | None
    ratio: Decimal | None
    points: Decimal | None
    source: str  # register | portal | not_applicable
    remark: str = ""  # why the points are what they are, when not from the ratio

    @property
    def max(self) -> Decimal:
        return self.metric.max


@dataclass(frozen=True)
class GroupScore:
    group: Group
    points: Decimal | None  # None: some metric has no figures
    max: Decimal
    known: Decimal  # the points of the metrics with figures


@dataclass(frozen=True)
class UnitScore:
    unit: str
    level: str
    metrics: tuple[MetricScore, ...]
    groups: tuple[GroupScore, ...]
    total: Decimal | None  # None: some metric has no figures
    known: Decimal
    max: Decimal
    rank: int | None = None

    @property
    def missing(self) -> int:
        return sum(1 for m in self.metrics if m.points is None)


def _ratio(numerator: Decimal, denominator: Decimal) -> Fraction:
    return Fraction(numerator) * 100 / Fraction(denominator)


def score_metric(
    metric: Metric, level: str, counts: Counts | None, figure: PortalFigure | None
) -> MetricScore | None:
    """One metric of one unit; None when it does not apply and is left out."""
    if level not in metric.levels:
        if metric.not_applicable != "full":
            return None
        return MetricScore(
            metric, None, None, None, round_half_up(Fraction(metric.max), 2), "not_applicable",
            "không áp dụng ở cấp này: điểm tối đa (chính sách không chính thức)",
        )  # fmt: skip
    numerator = denominator = None
    exact: Fraction | None = None
    if metric.source == "register":
        if counts is not None:
            numerator = Decimal(counts.early + counts.on_time + counts.within)
            denominator = Decimal(counts.received)
    elif figure is not None:
        numerator, denominator = figure.numerator, figure.denominator
        if (numerator is None or denominator is None) and figure.ratio is not None:
            exact = Fraction(figure.ratio)
    if numerator is not None and denominator is not None and denominator > 0:
        exact = _ratio(numerator, denominator)
    if exact is None:
        if denominator is not None and denominator == 0 and metric.when_empty == "full":
            return MetricScore(
                metric, numerator, denominator, None, round_half_up(Fraction(metric.max), 2),
                metric.source, "không phát sinh: điểm tối đa",
            )  # fmt: skip
        return MetricScore(metric, numerator, denominator, None, None, metric.source, NO_FIGURES)
    return MetricScore(
        metric,
        numerator,
        denominator,
        round_half_up(exact, 2),
        metric.points_of(exact),
        metric.source,
    )


def score_unit(
    config: Config,
    unit: str,
    level: str,
    counts: Counts | None,
    figures: Mapping[str, PortalFigure],
) -> UnitScore:
    metrics = []
    for metric in config.metrics:
        found = score_metric(metric, level, counts, figures.get(metric.code))
        if found is not None:
            metrics.append(found)
    groups = []
    for group in config.groups:
        members = [m for m in metrics if m.metric.group == group.code]
        known = sum((m.points for m in members if m.points is not None), Decimal(0))
        top = sum((m.max for m in members), Decimal(0))
        complete = all(m.points is not None for m in members)
        groups.append(GroupScore(group, known if complete else None, top, known))
    known = sum((g.known for g in groups), Decimal(0))
    complete = all(m.points is not None for m in metrics)
    top = sum((g.max for g in groups), Decimal(0))
    return UnitScore(unit, level, tuple(metrics), tuple(groups), known if complete else None,
                     known, top)  # fmt: skip


def score_units(
    config: Config,
    units: Sequence[tuple[str, str, Counts | None, Mapping[str, PortalFigure]]],
) -> list[UnitScore]:
    """Every unit (code, level, its register figures, its portal figures by metric code),
    ranked by total among those with one."""
    scored = [score_unit(config, *unit) for unit in units]
    ranked = [i for i, s in enumerate(scored) if s.total is not None]
    keys = np.array([int(scored[i].total * 100) for i in ranked], dtype=np.int64)  # type: ignore[operator]
    ranks = competition_rank(keys) if ranked else np.array([], dtype=np.int64)
    for i, rank in zip(ranked, ranks.tolist(), strict=True):
        s = scored[i]
        scored[i] = UnitScore(s.unit, s.level, s.metrics, s.groups, s.total, s.known, s.max,
                              int(rank))  # fmt: skip
    return scored


# ---- reconciliation -------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    unit: str
    metric: str
    what: str  # ratio | points
    own: Decimal
    portal: Decimal

    @property
    def gap(self) -> Decimal:
        return self.own - self.portal


def _portal_ratio(figure: PortalFigure) -> Decimal | None:
    if figure.numerator is not None and figure.denominator:
        return round_half_up(_ratio(figure.numerator, figure.denominator), 2)
    return figure.ratio


def reconcile(scores: Sequence[UnitScore], figures: Sequence[PortalFigure]) -> list[Difference]:
    """Own figures against the portal's, unit by unit, for the same span: the ratio of each
    metric computed from the register, and the points of each metric where the portal gave
    its score; those further apart than 0,01 are listed."""
    by_key = {(f.unit, f.metric): f for f in figures}
    found = []
    for unit in scores:
        for m in unit.metrics:
            figure = by_key.get((unit.unit, m.metric.code))
            if figure is None:
                continue
            portal = _portal_ratio(figure)
            own_ratio = m.ratio if m.source == "register" else None
            if own_ratio is not None and portal is not None and abs(own_ratio - portal) > TOLERANCE:
                found.append(Difference(unit.unit, m.metric.code, "ratio", own_ratio, portal))
            score = figure.score
            if m.points is not None and score is not None and abs(m.points - score) > TOLERANCE:
                found.append(Difference(unit.unit, m.metric.code, "points", m.points, score))
    return found
