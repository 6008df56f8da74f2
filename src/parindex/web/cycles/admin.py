from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import QuerySet
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest

from parindex.web.access import signed_in
from parindex.web.admin_site import ReadOnlyAdmin, copy_into, is_admin_role
from parindex.web.cycles.actions import (
    deadlines_of,
    do_assign_appraiser,
    do_create_cycle,
    do_unassign_appraiser,
)
from parindex.web.cycles.models import BLOCK_BY_CHOICES, Assignment, Cycle, Round
from parindex.web.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups

DEADLINES = ("self_assessment_due", "appraisal_due", "explanation_due", "final_due")


class CycleCreateForm(forms.ModelForm[Cycle]):
    participants = forms.ModelMultipleChoiceField(
        Unit.objects.all(),
        label="Đơn vị tham gia",
        widget=FilteredSelectMultiple("đơn vị", False),
    )

    class Meta:
        model = Cycle
        fields = ["name", "framework", "period", "block_by", *DEADLINES]

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Django's form arguments, passed on
        super().__init__(*args, **kwargs)
        # a scheme's blocks come with a round (Trang làm việc › Tạo đợt đánh giá từ phương án)
        block_by = self.fields["block_by"]
        assert isinstance(block_by, forms.ChoiceField)
        block_by.choices = [(k, v) for k, v in BLOCK_BY_CHOICES if k != "block"]


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin[Cycle]):
    list_display = ("name", "period", "state", "framework", "round")

    def has_add_permission(self, request: HttpRequest, obj: Cycle | None = None) -> bool:
        return is_admin_role(request)

    def get_form(
        self,
        request: HttpRequest,
        obj: Cycle | None = None,
        change: bool = False,
        **kwargs: Any,  # Django's signature: passed through to modelform_factory
    ) -> type[forms.ModelForm[Cycle]]:
        if obj is None:
            return CycleCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Cycle | None = None) -> _FieldGroups:
        if obj is None:
            return ["name", "framework", "period", "block_by", "participants", *DEADLINES]
        return super().get_fields(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Cycle, form: CycleCreateForm, change: bool
    ) -> None:
        data = form.cleaned_data
        cycle = do_create_cycle(
            data["name"],
            data["framework"],
            data["period"],
            data["participants"],
            signed_in(request),
            block_by=data.get("block_by") or "",
            **deadlines_of(data),
        )
        copy_into(obj, cycle)

    def save_related(
        self,
        request: HttpRequest,
        form: CycleCreateForm,
        formsets: list[BaseFormSet[forms.Form]],
        change: bool,
    ) -> None:
        """Participants are made by the action; nothing else to save."""


class AssignmentForm(forms.ModelForm[Assignment]):
    class Meta:
        model = Assignment
        fields = ["cycle", "appraiser", "unit", "field_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Django's form arguments, passed on
        super().__init__(*args, **kwargs)
        appraiser = self.fields["appraiser"]
        if isinstance(appraiser, forms.ModelChoiceField) and appraiser.queryset is not None:
            appraiser.queryset = appraiser.queryset.filter(role="appraiser")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin[Assignment]):
    list_display = ("cycle", "appraiser", "unit", "field_code")
    list_filter = ("cycle",)
    form = AssignmentForm

    def has_add_permission(self, request: HttpRequest, obj: Assignment | None = None) -> bool:
        return is_admin_role(request)

    def has_delete_permission(self, request: HttpRequest, obj: Assignment | None = None) -> bool:
        return is_admin_role(request)

    def save_model(
        self, request: HttpRequest, obj: Assignment, form: AssignmentForm, change: bool
    ) -> None:
        data = form.cleaned_data
        copy_into(
            obj,
            do_assign_appraiser(
                data["cycle"],
                data["appraiser"],
                data["unit"],
                signed_in(request),
                data["field_code"],
            ),
        )

    def delete_model(self, request: HttpRequest, obj: Assignment) -> None:
        do_unassign_appraiser(obj, signed_in(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Assignment]) -> None:
        for assignment in queryset:
            do_unassign_appraiser(assignment, signed_in(request))


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin[Round]):
    """Rounds are made on the app's page (Tạo đợt đánh giá từ phương án) or by
    ``manage.py create_round``, both through ``do_create_round``; viewed here."""

    list_display = ("name", "code", "period", "created_by", "created_at")
