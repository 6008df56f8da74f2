"""An imported one-stop register: not its rows, but every unit's Biểu II.06a figures for each
month it covers, from which any span of whole months (a quarter, six months, a year) is
summed (``core.onestop.over_months``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RegisterImport(models.Model):
    file_name = models.CharField("tệp", max_length=255)
    rows = models.PositiveIntegerField("số dòng")
    dropped = models.PositiveIntegerField("số dòng lỗi đã bỏ", default=0)
    first_month = models.DateField("từ tháng")
    last_month = models.DateField("đến tháng")
    units = models.JSONField("đơn vị", default=list)  # [[code, name, level], …] in order
    monthly = models.JSONField("số liệu từng tháng", default=dict)  # {code: {"2026-01": [9]}}
    problems = models.TextField("các dòng lỗi đã bỏ", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sổ theo dõi hồ sơ một cửa"
        verbose_name_plural = "sổ theo dõi hồ sơ một cửa"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class PortalFigures(models.Model):
    """The national portal's 766 figures of a register's units for one span of months, as the
    admin uploaded them (the latest upload of a span is the one used)."""

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="portal_figures"
    )
    first = models.CharField("từ tháng", max_length=7)  # "2026-01"
    last = models.CharField("đến tháng", max_length=7)
    file_name = models.CharField("tệp", max_length=255)
    rows = models.JSONField("số liệu", default=list)  # [[unit, metric, num, den, ratio, score]]
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "số liệu Bộ chỉ số 766 của Cổng"
        verbose_name_plural = "số liệu Bộ chỉ số 766 của Cổng"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name
