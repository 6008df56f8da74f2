"""Every unit's scorecard in one ZIP: the admin starts it, a background task builds it, all download it."""

from __future__ import annotations

import io
import signal
import zipfile
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from parindex.web.audit.models import AuditEntry
from parindex.web.errors import ActionError
from parindex.web.results.models import ScorecardArchive
from parindex.web.results.scorecards import _Progress, do_request_scorecards
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def published(world):
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def zip_of(client, publication, fmt):
    response = client.get(f"/cong-khai/{publication.pk}/phieu-ket-qua/{fmt}.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="phieu-ket-qua-2024-{fmt}.zip"' in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def run_worker_once():
    """`manage.py db_worker --batch`: run what is queued, then exit (its signal handlers undone)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)


def test_the_admin_gets_every_units_scorecard_in_one_docx_zip(client, world):
    from docx import Document

    publication = published(world)
    client.force_login(world.admin)
    response = client.post(
        f"/cong-khai/{publication.pk}/phieu-ket-qua/tao/", {"format": "docx"}, follow=True
    )
    assert "Tệp ZIP phiếu kết quả (DOCX) đã sẵn sàng để tải." in response.content.decode()
    archive = ScorecardArchive.objects.get(publication=publication, format="docx")
    assert (archive.status, archive.done, archive.total) == ("done", 2, 2)
    with zip_of(client, publication, "docx") as zf:
        # the summary, then the scorecards in rank order (XA is first)
        assert zf.namelist() == [
            "bao-cao.docx",
            "quyet-dinh.docx",
            "phieu-diem/XA.docx",
            "phieu-diem/XB.docx",
        ]
        card = Document(io.BytesIO(zf.read("phieu-diem/XA.docx")))
    assert any("xã Tiên Châu đạt 85,25 điểm" in p.text for p in card.paragraphs)
    entry = AuditEntry.objects.get(action="scorecards.request")
    assert entry.actor == world.admin and entry.cycle == world.cycle
    assert "DOCX, 2 đơn vị" in entry.new


def test_a_pdf_zip_holds_scorecards_that_name_their_unit(client, world):
    from pypdf import PdfReader

    publication = published(world)
    do_request_scorecards(publication, "pdf", world.admin)
    with zip_of(client, publication, "pdf") as zf:
        assert sorted(zf.namelist()) == [
            "bao-cao.pdf",
            "phieu-diem/XA.pdf",
            "phieu-diem/XB.pdf",
            "quyet-dinh.pdf",
        ]
        text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(zf.read("phieu-diem/XB.pdf"))).pages
        )
    assert "Tiên Hà" in text


def test_the_page_shows_progress_while_the_zip_is_built_and_the_link_when_done(client, world):
    publication = published(world)
    archive = do_request_scorecards(publication, "docx", world.admin)
    section_url = f"/cong-khai/{publication.pk}/phieu-ket-qua/"
    ScorecardArchive.objects.filter(pk=archive.pk).update(status="queued", done=0)
    section = client.get(section_url).content.decode()
    assert "Đang chờ đến lượt tạo 2 phiếu…" in section and "data-polling" in section
    ScorecardArchive.objects.filter(pk=archive.pk).update(status="running", done=1)
    section = client.get(section_url).content.decode()
    assert '<progress value="1" max="2">' in section
    assert "Đang tạo 1/2 phiếu…" in section and "data-polling" in section
    ScorecardArchive.objects.filter(pk=archive.pk).update(status="done", done=2)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Phiếu kết quả của tất cả đơn vị" in page
    assert "Tải tệp ZIP (" in page and " KB)" in page and "2 phiếu" in page
    assert "data-polling" not in page
    assert "Tạo tệp ZIP phiếu kết quả" not in page  # the public sees no button


def test_progress_is_written_every_ten_scorecards(world):
    publication = published(world)
    archive = do_request_scorecards(publication, "docx", world.admin)
    ScorecardArchive.objects.filter(pk=archive.pk).update(status="running", done=0)
    progress = _Progress(archive.pk)
    for _ in range(9):
        progress(1)
    archive.refresh_from_db()
    assert archive.done == 0
    progress(1)
    archive.refresh_from_db()
    assert archive.done == 10


@pytest.mark.parametrize("persona", ["officer_a", "appraiser", "leader"])
def test_only_the_admin_may_start_it(client, world, persona):
    publication = published(world)
    url = f"/cong-khai/{publication.pk}/phieu-ket-qua/tao/"
    anonymous = client.post(url, {"format": "docx"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    client.force_login(getattr(world, persona))
    assert client.post(url, {"format": "docx"}).status_code == 404
    assert (
        "Tạo tệp ZIP phiếu kết quả"
        not in client.get(f"/cong-khai/{publication.pk}/").content.decode()
    )
    assert not ScorecardArchive.objects.exists()
    client.force_login(world.admin)
    assert (
        "Tạo tệp ZIP phiếu kết quả (PDF)"
        in client.get(f"/cong-khai/{publication.pk}/").content.decode()
    )


def test_it_refuses_a_format_it_does_not_make(world):
    publication = published(world)
    with pytest.raises(ActionError, match="DOCX hoặc PDF"):
        do_request_scorecards(publication, "xlsx", world.admin)


def test_asking_twice_queues_once(world, settings):
    from django_tasks_db.models import DBTaskResult

    publication = published(world)
    settings.TASKS = DATABASE_QUEUE
    first = do_request_scorecards(publication, "docx", world.admin)
    second = do_request_scorecards(publication, "docx", world.admin)
    assert first.pk == second.pk and first.status == "queued"
    assert DBTaskResult.objects.count() == 1
    assert AuditEntry.objects.filter(action="scorecards.request").count() == 1
    other = do_request_scorecards(publication, "pdf", world.admin)  # another format is another ZIP
    assert other.pk != first.pk and DBTaskResult.objects.count() == 2


def test_a_build_whose_worker_died_is_replaced_by_a_new_request(world, settings):
    publication = published(world)
    settings.TASKS = DATABASE_QUEUE
    stuck = do_request_scorecards(publication, "docx", world.admin)
    ScorecardArchive.objects.filter(pk=stuck.pk).update(
        status="running", updated_at=timezone.now() - timedelta(hours=1)
    )
    fresh = do_request_scorecards(publication, "docx", world.admin)
    stuck.refresh_from_db()
    assert fresh.pk != stuck.pk and fresh.status == "queued"
    assert stuck.status == "failed" and "dừng giữa chừng" in stuck.error


def test_a_failed_build_says_why_and_the_admin_may_ask_again(client, world, monkeypatch):
    from parindex.reports import docx_report

    publication = published(world)

    def broken(run, unit_code, head):
        raise OSError("hết dung lượng đĩa")

    monkeypatch.setattr(docx_report, "render_scorecard", broken)
    failed = do_request_scorecards(publication, "docx", world.admin)
    assert failed.status == "failed"
    assert failed.error == "Không tạo được tệp ZIP (đã tạo 0/2 phiếu): hết dung lượng đĩa"
    client.force_login(world.admin)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "hết dung lượng đĩa" in page and "Tạo tệp ZIP phiếu kết quả (DOCX)" in page
    assert client.get(f"/cong-khai/{publication.pk}/phieu-ket-qua/docx.zip").status_code == 404
    monkeypatch.undo()
    again = do_request_scorecards(publication, "docx", world.admin)
    assert again.pk != failed.pk and again.status == "done"


def test_the_database_queue_and_its_worker_build_the_zip(client, live_world, settings):
    """The production path: the request only queues; `manage.py db_worker` builds the ZIP."""
    from django_tasks_db.models import DBTaskResult

    publication = published(live_world)
    settings.TASKS = DATABASE_QUEUE
    client.force_login(live_world.admin)
    client.post(f"/cong-khai/{publication.pk}/phieu-ket-qua/tao/", {"format": "docx"})
    archive = ScorecardArchive.objects.get(publication=publication)
    assert archive.status == "queued"
    assert (
        "Đang chờ đến lượt tạo 2 phiếu…"
        in client.get(f"/cong-khai/{publication.pk}/phieu-ket-qua/").content.decode()
    )
    run_worker_once()
    archive.refresh_from_db()
    assert (archive.status, archive.done, archive.error) == ("done", 2, "")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    with zip_of(client, publication, "docx") as zf:
        assert zf.namelist() == [
            "bao-cao.docx",
            "quyet-dinh.docx",
            "phieu-diem/XA.docx",
            "phieu-diem/XB.docx",
        ]
