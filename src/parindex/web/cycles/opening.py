"""Who is told when a cycle opens a step: the units' officers, the appraisers."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.accounts.models import User
from parindex.web.cycles.deadlines import corrected_unit_ids
from parindex.web.cycles.models import Cycle
from parindex.web.cycles.setup import DEADLINE_FIELDS, officers_of
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify


def _due_text(cycle: Cycle, step: CycleState) -> str:
    for field, label, of_step in DEADLINE_FIELDS:
        due = getattr(cycle, field)
        if of_step is step and due is not None:
            return f" {label}: {format_moment(timezone.localtime(due))}."
    return ""


def notify_opened(cycle: Cycle, step: CycleState) -> None:
    """The notices of a step opened going forward: the self-assessment to every participant's
    officers, the explanation to the officers of units corrected in the first appraisal, each
    appraisal round to the appraisers assigned."""
    url = reverse("cycles:cycle", args=[cycle.pk])
    due = _due_text(cycle, step)
    if step is CycleState.SELF_ASSESSMENT:
        units = set(cycle.participations.values_list("unit_id", flat=True))
        notify(
            officers_of(units),
            NoticeKind.CYCLE_OPENED,
            f"Mở kỳ tự đánh giá: {cycle.name}",
            f"Đơn vị tự chấm điểm, đính kèm tài liệu kiểm chứng và gửi.{due}",
            url=url,
            cycle=cycle,
        )
    elif step is CycleState.EXPLANATION:
        notify(
            officers_of(corrected_unit_ids(cycle)),
            NoticeKind.CORRECTION,
            f"Điểm được thẩm định sửa, cần giải trình: {cycle.name}",
            "Hội đồng thẩm định đã chấm khác điểm tự đánh giá ở một số tiêu chí của đơn vị; "
            f"đề nghị xem kết quả thẩm định lần 1 và giải trình.{due}",
            url=url,
            cycle=cycle,
        )
    elif step in (CycleState.APPRAISAL, CycleState.FINAL_APPRAISAL):
        appraisers = User.objects.filter(assignments__cycle=cycle).distinct()
        notify(
            list(appraisers),
            NoticeKind.ROUND_OPENED,
            f"Mở {STATE_LABELS[step].lower()}: {cycle.name}",
            f"Đề nghị thẩm định các đơn vị, lĩnh vực được phân công.{due}",
            url=reverse("appraisals:appraisal_queue", args=[cycle.pk]),
            cycle=cycle,
        )
    if step in (CycleState.SELF_ASSESSMENT, CycleState.EXPLANATION):
        from parindex.web.cycles.tasks import ensure_scheduled

        ensure_scheduled()
