"""Every write of plans and tasks: importing a task table, editing a task, reporting progress
with its files, issuing a plan. Atomic and audited; files stored are removed again when the
action fails (``assessments.intake.keeps_files_of_success``)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils import timezone

from parindex.core.collation import fold
from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.io.plan_tables import PlanTable, read_plan
from parindex.web.accounts.models import User
from parindex.web.assessments.intake import keeps_files_of_success, store_checked
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.plans.models import Plan, PlanKind, PlanTask, TaskFile, TaskReport
from parindex.web.units.models import Unit


@dataclass(frozen=True)
class PlanHead:
    """What the admin says of a plan beside its task table."""

    kind: str
    title: str
    year: int
    period: str = ""
    issuer: Unit | None = None
    parent: Plan | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None
    signer: str = ""


def read_task_table(content: bytes, filename: str) -> PlanTable:
    """The task table of an uploaded XLSX annex, as ``parindex plan status`` reads it."""
    shown = Path(filename).name or "ke-hoach.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / shown
        path.write_bytes(content)
        try:
            return read_plan(path)
        except InputError as exc:
            raise ActionError(
                f"Bảng nhiệm vụ «{shown}» chưa nhập được: "
                f"{format_count(len(exc.problems))} lỗi, chưa lưu gì",
                exc.problems,
            ) from exc


def lead_units() -> dict[str, Unit]:
    """Units in force by their name folded (no diacritics, no case), and by «kind name»."""
    found: dict[str, Unit] = {}
    for unit in Unit.objects.filter(Unit.in_force_now()):
        found.setdefault(fold(unit.name), unit)
        found.setdefault(fold(f"{unit.kind} {unit.name}"), unit)
    return found


def match_lead(lead: str, units: dict[str, Unit]) -> Unit | None:
    """The unit a task's «Cơ quan chủ trì» names, when it names exactly one we know."""
    return units.get(fold(lead.strip().rstrip(".")))


@keeps_files_of_success
@transaction.atomic
def do_import_plan(content: bytes, filename: str, head: PlanHead, actor: User) -> Plan:
    """A new plan with the tasks of its annex (every problem of the table at once)."""
    table = read_task_table(content, filename)
    if not table.tasks:
        raise ActionError(f"Bảng nhiệm vụ «{table.file}» không có nhiệm vụ nào")
    plan = Plan.objects.create(
        kind=head.kind,
        title=head.title,
        year=head.year,
        period=head.period,
        issuer=head.issuer,
        parent=head.parent,
        decision_number=head.decision_number,
        decision_date=head.decision_date,
        signer=head.signer,
        assigned_by=table.assigned_by[:300],
        source_file=table.file[:255],
        issued_at=timezone.now() if head.decision_number else None,
        created_by=actor,
    )
    units = lead_units()
    PlanTask.objects.bulk_create(
        PlanTask(
            plan=plan,
            position=position,
            tt=task.tt[:20],
            heading=task.heading[:300],
            text=task.text,
            lead=task.lead[:300],
            lead_unit=match_lead(task.lead, units),
            partners=task.partners,
            product=task.product,
            deadline=task.deadline.text[:100],
            deadline_end=task.deadline.end,
        )
        for position, task in enumerate(table.tasks, start=1)
    )
    record(
        actor,
        AuditAction.PLAN_IMPORT,
        unit=head.issuer,
        field="plan",
        new=f"{plan.title} ({table.file}: {format_count(len(table.tasks))} nhiệm vụ)",
    )
    return plan


@transaction.atomic
def do_edit_task(
    task: PlanTask,
    actor: User,
    *,
    lead_unit: Unit | None,
    deadline: str,
    criteria: Sequence[str],
) -> PlanTask:
    """The admin links a task to its lead unit in the app and to the criteria it serves, or
    corrects its deadline (read by the same rule as the table's)."""
    try:
        parsed = parse_deadline(deadline)
    except DeadlineError as exc:
        raise ActionError(f"Thời gian thực hiện: {exc}") from exc
    old = f"{task.lead_unit_id or ''}|{task.deadline}|{task.criteria}"
    task.lead_unit = lead_unit
    task.deadline = parsed.text[:100]
    task.deadline_end = parsed.end
    task.criteria = ", ".join(dict.fromkeys(c.strip() for c in criteria if c.strip()))[:300]
    task.save()
    record(
        actor,
        AuditAction.PLAN_TASK_EDIT,
        unit=lead_unit,
        field="task",
        old=old,
        new=f"{task.lead_unit_id or ''}|{task.deadline}|{task.criteria}",
        reason=f"{task.plan.title} · {task.tt}",
    )
    return task


