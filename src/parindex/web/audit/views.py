"""The audit trail of a unit in a cycle, or of one of its leaves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from parindex.web.access import AuthenticatedHttpRequest, access_participation
from parindex.web.audit.models import AuditEntry


@login_required
def audit_trail(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    entries = AuditEntry.objects.filter(
        cycle=participation.cycle, unit=participation.unit
    ).select_related("actor")
    code = request.GET.get("tieu-chi", "").strip()
    if code:
        entries = entries.filter(criterion_code=code)
    return render(
        request,
        "audit/trail.html",
        {
            "cycle": participation.cycle,
            "unit": participation.unit,
            "entries": entries[:500],
            "code": code,
        },
    )
