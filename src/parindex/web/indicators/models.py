"""Targets and indicators between two indexes (issue 15): the catalogue's indicators, the
targets plans set for them, and each unit's values per period with their evidence.

A value keeps what was entered (numerator and denominator, or a value); an empty figure is
NULL, never 0. Measures, attainment and trends are never stored: ``core.indicators``
computes them (``mappers.py`` gives it the rows).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parindex.core import indicators as core


class IndicatorKind(models.TextChoices):
    RATIO = core.RATIO, _("Tỷ lệ (tử số / mẫu số)")
    VALUE = core.VALUE, _("Giá trị")


class Direction(models.TextChoices):
    HIGHER = core.HIGHER, _("Càng cao càng tốt")
    LOWER = core.LOWER, _("Càng thấp càng tốt")


class Indicator(models.Model):
    code = models.CharField("mã chỉ tiêu", max_length=40, unique=True)
    name = models.CharField("chỉ tiêu", max_length=400)
    unit = models.CharField("đơn vị tính", max_length=40, default="%")
    kind = models.CharField(
        "loại", max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.RATIO
    )
    direction = models.CharField(
        "chiều", max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    scopes = models.CharField(
        "áp dụng cho",
        max_length=200,
        blank=True,
        help_text="cấp hoặc loại đơn vị; trống: mọi đơn vị",
    )
    numerator = models.CharField("tử số", max_length=300, blank=True)
    denominator = models.CharField("mẫu số", max_length=300, blank=True)
    data_source = models.CharField("nguồn số liệu", max_length=300, blank=True)
    source = models.CharField("văn bản", max_length=400, blank=True)
    lead = models.CharField("cơ quan chủ trì theo dõi, đánh giá", max_length=200, blank=True)
    note = models.TextField("ghi chú", blank=True)
    criteria = models.CharField(
        "tiêu chí được chấm từ chỉ tiêu",
        max_length=300,
        blank=True,
        help_text="mã tiêu chí (hoặc «mã-bộ-tiêu-chí:mã»), cách nhau dấu phẩy",
    )
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def scope_list(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.scopes.split(",") if s.strip())

    @property
    def criteria_list(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.criteria.split(",") if c.strip())

    @property
    def is_ratio(self) -> bool:
        return self.kind == IndicatorKind.RATIO


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    plan = models.CharField("văn bản đặt chỉ tiêu", max_length=300)
    first_year = models.PositiveSmallIntegerField("từ năm")
    last_year = models.PositiveSmallIntegerField("đến năm")
    scope = models.CharField(
        "áp dụng cho",
        max_length=40,
        blank=True,
        help_text="cấp hoặc loại đơn vị; trống: mọi đơn vị",
    )
    comparator = models.CharField(
        "so sánh", max_length=2, choices=[(k, v) for k, v in core.COMPARATORS.items()]
    )
    value = models.DecimalField("mức phải đạt", max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = "mức phải đạt"
        verbose_name_plural = "mức phải đạt"
        ordering = ["indicator", "first_year", "scope", "pk"]


class ValueSource(models.TextChoices):
    UNIT = "unit", _("Đơn vị nhập")
    IMPORT = "import", _("Nhập từ tệp Excel")
    ONESTOP = "onestop", _("Tính từ sổ theo dõi hồ sơ một cửa")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="indicator_values"
    )
    period = models.CharField("kỳ", max_length=40, help_text="ví dụ: 2026, 6 tháng đầu năm 2026")
    numerator = models.DecimalField("tử số", max_digits=18, decimal_places=4, null=True)
    denominator = models.DecimalField("mẫu số", max_digits=18, decimal_places=4, null=True)
    value = models.DecimalField("giá trị", max_digits=18, decimal_places=4, null=True)
    source = models.CharField(max_length=10, choices=ValueSource.choices)
    evidence = models.FileField("tài liệu kiểm chứng", upload_to="indicators/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả chỉ tiêu"
        verbose_name_plural = "kết quả chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="one_value_per_unit_and_period"
            )
        ]
