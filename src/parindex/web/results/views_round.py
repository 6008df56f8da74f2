"""A published round for everyone: each block apart, in the scheme's order, read from its
cycle's publication. No figure is summed or averaged across blocks or frameworks."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parindex.core.narrative import index_text
from parindex.core.numbers import format_count
from parindex.web.access import access_round_results
from parindex.web.results.display import RankingRow, ranking_rows
from parindex.web.results.models import STORED_PARTS, Publication


@dataclass(frozen=True)
class ClassCount:
    label: str
    units: str


@dataclass(frozen=True)
class BlockSection:
    """One block of a published round: its own average, classes and ranking."""

    name: str
    kinds: tuple[str, ...]
    publication: Publication
    framework: str
    of: str
    average: str
    classes: tuple[ClassCount, ...]
    rows: tuple[RankingRow, ...]
    previous_period: str | None


def round_sections(publications: list[Publication]) -> list[BlockSection]:
    """Every block of the round's published cycles, in the scheme's order of blocks."""
    placed: list[tuple[int, BlockSection]] = []
    for publication in publications:
        run = publication.run()
        groups = {g.label: g for g in run.blocks}
        for block in publication.cycle.blocks:
            group = groups.get(block["name"])
            if group is None:  # a block with no unit taking part: nothing was ranked in it
                continue
            members = [u for u in run.in_rank_order() if u.block == block["name"]]
            placed.append(
                (
                    int(block.get("position", 0)),
                    BlockSection(
                        name=block["name"],
                        kinds=tuple(block["kinds"]),
                        publication=publication,
                        framework=run.framework.name,
                        of=format_count(group.of),
                        average=index_text(group.average),
                        classes=tuple(
                            ClassCount(label, format_count(group.class_count(label)))
                            for label in run.class_labels()
                        ),
                        rows=tuple(ranking_rows(members)),
                        previous_period=run.previous_period,
                    ),
                )
            )
    return [section for _, section in sorted(placed, key=lambda p: p[0])]


def round_page(request: HttpRequest, round_id: int) -> HttpResponse:
    """The published blocks of a round; public (published results are public records)."""
    found = access_round_results(request.user, round_id)
    publications = list(
        Publication.objects.filter(cycle__round=found, superseded_by__isnull=True)
        .select_related("cycle__framework")
        .defer(*STORED_PARTS)
        .order_by("cycle_id")
    )
    return render(
        request,
        "results/round.html",
        {
            "round": found,
            "sections": round_sections(publications),
            # one decision usually publishes every cycle of the round: said once
            "decisions": list(dict.fromkeys(p.decision for p in publications)),
        },
    )
