"""The files of ``parindex remediation``: per unit ``khac-phuc-<unit>.xlsx`` and ``.docx``
(the draft plan) and ``khac-phuc.json``; for ``remediation check``, ``kiem-tra-khac-phuc.json``
and ``.xlsx``. Numbers in the JSON are exact (as the results give them)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parindex.core.published import PublishedRun
from parindex.core.remediation import STATUSES, ZERO, UnitFindings, UnitRecovery
from parindex.io.results_writer import exact
from parindex.reports import docx_report
from parindex.reports.document import safe_filename
from parindex.reports.remediation_document import remediation_document, subtitle
from parindex.reports.remediation_xlsx import check_workbook, plan_workbook

PLAN_JSON = "khac-phuc.json"
CHECK_JSON = "kiem-tra-khac-phuc.json"
CHECK_XLSX = "kiem-tra-khac-phuc.xlsx"


def plan_stem(code: str) -> str:
    return f"khac-phuc-{safe_filename(code)}"


def plans_data(run: PublishedRun, units: Sequence[UnitFindings]) -> dict[str, Any]:
    return {
        "period": run.period,
        "units": [
            {
                "unit": u.unit,
                "name": u.name,
                "lost_total": exact(u.lost_total),
                "findings": [
                    {
                        "code": f.code,
                        "name": f.name,
                        "field": f.field,
                        "max": exact(f.max),
                        "score": exact(f.score),
                        "lost": exact(f.lost),
                        "reason": f.reason,
                    }
                    for f in u.findings
                ],
            }
            for u in units
        ],
    }


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_plans(run: PublishedRun, units: Sequence[UnitFindings], folder: Path) -> list[Path]:
    """Each unit's draft plan (XLSX, DOCX) and the JSON of all; returns the files written."""
    written = []
    for u in units:
        stem = plan_stem(u.unit)
        xlsx = folder / f"{stem}.xlsx"
        xlsx.write_bytes(plan_workbook(u, subtitle(run, u)))
        docx = folder / f"{stem}.docx"
        docx.write_bytes(docx_report.render(remediation_document(run, u), run))
        written += [xlsx, docx]
    data = folder / PLAN_JSON
    data.write_text(_dump(plans_data(run, units)), encoding="utf-8")
    return [*written, data]


def _counts(items: Sequence[UnitRecovery]) -> dict[str, int]:
    return {s: sum(u.count(s) for u in items) for s in STATUSES}


def check_data(units: Sequence[UnitRecovery], before: str, now: str) -> dict[str, Any]:
    return {
        "previous_period": before,
        "period": now,
        "units": [
            {
                "unit": u.unit,
                "name": u.name,
                "unit_now": u.unit_now,
                "name_now": u.name_now,
                "lost_before": exact(u.lost_before),
                "lost_now": exact(u.lost_now),
                "recovered_points": exact(u.recovered_points),
                "counts": _counts([u]),
                "criteria": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "max_before": exact(r.max_before),
                        "lost_before": exact(r.lost_before),
                        "max_now": exact(r.max_now),
                        "score_now": exact(r.score_now),
                        "lost_now": exact(r.lost_now),
                        "status": r.status,
                    }
                    for r in u.items
                ],
            }
            for u in units
        ],
        "totals": {
            "units": len(units),
            "criteria": sum(len(u.items) for u in units),
            "counts": _counts(units),
            "lost_before": exact(sum((u.lost_before for u in units), ZERO)),
            "lost_now": exact(sum((u.lost_now for u in units), ZERO)),
            "recovered_points": exact(sum((u.recovered_points for u in units), ZERO)),
        },
    }


def write_check(units: Sequence[UnitRecovery], before: str, now: str, folder: Path) -> list[Path]:
    data = folder / CHECK_JSON
    data.write_text(_dump(check_data(units, before, now)), encoding="utf-8")
    book = folder / CHECK_XLSX
    book.write_bytes(check_workbook(units, before, now))
    return [data, book]
