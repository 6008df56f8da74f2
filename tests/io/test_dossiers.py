"""Reading the one-stop system's dossier register (issue 15): headers as systems write them,
a vendor's mapping, every bad row located at once, --drop-invalid, XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from parindex.core.onestop import IN_PROGRESS, NO_RESULT, ONLINE, POSTAL
from parindex.core.problems import InputError
from parindex.io.dossier_mapping import read_mapping, read_unit_levels
from parindex.io.dossiers import day_number, read_register

HEADER = (
    "Mã hồ sơ,Mã đơn vị,Lĩnh vực,Thủ tục,Kênh,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,"
    "Trạng thái,Số ngày tạm dừng,Phiếu xin lỗi"
)
UNITS = ["SNV", "X01"]


def write(tmp_path: Path, *lines: str, name: str = "ho-so.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_the_columns_as_the_system_exports_them(tmp_path):
    path = write(
        tmp_path,
        "A1,SNV,Đất đai,Cấp GCN,Trực tuyến,03/01/2023,10/01/2023,09/01/2023,Đã xử lý,,",
        "A2,X01,Hộ tịch,Khai sinh,3,2023-01-04,2023-01-05,,Đang xử lý,2,",
        "A3,X01,Hộ tịch,Khai sinh,,4/1/2023 08:30,2023-01-05T17:00:00+07:00,6/1/2023,đã xử lý,,Có",
    )
    loaded = read_register(path, UNITS)
    reg = loaded.register
    assert len(reg) == 3 and loaded.dropped == ()
    assert reg.channel.tolist() == [ONLINE, POSTAL, 1]  # an empty channel is direct (766)
    assert reg.unit.tolist() == [0, 1, 1]
    assert reg.received[2] == day_number(__import__("datetime").date(2023, 1, 4))
    assert reg.due[1] - reg.received[1] == 1 + 2  # paused days extend the due day
    assert reg.finished[1] == NO_RESULT and reg.status[1] == IN_PROGRESS
    assert reg.apology.tolist() == [False, False, True]


def test_every_bad_row_is_named_with_its_column_at_once(tmp_path):
    path = write(
        tmp_path,
        "A1,SNV,Đất đai,Cấp GCN,2,10/01/2023,05/01/2023,09/01/2023,Đã xử lý,,",
        "A2,XYZ,Hộ tịch,Khai sinh,9,32/01/2023,05/02/2023,,Đang làm,,",
        "A1,X01,Hộ tịch,Khai sinh,1,03/01/2023,05/01/2023,,Đã xử lý,-1,chắc",
    )
    with pytest.raises(InputError) as caught:
        read_register(path, UNITS)
    shown = [str(p) for p in caught.value.problems]
    expected = [
        ("dòng 2", "Ngày hẹn trả", "ngày hẹn trả trước ngày tiếp nhận"),
        ("dòng 3", "Mã đơn vị", "không có trong danh sách đơn vị"),
        ("dòng 3", "Kênh", "kênh không rõ"),
        ("dòng 3", "Trạng thái", "trạng thái không rõ"),
        ("dòng 3", "Ngày tiếp nhận", "không đọc được"),
        ("dòng 4", "Mã hồ sơ", "trùng mã hồ sơ"),
        ("dòng 4", "Ngày có kết quả", "thiếu ngày có kết quả"),
        ("dòng 4", "Số ngày tạm dừng", "số nguyên không âm"),
        ("dòng 4", "Phiếu xin lỗi", "ghi «có»"),
    ]
    for row, column, reason in expected:
        assert any(row in s and column in s and reason in s and "ho-so.csv" in s for s in shown), (
            row, column, reason, shown,
        )  # fmt: skip


def test_drop_invalid_leaves_the_bad_rows_out_and_says_which(tmp_path):
    path = write(
        tmp_path,
        "A1,SNV,Đất đai,Cấp GCN,2,03/01/2023,10/01/2023,09/01/2023,Đã xử lý,,",
        "A2,XYZ,Hộ tịch,Khai sinh,1,03/01/2023,05/01/2023,,Đang xử lý,,",
    )
    loaded = read_register(path, UNITS, drop_invalid=True)
    assert len(loaded.register) == 1 and loaded.rows == 2
    assert "dòng 3" in str(loaded.dropped[0])


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_text("Mã hồ sơ,Mã đơn vị\nA1,SNV\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_register(path, UNITS)
    assert "«Ngày tiếp nhận»" in str(caught.value.problems[0])


def test_a_vendor_s_headers_and_codes_through_a_mapping(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns: {MaHoSo: dossier, DonVi: unit, Kenh: channel, NgayNhan: received,"
        " HenTra: due, KetThuc: finished, TT: status}\n"
        "channels: {DVC: 2, TTHC: 1}\nstatuses: {'9': Đã xử lý, '2': Đang xử lý}\n"
        "units: {'000.00.31.H40': SNV}\n",
        encoding="utf-8",
    )
    path = tmp_path / "igate.csv"
    path.write_text(
        "MaHoSo,DonVi,Kenh,NgayNhan,HenTra,KetThuc,TT\n"
        "H1,000.00.31.H40,DVC,03/01/2023,10/01/2023,04/01/2023,9\n"
        "H2,X01,TTHC,03/01/2023,10/01/2023,,2\n",
        encoding="utf-8",
    )
    reg = read_register(path, UNITS, read_mapping(mapping)).register
    assert reg.unit.tolist() == [0, 1] and reg.channel.tolist() == [ONLINE, 1]


def test_a_mapping_to_nothing_known_is_refused(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns: {A: ngay}\nstatuses: {'9': Xong}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_mapping(mapping)
    assert len(caught.value.problems) == 2


def test_the_register_in_a_workbook(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(HEADER.split(","))
    import datetime as dt

    ws.append(["A1", "SNV", "Đất đai", "Cấp GCN", 2, dt.datetime(2023, 1, 3), dt.datetime(2023, 1, 10),
               dt.datetime(2023, 1, 9), "Đã xử lý", None, None])  # fmt: skip
    path = tmp_path / "ho-so.xlsx"
    book.save(path)
    reg = read_register(path, UNITS).register
    assert reg.finished[0] - reg.received[0] == 6


def test_units_take_their_level_from_the_kind_or_the_level_column(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,name,kind,level\nSNV,Sở Nội vụ,sở,\nX01,Tiên Châu,xã,\nH1,Đức Phổ,,huyện\n",
                    encoding="utf-8")  # fmt: skip
    assert [(u.code, u.level) for u in read_unit_levels(path)] == [
        ("SNV", "tỉnh"), ("X01", "xã"), ("H1", "huyện"),
    ]  # fmt: skip
