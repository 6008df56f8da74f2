"""The remediation pages: the province's list of a publication's remediation plans, a unit's
plan (its findings, causes, tasks, issuing it, its files), the next cycle's check of what was
recovered, and the award proposals and leaders' rating drawn from a publication.

Validate → authorize → act → respond; every write is in ``actions_remediation`` (issuing in
``plans.actions``); strangers get the 404 of the gates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from parindex.core.awards import AwardRule, LeaderRule, award_proposals, leader_ratings
from parindex.core.numbers import format_count
from parindex.core.remediation import STATUSES, ZERO, UnitRecovery, recovery, successor
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_finding,
    access_plan,
    access_publication,
    access_task,
    is_admin,
    is_leader,
    may_edit_plan,
)
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.plans.actions import do_issue_plan
from parindex.web.plans.actions_remediation import (
    do_add_remediation_task,
    do_edit_causes,
    do_remove_remediation_task,
)
from parindex.web.plans.forms_remediation import AwardsForm, CausesForm, IssueForm, TaskForm
from parindex.web.plans.models import Finding, Plan, PlanKind
from parindex.web.plans.remediation import (
    lost_total,
    remediation_plans,
    seed_remediation,
    unit_findings,
)
from parindex.web.results.models import STORED_PARTS, Publication
from parindex.web.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _province(request: AuthenticatedHttpRequest) -> None:
    if not (is_admin(request.user) or is_leader(request.user)):
        raise Http404(NOT_FOUND)


def _remediation_plan(request: AuthenticatedHttpRequest, plan_id: int, manage: bool) -> Plan:
    plan = access_plan(request.user, plan_id, manage=manage)
    if plan.kind != PlanKind.REMEDIATION or plan.publication_id is None:
        raise Http404(NOT_FOUND)
    return plan


# --- the province's list ------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    plan: Plan | None
    findings: int
    lost: Decimal
    """Points lost on its findings (the plan's, or as published when it has none)."""

    @property
    def status(self) -> str:
        if self.plan is None:
            return "Không bị trừ điểm" if not self.findings else "Chưa có dự thảo"
        if self.plan.issued:
            return "Đã ban hành"
        return "Dự thảo, chưa ban hành"

    @property
    def needs_plan(self) -> bool:
        return bool(self.findings) or self.plan is not None

    @property
    def not_issued(self) -> bool:
        return self.needs_plan and not (self.plan is not None and self.plan.issued)


def _unit_rows(publication: Publication) -> list[UnitRow]:
    run = publication.run()
    plans = remediation_plans(publication.cycle)
    units = {u.code: u for u in Unit.objects.filter(code__in=run.codes())}
    rows = []
    for entry in run.units:
        unit = units.get(entry.code)
        plan = plans.get(unit.pk) if unit is not None else None
        if plan is not None:
            findings = list(plan.findings.all())
            count, lost = len(findings), lost_total(findings)
        else:
            recorded = publication.lost_points_of(entry.code) or []
            count = len(recorded)
            lost = sum((r.lost for r in recorded), ZERO)
        rows.append(UnitRow(entry.code, entry.display_name, plan, count, lost))
    return rows


@login_required
def remediation_list(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    _province(request)
    publication = access_publication(request.user, publication_id)
    rows = _unit_rows(publication)
    needing = [r for r in rows if r.needs_plan]
    missing = [r for r in needing if r.not_issued]
    return render(
        request,
        "plans/remediation_list.html",
        {
            "publication": publication,
            "rows": rows,
            "needing": len(needing),
            "issued": len(needing) - len(missing),
            "missing": missing,
            "undrafted": sum(1 for r in rows if r.plan is None and r.findings),
            "may_seed": is_admin(request.user),
        },
    )


@login_required
@require_POST
def remediation_seed(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    publication = access_publication(request.user, publication_id, manage=True)
    made = seed_remediation(publication, request.user)
    if made:
        messages.success(request, f"Đã tạo {format_count(len(made))} dự thảo kế hoạch khắc phục.")
    else:
        messages.info(request, "Mọi đơn vị bị trừ điểm đã có kế hoạch khắc phục; không tạo thêm.")
    return redirect("remediation:list", publication_id=publication.pk)


# --- a unit's plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    form: CausesForm
    tasks: list[Any]


def _plan_page(
    request: AuthenticatedHttpRequest,
    plan: Plan,
    task_form: TaskForm | None = None,
    issue_form: IssueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    findings = list(plan.findings.order_by("position", "pk"))
    tasks = list(plan.tasks.select_related("finding").order_by("position", "pk"))
    editable = may_edit_plan(request.user, plan) and not plan.issued
    rows = [
        FindingRow(
            f,
            CausesForm(
                initial={"subjective": f.subjective, "objective": f.objective},
                auto_id=f"f{f.pk}_%s",
            ),
            [t for t in tasks if t.finding_id == f.pk],
        )
        for f in findings
    ]
    choices = [(f.pk, f"{f.criterion}. {f.name}"[:120]) for f in findings]
    return render(
        request,
        "plans/remediation_plan.html",
        {
            "plan": plan,
            "publication": plan.publication,
            "rows": rows,
            "tasks": tasks,
            "lost": lost_total(findings),
            "editable": editable,
            "task_form": task_form or TaskForm(findings=choices),
            "issue_form": issue_form or IssueForm(),
            "province": is_admin(request.user) or is_leader(request.user),
        },
        status=status,
    )


@login_required
def remediation_plan(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _remediation_plan(request, plan_id, manage=False)
    return _plan_page(request, plan)


@login_required
@require_POST
def remediation_causes(request: AuthenticatedHttpRequest, finding_id: int) -> HttpResponse:
    finding = access_finding(request.user, finding_id)
    if finding.plan is None:
        raise Http404(NOT_FOUND)
    form = CausesForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_problems(form))
    else:
        try:
            do_edit_causes(finding, request.user, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, exc.full_message(10))
        else:
            messages.success(request, f"Đã lưu nguyên nhân của tiêu chí {finding.criterion}.")
    return redirect(reverse("remediation:plan", args=[finding.plan_id]) + f"#ton-tai-{finding.pk}")


@login_required
@require_POST
def remediation_add_task(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _remediation_plan(request, plan_id, manage=True)
    findings = {f.pk: f for f in plan.findings.all()}
    choices = [(pk, f"{f.criterion}. {f.name}"[:120]) for pk, f in findings.items()]
    form = TaskForm(request.POST, findings=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = do_add_remediation_task(
                plan,
                findings[data["finding"]],
                request.user,
                text=data["text"],
                lead=data["lead"],
                product=data["product"],
                deadline=data["deadline"],
            )
        except ActionError as exc:
            form.add_error(None, exc.full_message(10))
        else:
            messages.success(request, f"Đã thêm nhiệm vụ {task.tt}.")
            return redirect("remediation:plan", plan_id=plan.pk)
    return _plan_page(request, plan, task_form=form)


@login_required
@require_POST
def remediation_remove_task(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, purpose="manage")
    if task.plan.kind != PlanKind.REMEDIATION:
        raise Http404(NOT_FOUND)
    try:
        do_remove_remediation_task(task, request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(request, f"Đã xóa nhiệm vụ {task.tt}.")
    return redirect("remediation:plan", plan_id=task.plan_id)


@login_required
@require_POST
def remediation_issue(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _remediation_plan(request, plan_id, manage=True)
    form = IssueForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
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
            form.add_error(None, exc.full_message(10))
        else:
            messages.success(request, f"Đã ban hành kế hoạch: {plan.decision_line}.")
            return redirect("remediation:plan", plan_id=plan.pk)
    return _plan_page(request, plan, issue_form=form)


@login_required
def remediation_download(
    request: AuthenticatedHttpRequest, plan_id: int, kind: str
) -> HttpResponse:
    """The plan's findings as the draft's workbook or document (``parindex remediation``)."""
    from parindex.reports import docx_report
    from parindex.reports.remediation_document import remediation_document, subtitle
    from parindex.reports.remediation_files import plan_stem
    from parindex.reports.remediation_xlsx import plan_workbook

    if kind not in ("xlsx", "docx"):
        raise Http404(NOT_FOUND)
    plan = _remediation_plan(request, plan_id, manage=False)
    run = plan.publication.run()  # type: ignore[union-attr]  # checked by the gate above
    found = unit_findings(plan)
    if kind == "xlsx":
        content, type_ = plan_workbook(found, subtitle(run, found)), XLSX
    else:
        content, type_ = docx_report.render(remediation_document(run, found), run), DOCX
    response = HttpResponse(content, content_type=type_)
    response["Content-Disposition"] = f'attachment; filename="{plan_stem(found.unit)}.{kind}"'
    return response


# --- the next cycle: what was recovered -----------------------------------------------------


def previous_publication(publication: Publication) -> Publication | None:
    """The publication the new one compares with: the latest of an earlier period of the same
    framework family (as ``results.compute`` finds the previous run)."""
    cycle = publication.cycle
    return (
        Publication.objects.filter(
            cycle__framework__family=cycle.framework.family,
            cycle__period__lt=cycle.period,
            superseded_by__isnull=True,
        )
        .exclude(cycle=cycle)
        .select_related("cycle__framework")
        .defer(*STORED_PARTS)
        .order_by("-cycle__period", "-published_at")
        .first()
    )


@dataclass(frozen=True)
class RecoveryRow:
    plan: Plan
    found: UnitRecovery

    @property
    def counts(self) -> list[int]:
        return [self.found.count(s) for s in STATUSES]


@login_required
def remediation_recovery(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    _province(request)
    publication = access_publication(request.user, publication_id)
    before = previous_publication(publication)
    rows: list[RecoveryRow] = []
    if before is not None:
        then, now = before.run(), publication.run()
        order = {code: i for i, code in enumerate(then.codes())}
        plans = [(p.issuer.code, p) for p in remediation_plans(before.cycle).values() if p.issuer]
        for code, plan in sorted(plans, key=lambda pair: order.get(pair[0], len(order))):
            if not then.has_unit(code):
                continue
            codes = [f.criterion for f in plan.findings.all() if f.criterion]
            found = recovery(then.unit(code), codes, successor(now, code))
            rows.append(RecoveryRow(plan, found))
    totals = {
        "lost_before": sum((r.found.lost_before for r in rows), ZERO),
        "lost_now": sum((r.found.lost_now for r in rows), ZERO),
        "recovered": sum((r.found.recovered_points for r in rows), ZERO),
        "items": sum(len(r.found.items) for r in rows),
        "counts": [(s, sum(r.found.count(s) for r in rows)) for s in STATUSES],
    }
    return render(
        request,
        "plans/remediation_recovery.html",
        {"publication": publication, "before": before, "rows": rows, "totals": totals},
    )


# --- awards and the leaders' rating ---------------------------------------------------------

DEFAULT_CLASS = "Xuất sắc"
DEFAULT_RANK = 3


@login_required
def awards(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    _province(request)
    publication = access_publication(request.user, publication_id)
    run = publication.run()
    labels = run.class_labels()
    given = any(key in request.GET for key in ("max_rank", "at_or_above", "below", "classes"))
    form = AwardsForm(
        request.GET if given else None,
        classes=labels,
        initial={
            "classes": [DEFAULT_CLASS] if DEFAULT_CLASS in labels else labels[:1],
            "max_rank": DEFAULT_RANK,
            "at_or_above": Decimal(2),
            "below": Decimal(0),
        },
    )
    if given and form.is_valid():
        data = form.cleaned_data
        award_rule = AwardRule(tuple(data["classes"]), data["max_rank"])
        leader_rule = LeaderRule(
            data["at_or_above"] if data["at_or_above"] is not None else Decimal(2),
            data["below"] if data["below"] is not None else Decimal(0),
        )
    else:
        initial = form.initial
        award_rule = AwardRule(tuple(initial["classes"]), initial["max_rank"])
        leader_rule = LeaderRule()
    proposals = award_proposals(run, award_rule) if not form.errors else ()
    ratings = leader_ratings(run, leader_rule) if not form.errors else ()
    return render(
        request,
        "plans/awards.html",
        {
            "publication": publication,
            "run": run,
            "form": form,
            "award_rule": award_rule,
            "leader_rule": leader_rule,
            "proposals": proposals,
            "ratings": ratings,
            "at_or_above": sum(1 for r in ratings if r.at_or_above),
        },
    )
