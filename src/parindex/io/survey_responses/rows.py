"""Reading one export, row by row: units, groups, respondent ids, the design, answers, then
the report.

Each step reads one column (or one question's columns) at once: a column's distinct
cells are resolved once, and every row takes its distinct cell's result. Each step adds
the problems it finds as issues (``frame.Issue``); the report turns them into located
rejected rows. A problem of one answer (outside the scale, several answers to a single
choice, a question not asked to the group) drops that answer only with ``drop_invalid``;
a problem of the row (unit, group, id, design, blank row) drops the respondent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Questionnaire
from parindex.core.survey import SurveyData
from parindex.io.survey_responses.columnar import read_columnar
from parindex.io.survey_responses.columns import Columns, assign, repeat_questions
from parindex.io.survey_responses.design import clusters_of, kept_clusters, weights_of
from parindex.io.survey_responses.exports import Export, read_export
from parindex.io.survey_responses.frame import IntArray, Issue, Rows, padded
from parindex.io.survey_responses.mapping import Mapping, check_mapping, read_mapping
from parindex.io.survey_responses.questions import answers_of
from parindex.io.survey_responses.repeats import link, repeat_rows
from parindex.io.survey_responses.report import ExcludedRows, RejectedRow, ResponseImport
from parindex.io.survey_responses.respondents import (
    duplicate_respondents,
    groups_of,
    one_unit,
    units_of,
)
from parindex.io.survey_responses.shapes import REVIEWS, detect_shape
from parindex.io.tables import fold, text_of


def read_responses(
    path: Path | str,
    questionnaire: Questionnaire,
    units: Sequence[str] | None,
    mapping: Mapping | Path | str | None = None,
    drop_invalid: bool = False,
    keep_rejected: bool = False,
    unit: str | None = None,
    repeats: Sequence[Path | str] = (),
) -> ResponseImport:
    """Read one export; every bad row at once (InputError), or, with ``drop_invalid``, the good
    rows and answers kept and the bad ones returned in ``rejected``. File-level problems
    always raise.

    Rows the tool's own review left out (ODK Central rejected, KoBoToolbox not approved,
    LimeSurvey or Qualtrics incomplete: ``shapes.REVIEWS``) are neither checked nor scored
    and their units are not listed; they are counted per reason in ``excluded``.
    ``keep_rejected`` reads them like the others (still counted, as kept).

    ``unit``: the one unit of a file without a unit column (``--unit``). ``repeats``: the
    repeat groups' own files (ODK Central's ``form-repeat.csv``); a KoBoToolbox workbook's
    repeat sheets are read from the workbook itself."""
    if isinstance(mapping, (str, Path)):
        mapping = read_mapping(mapping)
    mapping = mapping or Mapping()
    full, export = _read(Path(path), repeats)
    table = export.table
    read = full.n
    shape = detect_shape(table.header)
    excluded, left_out = _reviewed(full, shape, keep_rejected)
    repeat_tables = _repeat_columns(export, questionnaire, mapping, shape)
    columns = _columns(export, full.n, questionnaire, mapping, units, shape, unit, repeat_tables)
    rows = full
    if excluded and not keep_rejected:
        rows = full.kept(~left_out)
        if not rows.n:
            raise InputError(
                [
                    Problem(
                        "tệp không còn phiếu trả lời nào để tính: "
                        + "; ".join(e.message for e in excluded)
                        + " (tùy chọn giữ lại: --keep-rejected)",
                        file=table.file,
                    )
                ]
            )
    issues: list[Issue] = []
    unit_codes, unit_index = units_of(rows, columns, mapping, units, issues, unit)
    group = groups_of(rows, columns, questionnaire, mapping, issues)
    duplicate_respondents(rows, columns, issues)
    cluster = clusters_of(rows, columns.cluster, issues) if columns.cluster is not None else None
    weight = weights_of(rows, columns.weight, issues) if columns.weight is not None else None
    linked = link(rows, full.table, repeat_tables, issues) if repeat_tables else []
    answers = answers_of(rows, columns, linked, questionnaire, mapping, group, issues, drop_invalid)
    rejected, bad = _report(rows, issues, unit_index, unit_codes)
    if rejected and not drop_invalid:
        raise InputError(r.problem(table.file) for r in rejected)
    keep = ~bad
    clusters: tuple[str, ...] = ()
    kept_cluster: IntArray | None = None
    if cluster is not None:
        kept_cluster, clusters = kept_clusters(cluster[0], cluster[1], keep)
    data = SurveyData(
        questionnaire=questionnaire,
        units=tuple(unit_codes),
        unit=np.ascontiguousarray(unit_index[keep], dtype=np.int64),
        group=np.ascontiguousarray(group[keep], dtype=np.int64),
        answers=np.ascontiguousarray(answers[keep]),
        cluster=kept_cluster,
        clusters=clusters,
        weight=np.ascontiguousarray(weight[keep], dtype=np.int64) if weight is not None else None,
    )
    return ResponseImport(
        data=data,
        read=read,
        kept=int(keep.sum()),
        rejected=tuple(rejected),
        shape=shape,
        ignored_columns=tuple(columns.ignored),
        columns=tuple((table.header[c], m) for c, m in sorted(columns.meanings.items())),
        file=table.file,
        excluded=excluded,
    )


def _read(path: Path, repeats: Sequence[Path | str]) -> tuple[Rows, Export]:
    """The export's rows: a CSV file by column (``columnar``) when it has no repeat files
    and is not Qualtrics' (whose second and third rows are headers), else row by row."""
    fast = read_columnar(path) if not repeats else None
    if fast is not None and detect_shape(fast.table.header) != "qualtrics":
        return fast, Export(fast.table)
    export = read_export(path, repeats)
    return padded(export.table), export


