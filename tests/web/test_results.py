"""Publishing results: a snapshot that recomputes digit for digit, kept when superseded, public."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parindex.web.audit.models import AppendOnlyError
from parindex.web.errors import ActionError
from parindex.web.results.actions import recompute_matches
from parindex.web.results.models import Publication
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"


def test_the_preview_lists_what_is_missing(client, world):
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    # nobody has submitted or scored: each is named as left out for now, and the survey is due
    assert (
        "xã Tiên Châu (chưa gửi tự đánh giá, chưa có quyết định: tạm để ngoài khi tính thử)" in page
    )
    assert "Chưa tính được kết quả" in page
    assert "chưa nhập điểm điều tra xã hội học" in page


def test_publishing_fixes_the_results_and_they_recompute_exactly(world):
    scored_world(world)
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    assert results["decision"] == DECISION
    a = next(u for u in results["units"] if u["unit"] == "XA")
    # 2 + 2,5 + 4 self points, 8,55 survey points, of 20
    assert (a["score"], a["max"], a["index"], a["rank"]) == (17.05, 20, 85.25, 1)
    assert a["survey"]["score"] == 8.55
    assert recompute_matches(publication)
    assert len(publication.sha256) == 64


def test_a_publication_is_never_edited_and_republishing_needs_a_reason(world):
    scored_world(world)
    first = close_and_publish(world.cycle, DECISION, None, world.admin)
    first.decision = "sửa"
    with pytest.raises(AppendOnlyError):
        first.save()
    with pytest.raises(ActionError, match="công bố lại cần ghi lý do"):
        close_and_publish(world.cycle, DECISION, None, world.admin)
    second = close_and_publish(
        world.cycle, "Quyết định số 5000/QĐ-UBND", None, world.admin, reason="Sửa sai sót"
    )
    assert second.supersedes == first
    assert Publication.objects.count() == 2


def test_the_public_page_and_the_api_show_only_what_is_published(client, world):
    assert "Chưa có kết quả nào được công bố" in client.get("/cong-khai/").content.decode()
    assert client.get("/api/ket-qua/").json() == {"publications": []}
    scored_world(world)
    publication = close_and_publish(world.cycle, DECISION, None, world.admin)
    page = client.get("/cong-khai/").content.decode()
    assert world.cycle.name in page
    ranking = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "xã Tiên Châu" in ranking and "85,25" in ranking
    listing = client.get("/api/ket-qua/").json()["publications"]
    assert [p["sha256"] for p in listing] == [publication.sha256]
    body = client.get(f"/api/ket-qua/{publication.pk}/").content.decode()
    assert body == publication.results
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.")
    assert (
        "Tính lại từ dữ liệu đã lưu: khớp đến từng chữ số"
        in client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    )


def published(world):
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def test_a_units_page_opens_with_its_headline_and_shows_lost_points_only_to_those_who_may(
    client, world
):
    from decimal import Decimal

    from parindex.core.workflow import CycleState
    from parindex.web.appraisals.actions import do_correct_score

    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    do_correct_score(
        world.appraiser, world.score(world.unit_a, "2.1"), Decimal("3"), "Chưa niêm yết đủ"
    )
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    url = f"/cong-khai/{publication.pk}/don-vi/XA/"
    public = client.get(url).content.decode()
    assert "Chỉ số CCHC năm 2024 của xã Tiên Châu đạt" in public
    assert "Tiêu chí bị mất điểm" not in public and "Chưa niêm yết đủ" not in public
    client.force_login(world.officer_b)
    assert "Chưa niêm yết đủ" not in client.get(url).content.decode()
    client.force_login(world.officer_a)
    own = client.get(url).content.decode()
    assert "Tiêu chí bị mất điểm" in own and "Chưa niêm yết đủ" in own
    assert client.get(f"/cong-khai/{publication.pk}/don-vi/KHONGCO/").status_code == 404
    chart = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/bieu-do.png")
    assert chart["Content-Type"] == "image/png" and chart.content.startswith(b"\x89PNG")


def test_the_official_documents_download_from_a_publication(client, world):
    import io

    from docx import Document
    from openpyxl import load_workbook

    publication = published(world)
    xlsx = client.get(f"/cong-khai/{publication.pk}/tai/phu-luc.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert any(DECISION in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    summary = Document(
        io.BytesIO(client.get(f"/cong-khai/{publication.pk}/tai/bao-cao.docx").content)
    )
    assert any(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c.text
        for t in summary.tables
        for r in t.rows
        for c in r.cells
    )
    card = Document(
        io.BytesIO(client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.docx").content)
    )
    assert any("xã Tiên Châu đạt 85,25 điểm" in p.text for p in card.paragraphs)
    assert client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.pdf").content.startswith(
        b"%PDF"
    )
    assert client.get(f"/cong-khai/{publication.pk}/tai/phieu-diem.docx").status_code == 404
    assert client.get(f"/cong-khai/{publication.pk}/tai/khac.exe").status_code == 404


def test_the_ranking_filters_by_class_and_sorts_by_name(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/?xep-loai=Khá").content.decode()
    # XA 85,25 and XB 75: both Khá in the test framework's classes (Khá from 70)
    assert "xã Tiên Châu" in page and "xã Tiên Hà" in page
    page = client.get(f"/cong-khai/{publication.pk}/?xep-loai=Yếu").content.decode()
    assert f"/cong-khai/{publication.pk}/don-vi/XA/" not in page and "đang hiện 0" in page
    page = client.get(f"/cong-khai/{publication.pk}/?sap-xep=ten").content.decode()
    assert page.index("xã Tiên Châu") < page.index("xã Tiên Hà")


def test_the_admin_attaches_survey_points_on_the_cycles_results_page(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.conftest import survey_points

    client.force_login(world.admin)
    good = SimpleUploadedFile("points.json", survey_points(world, {"XA": "8", "XB": "6"}).encode())
    response = client.post(f"/ky/{world.cycle.pk}/dieu-tra/", {"points": good}, follow=True)
    assert "Đã nhận điểm điều tra xã hội học của 2 đơn vị." in response.content.decode()
    bad = SimpleUploadedFile("points.json", b'{"format": "other"}')
    response = client.post(f"/ky/{world.cycle.pk}/dieu-tra/", {"points": bad}, follow=True)
    assert "không phải tệp điểm điều tra của parindex" in response.content.decode()


def test_the_published_page_draws_the_charts_inline(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert page.count("<svg") >= 2
    assert "<title>1. xã Tiên Châu: 85,25 (Khá)</title>" in page
    assert "Bình quân 83,88" in page  # (85,25 + 82,50) / 2
    assert "Tỷ lệ điểm theo lĩnh vực" in page


def test_units_compare_side_by_side(client, world):
    """Across years: tests/web/test_published_pages.py (two publications)."""
    first = published(world)
    page = client.get(f"/cong-khai/so-sanh/?p={first.pk}&don-vi=XA&don-vi=XB").content.decode()
    assert (
        "xã Tiên Châu (2024)" in page
        and "xã Tiên Hà (2024)" in page
        and "85,25" in page
        and "82,50" in page
    )
    assert client.get("/cong-khai/so-sanh/").status_code == 404
    assert client.get(f"/cong-khai/so-sanh/?p={first.pk}&don-vi=KHONGCO").status_code == 404


REASON = "Chưa niêm yết đủ thủ tục tại bộ phận một cửa"
EXPLANATION = "Đã niêm yết bổ sung ngày 15/11, có ảnh chụp kèm theo"


def test_the_public_pages_show_no_reasons_nor_explanations(client, world):
    from decimal import Decimal

    from parindex.core.workflow import CycleState
    from parindex.web.appraisals.actions import do_correct_score, do_explain

    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    score = world.score(world.unit_a, "2.1")
    do_correct_score(world.appraiser, score, Decimal("3"), REASON)
    world.move_to(CycleState.EXPLANATION)
    do_explain(world.officer_a, world.score(world.unit_a, "2.1"), EXPLANATION)
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    pages = [
        client.get(url).content.decode()
        for url in (
            "/cong-khai/",
            f"/cong-khai/{publication.pk}/",
            f"/cong-khai/{publication.pk}/don-vi/XA/",
            f"/cong-khai/so-sanh/?p={publication.pk}&don-vi=XA&don-vi=XB",
        )
    ]
    assert "xã Tiên Châu" in pages[1] and "80,25" in pages[1]  # 2 + 2,5 + 3 + 8,55 of 20
    for page in pages:
        assert REASON not in page and EXPLANATION not in page
    client.force_login(world.officer_a)  # the unit itself sees the reason of the points it lost
    assert REASON in client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()


def test_survey_points_of_another_framework_are_refused_with_both_named(world):
    from parindex.web.results.actions import do_attach_survey
    from tests.web.conftest import survey_points

    text = survey_points(world, {"XA": "8"}).replace(
        '"web-test-commune-2024"', '"lamdong-district-2022"'
    )
    with pytest.raises(ActionError) as refused:
        do_attach_survey(world.cycle, text, world.admin)
    assert (
        "điểm điều tra tính cho bộ tiêu chí «lamdong-district-2022», "
        "không phải «web-test-commune-2024»" in refused.value.full_message()
    )
    from parindex.web.results.models import SurveySource

    assert not SurveySource.objects.filter(cycle=world.cycle).exists()


def test_the_api_answers_a_missing_publication_in_json(client, world):
    response = client.get("/api/ket-qua/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "Không tìm thấy kết quả công bố"


def test_a_publication_made_before_criteria_existed_still_recomputes(world):
    from parindex.web.results.actions import sha256
    from parindex.web.results.models import Publication

    scored_world(world)
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    older = json.loads(publication.results)
    for unit in older["units"]:
        unit.pop("criteria", None)
    for field in older["framework"]["fields"]:
        field.pop("criteria", None)
    text = json.dumps(older, ensure_ascii=False)
    Publication.objects.filter(pk=publication.pk).update(results=text, sha256=sha256(text))
    publication.refresh_from_db()
    assert recompute_matches(publication)
    changed = dict(older, units=[dict(older["units"][0], index=1.0), *older["units"][1:]])
    text = json.dumps(changed, ensure_ascii=False)
    Publication.objects.filter(pk=publication.pk).update(results=text, sha256=sha256(text))
    publication.refresh_from_db()
    assert not recompute_matches(publication)
