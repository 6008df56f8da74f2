"""Exact decimal points and Vietnamese number style: the one place a number is worded.

Points are ``Decimal``; text uses a decimal comma and a thousands dot; counts under 10 in
prose have two digits (06 lĩnh vực); changes carry a sign (+1,48, −2,74); rounding is
half-up. ``tests/test_number_wording.py`` fails if another module formats a number by hand.

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

import contextlib
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

HUNDREDTH = Decimal("0.01")

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def round_half_up(value: Decimal | Fraction, places: int = 2) -> Decimal:
    """The one rounding of the index: half-up (ties away from zero), never banker's.

    A ``Fraction`` (the survey's exact means) is rounded exactly the same way.

    >>> round_half_up(Decimal("0.125")), round_half_up(Decimal("84.5"), places=0)
    (Decimal('0.13'), Decimal('85'))
    >>> round_half_up(Fraction(1, 8)), round_half_up(Fraction(-1, 8))
    (Decimal('0.13'), Decimal('-0.13'))
    """
    if isinstance(value, Fraction):  # floor(|p/q|·10^places + 1/2), in integers
        p, q = value.numerator, value.denominator
        units = (2 * abs(p) * 10**places + q) // (2 * q)
        return Decimal(units if p >= 0 else -units).scaleb(-places)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round2(value: Decimal) -> Decimal:
    """Round half-up to two decimals, as offices round the index (``round_half_up``).

    >>> round2(Decimal("83.045"))
    Decimal('83.05')
    """
    return round_half_up(value, 2)


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
    memo = places is not None or strip  # then equal values print alike (8,50 and 8,5 too)
    if memo:
        try:
            return _FORMATTED[(value, places, strip)]
        except (KeyError, TypeError):  # TypeError: a signalling NaN cannot be a key
            pass
    text = _format_vn(value, places, strip)
    if memo and len(_FORMATTED) < 200_000:
        with contextlib.suppress(TypeError):
            _FORMATTED[(value, places, strip)] = text
    return text


_FORMATTED: dict[tuple[Decimal, int | None, bool], str] = {}
"""``format_vn`` memoised: a national report prints 400.000 numbers of a few thousand values."""


def _format_vn(value: Decimal, places: int | None, strip: bool) -> str:
    if places is not None:
        value = round_half_up(value, places)
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
        return "0" + str(n)
    return format_vn(Decimal(n)) if n >= 1000 or n <= -1000 else str(n)


def format_place(rank: int, of: int) -> str:
    """A place in a ranking as written in prose and tables: ``4/15``, ``3.307/3.321``.

    >>> format_place(3307, 3321)
    '3.307/3.321'
    """
    return f"{format_count(rank)}/{format_count(of)}"


MINUS = "\u2212"
"""The minus sign of a signed change (−2,74), as typeset reports print it."""


def format_points(value: Decimal) -> str:
    """Points as the reports print them, trailing zeros dropped: 12,87; 10; 8,5.

    >>> format_points(Decimal("12.875")), format_points(Decimal("10.00")), format_points(Decimal("8.5"))
    ('12,88', '10', '8,5')
    """
    return format_vn(value, places=2)


def format_index(value: Decimal) -> str:
    """An index with its two decimals kept: 83,05; 90,00; 1.234,50.

    >>> format_index(Decimal("90")), format_index(Decimal("83.045"))
    ('90,00', '83,05')
    """
    return format_vn(value, places=2, strip=False)


def format_percent(value: Decimal, places: int = 2, strip: bool = True) -> str:
    """A percentage, trailing zeros dropped: 90,91%; 95%.

    >>> format_percent(Decimal("90.909")), format_percent(Decimal("95.00"))
    ('90,91%', '95%')
    >>> format_percent(Decimal("95.4"), places=0)
    '95%'
    """
    return format_vn(value, places=places, strip=strip) + "%"


def format_signed(value: Decimal, places: int = 2) -> str:
    """A change with its sign, decimals kept: +1,48; −2,74; 0,00.

    >>> format_signed(Decimal("1.48")), format_signed(Decimal("-2.74")), format_signed(Decimal(0))
    ('+1,48', '−2,74', '0,00')
    >>> format_signed(Decimal("-0.001"))  # rounds to zero: no sign
    '0,00'
    """
    rounded = round_half_up(value, places)
    body = format_vn(abs(rounded), places=places, strip=False)
    if rounded > 0:
        return "+" + body
    if rounded < 0:
        return MINUS + body
    return body


def format_signed_count(n: int) -> str:
    """A change of places or a count with its sign: +2; −2.644; 0.

    >>> format_signed_count(2), format_signed_count(-2644), format_signed_count(0)
    ('+2', '−2.644', '0')
    """
    if n > 0:
        return "+" + format_count(n)
    if n < 0:
        return MINUS + format_count(-n)
    return "0"


_KB = 1024
_MB = 1024 * 1024


def format_file_size(size: int) -> str:
    """A file size the Vietnamese way: 1,2 MB; 85 KB (never 0 KB for a file with bytes).

    >>> format_file_size(1_258_291), format_file_size(87_040), format_file_size(10)
    ('1,2 MB', '85 KB', '1 KB')
    >>> format_file_size(20 * 1024 * 1024)
    '20 MB'
    """
    if size >= _MB:
        return f"{format_vn(Decimal(size) / _MB, places=1)} MB"
    kilobytes = round_half_up(Decimal(size) / _KB, places=0)
    return f"{format_count(max(1, int(kilobytes)))} KB"


def format_seconds(seconds: float) -> str:
    """An elapsed time for people: 1,23 s.

    >>> format_seconds(1.2345), format_seconds(75.0)
    ('1,23 s', '75 s')
    """
    return f"{format_vn(Decimal(repr(seconds)), places=2)} s"


def plain_decimal(value: Decimal, places: int | None = None, strip: bool = True) -> str:
    """Machine text of a number (a point, no exponent, no thousands): for formulas and files.

    Not wording: what a spreadsheet formula, a CSV cell or a YAML file reads back.
    ``places`` rounds half-up and keeps that many decimals; without it trailing zeros go,
    unless ``strip`` is False: then the digits are written as the ``Decimal`` holds them.

    >>> plain_decimal(Decimal("8.50")), plain_decimal(Decimal("1E+1")), plain_decimal(Decimal("-0.0125"))
    ('8.5', '10', '-0.0125')
    >>> plain_decimal(Decimal("83.045"), places=2), plain_decimal(Decimal("-0.001"), places=2)
    ('83.05', '0.00')
    >>> plain_decimal(Decimal("8.50"), strip=False), plain_decimal(Decimal("1E+1"), strip=False)
    ('8.50', '10')
    """
    if not strip and places is None:
        return f"{value:f}"
    if places is not None:
        rounded = round_half_up(value, places)
        return f"{abs(rounded) if rounded == 0 else rounded:f}"
    if value == 0:
        return "0"
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def round_statistic(value: float, places: int = 2) -> Decimal:
    """A binary statistic (a bootstrap bound from numpy) rounded half-up like a score.

    The float's noise past nine decimals goes first, so a percentile that is 82.125 in
    decimals but 82.12499999999999 in binary still rounds up; nine decimals keep every real
    digit of a statistic of scores.

    >>> round_statistic(82.12499999999999), round_statistic(0.1 + 0.2)
    (Decimal('82.13'), Decimal('0.30'))
    """
    n, d = round(value, 9).as_integer_ratio()
    top = 2 * abs(n) * 10**places + d  # half-up: floor(top / 2d)
    rest = top % (2 * d)
    # the nine-decimal fraction nearest the float lies within 0.5e-9 of it: farther than
    # that from a rounding boundary, it rounds as the float does (no continued fraction)
    if min(rest, 2 * d - rest) * 10**9 > d * 10**places:
        units = top // (2 * d)
        return Decimal(units if n >= 0 else -units).scaleb(-places)
    numerator, denominator = _limit_denominator(n, d, 10**9)
    units = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return Decimal(units if numerator >= 0 else -units).scaleb(-places)


def _limit_denominator(n: int, d: int, largest: int) -> tuple[int, int]:
    """``Fraction(n, d).limit_denominator(largest)`` as a numerator and a denominator, in plain
    integers (the same continued fraction and the same tie rule as the standard library, for
    the many bounds of a national survey: ``round_statistic``)."""
    if d <= largest:
        return n, d
    p0, q0, p1, q1 = 0, 1, 1, 0
    top, bottom = n, d
    while True:
        a = top // bottom
        q2 = q0 + a * q1
        if q2 > largest:
            break
        p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
        top, bottom = bottom, top - a * bottom
    k = (largest - q0) // q1
    p, q = p0 + k * p1, q0 + k * q1
    # p1/q1 when it is at least as close to n/d as p/q (the standard library's choice)
    if abs(p1 * d - n * q1) * q <= abs(p * d - n * q) * q1:
        return p1, q1
    return p, q


def code_digits(number: int, width: int = 3) -> str:
    """The digits of an identifier, zero-padded to ``width``: X001, X001-007.

    Not a count (no thousands dot, any width): what a code is made of.

    >>> code_digits(7), code_digits(1234), code_digits(5, width=2)
    ('007', '1234', '05')
    """
    return f"{number:0{width}d}"


def spreadsheet_decimal(value: float) -> Decimal:
    """A spreadsheet's binary number as the sheet shows it: Excel keeps 15 significant digits,
    so a formula's 12.870000000000001 is 12.87.

    >>> spreadsheet_decimal(12.870000000000001), spreadsheet_decimal(0.1 + 0.2)
    (Decimal('12.87'), Decimal('0.3'))
    """
    return Decimal(format(value, ".15g"))


# --- spreadsheets -------------------------------------------------------------------------
#
# XLSX cells keep the number and carry a format; Excel and LibreOffice print it with the
# locale's separators. ``[$-42A]`` is Vietnamese, so the same ``#,##0.00`` shows 1.234,56.

XLSX_LOCALE = "[$-42A]"
XLSX_INDEX = f"{XLSX_LOCALE}#,##0.00"
"""An index or a percentage in a sheet: 83,05."""
XLSX_POINTS = (f"{XLSX_LOCALE}#,##0", f"{XLSX_LOCALE}#,##0.0", f"{XLSX_LOCALE}#,##0.00")
"""Points with 0, 1 or 2 decimals (12; 8,5; 12,25): pick with ``xlsx_points_format``."""
XLSX_DELTA = f"{XLSX_LOCALE}+#,##0.00;-#,##0.00;0.00"
"""A signed change: +1,48; -2,74; 0,00."""
XLSX_RANK_CHANGE = "+0;-0;0"
XLSX_INTEGER = "0"


def xlsx_points_format(value: object) -> str:
    """The XLSX format that shows the digits a score has, up to two: 12; 8,5; 12,25.

    >>> xlsx_points_format(Decimal("8.50")) == XLSX_POINTS[1]
    True
    >>> xlsx_points_format(12) == XLSX_POINTS[0], xlsx_points_format("x") == XLSX_POINTS[2]
    (True, True)
    """
    exact = to_decimal(value)
    if exact is None or not exact.is_finite():
        return XLSX_POINTS[2]
    exponent = exact.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return XLSX_POINTS[min(places, 2)]
