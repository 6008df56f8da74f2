"""What is sent about accounts: a person's edit, a confirmation, a new password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from parindex.core.workflow import ROLE_LABELS, Role
from parindex.web.accounts.models import User
from parindex.web.fields import single_line
from parindex.web.units.models import Unit


class UserForm(forms.Form):
    full_name = forms.CharField(
        validators=[single_line],
        label="Họ tên",
        max_length=150,
        error_messages={"required": "Cần ghi họ tên"},
    )
    email = forms.EmailField(
        label="E-mail",
        required=False,
        max_length=254,
        error_messages={"invalid": "E-mail không hợp lệ"},
    )
    role = forms.TypedChoiceField(
        label="Vai trò",
        choices=[(r.value, ROLE_LABELS[r]) for r in Role],
        coerce=Role,
        error_messages={"required": "Cần chọn vai trò", "invalid_choice": "Vai trò không hợp lệ"},
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="(không có)",
        error_messages={"invalid_choice": "Đơn vị không hợp lệ"},
    )

    def __init__(self, *args: Any, account: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        # a unit no longer in use stays offered to the people already in it
        unit.queryset = Unit.objects.filter(
            pk__in=[*Unit.objects.filter(Unit.in_force_now()).values_list("pk", flat=True),
                    account.unit_id or 0]
        ).order_by("code")  # fmt: skip

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.account.pk).exists():
            raise forms.ValidationError("E-mail này đã là của tài khoản khác")
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.OFFICER and not data.get("unit"):
            self.add_error("unit", "Cán bộ đầu mối cần có đơn vị")
        return data


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi đã kiểm tra và xác nhận",
        error_messages={"required": "Cần đánh dấu ô xác nhận trước khi thực hiện"},
    )


class ChangePasswordForm(forms.Form):
    """The person's own new password: the current one, then the new one twice; Django's
    password validators as settings.AUTH_PASSWORD_VALIDATORS has them (length, too common, all digits, too like the name)."""

    old_password = forms.CharField(
        label="Mật khẩu hiện tại",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Cần nhập mật khẩu hiện tại"},
    )
    new_password1 = forms.CharField(
        label="Mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Cần nhập mật khẩu mới"},
    )
    new_password2 = forms.CharField(
        label="Nhập lại mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Cần nhập lại mật khẩu mới"},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError("Mật khẩu hiện tại không đúng")
        return old

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "Hai lần nhập mật khẩu mới không khớp")
        elif one:
            if one == data.get("old_password"):
                self.add_error("new_password1", "Mật khẩu mới phải khác mật khẩu hiện tại")
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return data
