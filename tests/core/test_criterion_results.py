"""Criterion-level results: every child of a field gets its points, applicable max, percent
and rank in the unit's block, by the same rules as the fields."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.scoring import RunResult, ScoreTable, score_run
from parindex.core.units import Unit
from tests.conftest import make_framework

FRAMEWORK = make_framework(
    [
        {
            "code": "1",
            "name": "Chỉ đạo, điều hành",
            "children": [
                {
                    "code": "1.1",
                    "name": "Kế hoạch CCHC",
                    "children": [
                        {"code": "1.1.1", "name": "Ban hành đúng hạn", "max": 1},
                        {"code": "1.1.2", "name": "Đủ nội dung", "max": 2},
                    ],
                },
                {"code": "1.2", "name": "Báo cáo CCHC", "max": 3},
            ],
        },
        {"code": "2", "name": "Thể chế", "max": 4},  # a field that is itself a leaf
        {
            "code": "3",
            "name": "Tổ chức bộ máy",
            "children": [{"code": "3.1", "name": "Sắp xếp", "max": 6}],
        },
    ]
)

SCORES = {  # unit → leaf → points (None: not applicable)
    "X": {"1.1.1": "1", "1.1.2": "1", "1.2": "3", "2": "4", "3.1": "6"},
    "Y": {"1.1.1": "0.5", "1.1.2": "1.5", "1.2": "2", "2": "3", "3.1": None},
    "Z": {"1.1.1": "1", "1.1.2": "2", "1.2": "1", "2": "2", "3.1": "3"},
    "W": {"1.1.1": "0", "1.1.2": "0", "1.2": "3", "2": "4", "3.1": "6"},
}
KINDS = {"X": "xã", "Y": "xã", "Z": "xã", "W": "phường"}


def run_of(block_by: str | None = None) -> RunResult:
    units = [Unit(code, f"Đơn vị {code}", kind=KINDS[code]) for code in SCORES]
    scores = {
        (unit, leaf): None if value is None else Decimal(value)
        for unit, row in SCORES.items()
        for leaf, value in row.items()
    }
    return score_run(ScoreTable.from_scores(FRAMEWORK, units, scores), "2024", block_by=block_by)


def test_each_field_lists_its_children_as_criteria_in_framework_order():
    result = run_of().unit("X")
    assert [(c.field, c.code, c.name) for c in result.criteria] == [
        ("1", "1.1", "Kế hoạch CCHC"),
        ("1", "1.2", "Báo cáo CCHC"),
        ("3", "3.1", "Sắp xếp"),
    ]
    assert result.criteria.of_field("2") == ()  # a leaf field has no criteria


def test_a_criterion_sums_its_sub_criteria_and_gives_percent_and_rank():
    run = run_of()
    plan = {code: run.unit(code).criteria.get("1.1") for code in "XYZW"}
    assert plan["X"].score == Decimal(2) and plan["X"].max == Decimal(3)
    assert plan["X"].percent == Decimal("66.67")  # 2/3, half-up to 2 decimals
    assert [plan[c].rank for c in "ZXYW"] == [1, 2, 2, 4]  # competition ranks (Y: 2/3 too)
    assert plan["X"].of == 4


def test_a_criterion_not_applicable_to_a_unit_has_no_percent_and_no_rank():
    run = run_of()
    merged = run.unit("Y").criteria.get("3.1")
    assert merged is not None
    assert (merged.score, merged.max, merged.percent, merged.rank) == (
        Decimal(0),
        Decimal(0),
        None,
        None,
    )
    assert not merged.assessed
    assert run.unit("Z").criteria.get("3.1").rank == 3  # X and W at 100% above it


def test_criteria_are_ranked_within_the_units_block():
    run = run_of(block_by="kind")
    report = {code: run.unit(code).criteria.get("1.2") for code in "XYZW"}
    assert (report["X"].rank, report["X"].of) == (1, 3)
    assert (report["W"].rank, report["W"].of) == (1, 1)  # alone in the block of phường
    assert (report["Z"].rank, report["Y"].rank) == (3, 2)


def leaf_points(maximum: Decimal) -> st.SearchStrategy[Decimal | None]:
    quarters = int(maximum * 4)
    return st.one_of(
        st.none(), st.integers(min_value=0, max_value=quarters).map(lambda q: Decimal(q) / 4)
    )


rows = st.tuples(*(leaf_points(leaf.max) for leaf in FRAMEWORK.leaves)).filter(
    lambda row: any(v is not None for v in row)
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(rows, min_size=1, max_size=12),
    st.lists(st.sampled_from(["xã", "phường"]), min_size=12, max_size=12),
)
def test_criteria_add_up_to_their_field_and_rank_like_fields(unit_rows, kinds):
    units = [Unit(f"U{i:02d}", f"Đơn vị {i}", kind=kinds[i]) for i in range(len(unit_rows))]
    scores = {
        (u.code, leaf.code): value
        for u, row in zip(units, unit_rows, strict=True)
        for leaf, value in zip(FRAMEWORK.leaves, row, strict=True)
    }
    run = score_run(ScoreTable.from_scores(FRAMEWORK, units, scores), "2024", block_by="kind")
    for result in run.units:
        for f in result.fields:
            criteria = result.criteria.of_field(f.code)
            if not criteria:
                continue
            assert sum((c.score for c in criteria), Decimal(0)) == f.score
            assert sum((c.max for c in criteria), Decimal(0)) == f.max
        for c in result.criteria:
            peers = [r.criteria.get(c.code) for r in run.units if r.block == result.block]
            if c.max == 0:
                assert (c.percent, c.rank) == (None, None)
                continue
            exact = (c.score / c.max * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert c.percent == exact
            above = sum(1 for p in peers if p is not None and p.max and p.percent > c.percent)
            assert c.rank == 1 + above
            assert c.of == len(peers)
