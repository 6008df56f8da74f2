"""The admin's survey intake of a cycle: survey points, or raw responses checked row by row."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages
from parindex.web.results.forms import SurveyPointsForm, SurveyResponsesForm
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
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu bootstrap (có khoảng tin cậy của thứ hạng).",
                "Đã nhận điểm điều tra xã hội học của %(n)s đơn vị kèm mẫu bootstrap (có khoảng tin cậy của thứ hạng).",
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


@login_required
def survey_review(request: HttpRequest, cycle_id: int, upload_id: int) -> HttpResponse:
    """Admin: the row report of an upload; accepting it computes and attaches the survey points."""
    from parindex.web.results.models import SurveyUpload
    from parindex.web.results.survey_upload import do_accept_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    upload = SurveyUpload.objects.filter(cycle=cycle, pk=upload_id).first()
    if upload is None:
        raise Http404(NOT_FOUND)
    if request.method == "POST":
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
    return render(
        request,
        "results/survey_review.html",
        {"cycle": cycle, "upload": upload, "report": json.loads(upload.report)},
    )
