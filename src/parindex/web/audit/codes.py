"""What an audit row records: one code per kind of change, with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    FRAMEWORK_IMPORT = "framework.import", _("Nhập bộ tiêu chí")
    CYCLE_CREATE = "cycle.create", _("Tạo kỳ đánh giá")
    ROUND_CREATE = "round.create", _("Tạo đợt đánh giá từ phương án")
    CYCLE_STATE = "cycle.state", _("Chuyển bước của kỳ")
    CYCLE_ASSIGN = "cycle.assign", _("Phân công thẩm định")
    CYCLE_UNASSIGN = "cycle.unassign", _("Bỏ phân công thẩm định")
    SCORE_IMPORT = "score.import", _("Nhập điểm tự đánh giá")
    SCORE_SELF = "score.self", _("Sửa điểm tự đánh giá")
    SCORE_EXPLANATION = "score.explanation", _("Sửa thuyết minh tự đánh giá")
    SCORE_APPRAISAL_1 = "score.appraisal1", _("Thẩm định lần 1")
    SCORE_APPRAISAL_2 = "score.appraisal2", _("Thẩm định lần 2")
    SCORE_EXPLAIN = "score.explain", _("Giải trình")
    EVIDENCE_ADD = "evidence.add", _("Thêm tài liệu kiểm chứng")
    EVIDENCE_REMOVE = "evidence.remove", _("Gỡ tài liệu kiểm chứng")
    ASSESSMENT_SUBMIT = "assessment.submit", _("Gửi tự đánh giá")
    ASSESSMENT_WITHDRAW = "assessment.withdraw", _("Rút lại tự đánh giá")
    SURVEY_UPLOAD = "survey.upload", _("Tải lên phiếu điều tra")
    SURVEY_ATTACH = "survey.attach", _("Nhận điểm điều tra xã hội học")
    CYCLE_PUBLISH = "cycle.publish", _("Công bố kết quả")
    SCORECARDS_REQUEST = "scorecards.request", _("Tạo tệp ZIP phiếu kết quả")

    @classmethod
    def appraisal(cls, round_: int) -> AuditAction:
        return cls(f"score.appraisal{round_}")


SCORE_FIELDS = frozenset(
    {"self_score", "appraised_score_round1", "appraised_score_round2", "score"}
)
"""Audit fields whose old and new values are points, shown in Vietnamese number style."""
