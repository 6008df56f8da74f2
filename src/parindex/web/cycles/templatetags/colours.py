"""Colours as CSS classes, so pages need no ``style=""`` attribute (the CSP allows none).

The class colours come from ``core.palette`` (a closed set); a heat-map cell's colour is a
gradient (``reports.svg_charts.heat_colour``), shown in eleven steps. Pages stored before this
hold the same colour strings, so they map the same way.

>>> colour_class("#2166AC")
'colour-2166ac'
>>> colour_class("#123456")
'colour-unknown'
>>> heat_class("rgb(209,36,47)"), heat_class("rgb(26,127,55)"), heat_class("#eaeef2")
('heat-0', 'heat-10', 'heat-none')
"""

from __future__ import annotations

import re

from django import template

from parindex.core import palette

register = template.Library()

KNOWN = frozenset(
    c.lower() for c in (*palette.BY_LABEL.values(), *palette.FALLBACK, palette.UNKNOWN)
)
RGB = re.compile(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)")


@register.filter
def colour_class(colour: object) -> str:
    """``colour-<hex>`` for a colour of the palette (``site.css`` defines each)."""
    hex_code = str(colour).strip().lower()
    return f"colour-{hex_code[1:]}" if hex_code in KNOWN else "colour-unknown"


@register.filter
def heat_class(colour: object) -> str:
    """``heat-0`` (red, under 60 %) to ``heat-10`` (green, 100 %); ``heat-none`` for no value."""
    match = RGB.fullmatch(str(colour).strip())
    if not match:
        return "heat-none"
    red = int(match.group(1))  # 209 at 0 % of the scale, 26 at 100 % (heat_colour)
    step = round((209 - red) / (209 - 26) * 10)
    return f"heat-{max(0, min(10, step))}"
