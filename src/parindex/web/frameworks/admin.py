from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from parindex.web.access import signed_in
from parindex.web.admin_site import ReadOnlyAdmin, copy_into, is_admin_role
from parindex.web.errors import ActionError
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.frameworks.models import Framework

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups


class FrameworkImportForm(forms.ModelForm[Framework]):
    yaml_file = forms.FileField(
        label="Tệp YAML bộ tiêu chí", help_text="Định dạng: docs/formats.md"
    )

    class Meta:
        model = Framework
        fields: list[str] = []

    def clean_yaml_file(self) -> str:
        upload: UploadedFile = self.cleaned_data["yaml_file"]
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Tệp YAML phải lưu ở mã UTF-8") from None
        from parindex.core.problems import InputError
        from parindex.web.frameworks.mappers import _parse

        try:
            _parse(text, upload.name or "")
        except InputError as exc:
            raise forms.ValidationError([str(p) for p in exc.problems]) from None
        return text


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin[Framework]):
    list_display = ("code", "name", "level", "year", "frozen")

    def has_add_permission(self, request: HttpRequest, obj: Framework | None = None) -> bool:
        return is_admin_role(request)

    def get_form(
        self,
        request: HttpRequest,
        obj: Framework | None = None,
        change: bool = False,
        **kwargs: Any,  # Django's signature: passed through to modelform_factory
    ) -> type[forms.ModelForm[Framework]]:
        if obj is None:
            return FrameworkImportForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Framework | None = None) -> _FieldGroups:
        return ["yaml_file"] if obj is None else super().get_fields(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Framework, form: FrameworkImportForm, change: bool
    ) -> None:
        try:
            copy_into(obj, do_import_framework(form.cleaned_data["yaml_file"], signed_in(request)))
        except ActionError as exc:
            raise forms.ValidationError(exc.message) from exc
