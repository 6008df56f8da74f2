"""Bounded fuzzing of a plan's task table and its progress table (XLSX, and the task table as a Word annex; issue 14): a damaged
zip, a broken sheet, NaN or huge cells — read, or refused with located problems."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import fuzz_one


@pytest.mark.parametrize("importer", ["plan_xlsx", "progress_xlsx", "plan_docx"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_plan_file_is_read_or_refused_with_located_problems(importer, data):
    fuzz_one(importer, data)
