"""Importing a one-stop register: the export, and the vendor's mapping when its headers or
codes are not the documented ones."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.core.numbers import format_file_size

MAX_BYTES = 600 * 1024 * 1024
MAX_MAPPING_BYTES = 1024 * 1024


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label="Sổ theo dõi hồ sơ (.csv hoặc .xlsx)",
        help_text="một dòng một hồ sơ, như phần mềm một cửa xuất ra: Mã hồ sơ, Mã đơn vị, "
        "Kênh, Ngày tiếp nhận, Ngày hẹn trả, Ngày có kết quả, Trạng thái (Số ngày tạm dừng, "
        "Phiếu xin lỗi nếu có)",
    )
    mapping = forms.FileField(
        label="Tệp ánh xạ (.yaml)",
        required=False,
        help_text="khi tên cột, mã kênh, trạng thái hoặc mã đơn vị của phần mềm khác tên chuẩn",
    )
    drop_invalid = forms.BooleanField(
        label="Bỏ các dòng lỗi (liệt kê lại sau khi nhập) thay vì dừng lại", required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_BYTES)}")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx")
        return upload

    def clean_mapping(self) -> Any:
        upload = self.cleaned_data.get("mapping")
        if upload is not None and upload.size > MAX_MAPPING_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_MAPPING_BYTES)}")
        return upload
