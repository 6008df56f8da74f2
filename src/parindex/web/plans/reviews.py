"""Every write of inspections and conferences: recording one (its team, the units inspected,
its dates and conclusion), the items of its conclusion or recommendations (findings), and an
item given as a task of a plan. Atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.plans.models import Finding, Plan, PlanTask, Review
from parindex.web.units.models import Unit

HEADING = "Thực hiện kết luận"
"""The heading an item given as a task gets in its plan, followed by the review's name."""


@dataclass(frozen=True)
class ReviewHead:
    """What the admin records of an inspection or a conference."""

    kind: str
    title: str
    start: dt.date
    end: dt.date | None = None
    plan: Plan | None = None
    team: str = ""
    document: str = ""
    conclusions: str = ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


@transaction.atomic
def do_create_review(head: ReviewHead, units: Sequence[Unit], actor: User) -> Review:
    """An inspection (or self-inspection) of these units, or a conference; units must be in
    force (a unit merged away is not inspected any more)."""
    if head.kind not in Review.Kind.values:
        raise ActionError("Loại kiểm tra, hội nghị không hợp lệ")
    title = _one_line(head.title)
    if not title:
        raise ActionError("Tên: cần ghi tên đợt kiểm tra hoặc hội nghị")
    if head.end is not None and head.end < head.start:
        raise ActionError("Đến ngày: không thể trước ngày bắt đầu")
    chosen = {unit.pk: unit for unit in units}
    in_force = set(
        Unit.objects.filter(Unit.in_force_now(), pk__in=list(chosen)).values_list("pk", flat=True)
    )
    gone = [str(unit) for pk, unit in chosen.items() if pk not in in_force]
    if gone:
        raise ActionError(f"Đơn vị không còn hoạt động: {', '.join(gone)}")
    if head.kind == Review.Kind.SELF_INSPECTION and len(chosen) > 1:
        raise ActionError("Tự kiểm tra: chỉ chọn một đơn vị, đơn vị tự kiểm tra")
    review = Review.objects.create(
        kind=head.kind,
        title=title[:300],
        start=head.start,
        end=head.end,
        plan=head.plan,
        team=head.team.strip(),
        document=_one_line(head.document)[:300],
        conclusions=head.conclusions.strip(),
        created_by=actor,
    )
    review.units.set(list(chosen.values()))
    names = ", ".join(str(unit) for unit in chosen.values())
    record(
        actor,
        AuditAction.REVIEW_CREATE,
        unit=next(iter(chosen.values())) if len(chosen) == 1 else None,
        field="review",
        new=f"{review.get_kind_display()}: {review.title}" + (f" ({names})" if names else ""),
    )
    return review


@transaction.atomic
def do_add_review_finding(
    review: Review, actor: User, *, text: str, unit: Unit | None = None
) -> Finding:
    """An item of the review's conclusion, or a recommendation: an inspection's items are
    findings «Kiểm tra», a conference's «Thông báo kết luận»."""
    name = text.strip()
    if not name:
        raise ActionError("Nội dung: cần ghi nội dung kết luận hoặc kiến nghị")
    last = review.findings.aggregate(last=Max("position"))["last"] or 0
    source = Finding.Source.CONCLUSION if review.is_conference else Finding.Source.INSPECTION
    finding = Finding.objects.create(
        source=source, review=review, unit=unit, position=last + 1, name=name
    )
    record(
        actor,
        AuditAction.FINDING_EDIT,
        unit=unit,
        field="finding",
        new=name[:500],
        reason=f"{review.get_kind_display()}: {review.title}",
    )
    return finding


def next_tt(plan: Plan) -> str:
    """The number after the plan's largest numbered task (TT «1», «2» …); 1 for an empty plan."""
    numbers = [int(tt) for tt in plan.tasks.values_list("tt", flat=True) if tt.strip().isdigit()]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def do_task_from_finding(
    finding: Finding,
    plan: Plan,
    actor: User,
    *,
    text: str,
    lead: str,
    lead_unit: Unit | None,
    deadline: str,
    product: str = "",
) -> PlanTask:
    """The item given as a task of ``plan``: the next TT, the heading «Thực hiện kết luận …»,
    its lead (as written, and the unit in the app), its product and its deadline."""
    if finding.review_id is None:
        raise ActionError("Chỉ nội dung của một đợt kiểm tra hoặc hội nghị mới giao ở đây")
    try:
        parsed = parse_deadline(deadline)
    except DeadlineError as exc:
        raise ActionError(f"Thời gian thực hiện: {exc}") from exc
    task_text = text.strip() or finding.name
    lead_text = _one_line(lead) or (lead_unit.name if lead_unit else "")
    if not lead_text:
        raise ActionError("Cơ quan chủ trì: cần ghi cơ quan chủ trì hoặc chọn đơn vị")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # two admins: two numbers
    last = plan.tasks.aggregate(last=Max("position"))["last"] or 0
    review = finding.review
    task = PlanTask.objects.create(
        plan=plan,
        position=last + 1,
        tt=next_tt(plan),
        heading=f"{HEADING}: {review.title}"[:300] if review else HEADING,
        text=task_text,
        lead=lead_text[:300],
        lead_unit=lead_unit,
        product=product.strip(),
        deadline=parsed.text[:100],
        deadline_end=parsed.end,
        finding=finding,
    )
    record(
        actor,
        AuditAction.PLAN_TASK_EDIT,
        unit=lead_unit,
        field="task",
        new=f"{task.tt}. {task_text[:300]} | {task.lead} | {task.deadline}",
        reason=f"{plan.title} · từ {review.title if review else ''}",
    )
    return task
