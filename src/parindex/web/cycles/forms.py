"""What the admin sends on a cycle's page: the step to move to."""

from __future__ import annotations

from django import forms

from parindex.core.workflow import STATE_LABELS, CycleState


class TransitionForm(forms.Form):
    target = forms.TypedChoiceField(
        label="Bước",
        choices=[(s.value, STATE_LABELS[s]) for s in CycleState],
        coerce=CycleState,
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )
    reason = forms.CharField(label="Lý do", required=False)
