"""Answers: an exported cell turned into its value (hundredths of a percent, ``core.survey``).

An answer is an option code, an option label (either side of a ``/`` in it), or a label
from the mapping file; several answers are separated by ``;``, ``,`` or spaces. A label
that itself holds a comma (Google Forms joins a checkbox's answers with ``, ``) is matched
whole before the cell is split. Text that is no option (Google Forms' «Other» free text) is
reported, unless the mapping names it, or its ``"*"`` label maps every other answer of the
question (``Q3: {"*": null}``: free text is no answer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from parindex.core.numbers import format_count, round_half_up
from parindex.core.questionnaire import Question
from parindex.core.survey import NO_ANSWER
from parindex.io.survey_responses.mapping import Mapping, option_code
from parindex.io.tables import Cell, fold, text_of

NOT_SELECTED = frozenset({"0", "n", "no", "false", "f", "khong", "-"})

# Answer states
BLANK, EXCLUDED, VALID, BAD = 0, 1, 2, 3
_UNKNOWN = object()
_SEPARATORS = re.compile(r"(\s*[;,]\s*)")
OTHER = "*"  # in a question's answers of the mapping: any answer that is no option


class AnswerReader:
    """Turns one question's exported answers into values; built once per question."""

    def __init__(self, question: Question, mapping: Mapping) -> None:
        self.question = question
        scale_codes = {o.code for o in question.scale}
        lookup: dict[str, str | None] = {}
        specific = [v for k, v in mapping.answers.items() if k == question.code]
        specific += [
            v
            for k, v in mapping.answers.items()
            if k != question.code and k != "*" and fold(k) == fold(question.code)
        ]
        self.other: object = _UNKNOWN
        for labels in [*specific, mapping.answers.get("*", {})]:
            if OTHER in labels:
                target = labels[OTHER]
                code = option_code(question, target) if target is not None else None
                if target is None or code in scale_codes:
                    self.other = code
                    break
        for labels in [*specific, mapping.answers.get("*", {})]:
            for label, target in labels.items():
                if label == OTHER:
                    continue
                code = option_code(question, target) if target is not None else None
                if target is None or code in scale_codes:
                    lookup.setdefault(fold(label), code)
        for o in question.scale:
            lookup.setdefault(fold(o.code), o.code)
        for o in question.scale:
            lookup.setdefault(fold(o.label), o.code)
        parts: dict[str, set[str]] = {}
        for o in question.scale:
            for part in o.label.split("/"):
                if part.strip():
                    parts.setdefault(fold(part), set()).add(o.code)
        for part, codes in parts.items():
            if len(codes) == 1:
                lookup.setdefault(part, next(iter(codes)))
        self.lookup = lookup
        # the most separators one label holds: how many pieces a split cell may rejoin
        self.span = 1 + max((len(_SEPARATORS.findall(k)) for k in lookup), default=0)

    def resolve(self, token: str) -> object:
        return self.lookup.get(fold(token), _UNKNOWN)

    def pieces(self, text: str) -> list[str]:
        """The cell split on ``;`` and ``,``, with the pieces of a label that holds a comma
        joined back (the longest label first)."""
        parts = _SEPARATORS.split(text)
        words, gaps = parts[0::2], parts[1::2]
        found: list[str] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + self.span), i + 1, -1):
                joined = "".join(
                    w + g for w, g in zip(words[i:j], [*gaps[i : j - 1], ""], strict=True)
                )
                if self.resolve(joined) is not _UNKNOWN:
                    found.append(joined)
                    i = j
                    break
            else:
                found.append(words[i])
                i += 1
        return found

    def read(self, cell: Cell) -> tuple[int, int, str]:
        """(value, state, reason) of one exported cell."""
        q = self.question
        text = text_of(cell).strip()
        if not text:
            return NO_ANSWER, BLANK, ""
        whole = self.resolve(text)
        if whole is not _UNKNOWN:
            codes: list[str | None] = [whole]  # type: ignore[list-item]
        else:
            codes = []
            for piece in (p.strip() for p in self.pieces(text)):
                if not piece:
                    continue
                found = self.resolve(piece)
                if found is not _UNKNOWN:
                    codes.append(found)  # type: ignore[arg-type]
                    continue
                words = piece.split()
                found_words = [self.resolve(w) for w in words]
                if len(words) < 2 or any(f is _UNKNOWN for f in found_words):
                    if self.other is not _UNKNOWN:  # the mapping's "*": any other answer
                        codes.append(self.other)  # type: ignore[arg-type]
                        continue
                    where = (
                        f"«{piece}» trong câu trả lời «{text}»" if piece != text else f"«{text}»"
                    )
                    return (
                        NO_ANSWER,
                        BAD,
                        f"câu trả lời {where} không phải phương án của câu {q.code} "
                        f"({', '.join(o.code for o in q.scale)} hoặc nhãn của chúng; "
                        "nhãn khác khai báo trong «answers» của tệp ánh xạ)",
                    )
                codes.extend(found_words)  # type: ignore[arg-type]
        chosen = list(dict.fromkeys(codes))
        if q.choice == "single" and len(chosen) > 1:
            return (
                NO_ANSWER,
                BAD,
                f"câu {q.code} chỉ được chọn một phương án, câu trả lời «{text}» có {format_count(len(chosen))} phương án",
            )
        return combine(q, chosen)


def combine(question: Question, codes: Sequence[str | None]) -> tuple[int, int, str]:
    """The value of a set of chosen options: the option's value, or for several the mean of
    their weights (rule ``share``: 100% if any reaches ``at_least``); excluded options ignored."""
    if not codes:
        return NO_ANSWER, BLANK, ""
    if len(codes) == 1:
        value = question.value(codes[0]) if codes[0] is not None else None
    else:
        weights = [
            o.weight
            for o in (question.option(c) for c in codes if c is not None)
            if o is not None and o.weight is not None
        ]
        if not weights:
            value = None
        elif question.rule == "share":
            level = question.option(question.at_least)
            assert level is not None and level.weight is not None
            value = Decimal(100) if any(w >= level.weight for w in weights) else Decimal(0)
        else:
            value = sum(weights, Decimal(0)) / len(weights)
    if value is None:
        return NO_ANSWER, EXCLUDED, ""
    return int(round_half_up(value * 100, places=0)), VALID, ""


def selected(cell: Cell) -> bool:
    """Whether an option column (``"Q3:A"``) counts as chosen."""
    if cell is None:
        return False
    if isinstance(cell, Decimal):
        return cell != 0
    return fold(cell) not in NOT_SELECTED
