"""A unit's self-assessment: its overview, a field's page, submission, evidence."""

from __future__ import annotations

from django.urls import path

from parindex.web.assessments import views as assessments
from parindex.web.assessments import views_evidence as evidence
from parindex.web.assessments import views_steps as steps

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
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/nop/xac-nhan/",
        steps.confirm_step,
        {"step": "submit"},
        name="confirm_submit",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/nop/",
        steps.submit_assessment,
        name="submit_assessment",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/rut-lai/xac-nhan/",
        steps.confirm_step,
        {"step": "withdraw"},
        name="confirm_withdraw",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/rut-lai/",
        steps.withdraw_assessment,
        name="withdraw_assessment",
    ),
    path(
        "ky/<int:cycle_id>/don-vi/<int:unit_id>/giai-trinh/",
        steps.explanation_round,
        name="explanation_round",
    ),
    path("diem/<int:score_id>/tai-lieu/", evidence.add_evidence, name="add_evidence"),
    path("diem/<int:score_id>/dung-lai/", evidence.reuse_evidence, name="reuse_evidence"),
    path("tai-lieu/<int:evidence_id>/", evidence.download_evidence, name="download_evidence"),
    path("tai-lieu/<int:evidence_id>/xem/", evidence.preview_evidence, name="preview_evidence"),
    path("tai-lieu/<int:evidence_id>/go/", evidence.remove_evidence, name="remove_evidence"),
]
