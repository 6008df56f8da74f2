"""The admin's survey intake of a cycle: survey points, or raw responses checked row by row."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parindex.web.access import access_cycle
from parindex.web.errors import ActionError
from parindex.web.results.views_public import NOT_FOUND


@login_required
@require_POST
def attach_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: take the survey points (points.json of `parindex survey import`) for this cycle."""
    from parindex.web.results.actions import do_attach_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    upload = request.FILES.get("points")
    try:
        if upload is None:
            raise ActionError("Chọn tệp points.json (kết quả của `parindex survey import`)")
        if upload.size > 50 * 1024 * 1024:
            raise ActionError("Tệp điểm điều tra lớn hơn 50 MB")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ActionError("Tệp điểm điều tra phải lưu ở mã UTF-8") from None
        draws = request.FILES.get("draws")
        if draws is not None and draws.size > 200 * 1024 * 1024:
            raise ActionError("Tệp mẫu bootstrap lớn hơn 200 MB")
        source = do_attach_survey(cycle, text, request.user, draws.read() if draws else b"")
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
        messages.success(request, message % {"n": units})
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    return redirect("cycle_results", cycle_id=cycle.pk)


@login_required
@require_POST
def upload_survey(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Admin: upload a questionnaire and its responses (KoBo, ODK, LimeSurvey, Google Forms, plain)."""
    from parindex.web.results.survey_upload import do_upload_survey

    cycle = access_cycle(request.user, cycle_id, manage=True)
    questionnaire, responses = request.FILES.get("questionnaire"), request.FILES.get("responses")
    mapping = request.FILES.get("mapping")
    try:
        if questionnaire is None or responses is None:
            raise ActionError("Cần tệp phiếu điều tra (YAML) và tệp phiếu trả lời (CSV/XLSX)")
        if responses.size > 200 * 1024 * 1024:
            raise ActionError("Tệp phiếu trả lời lớn hơn 200 MB")
        upload = do_upload_survey(
            cycle,
            questionnaire.read().decode("utf-8-sig"),
            responses,
            responses.name,
            mapping.read().decode("utf-8-sig") if mapping else "",
            request.user,
        )
        return redirect("survey_review", cycle_id=cycle.pk, upload_id=upload.pk)
    except UnicodeDecodeError:
        messages.error(request, _("Tệp YAML phải lưu ở mã UTF-8"))
    except ActionError as exc:
        messages.error(request, exc.full_message(20))
    return redirect("cycle_results", cycle_id=cycle.pk)


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
            messages.success(request, text % {"n": units})
            return redirect("cycle_results", cycle_id=cycle.pk)
        except ActionError as exc:
            messages.error(request, exc.full_message(20))
    return render(
        request,
        "results/survey_review.html",
        {"cycle": cycle, "upload": upload, "report": json.loads(upload.report)},
    )
