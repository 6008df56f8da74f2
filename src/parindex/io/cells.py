"""The one rule for texts in generated spreadsheets and for control characters in names.

Formula injection: a text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel and LibreOffice (OWASP "CSV injection"). In an XLSX
file such a text is written as a string cell with Excel's quote prefix (the text stays
exact, nothing is evaluated); in a CSV file it gets a leading apostrophe, which the
project's own CSV reader takes off again (``unescape_csv_text``). The rule goes by type: a
number (int, Decimal, float) is written as the number it is, a negative one too; a text
that starts with ``-`` is escaped even if it reads as a number (a unit named «-2»).

Control characters: names holding them are refused where they are typed or imported
(``core.characters``); what XLSX cannot hold is also stripped when written, as a last
defence (``xlsx_text``).

>>> csv_text("=1+1"), csv_text("-2"), csv_text("Tiên Châu"), csv_text(-2)
("'=1+1", "'-2", 'Tiên Châu', -2)
>>> unescape_csv_text("'=1+1"), unescape_csv_text("'bà")
('=1+1', "'bà")
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet program read a cell as a formula."""

_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl's ILLEGAL_CHARACTERS


def looks_like_formula(value: object) -> bool:
    """A text a spreadsheet would evaluate: it starts with a formula character."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value: Any) -> Any:
    """A CSV cell: a text that looks like a formula behind an apostrophe; anything else as is."""
    return "'" + value if looks_like_formula(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_text(v) for v in values]


class FormulaSafeWriter:
    """``csv.writer`` whose texts go through ``csv_text``: how every CSV the project
    generates is written (progress, rejected rows, survey points, SIPAS)."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)
        # csv quotes a field with a character of its line terminator only: a CR inside a
        # text would split the row when the terminator is "\n"
        self._quoted = csv.writer(handle, **{**options, "quoting": csv.QUOTE_NONNUMERIC})

    def writerow(self, values: Iterable[Any]) -> Any:
        row = csv_row(values)
        if any(isinstance(v, str) and "\r" in v for v in row):
            return self._quoted.writerow(["" if v is None else v for v in row])
        return self._writer.writerow(row)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(handle: Any, **options: Any) -> FormulaSafeWriter:
    return FormulaSafeWriter(handle, **options)


def unescape_csv_text(text: str) -> str:
    """A CSV cell as the project wrote it: the apostrophe before a formula character taken off."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


def xlsx_text(value: Any) -> Any:
    """A text as an XLSX cell can hold it: characters XML forbids are left out (a last
    defence; names are checked for them at input)."""
    if isinstance(value, str) and _ILLEGAL_IN_XLSX.search(value):
        return _ILLEGAL_IN_XLSX.sub("", value)
    return value


def column_letter(index: int) -> str:
    """A spreadsheet column's letters from its 1-based number, as Excel names it (what
    openpyxl's ``get_column_letter`` gives, without importing openpyxl on every command).

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    if index < 1:
        raise ValueError(f"column {index} is not a spreadsheet column")
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
