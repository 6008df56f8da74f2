"""Who issues and signs a publication's documents.

The report's side (its issuing body, grounds, signer, recipients) is the organisation's
letterhead as it stood when published (``Publication.letterhead_text``; the organisation's
current one for a publication made before it was kept); its number and date are the ones the
admin published (``report_number``, ``report_date``), the letterhead's when left blank. The decision is the
one the admin published (its body, number, date, place, signer), with the grounds, proposal,
recipients and executors of the letterhead's ``decision``. Without any stored letterhead the
documents are written from the organisation's names, with dots where the office writes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from parindex.reports.letterhead import DEFAULT_DECISION_NUMBER, DecisionHead, Letterhead, Signer
from parindex.web.organisation.letterhead import (
    parent_line,
    place_name,
    short_body,
    stored_letterhead,
)
from parindex.web.organisation.models import Organisation

if TYPE_CHECKING:
    from parindex.web.results.models import Publication

NUMBER_IN_NAME = re.compile(r"\bsố\s+(\S+)", re.IGNORECASE)


def organisation_letterhead(organisation: Organisation) -> Letterhead:
    """The report's side from the organisation's names, when it stored no letterhead."""
    province = organisation.province.strip()
    department = organisation.department.strip()
    issuing = organisation.issuing_body.strip()
    head = Letterhead()
    if not (issuing or department):
        return replace(head, place=place_name(province) or head.place)
    body = short_body(department, province) if department else "Sở Nội vụ"
    parent = parent_line(issuing) if issuing else head.issuer_lines[0]
    return replace(
        head,
        issuer=f"{parent}\n{body.upper()}",
        name=body,
        place=place_name(province) or head.place,
    )


def split_signer(title: str, name: str) -> Signer:
    """The publish form's «KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH»: the authority lines, then the title."""
    lines = [line.strip() for line in title.splitlines() if line.strip()]
    return Signer(authority="\n".join(lines[:-1]), title=lines[-1] if lines else "", name=name)


def publication_letterhead(publication: Publication) -> Letterhead:
    organisation = Organisation.current()
    text = publication.letterhead_text or organisation.letterhead
    base = stored_letterhead(text) or organisation_letterhead(organisation)
    stated = base.decision or DecisionHead()
    number = publication.number.strip()
    if not number:  # published before the number had its own field: the name holds it
        found = NUMBER_IN_NAME.search(publication.decision or "")
        number = found.group(1).rstrip(",;.") if found else ""
    # the body as published, else the letterhead's, else the organisation's
    issuing = publication.issuing_body.strip()
    if not issuing and not stated.issuer:
        issuing = organisation.issuing_body.strip()
    signer = (
        split_signer(publication.signer_title, publication.signer_name.strip())
        if publication.signer_title.strip() or publication.signer_name.strip()
        else stated.signer
    )
    decision = replace(
        stated,
        number=number or stated.number or DEFAULT_DECISION_NUMBER,
        date=publication.decided_on or stated.date,
        issuer=(issuing.upper(),) if issuing else stated.issuer,
        signer=signer,
    )
    place = publication.place.strip()
    # the year's report as published; the letterhead's for one published before these fields
    # a number of its own comes with its own date (dots when not given): the letterhead's
    # date belongs to the letterhead's number
    number = publication.report_number.strip()
    report_date = publication.report_date if number else publication.report_date or base.date
    return replace(
        base,
        number=number or base.number,
        date=report_date,
        place=place or base.place,
        decision=decision,
    )
