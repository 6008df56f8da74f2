"""The roster files of a province's setup: its units and its users, from XLSX or CSV.

Both parse into frozen rows and a list of located problems (file, row, column, reason), every
problem at once; nothing here knows the database, so what depends on it (does the parent unit
exist already?) is the web app's check. One workbook may hold both tables: a sheet named
«Đơn vị» (or «Units») and one named «Người dùng» (or «Users»); otherwise the first sheet.

>>> sheet = parse_units(b"code,name,kind\\nXA,Ti\\xc3\\xaan Ch\\xc3\\xa2u,x\\xc3\\xa3\\n", "u.csv")
>>> sheet.rows[0].name, sheet.problems
('Tiên Châu', ())
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parindex.core.characters import control_character_problem
from parindex.core.problems import InputError, Problem
from parindex.core.units import UNIT_KINDS
from parindex.core.workflow import ROLE_LABELS, Role
from parindex.io.cells import column_letter as get_column_letter
from parindex.io.containers import check_workbook
from parindex.io.tables import Row, Table, find_columns, fold, read_csv, read_xlsx, text_of

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

UNIT_COLUMNS = {
    "code": ("mã", "mã đơn vị", "ma_don_vi", "unit code"),
    "name": ("tên", "tên đơn vị", "unit name"),
    "kind": ("loại", "loại đơn vị", "loại hình"),
    "parent": ("đơn vị cấp trên", "cấp trên", "mã đơn vị cấp trên", "parent code"),
    "predecessors": ("tiền thân", "đơn vị tiền thân", "predecessor", "mã đơn vị tiền thân"),
    "population": ("quy mô", "dân số", "quy mô (N)", "N"),
}
UNIT_LABELS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "kind": "Loại",
    "parent": "Đơn vị cấp trên",
    "predecessors": "Đơn vị tiền thân",
    "population": "Quy mô",
}
USER_COLUMNS = {
    "unit": ("mã đơn vị", "đơn vị", "unit code"),
    "full_name": ("họ tên", "họ và tên", "full name", "tên"),
    "email": ("e-mail", "email", "thư điện tử"),
    "role": ("vai trò", "quyền"),
}
USER_LABELS = {"unit": "Mã đơn vị", "full_name": "Họ tên", "email": "E-mail", "role": "Vai trò"}

ROLE_NAMES: dict[str, Role] = {
    **{fold(r.value): r for r in Role},
    **{fold(label): r for r, label in ROLE_LABELS.items()},
    fold("quản trị"): Role.ADMIN,
    fold("cán bộ đầu mối"): Role.OFFICER,
    fold("cán bộ"): Role.OFFICER,
    fold("thẩm định"): Role.APPRAISER,
    fold("thành viên hội đồng thẩm định"): Role.APPRAISER,
    fold("lãnh đạo"): Role.LEADER,
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class UnitLine:
    """One unit as the file gives it; ``row`` is the spreadsheet's row number."""

    row: int
    code: str
    name: str
    kind: str
    parent: str
    predecessors: tuple[str, ...]
    population: int | None


@dataclass(frozen=True)
class UserLine:
    row: int
    unit: str
    full_name: str
    email: str
    role: Role

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class UnitSheet:
    file: str
    positions: Mapping[str, int]  # the columns the file has (absent ones are left alone)
    rows: tuple[UnitLine, ...]
    problems: tuple[Problem, ...]

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(self.positions)

    def problem(self, row: int, column: str, message: str) -> Problem:
        """A problem found later (against the database) in ``column`` of ``row``."""
        where = f"dòng {row}"
        if column in self.positions:
            letter = get_column_letter(self.positions[column] + 1)
            where += f", ô {letter}{row} ({UNIT_LABELS[column]})"
        return Problem(message, where=where, file=self.file)


@dataclass(frozen=True)
class UserSheet:
    file: str
    rows: tuple[UserLine, ...]
    problems: tuple[Problem, ...]


