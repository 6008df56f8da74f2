"""Appraisal writes: corrections per round (optimistically locked), accepting a field, explanations."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from parindex.core.workflow import CycleState, appraisal_round, final_score
from parindex.web.accounts.models import User
from parindex.web.appraisals.models import Correction, Explanation
from parindex.web.assessments.actions import leaf_score_problem
from parindex.web.assessments.models import Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.models import Cycle
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


def _round_of(score: Score) -> int:
    current = appraisal_round(CycleState(score.cycle.state))
    if current is None:
        raise ActionError("Kỳ đánh giá không ở bước thẩm định nên không sửa điểm được")
    return current


@transaction.atomic
def do_correct_score(
    actor: User, score: Score, value: Decimal | None, reason: str, expected_version: int = 0
) -> Correction:
    """Accept (value None or unchanged) or correct a score in the current round; a change needs a reason."""
    round_ = _round_of(score)
    before = standing_score(score, round_)
    new = before if value is None else value
    refused = leaf_score_problem(score, new)
    if refused is not None:
        raise ActionError(refused)
    if new != before and not reason.strip():
        raise ActionError(f"Sửa điểm tiêu chí {score.criterion.code} cần ghi lý do")
    correction = Correction.objects.select_for_update().filter(score=score, round=round_).first()
    if correction is None:
        if expected_version:
            raise StaleEdit("Kết quả thẩm định của tiêu chí này đã thay đổi; tải lại trang")
        correction = Correction.objects.create(
            score=score,
            round=round_,
            appraised_score=new,
            reason=reason,
            appraiser=actor,
            version=1,
        )
        old = before
    else:
        old = correction.appraised_score
        updated = Correction.objects.filter(pk=correction.pk, version=expected_version).update(
            appraised_score=new, reason=reason, appraiser=actor, version=F("version") + 1
        )
        if not updated:
            raise StaleEdit(
                f"Một thành viên khác vừa thẩm định tiêu chí {score.criterion.code} trước bạn; tải lại trang để xem"
            )
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
    return correction


@transaction.atomic
def do_accept_field(actor: User, cycle: Cycle, unit: Unit, field_code: str) -> int:
    """ "Accept all unchanged" for a field: every leaf not yet decided in this round keeps its score."""
    accepted = 0
    scores = Score.objects.filter(
        cycle=cycle, unit=unit, criterion__field_code=field_code
    ).select_related("criterion", "cycle")
    for score in scores:
        round_ = _round_of(score)
        if not score.corrections.filter(round=round_).exists():
            do_correct_score(actor, score, None, "Chấp nhận điểm tự đánh giá")
            accepted += 1
    return accepted


@transaction.atomic
def do_explain(actor: User, score: Score, text: str) -> Explanation:
    """The unit answers a round-1 correction once per leaf, in the explanation round."""
    if score.cycle.state != CycleState.EXPLANATION:
        raise ActionError("Chỉ giải trình được trong bước giải trình")
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
    explanation = Explanation.objects.create(score=score, text=text.strip(), author=actor)
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
