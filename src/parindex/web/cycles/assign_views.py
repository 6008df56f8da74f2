"""Appraisers' assignments of a cycle: the units × fields matrix per appraiser, the file import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parindex.core.collation import fold
from parindex.core.numbers import format_count
from parindex.web.access import NOT_FOUND, AuthenticatedHttpRequest, access_cycle
from parindex.web.accounts.models import User
from parindex.web.cycles.actions_assign import (
    assigned_cells,
    do_import_assignments,
    do_set_assignments,
)
from parindex.web.cycles.models import Assignment, Cycle
from parindex.web.cycles.setup import cycle_fields
from parindex.web.cycles.setup_forms import AppraiserPickForm, AssignImportForm, MatrixForm
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.listing import listing


def _page(
    request: AuthenticatedHttpRequest,
    cycle: Cycle,
    appraiser: User | None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    fields = cycle_fields(cycle)
    cells = assigned_cells(cycle, appraiser) if appraiser else set()
    participants = list(cycle.participations.select_related("unit"))
    units = listing(
        request,
        participants,
        text=lambda p: f"{p.unit.code} {p.unit}",
        sorts={"code": lambda p: p.unit.code, "name": lambda p: fold(str(p.unit))},
        default="code",
    )
    rows = [
        {
            "unit": p.unit,
            "cells": [
                (code, f"{p.unit_id}:{code}", (p.unit_id, code) in cells) for code, _ in fields
            ],
        }
        for p in units.rows
    ]
    counts: dict[int, int] = {}
    for appraiser_id in Assignment.objects.filter(cycle=cycle).values_list(
        "appraiser_id", flat=True
    ):
        counts[appraiser_id] = counts.get(appraiser_id, 0) + 1
    pick = AppraiserPickForm(initial={"appraiser": appraiser.pk} if appraiser else None)
    return render(
        request,
        "cycles/assign.html",
        {
            "cycle": cycle,
            "appraiser": appraiser,
            "pick": pick,
            "fields": fields,
            "rows": rows,
            "listing": units,
            "import_form": AssignImportForm(),
            "problems": problems or [],
            "assignments": Assignment.objects.filter(cycle=cycle)
            .select_related("appraiser", "unit")
            .order_by("appraiser__username", "unit__code", "field_code"),
        },
        status=status,
    )


@login_required
def cycle_assign(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    """The cycle's assignments and the import; ``?appraiser=<id>`` opens that appraiser's matrix
    (its own address, so a search or a sort of the matrix keeps the appraiser)."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    if "appraiser" in request.GET:
        pick = AppraiserPickForm(request.GET)
        if pick.is_valid():
            return redirect(
                "cycles:cycle_assign_matrix",
                cycle_id=cycle.pk,
                appraiser_id=pick.cleaned_data["appraiser"].pk,
            )
        messages.error(request, form_problems(pick))
    return _page(request, cycle, None)


@login_required
def cycle_assign_matrix(
    request: AuthenticatedHttpRequest, cycle_id: int, appraiser_id: int
) -> HttpResponse:
    """GET: the appraiser's units × fields matrix; POST: save what changed."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    pick = AppraiserPickForm({"appraiser": appraiser_id})
    if not pick.is_valid():
        raise Http404(NOT_FOUND)
    appraiser = pick.cleaned_data["appraiser"]
    if request.method != "POST":
        return _page(request, cycle, appraiser)
    data = request.POST.copy()
    data["appraiser"] = str(appraiser.pk)
    form = MatrixForm(cycle, data)
    if not form.is_valid():
        messages.error(request, "Chưa lưu phân công: " + form_problems(form))
        return _page(request, cycle, appraiser, status=400)
    try:
        shown = form.shown_units()
        kept = {c for c in assigned_cells(cycle, appraiser) if c[0] not in shown}
        added, removed = do_set_assignments(cycle, appraiser, kept | form.chosen(), request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message())
        return _page(request, cycle, appraiser, status=400)
    messages.success(
        request,
        f"Đã lưu phân công của {appraiser.username}: thêm {format_count(added)}, "
        f"bỏ {format_count(removed)}.",
    )
    return redirect(request.get_full_path())


@login_required
@require_POST
def cycle_assign_import(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = AssignImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa nhập: " + form_problems(form))
        return _page(request, cycle, None, status=400)
    upload = form.cleaned_data["file"]
    try:
        added = do_import_assignments(cycle, upload.name, upload.read(), request.user)
    except ActionError as exc:
        messages.error(request, exc.message + ". Không dòng nào được lưu.")
        return _page(request, cycle, None, [str(p) for p in exc.problems], status=400)
    messages.success(request, f"Đã nhập phân công: thêm {format_count(added)} phân công.")
    return redirect("cycles:cycle_assign", cycle_id=cycle.pk)
