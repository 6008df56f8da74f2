"""«Quên mật khẩu»: a reset link by e-mail for every user, throttled, never telling whether an
address belongs to an account. The link is Django's token (one use, PASSWORD_RESET_TIMEOUT)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from parindex.web.accounts.models import User
from parindex.web.accounts.throttle import client_address
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry

log = logging.getLogger(__name__)

# the requests from one client address may reach this many times the per-account limit
ADDRESS_FACTOR = 5


class ResetMailForm(forms.Form):
    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Cần nhập e-mail", "invalid": "E-mail không hợp lệ"},
    )


def reset_link(request: HttpRequest, user: User) -> str:
    """The absolute link in the mail: on SITE_URL when set, else on the request's own host
    (already checked against ALLOWED_HOSTS)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    site = str(getattr(settings, "SITE_URL", "") or "")
    return site.rstrip("/") + path if site else request.build_absolute_uri(path)


def mail_allowed(user: User, address: str) -> bool:
    """At most PASSWORD_RESET_MAILS_PER_HOUR mails an hour for an account, and five times
    that from one client address: the form cannot flood a mailbox (counted from the audit
    trail, so every app server and every restart sees the same count)."""
    limit = int(settings.PASSWORD_RESET_MAILS_PER_HOUR)
    recent = AuditEntry.objects.filter(
        action=AuditAction.USER_PASSWORD_RESET_MAIL,
        at__gte=timezone.now() - timedelta(hours=1),
    )
    if recent.filter(field=user.username[:50]).count() >= limit:
        return False
    return not (address and recent.filter(new=address).count() >= limit * ADDRESS_FACTOR)


def send_reset_mails(request: HttpRequest, email: str) -> int:
    """A reset mail to every active account with this e-mail (usually one); the answer the
    person sees is the same whatever happens here. Returns the number of mails sent."""
    address = client_address(request)
    users = User.objects.filter(email__iexact=email, is_active=True)
    sent = 0
    for user in users:
        if not user.has_usable_password() or not user.email:
            continue
        if not mail_allowed(user, address):
            log.warning("quá số thư đặt lại mật khẩu cho «%s» (từ %s)", user.username, address)
            continue
        context = {
            "user": user,
            "link": reset_link(request, user),
            "hours": max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 3600),
        }
        subject = "".join(render_to_string("registration/password_reset_subject.txt").splitlines())
        body = render_to_string("registration/password_reset_email.txt", context)
        try:
            EmailMessage(subject, body, to=[user.email]).send()
        except OSError:  # smtplib's errors: logged; the page says the same as ever
            log.exception("không gửi được thư đặt lại mật khẩu cho «%s»", user.username)
            continue
        record(None, AuditAction.USER_PASSWORD_RESET_MAIL, field=user.username[:50], new=address)
        sent += 1
    return sent
