"""Each respondent's value for each question, from wherever the question's answers are: one
column, one column per option, one column per instance of a repeat group (``grp[1]/q1``),
or a column of a repeat group's own table (a KoBoToolbox sheet, an ODK Central file).

A question inside a repeat group is averaged per respondent: the respondent's value is the
mean of the values of its valid instances, rounded half-up to an integer of hundredths of a
percent (blank, excluded and dropped instances do not count; none valid: no answer). A
question outside one is the same rule over its one instance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from parindex.core.questionnaire import Group, Question, Questionnaire
from parindex.core.survey import NO_ANSWER
from parindex.io.survey_responses.answers import (
    BAD,
    BLANK,
    EXCLUDED,
    VALID,
    AnswerReader,
    combine,
    selected,
)
from parindex.io.survey_responses.columns import Columns
from parindex.io.survey_responses.frame import IntArray, Issue, Rows
from parindex.io.survey_responses.mapping import Mapping
from parindex.io.survey_responses.repeats import Repeat
from parindex.io.tables import text_of

Read = list[tuple[int, int, str]]  # (value, state, reason) per distinct answer


@dataclass(frozen=True)
class Source:
    """One place a question's answers are read from."""

    rows: Rows
    owner: IntArray | None  # each row's respondent; None: the rows are the respondents
    column: int = -1
    options: tuple[tuple[int, str], ...] = ()  # one column per option instead

    def read(
        self, question: Question, mapping: Mapping
    ) -> tuple[Read, IntArray, Callable[[int], str]]:
        if self.options:
            return _option_columns(self.rows, list(self.options), question)
        return _one_column(self.rows, self.column, AnswerReader(question, mapping))


def sources(rows: Rows, columns: Columns, repeats: list[Repeat], qi: int) -> list[Source]:
    if qi in columns.questions:
        return [Source(rows, None, columns.questions[qi])]
    if qi in columns.options:
        return [Source(rows, None, columns.options[qi][0][0], tuple(columns.options[qi]))]
    if qi in columns.repeated:
        return [Source(rows, None, c) for c in columns.repeated[qi]]
    return [Source(r.rows, r.owner, r.questions[qi]) for r in repeats if qi in r.questions]


