"""Appraisal writes: corrections per round (optimistically locked; round 2 only where round 1
changed the points and the unit explained), accepting a field or a whole unit, explanations, and the bonus and penalty items' points of a unit."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from parindex.core.numbers import format_vn
from parindex.core.rules import Measure
from parindex.core.score_table import to_units
from parindex.core.workflow import CycleState, final_score
from parindex.web.accounts.models import User
from parindex.web.appraisals.models import BonusDecision, Correction, Explanation
from parindex.web.appraisals.standing import (
    bonus_before,
    bonus_decisions,
    measure_before,
    open_in_round2,
    round2_open_ids,
    unit_round,
)
from parindex.web.assessments.actions import leaf_entry, leaf_score_problem
from parindex.web.assessments.leaves import not_for_kind
from parindex.web.assessments.models import Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.deadlines import deadline_problems
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError, StaleEdit
from parindex.web.units.models import Unit


def standing_score(score: Score, before_round: int) -> Decimal | None:
    """The score an appraiser sees before deciding in a round: round 1's decision, else the self score."""
    round1 = None
    if before_round == 2:
        first = score.corrections.filter(round=1).first()
        round1 = first.appraised_score if first else None
    return final_score(None if score.not_applicable else score.self_score, round1, None)


def score_that_stands(score: Score) -> Decimal | None:
    decisions = {c.round: c.appraised_score for c in score.corrections.all()}
    return final_score(
        None if score.not_applicable else score.self_score, decisions.get(1), decisions.get(2)
    )


def decided_first(code: str) -> str:
    """What an appraiser is told when a colleague's decision on the same leaf came first."""
    return (
        f"Tiêu chí {code} vừa được người khác cập nhật (một thành viên khác vừa thẩm định"
        " trước bạn); tải lại trang để xem kết quả mới rồi quyết định lại"
    )


def _round_of(score: Score) -> int:
    current = unit_round(score.cycle, score.unit_id)
    if current is None:
        raise ActionError("Kỳ đánh giá không ở bước thẩm định nên không sửa điểm được")
    return current


@transaction.atomic
def do_correct_score(
    actor: User,
    score: Score,
    value: Decimal | None,
    reason: str,
    expected_version: int = 0,
    *,
    measure: Measure | None = None,
    no_case: bool = False,
) -> Correction:
    """Accept (nothing entered, or the same) or correct a score in the current round; a change
    needs a reason. A rule leaf is corrected by its measured value (``measure``), its points
    derived by the core; ``no_case`` ("không phát sinh") gives the max where allowed."""
    round_ = _round_of(score)
    if round_ == 2 and not open_in_round2(score):
        raise ActionError(
            f"Tiêu chí {score.criterion.code} giữ kết quả thẩm định lần 1: lần 2 chỉ thẩm định"
            " các tiêu chí bị điều chỉnh ở lần 1 và được đơn vị giải trình"
        )
    before = standing_score(score, round_)
    before_measure = measure_before(score, round_)
    if value is None and measure is None and not no_case:
        new, new_measure = before, before_measure
        leaf = score.cycle.framework.to_core().node(score.criterion.code)
        if leaf is not None and (why := not_for_kind(leaf, score.unit.kind)):
            raise ActionError(f"Tiêu chí {score.criterion.code}: {why.lower()} nên không thẩm định")
    else:
        entry = leaf_entry(score, value, measure, no_case)
        new, new_measure = entry.points, entry.measure
    refused = leaf_score_problem(score, new)
    if refused is not None:
        raise ActionError(refused)
    if (new, new_measure) != (before, before_measure) and not reason.strip():
        raise ActionError(f"Sửa điểm tiêu chí {score.criterion.code} cần ghi lý do")
    correction = Correction.objects.select_for_update().filter(score=score, round=round_).first()
    if correction is None:
        if expected_version:
            raise StaleEdit("Kết quả thẩm định của tiêu chí này đã thay đổi; tải lại trang")
        try:  # another appraiser's first decision may commit between the read and this insert
            with transaction.atomic():
                correction = Correction.objects.create(
                    score=score,
                    round=round_,
                    appraised_score=new,
                    appraised_measure=new_measure,
                    reason=reason,
                    appraiser=actor,
                    version=1,
                )
        except IntegrityError:
            raise StaleEdit(decided_first(score.criterion.code)) from None
        old, old_measure = before, before_measure
    else:
        old, old_measure = correction.appraised_score, correction.appraised_measure
        updated = Correction.objects.filter(pk=correction.pk, version=expected_version).update(
            appraised_score=new,
            appraised_measure=new_measure,
            reason=reason,
            appraiser=actor,
            version=F("version") + 1,
        )
        if not updated:
            raise StaleEdit(decided_first(score.criterion.code))
        correction.refresh_from_db()
    record(
        actor,
        AuditAction.appraisal(round_),
        cycle=score.cycle,
        unit=score.unit,
        criterion_code=score.criterion.code,
        field=f"appraised_score_round{round_}",
        old=old,
        new=new,
        reason=reason,
    )
    if old_measure != new_measure:  # the value the points came from, to re-audit them
        record(
            actor,
            AuditAction.appraisal(round_),
            cycle=score.cycle,
            unit=score.unit,
            criterion_code=score.criterion.code,
            field=f"appraised_measure_round{round_}",
            old=old_measure,
            new=new_measure,
            reason=reason,
        )
    return correction


