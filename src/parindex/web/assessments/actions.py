"""Self-assessment writes: scores (optimistically locked), evidence, submission, withdrawal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parindex.core.entry import Entered
from parindex.core.numbers import format_count
from parindex.core.problems import Problem
from parindex.core.rules import Measure
from parindex.core.workflow import CycleState, officer_may_edit, submission_problems
from parindex.web.accounts.models import User
from parindex.web.assessments.intake import audit_evidence, keeps_files_of_success, store_upload
from parindex.web.assessments.models import Evidence, Score
from parindex.web.assessments.reading import corrected, entries
from parindex.web.assessments.reading import leaf_entry as leaf_entry
from parindex.web.assessments.reading import leaf_score_problem as leaf_score_problem
from parindex.web.assessments.reading import reusable_evidence as reusable_evidence
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.deadlines import deadline_problems
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError, StaleEdit

if TYPE_CHECKING:
    from parindex.web.appraisals.models import Explanation

Upload = tuple[IO[bytes], str]
"""An uploaded file and the name it was sent with."""


class EvidenceReference(TypedDict, total=False):
    """A document cited as evidence, as the officer wrote it (every key may be left out)."""

    doc_number: str
    doc_date: dt.date
    issuer: str
    summary: str
    page_ref: str


def in_time(cycle: Cycle, unit_id: int, step: CycleState) -> None:
    """Refuse a unit's own step past its deadline (the cycle's, or the unit's extension)."""
    if problems := deadline_problems(cycle, unit_id, step):
        raise ActionError(f"Không thực hiện được: {problems[0].message}", problems)


def _open_for_officer(score: Score) -> Participation:
    participation = Participation.objects.select_for_update().get(
        cycle=score.cycle_id, unit=score.unit_id
    )
    if not officer_may_edit(CycleState(score.cycle.state), participation.submitted):
        raise ActionError(
            "Phần tự đánh giá đã nộp hoặc đã hết thời gian tự đánh giá nên không sửa được"
        )
    in_time(score.cycle, score.unit_id, CycleState.SELF_ASSESSMENT)
    return participation


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


@keeps_files_of_success
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
    uploads: Sequence[Upload] = (),
) -> Score:
    """Save a draft score; refused if someone saved the same leaf since this version was read.

    A rule leaf is saved from its measured value (``measure``), its points derived by the core
    and stored beside it; ``no_case`` ("không phát sinh") gives the max where the framework
    allows it. A scored leaf that asks for evidence needs a file (``upload``, attached in the
    same step, or one already there; ``uploads`` for several) or an explanation.
    """
    _open_for_officer(score)
    files = [*uploads, *([(upload, upload_name)] if upload is not None else [])]
    entry = Entered(None) if not_applicable else leaf_entry(score, value, measure, no_case)
    if entry.points is not None and (missing := _evidence_missing(score, explanation, bool(files))):
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
    for stream, name in files:
        do_add_evidence(actor, score, stream, name)
    return after


@dataclass(frozen=True)
class LeafInput:
    """What the officer typed for one leaf of a field's form."""

    score: Score
    value: Decimal | None
    not_applicable: bool
    explanation: str
    version: int
    measure: Measure | None = None
    no_case: bool = False
    uploads: tuple[Upload, ...] = field(default=())


@keeps_files_of_success
@transaction.atomic
def do_save_field(actor: User, leaves: Sequence[LeafInput]) -> list[Score]:
    """Save every leaf typed on a field's page at once, or none: each leaf refused is named
    with its reason (``problems``, one per criterion) and nothing of the others is kept."""
    if not leaves:
        return []
    _open_for_officer(leaves[0].score)  # the deadline and the submission, once for the page
    saved, problems = [], []
    for leaf in leaves:
        try:
            with transaction.atomic():
                saved.append(
                    do_save_self_score(
                        actor,
                        leaf.score,
                        leaf.value,
                        leaf.not_applicable,
                        leaf.explanation,
                        leaf.version,
                        measure=leaf.measure,
                        no_case=leaf.no_case,
                        uploads=leaf.uploads,
                    )
                )
        except ActionError as exc:
            problems.append(Problem(exc.message, criterion=leaf.score.criterion.code))
    if problems:
        raise ActionError(
            f"Chưa lưu tiêu chí nào: {format_count(len(problems))} tiêu chí cần sửa", problems
        )
    return saved


def _open_for_evidence(score: Score, for_explanation: bool) -> None:
    """Evidence is added while the unit fills its self-assessment, or, beside its answer to a
    correction, in the explanation round, each before the unit's deadline."""
    if not for_explanation:
        _open_for_officer(score)
        return
    if score.cycle.state != CycleState.EXPLANATION:
        raise ActionError("Chỉ bổ sung tài liệu giải trình được trong bước giải trình")
    if corrected(score) is None:
        raise ActionError(
            f"Tiêu chí {score.criterion.code} không bị điều chỉnh điểm nên không cần bổ sung "
            "tài liệu giải trình"
        )
    in_time(score.cycle, score.unit_id, CycleState.EXPLANATION)


@keeps_files_of_success
@transaction.atomic
def do_add_evidence(
    actor: User,
    score: Score,
    upload: IO[bytes] | None = None,
    name: str = "",
    *,
    for_explanation: bool = False,
    **reference: Unpack[EvidenceReference],
) -> Evidence:
    """Attach an uploaded file and/or a document reference (number, date, issuer, summary,
    page) to a score; ``for_explanation``: beside the unit's answer to a correction."""
    _open_for_evidence(score, for_explanation)
    evidence = Evidence(
        score=score, uploaded_by=actor, for_explanation=for_explanation, **reference
    )
    if upload is not None:
        store_upload(actor, score, evidence, upload, name)
    elif not reference.get("doc_number"):
        raise ActionError("Cần tải lên tệp hoặc ghi số văn bản của tài liệu kiểm chứng")
    evidence.save()
    audit_evidence(actor, score, evidence.original_name or evidence.doc_number)
    return evidence


