"""The council's workbooks (XLSX): the self-assessment, the review, the explanations; for one
unit or every unit the user may appraise (the admin: every unit of the cycle)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_cycle,
    access_participation,
    may_use_appraisal_queue,
    readable_fields_by_unit,
    visible_participations,
)
from parindex.web.accounts.models import User
from parindex.web.appraisals.sheets import KINDS, workbook
from parindex.web.cycles.models import Cycle, Participation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(
    user: User, cycle: Cycle, participations: list[Participation], kind: str, name: str
) -> HttpResponse:
    readable = readable_fields_by_unit(user, cycle)  # an appraiser: assigned fields only
    response = HttpResponse(workbook(cycle, participations, kind, readable), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{name}.xlsx"'
    return response


@login_required
def export_cycle(request: AuthenticatedHttpRequest, cycle_id: int, kind: str) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id)
    if not may_use_appraisal_queue(request.user) or kind not in KINDS:
        raise Http404(NOT_FOUND)
    participations = list(visible_participations(request.user, cycle))
    return _download(request.user, cycle, participations, kind, f"ky-{cycle.pk}")


@login_required
def export_unit(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, kind: str
) -> HttpResponse:
    if not may_use_appraisal_queue(request.user) or kind not in KINDS:
        raise Http404(NOT_FOUND)
    participation = access_participation(request.user, cycle_id, unit_id)
    return _download(
        request.user, participation.cycle, [participation], kind, participation.unit.code
    )
