"""What a unit's officer sends: a leaf's self score (points, or the measured value a rule leaf
is scored from, or "không phát sinh"), an explanation, a piece of evidence."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.web.fields import NO_CASE, MeasureField, PointsField, VietnameseDateField


class SelfScoreForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    self_score = PointsField(label="Điểm tự đánh giá", required=False)
    measure = MeasureField(label="Giá trị đạt được", required=False)
    no_case = forms.BooleanField(label="Không phát sinh", required=False)
    not_applicable = forms.BooleanField(label="Không đánh giá", required=False)
    explanation = forms.CharField(
        label="Diễn giải cách đánh giá, tính điểm", required=False, strip=False
    )
    file = forms.FileField(label="Tệp kiểm chứng", required=False)
    version = forms.IntegerField(label="Phiên bản")

    def clean(self) -> dict[str, Any]:  # cleaned_data: each field's own type
        data = super().clean() or {}
        if data.get("measure") == NO_CASE:  # "KPS" typed as the value: the box for it
            data["measure"], data["no_case"] = None, True
        if data.get("not_applicable"):  # "does not apply" wins over a number left in the box
            data["self_score"], data["measure"], data["no_case"] = None, None, False
        return data


class ExplanationForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    text = forms.CharField(label="Nội dung giải trình", required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Tệp", required=False)
    doc_number = forms.CharField(label="Số văn bản", required=False, max_length=100)
    doc_date = VietnameseDateField(label="Ngày văn bản", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=200)
    page_ref = forms.CharField(label="Trang", required=False, max_length=100)
