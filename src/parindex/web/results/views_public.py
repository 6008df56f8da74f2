"""Published results for everyone: the list, a publication's ranking, a unit's page, the
comparisons and the official documents. Every page reads only its publication."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from parindex.core.narrative import index_text, percent, points
from parindex.core.numbers import format_place, format_signed_count
from parindex.core.published import CriterionEntry, FieldEntry, PublishedRun, UnitEntry
from parindex.io.signing import fingerprint
from parindex.web.access import access_publication, is_admin
from parindex.web.cycles.models import Round
from parindex.web.results.actions import verify_for
from parindex.web.results.display import Choice, RankingPage
from parindex.web.results.integrity import public_key_pem, stored_check
from parindex.web.results.lost_points import LostPoint
from parindex.web.results.models import STORED_PARTS, Publication
from parindex.web.results.scorecards import archives_context

NOT_FOUND = "Không tìm thấy trang"


def page_context(page: RankingPage, choice: Choice) -> dict[str, Any]:
    """The ranking page for the template; the SVG and the rows (escaped in display.py and
    svg_charts.py) marked safe."""
    return {
        "results": page.results,
        "rows_html": mark_safe(page.rows_html),
        "fields": page.fields,
        "average": page.average,
        "kinds": page.kinds,
        "labels": page.labels,
        "blocks": page.blocks,
        "chosen": choice,
        "shown": page.shown,
        "ranking_svg": mark_safe(page.ranking_svg),
        "distribution_svg": mark_safe(page.distribution_svg),
        "slope_svg": mark_safe(page.slope_svg),
        "legend": page.legend,
        "heat": page.heat,
        "block_lines": page.block_lines,
    }


@dataclass(frozen=True)
class PublishedRound:
    """A round on the public index: its page, and each of its published cycles."""

    round: Round
    publications: tuple[Publication, ...]


def public_index(request: HttpRequest) -> HttpResponse:
    """Published cycles only; nothing unpublished is listed. A round's cycles are listed under
    the round, whose page shows each block apart."""
    current = list(
        Publication.objects.filter(superseded_by__isnull=True)
        .select_related("cycle__round")
        .defer("results", "inputs", "summary", "page", "lost_points")
    )
    rounds: dict[int, list[Publication]] = {}
    for p in current:
        if p.cycle.round_id is not None:
            rounds.setdefault(p.cycle.round_id, []).append(p)
    published_rounds = [
        PublishedRound(ps[0].cycle.round, tuple(sorted(ps, key=lambda p: p.cycle_id)))
        for ps in rounds.values()
        if ps[0].cycle.round is not None
    ]
    pem = public_key_pem()
    return render(
        request,
        "results/public.html",
        {
            "publications": [p for p in current if p.cycle.round_id is None],
            "rounds": published_rounds,
            "public_key_pem": pem,
            "public_key_fingerprint": fingerprint(pem) if pem else "",
        },
    )


def publication_page(request: HttpRequest, publication_id: int) -> HttpResponse:
    """A published ranking; public (published results are public records)."""
    publication = access_publication(request.user, publication_id)
    page = publication.ranking_page()  # rendered once when published; filters only pick rows
    choice = Choice.from_query(request.GET)
    if choice.filtered:
        page = page.chosen(choice)
    context = {
        "publication": publication,
        **page_context(page, choice),
        # withdrawn or superseded, and what was decided about units before publication
        "may_withdraw": is_admin(request.user),
        "publication_notes": _notes(publication),
    }
    if request.GET.get("kiem-tra") == "1":  # audited: who checked, and what was found
        verification = verify_for(publication, request.user)
        context["recomputed"] = verification.recomputed
        context["stored_check"] = verification.stored
    elif is_admin(request.user):  # the admin sees at once a stored part edited since
        context["stored_check"] = stored_check(publication)
    context["signing_key"] = publication.signing_key or public_key_pem()
    context.update(archives_context(request, publication))
    return render(request, "results/publication.html", context)


def _notes(publication: Publication) -> dict[str, Any]:
    """The units left out or scored with missing criteria at 0, read from its stored inputs."""
    inputs = Publication.objects.filter(pk=publication.pk).values_list("inputs", flat=True).first()
    if not inputs:
        return {}
    import json

    data = json.loads(inputs)
    return {"left_out": data.get("left_out", []), "zeroed": data.get("zeroed", [])}


# --- a unit's page -----------------------------------------------------------------------


def _unit(run: PublishedRun, code: str) -> UnitEntry:
    if not run.has_unit(code):
        raise Http404(NOT_FOUND)
    return run.unit(code)


@dataclass(frozen=True)
class FieldLine:
    """A row of the unit's field table, worded."""

    code: str
    name: str
    score: str
    max: str
    percent: str
    rank: str
    change_text: str
    at_max: bool
    weak: bool


