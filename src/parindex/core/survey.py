"""Survey points from respondents' answers, with bootstrap intervals.

Answers arrive as ``SurveyData``: one row per respondent (its unit and respondent
group) and one column per question of the questionnaire, holding the answer's value
under the question's rule in hundredths of a percent (0–10,000), or -1 when the
respondent gave no valid answer (option E, blank, not asked).

The point rule, per unit and survey leaf:

1. each respondent's leaf value is the weighted mean of their valid answers to the
   leaf's questions (question weights);
2. each respondent group's value is the mean over its respondents with a valid value;
3. the unit's leaf value is the mean of the group values weighted by the group weights
   (over the groups that answered);
4. points = value × leaf max (or the leaf's banded table), rounded half-up to 2 decimals.

Points are computed exactly (integer sums, then fractions). Intervals come from a
bootstrap over respondents, resampled within each unit and group, seeded so that runs
repeat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from parindex.core.framework import Framework
from parindex.core.numbers import round_half_up, round_statistic
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Band, Questionnaire

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
    """Points per unit and leaf, and the bootstrap draws of each unit's survey total."""

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
    for j, question in enumerate(q.questions):
        col = answers[:, j].astype(np.int64)
        valid = col >= 0
        li = leaves.index(question.leaf)
        numerator[:, li] += np.where(valid, col * weights[j], 0)
        denominator[:, li] += np.where(valid, weights[j], 0)
    stratum = data.unit * len(q.groups) + data.group
    return _Prepared(
        leaves,
        tuple(maxima),
        numerator,
        denominator,
        stratum.astype(np.int64),
        tuple(Fraction(g.weight) for g in q.groups),
    )


def _exact_values(
    prep: _Prepared, n_units: int
) -> tuple[list[list[Fraction | None]], npt.NDArray[np.int64]]:
    """Each unit's leaf value in hundredths of a percent (exact), and respondents per unit and leaf."""
    groups = len(prep.group_weights)
    strata = n_units * groups
    values: list[list[Fraction | None]] = [[None] * len(prep.leaves) for _ in range(n_units)]
    counts = np.zeros((n_units, len(prep.leaves)), dtype=np.int64)
    for li in range(len(prep.leaves)):
        den = prep.denominator[:, li]
        valid = den > 0
        distinct, code = np.unique(den[valid], return_inverse=True)
        key = prep.stratum[valid] * len(distinct) + code
        sums = np.bincount(
            key,
            weights=prep.numerator[valid, li].astype(np.float64),
            minlength=strata * len(distinct),
        )
        if sums.size and float(np.max(sums)) >= 2.0**53:
            raise InputError([Problem("quá nhiều phiếu để cộng chính xác trong một đơn vị")])
        sums_int = sums.astype(np.int64).reshape(strata, len(distinct)).tolist()
        n_stratum = np.bincount(prep.stratum[valid], minlength=strata)
        counts[:, li] = n_stratum.reshape(n_units, groups).sum(axis=1)
        n_list = n_stratum.tolist()
        den_list = [int(d) for d in distinct.tolist()]
        for u in range(n_units):
            total = Fraction(0)
            weight = Fraction(0)
            for g in range(groups):
                s = u * groups + g
                if not n_list[s]:
                    continue
                group_sum = sum(
                    (Fraction(v, d) for v, d in zip(sums_int[s], den_list, strict=True) if v),
                    Fraction(0),
                )
                total += prep.group_weights[g] * group_sum / n_list[s]
                weight += prep.group_weights[g]
            if weight:
                values[u][li] = total / weight
    return values, counts


def _points(value: Fraction, maximum: Decimal, bands: Sequence[Band] | None) -> Fraction:
    """Points from a leaf value in hundredths of a percent."""
    share = _banded(value / 100, bands) if bands else value / 10_000
    return share * Fraction(maximum)


# --------------------------------------------------------------------------------------
# Bootstrap


