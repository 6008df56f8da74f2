"""One-time passwords sign in once and force a change; locked accounts cannot sign in;
everyone changes their own password under Django's validators."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from parindex.web.accounts.models import User
from parindex.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def reset_and_download(client, world, account) -> str:
    client.force_login(world.admin)
    client.post(f"/nguoi-dung/{account.pk}/cap-lai-mat-khau/", {"confirm": "1"})
    sheet = client.post("/nguoi-dung/mat-khau/tai-ve/")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("xã Tiên Châu", "canbo.xa", "canbo.xa")
    client.logout()
    return rows[1][3]


def test_the_one_time_password_signs_in_and_forces_a_change_first(client, world):
    password = reset_and_download(client, world, world.officer_a)
    assert not client.login(username="canbo.xa", password="mat-khau-thu")  # the old one is gone
    response = client.post("/dang-nhap/", {"username": "canbo.xa", "password": password})
    assert response.status_code == 302
    for page in ("/", f"/ky/{world.cycle.pk}/"):
        sent = client.get(page)
        assert sent.status_code == 302 and sent["Location"] == "/doi-mat-khau/"
    form = client.get("/doi-mat-khau/").content.decode()
    assert "Bạn đang dùng mật khẩu dùng một lần" in form
    done = client.post(
        "/doi-mat-khau/",
        {
            "old_password": password,
            "new_password1": "Tien-Chau-2026!",
            "new_password2": "Tien-Chau-2026!",
        },
    )
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").status_code == 200  # free to go, still signed in
    assert AuditEntry.objects.filter(action="user.password_change", actor=world.officer_a).exists()
    assert AuditEntry.objects.filter(action="user.password_reset", actor=world.admin).exists()
    client.logout()
    assert client.login(username="canbo.xa", password="Tien-Chau-2026!")


def test_a_reset_without_the_box_ticked_changes_nothing(client, world):
    client.force_login(world.admin)
    response = client.post(f"/nguoi-dung/{world.officer_a.pk}/cap-lai-mat-khau/", follow=True)
    assert "Cần đánh dấu ô xác nhận" in response.content.decode()
    assert User.objects.get(pk=world.officer_a.pk).check_password("mat-khau-thu")


def test_a_weak_or_mistyped_new_password_is_refused_with_every_reason(client, world):
    client.force_login(world.officer_a)
    page = client.post(
        "/doi-mat-khau/",
        {"old_password": "sai", "new_password1": "123", "new_password2": "124"},
    ).content.decode()
    assert "Mật khẩu hiện tại không đúng" in page
    assert "Hai lần nhập mật khẩu mới không khớp" in page
    page = client.post(
        "/doi-mat-khau/",
        {"old_password": "mat-khau-thu", "new_password1": "12345678", "new_password2": "12345678"},
    ).content.decode()
    assert "Chưa đổi được mật khẩu" in page
    assert "Mật khẩu này quá phổ biến" in page and "Mật khẩu này hoàn toàn là số" in page
    assert User.objects.get(pk=world.officer_a.pk).check_password("mat-khau-thu")


def test_a_locked_account_cannot_sign_in(client, world):
    client.force_login(world.admin)
    refused = client.post(f"/nguoi-dung/{world.officer_a.pk}/khoa/", {"active": "0"}, follow=True)
    assert "Cần đánh dấu ô xác nhận" in refused.content.decode()
    client.post(
        f"/nguoi-dung/{world.officer_a.pk}/khoa/",
        {"active": "0", "confirm": "1", "reason": "nghỉ hưu"},
    )
    assert not User.objects.get(pk=world.officer_a.pk).is_active
    entry = AuditEntry.objects.get(action="user.deactivate")
    assert (entry.actor, entry.reason) == (world.admin, "nghỉ hưu")
    client.logout()
    page = client.post("/dang-nhap/", {"username": "canbo.xa", "password": "mat-khau-thu"})
    assert page.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content.decode()


def test_the_admin_cannot_lock_their_own_account(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"/nguoi-dung/{world.admin.pk}/khoa/", {"active": "0", "confirm": "1"}, follow=True
    )
    assert "Không thể tự khóa tài khoản của chính mình" in response.content.decode()
    assert User.objects.get(pk=world.admin.pk).is_active


def test_an_edit_of_a_person_is_audited_field_by_field(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"/nguoi-dung/{world.officer_a.pk}/sua/",
        {
            "full_name": "Nguyễn Thị Thuận",
            "email": "thuan@tinh.gov.vn",
            "role": "officer",
            "unit": world.unit_b.pk,
        },
    )
    assert response.status_code == 302
    account = User.objects.get(pk=world.officer_a.pk)
    assert (account.get_full_name(), account.unit) == ("Nguyễn Thị Thuận", world.unit_b)
    fields = set(AuditEntry.objects.filter(action="user.edit").values_list("field", flat=True))
    assert fields == {"full_name", "email", "unit"}


def test_an_officer_without_a_unit_is_refused(client, world):
    client.force_login(world.admin)
    page = client.post(
        f"/nguoi-dung/{world.leader.pk}/sua/",
        {"full_name": "Lãnh đạo", "email": "", "role": "officer", "unit": ""},
    ).content.decode()
    assert "Cán bộ đầu mối cần có đơn vị" in page
    assert User.objects.get(pk=world.leader.pk).role == "leader"


def test_an_account_that_must_change_its_password_may_still_sign_out(client, world):
    User.objects.filter(pk=world.officer_a.pk).update(must_change_password=True)
    client.force_login(world.officer_a)
    assert client.get("/nguoi-dung/").status_code == 302
    assert client.post("/dang-xuat/")["Location"] == "/dang-nhap/"
    assert client.get("/").status_code == 302  # signed out: sent to sign in


def test_a_commune_merged_away_gets_no_new_officer_and_reads_as_replaced(client, world):
    import datetime as dt

    from parindex.web.accounts.actions import units_without_officer
    from parindex.web.units.models import Unit

    Unit.objects.create(code="X9", name="Tam Thuận", kind="xã", valid_to=dt.date(2025, 6, 30))
    fresh = Unit.objects.create(code="C9", name="Phú Lâm", kind="xã")
    assert [u.code for u in units_without_officer()] == [fresh.code]
    client.force_login(world.admin)
    page = client.get("/don-vi/", {"q": "tam thuan"}).content.decode()
    assert "hết hiệu lực từ sau 30/06/2025" in page and "đang sử dụng" not in page
