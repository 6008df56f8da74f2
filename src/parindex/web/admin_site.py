"""The Django admin for master data, open only to the admin role; scores are never edited here."""

from __future__ import annotations

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from parindex.web.access import is_admin

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


admin.site.has_permission = is_admin_role  # type: ignore[method-assign]
admin.site.site_header = "Quản trị hệ thống Chỉ số CCHC"
admin.site.site_title = "Quản trị Chỉ số CCHC"


def copy_into(target: _M, source: _M) -> None:
    """Let the admin's bookkeeping (log entry, redirect) see the row an action made."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db
