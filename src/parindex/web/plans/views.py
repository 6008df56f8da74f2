"""Plans in the app: the admin imports a plan's task table; everyone concerned reads the
statuses as of a date and downloads the annexes; the lead unit reports each task's progress
with its evidence; the admin links tasks to units and criteria."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from parindex.core.collation import collation_key
from parindex.core.moments import format_date
from parindex.core.numbers import format_count
from parindex.core.plans import STATUSES, PlanStatus, TaskStatus
from parindex.reports.plan_annexes import (
    follow_up_docx,
    follow_up_xlsx,
    overdue_xlsx,
    status_json,
    task_table_docx,
    task_table_xlsx,
)
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_plan,
    access_score,
    access_task,
    access_task_file,
    is_admin,
    is_leader,
    is_officer,
    may_edit_plan,
    may_report_task,
    visible_plans,
    visible_tasks,
)
from parindex.web.errors import ActionError
from parindex.web.listing import listing
from parindex.web.plans.actions import (
    PlanHead,
    do_edit_task,
    do_import_plan,
    do_import_progress,
    do_issue_plan,
    do_report_progress,
)
from parindex.web.plans.forms import (
    AsOfForm,
    IssueForm,
    PlanImportForm,
    ProgressImportForm,
    ReportForm,
    TaskEditForm,
)
from parindex.web.plans.models import Plan, PlanTask, TaskFile, TaskReport
from parindex.web.plans.status import core_task, status_of_plan, status_of_tasks
from parindex.web.plans.status_css import STATUS_CLASS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {
    "tien-do.xlsx": XLSX,
    "tien-do.docx": DOCX,
    "qua-han.xlsx": XLSX,
    "trang-thai.json": "application/json",
    "ke-hoach.xlsx": XLSX,
    "ke-hoach.docx": DOCX,
}


def as_of_of(request: AuthenticatedHttpRequest) -> tuple[dt.date, AsOfForm]:
    """The «Tính đến ngày» asked (``?ngay=30/06/2026``), today when none or not a date."""
    form = AsOfForm(request.GET or None)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["ngay"]:
        return form.cleaned_data["ngay"], form
    return today, form


@dataclass(frozen=True)
class Row:
    """A task row of a page: the stored task and its status as of the page's date."""

    task: PlanTask
    status: TaskStatus
    css: str
    heading: str  # the heading to print above it ("" when the same as the row before)


def rows_of(tasks: list[PlanTask], status: PlanStatus) -> list[Row]:
    rows, heading = [], None
    for task, s in zip(tasks, status.tasks, strict=True):
        shown = task.heading if task.heading != heading else ""
        heading = task.heading
        rows.append(Row(task, s, STATUS_CLASS[s.status], shown))
    return rows


def counts_table(status: PlanStatus) -> list[tuple[str, list[tuple[str, int]], int, int]]:
    """(lead, [(status, n)], done, total) per lead unit, in the plan's order."""
    return [
        (lead, [(name, counts[name]) for name in STATUSES], counts.done, counts.total)
        for lead, _, counts in status.by_lead()
    ]


def _planner(request: AuthenticatedHttpRequest) -> None:
    """Plans are the office's, the leaders' and the units' (an appraiser has none)."""
    if not (is_admin(request.user) or is_leader(request.user) or is_officer(request.user)):
        raise Http404(NOT_FOUND)


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _planner(request)
    plans = visible_plans(request.user).select_related("issuer")
    found = listing(
        request,
        plans,
        text=lambda p: f"{p.title} {p.decision_number} {p.year}",
        sorts={
            "title": lambda p: collation_key(p.title),
            "year": lambda p: (p.year, p.pk),
            "kind": lambda p: (p.kind, p.pk),
        },
        default="-year",
    )
    publications = []
    if is_admin(request.user) or is_leader(request.user):
        from parindex.web.results.models import Publication

        publications = list(
            Publication.objects.filter(superseded_by__isnull=True, withdrawal__isnull=True)
            .select_related("cycle")
            .order_by("-cycle__period", "cycle__name")
        )
    return render(
        request,
        "plans/list.html",
        {
            "listing": found,
            "may_import": is_admin(request.user),
            "publications": publications,
        },
    )


