"""The shipped indicator catalogue and a table of indicator values, read exactly, with every
problem located."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from parindex.core.problems import InputError
from parindex.io.frameworks import parse_yaml
from parindex.io.indicators import parse_catalogue, read_catalogue, read_values


def test_the_shipped_catalogue_has_the_2629_targets_and_the_articles_rates():
    catalogue = read_catalogue()
    codes = {i.code: i for i in catalogue.indicators}
    assert len([c for c in codes if c.startswith("CPS-")]) == 20
    work_files = [t for t in catalogue.targets if t.indicator == "CPS-05"]
    assert {(t.scope, t.comparator, t.value) for t in work_files} == {
        ("", ">=", Decimal(100)),
        ("cấp huyện", ">", Decimal(80)),
        ("cấp xã", ">", Decimal(60)),
    }
    assert "QĐ 2629/QĐ-TTg" in codes["CPS-05"].source and "chưa kiểm chứng" in codes["CPS-05"].note
    for code in ("MC-01", "MC-02", "VB-01", "TD-01", "HN-01", "CPS-09", "HL-01"):
        assert codes[code].source, code
    assert "GAP" in codes["VB-01"].note and "GAP" in codes["TD-01"].note
    assert all(i.source for i in catalogue.indicators)


def test_a_bad_catalogue_names_every_entry_at_once():
    data = parse_yaml(
        """
indicators:
  - {code: A, name: x, unit: "%", kind: share}
  - {code: A, name: y, unit: "%"}
  - {code: B, name: z, unit: hồ sơ, kind: ratio, targets: [{years: 2027-2025, value: x}]}
"""
    )
    with pytest.raises(InputError) as caught:
        parse_catalogue(data, "chi-tieu.yaml")
    text = str(caught.value)
    assert "chỉ tiêu A: kind «share» không hợp lệ" in text
    assert "chỉ tiêu A: mã chỉ tiêu trùng" in text
    assert "chỉ tiêu B: chỉ tiêu tỷ lệ có đơn vị tính «%»" in text
    assert "chỉ tiêu B, mức thứ 1: years cần dạng" in text
    assert "value cần là một số" in text and "thiếu văn bản đặt chỉ tiêu" in text
    assert all(p.file == "chi-tieu.yaml" for p in caught.value.problems)


def workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Tử số", "Mẫu số", "Giá trị"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


UNITS = {"XA": "xã", "SNV": "sở"}


def indicators():
    return {i.code: i for i in read_catalogue().indicators}


def test_a_value_table_is_read_exactly(tmp_path):
    path = workbook(
        tmp_path / "gia-tri.xlsx",
        [
            ["XA", "MC-01", "6 tháng đầu năm 2026", 1661, 2000, None],
            ["XA", "MC-04", "2026", None, None, 2358],
            ["SNV", "VB-01", "2026", 95, 100, None],
        ],
    )
    rows = read_values(path, UNITS, indicators())
    assert [(r.row, r.indicator) for r in rows] == [(2, "MC-01"), (3, "MC-04"), (4, "VB-01")]
    assert rows[0].value.numerator == Decimal(1661) and rows[1].value.value == Decimal(2358)


def test_every_bad_row_is_named_by_row_and_column_at_once(tmp_path):
    path = workbook(
        tmp_path / "gia-tri.xlsx",
        [
            ["XZ", "MC-01", "2026", 1, 2, None],
            ["XA", "KHONG", "2026", 1, 2, None],
            ["XA", "MC-01", "năm ngoái", 1, 2, None],
            ["XA", "MC-01", "2026", "mười", 2, None],
            ["XA", "MC-01", "2026", 5, 4, None],
            ["XA", "MC-01", "2025", 1, 2, None],
            ["XA", "MC-01", "2025", 1, 2, None],
            ["XA", "MC-01", "2024", None, None, None],
            ["XA", "MC-01", "2023", None, None, 80],
        ],
    )
    with pytest.raises(InputError) as caught:
        read_values(path, UNITS, indicators())
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "gia-tri.xlsx, dòng 2, ô A2: không có đơn vị mã «XZ»",
        "gia-tri.xlsx, dòng 3, ô B3: không có chỉ tiêu mã «KHONG»",
        "gia-tri.xlsx, dòng 4, ô C4: kỳ «năm ngoái» không đọc được (ví dụ: 2026, 6 tháng đầu năm 2026)",
        "gia-tri.xlsx, dòng 5, ô D5: «Tử số» cần là một số, không phải «mười»",
        "gia-tri.xlsx, dòng 6, ô D6: tử số (5) lớn hơn mẫu số (4)",
        "gia-tri.xlsx, dòng 8, ô C8: trùng với dòng 7 (cùng đơn vị, chỉ tiêu, kỳ)",
        "gia-tri.xlsx, dòng 9, ô B9: dòng không có số liệu (để trống là chưa có, không phải 0)",
        "gia-tri.xlsx, dòng 10, ô D10: chỉ tiêu tỷ lệ cần tử số và mẫu số",
    ]


def test_a_table_without_its_columns_says_which(tmp_path):
    book = Workbook()
    book.active.append(["Đơn vị", "Kỳ"])
    book.active.append(["XA", "2026"])
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError) as caught:
        read_values(tmp_path / "x.xlsx", UNITS, indicators())
    text = str(caught.value)
    assert "thiếu cột «Mã chỉ tiêu»" in text and "cần cột «Tử số» và «Mẫu số»" in text
