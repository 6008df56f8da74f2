"""The one-stop register in the app (issue 15): the Sở Nội vụ imports its system's export and
reads every unit's Biểu II.06a figures for a month, a quarter or six months, with the checks."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from parindex.core.onestop import over_months
from parindex.demo.dossiers import register_frame
from parindex.web.onestop.actions import do_import_register
from parindex.web.onestop.models import RegisterImport

UNITS = [("XA", "xã"), ("XB", "xã")]


def export(scale: float = 0.05) -> bytes:
    frame = register_frame(
        UNITS, start=dt.date(2025, 7, 1), export=dt.date(2026, 6, 30), scale=scale
    )
    return frame.write_csv().encode("utf-8")


def imported(world):
    return do_import_register([export()], "ho-so.csv", world.admin)


def upload(content: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def test_the_admin_imports_the_export_and_reads_the_first_half_of_2026(client, world):
    client.force_login(world.admin)
    response = client.post("/mot-cua/", {"file": upload(export(), "ho-so.csv")})
    made = RegisterImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mot-cua/{made.pk}/"
    assert (made.first_month, made.last_month) == (dt.date(2025, 7, 1), dt.date(2026, 6, 1))
    page = client.get(f"/mot-cua/{made.pk}/?tu=2026-01&den=2026-06").content.decode()
    months = [made.monthly["XA"][f"2026-0{m}"] for m in range(1, 7)]
    from parindex.core.onestop import Counts

    half = over_months([Counts(*m) for m in months])
    assert "từ ngày 01/01/2026 đến ngày 30/06/2026" in page
    assert "Tiên Châu" in page and "Các tổng khớp" in page
    assert f">{half.received}<" in page or f">{half.received:,}<".replace(",", ".") in page
    assert "6 tháng đầu năm 2026" in page and "Quý I/2026" in page and "Tháng 2/2026" in page


def test_the_form_of_a_quarter_downloads_in_its_layout(client, world):
    made = imported(world)
    client.force_login(world.leader)
    body = client.get(f"/mot-cua/{made.pk}/bieu-06a.xlsx?tu=2026-04&den=2026-06").content
    sheet = load_workbook(io.BytesIO(body)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Biểu số II.06a/VPCP/KSTT" in cells and "Tiên Hà" in cells
    assert "Kỳ báo cáo: từ ngày 01/04/2026 đến ngày 30/06/2026" in cells


def test_a_bad_export_is_reported_row_by_row_and_nothing_is_stored(client, world):
    bad = export().decode().replace(",XB,", ",XZ,", 1).encode()
    client.force_login(world.admin)
    page = client.post("/mot-cua/", {"file": upload(bad, "ho-so.csv")}).content.decode()
    assert "chưa lưu gì" in page and "không có trong danh sách đơn vị" in page
    assert "cột «Mã đơn vị»" in page
    assert not RegisterImport.objects.exists()
    response = client.post("/mot-cua/", {"file": upload(bad, "ho-so.csv"), "drop_invalid": "on"})
    made = RegisterImport.objects.get()
    assert response.status_code == 302 and made.dropped == 1


def test_only_the_admin_imports_and_officers_see_nothing(client, world):
    client.force_login(world.leader)
    assert client.post("/mot-cua/", {"file": upload(export(), "h.csv")}).status_code == 404
    made = imported(world)
    client.force_login(world.officer_a)
    assert client.get("/mot-cua/").status_code == 404
    assert client.get(f"/mot-cua/{made.pk}/").status_code == 404


def test_the_span_s_rates_become_the_units_indicator_values(client, world):
    from parindex.web.indicators.actions import do_load_catalogue
    from parindex.web.indicators.models import IndicatorValue

    do_load_catalogue(world.admin)
    made = imported(world)
    client.force_login(world.admin)
    page = client.get(f"/mot-cua/{made.pk}/?tu=2026-01&den=2026-06").content.decode()
    assert "Ghi vào chỉ tiêu MC-01, MC-02, MC-04 kỳ «6 tháng đầu năm 2026»" in page
    client.post(f"/mot-cua/{made.pk}/ghi-chi-tieu/", {"tu": "2026-01", "den": "2026-06"})
    from parindex.core.onestop import Counts

    half = over_months([Counts(*made.monthly["XA"][f"2026-0{m}"]) for m in range(1, 7)])
    on_time = IndicatorValue.objects.get(
        indicator__code="MC-01", unit=world.unit_a, period="6 tháng đầu năm 2026"
    )
    assert (on_time.numerator, on_time.denominator) == (
        half.early + half.on_time + half.within,
        half.received,
    )
    assert on_time.source == "onestop"
