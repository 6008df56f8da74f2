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
    appraised_measure = models.CharField(
        "giá trị đo thẩm định",
        max_length=40,
        blank=True,
        help_text="a rule leaf's value as the appraiser found it (or KPS); the points are the core's",
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


class BonusDecision(models.Model):
    """An appraiser's points for one bonus or penalty item of the framework (``bonus`` in its
    YAML, outside the maximum) for one unit in one round; negative for a penalty. Round 2's
    decision stands over round 1's; no decision counts 0."""

    cycle = models.ForeignKey(
        "cycles.Cycle", on_delete=models.CASCADE, related_name="bonus_decisions"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="bonus_decisions")
    code = models.CharField("mục thưởng/trừ", max_length=40)
    round = models.PositiveSmallIntegerField("lần thẩm định", choices=[(1, "Lần 1"), (2, "Lần 2")])
    points = models.DecimalField("điểm", max_digits=8, decimal_places=4)
    reason = models.TextField("căn cứ", blank=True)
    appraiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "điểm thưởng, điểm trừ"
        verbose_name_plural = "điểm thưởng, điểm trừ"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "code", "round"], name="bonus_decision_unique"
            )
        ]
