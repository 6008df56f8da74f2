"""Tables from CSV or XLSX as offices save them: any common encoding, located rows.

Every text is normalised to Unicode NFC (Windows-1258 writes Vietnamese with
combining accents). Row numbers are the spreadsheet's: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parindex.core.numbers import format_count, plain_decimal, spreadsheet_decimal, to_decimal
from parindex.core.problems import InputError, Problem
from parindex.io.cells import column_letter as get_column_letter
from parindex.io.cells import unescape_csv_text
from parindex.io.containers import check_workbook

Cell = str | Decimal | None


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it; the header is row 1
    cells: tuple[Cell, ...]

    def get(self, column: int) -> Cell:
        return self.cells[column] if column < len(self.cells) else None


@dataclass(frozen=True)
class Table:
    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    sheet: str = ""

    def where(self, row: int, column: int | None = None) -> str:
        if column is None:
            return f"dòng {row}"
        return f"dòng {row}, ô {get_column_letter(column + 1)}{row}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def decode_csv(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, as Excel's «Unicode text») or Windows-1258."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        encoding = "UTF-8" if data.startswith(b"\xef") else "UTF-16"
        raise InputError(
            [
                Problem(
                    f"tệp ghi là {encoding} nhưng có byte không hợp lệ ở vị trí {exc.start}",
                    file=file,
                )
            ]
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise InputError(
            [
                Problem(
                    "không đọc được mã ký tự của tệp (cần UTF-8, UTF-16 hoặc Windows-1258)",
                    file=file,
                )
            ]
        ) from None


def _cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, str):
        text = (value if value.isascii() else nfc(value)).strip()
        return text or None
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # NaN or ∞ from a broken cell: a text the readers refuse where it is
    if isinstance(value, float):
        # Excel keeps 15 significant digits; a formula's 12.870000000000001 is 12.87
        return spreadsheet_decimal(value)
    number = to_decimal(value)
    if number is not None:
        return number
    return nfc(str(value)).strip() or None


def csv_cell(text: str) -> Cell:
    """A CSV file's cell as ``read_csv`` keeps it: the project's formula apostrophe taken
    off, NFC, stripped, blank as None."""
    return _cell(unescape_csv_text(text))


MAX_CELL = 32_767
"""Excel's own limit for the characters of one cell; a longer cell is refused where it is."""


def read_csv(path: Path) -> Table:
    text = decode_csv(path.read_bytes(), path.name)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for values in reader:
            rows.append([unescape_csv_text(v) for v in values])
    except csv.Error as exc:  # a cell over the csv module's limit, a NUL byte
        reason = (
            f"có ô dài quá {format_count(MAX_CELL)} ký tự"
            if "field limit" in str(exc)
            else "không đọc được dòng này của tệp CSV"
        )
        raise InputError(
            [Problem(reason, where=f"dòng {reader.line_num}", file=path.name)]
        ) from None
    return _table(path.name, rows)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    check_workbook(path)  # a zip bomb or a broken archive is refused before openpyxl opens it
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError([Problem(f"không mở được tệp Excel: {exc}", file=path.name)]) from None
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    except Exception:  # a damaged sheet inside a readable zip: XML, CRC, a broken style
        raise InputError(
            [Problem("tệp Excel bị hỏng: không đọc được trang tính", file=path.name)]
        ) from None
    finally:
        book.close()
    return _table(path.name, rows, ws.title)


def read_xlsx_sheets(path: Path, linked_by: str = "_parent_index") -> list[Table]:
    """The first sheet of a workbook, then every other sheet whose header has the column
    ``linked_by`` (a KoBoToolbox export with repeat groups: the submissions, then one sheet
    per repeat group); other sheets are not read."""
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError([Problem(f"không mở được tệp Excel: {exc}", file=path.name)]) from None
    sheets: list[tuple[str, list[list[object]]]] = []
    try:
        for k, ws in enumerate(book):
            head = next(ws.iter_rows(values_only=True, max_row=1), ())
            if k and not any(fold(str(_cell(v) or "")) == linked_by for v in head):
                continue  # not a repeat group's sheet: not read
            sheets.append((ws.title, [list(r) for r in ws.iter_rows(values_only=True)]))
    except Exception:  # a damaged sheet inside a readable zip: XML, CRC, a broken style
        raise InputError(
            [Problem("tệp Excel bị hỏng: không đọc được trang tính", file=path.name)]
        ) from None
    finally:
        book.close()
    if not sheets:
        raise InputError([Problem("tệp rỗng (không có dòng tiêu đề)", file=path.name)])
    tables = [_table(path.name, sheets[0][1], sheets[0][0])]
    tables += [_table(path.name, rows, title) for title, rows in sheets[1:]]
    return tables


def _table(file: str, raw: Sequence[Sequence[object]], sheet: str = "") -> Table:
    if not raw or (all(_cell(v) is None for v in raw[0]) and len(raw) <= 1):
        raise InputError([Problem("tệp rỗng (không có dòng tiêu đề)", file=file)])
    header = tuple(str(_cell(v) or "") for v in raw[0])
    rows = []
    long = [
        Problem(
            f"ô dài quá {format_count(MAX_CELL)} ký tự",
            where=f"dòng {number}, ô {get_column_letter(column + 1)}{number}",
            file=file,
        )
        for number, values in enumerate(raw, start=1)
        for column, value in enumerate(values)
        if isinstance(value, str) and len(value) > MAX_CELL
    ]
    if long:
        raise InputError(long)
    for number, values in enumerate(raw[1:], start=2):
        cells = tuple(_cell(v) for v in values)
        if all(c is None for c in cells):
            continue
        rows.append(Row(number, cells))
    return Table(file, header, tuple(rows), sheet)


def read_table(path: Path | str) -> Table:
    path = Path(path)
    if not path.exists():
        raise InputError([Problem("không tìm thấy tệp", file=str(path))])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return read_csv(path)
    raise InputError(
        [Problem("định dạng tệp không được hỗ trợ (cần .csv hoặc .xlsx)", file=path.name)]
    )


def fold(text: str) -> str:
    """Header matching: case-, accent- and spacing-insensitive.

    >>> fold(" Mã  Đơn vị ")
    'ma_don_vi'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "_".join(plain.casefold().split())


def find_columns(
    table: Table, wanted: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[dict[str, int], list[Problem]]:
    """Map canonical column names to positions, accepting aliases; report missing ones."""
    folded = [fold(h) for h in table.header]
    found: dict[str, int] = {}
    for name, aliases in wanted.items():
        for alias in (name, *aliases):
            if fold(alias) in folded:
                found[name] = folded.index(fold(alias))
                break
    problems = [
        Problem(
            f"thiếu cột «{name}» ở dòng tiêu đề (dòng 1)",
            file=table.file,
        )
        for name in required
        if name not in found
    ]
    return found, problems


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        # codes typed as numbers in Excel: 1 stays "1", 1.2 stays "1.2"
        return plain_decimal(cell, strip=False)
    return cell
