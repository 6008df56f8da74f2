"""Uploads an attacker or a broken disk sends: a zip bomb is refused without being unpacked
(the memory it costs is measured), a damaged archive is named with its reason on the page it
was sent from, a file downloads under the extension of its verified type and every download is
audited, a configured virus scanner sees every evidence file (and an unreachable one refuses
it), and a refused save leaves no file behind in storage."""

from __future__ import annotations

import html
import io
import socket
import struct
import tempfile
import threading
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.assessments.actions import do_add_evidence
from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry
from tests.io.damaged_zips import DAMAGED, DOC, MB, bomb, many_members, write_bomb
from tests.web.test_framework_pages import post_table

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def stored_files() -> set[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return {p for p in root.rglob("*") if p.is_file()}


def send(client, world, *files: tuple[str, bytes], code: str = "1.1"):
    """The officer of unit A adds files to a criterion; the page they land on, as text."""
    score = world.score(world.unit_a, code)
    client.force_login(world.officer_a)
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    page = client.post(f"/diem/{score.pk}/tai-lieu/", {"uploads": uploads}, follow=True)
    assert page.status_code == 200
    return html.unescape(page.content.decode()), score


def test_an_odt_bomb_is_refused_without_unpacking_it_and_memory_stays_bounded(client, world):
    data = bomb()  # 300 MB of zeros in a ~300 KB "mimetype" member: 577 MB in the worker before
    before = stored_files()
    tracemalloc.start()
    try:
        text, score = send(client, world, ("bien-ban.odt", data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "Tệp «bien-ban.odt» không được nhận" in text
    assert "giải nén ra 300 MB" in text and "nghi là bom nén" in text
    assert peak < 30 * MB, f"peak {peak / MB:.1f} MB"
    assert not Evidence.objects.filter(score=score).exists()
    assert stored_files() == before


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_document_is_named_with_its_reason_on_the_page(client, world, damage):
    data, words = DAMAGED[damage]
    text, score = send(client, world, ("báo cáo.docx", data))
    assert "Tệp «báo cáo.docx» không được nhận" in text
    assert words in text
    assert "ngày" not in text.split("Tệp «báo cáo.docx» không được nhận")[1][:200]  # no date
    assert not Evidence.objects.filter(score=score).exists()


def test_an_archive_of_more_than_ten_thousand_members_is_refused(client, world):
    text, _ = send(client, world, ("nhiều phần.docx", many_members(10_001)))
    assert "10.001 phần, quá giới hạn 10.000 phần" in text


def test_a_framework_annex_or_roster_that_is_a_bomb_is_refused_on_its_form(client, world):
    book = io.BytesIO()
    write_bomb(book, member="xl/worksheets/sheet1.xml", megabytes=5)
    client.force_login(world.admin)
    page = post_table(client, book.getvalue())
    text = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "phần «xl/worksheets/sheet1.xml»" in text and "nghi là bom nén" in text
    page = client.post(
        "/don-vi/nhap/", {"roster": SimpleUploadedFile("tinh.xlsx", book.getvalue())}
    )
    text = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "tinh.xlsx" in text and "nghi là bom nén" in text


def test_a_pdf_sent_as_html_downloads_as_pdf_and_the_download_is_audited(client, world):
    score = world.score(world.unit_a, "1.1")
    given = do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "trang.html")
    client.force_login(world.leader)
    response = client.get(f"/tai-lieu/{given.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="trang.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    entry = AuditEntry.objects.get(action="evidence.download")
    assert (entry.actor, entry.unit, entry.cycle, entry.criterion_code) == (
        world.leader,
        world.unit_a,
        world.cycle,
        "1.1",
    )
    assert f"tệp #{given.pk}" in entry.new


def test_a_row_stored_before_keeps_working_under_its_verified_extension(client, world):
    score = world.score(world.unit_a, "1.1")
    given = do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "a.pdf")
    Evidence.objects.filter(pk=given.pk).update(original_name="Quyết định 12.htm")
    client.force_login(world.officer_a)
    response = client.get(f"/tai-lieu/{given.pk}/xem/")
    assert response["Content-Disposition"].startswith("inline")
    assert "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    page = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content.decode()
    )
    assert "Quyết định 12.pdf</a>" in page  # the link says the name the download will have


class FakeClamd:
    """A clamd on a unix socket that answers INSTREAM: infected when EICAR is in the stream."""

    def __init__(self, tcp: bool = False) -> None:
        self.folder = tempfile.mkdtemp(prefix="clamd-", dir="/tmp")  # short: a socket path
        self.path = f"{self.folder}/clamd.sock"
        self.received: list[bytes] = []
        if tcp:
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", 0))
        else:
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(self.path)
        self.port = self.server.getsockname()[1] if tcp else 0
        self.server.listen()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size and (part := conn.recv(size - len(data))):
            data += part
        return data

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                assert self._read(conn, 10) == b"zINSTREAM\0"
                stream = b""
                while length := struct.unpack(">I", self._read(conn, 4))[0]:
                    stream += self._read(conn, length)
                self.received.append(stream)
                found = EICAR in stream
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self) -> None:
        self.server.close()
        Path(self.path).unlink(missing_ok=True)


