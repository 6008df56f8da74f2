"""What a unit's officer sends: a leaf's self score, an explanation, a piece of evidence."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.web.fields import PointsField, VietnameseDateField


class SelfScoreForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    self_score = PointsField(label="Điểm tự đánh giá", required=False)
    not_applicable = forms.BooleanField(label="Không đánh giá", required=False)
    explanation = forms.CharField(label="Thuyết minh", required=False, strip=False)
    version = forms.IntegerField(label="Phiên bản")

    def clean(self) -> dict[str, Any]:  # cleaned_data: each field's own type
        data = super().clean() or {}
        if data.get("not_applicable"):
            data["self_score"] = None  # "does not apply" wins over a number left in the box
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
