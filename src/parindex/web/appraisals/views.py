"""Appraisal screens: the queue of assigned units and fields, the page to correct a field, and a
unit's bonus and penalty items."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parindex.core.bonus import describe
from parindex.core.framework import Framework as CoreFramework
from parindex.core.narrative import points
from parindex.core.numbers import format_signed, format_vn
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
from parindex.web.appraisals.actions import (
    do_accept_field,
    do_correct_score,
    do_decide_bonus,
    standing_score,
)
from parindex.web.appraisals.forms import AppraisalForm, BonusForm
from parindex.web.appraisals.models import BonusDecision, Correction
from parindex.web.appraisals.standing import bonus_before, bonus_decisions, measure_before
from parindex.web.assessments.leaves import bonus_caps, measure_shown, shown
from parindex.web.assessments.models import Score
from parindex.web.assessments.views import reused_files
from parindex.web.cycles.models import Assignment
from parindex.web.errors import ActionError
from parindex.web.fields import NO_CASE, form_problems

TYPED = ("appraised_score", "appraised_measure", "no_case", "reason")
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
    core = cycle.framework.to_core()
    bonus_done: defaultdict[int, int] = defaultdict(int)
    if core.bonus is not None:
        for unit_id, n in (
            BonusDecision.objects.filter(cycle=cycle, round=round_)
            .values_list("unit")
            .annotate(n=Count("id"))
        ):
            bonus_done[unit_id] = n
    # one row per assigned unit, one cell per field: the page stays small for 150 communes
    rows: list[dict[str, object]] = []  # what the template shows
    per_appraiser: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in assignments:
        cells: list[dict[str, object] | None] = []
        for f in fields:
            key = (a.unit_id, f.code)
            total = totals[key] - _not_for_kind(core, f.code, a.unit.kind)
            if (a.field_code and a.field_code != f.code) or total <= 0:
                cells.append(None)
                continue
            cells.append({"field": f, "done": done[key], "total": total})
            per_appraiser[a.appraiser.username][0] += done[key]
            per_appraiser[a.appraiser.username][1] += total
        bonus_cell = None
        if core.bonus is not None and not a.field_code:
            bonus_cell = {"done": bonus_done[a.unit_id], "total": len(core.bonus.items)}
        rows.append({"assignment": a, "unit": a.unit, "cells": cells, "bonus": bonus_cell})
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
            "bonus": core.bonus,
        },
    )


def _not_for_kind(framework: CoreFramework, field_code: str, kind: str) -> int:
    """How many of a field's leaves a unit of this kind does not score (``applies_to``)."""
    top = framework.node(field_code)
    return sum(1 for leaf in top.leaves if not leaf.applies(kind)) if top else 0


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
        if "accept_all" in request.POST:
            try:
                n = do_accept_field(request.user, cycle, participation.unit, field_code)
                messages.success(request, _("Đã chấp nhận nguyên điểm %(n)s tiêu chí.") % {"n": n})
            except ActionError as exc:
                messages.error(request, exc.message)
            return back
        return _post_decision(request, back.url)
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
    core = cycle.framework.to_core()  # the guide, scale and rule the decision gives each leaf
    kind = participation.unit.kind
    for s in scores:
        decisions = {c.round: c for c in s.corrections.all()}
        current = decisions.get(round_) if round_ else None
        again = typed if typed.get("score") == str(s.pk) else None
        node = core.node(s.criterion.code)
        standing = standing_score(s, round_ or 1)
        before_measure = measure_before(s, round_ or 1)
        if current is not None:
            entry, measure = current.appraised_score, current.appraised_measure
        else:
            entry, measure = standing, before_measure
        leaves.append(
            {
                "score": s,
                "rules": shown(node, core, kind) if node else {"how": "points", "not_for_kind": ""},
                "typed": again,
                "self": "KĐG"
                if s.not_applicable
                else (format_vn(s.self_score) if s.self_score is not None else "—"),
                "self_measure": "" if s.not_applicable else measure_shown(s.measure),
                "max": points(s.criterion.max),
                "evidence": [
                    (e, e.sha256 in reused) for e in s.evidence.all() if e.removed_at is None
                ],
                "round1": decisions.get(1),
                "round2": decisions.get(2),
                "current": current,
                "value": again.get("appraised_score", "")
                if again
                else ("" if entry is None or measure == NO_CASE else format_vn(entry)),
                "shown_value": "" if entry is None else format_vn(entry),
                "measure": again.get("appraised_measure", "")
                if again
                else ("" if measure == NO_CASE else measure),
                "stored_measure": "" if measure == NO_CASE else measure,
                "no_case": bool(again.get("no_case", "")) if again else measure == NO_CASE,
                "reason": again.get("reason", "") if again else (current.reason if current else ""),
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


def _post_decision(request: AuthenticatedHttpRequest, back: str) -> HttpResponse:
    """One leaf's decision: validate → authorize (the leaf's own gate) → act → respond."""
    form = AppraisalForm(request.POST)

    def refused(message: str) -> HttpResponse:
        messages.error(request, message)
        return redirect(back + unsaved.keep(request, TYPED))

    valid = form.is_valid()
    score_id = form.cleaned_data.get("score")
    if score_id is None:
        return refused(form_problems(form))
    score = access_score(request.user, score_id, "appraise")
    if not valid:  # named by its criterion: a page has many forms
        return refused(f"Tiêu chí {score.criterion.code} — {form_problems(form)}")
    data = form.cleaned_data
    try:
        correction = do_correct_score(
            request.user,
            score,
            data["appraised_score"],
            data["reason"],
            data["version"] or 0,
            measure=data["appraised_measure"],
            no_case=data["no_case"],
        )
    except ActionError as exc:
        return refused(exc.message)
    if correction.appraised_measure and correction.appraised_score is not None:
        messages.success(
            request,
            _("Đã lưu kết quả thẩm định tiêu chí %(code)s: %(measure)s → %(points)s điểm.")
            % {
                "code": score.criterion.code,
                "measure": measure_shown(correction.appraised_measure),
                "points": format_vn(correction.appraised_score),
            },
        )
    else:
        messages.success(
            request,
            _("Đã lưu kết quả thẩm định tiêu chí %(code)s.") % {"code": score.criterion.code},
        )
    return redirect(back)


BONUS_TYPED = ("code", "points", "reason")
"""What an appraiser types into a bonus or penalty item's form, shown again when refused."""


@login_required
def appraise_bonus(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> HttpResponse:
    """A unit's bonus and penalty items (outside the maximum), decided by the appraiser who
    appraises the whole unit; the admin sees them."""
    participation = access_participation(request.user, cycle_id, unit_id)
    cycle, unit = participation.cycle, participation.unit
    may_decide = (
        is_appraiser(request.user) and appraisable_fields(request.user, cycle, unit_id) is None
    )
    section = cycle.framework.to_core().bonus
    if section is None or (not may_decide and not is_admin(request.user)):
        raise Http404(NOT_FOUND)
    round_ = appraisal_round(CycleState(cycle.state))
    back = reverse("appraisals:appraise_bonus", args=[cycle_id, unit_id])
    if request.method == "POST":
        if not may_decide:
            raise Http404(NOT_FOUND)
        form = BonusForm(request.POST)

        def refused(message: str) -> HttpResponse:
            messages.error(request, message)
            return redirect(back + unsaved.keep(request, BONUS_TYPED))

        if not form.is_valid():
            code = form.cleaned_data.get("code", "")
            return refused(f"Mục {code} — {form_problems(form)}" if code else form_problems(form))
        data = form.cleaned_data
        try:
            do_decide_bonus(
                request.user,
                cycle,
                unit,
                data["code"],
                data["points"],
                data["reason"],
                data["version"] or 0,
            )
        except ActionError as exc:
            return refused(exc.message)
        messages.success(request, _("Đã lưu điểm mục %(code)s.") % {"code": data["code"]})
        return redirect(back)
    typed = unsaved.take(request)
    decisions = bonus_decisions(cycle, unit)
    items = []
    standing = []
    for item in section.items:
        current = decisions.get((item.code, round_)) if round_ else None
        before = bonus_before(decisions, item.code, round_ or 1)
        stands = next(
            (decisions[(item.code, r)].points for r in (2, 1) if (item.code, r) in decisions),
            Decimal(0),
        )
        standing.append(stands)
        again = typed if typed.get("code") == item.code else None
        value = current.points if current is not None else before
        items.append(
            {
                "item": item,
                "gives": describe(item),
                "round1": decisions.get((item.code, 1)),
                "round2": decisions.get((item.code, 2)),
                "current": current,
                "value": again.get("points", "")
                if again
                else ("" if value == 0 else format_vn(value)),
                "reason": again.get("reason", "")
                if again
                else (current.reason if current else _reason_before(decisions, item.code, round_)),
                "stands": format_vn(stands),
            }
        )
    bonus, penalty = section.totals(standing)
    return render(
        request,
        "appraisals/bonus.html",
        {
            "cycle": cycle,
            "unit": unit,
            "section": section,
            "caps": bonus_caps(section),
            "items": items,
            "bonus_total": format_signed(bonus),
            "penalty_total": format_signed(-penalty),
            "round": round_,
            "may_decide": may_decide and round_ is not None,
        },
    )


def _reason_before(
    decisions: dict[tuple[str, int], BonusDecision], code: str, round_: int | None
) -> str:
    """Round 1's basis, offered again in round 2 (kept as is when the points stay)."""
    first = decisions.get((code, 1))
    return first.reason if round_ == 2 and first is not None else ""
