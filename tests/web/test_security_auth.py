"""Signing in against an attacker and a forgetful user: lockout per account and per address,
the sign-ins in the audit trail, the password policy, the reset by e-mail, sessions that end,
the Django admin off the public site, the demo loader off production."""

from __future__ import annotations

import importlib
import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from parindex.web.accounts.login_trail import SEEN_AT, SIGNED_IN_AT
from parindex.web.accounts.models import User
from parindex.web.accounts.passwords import one_time_password
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from tests.web.two_factor_login import verified_login

pytestmark = pytest.mark.django_db

RIGHT = "mat-khau-thu"  # every persona's password in tests/web/conftest.py


def sign_in(client, username, password, address="198.51.100.7", **headers):
    return client.post(
        "/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "/dang-nhap/" not in response["Location"]


def cool_off_passes():
    """Time travel: every recorded failure 16 minutes older (the cool-off is 15)."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))


# --- lockout -------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one_until_the_cool_off(
    client, world
):
    answers = [sign_in(client, "canbo.xa", f"sai-{n}") for n in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    page = answers[-1].content.decode()
    assert "tạm thời bị khóa đăng nhập" in page and "(sau 15 phút)" in page
    assert "Account locked" not in page and answers[-1]["Retry-After"] == "900"
    # the owner, from another address, with the right password: still refused while locked
    refused = sign_in(client, "canbo.xa", RIGHT, address="203.0.113.20")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    cool_off_passes()
    assert signed_in(sign_in(client, "canbo.xa", RIGHT, address="203.0.113.20"))


def test_a_right_password_before_the_limit_clears_the_count(client, world):
    for n in range(4):
        sign_in(client, "canbo.xa", f"sai-{n}")
    assert signed_in(sign_in(client, "canbo.xa", RIGHT))
    client.post("/dang-xuat/")
    assert [sign_in(client, "canbo.xa", "sai").status_code for _ in range(4)] == [200] * 4


def test_signing_in_to_ones_own_account_does_not_reset_guesses_at_a_colleagues(client, world):
    for n in range(4):
        sign_in(client, "canbo.xa", f"doan-{n}", address="192.0.2.44")
    assert signed_in(sign_in(client, "thamdinh", RIGHT, address="192.0.2.44"))
    client.post("/dang-xuat/")
    assert sign_in(client, "canbo.xa", "doan-5", address="192.0.2.44").status_code == 429


def test_one_colleagues_typos_do_not_lock_the_others_at_the_same_office_address(client, world):
    for n in range(5):
        sign_in(client, "canbo.xb", f"go-nham-{n}", address="192.0.2.80")
    assert sign_in(client, "canbo.xb", RIGHT, address="192.0.2.80").status_code == 429
    # a colleague behind the same address, with the right password, signs in
    assert signed_in(sign_in(client, "canbo.xa", RIGHT, address="192.0.2.80"))


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=5)
def test_one_address_guessing_across_accounts_is_locked_for_every_account(client, world):
    for username in ("lanhdao", "canbo.xa", "canbo.xb", "thamdinh", "khong-ai-ca"):
        sign_in(client, username, "doan-bua", address="192.0.2.66")
    assert sign_in(client, "quantri", RIGHT, address="192.0.2.66").status_code == 429
    # the admin from their own desk is not locked: the lock is on that address
    assert signed_in(sign_in(client, "quantri", RIGHT, address="198.51.100.8"))


@override_settings(PROXY_COUNT=1, LOGIN_ADDRESS_FAILURE_LIMIT=5)
def test_behind_one_proxy_the_lock_follows_the_forwarded_client_not_the_proxy(client, world):
    proxy = {"address": "10.0.0.1"}
    for username in ("lanhdao", "canbo.xa", "canbo.xb", "thamdinh", "khong-ai-ca"):
        sign_in(client, username, "doan-bua", HTTP_X_FORWARDED_FOR="192.0.2.66", **proxy)
    locked = sign_in(client, "quantri", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.66", **proxy)
    assert locked.status_code == 429
    # a client cannot pick its address: the proxy's own entry (rightmost) is the one counted
    spoofed = sign_in(
        client, "quantri", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.9, 192.0.2.66", **proxy
    )
    assert spoofed.status_code == 429
    assert signed_in(
        sign_in(client, "quantri", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy)
    )


# --- the audit trail -------------------------------------------------------------------------


def test_the_admin_reads_who_tried_which_account_from_where_on_the_account_log(client, world):
    sign_in(client, "lanhdao", "doan-sai-1", address="192.0.2.99")
    sign_in(client, "canbo.xa", RIGHT, address="192.0.2.98")
    client.force_login(world.admin)
    page = client.get("/nhat-ky/tai-khoan/").content.decode()
    assert "Đăng nhập sai" in page and "lanhdao" in page and "192.0.2.99" in page
    assert "Đăng nhập" in page and "canbo.xa" in page and "192.0.2.98" in page
    only = client.get("/nhat-ky/tai-khoan/?tai-khoan=lanhdao").content.decode()
    assert "192.0.2.99" in only and "192.0.2.98" not in only
    assert (
        "Chuỗi nhật ký nguyên vẹn"
        in client.get("/nhat-ky/tai-khoan/?kiem-tra-chuoi=1").content.decode()
    )
    client.force_login(world.officer_a)
    assert client.get("/nhat-ky/tai-khoan/").status_code == 404


def rows(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_each_sign_in_failure_lockout_and_sign_out_is_in_the_audit_trail(client, world):
    assert signed_in(sign_in(client, "canbo.xa", RIGHT, address="198.51.100.7"))
    (success,) = rows(AuditAction.LOGIN_SUCCESS)
    assert (success.actor, success.field, success.new) == (
        world.officer_a,
        "canbo.xa",
        "198.51.100.7",
    )
    client.post("/dang-xuat/", REMOTE_ADDR="198.51.100.7")
    (logout,) = rows(AuditAction.LOGOUT)
    assert (logout.actor, logout.field) == (world.officer_a, "canbo.xa")

    for n in range(6):
        sign_in(client, "lanhdao", f"Bi-Mat-{n}-khong-ghi", address="192.0.2.5")
    failures = rows(AuditAction.LOGIN_FAILED)
    assert len(failures) == 6 and {(f.field, f.new) for f in failures} == {("lanhdao", "192.0.2.5")}
    assert failures[-1].reason == "đang tạm khóa"
    (locked,) = rows(AuditAction.LOGIN_LOCKED)  # once, when the lockout began
    assert (locked.field, locked.new) == ("lanhdao", "192.0.2.5")
    assert locked.reason == "5 lần sai liên tiếp; khóa 15 phút"
    every_value = [v for e in AuditEntry.objects.all() for v in (e.field, e.old, e.new, e.reason)]
    assert not any("Bi-Mat" in v or RIGHT in v for v in every_value)  # never a password


# --- the password policy -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("1", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("password", "Mật khẩu này quá phổ biến."),
        ("1234567890123", "Mật khẩu này hoàn toàn là số."),
        ("canbo.xa2026", "Mật khẩu quá giống với Tên đăng nhập."),
        ("Mua-xuan9", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
    ],
)
def test_a_weak_new_password_is_refused_in_vietnamese_with_its_reason(client, world, weak, reason):
    client.force_login(world.officer_a)
    page = client.post(
        "/doi-mat-khau/", {"old_password": RIGHT, "new_password1": weak, "new_password2": weak}
    ).content.decode()
    assert "Chưa đổi được mật khẩu" in page and reason in page
    assert "Ít nhất 10 ký tự" in page
    assert User.objects.get(pk=world.officer_a.pk).check_password(RIGHT)


def test_a_ten_character_password_of_ones_own_is_accepted_and_audited(client, world):
    client.force_login(world.officer_a)
    done = client.post(
        "/doi-mat-khau/",
        {"old_password": RIGHT, "new_password1": "Mua-xuan-9", "new_password2": "Mua-xuan-9"},
    )
    assert done.status_code == 302
    assert User.objects.get(pk=world.officer_a.pk).check_password("Mua-xuan-9")
    assert rows(AuditAction.USER_PASSWORD_CHANGE)[-1].field == "canbo.xa"


def test_create_admin_refuses_a_weak_password_and_says_why(monkeypatch):
    monkeypatch.setenv("PARINDEX_ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match=r"Mật khẩu không đạt: .*Mật khẩu này quá phổ biến"):
        call_command("create_admin", "snv.quantri")
    assert not User.objects.filter(username="snv.quantri").exists()


@override_settings(PASSWORD_MIN_LENGTH=16)
def test_one_time_passwords_always_meet_the_policy(world):
    for _ in range(20):
        password = one_time_password()
        assert len(password) >= 16
        validate_password(password, world.officer_a)  # raises if it does not


# --- reset by e-mail -----------------------------------------------------------------------


def with_email(user, email):
    user.email = email
    user.save(update_fields=["email"])


@override_settings(SITE_URL="https://cchc.tinh.gov.vn")
def test_a_forgotten_password_is_reset_through_the_link_in_the_mail(client, world):
    with_email(world.officer_a, "canbo.xa@tinh.gov.vn")
    login = client.get("/dang-nhap/").content.decode()
    assert 'href="/quen-mat-khau/"' in login and "Quên mật khẩu?" in login
    sent = client.post("/quen-mat-khau/", {"email": "CanBo.Xa@tinh.gov.vn"}, follow=True)
    assert "Đã nhận yêu cầu đặt lại mật khẩu" in sent.content.decode()
    (message,) = mail.outbox
    assert (
        message.to == ["canbo.xa@tinh.gov.vn"]
        and message.subject == "[Chỉ số CCHC] Đặt lại mật khẩu"
    )
    assert "tài khoản «canbo.xa»" in message.body and "hết hạn sau 2 giờ" in message.body
    link = re.search(r"https://cchc\.tinh\.gov\.vn(/quen-mat-khau/\S+/\S+/)", message.body)
    assert link, message.body
    form_url = client.get(link.group(1))["Location"]  # the token leaves the address bar
    assert form_url.endswith("/dat-mat-khau/")  # an address in Vietnamese, as the rest
    weak = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    assert "Mật khẩu này quá phổ biến." in weak.content.decode()
    new = "Hoa-Sen-Ho-Tay-26"
    done = client.post(form_url, {"new_password1": new, "new_password2": new}, follow=True)
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    assert not signed_in(sign_in(client, "canbo.xa", RIGHT))
    assert signed_in(sign_in(client, "canbo.xa", new))
    client.post("/dang-xuat/")
    again = client.get(link.group(1), follow=True).content.decode()  # one use only
    assert "không còn dùng được" in again
    assert [r.field for r in rows(AuditAction.USER_PASSWORD_RESET_MAIL)] == ["canbo.xa"]
    assert [r.actor for r in rows(AuditAction.USER_PASSWORD_RESET_DONE)] == [world.officer_a]


def test_an_unknown_address_gets_the_very_same_answer_and_no_mail(client, world):
    with_email(world.officer_a, "canbo.xa@tinh.gov.vn")
    known = client.post("/quen-mat-khau/", {"email": "canbo.xa@tinh.gov.vn"}, follow=True)
    unknown = client.post("/quen-mat-khau/", {"email": "ai-do@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/quen-mat-khau/da-gui/", 302)]
    tokens = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert tokens.sub(b"", known.content) == tokens.sub(b"", unknown.content)
    assert len(mail.outbox) == 1


def test_the_reset_form_cannot_flood_a_mailbox(client, world):
    with_email(world.officer_a, "canbo.xa@tinh.gov.vn")
    for _ in range(6):
        answer = client.post("/quen-mat-khau/", {"email": "canbo.xa@tinh.gov.vn"})
        assert answer["Location"] == "/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 3  # PASSWORD_RESET_MAILS_PER_HOUR


def test_an_account_with_a_one_time_password_may_still_use_the_reset_pages(client, world):
    User.objects.filter(pk=world.officer_a.pk).update(must_change_password=True)
    client.force_login(world.officer_a)
    assert client.get("/quen-mat-khau/").status_code == 200
    assert client.get("/ky/").status_code == 302


# --- sessions ------------------------------------------------------------------------------


def age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_a_session_idle_for_thirty_minutes_ends_and_comes_back_to_the_page(client, world):
    client.force_login(world.admin)
    age_session(client, **{SEEN_AT: 29 * 60})
    assert client.get("/nguoi-dung/").status_code == 200  # 29 minutes: still signed in
    age_session(client, **{SEEN_AT: 31 * 60})
    ended = client.get("/nguoi-dung/?q=xa")
    assert ended.status_code == 302
    assert ended["Location"] == "/dang-nhap/?next=%2Fnguoi-dung%2F%3Fq%3Dxa"
    page = client.get(ended["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn" in page
    assert client.get("/nguoi-dung/").status_code == 302  # signed out for good
    assert rows(AuditAction.LOGOUT)[-1].reason == "hết phiên làm việc"


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(client, world):
    client.force_login(world.admin)
    age_session(client, **{SIGNED_IN_AT: 12 * 3600 - 60, SEEN_AT: 10})
    assert client.get("/nguoi-dung/").status_code == 200
    age_session(client, **{SIGNED_IN_AT: 12 * 3600 + 1, SEEN_AT: 10})
    assert client.get("/nguoi-dung/")["Location"].startswith("/dang-nhap/?next=")


def test_the_session_cookie_lasts_twelve_hours_not_two_weeks(client, world):
    assert signed_in(sign_in(client, "quantri", RIGHT))
    assert client.cookies["sessionid"]["max-age"] == 12 * 3600


# --- the Django admin and the demo ---------------------------------------------------------


def test_the_django_admin_is_not_on_the_site_unless_turned_on(client, world, settings):
    client.force_login(world.admin)
    assert client.get("/quan-tri/").status_code == 404
    import parindex.web.urls as site_urls

    settings.PARINDEX_ADMIN = True
    try:
        importlib.reload(site_urls)
        clear_url_caches()
        verified_login(client, world.admin)  # the admin also asks for the second factor
        assert client.get("/quan-tri/").status_code == 200
        client.force_login(world.officer_a)
        assert client.get("/quan-tri/").status_code == 302  # staff admins only
    finally:
        settings.PARINDEX_ADMIN = False
        importlib.reload(site_urls)
        clear_url_caches()
    assert client.get("/quan-tri/").status_code == 404


def test_load_demo_refuses_a_production_database(tmp_path, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"Không nạp dữ liệu mẫu khi DEBUG tắt.*--force"):
        call_command("load_demo", str(tmp_path))
    assert not User.objects.filter(username="quantri").exists()
