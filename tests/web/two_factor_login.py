"""Signing a test client in with its second factor already given (as after «Xác thực hai bước»)."""

from __future__ import annotations

import time
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
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


def code_of(device: TOTPDevice) -> str:
    """The 6-digit code the authenticator app shows, the first one the device still takes: a
    code is taken once, so a second sign-in within the same 30 seconds uses the next step's
    (the device's tolerance of one step accepts it)."""
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now.time = time.time()
    step = max(now.t(), device.last_t + 1)
    at = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    at.time = device.t0 + step * device.step
    return f"{at.token():0{device.digits}d}"
