"""The leader's view: the chairman and the steering committee follow a year's cycles (or one
cycle, or one round) from progress to the provisional and then the published results.

Read-only; for the leader and the admin (anyone else: 404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_cycle,
    access_round,
    is_admin,
    is_leader,
    visible_cycles,
    visible_rounds,
)
from parindex.web.cycles.models import Cycle, Round
from parindex.web.leadership.plans_summary import plan_lines
from parindex.web.leadership.progress import CycleProgress, cycle_progress
from parindex.web.leadership.standing import CycleResults, current_publications, cycle_results


@dataclass(frozen=True)
class CycleSection:
    cycle: Cycle
    state: str
    progress: CycleProgress
    results: CycleResults


def _may_lead(request: AuthenticatedHttpRequest) -> None:
    if not (is_leader(request.user) or is_admin(request.user)):
        raise Http404(NOT_FOUND)


def _latest_cycles(request: AuthenticatedHttpRequest) -> list[Cycle]:
    """The cycles of the latest period: this year's."""
    cycles = visible_cycles(request.user)
    latest = cycles.order_by("-period").values_list("period", flat=True).first()
    return list(cycles.filter(period=latest)) if latest is not None else []


def _render(
    request: AuthenticatedHttpRequest,
    cycles: list[Cycle],
    chosen_cycle: Cycle | None = None,
    chosen_round: Round | None = None,
) -> HttpResponse:
    ids = [c.pk for c in cycles]
    ordered = list(
        Cycle.objects.filter(pk__in=ids)
        .select_related("framework", "round")
        .order_by("round_id", "name", "pk")
    )
    published = current_publications(ordered)
    now = timezone.now()
    sections = [
        CycleSection(
            cycle=c,
            state=STATE_LABELS[CycleState(c.state)],
            progress=cycle_progress(c, now),
            results=cycle_results(c, published.get(c.pk)),
        )
        for c in ordered
    ]
    return render(
        request,
        "leadership/dashboard.html",
        {
            "sections": sections,
            "chosen_cycle": chosen_cycle,
            "chosen_round": chosen_round,
            "all_cycles": visible_cycles(request.user)
            .select_related("framework")
            .order_by("-period", "name"),
            "all_rounds": visible_rounds(request.user).order_by("-period", "name"),
            "plans": plan_lines(timezone.localdate()) if chosen_cycle is None else [],
        },
    )


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """This year's cycles."""
    _may_lead(request)
    return _render(request, _latest_cycles(request))


@login_required
def cycle_dashboard(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    _may_lead(request)
    cycle = access_cycle(request.user, cycle_id)
    return _render(request, [cycle], chosen_cycle=cycle)


@login_required
def round_dashboard(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    _may_lead(request)
    found = access_round(request.user, round_id)
    return _render(
        request, list(visible_cycles(request.user).filter(round=found)), chosen_round=found
    )
