"""The audit trail of a unit in a cycle, or of one of its leaves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render

from parindex.web.access import (
    AuthenticatedHttpRequest,
    access_participation,
    is_admin,
    readable_fields,
)
from parindex.web.audit.chain import hash_of, walk
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry

# What the account log shows: signing in, two-factor, accounts, backups (rows without a cycle)
ACCOUNT_PREFIXES = ("login.", "two_factor.", "user.", "backup.")
ACCOUNT_ACTIONS = [a for a in AuditAction if a.value.startswith(ACCOUNT_PREFIXES)]


@login_required
def audit_trail(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    entries = AuditEntry.objects.filter(
        cycle=participation.cycle, unit=participation.unit
    ).select_related("actor")
    readable = readable_fields(request.user, participation.cycle, participation.unit_id)
    if readable is not None:  # an appraiser: the rows of the fields assigned, and the unit's own
        codes = participation.cycle.framework.criteria.filter(field_code__in=readable).values(
            "code"
        )
        entries = entries.filter(Q(criterion_code="") | Q(criterion_code__in=codes))
    code = request.GET.get("tieu-chi", "").strip()
    if code:
        entries = entries.filter(criterion_code=code)
    shown = list(entries[:500])
    # cheap: each row shown against its own hash; the whole chain on the admin's request
    altered = [e.pk for e in shown if not e.row_hash or hash_of(e) != e.row_hash]
    chain = None
    if is_admin(request.user) and request.GET.get("kiem-tra-chuoi") == "1":
        chain = walk(AuditEntry.objects.order_by("id").iterator(chunk_size=2000))
    return render(
        request,
        "audit/trail.html",
        {
            "cycle": participation.cycle,
            "unit": participation.unit,
            "entries": shown,
            "code": code,
            "altered": altered,
            "chain": chain,
            "may_check_chain": is_admin(request.user),
        },
    )


@login_required
def account_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The admin's log of signing in and accounts: who tried which account from where, the
    lockouts, two-factor, password resets, account changes; filtered by account or action;
    the whole chain checked on request."""
    if not is_admin(request.user):
        raise Http404
    entries = AuditEntry.objects.filter(action__in=ACCOUNT_ACTIONS).select_related("actor")
    account = request.GET.get("tai-khoan", "").strip()[:150]
    if account:
        entries = entries.filter(field=account)
    action = request.GET.get("hanh-dong", "").strip()
    if action in {a.value for a in ACCOUNT_ACTIONS}:
        entries = entries.filter(action=action)
    else:
        action = ""
    shown = list(entries[:500])
    altered = [e.pk for e in shown if not e.row_hash or hash_of(e) != e.row_hash]
    chain = None
    if request.GET.get("kiem-tra-chuoi") == "1":
        chain = walk(AuditEntry.objects.order_by("id").iterator(chunk_size=2000))
    return render(
        request,
        "audit/accounts.html",
        {
            "entries": shown,
            "account": account,
            "action": action,
            "actions": [(a.value, a.label) for a in ACCOUNT_ACTIONS],
            "altered": altered,
            "chain": chain,
        },
    )
