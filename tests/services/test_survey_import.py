"""Importing a survey: the same path for the command line, the demo and the web."""

from __future__ import annotations

import pytest

from parindex.core.problems import InputError
from parindex.io.frameworks import load_framework, resolve_framework
from parindex.io.survey_responses import read_questionnaire
from parindex.services.survey import check_questionnaire, import_survey, populations
from tests.conftest import DATA

SURVEY = DATA / "survey"
FRAMEWORK = load_framework(SURVEY / "framework.yaml")
QUESTIONNAIRE = read_questionnaire(SURVEY / "questionnaire.yaml")


def required(result):
    return {code: {p.required for p in result.unit_points(code)} for code in result.units}


def test_a_known_population_sets_the_minimum_sample_n_over_1_plus_n_e2():
    units = {"TC": 1000, "TH": 20, "TL": None}  # 1000/(1+1000·0,05²) → 286; 20/(1+0,05) → 20
    survey = import_survey(FRAMEWORK, QUESTIONNAIRE, SURVEY / "kobo.csv", units, draws=0)
    assert required(survey.result) == {"TC": {286}, "TH": {20}, "TL": {30}}
    assert {row.unit for row in survey.under_minimum} == {"TC", "TH", "TL"}


def test_without_units_any_unit_named_counts_with_the_questionnaires_minimum():
    survey = import_survey(FRAMEWORK, QUESTIONNAIRE, SURVEY / "kobo.csv", None, draws=0)
    assert set(survey.result.units) == {"TC", "TH", "TL"}
    assert set().union(*required(survey.result).values()) == {30}
    assert survey.counts == {"read": 42, "kept": 42, "rejected": 0}


def test_the_row_report_keeps_the_good_rows_and_lists_the_bad_ones():
    units = dict.fromkeys(("TC", "TH", "TL"))
    survey = import_survey(
        FRAMEWORK, QUESTIONNAIRE, SURVEY / "bad-rows.csv", units, drop_invalid=True, draws=0
    )
    counts = survey.counts
    assert counts["rejected"] > 0 and counts["read"] == counts["kept"] + counts["rejected"]
    assert survey.responses.rejected


def test_a_questionnaire_that_does_not_feed_the_framework_is_refused():
    other = resolve_framework("lamdong-district-2022")
    with pytest.raises(InputError) as caught:
        check_questionnaire(QUESTIONNAIRE, other, "phieu.yaml")
    assert all(p.file == "phieu.yaml" for p in caught.value.problems)


def test_populations_leaves_out_the_units_whose_n_is_unknown():
    assert populations({"TC": 1000, "TH": None}) == {"TC": 1000}
    assert populations(None) == {}
