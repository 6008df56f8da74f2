"""SIPAS by QĐ 1001 and 2017: weights, thresholds, a 9-point scale, components, intervals.

Every expectation is computed by hand (or by plain Python in the test), never by the code
under test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pytest

from parindex.core.problems import InputError
from parindex.core.questionnaire import Questionnaire, parse_questionnaire
from parindex.core.sipas import compute_sipas
from parindex.core.survey import SurveyData

VALUES = {"A": 10_000, "B": 6_000, "C": 2_000, "D": 0, "E": -1, ".": -1}
T975 = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 4: 2.776445105, 5: 2.570581836}


def questionnaire(questions: Sequence[dict[str, Any]], sipas: Any = None) -> Questionnaire:
    data: dict[str, Any] = {
        "id": "sipas",
        "name": "Phiếu SIPAS",
        "groups": [{"code": "dan", "name": "Người dân"}],
        "questions": [{"text": "Mức độ hài lòng?", "leaf": "8.1", **q} for q in questions],
    }
    if sipas is not None:
        data["sipas"] = sipas
    return parse_questionnaire(data)


def survey(
    q: Questionnaire,
    units: Sequence[str],
    rows: Sequence[tuple[str, str]],
    weight: Sequence[int] | None = None,
    cluster: Sequence[int] | None = None,
) -> SurveyData:
    unit = np.array([units.index(u) for u, _ in rows], dtype=np.int64)
    answers = np.array(
        [[VALUES[c] for c in letters] for _, letters in rows], dtype=np.int32
    ).reshape(len(rows), len(q.questions))
    return SurveyData(
        q,
        tuple(units),
        unit,
        np.zeros(len(rows), dtype=np.int64),
        answers,
        cluster=None if cluster is None else np.array(cluster, dtype=np.int64),
        clusters=() if cluster is None else tuple(f"c{i}" for i in range(max(cluster) + 1)),
        weight=None if weight is None else np.array(weight, dtype=np.int64),
    )


def r2(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratio_interval(
    y: Sequence[float], x: Sequence[float], w: Sequence[float], psu: Sequence[int]
) -> tuple[Decimal, Decimal]:
    """The textbook linearised interval of Σwy/Σwx, written out independently."""
    big_y = sum(wi * yi for wi, yi in zip(w, y, strict=True))
    big_x = sum(wi * xi for wi, xi in zip(w, x, strict=True))
    ratio = big_y / big_x
    totals: dict[int, float] = {}
    for wi, yi, xi, h in zip(w, y, x, psu, strict=True):
        totals[h] = totals.get(h, 0.0) + wi * (yi - ratio * xi) / big_x
    n = len(totals)
    mean = sum(totals.values()) / n
    variance = n / (n - 1) * sum((t - mean) ** 2 for t in totals.values())
    half = T975[n - 1] * math.sqrt(variance)
    return r2(max(ratio - half, 0) * 100), r2(min(ratio + half, 1) * 100)


# --- weights ----------------------------------------------------------------------------


def test_weighted_share_counts_each_answer_by_its_respondents_weight():
    q = questionnaire([{"code": "Q1"}])
    # A, B satisfied (weights 1 and 2), C, D not (3 and 4): 3 of 10 → 30 %
    data = survey(q, ["X"], [("X", c) for c in "ABCD"], weight=[10_000, 20_000, 30_000, 40_000])
    s = compute_sipas(q, data).units[0].overall
    assert (s.valid, s.satisfied, s.percent) == (4, 2, Decimal("30.00"))
    unweighted = compute_sipas(q, survey(q, ["X"], [("X", c) for c in "ABCD"])).units[0].overall
    assert unweighted.percent == Decimal("50.00")


def test_weighted_pooled_share_over_several_questions():
    q = questionnaire([{"code": "Q1"}, {"code": "Q2"}])
    # r1 (w 1): A, D → 1 of 2; r2 (w 3): B, E → 1 of 1.  (1 + 3) / (2 + 3) = 80 %
    data = survey(q, ["X"], [("X", "AD"), ("X", "BE")], weight=[1, 3])
    assert compute_sipas(q, data).units[0].overall.percent == Decimal("80.00")


def test_exact_half_up_rounding_of_a_weighted_share():
    q = questionnaire([{"code": "Q1"}])
    # A (weight 7) satisfied, D and D (5 and 4) not: 7 of 16 = 43.75 %
    data = survey(q, ["X"], [("X", "A"), ("X", "D"), ("X", "D")], weight=[7, 5, 4])
    assert compute_sipas(q, data).units[0].overall.percent == Decimal("43.75")


# --- thresholds and a 9-point scale ---------------------------------------------------------

NINE = [{"code": str(k), "label": f"Mức {k}", "weight": str((k - 1) * 12.5)} for k in range(1, 10)]


def nine_point(levels: Sequence[int]) -> tuple[Questionnaire, SurveyData]:
    q = questionnaire([{"code": "Q1", "scale": [*NINE, {"code": "0", "label": "Không biết"}]}])
    values = np.array(
        [[-1 if k == 0 else int((k - 1) * 1250)] for k in levels], dtype=np.int32
    ).reshape(len(levels), 1)
    n = len(levels)
    return q, SurveyData(q, ("X",), np.zeros(n, np.int64), np.zeros(n, np.int64), values)


def test_a_nine_point_scale_by_option_code_or_weight_level():
    # levels 9, 8, 7 satisfied at 7 and above; 6, 5, 1 not; 0 is "do not know"
    q, data = nine_point([9, 8, 7, 6, 5, 1, 0])
    by_code = compute_sipas(q, data, satisfied_at_least="7").units[0].overall
    by_level = compute_sipas(q, data, satisfied_at_least="75%").units[0].overall
    assert (by_code.valid, by_code.satisfied, by_code.percent) == (6, 3, Decimal("50.00"))
    assert by_level == by_code
    top_two = compute_sipas(q, data, satisfied_at_least="8").units[0].overall
    assert top_two.percent == Decimal("33.33")
    # a level between options: 80 % → 8 (87.5 %) and 9 only
    assert compute_sipas(q, data, satisfied_at_least="80%").units[0].overall == top_two


def test_the_default_option_b_fails_on_a_nine_point_scale_naming_the_question():
    q, data = nine_point([9, 1])
    with pytest.raises(InputError, match="«B»"):
        compute_sipas(q, data)


def test_a_weight_level_on_the_five_point_scale():
    q = questionnaire([{"code": "Q1"}])
    data = survey(q, ["X"], [("X", c) for c in "AABCD"])
    assert compute_sipas(q, data, satisfied_at_least="75%").units[0].overall.satisfied == 2
    assert compute_sipas(q, data, satisfied_at_least="60%").units[0].overall.satisfied == 3
    assert compute_sipas(q, data, satisfied_at_least="0%").units[0].overall.satisfied == 5
    with pytest.raises(InputError, match="«120%»"):
        compute_sipas(q, data, satisfied_at_least="120%")


def test_the_threshold_from_the_questionnaire():
    q = questionnaire([{"code": "Q1"}], sipas={"satisfied_at_least": "A"})
    data = survey(q, ["X"], [("X", c) for c in "AABCD"])
    result = compute_sipas(q, data)
    assert result.satisfied_at_least == "A"
    assert result.units[0].overall.satisfied == 2
    assert compute_sipas(q, data, satisfied_at_least="C").units[0].overall.satisfied == 4


# --- models ---------------------------------------------------------------------------------

POLICY_AND_SERVICE = [
    {"code": "P1", "aspect": "Chính sách giáo dục"},
    {"code": "P2", "aspect": "Chính sách y tế"},
    {"code": "P3", "aspect": "Chính sách y tế"},
    {"code": "S1", "aspect": "Tiếp cận dịch vụ"},
    {"code": "S2", "aspect": "Thủ tục hành chính"},
    {"code": "K1", "aspect": "Kỳ vọng"},
]
COMPONENTS = [
    {
        "code": "chinh_sach",
        "name": "Hài lòng về chính sách công",
        "aspects": ["Chính sách giáo dục", "Chính sách y tế"],
    },
    {
        "code": "dich_vu",
        "name": "Hài lòng về cung ứng dịch vụ hành chính công",
        "aspects": ["Tiếp cận dịch vụ", "Thủ tục hành chính"],
        "aggregation": "pooled",
    },
    {"code": "ky_vong", "name": "Nhu cầu, kỳ vọng", "aspects": ["Kỳ vọng"], "kind": "expectation"},
]
# four respondents of X; columns P1 P2 P3 S1 S2 K1
ROWS = [("X", "AABACA"), ("X", "CDAADD"), ("X", "BAEBBC"), ("X", "DCCA.A")]


def test_model_1001_components_and_index_by_hand():
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": COMPONENTS})
    result = compute_sipas(q, survey(q, ["X"], ROWS))
    x = result.units[0]
    assert result.model == "1001"
    # aspects: giáo dục P1: A C B D → 2/4; y tế P2+P3: A B | D A | A E | C C → 4/7
    assert x.aspects["Chính sách giáo dục"].percent == Decimal("50.00")
    assert x.aspects["Chính sách y tế"].percent == Decimal("57.14")
    # chính sách = mean of its aspect shares: (1/2 + 4/7) / 2 = 15/28 = 53.571… %
    assert x.components["chinh_sach"].percent == Decimal("53.57")
    # dịch vụ pooled: S1 A A B A (4/4), S2 C D B . (1/3) → 5/7 = 71.43 %
    assert x.components["dich_vu"].percent == Decimal("71.43")
    assert x.components["ky_vong"].percent == Decimal("50.00")  # A D C A: 2/4
    # the index: equal weights over the satisfaction components: (15/28 + 5/7) / 2 = 35/56
    assert x.overall.percent == Decimal("62.50")
    assert x.overall.valid == 4 + 7 + 7  # the answers behind the index (expectations apart)
    assert result.aspects == (
        "Chính sách giáo dục",
        "Chính sách y tế",
        "Tiếp cận dịch vụ",
        "Thủ tục hành chính",
        "Kỳ vọng",
    )
    assert [c.code for c in result.components] == ["chinh_sach", "dich_vu", "ky_vong"]


def test_model_1001_with_configured_index_weights():
    sipas = {
        "model": "1001",
        "components": COMPONENTS,
        "index": {"weights": {"chinh_sach": 1, "dich_vu": 3}},
    }
    q = questionnaire(POLICY_AND_SERVICE, sipas=sipas)
    x = compute_sipas(q, survey(q, ["X"], ROWS)).units[0]
    # (15/28 + 3 · 5/7) / 4 = (15 + 60) / 112 = 66.964… %
    assert x.overall.percent == Decimal("66.96")


def test_a_component_without_valid_answers_leaves_the_index_to_the_others():
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": COMPONENTS})
    x = compute_sipas(q, survey(q, ["X"], [("X", "AAAEEA"), ("X", "DDDEED")])).units[0]
    assert x.components["dich_vu"].percent is None
    assert x.overall.percent == x.components["chinh_sach"].percent == Decimal("50.00")


def test_model_2017_on_the_same_data_pools_every_answer():
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": COMPONENTS})
    result = compute_sipas(q, survey(q, ["X"], ROWS), model="2017")
    x = result.units[0]
    # all answers: 13 satisfied (A/B) of 22 valid
    assert (x.overall.valid, x.overall.satisfied, x.overall.percent) == (22, 13, Decimal("59.09"))
    assert result.components == () and dict(x.components) == {}


def test_model_1001_configuration_problems():
    with pytest.raises(InputError, match="1001 cần khai báo"):
        q = questionnaire(POLICY_AND_SERVICE)
        compute_sipas(q, survey(q, ["X"], ROWS), model="1001")
    bad = [{"code": "c", "aspects": ["Không có"]}]
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": bad})
    with pytest.raises(InputError, match="«Không có»"):
        compute_sipas(q, survey(q, ["X"], ROWS), questions=["P1"])
    twice = [{"code": "a", "aspects": ["Kỳ vọng"]}, {"code": "b", "questions": ["K1"]}]
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": twice})
    with pytest.raises(InputError, match="hai nội dung"):
        compute_sipas(q, survey(q, ["X"], ROWS))
    with pytest.raises(InputError, match="«1999»"):
        compute_sipas(q, survey(q, ["X"], ROWS), model="1999")


@pytest.mark.parametrize(
    ("sipas", "message"),
    [
        ({"model": "2020"}, "«2020»"),
        ({"colour": 1}, "«colour»"),
        ({"components": [{"code": "a"}]}, "«aspects»"),
        ({"components": [{"code": "a", "aspects": ["x"], "aggregation": "max"}]}, "«max»"),
        ({"components": [{"code": "a", "aspects": ["x"]}], "index": {"weights": {"b": 1}}}, "«b»"),
        ({"confidence": 2}, "mức tin cậy"),
    ],
)
def test_the_sipas_block_is_checked_with_the_questionnaire(sipas: Any, message: str):
    with pytest.raises(InputError, match=message):
        questionnaire(POLICY_AND_SERVICE, sipas=sipas)


# --- intervals ------------------------------------------------------------------------------


def test_interval_of_a_share_worked_by_hand():
    q = questionnaire([{"code": "Q1"}, {"code": "Q2"}])
    rows = [("X", "AA"), ("X", "AD"), ("X", "BC"), ("X", "DD"), ("X", "A.")]
    s = compute_sipas(q, survey(q, ["X"], rows)).units[0].overall
    # y = satisfied answers, x = valid answers per respondent; 5 PSUs, t(0.975; 4)
    y, x = [2, 1, 1, 0, 1], [2, 2, 2, 2, 1]
    assert s.percent == Decimal("55.56")  # 5 of 9
    assert (s.low, s.high) == ratio_interval(y, x, [1] * 5, range(5))
    assert s.psus == 5
    assert s.low is not None and s.high is not None
    assert s.low < s.percent < s.high


def test_interval_with_weights_and_clusters():
    q = questionnaire([{"code": "Q1"}])
    rows = [("X", c) for c in "ABDACDBA"]
    weight = [1, 2, 1, 3, 1, 2, 2, 1]
    cluster = [0, 0, 1, 1, 2, 2, 3, 3]
    s = compute_sipas(q, survey(q, ["X"], rows, weight=weight, cluster=cluster)).units[0].overall
    y = [1 if c in "AB" else 0 for _, c in rows]
    assert s.percent == Decimal(100 * 9 / 13).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert (s.low, s.high) == ratio_interval(y, [1] * 8, weight, cluster)
    assert s.psus == 4


def test_a_mean_of_ratios_is_linearised_term_by_term():
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": COMPONENTS})
    rows = [*ROWS, ("X", "BBCDAB")]
    c = compute_sipas(q, survey(q, ["X"], rows)).units[0].components["chinh_sach"]
    # f = (R1 + R2) / 2, R1 over P1, R2 over P2+P3: z_i = Σ_a ½ (y_ia − R_a x_ia) / X_a
    y1, x1 = [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]
    y2, x2 = [2, 1, 1, 0, 1], [2, 2, 1, 2, 2]
    r1, r2_ = sum(y1) / sum(x1), sum(y2) / sum(x2)
    z = [
        0.5 * (a - r1 * b) / sum(x1) + 0.5 * (d - r2_ * e) / sum(x2)
        for a, b, d, e in zip(y1, x1, y2, x2, strict=True)
    ]
    v = 5 / 4 * sum((zi - sum(z) / 5) ** 2 for zi in z)
    f = (r1 + r2_) / 2
    half = T975[4] * math.sqrt(v)
    assert c.percent == r2(f * 100)
    assert (c.low, c.high) == (r2(max(f - half, 0) * 100), r2(min(f + half, 1) * 100))


def test_no_interval_under_two_psus_never_a_zero_width_one():
    q = questionnaire([{"code": "Q1"}, {"code": "Q2"}])
    alone = compute_sipas(q, survey(q, ["X"], [("X", "AD")])).units[0].overall
    assert alone.percent == Decimal("50.00") and alone.low is None and alone.high is None
    one_cluster = survey(q, ["X"], [("X", "AD"), ("X", "BC")], cluster=[0, 0])
    s = compute_sipas(q, one_cluster).units[0].overall
    assert s.low is None and s.high is None and s.psus == 1
    # a respondent without any valid answer is no PSU of the figure
    s = compute_sipas(q, survey(q, ["X"], [("X", "AD"), ("X", "..")])).units[0].overall
    assert s.low is None and s.psus == 1


def test_province_wide_interval_is_stratified_by_unit():
    q = questionnaire([{"code": "Q1"}])
    rows = [("X", "A"), ("X", "D"), ("X", "A"), ("Y", "B"), ("Y", "B"), ("Y", "C"), ("Z", "A")]
    result = compute_sipas(q, survey(q, ["X", "Y", "Z"], rows))
    y = [1, 0, 1, 1, 1, 0, 1]
    ratio = sum(y) / 7
    z = [(yi - ratio) / 7 for yi in y]
    variance = 0.0
    for part in (z[0:3], z[3:6]):  # Z has one PSU: no contribution, no degree of freedom
        mean = sum(part) / len(part)
        variance += len(part) / (len(part) - 1) * sum((t - mean) ** 2 for t in part)
    half = T975[4] * math.sqrt(variance)  # df = 7 PSUs − 3 strata
    assert result.overall.percent == Decimal("71.43")
    assert (result.overall.low, result.overall.high) == (
        r2(max(ratio - half, 0) * 100),
        r2(min(ratio + half, 1) * 100),
    )
    assert result.overall.psus == 7


def test_the_share_interval_covers_the_population_share_95_times_in_100():
    """2.000 samples of n = 50 from one finite population of 4.000, as 2.000 units."""
    rng = np.random.default_rng(20231221)
    n_questions, size, reps, n = 5, 4000, 2000, 50
    q = questionnaire([{"code": f"Q{k}", "aspect": "Chung"} for k in range(n_questions)])
    propensity = rng.beta(4, 1.3, size)
    population = np.empty((size, n_questions), np.int32)
    for k in range(n_questions):
        satisfied = rng.random(size) < propensity
        good = np.where(rng.random(size) < 0.5, 10_000, 6_000)
        bad = np.where(rng.random(size) < 0.6, 2_000, 0)
        column = np.where(satisfied, good, bad)
        column[rng.random(size) < 0.05] = -1
        population[:, k] = column
    truth = Decimal(int((population >= 6_000).sum()) * 100) / Decimal(int((population >= 0).sum()))
    picked = np.concatenate([rng.choice(size, n, replace=False) for _ in range(reps)])
    data = SurveyData(
        q,
        tuple(f"U{i}" for i in range(reps)),
        np.repeat(np.arange(reps), n),
        np.zeros(reps * n, np.int64),
        population[picked],
    )
    units = compute_sipas(q, data).units
    assert all(u.overall.low is not None for u in units)
    covered = sum(1 for u in units if (u.overall.low or 0) <= truth <= (u.overall.high or 0))
    assert 0.93 <= covered / reps <= 0.97


@pytest.mark.parametrize("seed", range(5))
def test_an_integer_weight_counts_like_that_many_copies_of_the_respondent(seed: int):
    rng = np.random.default_rng(seed)
    q = questionnaire(POLICY_AND_SERVICE, sipas={"model": "1001", "components": COMPONENTS})
    rows = [
        (str(rng.choice(["X", "Y"])), "".join(rng.choice(list("ABCDE."), 6))) for _ in range(30)
    ]
    weight = [int(k) for k in rng.integers(1, 4, len(rows))]
    weighted = compute_sipas(q, survey(q, ["X", "Y"], rows, weight=weight))
    copies = [row for row, k in zip(rows, weight, strict=True) for _ in range(k)]
    copied = compute_sipas(q, survey(q, ["X", "Y"], copies))
    for a, b in zip(weighted.units, copied.units, strict=True):
        assert a.unit == b.unit and a.overall.percent == b.overall.percent
        assert {k: v.percent for k, v in a.components.items()} == {
            k: v.percent for k, v in b.components.items()
        }
    assert weighted.overall.percent == copied.overall.percent
    assert weighted.weighted and not copied.weighted
