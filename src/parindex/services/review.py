"""The periodic PAR report (issue 15): its inputs read and checked together, then the
document written and rendered. Called by ``parindex review``; the web will call it with the
same objects built from its data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from parindex.core.moments import format_date
from parindex.core.problems import InputError, Problem
from parindex.core.review import ReviewPeriod
from parindex.reports.letterhead import Letterhead
from parindex.reports.review_document import ReviewInputs, review_document

T = TypeVar("T")


def _read(
    reader: Callable[[Path], T], path: Path | str | None, problems: list[Problem]
) -> T | None:
    if path is None:
        return None
    try:
        return reader(Path(path))
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def read_review_inputs(
    period: ReviewPeriod,
    plan_status: Path | str | None = None,
    indicators: Path | str | None = None,
    onestop: Path | str | None = None,
    results: Path | str | None = None,
) -> ReviewInputs:
    """Every given input read; one ``InputError`` with the problems of all of them, and with
    an input whose dates fall outside the report's year."""
    from parindex.io.results_json import read_results
    from parindex.io.review_inputs import read_indicators, read_onestop, read_plan_status

    problems: list[Problem] = []
    plan = _read(read_plan_status, plan_status, problems)
    table = _read(read_indicators, indicators, problems)
    figures = _read(read_onestop, onestop, problems)
    run = _read(read_results, results, problems)
    if plan is not None and not period.covers(plan.status.as_of):
        problems.append(
            Problem(
                f"trạng thái tính đến ngày {format_date(plan.status.as_of)}, không thuộc năm "
                f"{period.year} của báo cáo",
                where="mục «as_of»",
                file=Path(str(plan_status)).name,
            )
        )
    if figures is not None and not (period.covers(figures.start) and period.covers(figures.end)):
        problems.append(
            Problem(
                f"kỳ thống kê từ ngày {format_date(figures.start)} đến ngày "
                f"{format_date(figures.end)} không thuộc năm {period.year} của báo cáo",
                where="mục «period»",
                file=Path(str(onestop)).name,
            )
        )
    if problems:
        raise InputError(problems)
    return ReviewInputs(plan, table, figures, run)


def review_letterhead(
    head: Letterhead, number: str | None = None, date: dt.date | None = None
) -> Letterhead:
    """The letterhead of the periodic report: the office's body, signer and recipients; its
    own number and date (the file's report number and date are the index report's): as
    given, else «…/BC-SNV» and a date the office writes in."""
    suffix = head.number.split("/", 1)[1] if "/" in head.number else "BC"
    return replace(head, number=number or f"…/{suffix}", date=date, grounds=())


def render_review(
    period: ReviewPeriod, head: Letterhead, inputs: ReviewInputs
) -> tuple[bytes, bytes]:
    """The report as DOCX and PDF."""
    from parindex.reports import docx_report, pdf_report

    doc = review_document(period, head, inputs)
    return docx_report.render(doc, None), pdf_report.render(doc, None)
