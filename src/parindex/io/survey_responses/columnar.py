"""A CSV export read by column: polars parses the file, every column becomes each row's
index among its distinct cells, and the steps of ``rows`` read those like any ``Rows``.

The cells are exactly those of ``tables.read_csv`` (the same decoding, delimiter, formula
apostrophe, NFC, stripping, blank as None), the row numbers those the sheet shows (the
header is row 1; completely blank lines are skipped but counted), so the row report is the
same word for word. Only the distinct cells pass through Python; a column of a million
respondent ids is never a million Python objects.

``read_columnar`` returns None, and the export is read row by row (``tables.read_table``),
when the file is not a CSV, is not there, or has what the two readers might parse apart:
a NUL byte, a carriage return that does not end a line, an empty first line, a row longer
than the header, a quote the two read apart (text after a closing quote, a quote inside a
bare cell, a file ending inside quotes: ``_quotes_agree``), a cell over Excel's limit, no
row under the header. Qualtrics' exports and files with repeat groups are read row by row too
(``rows._read``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from parindex.io.survey_responses.frame import IntArray, Rows
from parindex.io.tables import MAX_CELL, Cell, Table, csv_cell, decode_csv

SUFFIXES = (".csv", ".txt", ".tsv")
# a raw cell that csv_cell may change: not ASCII, blank, edged with whitespace (as Python's
# str.strip sees it: Unicode spaces and \x1c–\x1f), or starting with an apostrophe
_CHANGED = r"[^\x00-\x7f]|^$|^[\s\x1c-\x1f']|[\s\x1c-\x1f]$"
Codes = npt.NDArray[np.int32]
SAMPLE, FEW = 2000, 500  # a column with at most FEW distinct texts in its first SAMPLE rows


@dataclass(frozen=True)
class Column:
    """One column: each row's index into ``distinct`` (``none``: the row's cell is blank)."""

    index: Codes
    distinct: pl.Series  # the non-blank cells, in order of first appearance

    @property
    def none(self) -> int:
        return len(self.distinct)


@dataclass(frozen=True)
class ColumnarRows(Rows):
    """The rows of a CSV export kept as columns (``Column``) and their numbers."""

    columns: tuple[Column, ...] = ()
    numbers: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n(self) -> int:
        return int(self.numbers.shape[0])

    def column(self, c: int) -> list[Cell]:
        index, distinct = self.codes(c)
        return [distinct[k] for k in index.tolist()]

    def codes(self, c: int) -> tuple[IntArray, list[Cell]]:
        col = self.columns[c]
        used = np.bincount(col.index, minlength=col.none + 1) > 0
        present = np.flatnonzero(used)  # a value only on rows left out is not listed
        renumber = np.full(col.none + 1, -1, dtype=np.int64)
        renumber[present] = np.arange(len(present), dtype=np.int64)
        cells: list[Cell] = col.distinct.gather(present[present < col.none]).to_list()
        if used[col.none]:
            cells.append(None)
        return renumber[col.index], cells

    def number(self, i: int) -> int:
        return int(self.numbers[i])

    def kept(self, keep: npt.NDArray[np.bool_]) -> ColumnarRows:
        columns = tuple(_renumbered(c.index[keep], c) for c in self.columns)
        return ColumnarRows(
            self.table, [], self.name, self.file, columns=columns, numbers=self.numbers[keep]
        )

    def duplicates(self, c: int) -> list[tuple[int, int, str]]:
        col = self.columns[c]
        first = np.full(col.none + 1, self.n, dtype=np.int64)
        np.minimum.at(first, col.index, np.arange(self.n, dtype=np.int64))
        later = np.flatnonzero(
            (first[col.index] != np.arange(self.n)) & (col.index != col.none)
        ).tolist()
        if not later:
            return []
        texts = col.distinct.gather(col.index[later]).to_list()
        return [(i, int(first[col.index[i]]), t) for i, t in zip(later, texts, strict=True)]


def _first_seen(code: IntArray, k: int) -> tuple[IntArray, IntArray]:
    """Codes 0…k-1 (-1: null) renumbered by first appearance, and the old code of each new one."""
    n = len(code)
    first = np.full(k + 1, n, dtype=np.int64)
    np.minimum.at(first, code + 1, np.arange(n, dtype=np.int64))
    order = np.argsort(first[1:], kind="stable")
    order = order[first[1:][order] < n]  # a value no row has is not kept
    position = np.full(k + 1, -1, dtype=np.int64)
    position[order + 1] = np.arange(len(order), dtype=np.int64)
    return position[code + 1], order


def _renumbered(index: Codes, column: Column) -> Column:
    """A column over some of its rows, its cells renumbered by first appearance among them
    (as the row reader, reading only those rows, would list them)."""
    code = np.where(index == column.none, -1, index.astype(np.int64))
    renumbered, order = _first_seen(code, column.none)
    return Column(
        np.where(renumbered >= 0, renumbered, len(order)).astype(np.int32),
        column.distinct.gather(order),
    )


def _ranked(values: pl.Series) -> tuple[IntArray, pl.Series]:
    """Each value's index among the distinct non-null values in sorted order (-1: null), and
    those values."""
    rank = values.rank("dense").fill_null(0).to_numpy().astype(np.int64)
    first = np.full(int(rank.max(initial=0)) + 1, len(rank), dtype=np.int64)
    np.minimum.at(first, rank, np.arange(len(rank), dtype=np.int64))
    return rank - 1, values.gather(first[1:])


def _codes(values: pl.Series) -> tuple[IntArray, pl.Series]:
    """A column as each row's index among its distinct non-null values in order of first
    appearance (-1 for null), and those values: a Categorical column by its categories, a
    column of many distinct texts by their dense rank."""
    if values.dtype == pl.String:
        code, distinct = _ranked(values)
        index, order = _first_seen(code, len(distinct))
        return index, distinct.gather(order)
    physical = values.to_physical()
    first = physical.arg_unique().sort()  # the first row of each category, in order of rows
    ids = physical.gather(first)
    named = ids.is_not_null()
    ids_in_order = ids.filter(named).to_numpy().astype(np.int64)
    lookup = np.full(int(ids_in_order.max(initial=0)) + 2, -1, dtype=np.int64)
    lookup[ids_in_order] = np.arange(len(ids_in_order), dtype=np.int64)
    index = lookup[physical.fill_null(len(lookup) - 1).to_numpy()]
    return index, values.gather(first.filter(named)).cast(pl.String)


def _column(raw: pl.Series) -> Column | None:
    """A raw column's cells (``tables.csv_cell`` on each distinct raw text); None when a
    cell is longer than Excel's limit (the row reader refuses it where it is)."""
    index, distinct = _codes(raw)
    longest = distinct.str.len_chars().max()
    if isinstance(longest, int) and longest > MAX_CELL:
        return None
    changed = np.flatnonzero(distinct.str.contains(_CHANGED).to_numpy())
    if changed.size:
        texts = distinct.gather(changed).to_list()
        cells = pl.Series([csv_cell(t) for t in texts], dtype=pl.String)
        code, values = _ranked(distinct.scatter(changed, cells))
        remap, order = _first_seen(code, len(values))
        distinct = values.gather(order)
        index = np.where(index >= 0, remap[np.maximum(index, 0)], -1)
    return Column(np.where(index >= 0, index, len(distinct)).astype(np.int32), distinct)


