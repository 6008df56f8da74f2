"""A cycle ranked within blocks (communes apart from wards): set when the cycle is created."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parindex.web.cycles.actions import do_create_cycle
from parindex.web.cycles.models import Cycle
from parindex.web.errors import ActionError
from parindex.web.results.actions import recompute_matches
from parindex.web.units.models import Unit
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"


def blocked(world):
    """Tiên Hà becomes a ward; the cycle ranks communes and wards apart."""
    Unit.objects.filter(pk=world.unit_b.pk).update(kind="phường")
    Cycle.objects.filter(pk=world.cycle.pk).update(block_by="kind")
    world.cycle.refresh_from_db()
    return scored_world(world)


def test_each_unit_is_ranked_in_its_block_and_the_page_filters_by_block(client, world):
    publication = close_and_publish(blocked(world).cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    assert results["block_by"] == "kind"
    ranks = {u["unit"]: (u["block"], u["rank"], u["of"]) for u in results["units"]}
    assert ranks == {"XA": ("xã", 1, 1), "XB": ("phường", 1, 1)}
    assert recompute_matches(publication)

    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "<th>Khối</th>" in page
    wards = client.get(f"/cong-khai/{publication.pk}/?khoi=ph%C6%B0%E1%BB%9Dng").content.decode()
    ranking = wards[wards.index(">Hạng</th>") :]  # after the table of blocks
    table = ranking[ranking.index("<tbody>") : ranking.index("</tbody>")]
    assert 'href="don-vi/XB/"' in table and 'href="don-vi/XA/"' not in table


def test_a_cycle_cannot_be_blocked_by_something_the_engine_does_not_know(world):
    with pytest.raises(ActionError, match="Không xếp hạng theo khối «tuổi» được"):
        do_create_cycle("Kỳ thử", world.cycle.framework, "2025", [], world.admin, block_by="tuổi")


def test_a_blocked_ranking_lists_block_by_block_each_by_rank():
    """Not 1/18, 1/117, 1/12, 2/18 … but the wards' ranking, then the communes', then the towns'."""
    from parindex.io.results_json import FORMAT, published

    def run(blocks):
        return published(
            {
                "format": FORMAT,
                "blocks": [{"label": label, "of": 1, "average": 80} for label in blocks],
                "units": [
                    {"unit": code, "block": block, "rank": rank, "of": 2, "index": 80}
                    for code, block, rank in (
                        ("A", "xã", 1),
                        ("B", "phường", 1),
                        ("C", "thị trấn", 1),
                        ("D", "phường", 2),
                        ("E", "xã", 2),
                    )
                ],
            }
        )

    blocked = run(["phường", "xã", "thị trấn"])
    assert [u.code for u in blocked.in_rank_order()] == ["B", "D", "A", "E", "C"]
    assert [u.code for u in run([]).in_rank_order()] == ["A", "B", "C", "D", "E"]


def test_a_blocked_publication_shows_each_blocks_figures_and_no_average_across_them(client, world):
    """XA (xã, 85,25) and XB (phường, 82,50): no page shows their average 83,88."""
    publication = close_and_publish(blocked(world).cycle, DECISION, date(2024, 12, 21), world.admin)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "83,88" not in page
    assert "Chỉ số bình quân</th>" in page and "Chỉ số bình quân: <strong>" not in page
    rows = page[page.index("Cao nhất</th>") : page.index("Xếp hạng theo khối:")]
    assert "<td>xã</td>" in rows and "<strong>85,25</strong>" in rows
    assert "<td>xã Tiên Châu (85,25)</td>" in rows
    assert "<td>phường</td>" in rows and "<strong>82,50</strong>" in rows
    assert "Bình quân khối xã: 85,25" in page  # the ranking chart's line over the xã bars

    unit = client.get(f"/cong-khai/{publication.pk}/don-vi/XB/").content.decode()
    assert "◆ bình quân khối phường" in unit and "bình quân các đơn vị" not in unit


def test_an_unblocked_publication_keeps_its_average(client, world):
    publication = close_and_publish(
        scored_world(world).cycle, DECISION, date(2024, 12, 21), world.admin
    )
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Chỉ số bình quân: <strong>83,88</strong>" in page
    assert "Cao nhất</th>" not in page
