"""Bounded fuzzing: a remediation plan XLSX (``remediation check --plan``) with a damaged zip,
a broken sheet XML, NaN or huge cells — read, or refused with located problems."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.importers import IMPORTERS, fuzz_one, outcome


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_plan_is_read_or_refused_with_located_problems(data):
    fuzz_one("remediation_plan", data)


def test_the_sample_plan_is_read():
    from parindex.io.remediation_plan import read_plan

    importer = IMPORTERS["remediation_plan"]
    outcome(importer, importer.seed())
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "khac-phuc.xlsx"
        path.write_bytes(importer.seed())
        plan = read_plan(path)
    assert (plan.unit, plan.period, plan.codes) == ("TC", "2023", ("3.1", "8"))
