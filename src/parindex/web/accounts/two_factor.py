"""Two-factor login: who must use it, an authenticator app (TOTP) and its recovery codes.

A role in ``settings.TWO_FACTOR_ROLES`` must sign in with a code besides the password; anyone
else may turn it on («Bảo mật tài khoản»). Every code tried is audited: a wrong one
(TWO_FACTOR_FAILED), a recovery code used (TWO_FACTOR_RECOVERY), turning it on or off
(TWO_FACTOR_ENABLE / TWO_FACTOR_DISABLE). django-otp throttles the devices: after a wrong
code the next try waits 1, 2, 4, 8 … seconds.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parindex.core.numbers import format_count
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError

SESSION_KEY = "two_factor_on"  # whether the signed-in user has an app (set at sign-in)
RECOVERY_CODES = 10
DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã khôi phục"


class CodeRefused(ActionError):
    """A wrong, expired or throttled code: the message says which and what to do."""


def is_required(user: User) -> bool:
    """The user's role must sign in with two factors (``PARINDEX_TWO_FACTOR_ROLES``)."""
    return user.role in settings.TWO_FACTOR_ROLES


def is_verified(user: object) -> bool:
    """The second factor was given in this session (django-otp's OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def authenticator(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_enabled(user: User) -> bool:
    return authenticator(user) is not None


def remember_state(request: HttpRequest, user: object = None, **kwargs: object) -> None:
    """At sign-in (``user_logged_in``) and after a change: whether this user has an app."""
    user = user if user is not None else getattr(request, "user", None)
    request.session[SESSION_KEY] = isinstance(user, User) and is_enabled(user)


user_logged_in.connect(remember_state, dispatch_uid="parindex-two-factor-state")


def recovery_left(user: User) -> int:
    left: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return left


def enrolment_device(user: User) -> TOTPDevice:
    """The authenticator app being set up: a new secret, kept until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an inline SVG QR code (made here, no image service)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, light="#fff"))


def _clean(code: str) -> str:
    return re.sub(r"[\s-]+", "", code or "").lower()


def is_app_code(code: str) -> bool:
    return re.fullmatch(r"\d{6}", _clean(code)) is not None


def _wait_message(device: Device) -> str | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    until = (data or {}).get("locked_until")
    failures = (data or {}).get("failure_count", 0)
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    return (
        f"Đã nhập sai {format_count(failures)} lần liên tiếp: chờ {format_count(seconds)} giây "
        "rồi thử lại."
    )


def _refuse(user: User, device: Device | None, kind: str) -> CodeRefused:
    failures = getattr(device, "throttling_failure_count", 0) if device else 0
    said = "mã khôi phục sai" if kind == "recovery" else "mã ứng dụng sai"
    record(user, AuditAction.TWO_FACTOR_FAILED, unit=user.unit, field=user.username,
           reason=f"{said}; {format_count(failures)} lần sai liên tiếp")  # fmt: skip
    if kind == "recovery":
        text = "Mã khôi phục không đúng hoặc đã được dùng."
    else:
        text = "Mã không đúng hoặc đã hết hạn (mã trong ứng dụng đổi sau mỗi 30 giây)."
    if failures >= 2:
        text += f" Đã sai {format_count(failures)} lần liên tiếp; mỗi lần sai phải chờ lâu hơn."
    return CodeRefused(text)


def check_app_code(user: User, device: TOTPDevice, code: str) -> None:
    """The 6-digit code of ``device``, or CodeRefused (wrong or throttled: audited)."""
    if wait := _wait_message(device):
        record(user, AuditAction.TWO_FACTOR_FAILED, unit=user.unit, field=user.username,
               reason="thử lại trước thời gian chờ")  # fmt: skip
        raise CodeRefused(wait)
    if not is_app_code(code) or not device.verify_token(_clean(code)):
        device.refresh_from_db()
        raise _refuse(user, device, "app")


def verify(user: User, code: str) -> Device:
    """The device that accepts ``code`` for a sign-in: the app's 6 digits or one recovery code
    (consumed, audited); a wrong code raises CodeRefused."""
    app = authenticator(user)
    if app is None:
        raise CodeRefused("Tài khoản chưa thiết lập ứng dụng xác thực.")
    if is_app_code(code):
        check_app_code(user, app, code)
        return app
    codes = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if codes is None:
        raise _refuse(user, None, "recovery")
    if wait := _wait_message(codes):
        record(user, AuditAction.TWO_FACTOR_FAILED, unit=user.unit, field=user.username,
               reason="thử lại trước thời gian chờ")  # fmt: skip
        raise CodeRefused(wait)
    if not codes.verify_token(_clean(code)):
        codes.refresh_from_db()
        raise _refuse(user, codes, "recovery")
    left = recovery_left(user)
    record(user, AuditAction.TWO_FACTOR_RECOVERY, unit=user.unit, field=user.username,
           new=f"còn {format_count(left)} mã")  # fmt: skip
    return codes


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    codes: list[str]


def do_confirm_enrolment(user: User, device: TOTPDevice, code: str) -> Enrolled:
    """The first code from the app confirms it; its recovery codes are made (shown once)."""
    check_app_code(user, device, code)  # outside the transaction: a failure stays counted
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_codes(user)
        record(user, AuditAction.TWO_FACTOR_ENABLE, unit=user.unit, field=user.username,
               new=DEVICE_NAME)  # fmt: skip
    return Enrolled(device, codes)


def _new_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return [f"{c[:4]}-{c[4:]}" for c in codes]


@transaction.atomic
def do_new_recovery_codes(user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not is_enabled(user):
        raise ActionError("Chưa bật xác thực hai bước nên chưa có mã khôi phục.")
    codes = _new_codes(user)
    record(user, AuditAction.TWO_FACTOR_ENABLE, unit=user.unit, field=user.username,
           new=RECOVERY_NAME, reason="tạo mã khôi phục mới; mã cũ hết hiệu lực")  # fmt: skip
    return codes


def do_disable(user: User, code: str) -> None:
    """The user turns two-factor off, confirming with a code; refused for a role that needs it."""
    if is_required(user):
        raise ActionError("Vai trò của bạn bắt buộc xác thực hai bước nên không tắt được.")
    app = authenticator(user)
    if app is None:
        raise ActionError("Xác thực hai bước chưa được bật.")
    check_app_code(user, app, code)
    with transaction.atomic():
        _remove(user)
        record(user, AuditAction.TWO_FACTOR_DISABLE, unit=user.unit, field=user.username,
               old=DEVICE_NAME)  # fmt: skip


@transaction.atomic
def do_reset(account: User, actor: User) -> None:
    """The admin removes another user's devices (a lost phone): they enrol again at sign-in."""
    _remove(account)
    record(actor, AuditAction.TWO_FACTOR_DISABLE, unit=account.unit, field=account.username,
           old=DEVICE_NAME, reason="quản trị đặt lại xác thực hai bước")  # fmt: skip


def _remove(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
