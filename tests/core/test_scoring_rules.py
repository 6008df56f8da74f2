"""The rules of the index as tables: rounding, ranking, classes, not applicable, parts, blocks."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from parindex.core.problems import InputError
from parindex.core.scoring import ScoreTable, average_index, competition_rank, score_run
from parindex.core.units import Unit
from tests.conftest import D, make_framework

FIELDS = [
    {
        "code": "1",
        "name": "Chỉ đạo",
        "children": [
            {"code": "1.1", "name": "Kế hoạch", "max": 20},
            {"code": "1.2", "name": "Báo cáo", "max": 20},
        ],
    },
    {"code": "2", "name": "Thể chế", "max": 30},
    {"code": "3", "name": "Điều tra xã hội học", "max": 30, "source": "survey"},
]


def run_of(rows: dict[str, tuple], block_by=None, kinds=None, fields=FIELDS, **fw):
    framework = make_framework(fields, **fw)
    leaves = [leaf.code for leaf in framework.leaves]
    units = [Unit(code, code, kind=(kinds or {}).get(code, "")) for code in rows]
    scores = {}
    for code, values in rows.items():
        for leaf, value in zip(leaves, values, strict=True):
            scores[(code, leaf)] = None if value is None else D(str(value))
    return score_run(
        ScoreTable.from_scores(framework, units, scores), period="2023", block_by=block_by
    )


@pytest.mark.parametrize(
    ("keys", "ranks"),
    [
        ([90, 85, 85, 70], [1, 2, 2, 4]),
        ([1, 1, 1], [1, 1, 1]),
        ([10, 20, 30], [3, 2, 1]),
        ([5], [1]),
    ],
)
def test_ranks_are_standard_competition_ranks(keys, ranks):
    assert competition_rank(np.array(keys, dtype=np.int64)).tolist() == ranks


@pytest.mark.parametrize(
    ("points", "maximum", "index"),
    [
        ("83.045", "100", "83.05"),  # half-up, not half-even
        ("83.055", "100", "83.06"),
        ("83.0449", "100", "83.04"),
        ("2", "3", "66.67"),
        ("1", "3", "33.33"),
        ("10", "11", "90.91"),
        ("0", "5", "0.00"),
    ],
)
def test_the_index_is_rounded_half_up_to_two_decimals(points, maximum, index):
    framework = make_framework([{"code": "1", "name": "A", "max": Decimal(maximum)}])
    table = ScoreTable.from_scores(framework, [Unit("X", "X")], {("X", "1"): D(points)})
    assert score_run(table, "2023").units[0].index == D(index)


def test_units_that_publish_the_same_index_share_a_rank():
    run = run_of(
        {
            "A": (20, 20, 30, 20),  # 90
            "B": (20, 15, 30, 20),  # 85
            "C": (15, 20, 30, 20),  # 85
            "D": (10, 10, 30, 20),  # 70
        }
    )
    assert [(u.unit.code, u.rank) for u in run.units] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_a_not_applicable_leaf_leaves_both_points_and_max():
    run = run_of({"A": (20, None, 30, 20), "B": (20, 20, 30, 20)})
    a = run.unit("A")
    assert (a.score, a.max, a.index) == (D(70), D(80), D("87.50"))
    assert a.not_applicable == ("1.2",)
    assert a.fields[0].max == 20 and a.fields[0].percent == 100 and a.fields[0].at_max


def test_a_field_with_no_applicable_leaf_has_no_percent_or_rank():
    fields = [{"code": "1", "name": "A", "max": 10}, {"code": "2", "name": "B", "max": 10}]
    run = run_of({"X": (None, 5), "Y": (10, 10)}, fields=fields)
    x = run.unit("X")
    assert (x.fields[0].percent, x.fields[0].rank, x.fields[0].weak, x.fields[0].at_max) == (
        None,
        None,
        False,
        False,
    )
    assert x.index == 50


def test_a_unit_with_nothing_applicable_is_an_error():
    fields = [{"code": "1", "name": "A", "max": 10}]
    with pytest.raises(InputError, match="tất cả đều KĐG"):
        run_of({"X": (None,), "Y": (1,)}, fields=fields)


def test_parts_split_the_index_by_source():
    run = run_of({"A": (20, 15, 28.16, 19.89)})
    a = run.unit("A")
    assert (a.self_part.score, a.self_part.max) == (D("63.16"), D(70))
    assert (a.survey_part.score, a.survey_part.max, a.survey_part.rank) == (D("19.89"), D(30), 1)
    assert a.score == a.self_part.score + a.survey_part.score


def test_a_framework_without_survey_has_no_survey_part():
    run = run_of({"A": (5,)}, fields=[{"code": "1", "name": "A", "max": 10}])
    assert run.unit("A").survey_part is None


@pytest.mark.parametrize(
    ("index_points", "label"),
    [
        ((20, 20, 30, 20), "Xuất sắc"),
        ((20, 20, 30, 19.99), "Tốt"),
        ((20, 20, 15, 15), "Khá"),
        ((10, 10, 10, 20), "Trung bình"),
        ((10, 10, 10, 19.99), "Yếu"),
        ((10, 10, 10, 10), "Yếu"),
    ],
)
def test_each_unit_takes_its_class_by_its_index(index_points, label):
    assert run_of({"A": index_points}).unit("A").class_label == label


def test_rank_inside_class_and_class_size():
    run = run_of(
        {
            "A": (20, 20, 30, 20),  # 90 Xuất sắc
            "B": (20, 20, 30, 15),  # 85 Tốt
            "C": (20, 20, 25, 15),  # 80 Khá
            "D": (20, 20, 20, 15),  # 75 Khá
            "E": (20, 20, 20, 15),  # 75 Khá
        }
    )
    assert [(u.unit.code, u.class_label, u.class_rank, u.class_size) for u in run.units] == [
        ("A", "Xuất sắc", 1, 1),
        ("B", "Tốt", 1, 1),
        ("C", "Khá", 1, 3),
        ("D", "Khá", 2, 3),
        ("E", "Khá", 2, 3),
    ]
    assert dict(run.overall.classes)["Khá"] == ("C", "D", "E")
    assert dict(run.overall.classes)["Yếu"] == ()


def test_fields_get_percent_rank_at_max_and_weak():
    run = run_of({"A": (20, 18, 30, 20), "B": (20, 20, 27, 20)})
    a, b = run.unit("A"), run.unit("B")
    assert (a.fields[0].percent, a.fields[0].rank, a.fields[0].weak, a.fields[0].at_max) == (
        D(95),
        2,
        False,
        False,
    )
    assert (b.fields[0].percent, b.fields[0].rank, b.fields[0].at_max) == (D(100), 1, True)
    assert (b.fields[1].percent, b.fields[1].weak) == (D(90), True)
    assert a.fields[2].source == "survey" and a.fields[0].source == "self"


def test_weak_threshold_comes_from_the_framework():
    run = run_of({"A": (20, 18, 30, 20)}, weak_below=96)
    assert run.unit("A").fields[0].weak  # 95% < 96%


def test_the_average_is_the_mean_of_published_indices_and_splits_the_units():
    run = run_of({"A": (20, 20, 30, 20), "B": (20, 20, 30, 15), "C": (20, 20, 25, 15)})
    assert run.overall.average == D("85.00")
    assert (run.overall.above, run.overall.at, run.overall.below) == (("A",), ("B",), ("C",))


@pytest.mark.parametrize(
    ("indices", "average"),
    [
        (["83.05", "83.04", "83.04"], "83.04"),
        (["80", "81"], "80.50"),
        (["1.005"], "1.01"),
        ([], "0"),
    ],
)
def test_average_index_table(indices, average):
    assert average_index([D(i) for i in indices]) == D(average)


def test_blocks_rank_each_kind_separately():
    rows = {
        "P1": (20, 20, 30, 20),
        "P2": (20, 20, 20, 20),
        "X1": (20, 20, 25, 20),
        "X2": (10, 20, 25, 20),
        "X3": (20, 20, 30, 20),
    }
    kinds = {"P1": "phường", "P2": "phường", "X1": "xã", "X2": "xã", "X3": "xã"}
    run = run_of(rows, block_by="kind", kinds=kinds)
    ranks = {u.unit.code: (u.block, u.rank, u.of) for u in run.units}
    assert ranks == {
        "P1": ("phường", 1, 2),
        "P2": ("phường", 2, 2),
        "X3": ("xã", 1, 3),
        "X1": ("xã", 2, 3),
        "X2": ("xã", 3, 3),
    }
    assert [b.label for b in run.blocks] == ["phường", "xã"]
    assert run.blocks[1].of == 3
    assert run.unit("X2").fields[0].of == 3


def test_scores_above_max_or_missing_are_refused_by_the_core():
    framework = make_framework(
        [{"code": "1", "name": "A", "max": 10}, {"code": "2", "name": "B", "max": 10}]
    )
    with pytest.raises(InputError) as exc:
        ScoreTable.from_scores(framework, [Unit("X", "X")], {("X", "1"): D(11)})
    messages = [str(p) for p in exc.value.problems]
    assert messages == [
        "đơn vị X, tiêu chí 1: điểm 11 vượt điểm tối đa 10",
        "đơn vị X, tiêu chí 2: thiếu điểm",
    ]
