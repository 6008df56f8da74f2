"""The design-based interval covers the true points about as often as it says (simulated, known truth)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from parindex.core.framework import parse_framework
from parindex.core.questionnaire import parse_questionnaire
from parindex.core.survey import SurveyData, compute_survey
from tests.conftest import FIVE_CLASSES

FRAMEWORK = parse_framework(
    {
        "id": "cov",
        "name": "Thử độ phủ",
        "level": "commune",
        "year": 2023,
        "classes": FIVE_CLASSES,
        "fields": [
            {
                "code": "8",
                "name": "Điều tra xã hội học",
                "source": "survey",
                "children": [{"code": "8.1", "name": "Hài lòng", "max": 25}],
            }
        ],
    }
)
QUESTIONNAIRE = parse_questionnaire(
    {
        "id": "cov",
        "name": "Phiếu",
        "groups": [{"code": "dan", "name": "Người dân"}],
        "questions": [
            {"code": "Q1", "text": "Hài lòng?", "leaf": "8.1"},
            {"code": "Q2", "text": "Đúng hẹn?", "leaf": "8.1"},
        ],
    }
)
WEIGHTS = np.array([10000, 6000, 2000, 0])


def simulate(units: int, per_unit: int, seed: int):
    rng = np.random.default_rng(seed)
    truth_p = rng.dirichlet([4, 3, 2, 1], size=units)  # each unit's true answer distribution
    truth_points = (truth_p @ WEIGHTS) / 10000 * 25
    unit = np.repeat(np.arange(units), per_unit)
    answers = np.stack(
        [WEIGHTS[[rng.choice(4, p=truth_p[u]) for u in unit]] for _ in range(2)], axis=1
    ).astype(np.int32)
    data = SurveyData(
        QUESTIONNAIRE, tuple(f"U{u}" for u in range(units)), unit, np.zeros_like(unit), answers
    )
    return truth_points, data


def test_the_95_percent_interval_covers_the_truth_about_95_percent_of_the_time():
    truth, data = simulate(units=300, per_unit=60, seed=11)
    result = compute_survey(FRAMEWORK, data, draws=400, seed=1)
    covered = [
        float(rows[0].low) <= truth[u] <= float(rows[0].high)
        for u, rows in enumerate(result.points)
    ]
    coverage = sum(covered) / len(covered)
    assert 0.90 <= coverage <= 0.985, coverage


def test_intervals_narrow_as_the_sample_grows():
    _, small = simulate(units=40, per_unit=30, seed=3)
    _, large = simulate(units=40, per_unit=480, seed=3)
    width = lambda r: np.mean([float(rows[0].high - rows[0].low) for rows in r.points])  # noqa: E731
    narrow = width(compute_survey(FRAMEWORK, large, draws=300))
    wide = width(compute_survey(FRAMEWORK, small, draws=300))
    # the width of a mean's interval shrinks like 1/√n: 16 times the sample, about a quarter the width
    assert 0.15 < narrow / wide < 0.4


def test_the_points_are_the_exact_sample_mean():
    _, data = simulate(units=5, per_unit=37, seed=9)
    result = compute_survey(FRAMEWORK, data, draws=0)
    for u, rows in enumerate(result.points):
        answers = data.answers[data.unit == u]
        mean = Decimal(int(answers.sum())) / (2 * answers.shape[0]) / 10000 * 25
        assert rows[0].points == mean.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
