"""Survey respondents' personal data: how long it is kept.

The raw questionnaire responses uploaded on a cycle's page (``SurveyUpload``: the export
file, with respondent ids, submission times and free-text answers, and its row report, which
quotes cells of rejected rows) are the only place respondents appear. The survey points the
results are computed from (``SurveySource``: per unit and survey leaf, the number of
respondents and the points) hold no respondent row, so nothing published (results.json, the
appendix, the API, the documents) can carry a respondent identifier.

The raw uploads are removed ``settings.RESPONDENT_RETENTION_DAYS`` days after the cycle's
first publication (``manage.py purge_respondents``, run daily by the operator's scheduler);
the survey points, their hash and the audit trail stay, so the results can still be verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from parindex.web.results.models import Publication, SurveyUpload


@dataclass(frozen=True)
class Purged:
    cycle: str
    file: str
    uploaded_at: dt.datetime


def due_uploads(older_than_days: int, now: dt.datetime | None = None) -> list[SurveyUpload]:
    """The raw uploads of cycles first published more than ``older_than_days`` days ago."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    published = (
        Publication.objects.values("cycle_id")
        .annotate(first=Min("published_at"))
        .filter(first__lte=cutoff)
        .values_list("cycle_id", flat=True)
    )
    return list(
        SurveyUpload.objects.filter(cycle_id__in=list(published))
        .select_related("cycle")
        .order_by("id")
    )


@transaction.atomic
def do_purge_respondents(
    older_than_days: int | None = None, now: dt.datetime | None = None
) -> list[Purged]:
    """Remove the raw responses (file and row report) of every cycle published more than
    ``older_than_days`` (default: the setting) days ago; returns what was removed."""
    days = settings.RESPONDENT_RETENTION_DAYS if older_than_days is None else older_than_days
    purged = []
    for upload in due_uploads(days, now):
        purged.append(Purged(upload.cycle.name, upload.responses_name, upload.uploaded_at))
        if upload.responses:
            upload.responses.delete(save=False)
        upload.delete()
    return purged
