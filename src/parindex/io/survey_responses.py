"""Survey responses (phiếu điều tra xã hội học) as the collection tools export them.

``read_responses`` reads one CSV or XLSX export, recognises its shape, finds the
unit, respondent group, respondent id and question columns, turns every answer into
its value (hundredths of a percent, ``core.survey``) and checks every row. A bad row
is never dropped silently: by default every bad row is reported at once
(``InputError``); with ``drop_invalid=True`` the good rows are kept and the bad ones
returned, each with its row number, column, value and reason.

Export shapes (recognised from the header):

* ``kobo`` — KoBoToolbox: ``_uuid`` (respondent id), ``_submission_time``, ``_id``,
  ``_index``, ``__version__``, ``start``, ``end``; question names with group prefixes
  (``grp_chung/q1``); choices as names (``a``) or labels; several choices space-separated.
* ``odk`` — ODK Central: ``SubmissionDate``, ``meta-instanceID`` (respondent id),
  ``KEY``, ``SubmitterID``; group prefixes with ``-`` or ``/`` (``grp-q1``).
* ``limesurvey`` — ``id`` (respondent id), ``submitdate``, ``lastpage``,
  ``startlanguage``, ``seed``; question codes as headers (``Q1``, ``Q2[SQ001]``);
  answer codes (``A1``) are mapped in the mapping file.
* ``googleforms`` — first column ``Timestamp`` / ``Dấu thời gian``; headers are the
  question texts; answers are labels, several joined by ``, ``; the row number is the
  respondent id.
* ``plain`` — ``respondent``, ``unit``, ``group`` and the question codes.

A column is a question when its header (case, accents and spacing ignored; group
prefixes stripped for KoBo, ODK and plain) is the question's code, is the question's
text, or starts with the code and a separator (``Q1. …``, ``[Q1] …``). The unit column
is ``unit``, ``đơn vị``, ``mã đơn vị``, ``xã`` …; the group column ``group``, ``nhóm``,
``đối tượng`` …; the respondent id ``respondent``, ``mã phiếu``, ``số phiếu``, then the
tool's own id. Units are given by code (or by label through the mapping file); groups
by code, by name, or through the mapping file. An answer is an option code (``A``–``E``,
any case), an option label (``Rất hài lòng``; a label ``Rất tốt / Rất hài lòng`` also
accepts each side of the slash) or a label from the mapping file. Multiple-choice
answers are separated by ``;``, ``,`` or spaces.

Mapping file (YAML, UTF-8; every section optional)::

    columns:            # export column header (exact or folded) → meaning
      "Xã/phường nơi ông/bà sinh sống": unit     # unit | group | respondent | ignore
      "Đối tượng": group
      "Mã phiếu": respondent
      "grp_chung/q1": Q1                         # a question code
      "HOTRO[SQ001]": "Q3:A"                     # one column per option: selected = option A
      "Ghi chú": ignore
    answers:            # per question code, or "*" for all: exported answer → option code
      "*": {"Rất hài lòng": A, "Hài lòng": B, "Bình thường": C, "Không hài lòng": D}
      Q4: {A1: A, A2: B, "Không áp dụng": null}  # null = no answer (like E)
    units:              # exported unit label → unit code
      "Xã Tiên Châu": TC
    groups:             # exported group label → group code
      "Người dân": dan

Labels are matched with case, accents and spacing ignored. Put labels such as
``"Yes"``/``"No"`` in quotes (YAML would read them as true/false). An option column
(``"Q3:A"``) counts as selected unless blank, ``0``, ``N``, ``No``, ``False`` or ``Không``.
The mapping applies before the built-in matching.

Row checks: unit missing or not in the units list, group missing or unknown, an answer
outside the question's scale (or several answers to a single-choice question), an
answer to a question not asked to the respondent's group (an excluded answer such as
E is accepted there), a respondent id seen on an earlier row, and a row with no answer
at all (phiếu trống). Completely blank lines are not respondents and are skipped.
"""

from __future__ import annotations

import re
from collections import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Question, Questionnaire, parse_questionnaire
from parindex.core.survey import NO_ANSWER, SurveyData
from parindex.io.frameworks import read_yaml
from parindex.io.tables import Cell, Table, fold, read_table, text_of

