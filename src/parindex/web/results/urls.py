"""Results: the admin's preview, publication and survey intake; the public pages; the API."""

from __future__ import annotations

from django.urls import path

from parindex.web.results import api as results_api
from parindex.web.results import scorecard_views as scorecards
from parindex.web.results import views_admin as results_admin
from parindex.web.results import views_public as results
from parindex.web.results import views_round as rounds
from parindex.web.results import views_signed as signed
from parindex.web.results import views_survey as survey

app_name = "results"

urlpatterns = [
    path("ky/<int:cycle_id>/ket-qua/", results_admin.cycle_results, name="cycle_results"),
    path("ky/<int:cycle_id>/cong-bo/", results_admin.publish, name="publish"),
    path(
        "ky/<int:cycle_id>/ket-qua/don-vi-chua-gui/", results_admin.decide_unit, name="decide_unit"
    ),
    path("ky/<int:cycle_id>/ket-qua/mo-lai/", results_admin.reopen_scores, name="reopen_scores"),
    path(
        "ky/<int:cycle_id>/ket-qua/mo-lai/<int:reopening_id>/dong/",
        results_admin.close_reopening,
        name="close_reopening",
    ),
    path("ky/<int:cycle_id>/dieu-tra/", survey.attach_survey, name="attach_survey"),
    path("ky/<int:cycle_id>/dieu-tra/nhap-tay/", survey.survey_manual, name="survey_manual"),
    path("ky/<int:cycle_id>/phieu-tra-loi/", survey.upload_survey, name="upload_survey"),
    path(
        "ky/<int:cycle_id>/phieu-tra-loi/<int:upload_id>/",
        survey.survey_review,
        name="survey_review",
    ),
    path("cong-khai/", results.public_index, name="public_index"),
    path("cong-khai/so-sanh/", results.compare, name="compare"),
    path("cong-khai/khoa-cong-khai.pem", signed.public_key, name="public_key"),
    path("cong-khai/dot/<int:round_id>/", rounds.round_page, name="round"),
    path("cong-khai/<int:publication_id>/", results.publication_page, name="publication"),
    path("cong-khai/<int:publication_id>/results.json", signed.results_file, name="results_file"),
    path(
        "cong-khai/<int:publication_id>/results.json.sha256",
        signed.results_sha256,
        name="results_sha256",
    ),
    path(
        "cong-khai/<int:publication_id>/results.json.sig",
        signed.results_signature,
        name="results_signature",
    ),
    path("cong-khai/<int:publication_id>/thu-hoi/", results_admin.withdraw, name="withdraw"),
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
]
