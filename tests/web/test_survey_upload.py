"""Raw responses from the cycle's page: the row report, then acceptance into survey points."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.cycles.actions import do_create_cycle
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.results.models import SurveySource
from parindex.web.units.models import Unit
from tests.conftest import DATA

SURVEY = DATA / "survey"


def survey_cycle(world):
    framework = do_import_framework(
        (SURVEY / "framework.yaml").read_text(encoding="utf-8"), world.admin
    )
    units = [
        Unit.objects.create(code=c, name=n, kind="xã")
        for c, n in (("TC", "Tiên Châu 2"), ("TH", "Tiên Hà 2"), ("TL", "Tiên Lãnh"))
    ]
    return do_create_cycle("Kỳ có điều tra", framework, "2023", units, world.admin)


def upload(client, cycle, responses: str):
    files = {
        "questionnaire": SimpleUploadedFile(
            "phieu.yaml", (SURVEY / "questionnaire.yaml").read_bytes()
        ),
        "responses": SimpleUploadedFile(responses, (SURVEY / responses).read_bytes()),
    }
    return client.post(f"/ky/{cycle.pk}/phieu-tra-loi/", files, follow=True)


def test_an_admin_uploads_responses_sees_the_row_report_and_accepts(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    page = upload(client, cycle, "bad-rows.csv").content.decode()
    assert "Kiểm tra phiếu trả lời: bad-rows.csv" in page
    assert (
        "bị loại" in page and '<td class="num">' in page
    )  # rejected rows listed with their row numbers
    page = upload(client, cycle, "kobo.csv").content.decode()
    assert "Đã đọc <strong>42</strong> phiếu, hợp lệ <strong>42</strong>" in page
    upload_id = cycle.survey_uploads.order_by("-id").first().pk
    response = client.post(f"/ky/{cycle.pk}/phieu-tra-loi/{upload_id}/", follow=True)
    assert "Đã tính và nhận điểm điều tra xã hội học của 3 đơn vị." in response.content.decode()
    data = json.loads(SurveySource.objects.get(cycle=cycle).data)
    assert data["counts"] == {"read": 42, "kept": 42, "rejected": 0}
    assert {u["unit"] for u in data["units"]} == {"TC", "TH", "TL"}


def test_a_file_that_is_not_a_table_is_refused(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    files = {
        "questionnaire": SimpleUploadedFile(
            "phieu.yaml", (SURVEY / "questionnaire.yaml").read_bytes()
        ),
        "responses": SimpleUploadedFile("virus.exe", b"MZ"),
    }
    page = client.post(f"/ky/{cycle.pk}/phieu-tra-loi/", files, follow=True).content.decode()
    assert "Phiếu trả lời phải là tệp CSV hoặc XLSX" in page


def test_an_officer_cannot_upload_responses(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.officer_a)
    assert upload(client, cycle, "kobo.csv").status_code == 404


def test_the_minimum_sample_of_a_unit_with_a_known_population_is_n_over_1_plus_n_e2(client, world):
    cycle = survey_cycle(world)
    Unit.objects.filter(code="TC").update(population=1000)  # 1000/(1+1000·0,05²) = 285,7 → 286
    client.force_login(world.admin)
    upload(client, cycle, "kobo.csv")
    upload_id = cycle.survey_uploads.order_by("-id").first().pk
    client.post(f"/ky/{cycle.pk}/phieu-tra-loi/{upload_id}/", follow=True)
    data = json.loads(SurveySource.objects.get(cycle=cycle).data)
    required = {u["unit"]: {leaf["required"] for leaf in u["leaves"]} for u in data["units"]}
    assert required == {"TC": {286}, "TH": {30}, "TL": {30}}


def test_a_mapping_with_a_yaml_syntax_error_is_refused_with_its_line(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    files = {
        "questionnaire": SimpleUploadedFile(
            "phieu.yaml", (SURVEY / "questionnaire.yaml").read_bytes()
        ),
        "responses": SimpleUploadedFile("limesurvey.csv", (SURVEY / "limesurvey.csv").read_bytes()),
        "mapping": SimpleUploadedFile("anh-xa.yaml", b"columns:\n  DONVI: [unit\n"),
    }
    response = client.post(f"/ky/{cycle.pk}/phieu-tra-loi/", files, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không đọc được tệp phiếu trả lời" in page and "ánh xạ, dòng 3" in page
