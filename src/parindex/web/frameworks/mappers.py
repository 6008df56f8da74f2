"""Framework rows ↔ the core's Framework: the stored YAML is parsed by the core, never re-read here."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from parindex.core.framework import Framework as CoreFramework
from parindex.core.framework import Node, parse_framework

if TYPE_CHECKING:
    from parindex.web.frameworks.models import Framework


@lru_cache(maxsize=32)
def _parse(yaml_text: str, origin: str) -> CoreFramework:
    from parindex.io.frameworks import parse_yaml

    return parse_framework(parse_yaml(yaml_text, origin), origin=origin)


def framework_to_core(row: Framework) -> CoreFramework:
    return _parse(row.yaml, row.code)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def criteria_rows(framework: CoreFramework) -> list[tuple[Node, Node | None, Node, int]]:
    """(node, parent, field, position) for every node in framework order."""
    rows: list[tuple[Node, Node | None, Node, int]] = []

    def walk(node: Node, parent: Node | None, top: Node) -> None:
        rows.append((node, parent, top, len(rows)))
        for child in node.children:
            walk(child, node, top)

    for top in framework.fields:
        walk(top, None, top)
    return rows
