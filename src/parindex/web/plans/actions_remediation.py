"""The writes of a unit's remediation plan while it is a draft: the causes of a finding
(«chủ quan», «khách quan»), the tasks that remedy it, removing a task. Issuing it is
``plans.actions.do_issue_plan``. Atomic and audited; the views ask ``access_plan(...,
manage=True)`` / ``access_finding`` first."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.plans.models import Finding, Plan, PlanKind, PlanTask


def _draft(plan: Plan) -> None:
    if plan.kind != PlanKind.REMEDIATION:
        raise ActionError(f"«{plan.title}» không phải kế hoạch khắc phục")
    if plan.issued:
        raise ActionError(f"Kế hoạch «{plan.title}» đã ban hành; không sửa được nữa")


@transaction.atomic
def do_edit_causes(finding: Finding, actor: User, *, subjective: str, objective: str) -> Finding:
    """The unit's causes of one finding: subjective and objective."""
    if finding.plan is None:
        raise ActionError("Tồn tại, hạn chế này không thuộc kế hoạch khắc phục nào")
    _draft(finding.plan)
    old = f"{finding.subjective} | {finding.objective}"
    finding.subjective = subjective.strip()
    finding.objective = objective.strip()
    finding.save(update_fields=["subjective", "objective"])
    record(
        actor,
        AuditAction.FINDING_EDIT,
        unit=finding.plan.issuer,
        criterion_code=finding.criterion,
        field="causes",
        old=old if old.strip(" |") else "",
        new=f"{finding.subjective} | {finding.objective}",
        reason=finding.plan.title,
    )
    return finding


@transaction.atomic
def do_add_remediation_task(
    plan: Plan,
    finding: Finding,
    actor: User,
    *,
    text: str,
    lead: str = "",
    product: str = "",
    deadline: str,
) -> PlanTask:
    """A task of the draft remedying ``finding``: led by the unit (its name when ``lead`` is
    blank), serving the finding's criterion, its deadline read by the plans' rule."""
    _draft(plan)
    if finding.plan_id != plan.pk:
        raise ActionError("Tồn tại, hạn chế không thuộc kế hoạch này")
    if not text.strip():
        raise ActionError("Nhiệm vụ, giải pháp: cần ghi nội dung nhiệm vụ")
    try:
        parsed = parse_deadline(deadline)
    except DeadlineError as exc:
        raise ActionError(f"Thời gian thực hiện: {exc}") from exc
    last = plan.tasks.aggregate(last=Max("position"))["last"] or 0
    issuer = plan.issuer
    task = PlanTask.objects.create(
        plan=plan,
        position=last + 1,
        tt=str(last + 1),
        heading=f"{finding.criterion}. {finding.name}"[:300] if finding.criterion else "",
        text=text.strip(),
        lead=(lead.strip() or (str(issuer) if issuer else ""))[:300],
        lead_unit=issuer,
        product=product.strip(),
        deadline=parsed.text[:100],
        deadline_end=parsed.end,
        criteria=finding.criterion[:300],
        finding=finding,
    )
    record(
        actor,
        AuditAction.PLAN_TASK_EDIT,
        unit=issuer,
        criterion_code=finding.criterion,
        field="task",
        new=f"{task.tt}. {task.text[:300]} ({task.lead}; {task.deadline})",
        reason=plan.title,
    )
    return task


@transaction.atomic
def do_remove_remediation_task(task: PlanTask, actor: User) -> None:
    """Remove a task from the draft (nothing was reported on a draft's task)."""
    plan = task.plan
    _draft(plan)
    if task.reports.exists():
        raise ActionError("Nhiệm vụ đã có báo cáo tiến độ; không xóa được")
    old = f"{task.tt}. {task.text[:300]} ({task.lead}; {task.deadline})"
    criterion = task.criteria
    task.delete()
    record(
        actor,
        AuditAction.PLAN_TASK_EDIT,
        unit=plan.issuer,
        criterion_code=criterion[:40],
        field="task",
        old=old,
        new="đã xóa",
        reason=plan.title,
    )
