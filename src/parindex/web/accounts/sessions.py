"""Sessions end after SESSION_IDLE_SECONDS without a request and SESSION_MAX_SECONDS after
sign-in: the person is signed out and sent to sign in again, back to the page they asked for."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from parindex.web.accounts.login_trail import SEEN_AT, SIGNED_IN_AT

# the last-seen time is written at most this often (not one session write per request)
SEEN_EVERY = 60.0
EXPIRED = "Phiên làm việc đã hết hạn (quá lâu không thao tác hoặc đã đăng nhập quá lâu): hãy đăng nhập lại."


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = time.time()
            signed_in = float(session.get(SIGNED_IN_AT) or 0) or now
            seen = float(session.get(SEEN_AT) or 0) or now
            if (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in > settings.SESSION_MAX_SECONDS
            ):
                request.parindex_logout_reason = "hết phiên làm việc"  # type: ignore[attr-defined]
                logout(request)
                messages.warning(request, EXPIRED)
                nxt = request.get_full_path() if request.method == "GET" else ""
                query = "?" + urlencode({"next": nxt}) if nxt else ""
                return HttpResponseRedirect(settings.LOGIN_URL + query)
            if SIGNED_IN_AT not in session:  # a session from before these limits
                session[SIGNED_IN_AT] = signed_in
            if now - seen >= SEEN_EVERY or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)
