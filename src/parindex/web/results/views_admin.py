"""The admin's results of a cycle: the preview computed now, and publishing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.problems import InputError
from parindex.core.workflow import CycleState, publication_problems
from parindex.io.results_json import parse_results
from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.results.actions import do_publish_cycle
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.display import Choice, ranking_page
from parindex.web.results.forms import PublishForm
from parindex.web.results.views_public import page_context


@login_required
def cycle_results(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: preview the results now, publish them with the decision; see earlier publications.

    The preview lists and sorts the units as the published page will (``display.ORDERINGS``).
    """
    cycle = access_cycle(request.user, cycle_id, manage=True)
    context: dict[str, Any] = {
        "cycle": cycle,
        "publications": cycle.publications.all(),
        "not_publishable": [str(p) for p in publication_problems(CycleState(cycle.state))],
        # units whose self-assessment was never submitted are scored on their drafts: say so
        "unsubmitted": [
            str(p.unit)
            for p in cycle.participations.filter(submitted_at__isnull=True)
            .select_related("unit")
            .order_by("unit__code")
        ],
    }
    try:
        text = compute(cycle, cycle_inputs(cycle))[1]  # not `_, text`: `_` is gettext here
    except InputError as exc:
        context["problems"] = [str(p) for p in exc.problems[:50]]
        context["problem_count"] = len(exc.problems)
    else:
        # the preview has no unit pages to link to yet, and draws no charts
        page = ranking_page(parse_results(text), relative_links=False, charts=False)
        choice = Choice.from_query(request.GET)
        context.update(page_context(page.chosen(choice) if choice.filtered else page, choice))
    return render(request, "results/preview.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = PublishForm(request.POST)
    if not form.is_valid():
        if "decided_on" in form.errors:
            messages.error(
                request,
                _("Ngày quyết định «%(date)s» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023.")
                % {"date": request.POST.get("decided_on", "").strip()},
            )
        else:
            messages.error(request, form_problems(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    data = form.cleaned_data
    try:
        publication = do_publish_cycle(
            cycle, data["decision"], data["decided_on"], request.user, data["reason"]
        )
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    messages.success(
        request, _("Đã công bố kết quả: %(decision)s.") % {"decision": publication.decision}
    )
    return redirect("results:publication", publication_id=publication.pk)
