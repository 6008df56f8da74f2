from django.contrib import admin

from parindex.web.admin_site import RoleAdmin
from parindex.web.units.models import Unit


@admin.register(Unit)
class UnitAdmin(RoleAdmin[Unit]):
    list_display = ("code", "name", "kind", "parent", "population", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    filter_horizontal = ("predecessors",)
