"""Published results: immutable snapshots (inputs, framework version, results, hash); survey sources."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from parindex.core.published import PublishedRun
from parindex.io.results_json import parse_results
from parindex.web.audit.models import AppendOnlyError

if TYPE_CHECKING:
    from parindex.reports.letterhead import Letterhead
    from parindex.web.results.display import RankingPage
    from parindex.web.results.lost_points import LostPoint


STORED_PARTS = ("results", "inputs", "summary", "page", "lost_points")
"""A publication's large stored texts: lists and pages load its row without them."""


def without_parts(*related: str) -> tuple[str, ...]:
    """``defer`` arguments that leave out the large texts of the row and of the ``related``
    publications loaded with it (``supersedes``, ``superseded_by``)."""
    return STORED_PARTS + tuple(f"{r}__{part}" for r in related for part in STORED_PARTS)


KEPT = 6
"""Published runs and pages kept read in this process: a publication never changes, and
reading a national one (3,321 units) takes about a second."""
KEPT_UNITS = 8000
"""...and at most this many units' entries among them (a national run read is about 110 MB):
a worker stays within a few hundred MB however many national publications it has served
(``PARINDEX_KEPT_UNITS`` in the settings)."""
_KEPT: OrderedDict[tuple[str, str], tuple[Any, int]] = OrderedDict()
_KEPT_LOCK = threading.Lock()
_MISSING = object()


def _weight(value: Any) -> int:
    """Units' entries a kept value holds: a run's, a page's rows, a preview's run and page."""
    if isinstance(value, tuple):
        return sum(_weight(v) for v in value)
    if isinstance(value, dict):
        return len(value)
    units = getattr(value, "units", None)
    if isinstance(units, (tuple, list, dict)):
        return len(units)
    rows = getattr(value, "row_html", None)
    return len(rows) // 4 if isinstance(rows, dict) else 0  # a page's rows are HTML text


def _limit() -> int:
    return int(getattr(settings, "PARINDEX_KEPT_UNITS", KEPT_UNITS))


def kept(key: tuple[str, str], default: Any = None) -> Any:
    """What is kept under ``key`` (marked as just used), or ``default``."""
    with _KEPT_LOCK:
        if key not in _KEPT:
            return default
        _KEPT.move_to_end(key)
        return _KEPT[key][0]


def keep(key: tuple[str, str], value: Any) -> None:
    """Keep ``value``; the least recently used go while there are more than KEPT or their
    units exceed the limit (the newest stays, however large)."""
    with _KEPT_LOCK:
        _KEPT[key] = (value, _weight(value))
        _KEPT.move_to_end(key)
        limit = _limit()
        while len(_KEPT) > 1 and (len(_KEPT) > KEPT or sum(w for _, w in _KEPT.values()) > limit):
            _KEPT.popitem(last=False)


def read_once(key: tuple[str, str], read: Callable[[], Any]) -> Any:
    """What ``read`` makes of a publication, once per process (by the results' hash)."""
    found = kept(key, _MISSING)
    if found is not _MISSING:
        return found
    value = read()
    keep(key, value)
    return value


class Utf8(models.Func):
    """A text column as its UTF-8 bytes, converted by the database."""

    output_field = models.BinaryField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS BLOB)")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="convert_to(%(expressions)s, 'UTF8')")


class SurveySource(models.Model):
    """The survey points (points.json of `parindex survey import`) a cycle's survey leaves take."""

    cycle = models.OneToOneField(
        "cycles.Cycle", on_delete=models.CASCADE, related_name="survey_source"
    )
    data = models.TextField("điểm điều tra xã hội học (JSON)")
    draws = models.BinaryField(
        "mẫu mô phỏng của tổng điểm điều tra (.draws.npz)", blank=True, default=b""
    )
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "điểm điều tra xã hội học"
        verbose_name_plural = "điểm điều tra xã hội học"


