"""The work between two indexes: plans and their tasks, progress with evidence, findings
(«tồn tại, hạn chế») and the inspections and conferences they come from.

A plan's task keeps what its table wrote (TT, heading, lead, deadline as text); the lead's
unit in the app, when one has that name, is whose officer reports its progress. Statuses are
never stored: they are computed as of a date by ``core.plans`` (``plans/status.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    YEARLY = "yearly", _("Kế hoạch cải cách hành chính năm")
    REMEDIATION = "remediation", _("Kế hoạch khắc phục tồn tại, hạn chế")
    INSPECTION = "inspection", _("Kế hoạch kiểm tra công tác cải cách hành chính")
    PROPAGANDA = "propaganda", _("Kế hoạch tuyên truyền cải cách hành chính")
    CONCLUSION = "conclusion", _("Thực hiện thông báo kết luận")
    OTHER = "other", _("Kế hoạch khác")


class Plan(models.Model):
    kind = models.CharField("loại kế hoạch", max_length=20, choices=PlanKind.choices)
    title = models.CharField("tên kế hoạch", max_length=300)
    year = models.PositiveSmallIntegerField("năm")
    period = models.CharField(
        "giai đoạn", max_length=40, blank=True, help_text="ví dụ: 2026-2030; trống: cả năm"
    )
    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="trống: UBND tỉnh (cơ quan trên đầu trang)",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thực hiện kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    decision_number = models.CharField("số quyết định", max_length=100, blank=True)
    decision_date = models.DateField("ngày ban hành", null=True, blank=True)
    signer = models.CharField("người ký", max_length=200, blank=True)
    decision_file = models.FileField("tệp quyết định", upload_to="plans/%Y/", blank=True)
    decision_file_name = models.CharField(max_length=255, blank=True)
    decision_file_type = models.CharField(max_length=100, blank=True)
    assigned_by = models.CharField("kèm theo", max_length=300, blank=True)
    source_file = models.CharField("tệp bảng nhiệm vụ", max_length=255, blank=True)
    # a remediation plan: the publication whose lost points it remedies
    publication = models.ForeignKey(
        "results.Publication",
        verbose_name="kết quả công bố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remediation_plans",
    )
    issued_at = models.DateTimeField("đã ban hành lúc", null=True, blank=True)
    criteria = models.CharField(
        "tiêu chí phục vụ",
        max_length=300,
        blank=True,
        help_text="mã tiêu chí mà quyết định ban hành kế hoạch là tài liệu kiểm chứng, hoặc "
        "tiêu chí chấm theo tỷ lệ hoàn thành kế hoạch; cách nhau dấu phẩy",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "issuer"],
                condition=models.Q(kind="remediation"),
                name="one_remediation_per_unit_and_publication",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def criteria_codes(self) -> list[str]:
        return [c.strip() for c in self.criteria.split(",") if c.strip()]

    @property
    def issued(self) -> bool:
        return self.issued_at is not None

    @property
    def decision_line(self) -> str:
        """«Quyết định số 2553/QĐ-UBND ngày 29/12/2025»; empty when not issued."""
        from parindex.core.moments import format_date

        if not self.decision_number:
            return ""
        when = f" ngày {format_date(self.decision_date)}" if self.decision_date else ""
        return f"{self.decision_number}{when}"


class Review(models.Model):
    """An inspection (kiểm tra; a unit's own: tự kiểm tra) or a conference (sơ kết, tổng kết,
    phiên họp Ban Chỉ đạo) with its «Thông báo kết luận»; its items are findings."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Kiểm tra công tác cải cách hành chính")
        SELF_INSPECTION = "self", _("Tự kiểm tra")
        MIDYEAR = "midyear", _("Hội nghị sơ kết 6 tháng")
        YEAR_END = "yearend", _("Hội nghị tổng kết năm")
        STEERING = "steering", _("Phiên họp Ban Chỉ đạo")

    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    title = models.CharField("tên", max_length=300)
    plan = models.ForeignKey(
        Plan,
        verbose_name="theo kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    team = models.TextField("đoàn kiểm tra / thành phần", blank=True)
    units = models.ManyToManyField(
        "units.Unit", verbose_name="đơn vị được kiểm tra", blank=True, related_name="reviews"
    )
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    document = models.CharField(
        "văn bản kết luận", max_length=300, blank=True, help_text="ví dụ: Thông báo số 12/TB-UBND"
    )
    conclusions = models.TextField("kết luận chung", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiểm tra, hội nghị"
        verbose_name_plural = "kiểm tra, hội nghị"
        ordering = ["-start", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_conference(self) -> bool:
        return self.kind in (self.Kind.MIDYEAR, self.Kind.YEAR_END, self.Kind.STEERING)


class Finding(models.Model):
    """A «tồn tại, hạn chế» (or a conclusion's item, a recommendation): from the published
    results (a criterion that lost points), the survey, an inspection or a conclusion."""

    class Source(models.TextChoices):
        RESULTS = "results", _("Kết quả Chỉ số CCHC")
        SURVEY = "survey", _("Điều tra xã hội học")
        INSPECTION = "inspection", _("Kiểm tra")
        CONCLUSION = "conclusion", _("Thông báo kết luận")

    source = models.CharField("nguồn", max_length=20, choices=Source.choices)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    position = models.PositiveIntegerField(default=0)
    criterion = models.CharField("mã tiêu chí", max_length=40, blank=True)
    name = models.TextField("nội dung")
    max = models.DecimalField("điểm tối đa", max_digits=9, decimal_places=4, null=True, blank=True)
    score = models.DecimalField("điểm đạt", max_digits=9, decimal_places=4, null=True, blank=True)
    reason = models.TextField("lý do", blank=True)
    subjective = models.TextField("nguyên nhân chủ quan", blank=True)
    objective = models.TextField("nguyên nhân khách quan", blank=True)

    class Meta:
        verbose_name = "tồn tại, hạn chế"
        verbose_name_plural = "tồn tại, hạn chế"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def lost(self) -> Decimal | None:
        if self.max is None or self.score is None:
            return None
        return self.max - self.score


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    tt = models.CharField("TT", max_length=20)
    heading = models.CharField("mục", max_length=300, blank=True)
    text = models.TextField("nhiệm vụ, giải pháp")
    lead = models.CharField("cơ quan chủ trì", max_length=300)
    lead_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị chủ trì trên hệ thống",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
    )
    partners = models.TextField("cơ quan phối hợp", blank=True)
    product = models.TextField("kết quả, sản phẩm", blank=True)
    deadline = models.CharField("thời gian thực hiện", max_length=100)
    deadline_end = models.DateField("hạn cuối", null=True, blank=True)
    criteria = models.CharField(
        "tiêu chí phục vụ", max_length=300, blank=True, help_text="mã tiêu chí, cách nhau dấu phẩy"
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name="khắc phục",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["lead_unit", "deadline_end"])]

    def __str__(self) -> str:
        return f"{self.tt}. {self.text[:80]}"

    @property
    def criteria_codes(self) -> list[str]:
        return [c.strip() for c in self.criteria.split(",") if c.strip()]


class TaskReport(models.Model):
    """What the lead unit reported: «Kết quả thực hiện», the day, done or not."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    date = models.DateField("ngày báo cáo")
    result = models.TextField("kết quả thực hiện")
    completed = models.DateField("ngày hoàn thành", null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["date", "pk"]


class TaskFile(models.Model):
    """A file proving a report (checked and scanned as the self-assessment's evidence is)."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("tệp", upload_to="plans/%Y/")
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = "tài liệu kiểm chứng nhiệm vụ"
        verbose_name_plural = "tài liệu kiểm chứng nhiệm vụ"

    @property
    def served_name(self) -> str:
        from parindex.web.assessments.evidence import served_name

        return served_name(self.original_name, self.content_type)


class TaskNotice(models.Model):
    """A deadline notice sent for a task (3 days, 1 day, overdue): each once."""

    class Kind(models.TextChoices):
        THREE_DAYS = "3d", _("Còn 3 ngày")
        ONE_DAY = "1d", _("Còn 1 ngày")
        OVERDUE = "overdue", _("Quá hạn")

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="task_notice_once")]
