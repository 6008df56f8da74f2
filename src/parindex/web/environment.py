"""Reading the environment strictly: a value that is not understood stops the start.

``DEBUG=ture`` must not quietly mean "off" (or "on"): the settings refuse to load and name
the variable, its value and what it accepts.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def _invalid(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Biến môi trường {name}={value!r} không hợp lệ: cần {expected}.")


def env_bool(name: str, default: bool = False) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case); unset or empty: the default."""
    raw = os.environ.get(name, "")
    value = raw.strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise _invalid(name, raw, "1/0, true/false, yes/no hoặc on/off")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``; unset or empty: the default."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise _invalid(name, raw, f"một số nguyên ≥ {minimum}") from None
    if value < minimum:
        raise _invalid(name, raw, f"một số nguyên ≥ {minimum}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated values, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``; unset or empty: the default."""
    raw = os.environ.get(name, "")
    value = raw.strip()
    if not value:
        return default
    if value not in choices:
        raise _invalid(name, raw, " hoặc ".join(choices))
    return value
