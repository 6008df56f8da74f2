"""Comparison with a previous run: which earlier unit each unit is, and what changed.

A unit is matched to the previous run by its code, else by its single declared
predecessor; a unit formed from several has no single delta, only its predecessors.
Runs compare only within one framework family and level, and ranks only between runs
ranked the same way (all together, or in the same kind of blocks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.results import Predecessor, Previous, PreviousRun, PreviousUnit, UnitResult
from parindex.core.units import Unit

Match = tuple[PreviousUnit | None, tuple[PreviousUnit, ...]]
"""A unit's previous self (or None) and the previous units it was formed from."""


def check_previous(framework: Framework, previous: PreviousRun, origin: str = "") -> list[Problem]:
    """A previous run must be of the same framework family and level."""
    problems = []
    if previous.family != framework.family:
        problems.append(
            Problem(
                f"kết quả kỳ trước thuộc bộ tiêu chí «{previous.framework_id}» (họ «{previous.family}»), "
                f"không cùng họ với «{framework.id}» (họ «{framework.family}») nên không so sánh được",
                file=origin,
            )
        )
    if previous.level != framework.level:
        problems.append(
            Problem(
                f"kết quả kỳ trước ở cấp «{previous.level}», kỳ này ở cấp «{framework.level}»",
                file=origin,
            )
        )
    return problems


def ranks_comparable(previous: PreviousRun | None, block_by: str | None) -> bool:
    """Ranks within blocks and ranks among all units are different scales: no change across."""
    return previous is not None and previous.block_by == block_by


def match_units(units: Sequence[Unit], previous: PreviousRun) -> list[Match]:
    """Each unit's previous self (by code, or its single predecessor) and its predecessors."""
    problems: list[Problem] = []
    matches: list[Match] = []
    for unit in units:
        match: PreviousUnit | None = previous.units.get(unit.code)
        preds: list[PreviousUnit] = []
        for code in unit.predecessors:
            if code == unit.code:
                continue
            found = previous.units.get(code)
            if found is None:
                problems.append(
                    Problem(
                        f"đơn vị tiền thân «{code}» không có trong kết quả kỳ {previous.period}",
                        unit=unit.code,
                    )
                )
            else:
                preds.append(found)
        if match is None and len(unit.predecessors) == 1 and preds:
            match = preds[0]
        matches.append((match, tuple(preds)))
    if problems:
        raise InputError(problems)
    return matches


def compare(
    results: Sequence[UnitResult], matches: Sequence[Match], comparable: bool = True
) -> list[UnitResult]:
    """Attach to each unit what the previous run said of it (fields are done while scoring)."""
    return [
        _compare_one(result, match, preds, comparable)
        for result, (match, preds) in zip(results, matches, strict=True)
    ]


_NOTHING_BEFORE = Previous(None, None, None, None, None, None, None, None, None, None, None)


def _compare_one(
    result: UnitResult,
    match: PreviousUnit | None,
    preds: tuple[PreviousUnit, ...],
    comparable: bool,
) -> UnitResult:
    predecessors = tuple(
        Predecessor(p.unit, p.display_name or p.name, p.index, p.rank, p.of) for p in preds
    )
    if match is None and not preds:
        return result
    if match is None:
        return replace(result, previous=replace(_NOTHING_BEFORE, predecessors=predecessors))
    survey = result.survey_part
    survey_delta = (
        survey.score - match.survey_score
        if survey is not None and match.survey_score is not None
        else None
    )
    survey_change = (
        match.survey_rank - survey.rank
        if survey is not None
        and survey.rank is not None
        and match.survey_rank is not None
        and comparable
        else None
    )
    return replace(
        result,
        previous=Previous(
            unit=match.unit,
            name=match.display_name or match.name,
            index=match.index,
            rank=match.rank,
            of=match.of,
            delta=result.index - match.index,
            rank_change=match.rank - result.rank if comparable else None,
            survey_score=match.survey_score,
            survey_rank=match.survey_rank,
            survey_delta=survey_delta,
            survey_rank_change=survey_change,
            predecessors=predecessors,
        ),
    )
