"""A framework table's rows → the criteria tree → the mapping ``parse_framework`` takes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from parindex.core.characters import control_character_problem
from parindex.core.framework import DEFAULT_CLASSES, parse_framework
from parindex.core.numbers import format_vn, to_decimal
from parindex.core.problems import InputError, Problem
from parindex.io.containers import check_workbook
from parindex.io.framework_table.headers import find_header, is_column_numbers
from parindex.io.framework_table.lines import line_points, line_text, settle
from parindex.io.framework_table.numbering import (
    DOTTED,
    LETTER,
    NUMBER,
    Entry,
    Label,
    Line,
    Nester,
    classify,
    is_bullet,
    label_in_name,
)
from parindex.io.framework_table.text import Cell, cell, fold, number_of, text_of

SOURCES = {
    "self": "self",
    "tu danh gia": "self",
    "tu cham": "self",
    "tu cham diem": "self",
    "tham dinh": "self",
    "survey": "survey",
    "dieu tra xa hoi hoc": "survey",
    "dieu tra xhh": "survey",
    "dtxhh": "survey",
    "dtxh": "survey",
    "xhh": "survey",
    "tu danh gia va dieu tra xa hoi hoc": "",  # mixed: its leaves say which
}
LEVEL_WORDS = {
    "linh vuc": 1,
    "noi dung": 1,
    "tieu chi": 2,
    "tieu chi thanh phan": 3,
    "tctp": 3,
    "chi tieu": 3,
}
MAX_LEVEL = 9
_SURVEY_NAME = re.compile(r"\b(dieu tra xa hoi hoc|dieu tra xhh|dtxhh|dt xhh)\b")
_TOTAL = re.compile(
    r"^(tong cong|tong so diem|tong diem|tong so|tong|cong)(\s+(diem|chung|cong))?"
    r"(\s+(linh vuc|phan|muc)\s+\S+)?\s*(\(.*\))?\s*[:.]?$"
)  # "Tổng cộng", "TỔNG ĐIỂM (I+II)"; "Cộng", "Cộng lĩnh vực I": a subtotal, not checked


def _load(path: Path) -> list[tuple[object, ...]]:
    """The first sheet's values; every way a file can fail to be a workbook is one problem."""
    unreadable = InputError(
        [Problem("không đọc được tệp: cần một bảng tính Excel .xlsx", file=path.name)]
    )
    if path.exists():
        check_workbook(path)  # a zip bomb or a broken archive is named before openpyxl
    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except FileNotFoundError:
        raise InputError([Problem("không tìm thấy tệp", file=path.name)]) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise unreadable from None
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    except Exception:  # a broken sheet inside a valid zip
        raise unreadable from None
    finally:
        workbook.close()


