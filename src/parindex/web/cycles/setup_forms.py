"""What the admin sends when editing a cycle: name and deadlines, an extension, participants,
assignments, a reminder."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from parindex.core.numbers import format_file_size
from parindex.web.accounts.models import User
from parindex.web.cycles.models import UNIT_STEP_CHOICES, Cycle
from parindex.web.cycles.setup import DEADLINE_FIELDS, addable_units, cycle_fields
from parindex.web.fields import single_line
from parindex.web.units.models import Unit

_TYPED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:hg](\d{2}))?$")
_PICKED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$")


class MomentField(forms.Field):
    """A moment as offices write it, ``15/12/2026 17:00`` (day first, Vietnam time), or as the
    browser's date-time picker sends it (``2026-12-15T17:00``); a day alone is due at 23:59.
    Empty: None. Aware, stored in UTC."""

    widget = forms.TextInput(attrs={"placeholder": "ngày/tháng/năm giờ:phút", "class": "moment"})

    def to_python(self, value: Any) -> dt.datetime | None:
        if isinstance(value, dt.datetime):
            return value
        text = "" if value is None else " ".join(str(value).split())
        if not text:
            return None
        typed, picked = _TYPED.match(text), _PICKED.match(text)
        if typed:
            day, month, year, hour, minute = typed.groups()
            parts = (int(year), int(month), int(day), int(hour or 23), int(minute or 59))
        elif picked:
            year, month, day, hour, minute = picked.groups()
            parts = (int(year), int(month), int(day), int(hour), int(minute))
        else:
            raise forms.ValidationError(
                f"«{text}» cần theo dạng ngày/tháng/năm giờ:phút, ví dụ 15/12/2026 17:00",
                code="invalid",
            )
        try:
            return dt.datetime(*parts, tzinfo=timezone.get_default_timezone())
        except ValueError:
            raise forms.ValidationError(
                f"«{text}» không có trên lịch hoặc giờ không hợp lệ", code="invalid"
            ) from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
        return value


class CycleEditForm(forms.Form):
    name = forms.CharField(
        label="Tên kỳ đánh giá",
        max_length=300,
        validators=[single_line],
        error_messages={"required": "Cần ghi tên kỳ đánh giá"},
    )
    self_assessment_due = MomentField(label="Hạn tự đánh giá", required=False)
    appraisal_due = MomentField(label="Hạn thẩm định lần 1", required=False)
    explanation_due = MomentField(label="Hạn giải trình", required=False)
    final_due = MomentField(label="Hạn thẩm định lần 2", required=False)

    def deadlines(self) -> dict[str, dt.datetime | None]:
        return {field: self.cleaned_data.get(field) for field, _, _ in DEADLINE_FIELDS}

    @classmethod
    def of(cls, cycle: Cycle) -> CycleEditForm:
        initial = {"name": cycle.name} | {f: getattr(cycle, f) for f, _, _ in DEADLINE_FIELDS}
        return cls(initial=initial)


class UnitChoice(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.code} — {obj}"


class UnitsChoice(forms.ModelMultipleChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.code} — {obj}"


def _participants(cycle: Cycle) -> Any:  # a QuerySet[Unit]
    return Unit.objects.filter(participations__in=cycle.participations.all()).order_by("code")


class ExtensionForm(forms.Form):
    unit = UnitChoice(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        empty_label="— chọn đơn vị —",
        error_messages={
            "required": "Chọn đơn vị được gia hạn",
            "invalid_choice": "Đơn vị không tham gia kỳ đánh giá này",
        },
    )
    step = forms.ChoiceField(
        label="Bước",
        choices=UNIT_STEP_CHOICES,
        error_messages={"invalid_choice": "Chỉ gia hạn bước tự đánh giá hoặc giải trình"},
    )
    until = MomentField(
        label="Gia hạn đến", error_messages={"required": "Ghi thời hạn mới, ví dụ 20/12/2026 17:00"}
    )
    reason = forms.CharField(
        label="Lý do gia hạn",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Gia hạn cần ghi lý do"},
    )

    def __init__(self, cycle: Cycle, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = _participants(cycle)


class AddParticipantsForm(forms.Form):
    units = UnitsChoice(
        label="Thêm đơn vị",
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={
            "required": "Chọn ít nhất một đơn vị để thêm",
            "invalid_choice": "Đơn vị «%(value)s» không thêm được (không còn hiệu lực, khác cấp "
            "của bộ tiêu chí hoặc đã tham gia)",
        },
    )

    def __init__(self, cycle: Cycle, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = self.fields["units"]
        assert isinstance(units, forms.ModelMultipleChoiceField)
        units.queryset = addable_units(cycle)


class RemoveParticipantForm(forms.Form):
    unit = UnitChoice(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": "Đơn vị không tham gia kỳ đánh giá này"},
    )
    reason = forms.CharField(
        label="Lý do rút khỏi kỳ",
        max_length=2000,
        error_messages={"required": "Rút đơn vị khỏi kỳ cần ghi lý do"},
    )

    def __init__(self, cycle: Cycle, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = _participants(cycle)


class AppraiserChoice(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


def appraisers() -> Any:  # a QuerySet[User]
    return User.objects.filter(role="appraiser", is_active=True).order_by("username")


class AppraiserPickForm(forms.Form):
    appraiser = AppraiserChoice(
        label="Thẩm định viên",
        queryset=User.objects.none(),
        empty_label="— chọn thẩm định viên —",
        error_messages={
            "required": "Chọn thẩm định viên",
            "invalid_choice": "Không có thành viên Hội đồng thẩm định này",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["appraiser"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = appraisers()


class MatrixForm(AppraiserPickForm):
    """The ticked cells, each ``<unit id>:<field code>``; a cell outside the cycle is refused."""

    cells = forms.MultipleChoiceField(
        label="Ô phân công",
        required=False,
        error_messages={
            "invalid_choice": "Ô «%(value)s» không thuộc kỳ đánh giá (đơn vị không tham gia "
            "hoặc lĩnh vực không có trong bộ tiêu chí)"
        },
    )

    shown = forms.MultipleChoiceField(
        label="Đơn vị trên trang",
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": "Đơn vị #%(value)s không tham gia kỳ đánh giá"},
    )

    def __init__(self, cycle: Cycle, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cells = self.fields["cells"]
        shown = self.fields["shown"]
        assert isinstance(cells, forms.MultipleChoiceField)
        assert isinstance(shown, forms.MultipleChoiceField)
        units = list(cycle.participations.values_list("unit_id", flat=True))
        shown.choices = [(str(u), str(u)) for u in units]
        cells.choices = [
            (f"{u}:{code}", f"{u}:{code}") for u in units for code, _ in cycle_fields(cycle)
        ]

    def shown_units(self) -> set[int]:
        """The units whose rows the page showed (a search shows some): only their cells change."""
        return {int(u) for u in self.cleaned_data.get("shown", [])}

    def chosen(self) -> set[tuple[int, str]]:
        return {
            (int(unit), field)
            for unit, field in (c.split(":", 1) for c in self.cleaned_data.get("cells", []))
        }


IMPORT_MAX = 5 * 1024 * 1024


class AssignImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp phân công (CSV hoặc XLSX)",
        error_messages={"required": "Chọn tệp phân công (CSV hoặc XLSX)"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if (upload.size or 0) > IMPORT_MAX:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(IMPORT_MAX)}")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Tệp phân công cần là .csv hoặc .xlsx")
        return upload


class ConfirmForm(forms.Form):
    confirmed = forms.BooleanField(
        label="Tôi xác nhận",
        error_messages={"required": "Cần đánh dấu xác nhận trước khi thực hiện"},
    )
