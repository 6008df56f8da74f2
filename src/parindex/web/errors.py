"""Errors the actions raise (views turn them into Vietnamese messages), and the error pages."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from parindex.core.problems import Problem


class ActionError(Exception):
    """A refused action; ``problems`` says why, each located."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)

    def full_message(self, limit: int = 20) -> str:
        """The message with the first ``limit`` located problems, as one line for a page message."""
        detail = "; ".join(str(p) for p in self.problems[:limit])
        return self.message + (f": {detail}" if detail else "")


class StaleEdit(ActionError):
    """Someone else saved this first (optimistic locking)."""


# ---- the error pages (DEBUG off): Vietnamese, in the site's layout; JSON under /api/ ---------

log = logging.getLogger(__name__)

PAGES: dict[int, tuple[str, str]] = {
    400: ("Yêu cầu không hợp lệ", "Trình duyệt đã gửi một yêu cầu mà hệ thống không hiểu được."),
    403: ("Không có quyền truy cập", "Tài khoản của bạn không được mở trang này."),
    404: (
        "Không tìm thấy trang",
        "Trang bạn tìm không có, đã được chuyển đi, hoặc bạn không được xem trang này.",
    ),
    500: (
        "Hệ thống đang gặp lỗi",
        "Đã có lỗi ngoài ý muốn; lỗi đã được ghi lại để khắc phục. Xin thử lại sau ít phút.",
    ),
}
CSRF = (
    "Phiên làm việc đã hết hạn",
    "Biểu mẫu đã quá hạn hoặc được gửi từ nơi khác nên không được nhận (kiểm tra CSRF). "
    "Xin tải lại trang, điền lại và gửi lần nữa; nếu trình duyệt chặn cookie, hãy cho phép "
    "cookie của trang này.",
)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"loi": message, "ma": status}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _standalone(status: int, title: str, text: str) -> HttpResponse:
    """A page that needs neither the database nor the request (the 500 page, the CSRF page)."""
    body = loader.get_template("errors/plain.html").render(
        {"code": status, "title": title, "text": text}
    )
    return HttpResponse(body, status=status)


def _page(request: HttpRequest, status: int) -> HttpResponse:
    title, text = PAGES[status]
    if is_api(request):
        return _json(status, title)
    try:
        return render(
            request,
            "errors/page.html",
            {"code": status, "title": title, "text": text, "error_page": True},
            status=status,
        )
    except Exception:  # the layout needs the database: if that is what failed, a plain page
        log.exception("trang lỗi %s không dựng được theo bố cục chung", status)
        return _standalone(status, title, text)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    title, text = PAGES[500]
    if is_api(request):
        return _json(500, title)
    return _standalone(500, title, text)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the form was refused; without this setting Django renders
    ``403_csrf.html``, the same page."""
    if is_api(request):
        return _json(403, CSRF[0])
    return _standalone(403, *CSRF)
