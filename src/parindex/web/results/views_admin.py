"""The admin's results of a cycle: the preview computed now, the decisions about units that did
not submit, publishing it (a confirmation page first), withdrawing and correcting it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.problems import InputError
from parindex.core.published import PublishedRun
from parindex.web.access import access_cycle, access_publication, is_admin
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems
from parindex.web.organisation.models import Organisation
from parindex.web.results.actions import (
    decision_text,
    do_close_reopening,
    do_decide_unit,
    do_publish_cycle,
    do_reopen_scores,
    do_withdraw_publication,
    publish_problems,
)
from parindex.web.results.compute import cycle_inputs, provisional
from parindex.web.results.display import Choice
from parindex.web.results.forms import PublishForm, ReopenForm, UnitDecisionForm, WithdrawForm
from parindex.web.results.models import Publication, Reopening, UnitDecision, without_parts
from parindex.web.results.views_public import NOT_FOUND, page_context


def _unsubmitted(cycle: Any) -> list[dict[str, Any]]:
    """The units that did not submit, each with the admin's decision (None: not decided)."""
    decisions = {d.unit_id: d for d in UnitDecision.objects.filter(cycle=cycle)}
    return [
        {"unit": p.unit, "decision": decisions.get(p.unit_id)}
        for p in cycle.participations.filter(submitted_at__isnull=True)
        .select_related("unit")
        .order_by("unit__code")
    ]


def _unappraised(cycle: Any) -> list[dict[str, Any]]:
    """Units with scores that no appraisal round has looked at (no decision in round 1 or 2);
    a unit the admin left out of the cycle is not among them."""
    late = cycle.participations.filter(submitted_at=None).values("unit")
    left_out = UnitDecision.objects.filter(
        cycle=cycle, choice=UnitDecision.Choice.LEAVE_OUT, unit__in=late
    ).values("unit")
    rows = (
        cycle.scores.filter(corrections__isnull=True, not_applicable=False)
        .exclude(unit__in=left_out)
        .values("unit__code", "unit__name")
        .annotate(n=Count("id"))
        .order_by("unit__code")
    )
    return [{"code": r["unit__code"], "name": r["unit__name"], "count": r["n"]} for r in rows]


def _figures(run: PublishedRun) -> dict[str, Any]:
    """What the confirmation page says of the figures: units, average, highest, lowest, classes."""
    units = run.units
    classes: dict[str, int] = {}
    for u in units:
        classes[u.class_label] = classes.get(u.class_label, 0) + 1
    best = max(units, key=lambda u: u.index) if units else None
    worst = min(units, key=lambda u: u.index) if units else None
    return {
        "units": len(units),
        "average": run.average if not run.blocked else None,
        "best": best,
        "worst": worst,
        "classes": sorted(classes.items(), key=lambda kv: -kv[1]),
    }


