"""Template filters that print numbers the core's way: 8,5 · 12,87 · 2.358.

Templates word no number themselves (``tests/test_number_wording.py``): points go through
``|diem``, counts through ``|dem``.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from parindex.core.numbers import format_count, format_percent, format_points, to_decimal

register = template.Library()


@register.filter
def diem(value: object) -> str:  # whatever the template holds: Decimal, int, str, None
    """Points in Vietnamese style, trailing zeros dropped (``{{ x|diem }}``): 8,5; 12."""
    if value is None or value == "":
        return ""
    number = to_decimal(value)
    if number is None:
        return str(value)
    return format_points(number)


@register.filter
def dem(value: object) -> str:  # as diem
    """A count with a thousands dot (``{{ rows|length|dem }}``): 1.500."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        return str(value)
    number = to_decimal(value)
    if number is None or number != number.to_integral_value():
        return str(value)
    return format_count(int(number))


@register.filter
def phantram(value: object) -> str:  # as diem
    """A rate in percent with its two decimals (``{{ c.on_time_rate|phantram }}``): 97,16%;
    «—» for a rate of nothing (None), never 0."""
    number = None if value is None or value == "" else to_decimal(value)
    if number is None:
        return "—"
    return format_percent(number, strip=False)


@register.filter
def sort_url(listing: object, key: str) -> str:
    """A column header's link of a ``parindex.web.listing.Listing``."""
    from parindex.web.listing import Listing

    return listing.sort_url(key) if isinstance(listing, Listing) else ""


@register.filter
def sort_mark(listing: object, key: str) -> str:
    from parindex.web.listing import Listing

    return listing.sort_mark(key) if isinstance(listing, Listing) else ""


@register.simple_tag
def rank_level() -> str:
    """The level the rank intervals are drawn at («95%»): the core's one rule."""
    from parindex.core.narrative import rank_interval_level

    return rank_interval_level()
