"""How a row's numbering places it in the tree, and the code it gets.

Kinds of numbering (from the STT/code cell, or the start of the name when that cell is
empty):

- ``roman`` — I, II, III: a field (lĩnh vực);
- ``worded`` — "Lĩnh vực 1", "Nội dung 1" (a field), "Tiêu chí 1", "Chỉ tiêu 1",
  "Tiêu chí thành phần 1": nested by the word, each under the last row of a higher word;
- ``dotted`` — 1.1, 1.1.1: under the row numbered by its prefix (1.1 under 1);
- ``number`` — 1, 2, "1.", "2)": under the last Roman or worded row, else a field;
- ``letter`` — a), b): under the last row that is not a letter.

An explicit level (the "Cấp" column, 1 = field) overrides all of this.

A node's code is its path: the parent's code, a dot, its own number ("I" → "I.1";
"Tiêu chí 1" → "1", its "Chỉ tiêu 1" → "1.1", that one's item "2." → "1.1.2"). A dotted
number that already extends its parent's number keeps its own digits ("1.1.1" under "1.1"),
so a table numbered 1, 1.1, 1.1.1 keeps its codes. Codes are unique whenever numbers are
unique among siblings, and their dots count the depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.io.framework_table.text import fold_chars

ROMAN = "roman"
WORDED = "worded"
DOTTED = "dotted"
NUMBER = "number"
LETTER = "letter"

_WORDS = (
    ("tieu chi thanh phan", 3),
    ("tctp", 3),
    ("linh vuc", 1),
    ("noi dung", 1),
    ("tieu chi", 2),
    ("chi tieu", 3),
)
_WORDED = re.compile(
    r"^(" + "|".join(word for word, _ in _WORDS) + r")\s+(?:so\s+)?"
    r"([0-9]+(?:\.[0-9]+)*|[ivxlc]+)(?=$|[\s.:)\-–,])[\s.:)\-–,]*"
)
_ROMAN = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_LOWER_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$")
_DOTTED = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$")
_TOKEN = re.compile(r"^[0-9A-Za-z]+$")
_BULLET = re.compile(r"^[-+•*–—·]+$")
_IN_NAME = re.compile(
    r"^(?:([0-9]+(?:\.[0-9]+)+)\.?|([0-9]+|[a-zđ]|[IVXLC]+)(?:[.):]|\s+[-–]))\s+(?=\S)"
)  # "1.1 …", "1.1. …"; "2. …", "a) …", "II. …", "II - …"
_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class Label:
    """A row's own number: its kind, its text ("I", "1.1", "a") and, for words, its rank."""

    kind: str
    text: str
    rank: int = 0


@dataclass
class Line:
    """A row with no number under a criterion: one line of its scoring rule."""

    row: int
    text: str
    points: Decimal | None
    cell_points: Decimal | None = None  # the points cell, when it held a number


@dataclass(eq=False)
class Entry:
    """A criterion row of the table, placed in the tree."""

    row: int
    label: Label | None  # None: placed by its level alone, numbered by its position
    code: str = ""
    name: str = ""
    max: Decimal | None = None
    bad_max: bool = False  # already reported: not "missing" too
    source: str | None = None  # as its «Nguồn» cell says ("" = from its children)
    mark_row: int | None = None  # the first of its rows with a mark in «Điều tra XHH»
    resolved: str = ""  # the source it is written with ("": inherited)
    guide: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    scale: list[Decimal] = field(default_factory=list)
    parent: Entry | None = None
    children: list[Entry] = field(default_factory=list)

    def walk(self) -> list[Entry]:
        return [self, *(node for child in self.children for node in child.walk())]


def _number(text: str) -> str:
    """Digits without leading zeros in each part: "01.02" → "1.2"."""
    return ".".join(
        (part.lstrip("0") or "0") if _DIGITS.match(part) else part for part in text.split(".")
    )


def classify(text: str) -> Label | None:
    """The numbering in a code cell; None for a bullet ("-", "+") or an unknown form.

    >>> [(label.kind, label.text) for label in map(classify, ["II.", "1.1.2", "b)", "Chỉ tiêu 3"])]
    [('roman', 'II'), ('dotted', '1.1.2'), ('letter', 'b'), ('worded', '3')]
    """
    worded = _worded(text)
    if worded is not None:
        return worded[0]
    plain = text.strip()
    if plain.startswith("(") and plain.endswith(")"):
        plain = plain[1:-1].strip()
    plain = plain.rstrip(".):").strip()
    if _ROMAN.match(plain):
        return Label(ROMAN, plain)
    if _DIGITS.match(plain):
        return Label(NUMBER, _number(plain))
    if re.fullmatch(r"[a-zđ]", plain) or _LOWER_ROMAN.match(plain):
        return Label(LETTER, plain)
    if _DOTTED.match(plain):
        return Label(DOTTED, _number(plain))
    if _TOKEN.match(plain):
        return Label(NUMBER, plain)
    return None


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text.strip()))


