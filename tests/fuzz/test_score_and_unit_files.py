"""Bounded fuzzing of the score and unit importers: whatever the bytes, either a table is read
or every problem is reported as located Vietnamese InputError — never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.io.scores import read_scores
from parindex.io.units import read_units

FRAMEWORK = parse_framework(
    yaml.safe_load(
        """\
id: fuzz-2026
name: Bộ tiêu chí thử
level: commune
year: 2026
classes: [{label: Khá, min: 70}, {label: Yếu, min: 0}]
fields:
  - code: "1"
    name: Chỉ đạo
    children:
      - {code: "1.1", name: Kế hoạch, max: 1, scale: [1, 0.5, 0]}
      - {code: "1.2", name: Báo cáo, max: 3}
"""
    )
)

CELLS = st.sampled_from(
    ["A", "B", "1.1", "1.2", "9.9", "0,5", "0.7", "-1", "3", "4", "KĐG", "N/A", "", "x", "1e9",
     "0,12345", "=1+1", '"', "Tiên Châu", "\ufeff", "1.1.1"]
)  # fmt: skip
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=5), max_size=12)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"])


def _write(rows: list[list[str]], header: str, encoding: str, folder: Path) -> Path:
    text = header + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    path = folder / "scores.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, encoding=ENCODINGS)
def test_a_score_table_is_read_or_refused_with_located_problems(rows, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(rows, "unit,criterion,score", encoding, Path(tmp))
        try:
            read_scores(path, FRAMEWORK)
        except InputError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_scores_never_crash(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.csv"
        path.write_bytes(data)
        try:
            read_scores(path, FRAMEWORK)
        except InputError as exc:
            assert exc.problems


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, encoding=ENCODINGS)
def test_a_units_table_is_read_or_refused_with_located_problems(rows, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(rows, "code,name,kind,parent,predecessors", encoding, Path(tmp))
        path = path.rename(path.with_name("units.csv"))
        try:
            read_units(path)
        except InputError as exc:
            assert exc.problems
