"""The appraisal queue and a field's appraisal page."""

from __future__ import annotations

from django.urls import path

from parindex.web.appraisals import views as appraisals

app_name = "appraisals"

urlpatterns = [
    path("ky/<int:cycle_id>/tham-dinh/", appraisals.appraisal_queue, name="appraisal_queue"),
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