class SurveyUpload(models.Model):
    """Raw questionnaire responses uploaded on the cycle's page, waiting for the admin to accept them."""

    cycle = models.ForeignKey(
        "cycles.Cycle", on_delete=models.CASCADE, related_name="survey_uploads"
    )
    questionnaire = models.TextField("phiếu điều tra (YAML)")
    responses = models.FileField("phiếu trả lời", upload_to="survey/%Y/")
    responses_name = models.CharField(max_length=255)
    mapping = models.TextField("ánh xạ (YAML)", blank=True)
    report = models.TextField("báo cáo kiểm tra (JSON)", blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tệp phiếu trả lời"
        verbose_name_plural = "tệp phiếu trả lời"


class Publication(models.Model):
    """The decision that fixes a cycle's results. Never edited: a new publication supersedes it."""

    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.PROTECT, related_name="publications")
    decision = models.CharField("quyết định công bố", max_length=300)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    published_at = models.DateTimeField("thời điểm công bố", auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    framework_sha256 = models.CharField(max_length=64)
    inputs = models.TextField("dữ liệu đầu vào (JSON)")
    results = models.TextField("kết quả (results.json)")
    summary = models.TextField("kết quả không kèm điểm từng tiêu chí (cho các trang)", blank=True)
    page = models.TextField("trang xếp hạng dựng sẵn (JSON)", blank=True)
    lost_points = models.TextField(
        "điểm bị mất theo tiêu chí, kèm lý do thẩm định, khi công bố (JSON)", blank=True
    )
    sha256 = models.CharField("mã băm kết quả", max_length=64)
    # SHA-256 of every other stored part ({"inputs", "summary", "page", "lost_points"}), and
    # when they were recorded: "publication", or "migration" for one published before them
    checksums = models.JSONField("mã băm các phần đã lưu", default=dict, blank=True)
    checksums_recorded = models.CharField("ghi mã băm lúc", max_length=12, blank=True)
    # the detached Ed25519 signature of results (base64) and the public key (PEM) that made it
    signature = models.TextField("chữ ký số của results.json (base64)", blank=True)
    signing_key = models.TextField("khóa công khai đã ký (PEM)", blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reason = models.TextField("lý do công bố lại", blank=True)
    # the decision as the documents print it (blank in publications made before these fields)
    issuing_body = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    number = models.CharField("số quyết định", max_length=100, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=200, blank=True)
    # the year's report as the documents print it (blank: the letterhead's `report`)
    report_number = models.CharField("số báo cáo", max_length=100, blank=True)
    report_date = models.DateField("ngày báo cáo", null=True, blank=True)
    # the organisation's letterhead (van-ban.yaml) as it stood when published
    letterhead_text = models.TextField("văn bản khi công bố (van-ban.yaml)", blank=True)

    class Meta:
        verbose_name = "kết quả đã công bố"
        verbose_name_plural = "kết quả đã công bố"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.decision}"

    def run(self) -> PublishedRun:
        """The published results without the leaf scores (what the pages read), read once;
        taken from the full results when those are read already (one copy, not two)."""

        def read() -> PublishedRun:
            full: PublishedRun | None = kept((self.sha256, "full"))
            if full is not None:
                return full.without_scores()
            summary = self.text("summary") or self.text("results")
            return parse_results(summary, f"công bố #{self.pk}")

        run: PublishedRun = read_once((self.sha256, "summary"), read)
        return run

    def full_run(self) -> PublishedRun:
        """The published results with every unit's leaf scores (the documents, the appendix)."""

        def read() -> PublishedRun:
            full = parse_results(self.text("results"), f"công bố #{self.pk}")
            # the pages' run made of the same entries: a national run in memory once, not twice
            keep((self.sha256, "summary"), full.without_scores())
            return full

        run: PublishedRun = read_once((self.sha256, "full"), read)
        return run

    def results_bytes(self) -> bytes:
        """results.json as the UTF-8 bytes served, read as bytes where the database can give
        them (SQLite, PostgreSQL): a national file is not held as text and as bytes at once."""
        from django.db import connection

        if connection.vendor in ("sqlite", "postgresql"):
            raw = Publication.objects.filter(pk=self.pk).values_list(Utf8("results"), flat=True)
            found = raw.first()
            if found is not None:
                return bytes(found)
        return self.text("results").encode("utf-8")

    def text(self, part: str) -> str:
        """A stored part (``results``, ``summary``, ``page``, ``lost_points``, ``inputs``),
        read from the database when the row was loaded without it (pages defer them all)."""
        if part in self.get_deferred_fields():
            found = Publication.objects.filter(pk=self.pk).values_list(part, flat=True).first()
            return found or ""
        value: str = getattr(self, part)
        return value

    def ranking_page(self) -> RankingPage:
        """The ranking page rendered at publication (built now for one published before that)."""
        from parindex.web.results.display import RankingPage, ranking_page

        def read() -> RankingPage:
            stored = self.text("page")
            return RankingPage.from_json(stored) if stored else ranking_page(self.run())

        page: RankingPage = read_once((self.sha256, "page"), read)
        return page

    def lost_points_of(self, unit_code: str) -> list[LostPoint] | None:
        """The unit's lost points as published; None if this publication did not record them."""
        from parindex.web.results.lost_points import loads

        def read() -> dict[str, list[LostPoint]] | None:
            stored = self.text("lost_points")
            return loads(stored) if stored else None

        every: dict[str, list[LostPoint]] | None = read_once((self.sha256, "lost_points"), read)
        return None if every is None else every.get(unit_code, [])

    def letterhead(self) -> Letterhead:
        """Who issues and signs its documents: the organisation's letterhead as published (the
        report's side, with the report's number and date as published), the decision as published
        (body, number, date, place, signer)."""
        from parindex.web.results.letterhead import publication_letterhead

        return publication_letterhead(self)

    @property
    def withdrawn(self) -> Withdrawal | None:
        """Its withdrawal, if it was withdrawn."""
        try:
            return self.withdrawal
        except Withdrawal.DoesNotExist:
            return None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("kết quả đã công bố không được sửa; hãy công bố lại với lý do")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("kết quả đã công bố không được xóa")


class ScorecardArchive(models.Model):
    """Every unit's scorecard of a publication in one ZIP, built in the background (db_worker).

    A publication never changes, so one finished archive per format serves everyone; a failed
    one is kept with its message and a new request queues another.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "đang chờ"
        RUNNING = "running", "đang tạo"
        DONE = "done", "đã xong"
        FAILED = "failed", "không tạo được"

    FORMATS = (("docx", "DOCX"), ("pdf", "PDF"))

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="scorecard_archives"
    )
    format = models.CharField("định dạng", max_length=4, choices=FORMATS)
    status = models.CharField(
        "trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField("số phiếu đã tạo", default=0)
    total = models.PositiveIntegerField("số phiếu", default=0)
    file = models.FileField("tệp ZIP", upload_to="phieu-diem/", blank=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    error = models.TextField("lỗi", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    requested_at = models.DateTimeField("thời điểm yêu cầu", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu tạo", null=True, blank=True)
    finished_at = models.DateTimeField("tạo xong", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật tiến độ", auto_now_add=True)

    class Meta:
        verbose_name = "tệp ZIP phiếu kết quả"
        verbose_name_plural = "tệp ZIP phiếu kết quả"
        ordering = ["-requested_at", "-id"]
        constraints = [
            # at most one archive per publication and format that is waiting, running or done
            models.UniqueConstraint(
                fields=["publication", "format"],
                condition=~models.Q(status="failed"),
                name="one_live_scorecard_archive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} — {self.format.upper()} ({self.get_status_display()})"


class Withdrawal(models.Model):
    """A publication withdrawn, with its reason: the publication itself stays as it was."""

    publication = models.OneToOneField(
        Publication, on_delete=models.PROTECT, related_name="withdrawal"
    )
    reason = models.TextField("lý do thu hồi")
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    withdrawn_at = models.DateTimeField("thời điểm thu hồi", auto_now_add=True)

    class Meta:
        verbose_name = "thu hồi công bố"
        verbose_name_plural = "thu hồi công bố"


class UnitDecision(models.Model):
    """What the admin decided for a unit that did not submit its self-assessment."""

    class Choice(models.TextChoices):
        SCORE = "score", "Tính theo điểm đang có (tiêu chí còn thiếu tính 0 điểm)"
        LEAVE_OUT = "leave_out", "Không xếp hạng đơn vị trong kỳ này"

    cycle = models.ForeignKey(
        "cycles.Cycle", on_delete=models.CASCADE, related_name="unit_decisions"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("quyết định", max_length=12, choices=Choice.choices)
    reason = models.TextField("lý do")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField("quyết định lúc", auto_now=True)

    class Meta:
        verbose_name = "quyết định về đơn vị chưa gửi"
        verbose_name_plural = "quyết định về đơn vị chưa gửi"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="one_decision_per_unit")
        ]


class Reopening(models.Model):
    """A unit's scores reopened after publication so the appraiser can correct them in round 2;
    open until the admin closes it again, and the cycle is not published while one is open."""

    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.CASCADE, related_name="reopenings")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("lý do mở lại")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    opened_at = models.DateTimeField("mở lại lúc", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("đóng lại lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mở lại điểm để đính chính"
        verbose_name_plural = "mở lại điểm để đính chính"
        ordering = ["-opened_at", "-id"]


class SurveyManual(models.Model):
    """A unit's survey points typed by hand, with the reason; they replace the unit's points
    from the survey source (if any) in the computation."""

    cycle = models.ForeignKey(
        "cycles.Cycle", on_delete=models.CASCADE, related_name="survey_manual"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    points = models.JSONField("điểm theo tiêu chí điều tra ({mã: điểm})")
    reason = models.TextField("lý do nhập tay")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    entered_at = models.DateTimeField("nhập lúc", auto_now=True)

    class Meta:
        verbose_name = "điểm điều tra nhập tay"
        verbose_name_plural = "điểm điều tra nhập tay"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="one_manual_survey_per_unit")
        ]
