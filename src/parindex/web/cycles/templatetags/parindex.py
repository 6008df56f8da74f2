"""Template filters that print numbers the core's way: 8,5 · 12,87 · 2.358."""

from __future__ import annotations

from decimal import Decimal

from django import template

from parindex.core.narrative import points

register = template.Library()


@register.filter
def diem(value: object) -> str:  # whatever the template holds: Decimal, int, str, None
    """Points in Vietnamese style, trailing zeros dropped (``{{ x|diem }}``)."""
    if value is None or value == "":
        return ""
    return points(Decimal(str(value)))
