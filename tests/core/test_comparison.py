"""Against a previous run: deltas and rank changes, matched by code or through predecessors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.problems import InputError
from parindex.core.scoring import PreviousRun, PreviousUnit, ScoreTable, check_previous, score_run
from parindex.core.units import Unit
from tests.conftest import D, make_framework

FRAMEWORK = make_framework(
    [
        {"code": "1", "name": "Chỉ đạo", "max": 40},
        {"code": "2", "name": "Điều tra xã hội học", "max": 60, "source": "survey"},
    ],
    family="tp-commune",
)


def previous(*units: PreviousUnit, family="tp-commune", level="commune") -> PreviousRun:
    return PreviousRun("tp-commune-2022", family, level, "2022", {u.unit: u for u in units})


def past(code, index, rank, of=3, survey=None, survey_rank=None, fields=None, name=None):
    return PreviousUnit(
        code,
        name or code,
        D(index),
        rank,
        of,
        D(survey) if survey else None,
        survey_rank,
        fields or {},
        display_name=f"xã {name or code}",
    )


def run(units, rows, prev):
    scores = {
        (u.code, leaf): D(v)
        for u in units
        for leaf, v in zip(("1", "2"), rows[u.code], strict=True)
    }
    return score_run(ScoreTable.from_scores(FRAMEWORK, units, scores), "2023", previous=prev)


def test_a_unit_is_matched_by_its_code():
    units = [Unit("A", "An"), Unit("B", "Bình")]
    prev = previous(
        past("A", "85.82", 1, 2, survey="26.07", survey_rank=2, fields={"1": (D(35), 2)}),
        past("B", "80", 2, 2, survey="45", survey_rank=1),
    )
    result = run(units, {"A": ("30", "53.08"), "B": ("40", "40")}, prev)
    a = result.unit("A").previous
    assert (a.unit, a.index, a.delta, a.rank, a.rank_change) == ("A", D("85.82"), D("-2.74"), 1, 0)
    assert (a.survey_score, a.survey_delta, a.survey_rank, a.survey_rank_change) == (
        D("26.07"),
        D("27.01"),
        2,
        1,
    )
    field = result.unit("A").fields[0]
    assert (field.previous_score, field.delta, field.previous_rank, field.rank_change) == (
        D(35),
        D(-5),
        2,
        0,
    )
    b = result.unit("B").previous
    assert (b.delta, b.rank_change) == (D(0), 0)
    assert result.previous_period == "2022"


def test_a_renamed_unit_is_matched_through_its_single_predecessor():
    units = [Unit("NEW", "Tân Mới", predecessors=("OLD",)), Unit("B", "Bình")]
    prev = previous(past("OLD", "70", 2), past("B", "80", 1))
    result = run(units, {"NEW": ("40", "50"), "B": ("30", "40")}, prev)
    p = result.unit("NEW").previous
    assert (p.unit, p.delta, p.rank_change, p.name) == ("OLD", D(20), 1, "xã OLD")


def test_a_merged_unit_names_its_predecessors_with_their_previous_indices():
    units = [Unit("M", "Hợp Nhất", kind="xã", predecessors=("X", "Y", "Z")), Unit("B", "Bình")]
    prev = previous(
        past("X", "81.1", 1), past("Y", "79.55", 2), past("Z", "70", 3), past("B", "60", 4, 4)
    )
    result = run(units, {"M": ("40", "50"), "B": ("30", "40")}, prev)
    p = result.unit("M").previous
    assert p.unit is None and p.delta is None and p.rank_change is None
    assert [(q.unit, q.index, q.rank) for q in p.predecessors] == [
        ("X", D("81.1"), 1),
        ("Y", D("79.55"), 2),
        ("Z", D(70), 3),
    ]
    assert result.unit("M").fields[0].previous_score is None


def test_a_unit_new_in_this_run_has_no_previous():
    units = [Unit("A", "An"), Unit("N", "Mới")]
    result = run(units, {"A": ("40", "50"), "N": ("30", "40")}, previous(past("A", "80", 1)))
    assert result.unit("N").previous is None


def test_an_unknown_predecessor_is_an_error_naming_the_unit():
    units = [Unit("A", "An", predecessors=("GHOST",))]
    with pytest.raises(InputError) as exc:
        run(units, {"A": ("40", "50")}, previous(past("B", "80", 1)))
    assert str(exc.value) == "đơn vị A: đơn vị tiền thân «GHOST» không có trong kết quả kỳ 2022"


def test_a_previous_run_of_another_family_or_level_is_refused():
    problems = check_previous(FRAMEWORK, previous(family="lamdong-district", level="district"))
    assert len(problems) == 2
    with pytest.raises(InputError, match="không cùng họ"):
        run([Unit("A", "An")], {"A": ("1", "1")}, previous(family="other"))


def test_a_framework_family_lets_next_years_framework_continue():
    fw2023 = make_framework(
        [{"code": "1", "name": "A", "max": Decimal(10)}], id="x-2023", family="x"
    )
    assert check_previous(fw2023, PreviousRun("x-2022", "x", "commune", "2022", {})) == []


def test_ranks_are_not_compared_between_runs_ranked_differently():
    units = [Unit("A", "An", kind="xã"), Unit("B", "Bình", kind="phường")]
    prev = PreviousRun(
        "tp-commune-2022",
        "tp-commune",
        "commune",
        "2022",
        {
            u.unit: u
            for u in (
                past("A", "80", 2, 2, survey="40", survey_rank=2, fields={"1": (D(30), 2)}),
                past("B", "90", 1, 2),
            )
        },
        block_by=None,
    )
    scores = {
        (u.code, leaf): D(v)
        for u in units
        for leaf, v in zip(("1", "2"), ("35", "50"), strict=True)
    }
    run = score_run(
        ScoreTable.from_scores(FRAMEWORK, units, scores), "2023", previous=prev, block_by="kind"
    )
    a = run.unit("A").previous
    assert a.delta == D(5) and a.rank_change is None and a.survey_rank_change is None
    assert run.unit("A").fields[0].rank_change is None and run.unit("A").fields[0].delta == D(5)
