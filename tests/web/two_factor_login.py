"""Signing a test client in with its second factor already given (as after «Xác thực hai bước»)."""

from __future__ import annotations

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_login(client: Any, user: Any) -> TOTPDevice:
    """``client`` signed in as ``user`` with a confirmed authenticator app, verified."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session["two_factor_on"] = True
    session.save()
    return device


def code_of(device: TOTPDevice, *, later: int = 0) -> str:
    """The 6-digit code the authenticator app shows now, or ``later`` steps of 30 s on (a code
    is taken once: the next sign-in within the same 30 s uses the next step's, which the
    device's tolerance of one step accepts)."""
    device.refresh_from_db()
    t0 = device.t0 - later * device.step
    return f"{totp(device.bin_key, step=device.step, t0=t0, digits=device.digits):06d}"
