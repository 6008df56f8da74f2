"""The 766 service index page of an imported register: the admin and the leaders read every
unit's groups, total and rank for a span, a unit's metrics and the differences between the
register's figures and the portal's; the admin uploads the portal's figures for the span."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from parindex.core.numbers import format_file_size
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_register_import,
    is_admin,
)
from parindex.web.errors import ActionError
from parindex.web.onestop.models import RegisterImport
from parindex.web.onestop.periods import bounds, spans
from parindex.web.onestop.service766 import do_upload_portal, index_766
from parindex.web.onestop.views import _span

MAX_BYTES = 20 * 1024 * 1024
SOURCES = {
    "register": "Sổ theo dõi hồ sơ",
    "portal": "Cổng Dịch vụ công quốc gia",
    "not_applicable": "Không áp dụng",
}
WHAT = {"ratio": "tỷ lệ", "points": "điểm"}


class PortalUploadForm(forms.Form):
    file = forms.FileField(
        label="Số liệu Bộ chỉ số 766 của Cổng (.csv hoặc .xlsx)",
        help_text="một dòng một đơn vị và chỉ số: Mã đơn vị, Mã chỉ số, Tử số, Mẫu số "
        "(Tỷ lệ, Điểm nếu Cổng có)",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_BYTES)}")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx")
        return upload


def _label(made: RegisterImport, first: str, last: str) -> str:
    return next((s.label for s in spans(made) if (s.first, s.last) == (first, last)), "")


def _page(made: RegisterImport, first: str, last: str) -> str:
    return reverse("onestop:index766", args=[made.pk]) + f"?tu={first}&den={last}"


@login_required
def index766(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    made = access_register_import(request.user, import_id)
    first, last = _span(request, made)
    label = _label(made, first, last)
    form = PortalUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST":
        if not is_admin(request.user):
            raise Http404(NOT_FOUND)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                do_upload_portal(
                    made, first, last, label or f"{first} – {last}", upload.chunks(),
                    upload.name, request.user,
                )  # fmt: skip
            except ActionError as exc:
                form.add_error(None, exc.message)
                problems = [str(p) for p in exc.problems[:200]]
            else:
                messages.success(
                    request, f"Đã nhập số liệu Bộ chỉ số 766 của Cổng «{upload.name}»."
                )
                return redirect(_page(made, first, last))
    start, end = bounds(first, last)
    context: dict[str, Any] = {
        "made": made, "spans": spans(made), "first": first, "last": last, "start": start,
        "end": end, "span_label": label, "problems": problems,
        "form": form if is_admin(request.user) else None,
    }  # fmt: skip
    try:
        index = index_766(made, first, last)
    except ActionError as exc:
        context["broken"] = exc.full_message()
        return render(request, "onestop/index766.html", context)
    names = {code: name for code, name, _ in made.units}
    metric_names = {m.code: m.name for m in index.config.metrics}
    context.update(
        config=index.config,
        upload=index.upload,
        rows=[(names.get(s.unit, s.unit), s) for s in index.scores],
        differences=[
            (names.get(d.unit, d.unit), d, metric_names.get(d.metric, d.metric), WHAT[d.what])
            for d in index.differences
        ],
    )
    return render(request, "onestop/index766.html", context)


@login_required
def unit766(request: AuthenticatedHttpRequest, import_id: int, code: str) -> HttpResponse:
    made = access_register_import(request.user, import_id)
    names = {c: name for c, name, _ in made.units}
    if code not in names:
        raise Http404(NOT_FOUND)
    first, last = _span(request, made)
    start, end = bounds(first, last)
    context: dict[str, Any] = {
        "made": made, "first": first, "last": last, "start": start, "end": end,
        "span_label": _label(made, first, last), "unit_name": names[code], "code": code,
    }  # fmt: skip
    try:
        index = index_766(made, first, last)
    except ActionError as exc:
        context["broken"] = exc.full_message()
        return render(request, "onestop/unit766.html", context)
    score = next(s for s in index.scores if s.unit == code)
    context.update(
        config=index.config,
        score=score,
        groups=[
            (g, [(m, SOURCES[m.source]) for m in score.metrics if m.metric.group == g.group.code])
            for g in score.groups
            if g.max
        ],
        differences=[d for d in index.differences if d.unit == code],
        what=WHAT,
    )
    return render(request, "onestop/unit766.html", context)
