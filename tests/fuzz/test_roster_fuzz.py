"""Bounded fuzzing of the roster parser: whatever the bytes or cells, it answers with rows and
located Vietnamese problems — never another exception."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.io.roster import parse_units, parse_users

HEADERS = st.sampled_from(
    ["Mã đơn vị", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Đơn vị tiền thân", "Quy mô", "code",
     "name", "kind", "Họ tên", "E-mail", "Vai trò", "role", "", "x", "Mã"]
)  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        ["A", "B", "xã", "phường", "huyen", "Sở Nội vụ", "A;B", "A,,B", "1.200", "-1", "1e9",
         "cán bộ đầu mối", "quản trị", "khách", "a@b.vn", "a@b", "=1+1", '"', "\ufeff", "", " "]
    ),
    st.text(max_size=12),
)  # fmt: skip
TABLES = st.tuples(
    st.lists(HEADERS, max_size=7), st.lists(st.lists(CELLS, max_size=7), max_size=10)
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def as_xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    ws = book.active
    for row in [header, *rows]:
        try:
            ws.append(row)
        except IllegalCharacterError:
            ws.append(["?"] * len(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(sheet) -> None:
    for problem in sheet.problems:
        assert problem.file and problem.message
    for row in getattr(sheet, "rows", ()):
        assert row.row >= 2


@FUZZ
@given(TABLES)
def test_any_csv_table_gives_rows_or_located_problems(table):
    header, rows = table
    try:
        data = as_csv(header, rows)
    except UnicodeEncodeError:
        return
    check(parse_units(data, "don-vi.csv"))
    check(parse_users(data, "nguoi-dung.csv"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TABLES)
def test_any_xlsx_table_gives_rows_or_located_problems(table):
    data = as_xlsx(*table)
    check(parse_units(data, "don-vi.xlsx"))
    check(parse_users(data, "nguoi-dung.xlsx"))


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.txt", "../x.csv", ""]))
def test_any_bytes_under_any_name_give_located_problems(data, name):
    check(parse_units(data, name))
    check(parse_users(data, name))
