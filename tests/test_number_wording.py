"""Number wording lives in ``core/numbers.py`` only: no other module formats a number by hand.

Scans every module under ``src/parindex`` (the AST, so a numpy slice ``a[:, 1]`` is not a
format spec) and every template for the ways a number gets worded by hand:

- a format spec: ``f"{x:.2f}"``, ``f"{n:02d}"``, ``f"{n:,}"``, ``"{:.1f}".format(x)``,
  ``format(x, ".2f")``, ``"%.2f" % x``;
- swapping separators: ``.replace(".", ",")``, ``.replace(",", ".")``;
- rounding by hand: ``round(x, 2)``, ``str(round(x))``, ``ROUND_HALF_UP`` / ``ROUND_HALF_EVEN``
  outside the one half-up rounding (``numbers.round_half_up``);
- a bare number before its unit: ``f"{len(units)} đơn vị"``, ``f"{change} bậc"`` (print it
  with ``format_count``/``format_points``…);
- Django's ``floatformat``, ``intcomma``, ``stringformat`` filters in templates, and a count
  printed raw (``{{ rows|length }}``: use ``|dem``; points use ``|diem``).

Each offender is listed as ``file:line: what — use instead``. ``ALLOWED`` names the few
machine formats that are not wording, each with the reason.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "parindex"
HOME = "core/numbers.py"

# a format spec that words a number (width/fill/sign/grouping/precision/type)
NUMBER_SPEC = re.compile(r"^[^{}]?[<>^=]?[+\- ]?#?0?\d*[,_]?(\.\d+)?[bdeEfFgGn%xXo]?$")
PERCENT_FORMAT = re.compile(r"%[-+ #0]*\d*(\.\d+)?[dieEfFgGu]")
BRACE_SPEC = re.compile(r"\{[^{}:]*:[^{}]+\}")
UNIT_WORDS = (
    "điểm",
    "bậc",
    "đơn vị",
    "lĩnh vực",
    "tiêu chí",
    "phiếu",
    "câu trả lời",
    "tệp",
    "xã",
    "người",
    "MB",
    "KB",
    "%",
)
RAW_NUMBER_CALLS = {"len", "int", "sum", "abs", "max", "min", "round", "float", "Decimal"}
TEMPLATE_FILTERS = re.compile(
    r"\|\s*(floatformat|intcomma|intword|stringformat)\b|\|(length)\s*\}\}"
)


@dataclass(frozen=True)
class Allowed:
    """A machine format that is not number wording, by file and the offending source text."""

    path: str
    source: str  # a regex the offending expression's source must match
    reason: str


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        "reports/svg_charts.py",
        r"^\{.*:\.1f\}$",
        "SVG geometry (x=, y=, width=, path d=) is read by the browser, which wants a decimal"
        " point; it is never shown as text",
    ),
)


@dataclass(frozen=True)
class Offender:
    path: str
    line: int
    what: str
    source: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} — {self.source}"


def _segment(text: str, node: ast.AST) -> str:
    return (ast.get_source_segment(text, node) or "").strip()


def _is_raw_number(node: ast.expr) -> bool:
    if isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.BinOp | ast.Constant):
        return not (isinstance(node, ast.Constant) and isinstance(node.value, str))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in RAW_NUMBER_CALLS
    return False


NUMBER_NAMES = re.compile(r"(^|_)(rank|of|n|count|total|size|index|score|points|percent)$")


def _names_a_number(node: ast.expr) -> bool:
    """A raw number by its look: len(…), arithmetic, or a name such as ``rank`` or ``total``."""
    if isinstance(node, ast.Call | ast.BinOp | ast.Constant):
        return _is_raw_number(node)
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return bool(NUMBER_NAMES.search(name))


def _starts_with_unit(text: str) -> bool:
    stripped = text.lstrip(" \u00a0")
    if text.startswith("%"):
        return True
    if stripped == text:  # "{n}đơn vị" is not a number before its unit
        return False
    return any(stripped.startswith(word) and word != "%" for word in UNIT_WORDS)


def _scan_fstring(relative: str, text: str, node: ast.JoinedStr) -> list[Offender]:
    """Format specs and bare numbers before a unit word in one f-string.

    Python 3.11 gives the parts of an f-string the position of the whole string, so the
    line of each part is found by searching the string's source from the previous part on.
    """
    found: list[Offender] = []
    segment = ast.get_source_segment(text, node) or ""
    cursor = 0

    def line_of(needle: str) -> int:
        nonlocal cursor
        at = segment.find(needle, cursor)
        if at < 0:
            return node.lineno
        cursor = at + len(needle)
        return node.lineno + segment.count("\n", 0, at)

    values = node.values
    for position, value in enumerate(values):
        if not isinstance(value, ast.FormattedValue):
            continue
        expression = ast.unparse(value.value)
        spec = value.format_spec
        if spec is not None:
            spec_text = "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant))
            alignment_only = re.fullmatch(r"([^{}]?[<>^=])?\d*", spec_text) is not None
            if not spec_text or not NUMBER_SPEC.match(spec_text):
                pass
            elif not alignment_only or _names_a_number(value.value):
                # a width alone pads text; on a count or a rank it prints the raw number
                line = line_of(":" + spec_text + "}")
                found.append(
                    Offender(
                        relative,
                        line,
                        f"format spec «:{spec_text}»",
                        f"{{{expression}:{spec_text}}}",
                    )
                )
            continue
        following = values[position + 1] if position + 1 < len(values) else None
        if (
            value.conversion == -1
            and _is_raw_number(value.value)
            and isinstance(following, ast.Constant)
            and isinstance(following.value, str)
            and _starts_with_unit(following.value)
        ):
            unit = following.value.strip()[:12]
            line = line_of("}" + following.value[:8])
            found.append(
                Offender(
                    relative,
                    line,
                    f"a bare number before «{unit}»",
                    f"{{{expression}}}{following.value[:12]}",
                )
            )
    return found


def scan_python(relative: str, text: str) -> list[Offender]:
    tree = ast.parse(text)
    found: list[Offender] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(Offender(relative, getattr(node, "lineno", 0), what, _segment(text, node)))

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found += _scan_fstring(relative, text, node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = node.left
            if (
                isinstance(left, ast.Constant)
                and isinstance(left.value, str)
                and PERCENT_FORMAT.search(left.value)
            ):
                report(node, "printf-style number format")
        elif isinstance(node, ast.Call):
            func = node.func
            args = node.args
            if isinstance(func, ast.Attribute) and func.attr == "replace" and len(args) == 2:
                pair = [a.value if isinstance(a, ast.Constant) else None for a in args]
                if pair in ([".", ","], [",", "."]):
                    report(node, "separators swapped by hand")
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "format"
                and isinstance(func.value, ast.Constant)
                and isinstance(func.value.value, str)
                and any(
                    NUMBER_SPEC.match(m.group(0).split(":", 1)[1][:-1])
                    for m in BRACE_SPEC.finditer(func.value.value)
                )
            ):
                report(node, "str.format with a number spec")
            if isinstance(func, ast.Name) and func.id == "format" and len(args) == 2:
                report(node, "format() with a spec")
            if isinstance(func, ast.Name) and func.id == "round" and len(args) == 2:
                report(node, "round(x, n): binary, banker's rounding")
            if (
                isinstance(func, ast.Name)
                and func.id == "str"
                and args
                and isinstance(args[0], ast.Call)
                and isinstance(args[0].func, ast.Name)
                and args[0].func.id == "round"
            ):
                report(node, "str(round(…))")
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in {"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN"}:
                report(node, f"rounding by hand ({name})")
    return found


def scan_template(relative: str, text: str) -> list[Offender]:
    return [
        Offender(
            relative,
            text.count("\n", 0, m.start()) + 1,
            f"template filter «{m.group(1)}»" if m.group(1) else "a count printed raw (add |dem)",
            m.group(0),
        )
        for m in TEMPLATE_FILTERS.finditer(text)
    ]


def _allowed(offender: Offender) -> bool:
    return any(offender.path == a.path and re.search(a.source, offender.source) for a in ALLOWED)


def offenders() -> list[Offender]:
    found: list[Offender] = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative == HOME or "/migrations/" in relative:
            continue
        found += scan_python(relative, path.read_text(encoding="utf-8"))
    for path in sorted(SRC.rglob("templates/**/*.html")):
        found += scan_template(path.relative_to(SRC).as_posix(), path.read_text(encoding="utf-8"))
    return [o for o in found if not _allowed(o)]


def test_no_module_but_core_numbers_words_a_number():
    found = offenders()
    assert not found, "number wording outside core/numbers.py:\n" + "\n".join(map(str, found))


def test_the_scan_finds_each_way_of_wording_a_number_by_hand():
    sample = """
a = f"{x:.2f}"
b = f"{n:02d}"
c = f"{n:,}"
d = "{:.1f}".format(x)
e = format(x, ".2f")
f = "%.2f" % x
g = str(x).replace(".", ",")
h = round(x, 2)
i = str(round(x))
j = f"{len(units)} đơn vị"
k = f"{change} bậc"
m = x.quantize(q, rounding=ROUND_HALF_UP)
"""
    lines = sorted({o.line for o in scan_python("sample.py", sample)})
    assert lines == list(range(2, 14))


def test_the_scan_leaves_alone_what_is_not_a_number():
    sample = """
a = table[:, 1]
b = f"{name} đơn vị"  # not a raw number? a name is flagged only before a unit word
c = f"{format_count(n)} đơn vị"
d = datetime.strptime(text, "%d/%m/%Y")
e = f"{unit!r}"
g = f"{label:>{width}}"
"""
    found = scan_python("sample.py", sample)
    assert [o.line for o in found] == [3]


def test_templates_are_scanned():
    assert [
        o.line for o in scan_template("t.html", "<p>\n{{ x|floatformat:2 }} {{ n|intcomma }}</p>")
    ] == [2, 2]
