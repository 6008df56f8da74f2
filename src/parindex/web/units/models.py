"""Assessed units: hierarchy, kind, validity and lineage (the 2025 mergers)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from parindex.core.units import UNIT_KINDS
from parindex.core.units import Unit as CoreUnit


class Unit(models.Model):
    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=200)
    kind = models.CharField("loại đơn vị", max_length=20, choices=[(k, k) for k in UNIT_KINDS])
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    # N of the minimum survey sample n = N/(1+N·e²) (docs/decisions.md); the units file's
    # ``population`` column on the command line. Blank: the questionnaire's fixed minimum.
    population = models.PositiveIntegerField(
        "quy mô (N)",
        null=True,
        blank=True,
        help_text="số người dân, tổ chức mà đơn vị phục vụ, để tính cỡ mẫu điều tra tối thiểu",
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name="đơn vị tiền thân",
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    # A unit with history is never deleted: it stops being offered for new cycles instead.
    active = models.BooleanField("đang sử dụng", default=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["code"]

    def __str__(self) -> str:
        return CoreUnit(self.code, self.name, self.kind).display_name  # no query for the parent

    @property
    def in_force(self) -> bool:
        """In use and not replaced: not deactivated, and its validity (the 2025 mergers: a
        commune that became part of another ends on 30/6/2025) not over today."""
        return self.active and (self.valid_to is None or self.valid_to >= timezone.localdate())

    @staticmethod
    def in_force_now() -> models.Q:
        """``in_force`` as a filter: ``Unit.objects.filter(Unit.in_force_now())``."""
        return models.Q(active=True) & (
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=timezone.localdate())
        )

    def to_core(self, predecessors: tuple[str, ...] = ()) -> CoreUnit:
        parent_code = self.parent.code if self.parent_id and self.parent else ""
        return CoreUnit(self.code, self.name, self.kind, parent_code, predecessors)


class PendingImport(models.Model):
    """An uploaded roster between its row report and the admin's confirmation (one per admin
    and kind; the file's bytes, at most ``parindex.io.roster.MAX_BYTES``)."""

    UNITS = "units"
    USERS = "users"

    owner = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="pending_imports"
    )
    kind = models.CharField(max_length=10, choices=[(UNITS, "đơn vị"), (USERS, "người dùng")])
    file_name = models.CharField(max_length=200)
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp nhập đang chờ xác nhận"
