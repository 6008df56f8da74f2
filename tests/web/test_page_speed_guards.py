"""What keeps the heavy pages fast (issue 17), checked for what they show, never timed:
the preview computed once per state of its inputs and afresh after any change, the cycle page
in pages with the search over every unit, a publication's large parts read once per process."""

from __future__ import annotations

from decimal import Decimal

from parindex.web.assessments.actions import do_save_self_score
from parindex.web.cycles.actions import do_create_cycle
from parindex.web.results import models as results_models
from parindex.web.results.compute import cycle_inputs, provisional
from parindex.web.units.models import Unit
from tests.web.conftest import scored_world


def test_the_preview_is_kept_while_nothing_changes_and_computed_afresh_after_a_change(world):
    scored_world(world)
    first = provisional(world.cycle, cycle_inputs(world.cycle, provisional=True))
    again = provisional(world.cycle, cycle_inputs(world.cycle, provisional=True))
    assert again[0] is first[0]  # the same inputs: kept, not computed again
    score = world.score(world.unit_b, "1.2")
    score.refresh_from_db()
    do_save_self_score(world.officer_b, score, Decimal("1"), False, "Sửa lại", score.version)
    changed = provisional(world.cycle, cycle_inputs(world.cycle, provisional=True))
    assert changed[0] is not first[0]
    before = {u.code: u.index for u in first[0].units}
    after = {u.code: u.index for u in changed[0].units}
    assert after[world.unit_b.code] < before[world.unit_b.code]
    assert after[world.unit_a.code] == before[world.unit_a.code]


def test_the_cycle_page_shows_200_units_a_page_and_searches_all_of_them(client, world):
    units = [
        Unit.objects.create(code=f"P{i:03d}", name=f"Số {i:03d}", kind="phường") for i in range(230)
    ]
    cycle = do_create_cycle("Kỳ lớn", world.cycle.framework, "2031", units, world.admin)
    client.force_login(world.admin)
    page = client.get(f"/ky/{cycle.pk}/").content.decode()
    assert "phường Số 000" in page and "phường Số 199" in page and "phường Số 200" not in page
    assert "230/230 dòng" in page and "Trang 1/2" in page and "trang=2" in page
    second = client.get(f"/ky/{cycle.pk}/?trang=2").content.decode()
    assert "phường Số 200" in second and "phường Số 229" in second
    assert "phường Số 199" not in second and "Trang 2/2" in second
    found = client.get(f"/ky/{cycle.pk}/?q=so 229").content.decode()
    assert "phường Số 229" in found and "1/230 dòng" in found and "Trang 1" not in found
    beyond = client.get(f"/ky/{cycle.pk}/?trang=99&sap-xep=-code").content.decode()
    assert "Trang 2/2" in beyond and "phường Số 000" in beyond  # the last page, descending
    csv = client.get(f"/ky/{cycle.pk}/tien-do.csv").content.decode()
    assert "phường Số 000" in csv and "phường Số 229" in csv  # the export has every unit


def test_a_publications_page_reads_its_large_parts_once_per_process(client, world):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.conftest import close_and_publish

    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định số 1", date(2024, 12, 21), world.admin)
    results_models._KEPT.clear()
    url = f"/cong-khai/{publication.pk}/don-vi/{world.unit_a.code}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries)
    for part in ("summary", "lost_points", '"results"'):
        assert f'"results_publication"."{part.strip(chr(34))}"' not in read, part
    assert results_models.kept((publication.sha256, "summary")) is not None


def test_results_json_is_served_byte_for_byte_from_the_databases_bytes(client, world):
    from datetime import date

    from parindex.web.results.models import Publication
    from tests.web.conftest import close_and_publish

    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định số 1", date(2024, 12, 21), world.admin)
    text = Publication.objects.get(pk=publication.pk).results
    assert "xã Tiên Châu" in text  # not ASCII: the bytes are UTF-8, converted by the database
    assert client.get(f"/cong-khai/{publication.pk}/results.json").content == text.encode()
    assert client.get(f"/api/ket-qua/{publication.pk}/").content == text.encode()
