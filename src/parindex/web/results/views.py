"""Results: the admin's preview and publication, the published ranking, the public page and the API."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parindex.core.narrative import index_text, points
from parindex.core.numbers import format_place
from parindex.core.problems import InputError
from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.results.actions import do_publish_cycle, recompute_matches
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.display import charts, in_rank_order, ranking_rows, rows_html
from parindex.web.results.models import Publication
from parindex.web.results.scorecards import archives_context

NOT_FOUND = "Không tìm thấy trang"


SORTS = {
    "hang": lambda u: (u["rank"], u["unit"]),  # within a block; blocks ordered in _context
    "ten": lambda u: u["display_name"].casefold(),
    "chi-so": lambda u: (-u["index"], u["unit"]),
    "thay-doi": lambda u: (-((u.get("previous") or {}).get("delta") or -1000), u["unit"]),
}


def _context(results: dict[str, Any], request: HttpRequest | None = None) -> dict[str, Any]:
    """The ranking, filtered by kind, class or block and sorted as asked (?loai=&xep-loai=&khoi=&sap-xep=)."""
    query = request.GET if request is not None else {}
    kind, label, block = query.get("loai", ""), query.get("xep-loai", ""), query.get("khoi", "")
    shown = [
        u
        for u in results["units"]
        if (not kind or u.get("kind") == kind)
        and (not label or u["class"] == label)
        and (not block or (u.get("block") or "") == block)
    ]
    order = query.get("sap-xep", "hang")
    shown.sort(key=SORTS.get(order, SORTS["hang"]))
    if order not in SORTS or order == "hang":
        shown = in_rank_order(results, shown)
    display = results.get("display")
    rows = (
        [display[str(u["unit"])] for u in shown]
        if display
        else ranking_rows({**results, "units": shown})
    )
    return {
        "results": results,
        "rows": rows,
        # the admin's preview (no request) has no unit pages to link to yet
        "rows_html": rows_html(results, rows, relative_links=request is not None),
        "fields": results["framework"]["fields"],
        "average": index_text(Decimal(str(results["average"]))),
        "kinds": sorted({u.get("kind") or "" for u in results["units"]} - {""}),
        "labels": [c["label"] for c in results["framework"]["classes"]],
        "blocks": [b["label"] for b in results.get("blocks") or []],
        "chosen": {"loai": kind, "xep_loai": label, "khoi": block, "sap_xep": order},
        "shown": len(shown),
    }


@login_required
def cycle_results(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: preview the results now, publish them with the decision; see earlier publications."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    context: dict[str, Any] = {"cycle": cycle, "publications": cycle.publications.all()}
    try:
        text = compute(cycle, cycle_inputs(cycle))[1]  # not `_, text`: `_` is gettext here
        context.update(_safe(_context(json.loads(text))))  # rows_html is escaped in display.py
    except InputError as exc:
        context["problems"] = [str(p) for p in exc.problems[:50]]
        context["problem_count"] = len(exc.problems)
    return render(request, "results/preview.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    raw_date = request.POST.get("decided_on", "").strip()
    try:
        decided_on = datetime.strptime(raw_date, "%d/%m/%Y").date() if raw_date else None
        publication = do_publish_cycle(
            cycle,
            request.POST.get("decision", ""),
            decided_on,
            request.user,
            request.POST.get("reason", ""),
        )
        messages.success(
            request, _("Đã công bố kết quả: %(decision)s.") % {"decision": publication.decision}
        )
        return redirect("publication", publication_id=publication.pk)
    except ValueError:
        messages.error(
            request,
            _("Ngày quyết định «%(date)s» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023.")
            % {"date": raw_date},
        )
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    return redirect("cycle_results", cycle_id=cycle.pk)


def _publication(publication_id: int, full: bool = False) -> Publication:
    """A publication; pages read its summary, only the API and the documents need the full results."""
    rows = Publication.objects.select_related("cycle__framework", "published_by")
    if not full:
        rows = rows.defer("results", "inputs")
    try:
        return rows.get(pk=publication_id)
    except (Publication.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def _safe(page: dict[str, Any]) -> dict[str, Any]:
    """Mark the SVG and table text built by display.py (names escaped there) as safe HTML."""
    out = dict(page)
    for key in ("ranking_svg", "distribution_svg", "slope_svg", "rows_html"):
        if key in out:
            out[key] = mark_safe(out[key])
    return out


def _filtered_rows(page: dict[str, Any], request: HttpRequest) -> tuple[str, int, dict[str, str]]:
    kind, label, block = (request.GET.get(k, "") for k in ("loai", "xep-loai", "khoi"))
    order = request.GET.get("sap-xep", "hang")
    keys = [
        k
        for k in page["keys"]
        if (not kind or k[1] == kind)
        and (not label or k[2] == label)
        and (not block or k[3] == block)
    ]
    sorts = {
        "hang": lambda k: (k[4], k[0]),
        "ten": lambda k: k[5],
        "chi-so": lambda k: (-k[6], k[0]),
        "thay-doi": lambda k: (-(k[7] if k[7] is not None else -1000), k[0]),
    }
    keys.sort(key=sorts.get(order, sorts["hang"]))
    chosen = {"loai": kind, "xep_loai": label, "khoi": block, "sap_xep": order}
    return "\n".join(page["row_html"][k[0]] for k in keys), len(keys), chosen


def publication_page(request: HttpRequest, publication_id: int) -> HttpResponse:
    """A published ranking; public (published results are public records)."""
    publication = _publication(publication_id)
    filtered = any(request.GET.get(k) for k in ("loai", "xep-loai", "khoi")) or request.GET.get(
        "sap-xep", "hang"
    ) not in ("", "hang")
    if publication.page:
        # rendered once when published (the results never change); filters only pick rows
        page = json.loads(publication.page)
        if filtered:
            page["rows_html"], page["shown"], page["chosen"] = _filtered_rows(page, request)
        else:
            page["chosen"] = {"sap_xep": "hang"}
        context = {"publication": publication, **_safe(page)}
    else:
        results = json.loads(publication.summary or publication.results)
        context = {
            "publication": publication,
            **_safe({**_context(results, request), **charts(results)}),
        }
    if request.GET.get("kiem-tra") == "1":
        context["recomputed"] = recompute_matches(publication)
    context.update(archives_context(request, publication))
    return render(request, "results/publication.html", context)


def public_index(request: HttpRequest) -> HttpResponse:
    """Published cycles only; nothing unpublished is listed."""
    current = Publication.objects.filter(superseded_by__isnull=True).select_related("cycle")
    return render(request, "results/public.html", {"publications": current})


def api_index(request: HttpRequest) -> JsonResponse:
    current = Publication.objects.filter(superseded_by__isnull=True).select_related(
        "cycle__framework"
    )
    return JsonResponse(
        {
            "publications": [
                {
                    "id": p.pk,
                    "cycle": p.cycle.name,
                    "period": p.cycle.period,
                    "framework": p.cycle.framework.code,
                    "decision": p.decision,
                    "published_at": p.published_at.isoformat(),
                    "sha256": p.sha256,
                    "results": request.build_absolute_uri(reverse("api_results", args=[p.pk])),
                }
                for p in current
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_results(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The published results.json, byte for byte (its sha256 is in the index)."""
    publication = _publication(publication_id, full=True)
    return HttpResponse(publication.results, content_type="application/json; charset=utf-8")


