"""What the admin sends about units: a roster file, its confirmation, a unit's edit, its
deactivation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from parindex.core.units import UNIT_KINDS
from parindex.io.roster import MAX_BYTES
from parindex.web.units.models import Unit


class RosterUploadForm(forms.Form):
    """A roster (units or users) as .xlsx or .csv, at most 2 MB."""

    roster = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .csv)",
        error_messages={"required": "Cần chọn tệp danh sách", "empty": "Tệp rỗng"},
    )

    def clean_roster(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["roster"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Tệp danh sách phải là .xlsx hoặc .csv")
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError("Tệp lớn quá 2 MB")
        return upload


class ConfirmImportForm(forms.Form):
    """The row report's «Xác nhận nhập»: names the upload it saw, so a newer upload is not
    written by an old page."""

    pending = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Thiếu tệp"})


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "population", "predecessors"]
        labels = {
            "name": "Tên đơn vị",
            "kind": "Loại đơn vị",
            "parent": "Đơn vị cấp trên",
            "population": "Quy mô (N)",
            "predecessors": "Đơn vị tiền thân",
        }
        error_messages = {
            "name": {"required": "Cần ghi tên đơn vị"},
            "kind": {
                "required": "Cần chọn loại đơn vị",
                "invalid_choice": "Loại đơn vị không hợp lệ",
            },
        }
        help_texts = {
            "predecessors": "Các đơn vị mà đơn vị này thay thế (sáp nhập); giữ Ctrl để chọn nhiều.",
        }
        widgets = {"predecessors": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Unit.objects.exclude(pk=self.instance.pk).order_by("code")
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = others
        parent.empty_label = "(không có)"
        predecessors = self.fields["predecessors"]
        assert isinstance(predecessors, forms.ModelMultipleChoiceField)
        predecessors.queryset = others
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", "(chọn loại)"), *((k, k) for k in UNIT_KINDS)]

    def clean_parent(self) -> Unit | None:
        parent: Unit | None = self.cleaned_data.get("parent")
        seen = {self.instance.pk}
        current = parent
        while current is not None:
            if current.pk in seen:
                raise forms.ValidationError("Đơn vị cấp trên tạo thành vòng lặp")
            seen.add(current.pk)
            current = current.parent
        return parent

    def values(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class UnitActiveForm(forms.Form):
    """Deactivate (or use again) a unit: only with the box ticked."""

    active = forms.TypedChoiceField(
        choices=[("0", "ngừng sử dụng"), ("1", "dùng lại")],
        coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
        error_messages={"required": "Thiếu thao tác", "invalid_choice": "Thao tác không hợp lệ"},
    )
    confirm = forms.BooleanField(
        label="Tôi đã kiểm tra và xác nhận",
        error_messages={"required": "Cần đánh dấu ô xác nhận trước khi thực hiện"},
    )
    reason = forms.CharField(label="Lý do", required=False, max_length=500)
