"""Who issues and signs an office's documents: the letterhead of Decree 30/2020/NĐ-CP.

An office states it once (``van-ban.yaml``, read by ``parindex.io.letterhead``; the web keeps
it with the organisation and the publication): the issuing body under its parent body, the
place, the report's number and date, the decision that publishes the index with its grounds,
who signs each, and who receives them. Every document (``report_document``,
``decision_document``, ``appendix_document``) reads this object, never the YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from parindex.core.numbers import format_count

DEFAULT_ISSUER = "UBND TỈNH …\nSỞ NỘI VỤ"
DEFAULT_NUMBER = "…/BC-SNV"
DEFAULT_DECISION_NUMBER = "…/QĐ-UBND"
DEFAULT_PLACE = "…"
ARCHIVE = "Lưu: VT"
"""The last recipient of every document (Decree 30, Phụ lục I: «- Lưu: VT, …»)."""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def day_text(date: dt.date | None, place: str = "") -> str:
    """«Lâm Đồng, ngày 21 tháng 12 năm 2023»; days under 10 and months under 3 with a leading
    zero (Decree 30, Phụ lục I); dots for a date not yet known."""
    lead = f"{place}, " if place else ""
    if date is None:
        return f"{lead}ngày … tháng … năm …"
    day = format_count(date.day, pad=True)
    month = format_count(date.month, pad=True) if date.month < 3 else str(date.month)
    return f"{lead}ngày {day} tháng {month} năm {date.year}"


def short_date(date: dt.date | None) -> str:
    """«21/12/2023», as a document cites another («Báo cáo số 15/BC-SNV ngày 21/12/2023»)."""
    if date is None:
        return "…/…/…"
    return f"{format_count(date.day, pad=True)}/{format_count(date.month, pad=True)}/{date.year}"


WORDS_KEPT_UPPER = ("UBND", "HĐND", "CCHC")
PLACE_WORDS = ("THÀNH PHỐ", "THỊ XÃ", "ĐẶC KHU", "TỈNH", "PHƯỜNG", "HUYỆN", "QUẬN", "XÃ")
KNOWN_BODIES = {"SỞ NỘI VỤ": "Sở Nội vụ", "VĂN PHÒNG UBND": "Văn phòng UBND"}


def sentence_name(line: str) -> str:
    """An issuing body as it reads mid-sentence: «SỞ NỘI VỤ» → «Sở Nội vụ», «ỦY BAN NHÂN DÂN
    TỈNH LÂM ĐỒNG» → «Ủy ban nhân dân tỉnh Lâm Đồng» (the place's name keeps its capitals).

    >>> sentence_name("UBND TỈNH LÂM ĐỒNG")
    'UBND tỉnh Lâm Đồng'
    """
    text = " ".join(line.split())
    upper = text.upper()
    if upper != text:  # already written in a sentence's case
        return text
    if upper in KNOWN_BODIES:
        return KNOWN_BODIES[upper]
    padded = f" {upper} "
    found = [(padded.find(f" {w} "), w) for w in PLACE_WORDS if f" {w} " in padded]
    if found:  # the first place word: what follows it is the place's name
        _, word = min(found, key=lambda item: (item[0], -len(item[1])))
        head, _, name = padded.partition(f" {word} ")
        return f"{_sentence(head.strip())} {word.lower()} {name.strip().title()}".strip()
    return _sentence(text)


def _sentence(text: str) -> str:
    words = [w if w in WORDS_KEPT_UPPER else w.lower() for w in text.split()]
    if words and words[0] not in WORDS_KEPT_UPPER:
        words[0] = words[0].capitalize()
    return " ".join(words)


@dataclass(frozen=True)
class Signer:
    """Who signs: the authority («KT. GIÁM ĐỐC»; «TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH»), the
    title («PHÓ GIÁM ĐỐC») and the name; the seal and the signature go between them."""

    authority: str = ""
    title: str = ""
    name: str = ""

    @property
    def lines(self) -> list[str]:
        """The capacity lines, bold capitals: the authority, then the title."""
        return [line.upper() for line in (*_lines(self.authority), *_lines(self.title))]

    @property
    def present(self) -> bool:
        return bool(self.lines or self.name.strip())


@dataclass(frozen=True)
class DecisionHead:
    """The decision that approves and publishes the index («Quyết định công bố»)."""

    number: str = DEFAULT_DECISION_NUMBER
    date: dt.date | None = None
    issuer: tuple[str, ...] = ()
    """Its issuing body's lines (the province's People's Committee); the report's parent body
    when blank."""
    proposal: str = ""
    """«Tờ trình số 120/TTr-SNV ngày 15/12/2023 của Sở Nội vụ»: whose proposal it follows."""
    grounds: tuple[str, ...] = ()
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    executors: str = ""
    """Who executes it (Điều 3); written from the units' kinds when blank."""


@dataclass(frozen=True)
class Letterhead:
    """The report's header and signature, and the decision when the office issues one.

    The first six fields are the ones ``--issuer/--number/--place/--date`` and a publication
    always had; ``signer_title`` holds the capacity lines («KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC»).
    """

    issuer: str = DEFAULT_ISSUER
    """The body above (regular type) and the issuing body (bold), one per line."""
    number: str = DEFAULT_NUMBER
    place: str = DEFAULT_PLACE
    date: dt.date | None = None
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    grounds: tuple[str, ...] = ()
    """The report's «Căn cứ …»; the decision's grounds when blank."""
    name: str = ""
    """The issuing body mid-sentence («Sở Nội vụ»); from its line when blank."""
    decision: DecisionHead | None = None

    @property
    def issuer_lines(self) -> list[str]:
        """The issuing body, upper case; a first line (the body above it) when given as 'A\\nB'."""
        return [line.upper() for line in _lines(self.issuer)] or _lines(DEFAULT_ISSUER)

    @property
    def signature_lines(self) -> list[str]:
        """The signer's capacity lines (upper case); empty when there is no signer."""
        return [line.upper() for line in _lines(self.signer_title)]

    @property
    def signer(self) -> Signer:
        return Signer(title=self.signer_title, name=self.signer_name)

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}"

    @property
    def place_date(self) -> str:
        return day_text(self.date, self.place)

    @property
    def issuer_name(self) -> str:
        """The issuing body as a sentence names it: «Sở Nội vụ»."""
        return self.name.strip() or sentence_name(self.issuer_lines[-1])

    def report_citation(self) -> str:
        """«Báo cáo số 15/BC-SNV ngày 21/12/2023 của Sở Nội vụ» (what an appendix is attached to)."""
        return f"Báo cáo số {self.number} ngày {short_date(self.date)} của {self.issuer_name}"

    @property
    def decision_issuer_lines(self) -> list[str]:
        """The decision's issuing body: as given, else the report's parent body."""
        given = [line.upper() for line in self.decision.issuer] if self.decision else []
        lines = self.issuer_lines
        return given or (lines[:1] if len(lines) > 1 else ["ỦY BAN NHÂN DÂN TỈNH …"])

    def decision_citation(self) -> str:
        """«Quyết định số 4769/QĐ-UBND ngày 21/12/2023 của UBND tỉnh Lâm Đồng»."""
        decision = self.decision or DecisionHead()
        body = sentence_name(self.decision_issuer_lines[-1])
        return f"Quyết định số {decision.number} ngày {short_date(decision.date)} của {body}"


def letterhead(
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
    signer_title: str = "",
    signer_name: str = "",
) -> Letterhead:
    return Letterhead(issuer, number, place, date, signer_title, signer_name)


def recipient_lines(recipients: tuple[str, ...] | list[str]) -> list[str]:
    """The «Nơi nhận:» list as printed: «- A;» … «- Lưu: VT, CCHC.» (the archive added last
    when missing)."""
    items = [" ".join(r.split()).rstrip(";.,") for r in recipients if r.strip()]
    if not any(item.startswith("Lưu") for item in items):
        items.append(ARCHIVE)
    archive = [item for item in items if item.startswith("Lưu")]
    items = [item for item in items if not item.startswith("Lưu")] + archive[-1:]
    return [f"- {item};" for item in items[:-1]] + [f"- {items[-1]}."]
