"""The satisfaction index (SIPAS): hand-computed tables, aspects, exclusions, validation."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.problems import InputError
from parindex.core.questionnaire import Questionnaire, parse_questionnaire
from parindex.core.sipas import Satisfaction, compute_sipas
from parindex.core.survey import SurveyData

VALUES = {"A": 10_000, "B": 6_000, "C": 2_000, "D": 0, "E": -1, "": -1}
FIVE_FACTORS = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức",
    "Kết quả giải quyết",
    "Tiếp nhận, xử lý góp ý",
]


def questionnaire(questions: Sequence[dict[str, Any]], **extra: Any) -> Questionnaire:
    data = {
        "id": "sipas",
        "name": "Phiếu khảo sát SIPAS",
        "groups": [{"code": "dan", "name": "Người dân"}, {"code": "dn", "name": "Doanh nghiệp"}],
        "questions": [{"text": "Mức độ hài lòng?", "leaf": "8.1", **q} for q in questions],
        **extra,
    }
    return parse_questionnaire(data)


def survey(q: Questionnaire, units: Sequence[str], rows: Sequence[tuple[str, str]]) -> SurveyData:
    """rows: (unit code, answer letters one per question, '.' or 'E' for none)."""
    unit = np.array([units.index(u) for u, _ in rows], dtype=np.int64)
    answers = np.array(
        [[VALUES[c.replace(".", "")] for c in letters] for _, letters in rows], dtype=np.int32
    ).reshape(len(rows), len(q.questions))
    return SurveyData(q, tuple(units), unit, np.zeros(len(rows), dtype=np.int64), answers)


ONE = [{"code": "Q1", "aspect": "Công chức"}]


def test_ten_respondents_four_a_three_b_two_c_one_e():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", c) for c in "AAAABBBCCE"])
    result = compute_sipas(q, data)
    (x,) = result.units
    assert x.respondents == 10
    assert x.answering == 9
    assert x.overall == Satisfaction(valid=9, satisfied=7, percent=Decimal("77.78"))
    assert x.aspects["Công chức"] == x.overall
    assert x.rank == 1
    assert result.overall == x.overall
    assert result.average == Decimal("77.78")


def test_d_counts_as_valid_but_not_satisfied():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", c) for c in "ABCD"])
    assert compute_sipas(q, data).units[0].overall == Satisfaction(4, 2, Decimal("50.00"))


def test_percent_rounds_half_up():
    # 1 of 800 = 0.125 % → 0.13 (half-up, not half-even)
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", "A")] + [("X", "D")] * 799)
    assert compute_sipas(q, data).units[0].overall.percent == Decimal("0.13")


def test_satisfied_at_least_a_counts_only_the_best_option():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", c) for c in "AAAABBBCCE"])
    result = compute_sipas(q, data, satisfied_at_least="A")
    assert result.units[0].overall == Satisfaction(9, 4, Decimal("44.44"))
    assert result.satisfied_at_least == "A"


def test_satisfied_at_least_c():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", c) for c in "AAAABBBCCE"])
    assert compute_sipas(q, data, satisfied_at_least="C").units[0].overall.satisfied == 9


FIVE = [{"code": f"Q{i + 1}", "aspect": a} for i, a in enumerate(FIVE_FACTORS)]


def test_per_aspect_and_overall_over_all_valid_answers():
    q = questionnaire(FIVE)
    rows = [
        ("X", "AAAAA"),
        ("X", "BCDEA"),
        ("X", "CBEEA"),
        ("X", "EEEEE"),
    ]
    result = compute_sipas(q, survey(q, ["X"], rows))
    assert result.aspects == tuple(FIVE_FACTORS)
    x = result.units[0]
    assert x.respondents == 4
    assert x.answering == 3
    assert x.aspects["Tiếp cận dịch vụ"] == Satisfaction(3, 2, Decimal("66.67"))  # A B C
    assert x.aspects["Thủ tục hành chính"] == Satisfaction(3, 2, Decimal("66.67"))  # A C B
    assert x.aspects["Công chức"] == Satisfaction(2, 1, Decimal("50.00"))  # A D
    assert x.aspects["Kết quả giải quyết"] == Satisfaction(1, 1, Decimal("100.00"))  # A
    assert x.aspects["Tiếp nhận, xử lý góp ý"] == Satisfaction(3, 3, Decimal("100.00"))  # A A A
    # 12 valid answers, 9 satisfied
    assert x.overall == Satisfaction(12, 9, Decimal("75.00"))
    assert result.aspect_overall["Công chức"] == x.aspects["Công chức"]


def test_questions_sharing_an_aspect_pool_their_answers():
    q = questionnaire(
        [
            {"code": "Q1", "aspect": "Công chức"},
            {"code": "Q2", "aspect": "Công chức"},
            {"code": "Q3", "aspect": "Thủ tục hành chính"},
        ]
    )
    result = compute_sipas(q, survey(q, ["X"], [("X", "ADA"), ("X", "BBD")]))
    assert result.aspects == ("Công chức", "Thủ tục hành chính")
    assert result.units[0].aspects["Công chức"] == Satisfaction(4, 3, Decimal("75.00"))
    assert result.units[0].aspects["Thủ tục hành chính"] == Satisfaction(2, 1, Decimal("50.00"))


def test_a_question_without_aspect_counts_in_the_overall_only():
    q = questionnaire([{"code": "Q1", "aspect": "Công chức"}, {"code": "Q2"}])
    result = compute_sipas(q, survey(q, ["X"], [("X", "AD"), ("X", "DA")]))
    assert result.aspects == ("Công chức",)
    assert result.units[0].aspects["Công chức"] == Satisfaction(2, 1, Decimal("50.00"))
    assert result.units[0].overall == Satisfaction(4, 2, Decimal("50.00"))


def test_only_the_selected_questions_count():
    q = questionnaire(
        [
            {"code": "Q1", "aspect": "Công chức"},
            {"code": "P1", "rule": "share", "at_least": "B"},  # a PAR survey question, not SIPAS
            {"code": "Q2", "aspect": "Thủ tục hành chính"},
        ]
    )
    data = survey(q, ["X"], [("X", "AAD"), ("X", "DAD")])
    result = compute_sipas(q, data, questions=["Q2", "Q1"])
    assert result.questions == ("Q2", "Q1")
    assert result.aspects == ("Thủ tục hành chính", "Công chức")
    assert result.units[0].overall == Satisfaction(4, 1, Decimal("25.00"))


def test_excluded_options_of_a_custom_scale_do_not_count():
    scale = [
        {"code": "1", "label": "Rất hài lòng", "weight": 100},
        {"code": "2", "label": "Hài lòng", "weight": 75},
        {"code": "3", "label": "Bình thường", "weight": 50},
        {"code": "4", "label": "Không hài lòng", "weight": 25},
        {"code": "5", "label": "Rất không hài lòng", "weight": 0},
        {"code": "9", "label": "Không ý kiến", "weight": None},
    ]
    q = questionnaire([{"code": "Q1", "aspect": "Công chức"}], scale=scale)
    values = [10_000, 7_500, 7_500, 5_000, 2_500, 0, -1, -1]
    data = SurveyData(
        q, ("X",), np.zeros(8, np.int64), np.zeros(8, np.int64), np.array(values, np.int32)[:, None]
    )
    result = compute_sipas(q, data, satisfied_at_least="2")
    assert result.units[0].overall == Satisfaction(6, 3, Decimal("50.00"))


def test_a_unit_with_no_valid_answers_has_no_percent_and_no_rank():
    q = questionnaire(FIVE[:2])
    rows = [("X", "AA"), ("X", "BD"), ("Y", "EE"), ("Y", "E.")]
    result = compute_sipas(q, survey(q, ["Y", "X", "Z"], rows))
    assert [u.unit for u in result.units] == ["X", "Y", "Z"]
    x, y, z = result.units
    assert x.rank == 1
    assert y.overall == Satisfaction(0, 0, None)
    assert y.rank is None
    assert y.respondents == 2
    assert y.answering == 0
    assert all(s.percent is None for s in y.aspects.values())
    assert z.respondents == 0
    assert z.overall.percent is None
    assert result.average == x.overall.percent


def test_province_wide_pools_answers_while_the_average_is_of_units():
    q = questionnaire(ONE)
    # X: 1 of 1 satisfied (100%), Y: 1 of 3 (33.33%), Z: 2 of 4 (50%)
    rows = [("X", "A"), ("Y", "A"), ("Y", "C"), ("Y", "D"), ("Z", "A"), ("Z", "B")]
    rows += [("Z", "C"), ("Z", "C"), ("Z", "E")]
    result = compute_sipas(q, survey(q, ["X", "Y", "Z"], rows))
    assert result.overall == Satisfaction(8, 4, Decimal("50.00"))
    assert result.average == Decimal("61.11")  # (100 + 33.33 + 50) / 3 = 61.11
    assert result.respondents == 9
    assert result.aspect_average["Công chức"] == Decimal("61.11")


def test_average_is_the_mean_of_rounded_unit_percents():
    q = questionnaire(ONE)
    # X: 2/3 → 66.67, Y: 1/3 → 33.33; the mean of the rounded figures is 50.00
    rows = [("X", "A"), ("X", "A"), ("X", "D"), ("Y", "A"), ("Y", "D"), ("Y", "D")]
    result = compute_sipas(q, survey(q, ["X", "Y"], rows))
    assert result.average == Decimal("50.00")


def test_units_sorted_by_percent_then_code_with_competition_ranks():
    q = questionnaire(ONE)
    rows = [
        ("D", "A"),
        ("B", "A"),
        ("B", "D"),
        ("A", "A"),
        ("A", "D"),
        ("C", "D"),
        ("E", "A"),
        ("E", "A"),
        ("E", "D"),
    ]
    result = compute_sipas(q, survey(q, ["A", "B", "C", "D", "E"], rows))
    assert [(u.unit, u.overall.percent, u.rank) for u in result.units] == [
        ("D", Decimal("100.00"), 1),
        ("E", Decimal("66.67"), 2),
        ("A", Decimal("50.00"), 3),
        ("B", Decimal("50.00"), 3),
        ("C", Decimal("0.00"), 5),
    ]
    assert result.unit("B").rank == 3
    with pytest.raises(KeyError):
        result.unit("nope")


def test_ties_are_judged_on_the_rounded_percent():
    q = questionnaire(ONE)
    # X: 2/3 = 66.666… → 66.67; Y: 6667/10000 = 66.67 exactly
    rows = [("X", "A"), ("X", "A"), ("X", "D")]
    rows += [("Y", "A")] * 6667 + [("Y", "D")] * 3333
    result = compute_sipas(q, survey(q, ["Y", "X"], rows))
    assert [(u.unit, u.rank) for u in result.units] == [("X", 1), ("Y", 1)]


def test_questions_not_asked_of_a_group_are_no_answers():
    q = questionnaire([{"code": "Q1", "aspect": "Công chức", "groups": ["dan"]}])
    data = SurveyData(
        q,
        ("X",),
        np.zeros(3, np.int64),
        np.array([0, 0, 1], np.int64),
        np.array([[10_000], [0], [-1]], np.int32),
    )
    assert compute_sipas(q, data).units[0].overall == Satisfaction(2, 1, Decimal("50.00"))


def test_results_are_frozen():
    q = questionnaire(ONE)
    result = compute_sipas(q, survey(q, ["X"], [("X", "A")]))
    with pytest.raises(AttributeError):
        result.average = Decimal(0)  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.units[0].aspects["Công chức"] = Satisfaction(0, 0, None)  # type: ignore[index]


# --- validation ---------------------------------------------------------------


def problems(excinfo: pytest.ExceptionInfo[InputError]) -> list[tuple[str, str]]:
    return [(p.where, p.message) for p in excinfo.value.problems]


def test_multiple_choice_and_share_questions_are_refused_naming_each():
    q = questionnaire(
        [
            {"code": "Q1", "aspect": "Công chức", "choice": "multiple"},
            {"code": "Q2", "aspect": "Công chức", "rule": "share", "at_least": "B"},
            {"code": "Q3", "aspect": "Công chức"},
        ]
    )
    data = survey(q, ["X"], [("X", "AAA")])
    with pytest.raises(InputError) as excinfo:
        compute_sipas(q, data)
    found = problems(excinfo)
    assert [w for w, _ in found] == ["Q1", "Q2"]
    assert "choice: single" in found[0][1]
    assert "rule: mean" in found[1][1]
    assert "Q1" in str(excinfo.value) and "Q2" in str(excinfo.value)


def test_unknown_and_duplicate_questions_and_empty_selection():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", "A")])
    with pytest.raises(InputError) as excinfo:
        compute_sipas(q, data, questions=["Q1", "Q9", "Q1"])
    wheres = [w for w, _ in problems(excinfo)]
    assert wheres == ["Q1", "Q9"]
    with pytest.raises(InputError, match="ít nhất một câu hỏi"):
        compute_sipas(q, data, questions=[])


def test_satisfied_level_must_be_a_weighted_option():
    q = questionnaire(ONE)
    data = survey(q, ["X"], [("X", "A")])
    with pytest.raises(InputError, match="«E»"):
        compute_sipas(q, data, satisfied_at_least="E")
    with pytest.raises(InputError, match="«Z»"):
        compute_sipas(q, data, satisfied_at_least="Z")


def test_a_value_that_is_no_option_weight_is_refused():
    q = questionnaire(FIVE[:2])
    data = SurveyData(
        q,
        ("X",),
        np.zeros(3, np.int64),
        np.zeros(3, np.int64),
        np.array([[10_000, 6_000], [5_000, 6_000], [0, 12_000]], np.int32),
    )
    with pytest.raises(InputError) as excinfo:
        compute_sipas(q, data)
    found = problems(excinfo)
    assert [w for w, _ in found] == ["Q1", "Q2"]
    assert "«5000»" in found[0][1]
    assert "«12000»" in found[1][1]


def test_data_of_another_questionnaire_is_refused():
    q = questionnaire(ONE)
    other = questionnaire([{"code": "Q1"}, {"code": "Q2"}])
    data = survey(other, ["X"], [("X", "AA")])
    with pytest.raises(InputError, match="cột trả lời"):
        compute_sipas(q, data)


def test_unit_index_outside_the_units_is_refused():
    q = questionnaire(ONE)
    data = SurveyData(
        q, ("X",), np.array([0, 1], np.int64), np.zeros(2, np.int64), np.array([[0], [0]], np.int32)
    )
    with pytest.raises(InputError, match="đơn vị"):
        compute_sipas(q, data)


def test_no_respondents_at_all():
    q = questionnaire(ONE)
    data = SurveyData(
        q, ("X",), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 1), np.int32)
    )
    result = compute_sipas(q, data)
    assert result.overall == Satisfaction(0, 0, None)
    assert result.average is None
    assert result.units[0].rank is None


# --- against a plain count, and speed ---------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.text(alphabet="ABCDE", min_size=3, max_size=3)),
        max_size=60,
    ),
    st.sampled_from(["A", "B", "C", "D"]),
)
def test_matches_a_plain_count(rows, level):
    aspects = ["Công chức", "Công chức", "Thủ tục hành chính"]
    q = questionnaire([{"code": f"Q{i}", "aspect": a} for i, a in enumerate(aspects)])
    units = ["U0", "U1", "U2", "U3"]
    data = survey(q, units, [(units[u], letters) for u, letters in rows])
    result = compute_sipas(q, data, satisfied_at_least=level)
    order = "ABCD"
    for code in units:
        mine = [letters for u, letters in rows if units[u] == code]
        answers = [c for letters in mine for c in letters if c != "E"]
        good = [c for c in answers if order.index(c) <= order.index(level)]
        assert result.unit(code).overall.valid == len(answers)
        assert result.unit(code).overall.satisfied == len(good)
        cc = [c for letters in mine for c in letters[:2] if c != "E"]
        assert result.unit(code).aspects["Công chức"].valid == len(cc)
    assert result.overall.valid == sum(u.overall.valid for u in result.units)
    assert result.overall.satisfied == sum(u.overall.satisfied for u in result.units)


def test_a_million_respondents_are_all_counted():
    """The time of this is benchmarks/survey_national.py's (never a timed test: CI shares its
    machine)."""
    q = questionnaire([{"code": f"Q{i}", "aspect": FIVE_FACTORS[i % 5]} for i in range(10)])
    rng = np.random.default_rng(7)
    n = 1_000_000
    answers = rng.choice(np.array([10_000, 6_000, 2_000, 0, -1], np.int32), size=(n, 10))
    data = SurveyData(
        q,
        tuple(f"X{i:02d}" for i in range(63)),
        rng.integers(0, 63, n),
        np.zeros(n, np.int64),
        answers,
    )
    result = compute_sipas(q, data)
    assert result.respondents == n
    assert result.overall.valid == int((answers >= 0).sum())
    assert result.overall.satisfied == int((answers >= 6_000).sum())
