"""What stands after the appraisal, read from the rows: a rule leaf's measured value and the
bonus and penalty points. Round 2's decision stands over round 1's, round 1's over the unit's
own entry (``core.workflow.final_score``); a bonus or penalty item nobody decided counts 0."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from parindex.core.bonus import BonusSection
from parindex.core.workflow import CycleState, appraisal_round
from parindex.web.appraisals.models import BonusDecision, Correction, Explanation
from parindex.web.assessments.models import Score
from parindex.web.cycles.models import Cycle
from parindex.web.units.models import Unit


def measure_before(score: Score, before_round: int) -> str:
    """The value an appraiser sees before deciding in a round: round 1's, else the unit's own."""
    if before_round == 2:
        first = next((c for c in score.corrections.all() if c.round == 1), None)
        if first is not None and first.appraised_score is not None:
            return first.appraised_measure
    return "" if score.not_applicable else score.measure


def measure_that_stands(score: Score) -> str:
    """The value a rule leaf's standing points came from ("" for a leaf scored in points)."""
    for round_ in (2, 1):
        decided = next((c for c in score.corrections.all() if c.round == round_), None)
        if decided is not None and decided.appraised_score is not None:
            return decided.appraised_measure
    return "" if score.not_applicable else score.measure


def bonus_decisions(cycle: Cycle, unit: Unit) -> dict[tuple[str, int], BonusDecision]:
    """The unit's bonus and penalty decisions by (item, round)."""
    return {
        (d.code, d.round): d
        for d in BonusDecision.objects.filter(cycle=cycle, unit=unit).select_related("appraiser")
    }


def bonus_before(
    decisions: dict[tuple[str, int], BonusDecision], code: str, round_: int
) -> Decimal:
    """An item's points before deciding in a round: round 1's decision in round 2, else 0."""
    first = decisions.get((code, 1))
    return first.points if round_ == 2 and first is not None else Decimal(0)


def bonus_that_stands(cycle: Cycle, section: BonusSection | None) -> dict[tuple[str, str], Decimal]:
    """Every unit's standing points per item, (unit code, item code) → points; items nobody
    decided are left out (they count 0)."""
    if section is None:
        return {}
    known = {item.code for item in section.items}
    standing: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for unit_code, code, round_, points in BonusDecision.objects.filter(
        cycle=cycle, code__in=known
    ).values_list("unit__code", "code", "round", "points"):
        key = (unit_code, code)
        if key not in standing or round_ > standing[key][0]:
            standing[key] = (round_, points)
    return {key: points for key, (_, points) in standing.items()}


# Round 2 (thẩm định lần 2) reopens only what round 1 changed and the unit explained. Every
# other leaf carries round 1's result over with no row written: the reading rule is
# ``core.workflow.final_score`` (round 2's decision, else round 1's, else the unit's own), used
# by ``actions.score_that_stands`` and so by results/compute.py. A leaf that round 2 may not
# decide never has a round-2 row, so round 1's decision is the one that stands.
def changed_in_round1(
    self_score: Decimal | None, not_applicable: bool, round1: Decimal | None
) -> bool:
    """Round 1 decided the leaf with points other than the unit's own."""
    own = None if not_applicable else self_score
    return round1 is not None and round1 != own


def reopened_units(cycle: Cycle) -> set[int]:
    """Units of a closed cycle whose scores the admin reopened to correct a publication: their
    appraiser decides any of their criteria as round 2 until the admin closes it again."""
    from parindex.web.results.models import Reopening  # results reads the appraisals app

    if cycle.state != CycleState.CLOSED:
        return set()
    return set(
        Reopening.objects.filter(cycle=cycle, closed_at__isnull=True).values_list(
            "unit_id", flat=True
        )
    )


def unit_round(cycle: Cycle, unit_id: int) -> int | None:
    """The appraisal round open for this unit: the cycle's, or round 2 for a reopened unit."""
    current = appraisal_round(CycleState(cycle.state))
    if current is None and int(unit_id) in reopened_units(cycle):
        return 2
    return current


def open_in_round2(score: Score) -> bool:
    """May round 2 decide this leaf: round 1 changed it and the unit explained it (or the unit
    was reopened after publication: then every leaf)."""
    if score.unit_id in reopened_units(score.cycle):
        return True
    first = next((c for c in score.corrections.all() if c.round == 1), None)
    if first is None or not changed_in_round1(
        score.self_score, score.not_applicable, first.appraised_score
    ):
        return False
    return Explanation.objects.filter(score=score).exists()


def round2_open_ids(cycle: Cycle, unit_ids: Iterable[int] | None = None) -> set[int]:
    """The ids of the cycle's scores that round 2 decides (three queries, whatever the size)."""
    scores = Score.objects.filter(cycle=cycle)
    if unit_ids is not None:
        scores = scores.filter(unit__in=list(unit_ids))
    explained = set(Explanation.objects.filter(score__in=scores).values_list("score_id", flat=True))
    first = dict(
        Correction.objects.filter(score__in=scores, round=1).values_list(
            "score_id", "appraised_score"
        )
    )
    reopened = reopened_units(cycle)
    return {
        pk
        for pk, own, not_applicable in scores.filter(pk__in=explained).values_list(
            "pk", "self_score", "not_applicable"
        )
        if pk in first and changed_in_round1(own, not_applicable, first[pk])
    } | set(scores.filter(unit__in=reopened).values_list("pk", flat=True) if reopened else ())