def read_framework_table(
    path: Path,
    *,
    id: str,
    name: str,
    level: str,
    year: int,
    source: str = "",
    classes: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Read a framework table (first sheet) into a framework mapping.

    The mapping is what ``parse_framework`` takes (numbers as Decimal) and is checked by
    it before it is returned. Raises InputError with every problem, each at its row
    ("dòng 7") or cell ("ô C7").
    """
    path = Path(path)
    return framework_from_rows(
        _load(path),
        file=path.name,
        id=id,
        name=name,
        level=level,
        year=year,
        source=source,
        classes=classes,
    )


def framework_from_rows(
    rows: Sequence[Sequence[object]],
    *,
    file: str,
    id: str,
    name: str,
    level: str,
    year: int,
    source: str = "",
    classes: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The same from a sheet's rows (values as openpyxl gives them; row 1 first)."""
    table = [tuple(cell(value) for value in row) for row in rows]
    header = find_header(table, file)
    if header.problems:
        raise InputError(header.problems)
    builder = _Builder(file, header.columns)
    repeated = {table[number - 1] for number in header.rows}
    for index in range(header.first_data, len(table)):
        if table[index] in repeated or is_column_numbers(table[index], header.columns.get("name")):
            continue  # the header again, as each page of a converted annex repeats it
        builder.row(index + 1, table[index])
    fields = builder.finish(header.first_data + 1)

    data: dict[str, Any] = {"id": id, "name": name, "level": level, "year": int(year)}
    if source:
        data["source"] = source
    data["classes"] = _classes(classes)
    data["fields"] = fields
    try:
        parse_framework(data, origin=file)
    except InputError as exc:
        raise InputError(_located(exc.problems, builder.rows_of, file)) from None
    return data


class _Builder:
    """Reads the rows one by one into entries, then checks and writes the tree."""

    def __init__(self, file: str, columns: dict[str, int]) -> None:
        self.file = file
        self.columns = columns
        self.problems: list[Problem] = []
        self.nester = Nester()
        self.last: Entry | None = None  # the criterion the next scoring line belongs to
        self.rows_of: dict[str, int] = {}
        self.totals: list[tuple[int, Decimal]] = []

    def problem(self, where: str, message: str, criterion: str = "") -> None:
        self.problems.append(Problem(message, where=where, file=self.file, criterion=criterion))

    def cell_ref(self, key: str, row: int) -> str:
        column = self.columns.get(key)
        return f"dòng {row}" if column is None else f"ô {get_column_letter(column + 1)}{row}"

    def max_cell(self, row: int) -> str:
        return self.cell_ref("max", row)

    # --- one row ------------------------------------------------------------------

    def row(self, number: int, values: tuple[Cell, ...]) -> None:
        def get(key: str) -> Cell:
            column = self.columns.get(key)
            return values[column] if column is not None and column < len(values) else None

        if all(get(key) is None for key in self.columns):
            return  # empty, or only scores in columns that are not read

        name = text_of(get("name"))
        code = text_of(get("code"))
        refused = [
            (key, reason)
            for key, text in (("code", code), ("name", name))
            if (reason := control_character_problem(text, multiline=key == "name"))
        ]
        for key, reason in refused:
            self.problem(self.cell_ref(key, number), reason)
        if refused:
            return
        total = _TOTAL.match(fold(code or name))
        if total and (not code or not name or _TOTAL.match(fold(name))):
            if total.group(1).startswith("tong") and not total.group(4):
                self._total(number, get("max"))
            return
        level, level_ok = self._level(number, get("level"))
        if not level_ok:
            return
        label: Label | None = None
        code_key = "code"
        if code and not is_bullet(code):
            label = classify(code)
            if label is None:
                self.problem(
                    self.cell_ref("code", number),
                    f"số thứ tự «{code}» không theo cách đánh số nào đã biết "
                    "(1, 1.1, 1.1.1; I, II; a), b); Tiêu chí 1, Chỉ tiêu 1)",
                )
                return
        elif not code and name:
            found = label_in_name(name)
            numbered_line = (
                found is not None
                and found[0].kind in (NUMBER, LETTER, DOTTED)
                and get("max") is None
                and self.last is not None
                and line_points(name) is not None
            )  # "1. Ban hành kịp thời: 1" under a criterion is one of its scoring lines
            if found is not None and not numbered_line:
                label, name, code_key = found[0], found[1], "name"
        if label is None and level is None:
            self._line(number, name, get)
        else:
            self._entry(number, label, level, name, get, code_key)

    def _level(self, number: int, value: Cell) -> tuple[int | None, bool]:
        if value is None:
            return None, True
        found = number_of(value)
        if found is None and isinstance(value, str):
            words = LEVEL_WORDS.get(fold(value))
            found = Decimal(words) if words is not None else None
        if found is not None and found == found.to_integral_value() and 1 <= found <= MAX_LEVEL:
            return int(found), True
        self.problem(
            self.cell_ref("level", number),
            f"cấp «{text_of(value)}» không hợp lệ "
            "(1: lĩnh vực, 2: tiêu chí, 3: tiêu chí thành phần, …)",
        )
        return None, False

    def _total(self, number: int, value: Cell) -> None:
        points = number_of(value)
        if points is not None:
            self.totals.append((number, points))

    def _line(self, number: int, name: str, get: Callable[[str], Cell]) -> None:
        text = line_text(" ".join(t for t in (name, text_of(get("guide"))) if t))
        entry = self.last
        raw = get("max")
        if entry is None or not (text or get("note") or get("evidence") or get("survey")):
            message = (
                "thiếu mã tiêu chí (ô STT trống và phía trên chưa có tiêu chí nào)"
                if entry is None
                else "thiếu mã và tên tiêu chí"
            )
            self.problem(self.cell_ref("code", number), message)
            return
        cell_points = number_of(raw)
        if raw is not None and (cell_points is None or cell_points < 0):
            self.problem(
                self.max_cell(number),
                f"điểm «{text_of(raw)}» của dòng thang điểm không phải là số không âm",
                entry.code,
            )
            cell_points = None
        if text or cell_points is not None:
            entry.lines.append(Line(number, text, line_points(text), cell_points))
        self._extras(entry, number, get)

    def _extras(self, entry: Entry, number: int, get: Callable[[str], Cell]) -> None:
        """Note, evidence asked and survey mark: the same on a criterion or its lines."""
        note = text_of(get("note"), lines=True)
        if note:
            entry.notes.append(note)
        asked = text_of(get("evidence"), lines=True)
        if asked:
            entry.evidence.append(asked)
        if get("survey") is not None and entry.mark_row is None:
            entry.mark_row = number

    def _entry(
        self,
        number: int,
        label: Label | None,
        level: int | None,
        name: str,
        get: Callable[[str], Cell],
        code_key: str,
    ) -> None:
        parent, message = self.nester.parent_for(label, level)
        entry = Entry(number, label)
        self.last = entry  # even when it cannot be placed: its lines are not more problems
        if message:
            where = self.cell_ref("level" if level is not None else code_key, number)
            self.problem(where, message, label.text if label is not None else "")
            return
        entry.code = self.nester.code_for(label, parent)
        if name:
            entry.name = name
        else:
            self.problem(self.cell_ref("name", number), "thiếu tên tiêu chí", entry.code)
        raw = get("max")
        if raw is not None:
            points = number_of(raw)
            if points is None or points < 0:
                entry.bad_max = True
                self.problem(
                    self.max_cell(number),
                    f"điểm tối đa «{text_of(raw)}» không phải là số"
                    if points is None
                    else f"điểm tối đa âm ({format_vn(points)})",
                    entry.code,
                )
            else:
                entry.max = points
        raw_source = get("source")
        if raw_source is not None:
            parsed = SOURCES.get(fold(text_of(raw_source)))
            if parsed is None:
                self.problem(
                    self.cell_ref("source", number),
                    f"nguồn điểm «{text_of(raw_source)}» không hợp lệ "
                    "(ghi «tự đánh giá» hoặc «điều tra xã hội học», hoặc để trống)",
                    entry.code,
                )
            else:
                entry.source = parsed
        guide = text_of(get("guide"), lines=True)
        if guide:
            entry.guide.append(guide)
        self._extras(entry, number, get)
        if entry.code in self.rows_of:
            self.problem(
                self.cell_ref(code_key, number),
                f"mã trùng với dòng {self.rows_of[entry.code]}",
                entry.code,
            )
            return
        self.rows_of[entry.code] = number
        self.nester.attach(entry, parent)

    # --- the whole table ----------------------------------------------------------

    def finish(self, first_row: int) -> list[dict[str, Any]]:
        roots = self.nester.roots
        if not roots and not self.problems:
            self.problem(
                f"dòng {first_row}",
                f"bảng không có tiêu chí nào (dữ liệu bắt đầu từ dòng {first_row})",
            )
        for entry in self.nester.entries:
            settle(entry, self.problem, self.max_cell)
        self._sources(roots)
        tops = [self._max_of(root) for root in roots]
        if roots and all(top is not None for top in tops):
            total = sum((top for top in tops if top is not None), Decimal(0))
            for number, stated in self.totals:
                if stated != total:
                    self.problem(
                        self.max_cell(number),
                        f"dòng tổng cộng ghi {format_vn(stated)} "
                        f"nhưng các lĩnh vực cộng lại {format_vn(total)}",
                    )
        if self.problems:
            raise InputError(sorted(self.problems, key=_row_of))
        return [_node(root) for root in roots]

    def _sources(self, roots: list[Entry]) -> None:
        """«Nguồn» first; then a mark in «Điều tra XHH» (unless rows under it carry their own
        marks: then it is a subtotal); then a name that says "điều tra xã hội học"."""
        for root in roots:
            for entry in root.walk():
                marked_below = any(node.mark_row is not None for node in entry.walk()[1:])
                marked = entry.mark_row is not None and not marked_below
                if entry.source is not None:
                    if entry.source == "self" and marked and entry.mark_row is not None:
                        self.problem(
                            self.cell_ref("survey", entry.mark_row),
                            "có đánh dấu ở cột «Điều tra XHH» nhưng nguồn điểm ghi tự đánh giá",
                            entry.code,
                        )
                    entry.resolved = entry.source
                elif marked or _SURVEY_NAME.search(fold(entry.name)):
                    entry.resolved = "survey"

    def _max_of(self, entry: Entry) -> Decimal | None:
        """The max its parent counts: as stated, else its children's sum (None: unknown)."""
        if not entry.children:
            if entry.max is None and not entry.bad_max:
                self.problem(
                    self.max_cell(entry.row),
                    "thiếu điểm tối đa (tiêu chí không có tiêu chí con)",
                    entry.code,
                )
            return entry.max
        parts = [self._max_of(child) for child in entry.children]
        if any(part is None for part in parts):
            return entry.max
        total = sum((part for part in parts if part is not None), Decimal(0))
        if entry.max is not None and entry.max != total:
            codes = ", ".join(child.code for child in entry.children)
            self.problem(
                self.max_cell(entry.row),
                f"điểm tối đa là {format_vn(entry.max)} "
                f"nhưng các tiêu chí con {codes} cộng lại {format_vn(total)}",
                entry.code,
            )
        return entry.max if entry.max is not None else total


def _node(entry: Entry) -> dict[str, Any]:
    """An entry as a framework node, keys in the order people read them, children last."""
    node: dict[str, Any] = {"code": entry.code, "name": entry.name}
    if entry.max is not None:
        node["max"] = entry.max
    if entry.resolved:
        node["source"] = entry.resolved
    if entry.evidence:
        node["evidence"] = "; ".join(entry.evidence)  # the documents the decision asks for
    if entry.scale:
        node["scale"] = list(entry.scale)
    if entry.guide:
        node["guide"] = "; ".join(entry.guide)
    notes = list(entry.notes)
    if notes:
        node["note"] = "; ".join(notes)
    if entry.children:
        node["children"] = [_node(child) for child in entry.children]
    return node


def _row_of(problem: Problem) -> int:
    """Sort key: the row a problem is on (0 when it has none)."""
    found = re.search(r"[0-9]+$", problem.where)
    return int(found.group()) if found else 0


def _classes(classes: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    if classes is None:
        return [{"label": label, "min": Decimal(minimum)} for label, minimum in DEFAULT_CLASSES]
    out = []
    for band in classes:
        minimum = to_decimal(band.get("min"))
        out.append(
            {"label": band.get("label"), "min": minimum if minimum is not None else band.get("min")}
        )
    return out


def _located(problems: Sequence[Problem], rows_of: Mapping[str, int], file: str) -> list[Problem]:
    """parse_framework's problems at code paths, moved to the table's rows."""
    located = []
    for p in problems:
        code = p.where.split(" › ")[0]
        if code in rows_of:
            located.append(
                Problem(p.message, where=f"dòng {rows_of[code]}", file=file, criterion=code)
            )
        else:
            located.append(Problem(p.message, where=p.where, file=file))
    return located