@login_required
def cycle_results(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: preview the results now, decide about units that did not submit, publish them
    with the decision; see earlier publications, withdraw or correct the current one.

    The preview lists and sorts the units as the published page will (``display.ORDERINGS``).
    """
    cycle = access_cycle(request.user, cycle_id, manage=True)
    inputs = cycle_inputs(cycle, provisional=True)
    publications = list(
        cycle.publications.select_related("withdrawal", "superseded_by").defer(
            *without_parts("superseded_by")
        )
    )
    current = next((p for p in publications if not _superseded(p)), None)
    organisation = Organisation.current()
    participants = list(cycle.participations.select_related("unit").order_by("unit__code"))
    left_out = {u["code"] for u in inputs.get("left_out", [])}
    context: dict[str, Any] = {
        "cycle": cycle,
        "publications": publications,
        "current": current,
        "not_publishable": publish_problems(cycle),
        "unsubmitted": _unsubmitted(cycle),
        "decision_choices": UnitDecision.Choice.choices,
        "left_out": inputs.get("left_out", []),
        "zeroed": inputs.get("zeroed", []),
        "survey_typed": inputs.get("survey_typed", []),
        "reopenings": cycle.reopenings.select_related("unit", "opened_by", "closed_by"),
        "participants": [p.unit for p in participants],
        # the units a publication ranked: a unit left out has no published score to correct
        "ranked_units": [p.unit for p in participants if p.unit.code not in left_out],
        "survey_leaves": [
            leaf for leaf in cycle.framework.to_core().leaves if leaf.source == "survey"
        ],
        "publish_initial": publish_initial(organisation),
    }
    from parindex.web.results.forms import bundled_questionnaires

    context["bundled"] = bundled_questionnaires()
    try:
        # the preview has no unit pages to link to yet, and draws no charts
        page = provisional(cycle, inputs)[1]
    except InputError as exc:
        context["problems"] = [str(p) for p in exc.problems[:50]]
        context["problem_count"] = len(exc.problems)
    else:
        choice = Choice.from_query(request.GET)
        context.update(page_context(page.chosen(choice) if choice.filtered else page, choice))
    return render(request, "results/preview.html", context)


def publish_initial(organisation: Organisation) -> dict[str, str]:
    """The publish form as the organisation's letterhead fills it: the decision's issuing body,
    place, number and signer when it states them (the admin still checks them); the report's
    number and date it states, shown as what a blank report number and date mean."""
    from parindex.reports.letterhead import (
        DEFAULT_DECISION_NUMBER,
        DEFAULT_NUMBER,
        DEFAULT_PLACE,
        short_date,
    )
    from parindex.web.organisation.letterhead import stored_letterhead

    head = stored_letterhead(organisation.letterhead)
    decision = head.decision if head is not None else None
    signer = decision.signer if decision is not None else None
    number = decision.number if decision is not None else ""
    return {
        "issuing_body": organisation.issuing_body,
        "signer_title": "\n".join(signer.lines)
        if signer and signer.lines
        else "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "signer_name": signer.name if signer else "",
        "place": head.place if head is not None and head.place != DEFAULT_PLACE else "",
        "number": number if number != DEFAULT_DECISION_NUMBER and "…" not in number else "",
        "report_number": head.number
        if head is not None and head.number != DEFAULT_NUMBER and "…" not in head.number
        else "",
        "report_date": short_date(head.date) if head is not None and head.date else "",
    }


def _superseded(publication: Publication) -> bool:
    try:
        return publication.superseded_by is not None
    except Publication.DoesNotExist:
        return False


@login_required
@require_POST
def decide_unit(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: for a unit that did not submit, score what it has or leave it out, with a reason."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = UnitDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    participation = cycle.participations.filter(unit_id=form.cleaned_data["unit"]).first()
    if participation is None:
        raise Http404(NOT_FOUND)
    try:
        decision = do_decide_unit(
            cycle,
            participation.unit,
            form.cleaned_data["choice"],
            form.cleaned_data["reason"],
            request.user,
        )
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(
            request,
            _("Đã ghi quyết định về %(unit)s: %(choice)s.")
            % {"unit": str(participation.unit), "choice": decision.get_choice_display()},
        )
    return redirect("results:cycle_results", cycle_id=cycle.pk)


@login_required
@require_POST
def publish(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: the publish form leads to a confirmation page that states what becomes public;
    only its confirmation publishes."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = PublishForm(request.POST)
    if not form.is_valid():
        if "decided_on" in form.errors:
            messages.error(
                request,
                _("Ngày quyết định «%(date)s» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023.")
                % {"date": request.POST.get("decided_on", "").strip()},
            )
            del form.errors["decided_on"]
        if form.errors:
            messages.error(request, form_problems(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    data = form.cleaned_data
    decision = data["decision"].strip() or decision_text(
        data["number"], data["decided_on"], data["issuing_body"]
    )
    document = {
        "issuing_body": data["issuing_body"],
        "number": data["number"],
        "place": data["place"],
        "signer_title": data["signer_title"],
        "signer_name": data["signer_name"],
        "report_number": data["report_number"],
        "report_date": data["report_date"],
    }
    if not data["confirmed"]:
        return _confirmation(request, cycle, form, decision)
    try:
        publication = do_publish_cycle(
            cycle, decision, data["decided_on"], request.user, data["reason"], **document
        )
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    messages.success(
        request, _("Đã công bố kết quả: %(decision)s.") % {"decision": publication.decision}
    )
    return redirect("results:publication", publication_id=publication.pk)


def _confirmation(
    request: HttpRequest, cycle: Any, form: PublishForm, decision: str
) -> HttpResponse:
    inputs = cycle_inputs(cycle)
    context: dict[str, Any] = {
        "cycle": cycle,
        "form": form,
        "decision": decision,
        "data": form.cleaned_data,
        "not_publishable": publish_problems(cycle),
        "left_out": inputs.get("left_out", []),
        "zeroed": inputs.get("zeroed", []),
        "survey_typed": inputs.get("survey_typed", []),
        "undecided": [u for u in _unsubmitted(cycle) if u["decision"] is None],
        "unappraised": _unappraised(cycle),
        "current": Publication.objects.filter(cycle=cycle, superseded_by__isnull=True).first(),
    }
    try:
        run = provisional(cycle, inputs)[0]
    except InputError as exc:
        context["problems"] = [str(p) for p in exc.problems[:50]]
        context["problem_count"] = len(exc.problems)
    else:
        context["figures"] = _figures(run)
    return render(request, "results/publish_confirm.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, publication_id: int) -> HttpResponse:
    """Admin: withdraw a publication with its reason (the record stays, its pages say so)."""
    publication = access_publication(request.user, publication_id, manage=True)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return redirect("results:publication", publication_id=publication.pk)
    try:
        do_withdraw_publication(publication, form.cleaned_data["reason"], request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(request, _("Đã thu hồi công bố: %(d)s.") % {"d": publication.decision})
    return redirect("results:publication", publication_id=publication.pk)


@login_required
@require_POST
def reopen_scores(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: reopen chosen units' scores for correction (appraisal round 2), with a reason."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    units = {p.unit_id: p.unit for p in cycle.participations.select_related("unit")}
    form = ReopenForm(request.POST, units=[(pk, str(u)) for pk, u in units.items()])
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    chosen = [units[pk] for pk in form.cleaned_data["units"]]
    try:
        do_reopen_scores(cycle, chosen, form.cleaned_data["reason"], request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(
            request,
            _("Đã mở lại điểm để đính chính: %(units)s.")
            % {"units": ", ".join(str(u) for u in chosen)},
        )
    return redirect("results:cycle_results", cycle_id=cycle.pk)


@login_required
@require_POST
def close_reopening(request: HttpRequest, cycle_id: int, reopening_id: int) -> HttpResponse:
    """Admin: close a unit's reopened scores again once corrected."""
    cycle = access_cycle(request.user, cycle_id, manage=True)
    reopening = (
        Reopening.objects.filter(cycle=cycle, pk=reopening_id).select_related("unit").first()
    )
    if reopening is None or not is_admin(request.user):
        raise Http404(NOT_FOUND)
    try:
        do_close_reopening(reopening, request.user)
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(
            request, _("Đã đóng lại điểm của %(unit)s.") % {"unit": str(reopening.unit)}
        )
    return redirect("results:cycle_results", cycle_id=cycle.pk)
