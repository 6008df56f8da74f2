"""What an appraiser sends: a leaf's decision (a score, or empty to accept) with a reason."""

from __future__ import annotations

from django import forms

from parindex.web.fields import PointsField


class AppraisalForm(forms.Form):
    score = forms.IntegerField(label="Tiêu chí")
    appraised_score = PointsField(label="Điểm thẩm định", required=False)
    reason = forms.CharField(label="Lý do", required=False)
    version = forms.IntegerField(label="Phiên bản", required=False, min_value=0)
