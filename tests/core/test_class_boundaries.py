"""The class rule at its boundaries, through ``score_run`` (what production calls).

A unit takes the first class (highest first) whose ``min`` its rounded index reaches,
compared exactly: with a band at 84,995 an index of 84,99 has not reached it and 85,00 has.
``Framework.class_for`` is the same rule, so a page or a test that asks the framework agrees
with the published class.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.scoring import ScoreTable, score_run
from parindex.core.units import Unit
from tests.conftest import make_framework

BANDS = [
    {"label": "Xuất sắc", "min": 90},
    {"label": "Tốt", "min": "84.995"},
    {"label": "Khá", "min": "70.5"},
    {"label": "Trung bình", "min": "50.001"},
    {"label": "Yếu", "min": 0},
]


def class_of(index: str, bands=BANDS) -> tuple[str, str]:
    """The class ``score_run`` publishes for a unit whose points out of 100 are ``index``."""
    framework = make_framework([{"code": "1", "name": "A", "max": 100}], classes=bands)
    table = ScoreTable.from_scores(framework, [Unit("A", "A")], {("A", "1"): Decimal(index)})
    published = score_run(table, period="2023").unit("A")
    return published.class_label, framework.class_for(published.index)


@pytest.mark.parametrize(
    ("index", "label"),
    [
        ("100", "Xuất sắc"),
        ("90", "Xuất sắc"),
        ("89.995", "Xuất sắc"),  # rounds to 90,00
        ("89.99", "Tốt"),
        ("85", "Tốt"),
        ("84.995", "Tốt"),  # rounds to 85,00
        ("84.994", "Khá"),  # rounds to 84,99: under a min of 84,995
        ("84.99", "Khá"),
        ("70.5", "Khá"),
        ("70.494", "Trung bình"),  # rounds to 70,49
        ("50.01", "Trung bình"),
        ("50", "Yếu"),  # a min of 50,001 is not reached by 50,00
        ("0", "Yếu"),
    ],
)
def test_a_unit_takes_the_first_class_whose_min_its_rounded_index_reaches(index, label):
    published, asked = class_of(index)
    assert published == label
    assert asked == label


@pytest.mark.parametrize("index", ["84.99", "85", "50", "50.01", "70.49", "70.5"])
def test_the_framework_and_the_scoring_agree_on_every_boundary(index):
    published, asked = class_of(index)
    assert published == asked
