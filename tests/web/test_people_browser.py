"""The setup journey in a real browser: the admin imports the province's units and people
from one workbook (a bad file first), downloads the one-time passwords once, and an officer
signs in with theirs and must choose a new one. Screenshots in test-artifacts/browser/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.web.people_sheets import UNIT_HEADER, csv_bytes, roster_xlsx
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def phone_shot(page, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_admin_imports_the_province_and_an_officer_signs_in_with_a_one_time_password(
    browser,  # noqa: F811
    live_server,
    live_world,
    tmp_path,
):
    roster = tmp_path / "tinh-lam-dong.xlsx"
    roster_xlsx(roster)
    bad = tmp_path / "don-vi-loi.csv"
    bad.write_bytes(
        csv_bytes(
            UNIT_HEADER,
            [["X1", "", "huyen", "KHONG-CO", "", ""], ["X1", "Trùng", "xã", "", "", ""]],
        )
    )
    admin = sign_in(browser, live_server, "quantri")
    admin.goto(f"{live_server.url}/don-vi/nhap/")
    admin.set_input_files("#id_roster", str(bad))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=Tệp có 4 lỗi; chưa ghi gì")
    shot(admin, "people-01-unit-problems")
    assert admin.locator("button:has-text('Xác nhận nhập')").count() == 0

    admin.goto(f"{live_server.url}/don-vi/nhap/")
    admin.set_input_files("#id_roster", str(roster))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=30 đơn vị mới")
    shot(admin, "people-02-unit-preview")
    phone_shot(admin, "people-02-unit-preview-phone")
    admin.click("button:has-text('Xác nhận nhập')")
    admin.wait_for_selector("text=Đã nhập danh sách đơn vị")
    admin.fill("input[name=q]", "thuan")
    admin.click("form.list-search button")
    admin.wait_for_selector("text=Thuận Hạnh")
    assert admin.locator("table.units tbody tr").count() == 2  # Thuận Hạnh, Thuận An
    shot(admin, "people-03-units-search")
    phone_shot(admin, "people-03-units-search-phone")

    admin.goto(f"{live_server.url}/nguoi-dung/nhap/")
    admin.set_input_files("#id_roster", str(roster))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=34 tài khoản mới")
    shot(admin, "people-04-user-preview")
    admin.click("button:has-text('Xác nhận nhập')")
    admin.wait_for_selector("text=Chỉ tải được một lần")
    shot(admin, "people-05-passwords")
    with admin.expect_download() as info:
        admin.click("button:has-text('Tải tệp mật khẩu')")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2]}
    unit, name, username, password = rows["canbo.x-thuanhanh"]
    assert (unit, name) == ("xã Thuận Hạnh", "Nguyễn Văn An")
    admin.goto(f"{live_server.url}/nguoi-dung/")
    shot(admin, "people-06-users")
    admin.click(f"a:has-text('{username}')")
    admin.wait_for_selector("text=Cấp lại mật khẩu")
    shot(admin, "people-09-user-edit")
    admin.goto(f"{live_server.url}/don-vi/?q=thuan hanh")
    admin.click("a:has-text('Thuận Hạnh')")
    admin.wait_for_selector("text=Ngừng sử dụng đơn vị")
    shot(admin, "people-10-unit-edit")
    phone_shot(admin, "people-10-unit-edit-phone")
    admin.context.close()

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    officer = context.new_page()
    officer.goto(f"{live_server.url}/dang-nhap/")
    officer.fill("#id_username", username)
    officer.fill("#id_password", password)
    officer.click("button[type=submit]")
    officer.wait_for_url(f"{live_server.url}/doi-mat-khau/")
    shot(officer, "people-07-forced-change")
    phone_shot(officer, "people-07-forced-change-phone")
    officer.fill("#id_old_password", password)
    officer.fill("#id_new_password1", "Mua-Xuan-Da-Lat-26")
    officer.fill("#id_new_password2", "Mua-Xuan-Da-Lat-26")
    officer.click("button:has-text('Đổi mật khẩu')")
    officer.wait_for_selector("text=Đã đổi mật khẩu")
    assert officer.url == f"{live_server.url}/"
    shot(officer, "people-08-after-change")
    context.close()
