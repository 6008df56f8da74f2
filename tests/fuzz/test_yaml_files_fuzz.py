"""Bounded fuzzing: YAML inputs (a framework, a scheme, a questionnaire, a mapping) damaged, with .nan/.inf, deep nesting, aliases, another encoding — each one read, or refused with located problems; never another
exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import fuzz_one


@pytest.mark.parametrize("importer", ["framework_yaml", "questionnaire", "mapping", "letterhead"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_file_is_read_or_refused_with_located_problems(importer, data):
    fuzz_one(importer, data)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_scheme_is_read_or_refused_with_located_problems(data):
    fuzz_one("scheme_yaml", data)  # few examples: each loads two shipped frameworks
