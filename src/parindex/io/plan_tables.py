"""A plan's task table and its progress table from XLSX, as offices keep them.

The task table (QĐ 2629/QĐ-TTg Phụ lục II): a title above, then a header row somewhere in
the first rows with "TT", "Nhiệm vụ, giải pháp" (or "Nội dung nhiệm vụ", "Nhiệm vụ"), "Cơ
quan chủ trì" (or "Đơn vị chủ trì"), "Cơ quan phối hợp", "Kết quả" (or "Sản phẩm") and
"Thời gian thực hiện" (or "Thời hạn", "Thời hạn hoàn thành"); maybe a row numbering the
columns "(1) (2) …"; heading rows with Roman numbering ("I. CẢI CÁCH THỂ CHẾ", merged
across the row, or "I" in TT and the heading beside it) give the heading of the tasks under
them. Multi-line cells are kept, empty rows skipped. A "(Kèm theo Quyết định số …)" line of
the title names the document that assigned the tasks.

The progress table: "TT", "Ngày", "Kết quả thực hiện", "Hoàn thành" (a date, or empty).

Every problem is reported at once, by file, row, column and reason; the workbook is checked
(``io.containers``) before openpyxl opens it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from parindex.core.characters import control_character_problem
from parindex.core.deadlines import Deadline, DeadlineError, deadline_of_date, parse_deadline
from parindex.core.numbers import format_count
from parindex.core.plans import Progress, Task
from parindex.core.problems import InputError, Problem
from parindex.io.cells import column_letter as get_column_letter
from parindex.io.containers import check_workbook, check_zip
from parindex.io.tables import MAX_CELL, _cell, fold, text_of

HEADER_ROWS = 15
"""How far down the header row is looked for."""
MAX_ROWS = 20_000

Value = str | dt.date | None

TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "tt": ("TT", "STT", "Số TT"),
    "task": (
        "Nhiệm vụ, giải pháp",
        "Nội dung nhiệm vụ",
        "Nhiệm vụ",
        "Tên nhiệm vụ",
        "Nội dung",
    ),
    "lead": ("Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan chủ trì thực hiện"),
    "partners": ("Cơ quan phối hợp", "Đơn vị phối hợp"),
    "product": ("Kết quả", "Sản phẩm", "Kết quả, sản phẩm", "Sản phẩm đầu ra"),
    "deadline": (
        "Thời gian thực hiện",
        "Thời hạn",
        "Thời hạn hoàn thành",
        "Thời gian hoàn thành",
    ),
}
TASK_REQUIRED = ("tt", "task", "lead", "deadline")
PROGRESS_COLUMNS: dict[str, tuple[str, ...]] = {
    "tt": ("TT", "STT"),
    "date": ("Ngày", "Ngày báo cáo", "Ngày cập nhật"),
    "result": ("Kết quả thực hiện", "Kết quả"),
    "completed": ("Hoàn thành", "Ngày hoàn thành"),
}
PROGRESS_REQUIRED = ("tt", "completed")
LABELS = {
    "tt": "TT",
    "task": "Nhiệm vụ, giải pháp",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp",
    "product": "Kết quả",
    "deadline": "Thời gian thực hiện",
    "date": "Ngày",
    "result": "Kết quả thực hiện",
    "completed": "Hoàn thành",
}

ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})\.?$")
ROMAN_HEADING = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})[.\s]\s*\S")
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
ATTACHED = re.compile(r"^\(?\s*kèm theo\s+(.+?)\s*\)?$", re.IGNORECASE)


@dataclass(frozen=True)
class PlanTable:
    file: str
    tasks: tuple[Task, ...]
    title: tuple[str, ...]
    """The lines above the header row (the annex's label and title)."""
    assigned_by: str
    """The document that assigned the tasks, from "(Kèm theo Quyết định số …)"; or empty."""


@dataclass(frozen=True)
class _Sheet:
    file: str
    rows: tuple[tuple[int, tuple[Value, ...]], ...]


def _value(raw: object) -> Value:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    cell = _cell(raw)
    return None if cell is None else text_of(cell)


def _load_docx(path: Path) -> _Sheet:
    """A Word annex: the paragraphs above its first table as title lines, then the table's
    rows (row numbers as the table counts them); a merged cell is read once, in its first
    column, so a heading row merged across the table reads as one cell."""
    from docx import Document

    name = path.name
    check_zip(path, name=name)
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise InputError([Problem(f"không mở được tệp Word: {exc}", file=name)]) from None
    if not document.tables:
        raise InputError([Problem("tệp Word không có bảng nhiệm vụ nào", file=name)])
    table = document.tables[0]
    body = list(document.element.body)
    above = body[: body.index(table._tbl)] if table._tbl in body else []
    rows: list[tuple[int, tuple[Value, ...]]] = []
    long: list[Problem] = []
    for element in above:
        text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")).strip()
        if text:
            rows.append((0, (text,)))
    for number, row in enumerate(table.rows, start=1):
        if number > MAX_ROWS:
            long.append(Problem(f"quá {format_count(MAX_ROWS)} dòng", file=name))
            break
        cells: list[Value] = []
        previous = None
        for column, cell in enumerate(row.cells):
            if previous is not None and cell._tc is previous:
                cells.append(None)
                continue
            previous = cell._tc
            text = "\n".join(p.text for p in cell.paragraphs)
            if len(text) > MAX_CELL:
                long.append(
                    Problem(
                        f"ô dài quá {format_count(MAX_CELL)} ký tự",
                        where=_where(number, column),
                        file=name,
                    )
                )
            cells.append(_value(text))
        if any(c is not None for c in cells):
            rows.append((number, tuple(cells)))
    if long:
        raise InputError(long)
    return _Sheet(name, tuple(rows))


def _load(path: Path) -> _Sheet:
    """The first sheet's non-empty rows, dates kept as dates; refused whole if it is broken.
    A Word annex (.docx): its first table (``_load_docx``)."""
    from openpyxl import load_workbook

    name = path.name
    if not path.exists():
        raise InputError([Problem("không tìm thấy tệp", file=str(path))])
    if path.suffix.lower() == ".docx":
        return _load_docx(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(
            [Problem("định dạng tệp không được hỗ trợ (cần .xlsx hoặc .docx)", file=name)]
        )
    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError([Problem(f"không mở được tệp Excel: {exc}", file=name)]) from None
    rows: list[tuple[int, tuple[Value, ...]]] = []
    long: list[Problem] = []
    try:
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            if number > MAX_ROWS:
                long.append(Problem(f"quá {format_count(MAX_ROWS)} dòng", file=name))
                break
            for column, raw in enumerate(values):
                if isinstance(raw, str) and len(raw) > MAX_CELL:
                    long.append(
                        Problem(
                            f"ô dài quá {format_count(MAX_CELL)} ký tự",
                            where=_where(number, column),
                            file=name,
                        )
                    )
            cells = tuple(_value(v) for v in values)
            if any(c is not None for c in cells):
                rows.append((number, cells))
    except Exception:  # a damaged sheet inside a readable zip
        raise InputError(
            [Problem("tệp Excel bị hỏng: không đọc được trang tính", file=name)]
        ) from None
    finally:
        book.close()
    if long:
        raise InputError(long)
    return _Sheet(name, tuple(rows))


def _where(row: int, column: int, label: str = "") -> str:
    place = f"dòng {row}, ô {get_column_letter(column + 1)}{row}"
    return f"{place} ({label})" if label else place


def _header(
    sheet: _Sheet, wanted: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[int, dict[str, int]]:
    """The index (in ``sheet.rows``) of the header row and the columns it names."""
    best: tuple[int, dict[str, int]] | None = None
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_ROWS]):
        folded = [fold(c) if isinstance(c, str) else "" for c in cells]
        found: dict[str, int] = {}
        for name, aliases in wanted.items():
            for alias in aliases:
                if fold(alias) in folded and folded.index(fold(alias)) not in found.values():
                    found[name] = folded.index(fold(alias))
                    break
        if all(name in found for name in required):
            return index, found
        if "tt" in found and (best is None or len(found) > len(best[1])):
            best = (index, found)
    missing = [n for n in required if best is None or n not in best[1]]
    shown = ", ".join(f"«{LABELS[n]}»" for n in missing)
    where = f"dòng {sheet.rows[best[0]][0]}" if best else ""
    reason = (
        f"thiếu cột {shown} ở dòng tiêu đề"
        if best
        else f"không tìm thấy dòng tiêu đề (có cột {shown}) trong {format_count(HEADER_ROWS)} dòng đầu"
    )
    raise InputError([Problem(reason, where=where, file=sheet.file)])


def _text(cells: tuple[Value, ...], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    value = cells[column]
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    return (value or "").strip()


def _heading(cells: tuple[Value, ...], columns: dict[str, int]) -> str | None:
    """The heading of a Roman-numbered row ("I. CẢI CÁCH THỂ CHẾ"), or None for a task row."""
    tt, task = _text(cells, columns["tt"]), _text(cells, columns["task"])
    others = [_text(cells, columns.get(n)) for n in ("lead", "partners", "product", "deadline")]
    if any(others):
        return None
    if ROMAN.match(tt) and task:
        return f"{tt.rstrip('.')}. {task}"
    filled = [c for c in cells if c is not None]
    if len(filled) == 1 and isinstance(filled[0], str) and ROMAN_HEADING.match(filled[0]):
        return " ".join(filled[0].split())
    return None


def _is_numbering(cells: tuple[Value, ...]) -> bool:
    filled = [c for c in cells if c is not None]
    return len(filled) >= 3 and all(isinstance(c, str) and COLUMN_NUMBER.match(c) for c in filled)


def _control(
    file: str, number: int, cells: tuple[Value, ...], columns: dict[str, int]
) -> list[Problem]:
    problems = []
    for name, column in columns.items():
        refused = control_character_problem(_text(cells, column), multiline=name != "tt")
        if refused:
            problems.append(Problem(refused, where=_where(number, column, LABELS[name]), file=file))
    return problems


def _deadline(value: Value) -> Deadline:
    if isinstance(value, dt.date):
        return deadline_of_date(value)
    return parse_deadline(value or "")


def read_plan(path: Path | str) -> PlanTable:
    """The tasks of a plan's task table, or InputError with every problem located."""
    sheet = _load(Path(path))
    at, columns = _header(sheet, TASK_COLUMNS, TASK_REQUIRED)
    title = tuple(
        " ".join(_text(cells, i) for i in range(len(cells)) if _text(cells, i))
        for _, cells in sheet.rows[:at]
    )
    assigned = next((m.group(1) for line in title if (m := ATTACHED.match(line))), "")
    problems: list[Problem] = []
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    heading = ""
    for number, cells in sheet.rows[at + 1 :]:
        if _is_numbering(cells):
            continue
        refused = _control(sheet.file, number, cells, columns)
        if refused:
            problems.extend(refused)
            continue
        found = _heading(cells, columns)
        if found is not None:
            heading = found
            continue
        text = {name: _text(cells, columns.get(name)) for name in TASK_COLUMNS}
        tt = text["tt"]
        row_problems = []
        for name in ("tt", "task", "lead"):
            if not text[name]:
                row_problems.append(
                    Problem(
                        f"thiếu «{LABELS[name]}»",
                        where=_where(number, columns[name], LABELS[name]),
                        file=sheet.file,
                    )
                )
        if tt and tt in seen:
            row_problems.append(
                Problem(
                    f"số thứ tự (TT) «{tt}» trùng với dòng {seen[tt]}",
                    where=_where(number, columns["tt"], "TT"),
                    file=sheet.file,
                )
            )
        elif tt:
            seen[tt] = number
        column = columns["deadline"]
        try:
            deadline = _deadline(cells[column] if column < len(cells) else None)
        except DeadlineError as exc:
            row_problems.append(
                Problem(str(exc), where=_where(number, column, LABELS["deadline"]), file=sheet.file)
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        tasks.append(
            Task(
                tt,
                heading,
                text["task"],
                " ".join(text["lead"].split()),  # one line: the tasks are grouped by it
                text["partners"],
                text["product"],
                deadline,
                number,
            )
        )
    if not tasks and not problems:
        problems.append(Problem("bảng không có nhiệm vụ nào", file=sheet.file))
    if problems:
        raise InputError(problems)
    return PlanTable(sheet.file, tuple(tasks), title, assigned)


def _date(value: Value, number: int, column: int, label: str, file: str) -> dt.date | Problem:
    if isinstance(value, dt.date):
        return value
    text = (value or "").strip()
    match = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    return Problem(
        f"«{text}» không phải là ngày (cần dạng dd/mm/yyyy, ví dụ 30/6/2026)",
        where=_where(number, column, label),
        file=file,
    )


def read_progress(path: Path | str, plan: PlanTable) -> list[Progress]:
    """The progress reports of a plan's tasks; a TT the plan does not list is a problem."""
    sheet = _load(Path(path))
    at, columns = _header(sheet, PROGRESS_COLUMNS, PROGRESS_REQUIRED)
    known = {task.tt for task in plan.tasks}
    problems: list[Problem] = []
    entries: list[Progress] = []
    for number, cells in sheet.rows[at + 1 :]:
        if _is_numbering(cells):
            continue
        refused = _control(sheet.file, number, cells, columns)
        if refused:
            problems.extend(refused)
            continue
        tt = _text(cells, columns["tt"])
        row_problems: list[Problem] = []
        if not tt:
            row_problems.append(
                Problem("thiếu «TT»", where=_where(number, columns["tt"], "TT"), file=sheet.file)
            )
        elif tt not in known:
            row_problems.append(
                Problem(
                    f"nhiệm vụ TT «{tt}» không có trong kế hoạch {plan.file}",
                    where=_where(number, columns["tt"], "TT"),
                    file=sheet.file,
                )
            )
        dates: dict[str, dt.date | None] = {}
        for name in ("date", "completed"):
            column = columns.get(name)
            value = cells[column] if column is not None and column < len(cells) else None
            if value is None or column is None:
                dates[name] = None
                continue
            parsed = _date(value, number, column, LABELS[name], sheet.file)
            if isinstance(parsed, Problem):
                row_problems.append(parsed)
            else:
                dates[name] = parsed
        if row_problems:
            problems.extend(row_problems)
            continue
        entries.append(
            Progress(
                tt,
                dates["date"],
                _text(cells, columns.get("result")),
                dates["completed"],
                number,
            )
        )
    if problems:
        raise InputError(problems)
    return entries
