"""The leader's view makes a bounded number of queries, whatever the number of units: the
provisional ranking of 25 units costs what that of 2 units costs."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parindex.web.assessments.models import Score
from parindex.web.cycles.actions import do_create_cycle
from parindex.web.cycles.models import Extension
from parindex.web.results.actions import do_attach_survey
from parindex.web.units.models import Unit
from tests.web.conftest import survey_points

PREDECESSORS = "units_unit_predecessors"
"""``results.compute.cycle_inputs`` (the admin's preview, which the provisional ranking reuses)
reads each unit's predecessors in a query of its own."""


def count(client, url, leaving_out=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counted = [
        q for q in queries.captured_queries if not leaving_out or leaving_out not in q["sql"]
    ]
    return len(counted), response.content.decode()


def scored_cycle(world, n):
    """A cycle of ``n`` communes, every leaf scored and the survey attached; half of them late."""
    units = [Unit.objects.create(code=f"N{n}-{i:03}", name=f"Hòa {i}", kind="xã") for i in range(n)]
    cycle = do_create_cycle(f"Kỳ {n}", world.cycle.framework, str(2030 + n), units, world.admin)
    Score.objects.filter(cycle=cycle).update(self_score=1)  # every leaf scored
    do_attach_survey(cycle, survey_points(world, {u.code: "7" for u in units}), world.admin)
    for unit in units[: n // 2]:
        Extension.objects.create(
            cycle=cycle, unit=unit, step="self_assessment", until="2031-01-01T00:00Z",
            reason="Gia hạn", granted_by=world.admin,
        )  # fmt: skip
    return cycle


def test_the_dashboard_does_not_grow_with_the_units(client, world):
    small, large = scored_cycle(world, 2), scored_cycle(world, 25)
    client.force_login(world.leader)
    few, page = count(client, f"/lanh-dao/ky/{small.pk}/", leaving_out=PREDECESSORS)
    assert "xã Hòa 1" in page and "Chưa tính được" not in page  # the ranking was computed
    many, page = count(client, f"/lanh-dao/ky/{large.pk}/", leaving_out=PREDECESSORS)
    assert "xã Hòa 24" in page and "Chưa tính được" not in page
    assert many == few


def test_the_provisional_ranking_reads_the_predecessors_in_one_query(client, world):
    small, large = scored_cycle(world, 2), scored_cycle(world, 25)
    client.force_login(world.leader)
    assert (
        count(client, f"/lanh-dao/ky/{large.pk}/")[0]
        == count(client, f"/lanh-dao/ky/{small.pk}/")[0]
    )
