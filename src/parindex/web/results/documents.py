"""The documents a publication offers, by name, as ``parindex report --format`` writes them.

``bao-cao.<fmt>`` (the report), ``quyet-dinh.<fmt>`` (the decision that publishes the index),
``phu-luc.xlsx`` (the decision's appendix), and per unit ``phieu-diem.<fmt>`` (the unit's
scorecard as an appendix of the report); ``<fmt>`` is docx or pdf. Each is rendered from the
publication's full results and its letterhead (``Publication.letterhead()``); the report
compares with the publication its results were computed against (``previous_publication``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from parindex.core.published import PublishedRun
from parindex.reports.letterhead import Letterhead
from parindex.web.results.models import Publication

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FORMATS = ("docx", "pdf")
REPORT = "bao-cao"
DECISION = "quyet-dinh"
APPENDIX = "phu-luc.xlsx"
SCORECARD = "phieu-diem"
PUBLICATION_DOCUMENTS = (
    *(f"{REPORT}.{fmt}" for fmt in FORMATS),
    *(f"{DECISION}.{fmt}" for fmt in FORMATS),
    APPENDIX,
)
UNIT_DOCUMENTS = tuple(f"{SCORECARD}.{fmt}" for fmt in FORMATS)


@dataclass(frozen=True)
class Document:
    """One file of a publication: its name, its content type, how it is made."""

    name: str
    kind: str
    make: Callable[[], bytes]


def previous_publication(publication: Publication) -> Publication | None:
    """The publication this one's results were compared with (same framework family, the
    period before), as recorded in its inputs when it was published."""
    inputs = Publication.objects.filter(pk=publication.pk).values_list("inputs", flat=True).first()
    try:
        earlier = json.loads(inputs or "{}").get("previous_publication")
    except (ValueError, AttributeError):
        return None
    if not earlier:
        return None
    return Publication.objects.filter(pk=earlier).first()


def _renderer(fmt: str) -> ModuleType:
    if fmt == "docx":
        from parindex.reports import docx_report

        return docx_report
    from parindex.reports import pdf_report

    return pdf_report


def _previous_run(publication: Publication) -> PublishedRun | None:
    earlier = previous_publication(publication)
    return earlier.full_run() if earlier is not None else None


def report(publication: Publication, run: PublishedRun, head: Letterhead, fmt: str) -> bytes:
    return bytes(_renderer(fmt).render_report(run, head, _previous_run(publication)))


def decision(run: PublishedRun, head: Letterhead, fmt: str) -> bytes:
    return bytes(_renderer(fmt).render_decision(run, head))


def scorecard(run: PublishedRun, unit_code: str, head: Letterhead, fmt: str) -> bytes:
    return bytes(_renderer(fmt).render_scorecard(run, unit_code, head))


def appendix(run: PublishedRun, head: Letterhead) -> bytes:
    from parindex.reports import xlsx_appendix

    return bytes(xlsx_appendix.render(run, head))


def document(
    publication: Publication, run: PublishedRun, name: str, unit_code: str = ""
) -> Document | None:
    """The document ``name`` of the publication (of its unit ``unit_code`` for a scorecard);
    None for a name it does not offer there."""
    offered = UNIT_DOCUMENTS if unit_code else PUBLICATION_DOCUMENTS
    if name not in offered:
        return None
    stem, _, fmt = name.rpartition(".")
    head = publication.letterhead()
    if name == APPENDIX:
        return Document(name, "xlsx", lambda: appendix(run, head))
    if stem == REPORT:
        return Document(name, fmt, lambda: report(publication, run, head, fmt))
    if stem == DECISION:
        return Document(name, fmt, lambda: decision(run, head, fmt))
    return Document(name, fmt, lambda: scorecard(run, unit_code, head, fmt))
