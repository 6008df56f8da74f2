"""Every unit's scorecard of a publication in one ZIP: the admin asks, a background task builds it.

``do_request_scorecards`` queues the task (or returns the archive already waiting, running or
built); ``build_scorecard_archive`` runs in ``manage.py db_worker``: the report and the decision, then the
scorecards in rank order, ``done`` moved forward every few units so the page can show progress,
the ZIP staged in a temporary folder and handed to the storage only when complete.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from parindex.core.numbers import format_count, format_file_size
from parindex.core.published import PublishedRun
from parindex.reports.letterhead import Letterhead
from parindex.services.staging import new_staging
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.results.models import Publication, ScorecardArchive

logger = logging.getLogger(__name__)

FORMATS = dict(ScorecardArchive.FORMATS)
FOLDER = "phieu-diem"
PROGRESS_STEP = 10
"""``done`` is written every this many scorecards (one cheap UPDATE), and at the end."""
HEARTBEAT = dt.timedelta(seconds=30)
"""While the scorecards are written, ``updated_at`` (the heartbeat) is written at least this
often; a running archive whose heartbeat is older than settings.JOB_STALE_MINUTES lost its
worker (killed, or the machine restarted): the page shows it stopped and offers to start it again."""
STOPPED = "Việc tạo tệp đã dừng giữa chừng"

Status = ScorecardArchive.Status
LIVE = (Status.QUEUED, Status.RUNNING, Status.DONE)
STAGING_PREFIX = "parindex-phieu-diem-"


def unit_count(publication: Publication) -> int:
    """How many scorecards the archive will hold (read from the page data, not the full results)."""
    return len(publication.ranking_page().keys)


@transaction.atomic
def do_request_scorecards(
    publication: Publication, fmt: str, actor: Any, retry: int | None = None
) -> ScorecardArchive:
    """Queue the ZIP of every unit's scorecard in ``fmt`` (docx | pdf), once per publication.

    The archive already waiting, being built or built for this publication and format is
    returned as it is; nothing is queued twice. ``retry``: the stopped archive the admin
    starts again ("Tạo lại"), audited as a job retry.
    """
    if fmt not in FORMATS:
        raise ActionError("Chọn định dạng DOCX hoặc PDF cho phiếu kết quả")
    if publication.withdrawn is not None:
        raise ActionError("Công bố này đã bị thu hồi: không tạo phiếu kết quả mới")
    # one request at a time per publication (PostgreSQL row lock; SQLite serialises writers)
    Publication.objects.select_for_update().filter(pk=publication.pk).values_list("pk").first()
    live = (
        ScorecardArchive.objects.filter(publication=publication, format=fmt, status__in=LIVE)
        .order_by("-requested_at", "-id")
        .first()
    )
    if live is not None and not _stale(live):
        return live
    if live is not None:
        _give_up(live)
    archive = ScorecardArchive.objects.create(
        publication=publication,
        format=fmt,
        total=unit_count(publication),
        requested_by=actor,
    )
    record(
        actor,
        "scorecards.request",
        cycle=publication.cycle,
        field="scorecards",
        new=f"{FORMATS[fmt]}, {format_count(archive.total)} đơn vị (công bố #{publication.pk})",
    )
    # Queued in the same transaction: with the database backend the task row commits or rolls
    # back with the archive row, so the worker never sees one without the other.
    if retry is not None:
        record(
            actor,
            AuditAction.JOB_RETRY,
            cycle=publication.cycle,
            field="scorecards",
            old=f"#{retry}",
            new=f"#{archive.pk}",
            reason=f"Tạo lại tệp ZIP phiếu kết quả {FORMATS[fmt]} (công bố #{publication.pk})",
        )
    build_scorecard_archive.enqueue(archive.pk)
    archive.refresh_from_db()
    return archive


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.JOB_STALE_MINUTES)


def _stale(archive: ScorecardArchive) -> bool:
    """Running, and no heartbeat for longer than settings.JOB_STALE_MINUTES: its worker died."""
    return archive.status == Status.RUNNING and timezone.now() - archive.updated_at > stale_after()


def _give_up(archive: ScorecardArchive) -> None:
    """Mark an archive whose worker died as failed, saying so (only if still running)."""
    error = (
        f"{STOPPED} (tiến trình nền không còn chạy; đã tạo {format_count(archive.done)}/"
        f"{format_count(archive.total)} phiếu); cần tạo lại từ đầu."
    )
    now = timezone.now()
    ScorecardArchive.objects.filter(pk=archive.pk, status=Status.RUNNING).update(
        status=Status.FAILED, error=error, finished_at=now
    )
    archive.status, archive.error, archive.finished_at = Status.FAILED, error, now


@task()
def build_scorecard_archive(archive_id: int) -> str:
    """Render the summary and every unit's scorecard into the archive's ZIP; returns its status."""
    now = timezone.now()
    claimed = ScorecardArchive.objects.filter(pk=archive_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:  # built, failed or taken by another worker meanwhile
        return "skipped"
    archive = ScorecardArchive.objects.select_related("publication").get(pk=archive_id)
    progress = _Progress(archive_id)
    try:
        _build(archive, progress)
    except BaseException as exc:
        stopped = not isinstance(exc, Exception)  # SystemExit, KeyboardInterrupt: worker stopped
        reason = "tiến trình nền đã dừng; hãy tạo lại" if stopped else str(exc) or repr(exc)
        logger.exception("scorecard archive %s failed", archive_id)
        ScorecardArchive.objects.filter(pk=archive_id).update(
            status=Status.FAILED,
            done=progress.done,
            error=f"Không tạo được tệp ZIP (đã tạo {format_count(progress.done)}/{format_count(archive.total)} phiếu): {reason}",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if stopped:
            raise
        return Status.FAILED.value
    return Status.DONE.value


class _Progress:
    """The ``advance`` callback of write_scorecards: counts, and writes ``done`` every few units."""

    def __init__(self, archive_id: int) -> None:
        self.archive_id = archive_id
        self.done = 0
        self.saved = 0
        self.beat = timezone.now()

    def __call__(self, n: int) -> None:
        self.done += n
        if self.done - self.saved >= PROGRESS_STEP or timezone.now() - self.beat >= HEARTBEAT:
            self.save()

    def save(self) -> None:
        """The progress and the heartbeat, in one cheap UPDATE."""
        self.beat = timezone.now()
        ScorecardArchive.objects.filter(pk=self.archive_id, status=Status.RUNNING).update(
            done=self.done, updated_at=self.beat
        )
        self.saved = self.done


class _Staged(File[bytes]):
    """A finished file on local disk: FileSystemStorage moves it into place instead of copying."""

    def temporary_file_path(self) -> str:
        return str(self.name)


def _build(archive: ScorecardArchive, progress: _Progress) -> None:
    from parindex.reports.batch import scorecard_path, write_scorecards
    from parindex.reports.document import unit_codes

    publication = archive.publication
    fmt = archive.format
    results = publication.full_run()
    codes = unit_codes(results)  # rank order
    head = publication.letterhead()  # as the documents of the publication page
    if len(codes) != archive.total:
        ScorecardArchive.objects.filter(pk=archive.pk).update(total=len(codes))
    # a worker killed half-way leaves its folder; the next build removes every dead one's
    tmp = new_staging(Path(tempfile.gettempdir()), STAGING_PREFIX)
    try:
        staging = Path(tmp) / "tep"
        staging.mkdir()
        documents = _write_documents(publication, results, staging, fmt, head)
        progress.save()  # a heartbeat after the report (long for a national run)
        # one process per core (settings.DOCUMENT_JOBS); a few dozen units render in-process
        write_scorecards(
            results, codes, staging, fmt, head, jobs=settings.DOCUMENT_JOBS, advance=progress
        )
        progress.save()
        target = Path(tmp) / f"{uuid.uuid4().hex}.zip"
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, path in documents:
                zf.write(path, name)
            for code in codes:
                path = scorecard_path(staging, code, fmt)
                zf.write(path, f"{FOLDER}/{path.name}")
        size = target.stat().st_size
        name = f"{publication.cycle.period}-{publication.pk}-{fmt}-{target.stem[:8]}.zip"
        with target.open("rb") as handle:
            archive.file.save(name, _Staged(handle, name=str(target)), save=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finished = ScorecardArchive.objects.filter(pk=archive.pk, status=Status.RUNNING).update(
        status=Status.DONE,
        file=archive.file.name,
        size=size,
        done=len(codes),
        total=len(codes),
        error="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not finished:  # given up as stale and requested again meanwhile: the newer one stands
        archive.file.delete(save=False)


def _write_documents(
    publication: Publication, results: PublishedRun, folder: Path, fmt: str, head: Letterhead
) -> list[tuple[str, Path]]:
    """The report and the decision into ``folder``: (name in the ZIP, file) in that order."""
    from parindex.reports import batch
    from parindex.web.results.documents import previous_publication

    earlier = previous_publication(publication)
    previous = earlier.full_run() if earlier is not None else None
    written = batch.write_documents(results, folder, fmt, head, previous)
    # the appendix (phu-luc.xlsx) is on the publication page; the ZIP holds the DOCX or PDF
    return [(path.name, path) for path in written if path.suffix == f".{fmt}"]


# --- what the page shows -----------------------------------------------------------------


def latest_archives(publication: Publication) -> list[dict[str, Any]]:
    """For each format: its newest archive (live ones first) as the page shows it, or None."""
    newest: dict[str, ScorecardArchive] = {}
    for archive in ScorecardArchive.objects.filter(publication=publication).order_by(
        "-requested_at", "-id"
    ):
        if _stale(archive):  # its worker died: say so, offer to start it again
            _give_up(archive)
        current = newest.get(archive.format)
        if current is None or (current.status == Status.FAILED and archive.status in LIVE):
            newest[archive.format] = archive
    rows = []
    for fmt, label in FORMATS.items():
        shown = newest.get(fmt)
        rows.append(
            {
                "format": fmt,
                "label": label,
                "archive": shown,
                "running": shown is not None and shown.status in (Status.QUEUED, Status.RUNNING),
                "stopped": shown is not None
                and shown.status == Status.FAILED
                and shown.error.startswith(STOPPED),
                "done_text": format_count(shown.done) if shown else "",
                "total_text": format_count(shown.total) if shown else "",
                "size_text": format_file_size(shown.size) if shown else "",
            }
        )
    return rows


def archives_context(request: Any, publication: Publication) -> dict[str, Any]:
    """What the section "Phiếu kết quả của tất cả đơn vị" shows, on the page and in its refresh."""
    rows = latest_archives(publication)
    return {
        "archives": rows,
        "polling": any(r["running"] for r in rows),
        "may_manage": _may_manage(request.user, publication),
    }


def _may_manage(user: Any, publication: Publication) -> bool:
    from django.http import Http404

    from parindex.web.access import access_cycle

    try:
        access_cycle(user, publication.cycle_id, manage=True)
    except Http404:
        return False
    return True
