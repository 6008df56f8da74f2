"""Inspections and conferences on the web: the admin records them, their conclusion's items and
the tasks those become; the leaders read them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parindex.core.collation import collation_key
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_review,
    is_admin,
    is_leader,
)
from parindex.web.errors import ActionError
from parindex.web.listing import listing
from parindex.web.plans.forms_reviews import FindingForm, ReviewForm, TaskFromFindingForm
from parindex.web.plans.models import Finding, PlanTask, Review
from parindex.web.plans.reviews import (
    ReviewHead,
    do_add_review_finding,
    do_create_review,
    do_task_from_finding,
)


def _reader(request: AuthenticatedHttpRequest) -> None:
    if not (is_admin(request.user) or is_leader(request.user)):
        raise Http404(NOT_FOUND)


@login_required
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _reader(request)
    found = listing(
        request,
        Review.objects.prefetch_related("units").order_by("-start", "-pk"),
        text=lambda r: f"{r.title} {r.get_kind_display()} {r.document}",
        sorts={
            "start": lambda r: (r.start, r.pk),
            "title": lambda r: collation_key(r.title),
            "kind": lambda r: (r.kind, r.start),
        },
        default="-start",
    )
    return render(
        request,
        "plans/review_list.html",
        {"listing": found, "may_create": is_admin(request.user)},
    )


@login_required
def review_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        head = ReviewHead(
            kind=data["kind"],
            title=data["title"],
            start=data["start"],
            end=data["end"],
            plan=data["plan"],
            team=data["team"],
            document=data["document"],
            conclusions=data["conclusions"],
        )
        try:
            made = do_create_review(head, list(data["units"]), request.user)
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã ghi «{made.title}».")
            return redirect("reviews:detail", review_id=made.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/review_create.html", {"form": form}, status=status)


@dataclass
class Item:
    """An item of the conclusion, the tasks it became and the form that gives it as a task."""

    finding: Finding
    tasks: list[PlanTask]
    form: TaskFromFindingForm | None


def _task_form(finding: Finding) -> TaskFromFindingForm:
    return TaskFromFindingForm(prefix=f"nv{finding.pk}", initial={"lead_unit": finding.unit_id})


def _detail(
    request: AuthenticatedHttpRequest,
    review: Review,
    *,
    finding_form: FindingForm | None = None,
    bound: TaskFromFindingForm | None = None,
    bound_for: int | None = None,
    status: int = 200,
) -> HttpResponse:
    manage = is_admin(request.user)
    findings = review.findings.select_related("unit").prefetch_related(
        Prefetch("tasks", queryset=PlanTask.objects.select_related("plan", "lead_unit"))
    )
    items = [
        Item(
            finding,
            list(finding.tasks.all()),
            (bound if bound is not None and finding.pk == bound_for else _task_form(finding))
            if manage
            else None,
        )
        for finding in findings
    ]
    context = {
        "review": review,
        "units": list(review.units.all()),
        "items": items,
        "manage": manage,
        "finding_form": (finding_form or FindingForm(review=review)) if manage else None,
    }
    return render(request, "plans/review_detail.html", context, status=status)


@login_required
def review_detail(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    review = access_review(request.user, review_id)
    return _detail(request, review)


@login_required
@require_POST
def review_add_finding(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    review = access_review(request.user, review_id, manage=True)
    form = FindingForm(request.POST, review=review)
    if form.is_valid():
        try:
            do_add_review_finding(
                review, request.user, text=form.cleaned_data["text"], unit=form.cleaned_data["unit"]
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã thêm nội dung kết luận.")
            return redirect("reviews:detail", review_id=review.pk)
    return _detail(request, review, finding_form=form, status=400)


@login_required
@require_POST
def review_task(request: AuthenticatedHttpRequest, review_id: int, finding_id: int) -> HttpResponse:
    review = access_review(request.user, review_id, manage=True)
    try:
        finding = review.findings.get(pk=finding_id)
    except Finding.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    form = TaskFromFindingForm(request.POST, prefix=f"nv{finding.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = do_task_from_finding(
                finding,
                data["plan"],
                request.user,
                text=data["text"],
                lead=data["lead"],
                lead_unit=data["lead_unit"],
                deadline=data["deadline"],
                product=data["product"],
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"Đã giao nhiệm vụ {task.tt} trong kế hoạch «{task.plan.title}»."
            )
            return redirect("reviews:detail", review_id=review.pk)
    return _detail(request, review, bound=form, bound_for=finding.pk, status=400)
