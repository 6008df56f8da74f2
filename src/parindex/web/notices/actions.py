"""Marking notices read and the e-mail choice: the only code that writes them (besides
``send.notify``, which makes them). A user's own reading is not an audited event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from parindex.web.accounts.models import User
from parindex.web.notices.models import Notice, NoticeSetting


def do_mark_read(notice: Notice) -> Notice:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at=None).update(read_at=notice.read_at)
    return notice


def do_mark_all_read(user: User) -> int:
    """Every unread notice of the user read now; how many were unread."""
    return Notice.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


def do_set_email_notices(user: User, email: bool) -> NoticeSetting:
    with transaction.atomic():
        setting, _ = NoticeSetting.objects.select_for_update().get_or_create(
            user=user, defaults={"email": email}
        )
        if setting.email != email:
            setting.email = email
            setting.save(update_fields=["email"])
    return setting
