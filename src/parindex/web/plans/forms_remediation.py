"""The forms of the remediation pages: a finding's causes, a task, issuing the plan, and the
province's award and leader-rating rules."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms

from parindex.core.deadlines import DeadlineError, parse_deadline
from parindex.web.fields import PointsField, VietnameseDateField, multi_line, single_line

TEXT = 4000


def _area(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CausesForm(forms.Form):
    subjective = forms.CharField(
        label="Nguyên nhân chủ quan",
        required=False,
        max_length=TEXT,
        widget=_area(),
        validators=[multi_line],
    )
    objective = forms.CharField(
        label="Nguyên nhân khách quan",
        required=False,
        max_length=TEXT,
        widget=_area(),
        validators=[multi_line],
    )


class TaskForm(forms.Form):
    finding = forms.TypedChoiceField(
        label="Khắc phục tồn tại, hạn chế",
        coerce=int,
        error_messages={
            "required": "Chọn tồn tại, hạn chế mà nhiệm vụ khắc phục",
            "invalid_choice": "Chọn một tồn tại, hạn chế của kế hoạch này",
        },
    )
    text = forms.CharField(
        label="Nhiệm vụ, giải pháp",
        max_length=TEXT,
        widget=_area(3),
        validators=[multi_line],
        error_messages={"required": "Cần ghi nội dung nhiệm vụ, giải pháp"},
    )
    lead = forms.CharField(
        label="Cơ quan chủ trì",
        required=False,
        max_length=300,
        validators=[single_line],
        help_text="trống: tên đơn vị",
    )
    product = forms.CharField(
        label="Kết quả, sản phẩm",
        required=False,
        max_length=TEXT,
        widget=_area(),
        validators=[multi_line],
    )
    deadline = forms.CharField(
        label="Thời gian thực hiện",
        max_length=100,
        validators=[single_line],
        help_text="ví dụ: 30/6/2026, Quý II/2026, Tháng 9/2026, Năm 2026, Thường xuyên",
        error_messages={"required": "Cần ghi thời gian thực hiện"},
    )

    def __init__(self, *args: Any, findings: Sequence[tuple[int, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [("", "—"), *findings]  # type: ignore[attr-defined]

    def clean_deadline(self) -> str:
        text: str = self.cleaned_data["deadline"]
        try:
            parse_deadline(text)
        except DeadlineError as exc:
            raise forms.ValidationError(str(exc)) from None
        return text


class IssueForm(forms.Form):
    number = forms.CharField(
        label="Số kế hoạch",
        max_length=100,
        validators=[single_line],
        help_text="ví dụ: 15/KH-UBND",
        error_messages={"required": "Cần ghi số kế hoạch, ví dụ 15/KH-UBND"},
    )
    date = VietnameseDateField(
        label="Ngày ban hành",
        help_text="ngày/tháng/năm, ví dụ 15/02/2026",
        error_messages={"required": "Cần ghi ngày ban hành"},
    )
    signer = forms.CharField(
        label="Người ký",
        max_length=200,
        validators=[single_line],
        error_messages={"required": "Cần ghi người ký"},
    )
    file = forms.FileField(label="Tệp kế hoạch đã ký", required=False)


class AwardsForm(forms.Form):
    """The province's rules; blank boxes take the defaults of the rule it adopted."""

    classes = forms.MultipleChoiceField(
        label="Xếp loại được đề nghị khen thưởng",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="không chọn: mọi xếp loại",
    )
    max_rank = forms.IntegerField(
        label="Thứ hạng trong khối không quá",
        required=False,
        min_value=1,
        max_value=100000,
        help_text="trống: mọi thứ hạng",
        error_messages={
            "invalid": "Thứ hạng phải là số nguyên, ví dụ 3",
            "min_value": "Thứ hạng phải từ 1 trở lên",
            "max_value": "Thứ hạng quá lớn",
        },
    )
    at_or_above = PointsField(
        label="Điểm khi trên hoặc bằng mức trung bình", required=False, initial=Decimal(2)
    )
    below = PointsField(label="Điểm khi dưới mức trung bình", required=False, initial=Decimal(0))

    def __init__(self, *args: Any, classes: Sequence[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["classes"].choices = [(c, c) for c in classes]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("at_or_above", "below"):
            value = data.get(name)
            if value is not None and not (Decimal(0) <= value <= Decimal(1000)):
                self.add_error(name, "Điểm phải từ 0 đến 1000")
        return data
