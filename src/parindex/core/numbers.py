"""Exact decimal points and Vietnamese number style.

Points are ``Decimal``; text uses a decimal comma and a thousands dot.

>>> format_vn(Decimal("83.05"))
'83,05'
>>> format_vn(Decimal("2358"))
'2.358'
>>> format_vn(Decimal("8.50"))
'8,5'
>>> parse_decimal("8,5")
Decimal('8.5')
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HUNDREDTH = Decimal("0.01")
HUNDRED = Decimal(100)

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def round2(value: Decimal) -> Decimal:
    """Round half-up to two decimals, as offices round the index.

    >>> round2(Decimal("83.045"))
    Decimal('83.05')
    """
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def parse_decimal(text: str) -> Decimal | None:
    """Read ``8,5`` or ``8.5`` (no thousands separators); None if not a number.

    >>> parse_decimal("abc") is None
    True
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        return None


def to_decimal(value: object) -> Decimal | None:
    """A number from YAML, JSON, a spreadsheet cell or text, exactly; None if not one.

    Binary floats are read through their shortest repr, which is what the
    file showed (``8.5`` stays 8.5, never 8.4999…).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_decimal(value)
    return None


def format_vn(value: Decimal, places: int | None = None, strip: bool = True) -> str:
    """Vietnamese style: ``83,05``, ``2.358``, ``8,5``.

    ``places`` rounds half-up first; ``strip`` drops trailing zeros of the fraction.

    >>> format_vn(Decimal("83.1"), places=2, strip=False)
    '83,10'
    >>> format_vn(Decimal("-2.74"))
    '-2,74'
    """
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    if strip:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    body = ".".join(groups)
    if fraction:
        body += "," + fraction
    if body in ("0", "0,00") or set(body) <= {"0", ","}:
        sign = ""
    return sign + body


def format_count(n: int, pad: bool = False) -> str:
    """A count in prose; ``pad`` writes 06 as official reports do for counts under 10.

    >>> format_count(6, pad=True)
    '06'
    >>> format_count(2358)
    '2.358'
    """
    if pad and 0 <= n < 10:
        return f"{n:02d}"
    return format_vn(Decimal(n))


def format_place(rank: int, of: int) -> str:
    """A place in a ranking as written in prose and tables: ``4/15``, ``3.307/3.321``.

    >>> format_place(3307, 3321)
    '3.307/3.321'
    """
    return f"{format_count(rank)}/{format_count(of)}"