FIELD_BITS = 21  # three leaf sums per 64-bit word
QUANTUM = 10  # a respondent's leaf value is resampled in tenths of a percent (0–1,000)
MAX_STRATUM = (1 << FIELD_BITS) // (
    FULL // QUANTUM + 1
)  # respondents per unit and group for packed sums


def _bootstrap(
    prep: _Prepared,
    n_units: int,
    bands: Mapping[str, Sequence[Band]],
    draws: int,
    seed: int,
    workers: int = 2,
) -> npt.NDArray[np.float32]:
    """Leaf points of every unit in every resample: (draws, units, leaves), NaN without respondents.

    Respondents are resampled with replacement within their unit and group, jointly over
    the leaves so that a unit's survey total keeps the correlation between leaves. For
    speed each respondent's leaf values are packed, three to a 64-bit word, in tenths of
    a percent; an unanswered leaf counts at the group's mean on that leaf (the usual
    linearisation of a ratio mean), which leaves the point estimate unchanged. Draws are
    cut into blocks with their own child seeds, so results do not depend on threads.
    """
    groups = len(prep.group_weights)
    leaves = len(prep.leaves)
    answered_any = (prep.denominator > 0).any(axis=1)
    order = np.argsort(prep.stratum[answered_any], kind="stable")
    stratum = prep.stratum[answered_any][order]
    num = prep.numerator[answered_any][order].astype(np.float64)
    den = prep.denominator[answered_any][order]
    valid = den > 0
    present, starts, sizes = np.unique(stratum, return_index=True, return_counts=True)
    if present.size == 0:
        return np.full((draws, n_units, leaves), np.nan, dtype=np.float32)
    stratum_pos = np.repeat(np.arange(present.size), sizes)
    # the group's mean on each leaf, for respondents who left that leaf unanswered
    x = np.where(valid, num / np.maximum(den, 1), 0.0)
    n_valid = np.add.reduceat(valid.astype(np.int64), starts, axis=0)  # (strata, L)
    with np.errstate(invalid="ignore", divide="ignore"):
        group_mean = np.add.reduceat(x, starts, axis=0) / n_valid
    x = np.where(valid, x, np.nan_to_num(group_mean)[stratum_pos])
    q = np.rint(x / QUANTUM).astype(np.int64)  # 0..1000
    words = []
    for k in range(0, leaves, 3):
        word = np.zeros(q.shape[0], dtype=np.int64)
        for j in range(min(3, leaves - k)):
            word |= q[:, k + j] << (FIELD_BITS * j)
        words.append(word)
    packed = sizes.max() <= MAX_STRATUM
    columns = words if packed else [np.ascontiguousarray(x[:, li]) for li in range(leaves)]

    start_r = np.repeat(starts, sizes).astype(np.int32)
    size_r = np.repeat(sizes, sizes).astype(np.float32)  # float32 is exact for strata this small
    last_r = (start_r + np.repeat(sizes, sizes) - 1).astype(np.int32)
    unit_of = present // groups
    units_present, unit_starts = np.unique(unit_of, return_index=True)
    present_leaf = n_valid > 0  # (strata, L)
    w = np.array([float(g) for g in prep.group_weights])[present % groups][:, None] * present_leaf
    weight_sum = np.zeros((n_units, leaves))
    np.add.at(weight_sum, unit_of, w)  # once; the draws use reduceat on the sorted units
    maxima = np.array([float(m) for m in prep.maxima], dtype=np.float64)
    band_tables = [
        (
            np.array([float(b.min) for b in bands[leaf]][::-1]),
            np.array([float(b.percent) / 100 for b in bands[leaf]][::-1]),
        )
        if leaf in bands
        else None
        for leaf in prep.leaves
    ]
    mask = (1 << FIELD_BITS) - 1
    out = np.full((draws, n_units, leaves), np.nan, dtype=np.float32)
    n = int(stratum.shape[0])
    block = 25
    blocks = [(b, min(b + block, draws)) for b in range(0, draws, block)]
    seeds = np.random.SeedSequence(seed).spawn(len(blocks))

    def run(block_index: int) -> None:
        rng = np.random.default_rng(seeds[block_index])
        lo, hi = blocks[block_index]
        for d in range(lo, hi):
            u = rng.random(n, dtype=np.float32)
            u *= size_r
            pick = u.astype(np.int32)
            pick += start_r
            np.minimum(pick, last_r, out=pick)
            means = np.empty((present.size, leaves))
            if packed:
                for k, word in enumerate(columns):
                    sums = np.add.reduceat(word[pick], starts)
                    for j in range(min(3, leaves - 3 * k)):
                        means[:, 3 * k + j] = ((sums >> (FIELD_BITS * j)) & mask) * QUANTUM / sizes
            else:
                for li, column in enumerate(columns):
                    means[:, li] = np.add.reduceat(column[pick], starts) / sizes
            value_sum = np.zeros((n_units, leaves))
            value_sum[units_present] = np.add.reduceat(means * w, unit_starts, axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                value = value_sum / weight_sum  # hundredths of a percent; NaN without respondents
            for li, table in enumerate(band_tables):
                if table is None:
                    out[d, :, li] = value[:, li] / FULL * maxima[li]
                else:
                    mins, shares = table
                    position = np.searchsorted(mins, value[:, li] / 100, side="right") - 1
                    share = np.where(position >= 0, shares[np.clip(position, 0, None)], 0.0)
                    out[d, :, li] = np.where(np.isnan(value[:, li]), np.nan, share * maxima[li])

    if workers > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, range(len(blocks))))
    else:
        for i in range(len(blocks)):
            run(i)
    return out


