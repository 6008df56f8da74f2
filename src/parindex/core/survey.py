"""Survey points from respondents' answers, with intervals by the survey's design.

Answers arrive as ``SurveyData``: one row per respondent (its unit and respondent
group) and one column per question of the questionnaire, holding the answer's value
under the question's rule in hundredths of a percent (0–10,000), or -1 when the
respondent gave no valid answer (option E, blank, not asked).

The point rule, per unit and survey leaf:

1. each respondent's leaf value is the weighted mean of their valid answers to the
   leaf's questions (question weights);
2. each respondent group's value is the mean over its respondents with a valid value,
   weighted by their design weights when the questionnaire declares them;
3. the unit's leaf value is the mean of the group values weighted by the group weights
   (over the groups that answered);
4. points = value × leaf max (or the leaf's banded table), rounded half-up to 2 decimals.

Points are computed exactly (integer sums, then fractions). Intervals follow the
survey's design (``core.survey_design``: strata = the unit's groups, respondents or
declared clusters as sampling units, the finite population correction when the
groups' populations are known): estimate ± t · standard error at the stated level
(95%), turned into points. A unit's survey total is also drawn, seeded, from its
sampling distribution, so that rank intervals (``core.uncertainty``) see how far each
unit may move.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from parindex.core.framework import Framework
from parindex.core.numbers import round_half_up, round_statistic
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Band, Questionnaire
from parindex.core.survey_design import design_variance

IntArray = npt.NDArray[np.int64]
NO_ANSWER = -1
FULL = 10_000  # 100 % in hundredths of a percent


@dataclass(frozen=True, eq=False)
class SurveyData:
    """Parsed responses. ``answers[r, q]`` in hundredths of a percent, -1 for no valid answer."""

    questionnaire: Questionnaire
    units: tuple[str, ...]  # unit codes; ``unit`` indexes into it
    unit: IntArray  # (R,)
    group: IntArray  # (R,) index into questionnaire.groups
    answers: npt.NDArray[np.int32]  # (R, Q) in questionnaire.questions order
    # the design (``Questionnaire.design``): each respondent's cluster, an index into
    # ``clusters`` (None: every respondent is drawn on its own), and design weight in
    # ten-thousandths (None: equal weights)
    cluster: IntArray | None = None
    clusters: tuple[str, ...] = ()
    weight: IntArray | None = None

    @property
    def respondents(self) -> int:
        return int(self.unit.shape[0])


# --------------------------------------------------------------------------------------
# Exact points


DEFAULT_DRAWS = 1000
DEFAULT_SEED = 20231221
CONFIDENCE = Decimal("0.95")


def _banded(value_percent: Fraction, bands: Sequence[Band]) -> Fraction:
    """The share of the max (0–1) a leaf value earns under a banded table."""
    for band in bands:
        if value_percent >= Fraction(band.min):
            return Fraction(band.percent) / 100
    return Fraction(0)


@dataclass(frozen=True)
class LeafPoints:
    """Survey points of one unit on one leaf, with the sample behind them."""

    unit: str
    leaf: str
    n: int  # respondents with a valid answer to the leaf's questions
    required: int  # the minimum sample for the unit
    value: Decimal | None  # leaf value in percent (2 decimals); None without respondents
    points: Decimal | None
    max: Decimal
    low: Decimal | None = None  # bootstrap interval of the points
    high: Decimal | None = None

    @property
    def under_minimum(self) -> bool:
        return self.n < self.required


@dataclass(frozen=True, eq=False)
class SurveyResult:
    """Points per unit and leaf, and the simulated draws of each unit's survey total."""

    questionnaire: str
    framework: str
    leaves: tuple[str, ...]
    units: tuple[str, ...]
    points: tuple[tuple[LeafPoints, ...], ...]  # [unit][leaf]
    respondents: tuple[int, ...]  # per unit
    seed: int
    draws: int
    confidence: Decimal
    total_draws: npt.NDArray[np.float32]  # (draws, units): survey points of each unit per resample
    total_low: tuple[Decimal | None, ...] = ()
    total_high: tuple[Decimal | None, ...] = ()

    def unit_points(self, code: str) -> tuple[LeafPoints, ...]:
        return self.points[self.units.index(code)]


