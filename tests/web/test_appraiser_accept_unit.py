"""Accepting a whole unit's unchanged leaves: a confirmation that states how many, refused for
a unit that never submitted, only the leaves not yet decided, audited."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from parindex.web.appraisals.actions import do_accept_unit, do_correct_score
from parindex.web.appraisals.models import Correction
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.models import Participation
from parindex.web.errors import ActionError
from tests.web.test_appraiser_queue import appraising_world, to_round2


@pytest.fixture
def appraising(world):
    return appraising_world(world)


def participation(world, unit):
    return Participation.objects.select_related("cycle", "unit").get(cycle=world.cycle, unit=unit)


def text_of(response):
    return re.sub(r"</?strong>", "", html.unescape(response.content.decode()))


def test_a_unit_that_never_submitted_cannot_be_accepted(world, appraising):
    with pytest.raises(ActionError, match="Tiên Hà chưa nộp bản tự đánh giá"):
        do_accept_unit(world.other_appraiser, participation(world, world.unit_b), {"2"}, 1)
    assert not Correction.objects.filter(score__unit=world.unit_b).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.APPRAISAL_ACCEPT_UNIT).exists()


def test_the_server_refuses_a_posted_accept_for_a_unit_that_never_submitted(
    client, world, appraising
):
    client.force_login(world.other_appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_b.pk}/chap-nhan/"
    response = client.post(url, {"expected": "1", "confirm": "1"}, follow=True)
    assert "chưa nộp bản tự đánh giá nên không chấp nhận nguyên điểm được" in text_of(response)
    assert not Correction.objects.filter(score__unit=world.unit_b).exists()


def test_the_confirmation_states_how_many_criteria_will_be_accepted(client, world, appraising):
    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal(1), "Muộn")
    client.force_login(world.appraiser)
    text = text_of(client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/chap-nhan/"))
    assert "2 tiêu chí chưa thẩm định sẽ được chấp nhận nguyên điểm" in text
    assert "1.2. Báo cáo CCHC" in text and "2.1. Công khai thủ tục hành chính" in text
    assert "1.1. Kế hoạch" not in text
    assert "Chấp nhận 2 tiêu chí" in text


def test_accepting_without_ticking_the_confirmation_changes_nothing(client, world, appraising):
    client.force_login(world.appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/chap-nhan/"
    response = client.post(url, {"expected": "3"}, follow=True)
    assert "Đánh dấu ô xác nhận trước khi chấp nhận nguyên điểm" in text_of(response)
    assert not Correction.objects.exists()


def test_accepting_a_unit_keeps_only_the_unchanged_criteria_and_is_audited(
    client, world, appraising
):
    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal(1), "Muộn")
    client.force_login(world.appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/chap-nhan/"
    response = client.post(url, {"expected": "2", "confirm": "1"}, follow=True)
    assert "Đã chấp nhận nguyên điểm 2 tiêu chí của xã Tiên Châu." in text_of(response)
    decided = {
        c.score.criterion.code: c.appraised_score
        for c in Correction.objects.filter(round=1).select_related("score__criterion")
    }
    assert decided == {"1.1": Decimal(1), "1.2": Decimal("2.5"), "2.1": Decimal(4)}
    unit_row = AuditEntry.objects.get(action=AuditAction.APPRAISAL_ACCEPT_UNIT)
    assert (unit_row.unit, unit_row.actor, unit_row.new) == (world.unit_a, world.appraiser, "2")
    per_score = AuditEntry.objects.filter(
        action=AuditAction.SCORE_APPRAISAL_1, reason="Chấp nhận điểm tự đánh giá"
    )
    assert sorted(per_score.values_list("criterion_code", flat=True)) == ["1.2", "2.1"]


def test_a_count_changed_since_the_confirmation_is_refused(world, appraising):
    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal(1), "Muộn")
    with pytest.raises(ActionError, match="vừa thay đổi"):
        do_accept_unit(world.appraiser, participation(world, world.unit_a), None, 3)
    assert Correction.objects.count() == 1


def test_a_field_appraiser_accepts_only_their_field(world):
    appraising_world(world, submit_b=True)
    assert do_accept_unit(world.other_appraiser, participation(world, world.unit_b), {"2"}, 1) == 1
    assert list(Correction.objects.values_list("score__criterion__code", flat=True)) == ["2.1"]


def test_in_round_two_accepting_keeps_round_ones_result_of_the_reopened_criteria(world, appraising):
    to_round2(world, corrected=("1.1", "2.1"), explained=("1.1", "2.1"))
    assert do_accept_unit(world.appraiser, participation(world, world.unit_a), None, 2) == 2
    second = dict(
        Correction.objects.filter(round=2).values_list("score__criterion__code", "appraised_score")
    )
    assert second == {"1.1": Decimal(1), "2.1": Decimal(3)}  # round 1's points, kept


def test_accepting_a_field_wants_its_confirmation_ticked(client, world, appraising):
    client.force_login(world.appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/"
    page = text_of(client.post(url, {"accept_all": "1"}, follow=True))
    assert "Đánh dấu ô xác nhận trước khi chấp nhận nguyên điểm." in page
    assert not Correction.objects.filter(score__unit=world.unit_a).exists()
    page = text_of(client.post(url, {"accept_all": "1", "confirmed": "on"}, follow=True))
    assert "Đã chấp nhận nguyên điểm 2 tiêu chí." in page