def _schema(head: pl.DataFrame) -> dict[str, pl.DataType]:
    """Categorical for a column of few distinct texts in the first rows (its own categories),
    String for one of many (respondent ids, times)."""
    return {
        name: pl.Categorical(pl.Categories.random())
        if head[name].n_unique() <= FEW
        else pl.String()
        for name in head.columns
    }


def _quotes_agree(data: bytes, delimiter: bytes) -> bool:
    """Whether every quote is where Python's csv module and polars read it alike: opening a
    cell (after a delimiter, a new line or the start), doubled inside a quoted cell, or
    closing one (before a delimiter, a line end or the end); an even number in all. A quote
    inside a bare cell or text after a closing quote (``"a"b``) is read apart by the two."""
    raw = np.frombuffer(data, dtype=np.uint8)
    chunk = 1 << 23
    at = np.concatenate(
        [np.flatnonzero(raw[i : i + chunk] == 34) + i for i in range(0, len(raw), chunk)]
    )
    if len(at) % 2:
        return False
    before = np.where(at > 0, raw[np.maximum(at - 1, 0)], 10)  # the start: as after a new line
    after = np.where(at < len(raw) - 1, raw[np.minimum(at + 1, len(raw) - 1)], 10)
    sep = delimiter[0]
    opening, closing = slice(0, None, 2), slice(1, None, 2)
    opens = np.isin(before[opening], (sep, 10, 34))
    closes = np.isin(after[closing], (sep, 10, 13, 34))
    return bool(opens.all() and closes.all())


def _frame(data: bytes) -> pl.DataFrame | None:
    """The file's records (header first) as polars parses UTF-8, or None when the row reader
    is to read it: not UTF-8 (polars checks every byte), a NUL, a lone carriage return, a row
    longer than the first, a stray quote, no row under the header."""
    end = data.find(b"\n")
    first_line = data if end < 0 else data[:end]
    delimiter = max(",;\t", key=lambda d: first_line.count(d.encode())) if first_line else ","
    if not first_line.rstrip(b"\r"):  # no header on the first line: the row reader's header
        return None
    if b"\x00" in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None
    if b'"' in data and not _quotes_agree(data, delimiter.encode()):
        return None
    options = dict(has_header=False, separator=delimiter, quote_char='"', raise_if_empty=True)
    try:
        head = pl.read_csv(data, infer_schema=False, n_rows=SAMPLE + 1, **options)  # type: ignore[arg-type]
        if head.height < 2:
            return None
        return pl.read_csv(data, schema=_schema(head), **options)  # type: ignore[arg-type]
    except (pl.exceptions.PolarsError, ValueError):
        return None


def read_columnar(path: Path | str) -> ColumnarRows | None:
    """The export's rows by column, or None when it is to be read row by row."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return None
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decoded as the row reader does
        frame = _frame(decode_csv(raw, path.name).encode("utf-8"))
    else:
        frame = _frame(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
        if frame is None and not raw.isascii():
            # not UTF-8 for polars: Windows-1258 as the row reader decodes it (or its error)
            frame = _frame(decode_csv(raw, path.name).encode("utf-8"))
    del raw
    if frame is None:
        return None
    first = frame.row(0)
    if any(v is not None and len(v) > MAX_CELL for v in first):
        return None
    header = tuple(str(csv_cell(v) or "") if v is not None else "" for v in first)
    body = frame.slice(1)
    del frame
    columns = []
    for name in body.columns:  # one column at a time, each let go once read
        column = _column(body.to_series(body.get_column_index(name)))
        if column is None:
            return None
        columns.append(column)
        body = body.drop(name)
    blank = np.ones(len(columns[0].index), dtype=np.bool_)
    for col in columns:
        blank &= col.index == col.none
    keep = ~blank
    numbers = np.arange(2, len(blank) + 2, dtype=np.int64)[keep]
    table = Table(path.name, header, ())
    return ColumnarRows(
        table,
        [],
        columns=tuple(Column(c.index[keep], c.distinct) for c in columns),
        numbers=numbers,
    )