SHAPES = ("kobo", "odk", "limesurvey", "googleforms", "plain")
ROLES = ("unit", "group", "respondent", "ignore")
MAPPING_KEYS = {"columns", "answers", "units", "groups", "notes"}

# Folded headers of each tool's own columns: known, not read, not listed as ignored.
METADATA: dict[str, frozenset[str]] = {
    "kobo": frozenset(
        {
            "start",
            "end",
            "today",
            "deviceid",
            "username",
            "simserial",
            "subscriberid",
            "phonenumber",
            "audit",
            "meta/instanceid",
            "meta/instancename",
            "meta/rootuuid",
            "meta/deprecatedid",
            "formhub/uuid",
        }
    ),
    "odk": frozenset(
        {
            "submissiondate",
            "start",
            "end",
            "today",
            "deviceid",
            "key",
            "submitterid",
            "submittername",
            "attachmentspresent",
            "attachmentsexpected",
            "status",
            "reviewstate",
            "edits",
            "formversion",
            "meta-instanceid",
            "meta/instanceid",
            "meta-instancename",
            "meta/instancename",
            "instanceid",
        }
    ),
    "limesurvey": frozenset(
        {
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
            "token",
            "interviewtime",
        }
    ),
    "googleforms": frozenset(
        {"timestamp", "dau_thoi_gian", "email_address", "dia_chi_email", "score", "diem"}
    ),
    "plain": frozenset(),
}

# Folded header aliases, best first.
RESPONDENT_ALIASES = ("respondent", "respondent_id", "ma_phieu", "so_phieu")
TOOL_IDS: dict[str, tuple[str, ...]] = {
    "kobo": ("_uuid", "meta/instanceid", "_id"),
    "odk": ("meta-instanceid", "meta/instanceid", "instanceid", "key"),
    "limesurvey": ("id",),
    "googleforms": (),
    "plain": ("phieu", "id"),
}
UNIT_ALIASES = (
    "unit",
    "unit_code",
    "ma_don_vi",
    "don_vi",
    "ma_xa",
    "xa",
    "xa/phuong",
    "xa,_phuong,_thi_tran",
    "xa/phuong/thi_tran",
    "don_vi_duoc_danh_gia",
    "co_quan",
    "dia_phuong",
)
GROUP_ALIASES = (
    "group",
    "respondent_group",
    "nhom",
    "nhom_doi_tuong",
    "doi_tuong",
    "doi_tuong_khao_sat",
    "doi_tuong_tra_loi",
)
NOT_SELECTED = frozenset({"0", "n", "no", "false", "f", "khong", "-"})

# Answer states
BLANK, EXCLUDED, VALID, BAD = 0, 1, 2, 3
_UNKNOWN = object()
_SEPARATORS = re.compile(r"[;,]")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RejectedRow:
    """One problem of one row; a row with several problems appears once per problem."""

    row: int  # as the spreadsheet shows it; the header is row 1
    column: str  # header of the column at fault ("" for the whole row)
    value: str  # the cell as exported ("" for the whole row)
    reason: str  # Vietnamese, names the value
    where: str = ""  # "dòng 5, ô D5 (grp_chung/q1)"
    unit: str = ""  # the row's unit code when known

    def problem(self, file: str) -> Problem:
        return Problem(self.reason, where=self.where, file=file, unit=self.unit)


@dataclass(frozen=True)
class ResponseImport:
    data: SurveyData  # the kept rows only
    read: int  # respondent rows in the file (completely blank lines are not rows)
    kept: int
    rejected: tuple[RejectedRow, ...]  # every problem of every dropped row, by row
    shape: str  # one of SHAPES
    ignored_columns: tuple[str, ...] = ()  # headers not used and not the tool's own
    columns: tuple[tuple[str, str], ...] = ()  # (header, meaning) of every column read
    file: str = ""

    @property
    def rejected_rows(self) -> int:
        return self.read - self.kept

    @property
    def counts(self) -> dict[str, int]:
        """Respondent rows read, kept and rejected (as points.json records them)."""
        return {"read": self.read, "kept": self.kept, "rejected": self.read - self.kept}

    def problems(self) -> list[Problem]:
        return [r.problem(self.file) for r in self.rejected]