def openapi(request: HttpRequest) -> JsonResponse:
    schema = {
        "openapi": "3.1.0",
        "info": {"title": "parindex — kết quả Chỉ số CCHC đã công bố", "version": "1"},
        "paths": {
            "/api/ket-qua/": {
                "get": {
                    "summary": "Các kết quả đã công bố (bản hiện hành của mỗi kỳ)",
                    "responses": {
                        "200": {"description": "Danh sách", "content": {"application/json": {}}}
                    },
                }
            },
            "/api/ket-qua/{id}/": {
                "get": {
                    "summary": "results.json của một lần công bố (định dạng parindex.results/1, docs/formats.md)",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {"description": "results.json", "content": {"application/json": {}}},
                        "404": {"description": "Không có lần công bố này"},
                    },
                }
            },
        },
    }
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False})


# --- a unit's page, downloads ------------------------------------------------------------


def _unit(results: dict[str, Any], code: str) -> dict[str, Any]:
    for unit in results["units"]:
        if str(unit["unit"]) == code:
            return unit
    raise Http404(NOT_FOUND)


def _lost_points(
    request: HttpRequest, publication: Publication, unit_code: str
) -> list[dict[str, Any]] | None:
    """For people with access to the unit's assessment: the leaves where points were lost, largest
    first, with the appraiser's reason. None for the public (no reasons on public pages)."""
    from parindex.web.access import access_participation
    from parindex.web.appraisals.actions import score_that_stands
    from parindex.web.assessments.models import Score

    if not request.user.is_authenticated:
        return None
    unit_id = (
        publication.cycle.participations.filter(unit__code=unit_code)
        .values_list("unit_id", flat=True)
        .first()
    )
    try:
        access_participation(request.user, publication.cycle_id, unit_id or 0)
    except Http404:
        return None
    rows = []
    scores = (
        Score.objects.filter(cycle=publication.cycle_id, unit=unit_id, not_applicable=False)
        .select_related("criterion")
        .prefetch_related("corrections")
    )
    for s in scores:
        got = score_that_stands(s) or Decimal(0)
        lost = s.criterion.max - got
        if lost > 0:
            reasons = [
                c.reason for c in sorted(s.corrections.all(), key=lambda c: c.round) if c.reason
            ]
            rows.append(
                {
                    "code": s.criterion.code,
                    "name": s.criterion.name,
                    "lost": lost,
                    "text": points(lost),
                    "score": f"{points(got)}/{points(s.criterion.max)}",
                    "reason": reasons[-1] if reasons else "",
                }
            )
    return sorted(rows, key=lambda r: (-r["lost"], r["code"]))


