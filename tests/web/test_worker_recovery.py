"""A background worker killed half-way: the ZIP of every scorecard does not stay "Đang tạo
0/2" for good. Its heartbeat stops, the page says it stopped and offers to start it again
(audited); the worker's processes end with it; its staging folder goes at the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from parindex.web.audit.models import AuditEntry
from parindex.web.results.models import ScorecardArchive
from parindex.web.results.scorecards import _Progress, do_request_scorecards
from tests.web.test_scorecard_archives import DATABASE_QUEUE, published, zip_of

ROOT = Path(__file__).resolve().parents[2]


def stuck_build(world, settings, minutes_ago):
    """A build the worker took up, then nothing: its last heartbeat ``minutes_ago``."""
    publication = published(world)
    settings.TASKS = DATABASE_QUEUE  # queued only: no worker runs it here
    archive = do_request_scorecards(publication, "docx", world.admin)
    ScorecardArchive.objects.filter(pk=archive.pk).update(
        status="running", done=0, updated_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return publication, archive


def test_a_build_without_a_heartbeat_is_shown_stopped_and_started_again(client, world, settings):
    settings.JOB_STALE_MINUTES = 5  # PARINDEX_JOB_STALE_MINUTES
    publication, archive = stuck_build(world, settings, minutes_ago=6)
    client.force_login(world.admin)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Việc tạo tệp đã dừng giữa chừng" in page
    assert "đã tạo 0/2 phiếu" in page and "Tạo lại (DOCX)" in page
    assert "Đang tạo 0/2 phiếu" not in page and "data-polling" not in page
    archive.refresh_from_db()
    assert archive.status == "failed" and archive.finished_at is not None

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = client.post(
        f"/cong-khai/{publication.pk}/phieu-ket-qua/tao/",
        {"format": "docx", "retry": archive.pk},
        follow=True,
    )
    assert "đã sẵn sàng để tải" in response.content.decode()
    names = zip_of(client, publication, "docx").namelist()
    assert names == ["bao-cao.docx", "quyet-dinh.docx", "phieu-diem/XA.docx", "phieu-diem/XB.docx"]
    retry = AuditEntry.objects.get(action="job.retry")
    assert retry.actor == world.admin and retry.old == f"#{archive.pk}"


def test_a_build_with_a_recent_heartbeat_is_still_shown_running(client, world, settings):
    settings.JOB_STALE_MINUTES = 5
    publication, archive = stuck_build(world, settings, minutes_ago=4)
    section = client.get(f"/cong-khai/{publication.pk}/phieu-ket-qua/").content.decode()
    assert "Đang tạo 0/2 phiếu…" in section and "dừng giữa chừng" not in section
    archive.refresh_from_db()
    assert archive.status == "running"


def test_the_public_sees_it_stopped_but_no_button(client, world, settings):
    publication, _archive = stuck_build(world, settings, minutes_ago=60)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Việc tạo tệp đã dừng giữa chừng" in page
    assert "Tạo lại (DOCX)" not in page


def test_the_heartbeat_beats_between_progress_steps(world, settings):
    _publication, archive = stuck_build(world, settings, minutes_ago=3)
    progress = _Progress(archive.pk)
    progress(1)  # one scorecard, just begun: nothing written yet
    archive.refresh_from_db()
    assert archive.done == 0 and timezone.now() - archive.updated_at > timedelta(minutes=2)
    progress.beat -= timedelta(seconds=31)  # a long chunk: half a minute since the last beat
    progress(1)
    archive.refresh_from_db()
    assert archive.done == 2 and timezone.now() - archive.updated_at < timedelta(minutes=1)


def test_a_killed_builds_staging_folder_goes_at_the_next_build(world):
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    left = Path(tempfile.gettempdir()) / f"parindex-phieu-diem-{int(ended.stdout)}-abcd"
    (left / "tep").mkdir(parents=True)
    (left / "tep" / "bao-cao.docx").write_bytes(b"half")
    archive = do_request_scorecards(published(world), "docx", world.admin)
    assert archive.status == "done"
    assert not left.exists()


WORKER_PARENT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from parindex.reports import batch

pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=batch._init_worker, initargs=(None,))
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(600)
"""


def _ended(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie waiting for init to reap it has ended


def test_the_worker_processes_end_when_their_parent_is_killed():
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKER_PARENT], env=env, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert not _ended(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while not _ended(child) and time.monotonic() < deadline:
        time.sleep(0.1)  # waiting for the child's watch (every second), not timing it
    ended = _ended(child)
    if not ended:
        os.kill(child, signal.SIGKILL)
    assert ended, "the worker process outlived the killed parent"