@dataclass(frozen=True)
class Mapping:
    """How one export's columns, answers, units and groups map onto the questionnaire."""

    columns: dict[str, str] = field(default_factory=dict)
    answers: dict[str, dict[str, str | None]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    file: str = ""


# --------------------------------------------------------------------------- files


def read_questionnaire(path: Path | str) -> Questionnaire:
    path = Path(path)
    return parse_questionnaire(read_yaml(path), origin=path.name)


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


# --------------------------------------------------------------------------- shapes


def detect_shape(header: Sequence[str]) -> str:
    """The export's shape from its header.

    >>> detect_shape(["start", "grp/q1", "_uuid", "_submission_time"])
    'kobo'
    >>> detect_shape(["Dấu thời gian", "Ông/bà hài lòng?"])
    'googleforms'
    """
    folded = [fold(h) for h in header]
    names = set(folded)
    if names & {"_uuid", "_submission_time", "__version__"}:
        return "kobo"
    if "submissiondate" in names or (
        "key" in names and any(h.startswith(("meta-", "meta/")) for h in names)
    ):
        return "odk"
    if names & {"submitdate", "lastpage", "startlanguage"}:
        return "limesurvey"
    if folded and folded[0] in ("timestamp", "dau_thoi_gian"):
        return "googleforms"
    return "plain"


def _keys(header: str, shape: str) -> tuple[str, ...]:
    """Folded names a header answers to: itself, then without its group prefix."""
    full = fold(header)
    keys = [full]
    separators = {"kobo": "/-", "odk": "-/", "plain": "/"}.get(shape, "")
    for sep in separators:
        if sep in full:
            last = full.rsplit(sep, 1)[1]
            if last and last not in keys:
                keys.append(last)
    return tuple(keys)


def _is_metadata(header: str, shape: str) -> bool:
    name = fold(header)
    return name in METADATA[shape] or (shape == "kobo" and name.startswith("_"))


# --------------------------------------------------------------------------- columns


@dataclass
class _Columns:
    respondent: int | None = None
    unit: int | None = None
    group: int | None = None
    questions: dict[int, int] = field(default_factory=dict)  # question index → column
    options: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # → [(column, option)]
    meanings: dict[int, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def _assign(
    table: Table, questionnaire: Questionnaire, mapping: Mapping, shape: str
) -> tuple[_Columns, list[Problem]]:
    problems: list[Problem] = []
    header = table.header
    questions = questionnaire.questions
    code_of = {fold(q.code): i for i, q in enumerate(questions)}
    texts: dict[str, list[int]] = {}
    for i, q in enumerate(questions):
        texts.setdefault(fold(q.text), []).append(i)
    prefix = [
        re.compile(rf"^\s*\[?\s*{re.escape(q.code)}\s*[\].:)\-–]\s*\S", re.IGNORECASE)
        for q in questions
    ]
    mapped = {fold(k): v for k, v in mapping.columns.items()}
    mapped.update(mapping.columns)
    keys = [_keys(h, shape) for h in header]

    roles: dict[str, list[int]] = {"unit": [], "group": [], "respondent": []}
    q_mapped: dict[int, list[int]] = {}
    q_auto: dict[int, list[int]] = {}
    options: dict[int, list[tuple[int, str]]] = {}
    taken: set[int] = set()

    def mapping_problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=mapping.file or table.file))

    def question_index(code: str) -> int | None:
        for i, q in enumerate(questions):
            if q.code == code:
                return i
        return code_of.get(fold(code))

    # 1. the mapping file (a column with a wrong meaning is reported, then matched as usual)
    for c, h in enumerate(header):
        meaning = mapped.get(h) if h in mapped else mapped.get(fold(h))
        if meaning is None:
            continue
        role = fold(meaning)
        if role in ROLES:
            taken.add(c)
            if role != "ignore":
                roles[role].append(c)
            continue
        qi = question_index(meaning)
        if qi is not None:
            taken.add(c)
            q_mapped.setdefault(qi, []).append(c)
            continue
        if ":" in meaning:
            q_code, option = (s.strip() for s in meaning.rsplit(":", 1))
            qi = question_index(q_code)
            if qi is not None:
                code = next(
                    (o.code for o in questions[qi].scale if fold(o.code) == fold(option)), None
                )
                if code is None:
                    mapping_problem(
                        f"columns › {h}",
                        f"câu {questions[qi].code} không có phương án «{option}» "
                        f"(có: {', '.join(o.code for o in questions[qi].scale)})",
                    )
                else:
                    taken.add(c)
                    options.setdefault(qi, []).append((c, code))
                continue
        mapping_problem(
            f"columns › {h}",
            f"«{meaning}» không phải unit, group, respondent, ignore hay mã câu hỏi của phiếu "
            f"«{questionnaire.id}» ({', '.join(q.code for q in questions)})",
        )

    # 2. unit, group and respondent columns by their usual headers
    aliases = {
        "respondent": RESPONDENT_ALIASES + TOOL_IDS[shape],
        "unit": UNIT_ALIASES,
        "group": GROUP_ALIASES,
    }
    for role, names in aliases.items():
        if roles[role]:
            continue
        for alias in names:
            found = [c for c in range(len(header)) if c not in taken and alias in keys[c]]
            if found:
                roles[role].append(found[0])
                taken.add(found[0])
                break

    # 3. questions by code, text or "CODE. text"; the rest is the tool's own or ignored
    ignored: list[str] = []
    for c, h in enumerate(header):
        if c in taken:
            continue
        if _is_metadata(h, shape):
            continue
        matches = {code_of[k] for k in keys[c] if k in code_of}
        if not matches:
            matches = set(texts.get(keys[c][0], ()))
        if not matches:
            matches = {i for i, p in enumerate(prefix) if p.match(h)}
        if len(matches) == 1:
            q_auto.setdefault(matches.pop(), []).append(c)
        else:
            ignored.append(h or f"(cột {_letter(c)} không có tiêu đề)")

    columns = _Columns(ignored=ignored)

    def names(cols: Sequence[int]) -> str:
        return ", ".join(f"«{header[c]}»" for c in cols)

    for role in ("respondent", "unit", "group"):
        found = roles[role]
        if len(found) > 1:
            mapping_problem("columns", f"nhiều cột cùng được khai báo là {role}: {names(found)}")
        elif found:
            setattr(columns, role, found[0])
            columns.meanings[found[0]] = role
    for qi, q in enumerate(questions):
        chosen = q_mapped.get(qi) or q_auto.get(qi) or []
        if q_mapped.get(qi):
            ignored.extend(header[c] for c in q_auto.get(qi, []))
        if len(chosen) > 1:
            problems.append(
                Problem(
                    f"các cột {names(chosen)} cùng là câu hỏi {q.code}; "
                    "chỉ giữ một cột (khai báo trong «columns» của tệp ánh xạ)",
                    file=table.file,
                )
            )
        elif chosen and qi in options:
            problems.append(
                Problem(
                    f"câu hỏi {q.code} vừa có cột {names(chosen)} vừa có các cột theo phương án "
                    f"{names([c for c, _ in options[qi]])}",
                    file=table.file,
                )
            )
        elif chosen:
            columns.questions[qi] = chosen[0]
            columns.meanings[chosen[0]] = q.code
        elif qi in options:
            if len(options[qi]) > 62:
                problems.append(
                    Problem(f"câu hỏi {q.code} có quá nhiều cột phương án", file=table.file)
                )
            columns.options[qi] = options[qi]
            for c, code in options[qi]:
                columns.meanings[c] = f"{q.code}:{code}"

    hint = f" Các cột chưa dùng: {', '.join(f'«{h}»' for h in ignored)}." if ignored else ""
    if columns.unit is None:
        problems.append(
            Problem(
                "không tìm thấy cột đơn vị (tiêu đề như «Mã đơn vị», «Đơn vị», «Xã», hoặc khai báo "
                f'trong tệp ánh xạ: columns: {{"tên cột": unit}}).{hint}',
                file=table.file,
            )
        )
    if columns.group is None and len(questionnaire.groups) > 1:
        problems.append(
            Problem(
                "không tìm thấy cột nhóm đối tượng (tiêu đề như «Nhóm», «Đối tượng», hoặc khai báo "
                f'trong tệp ánh xạ: columns: {{"tên cột": group}}).{hint}',
                file=table.file,
            )
        )
    for qi, q in enumerate(questions):
        if (
            qi not in columns.questions
            and qi not in columns.options
            and qi not in q_auto | q_mapped
        ):
            problems.append(
                Problem(
                    f"không có cột cho câu hỏi {q.code} «{q.text}» (tiêu đề là mã câu hỏi hoặc "
                    f"nội dung câu hỏi, hoặc khai báo trong tệp ánh xạ).{hint}",
                    file=table.file,
                )
            )
    return columns, problems


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column + 1)


