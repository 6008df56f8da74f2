"""Publishing is a confirmation page first; the decision (body, number, place, date, signer) is
stored on the publication and printed by the documents; the cycle's people are told."""

from __future__ import annotations

import io
from datetime import date

from django.core import mail
from docx import Document

from parindex.core.workflow import CycleState
from parindex.web.notices.models import Notice, NoticeKind
from parindex.web.organisation.models import Organisation
from tests.web.conftest import scored_world

FORM = {
    "issuing_body": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "number": "4769/QĐ-UBND",
    "decided_on": "21/12/2024",
    "place": "Quảng Ngãi",
    "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
}


def post(client, world, **extra):
    return client.post(f"/ky/{world.cycle.pk}/cong-bo/", {**FORM, **extra}, follow=True)


def test_the_publish_form_shows_what_becomes_public_and_publishes_nothing_yet(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = post(client, world).content.decode()
    assert "Xác nhận công bố kết quả" in page
    assert "Kết quả của <strong>2</strong> đơn vị" in page
    assert "Chỉ số trung bình:" in page and "Xếp loại:" in page
    assert "Quyết định số 4769/QĐ-UBND ngày 21/12/2024 của Ủy ban nhân dân tỉnh Quảng Ngãi" in page
    # nothing was appraised in this world: said, so that the admin sees it before publishing
    assert "Còn điểm chưa được thẩm định (giữ điểm tự đánh giá):" in page
    assert "Chưa gửi tự đánh giá, chưa có quyết định (tính theo điểm đang có):" in page
    assert not world.cycle.publications.exists()


def test_confirming_publishes_with_the_decision_the_documents_print(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = post(client, world, confirmed="on").content.decode()
    publication = world.cycle.publications.get()
    assert f"Đã công bố kết quả: {publication.decision}." in page
    assert (publication.number, publication.place, publication.decided_on) == (
        "4769/QĐ-UBND",
        "Quảng Ngãi",
        date(2024, 12, 21),
    )
    assert publication.signer_title == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    # the decision as published heads and signs the decision (the report is the office's own)
    response = client.get(f"/cong-khai/{publication.pk}/tai/quyet-dinh.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs) + "\n".join(
        cell.text
        for table in Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in text
    assert "Số: 4769/QĐ-UBND" in text and "Quảng Ngãi, ngày 21 tháng 12 năm 2024" in text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Văn An" in text
    assert "UBND HUYỆN" not in text
    pdf = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_issuing_body_is_offered_from_the_organisation(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    Organisation.objects.create(issuing_body="Ủy ban nhân dân tỉnh Lâm Đồng")
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert 'name="issuing_body" value="Ủy ban nhân dân tỉnh Lâm Đồng"' in page


def test_a_cycle_still_in_appraisal_cannot_be_published_even_when_confirmed(client, world):
    scored_world(world)
    world.move_to(CycleState.FINAL_APPRAISAL)
    client.force_login(world.admin)
    page = post(client, world).content.decode()
    assert "chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định" in page
    assert "Xác nhận công bố</button>" not in page
    page = post(client, world, confirmed="on").content.decode()
    assert "chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định" in page
    assert not world.cycle.publications.exists()


def test_the_number_is_required_and_named(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = post(client, world, number="", confirmed="on").content.decode()
    assert "Số quyết định: Cần ghi số quyết định công bố, ví dụ 4769/QĐ-UBND" in page
    assert not world.cycle.publications.exists()


def test_publishing_tells_the_cycles_officers_appraisers_and_leaders(client, world):
    scored_world(world)  # the fixture assigns the appraiser to unit A
    world.move_to(CycleState.CLOSED)
    world.admin.email, world.leader.email = "qt@example.vn", "ld@example.vn"
    world.admin.save()
    world.leader.save()
    client.force_login(world.admin)
    post(client, world, confirmed="on")
    told = set(
        Notice.objects.filter(kind=NoticeKind.RESULTS_PUBLISHED).values_list(
            "user__username", flat=True
        )
    )
    assert {world.officer_a.username, world.officer_b.username, world.leader.username} <= told
    assert world.appraiser.username in told
    assert world.admin.username not in told
    assert [m.to for m in mail.outbox] == [["ld@example.vn"]]
    assert "Đã công bố kết quả" in mail.outbox[0].subject
