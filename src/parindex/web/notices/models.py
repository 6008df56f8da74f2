"""Notices: what the app tells a user (the bell and, unless they turned it off, an e-mail)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    CYCLE_OPENED = "cycle.opened", _("Mở kỳ tự đánh giá")
    DEADLINE_SOON = "deadline.soon", _("Sắp hết hạn")
    DEADLINE_PASSED = "deadline.passed", _("Đã hết hạn")
    DEADLINE_EXTENDED = "deadline.extended", _("Được gia hạn")
    REMINDER = "reminder", _("Nhắc nộp")
    CORRECTION = "correction", _("Điểm được thẩm định sửa, cần giải trình")
    ROUND_OPENED = "round.opened", _("Mở vòng mới")
    RESULTS_PUBLISHED = "results.published", _("Công bố kết quả")
    PUBLICATION_WITHDRAWN = "publication.withdrawn", _("Thu hồi công bố")
    ACCOUNT = "account", _("Tài khoản")
    TASK_DUE = "task.due", _("Nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task.overdue", _("Nhiệm vụ quá hạn")
    REMEDIATION = "remediation", _("Xây dựng kế hoạch khắc phục")


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("loại", max_length=30, choices=NoticeKind.choices)
    title = models.CharField("tiêu đề", max_length=300)
    text = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    cycle = models.ForeignKey(
        "cycles.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    emailed = models.BooleanField("đã gửi thư", default=False)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NoticeSetting(models.Model):
    """A user's choice about e-mail (no row: e-mail on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_setting"
    )
    email = models.BooleanField("nhận thông báo qua thư điện tử", default=True)
