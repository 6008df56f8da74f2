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
    # setting up (organisation, units, users)
    ORGANISATION_EDIT = "organisation.edit", _("Sửa thông tin cơ quan")
    UNIT_IMPORT = "unit.import", _("Nhập danh sách đơn vị")
    UNIT_EDIT = "unit.edit", _("Sửa đơn vị")
    UNIT_DEACTIVATE = "unit.deactivate", _("Ngừng sử dụng đơn vị")
    USER_IMPORT = "user.import", _("Nhập danh sách người dùng")
    USER_EDIT = "user.edit", _("Sửa người dùng")
    USER_DEACTIVATE = "user.deactivate", _("Khóa tài khoản")
    USER_PASSWORD_RESET = "user.password_reset", _("Cấp mật khẩu dùng một lần")
    USER_PASSWORD_CHANGE = "user.password_change", _("Đổi mật khẩu")
    # a cycle's setup and its deadlines
    CYCLE_EDIT = "cycle.edit", _("Sửa kỳ đánh giá")
    DEADLINE_EXTEND = "deadline.extend", _("Gia hạn cho đơn vị")
    DEADLINE_LOCK = "deadline.lock", _("Khóa khi hết hạn")
    PARTICIPANT_ADD = "participant.add", _("Thêm đơn vị tham gia")
    PARTICIPANT_REMOVE = "participant.remove", _("Rút đơn vị khỏi kỳ")
    REMINDER_SEND = "reminder.send", _("Nhắc đơn vị chưa gửi")
    # appraisal, results, publication
    APPRAISAL_ACCEPT_UNIT = "appraisal.accept_unit", _("Chấp nhận các tiêu chí không sửa")
    RESULT_UNIT_DECISION = "result.unit_decision", _("Quyết định về đơn vị chưa gửi")
    PUBLICATION_WITHDRAW = "publication.withdraw", _("Thu hồi công bố")
    SCORE_REOPEN = "score.reopen", _("Mở lại điểm để đính chính")
    SURVEY_MANUAL = "survey.manual", _("Nhập tay điểm điều tra")
    # between two indexes (issue 14): plans, tasks, progress, remediation, reviews
    PLAN_IMPORT = "plan.import", _("Nhập kế hoạch")
    PLAN_EDIT = "plan.edit", _("Sửa kế hoạch")
    PLAN_ISSUE = "plan.issue", _("Ban hành kế hoạch")
    PLAN_TASK_EDIT = "plan.task", _("Sửa nhiệm vụ")
    TASK_REPORT = "task.report", _("Báo cáo tiến độ nhiệm vụ")
    REMEDIATION_SEED = "remediation.seed", _("Tạo dự thảo kế hoạch khắc phục")
    FINDING_EDIT = "finding.edit", _("Sửa tồn tại, hạn chế")
    REVIEW_CREATE = "review.create", _("Ghi kiểm tra, hội nghị")
    ONESTOP_IMPORT = "onestop.import", _("Nhập sổ theo dõi hồ sơ một cửa")
    ONESTOP_766_UPLOAD = "onestop.766_upload", _("Nhập số liệu Bộ chỉ số 766 của Cổng")
    # targets and indicators (issue 15)
    INDICATOR_LOAD = "indicator.load", _("Nạp danh mục chỉ tiêu")
    INDICATOR_VALUE = "indicator.value", _("Nhập kết quả chỉ tiêu")
    INDICATOR_IMPORT = "indicator.import", _("Nhập kết quả chỉ tiêu từ tệp")
    # hardening (issue 12): signing in, two-factor, downloads, operations
    LOGIN_SUCCESS = "login.success", _("Đăng nhập")
    LOGIN_FAILED = "login.failed", _("Đăng nhập sai")
    LOGIN_LOCKED = "login.locked", _("Tạm khóa đăng nhập")
    LOGOUT = "login.logout", _("Đăng xuất")
    USER_CREATE = "user.create", _("Tạo tài khoản")
    USER_PASSWORD_RESET_MAIL = "user.password_reset_mail", _("Gửi thư đặt lại mật khẩu")
    USER_PASSWORD_RESET_DONE = "user.password_reset_done", _("Đặt lại mật khẩu qua thư")
    TWO_FACTOR_ENABLE = "two_factor.enable", _("Bật xác thực hai bước")
    TWO_FACTOR_DISABLE = "two_factor.disable", _("Tắt xác thực hai bước")
    TWO_FACTOR_RECOVERY = "two_factor.recovery", _("Dùng mã khôi phục")
    TWO_FACTOR_FAILED = "two_factor.failed", _("Nhập sai mã xác thực")
    UNIT_CREATE = "unit.create", _("Tạo đơn vị")
    EVIDENCE_DOWNLOAD = "evidence.download", _("Tải về tài liệu kiểm chứng")
    EVIDENCE_INFECTED = "evidence.infected", _("Từ chối tệp nhiễm mã độc")
    PUBLICATION_VERIFY = "publication.verify", _("Kiểm tra công bố")
    JOB_RETRY = "job.retry", _("Chạy lại việc nền")
    BACKUP_CREATE = "backup.create", _("Sao lưu dữ liệu")
    BACKUP_RESTORE = "backup.restore", _("Khôi phục dữ liệu")

    @classmethod
    def appraisal(cls, round_: int) -> AuditAction:
        return cls(f"score.appraisal{round_}")


SCORE_FIELDS = frozenset(
    {"self_score", "appraised_score_round1", "appraised_score_round2", "score"}
)
"""Audit fields whose old and new values are points, shown in Vietnamese number style."""