def _worded(text: str) -> tuple[Label, str] | None:
    found = _WORDED.match(fold_chars(text))
    if found is None:
        return None
    rank = dict(_WORDS)[found.group(1)]
    number = found.group(2)
    label = number.upper() if not number[0].isdigit() else _number(number)
    return Label(WORDED, label, rank), text[found.end() :].strip()


def label_in_name(name: str) -> tuple[Label, str] | None:
    """A numbering at the start of a name whose code cell is empty, and the name without it:
    "Tiêu chí 1: Công tác chỉ đạo" → (Tiêu chí 1, "Công tác chỉ đạo"); "I. CHỈ ĐẠO"; "2. …";
    "a) …"."""
    worded = _worded(name)
    if worded is not None:
        label, rest = worded
        return label, rest or name
    found = _IN_NAME.match(name)
    if found is None:
        return None
    item = classify(found.group(1) or found.group(2))
    if item is None:
        return None
    return item, name[found.end() :].strip()


class Nester:
    """Places entries in order: the open path (a stack) and every entry seen."""

    def __init__(self) -> None:
        self.stack: list[Entry] = []
        self.entries: list[Entry] = []
        self.roots: list[Entry] = []

    def parent_for(self, label: Label | None, level: int | None) -> tuple[Entry | None, str]:
        """The entry a new row goes under, or a problem (the message) when there is none."""
        stack = self.stack
        if level is not None:
            del stack[level - 1 :]
            if len(stack) < level - 1:
                return None, f"cấp {level} nhưng phía trên chưa có tiêu chí cấp {len(stack) + 1}"
            return (stack[-1] if stack else None), ""
        if label is None:  # pragma: no cover - a row is placed by its level or its label
            return None, "dòng không có số thứ tự"
        if label.kind == DOTTED:
            prefix = label.text.rsplit(".", 1)[0]
            for depth in range(len(stack) - 1, -1, -1):
                open_label = stack[depth].label
                if open_label is not None and open_label.text == prefix:
                    del stack[depth + 1 :]
                    return stack[depth], ""
            for entry in reversed(self.entries):
                if entry.label is not None and entry.label.text == prefix:
                    stack[:] = _path(entry)
                    return entry, ""
            return None, f"không có tiêu chí cha {prefix} trong bảng"
        if label.kind == ROMAN or (label.kind == WORDED and label.rank == 1):
            stack.clear()
            return None, ""
        if label.kind == WORDED:
            while stack and not _heads(stack[-1], label.rank):
                stack.pop()
        elif label.kind == NUMBER:
            while stack and not _heads(stack[-1], 99):
                stack.pop()
        else:  # LETTER
            while stack and stack[-1].label is not None and stack[-1].label.kind == LETTER:
                stack.pop()
            if not stack:
                return None, f"mục «{label.text}» không nằm dưới tiêu chí nào"
        return (stack[-1] if stack else None), ""

    def attach(self, entry: Entry, parent: Entry | None) -> None:
        entry.parent = parent
        siblings = parent.children if parent is not None else self.roots
        siblings.append(entry)
        self.entries.append(entry)
        self.stack.append(entry)

    def code_for(self, label: Label | None, parent: Entry | None) -> str:
        siblings = parent.children if parent is not None else self.roots
        own = label.text if label is not None else str(len(siblings) + 1)
        if parent is None:
            return own
        if parent.label is not None and own.startswith(parent.label.text + "."):
            return parent.code + own[len(parent.label.text) :]
        return f"{parent.code}.{own}"


def _heads(entry: Entry, rank: int) -> bool:
    """Whether a row of this word rank (99: a plain number) goes under ``entry``."""
    label = entry.label
    if label is None:
        return False
    if label.kind == ROMAN:
        return True
    return label.kind == WORDED and label.rank < rank


def _path(entry: Entry) -> list[Entry]:
    path: list[Entry] = []
    node: Entry | None = entry
    while node is not None:
        path.insert(0, node)
        node = node.parent
    return path
