"""What a unit's officer sends: a field's leaves at once (points, or the measured value a rule leaf
is scored from, or "không phát sinh", an explanation, files), an explanation of a correction,
evidence (files, a document reference, a document cited again), a confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from parindex.web.assessments.models import Evidence
from parindex.web.fields import (
    NO_CASE,
    MeasureField,
    PointsField,
    VietnameseDateField,
    multi_line,
    single_line,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one box; each goes through the evidence check on its own."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(d, initial) for d in data if d]
        return [one(data, initial)] if data else []


class LeafForm(forms.Form):
    """One leaf of a field's form (prefixed ``c<score id>``): the whole field is saved at once."""

    self_score = PointsField(label="Điểm tự đánh giá", required=False)
    measure = MeasureField(label="Giá trị đạt được", required=False)
    no_case = forms.BooleanField(label="Không phát sinh", required=False)
    not_applicable = forms.BooleanField(label="Không đánh giá", required=False)
    explanation = forms.CharField(
        label="Diễn giải cách đánh giá, tính điểm",
        required=False,
        strip=False,
        validators=[multi_line],
    )
    uploads = MultipleFileField(label="Tệp kiểm chứng", required=False)
    version = forms.IntegerField(label="Phiên bản")

    def clean(self) -> dict[str, Any]:  # cleaned_data: each field's own type
        data = super().clean() or {}
        if data.get("measure") == NO_CASE:  # "KPS" typed as the value: the box for it
            data["measure"], data["no_case"] = None, True
        if data.get("not_applicable"):  # "does not apply" wins over a number left in the box
            data["self_score"], data["measure"], data["no_case"] = None, None, False
        return data


class SelfScoreForm(LeafForm):
    """One leaf on its own, named by its score id (unprefixed)."""

    score = forms.IntegerField(label="Tiêu chí")


class ExplanationForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    text = forms.CharField(label="Nội dung giải trình", required=False, validators=[multi_line])
    uploads = MultipleFileField(label="Tài liệu bổ sung", required=False)


class EvidenceForm(forms.Form):
    uploads = MultipleFileField(label="Tệp", required=False)
    doc_number = forms.CharField(
        label="Số văn bản", required=False, max_length=100, validators=[single_line]
    )
    doc_date = VietnameseDateField(label="Ngày văn bản", required=False)
    issuer = forms.CharField(
        label="Cơ quan ban hành", required=False, max_length=200, validators=[single_line]
    )
    summary = forms.CharField(
        label="Trích yếu", required=False, max_length=500, validators=[single_line]
    )
    page_ref = forms.CharField(
        label="Trang", required=False, max_length=100, validators=[single_line]
    )
    for_explanation = forms.BooleanField(label="Bổ sung khi giải trình", required=False)


class ReuseForm(forms.Form):
    """A document the unit already gave (another leaf, an earlier cycle), cited again."""

    source = forms.ModelChoiceField(
        label="Tài liệu đã có",
        queryset=Evidence.objects.none(),
        error_messages={"invalid_choice": "tài liệu đã chọn không còn trong danh sách"},
    )

    def __init__(self, *args: Any, choices: QuerySet[Evidence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = choices


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi đã kiểm tra và xác nhận",
        error_messages={"required": "cần đánh dấu ô xác nhận trước khi thực hiện"},
    )
