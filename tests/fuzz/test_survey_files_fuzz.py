"""Bounded fuzzing: Survey points (points.json and its .npz draws) and the exports of the survey tools, damaged — each one read, or refused with located problems; never another
exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import fuzz_one


@pytest.mark.parametrize(
    "importer",
    [
        "points_json",
        "draws_npz",
        "survey_plain",
        "survey_kobo_csv",
        "survey_odk",
        "survey_limesurvey",
        "survey_googleforms",
        "survey_odk_repeat",
        "survey_wide_repeat",
        "survey_qualtrics",
        "survey_kobo_labels",
        "survey_googleforms_other",
        "survey_design",
    ],
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_file_is_read_or_refused_with_located_problems(importer, data):
    fuzz_one(importer, data)
