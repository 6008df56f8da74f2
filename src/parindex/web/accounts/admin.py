from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from parindex.web.accounts.models import User
from parindex.web.admin_site import RoleAdmin


@admin.register(User)
class UserAdmin(RoleAdmin[User], BaseUserAdmin[User]):
    list_display = ("username", "first_name", "last_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Vai trò", {"fields": ("role", "unit")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Vai trò", {"fields": ("role", "unit")}))
