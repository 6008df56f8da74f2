"""The bell's unread count on every page of a signed-in user."""

from __future__ import annotations

from django.http import HttpRequest

from parindex.web.notices.models import Notice


def unread_notices(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Notice.objects.filter(user=user, read_at=None).count()}
