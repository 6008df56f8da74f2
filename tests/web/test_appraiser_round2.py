"""Round 2 decides only what round 1 changed and the unit explained; every other leaf keeps
round 1's result, shown read-only, and that result is what the computation reads."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from parindex.web.appraisals.actions import do_correct_score, score_that_stands
from parindex.web.appraisals.models import Correction
from parindex.web.errors import ActionError
from parindex.web.results.compute import cycle_inputs
from tests.web.test_appraiser_queue import appraising_world, to_round2


@pytest.fixture
def round2(world):
    appraising_world(world)
    return to_round2(world, corrected=("1.1", "2.1"), explained=("1.1",))


@pytest.mark.parametrize(
    ("code", "why"),
    [("1.2", "accepted in round 1"), ("2.1", "corrected but not explained")],
)
def test_round_two_refuses_a_change_of_a_criterion_it_does_not_reopen(world, round2, code, why):
    score = world.score(world.unit_a, code)
    with pytest.raises(ActionError, match=f"Tiêu chí {code} giữ kết quả thẩm định lần 1"):
        do_correct_score(world.appraiser, score, Decimal("0.5"), "Xem lại")
    assert not Correction.objects.filter(score=score, round=2).exists(), why


def test_round_two_decides_a_corrected_and_explained_criterion(world, round2):
    score = world.score(world.unit_a, "1.1")
    do_correct_score(world.appraiser, score, Decimal(2), "Giải trình hợp lý")
    assert score_that_stands(score) == Decimal(2)


def test_the_criteria_round_two_does_not_reopen_carry_round_ones_result(world, round2):
    stands = {
        s.criterion.code: score_that_stands(s) for s in world.cycle.scores.filter(unit=world.unit_a)
    }
    assert stands == {"1.1": Decimal(1), "1.2": Decimal("2.5"), "2.1": Decimal(3)}
    read = cycle_inputs(world.cycle)["scores"]["XA"]  # what the computation reads
    assert (read["1.1"], read["1.2"], read["2.1"]) == ("1", "2.5", "3")


def test_the_field_page_shows_carried_criteria_read_only(client, world, round2):
    client.force_login(world.appraiser)
    text = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/2/").content.decode()
    )
    row = text[text.index('id="tc-2.1"') : text.index("</tr>", text.index('id="tc-2.1"'))]
    assert "giữ kết quả thẩm định lần 1" in row
    assert 'name="appraised_score"' not in row
    text1 = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/").content.decode()
    )
    row = text1[text1.index('id="tc-1.1"') : text1.index("</tr>", text1.index('id="tc-1.1"'))]
    assert 'name="appraised_score"' in row  # reopened: a form


def test_a_posted_round_two_change_of_a_carried_criterion_is_refused(client, world, round2):
    client.force_login(world.appraiser)
    score = world.score(world.unit_a, "1.2")
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/"
    response = client.post(
        url, {"score": score.pk, "appraised_score": "1", "reason": "x"}, follow=True
    )
    assert "Tiêu chí 1.2 giữ kết quả thẩm định lần 1" in html.unescape(response.content.decode())
    assert not Correction.objects.filter(score=score, round=2).exists()


def test_a_closed_cycles_field_page_shows_the_decision_that_stands(client, world, round2):
    from parindex.core.workflow import CycleState

    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal("1.5"), "Một phần")
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    text = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/").content.decode()
    )
    row = text[text.index('id="tc-1.1"') : text.index("</tr>", text.index('id="tc-1.1"'))]
    assert "1,5" in row and 'name="appraised_score"' not in row  # round 2's, read only
    row = text[text.index('id="tc-1.2"') : text.index("</tr>", text.index('id="tc-1.2"'))]
    assert "2,5" in row  # round 1's acceptance carried
