"""Official documents built by hand from a run, as the builders write them: a report, a
decision and a scorecard (an appendix), for the renderers' tests."""

from __future__ import annotations

from parindex.core.published import PublishedRun
from parindex.reports.document import field_rows, ranking_rows, total_rows
from parindex.reports.letterhead import Signer, recipient_lines
from parindex.reports.official import Chart, Heading, OfficialDocument, Para, Table

SIGNER = Signer(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Nguyễn Văn A")
DECISION_SIGNER = Signer(
    authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Trần Thị B"
)
RECIPIENTS = tuple(
    recipient_lines(["UBND tỉnh (b/c)", "Bộ Nội vụ (b/c)", "Các sở, ban, ngành", "Lưu: VT, CCHC"])
)
REPORT_SUMMARY = "Kết quả xác định Chỉ số cải cách hành chính năm 2022 của các huyện, thành phố"


def report(run: PublishedRun) -> OfficialDocument:
    header, rows = ranking_rows(run)
    return OfficialDocument(
        kind="report",
        title=("BÁO CÁO", REPORT_SUMMARY),
        issuer=("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
        number="Số: 15/BC-SNV",
        place_date="Lâm Đồng, ngày 21 tháng 12 năm 2023",
        blocks=(
            Para("Căn cứ Quyết định số 1/QĐ-UBND; Sở Nội vụ báo cáo kết quả như sau:"),
            Heading("I. TÌNH HÌNH TRIỂN KHAI"),
            Para("Các đơn vị đã tự đánh giá, chấm điểm theo Bộ tiêu chí.", lead="1. Tự đánh giá."),
            Heading("II. KẾT QUẢ", level=1),
            Heading("1. Xếp hạng", level=2),
            Table(tuple(header), tuple(tuple(r) for r in rows), name_column=1, numeric_from=2),
            Chart("ranking", "Biểu đồ xếp hạng Chỉ số CCHC năm 2022"),
            Chart("classes", "Phân bố chỉ số theo xếp loại"),
            Heading("III. ĐÁNH GIÁ"),
            Para("Ưu điểm, hạn chế và nguyên nhân: cơ quan bổ sung.", draft=True),
            Para("(Chi tiết tại Phụ lục kèm theo)", italic=True, centred=True),
        ),
        signer=SIGNER,
        recipients=RECIPIENTS,
        author="Sở Nội vụ",
        subject=REPORT_SUMMARY,
    )


def decision(run: PublishedRun) -> OfficialDocument:
    summary = "Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 của các huyện"
    return OfficialDocument(
        kind="decision",
        title=("QUYẾT ĐỊNH", summary),
        issuer=("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",),
        number="Số: 4769/QĐ-UBND",
        place_date="Lâm Đồng, ngày 21 tháng 12 năm 2023",
        authority="ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        blocks=(
            Para(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", italic=True
            ),
            Para("Xét đề nghị của Sở Nội vụ tại Tờ trình số 120/TTr-SNV.", italic=True),
            Para("QUYẾT ĐỊNH:", bold=True, centred=True),
            Para(
                "Phê duyệt và công bố Chỉ số CCHC năm 2022 (chi tiết tại Phụ lục kèm theo).",
                lead="Điều 1.",
            ),
            Para("Các đơn vị nghiên cứu kết quả, khắc phục hạn chế.", lead="Điều 2."),
            Para("Quyết định có hiệu lực kể từ ngày ký.", lead="Điều 3."),
        ),
        signer=DECISION_SIGNER,
        recipients=tuple(recipient_lines(["Như Điều 3", "Bộ Nội vụ (b/c)", "Lưu: VT, NC"])),
        author="UBND tỉnh Lâm Đồng",
        subject="Quyết định " + summary,
    )


def appendix(run: PublishedRun, code: str) -> OfficialDocument:
    unit = run.unit(code)
    name = unit.display_name[:1].upper() + unit.display_name[1:]
    rows = [*field_rows(run, unit), *total_rows(run, unit)]
    return OfficialDocument(
        kind="appendix",
        title=(f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {run.period}", name.upper()),
        appendix_label="Phụ lục",
        attached_to="(Kèm theo Báo cáo số 15/BC-SNV ngày 21/12/2023 của Sở Nội vụ)",
        blocks=(
            Para(f"Chỉ số CCHC năm {run.period} của {unit.display_name}."),
            Heading("Kết quả theo từng lĩnh vực", level=2),
            Table(
                ("Mã", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng", "Thay đổi"),
                tuple(tuple(r) for r in rows),
            ),
            Chart("fields", "Kết quả theo lĩnh vực", unit=code),
        ),
        author="Sở Nội vụ",
        subject=f"Phụ lục: kết quả Chỉ số CCHC năm {run.period} của {unit.display_name}",
    )
