"""A signed-in user who needs a second factor and has not given it in this session goes to
«Xác thực hai bước» (or to set up the app first) before any other page.

Runs after ForcedPasswordChangeMiddleware: a one-time password is changed first, then the app
is set up. Needed for a role in ``PARINDEX_TWO_FACTOR_ROLES`` and for anyone who turned it on.
The published pages stay open (they are public anyway); under /api/ the answer is JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from parindex.web.accounts import two_factor
from parindex.web.errors import is_api

# Pages open before the second factor: signing in and out, the two-factor pages themselves,
# the language switch, and what every visitor may read (the published results, the logo).
OPEN = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "set_language",
        "two_factor:verify",
        "two_factor:enrol",
        "organisation:logo",
        "organisation:favicon",
        "results:public_index",
        "results:compare",
        "results:round",
        "results:publication",
        "results:unit_page",
        "results:unit_chart",
        "results:download_unit",
        "results:download",
        "results:scorecard_archives",
        "results:download_scorecards",
        "results:api_index",
        "results:api_results",
        "results:openapi",
    }
)
NOT_VERIFIED = "Cần xác thực hai bước: đăng nhập trên trình duyệt và nhập mã từ ứng dụng xác thực."


def _is_open(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL or "/static/"):
        return True
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        return not is_api(request)  # a missing page: its 404
    if name == "accounts:password_change":  # the forced change comes first; else the code
        return bool(getattr(request.user, "must_change_password", False))
    return name in OPEN


def _turned_on(request: HttpRequest) -> bool:
    """The user turned two-factor on: asked once a session (two_factor.remember_state), so the
    pages of those who did not cost no query."""
    if two_factor.SESSION_KEY not in request.session:
        two_factor.remember_state(request)
    return bool(request.session[two_factor.SESSION_KEY])


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        halfway = (
            user is not None
            and user.is_authenticated
            and not two_factor.is_verified(user)
            and (two_factor.is_required(user) or _turned_on(request))
        )
        # between the password and the code: the pages show no menu, no account links
        request.parindex_halfway = bool(halfway)  # type: ignore[attr-defined]
        if halfway and user is not None and not _is_open(request):
            if is_api(request):
                return JsonResponse(
                    {"loi": NOT_VERIFIED, "ma": 403},
                    status=403,
                    json_dumps_params={"ensure_ascii": False},
                )
            page = "two_factor:verify" if two_factor.is_enabled(user) else "two_factor:enrol"
            target = reverse(page)
            if request.method == "GET" and request.path != "/":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
