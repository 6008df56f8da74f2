from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from parindex.web.appraisals import views as appraisals
from parindex.web.assessments import views as assessments
from parindex.web.audit import views as audit
from parindex.web.cycles import views as cycles
from parindex.web.results import api as results_api
from parindex.web.results import scorecard_views as scorecards
from parindex.web.results import views_admin as results_admin
from parindex.web.results import views_public as results
from parindex.web.results import views_survey as survey

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/dang-nhap/"), name="logout"),
    path("", cycles.dashboard, name="dashboard"),
    path("ky/<int:cycle_id>/", cycles.cycle_detail, name="cycle"),
    path("ky/<int:cycle_id>/chuyen-buoc/", cycles.cycle_transition, name="cycle_transition"),
    path("ky/<int:cycle_id>/tien-do.csv", cycles.cycle_progress_csv, name="cycle_progress_csv"),
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
    path("ky/<int:cycle_id>/don-vi/<int:unit_id>/nhat-ky/", audit.audit_trail, name="audit_trail"),
    path("diem/<int:score_id>/tai-lieu/", assessments.add_evidence, name="add_evidence"),
    path("tai-lieu/<int:evidence_id>/", assessments.download_evidence, name="download_evidence"),
    path("tai-lieu/<int:evidence_id>/go/", assessments.remove_evidence, name="remove_evidence"),
    path("ky/<int:cycle_id>/tham-dinh/", appraisals.appraisal_queue, name="appraisal_queue"),
    path(
        "ky/<int:cycle_id>/tham-dinh/<int:unit_id>/<str:field_code>/",
        appraisals.appraise_field,
        name="appraise_field",
    ),
    path("ky/<int:cycle_id>/ket-qua/", results_admin.cycle_results, name="cycle_results"),
    path("ky/<int:cycle_id>/cong-bo/", results_admin.publish, name="publish"),
    path("ky/<int:cycle_id>/dieu-tra/", survey.attach_survey, name="attach_survey"),
    path("ky/<int:cycle_id>/phieu-tra-loi/", survey.upload_survey, name="upload_survey"),
    path(
        "ky/<int:cycle_id>/phieu-tra-loi/<int:upload_id>/",
        survey.survey_review,
        name="survey_review",
    ),
    path("cong-khai/", results.public_index, name="public_index"),
    path("cong-khai/so-sanh/", results.compare, name="compare"),
    path("cong-khai/<int:publication_id>/", results.publication_page, name="publication"),
    path(
        "cong-khai/<int:publication_id>/don-vi/<str:unit_code>/",
        results.unit_page,
        name="unit_page",
    ),
    path(
        "cong-khai/<int:publication_id>/don-vi/<str:unit_code>/bieu-do.png",
        results.unit_chart,
        name="unit_chart",
    ),
    path(
        "cong-khai/<int:publication_id>/don-vi/<str:unit_code>/<str:document>",
        results.download,
        name="download_unit",
    ),
    path("cong-khai/<int:publication_id>/tai/<str:document>", results.download, name="download"),
    path(
        "cong-khai/<int:publication_id>/phieu-ket-qua/",
        scorecards.scorecard_archives,
        name="scorecard_archives",
    ),
    path(
        "cong-khai/<int:publication_id>/phieu-ket-qua/tao/",
        scorecards.request_scorecards,
        name="request_scorecards",
    ),
    path(
        "cong-khai/<int:publication_id>/phieu-ket-qua/<str:fmt>.zip",
        scorecards.download_scorecards,
        name="download_scorecards",
    ),
    path("api/ket-qua/", results_api.api_index, name="api_index"),
    path("api/ket-qua/<int:publication_id>/", results_api.api_results, name="api_results"),
    path("api/openapi.json", results_api.openapi, name="openapi"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
