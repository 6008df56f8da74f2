"""A round's pages: each persona sees the cycles it may; a published round shows its three
blocks apart, each with its own average and ranks, never a figure across blocks."""

from __future__ import annotations

import json
import re

import pytest

from parindex.core.workflow import CycleState
from parindex.web.cycles.actions import do_transition_cycle
from parindex.web.results.actions import recompute_matches
from parindex.web.results.compute import compute, cycle_inputs
from tests.web.rounds import SCHEME, build_province, create_round, publish_round, score_round


@pytest.fixture
def province(db):
    return build_province()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_rounds_cycle_ranks_each_unit_in_its_block(province):
    made = create_round(province)
    communes = made.cycles.get(framework__code="tinh-xa-2025")
    do_transition_cycle(communes, CycleState.SELF_ASSESSMENT, province.admin)
    score_round(made, province)
    results = compute(communes, cycle_inputs(communes))[1]
    data = json.loads(results)
    assert data["block_by"] == "block"
    assert [b["label"] for b in data["blocks"]] == ["Khối phường", "Khối xã, đặc khu"]
    ranks = {u["unit"]: (u["block"], u["rank"], u["of"]) for u in data["units"]}
    assert ranks == {
        "PB": ("Khối phường", 1, 2),
        "PA": ("Khối phường", 2, 2),
        "DK": ("Khối xã, đặc khu", 1, 2),
        "XQ": ("Khối xã, đặc khu", 2, 2),
    }
    assert [b["average"] for b in data["blocks"]] == [91.5, 92.5]


def test_a_unit_whose_kind_left_the_blocks_is_named_in_the_preview(client, province):
    made = create_round(province)
    communes = made.cycles.get(framework__code="tinh-xa-2025")
    province.units["XQ"].kind = "thị trấn"  # changed in the units' admin after the round began
    province.units["XQ"].save()
    client.force_login(province.admin)
    page = client.get(f"/ky/{communes.pk}/ket-qua/").content.decode()
    # scored as it stands (the admin's decision for a unit that did not submit): its kind is named
    from parindex.web.results.actions import do_decide_unit

    do_decide_unit(communes, province.units["XQ"], "score", "Chưa nộp", province.admin)
    page = client.get(f"/ky/{communes.pk}/ket-qua/").content.decode()
    assert "đơn vị XQ: đơn vị loại «thị trấn» không thuộc bộ tiêu chí và khối nào" in page


def test_the_admin_sees_every_cycle_of_the_round_with_its_blocks_and_state(client, province):
    made = create_round(province)
    client.force_login(province.admin)
    page = client.get(f"/dot/{made.pk}/").content.decode()
    assert page.count('<section class="card">') == 2
    words = text(page)
    assert "Khối sở, ban, ngành sở 2" in words
    assert "Khối phường phường 2" in words and "Khối xã, đặc khu xã, đặc khu 2" in words
    assert "Bước hiện tại: Đang chuẩn bị" in words
    assert "Phương án (YAML, như đã tải lên)" in page
    dashboard = client.get("/").content.decode()
    assert f'href="/dot/{made.pk}/"' in dashboard and "Tạo đợt đánh giá từ phương án" in dashboard


def test_an_officer_of_a_commune_sees_only_their_cycle(client, province):
    made = create_round(province)
    departments = made.cycles.get(framework__code="tinh-so-2025")
    communes = made.cycles.get(framework__code="tinh-xa-2025")
    client.force_login(province.officer_xq)
    page = client.get(f"/dot/{made.pk}/").content.decode()
    assert f'href="/ky/{communes.pk}/"' in page and f'href="/ky/{departments.pk}/"' not in page
    assert "Phương án (YAML" not in page  # the scheme's text is the admin's
    dashboard = client.get("/").content.decode()
    assert communes.name in dashboard and departments.name not in dashboard
    assert "Tạo đợt đánh giá từ phương án" not in dashboard
    assert client.get(f"/ky/{departments.pk}/").status_code == 404
    assert client.get(f"/ky/{communes.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("leader", 200), ("officer_snv", 200), ("appraiser", 404), ("anonymous", 302)],
)
def test_who_may_open_a_rounds_page(client, province, persona, status):
    made = create_round(province)
    if persona != "anonymous":
        client.force_login(getattr(province, persona))
    assert client.get(f"/dot/{made.pk}/").status_code == status
    assert client.get("/dot/999999/").status_code == (302 if persona == "anonymous" else 404)


