"""Frameworks from YAML files: numbers read exactly, located errors, lookup by id."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from parindex.core.framework import Framework, parse_framework
from parindex.core.problems import InputError, Problem


class _ExactLoader(yaml.SafeLoader):
    """YAML loader that reads every float as the Decimal the file shows."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem("không tìm thấy tệp", file=str(path))]) from None
    except UnicodeDecodeError:
        raise InputError([Problem("tệp YAML phải được lưu ở mã UTF-8", file=str(path))]) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, origin: str = "") -> Any:
    """YAML text (an upload, a pasted scheme) with its numbers exact; a syntax error located."""
    try:
        return yaml.load(text, Loader=_ExactLoader)
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
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_framework(path)
    known = shipped_frameworks()
    if ref in known:
        return load_framework(known[ref])
    names = ", ".join(sorted(known)) or "không có"
    raise InputError([Problem(f"không có bộ tiêu chí mã «{ref}» (có: {names})", file=ref)])
