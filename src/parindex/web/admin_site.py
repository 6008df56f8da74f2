"""The Django admin for master data, open only to the admin role; scores are never edited here."""

from __future__ import annotations

from typing import TypeVar
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from parindex.web.access import is_admin
from parindex.web.accounts.two_factor import is_enabled, is_verified

_M = TypeVar("_M", bound=Model)


def is_admin_role(request: HttpRequest) -> bool:
    """The admin role, active and with staff status (the admin site's own condition).

    The site is mounted at /quan-tri/ only with PARINDEX_ADMIN=1 (parindex.web.urls). Hook for
    two-factor login: this is the one check every admin page passes through; requiring a
    verified OTP device belongs here (``and request.user.is_verified()``)."""
    user = request.user
    return is_admin(user) and user.is_active and user.is_staff


class RoleAdmin(admin.ModelAdmin[_M]):
    """The admin role manages master data; permissions follow the role, not Django's per-model grants."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_role(request)

    def has_view_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return is_admin_role(request)

    def has_add_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return is_admin_role(request)

    def has_change_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return is_admin_role(request)

    def has_delete_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return is_admin_role(request)


class ReadOnlyAdmin(RoleAdmin[_M]):
    """Rows that change only through actions (and so are audited): view, never edit here."""

    def has_add_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: _M | None = None) -> bool:
        return False


def is_verified_admin(request: HttpRequest) -> bool:
    """The admin site also needs the second factor in this session (issue 12), whatever
    ``PARINDEX_TWO_FACTOR_ROLES`` says: an admin without the app sets it up first."""
    return is_admin_role(request) and is_verified(request.user)


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin site's sign-in is the site's own, then its two-factor page."""
    target = request.GET.get("next", "/quan-tri/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/quan-tri/"
    query = "?" + urlencode({"next": target})
    if not request.user.is_authenticated:
        return redirect(reverse("accounts:login") + query)
    if not is_admin_role(request):
        return redirect("/")
    if is_verified_admin(request):
        return redirect(target)
    page = "two_factor:verify" if is_enabled(request.user) else "two_factor:enrol"
    return redirect(reverse(page) + query)


admin.site.has_permission = is_verified_admin  # type: ignore[method-assign]
admin.site.login = admin_login  # type: ignore[method-assign]
admin.site.site_header = "Quản trị hệ thống Chỉ số CCHC"
admin.site.site_title = "Quản trị Chỉ số CCHC"


def copy_into(target: _M, source: _M) -> None:
    """Let the admin's bookkeeping (log entry, redirect) see the row an action made."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db
