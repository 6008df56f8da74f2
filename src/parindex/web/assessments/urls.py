"""A unit's self-assessment: its overview, a field's page, submission, evidence."""

from __future__ import annotations

from django.urls import path

from parindex.web.assessments import views as assessments

app_name = "assessments"

urlpatterns = [
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/",
        assessments.unit_assessment,
        name="unit_assessment",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/linh-vuc/<str:field_code>/",
        assessments.field_page,
        name="field_page",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/nop/",
        assessments.submit_assessment,
        name="submit_assessment",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/rut-lai/",
        assessments.withdraw_assessment,
        name="withdraw_assessment",
    ),
    path("diem/<int:score_id>/tai-lieu/", assessments.add_evidence, name="add_evidence"),
    path("tai-lieu/<int:evidence_id>/", assessments.download_evidence, name="download_evidence"),
    path("tai-lieu/<int:evidence_id>/go/", assessments.remove_evidence, name="remove_evidence"),
]
