"""The score table read by column (``io.score_columns``, the fast path of ``read_scores``)
gives what the row reader gives: the same table for a file it takes, and for any other file
it steps aside, so the row reader's located problems are the ones the user sees."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.core.units import Unit
from parindex.io import score_columns
from parindex.io.scores import read_scores
from tests.io.test_survey_responses import to_cp1258

FRAMEWORK = parse_framework(
    yaml.safe_load(
        """\
id: columns-2026
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
  - code: "2"
    name: Thủ tục hành chính
    children:
      - {code: "2.1", name: Công khai, max: 2.5}
"""
    )
)
UNITS = [Unit("A", "Tiên Châu", kind="xã"), Unit("B", "Phường Hòa Cường", kind="phường")]


def _slow(path: Path, units: list[Unit] | None, framework=FRAMEWORK):
    """The row reader alone: the column reader switched off."""
    original = score_columns.read_long_scores
    score_columns.read_long_scores = lambda *args, **kwargs: None
    try:
        return read_scores(path, framework, units)
    finally:
        score_columns.read_long_scores = original


def _outcome(read):
    try:
        table = read()
    except InputError as exc:
        return "refused", [str(p) for p in exc.problems]
    return "read", (table.units, table.points.tolist(), table.applicable.tolist())


def _write(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    """Windows-1258 as offices write it: letters and combining tone marks."""
    path = folder / "scores.csv"
    if encoding == "cp1258":
        path.write_bytes(to_cp1258(text))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def test_a_national_style_table_is_taken_by_the_columns_and_matches_the_row_reader(tmp_path):
    path = _write(
        tmp_path,
        "Mã đơn vị,Mã tiêu chí,Điểm\n"
        'A,1.1,1\nA,1.2,"2,75"\nA,2.1,KĐG\n'
        "B,1.1,0.5\nB,1.2, 3 \nB,2.1,2.5\n",
    )
    fast = score_columns.read_long_scores(path, FRAMEWORK, UNITS, None, "")
    assert fast is not None, "a plain table must not fall back to the row reader"
    assert fast.points.tolist() == [[10_000, 27_500, 0], [5_000, 30_000, 25_000]]
    assert fast.applicable.tolist() == [[True, True, False], [True, True, True]]
    assert _outcome(lambda: fast) == _outcome(lambda: _slow(path, UNITS))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_an_office_encoding_with_vietnamese_names_reads_the_same_both_ways(tmp_path, encoding):
    text = "đơn vị,tên đơn vị,tiêu chí,điểm\n" + "".join(
        f"{code},{name},{leaf},{score}\n"
        for code, name in (("A", "Xã Tiên Châu"), ("B", "Phường Hòa Cường"))
        for leaf, score in (("1.1", "1"), ("1.2", '"2,5"'), ("2.1", "0"))
    )
    path = _write(tmp_path, text, encoding)
    fast = score_columns.read_long_scores(path, FRAMEWORK, None, None, "")
    assert fast is not None
    assert [u.name for u in fast.units] == ["Xã Tiên Châu", "Phường Hòa Cường"]
    assert _outcome(lambda: fast) == _outcome(lambda: _slow(path, None))


def test_a_table_with_problems_is_left_to_the_row_reader_which_locates_them(tmp_path):
    path = _write(tmp_path, "unit,criterion,score\nA,1.1,0.7\nA,1.2,4\nA,1.2,1\nC,2.1,1\n")
    assert score_columns.read_long_scores(path, FRAMEWORK, UNITS, None, "") is None
    with pytest.raises(InputError) as caught:
        read_scores(path, FRAMEWORK, UNITS)
    messages = [str(p) for p in caught.value.problems]
    assert any("dòng 2" in m and "thang điểm" in m for m in messages)
    assert any("dòng 3" in m and "vượt điểm tối đa 3" in m for m in messages)
    assert any("dòng 4" in m and "trùng dòng" in m for m in messages)
    assert any("dòng 5" in m and "«C»" in m for m in messages)


CELLS = st.sampled_from(
    ["A", "B", "C", "1.1", "1.2", "2.1", "1", "0,5", "0.5", "0.7", "-1", "2.5", "3", "4", "KĐG",
     "KPS", "", " ", "x", "0,12345", "'=1", '"1"', "Tiên Châu", "1.1.1", " 1.2 "]
)  # fmt: skip
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=4), max_size=10)
HEADERS = st.sampled_from(["unit,criterion,score", "unit,criterion,score,name", "đơn vị;tiêu chí"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, header=HEADERS, encoding=ENCODINGS, known=st.booleans(), blank=st.booleans())
def test_whatever_the_file_the_columns_and_the_rows_agree(rows, header, encoding, known, blank):
    separator = ";" if ";" in header else ","
    lines = [separator.join(r) for r in rows]
    if blank and lines:
        lines.insert(len(lines) // 2, "")
    units = UNITS if known else None
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), header + "\n" + "\n".join(lines) + "\n", encoding)
        assert _outcome(lambda: read_scores(path, FRAMEWORK, units)) == _outcome(
            lambda: _slow(path, units)
        )


def _score_text(rng: np.random.Generator, leaf: str) -> str:
    if leaf == "1.1":  # on its scale
        return str(rng.choice(["0", '"0,5"', "1"]))
    return str(Decimal(int(rng.integers(0, 5))) / 2)


def test_every_complete_table_the_fuzzer_makes_is_also_taken_by_the_columns(tmp_path):
    """The equivalence above holds trivially if the columns always stepped aside."""
    rng = np.random.default_rng(17)
    for attempt in range(20):
        rows = [
            f"{u.code},{leaf.code},{_score_text(rng, leaf.code)}"
            for u in UNITS
            for leaf in FRAMEWORK.leaves
        ]
        rng.shuffle(rows)
        path = _write(tmp_path, "unit,criterion,score\n" + "\n".join(rows) + "\n")
        fast = score_columns.read_long_scores(path, FRAMEWORK, UNITS, None, "")
        assert fast is not None, f"attempt {attempt}"
        assert _outcome(lambda: fast) == _outcome(lambda: _slow(path, UNITS))  # noqa: B023


RICH = parse_framework(
    yaml.safe_load(
        """\
