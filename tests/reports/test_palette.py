"""One class palette: the web's SVG charts and the documents' charts colour a class alike."""

from __future__ import annotations

import re

import pytest

from parindex.core import palette
from parindex.io.results_json import FORMAT, published
from parindex.reports import charts, svg_charts

CLASSES = ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


def run(classes=CLASSES):
    indices = {"Xuất sắc": 93, "Tốt": 87, "Khá": 75, "Trung bình": 60, "Yếu": 40}
    units = [
        {
            "unit": f"X{i}",
            "display_name": f"xã {label}",
            "index": indices.get(label, 50),
            "rank": i + 1,
            "of": len(classes),
            "class": label,
            "fields": [
                {"code": "1", "name": "A", "score": 8, "max": 10, "percent": 80, "weak": True}
            ],
        }
        for i, label in enumerate(classes)
    ]
    return published(
        {
            "format": FORMAT,
            "framework": {
                "classes": [{"label": label, "min": 0} for label in classes],
                "fields": [{"code": "1", "name": "A", "max": 10}],
            },
            "average": 71,
            "classes": {u["class"]: [u["unit"]] for u in units},
            "units": units,
        }
    )


@pytest.mark.parametrize("classes", [CLASSES, ["Đạt", "Chưa đạt"]])
def test_the_web_and_the_documents_give_each_class_the_same_colour(classes):
    results = run(classes)
    assert svg_charts.class_colours(results) == charts.class_colours(results)
    svg = svg_charts.ranking_svg(results)
    for unit in results.units:
        colour = charts.class_colours(results)[unit.class_label]
        bar = re.search(rf'fill="([^"]+)"><title>{unit.rank}\. {unit.display_name}:', svg)
        assert bar is not None and bar.group(1) == colour
    legend = {item.label: item.colour for item in svg_charts.legend_items(results)}
    assert legend == charts.class_colours(results)


def test_kha_is_blue_everywhere():
    results = run()
    assert charts.class_colours(results)["Khá"] == palette.BY_LABEL["Khá"] == "#2166ac"
    assert svg_charts.class_colours(results)["Khá"] == "#2166ac"


def test_the_field_profile_bars_have_the_documents_colours():
    svg = svg_charts.field_profile_svg(run(), "X0")
    assert f'fill="{palette.WEAK_BAR}"' in svg  # the weak field, as in the PDF and the DOCX
    assert f'stroke="{palette.AVERAGE_LINE}"' in svg
