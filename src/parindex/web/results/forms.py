"""What the admin sends on a cycle's results page: the decision that publishes them."""

from __future__ import annotations

from django import forms

from parindex.web.fields import VietnameseDateField


class PublishForm(forms.Form):
    decision = forms.CharField(label="Quyết định công bố", required=False, max_length=300)
    decided_on = VietnameseDateField(label="Ngày quyết định", required=False)
    reason = forms.CharField(label="Lý do công bố lại", required=False)
