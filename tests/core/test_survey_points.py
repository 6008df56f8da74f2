"""The survey point rule against hand-computed tables."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.core.questionnaire import Sample, check_against, parse_questionnaire
from parindex.core.survey import NO_ANSWER, SurveyData, compute_survey
from tests.conftest import FIVE_CLASSES

FRAMEWORK = parse_framework(
    {
        "id": "sv",
        "name": "Bộ tiêu chí thử",
        "level": "commune",
        "year": 2023,
        "classes": FIVE_CLASSES,
        "fields": [
            {"code": "1", "name": "Chỉ đạo", "max": 68.5},
            {
                "code": "8",
                "name": "Điều tra xã hội học",
                "source": "survey",
                "children": [
                    {"code": "8.1", "name": "Hài lòng", "max": Decimal("21.5")},
                    {"code": "8.2", "name": "Đánh giá của cán bộ", "max": 10},
                ],
            },
        ],
    }
)

A, B, C, D, E = 10000, 6000, 2000, 0, NO_ANSWER


def questionnaire(**extra):
    data = {
        "id": "phieu",
        "name": "Phiếu thử",
        "groups": [
            {"code": "dan", "name": "Người dân", "weight": 2},
            {"code": "canbo", "name": "Cán bộ", "weight": 1},
        ],
        "questions": [
            {"code": "Q1", "text": "Công khai thủ tục?", "leaf": "8.1"},
            {"code": "Q2", "text": "Thái độ phục vụ?", "leaf": "8.1"},
            {"code": "Q3", "text": "Chỉ đạo điều hành?", "leaf": "8.2"},
        ],
    }
    data.update(extra)
    return parse_questionnaire(data)


def survey(rows, q=None, units=("X", "Y"), draws=0, **kw):
    """rows: (unit index, group index, answers...)"""
    q = q or questionnaire()
    data = SurveyData(
        q,
        units,
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2:] for r in rows], dtype=np.int32),
    )
    return compute_survey(FRAMEWORK, data, draws=draws, **kw)


def test_points_are_the_mean_option_weight_times_the_max():
    # X: three citizens answer A, B, C on Q1 and Q2 → mean 60% → 21,5 × 0,6 = 12,9
    result = survey([(0, 0, A, A, E), (0, 0, B, B, E), (0, 0, C, C, E), (1, 0, A, A, A)])
    x = result.unit_points("X")[0]
    assert (x.n, x.value, x.points, x.max) == (
        3,
        Decimal("60.00"),
        Decimal("12.90"),
        Decimal("21.5"),
    )


def test_a_respondents_leaf_value_is_the_mean_of_their_valid_answers():
    # one citizen: Q1 A, Q2 no answer → 100%; another: A and D → 50%; mean 75% → 16,125 → 16,13 (half-up)
    result = survey([(0, 0, A, E, E), (0, 0, A, D, E), (1, 0, A, A, A)])
    x = result.unit_points("X")[0]
    assert (x.n, x.value, x.points) == (2, Decimal("75.00"), Decimal("16.13"))


def test_groups_are_weighted_by_their_weight():
    # citizens (weight 2) average 100%, officials (weight 1) 20% → (2×100 + 20)/3 = 73,33%
    result = survey([(0, 0, A, A, E), (0, 1, C, C, E), (1, 0, A, A, A)])
    x = result.unit_points("X")[0]
    assert x.value == Decimal("73.33")
    assert x.points == Decimal("15.77")  # 21,5 × 220/300 = 15,7666…


def test_a_group_without_answers_does_not_count_in_the_weights():
    result = survey([(0, 1, B, B, A), (1, 0, A, A, A)])
    assert result.unit_points("X")[0].value == Decimal("60.00")


def test_a_unit_without_any_valid_answer_on_a_leaf_has_no_points():
    result = survey([(0, 0, A, A, E), (1, 0, A, A, A)])
    leaf = result.unit_points("X")[1]
    assert (leaf.n, leaf.points, leaf.value) == (0, None, None)


def test_the_share_rule_counts_answers_at_or_above_a_level():
    q = questionnaire(
        questions=[
            {"code": "Q1", "text": "a", "leaf": "8.1", "rule": "share", "at_least": "B"},
            {"code": "Q3", "text": "c", "leaf": "8.2"},
        ]
    )
    # the share rule is applied when answers are read: A,B → 100; C,D → 0
    rows = [(0, 0, 10000, A), (0, 0, 10000, A), (0, 0, 0, A), (0, 0, 0, A), (1, 0, 10000, A)]
    result = survey(rows, q=q)
    assert result.unit_points("X")[0].points == Decimal("10.75")
    assert (
        q.questions[0].value("B") == 100
        and q.questions[0].value("C") == 0
        and q.questions[0].value("E") is None
    )


def test_a_banded_leaf_turns_its_value_into_points_by_table():
    q = questionnaire(
        leaves={
            "8.1": {
                "bands": [
                    {"min": 80, "percent": 100},
                    {"min": 60, "percent": 50},
                    {"min": 0, "percent": 0},
                ]
            }
        }
    )
    # X at exactly 60% → half of 21,5 = 10,75; Y at 100% → 21,5
    result = survey([(0, 0, B, B, A), (1, 0, A, A, A)], q=q)
    assert result.unit_points("X")[0].points == Decimal("10.75")
    assert result.unit_points("Y")[0].points == Decimal("21.50")


@pytest.mark.parametrize(
    ("population", "required"), [(None, 30), (100, 80), (1000, 286), (5000, 371), (0, 30)]
)
def test_the_minimum_sample_follows_n_equals_n_over_one_plus_n_e_squared(population, required):
    assert Sample().required(population) == required


def test_a_unit_under_the_minimum_sample_is_flagged():
    q = questionnaire(sample={"minimum": 3})
    result = survey(
        [(0, 0, A, A, A), (0, 0, A, A, A), (0, 1, A, A, A), (1, 0, A, A, A)], q=q, populations=None
    )
    assert [p.under_minimum for p in result.unit_points("X")] == [False, False]
    assert [p.under_minimum for p in result.unit_points("Y")] == [True, True]


def test_the_questionnaire_must_feed_every_survey_leaf_and_only_survey_leaves():
    q = questionnaire(
        questions=[
            {"code": "Q1", "text": "a", "leaf": "8.1"},
            {"code": "Q9", "text": "b", "leaf": "1"},
            {"code": "Q8", "text": "c", "leaf": "7.7"},
        ]
    )
    messages = [str(p) for p in check_against(q, FRAMEWORK)]
    assert (
        "Q9: tiêu chí «1» chấm bằng tự đánh giá, không lấy điểm từ điều tra xã hội học" in messages
    )
    assert "Q8: tiêu chí «7.7» không có trong bộ tiêu chí «sv»" in messages
    assert any("«8.2» (10 điểm) chưa có câu hỏi nào tính điểm" in m for m in messages)


def test_a_questionnaire_reports_every_problem_with_its_place():
    with pytest.raises(InputError) as exc:
        parse_questionnaire(
            {
                "id": "x",
                "groups": [{"code": "dan", "name": "Dân", "weight": -1}],
                "questions": [
                    {"code": "Q1", "text": "a", "leaf": "8.1", "rule": "median"},
                    {"code": "Q1", "text": "b", "leaf": "8.1", "groups": ["ai"]},
                    {"code": "Q2", "text": "c", "leaf": "8.1", "rule": "share", "at_least": "Z"},
                ],
                "leaves": {"8.1": {"bands": [{"min": 50, "percent": 100}]}},
            }
        )
    messages = [str(p) for p in exc.value.problems]
    assert "name: thiếu «name»" in messages
    assert "groups[1]: trọng số nhóm «-1» phải là số dương" in messages
    assert "Q1: cách tính «median» không hợp lệ (mean hoặc share)" in messages
    assert "Q1: mã câu hỏi «Q1» trùng" in messages
    assert "Q1: nhóm đối tượng «ai» không có trong «groups»" in messages
    assert any(m.startswith("Q2: cách tính share cần «at_least»") for m in messages)
    assert "leaves › 8.1: bậc thấp nhất phải bắt đầu từ 0" in messages


def test_runs_repeat_with_the_same_seed_and_differ_with_another():
    rng = np.random.default_rng(5)
    rows = [
        (int(u), int(g), *rng.choice([A, B, C, D], 3))
        for u, g in zip(rng.integers(0, 2, 200), rng.integers(0, 2, 200), strict=True)
    ]
    first = survey(rows, draws=200, seed=7)
    again = survey(rows, draws=200, seed=7)
    other = survey(rows, draws=200, seed=8)
    assert np.array_equal(first.total_draws, again.total_draws)
    assert not np.array_equal(first.total_draws, other.total_draws)
    assert first.unit_points("X") == again.unit_points("X")
    for leaf in first.unit_points("X"):
        assert leaf.low <= leaf.points <= leaf.high


def test_the_result_does_not_depend_on_the_number_of_threads():
    rng = np.random.default_rng(6)
    rows = [(int(u), 0, *rng.choice([A, B, C], 3)) for u in rng.integers(0, 2, 300)]
    one = survey(rows, draws=120, seed=3, workers=1)
    two = survey(rows, draws=120, seed=3, workers=2)
    assert np.array_equal(one.total_draws, two.total_draws)
