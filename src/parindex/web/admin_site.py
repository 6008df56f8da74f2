"""The Django admin for master data, open only to the admin role; scores are never edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that change only through actions (and so are audited): view, never edit here."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def only_admin_role(request: Any) -> bool:
    user = request.user
    return bool(
        user.is_active
        and user.is_authenticated
        and getattr(user, "role", "") == "admin"
        and user.is_staff
    )


admin.site.has_permission = only_admin_role  # type: ignore[method-assign]
admin.site.site_header = "Quản trị hệ thống Chỉ số CCHC"
admin.site.site_title = "Quản trị Chỉ số CCHC"
