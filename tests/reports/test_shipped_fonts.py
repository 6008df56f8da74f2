"""A fresh machine makes Vietnamese PDFs and charts with no font package installed."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from parindex.reports import charts, fonts, pdf_report

VIETNAMESE = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưĐƠƯ"


def test_liberation_serif_ships_with_the_package_with_every_vietnamese_letter():
    for style in fonts.STYLES:
        cmap = TTFont(fonts.liberation_serif(style), lazy=True).getBestCmap()
        missing = [ch for ch in VIETNAMESE if ord(ch) not in cmap]
        assert missing == [], (style, missing)
    assert (fonts.FOLDER / "LICENSE.txt").read_text().count("SIL OPEN FONT LICENSE") == 1


def test_pdf_takes_the_shipped_font_whatever_the_system_has():
    pdf_report._source_fonts.cache_clear()
    files = pdf_report._source_fonts()
    assert {p.parent for p in files.values()} == {fonts.FOLDER}


def test_charts_find_liberation_serif_with_the_vietnamese_letters():
    from matplotlib import font_manager

    family = charts._font_family()
    assert family[0] == "Liberation Serif"
    path = font_manager.findfont(font_manager.FontProperties(family="Liberation Serif"))
    assert ord("ạ") in TTFont(path, lazy=True).getBestCmap()
