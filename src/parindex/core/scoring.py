"""Scoring a run: points, index, parts, fields, criteria, ranks, classes, averages, comparison.

``score_run`` is the one function that scores a run; it calls one module per rule:
``score_table`` (exact points as integers), ``ranking`` (competition ranks, blocks),
``classes`` (the class rule), ``averages`` (group averages), ``comparison`` (the previous
run); ``results`` holds what it returns. The names other modules use are re-exported here.
Index and percentages are rounded half-up to 2 decimals; ranks are standard competition
ranks (1, 2, 2, 4) on the rounded figure, as the published tables show it. A field's
children (its criteria, tiêu chí) get points, max, percent and rank by the fields' rules.

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
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from parindex.core.averages import average_index, group_summary
from parindex.core.classes import classify
from parindex.core.comparison import (
    Match,
    check_previous,
    compare,
    match_units,
    ranks_comparable,
)
from parindex.core.framework import Framework, Node
from parindex.core.problems import InputError, Problem
from parindex.core.ranking import (
    BLOCK_KEYS,
    block_ids,
    check_block_by,
    competition_rank,
    percent_hundredths,
)
from parindex.core.results import (
    Criteria,
    CriterionHead,
    CriterionResult,
    FieldResult,
    GroupSummary,
    Part,
    Predecessor,
    Previous,
    PreviousRun,
    PreviousUnit,
    RunResult,
    SurveyInfo,
    UnitResult,
)
from parindex.core.score_table import (
    SCALE,
    BoolArray,
    IntArray,
    ScoreTable,
    from_hundredths,
    from_units,
    to_units,
)
from parindex.core.units import Unit

__all__ = [
    "BLOCK_KEYS",
    "SCALE",
    "BoolArray",
    "Criteria",
    "CriterionResult",
    "FieldResult",
    "GroupSummary",
    "IntArray",
    "Part",
    "Predecessor",
    "Previous",
    "PreviousRun",
    "PreviousUnit",
    "RunResult",
    "ScoreTable",
    "SurveyInfo",
    "UnitResult",
    "average_index",
    "check_previous",
    "competition_rank",
    "from_units",
    "score_run",
    "to_units",
]


def score_run(
    table: ScoreTable,
    period: str,
    previous: PreviousRun | None = None,
    block_by: str | None = None,
) -> RunResult:
    """Score every unit of the table, rank, classify and compare with a previous run."""
    check_block_by(block_by)
    if previous is not None:
        problems = check_previous(table.framework, previous)
        if problems:
            raise InputError(problems)
    figures = _figures(table)
    ranks = _ranks(figures, table, block_by)
    matches = match_units(table.units, previous) if previous is not None else None
    comparable = ranks_comparable(previous, block_by)
    results = _Rows(table, figures, ranks).results(matches, comparable)
    if matches is not None:
        results = compare(results, matches, comparable)
    return _assemble(table, period, previous, block_by, results, ranks)


@dataclass(frozen=True, eq=False)
class _Figures:
    """Every unit's points and maxima (ten-thousandths) and percentages (hundredths)."""

    totals: IntArray
    maxima: IntArray
    index: IntArray
    self_points: IntArray
    self_max: IntArray
    self_percent: IntArray
    survey_points: IntArray
    survey_max: IntArray
    survey_percent: IntArray
    has_survey: bool
    field_points: IntArray  # (units, fields)
    field_max: IntArray
    field_percent: IntArray
    criterion_points: IntArray  # (units, criteria): the children of every field
    criterion_max: IntArray
    criterion_percent: IntArray


def _leaf_maxima(framework: Framework) -> IntArray:
    """Each leaf's max in ten-thousandths; an error if a max is finer than that."""
    scaled = [to_units(leaf.max) for leaf in framework.leaves]
    if any(s is None for s in scaled):
        raise InputError(
            [
                Problem("điểm tối đa có quá 4 chữ số thập phân", criterion=leaf.code)
                for leaf, s in zip(framework.leaves, scaled, strict=True)
                if s is None
            ]
        )
    return np.array([s or 0 for s in scaled], dtype=np.int64)


