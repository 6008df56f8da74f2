"""The demo province's letterhead (``van-ban.yaml``): who issues and signs its documents.

``parindex report --letterhead out/demo/van-ban.yaml`` reads it (docs/formats.md); the web's
demo organisation keeps ``web_letterhead()`` (the same bodies, signers and recipients; each
publication brings its decision's number and date). The names are the demo's, invented like
the province.
"""

from __future__ import annotations

from pathlib import Path

LETTERHEAD_FILE = "van-ban.yaml"

_BODIES = """\
issuer: ["UBND TỈNH LAM SƠN", "SỞ NỘI VỤ"]
place: Lam Sơn
"""

_REPORT = """\
report:
  number: "25/BC-SNV"
  date: 2026-01-20
  grounds:
    - "Quyết định số 1024/QĐ-UBND ngày 15/8/2025 của UBND tỉnh Lam Sơn ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính"
    - "Kế hoạch số 210/KH-SNV ngày 20/10/2025 của Sở Nội vụ về triển khai xác định Chỉ số cải cách hành chính năm 2025"
"""

_DECISION_RECIPIENTS = """\
  recipients: ["Bộ Nội vụ (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "CT, các PCT UBND tỉnh", "Lưu: VT, NC"]
"""

_DECISION = (
    """\
decision:
  number: "145/QĐ-UBND"
  date: 2026-01-28
  issuer: ["ỦY BAN NHÂN DÂN TỈNH LAM SƠN"]
  proposal: "Tờ trình số 30/TTr-SNV ngày 21/01/2026 của Sở Nội vụ"
  grounds:
    - "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    - "Quyết định số 1024/QĐ-UBND ngày 15/8/2025 của UBND tỉnh Lam Sơn ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính"
"""
    + _DECISION_RECIPIENTS
)

_WEB_DECISION = (
    """\
decision:
  issuer: ["ỦY BAN NHÂN DÂN TỈNH LAM SƠN"]
"""
    + _DECISION_RECIPIENTS
)

_SIGNERS = """\
signer: {authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Lê Minh Khoa"}
decision_signer: {authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Phạm Thị Thu Hà"}
recipients:
  - "UBND tỉnh (b/c)"
  - "Bộ Nội vụ (b/c)"
  - "Các sở, ban, ngành"
  - "UBND các xã, phường, đặc khu"
  - "Lưu: VT, CCHC"
"""

LETTERHEAD = (
    "# Văn bản của tỉnh Lam Sơn (dữ liệu mẫu): cơ quan ban hành, người ký, nơi nhận.\n"
    "# parindex report --results results.json --letterhead van-ban.yaml --format docx --out DIR\n"
    + _BODIES
    + _REPORT
    + _DECISION
    + _SIGNERS
)


def web_letterhead() -> str:
    """What the demo organisation keeps on the web: no one year's report or decision number,
    date, proposal or grounds (a publication brings its decision's; the rest is to fill)."""
    return (
        "# Văn bản của tỉnh Lam Sơn (dữ liệu mẫu): cơ quan ban hành, người ký, nơi nhận.\n"
        + _BODIES
        + _WEB_DECISION
        + _SIGNERS
    )


def write_letterhead(out: Path) -> Path:
    target = Path(out) / LETTERHEAD_FILE
    target.write_text(LETTERHEAD, encoding="utf-8")
    return target
