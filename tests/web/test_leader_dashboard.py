"""The leader's view (/lanh-dao/): what the chairman checks on the world's cycle as it moves
from self-assessment to publication."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_accept_field, do_correct_score, do_explain
from parindex.web.assessments.actions import do_submit_assessment
from parindex.web.cycles.models import Cycle, Extension, Participation
from tests.web.conftest import close_and_publish, scored_world

MARK = "Kết quả tạm tính — chưa công bố"
DECISION = "Quyết định số 12/QĐ-UBND"


def page(client, user, url="/lanh-dao/"):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    """The page as read: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, title: str, end: str) -> str:
    start = html.index(title)
    return html[start : html.index(end, start + len(title))]


def submit(world, unit, officer):
    do_submit_assessment(officer, Participation.objects.get(cycle=world.cycle, unit=unit))


def test_before_anyone_scores_the_leader_sees_no_unit_submitted_and_no_ranking_yet(client, world):
    html = text(page(client, world.leader))
    progress = section(html, "Tiến độ", "Đơn vị chậm nhất")
    assert "Cả kỳ 2 0/2 0/2 —" in progress
    assert "Chưa tính được kết quả tạm tính" in html
    assert MARK in html  # even a ranking not computable yet is not a published one
