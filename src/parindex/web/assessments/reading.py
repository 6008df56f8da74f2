"""What the officer's actions read: a leaf's entry by the framework's rule, the unit's entries as
the submission check takes them, round 1's correction to explain, evidence to cite again."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from parindex.core.entry import Entered, entered
from parindex.core.rules import Measure
from parindex.core.workflow import LeafEntry
from parindex.web.assessments.leaves import not_for_kind
from parindex.web.assessments.models import Evidence, Score
from parindex.web.cycles.models import Cycle
from parindex.web.errors import ActionError
from parindex.web.units.models import Unit

if TYPE_CHECKING:
    from parindex.web.appraisals.models import Correction


def leaf_score_problem(score: Score, value: Decimal | None) -> str | None:
    """The core's rule for a leaf's points (range, scale), said as a sentence; None: allowed."""
    if value is None:
        return None
    leaf = score.cycle.framework.to_core().node(score.criterion.code)
    if leaf is None:  # a criterion row always comes from its framework's file
        return None
    refused = leaf.score_problem(value)
    return f"Tiêu chí {score.criterion.code}: {refused}" if refused else None


def leaf_entry(
    score: Score, points: Decimal | None, measure: Measure | None, no_case: bool
) -> Entered:
    """What was entered for a leaf as the points to store, by the framework's rule for it (the
    scale, a measured value, "không phát sinh"); ActionError naming the criterion otherwise.
    A leaf that does not apply to the unit's kind takes nothing."""
    framework = score.cycle.framework.to_core()
    leaf = framework.node(score.criterion.code)
    code = score.criterion.code
    if leaf is None:  # a criterion row always comes from its framework's file
        raise ActionError(f"Tiêu chí {code} không có trong bộ tiêu chí")
    if reason := not_for_kind(leaf, score.unit.kind):
        raise ActionError(f"Tiêu chí {code}: {reason.lower()} nên không chấm điểm")
    outcome = entered(leaf, framework.leaf_decimals, points, measure, no_case)
    if isinstance(outcome, str):
        raise ActionError(f"Tiêu chí {code}: {outcome}")
    return outcome


def corrected(score: Score) -> Correction | None:
    """Round 1's correction of the leaf when it changed the self score (to be explained)."""
    first = score.corrections.filter(round=1).first()
    if first is None or first.appraised_score == (
        None if score.not_applicable else score.self_score
    ):
        return None
    return first


def reusable_evidence(score: Score) -> QuerySet[Evidence]:
    """The unit's other evidence, this cycle's other leaves and earlier cycles', newest cycle
    first, that this leaf may cite again (a file not already cited here, or a reference)."""
    cited = (
        Evidence.objects.filter(score=score, removed_at__isnull=True)
        .exclude(sha256="")
        .values_list("sha256", flat=True)
    )
    return (
        Evidence.objects.filter(score__unit=score.unit_id, removed_at__isnull=True)
        .exclude(score=score)
        .exclude(sha256__in=list(cited))
        .select_related("score__criterion", "score__cycle")
        .order_by(
            "-score__cycle__period",
            "-score__cycle_id",
            "score__criterion__position",
            "-uploaded_at",
        )
    )


def entries(cycle: Cycle, unit: Unit) -> dict[str, LeafEntry]:
    """The unit's entries as the core's submission check reads them; a leaf that does not apply
    to the unit's kind (``applies_to``) is not assessed, as if marked so."""
    with_evidence = set(
        Evidence.objects.filter(
            score__cycle=cycle, score__unit=unit, removed_at__isnull=True
        ).values_list("score_id", flat=True)
    )
    framework = cycle.framework.to_core()
    found = {}
    for s in Score.objects.filter(cycle=cycle, unit=unit).select_related("criterion"):
        leaf = framework.node(s.criterion.code)
        applies = leaf is None or leaf.applies(unit.kind)
        found[s.criterion.code] = LeafEntry(
            s.self_score, s.not_applicable or not applies, s.pk in with_evidence, s.explanation
        )
    return found
