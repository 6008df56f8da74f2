"""The admin's survey intake of a cycle: survey points, or raw responses checked row by row."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages, form_problems
from parindex.web.results.forms import (
    SurveyManualForm,
    SurveyMappingForm,
    SurveyPointsForm,
    SurveyResponsesForm,
)
from parindex.web.results.views_public import NOT_FOUND


@login_required
@require_POST
def attach_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: take the survey points (points.json of `parindex survey import`) for this cycle."""
    from parindex.web.results.actions import do_attach_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = SurveyPointsForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_messages(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    draws = form.cleaned_data["draws"]
    try:
        source = do_attach_survey(cycle, form.cleaned_data["points"], request.user, draws)
        units = len(json.loads(source.data).get("units", []))
        # Vietnamese has one form for every count; ngettext gives English its plural
        if draws:
            message = ngettext(
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu mô phỏng (có khoảng tin cậy của thứ hạng).",
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu mô phỏng (có khoảng tin cậy của thứ hạng).",
                units,
            )
        else:
            message = ngettext(
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                units,
            )
        messages.success(request, message % {"n": format_count(units)})
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    return redirect("results:cycle_results", cycle_id=cycle.pk)


@login_required
@require_POST
def upload_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: upload a questionnaire and its responses (KoBo, ODK, LimeSurvey, Google Forms, plain)."""
    from parindex.web.results.survey_upload import do_upload_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    form = SurveyResponsesForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_messages(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    data = form.cleaned_data
    responses = data["responses"]
    try:
        upload = do_upload_survey(
            cycle,
            data["questionnaire"],
            responses,
            responses.name or "",
            data["mapping"],
            request.user,
        )
        return redirect("results:survey_review", cycle_id=cycle.pk, upload_id=upload.pk)
    except ActionError as exc:
        messages.error(request, exc.full_message(20))
    return redirect("results:cycle_results", cycle_id=cycle.pk)


def _design_lines(upload: Any) -> list[str]:
    """The sampling design the intervals will assume, and when they hold."""
    from parindex.core.survey_design import describe_design
    from parindex.web.results.survey_upload import questionnaire_of

    try:
        return describe_design(questionnaire_of(upload))
    except InputError:
        return []


@login_required
def survey_review(request: HttpRequest, cycle_id: int, upload_id: int) -> HttpResponse:
    """Admin: an upload's columns (one select per meaning, pre-filled with the importer's
    guess) and its row report grouped by reason; accepting computes and attaches the points."""
    from parindex.web.results.models import SurveyUpload
    from parindex.web.results.survey_mapping import by_reason, column_choice, do_map_survey
    from parindex.web.results.survey_upload import do_accept_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    upload = SurveyUpload.objects.filter(cycle=cycle, pk=upload_id).first()
    if upload is None:
        raise Http404(NOT_FOUND)
    choice = column_choice(upload)
    mapping_form = SurveyMappingForm(choice=choice)
    if request.method == "POST" and request.POST.get("step") == "columns":
        mapping_form = SurveyMappingForm(request.POST, choice=choice)
        if not mapping_form.is_valid():
            messages.error(request, form_problems(mapping_form))
        else:
            try:
                do_map_survey(upload, mapping_form.chosen(), request.user)
                messages.success(request, _("Đã kiểm tra lại phiếu trả lời theo các cột đã chọn."))
                return redirect("results:survey_review", cycle_id=cycle.pk, upload_id=upload.pk)
            except ActionError as exc:
                messages.error(request, exc.full_message(20))
    elif request.method == "POST":
        try:
            source = do_accept_survey(upload, request.user)
            units = len(json.loads(source.data).get("units", []))
            text = ngettext(
                "Đã tính và nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                "Đã tính và nhận điểm điều tra xã hội học của %(n)s đơn vị.",
                units,
            )
            messages.success(request, text % {"n": format_count(units)})
            return redirect("results:cycle_results", cycle_id=cycle.pk)
        except ActionError as exc:
            messages.error(request, exc.full_message(20))
    report = json.loads(upload.report or "{}")
    rejected = report.get("rejected", [])
    return render(
        request,
        "results/survey_review.html",
        {
            "cycle": cycle,
            "upload": upload,
            "report": report,
            "groups": by_reason(rejected),
            "rejected_rows": len({r["row"] for r in rejected if r.get("dropped", "row") == "row"}),
            "dropped_answers": sum(r.get("dropped") == "answer" for r in rejected),
            "mapping_form": mapping_form,
            "by_options": choice.by_options,
            "design": _design_lines(upload),
        },
    )


@login_required
@require_POST
def survey_manual(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: a unit's survey points typed by hand, with the reason."""
    from parindex.web.results.survey_upload import do_enter_survey_points

    cycle = access_cycle(request.user, cycle_id, manage=True)
    units = {p.unit_id: p.unit for p in cycle.participations.select_related("unit")}
    leaves = [
        (leaf.code, f"Tiêu chí {leaf.code}")
        for leaf in cycle.framework.to_core().leaves
        if leaf.source == "survey"
    ]
    form = SurveyManualForm(
        request.POST, units=[(pk, str(u)) for pk, u in units.items()], leaves=leaves
    )
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return redirect("results:cycle_results", cycle_id=cycle.pk)
    unit = units[form.cleaned_data["unit"]]
    try:
        do_enter_survey_points(
            cycle, unit, form.points(), form.cleaned_data["reason"], request.user
        )
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    else:
        messages.success(
            request, _("Đã ghi điểm điều tra nhập tay của %(unit)s.") % {"unit": str(unit)}
        )
    return redirect("results:cycle_results", cycle_id=cycle.pk)
