"""Properties of scoring that hold for any scores: exact sums, half-up rounding, ranks, N/A."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.scoring import ScoreTable, score_run
from parindex.core.units import Unit
from tests.conftest import make_framework

FRAMEWORK = make_framework(
    [
        {
            "code": "1",
            "name": "Chỉ đạo",
            "children": [
                {"code": "1.1", "name": "Kế hoạch", "max": Decimal("2.5")},
                {"code": "1.2", "name": "Báo cáo", "max": Decimal("0.75")},
            ],
        },
        {"code": "2", "name": "Thể chế", "max": Decimal("16.5")},
        {"code": "3", "name": "Điều tra xã hội học", "max": Decimal("31.5"), "source": "survey"},
    ]
)
LEAVES = FRAMEWORK.leaves


def leaf_score(maximum: Decimal):
    cents = int(maximum * 100)
    return st.one_of(
        st.none(),
        st.integers(min_value=0, max_value=cents).map(lambda c: Decimal(c) / 100),
    )


unit_rows = st.tuples(*(leaf_score(leaf.max) for leaf in LEAVES)).filter(
    lambda row: any(v is not None for v in row)
)
tables = st.lists(unit_rows, min_size=1, max_size=25)
kinds = st.lists(st.sampled_from(["xã", "phường"]), min_size=25, max_size=25)


def build(rows, unit_kinds=None):
    units = [
        Unit(f"U{i:02d}", f"Đơn vị {i}", kind=(unit_kinds or [""] * 25)[i])
        for i in range(len(rows))
    ]
    scores = {
        (u.code, leaf.code): value
        for u, row in zip(units, rows, strict=True)
        for leaf, value in zip(LEAVES, row, strict=True)
    }
    return ScoreTable.from_scores(FRAMEWORK, units, scores)


def reference_index(row) -> Decimal:
    points = sum((v for v in row if v is not None), Decimal(0))
    maximum = sum(
        (leaf.max for leaf, v in zip(LEAVES, row, strict=True) if v is not None), Decimal(0)
    )
    return (points / maximum * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_the_index_is_exact_decimal_arithmetic_rounded_half_up(rows):
    run = score_run(build(rows), "2023")
    for i, row in enumerate(rows):
        assert run.unit(f"U{i:02d}").index == reference_index(row)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_points_add_up_across_fields_and_parts(rows):
    run = score_run(build(rows), "2023")
    for result in run.units:
        assert result.score == sum((f.score for f in result.fields), Decimal(0))
        assert result.max == sum((f.max for f in result.fields), Decimal(0))
        survey = result.survey_part
        assert result.score == result.self_part.score + survey.score
        assert result.max == result.self_part.max + survey.max
        for f in result.fields:
            assert 0 <= f.score <= f.max
            assert f.at_max == (f.max > 0 and f.score == f.max)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_a_not_applicable_leaf_removes_its_max_and_nothing_else(rows):
    run = score_run(build(rows), "2023")
    for i, row in enumerate(rows):
        result = run.unit(f"U{i:02d}")
        expected_max = sum(
            (leaf.max for leaf, v in zip(LEAVES, row, strict=True) if v is not None), Decimal(0)
        )
        assert result.max == expected_max
        assert result.not_applicable == tuple(
            leaf.code for leaf, v in zip(LEAVES, row, strict=True) if v is None
        )


@settings(max_examples=150, deadline=None)
@given(tables, kinds)
def test_a_rank_is_one_more_than_the_units_above_it_in_its_block(rows, unit_kinds):
    run = score_run(build(rows, unit_kinds), "2023", block_by="kind")
    for result in run.units:
        peers = [r for r in run.units if r.block == result.block]
        assert result.rank == 1 + sum(1 for r in peers if r.index > result.index)
        assert result.of == len(peers)
        same_class = [r for r in peers if r.class_label == result.class_label]
        assert result.class_size == len(same_class)
        assert result.class_rank == 1 + sum(1 for r in same_class if r.index > result.index)
    assert sum(b.of for b in run.blocks) == len(rows)


@settings(max_examples=100, deadline=None)
@given(tables)
def test_units_come_out_in_rank_order_and_classes_partition_them(rows):
    run = score_run(build(rows), "2023")
    ranks = [r.rank for r in run.units]
    assert ranks == sorted(ranks)
    listed = [code for _, codes in run.overall.classes for code in codes]
    assert sorted(listed) == sorted(r.unit.code for r in run.units)
    assert len(run.overall.above) + len(run.overall.below) + len(run.overall.at) == len(rows)
