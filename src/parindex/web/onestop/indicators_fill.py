"""The one-stop indicators of the catalogue computed from an imported register for a span:
MC-01 (766 on-time rate: resolved early or on time and in progress within the deadline, over
everything received), MC-02 (the online share of the dossiers received in the span) and MC-04
(the dossiers received), for every unit; written as values «Tính từ sổ theo dõi hồ sơ một
cửa», replacing what the span held, audited."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.onestop import Counts
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.indicators.models import Indicator, IndicatorValue, ValueSource
from parindex.web.onestop.models import RegisterImport
from parindex.web.onestop.periods import figures
from parindex.web.units.models import Unit


def _figures(code: str, c: Counts) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(numerator, denominator, value) of the indicator ``code``; None when nothing counts."""
    if code == "MC-01":
        return Decimal(c.early + c.on_time + c.within), Decimal(c.received), None
    if code == "MC-02":
        return Decimal(c.online), Decimal(c.new), None
    return None, None, Decimal(c.received)


FILLED = ("MC-01", "MC-02", "MC-04")


@transaction.atomic
def do_fill_indicators(
    made: RegisterImport, first: str, last: str, period: str, actor: User
) -> int:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=FILLED)}
    if not indicators:
        raise ActionError("Chưa nạp danh mục chỉ tiêu (trang «Chỉ tiêu»): chưa có MC-01, MC-02")
    stats = figures(made, first, last)
    units = {u.code: u for u in Unit.objects.filter(code__in=[u.code for u in stats.units])}
    written = 0
    for row in stats.units:
        unit = units.get(row.code)
        if unit is None:
            continue
        for code, indicator in indicators.items():
            numerator, denominator, value = _figures(code, row.counts)
            if denominator == 0:
                continue  # nothing received: no rate, never 0
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                unit=unit,
                period=period,
                defaults={
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": value,
                    "source": ValueSource.ONESTOP,
                    "entered_by": actor,
                },
            )
            written += 1
    record(
        actor,
        AuditAction.INDICATOR_IMPORT,
        field="indicator",
        new=f"{format_count(written)} kết quả chỉ tiêu một cửa, kỳ {period}, từ {made.file_name}",
    )
    return written