def answers_of(
    rows: Rows,
    columns: Columns,
    repeats: list[Repeat],
    questionnaire: Questionnaire,
    mapping: Mapping,
    group: IntArray,
    issues: list[Issue],
    drop_invalid: bool = False,
) -> npt.NDArray[np.int32]:
    """Each row's value for each question (NO_ANSWER where blank, excluded or not asked);
    a bad answer, an answer from a group not asked, a row with no answer are issues. With
    ``drop_invalid``, a row whose every answer was dropped is an issue of the row."""
    n = rows.n
    groups = questionnaire.groups
    answers = np.full((n, len(questionnaire.questions)), NO_ANSWER, dtype=np.int32)
    answered = np.zeros(n, dtype=np.bool_)  # any answer at all, good or bad
    kept = np.zeros(n, dtype=np.bool_)  # any answer that counts (valid or excluded)
    for qi, q in enumerate(questionnaire.questions):
        asked = np.array([not q.groups or g.code in q.groups for g in groups], dtype=np.bool_)
        sums = np.zeros(n, dtype=np.int64)
        counts = np.zeros(n, dtype=np.int64)
        found = sources(rows, columns, repeats, qi)
        # the rows of a group not asked the question (the export's own rows)
        row_not_asked = (group >= 0) & ~asked[np.where(group >= 0, group, 0)]
        for source in found:
            read, index, raw = source.read(q, mapping)
            value_of = np.array([r[0] for r in read], dtype=np.int64)
            state_of = np.array([r[1] for r in read], dtype=np.int8)
            if source.owner is None:  # one row per respondent: no owner to look up
                states = state_of[index]
                for i in np.flatnonzero(states == BAD):
                    issues.append(_issue(source, None, int(i), raw(int(i)), read[int(index[i])][2]))
                is_valid = states == VALID
                for i in np.flatnonzero(is_valid & row_not_asked):
                    text = raw(int(i))
                    reason = _not_asked(q, groups, int(group[i]), text)
                    issues.append(_issue(source, None, int(i), text, reason))
                valid = is_valid & ~row_not_asked
                if len(found) == 1:  # its one value is the answer: no mean to take
                    answers[:, qi] = np.where(valid, value_of[index], NO_ANSWER)
                else:
                    sums[valid] += value_of[index][valid]
                    counts[valid] += 1
                answered |= states != BLANK
                kept |= valid | ((states == EXCLUDED) & ~row_not_asked)
                continue
            values = value_of[index]
            states = state_of[index]
            owner = source.owner
            live = owner >= 0
            g = group[np.where(live, owner, 0)] if n else np.zeros(len(owner), np.int64)
            not_asked = live & (g >= 0) & ~asked[np.where(g >= 0, g, 0)]
            for i in np.flatnonzero(live & (states == BAD)):
                issues.append(_issue(source, owner, int(i), raw(int(i)), read[int(index[i])][2]))
            for i in np.flatnonzero(not_asked & (states == VALID)):
                text = raw(int(i))
                reason = _not_asked(q, groups, int(g[i]), text)
                issues.append(_issue(source, owner, int(i), text, reason))
            valid = live & (states == VALID) & ~not_asked
            np.add.at(sums, owner[valid], values[valid])
            np.add.at(counts, owner[valid], 1)
            answered[owner[live & (states != BLANK)]] = True
            kept[owner[valid | (live & (states == EXCLUDED) & ~not_asked)]] = True
        some = counts > 0
        if some.any():
            answers[some, qi] = (2 * sums[some] + counts[some]) // (2 * counts[some])
    for i in np.flatnonzero(~answered):
        issues.append(Issue(int(i), -1, "", "phiếu trống: không có câu trả lời nào"))
    if drop_invalid:
        for i in np.flatnonzero(answered & ~kept):
            issues.append(
                Issue(
                    int(i),
                    -1,
                    "",
                    "phiếu không còn câu trả lời hợp lệ nào sau khi bỏ các câu trả lời không hợp lệ",
                )
            )
    return answers


def _not_asked(q: Question, groups: Sequence[Group], group: int, value: str) -> str:
    """Why an answer of a respondent of ``groups[group]`` does not count."""
    asked_names = ", ".join(f"«{g.name}»" for g in groups if g.code in q.groups)
    return (
        f"câu hỏi {q.code} không dành cho nhóm «{groups[group].name}» "
        f"(chỉ hỏi nhóm: {asked_names}), nhưng có câu trả lời «{value}»"
    )


def _issue(source: Source, owner: IntArray | None, i: int, value: str, reason: str) -> Issue:
    """A problem of one answer: in the export's row, or in the repeat group's row."""
    if owner is None:
        return Issue(i, source.column, value, reason, True)
    return Issue(int(owner[i]), source.column, value, reason, True, source.rows, i)


def _one_column(
    rows: Rows, qc: int, reader: AnswerReader
) -> tuple[Read, IntArray, Callable[[int], str]]:
    """A question in one column: each distinct cell read once."""
    index, distinct = rows.codes(qc)
    read = [reader.read(cell) for cell in distinct]

    def raw(i: int) -> str:
        return text_of(distinct[index[i]])

    return read, index, raw


def _option_columns(
    rows: Rows, options: list[tuple[int, str]], question: Question
) -> tuple[Read, IntArray, Callable[[int], str]]:
    """A question with one column per option: the options chosen as a bit mask per row."""
    chosen = np.zeros(rows.n, dtype=np.int64)
    for bit, (c, _) in enumerate(options):
        index, distinct = rows.codes(c)
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
