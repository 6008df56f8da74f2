"""The notices page: the user's own notices, opening one, all read, the e-mail choice."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from parindex.core.collation import fold
from parindex.web.access import AuthenticatedHttpRequest, access_notice
from parindex.web.listing import listing
from parindex.web.notices.actions import do_mark_all_read, do_mark_read, do_set_email_notices
from parindex.web.notices.forms import EmailChoiceForm, MarkAllReadForm
from parindex.web.notices.models import Notice, NoticeSetting

SHOWN = 500  # the newest; older ones stay in the database and are found by a search


def is_local_path(url: str) -> bool:
    """A path on this site (``/ky/3/``): never another host, a scheme, or ``//host``."""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    parts = urlsplit(url)
    return (
        not parts.scheme
        and not parts.netloc
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


@login_required
@require_GET
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = Notice.objects.filter(user=request.user).order_by("-created_at", "-pk")
    if not request.GET.get("q"):
        rows = rows[:SHOWN]
    found = listing(
        request,
        rows,
        text=lambda n: f"{n.title} {n.text} {n.get_kind_display()}",
        sorts={
            "moi": lambda n: (n.created_at, n.pk),
            "tieu-de": lambda n: fold(n.title),
            "chua-doc": lambda n: (n.read_at is None, n.created_at, n.pk),
        },
        default="-moi",
    )
    setting = NoticeSetting.objects.filter(user=request.user).first()
    return render(
        request,
        "notices/list.html",
        {
            "listing": found,
            "email_form": EmailChoiceForm(initial={"email": setting.email if setting else True}),
            "has_email": bool(request.user.email),
            "unread": sum(n.read_at is None for n in found.rows),
        },
    )


@login_required
@require_GET
def open_notice(request: AuthenticatedHttpRequest, notice_id: int) -> HttpResponse:
    """Opening a notice reads it and goes where it points, if that is a page of this site."""
    notice = do_mark_read(access_notice(request.user, notice_id))
    if notice.url and is_local_path(notice.url):
        return redirect(notice.url)
    if notice.url:
        messages.warning(
            request,
            f"Thông báo «{notice.title}» trỏ tới một địa chỉ ngoài hệ thống nên không được mở.",
        )
    return redirect("notices:list")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    if MarkAllReadForm(request.POST).is_valid():
        count = do_mark_all_read(request.user)
        if count:
            messages.success(request, "Đã đánh dấu mọi thông báo là đã đọc.")
        else:
            messages.info(request, "Không còn thông báo nào chưa đọc.")
    return redirect("notices:list")


@login_required
@require_POST
def email_choice(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EmailChoiceForm(request.POST)
    if form.is_valid():
        setting = do_set_email_notices(request.user, form.cleaned_data["email"])
        messages.success(
            request,
            "Từ nay thông báo được gửi cả qua thư điện tử."
            if setting.email
            else "Từ nay thông báo chỉ hiện trong hệ thống, không gửi thư điện tử.",
        )
    return redirect("notices:list")