def _figures(table: ScoreTable) -> _Figures:
    """Sum the leaves into the index, the two parts and the fields of every unit."""
    fw = table.framework
    pts = table.points
    app_max = np.where(table.applicable, _leaf_maxima(fw)[None, :], 0)
    bonus, penalty = table.adjustment_totals()
    totals = np.maximum(pts.sum(axis=1) + bonus - penalty, 0)
    maxima = app_max.sum(axis=1)
    empty = [table.units[i].code for i in np.flatnonzero(maxima == 0)]
    if empty:
        raise InputError(
            [Problem("không có tiêu chí nào được đánh giá (tất cả đều KĐG)", unit=c) for c in empty]
        )
    survey = np.array([leaf.source == "survey" for leaf in fw.leaves], dtype=np.bool_)
    self_pts, self_max = pts[:, ~survey].sum(axis=1), app_max[:, ~survey].sum(axis=1)
    survey_pts, survey_max = pts[:, survey].sum(axis=1), app_max[:, survey].sum(axis=1)
    field_pts, field_max = _field_sums(fw, pts), _field_sums(fw, app_max)
    criteria = _criteria_layout(fw)
    crit_pts, crit_max = criteria.sums(pts), criteria.sums(app_max)
    return _Figures(
        totals=totals,
        maxima=maxima,
        index=np.minimum(percent_hundredths(totals, maxima), int(fw.index_cap * 100)),
        self_points=self_pts,
        self_max=self_max,
        self_percent=percent_hundredths(self_pts, self_max),
        survey_points=survey_pts,
        survey_max=survey_max,
        survey_percent=percent_hundredths(survey_pts, survey_max),
        has_survey=bool(survey.any()),
        field_points=field_pts,
        field_max=field_max,
        field_percent=percent_hundredths(field_pts, field_max),
        criterion_points=crit_pts,
        criterion_max=crit_max,
        criterion_percent=percent_hundredths(crit_pts, crit_max),
    )


def _field_sums(fw: Framework, leaf_values: IntArray) -> IntArray:
    """Sum leaf columns into one column per top-level field (leaves are in field order)."""
    starts = []
    position = 0
    for top in fw.fields:
        starts.append(position)
        position += len(top.leaves)
    if not len(leaf_values):
        return np.zeros((0, len(starts)), np.int64)
    return np.add.reduceat(leaf_values, np.array(starts, dtype=np.intp), axis=1)


@dataclass(frozen=True, eq=False)
class _CriteriaLayout:
    """Where each criterion's leaves lie among the framework's leaves.

    The leaves are cut into contiguous segments: each criterion (a child of a field), and
    each field that is itself a leaf; ``sums`` adds every segment's columns with one
    ``np.add.reduceat`` and keeps the criteria.
    """

    criteria: tuple[tuple[str, Node], ...]  # (field code, criterion), framework order
    starts: IntArray  # the first leaf of every segment
    picked: IntArray  # the segments that are criteria

    def sums(self, leaf_values: IntArray) -> IntArray:
        if not len(leaf_values) or not len(self.picked):
            return np.zeros((len(leaf_values), len(self.picked)), np.int64)
        return np.add.reduceat(leaf_values, self.starts, axis=1)[:, self.picked]


def _criteria_layout(fw: Framework) -> _CriteriaLayout:
    """The criteria's leaf segments; an error if a criterion's leaves are not contiguous."""
    leaf_codes = [leaf.code for leaf in fw.leaves]
    starts: list[int] = []
    picked: list[int] = []
    criteria: list[tuple[str, Node]] = []
    position = 0
    for top in fw.fields:
        for node in top.children or (top,):
            codes = [leaf.code for leaf in node.leaves]
            if leaf_codes[position : position + len(codes)] != codes:
                raise RuntimeError(f"the leaves of {node.code} are not contiguous in the framework")
            if top.children:
                picked.append(len(starts))
                criteria.append((top.code, node))
            starts.append(position)
            position += len(codes)
    return _CriteriaLayout(
        criteria=tuple(criteria),
        starts=np.array(starts, dtype=np.intp),
        picked=np.array(picked, dtype=np.intp),
    )


@dataclass(frozen=True, eq=False)
class _Ranks:
    """Blocks, competition ranks and classes of every unit."""

    block: IntArray
    block_labels: list[str | None]
    block_size: IntArray
    rank: IntArray
    self_rank: IntArray
    survey_rank: IntArray
    field_rank: IntArray  # (units, fields)
    class_position: IntArray
    class_group: IntArray  # block × class: the group a class rank is counted in
    class_rank: IntArray
    class_size: IntArray  # by class group
    criterion_rank: IntArray  # (units, criteria)


def _column_ranks(percents: IntArray, blocks: IntArray) -> IntArray:
    """Competition ranks of every column (a field, a criterion) within the blocks."""
    if not len(percents) or not percents.shape[1]:
        return np.zeros(percents.shape, np.int64)
    return np.stack(
        [competition_rank(percents[:, c], blocks) for c in range(percents.shape[1])], axis=1
    )