def unit_page(request: HttpRequest, publication_id: int, unit_code: str) -> HttpResponse:
    from parindex.core.narrative import unit_paragraphs
    from parindex.reports.svg_charts import field_profile_svg

    publication = _publication(publication_id)
    results = json.loads(publication.summary or publication.results)
    unit = _unit(results, unit_code)
    paragraphs = unit_paragraphs(results, unit_code)
    fields = [
        {
            "code": f["code"],
            "name": f["name"],
            "score": points(Decimal(str(f["score"]))),
            "max": points(Decimal(str(f["max"]))),
            "percent": points(Decimal(str(f["percent"]))) + "%"
            if f["percent"] is not None
            else "—",
            "rank": format_place(f["rank"], f["of"]) if f["rank"] is not None else "—",
            "change": f["rank_change"],
            "at_max": f["at_max"],
            "weak": f["weak"],
        }
        for f in unit["fields"]
    ]
    return render(
        request,
        "results/unit.html",
        {
            "publication": publication,
            "results": results,
            "unit": unit,
            "headline": paragraphs[0] if paragraphs else "",
            # the per-field list becomes the table below; its lead-in line goes with it
            "paragraphs": [
                p for p in paragraphs[1:] if not p.startswith("- ") and not p.endswith(":")
            ],
            "fields": fields,
            "lost": _lost_points(request, publication, unit_code),
            # built from the results, every text escaped by svg_charts
            "profile_svg": mark_safe(field_profile_svg(results, unit_code)),
            "trend": _trend(publication, unit_code),
        },
    )


def unit_chart(request: HttpRequest, publication_id: int, unit_code: str) -> HttpResponse:
    from parindex.reports.charts import field_profile_chart

    publication = _publication(publication_id)
    results = json.loads(publication.summary or publication.results)
    _unit(results, unit_code)
    return HttpResponse(field_profile_chart(results, unit_code), content_type="image/png")


def download(
    request: HttpRequest, publication_id: int, document: str, unit_code: str = ""
) -> HttpResponse:
    """The official documents of a publication: the appendix (XLSX), the summary and scorecards (DOCX, PDF)."""
    from parindex.reports import docx_report, pdf_report, xlsx_appendix

    publication = _publication(publication_id, full=True)
    results = json.loads(publication.results)
    if unit_code:
        _unit(results, unit_code)
    options = {"date": publication.decided_on}
    makers = {
        "phu-luc.xlsx": (lambda: xlsx_appendix.render(results), "xlsx"),
        "bao-cao.docx": (lambda: docx_report.render_summary(results, **options), "docx"),
        "bao-cao.pdf": (lambda: pdf_report.render_summary(results, **options), "pdf"),
        "phieu-diem.docx": (
            lambda: docx_report.render_scorecard(results, unit_code, **options),
            "docx",
        ),
        "phieu-diem.pdf": (
            lambda: pdf_report.render_scorecard(results, unit_code, **options),
            "pdf",
        ),
    }
    if document not in makers or (document.startswith("phieu-diem") != bool(unit_code)):
        raise Http404(NOT_FOUND)
    make, kind = makers[document]
    types = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    response = HttpResponse(make(), content_type=types[kind])
    name = f"{results['period']}-{unit_code + '-' if unit_code else ''}{document}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def attach_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: take the survey points (points.json of `parindex survey import`) for this cycle."""
    from parindex.web.results.actions import do_attach_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    upload = request.FILES.get("points")
    try:
        if upload is None:
            raise ActionError("Chọn tệp points.json (kết quả của `parindex survey import`)")
        if upload.size > 50 * 1024 * 1024:
            raise ActionError("Tệp điểm điều tra lớn hơn 50 MB")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ActionError("Tệp điểm điều tra phải lưu ở mã UTF-8") from None
        draws = request.FILES.get("draws")
        if draws is not None and draws.size > 200 * 1024 * 1024:
            raise ActionError("Tệp mẫu bootstrap lớn hơn 200 MB")
        source = do_attach_survey(cycle, text, request.user, draws.read() if draws else b"")
        units = len(json.loads(source.data).get("units", []))
        # Vietnamese has one form for every count; ngettext gives English its plural
        if draws:
            message = ngettext(
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu bootstrap (có khoảng tin cậy của thứ hạng).",
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu bootstrap (có khoảng tin cậy của thứ hạng).",
                units,
            )
        else:
            message = ngettext(
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                units,
            )
        messages.success(request, message % {"n": units})
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    return redirect("cycle_results", cycle_id=cycle.pk)


