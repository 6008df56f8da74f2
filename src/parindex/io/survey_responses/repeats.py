"""Repeat groups: each row of a repeat group's table tied to the respondent it belongs to.

A KoBoToolbox sheet's ``_parent_index`` is the parent's ``_index`` in the sheet
``_parent_table_name`` names (the submissions' sheet when there is none); an ODK Central
file's ``PARENT_KEY`` is the parent's ``KEY``. A repeat inside a repeat goes up to the
respondent through its parent's row. A row whose parent is not there is a problem of that
row (located by sheet or file and row); a row whose parent the tool's review left out is
left out with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parindex.core.problems import InputError, Problem
from parindex.io.survey_responses.exports import LINKS, PARENT_TABLE, link_of
from parindex.io.survey_responses.frame import IntArray, Issue, Rows, padded
from parindex.io.tables import Table, fold, text_of

ORPHAN, LEFT_OUT = -1, -2  # owners of rows that belong to no respondent kept for checks


@dataclass(frozen=True)
class Repeat:
    """A repeat group's table, each row's respondent (its row index in the export) and the
    columns of the questions asked in it."""

    rows: Rows
    owner: IntArray
    questions: dict[int, int]


def repeat_rows(table: Table, export: Table) -> Rows:
    """A repeat table's rows, named by its sheet (KoBo) or located in its own file (ODK)."""
    if table.file == export.file:
        return padded(table, name=table.sheet or table.file)
    return padded(table, name=table.file, file=table.file)


def link(
    rows: Rows,
    full: Table,
    repeats: Sequence[tuple[Rows, dict[int, int]]],
    issues: list[Issue],
) -> list[Repeat]:
    """Each repeat row's respondent. ``rows`` are the respondents read, ``full`` the export
    before the tool's review left rows out (their children are left out, not reported)."""
    folded = [fold(h) for h in full.header]
    problems: list[Problem] = []
    keyed: dict[str, dict[str, int]] = {}  # parent key column → key → respondent
    numbers = {r.number: i for i, r in enumerate(rows.table.rows)}
    for key_column in {parent for parent, _ in LINKS.values()}:
        if key_column not in folded:
            continue
        c = folded.index(key_column)
        keys: dict[str, int] = {}
        for r in full.rows:
            text = text_of(r.get(c)).strip()
            if text:
                keys.setdefault(text, numbers.get(r.number, LEFT_OUT))
        keyed[key_column] = keys
    sheets: dict[str, dict[str, int]] = {full.sheet: keyed.get("_index", {})} if full.sheet else {}
    linked: list[Repeat] = []
    for repeat_rows_, questions in repeats:
        table = repeat_rows_.table
        link_name = link_of(table)
        assert link_name is not None
        parent_key, own_key = LINKS[link_name]
        if parent_key not in keyed:
            problems.append(
                Problem(
                    f"nhóm lặp «{repeat_rows_.name}» nối với phiếu qua cột «{link_name}», nhưng "
                    f"tệp phiếu trả lời không có cột «{parent_key}»",
                    file=full.file,
                )
            )
            continue
        header = [fold(h) for h in table.header]
        lc = header.index(link_name)
        tc = header.index(PARENT_TABLE) if PARENT_TABLE in header else -1
        kc = header.index(own_key) if own_key in header else -1
        owner = np.empty(repeat_rows_.n, dtype=np.int64)
        own: dict[str, int] = {}
        for j, cells in enumerate(repeat_rows_.cells):
            parent = text_of(cells[lc]).strip()
            keys = keyed[parent_key]
            if tc >= 0 and link_name == "_parent_index":
                keys = sheets.get(text_of(cells[tc]).strip(), keys)
            found = keys.get(parent, ORPHAN) if parent else ORPHAN
            owner[j] = found
            if found == ORPHAN:
                issues.append(_orphan(repeat_rows_, j, lc, parent, full.file))
            if kc >= 0:
                own.setdefault(text_of(cells[kc]).strip(), found)
        if link_name == "parent_key":
            keyed["key"] = {**own, **keyed["key"]}  # ODK's KEYs are unique across the files
        elif table.sheet:
            sheets[table.sheet] = own
        linked.append(Repeat(repeat_rows_, owner, questions))
    if problems:
        raise InputError(problems)
    return linked


def _orphan(rows: Rows, j: int, column: int, parent: str, export: str) -> Issue:
    header = rows.table.header[column]
    if not parent:
        reason = f"dòng của nhóm lặp «{rows.name}» không ghi phiếu cha (cột «{header}» trống)"
    else:
        reason = (
            f"dòng của nhóm lặp «{rows.name}» thuộc phiếu «{parent}» (cột «{header}»), "
            f"nhưng tệp «{export}» không có phiếu đó"
        )
    return Issue(-1, column, parent, reason, answer=True, at=rows, at_row=j)
