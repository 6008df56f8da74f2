"""A yearly assessment cycle: framework, period, units, deadlines, state; appraisers' assignments.

A round (đợt đánh giá) made from a scheme is one cycle per framework of the scheme, each
ranked in the scheme's blocks of its unit kinds (``Cycle.blocks``, ``block_by="block"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models

from parindex.core.workflow import STATE_LABELS, CycleState

if TYPE_CHECKING:
    from parindex.web.units.models import Unit


BLOCK_BY_CHOICES = [
    ("", "không chia khối (xếp hạng chung)"),
    ("kind", "theo loại đơn vị (xã, phường, thị trấn …)"),
    ("parent", "theo đơn vị cấp trên (huyện, thị xã …)"),
    ("block", "theo khối của phương án (đợt đánh giá)"),
]


class Round(models.Model):
    """A round from a scheme: the departments and the communes of a year scored together, a
    framework each, ranked in blocks. Its cycles (one per framework) do the work."""

    code = models.CharField("mã phương án", max_length=100)
    name = models.CharField("tên đợt đánh giá", max_length=200)
    year = models.PositiveIntegerField("năm của phương án")
    period = models.CharField("kỳ (năm)", max_length=20)
    scheme_yaml = models.TextField("phương án (YAML, như đã tải lên)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đợt đánh giá"
        verbose_name_plural = "đợt đánh giá"
        ordering = ["-period", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "period"], name="round_code_period_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Cycle(models.Model):
    name = models.CharField("tên kỳ đánh giá", max_length=300)
    framework = models.ForeignKey(
        "frameworks.Framework", verbose_name="bộ tiêu chí", on_delete=models.PROTECT
    )
    period = models.CharField("kỳ (năm)", max_length=20)
    state = models.CharField(
        "trạng thái",
        max_length=20,
        choices=[(s.value, STATE_LABELS[s]) for s in CycleState],
        default=CycleState.DRAFT,
    )
    self_assessment_due = models.DateTimeField("hạn tự đánh giá", null=True, blank=True)
    appraisal_due = models.DateTimeField("hạn thẩm định lần 1", null=True, blank=True)
    explanation_due = models.DateTimeField("hạn giải trình", null=True, blank=True)
    final_due = models.DateTimeField("hạn thẩm định lần 2", null=True, blank=True)
    block_by = models.CharField(
        "xếp hạng theo khối",
        max_length=10,
        blank=True,
        default="",
        choices=BLOCK_BY_CHOICES,
        help_text="Đơn vị được xếp hạng trong khối của mình; chỉ số vẫn so sánh được giữa các khối.",
    )
    round = models.ForeignKey(
        Round,
        verbose_name="đợt đánh giá",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    # The scheme's blocks of this cycle's kinds, in the scheme's order:
    # [{"name": "Khối phường", "kinds": ["phường"], "position": 1}, …] (a list: JSON objects
    # lose their keys' order in PostgreSQL); empty outside a round.
    blocks = models.JSONField("khối xếp hạng", default=list, blank=True)
    units: models.ManyToManyField[Unit, Participation] = models.ManyToManyField(
        "units.Unit", through="Participation", related_name="cycles"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "kỳ đánh giá"
        verbose_name_plural = "kỳ đánh giá"
        ordering = ["-period", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def cycle_state(self) -> CycleState:
        return CycleState(self.state)


class ParticipationManager(models.Manager["Participation"]):
    """The units taking part: a unit removed from the cycle (kept for its history) is left out."""

    def get_queryset(self) -> models.QuerySet[Participation]:
        return super().get_queryset().filter(removed_at__isnull=True)


class Participation(models.Model):
    """A unit taking part in a cycle, with its self-assessment's submission.

    A unit removed before the appraisal keeps its row (``removed_at``, with the reason) when it
    had already entered scores; ``objects`` leaves it out everywhere, ``every`` still has it.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="participations")
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    removed_at = models.DateTimeField("rút khỏi kỳ lúc", null=True, blank=True)
    removed_reason = models.TextField("lý do rút khỏi kỳ", blank=True)

    objects: ClassVar[ParticipationManager] = ParticipationManager()
    every: ClassVar[models.Manager[Participation]] = models.Manager()

    class Meta:
        default_manager_name = "objects"
        verbose_name = "đơn vị tham gia"
        verbose_name_plural = "đơn vị tham gia"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="participation_unique")
        ]

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Assignment(models.Model):
    """An appraiser assigned to a unit of a cycle, for one field or (field_code blank) all of them."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT)
    field_code = models.CharField("lĩnh vực (trống: mọi lĩnh vực)", max_length=40, blank=True)

    class Meta:
        verbose_name = "phân công thẩm định"
        verbose_name_plural = "phân công thẩm định"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "appraiser", "unit", "field_code"], name="assignment_unique"
            )
        ]


UNIT_STEP_CHOICES = [
    ("self_assessment", "tự đánh giá, chấm điểm"),
    ("explanation", "giải trình"),
]


class Extension(models.Model):
    """A unit's own later deadline for a step it does itself (self-assessment, explanation),
    granted by the admin with a reason; granting again moves it (the audit trail keeps each)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    step = models.CharField("bước", max_length=20, choices=UNIT_STEP_CHOICES)
    until = models.DateTimeField("gia hạn đến")
    reason = models.TextField("lý do gia hạn")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gia hạn", on_delete=models.PROTECT
    )
    granted_at = models.DateTimeField("gia hạn lúc", auto_now=True)

    class Meta:
        verbose_name = "gia hạn"
        verbose_name_plural = "gia hạn"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit", "step"], name="extension_unique")
        ]


NOTICE_KINDS = [
    ("soon3", "nhắc trước 3 ngày"),
    ("soon1", "nhắc trước 1 ngày"),
    ("lock", "khoá khi hết hạn"),
]


class DeadlineNotice(models.Model):
    """What the deadline check has done for a unit's deadline of a step: each reminder and the
    lock once per deadline (a new deadline, after an extension, is reminded and locked anew)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="deadline_notices")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    step = models.CharField("bước", max_length=20, choices=UNIT_STEP_CHOICES)
    kind = models.CharField("việc", max_length=10, choices=NOTICE_KINDS)
    due = models.DateTimeField("hạn")
    done_at = models.DateTimeField("lúc", auto_now_add=True)

    objects: ClassVar[models.Manager[DeadlineNotice]] = models.Manager()

    class Meta:
        verbose_name = "nhắc hạn, khoá hạn"
        verbose_name_plural = "nhắc hạn, khoá hạn"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "step", "kind", "due"], name="deadline_notice_unique"
            )
        ]
