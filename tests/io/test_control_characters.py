"""A name with a control character (a bell, an escape, a NUL pasted from another program) is
refused where it is imported, at its row and column, with the character's code — it never
reaches a workbook, where it would break the file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.io.framework_table import read_framework_table
from parindex.io.roster import parse_units, parse_users
from parindex.io.units import read_units


def refused(call) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def test_a_unit_name_with_a_bell_character_is_refused_at_its_cell(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("code,name\nA,xã An\nB,xã \x07Bình\n", encoding="utf-8")
    assert refused(lambda: read_units(path)) == [
        "units.csv, dòng 3, ô B3 (tên đơn vị): có ký tự điều khiển (U+0007) không được phép"
    ]


def test_the_web_roster_refuses_a_unit_code_with_an_escape_character():
    data = "Mã đơn vị,Tên đơn vị,Loại\nA\x1b,An,xã\nB,Bình,xã\n".encode()
    sheet = parse_units(data, "don-vi.csv")
    assert [str(p) for p in sheet.problems] == [
        "don-vi.csv, dòng 2, ô A2 (Mã đơn vị): có ký tự điều khiển (U+001B) không được phép"
    ]


def test_the_web_roster_refuses_a_person_named_with_a_nul_character():
    data = "Mã đơn vị,Họ tên,E-mail,Vai trò\nA,Nguyễn\x00 Văn A,,cán bộ đầu mối\n".encode()
    problems = [str(p) for p in parse_users(data, "nguoi-dung.csv").problems]
    assert any("U+0000" in p and "dòng 2" in p for p in problems), problems


def test_a_criterion_name_with_a_control_character_is_refused_in_the_framework_yaml():
    data = yaml.safe_load(
        """\
id: x-2026
name: Bộ tiêu chí
level: commune
year: 2026
classes: [{label: Đạt, min: 0}]
fields:
  - code: "1"
    name: "Chỉ đạo\\x07"
    children: [{code: "1.1", name: "Kế hoạch\\nnăm", max: 1}]
"""
    )
    assert refused(lambda: parse_framework(data, origin="fw.yaml")) == [
        "fw.yaml, 1: «name» có ký tự điều khiển (U+0007) không được phép"
    ]


def test_a_criterion_name_with_a_control_character_is_refused_in_the_annex_table(tmp_path):
    book = Workbook()
    for row in (
        ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa"],
        [1, "Chỉ đạo", 2],
        ["1.1", "Kế\x7f hoạch", 2],
    ):
        book.active.append(row)
    path = tmp_path / "phu-luc.xlsx"
    book.save(path)
    problems = refused(
        lambda: read_framework_table(path, id="x", name="X", level="commune", year=2026)
    )
    assert problems == ["phu-luc.xlsx, ô B3: có ký tự điều khiển (U+007F) không được phép"]
