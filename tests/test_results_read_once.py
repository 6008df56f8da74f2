"""results.json is read once, by ``parindex.io.results_json``; nothing else indexes it by keys.

Every module under src/parindex is scanned (its syntax tree): results data is what a
parameter named ``results`` holds, what ``json.loads`` makes of a publication's
``.results``/``.summary`` text (or of a variable named ``results``), and whatever is taken
out of those by a loop, a comprehension, ``next``/``sorted``/``list`` …, a subscript or
``.get``. Indexing results data by a string key (``results["units"]``, ``u.get("rank")``)
outside the reader is an error: take the ``PublishedRun`` the reader gives.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "parindex"
READER = Path("io/results_json.py")

RESULT_NAMES = {"results"}
RESULT_TEXTS = {"results", "summary"}  # Publication.results / Publication.summary
FLOWS_THROUGH = {"sorted", "list", "tuple", "enumerate", "reversed", "dict", "next", "iter"}
FLOWS_THROUGH |= {"filter", "zip"}


def _mentions_results_text(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Attribute) and n.attr in RESULT_TEXTS)
        or (isinstance(n, ast.Name) and n.id in RESULT_NAMES)
        for n in ast.walk(node)
    )


def _is_json_load(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("loads", "load")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "json"
    )


def _is_read_results(node: ast.AST) -> bool:
    """A call of a function that reads a results file (``_read_results(path)``, ``read_results``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )
    return name.lstrip("_") == "read_results"


def _string_key(node: ast.AST) -> str | None:
    """The key of ``x["key"]`` or ``x.get("key", …)``; None for anything else."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.ctx, ast.Load)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        return node.slice.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _receiver(node: ast.AST) -> ast.AST:
    if isinstance(node, ast.Subscript):
        return node.value
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    return node.func.value


class _Scope:
    """One function (or the module's own statements): which names hold results data."""

    def __init__(self, body: list[ast.AST], params: list[str]) -> None:
        self.nodes = [n for stmt in body for n in ast.walk(stmt)]
        self.tainted = {p for p in params if p in RESULT_NAMES}
        changed = True
        while changed:  # flow-insensitive: a name once bound to results data holds it
            changed = False
            for target, value in self._bindings():
                if self.is_results(value):
                    for name in _names(target):
                        if name not in self.tainted:
                            self.tainted.add(name)
                            changed = True

    def _bindings(self) -> list[tuple[ast.AST, ast.AST]]:
        pairs: list[tuple[ast.AST, ast.AST]] = []
        for n in self.nodes:
            if isinstance(n, ast.Assign):
                pairs.extend((t, n.value) for t in n.targets)
            elif isinstance(n, ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and n.value:
                pairs.append((n.target, n.value))
            elif isinstance(n, ast.For | ast.AsyncFor | ast.comprehension):
                pairs.append((n.target, n.iter))
        return pairs

    def is_results(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.tainted
        if _is_json_load(node):
            assert isinstance(node, ast.Call)
            return any(_mentions_results_text(a) for a in node.args)
        if _string_key(node) is not None:
            return self.is_results(_receiver(node))
        if isinstance(node, ast.Subscript):  # results["units"][0]
            return self.is_results(node.value)
        if isinstance(node, ast.BoolOp):
            return any(self.is_results(v) for v in node.values)
        if isinstance(node, ast.IfExp):
            return self.is_results(node.body) or self.is_results(node.orelse)
        if isinstance(node, ast.Starred):
            return self.is_results(node.value)
        if isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp):
            return self.is_results(node.elt)
        if _is_read_results(node):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FLOWS_THROUGH
        ):
            return any(self.is_results(a) for a in node.args)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("items", "values", "copy")
        ):
            return self.is_results(node.func.value)
        return False

    def findings(self) -> list[tuple[int, str]]:
        found = []
        for n in self.nodes:
            key = _string_key(n)
            if key is not None and self.is_results(_receiver(n)):
                found.append((getattr(n, "lineno", 0), key))
        return found


def _names(target: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def scan(source: str) -> list[tuple[int, str]]:
    """(line, key) of every results data indexed by a string key in ``source``."""
    tree = ast.parse(source)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    inside = {id(m) for f in functions for stmt in f.body for m in ast.walk(stmt)}
    found: set[tuple[int, str]] = set()
    for f in functions:
        params = [a.arg for a in [*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs]]
        found.update(_Scope(list(f.body), params).findings())
    module = [stmt for stmt in tree.body if id(stmt) not in inside]
    found.update(_Scope(list(module), []).findings())
    return sorted(found)


def _modules() -> list[Path]:
    return [
        p.relative_to(SRC)
        for p in sorted(SRC.rglob("*.py"))
        if p.relative_to(SRC) != READER and "migrations" not in p.parts
    ]


def test_nothing_outside_the_reader_indexes_results_by_string_keys():
    offenders = {}
    for path in _modules():
        found = scan((SRC / path).read_text(encoding="utf-8"))
        if found:
            offenders[str(path)] = found
    assert not offenders, (
        "read results.json with parindex.io.results_json (PublishedRun), not by keys: "
        + repr(offenders)
    )


BAD = [
    'def f(results):\n    return results["units"]\n',
    'def f(results):\n    return [u["rank"] for u in results["units"]]\n',
    "def f(results):\n    for u in sorted(results['units'], key=len):\n        print(u.get('index'))\n",
    "def f(p):\n    data = json.loads(p.summary or p.results)\n    return data['units']\n",
    "def f(p):\n    return json.loads(p.results)['period']\n",
    "def f(path):\n    data = _read_results(path)\n    return data.get('previous_period')\n",
    "def f(results, code):\n    unit = next(u for u in results['units'] if u['unit'] == code)\n"
    "    return (unit.get('previous') or {}).get('delta')\n",
]
GOOD = [
    "def f(results):\n    return results.units[0].rank\n",
    "def f(inputs):\n    return inputs['units']\n",  # the publication's inputs, not results
    "def f(p):\n    return json.loads(p.page)['keys']\n",  # a page is not results.json
    "def f(source):\n    return json.loads(source.data).get('units', [])\n",  # survey points
    "def f(row):\n    return row['unit'], row['score']\n",
    "def f(p):\n    return previous_from_dict(json.loads(p.results), p.decision)\n",
]


@pytest.mark.parametrize("source", BAD)
def test_the_scan_finds_results_read_by_keys(source):
    assert scan(source)


@pytest.mark.parametrize("source", GOOD)
def test_the_scan_leaves_other_data_alone(source):
    assert scan(source) == []


BEFORE = "1569b9c9"
"""The code before results were read once (issue 9): the scan must have found it."""


def test_the_scan_finds_the_string_keys_of_the_code_before_issue_9():
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", BEFORE, "src/parindex"],
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip("the history before issue 9 is not in this clone")
    offenders = set()
    for name in listed.stdout.split():
        path = Path(name).relative_to("src/parindex")
        if not name.endswith(".py") or path == READER:
            continue
        text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BEFORE}:{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if scan(text):
            offenders.add(str(path))
    assert {
        "core/narrative.py",
        "reports/charts.py",
        "reports/svg_charts.py",
        "reports/document.py",
        "reports/docx_report.py",
        "reports/pdf_report.py",
        "reports/xlsx_appendix.py",
        "web/results/display.py",
        "web/results/views.py",
        "web/results/actions.py",
        "web/results/scorecards.py",
    } <= offenders
