"""The "95%" intervals cover the truth about 95% of the time, in the designs provinces use.

Each scenario simulates many surveys of a known population at once: every replication
is its own unit of one SurveyData, so one computation gives thousands of intervals.
Seeded and bounded; the Monte Carlo error of 3.000 intervals is about ±0,8 points at
two standard errors, so coverage must fall between 93% and 97%.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from parindex.core.framework import parse_framework
from parindex.core.questionnaire import parse_questionnaire
from parindex.core.ranking import competition_rank
from parindex.core.scoring import ScoreTable, score_run
from parindex.core.survey import NO_ANSWER, SurveyData, SurveyResult, compute_survey
from parindex.core.uncertainty import rank_intervals
from parindex.core.units import Unit
from tests.conftest import FIVE_CLASSES

FRAMEWORK = parse_framework(
    {
        "id": "cov",
        "name": "Thử độ phủ",
        "level": "commune",
        "year": 2026,
        "classes": FIVE_CLASSES,
        "fields": [
            {"code": "1", "name": "Tự đánh giá", "max": 75},
            {
                "code": "8",
                "name": "Điều tra xã hội học",
                "source": "survey",
                "children": [{"code": "8.1", "name": "Hài lòng", "max": 25}],
            },
        ],
    }
)
ONE_GROUP = parse_questionnaire(
    {
        "id": "cov",
        "name": "Phiếu",
        "groups": [{"code": "dan", "name": "Người dân"}],
        "questions": [{"code": "Q1", "text": "Ông/bà có hài lòng?", "leaf": "8.1"}],
    }
)
TWO_GROUPS = parse_questionnaire(
    {
        "id": "cov2",
        "name": "Phiếu",
        "groups": [
            {"code": "dan", "name": "Người dân", "weight": 2},
            {"code": "dn", "name": "Doanh nghiệp", "weight": 1},
        ],
        "questions": [{"code": "Q1", "text": "Ông/bà có hài lòng?", "leaf": "8.1"}],
    }
)
OPTION_VALUES = np.array([10000, 6000, 2000, 0])  # A, B, C, D
SHARES = np.array([0.3, 0.35, 0.2, 0.15])  # how the population answers
TRUTH = float(SHARES @ OPTION_VALUES) / 10000 * 25  # the leaf's true points
REPLICATIONS = 3000


def units(n: int) -> tuple[str, ...]:
    return tuple(f"X{i:04d}" for i in range(n))


def answers(rng: np.random.Generator, size: int, shares: np.ndarray = SHARES) -> np.ndarray:
    return OPTION_VALUES[rng.choice(4, size=size, p=shares)]


def coverage(result: SurveyResult, truth: float | np.ndarray) -> float:
    truths = np.broadcast_to(truth, len(result.points))
    covered = [
        rows[0].low is not None and float(rows[0].low) <= t <= float(rows[0].high)
        for rows, t in zip(result.points, truths, strict=True)
    ]
    return float(np.mean(covered))


def simple_random(n: int, answered: float = 1.0, seed: int = 1) -> SurveyData:
    rng = np.random.default_rng(seed)
    unit = np.repeat(np.arange(REPLICATIONS), n)
    values = answers(rng, unit.size)
    if answered < 1:
        values = np.where(rng.random(unit.size) < answered, values, NO_ANSWER)
    return SurveyData(
        ONE_GROUP, units(REPLICATIONS), unit, np.zeros_like(unit), values[:, None].astype(np.int32)
    )


@pytest.mark.parametrize("n", [100, 30, 8])
def test_a_simple_random_sample_of_n_respondents_is_covered_95_percent_of_the_time(n):
    result = compute_survey(FRAMEWORK, simple_random(n), draws=0)
    assert 0.93 <= coverage(result, TRUTH) <= 0.97


def test_a_leaf_answered_by_30_percent_of_respondents_gets_an_honest_wide_interval():
    partly = compute_survey(FRAMEWORK, simple_random(100, answered=0.3), draws=0)
    assert 0.93 <= coverage(partly, TRUTH) <= 0.97
    full = compute_survey(FRAMEWORK, simple_random(100), draws=0)
    width = lambda r: np.mean([float(rows[0].high - rows[0].low) for rows in r.points])  # noqa: E731
    # 30 answers instead of 100: about √(100/30) ≈ 1,8 times as wide, not narrower
    assert 1.6 < width(partly) / width(full) < 2.1


def test_a_group_surveyed_at_80_percent_of_its_population_uses_the_finite_correction():
    rng = np.random.default_rng(5)
    population = answers(rng, 50)
    truth = float(population.mean()) / 10000 * 25
    sample = np.concatenate(
        [rng.choice(population, size=40, replace=False) for _ in range(REPLICATIONS)]
    )
    unit = np.repeat(np.arange(REPLICATIONS), 40)
    data = SurveyData(
        ONE_GROUP, units(REPLICATIONS), unit, np.zeros_like(unit), sample[:, None].astype(np.int32)
    )
    corrected = compute_survey(
        FRAMEWORK, data, draws=0, group_populations={(u, "dan"): 50 for u in data.units}
    )
    assert 0.93 <= coverage(corrected, truth) <= 0.97
    # without the population the interval is far too wide: it covers (almost) always
    assert coverage(compute_survey(FRAMEWORK, data, draws=0), truth) > 0.99


def clustered(declared: bool, seed: int = 7) -> SurveyData:
    """10 days at the one-stop desk per unit, 10 respondents a day; each day answers differently."""
    rng = np.random.default_rng(seed)
    days, per_day = 10, 10
    unit = np.repeat(np.arange(REPLICATIONS), days * per_day)
    day = np.tile(np.repeat(np.arange(days), per_day), REPLICATIONS)
    day_shares = rng.dirichlet(SHARES * 8, size=REPLICATIONS * days)  # mean: SHARES
    values = np.concatenate([answers(rng, per_day, shares) for shares in day_shares])
    return SurveyData(
        ONE_GROUP,
        units(REPLICATIONS),
        unit,
        np.zeros_like(unit),
        values[:, None].astype(np.int32),
        cluster=day.astype(np.int64) if declared else None,
        clusters=tuple(f"ngày {d + 1}" for d in range(days)) if declared else (),
    )


def test_clustered_respondents_declared_as_clusters_are_covered_95_percent_of_the_time():
    assert 0.93 <= coverage(compute_survey(FRAMEWORK, clustered(True), draws=0), TRUTH) <= 0.97
    # the same answers read as a simple random sample: the interval is too narrow
    assert coverage(compute_survey(FRAMEWORK, clustered(False), draws=0), TRUTH) < 0.88


def test_two_weighted_groups_of_unequal_size_are_covered_95_percent_of_the_time():
    rng = np.random.default_rng(11)
    business_shares = np.array([0.1, 0.3, 0.4, 0.2])
    truth = (2 * TRUTH + float(business_shares @ OPTION_VALUES) / 10000 * 25) / 3
    per_unit = [(0, 40), (1, 12)]  # 40 residents, 12 businesses
    unit = np.repeat(np.arange(REPLICATIONS), 52)
    group = np.tile(np.repeat([g for g, n in per_unit], [n for g, n in per_unit]), REPLICATIONS)
    values = np.where(group == 0, answers(rng, unit.size), answers(rng, unit.size, business_shares))
    data = SurveyData(
        TWO_GROUPS, units(REPLICATIONS), unit, group, values[:, None].astype(np.int32)
    )
    assert 0.93 <= coverage(compute_survey(FRAMEWORK, data, draws=0), truth) <= 0.97


def test_a_single_respondent_gives_no_interval_rather_than_a_zero_wide_one():
    result = compute_survey(FRAMEWORK, simple_random(1), draws=200)
    assert all(rows[0].points is not None and rows[0].low is None for rows in result.points)
    assert all(low is None for low in result.total_low)


def rank_coverage(shares: tuple[float, ...], blocks: int = 120, n: int = 100) -> float:
    """How often each unit's 95% rank interval holds its true rank within its block."""
    rng = np.random.default_rng(3)
    codes = [f"K{b:03d}X{k}" for b in range(blocks) for k in range(len(shares))]
    unit = np.repeat(np.arange(len(codes)), n)
    values = np.where(rng.random(unit.size) < np.tile(shares, blocks)[unit], 10000, 0)
    data = SurveyData(ONE_GROUP, tuple(codes), unit, np.zeros_like(unit), values[:, None])
    survey = compute_survey(FRAMEWORK, data, draws=400, seed=3)
    scores = {}
    for i, code in enumerate(codes):
        scores[(code, "1")] = Decimal(60)
        scores[(code, "8.1")] = survey.points[i][0].points
    table = ScoreTable.from_scores(
        FRAMEWORK, [Unit(c, f"Xã {c}", parent=c[:4]) for c in codes], scores
    )
    intervals = rank_intervals(score_run(table, "2026", block_by="parent"), survey)
    true_rank = competition_rank(np.array(shares))
    covered = [intervals[c][0] <= true_rank[int(c[-1])] <= intervals[c][1] for c in codes]
    return float(np.mean(covered))


