"""Each respondent's unit, group and id: one column each, every distinct cell resolved once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Questionnaire
from parindex.io.survey_responses.columns import Columns
from parindex.io.survey_responses.frame import IntArray, Issue, Rows
from parindex.io.survey_responses.mapping import Mapping
from parindex.io.tables import Cell, fold, text_of

SHOWN = 5  # rows named in a file-level message; the rest are counted


def one_unit(unit: str, units: Sequence[str] | None, file: str) -> list[Problem]:
    """The unit given for a whole file (``--unit``) is one of the units."""
    if units is not None and unit not in units:
        return [
            Problem(
                f"mã đơn vị «{unit}» (--unit) không có trong danh sách đơn vị (--units)", file=file
            )
        ]
    return []


def units_of(
    rows: Rows,
    columns: Columns,
    mapping: Mapping,
    units: Sequence[str] | None,
    issues: list[Issue],
    unit: str | None = None,
) -> tuple[list[str], IntArray]:
    """Each row's unit (its position in the unit codes, -1 if unknown) and the unit codes:
    those given, or, without a units list, those named in order of appearance.

    ``unit`` is the one unit of the whole file (``--unit``): every row is of it, and a unit
    column, when there is one, may only name it (else the file is refused, InputError)."""
    unit_codes: list[str] = list(units) if units is not None else []
    if unit is not None and unit not in unit_codes:
        unit_codes.append(unit)
    uc = columns.unit
    if uc is None:
        assert unit is not None
        return unit_codes, np.full(rows.n, unit_codes.index(unit), dtype=np.int64)
    unit_pos = {code: i for i, code in enumerate(unit_codes)}
    unit_folded = {fold(code): code for code in unit_codes}
    unit_labels = {fold(k): v for k, v in mapping.units.items()}
    index, distinct = rows.codes(uc)
    unit_table = np.empty(len(distinct), dtype=np.int64)
    unit_reason: dict[int, str] = {}
    others: list[int] = []
    for k, cell in enumerate(distinct):
        text = text_of(cell).strip()
        code: str | None
        if not text:
            if unit is not None:
                unit_table[k] = unit_pos[unit]
                continue
            unit_table[k] = -1
            unit_reason[k] = "thiếu đơn vị"
            continue
        if text in unit_pos:
            code = text
        else:
            code = mapping.units.get(text) or unit_labels.get(fold(text))
            if code is None:
                code = unit_folded.get(fold(text), text if units is None else None)
        if unit is not None and code != unit:
            others.append(k)
            unit_table[k] = unit_pos[unit]
            continue
        if code is None:
            unit_table[k] = -1
            unit_reason[k] = f"đơn vị «{text}» không có trong danh sách đơn vị"
            continue
        if code not in unit_pos:
            unit_pos[code] = len(unit_codes)  # units not given: in order of appearance
            unit_codes.append(code)
        unit_table[k] = unit_pos[code]
    if others:
        raise InputError([_other_units(rows, uc, index, distinct, others, unit or "")])
    found = unit_table[index]
    for i in np.flatnonzero(found < 0):
        issues.append(Issue(int(i), uc, text_of(distinct[index[i]]), unit_reason[int(index[i])]))
    return unit_codes, found


def _other_units(
    rows: Rows, uc: int, index: IntArray, distinct: list[Cell], others: list[int], unit: str
) -> Problem:
    """A file given one unit (``--unit``) whose unit column names others."""
    at = np.flatnonzero(np.isin(index, others))
    numbers = [rows.number(int(i)) for i in at]
    shown = ", ".join(
        f"«{text_of(distinct[int(index[i])])}» ở dòng {rows.number(int(i))}" for i in at[:SHOWN]
    )
    more = f" và {format_count(len(numbers) - SHOWN)} dòng khác" if len(numbers) > SHOWN else ""
    return Problem(
        f"cả tệp được khai là của đơn vị «{unit}» (--unit), nhưng cột «{rows.table.header[uc]}» "
        f"ghi đơn vị khác: {shown}{more}",
        file=rows.table.file,
    )


def groups_of(
    rows: Rows,
    columns: Columns,
    questionnaire: Questionnaire,
    mapping: Mapping,
    issues: list[Issue],
) -> IntArray:
    """Each row's respondent group (its position in the questionnaire's groups, -1 if unknown).

    Without a group column every row is of the one group; a blank cell is that group when
    the questionnaire has only one.
    """
    groups = questionnaire.groups
    if columns.group is None:
        return np.zeros(rows.n, dtype=np.int64)
    gc = columns.group
    index, distinct = rows.codes(gc)
    group_table = np.empty(len(distinct), dtype=np.int64)
    group_reason: dict[int, str] = {}
    by_code = {g.code: j for j, g in enumerate(groups)}
    by_fold: dict[str, int] = {}
    for j, g in enumerate(groups):
        by_fold.setdefault(fold(g.code), j)
    for j, g in enumerate(groups):
        by_fold.setdefault(fold(g.name), j)
    group_labels = {fold(k): by_code[v] for k, v in mapping.groups.items() if v in by_code}
    choices = ", ".join(f"{g.code} «{g.name}»" for g in groups)
    for k, cell in enumerate(distinct):
        text = text_of(cell).strip()
        if not text:
            if len(groups) == 1:
                group_table[k] = 0
                continue
            group_table[k] = -1
            group_reason[k] = f"thiếu nhóm đối tượng (chọn: {choices})"
            continue
        mapped_code = mapping.groups.get(text)
        position = by_code.get(mapped_code if mapped_code is not None else text)
        if position is None:
            position = group_labels.get(fold(text), by_fold.get(fold(text)))
        if position is None:
            group_table[k] = -1
            group_reason[k] = f"nhóm đối tượng «{text}» không có trong phiếu (chọn: {choices})"
        else:
            group_table[k] = position
    group = group_table[index]
    for i in np.flatnonzero(group < 0):
        issues.append(Issue(int(i), gc, text_of(distinct[index[i]]), group_reason[int(index[i])]))
    return group


def duplicate_respondents(rows: Rows, columns: Columns, issues: list[Issue]) -> None:
    """Respondent ids: the first row wins, later ones are duplicates."""
    if columns.respondent is None:
        return
    rc = columns.respondent
    for i, first, text in rows.duplicates(rc):
        issues.append(
            Issue(i, rc, text, f"mã phiếu «{text}» trùng với phiếu ở dòng {rows.number(first)}")
        )
