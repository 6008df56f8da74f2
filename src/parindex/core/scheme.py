"""A scheme: several frameworks scored as one round, ranked in blocks.

Since 1 July 2025 a province scores its departments (sở, ban, ngành) and its communes in
one yearly round with a framework per kind, and ranks them in blocks ("khối sở, ban,
ngành", "khối phường", "khối xã, đặc khu" — Hải Phòng 2025). A scheme says which framework
scores which unit kinds and which kinds rank together. Every unit belongs to exactly one
framework and one block, and a block never spans two frameworks: no figure mixes them.

>>> from parindex.core.framework import parse_framework
>>> def fw(id):
...     return parse_framework({"id": id, "name": id, "level": "commune", "year": 2025,
...         "classes": [{"label": "Khá", "min": 0}], "fields": [{"code": "1", "name": "A", "max": 10}]})
>>> scheme = parse_scheme({"id": "hp", "name": "Chỉ số CCHC", "year": 2025,
...     "frameworks": [{"framework": "so", "kinds": ["sở"]}, {"framework": "xa", "kinds": ["phường", "xã", "đặc khu"]}],
...     "blocks": [{"name": "Khối sở", "kinds": ["sở"]}, {"name": "Khối phường", "kinds": ["phường"]},
...                {"name": "Khối xã, đặc khu", "kinds": ["xã", "đặc khu"]}]}, fw)
>>> scheme.block_for("đặc khu"), scheme.framework_for("đặc khu").id
('Khối xã, đặc khu', 'xa')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.units import UNIT_KINDS, Unit

SCHEME_KEYS = {"id", "name", "year", "frameworks", "blocks", "notes"}


@dataclass(frozen=True)
class SchemePart:
    """One framework of the scheme and the unit kinds it scores."""

    framework: Framework
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A ranking block: its name as published and the unit kinds ranked in it."""

    name: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    year: int
    parts: tuple[SchemePart, ...]
    blocks: tuple[Block, ...]

    def part_for(self, kind: str) -> SchemePart | None:
        return next((p for p in self.parts if kind in p.kinds), None)

    def framework_for(self, kind: str) -> Framework | None:
        part = self.part_for(kind)
        return part.framework if part else None

    def block_for(self, kind: str) -> str | None:
        return next((b.name for b in self.blocks if kind in b.kinds), None)

    def blocks_of(self, part: SchemePart) -> tuple[Block, ...]:
        """The blocks a framework's units are ranked in, in the scheme's order."""
        return tuple(b for b in self.blocks if set(b.kinds) <= set(part.kinds))

    def assign(self, units: Sequence[Unit], origin: str = "") -> dict[str, list[Unit]]:
        """Framework id → its units in block order, each unit's ``block`` set; every unit
        without a framework or a block is a problem naming it (all at once)."""
        problems = []
        by_part: dict[str, list[Unit]] = {p.framework.id: [] for p in self.parts}
        order = {b.name: i for i, b in enumerate(self.blocks)}
        for unit in units:
            part, block = self.part_for(unit.kind), self.block_for(unit.kind)
            if part is None or block is None:
                kind = f"loại «{unit.kind}»" if unit.kind else "chưa có loại đơn vị"
                problems.append(
                    Problem(
                        f"đơn vị {kind} không thuộc bộ tiêu chí và khối nào của «{self.id}» "
                        f"(các loại của phương án: {', '.join(k for p in self.parts for k in p.kinds)})",
                        file=origin,
                        unit=unit.code,
                    )
                )
                continue
            by_part[part.framework.id].append(_with_block(unit, block))
        if problems:
            raise InputError(problems)
        for members in by_part.values():
            members.sort(key=lambda u: order[u.block])
        return by_part


def _with_block(unit: Unit, block: str) -> Unit:
    return replace(unit, block=block)


def parse_scheme(data: Any, resolve: Callable[[str], Framework], origin: str = "") -> Scheme:
    """Validate a scheme mapping; ``resolve`` turns a framework reference (id or file) into a
    framework and raises InputError if it cannot. Every problem at once."""
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=where, file=origin))

    if not isinstance(data, Mapping):
        raise InputError(
            [
                Problem(
                    "tệp không chứa một phương án (cần id, name, frameworks, blocks)", file=origin
                )
            ]
        )
    for key in sorted(set(map(str, data)) - SCHEME_KEYS):
        problem(key, f"khóa không được hỗ trợ «{key}»")
    for key in ("id", "name"):
        if not str(data.get(key) or "").strip():
            problem(key, f"thiếu «{key}»")
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        problem("year", f"năm «{year}» không phải số nguyên")
        year = 0
    parts = _parts(data.get("frameworks"), resolve, problem, problems)
    blocks = _blocks(data.get("blocks"), problem)
    if parts and blocks:
        _check_blocks(parts, blocks, problem)
    if problems:
        raise InputError(problems)
    return Scheme(
        id=str(data["id"]).strip(),
        name=str(data["name"]).strip(),
        year=year,
        parts=tuple(parts),
        blocks=tuple(blocks),
    )


