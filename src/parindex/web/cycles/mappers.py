"""A round's cycle ↔ the core's scheme: the blocks a cycle stores, and the part of the scheme it
scores (its framework and its blocks), so that ``Scheme.assign`` puts each unit in its block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from parindex.core.framework import Framework
from parindex.core.scheme import Block, Scheme, SchemePart


def blocks_json(scheme: Scheme, part: SchemePart) -> list[dict[str, Any]]:
    """The blocks of one framework of the scheme as ``Cycle.blocks`` keeps them: a list in the
    scheme's order, each with its place among all the scheme's blocks (the round's page lists
    every block of every framework in that order)."""
    position = {b.name: i for i, b in enumerate(scheme.blocks)}
    return [
        {"name": b.name, "kinds": list(b.kinds), "position": position[b.name]}
        for b in scheme.blocks_of(part)
    ]


def blocks_from_json(data: Sequence[Mapping[str, Any]]) -> tuple[Block, ...]:
    return tuple(Block(str(b["name"]), tuple(str(k) for k in b["kinds"])) for b in data)


def part_scheme(framework: Framework, blocks: Sequence[Block], period: str = "") -> Scheme:
    """The scheme of one cycle of a round: its framework scoring its blocks' kinds. Its
    ``assign`` is the core's rule that sets each unit's block (and names the units of a kind
    in no block)."""
    kinds = tuple(k for b in blocks for k in b.kinds)
    return Scheme(
        id=framework.id,
        name=framework.name,
        year=int(period) if period.isdigit() else framework.year,
        parts=(SchemePart(framework, kinds),),
        blocks=tuple(blocks),
    )
