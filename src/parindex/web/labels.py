"""Runtime strings the templates translate: the core's Vietnamese labels, listed for makemessages."""

from django.utils.translation import gettext_noop

from parindex.core.workflow import ROLE_LABELS, STATE_LABELS

LABELS = [
    *STATE_LABELS.values(),
    *ROLE_LABELS.values(),
    gettext_noop("Đang chuẩn bị"),
    gettext_noop("Tự đánh giá, chấm điểm"),
    gettext_noop("Thẩm định lần 1"),
    gettext_noop("Giải trình"),
    gettext_noop("Thẩm định lần 2"),
    gettext_noop("Đã kết thúc thẩm định"),
    gettext_noop("Tự chấm điểm, đính kèm tài liệu kiểm chứng và nộp"),
    gettext_noop("Xem kết quả thẩm định lần 1 và giải trình"),
    gettext_noop("Thẩm định các đơn vị, lĩnh vực được phân công"),
    gettext_noop("Theo dõi tiến độ, chuyển bước khi đến hạn"),
    gettext_noop("Xem kết quả, quyết định và công bố"),
    gettext_noop("Theo dõi"),
    gettext_noop("Quản trị (Sở Nội vụ)"),
    gettext_noop("Cán bộ đầu mối CCHC của đơn vị"),
    gettext_noop("Thành viên Hội đồng thẩm định"),
    gettext_noop("Lãnh đạo"),
]
