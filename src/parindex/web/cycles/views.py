"""Dashboard, cycle progress, state changes and the progress export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.collation import fold
from parindex.core.units import Unit as CoreUnit
from parindex.core.workflow import STATE_LABELS, CycleState, next_states
from parindex.io.cells import csv_writer
from parindex.web.access import (
    AuthenticatedHttpRequest,
    Visitor,
    access_cycle,
    is_admin,
    is_appraiser,
    is_leader,
    is_officer,
    may_use_appraisal_queue,
    visible_cycles,
    visible_participations,
    visible_rounds,
)
from parindex.web.appraisals.models import Correction
from parindex.web.assessments.models import Score
from parindex.web.cycles.actions import do_transition_cycle
from parindex.web.cycles.deadlines import UNIT_STEPS, unit_due
from parindex.web.cycles.forms import TransitionForm
from parindex.web.cycles.models import Cycle
from parindex.web.cycles.standing import standings
from parindex.web.errors import ActionError
from parindex.web.listing import listing

PER_PAGE = 200
"""Units shown on one page of the cycle page: a province's all at once, a national cycle's
3.321 in pages (the search and the order still over all of them; the CSV has every row)."""


@dataclass(frozen=True)
class ProgressUnit:
    """What a progress row shows of its unit (read as plain values: a national cycle's 3.321
    participants as model instances take longer than the rest of the page)."""

    pk: int
    code: str
    name: str
    kind: str
    display_name: str

    def __str__(self) -> str:
        return self.display_name  # as Unit's


@dataclass(frozen=True)
class ProgressParticipation:
    """What a progress row shows of the unit's part in the cycle."""

    pk: int
    submitted_at: dt.datetime | None

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class ProgressRow(TypedDict):
    """A unit's progress in a cycle: a row of the cycle page and of its CSV."""

    participation: ProgressParticipation
    unit: ProgressUnit
    leaves: int
    scored: int
    appraised: int
    round: int


def _next_step(user: Visitor, cycle: Cycle) -> str:
    state = CycleState(cycle.state)
    if is_officer(user):
        if state is CycleState.SELF_ASSESSMENT:
            return "Tự chấm điểm, đính kèm tài liệu kiểm chứng và nộp"
        if state is CycleState.EXPLANATION:
            return "Xem kết quả thẩm định lần 1 và giải trình"
    if is_appraiser(user) and state in (CycleState.APPRAISAL, CycleState.FINAL_APPRAISAL):
        return "Thẩm định các đơn vị, lĩnh vực được phân công"
    if is_admin(user):
        if state is CycleState.CLOSED:
            return "Xem kết quả, quyết định và công bố"
        return "Theo dõi tiến độ, chuyển bước khi đến hạn"
    return "Theo dõi"


def _due(cycle: Cycle, user: Visitor | None = None) -> dt.datetime | None:
    """The deadline of the cycle's step; an officer's own (with its unit's extension)."""
    state = CycleState(cycle.state)
    unit_id = user.unit_id if user is not None and user.is_authenticated else None
    if unit_id is not None and user is not None and is_officer(user) and state in UNIT_STEPS:
        return unit_due(cycle, unit_id, state)
    return {
        CycleState.SELF_ASSESSMENT: cycle.self_assessment_due,
        CycleState.APPRAISAL: cycle.appraisal_due,
        CycleState.EXPLANATION: cycle.explanation_due,
        CycleState.FINAL_APPRAISAL: cycle.final_due,
    }.get(CycleState(cycle.state))


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    cycles = list(visible_cycles(request.user).select_related("framework"))
    rows = [
        {
            "cycle": c,
            "state": STATE_LABELS[CycleState(c.state)],
            "next": _next_step(request.user, c),
            "due": _due(c, request.user),
        }
        for c in cycles
    ]
    return render(
        request,
        "cycles/dashboard.html",
        {
            "rows": rows,
            # the cycles under way first, one click from the dashboard whoever signs in
            "current": [
                row for row, c in zip(rows, cycles, strict=True) if c.state != CycleState.CLOSED
            ][:4],
            "now": timezone.now(),
            # the admin and the leader follow whole rounds; the others work in their cycles
            "show_rounds": is_admin(request.user) or is_leader(request.user),
            "rounds": visible_rounds(request.user),
            "is_admin": is_admin(request.user),
        },
    )


