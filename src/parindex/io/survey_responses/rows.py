"""Reading one export, row by row: units, groups, respondent ids, answers, then the report.

Each step reads one column (or one question's columns) at once: a column's distinct
cells are resolved once, and every row takes its distinct cell's result. Each step adds
the problems it finds as issues ``(row index, column or -1, value, reason)``; the report
turns them into located rejected rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path

import numpy as np
import numpy.typing as npt

from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Question, Questionnaire
from parindex.core.survey import NO_ANSWER, SurveyData
from parindex.io.survey_responses.answers import BAD, BLANK, VALID, AnswerReader, combine, selected
from parindex.io.survey_responses.columns import Columns, assign
from parindex.io.survey_responses.mapping import Mapping, check_mapping, read_mapping
from parindex.io.survey_responses.report import ExcludedRows, RejectedRow, ResponseImport
from parindex.io.survey_responses.shapes import REVIEWS, detect_shape
from parindex.io.tables import Cell, Table, fold, read_table, text_of

IntArray = npt.NDArray[np.int64]
Issue = tuple[int, int, str, str]  # (row index, column or -1, value as exported, reason)


@dataclass(frozen=True)
class _Rows:
    """The export's rows, each padded to the header's width."""

    table: Table
    cells: list[tuple[Cell, ...]]

    @property
    def n(self) -> int:
        return len(self.cells)

    def column(self, c: int) -> list[Cell]:
        return list(map(itemgetter(c), self.cells))


def _codes(column: list[Cell]) -> tuple[IntArray, list[Cell]]:
    """Each cell's index among the column's distinct values, and those values in order of appearance."""
    seen: dict[Cell, int] = dict.fromkeys(column, 0)
    for k, value in enumerate(seen):
        seen[value] = k
    index = np.fromiter(map(seen.__getitem__, column), dtype=np.int64, count=len(column))
    return index, list(seen)


def read_responses(
    path: Path | str,
    questionnaire: Questionnaire,
    units: Sequence[str] | None,
    mapping: Mapping | Path | str | None = None,
    drop_invalid: bool = False,
    keep_rejected: bool = False,
) -> ResponseImport:
    """Read one export; every bad row at once (InputError), or, with ``drop_invalid``, the good
    rows kept and the bad ones returned in ``rejected``. File-level problems always raise.

    Rows the tool's own review left out (ODK Central rejected, KoBoToolbox not approved,
    LimeSurvey incomplete: ``shapes.REVIEWS``) are neither checked nor scored and their units
    are not listed; they are counted per reason in ``excluded``. ``keep_rejected`` reads them
    like the others (still counted, as kept)."""
    if isinstance(mapping, (str, Path)):
        mapping = read_mapping(mapping)
    mapping = mapping or Mapping()
    table = read_table(Path(path))
    read = len(table.rows)
    shape = detect_shape(table.header)
    excluded = _reviewed(table, shape, keep_rejected)
    columns = _columns(table, questionnaire, mapping, units, shape)
    if excluded and not keep_rejected:
        left_out = {n for e in excluded for n in e.rows}
        table = replace(table, rows=tuple(r for r in table.rows if r.number not in left_out))
        if not table.rows:
            raise InputError(
                [
                    Problem(
                        "tệp không còn phiếu trả lời nào để tính: "
                        + "; ".join(e.message for e in excluded)
                        + " (tùy chọn giữ lại: --keep-rejected)",
                        file=table.file,
                    )
                ]
            )
    rows = _padded(table)
    issues: list[Issue] = []
    unit_codes, unit = _units(rows, columns, mapping, units, issues)
    group = _groups(rows, columns, questionnaire, mapping, issues)
    _duplicate_respondents(rows, columns, issues)
    answers = _answers(rows, columns, questionnaire, mapping, group, issues)
    rejected, bad = _report(rows, issues, unit, unit_codes)
    if rejected and not drop_invalid:
        raise InputError(r.problem(table.file) for r in rejected)
    keep = ~bad
    data = SurveyData(
        questionnaire=questionnaire,
        units=tuple(unit_codes),
        unit=np.ascontiguousarray(unit[keep], dtype=np.int64),
        group=np.ascontiguousarray(group[keep], dtype=np.int64),
        answers=np.ascontiguousarray(answers[keep]),
    )
    return ResponseImport(
        data=data,
        read=read,
        kept=int(keep.sum()),
        rejected=tuple(rejected),
        shape=shape,
        ignored_columns=tuple(columns.ignored),
        columns=tuple((table.header[c], m) for c, m in sorted(columns.meanings.items())),
        file=table.file,
        excluded=excluded,
    )


def _reviewed(table: Table, shape: str, kept: bool) -> tuple[ExcludedRows, ...]:
    """The rows the tool's review leaves out, per reason (its review column, when present)."""
    folded = [fold(h) for h in table.header]
    found: list[ExcludedRows] = []
    for review in REVIEWS:
        if review.shape != shape or review.column not in folded:
            continue
        c = folded.index(review.column)
        index, distinct = _codes([r.get(c) for r in table.rows])
        out = np.array(
            [
                (review.blank and not text_of(v).strip()) or fold(text_of(v)) in review.values
                for v in distinct
            ],
            dtype=np.bool_,
        )
        numbers = tuple(table.rows[int(i)].number for i in np.flatnonzero(out[index]))
        if numbers:
            header = table.header[c]
            found.append(
                ExcludedRows(
                    review.reason, review.what.format(column=header), header, numbers, kept
                )
            )
    return tuple(found)


