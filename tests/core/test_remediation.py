"""Findings from lost points, on the demo's published runs, and the recovery a year later."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.remediation import (
    NOT_COMPARABLE,
    NOT_RECOVERED,
    PARTLY,
    RECOVERED,
    assessed_criteria,
    findings_of,
    recovery,
    remediation,
    status_of,
    successor,
)
from parindex.io.results_json import read_results
from tests.remediation_demo import demo_results

RUNS = [
    "districts-2023",
    "districts-2024",
    "communes-2023",
    "communes-2024",
    "scheme-2025/lamson-commune-2025",
    "scheme-2025/lamson-department-2025",
]

ZERO = Decimal(0)


def run(name: str):  # type: ignore[no-untyped-def]
    return read_results(demo_results() / name / "results.json")


@pytest.mark.parametrize("name", RUNS)
def test_findings_come_largest_loss_first_ties_in_framework_order(name):
    published = run(name)
    for unit in published.units:
        found = findings_of(unit)
        order = [a.code for a in assessed_criteria(unit)]
        keys = [(-f.lost, order.index(f.code)) for f in found.findings]
        assert keys == sorted(keys), unit.code
        assert all(f.lost == f.max - f.score > 0 for f in found.findings)


@pytest.mark.parametrize("name", RUNS)
def test_points_lost_add_up_to_max_minus_score_plus_bonus_minus_penalty(name):
    """Over the assessed criteria, the points lost are exactly the unit's max − score, with
    the bonus given back and the penalty taken away (they are not criteria)."""
    for unit in run(name).units:
        total = findings_of(unit).lost_total
        assert total == unit.max - unit.score + (unit.bonus or ZERO) - (unit.penalty or ZERO)


def test_a_criterion_that_does_not_apply_is_no_finding():
    published = run("communes-2023")
    units = [u for u in published.units if any(not c.assessed for c in u.criteria)]
    assert units, "the demo has communes with criteria that do not apply (KĐG)"
    for unit in units:
        not_applicable = {c.code for c in unit.criteria if not c.assessed}
        codes = {f.code for f in findings_of(unit).findings}
        assert not codes & not_applicable


def test_without_published_criteria_the_fields_are_the_findings():
    """A results.json written before criteria were published: the finest level with a name, a
    max and a score is the field."""
    from dataclasses import replace

    from parindex.core.results import NO_CRITERIA

    unit = run("districts-2023").units[-1]
    bare = replace(unit, criteria=NO_CRITERIA)
    found = findings_of(bare)
    assert found.findings
    assert {f.code for f in found.findings} <= {f.code for f in unit.fields}
    assert found.lost_total == findings_of(unit).lost_total == unit.max - unit.score


def test_only_the_unit_asked_for():
    published = run("districts-2023")
    code = published.units[3].code
    (found,) = remediation(published, [code])
    assert found.unit == code and found.period == "2023"
    with pytest.raises(KeyError):
        remediation(published, ["NO-SUCH"])


def test_statuses():
    assert status_of(Decimal(2), ZERO) == RECOVERED
    assert status_of(Decimal(2), Decimal("0.5")) == PARTLY
    assert status_of(Decimal(2), Decimal(2)) == NOT_RECOVERED
    assert status_of(Decimal(2), Decimal(3)) == NOT_RECOVERED
    assert status_of(Decimal(2), None) == NOT_COMPARABLE


def test_recovery_across_years_matches_units_by_code_and_by_merger():
    before, now = run("communes-2023"), run("communes-2024")
    merged = next(u for u in now.units if len(u.predecessors) > 1)
    for code in merged.predecessors:
        assert successor(now, code) is merged
    kept = next(u for u in before.units if now.has_unit(u.code))
    assert successor(now, kept.code) is now.unit(kept.code)

    found = findings_of(kept)
    result = recovery(kept, [f.code for f in found.findings], successor(now, kept.code))
    assert result.lost_before == found.lost_total
    for item in result.items:
        crit = now.unit(kept.code).criteria.get(item.code)
        assert crit is not None
        assert item.lost_now == crit.max - crit.score
        assert item.status == status_of(item.lost_before, item.lost_now)
    assert result.recovered_points == result.lost_before - result.lost_now
    assert sum(result.count(s) for s in (RECOVERED, PARTLY, NOT_RECOVERED)) == len(result.items)


def test_a_unit_with_no_successor_is_not_comparable():
    before = run("communes-2023")
    unit = before.units[0]
    codes = [f.code for f in findings_of(unit).findings]
    result = recovery(unit, codes, None)
    assert all(r.status == NOT_COMPARABLE for r in result.items)
    assert result.lost_now == ZERO and result.recovered_points == ZERO