id: columns-rich-2026
name: Bộ tiêu chí thử có quy tắc, điểm thưởng và tiêu chí theo loại đơn vị
level: commune
year: 2026
classes: [{label: Khá, min: 70}, {label: Yếu, min: 0}]
fields:
  - code: "1"
    name: Chỉ đạo
    children:
      - {code: "1.1", name: Kế hoạch, max: 1, scale: [1, 0.5, 0]}
      - code: "1.2"
        name: Thực hiện kế hoạch
        max: 2
        rule: {steps: [{above: 90, points: 2}, {min: 70, points: 1}, {min: 0, points: 0}]}
  - code: "2"
    name: Chuyển đổi số
    children:
      - {code: "2.1", name: Công khai, max: 2.5}
      - {code: "2.2", name: Quản lý đô thị, max: 1, applies_to: [phường]}
bonus:
  name: Điểm thưởng, điểm trừ
  cap: 2
  penalty_cap: 2
  items:
    - {code: T1, name: Sáng kiến, max: 1}
"""
    )
)
RICH_CELLS = st.sampled_from(
    ["1", "0,5", "0", "2", "2.5", "3", "KĐG", "KPS", "", "x", "97,3", "35/36", "120", "-1"]
)
RICH_ROW = st.tuples(
    st.sampled_from(["A", "B", "C"]),
    st.sampled_from(["1.1", "1.2", "2.1", "2.2", "T1", "9"]),
    RICH_CELLS,
    RICH_CELLS,
)


def _rich_table(rows) -> str:
    return "đơn vị,tiêu chí,điểm,giá trị\n" + "".join(
        f'{u},{c},"{s}","{v}"\n' for u, c, s, v in rows
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(RICH_ROW, max_size=14))
def test_rule_leaves_bonus_items_and_kinds_read_the_same_both_ways(rows):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), _rich_table(rows))
        fast = _outcome(lambda: read_scores(path, RICH, UNITS))
        assert fast == _outcome(lambda: _slow(path, UNITS, RICH))


def test_a_complete_table_with_rules_bonus_and_kinds_takes_the_columns(tmp_path):
    rows = [
        ("A", "1.1", "1", ""), ("A", "1.2", "", "97,3"), ("A", "2.1", "2.5", ""),
        ("A", "2.2", "KĐG", ""), ("A", "T1", "0,5", ""),
        ("B", "1.1", "0,5", ""), ("B", "1.2", "", "75"), ("B", "2.1", "1", ""),
        ("B", "2.2", "1", ""), ("B", "T1", "", ""),
    ]  # fmt: skip
    path = _write(tmp_path, _rich_table(rows))
    fast = score_columns.read_long_scores(path, RICH, UNITS, None, "")
    assert fast is not None, "the rule, bonus and kind rows go through the loop, not the file"
    assert fast.points.tolist()[0] == [10_000, 20_000, 25_000, 0]
    assert fast.adjustments.tolist() == [[5_000], [0]]
    assert fast.measures[(0, 1)] == "97,3"
    slow = _slow(path, UNITS, RICH)
    assert (fast.points == slow.points).all() and (fast.applicable == slow.applicable).all()
    assert fast.measures == slow.measures and (fast.adjustments == slow.adjustments).all()


@pytest.mark.parametrize(
    "framework_id, kinds",
    [
        ("lamson-commune-2025", ("xã", "phường", "đặc khu")),
        ("lamson-department-2025", ("sở", "ban")),
    ],
)
def test_the_demo_2025_tables_take_the_columns_and_match_the_row_reader(
    tmp_path, framework_id, kinds
):
    """The 2025 frameworks have rules, KPS, a bonus section and leaves for some kinds only:
    the shapes a real province's table has."""
    from parindex.demo import write_demo
    from parindex.io.frameworks import resolve_framework
    from parindex.io.units import read_units

    write_demo(tmp_path)
    units = [u for u in read_units(tmp_path / "scheme" / "units-2025.csv") if u.kind in kinds]
    codes = {u.code for u in units}
    lines = (tmp_path / "scheme" / "scores-2025.csv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines[1:] if line.split(",")[0] in codes]
    path = _write(tmp_path, lines[0] + "\n" + "\n".join(rows) + "\n")
    framework = resolve_framework(framework_id)
    fast = score_columns.read_long_scores(path, framework, units, None, "")
    assert fast is not None, "a real province's table is read by column"
    slow = _slow(path, units, framework)
    assert (fast.points == slow.points).all() and (fast.applicable == slow.applicable).all()
    assert fast.measures == slow.measures and (fast.adjustments == slow.adjustments).all()
