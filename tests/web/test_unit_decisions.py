"""A unit that did not submit does not block the results: the admin scores what it has (missing
criteria at 0, flagged) or leaves it out of the cycle, with a reason."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from parindex.core.workflow import CycleState
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.errors import ActionError
from parindex.web.results.models import UnitDecision
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 12/QĐ-UBND ngày 21/12/2024"


def decide(client, world, unit, choice, reason="Không nộp đúng hạn"):
    return client.post(
        f"/ky/{world.cycle.pk}/ket-qua/don-vi-chua-gui/",
        {"unit": unit.pk, "choice": choice, "reason": reason},
        follow=True,
    ).content.decode()


def half_scored(world):
    """Unit A scores every leaf; unit B only 1.1, so its 1.2 and 2.1 have no points."""
    scored_world(world)
    for code in ("1.2", "2.1"):
        score = world.score(world.unit_b, code)
        type(score).objects.filter(pk=score.pk).update(self_score=None)


def test_a_unit_left_out_is_not_ranked_and_the_preview_and_publication_say_why(client, world):
    half_scored(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    # B's missing points do not stop the preview: A is ranked, B named as left out for now …
    assert "Chưa tính được kết quả" not in page and "xã Tiên Châu" in page
    assert (
        "xã Tiên Hà (chưa gửi tự đánh giá, chưa có quyết định: tạm để ngoài khi tính thử)" in page
    )
    # … but nothing is published before the admin decides
    with pytest.raises(ActionError, match="Chưa tính được kết quả"):
        close_and_publish(world.cycle, DECISION, None, world.admin)
    page = decide(client, world, world.unit_b, "leave_out", "Đơn vị sáp nhập giữa năm")
    assert "Đã ghi quyết định về xã Tiên Hà: Không xếp hạng đơn vị trong kỳ này." in page
    assert "Không xếp hạng trong kỳ này: xã Tiên Hà (Đơn vị sáp nhập giữa năm)." in page
    assert "Chưa tính được kết quả" not in page
    publication = close_and_publish(world.cycle, DECISION, None, world.admin)
    assert [u.code for u in publication.run().units] == ["XA"]
    public = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Không xếp hạng trong kỳ này: xã Tiên Hà (Đơn vị sáp nhập giữa năm)." in public
    entry = AuditEntry.objects.get(action=AuditAction.RESULT_UNIT_DECISION)
    assert (entry.unit, entry.reason) == (world.unit_b, "Đơn vị sáp nhập giữa năm")


def test_a_unit_scored_as_it_stands_gets_zero_for_missing_criteria_and_is_flagged(client, world):
    half_scored(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    page = decide(client, world, world.unit_b, "score")
    assert (
        "Tính theo điểm đang có, tiêu chí còn thiếu tính 0 điểm: xã Tiên Hà (tiêu chí 1.2, 2.1)."
        in page
    )
    publication = close_and_publish(world.cycle, DECISION, None, world.admin)
    unit = publication.full_run().unit("XB")
    assert unit.scores["1.1"] == Decimal("1.5")
    assert unit.scores["1.2"] == 0 and unit.scores["2.1"] == 0
    notes = json.loads(publication.inputs)["zeroed"]
    assert notes == [
        {
            "code": "XB",
            "name": "xã Tiên Hà",
            "reason": "Không nộp đúng hạn",
            "criteria": ["1.2", "2.1"],
        }
    ]


def test_a_decision_needs_a_reason_and_a_unit_that_submitted_needs_none(client, world):
    scored_world(world)
    client.force_login(world.admin)
    page = decide(client, world, world.unit_b, "leave_out", reason="")
    assert "Lý do: Cần ghi lý do quyết định" in page
    assert not UnitDecision.objects.exists()
    from parindex.web.assessments.actions import do_submit_assessment

    do_submit_assessment(world.officer_a, world.cycle.participations.get(unit=world.unit_a))
    page = decide(client, world, world.unit_a, "leave_out")
    assert "xã Tiên Châu đã gửi tự đánh giá; không cần quyết định" in page
    assert not UnitDecision.objects.exists()


def test_a_decision_counts_only_while_the_unit_has_not_submitted(client, world):
    scored_world(world)
    client.force_login(world.admin)
    decide(client, world, world.unit_a, "leave_out")
    from parindex.web.results.compute import cycle_inputs

    assert [u["code"] for u in cycle_inputs(world.cycle)["units"]] == ["XB"]
    from parindex.web.assessments.actions import do_submit_assessment

    do_submit_assessment(world.officer_a, world.cycle.participations.get(unit=world.unit_a))
    assert [u["code"] for u in cycle_inputs(world.cycle)["units"]] == ["XA", "XB"]


def test_an_officer_cannot_decide_about_a_unit(client, world):
    scored_world(world)
    client.force_login(world.officer_a)
    response = client.post(
        f"/ky/{world.cycle.pk}/ket-qua/don-vi-chua-gui/",
        {"unit": world.unit_b.pk, "choice": "leave_out", "reason": "x"},
    )
    assert response.status_code == 404
    assert not UnitDecision.objects.exists()


def test_the_decision_does_not_change_the_score_rows(world):
    half_scored(world)
    from parindex.web.results.actions import do_decide_unit

    do_decide_unit(world.cycle, world.unit_b, "score", "Không nộp", world.admin)
    assert world.score(world.unit_b, "1.2").self_score is None
