"""The appraisal queue, a field's appraisal page, accepting a whole unit, the council's workbooks."""

from __future__ import annotations

from django.urls import path

from parindex.web.appraisals import views as appraisals
from parindex.web.appraisals import views_exports as exports
from parindex.web.appraisals import views_queue as queue

app_name = "appraisals"

urlpatterns = [
    path("ky/<int:cycle_id>/tham-dinh/", queue.appraisal_queue, name="appraisal_queue"),
    path(
        "ky/<int:cycle_id>/tham-dinh/xuat/<str:kind>.xlsx",
        exports.export_cycle,
        name="export_cycle",
    ),
    path(
        "ky/<int:cycle_id>/tham-dinh/<int:unit_id>/chap-nhan/",
        queue.accept_unit,
        name="accept_unit",
    ),
    path(
        "ky/<int:cycle_id>/tham-dinh/<int:unit_id>/xuat/<str:kind>.xlsx",
        exports.export_unit,
        name="export_unit",
    ),
    path(
        "ky/<int:cycle_id>/tham-dinh/<int:unit_id>/thuong-tru/",
        appraisals.appraise_bonus,
        name="appraise_bonus",
    ),
    path(
        "ky/<int:cycle_id>/tham-dinh/<int:unit_id>/<str:field_code>/",
        appraisals.appraise_field,
        name="appraise_field",
    ),
]
