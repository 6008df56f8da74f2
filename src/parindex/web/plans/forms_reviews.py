"""The forms of inspections and conferences: recording one, an item of its conclusion, and an
item given as a task of a plan."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.web.fields import VietnameseDateField, multi_line, single_line
from parindex.web.plans.models import Plan, Review
from parindex.web.units.models import Unit


def units_in_force() -> Any:
    return Unit.objects.filter(Unit.in_force_now()).order_by("kind", "name")


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Review.Kind.choices)
    title = forms.CharField(
        label="Tên",
        max_length=300,
        validators=[single_line],
        help_text="ví dụ: Kiểm tra công tác CCHC năm 2026 tại UBND xã Tiên Châu",
    )
    plan = forms.ModelChoiceField(
        label="Theo kế hoạch",
        queryset=Plan.objects.none(),
        required=False,
        empty_label="— không theo kế hoạch nào —",
    )
    team = forms.CharField(
        label="Đoàn kiểm tra / thành phần",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[multi_line],
    )
    units = forms.ModelMultipleChoiceField(
        label="Đơn vị được kiểm tra",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="tự kiểm tra: chỉ đơn vị tự kiểm tra; hội nghị: có thể để trống",
    )
    start = VietnameseDateField(label="Từ ngày", help_text="ngày/tháng/năm, ví dụ 15/9/2026")
    end = VietnameseDateField(label="Đến ngày", required=False)
    document = forms.CharField(
        label="Văn bản kết luận",
        required=False,
        max_length=300,
        validators=[single_line],
        help_text="ví dụ: Thông báo số 12/TB-UBND ngày 30/9/2026",
    )
    conclusions = forms.CharField(
        label="Kết luận chung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[multi_line],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-year", "title")  # type: ignore[attr-defined]
        self.fields["units"].queryset = units_in_force()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Đến ngày không thể trước ngày bắt đầu")
        if data.get("kind") == Review.Kind.SELF_INSPECTION and len(data.get("units") or []) > 1:
            self.add_error("units", "Tự kiểm tra: chỉ chọn một đơn vị")
        return data


class FindingForm(forms.Form):
    text = forms.CharField(
        label="Nội dung kết luận, kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[multi_line],
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— chung, không riêng đơn vị nào —",
    )

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspected = review.units.all()
        self.fields["unit"].queryset = inspected if inspected.exists() else units_in_force()  # type: ignore[attr-defined]


class TaskFromFindingForm(forms.Form):
    plan = forms.ModelChoiceField(
        label="Kế hoạch", queryset=Plan.objects.none(), empty_label="— chọn kế hoạch —"
    )
    text = forms.CharField(
        label="Nhiệm vụ, giải pháp",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[multi_line],
        help_text="trống: như nội dung kết luận",
    )
    lead_unit = forms.ModelChoiceField(
        label="Đơn vị chủ trì trên hệ thống",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— không có trên hệ thống —",
    )
    lead = forms.CharField(
        label="Cơ quan chủ trì",
        required=False,
        max_length=300,
        validators=[single_line],
        help_text="trống: tên đơn vị chủ trì đã chọn",
    )
    product = forms.CharField(
        label="Kết quả, sản phẩm", required=False, max_length=2000, validators=[multi_line]
    )
    deadline = forms.CharField(
        label="Thời gian thực hiện",
        max_length=100,
        validators=[single_line],
        help_text="ví dụ: 30/6/2026, Tháng 12/2026, Quý II/2026, Năm 2026 hoặc Thường xuyên",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-year", "title")  # type: ignore[attr-defined]
        self.fields["lead_unit"].queryset = units_in_force()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("lead") or "").strip() and data.get("lead_unit") is None:
            self.add_error("lead", "Cần ghi cơ quan chủ trì hoặc chọn đơn vị chủ trì")
        return data
