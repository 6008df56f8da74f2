"""What a run says: frozen results of units, fields, parts, groups and the comparison.

``score_run`` (``parindex.core.scoring``) makes them; the narrative, the writers and the
web read them. Points and indices are exact ``Decimal``; ranks are competition ranks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from parindex.core.framework import Framework
from parindex.core.score_table import ScoreTable
from parindex.core.units import Unit


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


class CriterionResult(NamedTuple):
    """A criterion (tiêu chí: a child of a field) of one unit: its points, applicable max,
    percent (None when none of its leaves applies to the unit) and rank in the unit's block,
    by the fields' rules. Made on demand by ``Criteria``."""

    code: str
    name: str
    score: Decimal
    max: Decimal
    percent: Decimal | None
    rank: int | None
    of: int
    field: str  # the code of its field

    @property
    def assessed(self) -> bool:
        return self.percent is not None


class CriterionHead(NamedTuple):
    """What every unit's criterion shares: its code, name and field."""

    code: str
    name: str
    field: str


@dataclass(frozen=True)
class Criteria:
    """One unit's criteria, every field's in framework order, held as columns.

    One object per unit, not one per criterion: a national run has 3,321 units × 100
    criteria, and building that many objects would cost more than the whole scoring.
    Iterating gives ``CriterionResult``s.

    >>> c = Criteria((CriterionHead("1.1", "Kế hoạch", "1"),), (Decimal(1),), (Decimal(2),),
    ...     (Decimal(50),), (3,), of=4)
    >>> [(r.code, r.score, r.max, r.percent, r.rank, r.of) for r in c]
    [('1.1', Decimal('1'), Decimal('2'), Decimal('50'), 3, 4)]
    """

    heads: tuple[CriterionHead, ...]
    scores: tuple[Decimal, ...]
    maxima: tuple[Decimal, ...]  # applicable max
    percents: tuple[Decimal | None, ...]
    ranks: tuple[int | None, ...]
    of: int = 0

    def __iter__(self) -> Iterator[CriterionResult]:
        of = self.of
        for head, score, maximum, pct, rank in zip(
            self.heads, self.scores, self.maxima, self.percents, self.ranks, strict=True
        ):
            yield CriterionResult(head.code, head.name, score, maximum, pct, rank, of, head.field)

    def __len__(self) -> int:
        return len(self.heads)

    def of_field(self, field_code: str) -> tuple[CriterionResult, ...]:
        """The criteria of one field (none for a field that is itself a leaf)."""
        return tuple(c for c in self if c.field == field_code)

    def get(self, code: str) -> CriterionResult | None:
        return next((c for c in self if c.code == code), None)


NO_CRITERIA = Criteria((), (), (), (), ())


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
    criteria: Criteria = NO_CRITERIA


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

    def class_count(self, label: str) -> int:
        """How many units of the group are in class ``label``."""
        return next((len(codes) for name, codes in self.classes if name == label), 0)


@dataclass(frozen=True, eq=False)
class RunResult:
    framework: Framework
    period: str
    previous_period: str | None
    block_by: str | None
    units: tuple[UnitResult, ...]  # in rank order
    overall: GroupSummary  # written to results.json; shown only when not ranked in blocks
    blocks: tuple[GroupSummary, ...]
    table: ScoreTable
    unsettled: tuple[str, ...] = ()  # units whose rank interval spans more than one place

    def unit(self, code: str) -> UnitResult:
        for result in self.units:
            if result.unit.code == code:
                return result
        raise KeyError(code)
