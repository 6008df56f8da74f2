"""Scheme files (several frameworks, blocks) and the results of a scheme run.

A scheme run writes one folder per framework — ``<framework id>/results.json``,
``results.xlsx``, ``report.md``, each an ordinary run ranked in the scheme's blocks — and, at
the top, ``results.json`` in the format ``parindex.scheme/1``: the scheme, its parts (where
each framework's results are) and ``blocks``: block name → the framework it is scored
with, its summary and its units in rank order. No figure in it mixes two frameworks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.scheme import Scheme, parse_scheme
from parindex.core.scoring import PreviousRun, RunResult

SCHEME_FORMAT = "parindex.scheme/1"


def load_scheme(path: Path | str) -> Scheme:
    """A scheme YAML file; a framework is named by id or by a YAML file relative to it."""
    from parindex.io.frameworks import read_yaml, resolve_framework

    path = Path(path)

    def resolve(ref: str) -> Framework:
        candidate = path.parent / ref
        if Path(ref).suffix in (".yaml", ".yml") and candidate.exists():
            return resolve_framework(str(candidate))
        return resolve_framework(ref)

    return parse_scheme(read_yaml(path), resolve, origin=path.name)


def parse_scheme_text(
    text: str, resolve: Callable[[str], Framework], origin: str = "phương án"
) -> Scheme:
    """A scheme as YAML text (uploaded or pasted on the web); ``resolve`` finds its frameworks."""
    from parindex.io.frameworks import parse_yaml

    return parse_scheme(parse_yaml(text, origin), resolve, origin=origin)


def scheme_dict(scheme: Scheme, runs: Sequence[RunResult]) -> dict[str, Any]:
    """The top-level results.json of a scheme run."""
    from parindex.io.results_json import num

    blocks: dict[str, Any] = {}
    for run in runs:
        for group in run.blocks:
            members = [r for r in run.units if r.block == group.label]
            blocks[str(group.label)] = {
                "framework": run.framework.id,
                "of": group.of,
                "average": num(group.average),
                "classes": {label: list(codes) for label, codes in group.classes},
                "units": [
                    {
                        "unit": r.unit.code,
                        "display_name": r.unit.display_name,
                        "index": num(r.index),
                        "rank": r.rank,
                        "class": r.class_label,
                    }
                    for r in members
                ],
            }
    ordered = {b.name: blocks[b.name] for b in scheme.blocks if b.name in blocks}
    return {
        "format": SCHEME_FORMAT,
        "scheme": {"id": scheme.id, "name": scheme.name, "year": scheme.year},
        "period": runs[0].period if runs else str(scheme.year),
        "parts": [
            {
                "framework": run.framework.id,
                "family": run.framework.family,
                "name": run.framework.name,
                "kinds": list(
                    next(p.kinds for p in scheme.parts if p.framework.id == run.framework.id)
                ),
                "results": f"{run.framework.id}/results.json",
            }
            for run in runs
        ],
        "blocks": ordered,
    }


def is_scheme_results(path: Path | str) -> bool:
    """Whether a results.json is a scheme run's top-level file."""
    try:
        head = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(head, dict) and head.get("format") == SCHEME_FORMAT


def part_files(path: Path | str) -> list[tuple[str, str, Path]]:
    """(framework id, family, results.json path) of every part of a scheme run."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        parts = [
            (
                str(p["framework"]),
                str(p.get("family") or p["framework"]),
                path.parent / str(p["results"]),
            )
            for p in content["parts"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(
            [Problem("tệp kết quả của phương án không đọc được (thiếu «parts»)", file=path.name)]
        ) from None
    return parts


def previous_runs(path: Path | str) -> list[PreviousRun]:
    """The previous period's runs: every part of a scheme run, or one ordinary results.json."""
    from parindex.io.results_json import read_previous

    if not is_scheme_results(path):
        return [read_previous(path)]
    runs: list[PreviousRun] = []
    problems: list[Problem] = []
    for _, _, part in part_files(path):
        try:
            runs.append(read_previous(part))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return runs
