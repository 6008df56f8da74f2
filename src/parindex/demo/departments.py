"""The demo province's departments from 2025: the sở and ban of a province after the 2025
merger of departments, each assessed with the departments' framework.

After the 2025 reorganisation a province keeps about fourteen specialised departments (Sở
Tài chính absorbing Kế hoạch và Đầu tư, Sở Nông nghiệp và Môi trường, Sở Xây dựng absorbing
Giao thông vận tải, Sở Khoa học và Công nghệ absorbing Thông tin và Truyền thông, Sở Dân tộc
và Tôn giáo …). The demo province is coastal, so it has a Sở Du lịch beside a Sở Văn hóa và
Thể thao and an economic zone board beside the industrial parks' board. The Văn phòng UBND
tỉnh and the Thanh tra tỉnh are left out: with the kind ``sở`` prose would write them
"sở Văn phòng UBND tỉnh" (``Unit.display_name`` keeps a name as is only when it starts with
its kind).
"""

from __future__ import annotations

from parindex.demo.province import DemoUnit

# code, name (as prose writes it), kind, whether it is given public investment capital
# (the departments without it are not assessed on the disbursement criterion: KĐG)
_DEPARTMENTS = (
    ("SNV", "Sở Nội vụ", "sở", False),
    ("STP", "Sở Tư pháp", "sở", False),
    ("STC", "Sở Tài chính", "sở", True),
    ("SCT", "Sở Công Thương", "sở", True),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "sở", True),
    ("SXD", "Sở Xây dựng", "sở", True),
    ("SKHCN", "Sở Khoa học và Công nghệ", "sở", True),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "sở", True),
    ("SYT", "Sở Y tế", "sở", True),
    ("SVHTT", "Sở Văn hóa và Thể thao", "sở", True),
    ("SDL", "Sở Du lịch", "sở", True),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", "sở", False),
    ("SNGV", "Sở Ngoại vụ", "sở", False),
    ("BQLKKT", "Ban Quản lý Khu kinh tế", "ban", True),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp", "ban", True),
)

DISBURSEMENT_LEAF = "6.2"
"""The departments' criterion on public investment disbursement: KĐG where there is none."""


def departments() -> list[DemoUnit]:
    """The departments as units (no parent, no predecessors: each is assessed anew)."""
    return [DemoUnit(code, name, kind) for code, name, kind, _ in _DEPARTMENTS]


def without_investment() -> list[str]:
    """The departments given no public investment capital (KĐG on ``DISBURSEMENT_LEAF``)."""
    return [code for code, _, _, invests in _DEPARTMENTS if not invests]