def field_line(f: FieldEntry) -> FieldLine:
    return FieldLine(
        code=f.code,
        name=f.name,
        score=points(f.score),
        max=points(f.max),
        percent=percent(f.percent) if f.percent is not None else "—",
        rank=format_place(f.rank, f.of) if f.rank is not None else "—",
        change_text=format_signed_count(f.rank_change) if f.rank_change is not None else "—",
        at_max=f.at_max,
        weak=f.weak,
    )


@dataclass(frozen=True)
class CriterionLine:
    """A row of a field's criteria table, worded; «KĐG» when none of its leaves applies."""

    code: str
    name: str
    score: str
    percent: str
    rank: str


@dataclass(frozen=True)
class FieldCriteria:
    """A field and the rows of its criteria, as the unit's page lists them."""

    code: str
    name: str
    criteria: tuple[CriterionLine, ...]


def criterion_line(c: CriterionEntry) -> CriterionLine:
    return CriterionLine(
        code=c.code,
        name=c.name,
        score=f"{points(c.score)}/{points(c.max)}" if c.assessed else "KĐG",
        percent=percent(c.percent) if c.percent is not None else "—",
        rank=format_place(c.rank, c.of) if c.rank is not None else "—",
    )


def field_criteria(unit: UnitEntry) -> list[FieldCriteria]:
    """Each field that has criteria, with its criteria's rows (framework order)."""
    found = []
    for f in unit.fields:
        rows = tuple(criterion_line(c) for c in unit.criteria.of_field(f.code))
        if rows:
            found.append(FieldCriteria(f.code, f.name, rows))
    return found


def _lost_points(
    request: HttpRequest, publication: Publication, unit_code: str
) -> list[LostPoint] | None:
    """For people with access to the unit's assessment: the leaves where points were lost, largest
    first, with the appraiser's reason, as published. None for the public (no reasons on public
    pages)."""
    from parindex.web.access import access_participation, readable_fields

    if not request.user.is_authenticated:
        return None
    unit_id = (
        publication.cycle.participations.filter(unit__code=unit_code)
        .values_list("unit_id", flat=True)
        .first()
    )
    try:
        participation = access_participation(request.user, publication.cycle_id, unit_id or 0)
    except Http404:
        return None
    lost = publication.lost_points_of(unit_code)
    readable = readable_fields(request.user, participation.cycle, participation.unit_id)
    if lost is None or readable is None:
        return lost
    # an appraiser: the reasons of the fields assigned to them only
    codes = set(
        participation.cycle.framework.criteria.filter(field_code__in=readable).values_list(
            "code", flat=True
        )
    )
    return [p for p in lost if p.code in codes]


@dataclass(frozen=True)
class TrendRow:
    period: str
    index: str
    rank: str
    publication: Publication
    current: bool


def _trend(publication: Publication, unit_code: str) -> list[TrendRow]:
    """The unit's index and rank in every current publication of the same framework family."""
    family = (
        Publication.objects.filter(
            cycle__framework__family=publication.cycle.framework.family,
            superseded_by__isnull=True,
        )
        .select_related("cycle")
        .defer(*STORED_PARTS)
    )
    rows = []
    for p in sorted(family, key=lambda p: p.cycle.period):
        run = publication.run() if p.pk == publication.pk else p.run()
        if not run.has_unit(unit_code):
            continue
        unit = run.unit(unit_code)
        rows.append(
            TrendRow(
                period=p.cycle.period,
                index=index_text(unit.index),
                rank=format_place(unit.rank, unit.of),  # within its block when ranked in blocks
                publication=p,
                current=p.pk == publication.pk,
            )
        )
    return rows


