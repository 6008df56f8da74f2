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

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN
