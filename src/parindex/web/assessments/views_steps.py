"""The unit's steps: submitting and withdrawing (each confirmed first), and the explanation round,
which lists only the criteria the appraisers corrected."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.narrative import points
from parindex.core.workflow import CycleState, officer_may_edit, submission_problems
from parindex.web import unsaved
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_participation,
    access_score,
    is_own_unit,
    readable_fields,
)
from parindex.web.assessments.actions import (
    do_explain_leaf,
    do_submit_assessment,
    do_withdraw_submission,
)
from parindex.web.assessments.forms import ConfirmForm, ExplanationForm
from parindex.web.assessments.models import Score
from parindex.web.assessments.pages import deadline, linked, locked
from parindex.web.assessments.reading import corrected, entries
from parindex.web.cycles.models import Participation
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems


def explain_from_form(
    request: AuthenticatedHttpRequest,
    participation: Participation,
    back: str,
    field_code: str | None = None,
) -> HttpResponse:
    """The unit's answer to a correction, with extra files, posted from a field's page or the
    explanation round's; refused, what was typed is shown again beside the reason."""
    form = ExplanationForm(request.POST, request.FILES)
    valid = form.is_valid()
    score_id = form.cleaned_data.get("score")
    if score_id is None:
        messages.error(request, form_problems(form))
        return redirect(back)
    score = access_score(request.user, score_id, "explain")
    if (score.cycle_id, score.unit_id) != (participation.cycle_id, participation.unit_id) or (
        field_code is not None and score.criterion.field_code != field_code
    ):
        messages.error(request, _("Tiêu chí không thuộc trang này."))
        return redirect(back)
    anchor = back + unsaved.keep(request, ("text",))
    if not valid:
        messages.error(request, f"Tiêu chí {score.criterion.code} — {form_problems(form)}")
        return redirect(anchor)
    try:
        files = form.cleaned_data["uploads"]
        do_explain_leaf(
            request.user, score, form.cleaned_data["text"], [(f, f.name or "") for f in files]
        )
    except ActionError as exc:
        messages.error(request, exc.full_message())
        return redirect(anchor)
    unsaved.take(request)
    messages.success(
        request, _("Đã gửi giải trình tiêu chí %(code)s.") % {"code": score.criterion.code}
    )
    return redirect(anchor)


def _own(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> Participation:
    return access_participation(request.user, cycle_id, unit_id, for_update=True)


@login_required
def confirm_step(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, step: str
) -> HttpResponse:
    """Before submitting (what is still missing, each linked to its criterion) or withdrawing."""
    participation = _own(request, cycle_id, unit_id)
    cycle = participation.cycle
    state = CycleState(cycle.state)
    late = locked(cycle, unit_id, CycleState.SELF_ASSESSMENT)
    problems = []
    if step == "submit":
        allowed = officer_may_edit(state, participation.submitted) and not late
        if allowed:
            found = submission_problems(
                cycle.framework.to_core(), entries(cycle, participation.unit)
            )
            problems = linked(cycle, unit_id, found)
    else:
        allowed = participation.submitted and state is CycleState.SELF_ASSESSMENT and not late
    return render(
        request,
        "assessments/confirm.html",
        {
            "participation": participation,
            "cycle": cycle,
            "unit": participation.unit,
            "step": step,
            "allowed": allowed,
            "late": late,
            "problems": problems,
            "deadline": deadline(cycle, unit_id, CycleState.SELF_ASSESSMENT),
            "form": ConfirmForm(),
        },
    )


def _confirmed(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, step: str) -> bool:
    form = ConfirmForm(request.POST)
    if form.is_valid():
        return True
    messages.error(request, _("Chưa thực hiện: %(why)s.") % {"why": form_problems(form)})
    return False


@login_required
@require_POST
def submit_assessment(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int
) -> HttpResponse:
    participation = _own(request, cycle_id, unit_id)
    again = redirect("assessments:confirm_submit", cycle_id=cycle_id, unit_id=unit_id)
    if not _confirmed(request, cycle_id, unit_id, "submit"):
        return again
    try:
        do_submit_assessment(request.user, participation)
    except ActionError as exc:
        messages.error(request, exc.message)
        return again
    messages.success(request, _("Đã nộp phần tự đánh giá."))
    return redirect("assessments:unit_assessment", cycle_id=cycle_id, unit_id=unit_id)


@login_required
@require_POST
def withdraw_assessment(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int
) -> HttpResponse:
    participation = _own(request, cycle_id, unit_id)
    if not _confirmed(request, cycle_id, unit_id, "withdraw"):
        return redirect("assessments:confirm_withdraw", cycle_id=cycle_id, unit_id=unit_id)
    try:
        do_withdraw_submission(request.user, participation)
        messages.success(request, _("Đã rút lại phần tự đánh giá để chỉnh sửa."))
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect("assessments:unit_assessment", cycle_id=cycle_id, unit_id=unit_id)


@login_required
def explanation_round(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int
) -> HttpResponse:
    """Only the criteria round 1 corrected: self score → appraised score, the appraiser's reason,
    the unit's explanation and the files it added (a form for each while the round is open)."""
    participation = access_participation(request.user, cycle_id, unit_id)
    cycle = participation.cycle
    back = reverse("assessments:explanation_round", args=[cycle_id, unit_id])
    if request.method == "POST":
        if not is_own_unit(request.user, unit_id):
            raise Http404(NOT_FOUND)
        return explain_from_form(request, participation, back)
    state = CycleState(cycle.state)
    open_ = (
        is_own_unit(request.user, unit_id)
        and state is CycleState.EXPLANATION
        and not locked(cycle, unit_id, CycleState.EXPLANATION)
    )
    typed = unsaved.take(request)
    rows = []
    scores = (
        Score.objects.filter(cycle=cycle, unit=participation.unit)
        .select_related("criterion", "cycle__framework", "unit")
        .prefetch_related("corrections", "evidence")
        .order_by("criterion__position")
    )
    readable = readable_fields(request.user, cycle, participation.unit_id)
    for s in scores:
        first = corrected(s)
        if first is None or (readable is not None and s.criterion.field_code not in readable):
            continue
        answer = getattr(s, "unit_explanation", None)
        rows.append(
            {
                "score": s,
                "self": "KĐG"
                if s.not_applicable
                else points(s.self_score)
                if s.self_score is not None
                else "—",
                "appraised": "—"
                if first.appraised_score is None
                else points(first.appraised_score),
                "reason": first.reason,
                "answer": answer,
                "added": [
                    e for e in s.evidence.all() if e.removed_at is None and e.for_explanation
                ],
                "text": typed.get("text", "") if typed.get("score") == str(s.pk) else "",
                "field_url": reverse(
                    "assessments:field_page", args=[cycle_id, unit_id, s.criterion.field_code]
                ),
            }
        )
    return render(
        request,
        "assessments/explain.html",
        {
            "participation": participation,
            "cycle": cycle,
            "unit": participation.unit,
            "rows": rows,
            "open": open_,
            "deadline": deadline(cycle, unit_id, CycleState.EXPLANATION),
            "in_round": state is CycleState.EXPLANATION,
        },
    )