def _ranks(figures: _Figures, table: ScoreTable, block_by: str | None) -> _Ranks:
    """Rank the index, parts and fields within blocks; classify; rank inside each class."""
    fw = table.framework
    blocks, labels = block_ids(table.units, block_by)
    field_rank = _column_ranks(figures.field_percent, blocks)
    position = classify(figures.index, fw.classes)
    class_group = blocks * len(fw.classes) + position
    return _Ranks(
        block=blocks,
        block_labels=labels,
        block_size=np.bincount(blocks, minlength=len(labels)),
        rank=competition_rank(figures.index, blocks),
        self_rank=competition_rank(figures.self_percent, blocks),
        survey_rank=competition_rank(figures.survey_percent, blocks),
        field_rank=field_rank,
        class_position=position,
        class_group=class_group,
        class_rank=competition_rank(figures.index, class_group),
        class_size=np.bincount(class_group, minlength=len(labels) * len(fw.classes)),
        criterion_rank=_column_ranks(figures.criterion_percent, blocks),
    )


class _Memo(dict[int, Decimal]):
    """int → Decimal conversions, memoised (the same values recur a lot): ``memo[value]``."""

    def __init__(self, convert: Callable[[int], Decimal]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: int) -> Decimal:
        found = self[value] = self.convert(value)
        return found


ObjectArray = npt.NDArray[np.object_]

_NO_FIELDS: Mapping[str, tuple[Decimal, int | None]] = {}


