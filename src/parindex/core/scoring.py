"""Scoring a run: points, index, parts, fields, ranks, classes, averages.

Points are held as integers in ten-thousandths of a point (``SCALE``) so that a
national run is vectorised with numpy and still exact; every figure leaves the
core as a ``Decimal``. Index and percentages are rounded half-up to 2 decimals;
ranks are standard competition ranks (1, 2, 2, 4) on the rounded figure, as the
published tables show it.

>>> from parindex.core.framework import parse_framework
>>> fw = parse_framework({"id": "t", "name": "T", "level": "commune", "year": 2023,
...     "classes": [{"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
...     "fields": [{"code": "1", "name": "A", "max": 10}, {"code": "2", "name": "B", "max": 5}]})
>>> table = ScoreTable.from_scores(fw, [Unit("X", "X"), Unit("Y", "Y")],
...     {("X", "1"): Decimal("8.5"), ("X", "2"): Decimal(5), ("Y", "1"): Decimal(9), ("Y", "2"): None})
>>> run = score_run(table, period="2023")
>>> [(u.unit.code, u.index, u.rank) for u in run.units]
[('X', Decimal('90.00'), 1), ('Y', Decimal('90.00'), 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from parindex.core.framework import Framework
from parindex.core.numbers import round2
from parindex.core.problems import InputError, Problem
from parindex.core.units import Unit

SCALE = 10_000
"""Points are exact to 1/10,000 of a point inside vectorised code."""

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

BLOCK_KEYS = ("kind", "parent")


def to_units(value: Decimal) -> int | None:
    """Points as integer ten-thousandths; None if finer than that."""
    scaled = value * SCALE
    if scaled != scaled.to_integral_value():
        return None
    return int(scaled)


def from_units(value: int) -> Decimal:
    """Exact points from ten-thousandths, without a scientific exponent.

    >>> from_units(85_000), from_units(100_000), from_units(125)
    (Decimal('8.5'), Decimal('10'), Decimal('0.0125'))
    """
    return Decimal(int(value)) / SCALE


def _hundredths(value: int) -> Decimal:
    return Decimal(int(value)).scaleb(-2)


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Appraised/survey points of every unit for every leaf; N/A leaves marked.

    ``points[u, l]`` is in ten-thousandths of a point (0 where not applicable).
    """

    framework: Framework
    units: tuple[Unit, ...]
    points: IntArray
    applicable: BoolArray

    @classmethod
    def from_scores(
        cls,
        framework: Framework,
        units: Sequence[Unit],
        scores: Mapping[tuple[str, str], Decimal | None],
    ) -> ScoreTable:
        """Build from (unit code, leaf code) → points, None meaning not applicable.

        Every leaf of every unit must be present; scores within 0..max.
        """
        leaves = framework.leaves
        problems: list[Problem] = []
        points = np.zeros((len(units), len(leaves)), dtype=np.int64)
        applicable = np.ones((len(units), len(leaves)), dtype=np.bool_)
        for u, unit in enumerate(units):
            for j, leaf in enumerate(leaves):
                key = (unit.code, leaf.code)
                if key not in scores:
                    problems.append(Problem("thiếu điểm", unit=unit.code, criterion=leaf.code))
                    continue
                value = scores[key]
                if value is None:
                    applicable[u, j] = False
                    continue
                if value < 0 or value > leaf.max:
                    problems.append(
                        Problem(
                            f"điểm {value} ngoài khoảng 0–{leaf.max}",
                            unit=unit.code,
                            criterion=leaf.code,
                        )
                    )
                    continue
                scaled = to_units(value)
                if scaled is None:
                    problems.append(
                        Problem(
                            "điểm có quá 4 chữ số thập phân", unit=unit.code, criterion=leaf.code
                        )
                    )
                    continue
                points[u, j] = scaled
        if problems:
            raise InputError(problems)
        return cls(framework, tuple(units), points, applicable)

    def leaf_score(self, row: int, column: int) -> Decimal | None:
        if not self.applicable[row, column]:
            return None
        return from_units(int(self.points[row, column]))


