"""Bounded fuzzing of the rule-aware score reader and of scheme files: a table (or a
scheme), or located Vietnamese problems — never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError, Problem
from parindex.core.scheme import parse_scheme
from parindex.core.units import Unit
from parindex.io.scores import read_scores

FRAMEWORK = parse_framework(
    yaml.safe_load(
        """\
id: fuzz-rules-2026
name: Bộ tiêu chí thử có quy tắc
level: commune
year: 2026
classes: [{label: Khá, min: 70}, {label: Yếu, min: 0}]
fields:
  - code: "1"
    name: Chỉ đạo
    children:
      - {code: "1.1", name: Kế hoạch, max: 1, scale: [1, 0.5, 0]}
      - {code: "1.2", name: Tỷ lệ, max: 3, rule: {ratio: {full_at: 100}}}
      - {code: "1.3", name: Mức, max: 2, rule: {steps: [{above: 90, points: 2}, {min: 0, points: 0}]},
         none_means_full: true}
      - {code: "1.4", name: Đô thị, max: 1, applies_to: [phường]}
bonus:
  cap: 1
  items: [{code: T1, name: Thưởng, max: 2}, {code: P1, name: Trừ, min: -1}]
"""
    )
)
UNITS = [Unit("A", "An", kind="xã"), Unit("B", "Bình", kind="phường")]

CELLS = st.sampled_from(
    ["A", "B", "C", "1.1", "1.2", "1.3", "1.4", "T1", "P1", "1", "0,5", "-0,5", "35/36", "0/0",
     "5/4", "97,3%", "KPS", "không phát sinh", "KĐG", "", "x", "1e9", "=1+1", "/", "1/", "3"]
)  # fmt: skip
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=5), max_size=14)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS)
def test_a_rules_score_table_is_read_or_refused_with_located_problems(rows):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.csv"
        text = "unit,criterion,score,value\n" + "\n".join(",".join(r) for r in rows) + "\n"
        path.write_text(text, encoding="utf-8")
        try:
            table = read_scores(path, FRAMEWORK, UNITS)
        except InputError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)
        else:
            assert (table.points >= 0).all()


KEYS = st.sampled_from(["id", "name", "year", "frameworks", "blocks", "other"])
LEAVES = st.one_of(
    st.none(), st.integers(-1, 3000), st.sampled_from(["xã", "phường", "sở", "x", "f1", "f2", ""])
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["framework", "kinds", "name", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)


def _resolve(ref: str):
    if ref not in ("f1", "f2"):
        raise InputError([Problem(f"không có bộ tiêu chí mã «{ref}»")])
    return FRAMEWORK


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(VALUES, st.dictionaries(KEYS, VALUES, max_size=6)))
def test_a_scheme_is_parsed_or_refused_with_problems(data):
    try:
        scheme = parse_scheme(data, _resolve, origin="scheme.yaml")
    except InputError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
    else:
        kinds = {k for part in scheme.parts for k in part.kinds}
        assert kinds == {k for block in scheme.blocks for k in block.kinds}