@login_required
def plan_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    problems: list[str] = []
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        head = PlanHead(
            kind=data["kind"],
            title=data["title"],
            year=data["year"],
            period=data["period"],
            issuer=data["issuer"],
            parent=data["parent"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            signer=data["signer"],
        )
        try:
            plan = do_import_plan(upload.read(), upload.name, head, request.user)
        except ActionError as exc:
            form.add_error(None, exc.message)
            problems = [str(p) for p in exc.problems]
        else:
            count = plan.tasks.count()
            linked = plan.tasks.filter(lead_unit__isnull=False).count()
            messages.success(
                request,
                f"Đã nhập {format_count(count)} nhiệm vụ của «{plan.title}»; "
                f"{format_count(linked)} nhiệm vụ có đơn vị chủ trì trên hệ thống.",
            )
            return redirect("plans:detail", plan_id=plan.pk)
    return render(request, "plans/import.html", {"form": form, "problems": problems})


@login_required
def plan_detail(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    as_of, form = as_of_of(request)
    tasks = list(
        visible_tasks(request.user)
        .filter(plan=plan)
        .select_related("lead_unit")
        .order_by("position", "pk")
    )
    status = status_of_tasks(tasks, as_of)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "form": form,
            "as_of": format_date(as_of),
            "as_of_query": f"?ngay={format_date(as_of)}",
            "summary": status.counts.summary(),
            "counts": [(name, status.counts[name]) for name in STATUSES],
            "leads": counts_table(status),
            "rows": rows_of(tasks, status),
            "may_edit": may_edit_plan(request.user, plan),
            "may_issue": may_edit_plan(request.user, plan) and not plan.issued,
            "issue_form": IssueForm(),
            "progress_form": ProgressImportForm() if is_admin(request.user) else None,
            "children": plan.children.order_by("title"),
        },
    )


