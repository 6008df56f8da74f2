"""The admin's pages for a cycle after its creation: "Sửa kỳ" (name, deadlines, extensions,
participants) and the reminder to the units that have not submitted."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from parindex.core.collation import fold
from parindex.core.numbers import format_count
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.access import AuthenticatedHttpRequest, access_cycle
from parindex.web.cycles.actions import (
    do_add_participants,
    do_edit_cycle,
    do_extend_deadline,
    do_remove_participant,
    do_send_reminders,
)
from parindex.web.cycles.deadlines import UNIT_STEPS, pending_unit_ids
from parindex.web.cycles.models import Cycle, Extension
from parindex.web.cycles.setup import EDITABLE_PARTICIPANTS, officer_unit_ids, setup_warnings
from parindex.web.cycles.setup_forms import (
    AddParticipantsForm,
    ConfirmForm,
    CycleEditForm,
    ExtensionForm,
    RemoveParticipantForm,
)
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.listing import listing
from parindex.web.units.models import Unit


def _edit_page(
    request: AuthenticatedHttpRequest,
    cycle: Cycle,
    form: CycleEditForm | None = None,
    extension: ExtensionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    participants = list(cycle.participations.select_related("unit"))
    staffed = officer_unit_ids({p.unit_id for p in participants})
    units = listing(
        request,
        participants,
        text=lambda p: f"{p.unit.code} {p.unit}",
        sorts={"code": lambda p: p.unit.code, "name": lambda p: fold(str(p.unit))},
        default="code",
    )
    return render(
        request,
        "cycles/edit.html",
        {
            "cycle": cycle,
            "form": form or CycleEditForm.of(cycle),
            "warnings": setup_warnings(cycle),
            "extension_form": extension or ExtensionForm(cycle),
            "extensions": Extension.objects.filter(cycle=cycle)
            .select_related("unit", "granted_by")
            .order_by("unit__code", "step"),
            "add_form": AddParticipantsForm(cycle),
            "listing": units,
            "staffed": staffed,
            "may_change_units": CycleState(cycle.state) in EDITABLE_PARTICIPANTS,
            "state_label": STATE_LABELS[CycleState(cycle.state)],
        },
        status=status,
    )


@login_required
def cycle_edit(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    if request.method != "POST":
        return _edit_page(request, cycle)
    form = CycleEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa lưu: " + form_problems(form))
        return _edit_page(request, cycle, form=form, status=400)
    try:
        do_edit_cycle(cycle, request.user, form.cleaned_data["name"], form.deadlines())
    except ActionError as exc:
        messages.error(request, exc.full_message())
        return _edit_page(request, cycle, form=form, status=400)
    messages.success(request, "Đã lưu tên và thời hạn của kỳ đánh giá.")
    return redirect("cycles:cycle_edit", cycle_id=cycle.pk)


@login_required
@require_POST
def cycle_extend(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = ExtensionForm(cycle, request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa gia hạn: " + form_problems(form))
        return _edit_page(request, cycle, extension=form, status=400)
    data = form.cleaned_data
    try:
        do_extend_deadline(
            cycle,
            data["unit"],
            CycleState(data["step"]),
            data["until"],
            data["reason"],
            request.user,
        )
    except ActionError as exc:
        messages.error(request, "Chưa gia hạn: " + exc.full_message())
        return _edit_page(request, cycle, extension=form, status=400)
    messages.success(request, f"Đã gia hạn cho {data['unit']}.")
    return redirect("cycles:cycle_edit", cycle_id=cycle.pk)


@login_required
@require_POST
def cycle_add_units(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = AddParticipantsForm(cycle, request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa thêm: " + form_problems(form))
    else:
        try:
            added = do_add_participants(cycle, form.cleaned_data["units"], request.user)
            messages.success(request, f"Đã thêm {format_count(added)} đơn vị vào kỳ đánh giá.")
        except ActionError as exc:
            messages.error(request, exc.full_message())
    return redirect("cycles:cycle_edit", cycle_id=cycle.pk)


@login_required
@require_POST
def cycle_remove_unit(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = RemoveParticipantForm(cycle, request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa rút đơn vị: " + form_problems(form))
        return redirect("cycles:cycle_edit", cycle_id=cycle.pk)
    unit: Unit = form.cleaned_data["unit"]
    try:
        kept = do_remove_participant(cycle, unit, form.cleaned_data["reason"], request.user)
        messages.success(
            request,
            f"Đã rút {unit} khỏi kỳ đánh giá"
            + (" (giữ lại điểm, tài liệu đã nhập trong lịch sử)." if kept else "."),
        )
    except ActionError as exc:
        messages.error(request, exc.full_message())
    return redirect("cycles:cycle_edit", cycle_id=cycle.pk)


@login_required
def cycle_remind(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    """The units that would be reminded, then (confirmed) the reminder itself."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    step = CycleState(cycle.state)
    late = pending_unit_ids(cycle, step) if step in UNIT_STEPS else set()
    context: dict[str, Any] = {
        "cycle": cycle,
        "step_label": STATE_LABELS[step],
        "late": Unit.objects.filter(pk__in=late).order_by("code"),
        "open_step": step in UNIT_STEPS,
    }
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_problems(form))
            return render(request, "cycles/remind.html", context, status=400)
        try:
            count = do_send_reminders(cycle, request.user, timezone.now())
        except ActionError as exc:
            messages.error(request, exc.full_message())
            return redirect("cycles:cycle", cycle_id=cycle.pk)
        messages.success(request, f"Đã gửi nhắc nộp đến {format_count(count)} đơn vị.")
        return redirect("cycles:cycle", cycle_id=cycle.pk)
    return render(request, "cycles/remind.html", context)
