"""The shared pieces of reading an export: its rows padded to the header, a column's
distinct cells, and the problems found on the way (issues)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from parindex.io.tables import Cell, Table

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

    def where(self, i: int, c: int = -1) -> str:
        """«dòng 5, ô D5 (grp_chung/q1)», after «trang «con», » for a repeat group's sheet."""
        table = self.table
        number = table.rows[i].number
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
