"""The figures a report cites beyond one unit's: per group, per field, the survey's sample.

Exact decimals from the published run (averages rounded half-up once, by the core's rule);
the report (``report_document``) words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.numbers import round_half_up
from parindex.core.published import GroupEntry, PublishedRun, UnitEntry

TOP = 3
"""How many units a report names at the top and at the bottom of a group."""


def members(run: PublishedRun, group: GroupEntry) -> list[UnitEntry]:
    """The group's units in rank order."""
    return [u for u in run.units if group.label is None or u.block == group.label]


def mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return round_half_up(sum(values, Decimal(0)) / len(values))


@dataclass(frozen=True)
class FieldFigures:
    code: str
    name: str
    average: Decimal | None
    """The average of the units' percent of the field's maximum (units it applies to)."""
    weak: int
    """How many units reached less than the framework's ``weak_below`` percent in it."""
    assessed: int


def field_figures(run: PublishedRun, units: Sequence[UnitEntry]) -> list[FieldFigures]:
    found = []
    for info in run.framework.fields:
        entries = [f for u in units if (f := u.field(info.code)) is not None and f.assessed]
        found.append(
            FieldFigures(
                info.code,
                info.name,
                mean([f.percent for f in entries if f.percent is not None]),
                sum(1 for f in entries if f.weak),
                len(entries),
            )
        )
    return found


@dataclass(frozen=True)
class SurveyFigures:
    respondents: int
    units: int
    smallest: int
    largest: int
    under_minimum: int
    """Units with a survey question answered by fewer than the minimum sample."""
    confidence: Decimal | None


def survey_figures(run: PublishedRun) -> SurveyFigures | None:
    counts = [u.survey.respondents for u in run.units if u.survey and u.survey.respondents]
    if not counts:
        return None
    confidence = next((u.survey.confidence for u in run.units if u.survey), None)
    return SurveyFigures(
        respondents=sum(counts),
        units=len(counts),
        smallest=min(counts),
        largest=max(counts),
        under_minimum=sum(1 for u in run.units if u.survey and u.survey.under_minimum),
        confidence=confidence,
    )


def part_average(units: Sequence[UnitEntry], part: str) -> Decimal | None:
    """The average percent of the self-assessment (``self``) or the survey (``survey``) part."""
    values = []
    for u in units:
        entry = u.self_part if part == "self" else u.survey
        if entry is not None and entry.percent is not None:
            values.append(entry.percent)
    return mean(values)


def previous_group(previous: PublishedRun | None, group: GroupEntry) -> GroupEntry | None:
    """The same group a year earlier (the run, or the block of the same label)."""
    if previous is None:
        return None
    if group.label is None:
        return previous.overall if not previous.blocked else None
    return next((g for g in previous.blocks if g.label == group.label), None)


def movers(units: Sequence[UnitEntry]) -> tuple[list[UnitEntry], list[UnitEntry]]:
    """The units that rose most and fell most on the year (up to ``TOP`` each)."""
    compared = [u for u in units if u.previous is not None and u.previous.delta is not None]

    def delta(u: UnitEntry) -> Decimal:
        return u.previous.delta if u.previous and u.previous.delta is not None else Decimal(0)

    rises = sorted((u for u in compared if delta(u) > 0), key=lambda u: -delta(u))[:TOP]
    falls = sorted((u for u in compared if delta(u) < 0), key=delta)[:TOP]
    return rises, falls


def leaf_count(run: PublishedRun) -> int:
    """The framework's sub-criteria (leaves scored), as the full run's scores list them."""
    return max((len(u.scores) for u in run.units), default=0)
