"""Rules of a leaf and of a framework, exact: ratio, steps, "không phát sinh", bonus and
penalty with their caps, the index cap, and criteria that apply to some unit kinds only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.problems import InputError
from parindex.core.rules import parse_measure
from parindex.core.scoring import ScoreTable, score_run
from parindex.core.units import Unit
from tests.conftest import make_framework

D = Decimal

RATIO = make_framework(
    [
        {
            "code": "3",
            "name": "Thủ tục hành chính",
            "children": [
                {"code": "3.1", "name": "Công khai TTHC", "max": 8},
                {
                    "code": "3.2",
                    "name": "Tỷ lệ hồ sơ giải quyết đúng hạn",
                    "max": 2,
                    "rule": {"ratio": {"full_at": 100}},
                },
            ],
        }
    ]
)

STEPS_RULE = {
    "steps": [
        {"above": 90, "points": 2},
        {"min": 70, "points": 1},
        {"min": 0, "points": 0},
    ]
}


def reference_ratio(maximum: Decimal, value: Fraction, full_at: Decimal, places: int) -> Decimal:
    """The rule computed another way: Decimal arithmetic with 60 digits, then half-up."""
    with localcontext() as ctx:
        ctx.prec = 60
        share = min(D(1), D(value.numerator) / D(value.denominator) / full_at)
        return (maximum * share).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


@settings(max_examples=300, deadline=None)
@given(
    done=st.integers(min_value=0, max_value=5000),
    extra=st.integers(min_value=0, max_value=5000),
    places=st.integers(min_value=0, max_value=4),
)
def test_a_ratio_gives_max_times_the_share_rounded_half_up(done, extra, places):
    total = done + extra
    if total == 0:
        return
    leaf = RATIO.node("3.2")
    measure = parse_measure(f"{done}/{total}")
    points = leaf.points_for(measure, places)
    assert points == reference_ratio(leaf.max, Fraction(done * 100, total), D(100), places)
    assert D(0) <= points <= leaf.max


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=150, places=2),
    st.decimals(min_value=0, max_value=150, places=2),
)
def test_more_done_never_gives_fewer_points(a, b):
    leaf = RATIO.node("3.2")
    low, high = sorted((a, b))
    assert leaf.points_for(parse_measure(str(low)), 2) <= leaf.points_for(
        parse_measure(str(high)), 2
    )


def test_over_full_at_is_capped_and_the_pair_is_not_rounded_first():
    leaf = RATIO.node("3.2")
    assert leaf.points_for(parse_measure("120"), 2) == D(2)
    # 35/36 = 97,2222…% → 1,9444… → 1,94 (rounding the percent first to 97,2 would give 1,94 too,
    # 2/3 = 66,666…% → 1,3333… → 1,33 while "66,67%" × 2 would give 1,3334 → 1,33)
    assert leaf.points_for(parse_measure("35/36"), 2) == D("1.94")
    assert leaf.points_for(parse_measure("1/8"), 2) == D("0.25")
    assert leaf.points_for(parse_measure("1/16"), 2) == D("0.13")  # 0,125 half-up


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=3))
def test_steps_give_the_first_line_reached(value):
    fw = make_framework(
        [{"code": "1", "name": "Kế hoạch", "children": [
            {"code": "1.1.4", "name": "Mức độ thực hiện kế hoạch CCHC", "max": 2, "rule": STEPS_RULE}]}]
    )  # fmt: skip
    points = fw.node("1.1.4").points_for(parse_measure(str(value)), 2)
    expected = D(2) if value > 90 else D(1) if value >= 70 else D(0)
    assert points == expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"steps": [{"min": 70, "points": 1}, {"min": 90, "points": 2}]}, "từ cao xuống thấp"),
        ({"steps": [{"min": 90, "points": 3}]}, "phải từ 0 đến 2"),
        ({"steps": [{"min": 90, "points": 1}, {"min": 70, "points": 2}]}, "điểm giảm dần"),
        ({"ratio": {"full_at": 0}}, "số dương"),
        ({"formula": "x"}, "không được hỗ trợ"),
    ],
)
def test_a_wrong_rule_is_a_located_framework_error(rule, message):
    with pytest.raises(InputError) as exc:
        make_framework([{"code": "1", "name": "A", "children": [
            {"code": "1.1", "name": "B", "max": 2, "rule": rule}]}])  # fmt: skip
    assert any(p.where == "1.1" and message in p.message for p in exc.value.problems)


def test_a_rule_leaf_with_a_scale_is_refused():
    with pytest.raises(InputError, match="không khai báo «scale»"):
        make_framework([{"code": "1", "name": "A", "children": [
            {"code": "1.1", "name": "B", "max": 2, "scale": [2, 0],
             "rule": {"ratio": {"full_at": 100}}}]}])  # fmt: skip


# "Không phát sinh" gives the max; KĐG takes the leaf out of the maximum: not the same index.
NO_CASE = make_framework(
    [
        {"code": "1", "name": "Chỉ đạo", "max": 90},
        {
            "code": "2",
            "name": "Giải quyết phản ánh, kiến nghị",
            "children": [
                {"code": "2.1", "name": "Tiếp nhận", "max": 7},
                {"code": "2.2", "name": "Xử lý đúng hạn", "max": 3, "none_means_full": True},
            ],
        },
    ]
)


def test_no_case_gives_the_max_and_is_not_the_same_as_not_applicable():
    units = [Unit("A", "A")]
    base = {("A", "1"): D("89.6"), ("A", "2.1"): D(7)}
    no_case = ScoreTable.from_scores(
        NO_CASE, units, {**base, ("A", "2.2"): NO_CASE.node("2.2").max}
    )
    not_applicable = ScoreTable.from_scores(NO_CASE, units, {**base, ("A", "2.2"): None})
    assert score_run(no_case, "2025").units[0].index == D("99.60")
    assert score_run(not_applicable, "2025").units[0].index == D("99.59")  # 96,6 ÷ 97


BONUS = make_framework(
    [{"code": "1", "name": "Chỉ đạo", "max": 100}],
    bonus={
        "cap": 5,
        "penalty_cap": 3,
        "items": [
            {"code": "T1", "name": "Sáng kiến CCHC được công nhận", "max": 4},
            {"code": "T2", "name": "Giải thưởng", "max": 3},
            {"code": "P1", "name": "Bị phản ánh có căn cứ về TTHC", "min": -2},
            {"code": "P2", "name": "Chậm báo cáo", "min": -2},
        ],
    },
)


def test_a_bonus_lifts_the_index_without_raising_the_max():
    table = ScoreTable.from_scores(
        BONUS,
        [Unit("A", "A")],
        {("A", "1"): D(85)},
        adjustments={("A", "T1"): D(4), ("A", "T2"): D(1)},
    )
    unit = score_run(table, "2025").units[0]
    assert (unit.index, unit.max, unit.class_label) == (D("90.00"), D(100), "Xuất sắc")


@settings(max_examples=300, deadline=None)
@given(
    points=st.integers(min_value=0, max_value=10000).map(lambda c: D(c) / 100),
    t1=st.integers(min_value=0, max_value=400).map(lambda c: D(c) / 100),
    t2=st.integers(min_value=0, max_value=300).map(lambda c: D(c) / 100),
    p1=st.integers(min_value=-200, max_value=0).map(lambda c: D(c) / 100),
    p2=st.integers(min_value=-200, max_value=0).map(lambda c: D(c) / 100),
    cap=st.sampled_from([D(100), D(102)]),
)
def test_caps_hold_for_any_bonus_and_penalty(points, t1, t2, p1, p2, cap):
    fw = make_framework(
        [{"code": "1", "name": "Chỉ đạo", "max": 100}],
        bonus={"cap": 5, "penalty_cap": 3, "items": [
            {"code": "T1", "name": "a", "max": 4}, {"code": "T2", "name": "b", "max": 3},
            {"code": "P1", "name": "c", "min": -2}, {"code": "P2", "name": "d", "min": -2}]},
        index_cap=cap,
    )  # fmt: skip
    given_points = {("A", "T1"): t1, ("A", "T2"): t2, ("A", "P1"): p1, ("A", "P2"): p2}
    table = ScoreTable.from_scores(
        fw, [Unit("A", "A")], {("A", "1"): points}, adjustments=given_points
    )
    unit = score_run(table, "2025").units[0]
    bonus, penalty = min(t1 + t2, D(5)), min(-(p1 + p2), D(3))
    adjusted = max(points + bonus - penalty, D(0))
    expected = min(cap, adjusted.quantize(D("0.01"), rounding=ROUND_HALF_UP))
    assert unit.index == expected
    assert unit.max == D(100)


@pytest.mark.parametrize(
    ("code", "points", "message"),
    [("P1", D(1), "điểm trừ phải từ -2 đến 0"), ("T1", D(5), "điểm thưởng phải từ 0 đến 4")],
)
def test_bonus_and_penalty_points_out_of_range_are_refused(code, points, message):
    with pytest.raises(InputError, match=message):
        ScoreTable.from_scores(
            BONUS, [Unit("A", "A")], {("A", "1"): D(80)}, adjustments={("A", code): points}
        )


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"code": "P1", "name": "Trừ", "min": 2}, "cần «min» âm"),
        ({"code": "T1", "name": "Thưởng", "max": -1}, "phải dương"),
        ({"code": "1", "name": "Trùng", "max": 1}, "trùng"),
        ({"code": "T1", "name": "Cả hai", "max": 1, "min": -1}, "đúng một trong hai"),
    ],
)
def test_a_wrong_bonus_item_is_a_framework_error(item, message):
    with pytest.raises(InputError, match=message):
        make_framework([{"code": "1", "name": "A", "max": 100}], bonus={"items": [item]})


APPLIES = make_framework(
    [
        {
            "code": "1",
            "name": "Chỉ đạo",
            "children": [
                {"code": "1.1", "name": "Kế hoạch", "max": 6},
                {"code": "1.2", "name": "Đô thị văn minh", "max": 4, "applies_to": ["phường"]},
            ],
        }
    ]
)


def test_a_criterion_for_wards_does_not_count_for_communes():
    units = [Unit("P", "Phường A", kind="phường"), Unit("X", "Xã B", kind="xã")]
    table = ScoreTable.from_scores(
        APPLIES, units, {("P", "1.1"): D(6), ("P", "1.2"): D(2), ("X", "1.1"): D(6)}
    )
    run = score_run(table, "2025")
    assert (run.unit("P").index, run.unit("P").max) == (D("80.00"), D(10))
    assert (run.unit("X").index, run.unit("X").max) == (D("100.00"), D(6))
    assert run.unit("X").not_applicable == ("1.2",)


def test_applies_to_must_name_known_kinds():
    with pytest.raises(InputError, match="loại đơn vị không biết: ward"):
        make_framework([{"code": "1", "name": "A", "children": [
            {"code": "1.1", "name": "B", "max": 2, "applies_to": ["ward"]}]}])  # fmt: skip
