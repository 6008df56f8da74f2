"""The column mapping of an uploaded survey export, made on screen, and its row report.

The importer guesses each column's meaning (``io.survey_responses.columns.assign``); the
admin sees one select per meaning the import needs, pre-filled with that guess, and the
choice becomes the ``columns`` of the upload's mapping (its other sections — answers, units,
groups — are kept from the uploaded mapping file, if any).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.io.survey_responses import Mapping, detect_shape
from parindex.io.survey_responses.columns import assign
from parindex.io.tables import read_table
from parindex.services.survey import check_responses
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.results.models import SurveyUpload
from parindex.web.results.survey_upload import (
    _mapping,
    _responses_file,
    _units,
    questionnaire_of,
)

SHOWN_PER_REASON = 5
"""Rows shown under each reason of the report; the count says how many there are."""


@dataclass(frozen=True)
class Meaning:
    """One meaning the import needs a column for, and the column the importer guessed."""

    key: str  # "unit", "group", "respondent" or "q:<question code>"
    label: str
    required: bool
    guess: int | None  # column index in the header


@dataclass(frozen=True)
class ColumnChoice:
    header: tuple[str, ...]
    meanings: tuple[Meaning, ...]
    by_options: tuple[str, ...]  # questions read from one column per option (kept as found)


def column_choice(upload: SurveyUpload) -> ColumnChoice:
    """The export's header and, per meaning, the importer's guess (with the upload's mapping)."""
    questionnaire = questionnaire_of(upload)
    with _responses_file(upload) as path:
        table = read_table(path)
    columns, _ = assign(
        table, questionnaire, _mapping(upload) or Mapping(), detect_shape(table.header)
    )
    meanings = [
        Meaning("unit", "Đơn vị", True, columns.unit),
        Meaning("group", "Nhóm đối tượng", len(questionnaire.groups) > 1, columns.group),
        Meaning("respondent", "Mã phiếu (người trả lời)", False, columns.respondent),
    ]
    by_options: list[str] = []
    for qi, q in enumerate(questionnaire.questions):
        if qi in columns.options:
            by_options.append(q.code)
            continue
        meanings.append(
            Meaning(f"q:{q.code}", f"Câu {q.code}: {q.text}", True, columns.questions.get(qi))
        )
    return ColumnChoice(tuple(table.header), tuple(meanings), tuple(by_options))


def row_report(upload: SurveyUpload) -> dict[str, Any]:
    """Check every row with the upload's mapping: the counts and rejected rows, or the header's
    problems (a column missing, two columns for one question) when the rows cannot be read."""
    try:
        with _responses_file(upload) as path:
            imported = check_responses(
                questionnaire_of(upload),
                path,
                _units(upload.cycle),
                mapping=_mapping(upload),
                drop_invalid=True,
            )
    except InputError as exc:
        return {"problems": [str(p) for p in exc.problems]}
    return {
        "read": imported.read,
        "kept": imported.kept,
        "rejected": [
            {
                "row": r.row,
                "column": r.column,
                "value": r.value,
                "reason": r.reason,
                "dropped": r.dropped,
                "action": r.action,
            }
            for r in imported.rejected
        ],
        "shape": imported.shape,
        # what the collection tool's review rejected: not scored, counted per reason
        "excluded": [
            {"message": e.message, "column": e.column, "count": e.count, "rows": list(e.rows)}
            for e in imported.excluded
        ],
    }


def mapping_with_columns(
    text: str,
    header: tuple[str, ...],
    chosen: dict[str, int | None],
    guessed: dict[str, int | None],
) -> str:
    """The mapping YAML with the chosen columns; a column the importer had guessed for a meaning
    now given to another column is ignored, so that the two do not compete."""
    data = yaml.safe_load(text) if text.strip() else {}
    data = data if isinstance(data, dict) else {}
    meaning_of = {key: key[2:] if key.startswith("q:") else key for key in chosen}
    old = data.get("columns") or {}
    columns: dict[str, str] = {
        str(h): str(m) for h, m in old.items() if str(m) not in set(meaning_of.values())
    }
    for key, column in guessed.items():
        if column is not None and chosen.get(key) != column and header[column].strip():
            columns[header[column]] = "ignore"
    for key, column in chosen.items():
        if column is not None and header[column].strip():
            columns[header[column]] = meaning_of[key]
    data["columns"] = columns
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@transaction.atomic
def do_map_survey(upload: SurveyUpload, chosen: dict[str, int | None], actor: Any) -> SurveyUpload:
    """Take the columns chosen on screen as the upload's mapping and check every row again."""
    if upload.accepted_at is not None:
        raise ActionError("Tệp này đã được chấp nhận")
    choice = column_choice(upload)
    missing = [m.label for m in choice.meanings if m.required and chosen.get(m.key) is None]
    if missing:
        raise ActionError("Chưa chọn cột cho: " + "; ".join(missing))
    used: dict[int, str] = {}
    for m in choice.meanings:
        column = chosen.get(m.key)
        if column is None:
            continue
        if column in used:
            raise ActionError(
                f"Cột «{choice.header[column]}» được chọn cho cả «{used[column]}» và «{m.label}»"
            )
        used[column] = m.label
    guessed = {m.key: m.guess for m in choice.meanings}
    upload.mapping = mapping_with_columns(upload.mapping, choice.header, chosen, guessed)
    report = row_report(upload)
    upload.report = json.dumps(report, ensure_ascii=False)
    upload.save(update_fields=["mapping", "report"])
    kept = (
        f"{format_count(report['kept'])}/{format_count(report['read'])} phiếu hợp lệ"
        if "kept" in report
        else "chưa đọc được phiếu"
    )
    record(
        actor,
        AuditAction.SURVEY_UPLOAD,
        cycle=upload.cycle,
        field="survey_mapping",
        new=f"{upload.responses_name}: ánh xạ cột trên màn hình, {kept}",
    )
    return upload


@dataclass(frozen=True)
class ReasonGroup:
    """The rejected rows of one reason: how many, and the first few."""

    column: str
    reason: str
    count: int
    rows: tuple[dict[str, Any], ...]
    action: str = ""  # «bỏ phiếu», «bỏ câu trả lời»: what accepting leaves out


def by_reason(rejected: Iterable[dict[str, Any]]) -> list[ReasonGroup]:
    """The row report grouped by reason (column and reason), most frequent first."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rejected:
        groups.setdefault((str(r["column"]), str(r["reason"])), []).append(r)
    return sorted(
        (
            ReasonGroup(
                column,
                reason,
                len(rows),
                tuple(rows[:SHOWN_PER_REASON]),
                str(rows[0].get("action", "")),  # reports stored before per-answer drops have none
            )
            for (column, reason), rows in groups.items()
        ),
        key=lambda g: (-g.count, g.column, g.reason),
    )
