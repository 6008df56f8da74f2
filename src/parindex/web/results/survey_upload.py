"""Raw survey responses from the cycle's page: upload, see the row report, accept.

The same import as ``parindex survey import`` (``services.survey``), with the populations
of the cycle's units.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.core.questionnaire import Questionnaire
from parindex.io.survey_responses import Mapping as ResponseMapping
from parindex.services.survey import (
    SurveyUnits,
    check_questionnaire,
    check_responses,
    import_survey,
)
from parindex.web.audit.actions import record
from parindex.web.errors import ActionError
from parindex.web.results.models import SurveyUpload

ALLOWED = (".csv", ".xlsx", ".txt", ".tsv")


def _questionnaire(upload: SurveyUpload) -> Questionnaire:
    import yaml

    from parindex.core.questionnaire import parse_questionnaire
    from parindex.io.frameworks import _ExactLoader

    return parse_questionnaire(
        yaml.load(upload.questionnaire, Loader=_ExactLoader), "phiếu điều tra"
    )


def _mapping(upload: SurveyUpload) -> ResponseMapping | None:
    import yaml

    from parindex.io.survey_responses import parse_mapping

    if not upload.mapping.strip():
        return None
    return parse_mapping(yaml.safe_load(upload.mapping), "ánh xạ")


def _units(cycle: Any) -> SurveyUnits:
    """The cycle's units, each with its population N for the minimum sample (None: unknown)."""
    return dict(cycle.participations.values_list("unit__code", "unit__population"))


@contextmanager
def _responses_file(upload: SurveyUpload) -> Iterator[Path]:
    """The stored responses as a local file (any storage backend), named as uploaded."""
    suffix = Path(upload.responses_name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{Path(upload.responses_name).stem or 'phieu'}{suffix}"
        with upload.responses.open("rb") as source:
            path.write_bytes(source.read())
        yield path


@transaction.atomic
def do_upload_survey(
    cycle: Any, questionnaire: str, responses: Any, name: str, mapping: str, actor: Any
) -> SurveyUpload:
    """Store the files and check every row; the report lists each rejected row with its reason."""
    if Path(name).suffix.lower() not in ALLOWED:
        raise ActionError("Phiếu trả lời phải là tệp CSV hoặc XLSX")
    upload = SurveyUpload(
        cycle=cycle,
        questionnaire=questionnaire,
        mapping=mapping,
        uploaded_by=actor,
        responses_name=name,
    )
    upload.responses.save(
        f"{uuid.uuid4().hex}{Path(name).suffix.lower()}", ContentFile(responses.read()), save=False
    )
    try:
        with _responses_file(upload) as path:
            imported = check_responses(
                _questionnaire(upload),
                path,
                _units(cycle),
                mapping=_mapping(upload),
                drop_invalid=True,
            )
    except InputError as exc:
        raise ActionError("Không đọc được tệp phiếu trả lời", exc.problems) from exc
    upload.report = json.dumps(
        {
            "read": imported.read,
            "kept": imported.kept,
            "rejected": [
                {"row": r.row, "column": r.column, "value": r.value, "reason": r.reason}
                for r in imported.rejected
            ],
            "shape": imported.shape,
        },
        ensure_ascii=False,
    )
    upload.save()
    record(
        actor,
        "survey.upload",
        cycle=cycle,
        field="survey",
        new=f"{name}: {format_count(imported.kept)}/{format_count(imported.read)} phiếu hợp lệ",
    )
    return upload


@transaction.atomic
def do_accept_survey(upload: SurveyUpload, actor: Any) -> Any:
    """Compute the survey points (exact, with bootstrap intervals, each unit's minimum sample
    from its population) and attach them to the cycle."""
    from parindex.io.survey_points import draws_bytes, to_dict
    from parindex.web.results.actions import do_attach_survey

    if upload.accepted_at is not None:
        raise ActionError("Tệp này đã được chấp nhận")
    questionnaire = _questionnaire(upload)
    framework = upload.cycle.framework.to_core()
    try:
        check_questionnaire(questionnaire, framework)
    except InputError as exc:
        raise ActionError(
            "Phiếu điều tra không khớp bộ tiêu chí của kỳ đánh giá", exc.problems
        ) from exc
    with _responses_file(upload) as path:
        survey = import_survey(
            framework,
            questionnaire,
            path,
            _units(upload.cycle),
            mapping=_mapping(upload),
            drop_invalid=True,
        )
    text = json.dumps(to_dict(survey.result, survey.counts), ensure_ascii=False, default=str)
    source = do_attach_survey(upload.cycle, text, actor, draws=draws_bytes(survey.result))
    upload.accepted_at = timezone.now()
    upload.save(update_fields=["accepted_at"])
    return source
