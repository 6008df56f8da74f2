"""Scoring a run: one service for files and for the web's rows."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from parindex.core.problems import InputError
from parindex.core.units import Unit
from parindex.io.frameworks import load_framework
from parindex.io.survey_responses import read_questionnaire
from parindex.services.scoring import RunInputs, ScoreValues, score
from parindex.services.survey import import_survey
from tests.conftest import DATA

SURVEY = DATA / "survey"
FRAMEWORK = load_framework(SURVEY / "framework.yaml")
UNITS = (Unit("TC", "Tiên Châu", "xã"), Unit("TH", "Tiên Hà", "xã"), Unit("TL", "Tiên Lãnh", "xã"))
SELF = {(u.code, leaf): Decimal(30 + i) for i, u in enumerate(UNITS) for leaf in ("1", "2")}


@pytest.fixture(scope="module")
def survey():
    q = read_questionnaire(SURVEY / "questionnaire.yaml")
    units = {u.code: None for u in UNITS}
    return import_survey(FRAMEWORK, q, SURVEY / "kobo.csv", units, draws=50).result


def test_the_survey_leaves_take_the_survey_points(survey):
    run = score(RunInputs(FRAMEWORK, "2023", ScoreValues(UNITS, SELF), survey=survey))
    for r in run.units:
        expected = sum((p.points for p in survey.unit_points(r.unit.code)), Decimal(0))
        assert r.survey_part.score == expected
        assert r.survey_info is not None and r.survey_info.respondents > 0


def test_points_for_another_framework_are_refused(survey):
    other = replace(survey, framework="another-framework-2023")
    with pytest.raises(InputError) as caught:
        score(
            RunInputs(
                FRAMEWORK, "2023", ScoreValues(UNITS, SELF), survey=other, survey_origin="pts.json"
            )
        )
    assert [p.message for p in caught.value.problems] == [
        "điểm điều tra tính cho bộ tiêu chí «another-framework-2023», "
        "không phải «survey-test-commune-2023»"
    ]


def test_every_missing_score_and_survey_point_is_reported_at_once(survey):
    values = {k: v for k, v in SELF.items() if k != ("TL", "2")}
    without_tl = replace(
        survey,
        units=survey.units[:2],
        points=survey.points[:2],
        respondents=survey.respondents[:2],
    )
    with pytest.raises(InputError) as caught:
        score(
            RunInputs(
                FRAMEWORK,
                "2023",
                ScoreValues(UNITS, values, unscored=[("TL", "2")]),
                survey=without_tl,
            )
        )
    found = [(p.message, p.unit, p.criterion) for p in caught.value.problems]
    assert found == [
        ("chưa có điểm", "TL", "2"),
        ("đơn vị không có trong tệp điểm điều tra xã hội học", "TL", ""),
    ]


def test_a_framework_with_survey_leaves_needs_survey_points():
    with pytest.raises(InputError) as caught:
        score(RunInputs(FRAMEWORK, "2023", ScoreValues(UNITS, SELF)))
    assert [p.message for p in caught.value.problems] == [
        "chưa nhập điểm điều tra xã hội học cho kỳ đánh giá này"
    ]


def test_points_typed_in_carry_no_sample(survey):
    typed = replace(survey, draws=0, respondents=(0, 0, 0))
    run = score(RunInputs(FRAMEWORK, "2023", ScoreValues(UNITS, SELF), survey=typed))
    assert all(r.survey_info is None for r in run.units)


def test_a_leaf_without_a_valid_answer_has_no_points(survey):
    i = survey.units.index("TH")
    rows = tuple(replace(p, points=None) if p.leaf == "8.2" else p for p in survey.points[i])
    points = (*survey.points[:i], rows, *survey.points[i + 1 :])
    with pytest.raises(InputError) as caught:
        score(
            RunInputs(
                FRAMEWORK,
                "2023",
                ScoreValues(UNITS, SELF),
                survey=replace(survey, points=points),
                survey_origin="points.json",
            )
        )
    assert [(p.message, p.file, p.unit, p.criterion) for p in caught.value.problems] == [
        ("chưa có phiếu hợp lệ cho tiêu chí này", "points.json", "TH", "8.2")
    ]


def test_a_scores_file_and_the_webs_rows_take_survey_points_by_the_same_rule(tmp_path):
    from parindex.io.survey_points import write_survey
    from parindex.services.scoring import score_files

    q = read_questionnaire(SURVEY / "questionnaire.yaml")
    two = import_survey(
        FRAMEWORK, q, SURVEY / "kobo.csv", {"TC": None, "TH": None}, drop_invalid=True, draws=0
    )
    write_survey(two.result, tmp_path / "points.json", two.counts)
    scores = tmp_path / "scores.csv"
    scores.write_text(
        "unit,criterion,score\n" + "".join(f"{u},{leaf},{v}\n" for (u, leaf), v in SELF.items()),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as from_file:
        score_files(
            str(SURVEY / "framework.yaml"),
            scores,
            SURVEY / "units.csv",
            survey=tmp_path / "points.json",
        )
    with pytest.raises(InputError) as from_rows:
        score(
            RunInputs(
                FRAMEWORK,
                "2023",
                ScoreValues(UNITS, SELF),
                survey=two.result,
                survey_origin="points.json",
            )
        )
    expected = [("đơn vị không có trong tệp điểm điều tra xã hội học", "points.json", "TL")]
    for caught in (from_file, from_rows):
        assert [(p.message, p.file, p.unit) for p in caught.value.problems] == expected
