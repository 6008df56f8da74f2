"""The plans' forms: importing a task table with its plan's particulars, the as-of date, a
progress report with its files, a task's link to its unit and criteria, issuing a plan."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.core.numbers import format_file_size
from parindex.web.assessments.forms import MultipleFileField
from parindex.web.fields import VietnameseDateField, multi_line, single_line
from parindex.web.plans.models import Plan, PlanKind
from parindex.web.units.models import Unit

MAX_TABLE_BYTES = 5 * 1024 * 1024


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Bảng nhiệm vụ (.xlsx hoặc .docx)",
        help_text="phụ lục của kế hoạch như cơ quan đang có: TT, Nhiệm vụ, giải pháp, Cơ quan "
        "chủ trì, Cơ quan phối hợp, Kết quả, Thời gian thực hiện; các dòng mục I, II … giữ nguyên",
    )
    kind = forms.ChoiceField(label="Loại kế hoạch", choices=PlanKind.choices)
    title = forms.CharField(
        label="Tên kế hoạch",
        max_length=300,
        validators=[single_line],
        help_text="ví dụ: Kế hoạch cải cách hành chính năm 2026 của UBND tỉnh",
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    period = forms.CharField(
        label="Giai đoạn", required=False, max_length=40, validators=[single_line]
    )
    issuer = UnitChoice(
        label="Đơn vị ban hành",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="UBND tỉnh",
    )
    parent = forms.ModelChoiceField(
        label="Thực hiện kế hoạch", queryset=Plan.objects.none(), required=False
    )
    decision_number = forms.CharField(
        label="Số quyết định ban hành",
        required=False,
        max_length=100,
        validators=[single_line],
        help_text="ví dụ: 2553/QĐ-UBND; trống: kế hoạch chưa ban hành",
    )
    decision_date = VietnameseDateField(label="Ngày ban hành", required=False)
    signer = forms.CharField(
        label="Người ký", required=False, max_length=200, validators=[single_line]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Unit.objects.filter(Unit.in_force_now())  # type: ignore[attr-defined]
        self.fields["parent"].queryset = Plan.objects.order_by("-year", "title")  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_TABLE_BYTES)}")
        if not upload.name.lower().endswith((".xlsx", ".docx")):
            raise forms.ValidationError("Chỉ nhận bảng Excel .xlsx hoặc phụ lục Word .docx")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision_number") and not data.get("decision_date"):
            self.add_error("decision_date", "Kế hoạch đã ban hành cần ngày ban hành")
        return data


class ProgressImportForm(forms.Form):
    file = forms.FileField(
        label="Bảng tiến độ (.xlsx)",
        help_text="TT | Ngày | Kết quả thực hiện | Hoàn thành (ngày hoàn thành, trống: chưa)",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_TABLE_BYTES)}")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận bảng Excel .xlsx")
        return upload


class AsOfForm(forms.Form):
    ngay = VietnameseDateField(label="Tính đến ngày", required=False)


class ReportForm(forms.Form):
    date = VietnameseDateField(label="Ngày báo cáo")
    result = forms.CharField(
        label="Kết quả thực hiện",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[multi_line],
    )
    completed = VietnameseDateField(
        label="Ngày hoàn thành",
        required=False,
        help_text="trống: nhiệm vụ chưa hoàn thành",
    )
    uploads = MultipleFileField(label="Tài liệu kiểm chứng", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date, completed = data.get("date"), data.get("completed")
        if date and completed and completed > date:
            self.add_error("completed", "Ngày hoàn thành không thể sau ngày báo cáo")
        return data


class TaskEditForm(forms.Form):
    lead_unit = UnitChoice(
        label="Đơn vị chủ trì trên hệ thống",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— không có (báo cáo do Sở Nội vụ nhập) —",
    )
    deadline = forms.CharField(
        label="Thời gian thực hiện",
        max_length=100,
        validators=[single_line],
        help_text="30/6/2026 · Tháng 12/2026 · Quý II/2026 · 6 tháng đầu năm 2026 · "
        "Năm 2026 · Năm 2026-2030 · Thường xuyên",
    )
    criteria = forms.CharField(
        label="Tiêu chí phục vụ",
        required=False,
        max_length=300,
        validators=[single_line],
        help_text="mã tiêu chí của bộ tiêu chí, cách nhau dấu phẩy; ví dụ: 1.1, 1.2",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.filter(Unit.in_force_now())  # type: ignore[attr-defined]

    def clean_deadline(self) -> str:
        text = str(self.cleaned_data["deadline"])
        try:
            parse_deadline(text)
        except DeadlineError as exc:
            raise forms.ValidationError(str(exc)) from None
        return text


class IssueForm(forms.Form):
    number = forms.CharField(
        label="Số quyết định",
        max_length=100,
        validators=[single_line],
        help_text="ví dụ: 15/QĐ-UBND",
    )
    date = VietnameseDateField(label="Ngày ban hành")
    signer = forms.CharField(label="Người ký", max_length=200, validators=[single_line])
    upload = forms.FileField(label="Tệp quyết định đã ký", required=False)
