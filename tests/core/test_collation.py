"""Names sort in Vietnamese alphabetical order, the unit's kind left out."""

from __future__ import annotations

import pytest

from parindex.core.collation import collation_key, unit_name_key


@pytest.mark.parametrize(
    "earlier, later",
    [
        ("Dương", "Đông"),  # d before đ
        ("Đông", "Em"),  # đ before e
        ("An", "Ăn"),  # a ă â
        ("Ăn", "Ân"),
        ("Ô", "Ơ"),  # o ô ơ
        ("Ơn", "Pa"),
        ("Ung", "Ưng"),  # u before ư
        ("Ưng", "Vân"),
        ("Ma", "Mà"),  # tones: none, huyền, hỏi, ngã, sắc, nặng
        ("Mà", "Mả"),
        ("Mả", "Mã"),
        ("Mã", "Má"),
        ("Má", "Mạ"),
        ("Hưng Tâm", "Hưng Trung"),
        ("Hưng", "Hương"),
        ("Tiên", "Tiên Châu"),  # a name before its longer names
    ],
)
def test_the_vietnamese_alphabet_decides(earlier, later):
    assert collation_key(earlier) < collation_key(later)


def test_a_units_kind_does_not_count():
    names = ["xã Xuân Đông", "phường Đại Lợi", "thị trấn Tiên Kỳ", "đặc khu Lý Sơn"]
    assert sorted(names, key=unit_name_key) == [
        "phường Đại Lợi",
        "đặc khu Lý Sơn",
        "thị trấn Tiên Kỳ",
        "xã Xuân Đông",
    ]


def test_decomposed_and_composed_text_sort_alike():
    import unicodedata

    name = "Hương Mỹ"
    assert collation_key(unicodedata.normalize("NFD", name)) == collation_key(name)
