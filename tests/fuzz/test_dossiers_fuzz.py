"""Bounded fuzzing of the one-stop register (issue 15): a mutated export is read, or refused
with located problems — never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import fuzz_one


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_register_is_read_or_refused_with_located_problems(data):
    fuzz_one("dossiers_csv", data)
