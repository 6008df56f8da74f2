"""How sure a rank is: rank intervals from the survey's sampling distribution.

The self-assessed points are held fixed; in each draw of a unit's survey total from
its sampling distribution (``core.survey``: the design's variance, t-distributed) the
unit's index changes, and so may its rank. A unit's rank interval is the 2.5th–97.5th
percentile of its rank over the draws (widened to include its published rank),
computed within its ranking block: a 95% interval, the level the survey's own
intervals state. Ranks are discrete and the interval always holds the published rank,
so it covers the true rank at least that often; where neighbours are close (the case
that matters) the simulated coverage is near 95% (tests/core/test_survey_design_coverage.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from parindex.core.ranking import competition_rank
from parindex.core.scoring import RunResult, SurveyInfo
from parindex.core.survey import SurveyResult

LOW_PERCENTILE = 2.5
HIGH_PERCENTILE = 97.5


def draw_ranks(run: RunResult, survey: SurveyResult) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Competition ranks of the run's units with survey draws, per resample: (codes, ranks[draw, unit])."""
    position = {code: i for i, code in enumerate(survey.units)}
    members = [r for r in run.units if r.unit.code in position and survey.draws]
    codes = [r.unit.code for r in members]
    if not members:
        return codes, np.zeros((0, 0), dtype=np.int64)
    columns = np.array([position[c] for c in codes], dtype=np.int64)
    survey_draws = survey.total_draws[:, columns].astype(np.float64)  # (D, U)
    fixed = np.array([float(r.self_part.score) for r in members])
    maxima = np.array([float(r.max) for r in members])
    index_h = np.floor((fixed[None, :] + survey_draws) / maxima[None, :] * 10_000 + 0.5).astype(
        np.int64
    )
    ranks = np.zeros_like(index_h)
    blocks = [r.block for r in members]
    for label in dict.fromkeys(blocks):
        cols = np.array([i for i, b in enumerate(blocks) if b == label], dtype=np.int64)
        keys = index_h[:, cols]
        for d in range(keys.shape[0]):
            ranks[d, cols] = competition_rank(keys[d])
    return codes, ranks


def rank_intervals(run: RunResult, survey: SurveyResult) -> Mapping[str, tuple[int, int]]:
    """Unit code → (low, high) rank over the survey's resamples, including the published rank.

    >>> # see tests/core/test_uncertainty.py for worked cases
    """
    codes, ranks = draw_ranks(run, survey)
    if not codes:
        return {}
    low = np.percentile(ranks, LOW_PERCENTILE, axis=0, method="lower").astype(np.int64)
    high = np.percentile(ranks, HIGH_PERCENTILE, axis=0, method="higher").astype(np.int64)
    published = {r.unit.code: r.rank for r in run.units}
    # a unit whose survey spread could not be estimated is held fixed in the draws: it has
    # no rank interval of its own
    position = {code: i for i, code in enumerate(survey.units)}
    held = np.ptp(survey.total_draws, axis=0) == 0
    no_spread = {
        code
        for code in codes
        if survey.total_low and survey.total_low[position[code]] is None and held[position[code]]
    }
    return {
        code: (min(int(low[i]), published[code]), max(int(high[i]), published[code]))
        for i, code in enumerate(codes)
        if code not in no_spread
    }


def unsettled(intervals: Mapping[str, tuple[int, int]]) -> list[str]:
    """Units whose place is not settled by the data: a rank interval wider than one place."""
    return [code for code, (low, high) in intervals.items() if high > low]


def attach_survey(run: RunResult, survey: SurveyResult) -> RunResult:
    """The run with each unit's survey sample, interval and rank interval, and the unsettled units."""
    intervals = rank_intervals(run, survey)
    position = {code: i for i, code in enumerate(survey.units)}
    units = []
    for result in run.units:
        i = position.get(result.unit.code)
        if i is None:
            units.append(result)
            continue
        info = SurveyInfo(
            respondents=survey.respondents[i],
            low=survey.total_low[i] if survey.total_low else None,
            high=survey.total_high[i] if survey.total_high else None,
            under_minimum=tuple(p.leaf for p in survey.points[i] if p.under_minimum),
            confidence=survey.confidence,
        )
        units.append(
            replace(result, survey_info=info, rank_interval=intervals.get(result.unit.code))
        )
    return replace(run, units=tuple(units), unsettled=tuple(unsettled(intervals)))