def read_sheet(data: bytes, file: str, wanted: tuple[str, ...] = ()) -> Table:
    """``data`` as a table: XLSX (the sheet named one of ``wanted``, else the first) or CSV."""
    file = Path(file.replace("\\", "/").replace("\x00", "")).name[-120:] or "tep"
    if len(data) > MAX_BYTES:
        raise InputError([Problem("tệp lớn quá 2 MB", file=file)])
    suffix = Path(file).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(
            [Problem("định dạng tệp không được hỗ trợ (cần .xlsx hoặc .csv)", file=file)]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file
        path.write_bytes(data)
        if suffix == ".csv":
            return read_csv(path)
        check_workbook(path)
        return read_xlsx(path, _sheet_named(path, wanted))


def _sheet_named(path: Path, wanted: tuple[str, ...]) -> str | None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # read_xlsx reports the broken file
        return None
    try:
        names = {fold(n): n for n in book.sheetnames}
    finally:
        book.close()
    return next((names[fold(w)] for w in wanted if fold(w) in names), None)


class _Reader:
    """Cells of one table by column name, each problem located by row and column."""

    def __init__(self, table: Table, columns: dict[str, int], labels: dict[str, str]) -> None:
        self.table, self.columns, self.labels = table, columns, labels
        self.problems: list[Problem] = []

    def text(self, row: Row, name: str) -> str:
        if name not in self.columns:
            return ""
        text = text_of(row.get(self.columns[name]))
        refused = control_character_problem(text)
        if refused:
            self.problem(row, name, refused)
        return " ".join(text.split())

    def raw(self, row: Row, name: str) -> object:
        return row.get(self.columns[name]) if name in self.columns else None

    def problem(self, row: Row, name: str | None, message: str) -> None:
        if name is None or name not in self.columns:
            where = self.table.where(row.number)
        else:
            where = f"{self.table.where(row.number, self.columns[name])} ({self.labels[name]})"
        problem = Problem(message, where=where, file=self.table.file)
        if problem not in self.problems:  # a cell read twice is told once
            self.problems.append(problem)


def _open(
    data: bytes, file: str, wanted: tuple[str, ...], columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...], labels: dict[str, str],
) -> tuple[Table | None, _Reader | None, list[Problem]]:  # fmt: skip
    try:
        table = read_sheet(data, file, wanted)
    except InputError as exc:
        return None, None, list(exc.problems)
    found, missing = find_columns(table, columns, required)
    if missing:
        named = [
            Problem(f"thiếu cột «{labels[n]}» ở dòng tiêu đề (dòng 1)", file=table.file)
            for n in required
            if n not in found
        ]
        return table, None, named
    problems = []
    if len(table.rows) > MAX_ROWS:
        problems.append(Problem(f"tệp có quá {MAX_ROWS} dòng", file=table.file))
    elif not table.rows:
        problems.append(Problem("tệp không có dòng dữ liệu nào", file=table.file))
    return table, _Reader(table, found, labels), problems


def _codes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in re.split(r"[;,]", text) if p.strip()))


def _population(reader: _Reader, row: Row) -> int | None:
    raw = reader.raw(row, "population")
    if raw is None:
        return None
    value: Decimal | None
    if isinstance(raw, Decimal):
        value = raw
    else:
        digits = str(raw).replace(".", "").replace(",", "").replace(" ", "")
        value = Decimal(digits) if digits.isdigit() else None
    if value is None or value < 0 or value != int(value) or value > 10**9:
        reader.problem(row, "population", f"quy mô «{raw}» phải là số nguyên không âm")
        return None
    return int(value)


