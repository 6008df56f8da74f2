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
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from parindex.core.numbers import format_count, format_points, plain_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Questionnaire
from parindex.core.survey import points_out_of_range
from parindex.io.survey_responses import Mapping as ResponseMapping
from parindex.services.survey import (
    SurveyUnits,
    check_questionnaire,
    import_survey,
)
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.results.models import SurveyManual, SurveyUpload

ALLOWED = (".csv", ".xlsx", ".txt", ".tsv")


def questionnaire_of(upload: SurveyUpload) -> Questionnaire:
    from parindex.core.questionnaire import parse_questionnaire
    from parindex.io.frameworks import parse_yaml

    return parse_questionnaire(parse_yaml(upload.questionnaire, "phiếu điều tra"), "phiếu điều tra")


def _mapping(upload: SurveyUpload) -> ResponseMapping | None:
    from parindex.io.frameworks import parse_yaml
    from parindex.io.survey_responses import parse_mapping

    if not upload.mapping.strip():
        return None
    return parse_mapping(parse_yaml(upload.mapping, "ánh xạ"), "ánh xạ")


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
    """Store the files and check every row; the report lists each rejected row with its reason,
    or the header's problems when a column is missing (then the columns are mapped on screen)."""
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
    from parindex.io.tables import read_table
    from parindex.web.results.survey_mapping import row_report

    try:
        questionnaire_of(upload)
    except InputError as exc:
        raise ActionError("Phiếu điều tra (YAML) không hợp lệ", exc.problems) from exc
    try:
        _mapping(upload)
        with _responses_file(upload) as path:
            read_table(path)
    except InputError as exc:
        raise ActionError("Không đọc được tệp phiếu trả lời", exc.problems) from exc
    # a header the importer cannot place is kept: the admin maps its columns on screen
    report = row_report(upload)
    upload.report = json.dumps(report, ensure_ascii=False)
    upload.save()
    record(
        actor,
        "survey.upload",
        cycle=cycle,
        field="survey",
        new=f"{name}: {format_count(report['kept'])}/{format_count(report['read'])} phiếu hợp lệ"
        if "kept" in report
        else f"{name}: cần chọn cột",
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
    if "kept" not in json.loads(upload.report or "{}"):
        raise ActionError("Chưa đọc được phiếu trả lời: hãy chọn cột cho từng mục trước")
    questionnaire = questionnaire_of(upload)
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


@transaction.atomic
def do_enter_survey_points(
    cycle: Any, unit: Any, points: dict[str, Decimal], reason: str, actor: Any
) -> SurveyManual:
    """A unit's survey points typed by hand, with the reason (they replace the unit's points
    from the survey file in the computation)."""
    if not reason.strip():
        raise ActionError(f"Nhập tay điểm điều tra của {unit} cần ghi lý do")
    if not cycle.participations.filter(unit=unit).exists():
        raise ActionError(f"{unit} không tham gia kỳ đánh giá này")
    leaves = [leaf for leaf in cycle.framework.to_core().leaves if leaf.source == "survey"]
    if not leaves:
        raise ActionError("Bộ tiêu chí của kỳ không có tiêu chí điều tra xã hội học")
    problems = [
        Problem(f"tiêu chí {leaf.code}: {wrong}")
        for leaf in leaves
        if leaf.code in points and (wrong := points_out_of_range(points[leaf.code], leaf.max))
    ]
    problems += [
        Problem(f"tiêu chí {leaf.code}: chưa ghi điểm")
        for leaf in leaves
        if leaf.code not in points
    ]
    if problems:
        raise ActionError(f"Điểm điều tra của {unit} chưa đúng", problems)
    old = SurveyManual.objects.filter(cycle=cycle, unit=unit).first()
    row, _ = SurveyManual.objects.update_or_create(
        cycle=cycle,
        unit=unit,
        defaults={
            "points": {leaf.code: plain_decimal(points[leaf.code]) for leaf in leaves},
            "reason": reason.strip(),
            "entered_by": actor,
        },
    )
    total = sum((points[leaf.code] for leaf in leaves), Decimal(0))
    record(
        actor,
        AuditAction.SURVEY_MANUAL,
        cycle=cycle,
        unit=unit,
        field="survey",
        old=", ".join(f"{k}: {v}" for k, v in old.points.items()) if old else "",
        new=f"{format_points(total)} điểm",
        reason=reason.strip(),
    )
    return row
