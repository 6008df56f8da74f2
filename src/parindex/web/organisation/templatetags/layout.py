"""The shared layout's tags: ``{% site_menu %}`` (``parindex.web.menu`` for the page's user)
and ``{{ when|moment }}`` (17:00 ngày 15/12/2026, in Vietnam's time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django import template
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.web.menu import menu_for

register = template.Library()


@register.inclusion_tag("organisation/_menu.html", takes_context=True)
def site_menu(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None:
        return {"links": []}
    links = menu_for(request)
    if context.get("error_page"):  # the same page for every missing path: none marked current
        links = [replace(link, current=False) for link in links]
    return {"links": links}


@register.filter
def moment(value: object) -> str:
    if not isinstance(value, dt.datetime):
        return ""
    return format_moment(timezone.localtime(value) if timezone.is_aware(value) else value)
