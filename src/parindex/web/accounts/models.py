"""Users and their role: admin, unit officer, appraiser, leader."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from parindex.core.workflow import ROLE_LABELS, Role


class User(AbstractUser):
    role = models.CharField(
        "vai trò", max_length=20, choices=[(r.value, ROLE_LABELS[r]) for r in Role]
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị (cán bộ đầu mối)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    # Set for an account made by an import or given a one-time password: until it chooses
    # its own, every page sends it to «Đổi mật khẩu» (accounts.middleware).
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN


class PasswordSheet(models.Model):
    """The one-time passwords of accounts just made or reset, as the XLSX the admin downloads
    once: deleted when downloaded (the passwords themselves are kept only hashed)."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_sheets")
    accounts = models.PositiveIntegerField()
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp mật khẩu dùng một lần"