def points_out_of_range(points: Decimal, maximum: Decimal) -> str | None:
    """Why survey points cannot stand for a leaf of this maximum, or None: the one range
    rule for points typed on the web and points read from a points.json.

    >>> points_out_of_range(Decimal("99999"), Decimal("10"))
    '99.999 điểm vượt tối đa 10'
    >>> points_out_of_range(Decimal("-50"), Decimal("10"))
    'điểm âm (-50)'
    """
    from parindex.core.numbers import format_points

    if not points.is_finite():
        return "điểm không phải một số"
    if points < 0:
        return f"điểm âm ({format_points(points)})"
    if points > maximum:
        return f"{format_points(points)} điểm vượt tối đa {format_points(maximum)}"
    return None


def points_beyond_maxima(
    survey: SurveyResult, maxima: Mapping[str, Decimal], origin: str = ""
) -> list[Problem]:
    """Every unit's survey points outside 0…the criterion's maximum (``points_out_of_range``)."""
    return [
        Problem(wrong, file=origin, unit=row.unit, criterion=row.leaf)
        for rows in survey.points
        for row in rows
        if row.points is not None
        and row.leaf in maxima
        and (wrong := points_out_of_range(row.points, maxima[row.leaf]))
    ]


def points_for_units(
    survey: SurveyResult,
    units: Sequence[str],
    leaves: Sequence[str],
    origin: str = "",
    maxima: Mapping[str, Decimal] | None = None,
) -> tuple[dict[tuple[str, str], Decimal], list[Problem]]:
    """The survey leaves' points of each unit, and what is missing: a unit not in the
    survey, a leaf the survey does not score, a leaf with no valid answer in a unit;
    with the leaves' ``maxima``, points below 0 or above the leaf's maximum are refused.

    The one rule by which survey leaves take their points, for a scores file and for the
    web's rows alike.

    >>> from parindex.core.survey import LeafPoints, SurveyResult
    >>> row = LeafPoints("A", "8.1", 40, 30, Decimal("80"), Decimal("8"), Decimal("10"))
    >>> survey = SurveyResult("q", "f", ("8.1",), ("A",), ((row,),), (40,), 0, 0,
    ...     Decimal("0.95"), np.zeros((0, 1), np.float32))
    >>> points, problems = points_for_units(survey, ["A", "B"], ["8.1"])
    >>> points, [(p.unit, p.message) for p in problems]
    ({('A', '8.1'): Decimal('8')}, [('B', 'đơn vị không có trong tệp điểm điều tra xã hội học')])
    """
    position = {code: i for i, code in enumerate(survey.units)}
    points: dict[tuple[str, str], Decimal] = {}
    problems: list[Problem] = []
    for unit in units:
        i = position.get(unit)
        if i is None:
            problems.append(
                Problem(
                    "đơn vị không có trong tệp điểm điều tra xã hội học", file=origin, unit=unit
                )
            )
            continue
        rows = {p.leaf: p for p in survey.points[i]}
        for leaf in leaves:
            row = rows.get(leaf)
            if row is None:
                message = "tệp điểm điều tra xã hội học không tính điểm tiêu chí này"
            elif row.points is None:
                message = "chưa có phiếu hợp lệ cho tiêu chí này"
            elif (
                maxima is not None
                and leaf in maxima
                and (wrong := points_out_of_range(row.points, maxima[leaf]))
            ):
                message = wrong
            else:
                points[(unit, leaf)] = row.points
                continue
            problems.append(Problem(message, file=origin, unit=unit, criterion=leaf))
    return points, problems


