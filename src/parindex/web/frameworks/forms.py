"""Importing a framework on the web: its YAML, or the annex table an office has in Excel."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.core.numbers import format_file_size
from parindex.core.units import LEVEL_LABELS
from parindex.web.fields import single_line

MAX_BYTES = 5 * 1024 * 1024
LEVELS = list(LEVEL_LABELS.items())


class FrameworkImportForm(forms.Form):
    """A YAML file, or an XLSX table with the framework's name, level and year beside it."""

    file = forms.FileField(
        label="Tệp bộ tiêu chí",
        help_text="YAML của parindex, hoặc bảng Excel (.xlsx) như phụ lục của quyết định: "
        "STT, tên tiêu chí, điểm tối đa, cách chấm, tài liệu kiểm chứng",
    )
    code = forms.SlugField(
        label="Mã bộ tiêu chí",
        required=False,
        max_length=100,
        help_text="chỉ cho bảng Excel; ví dụ: quangngai-xa-2026",
    )
    name = forms.CharField(
        label="Tên bộ tiêu chí", required=False, max_length=300, validators=[single_line]
    )
    level = forms.ChoiceField(label="Cấp", choices=[("", "—"), *LEVELS], required=False)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    source = forms.CharField(
        validators=[single_line],
        label="Căn cứ",
        required=False,
        max_length=500,
        help_text="ví dụ: Quyết định số 1234/QĐ-UBND ngày 15/3/2026 của UBND tỉnh",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_BYTES)}")
        name = upload.name.lower()
        if not name.endswith((".yaml", ".yml", ".xlsx")):
            raise forms.ValidationError("Chỉ nhận tệp .yaml, .yml hoặc .xlsx")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and upload.name.lower().endswith(".xlsx"):
            for key in ("code", "name", "level", "year"):
                if not data.get(key):
                    self.add_error(key, "Bảng Excel cần ghi rõ mục này")
        return data

    @property
    def is_table(self) -> bool:
        return bool(self.cleaned_data["file"].name.lower().endswith(".xlsx"))
