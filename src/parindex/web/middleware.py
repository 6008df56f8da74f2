"""The site's own middleware: the chosen language; security headers and caching (issue 12).

Vietnamese unless the person chose English: the browser's Accept-Language is not followed."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


PUBLIC_PAGES = ("/cong-khai/", "/api/ket-qua/", "/api/openapi.json")
"""Published results and their API: cacheable as a visitor sees them (a signed-in person may
see more on them, such as the admin's withdraw button)."""
SITE_FILES = ("/static/", "/favicon.ico", "/to-chuc/bieu-trung/")
"""The same for everyone, signed in or not."""


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; ``Cache-Control: no-store`` on every response
    that may show unpublished or personal data: anything a signed-in person is sent (their
    names, drafts, evidence files) and every page outside the public ones, so neither a
    shared proxy nor the browser's back button keeps it.

    Placed after the authentication middleware; reading ``request.user`` makes the session
    middleware add ``Vary: Cookie``, so a cache never hands a signed-in page to a visitor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        if request.path.startswith(SITE_FILES):
            return response
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or not request.path.startswith(PUBLIC_PAGES):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
            response.headers["Pragma"] = "no-cache"  # HTTP/1.0 proxies
        return response
