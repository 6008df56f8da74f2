"""What the admin sends: the step a cycle moves to; a round made from a scheme."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Q
from django.utils import timezone

from parindex.core.numbers import format_count, format_file_size
from parindex.core.units import UNIT_KINDS
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.cycles.actions import Deadlines, deadlines_of
from parindex.web.fields import VietnameseDateField, single_line
from parindex.web.units.models import Unit


class TransitionForm(forms.Form):
    target = forms.TypedChoiceField(
        label="Bước",
        choices=[(s.value, STATE_LABELS[s]) for s in CycleState],
        coerce=CycleState,
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )
    reason = forms.CharField(label="Lý do", required=False)
    confirmed = forms.BooleanField(
        label="Xác nhận chuyển bước",
        error_messages={"required": "Cần đánh dấu «Tôi xác nhận chuyển bước» trước khi chuyển"},
    )


YAML_MAX = 2 * 1024 * 1024
DEADLINES = (
    ("self_assessment_due", "Hạn tự đánh giá"),
    ("appraisal_due", "Hạn thẩm định lần 1"),
    ("explanation_due", "Hạn giải trình"),
    ("final_due", "Hạn thẩm định lần 2"),
)


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of unit in force today, each with how many units of it there are."""
    today = timezone.localdate()
    counts = dict(
        Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today), active=True)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    # kinds abolished in 2025 (huyện, thị trấn …) are offered only while units of them are in force
    return [(k, f"{k} ({format_count(counts[k])})") for k in UNIT_KINDS if counts.get(k)]


class RoundForm(forms.Form):
    """A round from a scheme: the scheme's YAML (a file or pasted), the period, which kinds of
    unit take part, the deadlines (dates, each due at the end of its day)."""

    scheme_file = forms.FileField(label="Tệp phương án (YAML)", required=False)
    scheme_text = forms.CharField(
        label="hoặc dán nội dung phương án",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        max_length=YAML_MAX,
    )
    name = forms.CharField(
        validators=[single_line],
        label="Tên đợt đánh giá",
        required=False,
        max_length=200,
        help_text="Để trống: tên của phương án.",
    )
    period = forms.CharField(
        validators=[single_line],
        label="Kỳ (năm)",
        max_length=20,
        error_messages={"required": "Cần ghi kỳ đánh giá (năm), ví dụ 2025"},
    )
    kinds = forms.MultipleChoiceField(
        label="Loại đơn vị tham gia",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Không có loại đơn vị «%(value)s» (chọn trong: "
            + ", ".join(UNIT_KINDS)
            + ")"
        },
        help_text="Mọi đơn vị còn hiệu lực đến hết năm của kỳ thuộc các loại đã chọn; "
        "không chọn: mọi loại mà phương án chấm.",
    )
    self_assessment_due = VietnameseDateField(label="Hạn tự đánh giá", required=False)
    appraisal_due = VietnameseDateField(label="Hạn thẩm định lần 1", required=False)
    explanation_due = VietnameseDateField(label="Hạn giải trình", required=False)
    final_due = VietnameseDateField(label="Hạn thẩm định lần 2", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Django's form arguments, passed on
        super().__init__(*args, **kwargs)
        kinds = self.fields["kinds"]
        assert isinstance(kinds, forms.MultipleChoiceField)
        kinds.choices = kind_choices()

    def clean_scheme_file(self) -> str:
        upload: UploadedFile | None = self.cleaned_data.get("scheme_file")
        if upload is None:
            return ""
        if (upload.size or 0) > YAML_MAX:
            raise forms.ValidationError(f"Tệp phương án lớn hơn {format_file_size(YAML_MAX)}")
        try:
            data: bytes = upload.read()
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Tệp phương án phải lưu ở mã UTF-8") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = data.get("scheme_file") or data.get("scheme_text") or ""
        if not text.strip() and "scheme_file" not in self.errors:
            self.add_error(
                "scheme_text", "Chọn tệp phương án (YAML) hoặc dán nội dung của phương án"
            )
        data["scheme_yaml"] = text
        origin = self.files.get("scheme_file")
        data["origin"] = getattr(origin, "name", "") or "phương án"
        previous: tuple[str, dt.date] | None = None
        for field, label in DEADLINES:
            day = data.get(field)
            if day is None:
                continue
            if previous is not None and day < previous[1]:
                self.add_error(field, f"{label} ({day:%d/%m/%Y}) trước {previous[0].lower()}")
            previous = (label, day)
        return data

    def deadlines(self) -> Deadlines:
        """Each deadline at the end of its day, Vietnam time (aware, stored in UTC)."""
        zone = timezone.get_default_timezone()  # Asia/Ho_Chi_Minh
        ends = {}
        for field, _ in DEADLINES:
            day = self.cleaned_data.get(field)
            ends[field] = (
                None if day is None else dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone)
            )
        return deadlines_of(ends)