@dataclass(frozen=True)
class Part:
    """A part of the index by source: appraised self-assessment or survey."""

    score: Decimal
    max: Decimal
    percent: Decimal | None
    rank: int | None
    of: int


@dataclass(frozen=True)
class FieldResult:
    code: str
    name: str
    source: str  # self | survey | mixed
    score: Decimal
    max: Decimal
    percent: Decimal | None  # None when no leaf of the field applies to the unit
    rank: int | None
    of: int
    at_max: bool
    weak: bool
    previous_score: Decimal | None = None
    previous_rank: int | None = None

    @property
    def delta(self) -> Decimal | None:
        if self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def rank_change(self) -> int | None:
        """Places moved up (positive) or down (negative) since the previous run."""
        if self.previous_rank is None or self.rank is None:
            return None
        return self.previous_rank - self.rank


@dataclass(frozen=True)
class Predecessor:
    """A previous-period unit this unit was formed from, with its result then."""

    unit: str
    name: str
    index: Decimal
    rank: int
    of: int


@dataclass(frozen=True)
class PreviousUnit:
    """What an earlier run said of one unit (read back from its results)."""

    unit: str
    name: str
    index: Decimal
    rank: int
    of: int
    survey_score: Decimal | None = None
    survey_rank: int | None = None
    fields: Mapping[str, tuple[Decimal, int | None]] = field(default_factory=dict)
    display_name: str = ""


@dataclass(frozen=True)
class PreviousRun:
    framework_id: str
    family: str
    level: str
    period: str
    units: Mapping[str, PreviousUnit]
    block_by: str | None = None  # ranks compare only between runs ranked the same way


@dataclass(frozen=True)
class Previous:
    """This unit against the previous run. ``unit`` is None when it merged several."""

    unit: str | None
    name: str | None
    index: Decimal | None
    rank: int | None
    of: int | None
    delta: Decimal | None
    rank_change: int | None
    survey_score: Decimal | None
    survey_rank: int | None
    survey_delta: Decimal | None
    survey_rank_change: int | None
    predecessors: tuple[Predecessor, ...] = ()


@dataclass(frozen=True)
class SurveyInfo:
    """The sample behind a unit's survey points: respondents and the bootstrap interval."""

    respondents: int
    low: Decimal | None
    high: Decimal | None
    under_minimum: tuple[str, ...] = ()  # survey leaves answered by fewer than the minimum sample
    confidence: Decimal = Decimal("0.95")


@dataclass(frozen=True)
class UnitResult:
    unit: Unit
    row: int  # the unit's row in the ScoreTable
    score: Decimal
    max: Decimal
    index: Decimal
    rank: int
    of: int
    class_label: str
    class_rank: int
    class_size: int
    block: str | None
    self_part: Part
    survey_part: Part | None
    fields: tuple[FieldResult, ...]
    not_applicable: tuple[str, ...]
    previous: Previous | None = None
    survey_info: SurveyInfo | None = None
    rank_interval: tuple[int, int] | None = None


@dataclass(frozen=True)
class GroupSummary:
    """Average, above/below it, and the classes of a group (the run or a block)."""

    label: str | None
    of: int
    average: Decimal
    above: tuple[str, ...]
    below: tuple[str, ...]
    at: tuple[str, ...]
    classes: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, eq=False)
class RunResult:
    framework: Framework
    period: str
    previous_period: str | None
    block_by: str | None
    units: tuple[UnitResult, ...]  # in rank order
    overall: GroupSummary
    blocks: tuple[GroupSummary, ...]
    table: ScoreTable
    unsettled: tuple[str, ...] = ()  # units whose rank interval spans more than one place

    def unit(self, code: str) -> UnitResult:
        for result in self.units:
            if result.unit.code == code:
                return result
        raise KeyError(code)


class _Memo(dict[int, Decimal]):
    """int → Decimal conversions, memoised (the same values recur a lot): ``memo[value]``."""

    def __init__(self, convert: Callable[[int], Decimal]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: int) -> Decimal:
        found = self[value] = self.convert(value)
        return found


