"""The periodic PAR report from the app (issue 15): the province's, from the leaders'
overview and the plans page; a unit's, by its officer or the Home Affairs office."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from parindex.core.review import KINDS, ReviewPeriod
from parindex.services.review import render_review
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    is_admin,
    is_leader,
    is_officer,
)
from parindex.web.plans.review_web import review_head, review_inputs
from parindex.web.units.models import Unit

LABELS = {"6-thang": "6 tháng đầu năm", "9-thang": "9 tháng đầu năm", "nam": "Cả năm"}
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class ReviewForm(forms.Form):
    ky = forms.ChoiceField(label="Kỳ báo cáo", choices=[(k, LABELS[k]) for k in KINDS])
    nam = forms.IntegerField(label="Năm", min_value=2020, max_value=2100)
    don_vi = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Toàn tỉnh",
    )
    dinh_dang = forms.ChoiceField(
        label="Định dạng", choices=[("docx", "Word (DOCX)"), ("pdf", "PDF")]
    )

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["don_vi"].queryset = units  # type: ignore[attr-defined]


@login_required
def review_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The form; with its fields given, the report itself as a download."""
    user = request.user
    if is_admin(user) or is_leader(user):
        units = Unit.objects.filter(Unit.in_force_now()).order_by("code")
    elif is_officer(user) and user.unit_id:
        units = Unit.objects.filter(pk=user.unit_id)
    else:
        raise Http404(NOT_FOUND)
    today = timezone.localdate()
    form = ReviewForm(
        request.GET or None, units=units, initial={"nam": today.year, "ky": "6-thang"}
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        unit = data["don_vi"]
        if unit is None and not (is_admin(user) or is_leader(user)):
            unit = units.first()  # an officer's report is its unit's
        period = ReviewPeriod(data["ky"], data["nam"])
        docx, pdf = render_review(period, review_head(unit), review_inputs(period, unit))
        kind = data["dinh_dang"]
        response = HttpResponse(docx if kind == "docx" else pdf, content_type=FORMATS[kind])
        suffix = f"-{unit.code.lower()}" if unit else ""
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-cchc-{data["ky"]}-{data["nam"]}{suffix}.{kind}"'
        )
        return response
    return render(request, "plans/review.html", {"form": form, "province": not is_officer(user)})