def test_a_published_rounds_page_shows_the_three_blocks_apart(client, province):
    made = create_round(province)
    publications = publish_round(made, province)
    assert all(recompute_matches(p) for p in publications)
    page = client.get(f"/cong-khai/dot/{made.pk}/").content.decode()
    words = text(page)
    heads = re.findall(r"<h2>(.*?)</h2>", page)
    assert heads == ["Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"]
    assert "Chỉ số bình quân của khối: 90,50 · 2 đơn vị" in words  # (88 + 93) ÷ 2
    assert "Chỉ số bình quân của khối: 91,50 · 2 đơn vị" in words  # (85 + 98) ÷ 2
    assert "Chỉ số bình quân của khối: 92,50 · 2 đơn vị" in words  # (90 + 95) ÷ 2
    assert "Chỉ số bình quân:" not in words  # no average across blocks or frameworks
    communes = page[page.index("<h2>Khối xã, đặc khu</h2>") :]
    assert re.search(r"1/2</td><td><a [^>]*>đặc khu Cát Hải</a>", communes)
    assert re.search(r"2/2</td><td><a [^>]*>xã Quyết Thắng</a>", communes)
    assert "Phường" not in communes and "Sở" not in communes


def test_a_rounds_publication_gives_each_blocks_average_not_one_across_them(client, province):
    made = create_round(province)
    publish_round(made, province)
    communes = made.cycles.get(framework__code="tinh-xa-2025").publications.get()
    page = client.get(f"/cong-khai/{communes.pk}/").content.decode()
    words = text(page)
    blocks = page[page.index("<th>Khối</th>") :]  # the table of blocks: one line per block
    assert re.search(
        r"<td>Khối phường</td><td class=\"num\">2</td><td class=\"num\"><strong>91,50</strong>",
        blocks,
    )
    assert re.search(
        r"<td>Khối xã, đặc khu</td><td class=\"num\">2</td><td class=\"num\"><strong>92,50</strong>",
        blocks,
    )
    assert "Chỉ số bình quân:" not in words and "Bình quân 92,00" not in page  # nor in the chart
    bars = re.findall(r"<title>\d+\. ([^:]+):", page)  # the ranking chart, block by block
    assert bars == ["phường Lê Chân", "phường An Biên", "đặc khu Cát Hải", "xã Quyết Thắng"]
    assert "Thuộc đợt đánh giá: Chỉ số CCHC năm 2025" in words


def test_the_public_index_lists_the_round_and_its_publications(client, province):
    made = create_round(province)
    publications = publish_round(made, province)
    page = client.get("/cong-khai/").content.decode()
    assert f'href="/cong-khai/dot/{made.pk}/"' in page
    assert all(f'href="/cong-khai/{p.pk}/"' in page for p in publications)


def test_a_round_with_nothing_published_is_not_public(client, province):
    made = create_round(province)
    assert client.get(f"/cong-khai/dot/{made.pk}/").status_code == 404
    client.force_login(province.admin)
    assert client.get(f"/cong-khai/dot/{made.pk}/").status_code == 404
    assert "Kết quả đã công bố theo khối" not in client.get(f"/dot/{made.pk}/").content.decode()


def test_a_published_part_is_public_before_the_other(client, province):
    from datetime import date

    from tests.web.conftest import close_and_publish

    made = create_round(province)
    for cycle in made.cycles.all():
        do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, province.admin)
    score_round(made, province)
    departments = made.cycles.get(framework__code="tinh-so-2025")
    close_and_publish(departments, "Quyết định số 1/QĐ-UBND", date(2026, 1, 9), province.admin)
    page = client.get(f"/cong-khai/dot/{made.pk}/").content.decode()
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["Khối sở, ban, ngành"]


def test_a_rounds_pages_do_not_grow_with_its_units(client, province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parindex.web.units.models import Unit

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = create_round(province)
    publish_round(small, province)
    for i in range(20):
        Unit.objects.create(code=f"XN{i:02d}", name=f"Xã Mới {i}", kind="xã")
    large = create_round(province, scheme=SCHEME.replace("tinh-2025", "tinh-2025b"))
    publish_round(large, province)
    client.force_login(province.admin)
    assert count(f"/dot/{small.pk}/") == count(f"/dot/{large.pk}/")
    client.logout()
    assert count(f"/cong-khai/dot/{small.pk}/") == count(f"/cong-khai/dot/{large.pk}/")
