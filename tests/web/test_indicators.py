"""Targets and indicators in the app, as the office, the leaders and the communes use them."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from parindex.web.audit.models import AuditEntry
from parindex.web.indicators.actions import do_load_catalogue
from parindex.web.indicators.models import Indicator, IndicatorValue

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def loaded(world):
    do_load_catalogue(world.admin)
    return world


def enter(client, world, code, period, **figures):
    indicator = Indicator.objects.get(code=code)
    data = {"indicator": indicator.pk, "period": period, **figures}
    return client.post(f"/chi-tieu/don-vi/{world.unit_a.pk}/", data)


def test_the_admin_loads_the_shipped_catalogue_with_its_sources(client, world):
    client.force_login(world.admin)
    assert "Chưa có chỉ tiêu nào" in client.get("/chi-tieu/").content.decode()
    response = client.post("/chi-tieu/nap-danh-muc/", follow=True)
    page = response.content.decode()
    assert "Đã nạp danh mục chỉ tiêu: 28 chỉ tiêu mới, 0 chỉ tiêu cập nhật." in page
    assert "QĐ 2629/QĐ-TTg" in page and "Cơ quan chủ trì theo dõi, đánh giá" in page
    assert "&gt; 80% cấp huyện (2021-2024)" in page or "> 80% cấp huyện (2021-2024)" in page
    assert AuditEntry.objects.filter(action="indicator.load").count() == 1
    again = client.post("/chi-tieu/nap-danh-muc/", follow=True).content.decode()
    assert "0 chỉ tiêu mới, 28 chỉ tiêu cập nhật" in again


def test_the_commune_enters_its_figures_with_evidence_and_sees_attainment_and_trend(client, loaded):
    client.force_login(loaded.officer_a)
    assert (
        client.get("/chi-tieu/cua-don-vi/")["Location"] == f"/chi-tieu/don-vi/{loaded.unit_a.pk}/"
    )
    response = enter(client, loaded, "CPS-05", "2024", numerator="715", denominator="1.000")
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="CPS-05")
    upload = io.BytesIO(PDF)
    upload.name = "so-lieu.pdf"
    response = client.post(
        f"/chi-tieu/don-vi/{loaded.unit_a.pk}/",
        {"indicator": indicator.pk, "period": "2025", "numerator": "1.661",
         "denominator": "2000", "evidence": upload},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/chi-tieu/don-vi/{loaded.unit_a.pk}/?ky=2025").content.decode()
    assert "83,05%" in page and "1.661/2.000" in page and "so-lieu.pdf" in page
    assert "Không đạt" in page and "≥ 100%" in page  # QĐ 2629: 100% from 2025
    assert "+11,55 so với 2024 (tốt lên)" in page
    earlier = client.get(f"/chi-tieu/don-vi/{loaded.unit_a.pk}/?ky=2024").content.decode()
    assert "71,5%" in earlier and "Đạt" in earlier and "&gt; 60%" in earlier
    stored = IndicatorValue.objects.get(indicator=indicator, unit=loaded.unit_a, period="2025")
    download = client.get(f"/chi-tieu/tai-lieu/{stored.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="indicator.value", unit=loaded.unit_a).count() == 2


def test_a_count_is_written_with_its_thousands_dot(client, loaded):
    client.force_login(loaded.officer_a)
    assert enter(client, loaded, "MC-04", "6 tháng đầu năm 2026", value="2.358").status_code == 302
    page = client.get(
        f"/chi-tieu/don-vi/{loaded.unit_a.pk}/?ky=6 tháng đầu năm 2026"
    ).content.decode()
    assert "2.358 hồ sơ" in page


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"numerator": "5", "denominator": "4"}, "tử số (5) lớn hơn mẫu số (4)"),
        ({"numerator": "mười", "denominator": "4"}, "«mười» không phải là số"),
        ({"numerator": "-1", "denominator": "4"}, "không nhận số âm"),
        ({"numerator": "5"}, "cần cả tử số và mẫu số"),
        ({"value": "80"}, "chỉ tiêu tỷ lệ cần tử số và mẫu số"),
        ({"numerator": "1", "denominator": "2", "period": "năm ngoái"}, "không đọc được"),
    ],
)
def test_bad_figures_are_refused_in_words_and_nothing_is_stored(client, loaded, figures, message):
    client.force_login(loaded.officer_a)
    response = enter(client, loaded, "CPS-05", figures.pop("period", "2026"), **figures)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_another_commune_sees_nothing_of_commune_a(client, loaded):
    client.force_login(loaded.officer_b)
    assert client.get(f"/chi-tieu/don-vi/{loaded.unit_a.pk}/").status_code == 404
    assert (
        enter(client, loaded, "CPS-05", "2026", numerator="1", denominator="2").status_code == 404
    )
    assert client.get("/chi-tieu/").status_code == 404
    assert not IndicatorValue.objects.exists()


def test_the_leader_reads_but_does_not_enter(client, loaded):
    client.force_login(loaded.leader)
    assert client.get(f"/chi-tieu/don-vi/{loaded.unit_a.pk}/").status_code == 200
    assert (
        enter(client, loaded, "CPS-05", "2026", numerator="1", denominator="2").status_code == 404
    )
    assert client.post("/chi-tieu/nap-danh-muc/").status_code == 404


def values_workbook(rows):
    book = Workbook()
    book.active.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Tử số", "Mẫu số", "Giá trị"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "so-lieu.xlsx"
    return buffer


def test_an_import_with_errors_names_every_row_and_stores_nothing(client, loaded):
    client.force_login(loaded.admin)
    upload = values_workbook(
        [["XA", "VB-01", "2025", 92, 100, None], ["XA", "KHONG", "2025", 1, 2, None],
         ["XB", "VB-01", "2025", 9, 8, None]]
    )  # fmt: skip
    response = client.post("/chi-tieu/nhap/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "2 lỗi, chưa lưu gì" in page
    assert "dòng 3, ô B3: không có chỉ tiêu mã «KHONG»" in page
    assert "dòng 4, ô D4: tử số (9) lớn hơn mẫu số (8)" in page
    assert not IndicatorValue.objects.exists()


def test_the_province_table_in_the_official_layout_with_its_workbook(client, loaded):
    client.force_login(loaded.admin)
    upload = values_workbook(
        [["XA", "VB-01", "2025", 95, 100, None], ["XB", "VB-01", "2025", 85, 100, None],
         ["XA", "MC-04", "2025", None, None, 395], ["XB", "MC-04", "2025", None, None, 1963]]
    )  # fmt: skip
    response = client.post("/chi-tieu/nhap/", {"file": upload})
    assert response.status_code == 302
    page = client.get("/chi-tieu/bang/?ky=2025").content.decode()
    for header in ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá",
                   "Kết quả thực hiện", "Đánh giá"):  # fmt: skip
        assert f"<th>{header}</th>" in page
    assert "90% cấp xã (1/2 đơn vị đạt)" in page  # VB-01: 180/200; xã target ≥ 92%
    assert "2.358 hồ sơ" in page  # MC-04: 395 + 1.963
    book = load_workbook(io.BytesIO(client.get("/chi-tieu/bang/chi-tieu.xlsx?ky=2025").content))
    cells = [[c for c in row if c is not None] for row in book.active.iter_rows(values_only=True)]
    assert ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá",
            "Kết quả thực hiện", "Đánh giá"] in cells  # fmt: skip
    vb = next(r for r in cells if "Tỷ lệ văn bản trao đổi" in str(r[1:2]))
    assert vb[-2:] == ["90% cấp xã (1/2 đơn vị đạt)", "Không đạt"]
    detail = client.get(f"/chi-tieu/{Indicator.objects.get(code='VB-01').pk}/?ky=2025")
    text = detail.content.decode()
    assert "<svg" in text and "95% — Đạt (chỉ tiêu ≥ 92%)" in text


def test_a_bad_period_in_the_address_is_no_error_page(client, loaded):
    client.force_login(loaded.leader)
    for url in ("/chi-tieu/bang/?ky=xyz", "/chi-tieu/bang/chi-tieu.xlsx?ky=%00",
                f"/chi-tieu/{Indicator.objects.first().pk}/?ky=" + "9" * 60):  # fmt: skip
        assert client.get(url).status_code == 200
    assert client.get("/chi-tieu/999999/").status_code == 404


def test_manage_py_load_indicators_loads_the_catalogue(db, capsys):
    from django.core.management import call_command

    call_command("load_indicators")
    assert "Đã nạp: 28 chỉ tiêu mới, 0 cập nhật." in capsys.readouterr().out
    assert Indicator.objects.get(code="CPS-05").targets.count() == 3


def test_the_province_s_trend_is_drawn_period_by_period(client, loaded):
    client.force_login(loaded.officer_a)
    enter(client, loaded, "CPS-05", "2024", numerator="715", denominator="1.000")
    enter(client, loaded, "CPS-05", "2025", numerator="1.661", denominator="2.000")
    indicator = Indicator.objects.get(code="CPS-05")
    client.force_login(loaded.leader)
    page = client.get(f"/chi-tieu/{indicator.pk}/").content.decode()
    assert "<title>Xu hướng của toàn tỉnh qua các kỳ</title>" in page
    assert "83,05% +11,55 so với 2024 (tốt lên)" in page  # the bar of 2025, its words