# --------------------------------------------------------------------------- answers


class _Answers:
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
        for labels in [*specific, mapping.answers.get("*", {})]:
            for label, target in labels.items():
                code = _option_code(question, target) if target is not None else None
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

    def resolve(self, token: str) -> object:
        return self.lookup.get(fold(token), _UNKNOWN)

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
            for piece in (p.strip() for p in _SEPARATORS.split(text)):
                if not piece:
                    continue
                found = self.resolve(piece)
                if found is not _UNKNOWN:
                    codes.append(found)  # type: ignore[arg-type]
                    continue
                words = piece.split()
                found_words = [self.resolve(w) for w in words]
                if len(words) < 2 or any(f is _UNKNOWN for f in found_words):
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
                f"câu {q.code} chỉ được chọn một phương án, câu trả lời «{text}» có {len(chosen)} phương án",
            )
        return _combine(q, chosen)


def _option_code(question: Question, target: str) -> str | None:
    for o in question.scale:
        if o.code == target:
            return o.code
    for o in question.scale:
        if fold(o.code) == fold(target):
            return o.code
    return None


def _combine(question: Question, codes: Sequence[str | None]) -> tuple[int, int, str]:
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
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), VALID, ""


# --------------------------------------------------------------------------- rows


def _codes(column: list[Cell]) -> tuple[npt.NDArray[np.int64], list[Cell]]:
    """Each cell's index among the column's distinct values, and those values in order of appearance."""
    seen: dict[Cell, int] = dict.fromkeys(column, 0)
    for k, value in enumerate(seen):
        seen[value] = k
    index = np.fromiter(map(seen.__getitem__, column), dtype=np.int64, count=len(column))
    return index, list(seen)


