from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest

from parindex.web.accounts.models import User
from parindex.web.admin_site import RoleAdmin

AUDITED = ("role", "unit", "is_active", "is_staff", "is_superuser")
"""What an account change on the admin site writes to the audit trail (old → new)."""


def _shown(user: User, field: str) -> str:
    if field == "unit":
        return user.unit.code if user.unit else ""
    value = getattr(user, field)
    return ("1" if value else "0") if isinstance(value, bool) else str(value)


@admin.register(User)
class UserAdmin(RoleAdmin[User], BaseUserAdmin[User]):
    list_display = ("username", "first_name", "last_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Vai trò", {"fields": ("role", "unit")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Vai trò", {"fields": ("role", "unit")}))

    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool
    ) -> None:
        """Accounts made or changed on the admin site are audited like those made in the app."""
        from parindex.web.accounts.actions import account_text
        from parindex.web.audit.actions import record
        from parindex.web.audit.codes import AuditAction

        actor: Any = request.user
        old = User.objects.select_related("unit").filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if old is None:
            record(actor, AuditAction.USER_CREATE, unit=obj.unit, field=obj.username,
                   new=account_text(obj), reason="trang quản trị Django")  # fmt: skip
            return
        for field in AUDITED:
            before, after = _shown(old, field), _shown(obj, field)
            if before != after:
                record(actor, AuditAction.USER_EDIT, unit=obj.unit, field=field, old=before,
                       new=after, reason=obj.username)  # fmt: skip