def _columns(
    table: Table,
    questionnaire: Questionnaire,
    mapping: Mapping,
    units: Sequence[str] | None,
    shape: str,
) -> Columns:
    """The columns' meanings; a header, mapping or empty-file problem raises (all at once)."""
    columns, problems = assign(table, questionnaire, mapping, shape)
    problems += check_mapping(mapping, questionnaire, units, table.file)
    if not table.rows:
        problems.append(Problem("tệp không có phiếu trả lời nào", file=table.file))
    if problems:
        raise InputError(problems)
    return columns


def _padded(table: Table) -> _Rows:
    width = len(table.header)
    cells = [
        r.cells if len(r.cells) >= width else r.cells + (None,) * (width - len(r.cells))
        for r in table.rows
    ]
    return _Rows(table, cells)


def _units(
    rows: _Rows,
    columns: Columns,
    mapping: Mapping,
    units: Sequence[str] | None,
    issues: list[Issue],
) -> tuple[list[str], IntArray]:
    """Each row's unit (its position in the unit codes, -1 if unknown) and the unit codes:
    those given, or, without a units list, those named in order of appearance."""
    unit_codes: list[str] = list(units) if units is not None else []
    unit_pos = {code: i for i, code in enumerate(unit_codes)}
    unit_folded = {fold(code): code for code in unit_codes}
    unit_labels = {fold(k): v for k, v in mapping.units.items()}
    uc = columns.unit
    assert uc is not None
    index, distinct = _codes(rows.column(uc))
    unit_table = np.empty(len(distinct), dtype=np.int64)
    unit_reason: dict[int, str] = {}
    for k, cell in enumerate(distinct):
        text = text_of(cell).strip()
        code: str | None
        if not text:
            unit_table[k] = -1
            unit_reason[k] = "thiếu đơn vị"
            continue
        if text in unit_pos:
            code = text
        else:
            code = mapping.units.get(text) or unit_labels.get(fold(text))
            if code is None:
                code = unit_folded.get(fold(text), text if units is None else None)
        if code is None:
            unit_table[k] = -1
            unit_reason[k] = f"đơn vị «{text}» không có trong danh sách đơn vị"
            continue
        if code not in unit_pos:
            unit_pos[code] = len(unit_codes)  # units not given: in order of appearance
            unit_codes.append(code)
        unit_table[k] = unit_pos[code]
    unit = unit_table[index]
    for i in np.flatnonzero(unit < 0):
        issues.append((int(i), uc, text_of(distinct[index[i]]), unit_reason[int(index[i])]))
    return unit_codes, unit


