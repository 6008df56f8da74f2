"""Every number's wording, as tables: the one place the Vietnamese style is written."""

from decimal import Decimal
from fractions import Fraction

import pytest

from parindex.core.numbers import (
    XLSX_POINTS,
    format_count,
    format_file_size,
    format_index,
    format_percent,
    format_place,
    format_points,
    format_seconds,
    format_signed,
    format_signed_count,
    format_vn,
    plain_decimal,
    round_half_up,
    xlsx_points_format,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("83.045", 2, "83.05"),  # half-up, not banker's (83.04)
        ("83.055", 2, "83.06"),
        ("0.125", 2, "0.13"),
        ("-2.745", 2, "-2.75"),
        ("84.5", 0, "85"),
        ("85.5", 0, "86"),
    ],
)
def test_rounding_is_half_up(value, places, expected):
    assert round_half_up(D(value), places) == D(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("83.05", "83,05"),
        ("2358", "2.358"),
        ("1234567.5", "1.234.567,5"),
        ("8.50", "8,5"),
        ("-2.74", "-2,74"),
        ("-0.00", "0"),
        ("0", "0"),
    ],
)
def test_numbers_have_a_decimal_comma_and_a_thousands_dot(value, expected):
    assert format_vn(D(value)) == expected


@pytest.mark.parametrize(
    ("n", "pad", "expected"),
    [(6, True, "06"), (0, True, "00"), (10, True, "10"), (6, False, "6"), (1500, True, "1.500")],
)
def test_counts_under_ten_have_two_digits_when_padded(n, pad, expected):
    assert format_count(n, pad=pad) == expected


@pytest.mark.parametrize(
    ("value", "points", "index"),
    [("12.875", "12,88", "12,88"), ("10", "10", "10,00"), ("8.5", "8,5", "8,50")],
)
def test_points_drop_trailing_zeros_and_an_index_keeps_two_decimals(value, points, index):
    assert format_points(D(value)) == points
    assert format_index(D(value)) == index


@pytest.mark.parametrize(
    ("value", "expected"),
    [("90.909", "90,91%"), ("95", "95%"), ("100.00", "100%"), ("0.5", "0,5%")],
)
def test_percentages(value, expected):
    assert format_percent(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.48", "+1,48"),
        ("-2.74", "−2,74"),
        ("0", "0,00"),
        ("-0.004", "0,00"),
        ("1234.5", "+1.234,50"),
    ],
)
def test_signed_changes(value, expected):
    assert format_signed(D(value)) == expected


@pytest.mark.parametrize(("n", "expected"), [(2, "+2"), (-2644, "−2.644"), (0, "0")])
def test_signed_counts(n, expected):
    assert format_signed_count(n) == expected


def test_a_place_has_thousands_dots_on_both_sides():
    assert format_place(3307, 3321) == "3.307/3.321"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (10, "1 KB"),
        (87_040, "85 KB"),
        (1_023_999, "1.000 KB"),
        (1_258_291, "1,2 MB"),
        (20 * 1024 * 1024, "20 MB"),
    ],
)
def test_file_sizes(size, expected):
    assert format_file_size(size) == expected


def test_seconds():
    assert format_seconds(1.2345) == "1,23 s"


@pytest.mark.parametrize(
    ("value", "expected"), [("8.50", "8.5"), ("1E+1", "10"), ("100", "100"), ("0.0125", "0.0125")]
)
def test_machine_text_has_a_point_and_no_exponent(value, expected):
    assert plain_decimal(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D(12), 0), (D("8.50"), 1), (D("12.25"), 2), (D("0.0125"), 2), (None, 2)],
)
def test_a_sheet_shows_the_digits_a_score_has(value, expected):
    assert xlsx_points_format(value) == XLSX_POINTS[expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Fraction(1, 8), "0.13"), (Fraction(83045, 1000), "83.05"), (Fraction(-1, 8), "-0.13")],
)
def test_fractions_round_half_up_like_decimals(value, expected):
    assert round_half_up(value) == D(expected)
