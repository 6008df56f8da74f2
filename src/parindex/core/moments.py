"""Dates and times as Vietnamese offices write them: 15/12/2026, 17:00 15/12/2026.

>>> import datetime as dt
>>> format_date(dt.date(2026, 12, 5))
'05/12/2026'
>>> format_moment(dt.datetime(2026, 12, 15, 17, 0))
'17:00 ngày 15/12/2026'
"""

from __future__ import annotations

import datetime as dt


def format_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def format_moment(moment: dt.datetime) -> str:
    """A moment already in local time (the web converts with ``timezone.localtime``)."""
    return f"{moment:%H:%M} ngày {format_date(moment)}"
