"""The tasks of the demo province's 2026 PAR plan, under the seven areas of a provincial plan.

Each task: its text, its lead (a department code of ``departments``, or ``COMMUNES``), its
partners, its product ("Kết quả"), its deadline as the plan writes it, and how it stands in
the progress table: the day it was completed ("d/m/2026"), ``OPEN`` (reported, not
completed) or ``SILENT`` (nothing reported). As of 30/06/2026 the plan has tasks of each of
the four national statuses.
"""

from __future__ import annotations

COMMUNES = "UBND các xã, phường, đặc khu"
DEPARTMENTS = "Các sở, ban, ngành"
OPEN = "open"
SILENT = "silent"

AREAS = (
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "CẢI CÁCH THỂ CHẾ",
    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC",
    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "CẢI CÁCH TÀI CHÍNH CÔNG",
    "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
)

# area (index in AREAS), task, lead, partners, product, deadline, progress
# fmt: off
TASKS: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (0, "Tham mưu UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2026", "SNV", DEPARTMENTS, "Kế hoạch của UBND tỉnh", "Tháng 1/2026", "8/1/2026"),
    (0, "Ban hành kế hoạch cải cách hành chính năm 2026 của xã, phường, đặc khu", COMMUNES, "Sở Nội vụ", "Kế hoạch của UBND xã, phường, đặc khu", "Quý I/2026", "20/3/2026"),
    (0, "Tổ chức Hội nghị công bố Chỉ số cải cách hành chính năm 2025 của tỉnh", "SNV", DEPARTMENTS + "; " + COMMUNES, "Hội nghị được tổ chức", "Tháng 2/2026", "27/2/2026"),
    (0, "Ban hành kế hoạch khắc phục tồn tại, hạn chế theo kết quả Chỉ số cải cách hành chính năm 2025", COMMUNES, "Sở Nội vụ", "Kế hoạch khắc phục tồn tại, hạn chế", "30/4/2026", "18/5/2026"),
    (0, "Kiểm tra công tác cải cách hành chính tại các sở, ban, ngành và UBND các xã, phường, đặc khu", "SNV", "Sở Tư pháp; Sở Khoa học và Công nghệ", "Thông báo kết luận kiểm tra", "Quý III/2026", OPEN),
    (0, "Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử tỉnh, báo, đài và mạng xã hội", "SVHTT", DEPARTMENTS + "; " + COMMUNES, "Tin, bài, phóng sự về cải cách hành chính", "Thường xuyên", OPEN),
    (0, "Báo cáo công tác cải cách hành chính định kỳ quý, 6 tháng, năm", "SNV", DEPARTMENTS + "; " + COMMUNES, "Báo cáo của UBND tỉnh gửi Bộ Nội vụ", "Thường xuyên", OPEN),
    (0, "Tổ chức Hội thi tìm hiểu về cải cách hành chính trong cán bộ, công chức, viên chức", "SNV", "Sở Văn hóa và Thể thao", "Hội thi được tổ chức", "Quý III/2026", SILENT),
    (0, "Triển khai xác định Chỉ số cải cách hành chính năm 2026 của các sở, ban, ngành và UBND các xã, phường, đặc khu", "SNV", DEPARTMENTS + "; " + COMMUNES, "Quyết định công bố Chỉ số cải cách hành chính năm 2026", "Tháng 12/2026", OPEN),
    (1, "Xây dựng Chương trình xây dựng văn bản quy phạm pháp luật năm 2026 của HĐND, UBND tỉnh", "STP", DEPARTMENTS, "Chương trình được ban hành", "Tháng 1/2026", "26/1/2026"),
    (1, "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành trước khi sắp xếp đơn vị hành chính", "STP", DEPARTMENTS, "Danh mục văn bản hết hiệu lực, cần sửa đổi, thay thế", "Quý II/2026", OPEN),
    (1, "Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền", "STP", DEPARTMENTS, "Kết luận kiểm tra văn bản", "Thường xuyên", OPEN),
    (1, "Theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm năm 2026", "STP", DEPARTMENTS, "Báo cáo kết quả theo dõi thi hành pháp luật", "Tháng 11/2026", OPEN),
    (1, "Tham mưu ban hành quy định phân cấp, ủy quyền giải quyết thủ tục hành chính cho chính quyền cấp xã", "SNV", "Sở Tư pháp", "Quyết định của UBND tỉnh", "Quý I/2026", "14/4/2026"),
    (1, "Rà soát, đề xuất sửa đổi quy định về quản lý dự án đầu tư công không còn phù hợp", "STC", "Sở Xây dựng; Sở Tư pháp", "Báo cáo rà soát, kiến nghị", "6 tháng đầu năm 2026", "12/6/2026"),
    (1, "Phổ biến, giáo dục pháp luật cho người dân và doanh nghiệp trên địa bàn", COMMUNES, "Sở Tư pháp", "Hội nghị, tài liệu phổ biến pháp luật", "Thường xuyên", OPEN),
    (1, "Xây dựng quy định quản lý, khai thác cơ sở dữ liệu đất đai của tỉnh", "SNNMT", "Sở Khoa học và Công nghệ", "Quyết định của UBND tỉnh", "Quý IV/2026", SILENT),
    (2, "Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai", "SNNMT", COMMUNES, "Phương án đơn giản hóa trình UBND tỉnh", "Tháng 3/2026", SILENT),
    (2, "Rà soát, cắt giảm thời gian giải quyết thủ tục hành chính lĩnh vực xây dựng", "SXD", "Sở Tài chính", "Quyết định công bố thủ tục hành chính được cắt giảm thời gian", "15/5/2026", "29/5/2026"),
    (2, "Cắt giảm, đơn giản hóa điều kiện kinh doanh trong lĩnh vực công thương", "SCT", "Sở Tư pháp", "Phương án cắt giảm điều kiện kinh doanh", "Quý III/2026", OPEN),
    (2, "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực y tế", "SYT", "Sở Tư pháp", "Phương án đơn giản hóa", "30/4/2026", "24/4/2026"),
    (2, "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực giáo dục và đào tạo", "SGDDT", "Sở Tư pháp", "Phương án đơn giản hóa", "Tháng 5/2026", SILENT),
    (2, "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp tỉnh và cấp xã sau sắp xếp", "SNV", DEPARTMENTS, "Quyết định công bố của Chủ tịch UBND tỉnh", "Tháng 2/2026", "10/2/2026"),
    (2, "Tiếp nhận, giải quyết hồ sơ thủ tục hành chính đúng hạn tại bộ phận một cửa", COMMUNES, "Sở Nội vụ", "Tỷ lệ hồ sơ giải quyết đúng hạn trên 98%", "Thường xuyên", OPEN),
    (2, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", COMMUNES, "Sở Khoa học và Công nghệ", "100% kết quả giải quyết được số hóa", "Tháng 12/2026", OPEN),
    (2, "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính", "SNV", DEPARTMENTS + "; " + COMMUNES, "Phản ánh, kiến nghị được xử lý đúng hạn", "Thường xuyên", OPEN),
    (2, "Đơn giản hóa thủ tục hành chính lĩnh vực du lịch, lữ hành", "SDL", "Sở Tư pháp", "Phương án đơn giản hóa", "Quý II/2026", "5/6/2026"),
    (3, "Hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các sở sau sắp xếp", "SNV", DEPARTMENTS, "Quyết định của UBND tỉnh", "Quý I/2026", "27/3/2026"),
    (3, "Xây dựng đề án vị trí việc làm của các cơ quan, đơn vị sau sắp xếp", "SNV", DEPARTMENTS + "; " + COMMUNES, "Đề án vị trí việc làm được phê duyệt", "Quý I/2026", OPEN),
    (3, "Sắp xếp, kiện toàn các đơn vị sự nghiệp công lập trực thuộc Sở Y tế", "SYT", "Sở Nội vụ", "Quyết định kiện toàn", "Quý III/2026", OPEN),
    (3, "Sắp xếp, tổ chức lại các cơ sở giáo dục công lập", "SGDDT", COMMUNES, "Đề án sắp xếp được phê duyệt", "Tháng 8/2026", OPEN),
    (3, "Thực hiện tinh giản biên chế theo quy định", COMMUNES, "Sở Nội vụ", "Báo cáo kết quả tinh giản biên chế", "Năm 2026", OPEN),
    (3, "Rà soát, ban hành quy chế làm việc của UBND xã, phường, đặc khu", COMMUNES, "Sở Nội vụ", "Quy chế làm việc được ban hành", "Tháng 3/2026", "16/3/2026"),
    (3, "Đánh giá hoạt động của chính quyền địa phương hai cấp sau một năm vận hành", "SNV", DEPARTMENTS + "; " + COMMUNES, "Báo cáo đánh giá trình UBND tỉnh", "Tháng 7/2026", OPEN),
    (4, "Xây dựng Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2026", "SNV", DEPARTMENTS, "Kế hoạch được ban hành", "Tháng 2/2026", "3/3/2026"),
    (4, "Bồi dưỡng kỹ năng chuyển đổi số cho công chức cấp xã", "SNV", "Sở Khoa học và Công nghệ", "Các lớp bồi dưỡng được tổ chức", "Quý III/2026", OPEN),
    (4, "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức theo kết quả thực hiện nhiệm vụ (KPI)", "SNV", DEPARTMENTS + "; " + COMMUNES, "Kết quả đánh giá, xếp loại", "Tháng 12/2026", OPEN),
    (4, "Tổ chức tuyển dụng công chức cấp xã năm 2026", "SNV", COMMUNES, "Quyết định công nhận kết quả tuyển dụng", "6 tháng cuối năm 2026", OPEN),
    (4, "Kiểm tra kỷ luật, kỷ cương hành chính trong thực thi công vụ", "SNV", DEPARTMENTS + "; " + COMMUNES, "Thông báo kết quả kiểm tra công vụ", "Thường xuyên", OPEN),
    (4, "Cập nhật dữ liệu cán bộ, công chức, viên chức vào Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức", COMMUNES, "Sở Nội vụ", "Dữ liệu được cập nhật đầy đủ", "Tháng 4/2026", SILENT),
    (4, "Thực hiện chính sách thu hút, trọng dụng người có tài năng trong ngành y tế", "SYT", "Sở Nội vụ; Sở Tài chính", "Báo cáo kết quả thực hiện chính sách", "Năm 2026", OPEN),
    (4, "Bồi dưỡng nghiệp vụ cho công chức tư pháp - hộ tịch cấp xã", "STP", COMMUNES, "Các lớp bồi dưỡng được tổ chức", "Quý II/2026", "22/5/2026"),
    (5, "Giao dự toán ngân sách nhà nước năm 2026 cho các cơ quan, đơn vị", "STC", DEPARTMENTS + "; " + COMMUNES, "Quyết định giao dự toán", "15/1/2026", "9/1/2026"),
    (5, "Đẩy mạnh giải ngân vốn đầu tư công năm 2026", "STC", "Các chủ đầu tư", "Tỷ lệ giải ngân trên 95% kế hoạch vốn", "Năm 2026", OPEN),
    (5, "Thực hiện cơ chế tự chủ tài chính của các đơn vị sự nghiệp công lập", "SGDDT", "Sở Tài chính", "Phương án tự chủ được phê duyệt", "Năm 2026-2030", OPEN),
    (5, "Công khai ngân sách theo quy định", COMMUNES, "Sở Tài chính", "Số liệu ngân sách được công khai", "Thường xuyên", OPEN),
    (5, "Sắp xếp, xử lý trụ sở, tài sản công dôi dư sau sắp xếp đơn vị hành chính", "STC", COMMUNES, "Phương án xử lý được phê duyệt", "30/4/2026", SILENT),
    (5, "Thẩm định quyết toán ngân sách năm 2025 của các cơ quan, đơn vị", "STC", DEPARTMENTS, "Thông báo thẩm định quyết toán", "Tháng 5/2026", "24/6/2026"),
    (5, "Xây dựng định mức kinh tế - kỹ thuật dịch vụ sự nghiệp công sử dụng ngân sách nhà nước", "SNNMT", "Sở Tài chính", "Quyết định ban hành định mức", "Quý IV/2026", OPEN),
    (6, "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh", "SKHCN", "Sở Nội vụ", "Hệ thống được nâng cấp, vận hành", "Tháng 5/2026", "10/7/2026"),
    (6, "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục hành chính đủ điều kiện", "SKHCN", DEPARTMENTS, "Danh mục dịch vụ công trực tuyến toàn trình", "Tháng 5/2026", OPEN),
    (6, "Triển khai Kế hoạch chuyển đổi số tỉnh Lam Sơn năm 2026", "SKHCN", DEPARTMENTS + "; " + COMMUNES, "Kế hoạch được ban hành", "Tháng 2/2026", "25/2/2026"),
    (6, "Xử lý văn bản, hồ sơ công việc trên môi trường điện tử, sử dụng chữ ký số", COMMUNES, "Sở Khoa học và Công nghệ", "Trên 95% văn bản được ký số, gửi nhận điện tử", "Thường xuyên", OPEN),
    (6, "Xây dựng Kho dữ liệu dùng chung của tỉnh", "SKHCN", DEPARTMENTS, "Kho dữ liệu dùng chung được vận hành", "2026 - 2030", OPEN),
    (6, "Kết nối, chia sẻ dữ liệu dân cư với cơ sở dữ liệu chuyên ngành y tế (Đề án 06)", "SYT", "Công an tỉnh", "Dữ liệu được kết nối, đồng bộ", "Quý III/2026", OPEN),
    (6, "Bảo đảm an toàn thông tin theo cấp độ cho các hệ thống thông tin của tỉnh", "SKHCN", DEPARTMENTS, "Hồ sơ đề xuất cấp độ được phê duyệt", "Thường xuyên", OPEN),
    (6, "Ứng dụng trí tuệ nhân tạo hỗ trợ hướng dẫn thủ tục hành chính cho người dân", "SKHCN", "Sở Nội vụ", "Trợ lý ảo được đưa vào sử dụng", "6 tháng cuối năm 2026", SILENT),
    (6, "Số hóa dữ liệu hộ tịch", "STP", COMMUNES, "Dữ liệu hộ tịch được số hóa, cập nhật", "31/3/2026", "30/3/2026"),
    (6, "Thanh toán trực tuyến nghĩa vụ tài chính trong giải quyết thủ tục hành chính", "STC", COMMUNES, "Tỷ lệ hồ sơ thanh toán trực tuyến trên 50%", "Tháng 9/2026", OPEN),
    (6, "Xây dựng bản đồ số du lịch tỉnh Lam Sơn", "SDL", "Sở Khoa học và Công nghệ", "Bản đồ số du lịch được công bố", "Quý I/2026", "21/4/2026"),
)
# fmt: on