def parse_units(data: bytes, file: str) -> UnitSheet:
    """The units table: code, name and kind required; parent, predecessors, population optional."""
    table, reader, problems = _open(
        data, file, ("Đơn vị", "Units", "Don vi"), UNIT_COLUMNS, ("code", "name", "kind"),
        UNIT_LABELS,
    )  # fmt: skip
    if table is None or reader is None:
        return UnitSheet(table.file if table else file, {}, (), tuple(problems))
    lines: list[UnitLine] = []
    seen: dict[str, int] = {}
    for row in table.rows[:MAX_ROWS]:
        code, name, kind = (
            reader.text(row, "code"),
            reader.text(row, "name"),
            reader.text(row, "kind"),
        )
        kind = kind.lower()
        if not code:
            reader.problem(row, "code", "thiếu mã đơn vị")
            continue
        if len(code) > 40:
            reader.problem(row, "code", "mã đơn vị dài quá 40 ký tự")
            continue
        if fold(code) in seen:
            reader.problem(row, "code", f"mã đơn vị «{code}» trùng với dòng {seen[fold(code)]}")
            continue
        seen[fold(code)] = row.number
        if not name:
            reader.problem(row, "name", "thiếu tên đơn vị")
        elif len(name) > 200:
            reader.problem(row, "name", "tên đơn vị dài quá 200 ký tự")
        if not kind:
            reader.problem(row, "kind", f"thiếu loại đơn vị (chọn: {', '.join(UNIT_KINDS)})")
        elif kind not in UNIT_KINDS:
            reader.problem(
                row, "kind", f"loại đơn vị «{kind}» không hợp lệ (chọn: {', '.join(UNIT_KINDS)})"
            )
        parent = reader.text(row, "parent")
        if parent == code:
            reader.problem(row, "parent", "đơn vị không thể là cấp trên của chính nó")
        predecessors = _codes(reader.text(row, "predecessors"))
        if code in predecessors:
            reader.problem(row, "predecessors", "đơn vị không thể là tiền thân của chính nó")
        lines.append(
            UnitLine(row.number, code, name, kind, parent, predecessors, _population(reader, row))
        )
    return UnitSheet(
        table.file, dict(reader.columns), tuple(lines), tuple(problems + reader.problems)
    )


def role_of(text: str) -> Role | None:
    """A role as people write it: «cán bộ đầu mối», «Thẩm định», ``officer``…

    >>> role_of("Cán bộ đầu mối"), role_of("leader"), role_of("khách")
    (<Role.OFFICER: 'officer'>, <Role.LEADER: 'leader'>, None)
    """
    return ROLE_NAMES.get(fold(text))


def parse_users(data: bytes, file: str) -> UserSheet:
    """The users table: full name and role required; an officer needs a unit code."""
    table, reader, problems = _open(
        data, file, ("Người dùng", "Users", "Nguoi dung", "Tài khoản"), USER_COLUMNS,
        ("full_name", "role"), USER_LABELS,
    )  # fmt: skip
    if table is None or reader is None:
        return UserSheet(table.file if table else file, (), tuple(problems))
    lines: list[UserLine] = []
    emails: dict[str, int] = {}
    for row in table.rows[:MAX_ROWS]:
        unit, name = reader.text(row, "unit"), reader.text(row, "full_name")
        email, role_text = reader.text(row, "email").lower(), reader.text(row, "role")
        role = role_of(role_text)
        ok = True
        if not name:
            reader.problem(row, "full_name", "thiếu họ tên")
            ok = False
        elif len(name) > 150:
            reader.problem(row, "full_name", "họ tên dài quá 150 ký tự")
            ok = False
        if role is None:
            choices = "quản trị, cán bộ đầu mối, thẩm định, lãnh đạo"
            said = f"vai trò «{role_text}» không hợp lệ" if role_text else "thiếu vai trò"
            reader.problem(row, "role", f"{said} (chọn: {choices})")
            ok = False
        elif role is Role.OFFICER and not unit:
            reader.problem(row, "unit", "cán bộ đầu mối cần mã đơn vị")
            ok = False
        if email and (not EMAIL.match(email) or len(email) > 254):
            reader.problem(row, "email", f"e-mail «{email}» không hợp lệ")
            ok = False
        elif email in emails:
            reader.problem(row, "email", f"e-mail «{email}» trùng với dòng {emails[email]}")
            ok = False
        elif email:
            emails[email] = row.number
        if ok and role is not None:
            lines.append(UserLine(row.number, unit, name, email, role))
    return UserSheet(table.file, tuple(lines), tuple(problems + reader.problems))
