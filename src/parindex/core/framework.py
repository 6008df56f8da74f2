"""Criteria frameworks (Bộ tiêu chí) as validated, frozen data.

A framework is a tree: fields (lĩnh vực) → criteria (tiêu chí) → sub-criteria
(tiêu chí thành phần). Leaves carry the max points; a parent's max is the sum of
its children's. ``parse_framework`` checks a plain mapping (as read from YAML)
and reports every problem at once with its code path.

>>> fw = parse_framework({
...     "id": "demo", "name": "Bộ tiêu chí", "level": "commune", "year": 2023,
...     "classes": [{"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
...     "fields": [{"code": "1", "name": "Chỉ đạo", "children": [
...         {"code": "1.1", "name": "Kế hoạch", "max": 2}]}]})
>>> [leaf.code for leaf in fw.leaves], fw.max_points
(['1.1'], Decimal('2'))
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parindex.core.bonus import BonusSection, parse_bonus
from parindex.core.characters import control_character_problem
from parindex.core.classes import class_for as _class_for
from parindex.core.numbers import format_vn, to_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.rules import Measure, Rule, parse_rule
from parindex.core.units import UNIT_KINDS

LEVELS = ("province", "department", "district", "commune")
SOURCES = ("self", "survey")
DEFAULT_WEAK_BELOW = Decimal(95)
DEFAULT_CLASSES: tuple[tuple[str, int], ...] = (
    ("Xuất sắc", 90),
    ("Tốt", 85),
    ("Khá", 70),
    ("Trung bình", 50),
    ("Yếu", 0),
)
"""The usual provincial bands; real thresholds vary by province and year (docs/decisions.md)."""


def default_classes() -> list[dict[str, object]]:
    """The default bands as a framework's ``classes`` list."""
    return [{"label": label, "min": minimum} for label, minimum in DEFAULT_CLASSES]


FRAMEWORK_KEYS = {
    "id",
    "name",
    "level",
    "year",
    "source",
    "family",
    "weak_below",
    "classes",
    "fields",
    "notes",
    "scale",
    "leaf_decimals",
    "index_name",
    "bonus",
    "index_cap",
}
DEFAULT_INDEX_NAME = "Chỉ số CCHC"
NODE_KEYS = {
    "code",
    "name",
    "max",
    "source",
    "children",
    "evidence",
    "sourced",
    "note",
    "scale",
    "guide",
    "rule",
    "none_means_full",
    "applies_to",
}
CLASS_KEYS = {"label", "min"}


@dataclass(frozen=True)
class ClassBand:
    """A classification band (Xuất sắc, Tốt, Khá, …): reached at ``min`` and above."""

    label: str
    min: Decimal


