"""Control characters in names: the one rule by which a typed or imported text is refused.

A name (a unit's, a person's, a criterion's, a cycle's) with U+0000–U+001F or
U+007F–U+009F prints as nothing, cannot be stored in an XLSX file and breaks the lines of
a CSV; it is refused where it is typed or imported, with its position. A multi-line text
(an explanation, a scoring guide) may hold line breaks and tabs.

>>> control_characters("A\\x07B\\n")
[(1, '\\x07'), (3, '\\n')]
>>> control_characters("dòng 1\\ndòng 2", multiline=True)
[]
>>> control_character_problem("A\\x07B")
'có ký tự điều khiển (U+0007) không được phép'
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def control_characters(text: str, *, multiline: bool = False) -> list[tuple[int, str]]:
    """Where ``text`` holds control characters: (position, character)."""
    allowed = "\n\r\t" if multiline else ""
    return [(m.start(), m.group()) for m in _CONTROL.finditer(text) if m.group() not in allowed]


def _code_point(ch: str) -> str:
    """``U+0007``: how Unicode names a character (a code, not a number for people)."""
    return "U+" + hex(ord(ch))[2:].upper().rjust(4, "0")


def control_character_problem(text: str, *, multiline: bool = False) -> str | None:
    """The Vietnamese reason a text is refused, or None when it has no control character."""
    found = control_characters(text, multiline=multiline)
    if not found:
        return None
    codes = ", ".join(dict.fromkeys(_code_point(ch) for _, ch in found))
    return f"có ký tự điều khiển ({codes}) không được phép"