def competition_rank(keys: IntArray, groups: IntArray | None = None) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4), highest key first, within each group.

    >>> competition_rank(np.array([90, 85, 85, 70])).tolist()
    [1, 2, 2, 4]
    """
    ranks = np.zeros(len(keys), dtype=np.int64)
    if groups is None:
        groups = np.zeros(len(keys), dtype=np.int64)
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        group_keys = keys[members]
        ordered = np.sort(group_keys)
        above = len(ordered) - np.searchsorted(ordered, group_keys, side="right")
        ranks[members] = above + 1
    return ranks


def _round_ratio(points: IntArray, maxima: IntArray) -> IntArray:
    """round_half_up(points / max × 100, 2) in hundredths; -1 where max is 0."""
    safe = np.where(maxima > 0, maxima, 1)
    result = (points * 20_000 + safe) // (2 * safe)
    return np.where(maxima > 0, result, -1).astype(np.int64)


def _block_ids(units: Sequence[Unit], block_by: str | None) -> tuple[IntArray, list[str | None]]:
    if block_by is None:
        return np.zeros(len(units), dtype=np.int64), [None]
    labels: list[str | None] = []
    ids = []
    for unit in units:
        label = getattr(unit, block_by) or "(không xác định)"
        if label not in labels:
            labels.append(label)
        ids.append(labels.index(label))
    return np.array(ids, dtype=np.int64), labels


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


def score_run(
    table: ScoreTable,
    period: str,
    previous: PreviousRun | None = None,
    block_by: str | None = None,
) -> RunResult:
    """Score every unit of the table, rank, classify and compare with a previous run."""
    fw = table.framework
    units = table.units
    if block_by is not None and block_by not in BLOCK_KEYS:
        raise InputError(
            [Problem(f"không xếp hạng theo khối «{block_by}» được (chọn: {', '.join(BLOCK_KEYS)})")]
        )
    if previous is not None:
        problems = check_previous(fw, previous)
        if problems:
            raise InputError(problems)
    leaves = fw.leaves
    n = len(units)
    leaf_max = np.array([to_units(leaf.max) or 0 for leaf in leaves], dtype=np.int64)
    if any(to_units(leaf.max) is None for leaf in leaves):
        raise InputError(
            [
                Problem("điểm tối đa có quá 4 chữ số thập phân", criterion=leaf.code)
                for leaf in leaves
                if to_units(leaf.max) is None
            ]
        )
    pts = table.points
    app_max = np.where(table.applicable, leaf_max[None, :], 0)

    totals = pts.sum(axis=1)
    maxima = app_max.sum(axis=1)
    empty = [units[i].code for i in np.flatnonzero(maxima == 0)]
    if empty:
        raise InputError(
            [Problem("không có tiêu chí nào được đánh giá (tất cả đều KĐG)", unit=c) for c in empty]
        )
    index_h = _round_ratio(totals, maxima)

    survey_mask = np.array([leaf.source == "survey" for leaf in leaves], dtype=np.bool_)
    self_pts = pts[:, ~survey_mask].sum(axis=1)
    self_max = app_max[:, ~survey_mask].sum(axis=1)
    survey_pts = pts[:, survey_mask].sum(axis=1)
    survey_max = app_max[:, survey_mask].sum(axis=1)
    has_survey = bool(survey_mask.any())

    starts = []
    position = 0
    for top in fw.fields:
        starts.append(position)
        position += len(top.leaves)
    start_idx = np.array(starts, dtype=np.intp)
    field_pts = (
        np.add.reduceat(pts, start_idx, axis=1) if n else np.zeros((0, len(starts)), np.int64)
    )
    field_max = (
        np.add.reduceat(app_max, start_idx, axis=1) if n else np.zeros((0, len(starts)), np.int64)
    )
    field_pct = _round_ratio(field_pts, field_max)

    block_ids, block_labels = _block_ids(units, block_by)
    rank = competition_rank(index_h, block_ids)
    block_size = np.bincount(block_ids, minlength=len(block_labels))
    field_rank = (
        np.stack([competition_rank(field_pct[:, f], block_ids) for f in range(len(starts))], axis=1)
        if n
        else np.zeros((0, len(starts)), np.int64)
    )
    self_pct = _round_ratio(self_pts, self_max)
    survey_pct = _round_ratio(survey_pts, survey_max)
    self_rank = competition_rank(self_pct, block_ids)
    survey_rank = competition_rank(survey_pct, block_ids)

    band_mins = [int(band.min * 100) for band in fw.classes]
    class_idx = np.full(n, len(band_mins) - 1, dtype=np.int64)
    for b in reversed(range(len(band_mins))):
        class_idx = np.where(index_h >= band_mins[b], b, class_idx)
    class_groups = block_ids * len(band_mins) + class_idx
    class_rank = competition_rank(index_h, class_groups)
    class_size = np.bincount(class_groups, minlength=len(block_labels) * len(band_mins))

    weak_below_h = int(fw.weak_below * 100)
    field_sources = [
        "survey" if t.sources == {"survey"} else "self" if t.sources == {"self"} else "mixed"
        for t in fw.fields
    ]

    # Python lists and memoised Decimals: numpy scalar access per cell costs more than the maths
    points_of = _Memo(from_units)
    hundredths_of = _Memo(_hundredths)
    field_pts_l = field_pts.tolist()
    field_max_l = field_max.tolist()
    field_pct_l = field_pct.tolist()
    field_rank_l = field_rank.tolist()
    unapplicable_rows = set(np.flatnonzero(~table.applicable.all(axis=1)).tolist())
    columns = (
        totals.tolist(),
        maxima.tolist(),
        index_h.tolist(),
        rank.tolist(),
        block_ids.tolist(),
        class_idx.tolist(),
        class_rank.tolist(),
        class_groups.tolist(),
        self_pts.tolist(),
        self_max.tolist(),
        self_pct.tolist(),
        self_rank.tolist(),
        survey_pts.tolist(),
        survey_max.tolist(),
        survey_pct.tolist(),
        survey_rank.tolist(),
    )
    class_size_l = class_size.tolist()
    block_size_l = block_size.tolist()
    matches = _match(units, previous) if previous is not None else None
    # ranks within blocks and ranks among all units are different scales: no rank change across them
    ranks_comparable = previous is not None and previous.block_by == block_by
    no_fields: Mapping[str, tuple[Decimal, int | None]] = {}
    results: list[UnitResult] = []
    for i, unit in enumerate(units):
        match = matches[i][0] if matches is not None else None
        prev_fields = match.fields if match is not None else no_fields
        (tot, mx, idx, rk, b, ci, crk, cg, sp, sm, spc, srk, vp, vm, vpc, vrk) = (
            c[i] for c in columns
        )
        of = block_size_l[b]
        fields = []
        for f, top in enumerate(fw.fields):
            fmax = field_max_l[i][f]
            pct = field_pct_l[i][f]
            prev_field = prev_fields.get(top.code)
            fields.append(
                FieldResult(
                    code=top.code,
                    name=top.name,
                    source=field_sources[f],
                    score=points_of[field_pts_l[i][f]],
                    max=points_of[fmax],
                    percent=hundredths_of[pct] if fmax else None,
                    rank=field_rank_l[i][f] if fmax else None,
                    of=of,
                    at_max=bool(fmax and field_pts_l[i][f] == fmax),
                    weak=bool(fmax and pct < weak_below_h),
                    previous_score=prev_field[0] if prev_field else None,
                    previous_rank=prev_field[1] if prev_field and ranks_comparable else None,
                )
            )
        survey_part = None
        if has_survey:
            survey_part = Part(
                score=points_of[vp],
                max=points_of[vm],
                percent=hundredths_of[vpc] if vm else None,
                rank=vrk if vm else None,
                of=of,
            )
        results.append(
            UnitResult(
                unit=unit,
                row=i,
                score=points_of[tot],
                max=points_of[mx],
                index=hundredths_of[idx],
                rank=rk,
                of=of,
                class_label=fw.classes[ci].label,
                class_rank=crk,
                class_size=class_size_l[cg],
                block=block_labels[b],
                self_part=Part(
                    score=points_of[sp],
                    max=points_of[sm],
                    percent=hundredths_of[spc] if sm else None,
                    rank=srk if sm else None,
                    of=of,
                ),
                survey_part=survey_part,
                fields=tuple(fields),
                not_applicable=tuple(leaves[j].code for j in np.flatnonzero(~table.applicable[i]))
                if i in unapplicable_rows
                else (),
            )
        )

    if matches is not None:
        results = _compare(results, matches, ranks_comparable)

    order = sorted(range(n), key=lambda k: (block_ids[k], rank[k], units[k].code))
    ordered = tuple(results[k] for k in order)
    overall = _summary(None, ordered, fw)
    blocks = (
        tuple(
            _summary(label, [r for r in ordered if r.block == label], fw) for label in block_labels
        )
        if block_by
        else ()
    )
    if block_by:
        # in a blocked run the run's summary lists units by index across blocks
        overall = _summary(None, sorted(ordered, key=lambda r: (-r.index, r.unit.code)), fw)
    return RunResult(
        framework=fw,
        period=period,
        previous_period=previous.period if previous else None,
        block_by=block_by,
        units=ordered,
        overall=overall,
        blocks=blocks,
        table=table,
    )


def average_index(indices: Sequence[Decimal]) -> Decimal:
    """Mean of the published (rounded) indices, rounded half-up to 2 decimals.

    >>> average_index([Decimal("83.05"), Decimal("83.04"), Decimal("83.04")])
    Decimal('83.04')
    """
    if not indices:
        return Decimal(0)
    return round2(sum(indices, Decimal(0)) / len(indices))


def _summary(label: str | None, members: Sequence[UnitResult], fw: Framework) -> GroupSummary:
    average = average_index([r.index for r in members])
    return GroupSummary(
        label=label,
        of=len(members),
        average=average,
        above=tuple(r.unit.code for r in members if r.index > average),
        below=tuple(r.unit.code for r in members if r.index < average),
        at=tuple(r.unit.code for r in members if r.index == average),
        classes=tuple(
            (band.label, tuple(r.unit.code for r in members if r.class_label == band.label))
            for band in fw.classes
        ),
    )


_Match = tuple["PreviousUnit | None", tuple["PreviousUnit", ...]]


def _match(units: Sequence[Unit], previous: PreviousRun) -> list[_Match]:
    """Each unit's previous self (by code, or its single predecessor) and its predecessors."""
    problems: list[Problem] = []
    matches: list[_Match] = []
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


def _compare(
    results: list[UnitResult], matches: Sequence[_Match], ranks_comparable: bool = True
) -> list[UnitResult]:
    """Attach to each unit what the previous run said of it (fields are done while scoring)."""
    from dataclasses import replace

    compared = []
    for result, (match, preds) in zip(results, matches, strict=True):
        predecessors = tuple(
            Predecessor(p.unit, p.display_name or p.name, p.index, p.rank, p.of) for p in preds
        )
        if match is None and not preds:
            compared.append(result)
            continue
        if match is None:
            empty = Previous(
                None, None, None, None, None, None, None, None, None, None, None, predecessors
            )
            compared.append(replace(result, previous=empty))
            continue
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
            and ranks_comparable
            else None
        )
        compared.append(
            replace(
                result,
                previous=Previous(
                    unit=match.unit,
                    name=match.display_name or match.name,
                    index=match.index,
                    rank=match.rank,
                    of=match.of,
                    delta=result.index - match.index,
                    rank_change=match.rank - result.rank if ranks_comparable else None,
                    survey_score=match.survey_score,
                    survey_rank=match.survey_rank,
                    survey_delta=survey_delta,
                    survey_rank_change=survey_change,
                    predecessors=predecessors,
                ),
            )
        )
    return compared
