"""Self-assessment, submission, appraisal and explanation, as the actions enforce them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import (
    do_accept_field,
    do_correct_score,
    do_explain,
    score_that_stands,
)
from parindex.web.assessments.actions import (
    do_add_evidence,
    do_remove_evidence,
    do_save_self_score,
    do_submit_assessment,
    do_withdraw_submission,
)
from parindex.web.audit.models import AppendOnlyError, AuditEntry
from parindex.web.cycles.actions import do_transition_cycle
from parindex.web.cycles.models import Participation
from parindex.web.errors import ActionError, StaleEdit


def fill(world, unit, officer):
    for code, value in (("1.1", "2"), ("1.2", "2.5"), ("2.1", "4")):
        score = world.score(unit, code)
        do_save_self_score(officer, score, Decimal(value), False, "Đã thực hiện", score.version)
    do_add_evidence(officer, world.score(unit, "1.1"), doc_number="12/KH-UBND", issuer="UBND xã")
    do_add_evidence(officer, world.score(unit, "2.1"), doc_number="15/QĐ-UBND", issuer="UBND xã")


def test_an_officer_saves_a_draft_score_and_it_is_audited(world):
    score = world.score(world.unit_a, "1.2")
    saved = do_save_self_score(
        world.officer_a, score, Decimal("2.5"), False, "Báo cáo đủ kỳ", score.version
    )
    assert saved.self_score == Decimal("2.5") and saved.version == 1
    entry = AuditEntry.objects.filter(action="score.self").get()
    assert (entry.actor, entry.criterion_code, entry.old, entry.new) == (
        world.officer_a,
        "1.2",
        "",
        "2.5000",
    )


def test_the_second_save_of_the_same_leaf_is_refused_not_overwritten(world):
    score = world.score(world.unit_a, "1.2")
    read_by_both = score.version
    do_save_self_score(world.officer_a, score, Decimal("2"), False, "", read_by_both)
    with pytest.raises(StaleEdit, match=r"vừa lưu tiêu chí 1\.2 trước bạn"):
        do_save_self_score(world.officer_a, score, Decimal("3"), False, "", read_by_both)
    assert world.score(world.unit_a, "1.2").self_score == Decimal("2")


def test_a_score_above_max_is_refused(world):
    score = world.score(world.unit_a, "1.1")
    with pytest.raises(ActionError, match=r"Tiêu chí 1\.1: điểm 2,5 vượt điểm tối đa 2"):
        do_save_self_score(world.officer_a, score, Decimal("2.5"), False, "", score.version)


def test_submission_lists_every_leaf_without_a_score_or_evidence(world):
    score = world.score(world.unit_a, "2.1")
    cited = do_add_evidence(world.officer_a, score, doc_number="15/QĐ-UBND")
    do_save_self_score(world.officer_a, score, Decimal("4"), False, "", score.version)
    do_remove_evidence(world.officer_a, cited)  # the document taken away after the score
    participation = Participation.objects.get(cycle=world.cycle, unit=world.unit_a)
    with pytest.raises(ActionError) as exc:
        do_submit_assessment(world.officer_a, participation)
    problems = [str(p) for p in exc.value.problems]
    assert problems == [
        "tiêu chí 1.1: chưa chấm điểm",
        "tiêu chí 1.2: chưa chấm điểm",
        "tiêu chí 2.1: cần tài liệu kiểm chứng hoặc giải thích lý do không có",
    ]


def test_a_submitted_assessment_is_locked_until_withdrawn(world):
    fill(world, world.unit_a, world.officer_a)
    participation = Participation.objects.get(cycle=world.cycle, unit=world.unit_a)
    do_submit_assessment(world.officer_a, participation)
    score = world.score(world.unit_a, "1.2")
    with pytest.raises(ActionError, match="đã nộp"):
        do_save_self_score(world.officer_a, score, Decimal("3"), False, "", score.version)
    do_withdraw_submission(world.officer_a, participation)
    do_save_self_score(world.officer_a, score, Decimal("3"), False, "", score.version)
    assert list(
        AuditEntry.objects.filter(action__startswith="assessment").values_list("action", flat=True)
    ) == [
        "assessment.withdraw",
        "assessment.submit",
    ]


def test_the_whole_round_correct_explain_decide(world):
    fill(world, world.unit_a, world.officer_a)
    do_submit_assessment(
        world.officer_a, Participation.objects.get(cycle=world.cycle, unit=world.unit_a)
    )
    world.move_to(CycleState.APPRAISAL)
    score = world.score(world.unit_a, "2.1")
    with pytest.raises(ActionError, match="cần ghi lý do"):
        do_correct_score(world.appraiser, score, Decimal("3"), "")
    do_correct_score(world.appraiser, score, Decimal("3"), "Chưa niêm yết đủ 5 thủ tục")
    assert do_accept_field(world.appraiser, world.cycle, world.unit_a, "1") == 2
    assert score_that_stands(world.score(world.unit_a, "2.1")) == Decimal("3")
    with pytest.raises(ActionError, match="bước giải trình"):
        do_explain(world.officer_a, score, "Đã bổ sung")
    world.move_to(CycleState.EXPLANATION)
    score = world.score(world.unit_a, "2.1")
    with pytest.raises(ActionError, match="không bị điều chỉnh"):
        do_explain(world.officer_a, world.score(world.unit_a, "1.1"), "…")
    do_explain(world.officer_a, score, "Đã niêm yết đủ, xem ảnh chụp bảng niêm yết")
    with pytest.raises(ActionError, match="mỗi tiêu chí một lần"):
        do_explain(world.officer_a, score, "Lần hai")
    world.move_to(CycleState.FINAL_APPRAISAL)
    do_correct_score(
        world.appraiser, world.score(world.unit_a, "2.1"), Decimal("4"), "Chấp nhận giải trình"
    )
    assert score_that_stands(world.score(world.unit_a, "2.1")) == Decimal("4")
    trail = (
        AuditEntry.objects.filter(criterion_code="2.1")
        .order_by("id")
        .values_list("action", "old", "new")
    )
    assert [a for a, _, _ in trail] == [
        "score.self",
        "score.explanation",
        "evidence.add",
        "score.appraisal1",
        "score.explain",
        "score.appraisal2",
    ]


def test_corrections_outside_an_appraisal_round_are_refused(world):
    with pytest.raises(ActionError, match="không ở bước thẩm định"):
        do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal(1), "x")


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        (CycleState.SELF_ASSESSMENT, CycleState.APPRAISAL, True),
        (CycleState.SELF_ASSESSMENT, CycleState.DRAFT, True),
        (CycleState.SELF_ASSESSMENT, CycleState.EXPLANATION, False),
        (CycleState.SELF_ASSESSMENT, CycleState.CLOSED, False),
        (CycleState.SELF_ASSESSMENT, CycleState.SELF_ASSESSMENT, False),
    ],
)
def test_state_transitions_allowed_and_refused(world, start, target, allowed):
    if allowed:
        cycle = do_transition_cycle(world.cycle, target, world.admin, reason="theo kế hoạch")
        assert cycle.state == target
        entry = AuditEntry.objects.filter(action="cycle.state").first()
        assert (entry.old, entry.new, entry.reason) == (start.value, target.value, "theo kế hoạch")
    else:
        with pytest.raises(ActionError, match="Không chuyển được"):
            do_transition_cycle(world.cycle, target, world.admin)


def test_the_audit_trail_cannot_be_edited_or_deleted(world):
    entry = AuditEntry.objects.first()
    entry.reason = "sửa lại"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_going_back_a_step_needs_a_reason_and_the_next_step_is_offered_first(client, world):
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/").content.decode()
    options = page[page.index('<select name="target">') :]
    assert options.index("Giải trình") < options.index("Quay lại: Tự đánh giá")
    with pytest.raises(ActionError) as refused:
        do_transition_cycle(world.cycle, CycleState.SELF_ASSESSMENT, world.admin)
    assert refused.value.message == "Quay lại bước «Tự đánh giá, chấm điểm» cần ghi lý do"
    back = do_transition_cycle(
        world.cycle, CycleState.SELF_ASSESSMENT, world.admin, "Đơn vị xin bổ sung tài liệu"
    )
    assert back.state == CycleState.SELF_ASSESSMENT
