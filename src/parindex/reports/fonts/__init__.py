"""Liberation Serif 2 (SIL Open Font License, LICENSE.txt), shipped with the package.

Times New Roman's metrics with every Vietnamese letter. Debian's fonts-liberation 1.07
lacks ạ, ở, ữ …, and fonts-liberation2 is not on every machine, so the PDFs and the
charts take these files and need nothing installed.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
FAMILY = "Liberation Serif"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


def liberation_serif(style: str = "Regular") -> Path:
    """The shipped file of one style, e.g. ``liberation_serif("Bold")``."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    return FOLDER / f"LiberationSerif-{style}.ttf"