@dataclass(frozen=True, eq=False)
class _Prepared:
    """Per respondent and leaf: numerator (weights × values) and denominator (weights)."""

    leaves: tuple[str, ...]
    maxima: tuple[Decimal, ...]
    numerator: npt.NDArray[np.int64]  # (R, L)
    denominator: npt.NDArray[np.int64]  # (R, L); 0 = no valid answer
    stratum: IntArray  # (R,) unit * groups + group
    group_weights: tuple[Fraction, ...]
    weight: IntArray | None = None  # (R,) design weights in ten-thousandths


def _prepare(framework: Framework, data: SurveyData) -> _Prepared:
    q = data.questionnaire
    problems: list[Problem] = []
    leaves = q.leaves
    maxima = []
    for code in leaves:
        node = framework.node(code)
        if node is None or not node.is_leaf or node.source != "survey":
            problems.append(
                Problem(
                    f"tiêu chí «{code}» không phải tiêu chí điều tra xã hội học của «{framework.id}»"
                )
            )
            maxima.append(Decimal(0))
        else:
            maxima.append(node.max)
    weights = []
    for question in q.questions:
        scaled = question.weight * 100
        if scaled != scaled.to_integral_value():
            problems.append(
                Problem("trọng số câu hỏi có quá 2 chữ số thập phân", where=question.code)
            )
        weights.append(int(scaled))
    if problems:
        raise InputError(problems)
    answers = data.answers
    n = data.respondents
    numerator = np.zeros((n, len(leaves)), dtype=np.int64)
    denominator = np.zeros((n, len(leaves)), dtype=np.int64)
    for li, leaf in enumerate(leaves):  # a leaf's sums in one column each, stored at once
        top = np.zeros(n, dtype=np.int64)
        bottom = np.zeros(n, dtype=np.int64)
        for j, question in enumerate(q.questions):
            if question.leaf == leaf:
                col = np.ascontiguousarray(answers[:, j])
                valid = col >= 0
                top += np.where(valid, col, 0).astype(np.int64) * weights[j]
                bottom += valid.astype(np.int64) * weights[j]
        numerator[:, li] = top
        denominator[:, li] = bottom
    stratum = data.unit * len(q.groups) + data.group
    return _Prepared(
        leaves,
        tuple(maxima),
        numerator,
        denominator,
        stratum.astype(np.int64),
        tuple(Fraction(g.weight) for g in q.groups),
        None if data.weight is None else data.weight.astype(np.int64),
    )


