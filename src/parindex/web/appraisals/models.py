"""Appraisal corrections (round 1, round 2) and the unit's explanations."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Correction(models.Model):
    """An appraiser's decision on one score in one round: accepted unchanged or corrected, with a reason."""

    score = models.ForeignKey(
        "assessments.Score", on_delete=models.CASCADE, related_name="corrections"
    )
    round = models.PositiveSmallIntegerField("lần thẩm định", choices=[(1, "Lần 1"), (2, "Lần 2")])
    appraised_score = models.DecimalField(
        "điểm thẩm định", max_digits=8, decimal_places=4, null=True, blank=True
    )
    reason = models.TextField("lý do", blank=True)
    appraiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả thẩm định"
        verbose_name_plural = "kết quả thẩm định"
        constraints = [
            models.UniqueConstraint(fields=["score", "round"], name="correction_round_unique")
        ]


class Explanation(models.Model):
    """The unit's one answer to a round-1 correction, in the explanation round."""

    score = models.OneToOneField(
        "assessments.Score", on_delete=models.CASCADE, related_name="unit_explanation"
    )
    text = models.TextField("nội dung giải trình")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "giải trình"
        verbose_name_plural = "giải trình"
