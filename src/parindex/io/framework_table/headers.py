"""Which column is which: the header of a framework table as decisions write it.

The header is the first of the top rows that names a code (or level), a name and a max
column. The row under it is a second header row when it only holds column names (the
sub-columns of a merged "Điểm đánh giá": "Điều tra XHH | Tự đánh giá | SNV đánh giá") or
when its code, name and max cells are empty. A row of column numbers ("(1) (2) (3)") right
under the header is skipped. See the package docstring for the names accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parindex.core.problems import Problem
from parindex.io.cells import column_letter as get_column_letter
from parindex.io.framework_table.text import Cell, fold

HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "ma", "ma so", "ma tieu chi", "stt", "tt", "so tt", "so thu tu"),
    "name": ("name", "ten", "ten tieu chi", "noi dung", "noi dung danh gia", "noi dung tieu chi"),
    "max": ("max", "max points", "diem toi da", "diem", "diem chuan", "so diem toi da"),
    "level": ("level", "cap", "cap tieu chi", "cap do"),
    "source": ("source", "nguon", "nguon diem", "phuong phap", "phuong phap danh gia"),
    "survey": (
        "dieu tra xhh",
        "dieu tra xa hoi hoc",
        "dtxhh",
        "dt xhh",
        "xhh",
        "diem dieu tra xhh",
        "diem dieu tra xa hoi hoc",
        "diem danh gia dieu tra xhh",
        "diem danh gia dieu tra xa hoi hoc",
    ),
    "guide": (
        "guide",
        "cach cham diem",
        "cach cham",
        "cach tinh diem",
        "huong dan cham diem",
        "huong dan cham",
        "thang diem danh gia",
    ),
    "evidence": ("evidence", "tai lieu kiem chung", "tlkc"),
    "note": ("note", "ghi chu"),
}
THANG_DIEM = "thang diem"
"""The guide beside another max column; the max when the table has no other."""
NAME_WORDS = frozenset(
    {
        "linh vuc",
        "ten linh vuc",
        "linh vuc danh gia",
        "noi dung",
        "tieu chi",
        "ten tieu chi",
        "tieu chi danh gia",
        "tieu chi thanh phan",
        "tctp",
        "chi tieu",
        "nhom tieu chi",
    }
)
SCORE_ONLY = frozenset(
    {
        "diem danh gia",
        "tu danh gia",
        "tu cham",
        "tu cham diem",
        "diem tu danh gia",
        "diem tu cham",
        "diem tu cham diem",
        "snv danh gia",
        "snv tham dinh",
        "so noi vu danh gia",
        "tham dinh",
        "diem tham dinh",
        "ket qua tham dinh",
        "hoi dong tham dinh",
        "diem dat duoc",
        "diem dat",
        "chi so",
        "ket qua",
        "diem cham",
    }
)
IGNORE = "-"
REQUIRED = ("name", "max")
LABELS = {
    "code": "STT/Mã",
    "name": "Tên tiêu chí",
    "max": "Điểm tối đa",
    "level": "Cấp",
    "source": "Nguồn",
    "survey": "Điều tra XHH",
    "guide": "Cách chấm điểm",
    "evidence": "Tài liệu kiểm chứng",
    "note": "Ghi chú",
}
SEARCHED_ROWS = 15
_COLUMN_NUMBER = re.compile(r"^[(\[]?[0-9A-Z]{1,2}[)\]]?([=+\-*/x×][(\[]?[0-9A-Z]{1,2}[)\]]?)*$")


def header_key(value: Cell) -> str | None:
    """The column a header names: a key of HEADERS, THANG_DIEM, IGNORE (a score-only
    column) or None (unknown: ignored too)."""
    if not isinstance(value, str):
        return None
    plain = fold(value).rstrip(":*").strip()
    plain = re.sub(r"\s*\([^()]*\)$", "", plain)  # "Điểm tối đa (điểm)" → "diem toi da"
    for key, names in HEADERS.items():
        if plain in names:
            return key
    if plain == THANG_DIEM:
        return THANG_DIEM
    if plain in SCORE_ONLY:
        return IGNORE
    parts = [part.strip() for part in re.split(r"[/,;]| va ", plain)]
    if parts and all(part in NAME_WORDS for part in parts):
        return "name"
    return None


@dataclass
class Header:
    columns: dict[str, int]
    first_data: int  # index in the rows of the first row after the header
    rows: tuple[int, ...]  # the header's row numbers as the sheet shows them
    problems: list[Problem] = field(default_factory=list)

    def missing(self) -> list[str]:
        found = [key for key in REQUIRED if key not in self.columns]
        if "code" not in self.columns and "level" not in self.columns:
            found.insert(0, "code")
        return found


def _value(row: Sequence[Cell], index: int) -> Cell:
    return row[index] if index < len(row) else None


def _keys(top: Sequence[Cell], sub: Sequence[Cell] | None) -> dict[int, tuple[str, int]]:
    """Each column's key and the row (0: top, 1: sub) whose cell named it."""
    out: dict[int, tuple[str, int]] = {}
    group: Cell = None
    for index in range(max(len(top), len(sub or ()))):
        above = _value(top, index)
        below = _value(sub, index) if sub is not None else None
        if above is not None:
            group = above
        key = header_key(below)
        if key is None and below is not None and group is not None:
            key = header_key(f"{group} {below}")  # "Điểm" over "tối đa"
        if key is not None:
            out[index] = (key, 1)
        elif (found := header_key(above)) is not None:
            out[index] = (found, 0)
    return out


