"""Past its deadline a unit can no longer save, submit, withdraw, explain or touch its evidence,
whoever calls (the page or any other caller of the actions); an extension for that unit is a
later deadline. The page shows the deadline and, when locked, says so and offers no edit."""

from __future__ import annotations

import datetime as dt
import html
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_correct_score, do_explain
from parindex.web.assessments.actions import (
    do_add_evidence,
    do_explain_leaf,
    do_remove_evidence,
    do_save_self_score,
    do_submit_assessment,
    do_withdraw_submission,
)
from parindex.web.cycles.models import Cycle, Extension, Participation
from parindex.web.errors import ActionError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def due(world, field: str, hours: int) -> None:
    Cycle.objects.filter(pk=world.cycle.pk).update(
        **{field: timezone.now() + dt.timedelta(hours=hours)}
    )
    world.cycle.refresh_from_db()


def extend(world, step: str, hours: int) -> None:
    Extension.objects.create(
        cycle=world.cycle,
        unit=world.unit_a,
        step=step,
        until=timezone.now() + dt.timedelta(hours=hours),
        reason="Mất điện cả tuần",
        granted_by=world.admin,
    )


def save(world, code: str, value: str, explanation: str = "Có báo cáo"):
    score = world.score(world.unit_a, code)
    return do_save_self_score(
        world.officer_a, score, Decimal(value), False, explanation, score.version
    )


def participation(world):
    return Participation.objects.get(cycle=world.cycle, unit=world.unit_a)


def fill(world):
    for code, value in (("1.1", "2"), ("1.2", "3"), ("2.1", "5")):
        save(world, code, value)


def test_an_officer_past_the_deadline_cannot_save(world):
    due(world, "self_assessment_due", -1)
    with pytest.raises(ActionError, match="đã hết hạn tự đánh giá, chấm điểm"):
        save(world, "1.2", "2")
    assert world.score(world.unit_a, "1.2").self_score is None


def test_an_officer_past_the_deadline_cannot_submit(world):
    fill(world)
    due(world, "self_assessment_due", -1)
    with pytest.raises(ActionError, match="đã hết hạn"):
        do_submit_assessment(world.officer_a, participation(world))
    assert not participation(world).submitted


def test_an_officer_past_the_deadline_cannot_withdraw(world):
    fill(world)
    do_submit_assessment(world.officer_a, participation(world))
    due(world, "self_assessment_due", -1)
    with pytest.raises(ActionError, match="đã hết hạn"):
        do_withdraw_submission(world.officer_a, participation(world))
    assert participation(world).submitted


def test_evidence_cannot_be_added_or_removed_past_the_deadline(world):
    score = world.score(world.unit_a, "1.1")
    evidence = do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "kế hoạch.pdf")
    due(world, "self_assessment_due", -1)
    score = world.score(world.unit_a, "1.1")
    with pytest.raises(ActionError, match="đã hết hạn"):
        do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "kế hoạch 2.pdf")
    with pytest.raises(ActionError, match="đã hết hạn"):
        do_add_evidence(world.officer_a, score, doc_number="12/KH-UBND")
    evidence.score = score
    with pytest.raises(ActionError, match="đã hết hạn"):
        do_remove_evidence(world.officer_a, evidence)
    evidence.refresh_from_db()
    assert evidence.removed_at is None


def test_an_extension_lets_the_unit_save_and_submit_after_the_cycles_deadline(world):
    due(world, "self_assessment_due", -1)
    extend(world, "self_assessment", 24)
    fill(world)
    assert do_submit_assessment(world.officer_a, participation(world)).submitted


def test_an_extension_for_another_unit_does_not_help(world):
    due(world, "self_assessment_due", -1)
    Extension.objects.create(
        cycle=world.cycle,
        unit=world.unit_b,
        step="self_assessment",
        until=timezone.now() + dt.timedelta(days=2),
        reason="Sáp nhập",
        granted_by=world.admin,
    )
    with pytest.raises(ActionError, match="đã hết hạn"):
        save(world, "1.2", "2")


def corrected_world(world):
    fill(world)
    do_submit_assessment(world.officer_a, participation(world))
    world.move_to(CycleState.APPRAISAL)
    do_correct_score(
        world.appraiser, world.score(world.unit_a, "2.1"), Decimal("3"), "Thiếu 2 thủ tục"
    )
    world.move_to(CycleState.EXPLANATION)
    return world.score(world.unit_a, "2.1")


def test_past_the_explanation_deadline_the_unit_cannot_explain(world):
    score = corrected_world(world)
    due(world, "explanation_due", -1)
    score = world.score(world.unit_a, "2.1")
    with pytest.raises(ActionError, match="đã hết hạn giải trình"):
        do_explain_leaf(world.officer_a, score, "Đã niêm yết đủ")
    with pytest.raises(ActionError, match="đã hết hạn giải trình"):  # the action itself refuses
        do_explain(world.officer_a, score, "Đã niêm yết đủ")
    with pytest.raises(ActionError, match="đã hết hạn giải trình"):
        do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "ảnh.pdf", for_explanation=True)
    extend(world, "explanation", 5)
    do_explain_leaf(world.officer_a, score, "Đã niêm yết đủ", [(io.BytesIO(PDF), "ảnh.pdf")])
    assert score.evidence.filter(for_explanation=True).count() == 1


def test_the_page_shows_the_deadline_and_when_locked_no_edit_controls(client, world):
    due(world, "self_assessment_due", 5)
    client.force_login(world.officer_a)
    url = f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/"
    page = html.unescape(client.get(url).content.decode())
    moment = timezone.localtime(world.cycle.self_assessment_due)
    assert f"Hạn tự đánh giá: <strong>{moment:%H:%M} ngày {moment:%d/%m/%Y}</strong>" in page
    assert 'id="field-form"' in page
    due(world, "self_assessment_due", -1)
    page = html.unescape(client.get(url).content.decode())
    assert "Đã hết hạn tự đánh giá: đơn vị không lưu, không nộp" in page
    assert 'id="field-form"' not in page and "Thêm tài liệu kiểm chứng" not in page
    assert "Nộp phần tự đánh giá" not in html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/").content.decode()
    )
    extend(world, "self_assessment", 3)
    page = html.unescape(client.get(url).content.decode())
    assert "đã được gia hạn" in page and 'id="field-form"' in page


def test_a_post_past_the_deadline_is_refused_by_the_server_too(client, world):
    score = world.score(world.unit_a, "1.2")
    due(world, "self_assessment_due", -1)
    client.force_login(world.officer_a)
    page = html.unescape(
        client.post(
            f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/",
            {f"c{score.pk}-self_score": "2", f"c{score.pk}-version": score.version},
            follow=True,
        ).content.decode()
    )
    assert "Không thực hiện được: đã hết hạn tự đánh giá, chấm điểm" in page
    assert world.score(world.unit_a, "1.2").self_score is None
