"""Login throttling with django-axes: the client's address, the check before every web login,
the Vietnamese lockout page (HTTP 429) that says until when."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The address the request came from: REMOTE_ADDR, or behind ``PARINDEX_PROXY_COUNT``
    reverse proxies the address the outermost of them saw (counted from the right of
    X-Forwarded-For, so a client cannot choose it by sending the header itself)."""
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    count = int(getattr(settings, "PROXY_COUNT", 0))
    if count <= 0:
        return remote
    hops = [h.strip() for h in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [h for h in hops if h]
    return hops[-count] if len(hops) >= count else (hops[0] if hops else remote)


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes: untyped
    """Axes' check (a locked account or address is refused, the right password too). An
    authentication without a request is no web login (the test client's ``login``, a shell):
    there is nothing to throttle, and the next backend decides."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        if address_locked(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # axes' page
            request.parindex_locked = "address"  # type: ignore[attr-defined]
            raise AxesBackendPermissionDenied("too many failures from this address")
        super().authenticate(request, username=username, password=password, **kwargs)
        return None


def address_locked(request: HttpRequest) -> bool:
    """Too many wrong passwords from this address, for any accounts, within the cool-off:
    ``LOGIN_ADDRESS_FAILURE_LIMIT``, higher than one account's limit, since an office behind
    one address shares it (one person's typos must not lock the colleagues out). The lock
    begins is audited once."""
    address = client_address(request)
    since = timezone.now() - (get_cool_off() or timedelta(0))
    found = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )
    failures, limit = int(found["n"] or 0), int(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    if failures == limit:
        from parindex.web.audit.actions import record
        from parindex.web.audit.codes import AuditAction

        record(
            None,
            AuditAction.LOGIN_LOCKED,
            field="(địa chỉ)",
            new=address,
            reason=f"{limit} lần sai từ địa chỉ này; khóa {cool_off_minutes()} phút",
        )
    return failures >= limit


def forgive_own_failures(username: str, address: str) -> None:
    """After a successful sign-in: that account's earlier failures from that address no longer
    count (the owner's typos); failures from elsewhere, or for other accounts, still do."""
    AccessAttempt.objects.filter(username=username, ip_address=address).delete()


def cool_off_minutes() -> int:
    cool_off = get_cool_off()
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The page a locked-out login gets: Vietnamese, HTTP 429, the time to try again."""
    minutes = cool_off_minutes()
    retry = timezone.localtime(timezone.now() + timedelta(minutes=minutes))
    response = render(
        request,
        "registration/locked_out.html",
        {
            "minutes": minutes,
            "retry_at": retry,
            "by_address": getattr(request, "parindex_locked", "") == "address",
            "limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
