"""The people's pages: the users list, their import, one officer per unit, an account's edit,
lock and new password, the one-time passwords sheet, and everyone's «Đổi mật khẩu»."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parindex.core.collation import collation_key
from parindex.core.numbers import format_count
from parindex.core.workflow import ROLE_LABELS
from parindex.web.access import (
    AuthenticatedHttpRequest,
    access_account,
    access_password_sheet,
    access_pending_import,
)
from parindex.web.accounts.actions import (
    do_change_password,
    do_create_unit_accounts,
    do_edit_user,
    do_import_users,
    do_reset_password,
    do_set_user_active,
    do_take_password_sheet,
    full_name,
    plan_users,
    units_without_officer,
)
from parindex.web.accounts.forms import ChangePasswordForm, ConfirmForm, UserForm
from parindex.web.accounts.models import User
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages
from parindex.web.listing import listing
from parindex.web.units.actions import do_keep_upload
from parindex.web.units.forms import ConfirmImportForm, RosterUploadForm, UnitActiveForm
from parindex.web.units.models import PendingImport

SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


ROLE_TEXT: dict[str, str] = {r.value: label for r, label in ROLE_LABELS.items()}


def _role_label(user: User) -> str:
    return ROLE_TEXT.get(user.role, user.role)


@login_required
def users(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_pending_import(request.user, PendingImport.USERS)  # the admin's page only
    rows = User.objects.select_related("unit").order_by("username")
    found = listing(
        request,
        rows,
        text=lambda u: (
            f"{u.username} {full_name(u)} {u.email} {_role_label(u)} "
            f"{u.unit.code + ' ' + u.unit.name if u.unit else ''}"
        ),
        sorts={
            "username": lambda u: collation_key(u.username),
            "name": lambda u: collation_key(full_name(u)),
            "role": lambda u: collation_key(_role_label(u)),
            "unit": lambda u: collation_key(u.unit.name if u.unit else ""),
            "active": lambda u: (not u.is_active, collation_key(u.username)),
        },
        default="username",
    )
    return render(
        request,
        "accounts/users.html",
        {
            "listing": found,
            "without_officer": len(units_without_officer()),
            "sheet": access_password_sheet(request.user),
        },
    )


@login_required
def user_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_pending_import(request.user, PendingImport.USERS)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["roster"]
        try:
            pending = do_keep_upload(
                request.user, PendingImport.USERS, upload.name or "nguoi-dung.xlsx", upload.read()
            )
        except ActionError as exc:
            form.add_error("roster", exc.message)
        else:
            plan = plan_users(bytes(pending.data), pending.file_name)
            return render(
                request, "accounts/import_preview.html", {"plan": plan, "pending": pending}
            )
    return render(request, "accounts/import.html", {"form": form})


@login_required
@require_POST
def user_import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    pending = access_pending_import(request.user, PendingImport.USERS)
    form = ConfirmImportForm(request.POST)
    if not form.is_valid() or pending is None or pending.pk != form.cleaned_data["pending"]:
        messages.error(request, "Không còn tệp chờ xác nhận: hãy tải tệp danh sách lên lại.")
        return redirect("accounts:user_import")
    try:
        plan = do_import_users(pending, request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message())
        return redirect("accounts:user_import")
    messages.success(
        request,
        f"Đã nhập danh sách người dùng từ tệp «{plan.file}»: {format_count(len(plan.creates))} "
        f"tài khoản mới, {format_count(len(plan.updates))} tài khoản cập nhật.",
    )
    return redirect("accounts:passwords" if plan.creates else "accounts:users")


@login_required
@require_POST
def unit_accounts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """«Tạo tài khoản cho mỗi đơn vị»: an officer for every unit in use without one."""
    access_pending_import(request.user, PendingImport.USERS)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa tạo tài khoản: {form_messages(form)}")
        return redirect("accounts:users")
    made = do_create_unit_accounts(request.user)
    if not made:
        messages.info(request, "Mọi đơn vị đang sử dụng đã có cán bộ đầu mối.")
        return redirect("accounts:users")
    messages.success(request, f"Đã tạo {format_count(made)} tài khoản cán bộ đầu mối.")
    return redirect("accounts:passwords")


@login_required
def user_edit(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id)
    initial = {"full_name": full_name(account), "email": account.email, "role": account.role,
               "unit": account.unit}  # fmt: skip
    form = UserForm(request.POST or None, initial=initial, account=account)
    if request.method == "POST" and form.is_valid():
        changed = do_edit_user(account, form.cleaned_data, request.user)
        if changed:
            messages.success(request, f"Đã lưu tài khoản {account.username}: {', '.join(changed)}.")
        else:
            messages.info(request, "Không có gì thay đổi.")
        return redirect("accounts:users")
    return render(request, "accounts/user_edit.html", {"account": account, "form": form})


@login_required
@require_POST
def user_active(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id)
    form = UnitActiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa thực hiện: {form_messages(form)}")
        return redirect("accounts:user_edit", account_id=account.pk)
    active = form.cleaned_data["active"]
    try:
        do_set_user_active(account, active, request.user, form.cleaned_data["reason"])
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:user_edit", account_id=account.pk)
    if active:
        messages.success(request, f"Đã mở khóa tài khoản {account.username}.")
    else:
        messages.success(
            request, f"Đã khóa tài khoản {account.username}: không đăng nhập được nữa."
        )
    return redirect("accounts:users")


@login_required
@require_POST
def password_reset(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    """«Cấp lại mật khẩu»: a new one-time password, on the sheet to download."""
    account = access_account(request.user, account_id)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa cấp lại mật khẩu: {form_messages(form)}")
        return redirect("accounts:user_edit", account_id=account.pk)
    do_reset_password(account, request.user)
    messages.success(request, f"Đã cấp mật khẩu dùng một lần mới cho {account.username}.")
    return redirect("accounts:passwords")


@login_required
def passwords(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The one-time passwords waiting to be downloaded (once)."""
    sheet = access_password_sheet(request.user)
    return render(request, "accounts/passwords.html", {"sheet": sheet})


@login_required
@require_POST
def password_sheet(request: AuthenticatedHttpRequest) -> HttpResponse:
    sheet = access_password_sheet(request.user)
    try:
        if sheet is None:
            raise ActionError("Tệp mật khẩu đã được tải")
        data = do_take_password_sheet(sheet)
    except ActionError:
        messages.error(
            request,
            "Tệp mật khẩu đã được tải hoặc không còn: dùng «Cấp lại mật khẩu» nếu cần mật khẩu mới.",
        )
        return redirect("accounts:users")
    response = HttpResponse(data, content_type=SHEET_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mat-khau-dung-mot-lan.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone's «Đổi mật khẩu»; the one page an account with a one-time password may open."""
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("/")
    return render(
        request,
        "registration/password_change.html",
        {
            "form": form,
            "forced": request.user.must_change_password,
            "min_length": settings.PASSWORD_MIN_LENGTH,
        },
    )
