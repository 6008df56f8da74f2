"""List pages make a bounded number of queries, whatever the number of units."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parindex.web.cycles.actions import do_assign_appraiser, do_create_cycle
from parindex.web.units.models import Unit


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_do_not_grow_with_the_units(client, world):
    def cycle_with(n):
        units = [
            Unit.objects.create(code=f"N{n}-{i}", name=f"Đơn vị {i}", kind="xã") for i in range(n)
        ]
        cycle = do_create_cycle(f"Kỳ {n}", world.cycle.framework, str(2030 + n), units, world.admin)
        for unit in units:
            do_assign_appraiser(cycle, world.appraiser, unit, world.admin)
        return cycle

    small, large = cycle_with(2), cycle_with(25)
    client.force_login(world.admin)
    for page in ("/ky/{}/", "/ky/{}/tham-dinh/"):
        assert count(client, page.format(small.pk)) == count(client, page.format(large.pk))
    client.force_login(world.appraiser)
    assert count(client, f"/ky/{small.pk}/tham-dinh/") == count(
        client, f"/ky/{large.pk}/tham-dinh/"
    )
