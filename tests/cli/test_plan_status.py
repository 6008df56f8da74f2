"""`parindex plan status` on the demo province's 2026 plan and progress table (issue 14)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook, load_workbook

from parindex.cli import main
from parindex.core.plans import DONE, DONE_LATE, IN_PROGRESS, NOT_DONE
from parindex.demo.plan_2026 import plan_workbook, progress_workbook

DEMO_COUNTS = {DONE: 14, DONE_LATE: 6, IN_PROGRESS: 33, NOT_DONE: 7}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "ke-hoach-2026.xlsx").write_bytes(plan_workbook())
    (folder / "tien-do-2026.xlsx").write_bytes(progress_workbook())
    return folder


def status(demo: Path, out: Path, as_of: str = "30/06/2026", *extra: str) -> int:
    return main(
        [
            "--quiet",
            "plan",
            "status",
            "--plan",
            str(demo / "ke-hoach-2026.xlsx"),
            "--progress",
            str(demo / "tien-do-2026.xlsx"),
            "--as-of",
            as_of,
            "--out",
            str(out),
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def written(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "trang-thai"
    assert status(demo, out) == 0
    return out


def state(out: Path) -> dict[str, Any]:
    return json.loads((out / "trang-thai.json").read_text(encoding="utf-8"))


def test_the_four_counts_of_the_demo_plan(written: Path) -> None:
    data = state(written)
    assert data["as_of"] == "2026-06-30"
    assert data["counts"] == DEMO_COUNTS
    assert len(data["tasks"]) == 60
    assert sorted(p.name for p in written.iterdir()) == [
        "qua-han.xlsx",
        "tien-do.docx",
        "tien-do.xlsx",
        "trang-thai.json",
    ]
    assert not list(written.parent.glob(".parindex-*"))  # the staging folder is gone


def test_the_json_shape(written: Path) -> None:
    first = state(written)["tasks"][0]
    assert {"tt", "task", "lead", "deadline", "status"} <= set(first)
    assert first == first | {
        "tt": "1",
        "task": "Tham mưu UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2026",
        "lead": "Sở Nội vụ",
        "deadline": "2026-01-31",
        "status": DONE,
    }


def test_an_ongoing_task_is_never_overdue(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "later"
    assert status(demo, out, "31/12/2030") == 0
    ongoing = [t for t in state(out)["tasks"] if t["deadline"] is None]
    assert len(ongoing) >= 5
    assert {t["status"] for t in ongoing} == {IN_PROGRESS}


def test_a_late_completion_and_one_after_the_as_of_date(
    demo: Path, written: Path, tmp_path: Path
) -> None:
    tasks = {t["task"]: t for t in state(written)["tasks"]}
    late = tasks[
        "Ban hành kế hoạch khắc phục tồn tại, hạn chế theo kết quả Chỉ số cải cách hành chính năm 2025"
    ]
    assert (late["deadline"], late["status"]) == ("2026-04-30", DONE_LATE)
    upgrade = "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"
    assert tasks[upgrade]["status"] == NOT_DONE  # completed on 10/7/2026: open on 30/06/2026
    out = tmp_path / "july"
    assert status(demo, out, "31/07/2026") == 0
    later = {t["task"]: t for t in state(out)["tasks"]}
    assert later[upgrade]["status"] == DONE_LATE


def rows_of(path: Path) -> list[tuple[Any, ...]]:
    ws = load_workbook(path).active
    assert ws is not None
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_the_follow_up_annex_as_xlsx(written: Path) -> None:
    rows = rows_of(written / "tien-do.xlsx")
    texts = [r[0] for r in rows]
    assert "Dữ liệu tính đến ngày 30/06/2026" in texts
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[header] == (
        "STT",
        "Tên nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tiến độ",
    )
    groups = [r for r in rows[header + 1 :] if r[2] is None]
    tasks = [r for r in rows[header + 1 :] if r[2] is not None]
    assert groups[0][0] == "I" and groups[0][1].startswith("Sở Nội vụ (hoàn thành 6/17 nhiệm vụ")
    assert len(tasks) == 60
    assert tasks[0] == (
        "1",
        "Tham mưu UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2026",
        "Sở Nội vụ",
        "Tháng 1/2026",
        "Đã hoàn thành: kế hoạch của UBND tỉnh.",
        DONE,
    )
    leads = [r[2] for r in tasks]
    assert leads == sorted(leads, key=leads.index)  # grouped by the lead unit


def test_the_follow_up_annex_as_docx(written: Path) -> None:
    document = docx.Document(io.BytesIO((written / "tien-do.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert "Phụ lục" in texts and "Dữ liệu tính đến ngày 30/06/2026" in texts
    assert any(t.startswith("I. Sở Nội vụ: hoàn thành 6/17 nhiệm vụ") for t in texts)
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == [
        "STT",
        "Tên nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tiến độ",
    ]
    body = sum(len(t.rows) - 1 for t in document.tables)
    assert body == 60
    # the two long texts share the page: the result column is not squeezed to its longest
    # word while the task's name takes the rest (it was 15 mm of 165, results of 8 lines)
    grid = document.tables[0]._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))
    widths = [int(col.get(docx.oxml.ns.qn("w:w"))) for col in grid]
    assert widths[4] >= 0.2 * sum(widths) and widths[1] >= 0.25 * sum(widths)
    # a group taller than a page is not pushed whole onto the next page
    rows = document.tables[0].rows
    kept = [r for r in rows[1:-1] if r._tr.xpath(".//w:keepNext")]
    assert not kept


def test_the_overdue_annex(written: Path) -> None:
    rows = rows_of(written / "qua-han.xlsx")
    assert rows[1][0] == "TỔNG HỢP CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[header] == (
        "STT",
        "Nhiệm vụ",
        "Văn bản giao nhiệm vụ",
        "Cơ quan chủ trì thực hiện",
        "Thời hạn hoàn thành",
    )
    assert rows[header + 1][:2] == ("I", "Nhiệm vụ quá hạn chưa hoàn thành (7 nhiệm vụ)")
    tasks = rows[header + 2 :]
    assert len(tasks) == 7
    assert {r[2] for r in tasks} == {
        "Quyết định số 3150/QĐ-UBND ngày 26/12/2025 của UBND tỉnh Lam Sơn"
    }


def test_the_summary_line(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "printed"
    main(
        [
            "plan",
            "status",
            "--plan",
            str(demo / "ke-hoach-2026.xlsx"),
            "--progress",
            str(demo / "tien-do-2026.xlsx"),
            "--as-of",
            "30/06/2026",
            "--out",
            str(out),
        ]
    )
    printed = " ".join(capsys.readouterr().out.split())
    assert "Tính đến ngày 30/06/2026: hoàn thành 20/60 nhiệm vụ" in printed
    assert "7 nhiệm vụ quá hạn chưa hoàn thành" in printed


def test_without_progress_every_task_is_open(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    code = main(
        ["--quiet", "plan", "status", "--plan", str(demo / "ke-hoach-2026.xlsx"),
         "--as-of", "1/1/2026", "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    assert state(out)["counts"] == {DONE: 0, DONE_LATE: 0, IN_PROGRESS: 60, NOT_DONE: 0}


def test_a_bad_deadline_is_located_by_row(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(demo / "ke-hoach-2026.xlsx")
    ws = book.active
    assert ws is not None
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 5)
    ws.cell(row, 6).value = "Cuối quý"
    bad = tmp_path / "ke-hoach.xlsx"
    book.save(bad)
    out = tmp_path / "never"
    code = main(["plan", "status", "--plan", str(bad), "--as-of", "30/06/2026", "--out", str(out)])
    assert code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"ke-hoach.xlsx, dòng {row}, ô F{row} (Thời gian thực hiện)" in err
    assert "«Cuối quý»" in err
    assert not out.exists()


def test_a_bad_as_of_date(demo: Path, tmp_path: Path) -> None:
    assert status(demo, tmp_path / "x", "2026-06-30") == 2


def test_a_progress_row_for_a_task_the_plan_lacks(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["TT", "Ngày", "Kết quả thực hiện", "Hoàn thành"])
    ws.append([99, dt.datetime(2026, 6, 1), "?", None])
    progress = tmp_path / "tien-do.xlsx"
    book.save(progress)
    code = main(
        ["plan", "status", "--plan", str(demo / "ke-hoach-2026.xlsx"), "--progress", str(progress),
         "--as-of", "30/06/2026", "--out", str(tmp_path / "o")]
    )  # fmt: skip
    assert code == 2
    assert "tien-do.xlsx, dòng 2, ô A2 (TT): nhiệm vụ TT «99» không có trong kế hoạch" in " ".join(
        capsys.readouterr().err.split()
    )