@pytest.fixture
def clamd(settings):
    fake = FakeClamd()
    settings.CLAMAV_SOCKET = fake.path
    yield fake
    fake.close()


def test_a_clean_file_is_scanned_whole_and_kept(client, world, clamd):
    text, score = send(client, world, ("báo cáo.docx", DOC))
    assert "Đã thêm 1 tệp kiểm chứng" in text
    assert clamd.received == [DOC]
    assert Evidence.objects.filter(score=score).count() == 1


def test_an_infected_file_is_refused_audited_and_not_stored(client, world, clamd):
    before = stored_files()
    infected = PDF + EICAR
    text, score = send(client, world, ("tốt.pdf", PDF), ("nhiễm.pdf", infected))
    assert "Tệp «nhiễm.pdf» không được nhận: phát hiện mã độc (Eicar-Signature)" in text
    assert not Evidence.objects.filter(score=score).exists()
    entry = AuditEntry.objects.get(action="evidence.infected")
    assert (entry.actor, entry.unit, entry.criterion_code) == (world.officer_a, world.unit_a, "1.1")
    assert "nhiễm.pdf: Eicar-Signature" in entry.new
    assert stored_files() == before  # the clean one, stored first, is gone with the refusal


def test_a_scanner_on_a_host_and_port_is_asked_too(client, world, settings):
    fake = FakeClamd(tcp=True)
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", fake.port
    try:
        text, _ = send(client, world, ("nhiễm.pdf", PDF + EICAR))
    finally:
        fake.close()
    assert "phát hiện mã độc (Eicar-Signature)" in text
    assert fake.received == [PDF + EICAR]


def test_an_unreachable_scanner_refuses_the_upload_unless_told_to_fail_open(
    client, world, settings
):
    settings.CLAMAV_SOCKET = "/tmp/parindex-no-such-clamd.sock"
    text, score = send(client, world, ("báo cáo.pdf", PDF))
    assert "Tệp «báo cáo.pdf» chưa được nhận: không kết nối được dịch vụ quét virus" in text
    assert not Evidence.objects.filter(score=score).exists()
    settings.CLAMAV_FAIL_OPEN = True
    text, _ = send(client, world, ("báo cáo.pdf", PDF))
    assert "Đã thêm 1 tệp kiểm chứng" in text


def test_without_a_scanner_nothing_is_scanned(client, world):
    assert not settings.CLAMAV_SOCKET and not settings.CLAMAV_HOST
    text, _ = send(client, world, ("a.pdf", PDF + EICAR))
    assert "Đã thêm 1 tệp kiểm chứng" in text


def test_a_refused_save_leaves_no_file_in_storage(client, world):
    before = stored_files()
    text, score = send(client, world, ("một.pdf", PDF), ("hai.pdf", PDF), ("ba.pdf", b"MZ\x90"))
    assert "Chưa thêm tệp nào: 1 tệp không được nhận" in text
    assert not Evidence.objects.filter(score=score).exists()
    assert stored_files() == before


def test_a_damaged_file_on_the_field_form_is_named_beside_its_criterion_and_nothing_is_kept(
    client, world
):
    from tests.web.test_officer_field_form import leaf_of, typed, url

    before = stored_files()
    client.force_login(world.officer_a)
    good = SimpleUploadedFile("Kế hoạch.pdf", PDF)
    damaged = SimpleUploadedFile("Báo cáo.docx", DAMAGED["bad deflate stream"][0])
    response = client.post(
        url(world),
        typed(
            world,
            **{
                "1_1": {"self_score": "2", "uploads": good},
                "1_2": {"self_score": "2", "uploads": damaged},
            },
        ),
    )
    assert response.status_code == 200  # the form again, with what was typed
    text = html.unescape(response.content.decode())
    assert "Chưa lưu tiêu chí nào" in text
    assert "Tệp «Báo cáo.docx» không được nhận" in leaf_of(text, "1.2")
    assert "phần «word/document.xml»: dữ liệu nén bị cắt cụt hoặc hỏng" in leaf_of(text, "1.2")
    assert not Evidence.objects.exists()
    assert stored_files() == before  # 1.1's file was stored, then removed with the refusal
