"""Two-factor login: admins and appraisers give a code from an authenticator app besides the
password; others may turn it on; recovery codes work once; wrong codes are audited and slowed.

The suite runs with no role required (tests/web_settings.py); here the production rule is on.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from parindex.web.audit.models import AuditEntry
from tests.web.test_settings_and_deploy import run_manage
from tests.web.two_factor_login import code_of, verified_login

PASSWORD = "mat-khau-thu"


@pytest.fixture(autouse=True)
def production_rule(settings):
    settings.TWO_FACTOR_ROLES = ["admin", "appraiser"]


def sign_in(client, user):
    return client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD})


def enrol(client, user):
    """The user sets up the app as a person would: the page's secret typed, then its code."""
    page = client.get("/xac-thuc/thiet-lap/").content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    import base64

    assert base64.b32decode(
        secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)
    ) == (device.bin_key)
    return client.post("/xac-thuc/thiet-lap/", {"code": code_of(device)}), device


def actions(user):
    return list(AuditEntry.objects.filter(field=user.username).values_list("action", flat=True))


def an_hour_later(device):
    """The throttle's wait has passed (the last failure moved back instead of sleeping)."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp is not None:
        type(device).objects.filter(pk=device.pk).update(
            throttling_failure_timestamp=device.throttling_failure_timestamp - timedelta(hours=1)
        )


def test_production_requires_two_factor_of_admins_and_appraisers_only(monkeypatch, tmp_path):
    monkeypatch.delenv("PARINDEX_TWO_FACTOR_ROLES", raising=False)
    show = "from django.conf import settings; print('roles=' + ','.join(settings.TWO_FACTOR_ROLES))"

    def roles(**env: str) -> str:
        out = run_manage("shell", "-c", show, PARINDEX_VAR=str(tmp_path), **env).stdout
        return out.split("roles=")[1].strip()

    assert roles(SECRET_KEY="x" * 50) == "admin,appraiser"
    assert roles(DEBUG="1") == ""  # `make run`: the demo's accounts sign in with a password
    assert roles(DEBUG="1", PARINDEX_TWO_FACTOR_ROLES="admin,leader") == "admin,leader"
    env = {"SECRET_KEY": "x" * 50, "PARINDEX_VAR": str(tmp_path)}
    wrong = run_manage("check", PARINDEX_TWO_FACTOR_ROLES="admin,thamdinh", **env)
    assert wrong.returncode != 0 and "PARINDEX_TWO_FACTOR_ROLES" in wrong.stderr
    assert "thamdinh" in wrong.stderr


def test_an_appraiser_without_the_app_is_sent_to_set_it_up_from_any_page(client, world):
    assert sign_in(client, world.appraiser)["Location"] == "/"
    for page in ("/", f"/ky/{world.cycle.pk}/", f"/ky/{world.cycle.pk}/tham-dinh/", "/thong-bao/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/xac-thuc/thiet-lap/"), page
    page = client.get("/xac-thuc/thiet-lap/").content.decode()
    assert "<svg" in page and "Khóa bí mật" in page and "bắt buộc" in page
    assert "<script" not in page.split("<main>")[1]  # the QR is inline SVG, no script, no service
    # halfway signed in: no menu and no account links that would only bounce back here
    assert "Bảo mật tài khoản" not in page and "Đổi mật khẩu" not in page
    assert 'href="/ky/' not in page and "Thẩm định</a>" not in page
    assert client.get("/cong-khai/").status_code == 200  # the published results stay open
    assert client.post("/dang-xuat/").status_code == 302


def test_the_appraiser_enrols_gets_ten_recovery_codes_once_and_is_asked_next_time(client, world):
    sign_in(client, world.appraiser)
    response, device = enrol(client, world.appraiser)
    assert response["Location"] == "/xac-thuc/ma-khoi-phuc/"
    page = client.get("/xac-thuc/ma-khoi-phuc/").content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", page)
    assert len(codes) == 10 and "chỉ hiện một lần" in page
    download = client.get("/xac-thuc/ma-khoi-phuc/tai-ve/")
    assert download["Content-Disposition"] == 'attachment; filename="ma-khoi-phuc.txt"'
    assert all(code in download.content.decode() for code in codes)
    client.post("/xac-thuc/ma-khoi-phuc/", {"action": "done"})
    assert client.get("/xac-thuc/ma-khoi-phuc/")["Location"] == "/tai-khoan/bao-mat/"  # once
    assert client.get("/").status_code == 200
    assert "two_factor.enable" in actions(world.appraiser)

    client.post("/dang-xuat/")
    sign_in(client, world.appraiser)
    assert client.get("/")["Location"] == "/xac-thuc/"
    response = client.post("/xac-thuc/", {"code": code_of(device)})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_and_audited_then_the_right_one_signs_in(client, world):
    device = verified_login(client, world.appraiser)
    client.post("/dang-xuat/")
    sign_in(client, world.appraiser)
    right = code_of(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = client.post("/xac-thuc/?next=/thong-bao/", {"code": wrong, "next": "/thong-bao/"})
    assert page.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in page.content.decode()
    assert client.get("/")["Location"] == "/xac-thuc/"
    assert actions(world.appraiser).count("two_factor.failed") == 1
    an_hour_later(device)
    response = client.post("/xac-thuc/", {"code": right, "next": "/thong-bao/"})
    assert response["Location"] == "/thong-bao/"


def test_after_five_wrong_codes_even_the_right_one_must_wait(client, world):
    device = verified_login(client, world.admin)
    client.post("/dang-xuat/")
    sign_in(client, world.admin)
    for _ in range(5):
        an_hour_later(device)  # each wrong code tried after the previous wait
        client.post("/xac-thuc/", {"code": "000000" if code_of(device) != "000000" else "111111"})
    page = client.post("/xac-thuc/", {"code": code_of(device)}).content.decode()
    wait = re.search(r"Đã nhập sai 5 lần liên tiếp: chờ (\d+) giây rồi thử lại\.", page)
    assert wait and 10 < int(wait.group(1)) <= 16  # 1, 2, 4, 8, then 16 seconds
    assert client.get("/")["Location"] == "/xac-thuc/"
    assert actions(world.admin).count("two_factor.failed") == 6
    an_hour_later(device)
    assert client.post("/xac-thuc/", {"code": code_of(device)})["Location"] == "/"


def test_a_recovery_code_works_once(client, world):
    sign_in(client, world.appraiser)
    enrol(client, world.appraiser)
    page = client.get("/xac-thuc/ma-khoi-phuc/").content.decode()
    code = re.findall(r"<li><code>([a-z2-7-]{9})</code></li>", page)[3]
    for attempt in ("first", "second"):
        client.post("/dang-xuat/")
        sign_in(client, world.appraiser)
        response = client.post("/xac-thuc/", {"code": code.upper()}, follow=True)
        text = response.content.decode()
        if attempt == "first":
            assert response.redirect_chain[-1][0] == "/"
            assert "Đã dùng một mã khôi phục" in text and "còn 9 mã" in text
        else:
            assert "Mã khôi phục không đúng hoặc đã được dùng." in text
            assert client.get("/")["Location"] == "/xac-thuc/"
    assert actions(world.appraiser).count("two_factor.recovery") == 1
    assert actions(world.appraiser).count("two_factor.failed") == 1


def test_new_recovery_codes_make_the_old_ones_useless(client, world):
    sign_in(client, world.appraiser)
    enrol(client, world.appraiser)
    old = re.findall(
        r"<code>([a-z2-7-]{9})</code>", client.get("/xac-thuc/ma-khoi-phuc/").content.decode()
    )
    client.post("/xac-thuc/ma-khoi-phuc/", {"action": "done"})
    client.post("/xac-thuc/ma-khoi-phuc/", {"action": "new"})
    new = re.findall(
        r"<code>([a-z2-7-]{9})</code>", client.get("/xac-thuc/ma-khoi-phuc/").content.decode()
    )
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/dang-xuat/")
    sign_in(client, world.appraiser)
    assert "không đúng" in client.post("/xac-thuc/", {"code": old[0]}).content.decode()


def test_an_officer_is_not_asked_but_may_turn_it_on_and_off(client, world):
    officer = world.officer_a
    sign_in(client, officer)
    assert client.get("/").status_code == 200
    assert "Bảo mật tài khoản" in client.get("/").content.decode()  # in the header
    assert "Đang tắt" in client.get("/tai-khoan/bao-mat/").content.decode()
    _, device = enrol(client, officer)
    client.post("/dang-xuat/")
    sign_in(client, officer)
    assert client.get("/")["Location"] == "/xac-thuc/"  # turned on: asked like an appraiser
    client.post("/xac-thuc/", {"code": code_of(device)})
    page = client.get("/tai-khoan/bao-mat/").content.decode()
    assert "Đang bật" in page and "Tắt xác thực hai bước" in page
    client.post("/tai-khoan/bao-mat/tat/", {"code": code_of(device)})
    assert "Đang tắt" in client.get("/tai-khoan/bao-mat/").content.decode()
    assert {"two_factor.enable", "two_factor.disable"} <= set(actions(officer))
    client.post("/dang-xuat/")
    sign_in(client, officer)
    assert client.get("/").status_code == 200


def test_an_appraiser_cannot_turn_it_off(client, world):
    device = verified_login(client, world.appraiser)
    assert "không tắt được" in client.get("/tai-khoan/bao-mat/").content.decode()
    response = client.post("/tai-khoan/bao-mat/tat/", {"code": code_of(device)}, follow=True)
    assert "bắt buộc xác thực hai bước nên không tắt được" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.appraiser, confirmed=True).exists()


def test_a_password_alone_cannot_set_up_another_phone(client, world):
    verified_login(client, world.appraiser)
    client.post("/dang-xuat/")
    sign_in(client, world.appraiser)  # someone who knows the password, not the phone
    assert client.get("/xac-thuc/thiet-lap/")["Location"] == "/xac-thuc/"
    assert TOTPDevice.objects.filter(user=world.appraiser).count() == 1


def test_a_password_alone_cannot_change_the_password_of_an_enrolled_user(client, world):
    verified_login(client, world.appraiser)
    client.post("/dang-xuat/")
    sign_in(client, world.appraiser)
    assert client.get("/doi-mat-khau/")["Location"] == "/xac-thuc/?next=%2Fdoi-mat-khau%2F"


def test_the_admin_resets_a_lost_phone_and_the_user_enrols_again(client, world):
    verified_login(client, world.appraiser)
    admin = client.__class__()
    verified_login(admin, world.admin)
    page = admin.get(f"/nguoi-dung/{world.appraiser.pk}/sua/").content.decode()
    assert "Đặt lại xác thực hai bước" in page
    url = f"/nguoi-dung/{world.appraiser.pk}/xac-thuc-hai-buoc/dat-lai/"
    unconfirmed = admin.post(url, follow=True).content.decode()
    assert "Cần đánh dấu ô xác nhận" in unconfirmed
    assert TOTPDevice.objects.filter(user=world.appraiser).exists()
    done = admin.post(url, {"confirm": "1"}, follow=True).content.decode()
    assert "phải thiết lập lại ứng dụng xác thực" in done
    assert not TOTPDevice.objects.filter(user=world.appraiser).exists()
    entry = AuditEntry.objects.get(action="two_factor.disable", field=world.appraiser.username)
    assert entry.actor == world.admin
    assert client.get("/")["Location"].startswith("/xac-thuc/thiet-lap/")  # even mid-session
    officer = client.__class__()
    officer.force_login(world.officer_a)
    assert officer.post(url, {"confirm": "1"}).status_code == 404


@pytest.mark.urls("tests.web.admin_on_urls")  # the admin mounted, as with PARINDEX_ADMIN=1
def test_the_django_admin_refuses_staff_without_the_second_factor(client, world, settings):
    settings.TWO_FACTOR_ROLES = []  # even when no role is required elsewhere
    sign_in(client, world.admin)
    assert client.get("/").status_code == 200
    response = client.get("/quan-tri/", follow=True)
    assert response.redirect_chain[-1][0] == "/xac-thuc/thiet-lap/?next=%2Fquan-tri%2F"
    verified_login(client, world.admin)
    assert client.get("/quan-tri/").status_code == 200


def test_an_unverified_api_call_gets_json_not_a_sign_in_page(client, world):
    sign_in(client, world.appraiser)
    response = client.get("/api/rieng/")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert "xác thực hai bước" in json.loads(response.content)["loi"]
    assert client.get("/api/ket-qua/").status_code == 200  # the public API stays open


def test_a_one_time_password_is_changed_first_then_the_app_is_set_up(client, world):
    world.appraiser.must_change_password = True
    world.appraiser.save()
    sign_in(client, world.appraiser)
    assert client.get("/")["Location"] == "/doi-mat-khau/"
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Tham-Dinh-Moi-2026",
         "new_password2": "Tham-Dinh-Moi-2026"},
    )  # fmt: skip
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith("/xac-thuc/thiet-lap/")