@login_required
def plan_download(request: AuthenticatedHttpRequest, plan_id: int, name: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if name not in DOWNLOADS:
        raise Http404(NOT_FOUND)
    as_of, _ = as_of_of(request)
    if name.startswith("ke-hoach."):
        tasks = plan.tasks.order_by("position", "pk")
        titles = ["Phụ lục", plan.title.upper()]
        if plan.decision_line:
            titles.append(f"(Kèm theo Quyết định số {plan.decision_line})")
        elif plan.assigned_by:
            titles.append(f"(Kèm theo {plan.assigned_by})")
        write = task_table_xlsx if name.endswith(".xlsx") else task_table_docx
        body = write(titles, [core_task(t, t.tt) for t in tasks])
    else:
        status = status_of_plan(plan, as_of)
        assigned = plan.assigned_by or (
            f"Quyết định số {plan.decision_line}" if plan.decision_line else plan.title
        )
        if name == "tien-do.xlsx":
            body = follow_up_xlsx(status, assigned)
        elif name == "tien-do.docx":
            body = follow_up_docx(status, assigned)
        elif name == "qua-han.xlsx":
            body = overdue_xlsx(status, assigned)
        else:
            body = json.dumps(status_json(status), ensure_ascii=False, indent=2).encode()
    response = HttpResponse(body, content_type=DOWNLOADS[name])
    response["Content-Disposition"] = f'attachment; filename="{plan.pk}-{name}"'
    return response


@login_required
@require_POST
def plan_issue(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, manage=True)
    form = IssueForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("plans:detail", plan_id=plan.pk)
    data = form.cleaned_data
    upload = data.get("upload")
    try:
        do_issue_plan(
            plan,
            request.user,
            number=data["number"],
            date=data["date"],
            signer=data["signer"],
            upload=(upload, upload.name) if upload else None,
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ban hành «{plan.title}».")
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
@require_POST
def progress_import(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """The admin adds the reports of an office's progress table (by TT) to the plan."""
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    plan = access_plan(request.user, plan_id)
    form = ProgressImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("plans:detail", plan_id=plan.pk)
    upload = form.cleaned_data["file"]
    try:
        count = do_import_progress(plan, upload.read(), upload.name, request.user)
    except ActionError as exc:
        messages.error(request, " ".join([exc.message, *(str(p) for p in exc.problems)]))
    else:
        messages.success(request, f"Đã nhập {format_count(count)} báo cáo tiến độ.")
    return redirect("plans:detail", plan_id=plan.pk)


def _problems(form: IssueForm | ReportForm | TaskEditForm | ProgressImportForm) -> str:
    from parindex.web.fields import form_problems

    return form_problems(form)


@login_required
def my_tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The tasks the user's unit leads (an officer), or every task (the admin, the leaders),
    with their status today; ``?tien-do=`` one of the four statuses."""
    _planner(request)
    as_of, form = as_of_of(request)
    tasks = list(
        visible_tasks(request.user)
        .select_related("plan", "lead_unit")
        .order_by("deadline_end", "plan_id", "position", "pk")
    )
    status = status_of_tasks(tasks, as_of)
    wanted = request.GET.get("tien-do", "")
    rows = [r for r in rows_of(tasks, status) if not wanted or r.status.status == wanted]
    return render(
        request,
        "plans/tasks.html",
        {
            "rows": rows,
            "form": form,
            "as_of": format_date(as_of),
            "summary": status.counts.summary() if tasks else "",
            "statuses": STATUSES,
            "wanted": wanted,
            "officer": is_officer(request.user),
        },
    )


@login_required
def task_detail(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    return _task_page(request, access_task(request.user, task_id))


def _task_page(
    request: AuthenticatedHttpRequest,
    task: PlanTask,
    report_form: ReportForm | None = None,
    error: str = "",
) -> HttpResponse:
    """The task, its reports and the forms; a refused report comes back with what was typed
    and each field's reason beside it."""
    today = timezone.localdate()
    (status,) = status_of_tasks([task], today).tasks
    reports = TaskReport.objects.filter(task=task).select_related("reporter")
    edit = TaskEditForm(
        initial={
            "lead_unit": task.lead_unit,
            "deadline": task.deadline,
            "criteria": task.criteria,
        }
    )
    return render(
        request,
        "plans/task.html",
        {
            "task": task,
            "status": status,
            "css": STATUS_CLASS[status.status],
            "reports": reports.prefetch_related("files").order_by("-date", "-pk"),
            "may_report": may_report_task(request.user, task),
            "may_edit": may_edit_plan(request.user, task.plan),
            "report_form": report_form or ReportForm(initial={"date": today}),
            "report_error": error,
            "edit_form": edit,
        },
    )


@login_required
@require_POST
def task_report(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, "report")
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _task_page(request, task, form, _problems(form))
    data = form.cleaned_data
    try:
        do_report_progress(
            task,
            request.user,
            date=data["date"],
            result=data["result"],
            completed=data["completed"],
            files=[(f, f.name) for f in data["uploads"]],
        )
    except ActionError as exc:
        return _task_page(request, task, form, exc.message)
    messages.success(request, "Đã ghi báo cáo tiến độ.")
    return redirect("plans:task", task_id=task.pk)


@login_required
@require_POST
def task_edit(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, "manage")
    form = TaskEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("plans:task", task_id=task.pk)
    data = form.cleaned_data
    try:
        do_edit_task(
            task,
            request.user,
            lead_unit=data["lead_unit"],
            deadline=data["deadline"],
            criteria=data["criteria"].split(","),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã lưu nhiệm vụ.")
    return redirect("plans:task", task_id=task.pk)


@login_required
@require_POST
def cite(request: AuthenticatedHttpRequest, score_id: int) -> HttpResponse:
    """The unit's officer cites a document of its plans (a task's file, a plan's decision) as
    evidence of a leaf of its self-assessment."""
    from parindex.web.assessments.actions import do_cite_plan_document

    score = access_score(request.user, score_id, "self")
    source: Plan | TaskFile
    if request.POST.get("file"):
        source = access_task_file(request.user, request.POST["file"])
    else:
        source = access_plan(request.user, request.POST.get("plan", ""))
    try:
        do_cite_plan_document(request.user, score, source)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Đã thêm tài liệu kiểm chứng cho tiêu chí {score.criterion.code}."
        )
    field = score.criterion.field_code
    return redirect(
        reverse("assessments:field_page", args=[score.cycle_id, score.unit_id, field])
        + f"#tc-{score.criterion.code}"
    )


@login_required
def task_file(request: AuthenticatedHttpRequest, file_id: int) -> FileResponse:
    found = access_task_file(request.user, file_id)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.served_name,
        content_type=found.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
