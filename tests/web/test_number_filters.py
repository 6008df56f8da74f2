"""Templates print numbers through the core's wording: points and counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.web.cycles.templatetags.parindex import dem, diem


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("2.5000"), "2,5"), (Decimal("12"), "12"), ("8,5", "8,5"), (None, ""), ("", "")],
)
def test_points_are_printed_in_vietnamese_style(value, expected):
    assert diem(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(1500, "1.500"), (6, "6"), (0, "0"), ("2358", "2.358"), ("x", "x")]
)
def test_counts_have_a_thousands_dot(value, expected):
    assert dem(value) == expected
