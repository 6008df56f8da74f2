"""Every write of indicators: loading the catalogue, a unit's value with its evidence, the
admin's import of values from XLSX. Atomic and audited; a file stored is removed again when
the action fails (``assessments.intake.keeps_files_of_success``)."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.db import transaction

from parindex.core import indicators as core
from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.io.indicators import Catalogue, read_catalogue, read_values
from parindex.web.accounts.models import User
from parindex.web.assessments.intake import keeps_files_of_success, store_checked
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.indicators.mappers import core_indicator, figures_text
from parindex.web.indicators.models import Indicator, IndicatorValue, Target, ValueSource
from parindex.web.units.models import Unit


@transaction.atomic
def do_load_catalogue(actor: User, catalogue: Catalogue | None = None) -> tuple[int, int]:
    """The shipped catalogue into the app: new indicators added, known ones (by code)
    updated, their targets replaced by the catalogue's; values are never touched.
    Returns (indicators added, indicators updated)."""
    if catalogue is None:
        try:
            catalogue = read_catalogue()
        except InputError as exc:
            raise ActionError("Danh mục chỉ tiêu chưa đọc được", exc.problems) from exc
    added = updated = 0
    for position, item in enumerate(catalogue.indicators, start=1):
        fields = {
            "name": item.name[:400],
            "unit": item.unit[:40],
            "kind": item.kind,
            "direction": item.direction,
            "scopes": ", ".join(item.scopes)[:200],
            "numerator": item.numerator[:300],
            "denominator": item.denominator[:300],
            "data_source": item.data_source[:300],
            "source": item.source[:400],
            "lead": item.lead[:200],
            "note": item.note,
            "criteria": ", ".join(item.criteria)[:300],
            "position": position,
        }
        row, created = Indicator.objects.update_or_create(code=item.code, defaults=fields)
        added, updated = added + created, updated + (not created)
        row.targets.all().delete()
        Target.objects.bulk_create(
            Target(
                indicator=row,
                plan=t.plan[:300],
                first_year=t.first_year,
                last_year=t.last_year,
                scope=t.scope[:40],
                comparator=t.comparator,
                value=t.value,
            )
            for t in catalogue.targets
            if t.indicator == item.code
        )
    record(
        actor,
        AuditAction.INDICATOR_LOAD,
        field="indicator",
        new=f"{format_count(added)} chỉ tiêu mới, {format_count(updated)} chỉ tiêu cập nhật",
    )
    return added, updated


@dataclass(frozen=True)
class Figures:
    """What a unit enters for a period: a ratio's numerator and denominator, or a value."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None


def _store_evidence(row: IndicatorValue, upload: IO[bytes], name: str) -> None:
    checked = store_checked(row.evidence, upload, name)
    row.evidence_name = checked.safe_name
    row.evidence_type = checked.content_type


@keeps_files_of_success
@transaction.atomic
def do_save_value(
    indicator: Indicator,
    unit: Unit,
    period: str,
    figures: Figures,
    actor: User,
    upload: tuple[IO[bytes], str] | None = None,
) -> IndicatorValue:
    """A unit's figure for a period (a new one, or the one it replaces), with its evidence."""
    period = " ".join(period.split())
    if core.period_end_year(period) is None:
        raise ActionError(f"Kỳ «{period[:40]}» không đọc được (ví dụ: 2026, 6 tháng đầu năm 2026)")
    item = core_indicator(indicator)
    if not item.applies_to(unit.kind):
        raise ActionError(f"Chỉ tiêu {indicator.code} không áp dụng cho {unit}")
    value = core.Value(unit.code, period, figures.numerator, figures.denominator, figures.value)
    problems = core.value_problems(item, value)
    if problems:
        raise ActionError("Số liệu chưa hợp lệ: " + "; ".join(problems))
    row = IndicatorValue.objects.filter(indicator=indicator, unit=unit, period=period).first()
    old = figures_text(row) if row else ""
    if row is None:
        row = IndicatorValue(indicator=indicator, unit=unit, period=period)
    row.numerator, row.denominator, row.value = (
        figures.numerator,
        figures.denominator,
        figures.value,
    )
    row.source = ValueSource.UNIT
    row.entered_by = actor
    if upload is not None:
        _store_evidence(row, *upload)
    row.save()
    record(
        actor,
        AuditAction.INDICATOR_VALUE,
        unit=unit,
        field="indicator",
        old=old,
        new=figures_text(row),
        reason=f"{indicator.code} · {period}" + (f" · {row.evidence_name}" if upload else ""),
    )
    return row


def _kinds() -> Mapping[str, str]:
    return dict(Unit.objects.values_list("code", "kind"))


@transaction.atomic
def do_import_values(content: bytes, filename: str, actor: User) -> int:
    """Values from the admin's table (Mã đơn vị | Mã chỉ tiêu | Kỳ | Tử số | Mẫu số | Giá
    trị): every problem at once, named by row and cell; nothing stored when there is one.
    A unit's figure for the same indicator and period is replaced."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    shown = Path(filename).name or "chi-tieu.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / shown
        path.write_bytes(content)
        try:
            rows = read_values(
                path, _kinds(), {c: core_indicator(i) for c, i in indicators.items()}
            )
        except InputError as exc:
            raise ActionError(
                f"Bảng số liệu «{shown}» chưa nhập được: "
                f"{format_count(len(exc.problems))} lỗi, chưa lưu gì",
                exc.problems,
            ) from exc
    if not rows:
        raise ActionError(f"Bảng số liệu «{shown}» không có dòng nào")
    units = {u.code: u for u in Unit.objects.filter(code__in={r.value.unit for r in rows})}
    for r in rows:
        IndicatorValue.objects.update_or_create(
            indicator=indicators[r.indicator],
            unit=units[r.value.unit],
            period=r.value.period,
            defaults={
                "numerator": r.value.numerator,
                "denominator": r.value.denominator,
                "value": r.value.value,
                "source": ValueSource.IMPORT,
                "entered_by": actor,
            },
        )
    record(
        actor,
        AuditAction.INDICATOR_IMPORT,
        field="indicator",
        new=f"{shown}: {format_count(len(rows))} số liệu",
    )
    return len(rows)
