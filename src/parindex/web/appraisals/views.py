"""Appraisal screens: the page to correct a field, and a unit's bonus and penalty items (the
queue is views_queue.py, the council's workbooks views_exports.py)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parindex.core.bonus import describe
from parindex.core.narrative import points
from parindex.core.numbers import format_signed, format_vn
from parindex.web import unsaved
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_participation,
    access_score,
    appraisable_fields,
    is_admin,
    is_appraiser,
)
from parindex.web.appraisals.actions import (
    do_accept_field,
    do_correct_score,
    do_decide_bonus,
    standing_score,
)
from parindex.web.appraisals.forms import AppraisalForm, BonusForm
from parindex.web.appraisals.models import BonusDecision
from parindex.web.appraisals.standing import (
    bonus_before,
    bonus_decisions,
    measure_before,
    round2_open_ids,
    unit_round,
)
from parindex.web.assessments.leaves import bonus_caps, measure_shown, shown
from parindex.web.assessments.models import Score
from parindex.web.assessments.views import reused_files
from parindex.web.errors import ActionError
from parindex.web.fields import NO_CASE, form_problems

TYPED = ("appraised_score", "appraised_measure", "no_case", "reason")
"""What an appraiser types into a leaf's form, shown again when the save is refused."""


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
    round_ = unit_round(cycle, unit_id)
    back = redirect(
        "appraisals:appraise_field", cycle_id=cycle_id, unit_id=unit_id, field_code=field_code
    )
    if request.method == "POST":
        if not may_correct:
            raise Http404("Không tìm thấy trang")
        if "accept_all" in request.POST:
            if not request.POST.get("confirmed"):  # the box the page asks to tick first
                messages.error(request, _("Đánh dấu ô xác nhận trước khi chấp nhận nguyên điểm."))
                return back
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
    reopened = round2_open_ids(cycle, [participation.unit.pk]) if round_ == 2 else set()
    for s in scores:
        decisions = {c.round: c for c in s.corrections.all()}
        # the decision of the open round; with none open (a closed cycle), the one that stands
        current = decisions.get(round_) if round_ else (decisions.get(2) or decisions.get(1))
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
                "carried": round_ == 2 and s.pk not in reopened,
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
            "draft": not participation.submitted,
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
    round_ = unit_round(cycle, unit_id)
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