def _distinct(values: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(values, return_inverse=True)`` of small positive integers (the leaves'
    denominators), by counting instead of sorting."""
    if not values.size or int(values.max()) >= 1 << 20:
        distinct, code = np.unique(values, return_inverse=True)
        return distinct, code.reshape(-1)
    present = np.bincount(values) > 0
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[values]


def _exact_values(
    prep: _Prepared, n_units: int
) -> tuple[list[list[Fraction | None]], npt.NDArray[np.int64]]:
    """Each unit's leaf value in hundredths of a percent (exact), and respondents per unit and leaf."""
    groups = len(prep.group_weights)
    strata = n_units * groups
    values: list[list[Fraction | None]] = [[None] * len(prep.leaves) for _ in range(n_units)]
    counts = np.zeros((n_units, len(prep.leaves)), dtype=np.int64)
    group_ratios = [(w.numerator, w.denominator) for w in prep.group_weights]
    for li in range(len(prep.leaves)):
        den = prep.denominator[:, li]
        valid = den > 0
        distinct, code = _distinct(den[valid])
        key = prep.stratum[valid] * len(distinct) + code
        w = np.ones(int(valid.sum())) if prep.weight is None else prep.weight[valid] * 1.0
        sums = np.bincount(
            key,
            weights=prep.numerator[valid, li].astype(np.float64) * w,
            minlength=strata * len(distinct),
        )
        if sums.size and float(np.max(sums)) >= 2.0**53:
            raise InputError([Problem("quá nhiều phiếu để cộng chính xác trong một đơn vị")])
        sums_int = sums.astype(np.int64).reshape(strata, len(distinct))
        n_stratum = np.bincount(prep.stratum[valid], minlength=strata)
        counts[:, li] = n_stratum.reshape(n_units, groups).sum(axis=1)
        # the stratum's weight over its answering respondents (its count when unweighted)
        n_list = (
            np.bincount(prep.stratum[valid], weights=w, minlength=strata).astype(np.int64).tolist()
        )
        # each stratum's Σ value/denominator over its respondents, exactly: one numerator
        # over the denominators' least common multiple
        den_list = [int(d) for d in distinct.tolist()]
        common = math.lcm(*den_list) if den_list else 1
        scale = [common // d for d in den_list]
        if sums.size and float(np.max(sums)) * max(scale) * len(scale) < 2.0**62:
            numerators = (sums_int @ np.array(scale, dtype=np.int64)).tolist()
        else:  # beyond int64: Python's integers
            numerators = [
                sum(v * k for v, k in zip(row, scale, strict=True)) for row in sums_int.tolist()
            ]
        # V = Σ G_g · (numerator_g / common) / n_g  ÷  Σ G_g, in integers, one fraction at the end
        for u in range(n_units):
            total_top, total_bottom, weight_top, weight_bottom = 0, 1, 0, 1
            for g in range(groups):
                s = u * groups + g
                if not n_list[s]:
                    continue
                a, b = group_ratios[g]
                top, bottom = a * numerators[s], b * common * n_list[s]
                total_top, total_bottom = (
                    total_top * bottom + top * total_bottom,
                    total_bottom * bottom,
                )
                weight_top, weight_bottom = weight_top * b + a * weight_bottom, weight_bottom * b
            if weight_top:
                values[u][li] = Fraction(total_top * weight_bottom, total_bottom * weight_top)
    return values, counts


def _points(value: Fraction, maximum: Decimal, bands: Sequence[Band] | None) -> Fraction:
    """Points from a leaf value in hundredths of a percent."""
    share = _banded(value / 100, bands) if bands else value / 10_000
    return share * Fraction(maximum)


# --------------------------------------------------------------------------------------
# Intervals by the design (core.survey_design) and draws for rank intervals


def _respondent_values(prep: _Prepared) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Each respondent's leaf value (hundredths of a percent) and whether it is valid."""
    valid = prep.denominator > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(valid, prep.numerator / np.maximum(prep.denominator, 1), np.nan)
    return x, valid


def _stratum_populations(
    data: SurveyData, populations: Mapping[tuple[str, str], int] | None
) -> npt.NDArray[np.float64] | None:
    """The population of each unit × group stratum (NaN: unknown), for the finite correction."""
    if not populations:
        return None
    groups = data.questionnaire.groups
    out = np.full(len(data.units) * len(groups), np.nan)
    for u, unit in enumerate(data.units):
        for g, group in enumerate(groups):
            size = populations.get((unit, group.code))
            if size:
                out[u * len(groups) + g] = size
    return out


def _band_share(value: npt.NDArray[np.float64], bands: Sequence[Band]) -> npt.NDArray[np.float64]:
    """The share of the max (0–1) of leaf values in hundredths of a percent, NaN kept."""
    mins = np.array([float(b.min) for b in bands][::-1])
    shares = np.array([float(b.percent) / 100 for b in bands][::-1])
    position = np.searchsorted(mins, value / 100, side="right") - 1
    share = np.where(position >= 0, shares[np.clip(position, 0, None)], 0.0)
    return np.where(np.isnan(value), np.nan, share)


def _to_points(
    value: npt.NDArray[np.float64],
    maxima: npt.NDArray[np.float64],
    bands: Sequence[Sequence[Band] | None],
) -> npt.NDArray[np.float64]:
    """Leaf points from leaf values (..., L), linear or banded per leaf."""
    out = np.clip(value, 0, FULL) / FULL * maxima
    for li, table in enumerate(bands):
        if table:
            out[..., li] = _band_share(np.clip(value[..., li], 0, FULL), table) * maxima[li]
    return out


def _draws(
    value: npt.NDArray[np.float64],
    cov: npt.NDArray[np.float64],
    df: npt.NDArray[np.int64],
    maxima: npt.NDArray[np.float64],
    bands: Sequence[Sequence[Band] | None],
    draws: int,
    seed: int,
) -> npt.NDArray[np.float32]:
    """Survey totals of every unit under its sampling distribution: (draws, units).

    Leaf values are drawn jointly from a multivariate t with the design's covariance
    and the unit's degrees of freedom, turned into points (bands included) and summed.
    Finite everywhere: see the end of the function for units without a spread.
    """
    units, leaves = value.shape
    rng = np.random.default_rng(seed)
    finite = np.asarray(np.isfinite(cov).all(axis=(1, 2)) & np.isfinite(value).all(axis=1), bool)
    safe = np.where(finite[:, None, None], cov, 0.0)
    eigen, vectors = np.linalg.eigh(safe)
    root = vectors * np.sqrt(np.clip(eigen, 0, None))[:, None, :]  # cov = root @ root.T
    unit_df = np.where(finite, df.min(axis=1, initial=np.iinfo(np.int64).max), 0)
    unit_df = np.where(unit_df > 0, unit_df, 1)
    out = np.empty((draws, units), dtype=np.float32)
    block = 50
    for lo in range(0, draws, block):
        hi = min(lo + block, draws)
        z = rng.standard_normal((hi - lo, units, leaves))
        scale = np.sqrt(unit_df / rng.chisquare(unit_df, size=(hi - lo, units)))
        leaf = value[None] + np.einsum("ulk,duk->dul", root, z) * scale[:, :, None]
        out[lo:hi] = _to_points(leaf, maxima, bands).sum(axis=2)
    # a unit whose spread cannot be estimated (one answering respondent or cluster) is held
    # at its points: it still stands in its neighbours' ranking, without a rank interval of
    # its own (core.uncertainty); a unit without a total stands at 0
    fixed = np.nan_to_num(_to_points(value, maxima, bands).sum(axis=1))
    out[:, ~finite] = fixed[~finite]
    return out


@functools.lru_cache(maxsize=4096)
def _t(probability: float, df: int) -> float:
    """The t quantile, once per degrees of freedom (thousands of units share a few)."""
    from parindex.core.student_t import t_quantile

    return t_quantile(probability, float(df))


def _t_half_width(se: float, df: int, confidence: Decimal) -> float | None:
    if not np.isfinite(se) or df < 1:
        return None
    return _t(1 - float(1 - confidence) / 2, df) * se


def _cents(value: float) -> Decimal | None:
    """An interval bound rounded half-up to 2 decimals (a statistic, not a score)."""
    if not np.isfinite(value):
        return None
    return round_statistic(value)


def compute_survey(
    framework: Framework,
    data: SurveyData,
    populations: Mapping[str, int] | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    confidence: Decimal = CONFIDENCE,
    workers: int = 2,
    group_populations: Mapping[tuple[str, str], int] | None = None,
) -> SurveyResult:
    """Survey points per unit and leaf (exact), their design-based intervals and each
    total's draws under its sampling distribution (for rank intervals).

    ``populations`` (unit → N) sets the minimum sample; ``group_populations``
    ((unit, group) → N) the finite population correction. A unit with no valid answer
    on a leaf gets no points there (``points`` None); a leaf whose spread cannot be
    estimated (one answering respondent or cluster) gets no interval, never a zero-width one.
    """
    del workers  # the design's variance is closed-form: no threads needed
    prep = _prepare(framework, data)
    q = data.questionnaire
    n_units = len(data.units)
    values, counts = _exact_values(prep, n_units)
    x, valid = _respondent_values(prep)
    # the sums per respondent are read: let their memory go before the design's variance
    gone = np.zeros((0, len(prep.leaves)), dtype=np.int64)
    prep = replace(prep, numerator=gone, denominator=gone)
    design = design_variance(
        x,
        valid,
        prep.stratum,
        [float(g) for g in prep.group_weights],
        n_units,
        weight=None if data.weight is None else data.weight.astype(np.float64),
        cluster=data.cluster,
        populations=_stratum_populations(data, group_populations),
    )
    centre = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in values], dtype=np.float64
    ).reshape(n_units, len(prep.leaves))
    maxima = np.array([float(m) for m in prep.maxima])
    bands: list[Sequence[Band] | None] = [q.bands.get(leaf) for leaf in prep.leaves]
    leaf_var = np.diagonal(design.covariance, axis1=1, axis2=2)
    totals = (
        _draws(centre, design.covariance, design.df, maxima, bands, draws, seed)
        if draws
        else np.zeros((0, n_units), np.float32)
    )
    respondents = np.bincount(data.unit, minlength=n_units).tolist()
    rows = []
    total_low: list[Decimal | None] = []
    total_high: list[Decimal | None] = []
    # each leaf's interval: value ± t·se, in points
    bounds = np.full((n_units, 2, len(prep.leaves)), np.nan)
    for u in range(n_units):
        for li in range(len(prep.leaves)):
            value = values[u][li]
            half = _t_half_width(float(np.sqrt(leaf_var[u, li])), int(design.df[u, li]), confidence)
            if value is not None and half is not None:
                bounds[u, :, li] = (float(value) - half, float(value) + half)
    bound_points = _to_points(bounds, maxima, bands).tolist()  # (U, 2, L)
    for u, unit in enumerate(data.units):
        required = q.sample.required((populations or {}).get(unit))
        leaf_rows = []
        for li, leaf in enumerate(prep.leaves):
            value = values[u][li]
            points_bounds = (bound_points[u][0][li], bound_points[u][1][li])
            leaf_rows.append(
                LeafPoints(
                    unit=unit,
                    leaf=leaf,
                    n=int(counts[u, li]),
                    required=required,
                    value=round_half_up(value / 100) if value is not None else None,
                    points=round_half_up(_points(value, prep.maxima[li], q.bands.get(leaf)))
                    if value is not None
                    else None,
                    max=prep.maxima[li],
                    low=_cents(points_bounds[0]),
                    high=_cents(points_bounds[1]),
                )
            )
        rows.append(tuple(leaf_rows))
        low, high = _total_bounds(
            centre[u], design.covariance[u], design.df[u], maxima, bands, totals[:, u], confidence
        )
        total_low.append(_cents(low))
        total_high.append(_cents(high))
    return SurveyResult(
        questionnaire=q.id,
        framework=framework.id,
        leaves=prep.leaves,
        units=tuple(data.units),
        points=tuple(rows),
        respondents=tuple(int(r) for r in respondents),
        seed=seed,
        draws=draws,
        confidence=confidence,
        total_draws=totals,
        total_low=tuple(total_low),
        total_high=tuple(total_high),
    )


def _total_bounds(
    value: npt.NDArray[np.float64],
    cov: npt.NDArray[np.float64],
    df: npt.NDArray[np.int64],
    maxima: npt.NDArray[np.float64],
    bands: Sequence[Sequence[Band] | None],
    draws: npt.NDArray[np.float32],
    confidence: Decimal,
) -> tuple[float, float]:
    """The interval of a unit's survey total: estimate ± t·se when every leaf is linear,
    the draws' percentiles when a banded leaf makes the total a step function."""
    if not np.isfinite(value).all() or not np.isfinite(cov).all():
        return np.nan, np.nan
    if any(bands):
        if not draws.size or not np.isfinite(draws).all():
            return np.nan, np.nan
        tail = float((1 - confidence) / 2 * 100)
        low, high = np.percentile(draws.astype(np.float64), [tail, 100 - tail])
        return float(low), float(high)
    c = maxima / FULL
    half = _t_half_width(float(np.sqrt(c @ cov @ c)), int(df.min()) if df.size else 0, confidence)
    if half is None:
        return np.nan, np.nan
    total = float(c @ value)
    return max(total - half, 0.0), min(total + half, float(maxima.sum()))
