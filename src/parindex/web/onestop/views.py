"""The one-stop register in the app: the admin imports an export; the admin and the leaders
read every unit's Biểu II.06a figures and rates for a month, quarter, half or year, with the
checks, and download the form for that span."""

from __future__ import annotations

import itertools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.core.onestop import LEVELS, Counts, carry_over_problem
from parindex.core.onestop_text import LEVEL_NAMES, total_sentence
from parindex.reports.onestop_files import form_workbook
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_register_import,
    is_admin,
    is_leader,
)
from parindex.web.errors import ActionError
from parindex.web.onestop.actions import do_import_register
from parindex.web.onestop.forms import RegisterImportForm
from parindex.web.onestop.indicators_fill import do_fill_indicators
from parindex.web.onestop.models import RegisterImport
from parindex.web.onestop.periods import bounds, figures, month_keys, spans

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reader(request: AuthenticatedHttpRequest) -> None:
    if not (is_admin(request.user) or is_leader(request.user)):
        raise Http404(NOT_FOUND)


@login_required
def register_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _reader(request)
    problems: list[str] = []
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not is_admin(request.user):
            raise Http404(NOT_FOUND)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            mapping = form.cleaned_data.get("mapping")
            try:
                made = do_import_register(
                    upload.chunks(),
                    upload.name,
                    request.user,
                    mapping=mapping.read() if mapping else None,
                    drop_invalid=form.cleaned_data["drop_invalid"],
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
                problems = [str(p) for p in exc.problems]
            else:
                messages.success(request, f"Đã nhập sổ theo dõi hồ sơ «{made.file_name}».")
                return redirect("onestop:detail", import_id=made.pk)
    return render(
        request,
        "onestop/list.html",
        {
            "imports": RegisterImport.objects.select_related("uploaded_by"),
            "form": form if is_admin(request.user) else None,
            "problems": problems,
        },
    )


def _span(request: AuthenticatedHttpRequest, made: RegisterImport) -> tuple[str, str]:
    keys = month_keys(made)
    first, last = request.GET.get("tu", ""), request.GET.get("den", "")
    if not (MONTH.match(first) and MONTH.match(last) and first <= last):
        offered = spans(made)
        default = offered[0] if offered else None
        return (default.first, default.last) if default else (keys[0], keys[-1])
    return max(first, keys[0]), min(last, keys[-1])


@login_required
def register_detail(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    made = access_register_import(request.user, import_id)
    first, last = _span(request, made)
    stats = figures(made, first, last)
    start, end = bounds(first, last)
    names = {code: name for code, name, _ in made.units}
    levels = stats.levels()
    rows = []
    for level in LEVELS:
        if level not in levels:
            continue
        rows.append(("level", LEVEL_NAMES[level].capitalize(), levels[level]))
        rows.extend(("unit", names[u.code], u.counts) for u in stats.units if u.level == level)
    checks = stats.problems() + _carry_checks(made, first, last, names)
    return render(
        request,
        "onestop/detail.html",
        {
            "made": made,
            "spans": spans(made),
            "first": first,
            "last": last,
            "start": start,
            "end": end,
            "sentence": total_sentence(start, end, stats.total, levels),
            "total": stats.total,
            "rows": rows,
            "checks": checks,
            "dropped": made.problems.splitlines()[:200],
            "span_label": next(
                (x.label for x in spans(made) if (x.first, x.last) == (first, last)), ""
            ),
            "may_fill": is_admin(request.user),
        },
    )


def _carry_checks(made: RegisterImport, first: str, last: str, names: dict[str, str]) -> list[str]:
    """«Từ kỳ trước» of each month against the month before's «Đang giải quyết»."""
    keys = [k for k in month_keys(made) if first <= k <= last]
    found = []
    for code, months in made.monthly.items():
        for before, now in itertools.pairwise(keys):
            if before in months and now in months:
                problem = carry_over_problem(
                    Counts(*months[before]), Counts(*months[now]), f"{names.get(code, code)}, {now}"
                )
                if problem:
                    found.append(problem)
    return found


@login_required
@require_POST
def fill_indicators(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    """The admin writes the span's MC-01, MC-02, MC-04 into the indicators, unit by unit."""
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    made = access_register_import(request.user, import_id)
    first, last = request.POST.get("tu", ""), request.POST.get("den", "")
    span = next((s for s in spans(made) if (s.first, s.last) == (first, last)), None)
    if span is None:
        messages.error(request, "Chọn một kỳ (tháng, quý, 6 tháng, năm) trước khi ghi chỉ tiêu.")
        return redirect("onestop:detail", import_id=made.pk)
    try:
        written = do_fill_indicators(made, first, last, span.label, request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Đã ghi {format_count(written)} kết quả chỉ tiêu kỳ «{span.label}»."
        )
    return redirect(reverse("onestop:detail", args=[made.pk]) + span.query)


@login_required
def register_form(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    """Biểu II.06a of the span asked, as XLSX."""
    made = access_register_import(request.user, import_id)
    first, last = _span(request, made)
    start, end = bounds(first, last)
    names = {code: name for code, name, _ in made.units}
    body = form_workbook(figures(made, first, last), start, end, names)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bieu-06a-{first}-{last}.xlsx"'
    return response
