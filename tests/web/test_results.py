"""Publishing results: a snapshot that recomputes digit for digit, kept when superseded, public."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parindex.web.audit.models import AppendOnlyError
from parindex.web.errors import ActionError
from parindex.web.results.actions import do_publish_cycle, recompute_matches
from parindex.web.results.models import Publication
from tests.web.conftest import scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"


def test_the_preview_lists_what_is_missing(client, world):
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "Chưa tính được kết quả" in page
    assert "đơn vị XA, tiêu chí 1.1: chưa có điểm" in page
    assert "chưa nhập điểm điều tra xã hội học" in page


def test_publishing_fixes_the_results_and_they_recompute_exactly(world):
    scored_world(world)
    publication = do_publish_cycle(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    assert results["decision"] == DECISION
    a = next(u for u in results["units"] if u["unit"] == "XA")
    # 2 + 2,5 + 4 self points, 8,55 survey points, of 20
    assert (a["score"], a["max"], a["index"], a["rank"]) == (17.05, 20, 85.25, 1)
    assert a["survey"]["score"] == 8.55
    assert recompute_matches(publication)
    assert len(publication.sha256) == 64


def test_a_publication_is_never_edited_and_republishing_needs_a_reason(world):
    scored_world(world)
    first = do_publish_cycle(world.cycle, DECISION, None, world.admin)
    first.decision = "sửa"
    with pytest.raises(AppendOnlyError):
        first.save()
    with pytest.raises(ActionError, match="công bố lại cần ghi lý do"):
        do_publish_cycle(world.cycle, DECISION, None, world.admin)
    second = do_publish_cycle(
        world.cycle, "Quyết định số 5000/QĐ-UBND", None, world.admin, reason="Sửa sai sót"
    )
    assert second.supersedes == first
    assert Publication.objects.count() == 2


def test_the_public_page_and_the_api_show_only_what_is_published(client, world):
    assert "Chưa có kết quả nào được công bố" in client.get("/cong-khai/").content.decode()
    assert client.get("/api/ket-qua/").json() == {"publications": []}
    scored_world(world)
    publication = do_publish_cycle(world.cycle, DECISION, None, world.admin)
    page = client.get("/cong-khai/").content.decode()
    assert world.cycle.name in page
    ranking = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "xã Tiên Châu" in ranking and "85,25" in ranking
    assert "Đã thực hiện" not in ranking  # no explanations or evidence on the public page
    listing = client.get("/api/ket-qua/").json()["publications"]
    assert [p["sha256"] for p in listing] == [publication.sha256]
    body = client.get(f"/api/ket-qua/{publication.pk}/").content.decode()
    assert body == publication.results
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.")
    assert (
        "Tính lại từ dữ liệu đã lưu: khớp đến từng chữ số"
        in client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    )
