"""Frameworks imported from their YAML; frozen once a cycle uses them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from parindex.core.framework import Framework as CoreFramework


class Framework(models.Model):
    code = models.CharField("mã bộ tiêu chí", max_length=100, unique=True)
    name = models.CharField("tên", max_length=300)
    level = models.CharField("cấp", max_length=20)
    year = models.PositiveIntegerField("năm")
    family = models.CharField("họ", max_length=100)
    source = models.TextField("căn cứ", blank=True)
    yaml = models.TextField("nội dung YAML")
    sha256 = models.CharField(max_length=64)
    frozen = models.BooleanField("đã khóa (đang dùng trong kỳ đánh giá)", default=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def to_core(self) -> CoreFramework:
        from parindex.web.frameworks.mappers import framework_to_core

        return framework_to_core(self)


class Criterion(models.Model):
    """A node of the framework tree, kept as rows so that scores can point at leaves."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("mã", max_length=40)
    name = models.TextField("tên")
    max = models.DecimalField("điểm tối đa", max_digits=8, decimal_places=4)
    source = models.CharField("nguồn điểm", max_length=10)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    field_code = models.CharField("lĩnh vực", max_length=40)
    position = models.PositiveIntegerField()
    is_leaf = models.BooleanField()
    evidence = models.BooleanField("cần tài liệu kiểm chứng", default=False)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def max_points(self) -> Decimal:
        return self.max.normalize()