def _store(report: TaskReport, upload: IO[bytes], name: str) -> TaskFile:
    stored = TaskFile(report=report)
    checked = store_checked(stored.file, upload, name)
    stored.original_name = checked.safe_name
    stored.content_type = checked.content_type
    stored.size = checked.size
    stored.sha256 = checked.sha256
    stored.save()
    return stored


@keeps_files_of_success
@transaction.atomic
def do_report_progress(
    task: PlanTask,
    actor: User,
    *,
    date: dt.date,
    result: str,
    completed: dt.date | None,
    files: Sequence[tuple[IO[bytes], str]] = (),
) -> TaskReport:
    """The lead unit's report: its «Kết quả thực hiện», the day, and the day it completed
    the task if it did; with its evidence files (all refused if one is)."""
    if completed is not None and completed > date:
        raise ActionError("Ngày hoàn thành không thể sau ngày báo cáo")
    report = TaskReport.objects.create(
        task=task, date=date, result=result.strip(), completed=completed, reporter=actor
    )
    names = [_store(report, upload, name).original_name for upload, name in files]
    record(
        actor,
        AuditAction.TASK_REPORT,
        unit=task.lead_unit,
        field="task",
        new=result.strip()[:500] + (f" (hoàn thành {completed:%d/%m/%Y})" if completed else ""),
        reason=f"{task.plan.title} · {task.tt}" + (f" · {', '.join(names)}" if names else ""),
    )
    return report


@keeps_files_of_success
@transaction.atomic
def do_issue_plan(
    plan: Plan,
    actor: User,
    *,
    number: str,
    date: dt.date,
    signer: str,
    upload: tuple[IO[bytes], str] | None = None,
) -> Plan:
    """Issue a plan (a unit's remediation plan): its decision's number, date and signer, and
    the signed file; an issued plan is the evidence for the criteria it serves."""
    if plan.issued:
        raise ActionError(f"Kế hoạch «{plan.title}» đã ban hành")
    if plan.kind == PlanKind.REMEDIATION and not plan.tasks.exists():
        raise ActionError("Kế hoạch khắc phục cần ít nhất một nhiệm vụ trước khi ban hành")
    if upload is not None:
        checked = store_checked(plan.decision_file, *upload)
        plan.decision_file_name = checked.safe_name
        plan.decision_file_type = checked.content_type
    plan.decision_number = number.strip()
    plan.decision_date = date
    plan.signer = signer.strip()
    plan.issued_at = timezone.now()
    plan.save()
    record(
        actor,
        AuditAction.PLAN_ISSUE,
        unit=plan.issuer,
        field="plan",
        new=f"{plan.title}: {plan.decision_line}",
    )
    return plan


@transaction.atomic
def do_import_progress(plan: Plan, content: bytes, filename: str, actor: User) -> int:
    """Progress reports from the office's table («TT | Ngày | Kết quả thực hiện | Hoàn
    thành»), each added to the task with that TT; every problem at once, nothing half-stored."""
    from parindex.core.plans import Task
    from parindex.io.plan_tables import read_progress
    from parindex.web.plans.status import deadline_of

    tasks = {t.tt: t for t in plan.tasks.all()}
    table = PlanTable(
        file=plan.source_file,
        tasks=tuple(
            Task(t.tt, t.heading, t.text, t.lead, t.partners, t.product, deadline_of(t))
            for t in tasks.values()
        ),
        title=(),
        assigned_by=plan.assigned_by,
    )
    shown = Path(filename).name or "tien-do.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / shown
        path.write_bytes(content)
        try:
            entries = read_progress(path, table)
        except InputError as exc:
            raise ActionError(
                f"Bảng tiến độ «{shown}» chưa nhập được: "
                f"{format_count(len(exc.problems))} lỗi, chưa lưu gì",
                exc.problems,
            ) from exc
    today = timezone.localdate()
    TaskReport.objects.bulk_create(
        TaskReport(
            task=tasks[e.tt],
            date=e.date or e.completed or today,
            result=e.result,
            completed=e.completed,
            reporter=actor,
        )
        for e in entries
    )
    record(
        actor,
        AuditAction.TASK_REPORT,
        unit=plan.issuer,
        field="plan",
        new=f"{plan.title}: {format_count(len(entries))} báo cáo từ {shown}",
    )
    return len(entries)
