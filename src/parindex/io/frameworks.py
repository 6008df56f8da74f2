"""Frameworks from YAML files: numbers read exactly, located errors, lookup by id."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from parindex.core.framework import Framework, parse_framework
from parindex.core.problems import InputError, Problem

MAX_DEPTH = 40
"""How deep lists and mappings may nest in a YAML input (a framework has five levels)."""

MAX_ALIASES = 100
"""How many aliases (``*a``) a YAML input may use: enough for shared scales, too few for
a "billion laughs" expansion."""


class _ExactLoader(yaml.SafeLoader):
    """YAML loader that reads every float as the Decimal the file shows.

    Refuses, at their line: ``.nan`` and ``.inf`` (no score is infinite), nesting deeper
    than ``MAX_DEPTH`` and more than ``MAX_ALIASES`` aliases.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def _mark(self) -> Any:
        return self.peek_event().start_mark  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise yaml.composer.ComposerError(
                    None, None, f"dùng quá {MAX_ALIASES} bí danh (*)", self._mark()
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"lồng nhau quá {MAX_DEPTH} cấp", self._mark()
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        number = Decimal(text)
    except ArithmeticError:
        number = Decimal("NaN")
    if not number.is_finite():
        raise yaml.constructor.ConstructorError(
            None, None, f"«{text}» không phải một số hữu hạn", node.start_mark
        )
    return number


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise InputError([Problem("không tìm thấy tệp", file=str(path)[:200])]) from None
    except (OSError, ValueError):  # a name too long, a NUL byte in it
        raise InputError([Problem("không đọc được tệp", file=str(path)[:200])]) from None
    except UnicodeDecodeError:
        raise InputError([Problem("tệp YAML phải được lưu ở mã UTF-8", file=str(path))]) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, origin: str = "") -> Any:
    """YAML text (an upload, a pasted scheme) with its numbers exact; a syntax error located."""
    try:
        return yaml.load(text, Loader=_ExactLoader)
    except RecursionError:
        raise InputError([Problem("YAML không hợp lệ: lồng nhau quá sâu", file=origin)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        raise InputError(
            [
                Problem(
                    f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}",
                    where=where,
                    file=origin,
                )
            ]
        ) from None


def load_framework(path: Path | str) -> Framework:
    path = Path(path)
    return parse_framework(read_yaml(path), origin=path.name)


def framework_dirs() -> list[Path]:
    """Where frameworks are looked up by id: $PARINDEX_FRAMEWORKS, ./frameworks, the repository's."""
    dirs = []
    if os.environ.get("PARINDEX_FRAMEWORKS"):
        dirs.append(Path(os.environ["PARINDEX_FRAMEWORKS"]))
    dirs.append(Path.cwd() / "frameworks")
    dirs.append(Path(__file__).resolve().parents[3] / "frameworks")
    return dirs


def shipped_frameworks() -> dict[str, Path]:
    """Framework id → file, for every YAML file in the lookup folders (first wins)."""
    found: dict[str, Path] = {}
    for folder in framework_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            data = read_yaml(path)
            if isinstance(data, dict) and data.get("id") and str(data["id"]) not in found:
                found[str(data["id"])] = path
    return found


def resolve_framework(ref: str) -> Framework:
    """A framework by file path or by id."""
    path = Path(ref)
    try:
        is_file = path.suffix in (".yaml", ".yml") or path.exists()
    except (OSError, ValueError):  # a name too long or with a NUL byte: not a file
        is_file = False
    if is_file:
        return load_framework(path)
    known = shipped_frameworks()
    if ref in known:
        return load_framework(known[ref])
    names = ", ".join(sorted(known)) or "không có"
    shown = ref if len(ref) <= 80 else ref[:80] + "…"
    raise InputError([Problem(f"không có bộ tiêu chí mã «{shown}» (có: {names})", file=shown)])
