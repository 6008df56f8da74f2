from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from parindex.web.admin_site import ReadOnlyAdmin, copy_into, is_admin_role
from parindex.web.errors import ActionError
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.frameworks.models import Framework


class FrameworkImportForm(forms.ModelForm):
    yaml_file = forms.FileField(
        label="Tệp YAML bộ tiêu chí", help_text="Định dạng: docs/formats.md"
    )

    class Meta:
        model = Framework
        fields: list[str] = []

    def clean_yaml_file(self) -> str:
        upload = self.cleaned_data["yaml_file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Tệp YAML phải lưu ở mã UTF-8") from None
        from parindex.core.problems import InputError
        from parindex.web.frameworks.mappers import _parse

        try:
            _parse(text, upload.name)
        except InputError as exc:
            raise forms.ValidationError([str(p) for p in exc.problems]) from None
        return text


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "year", "frozen")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return is_admin_role(request)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            return FrameworkImportForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: Any, obj: Any = None) -> Any:
        return ["yaml_file"] if obj is None else super().get_fields(request, obj)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        try:
            copy_into(obj, do_import_framework(form.cleaned_data["yaml_file"], request.user))
        except ActionError as exc:
            raise forms.ValidationError(exc.message) from exc
