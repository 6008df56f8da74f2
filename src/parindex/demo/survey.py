"""The demo's survey: respondents drawn around the points the scores would carry, then
nudged one answer at a time until the point rule gives those points."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

from parindex.core.framework import Framework
from parindex.core.numbers import code_digits
from parindex.core.questionnaire import Question, Questionnaire
from parindex.demo.province import DemoUnit

RESPONSE_COLUMNS = ("respondent", "unit", "group")

# Respondents per commune and group (about 40–90 in all, mostly citizens); how much
# higher than the citizens the commune's leaders and civil servants rate it (percent);
# the chance of an E answer (không biết / không trả lời).
_RESPONDENTS = {"dan": (32, 72), "lanhdao": (3, 6), "canbo": (5, 12)}
_GROUP_OFFSET = {"dan": 0, "lanhdao": 8, "canbo": 4}
_NO_ANSWER = {"dan": 0.06, "lanhdao": 0.02, "canbo": 0.02}
_RESPONDENT_SPREAD = 10.0  # sd (percent) of respondents around their group's mean
_ANSWER_SPREAD = 12.0  # sd (percent) of a respondent's answers around their own mean
_SURVEY_TOLERANCE = Fraction(1, 20)  # percent: how near a banded leaf's value lands its target
_SURVEY_ATTEMPTS = 5  # draws of a commune's respondents before keeping one that is off


def survey_questionnaire(path: Path, fw: Framework) -> Questionnaire | None:
    """The questionnaire, if every leaf it feeds is a survey leaf of ``fw``; else None."""
    from parindex.io.survey_responses import read_questionnaire

    questionnaire = read_questionnaire(path)
    survey_leaves = {leaf.code for leaf in fw.leaves if leaf.source == "survey"}
    if not questionnaire.leaves or not set(questionnaire.leaves) <= survey_leaves:
        return None
    return questionnaire


def _ladder(question: Question) -> list[tuple[Fraction, str]]:
    """The question's weighted options as (weight, code), lowest weight first."""
    weighted = [(Fraction(o.weight), o.code) for o in question.scale if o.weight is not None]
    return sorted(weighted)


def _draw_option(ladder: Sequence[tuple[float, str]], value: float, rng: random.Random) -> str:
    """An option whose weight is ``value`` (percent) on average: a random pick between the
    two options of the ladder whose weights enclose it."""
    value = min(max(value, ladder[0][0]), ladder[-1][0])
    for (w0, c0), (w1, c1) in pairwise(ladder):
        if value <= w1:
            return c1 if w1 > w0 and rng.random() < (value - w0) / (w1 - w0) else c0
    return ladder[-1][1]


def unit_responses(
    questionnaire: Questionnaire,
    fw: Framework,
    scores: dict[str, Decimal | None],
    rng: random.Random,
) -> list[tuple[str, list[str]]]:
    """One commune's respondents (group code, answer code per question, "" if not asked).

    Each group's respondents centre on the leaf's target value (the share of the leaf's
    max in ``scores``), leaders and civil servants a little higher than citizens;
    answers are then nudged one option at a time until the commune's value, by the
    point rule, gives the same points. A draw that cannot get there is drawn again (a
    few times; the last one is kept, its points then off by a hundredth or so).
    """
    maxima = {leaf.code: leaf.max for leaf in fw.leaves}
    targets = {}
    for leaf in questionnaire.leaves:
        score = scores[leaf]
        assert score is not None
        targets[leaf] = Fraction(score) / Fraction(maxima[leaf]) * 100
    for _ in range(_SURVEY_ATTEMPTS):
        respondents = _draw_respondents(questionnaire, targets, rng)
        landed = [
            _nudge(
                questionnaire,
                leaf,
                target,
                # the values that round to the same points, or near them for a banded leaf
                _SURVEY_TOLERANCE
                if leaf in questionnaire.bands
                else Fraction(1, 2) / Fraction(maxima[leaf]),
                respondents,
                rng,
            )
            for leaf, target in targets.items()
        ]
        if all(landed):
            break
    return respondents


def _draw_respondents(
    questionnaire: Questionnaire, targets: dict[str, Fraction], rng: random.Random
) -> list[tuple[str, list[str]]]:
    """Respondents of one commune drawn around the leaves' target values (percent)."""
    questions = questionnaire.questions
    groups = questionnaire.groups
    ladders = [[(float(w), c) for w, c in _ladder(qu)] for qu in questions]
    total_weight = sum(Fraction(g.weight) for g in groups)
    lift = sum(Fraction(g.weight) * _GROUP_OFFSET.get(g.code, 0) for g in groups) / total_weight
    excluded = [next((o.code for o in qu.scale if o.weight is None), "") for qu in questions]

    plan = [g.code for g in groups for _ in range(rng.randint(*_RESPONDENTS.get(g.code, (5, 10))))]
    rng.shuffle(plan)
    respondents: list[tuple[str, list[str]]] = []
    for group in plan:
        latent = {
            leaf: rng.gauss(float(target - lift) + _GROUP_OFFSET.get(group, 0), _RESPONDENT_SPREAD)
            for leaf, target in targets.items()
        }
        answers = []
        for i, qu in enumerate(questions):
            if qu.groups and group not in qu.groups:
                answers.append("")
            elif excluded[i] and rng.random() < _NO_ANSWER.get(group, 0.02):
                answers.append(excluded[i])
            else:
                answers.append(
                    _draw_option(ladders[i], rng.gauss(latent[qu.leaf], _ANSWER_SPREAD), rng)
                )
        for leaf in targets:  # at least one valid answer on every leaf asked
            asked = [i for i, qu in enumerate(questions) if qu.leaf == leaf and answers[i]]
            if asked and all(answers[i] == excluded[i] for i in asked):
                answers[asked[0]] = _draw_option(ladders[asked[0]], latent[leaf], rng)
        respondents.append((group, answers))
    return respondents


