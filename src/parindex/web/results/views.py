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
from django.views.decorators.http import require_POST

from parindex.core.narrative import index_text, points
from parindex.core.problems import InputError
from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.results.actions import do_publish_cycle, recompute_matches
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.models import Publication

NOT_FOUND = "Không tìm thấy trang"


def ranking_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The ranking table as people read it (Vietnamese number style); public: no evidence, no reasons."""
    rows = []
    for u in results["units"]:
        prev = u.get("previous") or {}
        rows.append(
            {
                "rank": f"{u['rank']}/{u['of']}",
                "interval": "–".join(str(x) for x in u["rank_interval"])
                if u.get("rank_interval") and u["rank_interval"][0] != u["rank_interval"][1]
                else "",
                "name": u["display_name"],
                "block": u.get("block") or "",
                "index": index_text(Decimal(str(u["index"]))),
                "class": u["class"],
                "self": points(Decimal(str(u["self"]["score"]))) if u.get("self") else "",
                "survey": points(Decimal(str(u["survey"]["score"]))) if u.get("survey") else "",
                "fields": [points(Decimal(str(f["score"]))) for f in u["fields"]],
                "delta": points(Decimal(str(prev["delta"])))
                if prev.get("delta") is not None
                else "",
                "rank_change": prev.get("rank_change"),
            }
        )
    return rows


def _context(results: dict[str, Any]) -> dict[str, Any]:
    return {
        "results": results,
        "rows": ranking_rows(results),
        "fields": results["framework"]["fields"],
        "average": index_text(Decimal(str(results["average"]))),
    }


@login_required
def cycle_results(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: preview the results now, publish them with the decision; see earlier publications."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    context: dict[str, Any] = {"cycle": cycle, "publications": cycle.publications.all()}
    try:
        _, text = compute(cycle, cycle_inputs(cycle))
        context.update(_context(json.loads(text)))
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
        messages.success(request, f"Đã công bố kết quả: {publication.decision}.")
        return redirect("publication", publication_id=publication.pk)
    except ValueError:
        messages.error(
            request, f"Ngày quyết định «{raw_date}» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023."
        )
    except ActionError as exc:
        detail = "; ".join(str(p) for p in exc.problems[:10])
        messages.error(request, exc.message + (f": {detail}" if detail else ""))
    return redirect("cycle_results", cycle_id=cycle.pk)


def _publication(publication_id: int) -> Publication:
    try:
        return Publication.objects.select_related("cycle__framework", "published_by").get(
            pk=publication_id
        )
    except (Publication.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def publication_page(request: HttpRequest, publication_id: int) -> HttpResponse:
    """A published ranking; public (published results are public records)."""
    publication = _publication(publication_id)
    context = {"publication": publication, **_context(json.loads(publication.results))}
    if request.GET.get("kiem-tra") == "1":
        context["recomputed"] = recompute_matches(publication)
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
    publication = _publication(publication_id)
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
