"""Scoring a scheme: several frameworks in one round, each ranked in its blocks.

The one service behind ``parindex score --scheme`` (and the web's scheme cycles): units are
assigned to their framework and block (``Scheme.assign``), each framework's rows are read
against it, and each part is an ordinary run ranked by block — ranks, classes, averages
and narratives never mix two frameworks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parindex.core.problems import InputError, Problem
from parindex.core.scheme import Scheme
from parindex.core.scoring import PreviousRun, RunResult, check_previous, score_run
from parindex.services.scoring import Stage, no_stage


@dataclass(frozen=True)
class SchemeRun:
    """A scheme's round: one run per framework that has units, in the scheme's order."""

    scheme: Scheme
    runs: tuple[RunResult, ...]

    def run_of(self, block: str) -> RunResult | None:
        return next((r for r in self.runs if any(g.label == block for g in r.blocks)), None)


def previous_for(
    run_framework_family: str, level: str, previous: Sequence[PreviousRun]
) -> PreviousRun | None:
    """The previous run of the same framework family and level, if any."""
    return next(
        (p for p in previous if p.family == run_framework_family and p.level == level), None
    )


def score_scheme_files(
    scheme_path: Path | str,
    scores: Path | str,
    units: Path | str,
    previous: Path | str | None = None,
    period: str | None = None,
    stage: Stage = no_stage,
) -> SchemeRun:
    """Read the scheme, the units, the scores (and the previous round), then score each part."""
    from parindex.io.scheme_scores import read_scheme_scores
    from parindex.io.schemes import load_scheme, previous_runs
    from parindex.io.units import read_units

    problems: list[Problem] = []
    with stage("Đọc phương án, các bộ tiêu chí và danh sách đơn vị"):
        scheme = load_scheme(scheme_path)
        unit_list = read_units(units)
        assignment = scheme.assign(unit_list, origin=Path(units).name)
    before: list[PreviousRun] = []
    if previous:
        try:
            before = previous_runs(previous)
        except InputError as exc:
            problems.extend(exc.problems)
    with stage("Đọc và kiểm tra bảng điểm"):
        try:
            tables = read_scheme_scores(scores, scheme, assignment, units_file=Path(units).name)
        except InputError as exc:
            problems.extend(exc.problems)
            tables = {}
    if problems:
        raise InputError(problems)
    runs = []
    with stage("Tính điểm, xếp hạng, xếp loại từng khối"):
        for part in scheme.parts:
            table = tables.get(part.framework.id)
            if table is None:
                continue
            prev = previous_for(part.framework.family, part.framework.level, before)
            if prev is not None and check_previous(part.framework, prev):
                prev = None
            runs.append(
                score_run(table, period or str(scheme.year), previous=prev, block_by="block")
            )
    return SchemeRun(scheme, tuple(runs))