@dataclass(frozen=True)
class Node:
    """A field, criterion or sub-criterion. Leaves have no children."""

    code: str
    name: str
    max: Decimal
    source: str = "self"
    children: tuple[Node, ...] = ()
    evidence: bool = False
    sourced: bool = True
    note: str = ""
    scale: tuple[Decimal, ...] = ()
    """The only points a leaf may take (``[1, 0.5, 0]``); empty: any points from 0 to max."""
    guide: str = ""
    """How the decision says to score it ("Ban hành trước ngày 31/12: 1 điểm; …")."""
    evidence_text: str = ""
    """The evidence the decision asks for ("Quyết định ban hành kế hoạch"); sets ``evidence``."""
    rule: Rule | None = None
    """Points derived from a measured value (ratio or steps); the unit enters the value."""
    none_means_full: bool = False
    """"Không phát sinh" in the year gives the max (not the same as not applicable)."""
    applies_to: tuple[str, ...] = ()
    """The unit kinds it applies to; empty: all. For other kinds it is not applicable."""

    def applies(self, kind: str) -> bool:
        """Whether the leaf is scored for a unit of this kind."""
        return not self.applies_to or kind in self.applies_to

    def points_for(self, measure: Measure, decimals: int) -> Decimal:
        """The points a measured value gives on this rule leaf (the one rule)."""
        assert self.rule is not None
        return self.rule.points(measure.fraction, self.max, decimals)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def score_problem(self, points: Decimal) -> str | None:
        """Why ``points`` cannot be this leaf's score (None: it can). The one rule for files,
        the Excel template and the web's forms.

        >>> leaf = Node("1.1", "Kế hoạch", Decimal(1), scale=(Decimal(1), Decimal("0.5"), Decimal(0)))
        >>> print(leaf.score_problem(Decimal("0.7")))
        điểm 0,7 không có trong thang điểm của tiêu chí (1; 0,5; 0)
        >>> leaf.score_problem(Decimal("0.5")) is None
        True
        """
        if points < 0:
            return f"điểm {format_vn(points)} âm"
        if points > self.max:
            return f"điểm {format_vn(points)} vượt điểm tối đa {format_vn(self.max)}"
        if self.scale and points not in self.scale:
            allowed = "; ".join(format_vn(p) for p in self.scale)
            return f"điểm {format_vn(points)} không có trong thang điểm của tiêu chí ({allowed})"
        return None

    def walk(self) -> Iterator[Node]:
        """This node and every node under it, depth first, in framework order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def leaves(self) -> tuple[Node, ...]:
        return tuple(n for n in self.walk() if n.is_leaf)

    @property
    def sources(self) -> frozenset[str]:
        """The sources of its leaves: {"self"}, {"survey"} or both."""
        return frozenset(leaf.source for leaf in self.leaves)


@dataclass(frozen=True)
class Framework:
    """A whole criteria set for one level of government and one year."""

    id: str
    name: str
    level: str
    year: int
    classes: tuple[ClassBand, ...]
    fields: tuple[Node, ...]
    source: str = ""
    family: str = ""
    weak_below: Decimal = DEFAULT_WEAK_BELOW
    notes: str = ""
    leaf_decimals: int = 2
    """Points derived by a rule are rounded half-up to this many places."""
    index_name: str = DEFAULT_INDEX_NAME
    """What titles and prose call the result ("Chỉ số CCHC", "Chỉ số cải cách hành chính")."""
    bonus: BonusSection | None = None
    index_cap: Decimal = Decimal(100)
    """The index is at most this (bonus points can lift points above the max)."""
    _index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    _leaves: tuple[Node, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", self.id)
        for top in self.fields:
            for node in top.walk():
                self._index[node.code] = node
        # the framework is frozen: its leaves, asked for per unit in a national run, once
        object.__setattr__(
            self, "_leaves", tuple(leaf for top in self.fields for leaf in top.leaves)
        )

    @property
    def leaves(self) -> tuple[Node, ...]:
        """Every leaf in framework order; each field's leaves are contiguous."""
        return self._leaves

    @property
    def max_points(self) -> Decimal:
        return sum((top.max for top in self.fields), Decimal(0))

    def part_max(self, source: str) -> Decimal:
        return sum((leaf.max for leaf in self.leaves if leaf.source == source), Decimal(0))

    def node(self, code: str) -> Node | None:
        return self._index.get(code)

    def class_for(self, index: Decimal) -> str:
        """The class of an index: the one rule of ``parindex.core.classes`` (rounded index,
        first band whose min it reaches), the same that ``score_run`` applies."""
        return _class_for(index, self.classes).label


