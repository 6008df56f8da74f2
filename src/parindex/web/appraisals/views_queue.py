"""The appraisal queue (searchable, sortable, counted per field) and accepting a whole unit's
unchanged leaves after a confirmation that states how many."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.core.collation import collation_key, unit_name_key
from parindex.core.workflow import CycleState, appraisal_round
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_cycle,
    access_participation,
    appraisable_fields,
    is_appraiser,
    may_use_appraisal_queue,
)
from parindex.web.appraisals.actions import do_accept_unit, standing_score, undecided_scores
from parindex.web.appraisals.forms import AcceptUnitForm
from parindex.web.appraisals.models import BonusDecision
from parindex.web.appraisals.queue import queue_rows
from parindex.web.cycles.models import Assignment
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.listing import listing

SORTS = {
    "don-vi": lambda r: unit_name_key(r.unit.name),
    "ma": lambda r: r.unit.code,
    "nguoi": lambda r: collation_key(r.appraiser_name),
    "nop": lambda r: (r.submitted_at is None, r.submitted_at.timestamp() if r.submitted_at else 0),
    "con-lai": lambda r: (r.left, unit_name_key(r.unit.name)),
}


@login_required
def appraisal_queue(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id)
    if not may_use_appraisal_queue(request.user):
        raise Http404(NOT_FOUND)
    assignments = Assignment.objects.filter(cycle=cycle).select_related("unit", "appraiser")
    if is_appraiser(request.user):
        assignments = assignments.filter(appraiser=request.user)
    open_round = appraisal_round(CycleState(cycle.state))
    round_ = open_round or 1
    fields = list(
        cycle.framework.criteria.filter(parent__isnull=True, source="self").order_by("position")
    )
    bonus = cycle.framework.to_core().bonus
    bonus_done: defaultdict[int, int] = defaultdict(int)
    if bonus is not None:
        for unit_id, n in (
            BonusDecision.objects.filter(cycle=cycle, round=round_)
            .values_list("unit")
            .annotate(n=Count("id"))
        ):
            bonus_done[unit_id] = n
    rows = queue_rows(
        cycle,
        list(assignments),
        [f.code for f in fields],
        round_,
        bonus_done,
        len(bonus.items) if bonus is not None else None,
    )
    found = listing(
        request,
        rows,
        text=lambda r: f"{r.unit} {r.unit.code} {r.appraiser_name} {r.appraiser.username}",
        sorts=SORTS,
        default="don-vi",
    )
    per_appraiser: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        per_appraiser[r.appraiser_name][0] += r.done
        per_appraiser[r.appraiser_name][1] += r.total
    return render(
        request,
        "appraisals/queue.html",
        {
            "cycle": cycle,
            "listing": found,
            "fields": fields,
            "round": round_,
            "open": open_round is not None,
            "may_accept": is_appraiser(request.user) and open_round is not None,
            "unsubmitted": sum(1 for r in rows if r.submitted_at is None),
            "per_appraiser": sorted(per_appraiser.items(), key=lambda p: collation_key(p[0])),
            "bonus": bonus,
        },
    )


@login_required
def accept_unit(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> HttpResponse:
    """ "Chấp nhận nguyên điểm" for a whole unit: a page stating how many leaves will keep their
    score, then the appraiser's confirmation (the safe choice, going back, is the default)."""
    participation = access_participation(request.user, cycle_id, unit_id)
    if not is_appraiser(request.user):
        raise Http404(NOT_FOUND)
    cycle, unit = participation.cycle, participation.unit
    fields = appraisable_fields(request.user, cycle, unit_id)
    if fields is not None and not fields:
        raise Http404(NOT_FOUND)
    round_ = appraisal_round(CycleState(cycle.state))
    back = redirect("appraisals:appraisal_queue", cycle_id=cycle.pk)
    if request.method == "POST":
        form = AcceptUnitForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_problems(form))
            return redirect("appraisals:accept_unit", cycle_id=cycle.pk, unit_id=unit.pk)
        try:
            n = do_accept_unit(request.user, participation, fields, form.cleaned_data["expected"])
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("appraisals:accept_unit", cycle_id=cycle.pk, unit_id=unit.pk)
        messages.success(
            request,
            _("Đã chấp nhận nguyên điểm %(n)s tiêu chí của %(unit)s.") % {"n": n, "unit": unit},
        )
        return back
    scores = undecided_scores(cycle, unit, fields, round_) if round_ else []
    return render(
        request,
        "appraisals/accept_unit.html",
        {
            "cycle": cycle,
            "unit": unit,
            "participation": participation,
            "round": round_,
            "scores": [(s, standing_score(s, round_ or 1)) for s in scores],
            "count": len(scores),
            "fields": sorted(fields) if fields is not None else None,
        },
    )
