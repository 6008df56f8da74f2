"""Self-assessment per unit and leaf, with its evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Score(models.Model):
    """One unit's entry for one leaf of a cycle: self score, explanation; ``version`` for optimistic locking.

    A rule leaf keeps the measured value it was scored from (``measure``) beside the points the
    core derived from it, so the figure can be shown and re-audited; "KPS" (không phát sinh)
    is kept the same way where it gives the max."""

    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(
        "frameworks.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    self_score = models.DecimalField(
        "điểm tự chấm", max_digits=8, decimal_places=4, null=True, blank=True
    )
    measure = models.CharField(
        "giá trị đo",
        max_length=40,
        blank=True,
        help_text="a rule leaf's value as entered (97,3 · 35/36) or KPS; the points are the core's",
    )
    not_applicable = models.BooleanField("không đánh giá (KĐG)", default=False)
    explanation = models.TextField("thuyết minh", blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "điểm tự đánh giá"
        verbose_name_plural = "điểm tự đánh giá"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit", "criterion"], name="score_unique")
        ]


class Evidence(models.Model):
    """A document proving a score: an uploaded file and/or a reference (number, date, issuer,
    summary, page); a file reused from another leaf or cycle of the same unit shares its file."""

    score = models.ForeignKey(Score, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField("tệp", upload_to="%Y/", blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    doc_number = models.CharField("số văn bản", max_length=100, blank=True)
    doc_date = models.DateField("ngày văn bản", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    page_ref = models.CharField("trang/mục", max_length=100, blank=True)
    summary = models.CharField("trích yếu", max_length=500, blank=True)
    for_explanation = models.BooleanField(
        "bổ sung khi giải trình",
        default=False,
        help_text="added in the explanation round, beside the unit's answer to a correction",
    )
    reused_from = models.ForeignKey(
        "self",
        verbose_name="dùng lại từ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the evidence (another leaf, last year's cycle) whose file this one cites",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    @property
    def served_name(self) -> str:
        """The name its download is given: the extension of the type verified at upload."""
        from parindex.web.assessments.evidence import served_name

        return served_name(self.original_name, self.content_type)

    class Meta:
        verbose_name = "tài liệu kiểm chứng"
        verbose_name_plural = "tài liệu kiểm chứng"
