"""Evidence files: checked by content, size-limited, names sanitised, hashed, reuse flagged."""

from __future__ import annotations

import io
import zipfile

import pytest

from parindex.web.assessments.actions import do_add_evidence
from parindex.web.assessments.evidence import EvidenceRejected, safe_name, sniff
from parindex.web.assessments.views import reused_files
from parindex.web.errors import ActionError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_file(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "jpeg"),
        (office_file("docx"), "docx"),
        (office_file("xlsx"), "xlsx"),
        (office_file("odt"), "odt"),
        (b"MZ\x90\x00 this is a program", None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_the_type_is_read_from_the_content_not_the_name(data, kind):
    assert sniff(data) == kind


def test_a_file_that_only_starts_like_a_zip_is_named_broken():
    with pytest.raises(EvidenceRejected, match="bị cắt cụt hoặc hỏng"):
        sniff(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\Quyết định.pdf", "Quyết định.pdf"),
        ("a<b>c?.pdf", "a_b_c_.pdf"),
        ("   ", "tai-lieu"),
    ],
)
def test_names_are_sanitised(name, safe):
    assert safe_name(name) == safe


def test_a_pdf_is_stored_under_a_random_name_with_its_hash(world):
    score = world.score(world.unit_a, "1.1")
    evidence = do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "Kế hoạch 2024.pdf")
    assert evidence.original_name == "Kế hoạch 2024.pdf"
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert len(evidence.sha256) == 64
    assert "Kế hoạch" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    with evidence.file.open("rb") as fh:
        assert fh.read() == PDF


def test_a_program_renamed_to_pdf_is_refused(world):
    score = world.score(world.unit_a, "1.1")
    with pytest.raises(ActionError, match="chỉ nhận tệp PDF, DOCX, XLSX, ODT, JPEG hoặc PNG"):
        do_add_evidence(world.officer_a, score, io.BytesIO(b"MZ\x90\x00evil"), "bao-cao.pdf")


def test_a_file_over_the_limit_is_refused(world, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    score = world.score(world.unit_a, "1.1")
    with pytest.raises(ActionError, match="lớn hơn giới hạn"):
        do_add_evidence(world.officer_a, score, io.BytesIO(PDF + b"x" * 200), "lon.pdf")


def test_a_reference_without_a_file_needs_a_document_number(world):
    score = world.score(world.unit_a, "1.1")
    with pytest.raises(ActionError, match="Cần tải lên tệp hoặc ghi số văn bản"):
        do_add_evidence(world.officer_a, score, None, issuer="UBND xã")
    evidence = do_add_evidence(
        world.officer_a, score, None, doc_number="12/KH-UBND", issuer="UBND xã"
    )
    assert evidence.doc_number == "12/KH-UBND" and not evidence.file


def test_the_same_file_from_two_units_is_flagged(world):
    a = do_add_evidence(world.officer_a, world.score(world.unit_a, "1.1"), io.BytesIO(PDF), "a.pdf")
    do_add_evidence(world.officer_b, world.score(world.unit_b, "1.1"), io.BytesIO(PDF), "b.pdf")
    other = do_add_evidence(
        world.officer_a, world.score(world.unit_a, "2.1"), io.BytesIO(PNG), "anh.png"
    )
    assert reused_files([a, other]) == {a.sha256}


def test_the_flag_shows_on_the_appraisal_page(client, world):
    from parindex.core.workflow import CycleState

    do_add_evidence(world.officer_a, world.score(world.unit_a, "1.1"), io.BytesIO(PDF), "a.pdf")
    do_add_evidence(world.officer_b, world.score(world.unit_b, "1.1"), io.BytesIO(PDF), "b.pdf")
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.appraiser)
    page = client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/").content.decode()
    assert "tệp trùng với đơn vị khác" in page


def test_an_officer_cannot_attach_evidence_to_another_units_leaf(client, world):
    client.force_login(world.officer_b)
    score = world.score(world.unit_a, "1.1")
    response = client.post(f"/diem/{score.pk}/tai-lieu/", {"doc_number": "1/QĐ"})
    assert response.status_code == 404
    assert not score.evidence.exists()
