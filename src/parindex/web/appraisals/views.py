"""Appraisal screens: the queue of assigned units and fields, and the page to correct a field."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.core.narrative import points
from parindex.core.workflow import CycleState, appraisal_round
from parindex.web import unsaved
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_cycle,
    access_participation,
    access_score,
    appraisable_fields,
    is_admin,
    is_appraiser,
    may_use_appraisal_queue,
)
from parindex.web.appraisals.actions import do_accept_field, do_correct_score, standing_score
from parindex.web.appraisals.forms import AppraisalForm
from parindex.web.appraisals.models import Correction
from parindex.web.assessments.models import Score
from parindex.web.assessments.views import reused_files
from parindex.web.cycles.models import Assignment
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems

TYPED = ("appraised_score", "reason")
"""What an appraiser types into a leaf's form, shown again when the save is refused."""


@login_required
def appraisal_queue(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id)
    if not may_use_appraisal_queue(request.user):
        raise Http404(NOT_FOUND)
    assignments = (
        Assignment.objects.filter(cycle=cycle)
        .select_related("unit", "appraiser")
        .order_by("unit__code")
    )
    if is_appraiser(request.user):
        assignments = assignments.filter(appraiser=request.user)
    round_ = appraisal_round(CycleState(cycle.state)) or 1
    fields = list(
        cycle.framework.criteria.filter(parent__isnull=True, source="self").order_by("position")
    )
    totals: defaultdict[tuple[int, str], int] = defaultdict(int)
    for unit_id, field_code, n in (
        Score.objects.filter(cycle=cycle)
        .values_list("unit", "criterion__field_code")
        .annotate(n=Count("id"))
    ):
        totals[(unit_id, field_code)] = n
    done: defaultdict[tuple[int, str], int] = defaultdict(int)
    for unit_id, field_code, n in (
        Correction.objects.filter(score__cycle=cycle, round=round_)
        .values_list("score__unit", "score__criterion__field_code")
        .annotate(n=Count("id"))
    ):
        done[(unit_id, field_code)] = n
    # one row per assigned unit, one cell per field: the page stays small for 150 communes
    rows: list[dict[str, object]] = []  # what the template shows
    per_appraiser: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in assignments:
        cells: list[dict[str, object] | None] = []
        for f in fields:
            key = (a.unit_id, f.code)
            if (a.field_code and a.field_code != f.code) or not totals[key]:
                cells.append(None)
                continue
            cells.append({"field": f, "done": done[key], "total": totals[key]})
            per_appraiser[a.appraiser.username][0] += done[key]
            per_appraiser[a.appraiser.username][1] += totals[key]
        rows.append({"assignment": a, "unit": a.unit, "cells": cells})
    return render(
        request,
        "appraisals/queue.html",
        {
            "cycle": cycle,
            "rows": rows,
            "fields": fields,
            "round": round_,
            "open": appraisal_round(CycleState(cycle.state)) is not None,
            "per_appraiser": sorted(per_appraiser.items()),
        },
    )


@login_required
def appraise_field(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, field_code: str
) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    cycle = participation.cycle
    allowed = (
        appraisable_fields(request.user, cycle, unit_id) if is_appraiser(request.user) else set()
    )
    may_correct = is_appraiser(request.user) and (allowed is None or field_code in allowed)
    if not may_correct and not is_admin(request.user):
        raise Http404(NOT_FOUND)
    field = cycle.framework.criteria.filter(code=field_code, parent__isnull=True).first()
    if field is None:
        raise Http404("Không tìm thấy trang")
    round_ = appraisal_round(CycleState(cycle.state))
    back = redirect(
        "appraisals:appraise_field", cycle_id=cycle_id, unit_id=unit_id, field_code=field_code
    )
    if request.method == "POST":
        if not may_correct:
            raise Http404("Không tìm thấy trang")
        try:
            if "accept_all" in request.POST:
                n = do_accept_field(request.user, cycle, participation.unit, field_code)
                messages.success(request, _("Đã chấp nhận nguyên điểm %(n)s tiêu chí.") % {"n": n})
            else:
                form = AppraisalForm(request.POST)
                if not form.is_valid():
                    messages.error(request, form_problems(form))
                    return redirect(back.url + unsaved.keep(request, TYPED))
                data = form.cleaned_data
                score = access_score(request.user, data["score"], "appraise")
                do_correct_score(
                    request.user,
                    score,
                    data["appraised_score"],
                    data["reason"],
                    data["version"] or 0,
                )
                messages.success(
                    request,
                    _("Đã lưu kết quả thẩm định tiêu chí %(code)s.")
                    % {"code": score.criterion.code},
                )
        except ActionError as exc:
            messages.error(request, exc.message)
            if "accept_all" not in request.POST:
                return redirect(back.url + unsaved.keep(request, TYPED))
        return back
    typed = unsaved.take(request)  # a refused decision shows again what was typed
    scores = list(
        Score.objects.filter(cycle=cycle, unit=participation.unit, criterion__field_code=field_code)
        .select_related("criterion", "unit")
        .prefetch_related("evidence__score", "corrections")
        .order_by("criterion__position")
    )
    evidence = [e for s in scores for e in s.evidence.all() if e.removed_at is None]
    reused = reused_files(evidence)
    leaves: list[dict[str, object]] = []  # what the template shows
    for s in scores:
        decisions = {c.round: c for c in s.corrections.all()}
        current = decisions.get(round_) if round_ else None
        again = typed if typed.get("score") == str(s.pk) else None
        leaves.append(
            {
                "score": s,
                "typed": again,
                "self": "KĐG"
                if s.not_applicable
                else (points(s.self_score) if s.self_score is not None else "—"),
                "max": points(s.criterion.max),
                "evidence": [
                    (e, e.sha256 in reused) for e in s.evidence.all() if e.removed_at is None
                ],
                "round1": decisions.get(1),
                "round2": decisions.get(2),
                "current": current,
                "standing": points(v) if (v := standing_score(s, round_ or 1)) is not None else "",
                "explanation": getattr(s, "unit_explanation", None)
                if hasattr(s, "unit_explanation")
                else None,
            }
        )
    return render(
        request,
        "appraisals/field.html",
        {
            "cycle": cycle,
            "unit": participation.unit,
            "field": field,
            "leaves": leaves,
            "round": round_,
            "may_correct": may_correct and round_ is not None,
        },
    )
