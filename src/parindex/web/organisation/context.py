"""Every page knows the organisation (header, footer) without a view asking for it."""

from __future__ import annotations

from django.http import HttpRequest

from parindex.web.organisation.models import Organisation


def organisation(request: HttpRequest) -> dict[str, Organisation]:
    return {"organisation": Organisation.current()}
