"""The satisfaction index (SIPAS, Chỉ số hài lòng về sự phục vụ hành chính) from survey answers.

Per unit, the index is the share of *satisfied* answers (hài lòng, rất hài lòng) among
the valid answers to the SIPAS questions, in percent rounded half-up to 2 decimals:
overall (all valid answers of the unit to the selected questions) and per aspect (the
questions' ``aspect``, e.g. SIPAS 2017's five factors: Tiếp cận dịch vụ, Thủ tục hành
chính, Công chức, Kết quả giải quyết, Tiếp nhận, xử lý góp ý). Answers to excluded
options (weight None: "không biết / không trả lời"), blanks and questions not asked
are not valid answers and count nowhere. Questions without an aspect count in the
overall figure only.

An answer is satisfied when its option's weight is at or above the weight of the
``satisfied_at_least`` option (default ``B``: the two best options of a 5-point
scale A=100, B=60, C=20, D=0, E=excluded). ``SurveyData`` holds each answer's value
(the option weight in hundredths of a percent for a single-choice ``mean`` question),
so an answer is satisfied when ``answers[r, q] >= weight(satisfied_at_least) × 100``.
That is why every SIPAS question must be single-choice with rule ``mean``; anything
else raises ``InputError`` naming the question, as does a value in the data that is
not one of the question's option weights.

Province-wide figures pool every unit's answers; ``average`` is the mean of the
units' published (rounded) percentages over the units that have one. Units are sorted
by overall percent (highest first, ties by code; units without valid answers last)
with standard competition ranks (1, 2, 2, 4) on the rounded percent.

Counting uses ``numpy.bincount`` over respondents; percentages are exact ``Decimal``
ratios of integer counts.

>>> import numpy as np
>>> from parindex.core.questionnaire import parse_questionnaire
>>> from parindex.core.survey import SurveyData
>>> q = parse_questionnaire({"id": "sipas", "name": "SIPAS", "groups": [{"code": "dan", "name": "Người dân"}],
...     "questions": [{"code": "Q1", "text": "Hài lòng?", "leaf": "8.1", "aspect": "Công chức"}]})
>>> values = [10000] * 4 + [6000] * 3 + [2000] * 2 + [-1]  # 4 A, 3 B, 2 C, 1 E
>>> data = SurveyData(q, ("X",), np.zeros(10, np.int64), np.zeros(10, np.int64),
...     np.array(values, np.int32).reshape(10, 1))
>>> s = compute_sipas(q, data).units[0].overall
>>> s.valid, s.satisfied, s.percent
(9, 7, Decimal('77.78'))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from parindex.core.numbers import round2, round_half_up
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Question, Questionnaire
from parindex.core.survey import FULL, NO_ANSWER, SurveyData

DEFAULT_SATISFIED_AT_LEAST = "B"


@dataclass(frozen=True)
class Satisfaction:
    """Valid and satisfied answers and their share in percent (None when nothing is valid)."""

    valid: int
    satisfied: int
    percent: Decimal | None

    @classmethod
    def of(cls, valid: int, satisfied: int) -> Satisfaction:
        """
        >>> Satisfaction.of(9, 7).percent, Satisfaction.of(0, 0).percent
        (Decimal('77.78'), None)
        """
        percent = round2(Decimal(100 * satisfied) / Decimal(valid)) if valid else None
        return cls(valid, satisfied, percent)


@dataclass(frozen=True)
class UnitSatisfaction:
    """One unit: its respondents (rows of the data), overall and per-aspect satisfaction."""

    unit: str
    respondents: int
    overall: Satisfaction
    aspects: Mapping[str, Satisfaction]
    rank: int | None = None  # None when the unit has no valid answer
    answering: int = 0  # respondents with at least one valid answer to the SIPAS questions


@dataclass(frozen=True)
class SipasResult:
    """Units in rank order, the aspects in question order, province-wide figures and the average."""

    units: tuple[UnitSatisfaction, ...]
    aspects: tuple[str, ...]
    overall: Satisfaction  # province-wide: all units' answers pooled
    average: Decimal | None  # mean of the units' rounded percents; None if no unit has one
    aspect_overall: Mapping[str, Satisfaction] = field(default_factory=lambda: MappingProxyType({}))
    aspect_average: Mapping[str, Decimal | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    respondents: int = 0
    questions: tuple[str, ...] = ()
    satisfied_at_least: str = DEFAULT_SATISFIED_AT_LEAST

    def unit(self, code: str) -> UnitSatisfaction:
        for u in self.units:
            if u.unit == code:
                return u
        raise KeyError(code)


def to_hundredths(weight: Decimal) -> int:
    """An option weight (percent) as the value ``SurveyData`` stores: hundredths, half-up.

    >>> to_hundredths(Decimal("60")), to_hundredths(Decimal("33.335"))
    (6000, 3334)
    """
    return int(round_half_up(weight * 100, places=0))


def average_percent(percents: Sequence[Decimal]) -> Decimal | None:
    """Mean of published (rounded) percents, rounded half-up; None for none.

    >>> average_percent([Decimal("77.78"), Decimal("50")]), average_percent([])
    (Decimal('63.89'), None)
    """
    if not percents:
        return None
    return round2(sum(percents, Decimal(0)) / len(percents))


def _select(
    questionnaire: Questionnaire, questions: Sequence[str] | None, satisfied_at_least: str
) -> tuple[list[tuple[int, Question, int]], list[Problem]]:
    """(column, question, satisfied threshold in hundredths) per selected question, or problems."""
    problems: list[Problem] = []
    if isinstance(questions, str):
        questions = [questions]
    codes = (
        [q.code for q in questionnaire.questions]
        if questions is None
        else [str(c) for c in questions]
    )
    if not codes:
        problems.append(
            Problem("cần ít nhất một câu hỏi để tính chỉ số hài lòng", where="questions")
        )
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem(f"câu hỏi «{code}» được chọn hai lần", where=code))
    columns = {q.code: i for i, q in enumerate(questionnaire.questions)}
    selected: list[tuple[int, Question, int]] = []
    for code in dict.fromkeys(codes):
        column = columns.get(code)
        if column is None:
            problems.append(
                Problem(f"câu hỏi «{code}» không có trong phiếu «{questionnaire.id}»", where=code)
            )
            continue
        question = questionnaire.questions[column]
        if question.choice != "single":
            problems.append(
                Problem(
                    f"câu hỏi chỉ số hài lòng phải chọn một phương án (choice: single), không phải «{question.choice}»",
                    where=code,
                )
            )
        if question.rule != "mean":
            problems.append(
                Problem(
                    f"câu hỏi chỉ số hài lòng phải tính theo trọng số phương án (rule: mean), không phải «{question.rule}»",
                    where=code,
                )
            )
        level = question.option(satisfied_at_least)
        if level is None or level.weight is None:
            problems.append(
                Problem(
                    f"mức hài lòng «{satisfied_at_least}» không phải phương án có trọng số của câu hỏi",
                    where=code,
                )
            )
            continue
        selected.append((column, question, to_hundredths(level.weight)))
    return selected, problems


# answer classes counted per unit: no valid answer, valid, satisfied, not an option's value
_NONE, _VALID, _SATISFIED, _FOREIGN = 0, 1, 2, 3
_CLASSES = 4


def _classes(question: Question, threshold: int) -> npt.NDArray[np.intp]:
    """Lookup table: value + 1 (value in -1 … 10,000) → answer class for this question."""
    table = np.full(FULL + 2, _FOREIGN, dtype=np.intp)
    table[NO_ANSWER + 1] = _NONE
    for option in question.scale:
        if option.weight is not None:
            value = to_hundredths(option.weight)
            table[value + 1] = _SATISFIED if value >= threshold else _VALID
    return table


def _foreign_value(
    values: npt.NDArray[np.int32], table: npt.NDArray[np.intp], code: str
) -> Problem:
    outside = values[(values < NO_ANSWER) | (values > FULL)]
    bad = outside if outside.size else values[table[values + 1] == _FOREIGN]
    return Problem(
        f"giá trị trả lời «{int(bad[0])}» (phần trăm × 100) không ứng với phương án nào của câu hỏi",
        where=code,
    )


def compute_sipas(
    questionnaire: Questionnaire,
    data: SurveyData,
    questions: Sequence[str] | None = None,
    satisfied_at_least: str = DEFAULT_SATISFIED_AT_LEAST,
) -> SipasResult:
    """The satisfaction index per unit, per aspect, province-wide and on average.

    ``questions``: codes of the SIPAS questions (default: every question of the
    questionnaire); each must be single-choice with rule ``mean`` and have the
    ``satisfied_at_least`` option with a weight. Raises ``InputError`` with every problem.
    """
    selected, problems = _select(questionnaire, questions, satisfied_at_least)
    answers = np.asarray(data.answers)
    n_questions = len(questionnaire.questions)
    if answers.ndim != 2 or answers.shape[1] != n_questions or answers.shape[0] != data.respondents:
        problems.append(
            Problem(
                f"dữ liệu khảo sát có {answers.shape[1] if answers.ndim == 2 else '?'} cột trả lời, "
                f"phiếu «{questionnaire.id}» có {n_questions} câu hỏi",
                where="answers",
            )
        )
    if [q.code for q in data.questionnaire.questions] != [q.code for q in questionnaire.questions]:
        problems.append(
            Problem(
                f"dữ liệu khảo sát thuộc phiếu «{data.questionnaire.id}», không phải «{questionnaire.id}»",
                where="answers",
            )
        )
    n_units = len(data.units)
    unit = np.asarray(data.unit, dtype=np.intp)
    if unit.size and (int(unit.min()) < 0 or int(unit.max()) >= n_units):
        problems.append(
            Problem("chỉ số đơn vị của người trả lời nằm ngoài danh sách đơn vị", where="unit")
        )
    if problems:
        raise InputError(problems)
    aspects = tuple(dict.fromkeys(q.aspect for _, q, _ in selected if q.aspect))
    aspect_index = {a: i for i, a in enumerate(aspects)}
    # one row per selected question, contiguous (a single copy of the selected columns)
    columns = np.ascontiguousarray(answers[:, [c for c, _, _ in selected]].T)
    in_range = columns.size == 0 or (int(columns.min()) >= NO_ANSWER and int(columns.max()) <= FULL)
    # valid[u, k], satisfied[u, k]: k = 0 overall, 1 + i for aspect i
    valid = np.zeros((n_units, 1 + len(aspects)), dtype=np.int64)
    satisfied = np.zeros_like(valid)
    any_valid = np.zeros(unit.shape[0], dtype=np.bool_)
    keyed_unit = unit * _CLASSES
    for row, (_, question, threshold) in enumerate(selected):
        values = columns[row]
        table = _classes(question, threshold)
        if not in_range and (int(values.min()) < NO_ANSWER or int(values.max()) > FULL):
            problems.append(_foreign_value(values, table, question.code))
            continue
        classes = table[values + 1]
        counts = np.bincount(keyed_unit + classes, minlength=n_units * _CLASSES)
        counts = counts.reshape(n_units, _CLASSES)
        if counts[:, _FOREIGN].any():
            problems.append(_foreign_value(values, table, question.code))
            continue
        any_valid |= values >= 0
        v = counts[:, _VALID] + counts[:, _SATISFIED]
        s = counts[:, _SATISFIED]
        valid[:, 0] += v
        satisfied[:, 0] += s
        if question.aspect:
            k = 1 + aspect_index[question.aspect]
            valid[:, k] += v
            satisfied[:, k] += s
    if problems:
        raise InputError(problems)
    respondents = np.bincount(unit, minlength=n_units)
    answering = np.bincount(unit[any_valid], minlength=n_units)

    rows: list[UnitSatisfaction] = []
    for u, code in enumerate(data.units):
        rows.append(
            UnitSatisfaction(
                unit=code,
                respondents=int(respondents[u]),
                overall=Satisfaction.of(int(valid[u, 0]), int(satisfied[u, 0])),
                aspects=MappingProxyType(
                    {
                        a: Satisfaction.of(int(valid[u, 1 + i]), int(satisfied[u, 1 + i]))
                        for i, a in enumerate(aspects)
                    }
                ),
                answering=int(answering[u]),
            )
        )
    units = _ranked(rows)
    totals_valid = valid.sum(axis=0)
    totals_satisfied = satisfied.sum(axis=0)
    aspect_average: dict[str, Decimal | None] = {}
    for a in aspects:
        percents = [p for r in units if (p := r.aspects[a].percent) is not None]
        aspect_average[a] = average_percent(percents)
    return SipasResult(
        units=units,
        aspects=aspects,
        overall=Satisfaction.of(int(totals_valid[0]), int(totals_satisfied[0])),
        average=average_percent([p for r in units if (p := r.overall.percent) is not None]),
        aspect_overall=MappingProxyType(
            {
                a: Satisfaction.of(int(totals_valid[1 + i]), int(totals_satisfied[1 + i]))
                for i, a in enumerate(aspects)
            }
        ),
        aspect_average=MappingProxyType(aspect_average),
        respondents=int(unit.shape[0]),
        questions=tuple(q.code for _, q, _ in selected),
        satisfied_at_least=satisfied_at_least,
    )


def _ranked(rows: Sequence[UnitSatisfaction]) -> tuple[UnitSatisfaction, ...]:
    """Highest overall percent first, ties by code, no valid answer last; competition ranks."""
    scored = sorted(
        (r for r in rows if r.overall.percent is not None),
        key=lambda r: (-(r.overall.percent or Decimal(0)), r.unit),
    )
    unscored = sorted((r for r in rows if r.overall.percent is None), key=lambda r: r.unit)
    ranked: list[UnitSatisfaction] = []
    for i, r in enumerate(scored):
        if i and r.overall.percent == scored[i - 1].overall.percent:
            rank = ranked[-1].rank
        else:
            rank = i + 1
        ranked.append(replace(r, rank=rank))
    return (*ranked, *unscored)
