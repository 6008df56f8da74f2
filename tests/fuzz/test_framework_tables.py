"""Bounded fuzzing of the framework table reader: whatever the cells, either a framework that
``parse_framework`` accepts or every problem located (file and row or cell) as an InputError —
never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.io.framework_table import framework_from_rows, read_framework_table

META = {"id": "fuzz-2026", "name": "Bộ tiêu chí thử", "level": "commune", "year": 2026}
FILE = "phu-luc.xlsx"

HEADERS = st.sampled_from(
    [
        [["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điều tra XHH", "Cấp"]],
        [
            ["STT", "Nội dung", "Điểm tối đa", "Điểm đánh giá", None],
            [None, None, None, "Điều tra XHH", "Tự đánh giá"],
        ],
        [["PHỤ LỤC"], [], ["code", "name", "max", "source", "level"], ["(1)", "(2)", "(3)"]],
        [["Mã", "Tên", "Thang điểm", "Cách chấm điểm", "Tài liệu kiểm chứng"]],
        [["TT", "Nội dung", "Điểm", "Ghi chú", "Nguồn"]],
        [["STT", "Tên", "Ghi chú"]],
        [],
    ]
)
CODES = st.sampled_from(
    [None, "", "1", "1.1", "1.1.1", "1.2", "2", "2.1", "3.1", "01", "I", "II", "I.", "a)", "b",
     "iv", "Tiêu chí 1", "Chỉ tiêu 2", "Lĩnh vực II", "1.", "(2)", "-", "+", "??", "1/2", "A",
     "Tổng cộng", 1, 2, 1.1, 1.2, 0.1 + 0.2, True, -1, "²", "٣", "1" * 60]
)  # fmt: skip
NAMES = st.sampled_from(
    [None, "", "Kế hoạch", "Ban hành kịp thời: 1", "Không ban hành: 0", "Chậm 0,5 điểm",
     "bị trừ 0,25 điểm", "Tiêu chí 2: Báo cáo", "1. Mục", "a) mục", "II. LĨNH VỰC", "TỔNG CỘNG",
     "Điều tra xã hội học", "Lĩnh vực/Tiêu chí", "STT", "Điểm tối đa", "1 điểm: đúng hạn",
     "(1)", "Dưới 70%: 0", "x" * 300, 5, "  \n "]
)  # fmt: skip
MAXES = st.sampled_from(
    [None, 0, 1, 2, 3, 0.5, "0,5", "1,5", "2 điểm", "-1", "tám", 10, 100, float("nan"),
     float("inf"), 1e308, 1e-9, "", "1e9", 12.870000000000001]
)  # fmt: skip
MARKS = st.sampled_from([None, "x", 1, "", "tự đánh giá", "survey", "phỏng vấn", 0])
LEVELS = st.sampled_from([None, None, 1, 2, 3, 0, 10, "Tiêu chí", "x", 1.5, "2"])
ROWS = st.lists(
    st.tuples(CODES, NAMES, MAXES, MARKS, LEVELS).map(list)
    | st.lists(st.one_of(CODES, NAMES, MAXES), max_size=6),
    max_size=14,
)


ROMANS = ("I", "II", "III")
LINES = st.sampled_from(
    ["Đạt: {p}", "Chậm {p} điểm", "({p} điểm)", "{p} điểm: đúng hạn", "Không có: {p}",
     "bị trừ {p} điểm", "Tỷ lệ % × điểm tối đa", "Dưới 70% kế hoạch: {p}"]
)  # fmt: skip
POINTS = st.sampled_from(["1", "0,5", "2", "0", "1,25"])


@st.composite
def plausible(draw: st.DrawFn) -> list[list[object]]:
    """A table as an office would type it, in one of the numberings, mostly adding up."""
    scheme = draw(st.sampled_from(["dotted", "roman", "worded", "level"]))
    rows: list[list[object]] = []
    number = 0
    for f in range(1, draw(st.integers(1, 3)) + 1):
        field_code = {"dotted": str(f), "roman": ROMANS[f - 1], "worded": f"Tiêu chí {f}"}
        field_row: list[object] = [field_code.get(scheme), f"Lĩnh vực {f}", None, None, 1]
        rows.append(field_row)
        total = 0.0
        for c in range(1, draw(st.integers(0, 3)) + 1):
            number += 1
            code = {"dotted": f"{f}.{c}", "roman": number, "worded": f"{c}."}.get(scheme)
            leaf_max = draw(st.sampled_from([1, 2, 0.5, 3]))
            rows.append([code, f"Tiêu chí {f}.{c}", leaf_max, draw(MARKS), 2])
            total += leaf_max
            for _ in range(draw(st.integers(0, 3))):
                text = draw(LINES).replace("{p}", draw(POINTS))
                rows.append([draw(st.sampled_from([None, "-", "+"])), text, None, None, None])
        if not total:
            field_row[2] = draw(st.sampled_from([1, 5]))
        elif draw(st.booleans()):
            field_row[2] = total + draw(st.sampled_from([0, 0, 0, 1]))
    if draw(st.booleans()):
        rows.append([None, "Tổng cộng", draw(st.sampled_from([None, 100, 5])), None, None])
    return rows


PLAUSIBLE_HEADER = [["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điều tra XHH"]]
LEVEL_HEADER = [[*PLAUSIBLE_HEADER[0], "Cấp"]]


def _outcome(header: list[list[object]], rows: list[list[object]]) -> None:
    try:
        data = framework_from_rows([*header, *rows], file=FILE, **META)  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == FILE and problem.where and problem.message, problem
    else:
        framework = parse_framework(data)
        assert framework.leaves


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=HEADERS, rows=ROWS)
def test_a_framework_table_is_read_or_refused_with_located_problems(header, rows):
    _outcome(header, rows)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=plausible(), levels=st.booleans())
def test_a_plausible_annex_table_is_read_or_refused_with_located_problems(rows, levels):
    if levels:
        _outcome(LEVEL_HEADER, rows)
    else:
        _outcome(PLAUSIBLE_HEADER, [row[:4] for row in rows])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=HEADERS, rows=ROWS)
def test_a_framework_workbook_is_read_or_refused_with_located_problems(header, rows):
    with tempfile.TemporaryDirectory() as tmp:
        book = Workbook()
        for row in [*header, *rows]:
            book.active.append(row)
        path = Path(tmp) / FILE
        book.save(path)
        try:
            data = read_framework_table(path, **META)  # type: ignore[arg-type]
        except InputError as exc:
            assert exc.problems and all(p.file == FILE and p.where for p in exc.problems)
        else:
            parse_framework(data)


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_framework_table_never_crash(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / FILE
        path.write_bytes(data)
        try:
            read_framework_table(path, **META)  # type: ignore[arg-type]
        except InputError as exc:
            assert exc.problems and exc.problems[0].file == FILE