def _groups(
    rows: _Rows,
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
    index, distinct = _codes(rows.column(gc))
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
        issues.append((int(i), gc, text_of(distinct[index[i]]), group_reason[int(index[i])]))
    return group


def _duplicate_respondents(rows: _Rows, columns: Columns, issues: list[Issue]) -> None:
    """Respondent ids: the first row wins, later ones are duplicates."""
    if columns.respondent is None:
        return
    rc = columns.respondent
    first: dict[Cell, int] = {}
    setdefault = first.setdefault
    for i, cell in enumerate(rows.column(rc)):
        if cell is not None and setdefault(cell, i) != i:
            text = text_of(cell)
            issues.append(
                (
                    i,
                    rc,
                    text,
                    f"mã phiếu «{text}» trùng với phiếu ở dòng {rows.table.rows[first[cell]].number}",
                )
            )


def _answers(
    rows: _Rows,
    columns: Columns,
    questionnaire: Questionnaire,
    mapping: Mapping,
    group: IntArray,
    issues: list[Issue],
) -> npt.NDArray[np.int32]:
    """Each row's value for each question (NO_ANSWER where blank, excluded or not asked);
    a bad answer, an answer from a group not asked, a row with no answer are issues."""
    n = rows.n
    groups = questionnaire.groups
    questions = questionnaire.questions
    answers = np.full((n, len(questions)), NO_ANSWER, dtype=np.int32)
    blank = np.ones(n, dtype=np.bool_)
    known_group = group >= 0
    safe_group = np.where(known_group, group, 0)
    for qi, q in enumerate(questions):
        if qi in columns.questions:
            qc = columns.questions[qi]
            read, index, raw = _one_column(rows, qc, AnswerReader(q, mapping))
        else:
            qc = columns.options[qi][0][0]
            read, index, raw = _option_columns(rows, columns.options[qi], q)
        values = np.array([r[0] for r in read], dtype=np.int32)[index]
        states = np.array([r[1] for r in read], dtype=np.int8)[index]
        for i in np.flatnonzero(states == BAD):
            issues.append((int(i), qc, raw(int(i)), read[int(index[i])][2]))
        if q.groups:
            asked = np.array([g.code in q.groups for g in groups], dtype=np.bool_)
            asked_names = ", ".join(f"«{g.name}»" for g in groups if g.code in q.groups)
            not_asked = known_group & ~asked[safe_group]
            for i in np.flatnonzero(not_asked & (states == VALID)):
                name = groups[int(group[i])].name
                issues.append(
                    (
                        int(i),
                        qc,
                        raw(int(i)),
                        f"câu hỏi {q.code} không dành cho nhóm «{name}» "
                        f"(chỉ hỏi nhóm: {asked_names}), nhưng có câu trả lời «{raw(int(i))}»",
                    )
                )
            values[not_asked] = NO_ANSWER
        answers[:, qi] = values
        blank &= states == BLANK
    for i in np.flatnonzero(blank):
        issues.append((int(i), -1, "", "phiếu trống: không có câu trả lời nào"))
    return answers


Read = list[tuple[int, int, str]]  # (value, state, reason) per distinct answer


def _one_column(
    rows: _Rows, qc: int, reader: AnswerReader
) -> tuple[Read, IntArray, Callable[[int], str]]:
    """A question in one column: each distinct cell read once."""
    index, distinct = _codes(rows.column(qc))
    read = [reader.read(cell) for cell in distinct]

    def raw(i: int) -> str:
        return text_of(distinct[index[i]])

    return read, index, raw


def _option_columns(
    rows: _Rows, options: list[tuple[int, str]], question: Question
) -> tuple[Read, IntArray, Callable[[int], str]]:
    """A question with one column per option: the options chosen as a bit mask per row."""
    chosen = np.zeros(rows.n, dtype=np.int64)
    for bit, (c, _) in enumerate(options):
        index, distinct = _codes(rows.column(c))
        picked = np.fromiter((selected(v) for v in distinct), np.bool_, len(distinct))
        chosen |= picked[index].astype(np.int64) << bit
    masks, inverse = np.unique(chosen, return_inverse=True)
    read = [
        combine(question, [code for bit, (_, code) in enumerate(options) if int(m) >> bit & 1])
        for m in masks
    ]

    def raw(i: int) -> str:
        return "; ".join(code for bit, (_, code) in enumerate(options) if int(chosen[i]) >> bit & 1)

    return read, inverse.reshape(-1), raw


def _report(
    rows: _Rows, issues: list[Issue], unit: IntArray, unit_codes: list[str]
) -> tuple[list[RejectedRow], npt.NDArray[np.bool_]]:
    """The rejected rows, by row and column, each located as the sheet shows it; the bad rows."""
    table = rows.table
    header = table.header
    bad = np.zeros(rows.n, dtype=np.bool_)
    rejected: list[RejectedRow] = []
    issues.sort(key=lambda issue: (issue[0], issue[1]))
    for i, c, value, reason in issues:
        bad[i] = True
        number = table.rows[i].number
        where = table.where(number) if c < 0 else f"{table.where(number, c)} ({header[c]})"
        u = int(unit[i])
        rejected.append(
            RejectedRow(
                number,
                header[c] if c >= 0 else "",
                value,
                reason,
                where,
                unit_codes[u] if u >= 0 else "",
            )
        )
    return rejected, bad
