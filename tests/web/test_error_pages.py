"""Error pages in production (DEBUG off): Vietnamese, in the site's layout, a way home; JSON
under /api/. The 500 page needs no database."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client, override_settings

PRODUCTION = override_settings(DEBUG=False, ROOT_URLCONF="tests.web.error_urls")
TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    500: "Hệ thống đang gặp lỗi",
}
PATHS = {
    400: "/thu-loi/400/",
    403: "/thu-loi/403/",
    404: "/khong-co-trang-nay/",
    500: "/thu-loi/500/",
}


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@PRODUCTION
@pytest.mark.parametrize("status", sorted(TITLES))
def test_each_error_is_a_vietnamese_page_with_a_way_home(visitor, world, status):
    visitor.force_login(world.officer_a)
    response = visitor.get(PATHS[status])
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f"<h1>{TITLES[status]}</h1>" in page
    assert '<a class="button" href="/">Về trang chủ</a>' in page
    assert 'lang="vi"' in page and "Traceback" not in page and "RuntimeError" not in page


@PRODUCTION
def test_a_missing_page_keeps_the_sites_layout_and_menu(visitor, world):
    visitor.force_login(world.admin)
    page = visitor.get("/khong-co-trang-nay/").content.decode()
    assert 'class="menu"' in page and "Thông tin cơ quan" in page and 'class="site"' in page


@PRODUCTION
@pytest.mark.parametrize("status", sorted(TITLES))
def test_under_api_errors_answer_in_json(visitor, db, status):
    path = "/api/khong-co/" if status == 404 else "/api" + PATHS[status]
    response = visitor.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"loi": TITLES[status], "ma": status}


@PRODUCTION
def test_the_server_error_page_needs_no_database(visitor, db):
    from django.test import RequestFactory

    from parindex.web.errors import server_error

    request = RequestFactory().get("/thu-loi/500/")

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page asked the database")

    with connection.execute_wrapper(no_database):
        response = server_error(request)
    assert response.status_code == 500 and "Hệ thống đang gặp lỗi" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_form_sent_without_its_token_gets_a_vietnamese_page(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in page and "Về trang chủ" in page


@override_settings(DEBUG=False, CSRF_FAILURE_VIEW="parindex.web.errors.csrf_failure")
def test_the_csrf_view_answers_api_paths_in_json(db):
    browser = Client(enforce_csrf_checks=True)
    page = browser.post("/dang-nhap/", {"username": "a"})
    assert page.status_code == 403 and "Phiên làm việc đã hết hạn" in page.content.decode()
    api = browser.post("/api/ket-qua/", {})
    assert api.status_code == 403
    assert json.loads(api.content) == {"loi": "Phiên làm việc đã hết hạn", "ma": 403}


@PRODUCTION
def test_a_missing_page_still_answers_when_the_layout_cannot_be_built(visitor, db, monkeypatch):
    from parindex.web.organisation.models import Organisation

    def broken(cls):
        raise RuntimeError("cơ sở dữ liệu không trả lời")

    monkeypatch.setattr(Organisation, "current", classmethod(broken))
    response = visitor.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "<h1>Không tìm thấy trang</h1>" in response.content.decode()


@PRODUCTION
def test_a_request_for_another_host_gets_the_vietnamese_400(db):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="lua-dao.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