def _is_sub_header(top: Sequence[Cell], row: Sequence[Cell]) -> bool:
    filled = [(i, v) for i, v in enumerate(row) if v is not None]
    if not filled:
        return False
    named = _keys(top, row)
    if all(named.get(i, ("", 0))[1] == 1 for i, _ in filled):
        return True
    columns = {key: i for i, (key, _) in _keys(top, None).items()}
    wanted = [columns[key] for key in ("code", "name", "max") if key in columns]
    return (
        len(wanted) == 3
        and all(_value(row, i) is None for i in wanted)
        and any(isinstance(v, str) for _, v in filled)
    )


def is_column_numbers(row: Sequence[Cell], name_column: int | None) -> bool:
    filled = [v for v in row if v is not None]
    return (
        name_column is not None
        and _value(row, name_column) is not None
        and len(filled) >= 3
        and all(_COLUMN_NUMBER.match(str(v).replace(" ", "").upper()) for v in filled)
    )


def _candidate(rows: Sequence[Sequence[Cell]], at: int, file: str) -> Header:
    top = rows[at]
    sub = rows[at + 1] if at + 1 < len(rows) and _is_sub_header(top, rows[at + 1]) else None
    header = Header({}, at + (2 if sub is not None else 1), (at + 1, at + 2) if sub else (at + 1,))
    thang: list[tuple[int, int]] = []
    for index, (key, level) in sorted(_keys(top, sub).items()):
        row_number = at + 1 + level
        if key == IGNORE:
            continue
        if key == THANG_DIEM:
            thang.append((index, row_number))
            continue
        _claim(header, key, index, row_number, file)
    for index, row_number in thang:
        _claim(header, "guide" if "max" in header.columns else "max", index, row_number, file)
    if header.first_data < len(rows) and is_column_numbers(
        rows[header.first_data], header.columns.get("name")
    ):
        header.first_data += 1
    return header


def _claim(header: Header, key: str, index: int, row_number: int, file: str) -> None:
    if key in header.columns:
        first = get_column_letter(header.columns[key] + 1)
        header.problems.append(
            Problem(
                f"cột «{LABELS[key]}» có hai lần (cột {first} và {get_column_letter(index + 1)})",
                where=f"ô {get_column_letter(index + 1)}{row_number}",
                file=file,
            )
        )
        return
    header.columns[key] = index


def find_header(rows: Sequence[Sequence[Cell]], file: str) -> Header:
    """The header among the first rows: the first that names what is required, else the one
    that names the most (its problems then say which columns are missing)."""
    best: Header | None = None
    best_rank = (-1, -1)
    for at in range(min(SEARCHED_ROWS, len(rows))):
        if not any(v is not None for v in rows[at]):
            continue
        header = _candidate(rows, at, file)
        if not header.missing():
            return header
        rank = (3 - len(header.missing()), len(header.columns))
        if rank > best_rank:
            best, best_rank = header, rank
    header = best or Header({}, 1, (1,))
    names = ", ".join(f"«{LABELS[key]}»" for key in header.missing())
    header.problems.append(
        Problem(
            f"thiếu cột {names} ở dòng tiêu đề (cần: STT hoặc Mã, Tên tiêu chí, Điểm tối đa)",
            where=f"dòng {header.rows[0]}",
            file=file,
        )
    )
    return header
