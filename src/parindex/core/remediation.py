"""Remediation from lost points: a unit's findings («tồn tại, hạn chế») and, a year later,
which of them were remedied.

A finding is a criterion where the unit lost points (lost = applicable max − score > 0), at
the finest level a results.json publishes with a name, a max and a score: the criteria of a
field, or the field itself when it has none. A criterion that does not apply to the unit
(KĐG) is not a finding. Findings come largest loss first, ties in the framework's order.

Over a unit's assessed criteria the points lost add up to ``max − score`` plus the bonus
counted and minus the penalty taken (``lost_total``): the bonus and the penalty are not
criteria, so they are no finding.

``recovery`` compares the criteria of a unit's plan with the next run: «Đã khắc phục»
(at its max again), «Khắc phục một phần» (fewer points lost), «Chưa khắc phục» (as many
lost, or more), «Không so sánh được» (the criterion is gone or does not apply any more).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.published import PublishedRun, UnitEntry

ZERO = Decimal(0)

RECOVERED = "Đã khắc phục"
PARTLY = "Khắc phục một phần"
NOT_RECOVERED = "Chưa khắc phục"
NOT_COMPARABLE = "Không so sánh được"
STATUSES = (RECOVERED, PARTLY, NOT_RECOVERED, NOT_COMPARABLE)


@dataclass(frozen=True)
class Assessed:
    """A criterion of one unit as published: where it stands in the framework, its points."""

    position: int
    code: str
    name: str
    field: str
    max: Decimal
    score: Decimal

    @property
    def lost(self) -> Decimal:
        return self.max - self.score


@dataclass(frozen=True)
class Finding:
    """A criterion where the unit lost points (one «tồn tại, hạn chế»)."""

    code: str
    name: str
    field: str
    max: Decimal
    score: Decimal
    lost: Decimal
    reason: str = ""
    """The appraiser's reason; results.json carries none yet, so it is blank."""


@dataclass(frozen=True)
class UnitFindings:
    unit: str
    name: str
    period: str
    findings: tuple[Finding, ...]

    @property
    def lost_total(self) -> Decimal:
        return sum((f.lost for f in self.findings), ZERO)


def assessed_criteria(unit: UnitEntry) -> list[Assessed]:
    """The unit's criteria that apply to it, in the framework's order: each field's criteria,
    or the field itself when the results publish no criteria for it."""
    out: list[Assessed] = []
    criteria = list(unit.criteria)
    for field in unit.fields:
        children = [c for c in criteria if c.field == field.code]
        if children:
            for c in children:
                if c.assessed:
                    out.append(Assessed(len(out), c.code, c.name, field.code, c.max, c.score))
        elif field.assessed:
            out.append(
                Assessed(len(out), field.code, field.name, field.code, field.max, field.score)
            )
    return out


def findings_of(unit: UnitEntry, period: str = "") -> UnitFindings:
    """The unit's findings, largest loss first (ties in the framework's order)."""
    lost = [a for a in assessed_criteria(unit) if a.lost > 0]
    lost.sort(key=lambda a: (-a.lost, a.position))
    return UnitFindings(
        unit.code,
        unit.display_name,
        period,
        tuple(Finding(a.code, a.name, a.field, a.max, a.score, a.lost) for a in lost),
    )


def remediation(run: PublishedRun, only: Sequence[str] | None = None) -> tuple[UnitFindings, ...]:
    """Every unit's findings (in the run's order), or only these units' (KeyError if unknown)."""
    units = run.units if only is None else tuple(run.unit(code) for code in only)
    return tuple(findings_of(u, run.period) for u in units)


# --- a year later: which lost points were recovered ---------------------------------------


@dataclass(frozen=True)
class Recovery:
    """One criterion of a unit's plan, then and now."""

    code: str
    name: str
    max_before: Decimal
    lost_before: Decimal
    max_now: Decimal | None
    score_now: Decimal | None
    lost_now: Decimal | None  # None: not comparable
    status: str

    @property
    def recovered_points(self) -> Decimal:
        """Points won back (negative when more were lost); 0 when not comparable."""
        return ZERO if self.lost_now is None else self.lost_before - self.lost_now


@dataclass(frozen=True)
class UnitRecovery:
    unit: str
    name: str
    unit_now: str | None
    """The unit of the next run it was matched to (its code, a successor), or None."""
    name_now: str
    items: tuple[Recovery, ...]

    @property
    def lost_before(self) -> Decimal:
        return sum((r.lost_before for r in self.items), ZERO)

    @property
    def lost_now(self) -> Decimal:
        """Points lost now on the plan's criteria that can be compared."""
        return sum((r.lost_now for r in self.items if r.lost_now is not None), ZERO)

    @property
    def recovered_points(self) -> Decimal:
        return sum((r.recovered_points for r in self.items), ZERO)

    def count(self, status: str) -> int:
        return sum(1 for r in self.items if r.status == status)


def status_of(lost_before: Decimal, lost_now: Decimal | None) -> str:
    """Whether the points lost the year before were recovered.

    >>> status_of(Decimal(1), Decimal(0)), status_of(Decimal(1), Decimal("0.5"))
    ('Đã khắc phục', 'Khắc phục một phần')
    """
    if lost_now is None:
        return NOT_COMPARABLE
    if lost_now <= 0:
        return RECOVERED
    if lost_now < lost_before:
        return PARTLY
    return NOT_RECOVERED


def successor(run: PublishedRun, code: str) -> UnitEntry | None:
    """The unit of ``run`` that continues ``code`` of the run before: the same code, the unit
    the comparison matched to it, or the unit formed from it (a merger)."""
    if run.has_unit(code):
        return run.unit(code)
    for u in run.units:
        if u.previous is not None and u.previous.code == code:
            return u
    for u in run.units:
        if code in u.predecessors:
            return u
    return None


def recovery(unit: UnitEntry, codes: Iterable[str], now: UnitEntry | None) -> UnitRecovery:
    """The plan's criteria (``codes``, all criteria of ``unit``) of the run before against
    ``now``, the unit that continues it (None: it has none)."""
    before = {a.code: a for a in assessed_criteria(unit)}
    after = {a.code: a for a in assessed_criteria(now)} if now is not None else {}
    items = []
    for code in codes:
        was = before.get(code)
        if was is None:  # KĐG the year before: nothing was lost
            name = next((c.name for c in unit.criteria if c.code == code), code)
            was = Assessed(0, code, name, "", criterion_max_or_zero(unit, code), ZERO)
        is_ = after.get(code)
        items.append(
            Recovery(
                code=code,
                name=was.name,
                max_before=was.max,
                lost_before=was.lost,
                max_now=None if is_ is None else is_.max,
                score_now=None if is_ is None else is_.score,
                lost_now=None if is_ is None else is_.lost,
                status=status_of(was.lost, None if is_ is None else is_.lost),
            )
        )
    return UnitRecovery(
        unit=unit.code,
        name=unit.display_name,
        unit_now=None if now is None else now.code,
        name_now="" if now is None else now.display_name,
        items=tuple(items),
    )


def criterion_max_or_zero(unit: UnitEntry, code: str) -> Decimal:
    found = unit.criteria.get(code)
    return ZERO if found is None else found.max


def known_codes(run: PublishedRun) -> set[str]:
    """The codes a plan may name: every criterion, and every field without criteria."""
    codes: set[str] = set()
    for field in run.framework.fields:
        if field.criteria:
            codes.update(c.code for c in field.criteria)
        else:
            codes.add(field.code)
    return codes
