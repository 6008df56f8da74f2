"""Bounded fuzzing: XLSX inputs (the annex table, the fill-in template, the units, a KoBo export, a KoBo export with a repeat sheet) with a damaged zip, a broken sheet XML, NaN or huge cells — each one read, or refused with located problems; never another
exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import fuzz_one


@pytest.mark.parametrize(
    "importer",
    [
        "framework_xlsx",
        "scores_xlsx",
        "units_xlsx",
        "roster_units",
        "survey_kobo_xlsx",
        "survey_kobo_repeat_xlsx",
    ],
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_file_is_read_or_refused_with_located_problems(importer, data):
    fuzz_one(importer, data)