def unit_page(request: HttpRequest, publication_id: int, unit_code: str) -> HttpResponse:
    from parindex.core.narrative_published import unit_paragraphs
    from parindex.reports.svg_charts import field_profile_svg

    publication = access_publication(request.user, publication_id)
    run = publication.run()
    unit = _unit(run, unit_code)
    paragraphs = unit_paragraphs(run, unit_code)
    return render(
        request,
        "results/unit.html",
        {
            "publication": publication,
            "results": run,
            "unit": unit,
            "headline": paragraphs[0] if paragraphs else "",
            # the per-field list becomes the table below; its lead-in line goes with it
            "paragraphs": [
                p for p in paragraphs[1:] if not p.startswith("- ") and not p.endswith(":")
            ],
            "fields": [field_line(f) for f in unit.fields],
            "criteria": field_criteria(unit),
            "lost": _lost_points(request, publication, unit_code),
            # built from the results, every text escaped by svg_charts
            "profile_svg": mark_safe(field_profile_svg(run, unit_code)),
            "trend": _trend(publication, unit_code),
        },
    )


def unit_chart(request: HttpRequest, publication_id: int, unit_code: str) -> HttpResponse:
    from parindex.reports.charts import field_profile_chart

    run = access_publication(request.user, publication_id).run()
    _unit(run, unit_code)
    return HttpResponse(field_profile_chart(run, unit_code), content_type="image/png")


# --- documents and comparisons -----------------------------------------------------------


def download(
    request: HttpRequest, publication_id: int, document: str, unit_code: str = ""
) -> HttpResponse:
    """A publication's documents (documents.py): the report, the decision and its appendix;
    a unit's scorecard. Named as ``parindex report`` names them."""
    from parindex.web.results.documents import CONTENT_TYPES
    from parindex.web.results.documents import document as find

    publication = access_publication(request.user, publication_id, full=True)
    run = publication.full_run()
    if unit_code:
        _unit(run, unit_code)
    found = find(publication, run, document, unit_code)
    if found is None:
        raise Http404(NOT_FOUND)
    response = HttpResponse(found.make(), content_type=CONTENT_TYPES[found.kind])
    name = f"{run.period}-{unit_code + '-' if unit_code else ''}{document}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@dataclass(frozen=True)
class CompareColumn:
    title: str
    unit: UnitEntry


def _field_cell(f: FieldEntry | None) -> str:
    if f is None:
        return "—"
    text = f"{points(f.score)}/{points(f.max)}"
    return text + (f" ({percent(f.percent)})" if f.percent is not None else "")


def compare(request: HttpRequest) -> HttpResponse:
    """Units side by side in one publication (?p=ID&don-vi=A&don-vi=B), or one unit across years
    (?p=ID&p=ID&don-vi=A). Published results only."""
    ids = request.GET.getlist("p")
    codes = request.GET.getlist("don-vi")
    if not ids or not codes or len(ids) > 5 or len(codes) > 10:
        raise Http404(NOT_FOUND)
    publications = [access_publication(request.user, i) for i in ids]
    columns = []
    for p in publications:
        run = p.run()
        for code in codes if len(publications) == 1 else codes[:1]:
            unit = _unit(run, code)
            columns.append(CompareColumn(f"{unit.display_name} ({run.period})", unit))
    field_names = {f.code: f.name for c in columns for f in c.unit.fields}
    rows = [
        (_("Chỉ số CCHC"), [index_text(c.unit.index) for c in columns]),
        (_("Xếp hạng"), [format_place(c.unit.rank, c.unit.of) for c in columns]),
        (_("Xếp loại"), [c.unit.class_label for c in columns]),
    ]
    for code, name in field_names.items():
        rows.append((f"{code}. {name}", [_field_cell(c.unit.field(code)) for c in columns]))
    return render(request, "results/compare.html", {"columns": columns, "rows": rows})
