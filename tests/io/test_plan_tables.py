"""The plan's task table and its progress table read from XLSX as offices have them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from parindex.core.problems import InputError
from parindex.io.plan_tables import read_plan, read_progress

HEADER = [
    "TT",
    "Nhiệm vụ, giải pháp",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả",
    "Thời gian thực hiện",
]


def workbook(path: Path, rows: list[list[Any]], merge: list[str] = ()) -> Path:  # type: ignore[assignment]
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    book.save(path)
    return path


def plan_rows() -> list[list[Any]]:
    return [
        ["Phụ lục"],
        ["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Quyết định số 2553/QĐ-UBND ngày 29/12/2025 của UBND tỉnh)"],
        [],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I. CẢI CÁCH THỂ CHẾ"],
        [
            1,
            "Rà soát văn bản\nquy phạm pháp luật",
            "Sở Tư pháp",
            "Các sở",
            "Báo cáo",
            "Quý II/2026",
        ],
        [None] * 6,
        [2, "Kiểm tra văn bản", "Sở Tư pháp", None, None, "Thường xuyên"],
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        [3, "Công bố thủ tục", "Sở Nội vụ", None, "Quyết định", dt.datetime(2026, 3, 15)],
    ]


def test_the_task_table_with_its_title_headings_and_multi_line_cells(tmp_path: Path) -> None:
    plan = read_plan(workbook(tmp_path / "ke-hoach.xlsx", plan_rows(), ["A7:F7"]))
    assert [t.tt for t in plan.tasks] == ["1", "2", "3"]
    first, second, third = plan.tasks
    assert first.heading == "I. CẢI CÁCH THỂ CHẾ"
    assert first.text == "Rà soát văn bản\nquy phạm pháp luật"
    assert (first.lead, first.partners, first.product) == ("Sở Tư pháp", "Các sở", "Báo cáo")
    assert first.deadline.end == dt.date(2026, 6, 30) and first.row == 8
    assert second.deadline.end is None
    assert third.heading == "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert third.deadline.end == dt.date(2026, 3, 15)  # a date cell
    assert plan.assigned_by == "Quyết định số 2553/QĐ-UBND ngày 29/12/2025 của UBND tỉnh"


def test_other_column_names_offices_use(tmp_path: Path) -> None:
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Sản phẩm", "Thời hạn hoàn thành"],
        ["1", "Ban hành kế hoạch", "Sở Nội vụ", "Kế hoạch", "Tháng 1/2026"],
    ]
    (task,) = read_plan(workbook(tmp_path / "p.xlsx", rows)).tasks
    assert (task.product, task.deadline.end) == ("Kế hoạch", dt.date(2026, 1, 31))


def test_every_problem_is_located_at_once(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [1, "A", "Sở Nội vụ", None, None, "Cuối năm"],
        [1, "B", None, None, None, "Quý II/2026"],
        [None, "C", "Sở Tư pháp", None, None, "Quý V/2026"],
    ]
    with pytest.raises(InputError) as caught:
        read_plan(workbook(tmp_path / "ke-hoach.xlsx", rows))
    shown = [str(p) for p in caught.value.problems]
    assert any("dòng 2, ô F2 (Thời gian thực hiện)" in s and "«Cuối năm»" in s for s in shown)
    assert any("dòng 3, ô C3 (Cơ quan chủ trì)" in s and "thiếu" in s for s in shown)
    assert any("dòng 3, ô A3" in s and "trùng với dòng 2" in s for s in shown)
    assert any("dòng 4, ô A4 (TT)" in s for s in shown)
    assert any("dòng 4, ô F4" in s and "Quý V/2026" in s for s in shown)
    assert all(p.file == "ke-hoach.xlsx" for p in caught.value.problems)


def test_a_table_without_the_header_says_which_columns(tmp_path: Path) -> None:
    rows = [["TT", "Nhiệm vụ"], ["1", "A"]]
    with pytest.raises(InputError, match=r"Cơ quan chủ trì.*Thời gian thực hiện"):
        read_plan(workbook(tmp_path / "p.xlsx", rows))


def test_the_progress_table_and_a_task_the_plan_does_not_list(tmp_path: Path) -> None:
    plan = read_plan(workbook(tmp_path / "ke-hoach.xlsx", plan_rows()))
    good = [
        ["TT", "Ngày", "Kết quả thực hiện", "Hoàn thành"],
        [1, dt.datetime(2026, 6, 1), "Đã rà soát", "5/6/2026"],
        [2, "15/6/2026", "Đang kiểm tra", None],
    ]
    entries = read_progress(workbook(tmp_path / "tien-do.xlsx", good), plan)
    assert [(e.tt, e.date, e.completed) for e in entries] == [
        ("1", dt.date(2026, 6, 1), dt.date(2026, 6, 5)),
        ("2", dt.date(2026, 6, 15), None),
    ]
    bad = [good[0], [9, "1/6/2026", "?", None], [1, "ngày mai", "", "32/6/2026"]]
    with pytest.raises(InputError) as caught:
        read_progress(workbook(tmp_path / "tien-do.xlsx", bad), plan)
    shown = [str(p) for p in caught.value.problems]
    assert any("dòng 2, ô A2" in s and "TT «9» không có trong kế hoạch" in s for s in shown)
    assert any("dòng 3, ô B3 (Ngày)" in s for s in shown)
    assert any("dòng 3, ô D3 (Hoàn thành)" in s for s in shown)


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError):
        read_plan(path)


def test_the_task_table_of_a_word_annex_with_merged_heading_rows(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Phụ lục")
    doc.add_paragraph("(Kèm theo Quyết định số 2553/QĐ-UBND ngày 29/12/2022 của UBND huyện)")
    table = doc.add_table(rows=4, cols=6)
    header = ("TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
              "Thời gian thực hiện")  # fmt: skip
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(1, 5))
    merged.text = "I. CẢI CÁCH THỂ CHẾ"
    for cell, text in zip(
        table.rows[2].cells,
        ("1", "Rà soát văn bản\nquy phạm pháp luật", "Phòng Tư pháp", "", "Báo cáo", "Quý II/2023"),
        strict=True,
    ):
        cell.text = text
    for cell, text in zip(
        table.rows[3].cells,
        ("2", "Tuyên truyền CCHC", "Văn phòng", "Các xã", "Tin bài", "Thường xuyên"),
        strict=True,
    ):
        cell.text = text
    path = tmp_path / "phu-luc.docx"
    doc.save(str(path))
    plan = read_plan(path)
    assert plan.assigned_by == "Quyết định số 2553/QĐ-UBND ngày 29/12/2022 của UBND huyện"
    assert [(t.tt, t.heading, t.text, t.product, t.deadline.text) for t in plan.tasks] == [
        ("1", "I. CẢI CÁCH THỂ CHẾ", "Rà soát văn bản\nquy phạm pháp luật", "Báo cáo", "Quý II/2023"),
        ("2", "I. CẢI CÁCH THỂ CHẾ", "Tuyên truyền CCHC", "Tin bài", "Thường xuyên"),
    ]  # fmt: skip
