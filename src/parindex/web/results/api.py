"""The API of published results: the list of current publications and each results.json."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from parindex.web.access import access_publication
from parindex.web.results.models import Publication, without_parts


def _withdrawn(publication: Publication) -> dict[str, str] | None:
    """When and why the publication was withdrawn (None: it stands)."""
    w = publication.withdrawn
    if w is None:
        return None
    return {"at": w.withdrawn_at.isoformat(), "reason": w.reason}


def api_index(request: HttpRequest) -> JsonResponse:
    current = (
        Publication.objects.filter(superseded_by__isnull=True)
        .select_related("cycle__framework", "withdrawal", "supersedes")
        .defer(*without_parts("supersedes"))
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
                    "withdrawn": _withdrawn(p),
                    "supersedes": p.supersedes_id,
                    "results": request.build_absolute_uri(
                        reverse("results:api_results", args=[p.pk])
                    ),
                }
                for p in current
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_results(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The published results.json, byte for byte (its sha256 is in the index)."""
    try:
        publication = access_publication(request.user, publication_id)
    except Http404:  # an API answers in JSON, a missing publication too
        return JsonResponse(
            {"error": "Không tìm thấy kết quả công bố", "publication": publication_id},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    response = HttpResponse(
        publication.results_bytes(), content_type="application/json; charset=utf-8"
    )
    # the body stays byte for byte what was published; its standing is said beside it
    withdrawn = _withdrawn(publication)
    if withdrawn is not None:
        response["X-Parindex-Withdrawn"] = withdrawn["at"]
    superseded = Publication.objects.filter(supersedes=publication).values_list("pk", flat=True)
    if superseded:
        response["X-Parindex-Superseded-By"] = str(superseded[0])
    return response


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
