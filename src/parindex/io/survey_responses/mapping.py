"""The mapping file: how one export's columns, answers, units and groups map onto the
questionnaire; its structure checked when read, its codes against the questionnaire."""

from __future__ import annotations

from collections import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Question, Questionnaire
from parindex.io.frameworks import read_yaml
from parindex.io.tables import fold

MAPPING_KEYS = {"columns", "answers", "units", "groups", "notes"}


@dataclass(frozen=True)
class Mapping:
    """How one export's columns, answers, units and groups map onto the questionnaire."""

    columns: dict[str, str] = field(default_factory=dict)
    answers: dict[str, dict[str, str | None]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    file: str = ""


def read_mapping(path: Path | str) -> Mapping:
    path = Path(path)
    return parse_mapping(read_yaml(path), origin=path.name)


def parse_mapping(data: Any, origin: str = "") -> Mapping:
    """Check the mapping file's structure (its codes are checked against the questionnaire later)."""
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=origin))

    if data is None:
        return Mapping(file=origin)
    if not isinstance(data, abc.Mapping):
        raise InputError(
            [
                Problem(
                    "tệp ánh xạ phải là bảng khóa «columns», «answers», «units», «groups»",
                    file=origin,
                )
            ]
        )
    for key in sorted(set(map(str, data)) - MAPPING_KEYS):
        problem(key, f"khóa không được hỗ trợ «{key}» (dùng: columns, answers, units, groups)")

    def table(value: Any, where: str, nullable: bool = False) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, abc.Mapping):
            problem(where, f"«{where}» phải là bảng «nhãn: mã»")
            return {}
        result: dict[str, Any] = {}
        for key, target in value.items():
            if isinstance(key, bool) or isinstance(target, bool):
                problem(
                    f"{where} › {key}",
                    "YAML đọc nhãn này thành true/false: hãy đặt nhãn và mã trong dấu ngoặc kép",
                )
                continue
            label = str(key).strip() if key is not None else ""
            if not label:
                problem(where, "có nhãn trống")
                continue
            if target is None and nullable:
                result[label] = None
            elif (
                target is None or isinstance(target, (abc.Mapping, list)) or not str(target).strip()
            ):
                problem(f"{where} › {label}", "cần một mã")
            else:
                result[label] = str(target).strip()
        return result

    columns = table(data.get("columns"), "columns")
    units = table(data.get("units"), "units")
    groups = table(data.get("groups"), "groups")
    answers: dict[str, dict[str, str | None]] = {}
    raw_answers = data.get("answers")
    if raw_answers is not None and not isinstance(raw_answers, abc.Mapping):
        problem("answers", '«answers» phải là bảng «mã câu hỏi (hoặc "*"): {nhãn: phương án}»')
    elif raw_answers:
        for question, labels in raw_answers.items():
            answers[str(question).strip()] = table(labels, f"answers › {question}", nullable=True)
    if problems:
        raise InputError(problems)
    return Mapping(columns, answers, units, groups, origin)


def option_code(question: Question, target: str) -> str | None:
    """The option a mapping's target names: exactly, else with case and accents ignored."""
    for o in question.scale:
        if o.code == target:
            return o.code
    for o in question.scale:
        if fold(o.code) == fold(target):
            return o.code
    return None


def check_mapping(
    mapping: Mapping, questionnaire: Questionnaire, units: Sequence[str] | None, file: str
) -> list[Problem]:
    """The mapping's question, option, unit and group codes exist."""
    problems: list[Problem] = []
    origin = mapping.file or file

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=origin))

    questions = {fold(q.code): q for q in questionnaire.questions}
    for key, labels in mapping.answers.items():
        if key == "*":
            for label, target in labels.items():
                if target is not None and not any(
                    option_code(q, target) for q in questions.values()
                ):
                    problem(f"answers › * › {label}", f"không câu hỏi nào có phương án «{target}»")
            continue
        q = questions.get(fold(key))
        if q is None:
            problem(f"answers › {key}", f"phiếu «{questionnaire.id}» không có câu hỏi «{key}»")
            continue
        for label, target in labels.items():
            if target is not None and option_code(q, target) is None:
                problem(
                    f"answers › {key} › {label}",
                    f"câu {q.code} không có phương án «{target}» (có: {', '.join(o.code for o in q.scale)})",
                )
    if units is not None:
        known = set(units)
        for label, code in mapping.units.items():
            if code not in known:
                problem(f"units › {label}", f"mã đơn vị «{code}» không có trong danh sách đơn vị")
    group_codes = {g.code for g in questionnaire.groups}
    for label, code in mapping.groups.items():
        if code not in group_codes:
            problem(
                f"groups › {label}",
                f"nhóm «{code}» không có trong phiếu (có: {', '.join(sorted(group_codes))})",
            )
    return problems
