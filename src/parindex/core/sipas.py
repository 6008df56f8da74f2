"""The satisfaction index (SIPAS, Chỉ số hài lòng về sự phục vụ hành chính) from survey answers.

Two models (docs/sipas-1001.md). **2017** (QĐ 2640/QĐ-BNV, old data; the default without a
``sipas`` block): per unit, the index is the share of *satisfied* answers (hài lòng, rất
hài lòng) among the valid answers to the SIPAS questions, in percent rounded half-up to 2
decimals: overall (all valid answers of the unit to the selected questions) and per aspect
(the questions' ``aspect``, e.g. SIPAS 2017's five factors: Tiếp cận dịch vụ, Thủ tục hành
chính, Công chức, Kết quả giải quyết, Tiếp nhận, xử lý góp ý). **1001** (QĐ 1001/QĐ-BNV,
2023–2026): aspect shares as above (policy groups, service aspects), component indices
(satisfaction with public policies, with public administrative services; assessments,
expectations) and the index as their weighted mean, as the questionnaire's ``sipas`` block
configures (``parindex.core.sipas_method``). With design weights (``SurveyData.weight``)
every share is weighted; every figure carries its linearised confidence interval. Answers to excluded
options (weight None: "không biết / không trả lời"), blanks and questions not asked
are not valid answers and count nowhere. Questions without an aspect count in the
overall figure only.

An answer is satisfied when its option's weight is at or above the weight of the
``satisfied_at_least`` option (default ``B``: the two best options of a 5-point
scale A=100, B=60, C=20, D=0, E=excluded), or at or above a weight level ``"75%"`` (any
scale, e.g. 9 points). ``SurveyData`` holds each answer's value
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
ratios of integer (weighted) counts; valid and satisfied counts are unweighted.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from parindex.core.numbers import round2, round_half_up
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Question, Questionnaire
from parindex.core.sipas_method import (
    DEFAULT_CONFIDENCE,
    Component,
    Estimate,
    Node,
    Sample,
    SipasConfig,
    atom_totals,
    estimate,
    parse_sipas_config,
    threshold_hundredths,
)
from parindex.core.survey import FULL, NO_ANSWER, SurveyData

DEFAULT_SATISFIED_AT_LEAST = "B"


@dataclass(frozen=True)
class Satisfaction:
    """Valid and satisfied answers (counts), their (weighted) share in percent (None when
    nothing is valid) and its confidence interval (None under two PSUs; not compared)."""

    valid: int
    satisfied: int
    percent: Decimal | None
    low: Decimal | None = field(default=None, compare=False)
    high: Decimal | None = field(default=None, compare=False)
    psus: int = field(default=0, compare=False)

    @classmethod
    def of(cls, valid: int, satisfied: int) -> Satisfaction:
        """
        >>> Satisfaction.of(9, 7).percent, Satisfaction.of(0, 0).percent
        (Decimal('77.78'), None)
        """
        percent = round2(Decimal(100 * satisfied) / Decimal(valid)) if valid else None
        return cls(valid, satisfied, percent)

    @classmethod
    def of_estimate(cls, e: Estimate) -> Satisfaction:
        return cls(e.valid, e.satisfied, e.percent, e.low, e.high, e.psus)


@dataclass(frozen=True)
class UnitSatisfaction:
    """One unit: its respondents (rows of the data), overall and per-aspect satisfaction."""

    unit: str
    respondents: int
    overall: Satisfaction
    aspects: Mapping[str, Satisfaction]
    rank: int | None = None  # None when the unit has no valid answer
    answering: int = 0  # respondents with at least one valid answer to the SIPAS questions
    components: Mapping[str, Satisfaction] = field(default_factory=lambda: MappingProxyType({}))


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
    model: str = "2017"
    confidence: Decimal = DEFAULT_CONFIDENCE
    components: tuple[Component, ...] = ()  # model 1001: the decision's contents measured
    component_overall: Mapping[str, Satisfaction] = field(
        default_factory=lambda: MappingProxyType({})
    )
    component_average: Mapping[str, Decimal | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    index_weights: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    weighted: bool = False  # design weights applied

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
        threshold = threshold_hundredths(
            satisfied_at_least, [(o.code, o.weight) for o in question.scale]
        )
        if threshold is None:
            problems.append(
                Problem(
                    f"mức hài lòng «{satisfied_at_least}» không phải phương án có trọng số của câu hỏi "
                    "(hoặc một mức trọng số như «75%»)",
                    where=code,
                )
            )
            continue
        selected.append((column, question, threshold))
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


def _checks(questionnaire: Questionnaire, data: SurveyData) -> list[Problem]:
    """The data must be of this questionnaire, with units, weights and clusters in range."""
    problems: list[Problem] = []
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
    unit = np.asarray(data.unit, dtype=np.intp)
    if unit.size and (int(unit.min()) < 0 or int(unit.max()) >= len(data.units)):
        problems.append(
            Problem("chỉ số đơn vị của người trả lời nằm ngoài danh sách đơn vị", where="unit")
        )
    if data.weight is not None:
        weight = np.asarray(data.weight)
        if weight.shape != unit.shape or (weight.size and int(weight.min()) < 0):
            problems.append(
                Problem(
                    "trọng số thiết kế phải là số không âm, một số cho mỗi phiếu", where="weight"
                )
            )
    if data.cluster is not None:
        cluster = np.asarray(data.cluster)
        if cluster.shape != unit.shape or (cluster.size and int(cluster.min()) < 0):
            problems.append(Problem("mỗi phiếu cần đúng một mã cụm", where="cluster"))
    return problems


def _figures(
    config: SipasConfig, model: str, selected: Sequence[tuple[int, Question, int]]
) -> tuple[list[frozenset[int]], Node, dict[str, Node], dict[str, Node], list[Problem]]:
    """Atoms (sets of selected columns), the overall node, aspect nodes, component nodes."""
    atoms: dict[frozenset[int], int] = {}
    problems: list[Problem] = []

    def atom(columns: Sequence[int]) -> int:
        return atoms.setdefault(frozenset(columns), len(atoms))

    aspects = list(dict.fromkeys(q.aspect for _, q, _ in selected if q.aspect))
    by_aspect = {a: [k for k, (_, q, _) in enumerate(selected) if q.aspect == a] for a in aspects}
    components: dict[str, Node] = {}
    if model == "2017":
        overall: Node = atom(range(len(selected)))
    else:
        if not config.components:
            problems.append(
                Problem(
                    "mô hình 1001 cần khai báo các nội dung đo lường («sipas.components»)",
                    where="sipas",
                )
            )
        owner: dict[int, str] = {}
        for c in config.components:
            for a in c.aspects:
                if a not in by_aspect:
                    problems.append(
                        Problem(
                            f"khía cạnh «{a}» của nội dung «{c.code}» không có câu hỏi nào được chọn",
                            where="sipas",
                        )
                    )
            columns = [
                k
                for k, (_, q, _) in enumerate(selected)
                if q.aspect in c.aspects or q.code in c.questions
            ]
            for k in columns:
                if k in owner:
                    problems.append(
                        Problem(
                            f"câu hỏi thuộc hai nội dung «{owner[k]}» và «{c.code}»",
                            where=selected[k][1].code,
                        )
                    )
                owner[k] = c.code
            if c.aggregation == "pooled" or not columns:
                components[c.code] = atom(columns)
            else:
                groups = dict.fromkeys(selected[k][1].aspect for k in columns)
                components[c.code] = tuple(
                    (atom([k for k in columns if selected[k][1].aspect == g]), Fraction(1))
                    for g in groups
                )
        overall = tuple(
            (components[code], Fraction(str(w)))
            for code, w in config.weights().items()
            if code in components
        )
    aspect_nodes: dict[str, Node] = {a: atom(cols) for a, cols in by_aspect.items()}
    ordered = sorted(atoms, key=atoms.__getitem__)
    return ordered, overall, aspect_nodes, components, problems


def compute_sipas(
    questionnaire: Questionnaire,
    data: SurveyData,
    questions: Sequence[str] | None = None,
    satisfied_at_least: str | None = None,
    model: str | None = None,
    confidence: Decimal | None = None,
) -> SipasResult:
    """The satisfaction index per unit, per aspect (and per component), province-wide and on
    average, each share with its confidence interval.

    ``model`` (default: the questionnaire's ``sipas.model``, else 2017): "2017", the share
    of satisfied answers over all SIPAS questions, per aspect the same over its questions;
    "1001", the components of ``sipas.components`` and their weighted mean
    (``parindex.core.sipas_method``). ``questions``: codes of the SIPAS questions (default:
    every question, or under 1001 the components' questions); each must be single-choice
    with rule ``mean``. ``satisfied_at_least``: an option code or a weight level "75%"
    (default: the questionnaire's, else B). Raises ``InputError`` with every problem.
    """
    config, problems = parse_sipas_config(questionnaire.sipas)
    model = model or config.model
    if model not in ("1001", "2017"):
        problems.append(
            Problem(
                f"mô hình SIPAS «{model}» không được hỗ trợ (chọn 1001 hoặc 2017)", where="model"
            )
        )
    level = satisfied_at_least or config.satisfied_at_least
    confidence = confidence or config.confidence
    if model == "1001" and questions is None and config.components:
        questions = [
            q.code
            for q in questionnaire.questions
            if any(q.aspect in c.aspects or q.code in c.questions for c in config.components)
        ]
    selected, more = _select(questionnaire, questions, level)
    problems += more + _checks(questionnaire, data)
    if problems:
        raise InputError(problems)
    answers = np.asarray(data.answers)
    n_units = len(data.units)
    unit = np.asarray(data.unit, dtype=np.intp)
    # one row per selected question, contiguous (a single copy of the selected columns)
    columns = np.ascontiguousarray(answers[:, [c for c, _, _ in selected]].T)
    in_range = columns.size == 0 or (int(columns.min()) >= NO_ANSWER and int(columns.max()) <= FULL)
    # satisfied[k], valid[k]: the answers of selected question k (one contiguous row each)
    satisfied = np.zeros((len(selected), unit.shape[0]), dtype=np.bool_)
    valid = np.zeros_like(satisfied)
    for k, (_, question, threshold) in enumerate(selected):
        values = columns[k]
        table = _classes(question, threshold)
        if not in_range and (int(values.min()) < NO_ANSWER or int(values.max()) > FULL):
            problems.append(_foreign_value(values, table, question.code))
            continue
        classes = table[values + 1]
        if (classes == _FOREIGN).any():
            problems.append(_foreign_value(values, table, question.code))
            continue
        valid[k] = (classes == _VALID) | (classes == _SATISFIED)
        satisfied[k] = classes == _SATISFIED
    atoms, overall_node, aspect_nodes, component_nodes, more = _figures(config, model, selected)
    problems += more
    if problems:
        raise InputError(problems)
    # y[a], x[a]: each respondent's satisfied and valid answers to atom a's questions
    y = np.zeros((len(atoms), unit.shape[0]))
    x = np.zeros_like(y)
    for a, members in enumerate(atoms):
        for k in members:
            y[a] += satisfied[k]
            x[a] += valid[k]
    sample = Sample.of(
        unit,
        n_units,
        None if data.weight is None else np.asarray(data.weight, np.float64),
        None if data.cluster is None else np.asarray(data.cluster, dtype=np.intp),
    )
    nodes: dict[str, Node] = {
        "": overall_node,
        **{f"a:{a}": n for a, n in aspect_nodes.items()},
        **{f"c:{c}": n for c, n in component_nodes.items()},
    }
    per_unit: dict[str, list[Satisfaction]] = {}
    province: dict[str, Satisfaction] = {}
    totals = atom_totals(y, x, sample)
    for key, node in nodes.items():
        estimates, total = estimate(node, y, x, sample, confidence, totals)
        per_unit[key] = [Satisfaction.of_estimate(e) for e in estimates]
        province[key] = Satisfaction.of_estimate(total)
    respondents = np.bincount(unit, minlength=n_units)
    answering = np.bincount(unit[valid.any(axis=0)], minlength=n_units)
    aspects = tuple(aspect_nodes)
    codes = tuple(component_nodes)
    rows: list[UnitSatisfaction] = []
    for u, code in enumerate(data.units):
        rows.append(
            UnitSatisfaction(
                unit=code,
                respondents=int(respondents[u]),
                overall=per_unit[""][u],
                aspects=MappingProxyType({a: per_unit[f"a:{a}"][u] for a in aspects}),
                answering=int(answering[u]),
                components=MappingProxyType({c: per_unit[f"c:{c}"][u] for c in codes}),
            )
        )
    units = _ranked(rows)

    def averages(pick: Callable[[UnitSatisfaction], Satisfaction]) -> Decimal | None:
        return average_percent([p for r in units if (p := pick(r).percent) is not None])

    return SipasResult(
        units=units,
        aspects=aspects,
        overall=province[""],
        average=averages(lambda r: r.overall),
        aspect_overall=MappingProxyType({a: province[f"a:{a}"] for a in aspects}),
        aspect_average=MappingProxyType(
            {a: averages(lambda r, a=a: r.aspects[a]) for a in aspects}  # type: ignore[misc]
        ),
        respondents=int(unit.shape[0]),
        questions=tuple(q.code for _, q, _ in selected),
        satisfied_at_least=level,
        model=model,
        confidence=confidence,
        components=tuple(c for c in config.components if c.code in codes)
        if model == "1001"
        else (),
        component_overall=MappingProxyType({c: province[f"c:{c}"] for c in codes}),
        component_average=MappingProxyType(
            {c: averages(lambda r, c=c: r.components[c]) for c in codes}  # type: ignore[misc]
        ),
        index_weights=MappingProxyType(config.weights() if model == "1001" else {}),
        weighted=data.weight is not None,
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