def _reviewed(
    rows: Rows, shape: str, kept: bool
) -> tuple[tuple[ExcludedRows, ...], npt.NDArray[np.bool_]]:
    """The rows the tool's review leaves out, per reason (its review column, when present),
    and which rows those are."""
    header = rows.table.header
    folded = [fold(h) for h in header]
    found: list[ExcludedRows] = []
    left_out = np.zeros(rows.n, dtype=np.bool_)
    for review in REVIEWS:
        if review.shape != shape or review.column not in folded:
            continue
        c = folded.index(review.column)
        index, distinct = rows.codes(c)
        out = np.array(
            [
                (review.blank and not text_of(v).strip()) or fold(text_of(v)) in review.values
                for v in distinct
            ],
            dtype=np.bool_,
        )
        at = np.flatnonzero(out[index])
        numbers = tuple(rows.number(int(i)) for i in at)
        if numbers:
            left_out[at] = True
            found.append(
                ExcludedRows(
                    review.reason, review.what.format(column=header[c]), header[c], numbers, kept
                )
            )
    return tuple(found), left_out


def _repeat_columns(
    export: Export, questionnaire: Questionnaire, mapping: Mapping, shape: str
) -> list[tuple[Rows, dict[int, int]]]:
    """Each repeat group's rows and question columns; a question in two of them raises."""
    found: list[tuple[Rows, dict[int, int]]] = []
    problems: list[Problem] = []
    where: dict[int, str] = {}
    for table in export.repeats:
        rows = repeat_rows(table, export.table)
        questions, found_problems = repeat_questions(
            table, questionnaire, mapping, shape, rows.name
        )
        problems += found_problems
        for qi in questions:
            if qi in where:
                problems.append(
                    Problem(
                        f"câu hỏi {questionnaire.questions[qi].code} có cột ở cả nhóm lặp "
                        f"«{where[qi]}» và «{rows.name}»; chỉ giữ một nơi",
                        file=table.file,
                    )
                )
            where.setdefault(qi, rows.name)
        found.append((rows, questions))
    if problems:
        raise InputError(problems)
    return found


def _columns(
    export: Export,
    n: int,
    questionnaire: Questionnaire,
    mapping: Mapping,
    units: Sequence[str] | None,
    shape: str,
    unit: str | None,
    repeats: list[tuple[Rows, dict[int, int]]],
) -> Columns:
    """The columns' meanings; a header, mapping or empty-file problem raises (all at once)."""
    table = export.table
    elsewhere = frozenset(qi for _, questions in repeats for qi in questions)
    columns, problems = assign(
        table, questionnaire, mapping, shape, export.labels, unit is not None, elsewhere
    )
    problems += check_mapping(mapping, questionnaire, units, table.file)
    if unit is not None:
        problems += one_unit(unit, units, table.file)
    if not n:
        problems.append(Problem("tệp không có phiếu trả lời nào", file=table.file))
    if problems:
        raise InputError(problems)
    return columns


def _report(
    rows: Rows, issues: list[Issue], unit: IntArray, unit_codes: list[str]
) -> tuple[list[RejectedRow], npt.NDArray[np.bool_]]:
    """The rejected rows and answers, by row and column, each located as the sheet shows it;
    the respondents dropped (a problem of the row drops it; one of an answer, the answer)."""
    bad = np.zeros(rows.n, dtype=np.bool_)
    for issue in issues:
        if issue.row >= 0 and not issue.answer:
            bad[issue.row] = True
    rejected: list[RejectedRow] = []

    def order(issue: Issue) -> tuple[int, int, str, int, int]:
        respondent = issue.row if issue.row >= 0 else rows.n
        at = issue.at
        return (
            respondent,
            0 if at is None else 1,
            at.name if at else "",
            issue.at_row,
            issue.column,
        )

    for issue in sorted(issues, key=order):
        at = issue.at or rows
        i = issue.at_row if issue.at is not None else issue.row
        c = issue.column
        if issue.row < 0:
            dropped, unit_code = "repeat", ""
        else:
            dropped = "row" if bad[issue.row] or not issue.answer else "answer"
            u = int(unit[issue.row])
            unit_code = unit_codes[u] if u >= 0 else ""
        rejected.append(
            RejectedRow(
                at.number(i),
                at.table.header[c] if c >= 0 else "",
                issue.value,
                issue.reason,
                at.where(i, c),
                unit_code,
                dropped,
                at.file,
                at.name,
            )
        )
    return rejected, bad