def test_rank_intervals_of_close_neighbours_hold_the_true_rank_95_percent_of_the_time():
    assert 0.93 <= rank_coverage((0.5, 0.51, 0.52, 0.53, 0.54, 0.55)) <= 0.97


def test_rank_intervals_of_units_further_apart_hold_the_true_rank_at_least_as_often():
    # ranks are discrete and the interval holds the published rank: it can only over-cover
    assert rank_coverage((0.5, 0.53, 0.56, 0.6, 0.63, 0.66)) >= 0.93


def test_a_unit_without_a_spread_is_held_at_its_points_in_the_draws_and_gets_no_rank_interval():
    rng = np.random.default_rng(2)
    unit = np.array([0] + [1] * 50 + [2] * 50)  # X0000 has one respondent
    values = answers(rng, unit.size)[:, None].astype(np.int32)
    data = SurveyData(ONE_GROUP, units(3), unit, np.zeros_like(unit), values)
    survey = compute_survey(FRAMEWORK, data, draws=200)
    assert np.isfinite(survey.total_draws).all()
    assert set(survey.total_draws[:, 0].tolist()) == {float(survey.points[0][0].points)}
    scores = {(c, "1"): Decimal(60) for c in data.units}
    scores.update({(c, "8.1"): survey.points[i][0].points for i, c in enumerate(data.units)})
    table = ScoreTable.from_scores(FRAMEWORK, [Unit(c, f"Xã {c}") for c in data.units], scores)
    intervals = rank_intervals(score_run(table, "2026"), survey)
    assert "X0000" not in intervals and {"X0001", "X0002"} <= set(intervals)
