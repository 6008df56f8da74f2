"""The two-factor pages: the code at sign-in, setting up the app, the recovery codes,
«Bảo mật tài khoản», and the admin's reset of another user's two-factor (a lost phone)."""

from __future__ import annotations

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.web.access import AuthenticatedHttpRequest, access_account
from parindex.web.accounts import two_factor
from parindex.web.accounts.forms import ConfirmForm
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages

NEW_CODES = "two_factor_new_codes"  # the recovery codes just made, until the user has saved them
NEXT = "two_factor_next"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        strip=True,
        error_messages={"required": "Cần nhập mã gồm 6 chữ số từ ứng dụng xác thực"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _signed_in_with(request: AuthenticatedHttpRequest, device: django_otp.models.Device) -> None:
    """The second factor given: a fresh session key (no fixation), the device in the session."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[two_factor.SESSION_KEY] = True


@login_required
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """«Xác thực hai bước»: the 6-digit code from the app, or one recovery code."""
    user = request.user
    if two_factor.is_verified(user):
        return redirect(_next(request))
    if not two_factor.is_enabled(user):
        if two_factor.is_required(user):
            return redirect("two_factor:enrol")
        two_factor.remember_state(request, user)  # reset by the admin: nothing to ask
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(user, form.cleaned_data["code"])
        except ActionError as exc:
            form.add_error("code", exc.message)
        else:
            _signed_in_with(request, device)
            if not two_factor.is_app_code(form.cleaned_data["code"]):
                left = two_factor.recovery_left(user)
                messages.warning(
                    request,
                    f"Đã dùng một mã khôi phục (mã này không dùng lại được); còn "
                    f"{format_count(left)} mã. Tạo mã mới ở «Bảo mật tài khoản» nếu sắp hết.",
                )
            return redirect(_next(request))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next(request)})


@login_required
def enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Setting up the app: the QR code (or the secret typed), then one code to confirm."""
    user = request.user
    if two_factor.is_enabled(user) and not two_factor.is_verified(user):
        return redirect("two_factor:verify")  # a password alone never replaces the app
    device = two_factor.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = two_factor.do_confirm_enrolment(user, device, form.cleaned_data["code"])
        except ActionError as exc:
            form.add_error("code", exc.message)
        else:
            _signed_in_with(request, enrolled.device)
            request.session[NEW_CODES] = enrolled.codes
            request.session[NEXT] = _next(request)
            messages.success(request, "Đã bật xác thực hai bước.")
            return redirect("two_factor:codes")
    return render(
        request,
        "two_factor/enrol.html",
        {
            "form": form,
            "qr": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
            "required": two_factor.is_required(user),
            "replacing": two_factor.is_enabled(user),
            "next": _next(request),
        },
    )


@login_required
def codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The recovery codes, shown once; «Tạo mã mới» (the old ones stop working); «Đã lưu»."""
    if request.method == "POST":
        if request.POST.get("action") == "new":
            try:
                request.session[NEW_CODES] = two_factor.do_new_recovery_codes(request.user)
            except ActionError as exc:
                messages.error(request, exc.message)
                return redirect("two_factor:security")
            request.session[NEXT] = "/tai-khoan/bao-mat/"
            messages.success(request, "Đã tạo 10 mã khôi phục mới; các mã cũ không dùng được nữa.")
            return redirect("two_factor:codes")
        request.session.pop(NEW_CODES, None)
        return redirect(request.session.pop(NEXT, "/"))
    new = request.session.get(NEW_CODES)
    if not new:
        return redirect("two_factor:security")
    return render(request, "two_factor/codes.html", {"codes": new})


@login_required
def codes_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    new = request.session.get(NEW_CODES)
    if not new:
        messages.error(request, "Mã khôi phục chỉ tải được ngay sau khi tạo: hãy tạo mã mới.")
        return redirect("two_factor:security")
    text = (
        f"Mã khôi phục đăng nhập của tài khoản {request.user.username}\n"
        "Mỗi mã dùng được một lần, khi không có ứng dụng xác thực.\n\n" + "\n".join(new) + "\n"
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ma-khoi-phuc.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    """«Bảo mật tài khoản»: whether two-factor is on, turning it on or off, recovery codes."""
    user = request.user
    return render(
        request,
        "two_factor/security.html",
        {
            "enabled": two_factor.is_enabled(user),
            "required": two_factor.is_required(user),
            "left": two_factor.recovery_left(user),
            "form": CodeForm(),
        },
    )


@login_required
@require_POST
def disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa tắt: {form_messages(form)}")
        return redirect("two_factor:security")
    try:
        two_factor.do_disable(request.user, form.cleaned_data["code"])
    except ActionError as exc:
        messages.error(request, f"Chưa tắt xác thực hai bước: {exc.message}")
        return redirect("two_factor:security")
    two_factor.remember_state(request, request.user)
    messages.success(request, "Đã tắt xác thực hai bước: lần sau chỉ cần mật khẩu.")
    return redirect("two_factor:security")


@login_required
@require_POST
def reset(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    """The admin's «Đặt lại xác thực hai bước» on a user's page."""
    account = access_account(request.user, account_id)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Chưa đặt lại xác thực hai bước: {form_messages(form)}")
        return redirect("accounts:user_edit", account_id=account.pk)
    two_factor.do_reset(account, request.user)
    messages.success(
        request,
        f"Đã đặt lại xác thực hai bước của {account.username}: lần đăng nhập sau phải "
        "thiết lập lại ứng dụng xác thực." if two_factor.is_required(account)
        else f"Đã đặt lại xác thực hai bước của {account.username}.",
    )  # fmt: skip
    return redirect("accounts:user_edit", account_id=account.pk)
