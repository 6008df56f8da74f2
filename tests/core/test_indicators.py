"""Indicators, targets and values: a measure, whether it reaches its target, its trend."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.indicators import (
    LOWER,
    VALUE,
    Indicator,
    Target,
    Value,
    attainment,
    measure,
    pooled,
    target_for,
    trend,
    value_problems,
)

RATE = Indicator("HS", "Hồ sơ công việc xử lý trên môi trường mạng", "%")
COUNT = Indicator("SO", "Số hồ sơ tiếp nhận", "hồ sơ", VALUE)


def d(text: str) -> Decimal:
    return Decimal(text)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        ("1661", "2000", "83.05"),
        ("1", "8", "12.50"),  # half-up: 12,5 exactly
        ("2", "3", "66.67"),
        ("1", "400", "0.25"),
        ("1", "800", "0.13"),  # 0,125 → 0,13 (half-up, never banker's)
        ("0", "5", "0.00"),  # a real zero
    ],
)
def test_a_ratio_is_its_percentage_rounded_half_up_to_2_decimals(numerator, denominator, expected):
    assert measure(RATE, Value("XA", "2026", d(numerator), d(denominator))) == d(expected)


def test_no_figure_is_no_measure_never_zero():
    assert measure(RATE, Value("XA", "2026")) is None
    assert measure(RATE, Value("XA", "2026", d("0"), d("0"))) is None  # no case in the period
    assert measure(COUNT, Value("XA", "2026")) is None
    assert attainment(Target("HS", "p", 2026, 2026, "", ">=", d("80")), None) is None


@pytest.mark.parametrize(
    ("comparator", "value", "expected"),
    [
        (">=", "80", "Đạt"),
        (">=", "79.99", "Không đạt"),
        (">", "80", "Không đạt"),  # «trên 80%»
        (">", "80.01", "Đạt"),
        ("<=", "5", "Đạt"),
        ("<", "5", "Không đạt"),
        ("=", "80", "Đạt"),
    ],
)
def test_attainment_compares_the_measure_with_the_target(comparator, value, expected):
    bound = d("5") if comparator.startswith("<") else d("80")
    target = Target("HS", "p", 2026, 2026, "", comparator, bound)
    assert attainment(target, d(value)) == expected


def test_the_target_of_a_units_kind_comes_before_its_levels_and_everyones():
    targets = [
        Target("HS", "2629", 2025, 2027, "", ">=", d("100")),
        Target("HS", "tỉnh", 2021, 2025, "cấp huyện", ">", d("80")),
        Target("HS", "tỉnh", 2021, 2025, "cấp xã", ">", d("60")),
        Target("HS", "tỉnh", 2021, 2025, "phường", ">", d("70")),
    ]
    assert target_for(targets, "HS", "xã", 2024).value == d("60")
    assert target_for(targets, "HS", "phường", 2024).value == d("70")
    assert target_for(targets, "HS", "huyện", 2024).value == d("80")
    assert target_for(targets, "HS", "xã", 2026).value == d("100")
    assert target_for(targets, "HS", "xã", 2020) is None
    assert target_for(targets, "OTHER", "xã", 2026) is None


def test_the_trend_says_the_signed_change_and_whether_it_is_better():
    steps = trend(RATE, [("2026", d("83.05")), ("2025", d("71.5")), ("6 tháng đầu năm 2026", None)])
    assert [s.period for s in steps] == ["2025", "6 tháng đầu năm 2026", "2026"]
    assert steps[0].words == "" and steps[1].words == ""
    assert steps[2].words == "+11,55 so với 2025 (tốt lên)"
    late = Indicator("QH", "Tỷ lệ hồ sơ quá hạn", "%", direction=LOWER)
    assert trend(late, [("2025", d("4")), ("2026", d("6.5"))])[1].words == (
        "+2,50 so với 2025 (kém đi)"
    )
    assert trend(late, [("2025", d("4")), ("2026", d("4"))])[1].words == (
        "0,00 so với 2025 (không đổi)"
    )


def test_the_province_pools_numerators_over_denominators():
    values = [Value("H", "2026", d("395"), d("400")), Value("X", "2026", d("1963"), d("2000"))]
    assert pooled(RATE, values) == d("98.25")
    assert pooled(RATE, [Value("H", "2026")]) is None
    counts = [Value("H", "2026", value=d("395")), Value("X", "2026", value=d("1963"))]
    assert pooled(COUNT, counts) == d("2358")
    assert RATE.shown(d("83.05")) == "83,05%" and COUNT.shown(d("2358")) == "2.358 hồ sơ"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (Value("X", "2026", d("5"), None), "cần cả tử số và mẫu số"),
        (Value("X", "2026", d("-1"), d("4")), "số âm"),
        (Value("X", "2026", d("5"), d("4")), "tử số (5) lớn hơn mẫu số (4)"),
        (Value("X", "2026", value=d("80")), "chỉ tiêu tỷ lệ cần tử số và mẫu số"),
    ],
)
def test_a_ratios_figures_must_make_a_ratio(value, problem):
    assert value_problems(RATE, value) == [problem]


def test_a_plain_value_takes_no_numerator():
    assert value_problems(COUNT, Value("X", "2026", d("1"), d("2"))) == [
        "chỉ tiêu này nhập một giá trị, không nhập tử số, mẫu số"
    ]
    assert value_problems(COUNT, Value("X", "2026", value=d("2358"))) == []