@keeps_files_of_success
@transaction.atomic
def do_add_evidence_files(
    actor: User, score: Score, uploads: Sequence[Upload], *, for_explanation: bool = False
) -> list[Evidence]:
    """Several files at once, each checked; none is kept when one is refused (all named)."""
    added, refused = [], []
    for stream, name in uploads:
        try:
            with transaction.atomic():
                added.append(
                    do_add_evidence(actor, score, stream, name, for_explanation=for_explanation)
                )
        except ActionError as exc:
            refused.append(Problem(exc.message, criterion=score.criterion.code))
    if refused:
        raise ActionError(
            f"Chưa thêm tệp nào: {format_count(len(refused))} tệp không được nhận", refused
        )
    return added


@transaction.atomic
def do_reuse_evidence(actor: User, score: Score, source: Evidence) -> Evidence:
    """Cite for this leaf a document the unit already gave for another leaf or in an earlier
    cycle: the reference is copied and the stored file shared (not uploaded again)."""
    _open_for_officer(score)
    if source.score.unit_id != score.unit_id or source.removed_at is not None:
        raise ActionError("Chỉ dùng lại được tài liệu kiểm chứng của chính đơn vị")
    if source.score_id == score.pk:
        raise ActionError(f"Tài liệu đã có ở tiêu chí {score.criterion.code}")
    copy = Evidence.objects.create(
        score=score,
        file=source.file.name if source.file else "",
        original_name=source.original_name,
        content_type=source.content_type,
        size=source.size,
        sha256=source.sha256,
        doc_number=source.doc_number,
        doc_date=source.doc_date,
        issuer=source.issuer,
        summary=source.summary,
        page_ref=source.page_ref,
        uploaded_by=actor,
        reused_from=source,
    )
    origin = f"tiêu chí {source.score.criterion.code}, {source.score.cycle.name}"
    audit_evidence(actor, score, f"{copy.original_name or copy.doc_number} (dùng lại từ {origin})")
    return copy


@transaction.atomic
def do_cite_plan_document(actor: User, score: Score, source: Any) -> Evidence:
    """Cite for this leaf a document of the unit's plans: a task's report file (``TaskFile``)
    or the decision issuing a plan (``Plan``); the stored file is shared, not uploaded again."""
    from parindex.web.plans.models import Plan, TaskFile

    _open_for_officer(score)
    if isinstance(source, TaskFile):
        task = source.report.task
        if score.unit_id not in (task.lead_unit_id, task.plan.issuer_id):
            raise ActionError("Chỉ dùng được tài liệu của nhiệm vụ do chính đơn vị chủ trì")
        summary = f"Báo cáo nhiệm vụ «{task.text[:200]}» ({task.plan.title[:200]})"
        fields = {
            "file": source.file.name,
            "original_name": source.original_name,
            "content_type": source.content_type,
            "size": source.size,
            "sha256": source.sha256,
            "doc_date": source.report.date,
        }
    elif isinstance(source, Plan):
        if source.issuer_id != score.unit_id or not source.issued:
            raise ActionError("Chỉ dùng được quyết định ban hành kế hoạch của chính đơn vị")
        summary = source.title[:500]
        fields = {
            "file": source.decision_file.name if source.decision_file else "",
            "original_name": source.decision_file_name,
            "content_type": source.decision_file_type,
            "size": source.decision_file.size if source.decision_file else 0,
            "doc_number": source.decision_number,
            "doc_date": source.decision_date,
            "issuer": str(source.issuer)[:200] if source.issuer else "",
        }
    else:
        raise ActionError("Tài liệu không thuộc kế hoạch nào")
    if (
        fields.get("sha256")
        and score.evidence.filter(removed_at__isnull=True, sha256=fields["sha256"]).exists()
    ):
        raise ActionError(f"Tài liệu đã có ở tiêu chí {score.criterion.code}")
    copy = Evidence.objects.create(score=score, summary=summary, uploaded_by=actor, **fields)
    audit_evidence(actor, score, f"{copy.original_name or copy.doc_number} (từ kế hoạch)")
    return copy


def do_record_download(actor: User, evidence: Evidence, *, inline: bool = False) -> None:
    """One audit row per evidence file served: who, which unit, cycle, criterion and file."""
    shown = f"tệp #{evidence.pk}: {evidence.original_name}" + (" (xem)" if inline else "")
    audit_evidence(actor, evidence.score, shown, AuditAction.EVIDENCE_DOWNLOAD)


@transaction.atomic
def do_remove_evidence(actor: User, evidence: Evidence) -> None:
    _open_for_evidence(evidence.score, evidence.for_explanation)
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


@keeps_files_of_success
@transaction.atomic
def do_explain_leaf(
    actor: User, score: Score, text: str, uploads: Sequence[Upload] = ()
) -> Explanation:
    """The unit's answer to a round-1 correction, with extra evidence files, before its
    explanation deadline (the cycle's or its extension)."""
    from parindex.web.appraisals.actions import do_explain  # it imports this module

    in_time(score.cycle, score.unit_id, CycleState.EXPLANATION)
    explanation = do_explain(actor, score, text)
    if uploads:
        do_add_evidence_files(actor, score, uploads, for_explanation=True)
    return explanation


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
    in_time(locked.cycle, locked.unit_id, CycleState.SELF_ASSESSMENT)
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
    in_time(cycle, locked.unit_id, CycleState.SELF_ASSESSMENT)
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
