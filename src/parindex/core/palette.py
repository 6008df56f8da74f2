"""The colours of the classes, one palette for the web charts and the documents.

A class keeps its colour wherever it is drawn: the SVG charts of the published page, the
matplotlib charts of the DOCX/PDF and the PDF's vector field profile.

>>> class_colours(["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"])["Khá"]
'#2166ac'
>>> class_colours(["Giỏi", "Đạt"])  # labels outside the usual ones take the fallback order
{'Giỏi': '#1b7837', 'Đạt': '#5aae61'}
"""

from __future__ import annotations

from collections.abc import Iterable

BY_LABEL = {
    "Xuất sắc": "#1b7837",
    "Tốt": "#5aae61",
    "Khá": "#2166ac",
    "Trung bình": "#f1a340",
    "Yếu": "#d73027",
}
"""The classes of the decisions (highest first): green, light green, blue, amber, red."""

FALLBACK = ("#1b7837", "#5aae61", "#2166ac", "#f1a340", "#d73027", "#7f7f7f")
"""For other labels, by their place among the classes (highest first); grey beyond."""

UNKNOWN = "#7f7f7f"
FIELD_BAR = "#2166ac"
"""A field's bar in the field profile."""
WEAK_BAR = "#d73027"
"""A field under the framework's weak threshold."""
AVERAGE_LINE = "#b2182b"
"""The average of the units (line and marks)."""


def class_colour(label: str, position: int) -> str:
    """The colour of a class: its own if it is one of the usual classes, else by position."""
    return BY_LABEL.get(label) or FALLBACK[min(position, len(FALLBACK) - 1)]


def class_colours(labels: Iterable[str]) -> dict[str, str]:
    """Each class label (highest first) with its colour."""
    return {label: class_colour(label, i) for i, label in enumerate(labels)}