def parse_framework(data: Any, origin: str = "") -> Framework:
    """Validate a mapping read from YAML (numbers as Decimal or int) into a Framework.

    Raises InputError listing every problem, each with its code path.
    """
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=origin))

    if not isinstance(data, Mapping):
        raise InputError(
            [Problem("tệp không chứa một bộ tiêu chí (cần một bảng khóa: giá trị)", file=origin)]
        )

    for key in sorted(set(map(str, data)) - FRAMEWORK_KEYS):
        problem(key, f"khóa không được hỗ trợ «{key}»")

    def text(key: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if required:
                problem(key, f"thiếu «{key}»")
            return ""
        refused = control_character_problem(str(value), multiline=key in ("name", "source"))
        if refused:
            problem(key, refused)
        return str(value).strip()

    fw_id = text("id")
    name = text("name")
    level = text("level")
    if level and level not in LEVELS:
        problem("level", f"cấp «{level}» không hợp lệ (chọn một trong: {', '.join(LEVELS)})")
    year_value = data.get("year")
    year = 0
    if year_value is None:
        problem("year", "thiếu «year»")
    else:
        parsed_year = to_decimal(year_value)
        if parsed_year is None or parsed_year != parsed_year.to_integral_value():
            problem("year", f"năm «{year_value}» không phải số nguyên")
        else:
            year = int(parsed_year)

    weak_below = DEFAULT_WEAK_BELOW
    if data.get("weak_below") is not None:
        parsed = to_decimal(data["weak_below"])
        if parsed is None or not (0 <= parsed <= 100):
            problem("weak_below", f"ngưỡng «{data['weak_below']}» phải là số từ 0 đến 100")
        else:
            weak_below = parsed

    classes = _parse_classes(data.get("classes"), problem)
    leaf_decimals = 2
    if data.get("leaf_decimals") is not None:
        raw_places = data["leaf_decimals"]
        if (
            isinstance(raw_places, bool)
            or not isinstance(raw_places, int)
            or not 0 <= raw_places <= 4
        ):
            problem(
                "leaf_decimals",
                f"«leaf_decimals» phải là số nguyên từ 0 đến 4, không phải «{raw_places}»",
            )
        else:
            leaf_decimals = raw_places
    index_cap = Decimal(100)
    if data.get("index_cap") is not None:
        parsed_cap = to_decimal(data["index_cap"])
        if parsed_cap is None or parsed_cap <= 0:
            problem("index_cap", f"«index_cap» phải là số dương, không phải «{data['index_cap']}»")
        else:
            index_cap = parsed_cap
    seen: dict[str, str] = {}
    fields_data = data.get("fields")
    fields: list[Node] = []
    if not isinstance(fields_data, Sequence) or isinstance(fields_data, str) or not fields_data:
        problem("fields", "cần ít nhất một lĩnh vực trong «fields»")
    else:
        for i, item in enumerate(fields_data, start=1):
            parsed_node = _parse_node(item, f"lĩnh vực thứ {i}", "self", seen, problem)
            if parsed_node is not None:
                fields.append(parsed_node)

    bonus = None
    if data.get("bonus") is not None:
        bonus = parse_bonus(data["bonus"], set(seen), problem)
    if problems:
        raise InputError(problems)
    return Framework(
        id=fw_id,
        name=name,
        level=level,
        year=year,
        classes=classes,
        fields=tuple(fields),
        source=text("source", required=False),
        family=text("family", required=False),
        weak_below=weak_below,
        notes=text("notes", required=False),
        leaf_decimals=leaf_decimals,
        index_name=text("index_name", required=False) or DEFAULT_INDEX_NAME,
        bonus=bonus,
        index_cap=index_cap,
    )


def _parse_classes(value: Any, problem: Any) -> tuple[ClassBand, ...]:
    if not isinstance(value, Sequence) or isinstance(value, str) or not value:
        problem("classes", "cần danh sách xếp loại «classes» (cao nhất trước)")
        return ()
    bands: list[ClassBand] = []
    for i, item in enumerate(value, start=1):
        where = f"classes[{i}]"
        if not isinstance(item, Mapping):
            problem(where, "mỗi xếp loại cần «label» và «min»")
            continue
        for key in sorted(set(map(str, item)) - CLASS_KEYS):
            problem(where, f"khóa không được hỗ trợ «{key}»")
        label = str(item.get("label") or "").strip()
        minimum = to_decimal(item.get("min"))
        if not label:
            problem(where, "thiếu tên xếp loại «label»")
        if minimum is None:
            problem(where, f"«min» của xếp loại {label} phải là số")
            continue
        if not (0 <= minimum <= 100):
            problem(
                where,
                f"«min» của xếp loại {label} phải từ 0 đến 100, không phải {format_vn(minimum)}",
            )
        bands.append(ClassBand(label, minimum))
    labels = [b.label for b in bands]
    for label in sorted({x for x in labels if labels.count(x) > 1}):
        problem("classes", f"xếp loại «{label}» khai báo hai lần")
    for upper, lower in itertools.pairwise(bands):
        if lower.min == upper.min:
            problem(
                "classes",
                f"xếp loại «{upper.label}» và «{lower.label}» trùng ngưỡng {format_vn(upper.min)} (chồng lấn)",
            )
        elif lower.min > upper.min:
            problem(
                "classes",
                f"xếp loại phải theo thứ tự từ cao xuống thấp: «{lower.label}» ({format_vn(lower.min)}) "
                f"đứng sau «{upper.label}» ({format_vn(upper.min)})",
            )
    if bands and min(b.min for b in bands) != 0:
        problem("classes", "xếp loại thấp nhất phải bắt đầu từ 0 để mọi chỉ số đều được xếp loại")
    return tuple(bands)


def _parse_node(
    item: Any, where: str, inherited_source: str, seen: dict[str, str], problem: Any
) -> Node | None:
    if not isinstance(item, Mapping):
        problem(where, "mỗi tiêu chí cần ít nhất «code» và «name»")
        return None
    code = str(item.get("code") or "").strip()
    if code:
        where = code
    else:
        problem(where, "thiếu mã «code»")
    ok = bool(code)
    for key in sorted(set(map(str, item)) - NODE_KEYS):
        problem(where, f"khóa không được hỗ trợ «{key}»")
        ok = False
    name = str(item.get("name") or "").strip()
    if not name:
        problem(where, "thiếu tên «name»")
        ok = False
    for key, value in (("code", code), ("name", name)):
        if refused := control_character_problem(value, multiline=key == "name"):
            problem(where, f"«{key}» {refused}")
            ok = False
    if code:
        if code in seen:
            problem(where, f"mã «{code}» trùng với một tiêu chí khác ({seen[code]})")
            ok = False
        else:
            seen[code] = name
    source = str(item.get("source") or inherited_source).strip()
    if source not in SOURCES:
        problem(where, f"nguồn điểm «{source}» không hợp lệ (chọn self hoặc survey)")
        ok = False
    stated_max = None
    if item.get("max") is not None:
        stated_max = to_decimal(item["max"])
        if stated_max is None:
            problem(where, f"điểm tối đa «{item['max']}» không phải là số")
            ok = False
        elif stated_max < 0:
            problem(where, f"điểm tối đa âm ({format_vn(stated_max)})")
            ok = False
    children_data = item.get("children")
    children: list[Node] = []
    if children_data is not None:
        if (
            not isinstance(children_data, Sequence)
            or isinstance(children_data, str)
            or not children_data
        ):
            problem(where, "«children» phải là danh sách không rỗng")
            return None
        for i, child in enumerate(children_data, start=1):
            parsed = _parse_node(child, f"{where} › mục thứ {i}", source, seen, problem)
            if parsed is None:
                ok = False
            else:
                children.append(parsed)
        total = sum((c.max for c in children), Decimal(0))
        if ok and stated_max is not None and stated_max != total:
            problem(
                where,
                f"tổng điểm các tiêu chí con là {format_vn(total)} nhưng điểm tối đa là {format_vn(stated_max)}",
            )
            ok = False
        node_max = total
    else:
        if item.get("max") is None:
            problem(where, "thiếu điểm tối đa «max» (tiêu chí không có tiêu chí con)")
            return None
        if stated_max is not None and stated_max == 0:
            problem(where, "điểm tối đa phải lớn hơn 0")
            ok = False
        node_max = stated_max if stated_max is not None else Decimal(0)
    sourced = item.get("sourced", True)
    if not isinstance(sourced, bool):
        problem(where, "«sourced» phải là true hoặc false")
        ok = False
    evidence = item.get("evidence", False)
    if not isinstance(evidence, bool | str):
        problem(where, "«evidence» phải là true/false hoặc tài liệu kiểm chứng cần nộp")
        ok = False
    scale = _parse_scale(item.get("scale"), node_max, bool(children), where, problem)
    if scale is None:
        ok = False
    guide = item.get("guide")
    if guide is not None and not isinstance(guide, str):
        problem(where, "«guide» phải là một đoạn chữ")
        ok = False
    leaf_rules = _parse_leaf_rules(item, node_max, bool(children), where, problem)
    if leaf_rules is None:
        ok = False
    if not ok or scale is None or leaf_rules is None:
        return None
    rule, none_means_full, applies_to = leaf_rules
    if rule is not None and scale:
        problem(where, "tiêu chí tính điểm theo quy tắc «rule» không khai báo «scale»")
        return None
    evidence_text = evidence.strip() if isinstance(evidence, str) else ""
    return Node(
        code=code,
        name=name,
        max=node_max,
        source=source,
        children=tuple(children),
        evidence=bool(evidence),
        sourced=bool(sourced),
        note=str(item.get("note") or "").strip(),
        scale=scale,
        guide=str(guide or "").strip(),
        evidence_text=evidence_text,
        rule=rule,
        none_means_full=none_means_full,
        applies_to=applies_to,
    )


def _parse_leaf_rules(
    item: Mapping[str, Any], maximum: Decimal, has_children: bool, where: str, problem: Any
) -> tuple[Rule | None, bool, tuple[str, ...]] | None:
    """A leaf's ``rule``, ``none_means_full`` and ``applies_to``; None if one is invalid."""
    given = [key for key in ("rule", "none_means_full", "applies_to") if item.get(key) is not None]
    if has_children and given:
        problem(where, f"«{given[0]}» chỉ dùng cho tiêu chí không có tiêu chí con")
        return None
    rule = None
    if item.get("rule") is not None:
        rule = parse_rule(item["rule"], maximum, where, problem)
        if rule is None:
            return None
    none_means_full = item.get("none_means_full", False)
    if not isinstance(none_means_full, bool):
        problem(where, "«none_means_full» phải là true hoặc false")
        return None
    kinds = item.get("applies_to")
    applies_to: tuple[str, ...] = ()
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, Sequence) or not kinds:
            problem(where, "«applies_to» phải là danh sách loại đơn vị, ví dụ [phường]")
            return None
        applies_to = tuple(str(k).strip() for k in kinds)
        unknown = [k for k in applies_to if k not in UNIT_KINDS]
        if unknown:
            problem(
                where,
                f"«applies_to» có loại đơn vị không biết: {', '.join(unknown)} "
                f"(chọn trong: {', '.join(UNIT_KINDS)})",
            )
            return None
    return rule, none_means_full, applies_to


def _parse_scale(
    data: Any, maximum: Decimal, has_children: bool, where: str, problem: Any
) -> tuple[Decimal, ...] | None:
    """A leaf's allowed points: numbers from 0 to its max, each once, as the decision lists them."""
    if data is None:
        return ()
    if has_children:
        problem(where, "«scale» chỉ dùng cho tiêu chí không có tiêu chí con")
        return None
    if not isinstance(data, Sequence) or isinstance(data, str) or not data:
        problem(where, "«scale» phải là danh sách các mức điểm, ví dụ [1, 0.5, 0]")
        return None
    points: list[Decimal] = []
    for raw in data:
        value = to_decimal(raw)
        if value is None:
            problem(where, f"mức điểm «{raw}» trong «scale» không phải là số")
            return None
        if not 0 <= value <= maximum:
            problem(
                where,
                f"mức điểm {format_vn(value)} trong «scale» phải từ 0 đến {format_vn(maximum)}",
            )
            return None
        if value in points:
            problem(where, f"mức điểm {format_vn(value)} lặp lại trong «scale»")
            return None
        points.append(value)
    return tuple(points)
