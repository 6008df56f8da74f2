"""The shared pieces of reading an export: its rows padded to the header, a column's
distinct cells, and the problems found on the way (issues).

Every step reads the export through ``Rows``: a column as each row's index among its
distinct cells (``Rows.codes``), a row's number, a place as the sheet shows it. ``Rows``
holds one tuple of cells per row; ``columnar.ColumnarRows`` (a large CSV file) holds the
columns as polars reads them, with the same cells, numbers and places."""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from parindex.io.tables import Cell, Table, text_of

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Rows:
    """A table's rows, each padded to the header's width."""

    table: Table
    cells: list[tuple[Cell, ...]]
    name: str = ""  # a repeat group's sheet or file; "" for the export's own rows
    file: str = ""  # the file it came from when not the export's (an ODK Central repeat CSV)

    @property
    def n(self) -> int:
        return len(self.cells)

    def column(self, c: int) -> list[Cell]:
        return list(map(itemgetter(c), self.cells))

    def codes(self, c: int) -> tuple[IntArray, list[Cell]]:
        """Each row's index among the column's distinct cells, and those cells (``codes``)."""
        return codes(self.column(c))

    def number(self, i: int) -> int:
        """The row's number as the sheet shows it (the header is row 1)."""
        return self.table.rows[i].number

    def kept(self, keep: npt.NDArray[np.bool_]) -> Rows:
        """The rows where ``keep`` is true (the tool's review left the others out)."""
        at = np.flatnonzero(keep).tolist()
        table = replace(self.table, rows=tuple(self.table.rows[i] for i in at))
        return Rows(table, [self.cells[i] for i in at], self.name, self.file)

    def duplicates(self, c: int) -> list[tuple[int, int, str]]:
        """(row, the first row with the same cell, the cell's text) for every row whose cell
        in column ``c`` an earlier row already has (blank cells are never duplicates)."""
        first: dict[Cell, int] = {}
        setdefault = first.setdefault
        found = []
        for i, cell in enumerate(self.column(c)):
            if cell is not None and setdefault(cell, i) != i:
                found.append((i, first[cell], text_of(cell)))
        return found

    def where(self, i: int, c: int = -1) -> str:
        """«dòng 5, ô D5 (grp_chung/q1)», after «trang «con», » for a repeat group's sheet."""
        table = self.table
        number = self.number(i)
        where = table.where(number) if c < 0 else f"{table.where(number, c)} ({table.header[c]})"
        if self.name and not self.file:
            where = f"trang «{self.name}», {where}"
        return where


def padded(table: Table, name: str = "", file: str = "") -> Rows:
    width = len(table.header)
    cells = [
        r.cells if len(r.cells) >= width else r.cells + (None,) * (width - len(r.cells))
        for r in table.rows
    ]
    return Rows(table, cells, name, file)


def codes(column: list[Cell]) -> tuple[IntArray, list[Cell]]:
    """Each cell's index among the column's distinct values, and those values in order of appearance."""
    seen: dict[Cell, int] = dict.fromkeys(column, 0)
    for k, value in enumerate(seen):
        seen[value] = k
    index = np.fromiter(map(seen.__getitem__, column), dtype=np.int64, count=len(column))
    return index, list(seen)


class Issue(NamedTuple):
    """One problem found while reading: a respondent's row, or a row of a repeat group."""

    row: int  # the respondent's row index in the export (-1: a repeat row of no respondent)
    column: int  # the column in its table, -1 for the whole row
    value: str  # the cell as exported
    reason: str  # Vietnamese
    answer: bool = False  # one answer: drop_invalid drops the answer only, not the respondent
    at: Rows | None = None  # the repeat group's table the problem is in (None: the export)
    at_row: int = -1  # the row index in that table
