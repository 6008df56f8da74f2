"""Self-assessment writes: scores (optimistically locked), evidence, submission, withdrawal."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import IO, TypedDict, Unpack

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parindex.core.entry import Entered, entered
from parindex.core.numbers import format_count
from parindex.core.rules import Measure
from parindex.core.workflow import CycleState, LeafEntry, officer_may_edit, submission_problems
from parindex.web.accounts.models import User
from parindex.web.assessments.evidence import EvidenceRejected, check
from parindex.web.assessments.leaves import not_for_kind
from parindex.web.assessments.models import Evidence, Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError, StaleEdit
from parindex.web.units.models import Unit


class EvidenceReference(TypedDict, total=False):
    """A document cited as evidence, as the officer wrote it (every key may be left out)."""

    doc_number: str
    doc_date: dt.date
    issuer: str
    page_ref: str


def _open_for_officer(score: Score) -> Participation:
    participation = Participation.objects.select_for_update().get(
        cycle=score.cycle_id, unit=score.unit_id
    )
    if not officer_may_edit(CycleState(score.cycle.state), participation.submitted):
        raise ActionError(
            "Phần tự đánh giá đã nộp hoặc đã hết thời gian tự đánh giá nên không sửa được"
        )
    return participation


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


def _evidence_missing(score: Score, explanation: str, uploading: bool) -> str | None:
    """Where a leaf asks for evidence, a file (or a document already cited) or an explanation
    of how it was assessed and scored (Hà Nội KH 307/2025: "trường hợp … không có tài liệu
    kiểm chứng thì phải diễn giải đầy đủ, cụ thể cách đánh giá, tính điểm")."""
    if not score.criterion.evidence or uploading or explanation.strip():
        return None
    if Evidence.objects.filter(score=score, removed_at__isnull=True).exists():
        return None
    leaf = score.cycle.framework.to_core().node(score.criterion.code)
    asked = f" ({leaf.evidence_text})" if leaf is not None and leaf.evidence_text else ""
    return (
        f"Tiêu chí {score.criterion.code} cần tài liệu kiểm chứng{asked}: chọn tệp kiểm chứng "
        "(hoặc ghi số văn bản ở «Thêm tài liệu kiểm chứng»); nếu không có tài liệu kiểm chứng "
        "thì diễn giải đầy đủ, cụ thể cách đánh giá, tính điểm"
    )


@transaction.atomic
def do_save_self_score(
    actor: User,
    score: Score,
    value: Decimal | None,
    not_applicable: bool,
    explanation: str,
    expected_version: int,
    *,
    measure: Measure | None = None,
    no_case: bool = False,
    upload: IO[bytes] | None = None,
    upload_name: str = "",
) -> Score:
    """Save a draft score; refused if someone saved the same leaf since this version was read.

    A rule leaf is saved from its measured value (``measure``), its points derived by the core
    and stored beside it; ``no_case`` ("không phát sinh") gives the max where the framework
    allows it. A scored leaf that asks for evidence needs a file (``upload``, attached in the
    same step, or one already there) or an explanation.
    """
    _open_for_officer(score)
    entry = Entered(None) if not_applicable else leaf_entry(score, value, measure, no_case)
    if entry.points is not None and (
        missing := _evidence_missing(score, explanation, upload is not None)
    ):
        raise ActionError(missing)
    before = Score.objects.get(pk=score.pk)
    updated = Score.objects.filter(pk=score.pk, version=expected_version).update(
        self_score=entry.points,
        measure=entry.measure,
        not_applicable=not_applicable,
        explanation=explanation,
        version=F("version") + 1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    if not updated:
        who = (
            before.updated_by.get_full_name() or before.updated_by.username
            if before.updated_by
            else "người khác"
        )
        raise StaleEdit(
            f"{who} vừa lưu tiêu chí {score.criterion.code} trước bạn; tải lại trang để xem giá trị mới rồi sửa lại"
        )
    after = Score.objects.get(pk=score.pk)
    if (before.self_score, before.not_applicable) != (after.self_score, after.not_applicable):
        record(
            actor,
            AuditAction.SCORE_SELF,
            cycle=score.cycle,
            unit=score.unit,
            criterion_code=score.criterion.code,
            field="self_score",
            old="KĐG" if before.not_applicable else before.self_score,
            new="KĐG" if after.not_applicable else after.self_score,
        )
    if before.measure != after.measure:  # the value the points came from, to re-audit them
        record(
            actor,
            AuditAction.SCORE_SELF,
            cycle=score.cycle,
            unit=score.unit,
            criterion_code=score.criterion.code,
            field="measure",
            old=before.measure,
            new=after.measure,
        )
    if before.explanation != after.explanation:
        record(
            actor,
            AuditAction.SCORE_EXPLANATION,
            cycle=score.cycle,
            unit=score.unit,
            criterion_code=score.criterion.code,
            field="explanation",
            old=before.explanation,
            new=after.explanation,
        )
    if upload is not None:
        do_add_evidence(actor, score, upload, upload_name)
    return after


@transaction.atomic
def do_add_evidence(
    actor: User,
    score: Score,
    upload: IO[bytes] | None = None,
    name: str = "",
    **reference: Unpack[EvidenceReference],
) -> Evidence:
    """Attach an uploaded file and/or a document reference (number, date, issuer, page) to a score."""
    _open_for_officer(score)
    evidence = Evidence(score=score, uploaded_by=actor, **reference)
    if upload is not None:
        try:
            checked = check(upload, name, settings.EVIDENCE_MAX_BYTES)
        except EvidenceRejected as exc:
            raise ActionError(f"Tệp «{name}» không được nhận: {exc}") from exc
        evidence.original_name = checked.safe_name
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        evidence.file.save(
            f"{uuid.uuid4().hex}{checked.extension}", ContentFile(checked.data), save=False
        )
    elif not reference.get("doc_number"):
        raise ActionError("Cần tải lên tệp hoặc ghi số văn bản của tài liệu kiểm chứng")
    evidence.save()
    record(
        actor,
        AuditAction.EVIDENCE_ADD,
        cycle=score.cycle,
        unit=score.unit,
        criterion_code=score.criterion.code,
        field="evidence",
        new=evidence.original_name or evidence.doc_number,
    )
    return evidence


@transaction.atomic
def do_remove_evidence(actor: User, evidence: Evidence) -> None:
    _open_for_officer(evidence.score)
    Evidence.objects.filter(pk=evidence.pk).update(removed_at=timezone.now())
    record(
        actor,
        AuditAction.EVIDENCE_REMOVE,
        cycle=evidence.score.cycle,
        unit=evidence.score.unit,
        criterion_code=evidence.score.criterion.code,
        field="evidence",
        old=evidence.original_name or evidence.doc_number,
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


@transaction.atomic
def do_submit_assessment(actor: User, participation: Participation) -> Participation:
    """Submit once every leaf is scored and evidenced (or explained); lists what is missing otherwise."""
    locked = (
        Participation.objects.select_for_update()
        .select_related("cycle__framework")
        .get(pk=participation.pk)
    )
    if not officer_may_edit(CycleState(locked.cycle.state), locked.submitted):
        raise ActionError(
            "Không nộp được: phần tự đánh giá đã nộp hoặc đã hết thời gian tự đánh giá"
        )
    problems = submission_problems(
        locked.cycle.framework.to_core(), entries(locked.cycle, locked.unit)
    )
    if problems:
        raise ActionError(
            f"Chưa nộp được: còn {format_count(len(problems))} tiêu chí chưa hoàn thành", problems
        )
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.save(update_fields=["submitted_at", "submitted_by"])
    record(
        actor,
        AuditAction.ASSESSMENT_SUBMIT,
        cycle=locked.cycle,
        unit=locked.unit,
        field="submitted",
        old="",
        new="đã nộp",
    )
    return locked


@transaction.atomic
def do_withdraw_submission(actor: User, participation: Participation) -> Participation:
    """Withdraw a submission before the self-assessment deadline, while the round is open."""
    locked = (
        Participation.objects.select_for_update().select_related("cycle").get(pk=participation.pk)
    )
    cycle = locked.cycle
    if not locked.submitted or cycle.state != CycleState.SELF_ASSESSMENT:
        raise ActionError("Chỉ rút lại được phần đã nộp khi kỳ đánh giá còn ở bước tự đánh giá")
    if cycle.self_assessment_due and timezone.now() > cycle.self_assessment_due:
        raise ActionError("Đã quá hạn tự đánh giá nên không rút lại được")
    locked.submitted_at = None
    locked.submitted_by = None
    locked.save(update_fields=["submitted_at", "submitted_by"])
    record(
        actor,
        AuditAction.ASSESSMENT_WITHDRAW,
        cycle=cycle,
        unit=locked.unit,
        field="submitted",
        old="đã nộp",
        new="rút lại",
    )
    return locked
