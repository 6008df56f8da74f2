"""What the admin sends on a cycle's results page: the decision that publishes the results, and
the survey — its points, or the raw responses with their questionnaire."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from parindex.core.numbers import format_file_size
from parindex.io.survey_responses.columns import letter
from parindex.web.fields import PointsField, VietnameseDateField, multi_line, single_line
from parindex.web.results.models import UnitDecision

QUESTIONNAIRES = Path(__file__).resolve().parents[4] / "questionnaires"
"""The questionnaires shipped with parindex, offered on the upload form."""


def bundled_questionnaires() -> list[tuple[str, str]]:
    if not QUESTIONNAIRES.is_dir():
        return []
    return [(p.name, p.stem) for p in sorted(QUESTIONNAIRES.glob("*.yaml"))]


MB = 1024 * 1024
POINTS_MAX = 50 * MB
DRAWS_MAX = 200 * MB
RESPONSES_MAX = 200 * MB
YAML_MAX = 5 * MB


class PublishForm(forms.Form):
    """The decision that publishes the results, as the documents print it.

    ``decision`` (the whole name, as older pages sent it) is still taken; without it the
    number is required and the name is made from the number, date and issuing body. The
    report's number and date, when given, replace the letterhead's for this year's report."""

    issuing_body = forms.CharField(
        label="Cơ quan ban hành", required=False, max_length=200, validators=[single_line]
    )
    number = forms.CharField(
        label="Số quyết định", required=False, max_length=100, validators=[single_line]
    )
    decided_on = VietnameseDateField(label="Ngày quyết định", required=False)
    place = forms.CharField(
        label="Địa danh", required=False, max_length=100, validators=[single_line]
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký", required=False, max_length=200, validators=[multi_line]
    )
    signer_name = forms.CharField(
        label="Họ tên người ký", required=False, max_length=200, validators=[single_line]
    )
    report_number = forms.CharField(
        label="Số báo cáo", required=False, max_length=100, validators=[single_line]
    )
    report_date = VietnameseDateField(label="Ngày báo cáo", required=False)
    decision = forms.CharField(
        label="Quyết định công bố", required=False, max_length=300, validators=[single_line]
    )
    reason = forms.CharField(label="Lý do công bố lại", required=False)
    confirmed = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("number") or "").strip() and not (data.get("decision") or "").strip():
            self.add_error("number", "Cần ghi số quyết định công bố, ví dụ 4769/QĐ-UBND")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=2000,
        error_messages={"required": "Cần ghi lý do thu hồi công bố"},
    )


class UnitDecisionForm(forms.Form):
    """For a unit that did not submit: score what is there, or leave it out, with a reason."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label="Quyết định",
        choices=UnitDecision.Choice.choices,
        error_messages={
            "required": "Chọn tính điểm đang có hoặc không xếp hạng đơn vị",
            "invalid_choice": "Chọn tính điểm đang có hoặc không xếp hạng đơn vị",
        },
    )
    reason = forms.CharField(
        label="Lý do", max_length=2000, error_messages={"required": "Cần ghi lý do quyết định"}
    )


class ReopenForm(forms.Form):
    """The units whose scores are reopened for correction, and why."""

    units = forms.TypedMultipleChoiceField(
        label="Đơn vị",
        coerce=int,
        error_messages={
            "required": "Chọn ít nhất một đơn vị để mở lại điểm",
            "invalid_choice": "Đơn vị đã chọn không tham gia kỳ đánh giá này",
        },
    )
    reason = forms.CharField(
        label="Lý do mở lại",
        max_length=2000,
        error_messages={"required": "Cần ghi lý do mở lại điểm"},
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = units  # type: ignore[attr-defined]


class SurveyManualForm(forms.Form):
    """A unit's survey points typed by hand: one field per survey leaf, and the reason."""

    unit = forms.TypedChoiceField(
        label="Đơn vị",
        coerce=int,
        error_messages={
            "required": "Chọn đơn vị",
            "invalid_choice": "Đơn vị đã chọn không tham gia kỳ đánh giá này",
        },
    )
    reason = forms.CharField(
        label="Lý do nhập tay",
        max_length=2000,
        error_messages={"required": "Cần ghi lý do nhập tay điểm điều tra"},
    )

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], leaves: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        self.leaf_codes = [code for code, _ in leaves]
        for code, label in leaves:
            self.fields[f"leaf_{code}"] = PointsField(
                label=label, error_messages={"required": f"Cần ghi điểm {label}"}
            )

    def points(self) -> dict[str, Decimal]:
        return {code: self.cleaned_data[f"leaf_{code}"] for code in self.leaf_codes}


class SurveyMappingForm(forms.Form):
    """One select per meaning the import needs, each of the export's columns (or none)."""

    def __init__(self, *args: Any, choice: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [("", "— không có —")] + [
            (str(i), f"{letter(i)}: {h}") for i, h in enumerate(choice.header)
        ]
        for m in choice.meanings:
            self.fields[m.key] = forms.ChoiceField(
                label=m.label,
                choices=columns,
                required=m.required,
                initial="" if m.guess is None else str(m.guess),
                error_messages={
                    "required": f"Chọn cột cho «{m.label}»",
                    "invalid_choice": f"Cột đã chọn cho «{m.label}» không có trong tệp",
                },
            )

    def chosen(self) -> dict[str, int | None]:
        return {k: int(v) if v not in ("", None) else None for k, v in self.cleaned_data.items()}


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
    """points.json of `parindex survey import`, with its simulated draws if there are any."""

    points = forms.FileField(
        label="Tệp điểm",
        error_messages={"required": "Chọn tệp points.json (kết quả của `parindex survey import`)"},
    )
    draws = forms.FileField(label="Mẫu mô phỏng", required=False)

    def clean_points(self) -> str:
        upload = _bounded(self.cleaned_data.get("points"), POINTS_MAX, "Tệp điểm điều tra")
        return _utf8(upload, "Tệp điểm điều tra")

    def clean_draws(self) -> bytes:
        upload = _bounded(self.cleaned_data.get("draws"), DRAWS_MAX, "Tệp mẫu mô phỏng")
        return upload.read() if upload is not None else b""


class SurveyResponsesForm(forms.Form):
    """A questionnaire (YAML) and its responses (CSV/XLSX of KoBo, ODK, LimeSurvey, Google Forms)."""

    REQUIRED = "Cần tệp phiếu điều tra (YAML) và tệp phiếu trả lời (CSV/XLSX)"
    questionnaire = forms.FileField(label="Phiếu điều tra", required=False)
    bundled = forms.ChoiceField(label="Phiếu điều tra có sẵn", required=False)
    responses = forms.FileField(label="Phiếu trả lời", error_messages={"required": REQUIRED})
    mapping = forms.FileField(label="Ánh xạ", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bundled"].choices = [("", ""), *bundled_questionnaires()]  # type: ignore[attr-defined]

    def clean_questionnaire(self) -> str:
        upload = _bounded(self.cleaned_data.get("questionnaire"), YAML_MAX, "Tệp phiếu điều tra")
        return _utf8(upload, "Tệp phiếu điều tra (YAML)")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("questionnaire") and data.get("bundled"):
            data["questionnaire"] = (QUESTIONNAIRES / data["bundled"]).read_text(encoding="utf-8")
        if not data.get("questionnaire") and "questionnaire" not in self.errors:
            self.add_error("questionnaire", self.REQUIRED)
        return data

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
    retry = forms.IntegerField(label="Tạo lại", required=False, min_value=1)
