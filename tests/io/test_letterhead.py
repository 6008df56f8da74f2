"""An office writes who issues and signs once, in van-ban.yaml; a mistake is named, all at once."""

from __future__ import annotations

import datetime as dt

import pytest

from parindex.core.problems import InputError
from parindex.demo.letterhead import LETTERHEAD
from parindex.io.letterhead import letterhead_from_text, read_letterhead, with_overrides
from parindex.reports.letterhead import Letterhead, recipient_lines, sentence_name

ISSUE_EXAMPLE = """\
issuer: ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
place: Lâm Đồng
report: {number: "15/BC-SNV", date: 2023-12-21}
decision: {number: "4769/QĐ-UBND", date: 2023-12-21, issuer: ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"],
           proposal: "Tờ trình số 120/TTr-SNV ngày 15/12/2023 của Sở Nội vụ",
           grounds: ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"]}
signer: {authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Nguyễn Văn A"}
decision_signer: {authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Trần Thị B"}
recipients: ["UBND tỉnh (b/c)", "Bộ Nội vụ (b/c)", "Các sở, ban, ngành", "UBND các xã, phường, đặc khu", "Lưu: VT, CCHC"]
"""


def test_the_issue_s_example_reads_as_the_office_wrote_it(tmp_path):
    path = tmp_path / "van-ban.yaml"
    path.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    head = read_letterhead(path)
    assert head.issuer_lines == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
    assert head.number == "15/BC-SNV" and head.date == dt.date(2023, 12, 21)
    assert head.signature_lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert head.signer_name == "Nguyễn Văn A"
    assert head.decision is not None
    assert head.decision.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert head.report_citation() == "Báo cáo số 15/BC-SNV ngày 21/12/2023 của Sở Nội vụ"
    assert head.decision_citation() == (
        "Quyết định số 4769/QĐ-UBND ngày 21/12/2023 của Ủy ban nhân dân tỉnh Lâm Đồng"
    )
    assert recipient_lines(head.recipients) == [
        "- UBND tỉnh (b/c);",
        "- Bộ Nội vụ (b/c);",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường, đặc khu;",
        "- Lưu: VT, CCHC.",
    ]


def test_every_mistake_is_named_by_its_key_at_once():
    text = (
        "issuer: 3\nsigner: [1]\nreport: {date: 31/02/2023, numbr: 5}\n"
        "decision_signer: {name: A}\nrecipient: []\n"
    )
    with pytest.raises(InputError) as caught:
        letterhead_from_text(text, "van-ban.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert all(m.startswith("van-ban.yaml, mục «") for m in messages), messages
    joined = "\n".join(messages)
    for key in ("issuer", "signer", "report.date", "report.numbr", "decision_signer", "recipient"):
        assert f"«{key}»" in joined, (key, joined)
    assert "31/02/2023" in joined


def test_a_broken_yaml_is_located_and_a_control_character_refused():
    with pytest.raises(InputError) as caught:
        letterhead_from_text("issuer: [\n", "van-ban.yaml")
    assert "dòng" in str(caught.value)
    with pytest.raises(InputError) as caught:
        letterhead_from_text('place: "Lâm\\u0007Đồng"\n', "van-ban.yaml")
    assert "U+0007" in str(caught.value) and "«place»" in str(caught.value)


def test_the_command_line_overrides_the_file_and_an_empty_file_gives_the_defaults():
    head = with_overrides(letterhead_from_text(ISSUE_EXAMPLE), number="16/BC-SNV", place="Đà Lạt")
    assert (head.number, head.place, head.signer_name) == ("16/BC-SNV", "Đà Lạt", "Nguyễn Văn A")
    blank = letterhead_from_text("")
    assert blank == Letterhead()
    assert "HUYỆN" not in " ".join(blank.issuer_lines)


def test_the_demo_letterhead_reads():
    head = letterhead_from_text(LETTERHEAD)
    assert head.issuer_name == "Sở Nội vụ"
    assert head.decision is not None and head.decision.number == "145/QĐ-UBND"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("UBND THỊ XÃ BUÔN HỒ", "UBND thị xã Buôn Hồ"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "Ủy ban nhân dân thành phố Đà Nẵng"),
        ("Sở Nội vụ tỉnh Quảng Ngãi", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ],
)
def test_an_issuing_body_reads_mid_sentence_with_its_place_s_capitals(line, name):
    assert sentence_name(line) == name
