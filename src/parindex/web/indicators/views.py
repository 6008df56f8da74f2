"""Indicator pages: the catalogue and an indicator's units (the admin, the leaders), the
province's table in the layout of QĐ 2629/QĐ-TTg Phụ lục I and its XLSX, the admin's import
of values, and a unit's own page where its officer enters its figures with evidence."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from parindex.core import indicators as core
from parindex.core.numbers import format_count
from parindex.reports.indicator_reports import (
    HEADER,
    Bar,
    attainment_svg,
    province_table_xlsx,
    table_cells,
)
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_indicator,
    access_indicator_unit,
    access_indicator_value,
    is_admin,
    is_officer,
    is_own_unit,
    may_see_indicators,
)
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.indicators.actions import (
    Figures,
    do_import_values,
    do_load_catalogue,
    do_save_value,
)
from parindex.web.indicators.board import (
    Trend,
    bars,
    default_period,
    indicator_units,
    periods,
    province_table,
    province_trend,
)
from parindex.web.indicators.forms import ImportForm, PeriodForm, ValueForm
from parindex.web.indicators.mappers import core_indicator, core_targets, core_value, figures_text
from parindex.web.indicators.models import Indicator, IndicatorValue
from parindex.web.organisation.models import Organisation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _readers(request: AuthenticatedHttpRequest) -> None:
    if not may_see_indicators(request.user):
        raise Http404(NOT_FOUND)


def _period(request: AuthenticatedHttpRequest) -> tuple[str, PeriodForm]:
    """The period asked (``?ky=2026``), else the newest with figures; a bad one is said."""
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["ky"]:
        return form.cleaned_data["ky"], form
    return default_period(), form


@login_required
def catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _readers(request)
    indicators = list(Indicator.objects.prefetch_related("targets"))
    targets = {i.pk: [core_targets([t])[0] for t in i.targets.all()] for i in indicators}
    rows = [
        (i, "; ".join(f"{t.text} {t.scope} ({t.period})".replace("  ", " ") for t in targets[i.pk]))
        for i in indicators
    ]
    return render(
        request,
        "indicators/list.html",
        {"rows": rows, "may_manage": is_admin(request.user), "count": len(indicators)},
    )


@login_required
@require_POST
def load(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    try:
        added, updated = do_load_catalogue(request.user)
    except ActionError as exc:
        messages.error(request, " ".join([exc.message, *(str(p) for p in exc.problems)]))
    else:
        messages.success(
            request,
            f"Đã nạp danh mục chỉ tiêu: {format_count(added)} chỉ tiêu mới, "
            f"{format_count(updated)} chỉ tiêu cập nhật.",
        )
    return redirect("indicators:list")


def _trend_chart(trend: list[Trend]) -> str:
    """The province's measure period by period, as bars (none with fewer than two)."""
    measured = [t for t in trend if t.measure is not None]
    if len(measured) < 2:
        return ""
    top = max([Decimal(100), *(t.measure for t in measured if t.measure is not None)])
    bars_ = [Bar(t.period, t.measure, None, None, f"{t.shown} {t.words}".strip()) for t in trend]
    return attainment_svg(bars_, top=top, title="Xu hướng của toàn tỉnh qua các kỳ")


@login_required
def detail(request: AuthenticatedHttpRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.user, indicator_id)
    period, form = _period(request)
    lines = indicator_units(indicator, period)
    trend = province_trend(indicator)
    chart = (
        attainment_svg(bars(indicator, lines))
        if any(line.row.measure is not None for line in lines)
        else ""
    )
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "item": core_indicator(indicator),
            "targets": core_targets(indicator.targets.select_related("indicator")),
            "period": period,
            "periods": periods(),
            "form": form,
            "lines": lines,
            "chart": mark_safe(chart),  # built by reports, every text escaped
            "trend": trend,
            "trend_chart": mark_safe(_trend_chart(trend)),  # built by reports, texts escaped
        },
    )


def _titles(period: str) -> list[str]:
    organisation = Organisation.current()
    return [
        "Phụ lục",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        f"Kỳ: {period}" + (f" — {organisation.province}" if organisation.province else ""),
    ]


@login_required
def table(request: AuthenticatedHttpRequest) -> HttpResponse:
    _readers(request)
    period, form = _period(request)
    rows = province_table(period)
    ids = dict(Indicator.objects.values_list("code", "pk"))
    return render(
        request,
        "indicators/table.html",
        {
            "header": HEADER,
            "rows": [(ids[r.indicator.code], table_cells(r)) for r in rows],
            "period": period,
            "periods": periods(),
            "form": form,
        },
    )


