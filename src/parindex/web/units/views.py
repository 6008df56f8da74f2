"""The units' pages: the list (the admin; the leader reads), the roster import with its row
report, a unit's edit and deactivation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parindex.core.collation import collation_key, unit_name_key
from parindex.core.numbers import format_count
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_pending_import,
    access_unit,
    is_admin,
    may_read_units,
)
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages
from parindex.web.listing import listing
from parindex.web.units.actions import (
    do_edit_unit,
    do_import_units,
    do_keep_upload,
    do_set_unit_active,
    plan_units,
)
from parindex.web.units.forms import ConfirmImportForm, RosterUploadForm, UnitActiveForm, UnitForm
from parindex.web.units.models import PendingImport, Unit

PREVIEW_LIMIT = 500  # rows shown in each part of the row report (every problem is shown)


@login_required
def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_read_units(request.user):
        raise Http404(NOT_FOUND)
    units = Unit.objects.select_related("parent").prefetch_related("predecessors").order_by("code")
    found = listing(
        request,
        units,
        text=lambda u: f"{u.code} {u.name} {u.kind} {u.parent.name if u.parent else ''}",
        sorts={
            "code": lambda u: collation_key(u.code),
            "name": lambda u: unit_name_key(u.name),
            "kind": lambda u: collation_key(u.kind),
            "parent": lambda u: collation_key(u.parent.name if u.parent else ""),
            "population": lambda u: u.population if u.population is not None else -1,
            "active": lambda u: (not u.active, collation_key(u.code)),
        },
        default="code",
    )
    return render(
        request, "units/list.html", {"listing": found, "may_edit": is_admin(request.user)}
    )


@login_required
def unit_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a units file: the row report (nothing written), then «Xác nhận nhập»."""
    access_pending_import(request.user, PendingImport.UNITS)  # the admin's page only
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["roster"]
        try:
            pending = do_keep_upload(
                request.user, PendingImport.UNITS, upload.name or "don-vi.xlsx", upload.read()
            )
        except ActionError as exc:
            form.add_error("roster", exc.message)
        else:
            plan = plan_units(bytes(pending.data), pending.file_name)
            return render(
                request,
                "units/import_preview.html",
                {"plan": plan, "pending": pending, "limit": PREVIEW_LIMIT},
            )
    return render(request, "units/import.html", {"form": form})


@login_required
@require_POST
def unit_import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    pending = access_pending_import(request.user, PendingImport.UNITS)
    form = ConfirmImportForm(request.POST)
    if not form.is_valid() or pending is None or pending.pk != form.cleaned_data["pending"]:
        messages.error(request, "Không còn tệp chờ xác nhận: hãy tải tệp danh sách lên lại.")
        return redirect("units:import")
    try:
        plan = do_import_units(pending, request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message())
        return redirect("units:import")
    messages.success(
        request,
        f"Đã nhập danh sách đơn vị từ tệp «{plan.file}»: {format_count(len(plan.creates))} "
        f"đơn vị mới, {format_count(len(plan.updates))} đơn vị cập nhật.",
    )
    return redirect("units:list")


@login_required
def unit_edit(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, unit_id)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST":
        if form.is_valid():
            changed = do_edit_unit(unit, form.values(), request.user)
            if changed:
                messages.success(request, f"Đã lưu đơn vị {unit.code}: {', '.join(changed)}.")
            else:
                messages.info(request, "Không có gì thay đổi.")
            return redirect("units:list")
        unit.refresh_from_db()
    return render(
        request,
        "units/edit.html",
        {"unit": unit, "form": form, "history": unit.participations.exists()},
    )


@login_required
@require_POST
def unit_active(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, unit_id)
    form = UnitActiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa thực hiện: {form_messages(form)}")
        return redirect("units:edit", unit_id=unit.pk)
    active = form.cleaned_data["active"]
    do_set_unit_active(unit, active, request.user, form.cleaned_data["reason"])
    if active:
        messages.success(request, f"Đơn vị {unit} được dùng lại.")
    else:
        messages.success(
            request,
            f"Đã ngừng sử dụng {unit}: đơn vị giữ nguyên lịch sử và không còn được chọn cho kỳ đánh giá mới.",
        )
    return redirect("units:list")
