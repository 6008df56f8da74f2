"""The forms of indicators: a unit's figure for a period, the admin's value table, the
period asked of a page."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from parindex.core.indicators import period_end_year
from parindex.core.numbers import format_file_size, format_vn, parse_decimal

MAX_TABLE_BYTES = 5 * 1024 * 1024
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
LIMIT = Decimal("1e13")


class FigureField(forms.Field):
    """A figure as offices type it: 2.358 (thousands dot), 83,05 or 83.05; empty: None (no
    figure, never 0)."""

    def to_python(self, value: Any) -> Decimal | None:
        text = "" if value is None else "".join(str(value).split())
        if not text:
            return None
        number: Decimal | None
        if _GROUPED.match(text):
            whole, _, fraction = text.partition(",")
            try:
                number = Decimal("".join(whole.split(".")) + ("." + fraction if fraction else ""))
            except InvalidOperation:  # pragma: no cover - the pattern rules it out
                number = None
        else:
            number = parse_decimal(text)
        if number is None or not number.is_finite():
            raise forms.ValidationError(f"«{text[:40]}» không phải là số", code="invalid")
        if number < 0:
            raise forms.ValidationError("không nhận số âm", code="invalid")
        if number >= LIMIT or number.as_tuple().exponent < -4:  # type: ignore[operator]
            raise forms.ValidationError("số quá lớn hoặc quá nhiều chữ số thập phân")
        return number

    def prepare_value(self, value: Any) -> Any:
        return format_vn(value) if isinstance(value, Decimal) else value


class PeriodField(forms.CharField):
    def clean(self, value: Any) -> str:
        text = " ".join(str(super().clean(value) or "").split())
        if text and period_end_year(text) is None:
            raise forms.ValidationError(
                f"kỳ «{text[:40]}» không đọc được (ví dụ: 2026, 6 tháng đầu năm 2026, Quý I/2026)"
            )
        return text


class PeriodForm(forms.Form):
    ky = PeriodField(label="Kỳ", required=False, max_length=40)


class ValueForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    period = PeriodField(label="Kỳ", max_length=40)
    numerator = FigureField(label="Tử số", required=False)
    denominator = FigureField(label="Mẫu số", required=False)
    value = FigureField(label="Giá trị", required=False)
    evidence = forms.FileField(label="Tài liệu kiểm chứng", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Bảng số liệu (.xlsx)",
        help_text="Mã đơn vị | Mã chỉ tiêu | Kỳ | Tử số | Mẫu số | Giá trị",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {format_file_size(MAX_TABLE_BYTES)}")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận bảng Excel .xlsx")
        return upload
