"""Units: the list, the roster import, a unit's edit and deactivation."""

from django.urls import path

from parindex.web.units import views

app_name = "units"
urlpatterns = [
    path("don-vi/", views.unit_list, name="list"),
    path("don-vi/nhap/", views.unit_import, name="import"),
    path("don-vi/nhap/xac-nhan/", views.unit_import_confirm, name="import_confirm"),
    path("don-vi/<int:unit_id>/sua/", views.unit_edit, name="edit"),
    path("don-vi/<int:unit_id>/su-dung/", views.unit_active, name="active"),
]
