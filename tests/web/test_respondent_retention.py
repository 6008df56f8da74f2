"""Survey respondents' personal data: no respondent identifier reaches anything published,
and the raw responses are removed a set time after the cycle's publication."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from parindex.io.results_json import parse_results
from parindex.reports import xlsx_appendix
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.models import Publication, SurveySource, SurveyUpload
from tests.web.test_survey_upload import SURVEY, survey_cycle, upload


def respondent_ids() -> set[str]:
    """The ids the survey tool gave each respondent (KoBo's _id and _uuid columns)."""
    rows = list(
        csv.DictReader(io.StringIO((SURVEY / "kobo.csv").read_text("utf-8")), delimiter=";")
    )
    return {r["_id"] for r in rows} | {r["_uuid"] for r in rows}


@pytest.fixture
def surveyed(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    upload(client, cycle, "kobo.csv")
    accepted = cycle.survey_uploads.get()
    client.post(f"/ky/{cycle.pk}/phieu-tra-loi/{accepted.pk}/", follow=True)
    assert SurveySource.objects.filter(cycle=cycle).exists()
    return cycle


def published_long_ago(cycle, admin, days):
    publication = Publication.objects.create(
        cycle=cycle,
        decision="Quyết định số 9/QĐ-UBND",
        published_by=admin,
        framework_sha256="-",
        inputs="{}",
        results="{}",
        sha256="-",
    )
    Publication.objects.filter(pk=publication.pk).update(
        published_at=timezone.now() - timedelta(days=days)
    )


def test_no_respondent_identifier_reaches_what_is_published(surveyed):
    ids = respondent_ids()
    assert len(ids) == 84  # 42 respondents, two ids each
    inputs = json.dumps(cycle_inputs(surveyed, provisional=True), ensure_ascii=False)
    _run, results = compute(surveyed, json.loads(inputs), decision="Quyết định số 9/QĐ-UBND")
    with zipfile.ZipFile(io.BytesIO(xlsx_appendix.render(parse_results(results)))) as book:
        appendix = " ".join(
            book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml")
        )
    survey_points = SurveySource.objects.get(cycle=surveyed).data
    for published in (inputs, results, appendix, survey_points):
        assert not [i for i in ids if i in published]
    assert "31870001" in SurveyUpload.objects.get().responses.read().decode()  # kept until purged


def test_the_raw_responses_are_removed_a_year_after_publication(surveyed, world, settings):
    settings.RESPONDENT_RETENTION_DAYS = 365
    raw = SurveyUpload.objects.get()
    name = raw.responses.name
    published_long_ago(surveyed, world.admin, days=364)
    call_command("purge_respondents", verbosity=0)
    assert SurveyUpload.objects.count() == 1 and default_storage.exists(name)  # not yet

    Publication.objects.update(published_at=timezone.now() - timedelta(days=366))
    out = io.StringIO()
    call_command("purge_respondents", stdout=out)
    assert "Đã xóa kobo.csv (Kỳ có điều tra)" in out.getvalue()
    assert not SurveyUpload.objects.exists() and not default_storage.exists(name)
    assert SurveySource.objects.filter(cycle=surveyed).exists()  # the points stay


def test_an_unpublished_cycle_keeps_its_responses_and_the_days_are_a_choice(surveyed, world):
    call_command("purge_respondents", "--older-than-days", "0", verbosity=0)
    assert SurveyUpload.objects.count() == 1  # never published: still being worked on
    published_long_ago(surveyed, world.admin, days=31)
    call_command("purge_respondents", "--older-than-days", "30", verbosity=0)
    assert not SurveyUpload.objects.exists()
