"""The audit trail: every change of a score, a state or a piece of evidence. Append-only: the
database refuses UPDATE and DELETE (triggers.py) and each row carries the previous row's hash."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from parindex.core.numbers import format_vn, parse_decimal
from parindex.web.audit.codes import SCORE_FIELDS, AuditAction


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:  # Django's signature; every call is refused
        raise AppendOnlyError("nhật ký thay đổi chỉ được ghi thêm, không được sửa")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("nhật ký thay đổi không được xóa")


class AuditEntry(models.Model):
    objects = AuditQuerySet.as_manager()

    # set before the row is written (not auto_now_add): its hash covers the time
    at = models.DateTimeField("thời điểm", default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        verbose_name="người thực hiện",
    )
    action = models.CharField("hành động", max_length=50, choices=AuditAction.choices)
    cycle = models.ForeignKey(
        "cycles.Cycle", null=True, on_delete=models.PROTECT, related_name="audit"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, on_delete=models.PROTECT, related_name="audit"
    )
    criterion_code = models.CharField("tiêu chí", max_length=40, blank=True)
    field = models.CharField("nội dung thay đổi", max_length=50, blank=True)
    old = models.TextField("giá trị cũ", blank=True)
    new = models.TextField("giá trị mới", blank=True)
    reason = models.TextField("lý do", blank=True)
    # the chain (audit/chain.py): the previous row's hash, unique so the chain cannot fork
    previous_hash = models.CharField("mã băm dòng trước", max_length=64, unique=True)
    row_hash = models.CharField("mã băm của dòng", max_length=64)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def _shown(self, value: str) -> str:
        if self.field in SCORE_FIELDS:
            number = parse_decimal(value)
            if number is not None:
                return format_vn(number)
        return value

    @property
    def shown_old(self) -> str:
        """The old value as people read it: points as ``1,5``, not ``1.5000``."""
        return self._shown(self.old)

    @property
    def shown_new(self) -> str:
        return self._shown(self.new)

    def save(self, *args: Any, **kwargs: Any) -> None:  # Django's arguments, passed on
        if self.pk is not None:
            raise AppendOnlyError("nhật ký thay đổi chỉ được ghi thêm, không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:  # refused
        raise AppendOnlyError("nhật ký thay đổi không được xóa")