def _kinds(raw: Any, where: str, problem: Callable[[str, str], None]) -> tuple[str, ...] | None:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, Sequence) or not raw:
        problem(where, "«kinds» phải là danh sách loại đơn vị, ví dụ [xã, đặc khu]")
        return None
    kinds = tuple(str(k).strip() for k in raw)
    unknown = [k for k in kinds if k not in UNIT_KINDS]
    if unknown:
        problem(
            where,
            f"loại đơn vị không biết: {', '.join(unknown)} (chọn trong: {', '.join(UNIT_KINDS)})",
        )
        return None
    return kinds


def _parts(
    raw: Any,
    resolve: Callable[[str], Framework],
    problem: Callable[[str, str], None],
    problems: list[Problem],
) -> list[SchemePart]:
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        problem("frameworks", "cần danh sách «frameworks»: [{framework: …, kinds: […]}, …]")
        return []
    parts: list[SchemePart] = []
    owner: dict[str, str] = {}
    for n, item in enumerate(raw, start=1):
        where = f"frameworks[{n}]"
        if not isinstance(item, Mapping) or not item.get("framework"):
            problem(where, "mỗi mục cần «framework» (mã hoặc tệp YAML) và «kinds»")
            continue
        kinds = _kinds(item.get("kinds"), where, problem)
        try:
            framework = resolve(str(item["framework"]))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if kinds is None:
            continue
        if any(p.framework.id == framework.id for p in parts):
            problem(where, f"bộ tiêu chí «{framework.id}» khai báo hai lần")
            continue
        for kind in kinds:
            if kind in owner:
                problem(where, f"loại «{kind}» đã được chấm bằng bộ tiêu chí «{owner[kind]}»")
            owner[kind] = framework.id
        parts.append(SchemePart(framework, kinds))
    return parts


def _blocks(raw: Any, problem: Callable[[str, str], None]) -> list[Block]:
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        problem("blocks", "cần danh sách «blocks»: [{name: …, kinds: […]}, …]")
        return []
    blocks: list[Block] = []
    owner: dict[str, str] = {}
    for n, item in enumerate(raw, start=1):
        where = f"blocks[{n}]"
        name = str(item.get("name") or "").strip() if isinstance(item, Mapping) else ""
        if not name:
            problem(where, "mỗi khối cần «name» và «kinds»")
            continue
        kinds = _kinds(item.get("kinds"), f"khối «{name}»", problem)
        if kinds is None:
            continue
        if any(b.name == name for b in blocks):
            problem(where, f"khối «{name}» khai báo hai lần")
        for kind in kinds:
            if kind in owner:
                problem(f"khối «{name}»", f"loại «{kind}» đã thuộc khối «{owner[kind]}»")
            owner[kind] = name
        blocks.append(Block(name, kinds))
    return blocks


def _check_blocks(
    parts: Sequence[SchemePart], blocks: Sequence[Block], problem: Callable[[str, str], None]
) -> None:
    """Every framework kind is in a block; a block never spans two frameworks."""
    in_block = {k for b in blocks for k in b.kinds}
    for part in parts:
        loose = [k for k in part.kinds if k not in in_block]
        if loose:
            problem(
                "blocks",
                f"loại {', '.join(loose)} (bộ tiêu chí «{part.framework.id}») chưa thuộc khối nào",
            )
    owner = {k: p.framework.id for p in parts for k in p.kinds}
    for block in blocks:
        frameworks = sorted({owner[k] for k in block.kinds if k in owner})
        unscored = [k for k in block.kinds if k not in owner]
        if unscored:
            problem(f"khối «{block.name}»", f"loại {', '.join(unscored)} không có bộ tiêu chí chấm")
        if len(frameworks) > 1:
            problem(
                f"khối «{block.name}»",
                f"một khối không được gộp đơn vị chấm bằng hai bộ tiêu chí ({', '.join(frameworks)})",
            )
