"""What the admin sends on a cycle's results page: the decision that publishes the results, and
the survey — its points, or the raw responses with their questionnaire."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from parindex.core.numbers import format_file_size
from parindex.web.fields import VietnameseDateField

MB = 1024 * 1024
POINTS_MAX = 50 * MB
DRAWS_MAX = 200 * MB
RESPONSES_MAX = 200 * MB
YAML_MAX = 5 * MB


class PublishForm(forms.Form):
    decision = forms.CharField(label="Quyết định công bố", required=False, max_length=300)
    decided_on = VietnameseDateField(label="Ngày quyết định", required=False)
    reason = forms.CharField(label="Lý do công bố lại", required=False)


def _bounded(upload: UploadedFile | None, limit: int, what: str) -> UploadedFile | None:
    if upload is not None and (upload.size or 0) > limit:
        raise forms.ValidationError(f"{what} lớn hơn {format_file_size(limit)}")
    return upload


def _utf8(upload: UploadedFile | None, what: str) -> str:
    if upload is None:
        return ""
    try:
        data: bytes = upload.read()
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise forms.ValidationError(f"{what} phải lưu ở mã UTF-8") from None


class SurveyPointsForm(forms.Form):
    """points.json of `parindex survey import`, with its bootstrap draws if there are any."""

    points = forms.FileField(
        label="Tệp điểm",
        error_messages={"required": "Chọn tệp points.json (kết quả của `parindex survey import`)"},
    )
    draws = forms.FileField(label="Mẫu bootstrap", required=False)

    def clean_points(self) -> str:
        upload = _bounded(self.cleaned_data.get("points"), POINTS_MAX, "Tệp điểm điều tra")
        return _utf8(upload, "Tệp điểm điều tra")

    def clean_draws(self) -> bytes:
        upload = _bounded(self.cleaned_data.get("draws"), DRAWS_MAX, "Tệp mẫu bootstrap")
        return upload.read() if upload is not None else b""


class SurveyResponsesForm(forms.Form):
    """A questionnaire (YAML) and its responses (CSV/XLSX of KoBo, ODK, LimeSurvey, Google Forms)."""

    REQUIRED = "Cần tệp phiếu điều tra (YAML) và tệp phiếu trả lời (CSV/XLSX)"
    questionnaire = forms.FileField(label="Phiếu điều tra", error_messages={"required": REQUIRED})
    responses = forms.FileField(label="Phiếu trả lời", error_messages={"required": REQUIRED})
    mapping = forms.FileField(label="Ánh xạ", required=False)

    def clean_questionnaire(self) -> str:
        upload = _bounded(self.cleaned_data.get("questionnaire"), YAML_MAX, "Tệp phiếu điều tra")
        return _utf8(upload, "Tệp phiếu điều tra (YAML)")

    def clean_responses(self) -> UploadedFile | None:
        return _bounded(self.cleaned_data.get("responses"), RESPONSES_MAX, "Tệp phiếu trả lời")

    def clean_mapping(self) -> str:
        upload = _bounded(self.cleaned_data.get("mapping"), YAML_MAX, "Tệp ánh xạ")
        return _utf8(upload, "Tệp ánh xạ (YAML)")


class ScorecardsForm(forms.Form):
    """Which format the ZIP of every unit's scorecard is built in."""

    format = forms.ChoiceField(
        label="Định dạng",
        choices=[("docx", "DOCX"), ("pdf", "PDF")],
        error_messages={
            "required": "Chọn định dạng DOCX hoặc PDF cho phiếu kết quả",
            "invalid_choice": "Chọn định dạng DOCX hoặc PDF cho phiếu kết quả",
        },
    )
