"""A cycle's results as a leader reads them: the published ones, or else the provisional ones
computed now exactly as the admin's preview computes them (``results.compute`` and
``results.display``; nothing is scored here). Then the classes, the fields where units lose
the most points and, once published, the change since the previous publication."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from parindex.core.narrative import index_text, percent, points
from parindex.core.numbers import format_signed
from parindex.core.problems import InputError
from parindex.core.published import PublishedRun, UnitEntry
from parindex.reports.svg_charts import LegendItem, distribution_svg, legend_items
from parindex.web.cycles.models import Cycle
from parindex.web.results.compute import cycle_inputs, provisional
from parindex.web.results.display import Choice, RankingPage
from parindex.web.results.models import STORED_PARTS, Publication
from parindex.web.results.views_public import page_context

PROBLEMS_SHOWN = 5
MOVERS_SHOWN = 5


@dataclass(frozen=True)
class FieldLoss:
    """A field's points lost across the units it applies to: the share of its max not reached."""

    code: str
    name: str
    lost: Decimal  # points, summed over the units
    max: Decimal  # the field's max, summed over the same units
    weak_units: int  # units below the framework's weak threshold in the field

    @property
    def share_text(self) -> str:
        return percent(self.share)

    @property
    def share(self) -> Decimal:
        return self.lost * 100 / self.max if self.max else Decimal(0)

    @property
    def permille(self) -> int:
        return int(self.lost * 1000 // self.max) if self.max else 0

    @property
    def lost_text(self) -> str:
        return points(self.lost)


def field_losses(run: PublishedRun) -> list[FieldLoss]:
    """Each field's share of points lost across the units, the largest share first.

    A unit none of whose leaves in the field applies (KĐG) is left out of that field."""
    found = []
    for info in run.framework.fields:
        lost = maximum = Decimal(0)
        weak = 0
        for unit in run.units:
            f = unit.field(info.code)
            if f is None or f.percent is None:
                continue
            lost += f.max - f.score
            maximum += f.max
            weak += f.weak
        if maximum:
            found.append(FieldLoss(info.code, info.name, lost, maximum, weak))
    return sorted(found, key=lambda f: (-f.share, f.code))


@dataclass(frozen=True)
class Mover:
    name: str
    index: str
    previous: str
    delta: str
    rank_change: int | None


@dataclass(frozen=True)
class YearOverYear:
    """This publication against the previous publication of the same units."""

    period: str
    previous_period: str
    compared: int
    up: int
    down: int
    average: str  # the compared units' average now
    previous_average: str  # theirs in the previous publication
    change: str
    risers: tuple[Mover, ...]
    fallers: tuple[Mover, ...]
    slope_svg: SafeString


def _mover(u: UnitEntry) -> Mover:
    prev = u.previous
    assert prev is not None and prev.index is not None and prev.delta is not None
    return Mover(
        u.display_name, index_text(u.index), index_text(prev.index), format_signed(prev.delta),
        prev.rank_change,
    )  # fmt: skip


def year_over_year(run: PublishedRun, slope: str) -> YearOverYear | None:
    pairs = [
        u
        for u in run.units
        if u.previous is not None and u.previous.index is not None and u.previous.delta is not None
    ]
    if not run.previous_period or not pairs:
        return None
    now = sum((u.index for u in pairs), Decimal(0)) / len(pairs)
    before = sum((u.previous.index for u in pairs if u.previous and u.previous.index), Decimal(0))
    before /= len(pairs)
    by_delta = sorted(pairs, key=lambda u: (-(u.previous.delta or 0) if u.previous else 0, u.code))
    return YearOverYear(
        period=run.period,
        previous_period=run.previous_period,
        compared=len(pairs),
        up=sum(1 for u in pairs if u.previous and (u.previous.delta or 0) > 0),
        down=sum(1 for u in pairs if u.previous and (u.previous.delta or 0) < 0),
        average=index_text(now),
        previous_average=index_text(before),
        change=format_signed(now - before),
        risers=tuple(
            _mover(u)
            for u in by_delta[:MOVERS_SHOWN]
            if (u.previous and (u.previous.delta or 0) > 0)
        ),
        fallers=tuple(
            _mover(u)
            for u in reversed(by_delta[-MOVERS_SHOWN:])
            if u.previous and (u.previous.delta or 0) < 0
        ),
        slope_svg=mark_safe(slope),
    )


@dataclass(frozen=True)
class CycleResults:
    """What the dashboard shows of a cycle's results; ``published`` None: provisional."""

    published: Publication | None
    ranking: dict[str, Any] | None  # the ranking template's context (results/_ranking.html)
    problems: tuple[str, ...]
    problem_count: int
    classes: tuple[LegendItem, ...]
    distribution_svg: SafeString
    losses: tuple[FieldLoss, ...]
    weak_below: str  # a field under this share of its max is weak for the unit (72%)
    year: YearOverYear | None


def _linked(svg: str, publication: Publication) -> str:
    """A chart drawn for the publication's page links to unit pages below it; here the links
    are made absolute so that they still lead there."""
    base = reverse("results:publication", args=[publication.pk])
    return svg.replace('href="don-vi/', f'href="{base}don-vi/')


def _from_run(
    run: PublishedRun, page: RankingPage, publication: Publication | None
) -> CycleResults:
    slope = ""
    if publication is not None:  # the stored page's rows and charts link below the publication
        slope = _linked(page.slope_svg, publication)
        page = replace(page, rows_html=_linked(page.rows_html, publication))
    return CycleResults(
        published=publication,
        ranking=page_context(page, Choice()),
        problems=(),
        problem_count=0,
        classes=tuple(legend_items(run)),
        distribution_svg=mark_safe(distribution_svg(run)),  # every text escaped by svg_charts
        losses=tuple(field_losses(run)),
        weak_below=percent(run.framework.weak_below),
        year=year_over_year(run, slope) if publication is not None else None,
    )


def cycle_results(cycle: Cycle, publication: Publication | None) -> CycleResults:
    """The published results, or the provisional ones as the admin's preview computes them."""
    if publication is not None:
        return _from_run(publication.run(), publication.ranking_page(), publication)
    try:
        # as the preview: no unit pages to link to yet, no charts but the classes' (drawn below)
        run, page = provisional(cycle, cycle_inputs(cycle, provisional=True))
    except InputError as exc:
        return CycleResults(
            None, None, tuple(str(p) for p in exc.problems[:PROBLEMS_SHOWN]), len(exc.problems),
            (), mark_safe(""), (), "", None,
        )  # fmt: skip
    return _from_run(run, page, None)


def current_publications(cycles: Sequence[Cycle]) -> dict[int, Publication]:
    """Each cycle's current publication, in one query."""
    rows = (
        Publication.objects.filter(cycle__in=cycles, superseded_by__isnull=True)
        .defer(*STORED_PARTS)
        .order_by("published_at", "id")
    )
    return {p.cycle_id: p for p in rows}  # the latest wins
