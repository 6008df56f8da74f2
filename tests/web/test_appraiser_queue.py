"""The appraiser's queue: which units submitted, and per assigned field how many leaves the
current round has decided out of those it decides; searchable without diacritics, sortable."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_correct_score, do_explain
from parindex.web.assessments.actions import do_submit_assessment
from parindex.web.cycles.models import Participation
from tests.web.conftest import scored_world


def appraising_world(world, submit_b: bool = False):
    """Both units scored; commune A submitted (B too if asked); the cycle in round 1."""
    scored_world(world)
    do_submit_assessment(
        world.officer_a, Participation.objects.get(cycle=world.cycle, unit=world.unit_a)
    )
    if submit_b:
        do_submit_assessment(
            world.officer_b, Participation.objects.get(cycle=world.cycle, unit=world.unit_b)
        )
    world.move_to(CycleState.APPRAISAL)
    return world


def to_round2(world, corrected=("1.1", "2.1"), explained=("1.1",)):
    """Round 1 corrects ``corrected`` (each one point down) and accepts the rest; the unit
    explains ``explained``; the cycle moves on to round 2."""
    for code in ("1.1", "1.2", "2.1"):
        score = world.score(world.unit_a, code)
        if code in corrected:
            do_correct_score(world.appraiser, score, score.self_score - 1, "Thiếu minh chứng")
        else:
            do_correct_score(world.appraiser, score, None, "")
    world.move_to(CycleState.EXPLANATION)
    for code in explained:
        do_explain(world.officer_a, world.score(world.unit_a, code), "Đã bổ sung quyết định")
    world.move_to(CycleState.FINAL_APPRAISAL)
    return world


@pytest.fixture
def appraising(world):
    return appraising_world(world)


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def row_of(text, unit_name):
    rows = re.findall(r"<tr>.*?</tr>", text, re.S)
    return next(r for r in rows if unit_name in r)


def test_the_appraiser_sees_the_unit_submitted_and_nothing_decided_yet(client, world, appraising):
    text = page(client, world.appraiser, f"/ky/{world.cycle.pk}/tham-dinh/")
    row = row_of(text, "Tiên Châu")
    assert "Đã nộp" in row
    assert f'/tham-dinh/{world.unit_a.pk}/1/">0/2</a>' in row  # 1.1, 1.2
    assert f'/tham-dinh/{world.unit_a.pk}/2/">0/1</a>' in row
    assert "Tiên Hà" not in text  # not theirs
    assert f"/tham-dinh/{world.unit_a.pk}/chap-nhan/" in row


def test_a_decision_moves_its_fields_count_and_what_is_left(client, world, appraising):
    score = world.score(world.unit_a, "1.1")
    do_correct_score(world.appraiser, score, Decimal("1"), "Kế hoạch ban hành muộn")
    row = row_of(page(client, world.appraiser, f"/ky/{world.cycle.pk}/tham-dinh/"), "Tiên Châu")
    assert f'/tham-dinh/{world.unit_a.pk}/1/">1/2</a>' in row
    assert re.search(r'<td class="num">2</td>', row)  # left: 1.2 and 2.1


def test_a_unit_that_never_submitted_is_shown_as_such_and_cannot_be_accepted(
    client, world, appraising
):
    text = page(client, world.other_appraiser, f"/ky/{world.cycle.pk}/tham-dinh/")
    row = row_of(text, "Tiên Hà")
    assert "Chưa nộp" in row and "chưa nộp, không chấp nhận được" in row
    assert "/chap-nhan/" not in row
    assert "1 đơn vị chưa nộp bản tự đánh giá." in text
    # the other appraiser appraises field 2 only: field 1 is not theirs
    assert f'/tham-dinh/{world.unit_b.pk}/2/">0/1</a>' in row
    assert f"/tham-dinh/{world.unit_b.pk}/1/" not in row


def test_the_admin_finds_a_unit_typed_without_diacritics(client, world, appraising):
    text = page(client, world.admin, f"/ky/{world.cycle.pk}/tham-dinh/?q=chau")
    assert "Tiên Châu" in text and "Tiên Hà" not in text
    assert "1/2 dòng" in text


def test_the_queue_sorts_by_what_is_left(client, world, appraising):
    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), None, "")
    text = page(client, world.admin, f"/ky/{world.cycle.pk}/tham-dinh/?sap-xep=-con-lai")
    assert text.index("Tiên Châu") < text.index("Tiên Hà")  # 2 left before 1 left
    text = page(client, world.admin, f"/ky/{world.cycle.pk}/tham-dinh/?sap-xep=con-lai")
    assert text.index("Tiên Hà") < text.index("Tiên Châu")


def test_round_two_counts_only_what_round_one_changed_and_the_unit_explained(
    client, world, appraising
):
    to_round2(world)  # 1.1 and 2.1 corrected, only 1.1 explained
    row = row_of(page(client, world.appraiser, f"/ky/{world.cycle.pk}/tham-dinh/"), "Tiên Châu")
    assert f'/tham-dinh/{world.unit_a.pk}/1/">0/1</a>' in row
    assert "giữ lần 1" in row  # field 2: 2.1 was not explained, nothing to decide
