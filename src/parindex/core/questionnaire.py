"""Survey questionnaires (phiếu điều tra xã hội học) as validated, frozen data.

A questionnaire names its respondent groups and their weights, the answer scale
(option weights: A=100%, B=60%, C=20%, D=0%, E=no answer, as the provincial survey
software uses), and for each question the survey leaf of the framework it feeds and
how: the mean of option weights (``mean``) or the share of answers at or above a level
(``share``). A leaf may turn its value into points through a banded table.

>>> q = parse_questionnaire({"id": "s", "name": "Phiếu", "groups": [{"code": "dan", "name": "Người dân"}],
...     "questions": [{"code": "Q1", "text": "Hài lòng?", "leaf": "8.1"}]})
>>> [o.code for o in q.questions[0].scale], q.questions[0].scale[1].weight
(['A', 'B', 'C', 'D', 'E'], Decimal('60'))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parindex.core.framework import Framework
from parindex.core.numbers import format_vn, to_decimal
from parindex.core.problems import InputError, Problem

RULES = ("mean", "share")
CHOICES = ("single", "multiple")
DEFAULT_MARGIN = Decimal("0.05")
DEFAULT_MINIMUM = 30

QUESTIONNAIRE_KEYS = {
    "id",
    "name",
    "framework",
    "source",
    "groups",
    "scale",
    "questions",
    "leaves",
    "sample",
    "design",
    "notes",
    "sipas",
}
QUESTION_KEYS = {
    "code",
    "text",
    "leaf",
    "groups",
    "choice",
    "scale",
    "rule",
    "at_least",
    "weight",
    "aspect",
}
GROUP_KEYS = {"code", "name", "weight"}
OPTION_KEYS = {"code", "label", "weight"}
LEAF_KEYS = {"bands"}
SAMPLE_KEYS = {"margin", "minimum"}
DESIGN_KEYS = {"cluster", "weight"}


@dataclass(frozen=True)
class Option:
    """One answer option; ``weight`` None means excluded (no answer / do not know)."""

    code: str
    label: str
    weight: Decimal | None


DEFAULT_SCALE = (
    Option("A", "Rất tốt / Rất hài lòng", Decimal(100)),
    Option("B", "Tốt / Hài lòng", Decimal(60)),
    Option("C", "Trung bình / Bình thường", Decimal(20)),
    Option("D", "Kém / Không hài lòng", Decimal(0)),
    Option("E", "Không biết / Không trả lời", None),
)


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    leaf: str
    groups: tuple[str, ...]  # empty = every group
    choice: str = "single"
    scale: tuple[Option, ...] = DEFAULT_SCALE
    rule: str = "mean"
    at_least: str = ""
    weight: Decimal = Decimal(1)
    aspect: str = ""

    def option(self, code: str) -> Option | None:
        for option in self.scale:
            if option.code == code:
                return option
        return None

    def value(self, code: str) -> Decimal | None:
        """The answer's value in percent (0–100) under this question's rule; None if excluded."""
        option = self.option(code)
        if option is None or option.weight is None:
            return None
        if self.rule == "share":
            level = self.option(self.at_least)
            assert level is not None and level.weight is not None
            return Decimal(100) if option.weight >= level.weight else Decimal(0)
        return option.weight


@dataclass(frozen=True)
class Band:
    """A leaf value (percent) from ``min`` up gives ``percent`` of the leaf's max."""

    min: Decimal
    percent: Decimal


@dataclass(frozen=True)
class Sample:
    margin: Decimal = DEFAULT_MARGIN
    minimum: int = DEFAULT_MINIMUM

    def required(self, population: int | None) -> int:
        """Minimum respondents for a unit: n = N / (1 + N·e²) when N is known (Slovin), else the fixed minimum.

        >>> Sample().required(5000), Sample().required(None)
        (371, 30)
        """
        if population is None or population <= 0:
            return self.minimum
        n = Decimal(population) / (1 + Decimal(population) * self.margin * self.margin)
        return int(n.to_integral_value(rounding="ROUND_CEILING"))


@dataclass(frozen=True)
class Design:
    """How the respondents were drawn, as the questionnaire declares it.

    Strata are the respondent groups of each unit. ``cluster`` names the export's
    column that holds the respondent's cluster (a day at the one-stop desk, a desk, a
    village): clusters are then the sampled units within each stratum. ``weight`` names
    the column of design weights (how many people a respondent stands for). Without
    either, respondents are a simple random sample within their unit and group, with
    equal weights: what provinces collect today.
    """

    cluster: str = ""
    weight: str = ""


