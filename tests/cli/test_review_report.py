"""`parindex review` on the demo province's first half of 2026 (issue 15): the report a
reader opens, every figure traced to its input, and a bad input refused with nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from parindex.cli import main
from parindex.core.numbers import format_count
from parindex.demo.dossiers import register_frame
from parindex.demo.letterhead import write_letterhead
from parindex.demo.plan_2026 import plan_workbook, progress_workbook
from parindex.io.review_inputs import read_plan_status

UNITS = "code,name,kind\nSNV,Sở Nội vụ,sở\nSTP,Sở Tư pháp,sở\nX01,Tiên Châu,xã\nX02,Tiên Hà,xã\n"
INDICATORS = {
    "period": "6 tháng đầu năm 2026",
    "indicators": [
        {
            "code": "HL",
            "name": "Mức độ hài lòng của người dân đối với dịch vụ hành chính công",
            "unit": "%",
            "target": "≥ 90%",
            "value": 91.5,
            "attained": True,
            "lead": "Sở Nội vụ",
            "source": "SIPAS",
        },
        {
            "code": "TT",
            "name": "Tỷ lệ hồ sơ nộp trực tuyến",
            "unit": "%",
            "target": "≥ 80%",
            "value": 43.68,
            "attained": False,
            "lead": "Văn phòng UBND tỉnh",
        },
        {
            "code": "SH",
            "name": "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính",
            "unit": "%",
            "target": "100%",
            "value": None,
            "attained": None,
            "lead": "Văn phòng UBND tỉnh",
        },
    ],
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    (folder / "ke-hoach-2026.xlsx").write_bytes(plan_workbook())
    (folder / "tien-do-2026.xlsx").write_bytes(progress_workbook())
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    units = [("SNV", "tỉnh"), ("STP", "tỉnh"), ("X01", "xã"), ("X02", "xã")]
    register_frame(units, scale=0.2).write_csv(folder / "ho-so.csv")
    write_letterhead(folder)
    (folder / "chi-tieu.json").write_text(json.dumps(INDICATORS), encoding="utf-8")
    plan = ["--quiet", "plan", "status", "--plan", str(folder / "ke-hoach-2026.xlsx")]
    plan += ["--progress", str(folder / "tien-do-2026.xlsx"), "--as-of", "30/06/2026"]
    assert main([*plan, "--out", str(folder / "plan")]) == 0
    onestop = ["--quiet", "onestop", "report", "--dossiers", str(folder / "ho-so.csv")]
    onestop += ["--units", str(folder / "units.csv"), "--from", "01/01/2026", "--to", "30/06/2026"]
    assert main([*onestop, "--out", str(folder / "onestop")]) == 0
    return folder


def review(inputs: Path, out: Path, *extra: str, kind: str = "6-thang", **files: str) -> int:
    given = {
        "plan-status": str(inputs / "plan" / "trang-thai.json"),
        "indicators": str(inputs / "chi-tieu.json"),
        "onestop": str(inputs / "onestop" / "thong-ke.json"),
    } | files
    args = ["--quiet", "review", "--kind", kind, "--year", "2026"]
    args += ["--letterhead", str(inputs / "van-ban.yaml"), "--out", str(out)]
    for key, value in given.items():
        if value:
            args += [f"--{key}", value]
    return main([*args, *extra])


@pytest.fixture(scope="module")
def written(inputs: Path) -> Path:
    out = inputs / "bao-cao"
    assert review(inputs, out) == 0
    return out


def paragraphs(out: Path) -> list[str]:
    return [p.text for p in docx.Document(str(out / "bao-cao-cchc.docx")).paragraphs]


def section(texts: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, t in enumerate(texts) if t.startswith(start))
    last = next(i for i, t in enumerate(texts) if t.startswith(end))
    return texts[first:last]


def stats(inputs: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (inputs / "onestop" / "thong-ke.json").read_text(encoding="utf-8")
    )
    return data


def test_the_report_and_its_pdf_are_written(written: Path) -> None:
    assert sorted(p.name for p in written.iterdir()) == ["bao-cao-cchc.docx", "bao-cao-cchc.pdf"]
    pdf = PdfReader(str(written / "bao-cao-cchc.pdf"))
    first = pdf.pages[0].extract_text()
    assert "BÁO CÁO" in first and "6 tháng đầu năm 2026" in first
    assert not list(written.parent.glob(".parindex-*"))


def test_the_title_and_each_section_heading(written: Path) -> None:
    texts = paragraphs(written)
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2026" in texts
    for heading in (
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 6 THÁNG CUỐI NĂM 2026",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in texts
    results = section(texts, "I. KẾT QUẢ", "II. TỒN TẠI")
    for area in ("Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tài chính công"):
        assert any(t.endswith(f". {area}") for t in results)
    for label in ("Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"):
        assert label in texts


def test_the_plan_s_summary_is_the_counts_of_the_same_status(inputs: Path, written: Path) -> None:
    status = read_plan_status(inputs / "plan" / "trang-thai.json").status
    summary = status.counts.summary()
    texts = section(paragraphs(written), "I. KẾT QUẢ", "II. TỒN TẠI")
    assert any(
        t.startswith("Tính đến ngày 30/06/2026") and f"{summary} (chi tiết tại Phụ lục I)" in t
        for t in texts
    )


def test_the_one_stop_sentence_carries_the_total_of_thong_ke_json(
    inputs: Path, written: Path
) -> None:
    total = stats(inputs)["total"]["received"]["total"]
    texts = section(paragraphs(written), "I. KẾT QUẢ", "II. TỒN TẠI")
    sentence = next(t for t in texts if "hệ thống một cửa điện tử" in t)
    assert f"với tổng số {format_count(total)} hồ sơ. Trong đó: cấp tỉnh:" in sentence
    assert sentence.startswith("Từ ngày 01/01/2026 đến ngày 30/06/2026")


def test_an_overdue_task_and_the_missed_target_are_in_section_ii(
    inputs: Path, written: Path
) -> None:
    data = json.loads((inputs / "plan" / "trang-thai.json").read_text(encoding="utf-8"))
    overdue = [t["task"] for t in data["tasks"] if t["status"] == "Chưa hoàn thành"]
    shortcomings = " ".join(section(paragraphs(written), "II. TỒN TẠI", "III. NHIỆM VỤ"))
    assert overdue[0] in shortcomings
    assert f"Còn {format_count(len(overdue))} nhiệm vụ quá hạn chưa hoàn thành" in shortcomings
    assert "Tỷ lệ hồ sơ nộp trực tuyến (kết quả 43,68%, mục tiêu ≥ 80%)" in shortcomings
    late = stats(inputs)["total"]["resolved"]["late"]
    assert f"Còn {format_count(late)} hồ sơ giải quyết quá hạn" in shortcomings
    assert "[Nguyên nhân khách quan]" in shortcomings


def test_section_iii_lists_the_open_tasks_due_in_the_next_half(inputs: Path, written: Path) -> None:
    data = json.loads((inputs / "plan" / "trang-thai.json").read_text(encoding="utf-8"))
    due = [
        t
        for t in data["tasks"]
        if t["status"] == "Đang thực hiện"
        and t["deadline"]
        and "2026-07-01" <= t["deadline"] <= "2026-12-31"
    ]
    texts = section(paragraphs(written), "III. NHIỆM VỤ", "IV. ĐỀ XUẤT")
    listed = [t for t in texts if t.startswith("- ")]
    assert len(listed) == len(due) > 0
    assert f"- {due[0]['task']} ({due[0]['lead']}; thời hạn: {due[0]['deadline_text']})." in listed


def test_the_appendix_tables(inputs: Path, written: Path) -> None:
    tables = docx.Document(str(written / "bao-cao-cchc.docx")).tables
    heads = [[c.text for c in t.rows[0].cells] for t in tables]
    assert [
        "STT",
        "Tên nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tiến độ",
    ] in heads
    overdue = next(
        t for t, h in zip(tables, heads, strict=True) if h[2:3] == ["Văn bản giao nhiệm vụ"]
    )
    assert "(7 nhiệm vụ)" in overdue.rows[1].cells[1].text
    assert "Quyết định số 3150/QĐ-UBND" in overdue.rows[2].cells[2].text
    indicator = next(
        t
        for t, h in zip(tables, heads, strict=True)
        if h[-2:] == ["Kết quả thực hiện", "Đánh giá"] and len(h) == 7
    )
    assert [c.text for c in indicator.rows[2].cells] == [
        "2", "Tỷ lệ hồ sơ nộp trực tuyến", "%", "≥ 80%", "Văn phòng UBND tỉnh", "43,68", "Không đạt"
    ]  # fmt: skip
    assert indicator.rows[3].cells[5].text == "Chưa có số liệu"
    form = next(t for t, h in zip(tables, heads, strict=True) if h[:2] == ["Cột", "Chỉ tiêu"])
    data = stats(inputs)
    assert [c.text for c in form.rows[0].cells][2:] == ["Tổng cộng", "Cấp tỉnh", "Cấp xã"]
    assert form.rows[1].cells[2].text == format_count(data["total"]["received"]["total"])
    assert form.rows[1].cells[4].text == format_count(data["levels"]["xã"]["received"]["total"])


def test_nine_months_and_the_year(inputs: Path, tmp_path: Path) -> None:
    assert review(inputs, tmp_path / "9", kind="9-thang", onestop="", indicators="") == 0
    texts = paragraphs(tmp_path / "9")
    assert "Kết quả thực hiện công tác cải cách hành chính 9 tháng đầu năm 2026" in texts
    assert "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ IV NĂM 2026" in texts
    assert any(t.startswith("[Chưa có số liệu giải quyết hồ sơ") for t in texts)
    assert review(inputs, tmp_path / "nam", kind="nam", **{"plan-status": ""}) == 0
    texts = paragraphs(tmp_path / "nam")
    assert "Kết quả thực hiện công tác cải cách hành chính năm 2026" in texts
    assert any(t.startswith("[Chưa có trạng thái thực hiện kế hoạch") for t in texts)


def test_a_broken_input_is_refused_whole_and_nothing_is_written(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = dict(INDICATORS)
    bad["indicators"] = [
        {**INDICATORS["indicators"][0], "value": "nhiều"},  # type: ignore[dict-item]
        {**INDICATORS["indicators"][1], "attained": "có"},  # type: ignore[dict-item]
    ]
    (tmp_path / "chi-tieu.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "thong-ke.json").write_text("{ not json", encoding="utf-8")
    out = tmp_path / "out"
    code = review(
        inputs,
        out,
        indicators=str(tmp_path / "chi-tieu.json"),
        onestop=str(tmp_path / "thong-ke.json"),
        results=str(tmp_path / "khong-co.json"),
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "chi-tieu.json, mục «indicators[1].value»: phải là một số hoặc null" in err
    assert "chi-tieu.json, mục «indicators[2].attained»: phải là true, false hoặc null" in err
    assert "thong-ke.json: không phải JSON hợp lệ (dòng 1" in err
    assert "khong-co.json" in err
    assert not out.exists()


def test_a_plan_status_of_another_year_is_refused(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((inputs / "plan" / "trang-thai.json").read_text(encoding="utf-8"))
    data["as_of"] = "2025-12-31"
    (tmp_path / "trang-thai.json").write_text(json.dumps(data), encoding="utf-8")
    assert (
        review(inputs, tmp_path / "out", **{"plan-status": str(tmp_path / "trang-thai.json")}) == 2
    )
    assert (
        "trang-thai.json, mục «as_of»: trạng thái tính đến ngày 31/12/2025"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()
