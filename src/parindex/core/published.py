"""A published run as every renderer reads it: one results.json, typed and frozen.

``parindex.io.results_json`` reads a results.json into a ``PublishedRun`` (and nothing
else reads that file); the documents, charts, the web pages and the API take this object.
Numbers are ``Decimal`` as the file gives them (2 decimals, leaf scores exact).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from decimal import Decimal

from parindex.core.results import (
    NO_CRITERIA,
    Criteria,
    CriterionResult,
    GroupSummary,
    Part,
)

PartEntry = Part
"""A part of the index as published (score, max, percent, rank, of): the core's own ``Part``."""
CriteriaEntry = Criteria
"""A unit's criteria as published, held as columns: the core's own ``Criteria``."""
CriterionEntry = CriterionResult
"""One criterion of a unit as published (code, name, score, max, percent, rank, of, field)."""
GroupEntry = GroupSummary
"""The run as a whole (``label`` None) or one block, as published: the core's ``GroupSummary``."""


@dataclass(frozen=True)
class ClassBand:
    label: str
    min: Decimal


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion (a child of a field) of the framework as the results describe it."""

    code: str
    name: str
    max: Decimal


@dataclass(frozen=True)
class FieldInfo:
    """A field of the framework as the results describe it."""

    code: str
    name: str
    max: Decimal
    source: str  # self | survey | mixed
    criteria: tuple[CriterionInfo, ...] = ()  # none for a field that is itself a leaf


@dataclass(frozen=True)
class FrameworkInfo:
    id: str
    name: str
    level: str
    year: int | None
    family: str
    source: str
    max: Decimal
    self_max: Decimal
    survey_max: Decimal
    weak_below: Decimal
    classes: tuple[ClassBand, ...]
    fields: tuple[FieldInfo, ...]
    index_name: str = "Chỉ số CCHC"
    """What titles and prose call the result (the framework's ``index_name``)."""

    @property
    def class_labels(self) -> tuple[str, ...]:
        """The classes, highest first."""
        return tuple(band.label for band in self.classes)

    @property
    def has_survey(self) -> bool:
        return self.survey_max > 0


@dataclass(frozen=True)
class SurveyEntry(PartEntry):
    """The survey part, with its sample when the run was scored from survey points."""

    respondents: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    confidence: Decimal | None = None
    under_minimum: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldEntry:
    code: str
    name: str
    source: str
    score: Decimal
    max: Decimal
    percent: Decimal | None  # None: no leaf of the field applies to the unit (KĐG)
    rank: int | None
    of: int
    at_max: bool
    weak: bool
    previous_score: Decimal | None = None
    previous_rank: int | None = None
    delta: Decimal | None = None
    rank_change: int | None = None

    @property
    def assessed(self) -> bool:
        return self.percent is not None


@dataclass(frozen=True)
class PredecessorEntry:
    code: str
    name: str
    index: Decimal
    rank: int
    of: int


@dataclass(frozen=True)
class PreviousEntry:
    """The comparison with the previous run: ``code`` None when formed from several units."""

    code: str | None
    name: str | None
    index: Decimal | None
    rank: int | None
    of: int | None
    delta: Decimal | None
    rank_change: int | None
    survey_score: Decimal | None = None
    survey_rank: int | None = None
    survey_delta: Decimal | None = None
    survey_rank_change: int | None = None
    predecessors: tuple[PredecessorEntry, ...] = ()


@dataclass(frozen=True, eq=False)
class UnitEntry:
    code: str
    name: str
    display_name: str
    kind: str
    parent: str
    predecessors: tuple[str, ...]
    block: str | None
    score: Decimal
    max: Decimal
    index: Decimal
    rank: int
    of: int
    class_label: str
    class_rank: int
    class_size: int
    self_part: PartEntry | None
    survey: SurveyEntry | None
    rank_interval: tuple[int, int] | None
    fields: tuple[FieldEntry, ...]
    not_applicable: tuple[str, ...] = ()
    scores: Mapping[str, Decimal | None] = dc_field(default_factory=dict)
    """Each leaf's points; None where the leaf does not apply (KĐG). Empty in a page summary."""
    previous: PreviousEntry | None = None
    bonus: Decimal | None = None
    """Bonus points counted (cap applied); None when the framework has no bonus section."""
    penalty: Decimal | None = None
    """Penalty points taken away (a positive number, cap applied)."""
    adjustments: Mapping[str, Decimal] = dc_field(default_factory=dict)
    """Each bonus/penalty item's points as given (negative for a penalty)."""
    values: Mapping[str, str] = dc_field(default_factory=dict)
    """What each rule leaf was scored from, as entered ("97,3", "35/36", "KPS")."""
    criteria: CriteriaEntry = NO_CRITERIA
    """Every field's criteria; empty in a results.json written before they were published."""

    def field(self, code: str) -> FieldEntry | None:
        return next((f for f in self.fields if f.code == code), None)

    @property
    def unsettled(self) -> bool:
        """The survey's sampling leaves its place open (its rank interval spans places)."""
        return self.rank_interval is not None and self.rank_interval[0] != self.rank_interval[1]

    @property
    def comparable(self) -> bool:
        """Matched to one unit of the previous run (so it has a change of index)."""
        return self.previous is not None and self.previous.code is not None


@dataclass(frozen=True, eq=False)
class PublishedRun:
    """One results.json, read once: what every report, chart, page and the API takes."""

    framework: FrameworkInfo
    period: str
    previous_period: str | None
    block_by: str | None
    decision: str | None
    overall: GroupEntry
    blocks: tuple[GroupEntry, ...]
    unsettled: tuple[str, ...]
    units: tuple[UnitEntry, ...]  # in the order of the file (rank order)

    @property
    def of(self) -> int:
        return self.overall.of

    @property
    def average(self) -> Decimal:
        """The average of the run as a whole; shown only when the run is not ranked in blocks."""
        return self.overall.average

    @property
    def groups(self) -> tuple[GroupEntry, ...]:
        """The groups whose figures are shown: each block of a run ranked in blocks, else the
        run as a whole. No province publishes an average across blocks, so ``overall`` of a
        blocked run is read but shown nowhere."""
        return self.blocks if self.blocked else (self.overall,)

    @property
    def blocked(self) -> bool:
        return bool(self.block_by)

    @property
    def compared(self) -> bool:
        return bool(self.previous_period)

    def unit(self, code: str) -> UnitEntry:
        """The unit with this code; KeyError if the run has none."""
        index = self._by_code()
        if code not in index:
            raise KeyError(code)
        return index[code]

    def has_unit(self, code: str) -> bool:
        return code in self._by_code()

    def _by_code(self) -> dict[str, UnitEntry]:
        cached: dict[str, UnitEntry] | None = self.__dict__.get("_codes")
        if cached is None:
            cached = {u.code: u for u in self.units}
            object.__setattr__(self, "_codes", cached)
        return cached

    def codes(self) -> list[str]:
        return [u.code for u in self.units]

    def block_position(self, label: str | None) -> int:
        """A block's place in the results (blocks are listed in this order)."""
        return next((i for i, b in enumerate(self.blocks) if b.label == label), 0)

    def class_labels(self) -> list[str]:
        """The framework's classes, highest first, then any class a unit has outside them."""
        labels = list(self.framework.class_labels)
        for u in self.units:
            if u.class_label not in labels:
                labels.append(u.class_label)
        return labels

    def kinds(self) -> list[str]:
        return sorted({u.kind for u in self.units} - {""})

    def in_rank_order(self, units: Iterable[UnitEntry] | None = None) -> list[UnitEntry]:
        """Units by rank; block by block (in the results' order of blocks) when ranked in blocks."""
        return sorted(self.units if units is None else units, key=self.rank_order_key)

    def rank_order_key(self, unit: UnitEntry) -> tuple[int, int, str]:
        return (self.block_position(unit.block), unit.rank, unit.code)

    def without_scores(self) -> PublishedRun:
        """The run without each unit's leaf scores (what the public pages read)."""
        return replace(self, units=tuple(replace(u, scores={}) for u in self.units))
