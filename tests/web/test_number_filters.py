"""Templates print numbers through the core's wording: points, counts, the audit trail's values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from parindex.web.assessments.actions import do_save_self_score
from parindex.web.cycles.templatetags.parindex import dem, diem, gia_tri


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("2.5000"), "2,5"), (Decimal("12"), "12"), ("8,5", "8,5"), (None, ""), ("", "")],
)
def test_points_are_printed_in_vietnamese_style(value, expected):
    assert diem(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(1500, "1.500"), (6, "6"), (0, "0"), ("2358", "2.358"), ("x", "x")]
)
def test_counts_have_a_thousands_dot(value, expected):
    assert dem(value) == expected


@pytest.mark.parametrize(
    ("value", "field", "expected"),
    [
        ("2.5000", "self_score", "2,5"),
        ("1.5000", "appraised_score_round1", "1,5"),
        ("KĐG", "self_score", "KĐG"),
        ("12 tiêu chí từ dữ liệu mẫu", "self_score", "12 tiêu chí từ dữ liệu mẫu"),
        ("2024", "cycle", "2024"),  # not a score: kept as written
        ("12/KH-UBND", "evidence", "12/KH-UBND"),
    ],
)
def test_the_audit_trail_shows_scores_as_points(value, field, expected):
    assert gia_tri(value, field) == expected


def test_the_audit_trail_page_shows_a_saved_score_with_a_decimal_comma(client, world):
    score = world.score(world.unit_a, "1.2")
    do_save_self_score(
        world.officer_a, score, Decimal("2.5"), False, "Báo cáo đủ kỳ", score.version
    )
    client.force_login(world.officer_a)
    page = client.get(
        reverse("audit_trail", args=[world.cycle.pk, world.unit_a.pk])
    ).content.decode()
    assert "<td>2,5</td>" in page
    assert "2.5000" not in page
