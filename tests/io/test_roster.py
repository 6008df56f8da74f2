"""The roster parser: Vietnamese or English headers, CSV with or without BOM, XLSX sheets by
name, every problem at once with its row, column and reason."""

from __future__ import annotations

import pytest

from parindex.core.workflow import Role
from parindex.io.roster import parse_units, parse_users, role_of
from tests.web.people_sheets import UNIT_HEADER, USER_HEADER, csv_bytes, roster_xlsx


def test_the_fixture_workbook_gives_30_units_and_their_people_without_a_problem():
    data = roster_xlsx()
    units = parse_units(data, "tinh.xlsx")
    users = parse_users(data, "tinh.xlsx")
    assert units.problems == () and users.problems == ()
    assert len(units.rows) == 30
    assert {u.kind for u in units.rows} == {"sở", "xã", "phường", "đặc khu"}
    assert len(users.rows) == 34
    assert users.rows[0].role is Role.OFFICER and users.rows[-1].role is Role.LEADER


@pytest.mark.parametrize("bom", [True, False])
def test_a_csv_in_utf8_is_read_with_or_without_its_bom(bom):
    data = csv_bytes(UNIT_HEADER, [["X1", "Thuận Hạnh", "xã", "", "", "1.200"]], bom=bom)
    sheet = parse_units(data, "don-vi.csv")
    assert sheet.problems == ()
    assert sheet.rows[0].name == "Thuận Hạnh" and sheet.rows[0].population == 1200


def test_english_headers_are_accepted():
    data = b"code,name,kind,parent code,predecessors,population\nA,An,x\xc3\xa3,,B; C,5\n"
    line = parse_units(data, "units.csv").rows[0]
    assert (line.code, line.kind, line.predecessors, line.population) == ("A", "xã", ("B", "C"), 5)


def test_every_problem_is_named_by_file_row_column_and_reason():
    rows = [
        ["A", "", "huyen", "", "", "nhiều"],
        ["A", "Trùng", "xã", "", "", ""],
        ["", "Không mã", "xã", "", "", ""],
        ["B", "Tự làm cấp trên", "xã", "B", "B", ""],
    ]
    sheet = parse_units(csv_bytes(UNIT_HEADER, rows), "don-vi.csv")
    said = [str(p) for p in sheet.problems]
    assert said == [
        "don-vi.csv, dòng 2, ô B2 (Tên đơn vị): thiếu tên đơn vị",
        "don-vi.csv, dòng 2, ô C2 (Loại): loại đơn vị «huyen» không hợp lệ (chọn: sở, ban, ngành,"
        " phòng, huyện, thị xã, thành phố, quận, xã, phường, thị trấn, đặc khu)",
        "don-vi.csv, dòng 2, ô F2 (Quy mô): quy mô «nhiều» phải là số nguyên không âm",
        "don-vi.csv, dòng 3, ô A3 (Mã đơn vị): mã đơn vị «A» trùng với dòng 2",
        "don-vi.csv, dòng 4, ô A4 (Mã đơn vị): thiếu mã đơn vị",
        "don-vi.csv, dòng 5, ô D5 (Đơn vị cấp trên): đơn vị không thể là cấp trên của chính nó",
        "don-vi.csv, dòng 5, ô E5 (Đơn vị tiền thân): đơn vị không thể là tiền thân của chính nó",
    ]


def test_missing_columns_are_named_in_vietnamese():
    sheet = parse_units(b"ma,ghi chu\nA,x\n", "don-vi.csv")
    assert [str(p) for p in sheet.problems] == [
        "don-vi.csv: thiếu cột «Tên đơn vị» ở dòng tiêu đề (dòng 1)",
        "don-vi.csv: thiếu cột «Loại» ở dòng tiêu đề (dòng 1)",
    ]


def test_a_file_of_another_kind_is_refused_with_a_reason():
    assert "không được hỗ trợ" in str(parse_units(b"x", "don-vi.pdf").problems[0])
    assert "không mở được tệp Excel" in str(parse_units(b"not a zip", "don-vi.xlsx").problems[0])


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("quản trị", Role.ADMIN),
        ("Quan tri", Role.ADMIN),
        ("cán bộ đầu mối", Role.OFFICER),
        ("thẩm định", Role.APPRAISER),
        ("Lãnh đạo", Role.LEADER),
        ("officer", Role.OFFICER),
        ("appraiser", Role.APPRAISER),
        ("Cán bộ đầu mối CCHC của đơn vị", Role.OFFICER),
        ("khách", None),
    ],
)
def test_roles_are_read_as_people_write_them(text, role):
    assert role_of(text) == role


def test_user_rows_report_every_problem_at_once():
    rows = [
        ["", "Nguyễn Văn An", "an@tinh.gov.vn", "cán bộ đầu mối"],
        ["X1", "", "sai-email", "khách"],
        ["X2", "Lê Thị Bình", "AN@tinh.gov.vn", "thẩm định"],
    ]
    said = [str(p) for p in parse_users(csv_bytes(USER_HEADER, rows), "nguoi-dung.csv").problems]
    assert said == [
        "nguoi-dung.csv, dòng 2, ô A2 (Mã đơn vị): cán bộ đầu mối cần mã đơn vị",
        "nguoi-dung.csv, dòng 3, ô B3 (Họ tên): thiếu họ tên",
        "nguoi-dung.csv, dòng 3, ô D3 (Vai trò): vai trò «khách» không hợp lệ"
        " (chọn: quản trị, cán bộ đầu mối, thẩm định, lãnh đạo)",
        "nguoi-dung.csv, dòng 3, ô C3 (E-mail): e-mail «sai-email» không hợp lệ",
        "nguoi-dung.csv, dòng 4, ô C4 (E-mail): e-mail «an@tinh.gov.vn» trùng với dòng 2",
    ]
