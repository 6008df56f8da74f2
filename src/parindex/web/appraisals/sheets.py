"""The council's workbooks gathered from the rows: each shown unit's leaves as the plain rows
``reports.appraisal_sheets`` renders (one pass, prefetched; the leaves a unit's kind does not
score are left out)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from parindex.core.collation import unit_name_key
from parindex.core.moments import format_date
from parindex.core.workflow import ORDER, CycleState
from parindex.reports.appraisal_sheets import (
    ExplanationRow,
    R,
    ReviewRow,
    SelfRow,
    UnitRows,
    render_explanations,
    render_review,
    render_self,
)
from parindex.web.appraisals.standing import changed_in_round1, round2_open_ids
from parindex.web.assessments.models import Evidence, Score
from parindex.web.cycles.models import Cycle, Participation

Readable = dict[int, set[str] | None] | None
"""The fields each unit's reader may see (access.readable_fields_by_unit); None: all."""

KINDS = ("ke-khai", "ra-soat", "giai-trinh")
"""The workbooks, by the name their address carries."""


def evidence_name(e: Evidence) -> str:
    """A file by its name, a document by its number and date."""
    if e.original_name:
        return e.original_name
    named = f"Văn bản số {e.doc_number}" if e.doc_number else "Văn bản"
    return named + (f" ngày {format_date(e.doc_date)}" if e.doc_date else "")


def _scores(
    cycle: Cycle, participations: Sequence[Participation], readable: Readable
) -> dict[int, list[Score]]:
    core = cycle.framework.to_core()
    by_unit: dict[int, list[Score]] = {p.unit_id: [] for p in participations}
    for s in (
        Score.objects.filter(cycle=cycle, unit__in=list(by_unit))
        .select_related("criterion", "unit", "unit_explanation")
        .prefetch_related("evidence", "corrections")
        .order_by("criterion__position")
    ):
        allowed = readable.get(s.unit_id, set()) if readable is not None else None
        if allowed is not None and s.criterion.field_code not in allowed:
            continue  # an appraiser's sheets: only the fields assigned to them
        leaf = core.node(s.criterion.code)
        if leaf is None or leaf.applies(s.unit.kind):
            by_unit[s.unit_id].append(s)
    return by_unit


def _units(
    cycle: Cycle,
    participations: Sequence[Participation],
    make: Callable[[Score], R | None],
    readable: Readable,
) -> list[UnitRows[R]]:
    scores = _scores(cycle, participations, readable)
    ordered = sorted(participations, key=lambda p: unit_name_key(p.unit.name))
    units = []
    for p in ordered:
        rows = tuple(row for s in scores[p.unit_id] if (row := make(s)) is not None)
        units.append(UnitRows(p.unit.code, str(p.unit), p.submitted, rows))
    return units


def _evidence(s: Score) -> list[Evidence]:
    return [e for e in s.evidence.all() if e.removed_at is None]


def _decision(s: Score, round_: int) -> tuple[Decimal | None, str]:
    found = next((c for c in s.corrections.all() if c.round == round_), None)
    return (found.appraised_score, found.reason) if found else (None, "")


def workbook(
    cycle: Cycle,
    participations: Sequence[Participation],
    kind: str,
    readable: Readable = None,
) -> bytes:
    """The workbook ``kind`` (one of KINDS) of the given units; ``readable`` (access.
    readable_fields_by_unit) keeps only the fields each unit's reader may see."""
    if kind == "ke-khai":
        return render_self(
            cycle.name,
            _units(
                cycle,
                participations,
                lambda s: SelfRow(
                    s.criterion.code,
                    s.criterion.name,
                    s.criterion.max,
                    s.self_score,
                    s.not_applicable,
                    s.explanation,
                    tuple(evidence_name(e) for e in _evidence(s)),
                ),
                readable,
            ),
        )
    after_round1 = ORDER.index(CycleState(cycle.state)) >= ORDER.index(CycleState.FINAL_APPRAISAL)
    reopened = round2_open_ids(cycle, [p.unit_id for p in participations])
    if kind == "ra-soat":

        def review(s: Score) -> ReviewRow:
            first, second = _decision(s, 1), _decision(s, 2)
            return ReviewRow(
                s.criterion.code,
                s.criterion.name,
                s.criterion.max,
                s.self_score,
                s.not_applicable,
                first[0],
                first[1],
                second[0],
                second[1],
                after_round1 and s.pk not in reopened,
            )

        return render_review(cycle.name, _units(cycle, participations, review, readable))

    def explained(s: Score) -> ExplanationRow | None:
        first = next((c for c in s.corrections.all() if c.round == 1), None)
        if first is None or not changed_in_round1(
            s.self_score, s.not_applicable, first.appraised_score
        ):
            return None
        answer = getattr(s, "unit_explanation", None) if hasattr(s, "unit_explanation") else None
        added = [e for e in _evidence(s) if e.uploaded_at > first.updated_at]
        return ExplanationRow(
            s.criterion.code,
            s.criterion.name,
            s.self_score,
            s.not_applicable,
            first.appraised_score,
            first.reason,
            answer.text if answer is not None else "",
            tuple(evidence_name(e) for e in added),
            _decision(s, 2)[0],
        )

    return render_explanations(cycle.name, _units(cycle, participations, explained, readable))
