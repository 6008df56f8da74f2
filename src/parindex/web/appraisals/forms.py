"""What an appraiser sends: a leaf's decision (points, or the measured value of a rule leaf, or
"không phát sinh"; empty to accept) with a reason; a bonus or penalty item's points."""

from __future__ import annotations

from typing import Any

from django import forms

from parindex.web.fields import NO_CASE, MeasureField, PointsField, multi_line, single_line


class AppraisalForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    appraised_score = PointsField(label="Điểm thẩm định", required=False)
    appraised_measure = MeasureField(label="Giá trị thẩm định", required=False)
    no_case = forms.BooleanField(label="Không phát sinh", required=False)
    reason = forms.CharField(label="Lý do", required=False, validators=[multi_line])
    version = forms.IntegerField(label="Phiên bản", required=False, min_value=0)

    def clean(self) -> dict[str, Any]:  # cleaned_data: each field's own type
        data = super().clean() or {}
        if data.get("appraised_measure") == NO_CASE:
            data["appraised_measure"], data["no_case"] = None, True
        return data


class BonusForm(forms.Form):
    code = forms.CharField(label="Mục", max_length=40, validators=[single_line])
    points = PointsField(label="Điểm thưởng/trừ", required=False)
    reason = forms.CharField(label="Căn cứ", required=False, validators=[multi_line])
    version = forms.IntegerField(label="Phiên bản", required=False, min_value=0)


class AcceptUnitForm(forms.Form):
    """The confirmation of "accept unchanged" for a whole unit: the count it was shown."""

    expected = forms.IntegerField(label="Số tiêu chí", min_value=0)
    confirm = forms.BooleanField(
        label="Xác nhận",
        error_messages={"required": "Đánh dấu ô xác nhận trước khi chấp nhận nguyên điểm"},
    )