@dataclass(frozen=True)
class Questionnaire:
    id: str
    name: str
    groups: tuple[Group, ...]
    questions: tuple[Question, ...]
    bands: Mapping[str, tuple[Band, ...]]
    sample: Sample = Sample()
    framework: str = ""
    source: str = ""
    design: Design = Design()
    # the ``sipas`` block as read (model, threshold, components, index weights), checked by
    # ``parindex.core.sipas_method.parse_sipas_config``; None: the defaults (model 2017)
    sipas: Any = None

    @property
    def leaves(self) -> tuple[str, ...]:
        """The leaves fed, in the order their first question appears."""
        seen: list[str] = []
        for q in self.questions:
            if q.leaf not in seen:
                seen.append(q.leaf)
        return tuple(seen)

    def group(self, code: str) -> Group | None:
        for group in self.groups:
            if group.code == code:
                return group
        return None

    def question(self, code: str) -> Question | None:
        for question in self.questions:
            if question.code == code:
                return question
        return None


def _scale(value: Any, where: str, problem: Report) -> tuple[Option, ...] | None:
    if value is None:
        return None
    if not isinstance(value, Sequence) or isinstance(value, str) or not value:
        problem(where, "«scale» phải là danh sách phương án trả lời")
        return None
    options: list[Option] = []
    for i, item in enumerate(value, start=1):
        here = f"{where} › phương án thứ {i}"
        if not isinstance(item, Mapping):
            problem(here, "mỗi phương án cần «code», «label», «weight»")
            continue
        for key in sorted(set(map(str, item)) - OPTION_KEYS):
            problem(here, f"khóa không được hỗ trợ «{key}»")
        code = str(item.get("code") or "").strip()
        if not code:
            problem(here, "thiếu mã phương án «code»")
            continue
        weight = None
        if item.get("weight") is not None:
            weight = to_decimal(item["weight"])
            if weight is None or not (0 <= weight <= 100):
                problem(f"{where} › {code}", f"trọng số «{item['weight']}» phải từ 0 đến 100 (%)")
                continue
        options.append(Option(code, str(item.get("label") or code).strip(), weight))
    codes = [o.code for o in options]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problem(where, f"phương án «{code}» khai báo hai lần")
    if options and all(o.weight is None for o in options):
        problem(where, "cần ít nhất một phương án có trọng số")
    return tuple(options)


Report = Callable[[str, str], None]  # (where, message): one problem of the file


def parse_questionnaire(data: Any, origin: str = "") -> Questionnaire:
    """Validate a mapping read from YAML into a Questionnaire; every problem at once.

    The steps: the questionnaire's own keys, its groups, its questions (each on the
    default scale unless it has its own), the leaves' bands, the sample rule.
    """
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=origin))

    if not isinstance(data, Mapping):
        raise InputError([Problem("tệp không chứa một phiếu điều tra", file=origin)])
    for key in sorted(set(map(str, data)) - QUESTIONNAIRE_KEYS):
        problem(key, f"khóa không được hỗ trợ «{key}»")
    q_id = str(data.get("id") or "").strip()
    name = str(data.get("name") or "").strip()
    if not q_id:
        problem("id", "thiếu «id»")
    if not name:
        problem("name", "thiếu «name»")
    groups = _groups(data.get("groups"), problem)
    default_scale = _scale(data.get("scale"), "scale", problem) or DEFAULT_SCALE
    questions = _questions(data.get("questions"), {g.code for g in groups}, default_scale, problem)
    bands = _bands(data.get("leaves") or {}, questions, problem)
    sample = _sample(data.get("sample"), problem)
    design = _design(data.get("design"), problem)
    if data.get("sipas") is not None:
        from parindex.core.sipas_method import parse_sipas_config

        for p in parse_sipas_config(data["sipas"])[1]:
            problem(p.where, p.message)
    if problems:
        raise InputError(problems)
    return Questionnaire(
        id=q_id,
        name=name,
        groups=tuple(groups),
        questions=tuple(questions),
        bands=bands,
        sample=sample,
        framework=str(data.get("framework") or "").strip(),
        source=str(data.get("source") or "").strip(),
        design=design,
        sipas=data.get("sipas"),
    )


