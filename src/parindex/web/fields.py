"""Form fields in the users' writing: points as 8,5 (or 8.5), dates as 21/12/2023.

Every POST goes through a Django form; these fields read the two things people type in
their own way, on the core's own parser, so the web and the files read numbers alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from parindex.core.characters import control_character_problem
from parindex.core.numbers import format_count, format_vn, parse_decimal
from parindex.core.rules import Measure, is_no_case, parse_measure

NO_CASE = "KPS"
"""What a measured-value box holds when the officer typed "KPS" / "không phát sinh"."""
MEASURE_LENGTH = 40
"""The longest measured value kept (the ``measure`` columns of scores and corrections)."""

# ``to_python`` and ``prepare_value`` keep Django's ``Any``: they receive the widget's raw value
# (text, None) or an initial value of whatever type the view gave.


class PointsField(forms.Field):
    """Points as typed: ``8,5`` or ``8.5`` (no thousands separators). Empty: None."""

    def to_python(self, value: Any) -> Decimal | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        number = parse_decimal(text)
        if number is None:
            raise forms.ValidationError(
                f"«{text}» không phải là số điểm (nhập số như 8,5)", code="invalid"
            )
        return number

    def prepare_value(self, value: Any) -> Any:
        return format_vn(value) if isinstance(value, Decimal) else value


class MeasureField(forms.Field):
    """A rule leaf's measured value as typed: a percent ``97,3`` (or ``97,3%``), a pair ``35/36``,
    or ``KPS`` / ``không phát sinh`` (then :data:`NO_CASE`); read by the core's parser. Empty: None.
    """

    def to_python(self, value: Any) -> Measure | str | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if is_no_case(text):
            return NO_CASE
        if len(text) > MEASURE_LENGTH:  # kept as typed beside the points: a short value
            raise forms.ValidationError(
                f"giá trị «{text[:MEASURE_LENGTH]}…» dài quá {format_count(MEASURE_LENGTH)} ký tự",
                code="invalid",
            )
        measure = parse_measure(text)
        if isinstance(measure, str):
            raise forms.ValidationError(measure, code="invalid")
        return measure

    def prepare_value(self, value: Any) -> Any:
        return value.text if isinstance(value, Measure) else value


class VietnameseDateField(forms.Field):
    """A date as ``21/12/2023`` (day/month/year, as Vietnamese documents write it). Empty: None."""

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        parts = text.split("/")
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(
                f"Ngày «{text}» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023.", code="invalid"
            )
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError(
                f"Ngày «{text}» không có trên lịch (tháng {parts[1]} năm {parts[2]}).",
                code="invalid",
            ) from None

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value


def form_problems(form: forms.Form) -> str:
    """Every error of a bound form in one message, each with the field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return "; ".join(parts)


def form_messages(form: forms.Form) -> str:
    """Every error of a bound form in one message, each said once, for forms whose messages
    already name what they are about (an upload's file, say)."""
    said = dict.fromkeys(str(error) for errors in form.errors.values() for error in errors)
    return " ".join(said)


def single_line(value: str) -> None:
    """A name or a short text as typed: no control character (``core.characters``)."""
    refused = control_character_problem(value or "")
    if refused:
        raise forms.ValidationError(refused[0].upper() + refused[1:])


def multi_line(value: str) -> None:
    """A longer text (a reason, an explanation): line breaks and tabs, no other control character."""
    refused = control_character_problem(value or "", multiline=True)
    if refused:
        raise forms.ValidationError(refused[0].upper() + refused[1:])
