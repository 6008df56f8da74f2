"""Sign-ins in the audit trail: each success, failure (the username tried and the client
address, never the password), lockout and sign-out, from Django's and axes' signals."""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from parindex.web.accounts.models import User
from parindex.web.accounts.throttle import client_address, cool_off_minutes, forgive_own_failures
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction

# the session keys SessionLimitsMiddleware reads (parindex.web.accounts.sessions)
SIGNED_IN_AT = "parindex_signed_in_at"
SEEN_AT = "parindex_seen_at"
FIELD_MAX = 50  # AuditEntry.field


def _address(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="parindex.login_success")
def signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = now
    if request is not None:
        forgive_own_failures(user.get_username(), _address(request))
    record(user, AuditAction.LOGIN_SUCCESS, field=user.username[:FIELD_MAX], new=_address(request))


@receiver(user_login_failed, dispatch_uid="parindex.login_failed")
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    locked = bool(getattr(request, "axes_locked_out", False))
    record(
        None,
        AuditAction.LOGIN_FAILED,
        field=username[:FIELD_MAX],
        new=_address(request),
        reason="đang tạm khóa" if locked else "",
    )


@receiver(user_locked_out, dispatch_uid="parindex.login_locked")
def locked(sender: Any, request: HttpRequest, username: str | None, ip_address: str | None,
           **kwargs: Any) -> None:  # fmt: skip
    """Once, when a lockout begins (axes signals again on each try while it lasts)."""
    limit = int(settings.AXES_FAILURE_LIMIT)
    if getattr(request, "axes_failures_since_start", limit) != limit:
        return
    record(
        None,
        AuditAction.LOGIN_LOCKED,
        field=(username or "")[:FIELD_MAX],
        new=ip_address or "",
        reason=f"{limit} lần sai liên tiếp; khóa {cool_off_minutes()} phút",
    )


@receiver(user_logged_out, dispatch_uid="parindex.logout")
def signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None or not user.pk:
        return
    reason = str(getattr(request, "parindex_logout_reason", ""))
    record(user, AuditAction.LOGOUT, field=user.username[:FIELD_MAX], new=_address(request),
           reason=reason)  # fmt: skip
