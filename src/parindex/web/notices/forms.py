"""The notices page's forms: the e-mail choice, and "mark all read" (no field, CSRF only)."""

from __future__ import annotations

from django import forms


class EmailChoiceForm(forms.Form):
    email = forms.BooleanField(label="Nhận thông báo qua thư điện tử", required=False)


class MarkAllReadForm(forms.Form):
    pass
