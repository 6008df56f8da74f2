"""The organisation's settings form: names, contact, the letterhead of its documents (checked
as ``parindex report --letterhead`` checks van-ban.yaml), the logo (checked by its content)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from parindex.web.fields import single_line
from parindex.web.organisation.letterhead import example_text, letterhead_problems
from parindex.web.organisation.logo import logo_problem
from parindex.web.organisation.models import Organisation

TEXT_FIELDS = ("province", "issuing_body", "department", "address", "hotline", "email")


class OrganisationForm(forms.ModelForm[Organisation]):
    logo_file = forms.FileField(
        label="Biểu trưng (PNG, JPEG, tối đa 1 MB)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label="Bỏ biểu trưng hiện có", required=False)

    class Meta:
        model = Organisation
        fields = (*TEXT_FIELDS, "letterhead")
        widgets = {
            "letterhead": forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "yaml"})
        }
        error_messages = {
            "email": {"invalid": "Địa chỉ thư điện tử không hợp lệ (ví dụ: sonoivu@tinh.gov.vn)."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            field = self.fields[name]
            field.validators.append(single_line)
        for name in (*TEXT_FIELDS, "letterhead"):
            field = self.fields[name]
            field.label = (field.label or name)[:1].upper() + (field.label or name)[1:]
        self.fields["letterhead"].help_text = (
            "Cơ quan ban hành, số và ngày của báo cáo; quyết định công bố với căn cứ, tờ trình, "
            "nơi nhận; người ký từng văn bản. Số, ngày, người ký của quyết định ghi khi công bố "
            "sẽ thay cho mục «decision» ở đây."
        )
        instance = kwargs.get("instance")
        if not self.is_bound and instance is not None and not instance.letterhead.strip():
            self.initial["letterhead"] = example_text(instance)

    def clean_letterhead(self) -> str:
        text: str = (self.cleaned_data.get("letterhead") or "").replace("\r\n", "\n").strip()
        problems = letterhead_problems(text) if text else []
        if problems:
            raise forms.ValidationError([forms.ValidationError(p) for p in problems])
        return text

    def clean_logo_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        problem = logo_problem(upload, upload.name or "", upload.size or 0)
        if problem:
            raise forms.ValidationError(problem)
        return upload  # type: ignore[no-any-return]
