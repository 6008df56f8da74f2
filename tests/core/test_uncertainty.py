"""Rank intervals: how sure a rank is, given the survey's sampling error."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from parindex.core.framework import parse_framework
from parindex.core.narrative import render_report
from parindex.core.questionnaire import parse_questionnaire
from parindex.core.scoring import ScoreTable, score_run
from parindex.core.survey import SurveyData, compute_survey
from parindex.core.uncertainty import attach_survey, rank_intervals, unsettled
from parindex.core.units import Unit
from tests.conftest import FIVE_CLASSES

FRAMEWORK = parse_framework(
    {
        "id": "ri",
        "name": "Thử",
        "level": "commune",
        "year": 2023,
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
Q = parse_questionnaire(
    {
        "id": "ri",
        "name": "Phiếu",
        "groups": [{"code": "dan", "name": "Dân"}],
        "questions": [{"code": "Q1", "text": "?", "leaf": "8.1"}],
    }
)


def run_with_survey(
    self_points: dict[str, str], answer_share: dict[str, float], per_unit=200, seed=4
):
    rng = np.random.default_rng(seed)
    codes = list(self_points)
    unit = np.repeat(np.arange(len(codes)), per_unit)
    answers = np.where(
        rng.random(unit.size) < np.array([answer_share[c] for c in codes])[unit], 10000, 0
    )
    data = SurveyData(Q, tuple(codes), unit, np.zeros_like(unit), answers[:, None].astype(np.int32))
    survey = compute_survey(FRAMEWORK, data, draws=400, seed=seed)
    scores = {}
    for i, code in enumerate(codes):
        scores[(code, "1")] = Decimal(self_points[code])
        scores[(code, "8.1")] = survey.points[i][0].points
    table = ScoreTable.from_scores(FRAMEWORK, [Unit(c, f"Xã {c}", kind="") for c in codes], scores)
    return score_run(table, "2023"), survey


def test_units_far_apart_have_settled_ranks_and_close_ones_do_not():
    run, survey = run_with_survey(
        {"A": "74", "B": "60", "C": "60", "D": "40"},
        {"A": 0.95, "B": 0.6, "C": 0.6, "D": 0.1},
    )
    intervals = rank_intervals(run, survey)
    assert intervals["A"] == (1, 1)
    assert intervals["D"] == (4, 4)
    assert intervals["B"] == (2, 3) and intervals["C"] == (2, 3)
    assert sorted(unsettled(intervals)) == ["B", "C"]


def test_the_interval_always_holds_the_published_rank():
    run, survey = run_with_survey(
        {c: "60" for c in "ABCDEF"},
        dict(zip("ABCDEF", [0.5, 0.52, 0.55, 0.6, 0.62, 0.65], strict=True)),
        per_unit=30,
    )
    intervals = rank_intervals(run, survey)
    for result in run.units:
        low, high = intervals[result.unit.code]
        assert low <= result.rank <= high


def test_the_narrative_gives_the_interval_and_lists_the_unsettled_units():
    run, survey = run_with_survey(
        {"A": "74", "B": "60", "C": "60", "D": "40"}, {"A": 0.95, "B": 0.6, "C": 0.6, "D": 0.1}
    )
    run = attach_survey(run, survey)
    report = render_report(run)
    b = run.unit("B")
    assert b.rank_interval == (2, 3) and b.survey_info.respondents == 200
    assert f"xếp thứ {b.rank}/4 (khoảng tin cậy 95%: 2–3)" in report
    assert "vị thứ của 02 đơn vị chưa thể phân định chắc chắn" in report
    assert "xếp thứ 1/4, xếp loại" in report  # a settled rank has no interval
    assert "200 phiếu khảo sát, khoảng tin cậy 95%:" in report
    assert sorted(run.unsettled) == ["B", "C"]
