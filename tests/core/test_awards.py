"""Award proposals and the leaders' rating, by the province's rule, on the demo's published runs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.awards import AwardRule, LeaderRule, award_proposals, leader_ratings
from parindex.io.results_json import read_results
from tests.remediation_demo import demo_results

RUNS = ["districts-2024", "communes-2024", "scheme-2025/lamson-commune-2025"]


def run(name: str):  # type: ignore[no-untyped-def]
    return read_results(demo_results() / name / "results.json")


@pytest.mark.parametrize("name", RUNS)
def test_the_top_three_of_each_block_in_the_best_class_are_proposed(name: str) -> None:
    published = run(name)
    best = published.class_labels()[0]
    rule = AwardRule(classes=(best,), max_rank=3)
    proposed = {p.unit.code for p in award_proposals(published, rule)}
    expected = {u.code for u in published.units if u.class_label == best and u.rank <= 3}
    assert proposed == expected


def test_proposals_are_listed_block_by_block_best_placed_first() -> None:
    published = run("communes-2024")
    proposals = award_proposals(published, AwardRule(max_rank=2))
    keys = [(published.block_position(p.block), p.unit.rank) for p in proposals]
    assert keys == sorted(keys)
    assert {p.block for p in proposals} == {g.label for g in published.groups}


def test_a_rule_without_class_or_place_proposes_everyone() -> None:
    published = run("districts-2024")
    assert len(award_proposals(published, AwardRule())) == len(published.units)


@pytest.mark.parametrize("name", RUNS)
def test_leaders_of_units_at_or_above_their_blocks_average_get_the_rule_s_points(
    name: str,
) -> None:
    published = run(name)
    rule = LeaderRule(at_or_above=Decimal(2), below=Decimal(0))
    ratings = leader_ratings(published, rule)
    assert [r.unit.code for r in ratings] == published.codes()
    averages = {g.label: g.average for g in published.groups}
    for rating in ratings:
        unit = rating.unit
        average = averages[unit.block if published.blocked else None]
        assert rating.average == average
        assert rating.points == (Decimal(2) if unit.index >= average else Decimal(0))
    assert {r.points for r in ratings} == {Decimal(2), Decimal(0)}


def test_the_rule_s_points_are_the_province_s_own() -> None:
    ratings = leader_ratings(run("districts-2024"), LeaderRule(Decimal("1.5"), Decimal("-0.5")))
    assert {r.points for r in ratings} == {Decimal("1.5"), Decimal("-0.5")}
