"""An account given a one-time password goes to «Đổi mật khẩu» until it chooses its own."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class ForcedPasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (
                reverse("accounts:password_change"),
                reverse("accounts:logout"),
                reverse("accounts:password_reset_mail"),  # the reset pages under /quen-mat-khau/
                reverse("set_language"),
                settings.STATIC_URL or "/static/",
            )
            if not request.path.startswith(allowed):
                return redirect("accounts:password_change")
        return self.get_response(request)