def _trend(publication: Publication, unit_code: str) -> list[dict[str, Any]]:
    """The unit's index and rank in every current publication of the same framework family."""
    rows = []
    family = Publication.objects.filter(
        cycle__framework__family=publication.cycle.framework.family, superseded_by__isnull=True
    ).select_related("cycle")
    for p in sorted(family, key=lambda p: p.cycle.period):
        data = json.loads(p.page).get("keys", []) if p.page else []
        for key in data:
            if key[0] == unit_code:
                rows.append(
                    {
                        "period": p.cycle.period,
                        "index": f"{float(key[6]):.2f}".replace(".", ","),
                        "rank": key[4],
                        "publication": p,
                        "current": p.pk == publication.pk,
                    }
                )
    return rows


def compare(request: HttpRequest) -> HttpResponse:
    """Units side by side in one publication (?p=ID&don-vi=A&don-vi=B), or one unit across years
    (?p=ID&p=ID&don-vi=A). Published results only."""
    ids = request.GET.getlist("p")
    codes = request.GET.getlist("don-vi")
    if not ids or not codes or len(ids) > 5 or len(codes) > 10:
        raise Http404(NOT_FOUND)
    publications = [_publication(i) for i in ids]
    columns = []
    for p in publications:
        results = json.loads(p.summary or p.results)
        for code in codes if len(publications) == 1 else codes[:1]:
            unit = _unit(results, code)
            columns.append({"title": f"{unit['display_name']} ({results['period']})", "unit": unit})
    field_names = {f["code"]: f["name"] for c in columns for f in c["unit"]["fields"]}
    rows = [
        (_("Chỉ số CCHC"), [f"{c['unit']['index']:.2f}".replace(".", ",") for c in columns]),
        (_("Xếp hạng"), [format_place(c["unit"]["rank"], c["unit"]["of"]) for c in columns]),
        (_("Xếp loại"), [c["unit"]["class"] for c in columns]),
    ]
    for code, name in field_names.items():
        cells = []
        for c in columns:
            f = next((f for f in c["unit"]["fields"] if f["code"] == code), None)
            cells.append(
                "—"
                if f is None
                else f"{points(Decimal(str(f['score'])))}/{points(Decimal(str(f['max'])))}"
                + (f" ({points(Decimal(str(f['percent'])))}%)" if f["percent"] is not None else "")
            )
        rows.append((f"{code}. {name}", cells))
    return render(request, "results/compare.html", {"columns": columns, "rows": rows})


@login_required
@require_POST
def upload_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: upload a questionnaire and its responses (KoBo, ODK, LimeSurvey, Google Forms, plain)."""
    from parindex.web.results.survey_upload import do_upload_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    questionnaire, responses = request.FILES.get("questionnaire"), request.FILES.get("responses")
    mapping = request.FILES.get("mapping")
    try:
        if questionnaire is None or responses is None:
            raise ActionError("Cần tệp phiếu điều tra (YAML) và tệp phiếu trả lời (CSV/XLSX)")
        if responses.size > 200 * 1024 * 1024:
            raise ActionError("Tệp phiếu trả lời lớn hơn 200 MB")
        upload = do_upload_survey(
            cycle,
            questionnaire.read().decode("utf-8-sig"),
            responses,
            responses.name,
            mapping.read().decode("utf-8-sig") if mapping else "",
            request.user,
        )
        return redirect("survey_review", cycle_id=cycle.pk, upload_id=upload.pk)
    except UnicodeDecodeError:
        messages.error(request, _("Tệp YAML phải lưu ở mã UTF-8"))
    except ActionError as exc:
        messages.error(request, exc.full_message(20))
    return redirect("cycle_results", cycle_id=cycle.pk)


@login_required
def survey_review(request: HttpRequest, cycle_id: int, upload_id: int) -> HttpResponse:
    """Admin: the row report of an upload; accepting it computes and attaches the survey points."""
    from parindex.web.results.models import SurveyUpload
    from parindex.web.results.survey_upload import do_accept_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    upload = SurveyUpload.objects.filter(cycle=cycle, pk=upload_id).first()
    if upload is None:
        raise Http404(NOT_FOUND)
    if request.method == "POST":
        try:
            source = do_accept_survey(upload, request.user)
            units = len(json.loads(source.data).get("units", []))
            text = ngettext(
                "Đã tính và nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                "Đã tính và nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                units,
            )
            messages.success(request, text % {"n": units})
            return redirect("cycle_results", cycle_id=cycle.pk)
        except ActionError as exc:
            messages.error(request, exc.full_message(20))
    return render(
        request,
        "results/survey_review.html",
        {"cycle": cycle, "upload": upload, "report": json.loads(upload.report)},
    )
