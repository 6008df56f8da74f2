"""Which column of an export is the unit, the group, the respondent id and each question.

Three passes, each over the columns the earlier ones left: the mapping file's
``columns``, then the usual headers of the unit, group and respondent columns (and the
design's cluster and weight columns the questionnaire names), then a question's code,
text or ``CODE. text``. What is left is the tool's own or ignored. Then one column is
chosen per meaning, and what is missing is reported.

A question flattened from a repeat group has one column per instance, the instance's
number in brackets (``grp[1]/q1``, ``grp[2]/q1``, ``children[1]/q1``): those columns are
the one question's instances (``Columns.repeated``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parindex.core.problems import Problem
from parindex.core.questionnaire import Questionnaire
from parindex.io.survey_responses.mapping import Mapping
from parindex.io.survey_responses.shapes import (
    GROUP_ALIASES,
    RESPONDENT_ALIASES,
    TOOL_IDS,
    UNIT_ALIASES,
    header_keys,
    is_metadata,
)
from parindex.io.tables import Table, fold

ROLES = ("unit", "group", "respondent", "cluster", "weight", "ignore")
DESIGN_ROLES = {"cluster": "cụm mẫu", "weight": "trọng số thiết kế"}
_INSTANCE = re.compile(r"\[(\d+)\](?=[/.\-])")  # grp[2]/q1, not LimeSurvey's Q2[1]
MAX_OPTION_COLUMNS = 62  # one bit each in a 64-bit mask of the options chosen


@dataclass
class Columns:
    """The columns read, by meaning."""

    respondent: int | None = None
    unit: int | None = None
    group: int | None = None
    cluster: int | None = None  # the design's cluster column (Questionnaire.design)
    weight: int | None = None  # the design's weight column
    questions: dict[int, int] = field(default_factory=dict)  # question index → column
    repeated: dict[int, list[int]] = field(default_factory=dict)  # → its instances' columns
    options: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # → [(column, option)]
    meanings: dict[int, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


@dataclass
class _Candidates:
    """What the passes found, before one column is chosen per meaning."""

    header: tuple[str, ...]
    keys: list[tuple[str, ...]]
    roles: dict[str, list[int]] = field(
        default_factory=lambda: {r: [] for r in ("unit", "group", "respondent", *DESIGN_ROLES)}
    )
    instance: dict[int, str] = field(default_factory=dict)  # column → its repeat instance
    mapped: dict[int, list[int]] = field(default_factory=dict)  # question → columns (mapping)
    auto: dict[int, list[int]] = field(default_factory=dict)  # question → columns (by header)
    options: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)
    ignored: list[str] = field(default_factory=list)

    def names(self, cols: Sequence[int]) -> str:
        return ", ".join(f"«{self.header[c]}»" for c in cols)


def letter(column: int) -> str:
    """The spreadsheet letter of a 0-based column (``0`` → ``A``, ``26`` → ``AA``)."""
    number, text = column + 1, ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _keys(header: Sequence[str], shape: str, labels: Sequence[str]) -> list[tuple[str, ...]]:
    """Each column's folded names: its header's, then its label's (Qualtrics' second row)."""
    keys = []
    for c, h in enumerate(header):
        k = header_keys(h, shape)
        label = labels[c].strip() if c < len(labels) else ""
        if label and fold(label) not in k:
            k += (fold(label),)
        keys.append(k)
    return keys


def assign(
    table: Table,
    questionnaire: Questionnaire,
    mapping: Mapping,
    shape: str,
    labels: Sequence[str] = (),
    unit_given: bool = False,
    elsewhere: frozenset[int] = frozenset(),
) -> tuple[Columns, list[Problem]]:
    """Every column's meaning, and every problem of the header (or of the mapping's columns).

    ``labels``: a second header row (Qualtrics' question texts) the columns also answer to;
    ``unit_given``: one unit for the whole file (no unit column needed); ``elsewhere``: the
    questions read from a repeat group's table (no column needed here)."""
    header = tuple(table.header)
    found = _Candidates(header, _keys(header, shape, labels))
    mapping_file = mapping.file or table.file
    problems = _from_mapping(found, questionnaire, mapping, mapping_file)
    _roles_by_header(found, shape, questionnaire)
    _questions_by_header(found, questionnaire, shape)
    columns, chosen_problems = _choose(found, questionnaire, table.file, mapping_file)
    problems += chosen_problems
    problems += _missing(columns, found, questionnaire, table.file, unit_given, elsewhere)
    here = columns.questions.keys() | columns.options.keys() | columns.repeated.keys()
    for qi in sorted(elsewhere & here):
        q = questionnaire.questions[qi]
        problems.append(
            Problem(
                f"câu hỏi {q.code} có cột ở cả bảng chính và bảng nhóm lặp; chỉ giữ một nơi",
                file=table.file,
            )
        )
    return columns, problems


def repeat_questions(
    table: Table, questionnaire: Questionnaire, mapping: Mapping, shape: str, name: str
) -> tuple[dict[int, int], list[Problem]]:
    """The question columns of a repeat group's table (its sheet or file ``name``)."""
    found = _Candidates(tuple(table.header), _keys(table.header, shape, ()))
    problems = _from_mapping(found, questionnaire, mapping, mapping.file or table.file)
    _questions_by_header(found, questionnaire, shape)
    chosen: dict[int, int] = {}
    for qi, q in enumerate(questionnaire.questions):
        cols = found.mapped.get(qi) or found.auto.get(qi) or []
        if len(cols) > 1:
            problems.append(
                Problem(
                    f"nhóm lặp «{name}»: các cột {found.names(cols)} cùng là câu hỏi {q.code}",
                    file=table.file,
                )
            )
        elif cols:
            chosen[qi] = cols[0]
    return chosen, problems


def _question_index(questionnaire: Questionnaire, code: str) -> int | None:
    """The question a code names: exactly, else with case and accents ignored."""
    for i, q in enumerate(questionnaire.questions):
        if q.code == code:
            return i
    return {fold(q.code): i for i, q in enumerate(questionnaire.questions)}.get(fold(code))


def _from_mapping(
    found: _Candidates, questionnaire: Questionnaire, mapping: Mapping, file: str
) -> list[Problem]:
    """Pass 1, the mapping file: a column with a wrong meaning is reported, then matched as usual."""
    problems: list[Problem] = []
    questions = questionnaire.questions
    mapped = {fold(k): v for k, v in mapping.columns.items()}
    mapped.update(mapping.columns)
    for c, h in enumerate(found.header):
        meaning = mapped.get(h) if h in mapped else mapped.get(fold(h))
        if meaning is None:
            continue
        role = fold(meaning)
        if role in ROLES:
            found.taken.add(c)
            if role != "ignore":
                found.roles[role].append(c)
            continue
        qi = _question_index(questionnaire, meaning)
        if qi is not None:
            found.taken.add(c)
            found.mapped.setdefault(qi, []).append(c)
            continue
        if ":" in meaning:
            q_code, option = (s.strip() for s in meaning.rsplit(":", 1))
            qi = _question_index(questionnaire, q_code)
            if qi is not None:
                code = next(
                    (o.code for o in questions[qi].scale if fold(o.code) == fold(option)), None
                )
                if code is None:
                    problems.append(
                        Problem(
                            f"câu {questions[qi].code} không có phương án «{option}» "
                            f"(có: {', '.join(o.code for o in questions[qi].scale)})",
                            where=f"columns › {h}",
                            file=file,
                        )
                    )
                else:
                    found.taken.add(c)
                    found.options.setdefault(qi, []).append((c, code))
                continue
        problems.append(
            Problem(
                f"«{meaning}» không phải unit, group, respondent, ignore hay mã câu hỏi của phiếu "
                f"«{questionnaire.id}» ({', '.join(q.code for q in questions)})",
                where=f"columns › {h}",
                file=file,
            )
        )
    return problems


def _roles_by_header(found: _Candidates, shape: str, questionnaire: Questionnaire) -> None:
    """Pass 2: unit, group and respondent columns by their usual headers, best alias first;
    the design's cluster and weight columns by the names the questionnaire gives them."""
    design = questionnaire.design
    aliases: dict[str, tuple[str, ...]] = {
        "cluster": (fold(design.cluster),) if design.cluster else (),
        "weight": (fold(design.weight),) if design.weight else (),
        "respondent": RESPONDENT_ALIASES + TOOL_IDS[shape],
        "unit": UNIT_ALIASES,
        "group": GROUP_ALIASES,
    }
    for role, names in aliases.items():
        if found.roles[role]:
            continue
        for alias in names:
            hits = [
                c
                for c in range(len(found.header))
                if c not in found.taken and alias in found.keys[c]
            ]
            if hits:
                found.roles[role].append(hits[0])
                found.taken.add(hits[0])
                break


def _questions_by_header(found: _Candidates, questionnaire: Questionnaire, shape: str) -> None:
    """Pass 3: questions by code, text or "CODE. text"; the rest is the tool's own or ignored."""
    questions = questionnaire.questions
    code_of = {fold(q.code): i for i, q in enumerate(questions)}
    texts: dict[str, list[int]] = {}
    for i, q in enumerate(questions):
        texts.setdefault(fold(q.text), []).append(i)
    prefix = [
        re.compile(rf"^\s*\[?\s*{re.escape(q.code)}\s*[\].:)\-–]\s*\S", re.IGNORECASE)
        for q in questions
    ]
    for c, h in enumerate(found.header):
        if c in found.taken or is_metadata(h, shape):
            continue
        keys = found.keys[c]
        instance = _INSTANCE.search(h)
        if instance:  # grp[2]/q1: the second instance of a repeat group's q1
            bare = _INSTANCE.sub("", h)
            keys = tuple(dict.fromkeys(header_keys(bare, shape) + header_keys(bare, "kobo")))
        matches = {code_of[k] for k in keys if k in code_of}
        if not matches:
            matches = {i for k in keys for i in texts.get(k, ())}
        if not matches:
            matches = {i for i, p in enumerate(prefix) if p.match(h)}
        if len(matches) == 1:
            qi = matches.pop()
            found.auto.setdefault(qi, []).append(c)
            if instance:
                found.instance[c] = ",".join(_INSTANCE.findall(h))
        else:
            found.ignored.append(h or f"(cột {letter(c)} không có tiêu đề)")


def _choose(
    found: _Candidates, questionnaire: Questionnaire, file: str, mapping_file: str
) -> tuple[Columns, list[Problem]]:
    """One column per role and per question; several for one meaning is a problem."""
    problems: list[Problem] = []
    header = found.header
    columns = Columns(ignored=found.ignored)
    for role in ("respondent", "unit", "group", *DESIGN_ROLES):
        cols = found.roles[role]
        if len(cols) > 1:
            problems.append(
                Problem(
                    f"nhiều cột cùng được khai báo là {role}: {found.names(cols)}",
                    where="columns",
                    file=mapping_file,
                )
            )
        elif cols:
            setattr(columns, role, cols[0])
            columns.meanings[cols[0]] = role
    for qi, q in enumerate(questionnaire.questions):
        chosen = found.mapped.get(qi) or found.auto.get(qi) or []
        if found.mapped.get(qi):  # the mapping wins; a column that also matched is unused
            columns.ignored.extend(header[c] for c in found.auto.get(qi, []))
        instances = [found.instance.get(c) for c in chosen]
        if chosen and None not in instances and len(set(instances)) == len(instances):
            columns.repeated[qi] = chosen  # grp[1]/q1, grp[2]/q1: one question's instances
            for c in chosen:
                columns.meanings[c] = q.code
        elif len(chosen) > 1:
            problems.append(
                Problem(
                    f"các cột {found.names(chosen)} cùng là câu hỏi {q.code}; "
                    "chỉ giữ một cột (khai báo trong «columns» của tệp ánh xạ)",
                    file=file,
                )
            )
        elif chosen and qi in found.options:
            problems.append(
                Problem(
                    f"câu hỏi {q.code} vừa có cột {found.names(chosen)} vừa có các cột theo phương án "
                    f"{found.names([c for c, _ in found.options[qi]])}",
                    file=file,
                )
            )
        elif chosen:
            columns.questions[qi] = chosen[0]
            columns.meanings[chosen[0]] = q.code
        elif qi in found.options:
            if len(found.options[qi]) > MAX_OPTION_COLUMNS:
                problems.append(Problem(f"câu hỏi {q.code} có quá nhiều cột phương án", file=file))
            columns.options[qi] = found.options[qi]
            for c, code in found.options[qi]:
                columns.meanings[c] = f"{q.code}:{code}"
    return columns, problems


def _missing(
    columns: Columns,
    found: _Candidates,
    questionnaire: Questionnaire,
    file: str,
    unit_given: bool = False,
    elsewhere: frozenset[int] = frozenset(),
) -> list[Problem]:
    """No unit column, no group column (several groups), no design column the questionnaire
    names, a question without a column."""
    problems: list[Problem] = []
    ignored = columns.ignored
    hint = f" Các cột chưa dùng: {', '.join(f'«{h}»' for h in ignored)}." if ignored else ""
    design = {"cluster": questionnaire.design.cluster, "weight": questionnaire.design.weight}
    for role, what in DESIGN_ROLES.items():
        if design[role] and getattr(columns, role) is None:
            problems.append(
                Problem(
                    f"không tìm thấy cột {what} «{design[role]}» mà phiếu điều tra khai trong "
                    f"«design › {role}» (hoặc khai báo trong tệp ánh xạ: columns: "
                    f'{{"tên cột": {role}}}).{hint}',
                    file=file,
                )
            )
    if columns.unit is None and not unit_given:
        problems.append(
            Problem(
                "không tìm thấy cột đơn vị (tiêu đề như «Mã đơn vị», «Đơn vị», «Xã», hoặc khai báo "
                f'trong tệp ánh xạ: columns: {{"tên cột": unit}}).{hint}',
                file=file,
            )
        )
    if columns.group is None and len(questionnaire.groups) > 1:
        problems.append(
            Problem(
                "không tìm thấy cột nhóm đối tượng (tiêu đề như «Nhóm», «Đối tượng», hoặc khai báo "
                f'trong tệp ánh xạ: columns: {{"tên cột": group}}).{hint}',
                file=file,
            )
        )
    for qi, q in enumerate(questionnaire.questions):
        if (
            qi not in columns.questions
            and qi not in columns.options
            and qi not in columns.repeated
            and qi not in found.auto | found.mapped
            and qi not in elsewhere
        ):
            problems.append(
                Problem(
                    f"không có cột cho câu hỏi {q.code} «{q.text}» (tiêu đề là mã câu hỏi hoặc "
                    f"nội dung câu hỏi, hoặc khai báo trong tệp ánh xạ).{hint}",
                    file=file,
                )
            )
    return problems
