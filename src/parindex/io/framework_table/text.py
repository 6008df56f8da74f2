"""Cells and text of a framework table: what a cell holds, and text folded for matching."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from parindex.core.numbers import plain_decimal, spreadsheet_decimal, to_decimal

Cell = str | Decimal | None


def cell(value: object) -> Cell:
    """A sheet's value as text (NFC; each line stripped, single spaces, no empty lines) or an
    exact number; None if empty.

    A formula's binary noise goes: Excel shows 15 significant digits (12.870000000000001 is
    12.87). Booleans and dates are text.
    """
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return spreadsheet_decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else str(value)
    lines = (
        " ".join(line.split()) for line in unicodedata.normalize("NFC", str(value)).splitlines()
    )
    text = "\n".join(line for line in lines if line)
    return text or None


def text_of(value: Cell, lines: bool = False) -> str:
    """A cell as text on one line (``lines``: its line breaks kept, for a guide or a note);
    a number as its plain digits (a code typed 1.1 is «1.1»)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    return value if lines else " ".join(value.split())


def number_of(value: Cell) -> Decimal | None:
    """A cell's number: 8,5 · 8.5 · «8,5 điểm»; None if it holds no number."""
    if isinstance(value, Decimal):
        return value
    if value is None:
        return None
    found = to_decimal(re.sub(r"\s*(điểm|đ)\.?$", "", value, flags=re.IGNORECASE))
    return found if found is not None and found.is_finite() else None


def fold_chars(text: str) -> str:
    """Lower case without diacritics (đ → d), one character for one: positions still match.

    >>> fold_chars("Tiêu chí 1: Đạt")
    'tieu chi 1: dat'
    """
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        out.append(low if len(low) == 1 else base)
    return "".join(out)


def fold(text: str) -> str:
    """How headers, sources and names compare: folded, single spaces, stripped."""
    return re.sub(r"\s+", " ", fold_chars(text)).strip()
