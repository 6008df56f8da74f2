"""Liberation Serif for the PDF documents: found, cut down to the letters documents use.

Liberation Serif has Times New Roman's metrics and the Vietnamese letters; it ships in
``reports/fonts`` so a fresh machine renders the text correctly. Every PDF parses and
subsets the fonts it embeds: doing that on the 800 glyphs of the Latin and Vietnamese
letters (not the full font's 2,600) is what keeps thousands of scorecards fast.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from parindex.reports import fonts

FAMILY = "LiberationSerif"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
FONT_DIRS = (
    fonts.FOLDER,  # shipped with the package: a fresh machine needs no font package
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
)
VIETNAMESE_PROBE = 0x1EA1  # ạ
LETTERS = [
    *range(0x20, 0x7F),  # ASCII
    *range(0xA0, 0x100),  # Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý and their capitals
    *(0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169),  # Ă ă Đ đ Ĩ ĩ Ũ ũ
    *(0x1A0, 0x1A1, 0x1AF, 0x1B0),  # Ơ ơ Ư ư
    *(0x300, 0x301, 0x303, 0x309, 0x323),  # the tone marks, for text in decomposed form
    *range(0x1EA0, 0x1EFA),  # ạ ả ấ … ỹ
    *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030, 0x2212),
    *(0x20AB, 0x2116),  # ₫ №
]
"""What documents are written in; the font is cut down to these letters once per process."""


class FontMissing(RuntimeError):
    """No Liberation Serif with the Vietnamese letters on this machine."""


@lru_cache(maxsize=1)
def source_fonts() -> dict[str, Path]:
    """Liberation Serif's styles, from the first folder whose Regular has 'ạ'.

    Debian's fonts-liberation 1.07 also installs a Liberation Serif, without the
    Vietnamese letters; only fonts-liberation2's is taken.
    """
    from fontTools.ttLib import TTFont

    for folder in FONT_DIRS:
        for regular in sorted(folder.rglob("LiberationSerif-Regular.ttf")):
            try:
                cmap = TTFont(regular, lazy=True).getBestCmap()
            except Exception:  # an unreadable file is just not a candidate
                continue
            files = {
                style: regular.with_name(f"LiberationSerif-{name}.ttf")
                for style, name in STYLES.items()
            }
            if VIETNAMESE_PROBE in cmap and all(p.exists() for p in files.values()):
                return files
    raise FontMissing(
        "Không tìm thấy phông Liberation Serif có chữ tiếng Việt để viết PDF: "
        "tệp phông đi kèm phần mềm (reports/fonts) bị thiếu hoặc hỏng; cài lại parindex."
    )


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """The fonts as embedded: Liberation Serif cut down to ``LETTERS``, without hinting.

    Written once per machine into the temporary folder, named by the source file's size
    and date.
    """
    import os
    import tempfile

    from fontTools import subset
    from fontTools.ttLib import TTFont

    folder = Path(tempfile.gettempdir()) / f"parindex-fonts-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    cut = {}
    for style, source in source_fonts().items():
        stat = source.stat()
        target = folder / f"{source.stem}-{stat.st_size}-{int(stat.st_mtime)}-vi.ttf"
        if not target.exists():
            font = TTFont(source)
            options = subset.Options()
            options.notdef_outline = True
            options.recommended_glyphs = True
            options.hinting = False
            options.layout_features = []
            options.name_IDs = ["*"]
            options.drop_tables += ["FFTM"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=LETTERS)
            subsetter.subset(font)
            staging = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(staging)
            staging.replace(target)
        cut[style] = target
    return cut


def font_letters() -> str:
    """The letters of the cut-down fonts every PDF is set in first."""
    return "".join(chr(code) for code in LETTERS)