def progress_rows(user: Visitor, cycle: Cycle) -> list[ProgressRow]:
    participations = [
        (ProgressParticipation(pk, submitted_at), ProgressUnit(unit_id, code, name, kind, ""))
        for pk, submitted_at, unit_id, code, name, kind in visible_participations(user, cycle)
        .order_by("unit__code")
        .values_list("pk", "submitted_at", "unit_id", "unit__code", "unit__name", "unit__kind")
    ]
    # one pass over the cycle's leaves (a national cycle has hundreds of thousands of rows)
    counted = (
        Score.objects.filter(cycle=cycle)
        .values("unit")
        .annotate(
            n=Count("id"),
            scored=Count("id", filter=Q(self_score__isnull=False) | Q(not_applicable=True)),
        )
        .values_list("unit", "n", "scored")
    )
    totals: dict[int, int] = {}
    scored: dict[int, int] = {}
    for unit_id, n, done in counted:
        totals[unit_id], scored[unit_id] = n, done
    round_ = 2 if cycle.state in (CycleState.FINAL_APPRAISAL, CycleState.CLOSED) else 1
    appraised = dict(
        Correction.objects.filter(score__cycle=cycle, round=round_)
        .values("score__unit")
        .annotate(n=Count("id"))
        .values_list("score__unit", "n")
    )
    # a leaf for some kinds only (applies_to) is not one of a unit of another kind's leaves
    limited = [leaf for leaf in cycle.framework.to_core().leaves if leaf.applies_to]
    return [
        ProgressRow(
            participation=p,
            unit=replace(u, display_name=CoreUnit(u.code, u.name, u.kind).display_name),
            leaves=totals.get(u.pk, 0) - sum(not leaf.applies(u.kind) for leaf in limited),
            scored=scored.get(u.pk, 0),
            appraised=appraised.get(u.pk, 0),
            round=round_,
        )
        for p, u in participations
    ]


@login_required
def cycle_detail(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id)
    state = CycleState(cycle.state)
    rows = progress_rows(request.user, cycle)
    due = _due(cycle)
    now = timezone.now()
    overdue = due is not None and now > due
    targets = next_states(state) if is_admin(request.user) else []
    standing = standings(cycle, now)
    units = listing(
        request,
        [(r, standing.get(r["unit"].pk)) for r in rows],
        text=lambda pair: f"{pair[0]['unit'].code} {pair[0]['unit']}",
        sorts={
            "code": lambda pair: pair[0]["unit"].code,
            "name": lambda pair: fold(str(pair[0]["unit"])),
            "state": lambda pair: pair[1].order if pair[1] else 9,
            "due": lambda pair: (pair[1].due is None, pair[1].due) if pair[1] else (True, None),
            "scored": lambda pair: pair[0]["scored"],
        },
        default="code",
        per_page=PER_PAGE,
    )
    return render(
        request,
        "cycles/detail.html",
        {
            "cycle": cycle,
            "state_label": STATE_LABELS[state],
            "rows": rows,
            "listing": units,
            "not_submitted": [r for r in rows if not r["participation"].submitted],
            "may_remind": state in UNIT_STEPS,
            "due": due,
            "overdue": overdue,
            # the next step first (pre-selected), then the step back, marked as such
            "targets": [(s.value, STATE_LABELS[s], i > 0) for i, s in enumerate(targets)],
            "is_admin": is_admin(request.user),
            "may_appraise": may_use_appraisal_queue(request.user),
        },
    )


@login_required
@require_POST
def cycle_transition(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            str(form.errors["confirmed"][0])
            if "confirmed" in form.errors
            else _("Trạng thái không hợp lệ."),
        )
        return redirect("cycles:cycle", cycle_id=cycle.pk)
    target = form.cleaned_data["target"]
    try:
        do_transition_cycle(cycle, target, request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Đã chuyển kỳ đánh giá sang bước «%(state)s».") % {"state": _(STATE_LABELS[target])},
        )
    except ActionError as exc:
        messages.error(request, exc.full_message())
    return redirect("cycles:cycle", cycle_id=cycle.pk)


@login_required
def cycle_progress_csv(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tien-do-ky-{cycle.pk}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv_writer(response)
    writer.writerow(
        [
            "Mã đơn vị",
            "Tên đơn vị",
            "Đã nộp",
            "Nộp lúc",
            "Tiêu chí đã chấm",
            "Tổng tiêu chí",
            "Đã thẩm định",
        ]
    )
    for r in progress_rows(request.user, cycle):
        submitted = r["participation"].submitted_at
        writer.writerow(
            [
                r["unit"].code,
                str(r["unit"]),
                "có" if submitted else "chưa",
                timezone.localtime(submitted).strftime("%d/%m/%Y %H:%M") if submitted else "",
                r["scored"],
                r["leaves"],
                r["appraised"],
            ]
        )
    return response
