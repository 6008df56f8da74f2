"""A province's roster as an admin would prepare it: 30 units (10 departments, 19 communes and
wards, 1 special zone) on the sheet «Đơn vị» and their people on the sheet «Người dùng».

``roster_xlsx()`` gives the workbook's bytes (and writes it to ``path`` if one is given); the
import tests and the whole-round browser test use it.
"""

from __future__ import annotations

import io
from pathlib import Path

DEPARTMENTS = [
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SXD", "Sở Xây dựng"),
    ("SYT", "Sở Y tế"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STP", "Sở Tư pháp"),
    ("SCT", "Sở Công Thương"),
]
COMMUNES = [
    ("X-THUANHANH", "Thuận Hạnh", "xã", 18_250),
    ("X-THUANAN", "Thuận An", "xã", 21_400),
    ("X-DAKWIL", "Đắk Wil", "xã", 15_980),
    ("X-NAMDONG", "Nam Dong", "xã", 17_320),
    ("X-QUANGTAN", "Quảng Tân", "xã", 19_105),
    ("X-TUYDUC", "Tuy Đức", "xã", 12_760),
    ("X-DAHUOAI", "Đạ Huoai", "xã", 14_530),
    ("X-HOANINH", "Hòa Ninh", "xã", 16_040),
    ("X-DINHVAN", "Đinh Văn", "xã", 28_615),
    ("X-LACDUONG", "Lạc Dương", "xã", 11_870),
    ("X-DAMRONG", "Đam Rông", "xã", 13_290),
    ("X-CATTIEN", "Cát Tiên", "xã", 20_455),
    ("P-BAOLOC", "Bảo Lộc", "phường", 45_200),
    ("P-LAMVIEN", "Lâm Viên", "phường", 52_730),
    ("P-XUANHUONG", "Xuân Hương", "phường", 48_910),
    ("P-CAMLY", "Cam Ly", "phường", 39_480),
    ("P-LANGBIANG", "Lang Biang", "phường", 36_150),
    ("P-BACGIANGHIA", "Bắc Gia Nghĩa", "phường", 33_870),
    ("P-NAMGIANGHIA", "Nam Gia Nghĩa", "phường", 31_220),
    ("DK-PHUQUY", "Phú Quý", "đặc khu", 32_400),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan",
         "Hải Long", "Thanh Mai", "Công Nam"]  # fmt: skip
OTHERS = [
    ("SNV", "Trần Thị Thu Hương", "huong.ttt@snv.lamdong.gov.vn", "quản trị"),
    ("", "Lê Văn Thẩm", "tham.lv@snv.lamdong.gov.vn", "thẩm định"),
    ("", "Phạm Thị Định", "dinh.pt@snv.lamdong.gov.vn", "thẩm định"),
    ("", "Võ Minh Lãnh", "lanh.vm@ubnd.lamdong.gov.vn", "lãnh đạo"),
]
UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Đơn vị tiền thân", "Quy mô"]
USER_HEADER = ["Mã đơn vị", "Họ tên", "E-mail", "Vai trò"]


def unit_rows() -> list[list[object]]:
    """The 30 units, as the sheet's rows (no header)."""
    rows: list[list[object]] = [[code, name, "sở", "", "", None] for code, name in DEPARTMENTS]
    rows += [[code, name, kind, "", "", n] for code, name, kind, n in COMMUNES]
    return rows


def user_rows() -> list[list[object]]:
    """One officer for each unit, then the admin, two appraisers and a leader."""
    rows: list[list[object]] = []
    codes = [code for code, _ in DEPARTMENTS] + [code for code, *_ in COMMUNES]
    for i, code in enumerate(codes):
        name = f"{FAMILY[i % 10]} {GIVEN[(i * 3) % 10]}"
        rows.append([code, name, f"canbo.{code.lower()}@lamdong.gov.vn", "cán bộ đầu mối"])
    rows += [list(r) for r in OTHERS]
    return rows


def roster_xlsx(path: Path | str | None = None) -> bytes:
    """The roster workbook's bytes; also written to ``path`` if given."""
    from openpyxl import Workbook

    book = Workbook()
    units = book.active
    assert units is not None
    units.title = "Đơn vị"
    units.append(UNIT_HEADER)
    for row in unit_rows():
        units.append(row)
    users = book.create_sheet("Người dùng")
    users.append(USER_HEADER)
    for row in user_rows():
        users.append(row)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def csv_bytes(header: list[str], rows: list[list[object]], bom: bool = True) -> bytes:
    """A CSV as Excel saves «CSV UTF-8» (with its BOM) or without it."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
