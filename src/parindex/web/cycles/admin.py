from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from parindex.web.admin_site import ReadOnlyAdmin, copy_into, is_admin_role
from parindex.web.cycles.actions import do_assign_appraiser, do_create_cycle, do_unassign_appraiser
from parindex.web.cycles.models import Assignment, Cycle
from parindex.web.units.models import Unit

DEADLINES = ("self_assessment_due", "appraisal_due", "explanation_due", "final_due")


class CycleCreateForm(forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(
        Unit.objects.all(),
        label="Đơn vị tham gia",
        widget=admin.widgets.FilteredSelectMultiple("đơn vị", False),
    )

    class Meta:
        model = Cycle
        fields = ["name", "framework", "period", "block_by", *DEADLINES]


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ("name", "period", "state", "framework")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return is_admin_role(request)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            return CycleCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: Any, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "framework", "period", "block_by", "participants", *DEADLINES]
        return super().get_fields(request, obj)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        cycle = do_create_cycle(
            data["name"],
            data["framework"],
            data["period"],
            data["participants"],
            request.user,
            block_by=data.get("block_by") or "",
            **{d: data.get(d) for d in DEADLINES},
        )
        copy_into(obj, cycle)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        """Participants are made by the action; nothing else to save."""


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["cycle", "appraiser", "unit", "field_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appraiser"].queryset = self.fields["appraiser"].queryset.filter(
            role="appraiser"
        )


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "appraiser", "unit", "field_code")
    list_filter = ("cycle",)
    form = AssignmentForm

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return is_admin_role(request)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return is_admin_role(request)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        copy_into(
            obj,
            do_assign_appraiser(
                data["cycle"], data["appraiser"], data["unit"], request.user, data["field_code"]
            ),
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        do_unassign_appraiser(obj, request.user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for assignment in queryset:
            do_unassign_appraiser(assignment, request.user)