def _column(cells: list[tuple[Cell, ...]], c: int) -> list[Cell]:
    """One column of the rows (every row padded to the header's width beforehand)."""
    return list(map(itemgetter(c), cells))


def _selected(cell: Cell) -> bool:
    if cell is None:
        return False
    if isinstance(cell, Decimal):
        return cell != 0
    return fold(cell) not in NOT_SELECTED


def read_responses(
    path: Path | str,
    questionnaire: Questionnaire,
    units: Sequence[str] | None,
    mapping: Mapping | Path | str | None = None,
    drop_invalid: bool = False,
) -> ResponseImport:
    """Read one export; every bad row at once (InputError), or, with ``drop_invalid``, the good
    rows kept and the bad ones returned in ``rejected``. File-level problems always raise."""
    path = Path(path)
    if isinstance(mapping, (str, Path)):
        mapping = read_mapping(mapping)
    mapping = mapping or Mapping()
    table = read_table(path)
    shape = detect_shape(table.header)
    columns, problems = _assign(table, questionnaire, mapping, shape)
    problems += _check_mapping(mapping, questionnaire, units, table.file)
    if not table.rows:
        problems.append(Problem("tệp không có phiếu trả lời nào", file=table.file))
    if problems:
        raise InputError(problems)

    header = table.header
    rows = table.rows
    n = len(rows)
    width = len(header)
    cells = [
        r.cells if len(r.cells) >= width else r.cells + (None,) * (width - len(r.cells))
        for r in rows
    ]
    groups = questionnaire.groups
    issues: list[tuple[int, int, str, str]] = []  # (row index, column or -1, value, reason)

    # units
    unit_codes: list[str] = list(units) if units is not None else []
    unit_pos = {code: i for i, code in enumerate(unit_codes)}
    unit_folded = {fold(code): code for code in unit_codes}
    unit_labels = {fold(k): v for k, v in mapping.units.items()}
    uc = columns.unit
    assert uc is not None
    index, distinct = _codes(_column(cells, uc))
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

    # groups
    if columns.group is None:
        group = np.zeros(n, dtype=np.int64)
    else:
        gc = columns.group
        index, distinct = _codes(_column(cells, gc))
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
            j = by_code.get(mapped_code if mapped_code is not None else text)
            if j is None:
                j = group_labels.get(fold(text), by_fold.get(fold(text)))
            if j is None:
                group_table[k] = -1
                group_reason[k] = f"nhóm đối tượng «{text}» không có trong phiếu (chọn: {choices})"
            else:
                group_table[k] = j
        group = group_table[index]
        for i in np.flatnonzero(group < 0):
            issues.append((int(i), gc, text_of(distinct[index[i]]), group_reason[int(index[i])]))

    # respondent ids: the first row wins, later ones are duplicates
    if columns.respondent is not None:
        rc = columns.respondent
        first: dict[Cell, int] = {}
        setdefault = first.setdefault
        for i, cell in enumerate(_column(cells, rc)):
            if cell is not None and setdefault(cell, i) != i:
                text = text_of(cell)
                issues.append(
                    (
                        i,
                        rc,
                        text,
                        f"mã phiếu «{text}» trùng với phiếu ở dòng {rows[first[cell]].number}",
                    )
                )

    # answers
    questions = questionnaire.questions
    answers = np.full((n, len(questions)), NO_ANSWER, dtype=np.int32)
    blank = np.ones(n, dtype=np.bool_)
    known_group = group >= 0
    safe_group = np.where(known_group, group, 0)
    for qi, q in enumerate(questions):
        reader = _Answers(q, mapping)
        if qi in columns.questions:
            qc = columns.questions[qi]
            index, distinct = _codes(_column(cells, qc))
            read = [reader.read(cell) for cell in distinct]

            def raw(i: int, index: Any = index, distinct: list[Cell] = distinct) -> str:
                return text_of(distinct[index[i]])
        else:
            options = columns.options[qi]
            qc = options[0][0]
            chosen = np.zeros(n, dtype=np.int64)
            for bit, (c, _) in enumerate(options):
                index, distinct = _codes(_column(cells, c))
                selected = np.fromiter((_selected(v) for v in distinct), np.bool_, len(distinct))
                chosen |= selected[index].astype(np.int64) << bit
            masks, index = np.unique(chosen, return_inverse=True)
            index = index.reshape(-1)
            read = [
                _combine(q, [code for bit, (_, code) in enumerate(options) if int(m) >> bit & 1])
                for m in masks
            ]

            def raw(i: int, chosen: Any = chosen, options: Any = options) -> str:
                return "; ".join(
                    code for bit, (_, code) in enumerate(options) if int(chosen[i]) >> bit & 1
                )

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

    # report
    bad = np.zeros(n, dtype=np.bool_)
    rejected: list[RejectedRow] = []
    issues.sort(key=lambda issue: (issue[0], issue[1]))
    for i, c, value, reason in issues:
        bad[i] = True
        number = rows[i].number
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
        read=n,
        kept=int(keep.sum()),
        rejected=tuple(rejected),
        shape=shape,
        ignored_columns=tuple(columns.ignored),
        columns=tuple((header[c], m) for c, m in sorted(columns.meanings.items())),
        file=table.file,
    )


def _check_mapping(
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
                    _option_code(q, target) for q in questions.values()
                ):
                    problem(f"answers › * › {label}", f"không câu hỏi nào có phương án «{target}»")
            continue
        q = questions.get(fold(key))
        if q is None:
            problem(f"answers › {key}", f"phiếu «{questionnaire.id}» không có câu hỏi «{key}»")
            continue
        for label, target in labels.items():
            if target is not None and _option_code(q, target) is None:
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
