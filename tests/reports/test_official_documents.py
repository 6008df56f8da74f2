"""What the report, the decision and the appendices say, read as the Sở Nội vụ reads them
before signing and as a journalist reads them after (issue 13).

The demo's runs, scored by ``parindex demo --score``, with the demo's van-ban.yaml."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from parindex.cli import main
from parindex.io.letterhead import read_letterhead
from parindex.io.results_json import read_results
from parindex.reports.appendix_document import appendix_document
from parindex.reports.decision_document import decision_document
from parindex.reports.official import Chart, Heading, OfficialDocument, Para, Table
from parindex.reports.report_document import report_document

GOLDEN = Path(__file__).parent / "golden"
NUMBER = re.compile(r"^[0-9.]+(,[0-9]+)?%?$")
COMMUNES_2025 = "scheme-2025/lamson-commune-2025"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["--quiet", "demo", "--out", str(out), "--score"]) == 0
    return out


def run_of(demo: Path, name: str):
    return read_results(demo / "results" / name / "results.json")


def text_of(doc: OfficialDocument) -> str:
    """The document as plain text, in reading order (what the golden files hold)."""
    lines = [*doc.issuer, doc.number, doc.place_date, *doc.title]
    if doc.authority:
        lines.append(doc.authority)
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Para):
            lines.append(f"{block.lead} {block.text}".strip())
        elif isinstance(block, Table):
            lines.extend(" | ".join(row) for row in (block.header, *block.rows))
        elif isinstance(block, Chart):
            lines.append(f"[biểu đồ: {block.title}]")
    lines.append("Nơi nhận:")
    lines.extend(doc.recipients)
    if doc.signer:
        lines.extend([*doc.signer.lines, doc.signer.name])
    return "\n".join(line for line in lines if line) + "\n"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PARINDEX_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed (PARINDEX_UPDATE_GOLDEN=1)"


@pytest.mark.parametrize(
    ("run_name", "file"),
    [
        (COMMUNES_2025, "quyet-dinh-communes-2025.txt"),
        ("scheme-2025/lamson-department-2025", "quyet-dinh-departments-2025.txt"),
    ],
)
def test_the_decision_of_the_demo_reads_word_for_word(demo, run_name, file):
    head = read_letterhead(demo / "van-ban.yaml")
    golden(file, text_of(decision_document(run_of(demo, run_name), head)))


def test_the_decision_has_its_articles_grounds_recipients_and_signer(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    doc = decision_document(run_of(demo, COMMUNES_2025), head)
    assert doc.title[0] == "QUYẾT ĐỊNH"
    assert doc.title[1].startswith(
        "Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2025"
    )
    assert doc.number == "Số: 145/QĐ-UBND"
    assert doc.place_date == "Lam Sơn, ngày 28 tháng 01 năm 2026"
    assert doc.authority == "ỦY BAN NHÂN DÂN TỈNH LAM SƠN"
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    assert [p.lead for p in paras if p.lead] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert any(p.text == "QUYẾT ĐỊNH:" and p.bold and p.centred for p in paras)
    grounds = [p.text for p in paras if p.text.startswith("Căn cứ")]
    assert grounds[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert any(
        p.text.startswith("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 30/TTr-SNV")
        for p in paras
    )
    assert "chi tiết tại Phụ lục kèm theo" in paras[[p.lead for p in paras].index("Điều 1.")].text
    assert doc.recipients[0] == "- Như Điều 3;" and doc.recipients[-1] == "- Lưu: VT, NC."
    assert doc.signer is not None and doc.signer.name == "Phạm Thị Thu Hà"
    assert doc.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert doc.author == "Ủy ban nhân dân tỉnh Lam Sơn"


def test_the_report_has_the_sections_real_ones_have(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    run = run_of(demo, "communes-2024")
    doc = report_document(run, head, run_of(demo, "communes-2023"))
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [
        "I. TÌNH HÌNH TRIỂN KHAI",
        "II. KẾT QUẢ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    text = text_of(doc)
    assert text.count("Căn cứ ") >= 2
    assert "Sở Nội vụ báo cáo kết quả xác định Chỉ số cải cách hành chính năm 2024" in text
    # the survey: forms collected, the sample per unit, the units under the minimum
    respondents = sum(u.survey.respondents for u in run.units if u.survey and u.survey.respondents)
    assert f"Đã thu về {respondents // 1000}.{respondents % 1000:03d} phiếu" in text
    short = sum(1 for u in run.units if u.survey and u.survey.under_minimum)
    assert f"Có {short}/{len(run.units)} đơn vị có câu hỏi chưa đạt cỡ mẫu tối thiểu" in text
    # per block: counts, never every unit listed; the top and the bottom named
    for block in run.blocks:
        assert f"Có {len(block.above)}/{block.of} đơn vị đạt trên mức bình quân" in text
    every = [u.display_name for u in run.units]
    named = sum(1 for name in every if name in text)
    assert named < len(every) / 4, f"{named} of {len(every)} units named"
    assert run.units[0].display_name in text
    # the sampling caveat of report.md reaches the signed report
    assert f"vị thứ của {len(run.unsettled)}/{len(run.units)} đơn vị chưa thể phân định" in text
    assert "(Chi tiết tại Phụ lục kèm theo)" in text
    # one chart per block
    charts = [b for b in doc.blocks if isinstance(b, Chart) and b.kind == "ranking"]
    assert [c.block for c in charts] == [b.label for b in run.blocks]
    # what the office completes is marked
    drafts = [b for b in doc.blocks if isinstance(b, Para) and b.draft]
    assert drafts and all(b.text.startswith("[") and b.text.endswith("]") for b in drafts)
    assert doc.signer is not None and doc.signer.name == "Lê Minh Khoa"
    assert doc.recipients[-1] == "- Lưu: VT, CCHC."


def test_the_report_gives_the_year_s_change_of_the_average_and_the_classes(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    run, before = run_of(demo, "districts-2024"), run_of(demo, "districts-2023")
    doc = report_document(run, head, before)
    text = text_of(doc)
    change = run.overall.average - before.overall.average
    word = "tăng" if change > 0 else "giảm"
    assert f"({word} " in text and "so với năm 2023)" in text
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.header[0] == "Xếp loại")
    assert table.header[-1] == "Năm 2023"


def test_no_internal_note_reaches_a_document(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    for name in ("districts-2024", "communes-2024", COMMUNES_2025):
        run = run_of(demo, name)
        source = run.framework.source
        docs = [report_document(run, head), decision_document(run, head)]
        docs.append(appendix_document(run, run.units[0].code, head))
        for doc in docs:
            assert not source or source not in text_of(doc)
            assert "chưa xác định được số quyết định" not in text_of(doc)


def test_a_scorecard_is_an_appendix_of_the_report(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    run = run_of(demo, "districts-2024")
    unit = run.units[0]
    doc = appendix_document(run, unit.code, head)
    assert doc.kind == "appendix" and not doc.has_header and doc.signer is None
    assert doc.appendix_label == "Phụ lục"
    assert doc.attached_to == "(Kèm theo Báo cáo số 25/BC-SNV ngày 20/01/2026 của Sở Nội vụ)"
    assert doc.title[-1] == f"CỦA {unit.display_name.upper()}"
    assert not doc.number and not doc.recipients
    assert "PHIẾU" not in " ".join(doc.title)


def test_a_table_column_reads_one_way(demo):
    head = read_letterhead(demo / "van-ban.yaml")
    run = run_of(demo, "districts-2024")
    doc = appendix_document(run, run.units[-1].code, head)
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        for column in range(table.numeric_from, len(table.header)):
            values = [row[column] for row in table.rows if NUMBER.match(row[column])]
            decimals = {len(v.rstrip("%").partition(",")[2]) for v in values}
            assert len(decimals) <= 1, (table.header[column], values)
