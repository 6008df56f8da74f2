"""``notify``: the one way the app tells people something (a notice and, by choice, an e-mail).

Mail goes through Django's mail (``EMAIL_BACKEND``: console in development, locmem in tests,
SMTP from the environment in production); a mail server down never undoes the change that
caused the notice — the notice stays in the app and the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from parindex.web.accounts.models import User
from parindex.web.cycles.models import Cycle
from parindex.web.notices.models import Notice, NoticeKind, NoticeSetting

log = logging.getLogger(__name__)


def notify(
    users: Iterable[User],
    kind: NoticeKind,
    title: str,
    text: str = "",
    *,
    url: str = "",
    cycle: Cycle | None = None,
) -> list[Notice]:
    """One notice per active user (each user once), and an e-mail to those with an address
    who have not turned e-mail off. ``url`` is the site path the notice links to."""
    people = {user.pk: user for user in users if user.pk and user.is_active}
    if not people:
        return []
    notices = Notice.objects.bulk_create(
        Notice(user=user, kind=kind, title=title[:300], text=text, url=url, cycle=cycle)
        for user in people.values()
    )
    muted = set(
        NoticeSetting.objects.filter(user__in=list(people), email=False).values_list(
            "user_id", flat=True
        )
    )
    link = settings.SITE_URL.rstrip("/") + url if url and settings.SITE_URL else url
    body = "\n\n".join(part for part in (text, link) if part)
    messages = [
        EmailMessage(f"[Chỉ số CCHC] {title}", body, to=[user.email])
        for user in people.values()
        if user.email and user.pk not in muted
    ]
    if messages:
        try:
            get_connection().send_messages(messages)
        except OSError:  # smtplib's errors are OSErrors: the notice stays, the failure is logged
            log.exception("không gửi được thư thông báo «%s»", title)
        else:
            sent = {m.to[0] for m in messages}
            Notice.objects.filter(pk__in=[n.pk for n in notices if n.user.email in sent]).update(
                emailed=True
            )
    return notices
