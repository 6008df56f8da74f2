"""Evidence the officer gives: several files at once (each checked), a document reference
without a file, a document already given cited again, and a preview that only shows verified
PDFs and images inline, sandboxed."""

from __future__ import annotations

import html
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.assessments.actions import do_add_evidence
from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="a.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_several_files_are_added_at_once(client, world):
    score = world.score(world.unit_a, "1.1")
    client.force_login(world.officer_a)
    response = client.post(
        f"/diem/{score.pk}/tai-lieu/", {"uploads": [pdf("Kế hoạch.pdf"), pdf("Báo cáo.pdf")]}
    )
    assert response["Location"].endswith("#tc-1.1")
    names = set(Evidence.objects.filter(score=score).values_list("original_name", flat=True))
    assert names == {"Kế hoạch.pdf", "Báo cáo.pdf"}
    assert AuditEntry.objects.filter(action="evidence.add", criterion_code="1.1").count() == 2


def test_one_bad_file_among_several_keeps_none_and_is_named(client, world):
    score = world.score(world.unit_a, "1.1")
    client.force_login(world.officer_a)
    page = client.post(
        f"/diem/{score.pk}/tai-lieu/",
        {"uploads": [pdf("tốt.pdf"), pdf("virus.pdf", b"MZ\x90 program")]},
        follow=True,
    )
    text = html.unescape(page.content.decode())
    assert "Chưa thêm tệp nào: 1 tệp không được nhận" in text
    assert "Tệp «virus.pdf» không được nhận" in text
    assert not Evidence.objects.filter(score=score).exists()


def test_a_document_reference_without_a_file_keeps_number_date_issuer_and_summary(client, world):
    score = world.score(world.unit_a, "1.1")
    client.force_login(world.officer_a)
    client.post(
        f"/diem/{score.pk}/tai-lieu/",
        {
            "doc_number": "12/KH-UBND",
            "doc_date": "05/01/2024",
            "issuer": "UBND xã Tiên Châu",
            "summary": "Kế hoạch CCHC năm 2024",
        },
    )
    evidence = Evidence.objects.get(score=score)
    assert (evidence.doc_number, evidence.issuer, evidence.summary) == (
        "12/KH-UBND",
        "UBND xã Tiên Châu",
        "Kế hoạch CCHC năm 2024",
    )
    page = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content.decode()
    )
    assert (
        "Văn bản số 12/KH-UBND ngày 05/01/2024 của UBND xã Tiên Châu: Kế hoạch CCHC năm 2024"
        in page
    )


def test_a_file_given_for_another_criterion_is_cited_again_from_the_list(client, world):
    first = world.score(world.unit_a, "1.1")
    given = do_add_evidence(world.officer_a, first, io.BytesIO(PDF), "Quyết định 5.pdf")
    other = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_a)
    page = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content.decode()
    )
    assert f'<option value="{given.pk}">Quyết định 5.pdf — tiêu chí 1.1' in page
    client.post(f"/diem/{other.pk}/dung-lai/", {"source": given.pk})
    copy = Evidence.objects.get(score=other)
    assert (copy.file.name, copy.sha256, copy.reused_from) == (given.file.name, given.sha256, given)
    entry = AuditEntry.objects.get(action="evidence.add", criterion_code="1.2")
    assert "dùng lại từ tiêu chí 1.1" in entry.new


def test_another_units_evidence_cannot_be_cited(client, world):
    theirs = do_add_evidence(
        world.officer_b, world.score(world.unit_b, "1.1"), io.BytesIO(PDF), "của xã B.pdf"
    )
    mine = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_a)
    page = client.post(f"/diem/{mine.pk}/dung-lai/", {"source": theirs.pk}, follow=True)
    assert "tài liệu đã chọn không còn trong danh sách" in html.unescape(page.content.decode())
    assert not Evidence.objects.filter(score=mine).exists()


def test_a_verified_pdf_or_image_is_previewed_inline_in_a_sandbox(client, world):
    score = world.score(world.unit_a, "1.1")
    shown = do_add_evidence(world.officer_a, score, io.BytesIO(PNG), "ảnh.png")
    client.force_login(world.leader)
    response = client.get(f"/tai-lieu/{shown.pk}/xem/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anything_else_is_downloaded_not_shown(client, world):
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    score = world.score(world.unit_a, "1.1")
    word = do_add_evidence(world.officer_a, score, io.BytesIO(data.getvalue()), "báo cáo.docx")
    client.force_login(world.officer_a)
    response = client.get(f"/tai-lieu/{word.pk}/xem/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content
    assert f"/tai-lieu/{word.pk}/xem/".encode() not in page  # no preview link offered


def test_a_stranger_cannot_preview(client, world):
    shown = do_add_evidence(
        world.officer_a, world.score(world.unit_a, "1.1"), io.BytesIO(PDF), "a.pdf"
    )
    client.force_login(world.officer_b)
    assert client.get(f"/tai-lieu/{shown.pk}/xem/").status_code == 404


def test_a_file_from_last_years_cycle_is_offered_for_reuse(client, world):
    from parindex.web.cycles.actions import do_create_cycle

    last_year = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2023", world.cycle.framework, "2023", [world.unit_a], world.admin
    )
    old_score = last_year.scores.get(unit=world.unit_a, criterion__code="1.1")
    old = Evidence.objects.create(
        score=old_score,
        doc_number="7/KH-UBND",
        summary="Kế hoạch CCHC năm 2023",
        uploaded_by=world.officer_a,
    )
    score = world.score(world.unit_a, "1.1")
    client.force_login(world.officer_a)
    page = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content.decode()
    )
    assert f'<option value="{old.pk}">7/KH-UBND — tiêu chí 1.1, Chỉ số CCHC cấp xã năm 2023' in page
    client.post(f"/diem/{score.pk}/dung-lai/", {"source": old.pk})
    copy = Evidence.objects.get(score=score)
    assert (copy.doc_number, copy.summary, copy.reused_from) == (
        "7/KH-UBND",
        "Kế hoạch CCHC năm 2023",
        old,
    )