def undecided_scores(cycle: Cycle, unit: Unit, fields: set[str] | None, round_: int) -> list[Score]:
    """The leaves "accept unchanged" would decide: in the given fields (None: every field),
    assessed for this kind of unit, not yet decided in this round; in round 2 only those
    round 2 reopens (the others keep round 1's result)."""
    scores = (
        Score.objects.filter(cycle=cycle, unit=unit)
        .select_related("criterion", "cycle", "unit")
        .prefetch_related("corrections")
        .order_by("criterion__position")
    )
    if fields is not None:
        scores = scores.filter(criterion__field_code__in=fields)
    reopened = round2_open_ids(cycle, [unit.pk]) if round_ == 2 else set()
    leaves = cycle.framework.to_core()
    found = []
    for score in scores:
        leaf = leaves.node(score.criterion.code)
        if leaf is not None and not leaf.applies(unit.kind):
            continue  # not assessed for this kind of unit: nothing to accept
        if round_ == 2 and score.pk not in reopened:
            continue
        if not any(c.round == round_ for c in score.corrections.all()):
            found.append(score)
    return found


@transaction.atomic
def do_accept_field(actor: User, cycle: Cycle, unit: Unit, field_code: str) -> int:
    """ "Accept all unchanged" for a field: every leaf not yet decided in this round keeps its score."""
    round_ = unit_round(cycle, unit.pk)
    if round_ is None:
        raise ActionError("Kỳ đánh giá không ở bước thẩm định nên không sửa điểm được")
    accepted = 0
    for score in undecided_scores(cycle, unit, {field_code}, round_):
        do_correct_score(actor, score, None, "Chấp nhận điểm tự đánh giá")
        accepted += 1
    return accepted


@transaction.atomic
def do_accept_unit(
    actor: User, participation: Participation, fields: set[str] | None, expected: int
) -> int:
    """ "Accept all unchanged" for a whole unit (the fields the appraiser is assigned; None:
    every field): each leaf not yet decided in this round keeps the score that stands. A unit
    that never submitted its self-assessment has nothing to accept; ``expected`` is the count
    the confirmation stated, refused if it has changed since."""
    cycle, unit = participation.cycle, participation.unit
    round_ = unit_round(cycle, unit.pk)
    if round_ is None:
        raise ActionError("Kỳ đánh giá không ở bước thẩm định nên không chấp nhận điểm được")
    if not participation.submitted:
        raise ActionError(
            f"{unit.name} chưa nộp bản tự đánh giá nên không chấp nhận nguyên điểm được"
        )
    scores = undecided_scores(cycle, unit, fields, round_)
    if len(scores) != expected:
        raise StaleEdit(
            f"Số tiêu chí chưa thẩm định của {unit.name} vừa thay đổi; xem lại trước khi xác nhận"
        )
    if not scores:
        raise ActionError(f"{unit.name} không còn tiêu chí nào chưa thẩm định ở lần {round_}")
    reason = "Chấp nhận điểm tự đánh giá" if round_ == 1 else "Giữ kết quả thẩm định lần 1"
    for score in scores:
        do_correct_score(actor, score, None, reason)
    record(
        actor,
        AuditAction.APPRAISAL_ACCEPT_UNIT,
        cycle=cycle,
        unit=unit,
        field=f"appraisal_round{round_}",
        new=str(len(scores)),
        reason=", ".join(s.criterion.code for s in scores),
    )
    return len(scores)


