"""An official document as both renderers read it: header, title, body blocks, signature.

``report_document``, ``decision_document`` and ``appendix_document`` write what a document
says (in Vietnamese, numbers in the core's style) as an ``OfficialDocument``; ``docx_report``
and ``pdf_report`` only lay it out, following Phụ lục I of Decree 30/2020/NĐ-CP: the header
(issuing body left with its rule, national motto right), number, place and date, the kind and
the trích yếu with the rule under it, the body, then «Nơi nhận:» left and the signer right.
An appendix («Phụ lục») has neither header nor signature, only the line of the document it is
attached to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parindex.reports.letterhead import Letterhead, Signer, recipient_lines


@dataclass(frozen=True)
class Heading:
    """A section heading, kept on the page of what follows it: level 1 «I. …», level 2 «1. …»."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A body paragraph: justified, the first line indented.

    ``lead`` is set in bold before the text («Điều 1.»); ``italic`` for the grounds and notes;
    ``centred`` and ``bold`` for lines such as «QUYẾT ĐỊNH:»; ``draft`` marks a paragraph the
    office completes before signing (shown in italics, between square brackets).
    """

    text: str
    lead: str = ""
    italic: bool = False
    bold: bool = False
    centred: bool = False
    draft: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table; the header repeats on every page.

    ``name_column`` is left-aligned and takes the room the others leave (every column as wide
    as its content); the columns from ``numeric_from`` on are centred, each with one number of
    decimals.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    name_column: int = 1
    numeric_from: int = 2
    compact: bool = False
    """A few short labels (the classes): the columns share the width rather than the name
    column taking all the room the numbers leave."""
    shares: tuple[float, ...] = ()
    """Each column's share of the width, when content alone cannot size it (two long-text
    columns, as a follow-up annex's task and result); empty: by content."""
    keep_together: bool = True
    """A short table is kept on one page; False for tables of tall rows (a page per group
    would leave pages half empty)."""


ChartKind = Literal["ranking", "classes", "fields"]


@dataclass(frozen=True)
class Chart:
    """A chart of the run: the ranking of a block (``block``; None: the whole run), the units
    per class of a block, or one unit's fields (``unit``). The renderers draw it from the run
    (``parindex.reports.charts``), at 200 dpi or as vector graphics."""

    kind: ChartKind
    title: str
    block: str | None = None
    unit: str | None = None


Block = Heading | Para | Table | Chart

DocumentKind = Literal["report", "decision", "appendix"]


@dataclass(frozen=True)
class OfficialDocument:
    """Everything a renderer draws, in reading order."""

    kind: DocumentKind
    title: tuple[str, ...]
    """The kind and the trích yếu («BÁO CÁO», «Kết quả …»); an appendix's own title lines."""
    blocks: tuple[Block, ...]
    issuer: tuple[str, ...] = ()
    """The header's left column: the body above (regular), the issuing body (bold); none for
    an appendix."""
    number: str = ""
    """«Số: 15/BC-SNV»."""
    place_date: str = ""
    """«Lâm Đồng, ngày 21 tháng 12 năm 2023» (italic, under the motto)."""
    appendix_label: str = ""
    """«Phụ lục» above an appendix's title."""
    attached_to: str = ""
    """«(Kèm theo Báo cáo số 15/BC-SNV ngày 21/12/2023 của Sở Nội vụ)» under an appendix's title."""
    authority: str = ""
    """A decision's issuing authority in capitals, centred above its grounds."""
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    """«Nơi nhận:» as printed, one «- …;» per line; none for an appendix."""
    author: str = ""
    """The document's properties: the issuing body."""
    subject: str = ""
    """The title on one line (document properties, PDF title)."""
    annexes: tuple[OfficialDocument, ...] = ()
    """Appendices printed after the signature, each from a new page (the periodic report's
    «Phụ lục I …»); each is an appendix document (its label, title, «Kèm theo …», blocks)."""

    @property
    def has_header(self) -> bool:
        return bool(self.issuer)


def letterhead_report(
    head: Letterhead,
    title: str,
    blocks: tuple[Block, ...],
    annexes: tuple[OfficialDocument, ...] = (),
) -> OfficialDocument:
    """A «BÁO CÁO» under the office's letterhead: its issuer, number, place and date, signer
    and recipients (the index report and the periodic PAR report alike)."""
    return OfficialDocument(
        kind="report",
        title=("BÁO CÁO", title),
        blocks=blocks,
        issuer=tuple(head.issuer_lines),
        number=head.number_line,
        place_date=head.place_date,
        signer=head.signer,
        recipients=tuple(recipient_lines(head.recipients)),
        author=head.issuer_name,
        subject=f"Báo cáo {title[:1].lower()}{title[1:]}",
        annexes=annexes,
    )
