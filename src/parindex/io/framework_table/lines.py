"""Scoring lines: rows with no number under a sub-criterion ("Ban hành kịp thời: 1").

They become the sub-criterion's ``guide`` (joined with "; "). When every line gives its
points — "…: 1", "… 0,5 điểm", "… (1 điểm)", "1 điểm: …" or a number in the points cell —
and there are at least two levels, the points are also its ``scale``, in the order the
decision lists them, each once; the highest must be the max. A line whose points follow
"trừ" is a penalty, not a level of the scale.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from parindex.core.numbers import format_vn, parse_decimal
from parindex.io.framework_table.numbering import Entry

_NUM = r"([0-9]+(?:[.,][0-9]+)?)"
_TRAILING = (
    re.compile(rf"[:：]\s*{_NUM}\s*(?:điểm|đ)?\s*[.;,]?\s*$", re.IGNORECASE),
    re.compile(rf"\(\s*{_NUM}\s*(?:điểm|đ)\s*\)\s*[.;,]?\s*$", re.IGNORECASE),
    re.compile(rf"(?:^|[\s\-–]){_NUM}\s*điểm\s*[.;,]?\s*$", re.IGNORECASE),
)
_LEADING = re.compile(rf"^{_NUM}\s*(?:điểm|đ)\s*[:\-–]\s*(?=\S)", re.IGNORECASE)
_PENALTY = re.compile(r"(^|\s)trừ\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•*–—·]+\s*")

Report = Callable[[str, str, str], None]
"""problem(where, message, criterion)"""


def line_text(text: str) -> str:
    """A line without its bullet ("- ", "+ ")."""
    return _BULLET.sub("", text).strip()


def line_points(text: str) -> Decimal | None:
    """The points a line gives, or None (no points, or a penalty).

    >>> [line_points(t) for t in ("Ban hành kịp thời: 1", "Chậm 0,5 điểm", "Dưới 70% kế hoạch")]
    [Decimal('1'), Decimal('0.5'), None]
    >>> line_points("Không gửi: bị 0 điểm và bị trừ 0,25 điểm") is None
    True
    """
    text = line_text(text)
    leading = _LEADING.match(text)
    if leading is not None:
        return parse_decimal(leading.group(1))
    for pattern in _TRAILING:
        found = pattern.search(text)
        if found is not None:
            if _PENALTY.search(text[: found.start(1)]):
                return None
            return parse_decimal(found.group(1))
    return None


def _rows(first: int, last: int) -> str:
    return f"dòng {first}" if first == last else f"dòng {first}–{last}"


def settle(entry: Entry, problem: Report, max_cell: Callable[[int], str]) -> None:
    """Turn an entry's lines into its guide and, when they give every point, its scale."""
    if not entry.lines:
        return
    points: list[Decimal | None] = []
    for line in entry.lines:
        given = line.cell_points if line.cell_points is not None else line.points
        written, typed = line.points, line.cell_points
        if written is not None and typed is not None and written != typed:
            problem(
                max_cell(line.row),
                f"dòng thang điểm ghi {format_vn(written)} nhưng ô điểm là {format_vn(typed)}",
                entry.code,
            )
        if line.text:
            shown = line.text
            if line.cell_points is not None and line.points is None:
                shown = f"{line.text}: {format_vn(line.cell_points)}"
            entry.guide.append(shown)
        points.append(given)
    rows = _rows(entry.lines[0].row, entry.lines[-1].row)
    if entry.children:
        if any(p is not None for p in points):
            problem(
                f"dòng {entry.lines[0].row}",
                "dòng thang điểm (không có số thứ tự) nằm dưới một tiêu chí có tiêu chí con: "
                "thang điểm chỉ dành cho tiêu chí không có tiêu chí con "
                "(hay dòng này thiếu số thứ tự?)",
                entry.code,
            )
        return
    if any(p is None for p in points):
        return
    levels: list[Decimal] = []
    for value in points:
        if value is not None and value not in levels:
            levels.append(value)
    if len(levels) < 2:
        return
    top = max(levels)
    if entry.max is not None and top != entry.max:
        problem(
            max_cell(entry.row),
            f"thang điểm ở {rows} cao nhất là {format_vn(top)} "
            f"nhưng điểm tối đa là {format_vn(entry.max)}",
            entry.code,
        )
        return
    entry.scale = levels
