"""The letterhead the organisation keeps (van-ban.yaml on the settings page) and the documents a
publication offers from it: the report, the decision, the appendix, the scorecards."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from parindex.core.workflow import CycleState
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.organisation.actions import do_edit_organisation
from parindex.web.organisation.models import Organisation
from parindex.web.results.documents import previous_publication
from tests.web.conftest import close_and_publish, scored_world

NAMES = {
    "province": "Tỉnh Quảng Ngãi",
    "issuing_body": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "department": "Sở Nội vụ tỉnh Quảng Ngãi",
    "address": "52 Hùng Vương",
    "hotline": "0255 3822 123",
    "email": "sonoivu@quangngai.gov.vn",
}
LETTERHEAD = """\
issuer: ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"]
place: Quảng Ngãi
report: {number: "15/BC-SNV", date: 2024-12-15}
signer: {authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Lê Thị Hoa"}
recipients: ["UBND tỉnh (b/c)", "Bộ Nội vụ (b/c)", "Lưu: VT, CCHC"]
decision:
  proposal: "Tờ trình số 120/TTr-SNV ngày 15/12/2024 của Sở Nội vụ"
  grounds: ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"]
  recipients: ["Như Điều 3", "Bộ Nội vụ (b/c)", "Văn phòng Chính phủ", "Lưu: VT, CCHC"]
decision_signer: {authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH"}
"""
MISTAKEN = LETTERHEAD.replace("signer: {", "signr: {", 1).replace("2024-12-15", "31/02/2024")
PUBLISH = {
    "issuing_body": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "number": "4769/QĐ-UBND",
    "decided_on": "21/12/2024",
    "place": "Quảng Ngãi",
    "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
    "confirmed": "on",
}


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_settings_page_offers_a_letterhead_in_the_organisations_names(client, world):
    Organisation.objects.create(**NAMES)
    client.force_login(world.admin)
    page = client.get("/to-chuc/").content.decode()
    assert 'name="letterhead"' in page
    assert "UBND TỈNH QUẢNG NGÃI" in page and "SỞ NỘI VỤ" in page
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in page  # the decision's issuing body
    assert "Quảng Ngãi" in page and "UBND HUYỆN" not in page


def test_a_mistaken_letterhead_is_refused_with_every_key_named(client, world):
    client.force_login(world.admin)
    response = client.post("/to-chuc/", {**NAMES, "letterhead": MISTAKEN})
    assert response.status_code == 200
    page = response.content.decode()
    assert "mục «signr»: khóa không có" in page
    assert "mục «report.date»: «31/02/2024» không phải một ngày" in page
    assert not Organisation.objects.exists()  # nothing saved, not even the names
    response = client.post("/to-chuc/", {**NAMES, "letterhead": "issuer: [a\nplace: b"})
    assert response.status_code == 200 and "YAML không hợp lệ" in response.content.decode()


def test_a_form_without_the_letterhead_leaves_the_stored_one(client, world):
    do_edit_organisation(world.admin, {**NAMES, "letterhead": LETTERHEAD})
    client.force_login(world.admin)
    assert client.post("/to-chuc/", {**NAMES, "hotline": "0255 3999 999"}).status_code == 302
    assert Organisation.current().letterhead == LETTERHEAD.strip()


def test_a_publication_without_a_stored_letterhead_is_headed_from_the_organisations_names(world):
    Organisation.objects.create(**NAMES)
    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định số 12/QĐ-UBND", None, world.admin)
    head = publication.letterhead()
    assert head.issuer_lines == ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"]
    assert head.issuer_name == "Sở Nội vụ" and head.place == "Quảng Ngãi"
    assert head.decision is not None and head.decision.number == "12/QĐ-UBND"
    assert head.decision_issuer_lines == ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"]
    assert "HUYỆN" not in repr(head)


def test_a_blank_organisation_still_gets_the_defaults(world):
    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định công bố", None, world.admin)
    head = publication.letterhead()
    assert head.issuer_lines == ["UBND TỈNH …", "SỞ NỘI VỤ"]
    assert "HUYỆN" not in repr(head)
    assert previous_publication(publication) is None


def test_the_publication_keeps_the_letterhead_it_was_published_with(world):
    do_edit_organisation(world.admin, {**NAMES, "letterhead": LETTERHEAD})
    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định công bố", None, world.admin)
    do_edit_organisation(world.admin, {"letterhead": LETTERHEAD.replace("Lê Thị Hoa", "Khác")})
    head = publication.letterhead()
    assert head.signer_name == "Lê Thị Hoa" and head.number == "15/BC-SNV"
    assert head.date == date(2024, 12, 15)
    assert head.decision is not None
    assert head.decision.proposal.startswith("Tờ trình số 120/TTr-SNV")
    # no signer published with it: the letterhead's decision signer signs
    assert head.decision.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_admin_sets_the_letterhead_publishes_and_a_visitor_downloads_the_decision(
    client, world
):
    """The persona walk: a mistake named, fixed, audited; published; the decision and the
    report downloaded by a visitor carry their own numbers, signers and recipients."""
    client.force_login(world.admin)
    page = client.post("/to-chuc/", {**NAMES, "letterhead": MISTAKEN}).content.decode()
    assert "«signr»" in page and "«report.date»" in page
    assert client.post("/to-chuc/", {**NAMES, "letterhead": LETTERHEAD}).status_code == 302
    edit = AuditEntry.objects.get(action=AuditAction.ORGANISATION_EDIT, field="letterhead")
    assert edit.old == "" and "Lê Thị Hoa" in edit.new and edit.actor == world.admin
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.post(f"/ky/{world.cycle.pk}/cong-bo/", PUBLISH, follow=True)
    publication = world.cycle.publications.get()
    client.logout()

    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    for name in ("quyet-dinh.docx", "quyet-dinh.pdf", "bao-cao.docx", "bao-cao.pdf"):
        assert f"/cong-khai/{publication.pk}/tai/{name}" in page
    assert f"/cong-khai/{publication.pk}/tai/phu-luc.xlsx" in page

    response = client.get(f"/cong-khai/{publication.pk}/tai/quyet-dinh.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="2024-quyet-dinh.docx"'
    decision = docx_text(response.content)
    assert "4769/QĐ-UBND" in decision and "Nguyễn Văn An" in decision
    assert "PHÓ CHỦ TỊCH" in decision and "Nơi nhận" in decision
    assert "Văn phòng Chính phủ" in decision and "Tờ trình số 120/TTr-SNV" in decision
    assert "UBND HUYỆN" not in decision

    report = docx_text(client.get(f"/cong-khai/{publication.pk}/tai/bao-cao.docx").content)
    assert "15/BC-SNV" in report and "Lê Thị Hoa" in report and "PHÓ GIÁM ĐỐC" in report
    assert "Nơi nhận" in report and "Bộ Nội vụ (b/c)" in report

    pdf = client.get(f"/cong-khai/{publication.pk}/tai/quyet-dinh.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    card = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.docx")
    assert card.status_code == 200
    assert "Kèm theo Báo cáo số 15/BC-SNV" in docx_text(card.content)
    # a document of the publication is not a unit's, and a unit's is not the publication's
    assert client.get(f"/cong-khai/{publication.pk}/don-vi/XA/quyet-dinh.docx").status_code == 404
    assert client.get(f"/cong-khai/{publication.pk}/tai/phieu-diem.pdf").status_code == 404


def test_the_publish_form_is_filled_from_the_letterheads_decision(client, world):
    do_edit_organisation(world.admin, {**NAMES, "letterhead": LETTERHEAD})
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert 'name="place" value="Quảng Ngãi"' in page
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH</textarea>" in page
    assert 'name="number" value=""' in page  # the number is the admin's to write


def test_the_decision_says_what_the_letterhead_and_the_publication_state(client, world):
    """The documents' own words, whatever renders them: the decision as published, the grounds
    and recipients of the letterhead; the report and its appendices from the report's side."""
    from parindex.reports.appendix_document import appendix_document
    from parindex.reports.decision_document import decision_document
    from parindex.reports.report_document import report_document

    do_edit_organisation(world.admin, {**NAMES, "letterhead": LETTERHEAD})
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    client.post(f"/ky/{world.cycle.pk}/cong-bo/", PUBLISH, follow=True)
    publication = world.cycle.publications.get()
    head, run = publication.letterhead(), publication.full_run()
    decision = decision_document(run, head)
    assert decision.number == "Số: 4769/QĐ-UBND"
    assert decision.place_date == "Quảng Ngãi, ngày 21 tháng 12 năm 2024"
    assert decision.issuer == ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",)
    assert decision.signer is not None and decision.signer.name == "Nguyễn Văn An"
    assert decision.signer.lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "- Văn phòng Chính phủ;" in decision.recipients
    assert any("Tờ trình số 120/TTr-SNV" in getattr(b, "text", "") for b in decision.blocks)
    report = report_document(run, head, None)
    assert report.number == "Số: 15/BC-SNV" and report.issuer == (
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ NỘI VỤ",
    )
    assert report.signer is not None and report.signer.name == "Lê Thị Hoa"
    assert "- Bộ Nội vụ (b/c);" in report.recipients
    card = appendix_document(run, "XA", head)
    assert card.attached_to == "(Kèm theo Báo cáo số 15/BC-SNV ngày 15/12/2024 của Sở Nội vụ)"


@pytest.mark.parametrize(
    "text",
    [
        "- chỉ là một danh sách",
        "!!python/object/apply:os.system ['true']",
        "issuer: *khong_co",
        "issuer: [" * 300,
        "place: 'a\x00b'",
        "report: {number: 15}\nsigner: {name: [1, 2]}",
        "recipients: [" + ", ".join(["x"] * 50) + "]",
        "name: " + "x" * 30_000,
    ],
)
def test_odd_letterheads_are_refused_with_a_reason_never_a_500(client, world, text):
    client.force_login(world.admin)
    response = client.post("/to-chuc/", {**NAMES, "letterhead": text})
    assert response.status_code == 200
    assert "Chưa lưu được: Văn bản" in response.content.decode()
    assert not Organisation.objects.exists()


# the letterhead states last year's report; each publication brings its own year's
OLD_REPORT = LETTERHEAD.replace(
    '{number: "15/BC-SNV", date: 2024-12-15}', '{number: "7/BC-SNV", date: 2023-12-14}'
)
REPORT = {"report_number": "15/BC-SNV", "report_date": "20/12/2024"}


def test_the_admin_publishes_the_years_report_number_and_its_documents_carry_it(client, world):
    """The persona walk: the letterhead holds last year's report; the admin writes this year's
    number and date on the publish form, sees them on the confirmation page, publishes; the
    report and a unit's scorecard downloaded by a visitor cite this year's report."""
    do_edit_organisation(world.admin, {**NAMES, "letterhead": OLD_REPORT})
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    form = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert 'name="report_number"' in form and 'name="report_date"' in form
    assert 'placeholder="7/BC-SNV"' in form  # what a blank number means
    unconfirmed = {k: v for k, v in {**PUBLISH, **REPORT}.items() if k != "confirmed"}
    page = client.post(f"/ky/{world.cycle.pk}/cong-bo/", unconfirmed).content.decode()
    assert "Số báo cáo</dt><dd>15/BC-SNV</dd>" in page
    assert "Ngày báo cáo</dt><dd>20/12/2024</dd>" in page
    assert 'name="report_number" value="15/BC-SNV"' in page  # carried to the confirmation
    assert not world.cycle.publications.exists()
    client.post(f"/ky/{world.cycle.pk}/cong-bo/", {**PUBLISH, **REPORT}, follow=True)
    publication = world.cycle.publications.get()
    assert publication.report_number == "15/BC-SNV"
    assert publication.report_date == date(2024, 12, 20)
    entry = AuditEntry.objects.get(action=AuditAction.CYCLE_PUBLISH)
    assert entry.new.endswith("; báo cáo số 15/BC-SNV ngày 20/12/2024")
    client.logout()

    report = docx_text(client.get(f"/cong-khai/{publication.pk}/tai/bao-cao.docx").content)
    assert "Số: 15/BC-SNV" in report and "7/BC-SNV" not in report
    assert "Quảng Ngãi, ngày 20 tháng 12 năm 2024" in report
    card = docx_text(client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.docx").content)
    assert "(Kèm theo Báo cáo số 15/BC-SNV ngày 20/12/2024 của Sở Nội vụ)" in card
    decision = docx_text(client.get(f"/cong-khai/{publication.pk}/tai/quyet-dinh.docx").content)
    assert "Số: 4769/QĐ-UBND" in decision  # the decision keeps its own number


def test_a_report_number_without_a_date_leaves_the_date_to_fill(world):
    """The letterhead's date is its own number's (last year's report): a new number without a
    date prints «ngày … tháng … năm …», not a date of another report."""
    from parindex.web.results.actions import do_publish_cycle

    do_edit_organisation(world.admin, {**NAMES, "letterhead": OLD_REPORT})
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    publication = do_publish_cycle(
        world.cycle, "Quyết định công bố", None, world.admin, report_number=" 15/BC-SNV "
    )
    head = publication.letterhead()
    assert head.number == "15/BC-SNV" and head.date is None
    assert head.place_date.endswith("ngày … tháng … năm …")


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("report_number", "15/BC\x07-SNV", "Số báo cáo: Có ký tự điều khiển (U+0007)"),
        ("report_number", "15/BC-SNV\n2", "Số báo cáo: Có ký tự điều khiển"),
        ("report_date", "20/13/2024", "Ngày báo cáo: Ngày «20/13/2024» không có trên lịch"),
        ("report_date", "2024-12-20", "Ngày báo cáo: Ngày «2024-12-20» cần theo dạng"),
    ],
)
def test_a_mistaken_report_number_or_date_is_refused_naming_the_field(
    client, world, field, value, said
):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    response = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/", {**PUBLISH, **REPORT, field: value}, follow=True
    )
    assert said in response.content.decode()
    assert not world.cycle.publications.exists()


def test_a_publication_made_before_the_report_fields_keeps_the_letterheads_report(client, world):
    do_edit_organisation(world.admin, {**NAMES, "letterhead": OLD_REPORT})
    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định số 12/QĐ-UBND", None, world.admin)
    assert publication.report_number == "" and publication.report_date is None
    head = publication.letterhead()
    assert head.number == "7/BC-SNV" and head.date == date(2023, 12, 14)
    report = docx_text(client.get(f"/cong-khai/{publication.pk}/tai/bao-cao.docx").content)
    assert "Số: 7/BC-SNV" in report and "Quảng Ngãi, ngày 14 tháng 12 năm 2023" in report
    card = docx_text(client.get(f"/cong-khai/{publication.pk}/don-vi/XA/phieu-diem.docx").content)
    assert "(Kèm theo Báo cáo số 7/BC-SNV ngày 14/12/2023 của Sở Nội vụ)" in card
