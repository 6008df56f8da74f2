"""Rank intervals in the web: the survey's simulated draws travel with its points into the publication."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.audit.models import AuditEntry
from parindex.web.results.actions import recompute_matches
from parindex.web.results.models import SurveySource
from tests.web.conftest import close_and_publish, scored_world, survey_points

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"


def draws_file(centres: dict[str, float], spread: float, name: str = "points.draws.npz") -> Any:
    """A .draws.npz as `parindex survey import` writes it: 1,000 resampled survey totals per unit."""
    rng = np.random.default_rng(7)
    codes = list(centres)
    totals = np.stack(
        [rng.normal(centres[c], spread, 1000).astype(np.float32) for c in codes], axis=1
    )
    buffer = io.BytesIO()
    np.savez_compressed(buffer, units=np.array(codes), totals=totals)
    return SimpleUploadedFile(name, buffer.getvalue())


def attach(client, world, draws) -> str:
    points = SimpleUploadedFile(
        "points.json", survey_points(world, {"XA": "8.55", "XB": "7"}).encode()
    )
    files = {"points": points, **({"draws": draws} if draws is not None else {})}
    return client.post(f"/ky/{world.cycle.pk}/dieu-tra/", files, follow=True).content.decode()


def test_an_uncertain_survey_gives_both_units_the_interval_1_2_on_the_published_pages(
    client, world
):
    scored_world(world)
    client.force_login(world.admin)
    # self points: XA 8,5, XB 9,5; survey 8,55 against 7 with a spread of 1 point either way
    page = attach(client, world, draws_file({"XA": 8.55, "XB": 7.0}, spread=1.0))
    assert "kèm mẫu mô phỏng (có khoảng tin cậy của thứ hạng)" in page
    assert (
        "1.000 mẫu mô phỏng"
        in AuditEntry.objects.filter(action="survey.attach").order_by("id").last().new
    )

    preview = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "1–2" in preview

    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    intervals = {u["unit"]: u["rank_interval"] for u in results["units"]}
    assert intervals == {"XA": [1, 2], "XB": [1, 2]}
    assert results["unsettled"] == ["XA", "XB"]
    assert recompute_matches(publication)  # the draws are part of the stored inputs

    client.logout()
    ranking = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "1–2" in ranking
    unit = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    assert "khoảng tin cậy 95%: 1–2" in unit


def test_a_sure_survey_settles_the_ranks_and_no_interval_is_shown(client, world):
    scored_world(world)
    client.force_login(world.admin)
    attach(client, world, draws_file({"XA": 8.55, "XB": 7.0}, spread=0.01))
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    assert {u["unit"]: u["rank_interval"] for u in results["units"]} == {
        "XA": [1, 1],
        "XB": [2, 2],
    }
    assert results["unsettled"] == []
    unit = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    assert "khoảng tin cậy 95%: " not in unit


def test_draws_that_are_not_the_units_or_not_an_archive_are_refused_and_nothing_changes(
    client, world
):
    scored_world(world)
    before = SurveySource.objects.get(cycle=world.cycle)
    client.force_login(world.admin)
    page = attach(client, world, draws_file({"XA": 8.55, "XC": 7.0}, spread=1.0))
    assert "tệp mẫu mô phỏng không khớp danh sách đơn vị" in page
    page = attach(client, world, SimpleUploadedFile("points.draws.npz", b"not a zip"))
    assert "không đọc được tệp mẫu mô phỏng (.npz)" in page
    after = SurveySource.objects.get(cycle=world.cycle)
    assert (after.sha256, bytes(after.draws)) == (before.sha256, b"")


def test_survey_points_without_draws_still_score_and_show_no_interval(client, world):
    scored_world(world)
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    results = json.loads(publication.results)
    assert all(u.get("rank_interval") is None for u in results["units"])


def test_draws_that_would_unpack_to_gigabytes_are_refused_before_reading(
    client, world, monkeypatch
):
    from parindex.io import survey_points

    scored_world(world)
    client.force_login(world.admin)
    monkeypatch.setattr(survey_points, "MAX_DRAWS_BYTES", 1000)
    page = attach(client, world, draws_file({"XA": 8.55, "XB": 7.0}, spread=1.0))
    assert "mẫu mô phỏng (.draws.npz): tệp mẫu mô phỏng giải nén ra hơn" in page