@transaction.atomic
def do_explain(actor: User, score: Score, text: str) -> Explanation:
    """The unit answers a round-1 correction once per leaf, in the explanation round."""
    if score.cycle.state != CycleState.EXPLANATION:
        raise ActionError("Chỉ giải trình được trong bước giải trình")
    if late := deadline_problems(score.cycle, score.unit_id, CycleState.EXPLANATION):
        raise ActionError(f"Không thực hiện được: {late[0].message}", late)
    first = score.corrections.filter(round=1).first()
    if first is None or first.appraised_score == (
        None if score.not_applicable else score.self_score
    ):
        raise ActionError(
            f"Tiêu chí {score.criterion.code} không bị điều chỉnh điểm nên không cần giải trình"
        )
    if Explanation.objects.filter(score=score).exists():
        raise ActionError(
            f"Tiêu chí {score.criterion.code} đã được giải trình (mỗi tiêu chí một lần)"
        )
    if not text.strip():
        raise ActionError("Nội dung giải trình không được để trống")
    try:  # a colleague of the unit explaining the same leaf at the same instant
        with transaction.atomic():
            explanation = Explanation.objects.create(score=score, text=text.strip(), author=actor)
    except IntegrityError:
        raise StaleEdit(
            f"Tiêu chí {score.criterion.code} vừa được người khác giải trình; tải lại trang để xem"
        ) from None
    record(
        actor,
        AuditAction.SCORE_EXPLAIN,
        cycle=score.cycle,
        unit=score.unit,
        criterion_code=score.criterion.code,
        field="explanation_round",
        new=text.strip(),
    )
    return explanation


@transaction.atomic
def do_decide_bonus(
    actor: User,
    cycle: Cycle,
    unit: Unit,
    code: str,
    points: Decimal | None,
    reason: str,
    expected_version: int = 0,
) -> BonusDecision:
    """An appraiser's points for a bonus or penalty item of the framework for a unit in the
    current round (empty: 0; negative for a penalty, within the item's range); points other
    than 0, or a change, need the basis (căn cứ)."""
    round_ = unit_round(cycle, unit.pk)
    if round_ is None:
        raise ActionError("Kỳ đánh giá không ở bước thẩm định nên không chấm điểm thưởng, trừ được")
    section = cycle.framework.to_core().bonus
    item = section.item(code) if section is not None else None
    if item is None:
        raise ActionError(f"Bộ tiêu chí không có mục thưởng, trừ «{code}»")
    value = Decimal(0) if points is None else points
    refused = item.score_problem(value)
    if refused is None and to_units(value) is None:
        refused = f"điểm {format_vn(value)} có quá 4 chữ số thập phân"
    if refused is not None:
        raise ActionError(f"Mục {code}: {refused}")
    decisions = bonus_decisions(cycle, unit)
    before = bonus_before(decisions, code, round_)
    if (value != 0 or value != before) and not reason.strip():
        raise ActionError(
            f"Mục {code}: ghi căn cứ cộng/trừ điểm (văn bản công nhận, phản ánh được xác minh…)"
        )
    decision = (
        BonusDecision.objects.select_for_update()
        .filter(cycle=cycle, unit=unit, code=code, round=round_)
        .first()
    )
    if decision is None:
        if expected_version:
            raise StaleEdit(f"Điểm mục {code} vừa được thay đổi; tải lại trang")
        try:  # as for a leaf: a concurrent first decision wins, this one is told to reload
            with transaction.atomic():
                decision = BonusDecision.objects.create(
                    cycle=cycle,
                    unit=unit,
                    code=code,
                    round=round_,
                    points=value,
                    reason=reason.strip(),
                    appraiser=actor,
                    version=1,
                )
        except IntegrityError:
            raise StaleEdit(
                f"Một thành viên khác vừa chấm mục {code} trước bạn; tải lại trang để xem"
            ) from None
        old = before
    else:
        old = decision.points
        updated = BonusDecision.objects.filter(pk=decision.pk, version=expected_version).update(
            points=value, reason=reason.strip(), appraiser=actor, version=F("version") + 1
        )
        if not updated:
            raise StaleEdit(
                f"Một thành viên khác vừa chấm mục {code} trước bạn; tải lại trang để xem"
            )
        decision.refresh_from_db()
    record(
        actor,
        AuditAction.appraisal(round_),
        cycle=cycle,
        unit=unit,
        criterion_code=code,
        field=f"appraised_score_round{round_}",
        old=old,
        new=value,
        reason=reason.strip(),
    )
    return decision