def _nudge(
    questionnaire: Questionnaire,
    leaf: str,
    target: Fraction,
    window: Fraction,
    respondents: list[tuple[str, list[str]]],
    rng: random.Random,
) -> bool:
    """Move answers of the leaf's questions one option up or down until the commune's leaf
    value (percent, by the point rule, exactly) lies in [target − window, target + window);
    False if it cannot.

    Single moves first, each taken only if it brings the value nearer the target; then,
    if the value is still outside, one move up and one down whose steps together land it.
    """
    questions = questionnaire.questions
    on_leaf = [i for i, qu in enumerate(questions) if qu.leaf == leaf]
    codes = {i: [c for _, c in _ladder(questions[i])] for i in on_leaf}
    weights = {  # an answer's value under the question's rule (mean or share)
        i: {c: Fraction(questions[i].value(c) or 0) for c in codes[i]} for i in on_leaf
    }
    question_weight = {i: Fraction(questions[i].weight) for i in on_leaf}

    den = []  # per respondent: the weight of their valid answers on the leaf
    value_sum: dict[str, Fraction] = {}
    count: dict[str, int] = {}
    for group, answers in respondents:
        valid = [i for i in on_leaf if answers[i] in weights[i]]
        d = sum((question_weight[i] for i in valid), Fraction(0))
        den.append(d)
        if d:
            num = sum((question_weight[i] * weights[i][answers[i]] for i in valid), Fraction(0))
            value_sum[group] = value_sum.get(group, Fraction(0)) + num / d
            count[group] = count.get(group, 0) + 1
    group_weight = {g.code: Fraction(g.weight) for g in questionnaire.groups if g.code in count}
    total = sum(group_weight.values(), Fraction(0))
    if not total:
        return True
    value = sum((group_weight[g] * value_sum[g] / count[g] for g in count), Fraction(0)) / total
    error = value - target
    cells = [
        (r, i)
        for r, (_, answers) in enumerate(respondents)
        for i in on_leaf
        if answers[i] in weights[i]
    ]
    changes: dict[tuple[str, Fraction, int, str, int], tuple[str, Fraction] | None] = {}

    def move(r: int, i: int, step: int) -> tuple[str, Fraction] | None:
        """The answer one option up (+1) or down (-1), and the change of the unit's value."""
        group, answers = respondents[r]
        key = (group, den[r], i, answers[i], step)
        if key not in changes:
            position = codes[i].index(answers[i]) + step
            if not 0 <= position < len(codes[i]):
                changes[key] = None
            else:
                code = codes[i][position]
                change = weights[i][code] - weights[i][answers[i]]
                changes[key] = (
                    code,
                    group_weight[group]
                    / total
                    / count[group]
                    * question_weight[i]
                    * change
                    / den[r],
                )
        return changes[key]

    for _ in range(50):
        if -window <= error < window:
            return True
        rng.shuffle(cells)
        moved = False
        for r, i in cells:
            if -window <= error < window:
                return True
            step = move(r, i, 1 if error < 0 else -1)
            if step is not None and abs(error + step[1]) < abs(error):
                respondents[r][1][i] = step[0]
                error += step[1]
                moved = True
        if not moved:
            break
    if -window <= error < window:
        return True
    ups: dict[Fraction, list[tuple[int, int, str]]] = {}
    downs: dict[Fraction, list[tuple[int, int, str]]] = {}
    for r, i in sorted(cells):
        for direction, found in ((1, ups), (-1, downs)):
            step = move(r, i, direction)
            if step is not None:
                found.setdefault(step[1], []).append((r, i, step[0]))
    for up in sorted(ups):
        for down in sorted(downs):
            if not -window <= error + up + down < window:
                continue
            r1, i1, code1 = rng.choice(ups[up])
            others = [c for c in downs[down] if c[:2] != (r1, i1)]
            if others:
                r2, i2, code2 = rng.choice(others)
                respondents[r1][1][i1] = code1
                respondents[r2][1][i2] = code2
                return True
    return False


def write_responses(
    path: Path,
    units: Sequence[DemoUnit],
    questionnaire: Questionnaire,
    responses: dict[str, list[tuple[str, list[str]]]],
) -> None:
    """The plain export: respondent, unit, group, one column per question (A–E, "" not asked)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(RESPONSE_COLUMNS + tuple(q.code for q in questionnaire.questions))
        for u in units:
            for number, (group, answers) in enumerate(responses[u.code], start=1):
                writer.writerow((f"{u.code}-{code_digits(number)}", u.code, group, *answers))
