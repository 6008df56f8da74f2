from django.contrib import admin

from parindex.web.admin_site import ReadOnlyAdmin
from parindex.web.cycles.models import Assignment, Cycle


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ("name", "period", "state", "framework")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "appraiser", "unit", "field_code")