class _Rows:
    """The figures as Python lists and memoised Decimals, turned into ``UnitResult``s.

    numpy scalar access per cell costs more than the maths, so columns are lists.
    """

    def __init__(self, table: ScoreTable, figures: _Figures, ranks: _Ranks) -> None:
        fw = table.framework
        self.table = table
        self.fw = fw
        self.leaf_codes = [leaf.code for leaf in fw.leaves]  # Framework.leaves walks the tree
        self.has_survey = figures.has_survey
        self.points_of = _Memo(from_units)
        self.hundredths_of = _Memo(from_hundredths)
        self.weak_below = int(fw.weak_below * 100)
        self.field_sources = [
            "survey" if t.sources == {"survey"} else "self" if t.sources == {"self"} else "mixed"
            for t in fw.fields
        ]
        self.field_points = figures.field_points.tolist()
        self.field_max = figures.field_max.tolist()
        self.field_percent = figures.field_percent.tolist()
        self.field_rank = ranks.field_rank.tolist()
        self.criterion_heads = tuple(
            CriterionHead(node.code, node.name, field)
            for field, node in _criteria_layout(fw).criteria
        )
        assessed = figures.criterion_max > 0
        self.criterion_points = _decimal_cells(figures.criterion_points, from_units)
        self.criterion_max = _decimal_cells(figures.criterion_max, from_units)
        self.criterion_percent = _decimal_cells(
            figures.criterion_percent, from_hundredths, assessed
        )
        self.criterion_rank: ObjectArray = ranks.criterion_rank.astype(object)
        self.criterion_rank[~assessed] = None
        self.partly_applicable = set(np.flatnonzero(~table.applicable.all(axis=1)).tolist())
        self.columns = tuple(
            column.tolist()
            for column in (
                figures.totals,
                figures.maxima,
                figures.index,
                ranks.rank,
                ranks.block,
                ranks.class_position,
                ranks.class_rank,
                ranks.class_group,
                figures.self_points,
                figures.self_max,
                figures.self_percent,
                ranks.self_rank,
                figures.survey_points,
                figures.survey_max,
                figures.survey_percent,
                ranks.survey_rank,
            )
        )
        self.class_size = ranks.class_size.tolist()
        self.block_size = ranks.block_size.tolist()
        self.block_labels = ranks.block_labels

    def results(self, matches: Sequence[Match] | None, comparable: bool) -> list[UnitResult]:
        results = []
        for i, unit in enumerate(self.table.units):
            match = matches[i][0] if matches is not None else None
            prev_fields = match.fields if match is not None else _NO_FIELDS
            results.append(self.unit(i, unit, prev_fields, comparable))
        return results

    def part(self, points: int, maximum: int, percent: int, rank: int, of: int) -> Part:
        return Part(
            score=self.points_of[points],
            max=self.points_of[maximum],
            percent=self.hundredths_of[percent] if maximum else None,
            rank=rank if maximum else None,
            of=of,
        )

    def unit(
        self,
        i: int,
        unit: Unit,
        prev_fields: Mapping[str, tuple[Decimal, int | None]],
        comparable: bool,
    ) -> UnitResult:
        (tot, mx, idx, rk, b, ci, crk, cg, sp, sm, spc, srk, vp, vm, vpc, vrk) = (
            c[i] for c in self.columns
        )
        of = self.block_size[b]
        return UnitResult(
            unit=unit,
            row=i,
            score=self.points_of[tot],
            max=self.points_of[mx],
            index=self.hundredths_of[idx],
            rank=rk,
            of=of,
            class_label=self.fw.classes[ci].label,
            class_rank=crk,
            class_size=self.class_size[cg],
            block=self.block_labels[b],
            self_part=self.part(sp, sm, spc, srk, of),
            survey_part=self.part(vp, vm, vpc, vrk, of) if self.has_survey else None,
            fields=self.fields(i, of, prev_fields, comparable),
            not_applicable=tuple(
                self.leaf_codes[j] for j in np.flatnonzero(~self.table.applicable[i])
            )
            if i in self.partly_applicable
            else (),
            criteria=self.criteria(i, of),
        )

    def fields(
        self,
        i: int,
        of: int,
        prev_fields: Mapping[str, tuple[Decimal, int | None]],
        comparable: bool,
    ) -> tuple[FieldResult, ...]:
        points, maxima = self.field_points[i], self.field_max[i]
        percents, ranks = self.field_percent[i], self.field_rank[i]
        # locals: this loop runs once per unit and field (330,000 times in a national run)
        points_of, hundredths_of, sources = self.points_of, self.hundredths_of, self.field_sources
        weak_below = self.weak_below
        fields = []
        for f, top in enumerate(self.fw.fields):
            fmax = maxima[f]
            pct = percents[f]
            prev_field = prev_fields.get(top.code)
            fields.append(
                FieldResult(
                    code=top.code,
                    name=top.name,
                    source=sources[f],
                    score=points_of[points[f]],
                    max=points_of[fmax],
                    percent=hundredths_of[pct] if fmax else None,
                    rank=ranks[f] if fmax else None,
                    of=of,
                    at_max=bool(fmax and points[f] == fmax),
                    weak=bool(fmax and pct < weak_below),
                    previous_score=prev_field[0] if prev_field else None,
                    previous_rank=prev_field[1] if prev_field and comparable else None,
                )
            )
        return tuple(fields)

    def criteria(self, i: int, of: int) -> Criteria:
        return Criteria(
            self.criterion_heads,
            tuple(self.criterion_points[i].tolist()),
            tuple(self.criterion_max[i].tolist()),
            tuple(self.criterion_percent[i].tolist()),
            tuple(self.criterion_rank[i].tolist()),
            of,
        )


def _decimal_cells(
    values: IntArray, convert: Callable[[int], Decimal], applies: BoolArray | None = None
) -> ObjectArray:
    """Every cell as a Decimal (None where ``applies`` is false), each distinct value converted
    once (a national run has 332,100 criterion cells and a few hundred values). An object
    array, not lists: the garbage collector does not walk it."""
    distinct, inverse = np.unique(values.ravel(), return_inverse=True)
    decimals = np.array([convert(v) for v in distinct.tolist()], dtype=object)
    cells: ObjectArray = decimals[inverse].reshape(values.shape)
    if applies is not None:
        cells[~applies] = None  # a fresh array: fancy indexing copies
    return cells


def _assemble(
    table: ScoreTable,
    period: str,
    previous: PreviousRun | None,
    block_by: str | None,
    results: Sequence[UnitResult],
    ranks: _Ranks,
) -> RunResult:
    """Order the units (block, rank, code) and summarise the run and each block."""
    fw = table.framework
    units = table.units
    block, rank = ranks.block, ranks.rank
    order = sorted(range(len(units)), key=lambda k: (block[k], rank[k], units[k].code))
    ordered = tuple(results[k] for k in order)
    if block_by:
        # in a blocked run the run's summary lists units by index across blocks
        overall = group_summary(None, sorted(ordered, key=lambda r: (-r.index, r.unit.code)), fw)
        blocks = tuple(
            group_summary(label, [r for r in ordered if r.block == label], fw)
            for label in ranks.block_labels
        )
    else:
        overall = group_summary(None, ordered, fw)
        blocks = ()
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
