"""A round from a scheme: the admin creates it; everyone with a cycle in it sees its page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.core.numbers import format_count
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_round,
    is_admin,
    visible_cycles,
)
from parindex.web.cycles.actions import do_create_round
from parindex.web.cycles.forms import RoundForm
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError
from parindex.web.frameworks.models import Framework
from parindex.web.results.models import Publication

EXAMPLE = """\
id: tinh-2025
name: Chỉ số CCHC năm 2025 của các sở, ban, ngành và UBND các xã, phường, đặc khu
year: 2025
frameworks:
  - {framework: MÃ-BỘ-TIÊU-CHÍ-SỞ, kinds: [sở, ban, ngành]}
  - {framework: MÃ-BỘ-TIÊU-CHÍ-XÃ, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở, ban, ngành]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""


@login_required
def round_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Admin: a round from a scheme (uploaded or pasted) over the imported frameworks."""
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    problems: list[str] = []
    if request.method == "POST":
        form = RoundForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = do_create_round(
                    data["scheme_yaml"],
                    data["period"],
                    request.user,
                    kinds=data["kinds"],
                    name=data["name"],
                    origin=data["origin"],
                    **form.deadlines(),
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
                problems = [str(p) for p in exc.problems]
            else:
                messages.success(
                    request,
                    _(
                        "Đã tạo đợt đánh giá «%(name)s»: %(cycles)s kỳ đánh giá, một kỳ cho mỗi bộ tiêu chí."
                    )
                    % {"name": made.name, "cycles": format_count(made.cycles.count())},
                )
                return redirect("cycles:round", round_id=made.pk)
    else:
        form = RoundForm()
    return render(
        request,
        "cycles/round_create.html",
        {
            "form": form,
            "problems": problems,
            "frameworks": Framework.objects.order_by("-year", "code"),
            "example": EXAMPLE,
        },
    )


@dataclass(frozen=True)
class BlockLine:
    name: str
    kinds: tuple[str, ...]
    units: int


@dataclass(frozen=True)
class CycleLine:
    """A cycle of the round as its page lists it."""

    cycle: Cycle
    state: str
    blocks: tuple[BlockLine, ...]
    units: int
    publication: Publication | None


@login_required
def round_detail(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    """The round's cycles (one per framework) with their blocks and states; only the cycles the
    user may see (an officer: their unit's)."""
    found = access_round(request.user, round_id)
    cycles = list(
        visible_cycles(request.user).filter(round=found).select_related("framework").order_by("pk")
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for cycle_id, kind, n in (
        Participation.objects.filter(cycle__in=cycles)
        .values("cycle", "unit__kind")
        .annotate(n=Count("id"))
        .values_list("cycle", "unit__kind", "n")
    ):
        counts[cycle_id][kind] = n
    published = {
        p.cycle_id: p
        for p in Publication.objects.filter(cycle__in=cycles, superseded_by__isnull=True).only(
            "id", "cycle_id", "decision", "published_at"
        )
    }
    lines = [
        CycleLine(
            cycle=c,
            state=STATE_LABELS[CycleState(c.state)],
            blocks=tuple(
                BlockLine(
                    b["name"],
                    tuple(b["kinds"]),
                    sum(counts[c.pk].get(k, 0) for k in b["kinds"]),
                )
                for b in c.blocks
            ),
            units=sum(counts[c.pk].values()),
            publication=published.get(c.pk),
        )
        for c in cycles
    ]
    return render(
        request,
        "cycles/round.html",
        {
            "round": found,
            "lines": lines,
            "is_admin": is_admin(request.user),
            "published": bool(published),
        },
    )
