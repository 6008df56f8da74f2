"""Units and users from a roster: the row report first (nothing written), then one confirm."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.accounts.models import PasswordSheet, User
from parindex.web.audit.models import AuditEntry
from parindex.web.units.models import PendingImport, Unit
from tests.web.people_sheets import UNIT_HEADER, USER_HEADER, csv_bytes, roster_xlsx

pytestmark = pytest.mark.django_db


def upload(client, url: str, data: bytes, name: str):
    return client.post(url, {"roster": SimpleUploadedFile(name, data)})


def confirm(client, url: str, admin):
    pending = PendingImport.objects.get(owner=admin)
    return client.post(url, {"pending": pending.pk})


def test_the_row_report_lists_every_problem_at_once_and_writes_nothing(client, world):
    client.force_login(world.admin)
    rows = [
        ["X-MOI", "Thuận Hạnh", "xã", "KHONG-CO", "", ""],
        ["X-MOI", "Trùng mã", "xã", "", "", ""],
        ["X-HAI", "", "huyen", "", "CU-1", "-5"],
    ]
    before = Unit.objects.count()
    page = upload(client, "/don-vi/nhap/", csv_bytes(UNIT_HEADER, rows), "don-vi.csv")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tệp có 6 lỗi; chưa ghi gì" in text
    for said in (
        "don-vi.csv, dòng 3, ô A3 (Mã đơn vị): mã đơn vị «X-MOI» trùng với dòng 2",
        "don-vi.csv, dòng 4, ô B4 (Tên đơn vị): thiếu tên đơn vị",
        "don-vi.csv, dòng 4, ô C4 (Loại): loại đơn vị «huyen» không hợp lệ",
        "don-vi.csv, dòng 4, ô F4 (Quy mô): quy mô «-5» phải là số nguyên không âm",
        "don-vi.csv, dòng 2, ô D2 (Đơn vị cấp trên): đơn vị cấp trên «KHONG-CO» không có trong tệp",
        "don-vi.csv, dòng 4, ô E4 (Đơn vị tiền thân): đơn vị tiền thân «CU-1» không có trong tệp",
    ):
        assert said in text
    assert "Xác nhận nhập" not in text
    assert Unit.objects.count() == before
    assert not AuditEntry.objects.filter(action="unit.import").exists()
    # confirming anyway is refused whole
    response = confirm(client, "/don-vi/nhap/xac-nhan/", world.admin)
    assert response.status_code == 302 and Unit.objects.count() == before


def test_confirming_creates_exactly_the_rows_of_the_file(client, world):
    client.force_login(world.admin)
    page = upload(client, "/don-vi/nhap/", roster_xlsx(), "tinh.xlsx")
    text = page.content.decode()
    assert "Tệp «tinh.xlsx»: 30 đơn vị mới, 0 đơn vị cập nhật" in text
    assert Unit.objects.count() == 2  # the report wrote nothing
    response = confirm(client, "/don-vi/nhap/xac-nhan/", world.admin)
    assert response.status_code == 302 and response["Location"] == "/don-vi/"
    assert Unit.objects.count() == 32
    thuan = Unit.objects.get(code="X-THUANHANH")
    assert (thuan.name, thuan.kind, thuan.population, thuan.active) == (
        "Thuận Hạnh",
        "xã",
        18250,
        True,
    )
    assert Unit.objects.get(code="SNV").population is None
    assert AuditEntry.objects.filter(action="unit.create", unit__isnull=False).count() == 30
    assert not PendingImport.objects.exists()  # the upload is gone once written


def test_a_known_code_updates_its_unit_and_sets_parent_and_predecessors(client, world):
    client.force_login(world.admin)
    rows = [
        ["XA", "Tiên Châu mới", "xã", "H1", "XB", "2.500"],
        ["H1", "Huyện Một", "huyện", "", "", ""],
    ]
    page = upload(client, "/don-vi/nhap/", csv_bytes(UNIT_HEADER, rows, bom=False), "sua.csv")
    assert "1 đơn vị mới, 1 đơn vị cập nhật" in page.content.decode()
    assert "tên, đơn vị cấp trên, đơn vị tiền thân, quy mô" in page.content.decode()
    confirm(client, "/don-vi/nhap/xac-nhan/", world.admin)
    unit = Unit.objects.get(code="XA")
    assert (unit.name, unit.parent.code, unit.population) == ("Tiên Châu mới", "H1", 2500)
    assert [p.code for p in unit.predecessors.all()] == ["XB"]


def test_a_confirm_from_an_older_page_does_not_write_a_newer_upload(client, world):
    client.force_login(world.admin)
    upload(client, "/don-vi/nhap/", roster_xlsx(), "tinh.xlsx")
    old = PendingImport.objects.get().pk
    upload(client, "/don-vi/nhap/", roster_xlsx(), "tinh.xlsx")
    response = client.post("/don-vi/nhap/xac-nhan/", {"pending": old}, follow=True)
    assert "Không còn tệp chờ xác nhận" in response.content.decode()
    assert Unit.objects.count() == 2


def test_a_file_too_large_or_of_another_kind_is_refused_in_vietnamese(client, world):
    client.force_login(world.admin)
    page = upload(client, "/don-vi/nhap/", b"%PDF-1.4", "don-vi.pdf").content.decode()
    assert "Tệp danh sách phải là .xlsx hoặc .csv" in page
    big = upload(client, "/don-vi/nhap/", b"a" * (2 * 1024 * 1024 + 1), "to.csv").content.decode()
    assert "Tệp lớn quá 2 MB" in big
    assert not PendingImport.objects.exists()


def imported_province(client, world) -> None:
    client.force_login(world.admin)
    upload(client, "/don-vi/nhap/", roster_xlsx(), "tinh.xlsx")
    confirm(client, "/don-vi/nhap/xac-nhan/", world.admin)


def test_users_are_imported_with_generated_usernames_and_a_one_time_password_sheet(client, world):
    from openpyxl import load_workbook

    imported_province(client, world)
    page = upload(client, "/nguoi-dung/nhap/", roster_xlsx(), "tinh.xlsx").content.decode()
    assert "34 tài khoản mới, 0 tài khoản cập nhật" in page
    assert User.objects.count() == 6  # nothing written yet
    response = confirm(client, "/nguoi-dung/nhap/xac-nhan/", world.admin)
    assert response["Location"] == "/nguoi-dung/mat-khau/"
    assert User.objects.count() == 40
    officer = User.objects.get(username="canbo.x-thuanhanh")
    assert (officer.role, officer.unit.code, officer.must_change_password) == (
        "officer",
        "X-THUANHANH",
        True,
    )
    assert User.objects.get(username="huong.ttt").is_staff
    sheet = client.post("/nguoi-dung/mat-khau/tai-ve/")
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Đơn vị", "Họ tên", "Tên đăng nhập", "Mật khẩu dùng một lần")
    assert len([r for r in rows[1:] if r[2]]) == 34
    assert not PasswordSheet.objects.exists()  # downloaded once, then gone
    again = client.post("/nguoi-dung/mat-khau/tai-ve/", follow=True).content.decode()
    assert "Tệp mật khẩu đã được tải hoặc không còn" in again


def test_a_users_row_report_names_unknown_units_and_writes_nothing(client, world):
    client.force_login(world.admin)
    rows = [["KHONG-CO", "Nguyễn Văn An", "an@tinh.gov.vn", "cán bộ đầu mối"],
            ["XA", "Lê Thị Bình", "", "vai trò lạ"]]  # fmt: skip
    page = upload(
        client, "/nguoi-dung/nhap/", csv_bytes(USER_HEADER, rows), "nd.csv"
    ).content.decode()
    assert "nd.csv, dòng 2: Mã đơn vị: chưa có đơn vị «KHONG-CO» trong hệ thống" in page
    assert "nd.csv, dòng 3, ô D3 (Vai trò): vai trò «vai trò lạ» không hợp lệ" in page
    assert "Xác nhận nhập" not in page and User.objects.count() == 6


def test_a_known_email_updates_that_account(client, world):
    User.objects.filter(pk=world.officer_b.pk).update(email="b@tinh.gov.vn")
    client.force_login(world.admin)
    rows = [["XA", "Đỗ Thị Mới", "b@tinh.gov.vn", "cán bộ đầu mối"]]
    page = upload(
        client, "/nguoi-dung/nhap/", csv_bytes(USER_HEADER, rows), "nd.csv"
    ).content.decode()
    assert "0 tài khoản mới, 1 tài khoản cập nhật" in page
    confirm(client, "/nguoi-dung/nhap/xac-nhan/", world.admin)
    world.officer_b.refresh_from_db()
    assert (world.officer_b.get_full_name(), world.officer_b.unit.code) == ("Đỗ Thị Mới", "XA")
    assert not PasswordSheet.objects.exists()  # no new account, no password


def test_each_unit_without_an_officer_gets_one_account(client, world):
    imported_province(client, world)
    refused = client.post("/nguoi-dung/tao-cho-don-vi/", follow=True).content.decode()
    assert "Cần đánh dấu ô xác nhận" in refused and User.objects.count() == 6
    client.post("/nguoi-dung/tao-cho-don-vi/", {"confirm": "1"})
    assert User.objects.filter(role="officer").count() == 32  # XA and XB had theirs
    assert User.objects.filter(username="canbo.x-thuanhanh", must_change_password=True).exists()
    assert PasswordSheet.objects.get(owner=world.admin).accounts == 30
    client.post("/nguoi-dung/tao-cho-don-vi/", {"confirm": "1"})
    assert User.objects.filter(role="officer").count() == 32  # nobody twice


def test_a_file_without_emails_imported_twice_makes_no_second_account(client, world):
    client.force_login(world.admin)
    rows = [["XA", "Ngô Thị Hai Lần", "", "cán bộ đầu mối"]]
    for _ in range(2):
        upload(client, "/nguoi-dung/nhap/", csv_bytes(USER_HEADER, rows), "nd.csv")
        confirm(client, "/nguoi-dung/nhap/xac-nhan/", world.admin)
    assert User.objects.filter(first_name="Ngô Thị Hai Lần").count() == 1


def test_a_name_written_as_a_formula_stays_text_in_the_password_sheet(client, world):
    from openpyxl import load_workbook

    client.force_login(world.admin)
    rows = [["XA", '=HYPERLINK("http://x","bấm")', "", "cán bộ đầu mối"]]
    upload(client, "/nguoi-dung/nhap/", csv_bytes(USER_HEADER, rows), "nd.csv")
    confirm(client, "/nguoi-dung/nhap/xac-nhan/", world.admin)
    sheet = load_workbook(io.BytesIO(client.post("/nguoi-dung/mat-khau/tai-ve/").content)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == '=HYPERLINK("http://x","bấm")'
