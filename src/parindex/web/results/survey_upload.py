"""Raw survey responses from the cycle's page: upload, see the row report, accept (the CLI's import)."""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from parindex.core.problems import InputError
from parindex.web.audit.actions import record
from parindex.web.errors import ActionError
from parindex.web.results.models import SurveyUpload

ALLOWED = (".csv", ".xlsx", ".txt", ".tsv")


def _read(upload: SurveyUpload, drop_invalid: bool) -> Any:
    """Read the stored responses through the importer (a local copy, so any storage backend works)."""
    import yaml

    from parindex.core.questionnaire import parse_questionnaire
    from parindex.io.frameworks import _ExactLoader
    from parindex.io.survey_responses import parse_mapping, read_responses

    questionnaire = parse_questionnaire(
        yaml.load(upload.questionnaire, Loader=_ExactLoader), "phiếu điều tra"
    )
    mapping = (
        parse_mapping(yaml.safe_load(upload.mapping), "ánh xạ") if upload.mapping.strip() else None
    )
    units = list(upload.cycle.participations.values_list("unit__code", flat=True))
    suffix = Path(upload.responses_name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{Path(upload.responses_name).stem or 'phieu'}{suffix}"
        with upload.responses.open("rb") as source:
            path.write_bytes(source.read())
        return questionnaire, read_responses(
            path, questionnaire, units, mapping=mapping, drop_invalid=drop_invalid
        )


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
        _, imported = _read(upload, drop_invalid=True)
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
        new=f"{name}: {imported.kept}/{imported.read} phiếu hợp lệ",
    )
    return upload


@transaction.atomic
def do_accept_survey(upload: SurveyUpload, actor: Any) -> Any:
    """Compute the survey points (exact, with bootstrap intervals) and attach them to the cycle."""
    from parindex.core.survey import compute_survey
    from parindex.io.survey_points import draws_bytes, to_dict
    from parindex.web.results.actions import do_attach_survey

    if upload.accepted_at is not None:
        raise ActionError("Tệp này đã được chấp nhận")
    questionnaire, imported = _read(upload, drop_invalid=True)
    framework = upload.cycle.framework.to_core()
    from parindex.core.questionnaire import check_against

    problems = check_against(questionnaire, framework)
    if problems:
        raise ActionError("Phiếu điều tra không khớp bộ tiêu chí của kỳ đánh giá", problems)
    result = compute_survey(framework, imported.data)
    counts = {
        "read": imported.read,
        "kept": imported.kept,
        "rejected": imported.read - imported.kept,
    }
    text = json.dumps(to_dict(result, counts), ensure_ascii=False, default=str)
    source = do_attach_survey(upload.cycle, text, actor, draws=draws_bytes(result))
    upload.accepted_at = timezone.now()
    upload.save(update_fields=["accepted_at"])
    return source
