from django.contrib import admin

from parindex.web.admin_site import ReadOnlyAdmin
from parindex.web.frameworks.models import Framework


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "year", "frozen")