def _groups(raw_groups: Any, problem: Report) -> list[Group]:
    """The respondent groups: a code, a name and a positive weight each, no code twice."""
    groups: list[Group] = []
    if not isinstance(raw_groups, Sequence) or isinstance(raw_groups, str) or not raw_groups:
        problem("groups", "cần ít nhất một nhóm đối tượng khảo sát trong «groups»")
        return groups
    for i, item in enumerate(raw_groups, start=1):
        where = f"groups[{i}]"
        if not isinstance(item, Mapping) or not str(item.get("code") or "").strip():
            problem(where, "mỗi nhóm cần «code» và «name»")
            continue
        for key in sorted(set(map(str, item)) - GROUP_KEYS):
            problem(where, f"khóa không được hỗ trợ «{key}»")
        weight = to_decimal(item.get("weight", 1))
        if weight is None or weight <= 0:
            problem(where, f"trọng số nhóm «{item.get('weight')}» phải là số dương")
            continue
        code = str(item["code"]).strip()
        if any(g.code == code for g in groups):
            problem(where, f"nhóm «{code}» khai báo hai lần")
            continue
        groups.append(Group(code, str(item.get("name") or code).strip(), weight))
    return groups


def _questions(
    raw_questions: Any,
    group_codes: set[str],
    default_scale: tuple[Option, ...],
    problem: Report,
) -> list[Question]:
    """Every question, in order; codes unique."""
    if (
        not isinstance(raw_questions, Sequence)
        or isinstance(raw_questions, str)
        or not raw_questions
    ):
        problem("questions", "cần ít nhất một câu hỏi trong «questions»")
        return []
    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(raw_questions, start=1):
        question = _question(item, f"câu hỏi thứ {i}", seen, group_codes, default_scale, problem)
        if question is not None:
            questions.append(question)
    return questions


def _question(
    item: Any,
    where: str,
    seen: set[str],
    group_codes: set[str],
    default_scale: tuple[Option, ...],
    problem: Report,
) -> Question | None:
    """One question: its leaf, text, groups asked, choice, rule and scale; None if unusable."""
    if not isinstance(item, Mapping):
        problem(where, "mỗi câu hỏi cần «code», «text», «leaf»")
        return None
    code = str(item.get("code") or "").strip()
    if code:
        where = code
    else:
        problem(where, "thiếu mã câu hỏi «code»")
    for key in sorted(set(map(str, item)) - QUESTION_KEYS):
        problem(where, f"khóa không được hỗ trợ «{key}»")
    if code in seen:
        problem(where, f"mã câu hỏi «{code}» trùng")
    seen.add(code)
    leaf = str(item.get("leaf") or "").strip()
    if not leaf:
        problem(where, "thiếu tiêu chí được tính điểm «leaf»")
    text = str(item.get("text") or "").strip()
    if not text:
        problem(where, "thiếu nội dung câu hỏi «text»")
    asked = item.get("groups") or []
    if isinstance(asked, str):
        asked = [asked]
    asked = [str(g).strip() for g in asked]
    for g in asked:
        if g not in group_codes:
            problem(where, f"nhóm đối tượng «{g}» không có trong «groups»")
    choice = str(item.get("choice") or "single")
    if choice not in CHOICES:
        problem(where, f"kiểu chọn «{choice}» không hợp lệ (single hoặc multiple)")
    rule = str(item.get("rule") or "mean")
    if rule not in RULES:
        problem(where, f"cách tính «{rule}» không hợp lệ (mean hoặc share)")
    scale = _scale(item.get("scale"), f"{where} › scale", problem) or default_scale
    at_least = str(item.get("at_least") or "").strip()
    if rule == "share":
        level = next((o for o in scale if o.code == at_least), None)
        if level is None or level.weight is None:
            problem(
                where,
                f"cách tính share cần «at_least» là một phương án có trọng số, không phải «{at_least}»",
            )
    weight = to_decimal(item.get("weight", 1))
    if weight is None or weight <= 0:
        problem(where, f"trọng số câu hỏi «{item.get('weight')}» phải là số dương")
        weight = Decimal(1)
    if not (code and leaf and text):
        return None
    return Question(
        code,
        text,
        leaf,
        tuple(asked),
        choice,
        scale,
        rule,
        at_least,
        weight,
        str(item.get("aspect") or "").strip(),
    )