def _intervals(samples: npt.NDArray[np.float32], confidence: Decimal) -> npt.NDArray[np.float64]:
    """Percentile bounds along the draws axis: (2, ...) low and high; NaN where no draw is finite."""
    tail = float((1 - confidence) / 2 * 100)
    if samples.shape[0] == 0:
        return np.full((2, *samples.shape[1:]), np.nan)
    with np.errstate(invalid="ignore"):
        bounds: npt.NDArray[np.float64] = np.percentile(
            samples.astype(np.float64), [tail, 100 - tail], axis=0
        )
    return bounds


def _cents(value: float) -> Decimal | None:
    """A bootstrap bound rounded half-up to 2 decimals (a statistic, not a score)."""
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
) -> SurveyResult:
    """Survey points per unit and leaf (exact), their bootstrap intervals and each total's draws.

    A unit with no valid answer on a leaf gets no points there (``points`` None).
    """
    prep = _prepare(framework, data)
    q = data.questionnaire
    n_units = len(data.units)
    values, counts = _exact_values(prep, n_units)
    if draws:
        sampled = _bootstrap(prep, n_units, q.bands, draws, seed, workers)
        totals = np.sum(sampled, axis=2).astype(np.float32)  # NaN when a leaf has no respondents
    else:
        sampled = np.zeros((0, n_units, len(prep.leaves)), np.float32)
        totals = np.zeros((0, n_units), np.float32)
    leaf_bounds = _intervals(sampled, confidence)  # (2, units, leaves)
    total_bounds = _intervals(totals, confidence)  # (2, units)
    respondents = np.bincount(data.unit, minlength=n_units).tolist()
    rows = []
    total_low: list[Decimal | None] = []
    total_high: list[Decimal | None] = []
    for u, unit in enumerate(data.units):
        required = q.sample.required((populations or {}).get(unit))
        leaf_rows = []
        for li, leaf in enumerate(prep.leaves):
            value = values[u][li]
            exact = value is not None
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
                    low=_cents(float(leaf_bounds[0, u, li])) if exact else None,
                    high=_cents(float(leaf_bounds[1, u, li])) if exact else None,
                )
            )
        rows.append(tuple(leaf_rows))
        total_low.append(_cents(float(total_bounds[0, u])))
        total_high.append(_cents(float(total_bounds[1, u])))
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
