"""The audit trail reads as people speak: what was done in words, points as 2,5."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.web.assessments.actions import do_save_self_score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction


def test_the_trail_names_each_change_and_writes_points_in_vietnamese_style(client, world):
    score = world.score(world.unit_a, "1.2")
    saved = do_save_self_score(world.officer_a, score, Decimal("2.5"), False, "", score.version)
    do_save_self_score(world.officer_a, saved, Decimal("1.25"), False, "", saved.version)
    client.force_login(world.officer_a)
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/nhat-ky/").content.decode()
    assert "Sửa điểm tự đánh giá" in page
    assert "<td>2,5</td><td>1,25</td>" in page
    assert "score.self" not in page and "2.5000" not in page


def test_an_unknown_action_code_is_refused_before_anything_is_written(world):
    with pytest.raises(ValueError):
        record(world.admin, "score.selff", cycle=world.cycle)


def test_every_action_has_a_vietnamese_label():
    for action in AuditAction:
        assert str(action.label) and "." not in str(action.label)