def _bands(
    raw_leaves: Any, questions: Sequence[Question], problem: Report
) -> dict[str, tuple[Band, ...]]:
    """Each banded leaf's table, highest band first, the lowest from 0; only for leaves asked."""
    bands: dict[str, tuple[Band, ...]] = {}
    if not isinstance(raw_leaves, Mapping):
        problem("leaves", "«leaves» phải là bảng mã tiêu chí → cách quy đổi")
        return bands
    for leaf_code, spec in raw_leaves.items():
        where = f"leaves › {leaf_code}"
        if not isinstance(spec, Mapping):
            problem(where, "cần «bands»")
            continue
        for key in sorted(set(map(str, spec)) - LEAF_KEYS):
            problem(where, f"khóa không được hỗ trợ «{key}»")
        rows = spec.get("bands")
        if not isinstance(rows, Sequence) or isinstance(rows, str) or not rows:
            problem(where, "«bands» phải là danh sách {min, percent}, cao nhất trước")
            continue
        parsed: list[Band] = []
        for j, row in enumerate(rows, start=1):
            lo = to_decimal(row.get("min")) if isinstance(row, Mapping) else None
            pct = to_decimal(row.get("percent")) if isinstance(row, Mapping) else None
            if lo is None or pct is None or not (0 <= lo <= 100) or not (0 <= pct <= 100):
                problem(f"{where} › bậc {j}", "mỗi bậc cần «min» và «percent» từ 0 đến 100")
                continue
            parsed.append(Band(lo, pct))
        if any(b.min >= a.min for a, b in itertools.pairwise(parsed)):
            problem(where, "các bậc phải theo thứ tự «min» giảm dần")
        if parsed and parsed[-1].min != 0:
            problem(where, "bậc thấp nhất phải bắt đầu từ 0")
        bands[str(leaf_code)] = tuple(parsed)
    for leaf_code in bands:
        if not any(q.leaf == leaf_code for q in questions):
            problem(f"leaves › {leaf_code}", "không có câu hỏi nào tính điểm cho tiêu chí này")
    return bands


def _sample(raw_sample: Any, problem: Report) -> Sample:
    """The minimum-sample rule: margin e in (0, 1) and a fixed minimum when N is unknown."""
    if raw_sample is None:
        return Sample()
    if not isinstance(raw_sample, Mapping):
        problem("sample", "«sample» cần «margin» và/hoặc «minimum»")
        return Sample()
    for key in sorted(set(map(str, raw_sample)) - SAMPLE_KEYS):
        problem("sample", f"khóa không được hỗ trợ «{key}»")
    margin = to_decimal(raw_sample.get("margin", DEFAULT_MARGIN))
    minimum = to_decimal(raw_sample.get("minimum", DEFAULT_MINIMUM))
    if margin is None or not (0 < margin < 1):
        problem("sample", "sai số «margin» phải trong khoảng (0, 1), ví dụ 0.05")
    elif minimum is None or minimum < 1 or minimum != minimum.to_integral_value():
        problem("sample", "cỡ mẫu tối thiểu «minimum» phải là số nguyên dương")
    else:
        return Sample(margin, int(minimum))
    return Sample()


def _design(raw: Any, problem: Report) -> Design:
    """The sampling design: the export's cluster column and weight column, both optional."""
    if raw is None:
        return Design()
    if not isinstance(raw, Mapping):
        problem("design", "«design» cần «cluster» và/hoặc «weight» (tên cột trong tệp phiếu)")
        return Design()
    for key in sorted(set(map(str, raw)) - DESIGN_KEYS):
        problem("design", f"khóa không được hỗ trợ «{key}»")
    names = {}
    for key in ("cluster", "weight"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problem(f"design › {key}", "phải là tên một cột của tệp phiếu trả lời")
            value = None
        names[key] = (value or "").strip()
    return Design(cluster=names["cluster"], weight=names["weight"])


def check_against(
    questionnaire: Questionnaire, framework: Framework, origin: str = ""
) -> list[Problem]:
    """Every survey leaf of the framework is fed; no question feeds a self-assessed or unknown leaf."""
    problems: list[Problem] = []
    leaves = {leaf.code: leaf for leaf in framework.leaves}
    for q in questionnaire.questions:
        leaf = leaves.get(q.leaf)
        if leaf is None:
            node = framework.node(q.leaf)
            what = "không phải tiêu chí lá" if node is not None else "không có"
            problems.append(
                Problem(
                    f"tiêu chí «{q.leaf}» {what} trong bộ tiêu chí «{framework.id}»",
                    where=q.code,
                    file=origin,
                )
            )
        elif leaf.source != "survey":
            problems.append(
                Problem(
                    f"tiêu chí «{q.leaf}» chấm bằng tự đánh giá, không lấy điểm từ điều tra xã hội học",
                    where=q.code,
                    file=origin,
                )
            )
    fed = set(questionnaire.leaves)
    for leaf in framework.leaves:
        if leaf.source == "survey" and leaf.code not in fed:
            problems.append(
                Problem(
                    f"tiêu chí điều tra xã hội học «{leaf.code}» ({format_vn(leaf.max)} điểm) chưa có câu hỏi nào tính điểm",
                    file=origin,
                )
            )
    return problems
