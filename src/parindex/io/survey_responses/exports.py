"""The files of one export: the submissions' table, a second header row, the repeat groups.

* Qualtrics writes three header rows: the question ids (the header), the question texts
  and the ImportId JSON (``{"ImportId":"QID1"}``). Rows 2 and 3 are not respondents: they
  are skipped, and the texts are kept as the columns' labels (a column also answers to its
  question's text).
* A KoBoToolbox XLSX export with repeat groups has the submissions on its first sheet and
  one sheet per repeat group, whose ``_parent_index`` points to the parent's ``_index``
  (``_parent_table_name`` names the parent's sheet for a repeat inside a repeat).
* ODK Central exports each repeat group as its own CSV (``form-repeatname.csv``) whose
  ``PARENT_KEY`` points to the parent's ``KEY``: those files are given beside the export
  (``read_responses(..., repeats=[...])``, ``--repeat FILE``). A .zip of the export is not
  opened: its CSVs are given as files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from parindex.core.problems import InputError, Problem
from parindex.io.survey_responses.shapes import detect_shape
from parindex.io.tables import Table, fold, read_table, read_xlsx_sheets, text_of

# Folded headers linking a repeat group's row to its parent: (link, the parent's key, own key)
LINKS = {"parent_key": ("key", "key"), "_parent_index": ("_index", "_index")}
PARENT_TABLE = "_parent_table_name"


@dataclass(frozen=True)
class Export:
    table: Table  # the submissions
    labels: tuple[str, ...] = ()  # a second header row (Qualtrics' question texts)
    repeats: tuple[Table, ...] = ()  # one per repeat group: a sheet, or a file of its own


def link_of(table: Table) -> str | None:
    """The folded header of a repeat group's link column, or None."""
    folded = {fold(h) for h in table.header}
    return next((link for link in LINKS if link in folded), None)


def read_export(path: Path, repeats: Sequence[Path | str] = ()) -> Export:
    """The export's tables; a repeat file without a link to its parents is refused."""
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.exists():
        sheets = read_xlsx_sheets(path)
        table, extra = sheets[0], sheets[1:]
    else:
        table, extra = read_table(path), []
    labels: tuple[str, ...] = ()
    if detect_shape(table.header) == "qualtrics":
        table, labels = _qualtrics(table)
    problems: list[Problem] = []
    for repeat in repeats:
        repeat_table = read_table(repeat)
        if link_of(repeat_table) is None:
            problems.append(
                Problem(
                    "tệp nhóm lặp không có cột PARENT_KEY (ODK Central) hay _parent_index "
                    "(KoBoToolbox) để nối với phiếu trả lời",
                    file=repeat_table.file,
                )
            )
        extra.append(repeat_table)
    if problems:
        raise InputError(problems)
    return Export(table, labels, tuple(extra))


def _qualtrics(table: Table) -> tuple[Table, tuple[str, ...]]:
    """Rows 2 and 3 of a Qualtrics export (question texts, ImportId) skipped; the texts kept."""
    folded = [fold(h) for h in table.header]
    rid = folded.index("responseid")
    labels: tuple[str, ...] = ()
    skip = 0
    for row in table.rows[:2]:
        texts = [text_of(c) for c in row.cells]
        if any(t.startswith('{"ImportId"') for t in texts):
            skip += 1
        elif fold(text_of(row.get(rid))) == "response_id" and not labels:
            labels = tuple(texts)
            skip += 1
        else:
            break
    return replace(table, rows=table.rows[skip:]), labels