@login_required
def table_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    _readers(request)
    period, _ = _period(request)
    body = province_table_xlsx(_titles(period), province_table(period))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="chi-tieu.xlsx"'
    return response


@login_required
def import_values(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    problems: list[str] = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = do_import_values(upload.read(), upload.name, request.user)
        except ActionError as exc:
            form.add_error(None, exc.message)
            problems = [str(p) for p in exc.problems]
        else:
            messages.success(request, f"Đã nhập {format_count(count)} số liệu chỉ tiêu.")
            return redirect("indicators:table")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "indicators/import.html", {"form": form, "problems": problems}, status=status
    )


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The menu's «Chỉ tiêu của đơn vị»: the officer's own unit's page."""
    if is_officer(request.user) and request.user.unit_id:
        return redirect("indicators:unit", unit_id=request.user.unit_id)
    if may_see_indicators(request.user):
        return redirect("indicators:list")
    raise Http404(NOT_FOUND)


@login_required
def unit_page(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    """GET: the unit's indicators for the period; POST (its officer): one figure saved."""
    enter = request.method == "POST"
    unit = access_indicator_unit(request.user, unit_id, enter=enter)
    period, period_form = _period(request)
    status = 200
    bound: ValueForm | None = None
    if enter:
        bound = ValueForm(request.POST, request.FILES)
        if bound.is_valid():
            data = bound.cleaned_data
            indicator = Indicator.objects.filter(pk=data["indicator"]).first()
            upload = data["evidence"]
            try:
                if indicator is None:
                    raise ActionError("Không có chỉ tiêu này")
                do_save_value(
                    indicator,
                    unit,
                    data["period"],
                    Figures(data["numerator"], data["denominator"], data["value"]),
                    request.user,
                    (upload, upload.name) if upload else None,
                )
            except ActionError as exc:
                messages.error(request, exc.message)
                status = 400
            else:
                messages.success(
                    request, f"Đã lưu kết quả chỉ tiêu {indicator.code}, kỳ {data['period']}."
                )
                return redirect(f"{request.path}?ky={data['period']}")
        else:
            messages.error(request, form_problems(bound))
            status = 400
    return render(
        request,
        "indicators/unit.html",
        _unit_context(request, unit, period, period_form),
        status=status,
    )


def _unit_context(
    request: AuthenticatedHttpRequest, unit: object, period: str, form: PeriodForm
) -> dict[str, object]:
    from parindex.web.units.models import Unit

    assert isinstance(unit, Unit)
    stored = {(v.indicator_id, v.period): v for v in IndicatorValue.objects.filter(unit=unit)}
    lines = []
    for indicator in Indicator.objects.prefetch_related("targets"):
        item = core_indicator(indicator)
        if not item.applies_to(unit.kind):
            continue
        history = [v for (i, _), v in stored.items() if i == indicator.pk]
        now = stored.get((indicator.pk, period))
        targets = core_targets(t for t in indicator.targets.select_related("indicator"))
        year = core.period_end_year(period)
        target = core.target_for(targets, indicator.code, unit.kind, year) if year else None
        found = core.measure(item, core_value(now, unit.code)) if now else None
        steps = core.trend(
            item, [(v.period, core.measure(item, core_value(v, unit.code))) for v in history]
        )
        lines.append(
            {
                "indicator": indicator,
                "stored": now,
                "figures": figures_text(now) if now else "",
                "shown": item.shown(found),
                "target": target,
                "verdict": core.attainment(target, found),
                "trend": next((s.words for s in steps if s.period == period), ""),
                "form": ValueForm(
                    initial={
                        "indicator": indicator.pk,
                        "period": period,
                        "numerator": now.numerator if now else None,
                        "denominator": now.denominator if now else None,
                        "value": now.value if now else None,
                    }
                ),
            }
        )
    return {
        "unit": unit,
        "lines": lines,
        "period": period,
        "periods": sorted({p for _, p in stored}, key=core.period_key, reverse=True),
        "form": form,
        "may_enter": is_own_unit(request.user, unit.pk),
    }


@login_required
def evidence(request: AuthenticatedHttpRequest, value_id: int) -> FileResponse:
    found = access_indicator_value(request.user, value_id)
    if not found.evidence:
        raise Http404(NOT_FOUND)
    response = FileResponse(
        found.evidence.open("rb"),
        as_attachment=True,
        filename=found.evidence_name or "tai-lieu",
        content_type=found.evidence_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
