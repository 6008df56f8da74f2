"""What the official documents say, shared by the DOCX and PDF renderers.

Everything is read from the published run (``PublishedRun``, results.json read once) and written in Vietnamese number
style (83,05; 8,5/8,5; 2.358). The narrative is the one of report.md
(``parindex.core.narrative``). The layout follows Decree 30/2020/NĐ-CP: the issuing
body and the national motto side by side, the number, place and date, then the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.core.narrative import (
    capitalise,
    change_phrase,
    in_full,
    index_text,
)
from parindex.core.narrative_published import summary_sections, unit_paragraphs
from parindex.core.numbers import format_percent, format_place
from parindex.core.published import PartEntry, PublishedRun, UnitEntry
from parindex.reports.letterhead import DEFAULT_ISSUER as DEFAULT_ISSUER
from parindex.reports.letterhead import DEFAULT_NUMBER as DEFAULT_NUMBER
from parindex.reports.letterhead import DEFAULT_PLACE as DEFAULT_PLACE
from parindex.reports.letterhead import Letterhead as Letterhead
from parindex.reports.letterhead import letterhead as letterhead

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

FONT = "Times New Roman"
PDF_FONTS = '"Liberation Serif", "Times New Roman", serif'
BODY_PT = 13
TITLE_PT = 14
TABLE_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
"""A4 margins of Decree 30 (top and bottom 20–25 mm, left 30–35, right 15–20)."""

FIELD_LIST_INTRO = "Kết quả theo từng lĩnh vực:"


def _dec_text(value: Decimal | None, style: str = "points") -> str:
    """A table's number: two decimals kept in every row, so a column reads one way
    (2,40 beside 0,75; 95,00% beside 90,91%)."""
    if value is None:
        return "—"
    if style == "percent":
        return format_percent(value, strip=False)
    return index_text(value)


def unit_of(results: PublishedRun, unit_code: str) -> UnitEntry:
    """The unit with this code (KeyError if the run has none)."""
    return results.unit(str(unit_code))


def _change(results: PublishedRun, delta: Decimal | None, rank_change: int | None) -> str:
    period = results.previous_period
    if not period or (delta is None and rank_change is None):
        return "—"
    return change_phrase(delta, rank_change, period).removesuffix(f" so với năm {period}")


def summary_title(results: PublishedRun) -> list[str]:
    return [
        "BÁO CÁO",
        in_full(f"Kết quả xác định {results.framework.index_name} năm {results.period}"),
    ]


def scorecard_title(results: PublishedRun, unit: UnitEntry) -> list[str]:
    return [
        f"PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {results.period}",
        capitalise(unit.display_name),
    ]


def framework_line(results: PublishedRun) -> str:
    """The framework by its name; its file's source note is internal and never printed."""
    line = f"Bộ tiêu chí: {results.framework.name}"
    if results.decision:
        line += f"; kết quả công bố theo {results.decision}"
    return line + "."


def summary_content(results: PublishedRun) -> list[tuple[str | None, list[str]]]:
    return summary_sections(results)


def scorecard_paragraphs(results: PublishedRun, unit_code: str) -> list[str]:
    """The unit's narrative without the list of fields (the field table carries it)."""
    return [
        p
        for p in unit_paragraphs(results, unit_code)
        if not p.startswith("- ") and p != FIELD_LIST_INTRO
    ]


def change_text(results: PublishedRun, unit: UnitEntry) -> str:
    """The ranking's change column: the change of index and place, or why there is none."""
    prev = unit.previous
    if prev is None:
        return "—"
    if prev.code is None:
        return "đơn vị mới sau sắp xếp"
    return _change(results, prev.delta, prev.rank_change)


def ranking_rows(results: PublishedRun) -> tuple[list[str], list[list[str]]]:
    header = ["Hạng", "Đơn vị", "Chỉ số", "Xếp loại"]
    previous = results.previous_period
    if previous:
        header.append(f"So với năm {previous}")
    if results.blocked:
        header.insert(0, "Khối")
    rows = []
    for u in results.units:
        row = [
            format_place(u.rank, u.of),
            capitalise(u.display_name),
            _dec_text(u.index, "index"),
            u.class_label,
        ]
        if previous:
            row.append(change_text(results, u))
        if results.blocked:
            row.insert(0, u.block or "")
        rows.append(row)
    return header, rows


FIELD_HEADER = ["Mã", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng", "Thay đổi"]


def field_rows(results: PublishedRun, unit: UnitEntry) -> list[list[str]]:
    """One row per field: code, name, points, max, %, rank, change (Vietnamese style)."""
    rows = []
    for f in unit.fields:
        rows.append(
            [
                f.code,
                f.name,
                _dec_text(f.score) if f.assessed else "KĐG",
                _dec_text(f.max),
                _dec_text(f.percent, "percent") if f.assessed else "—",
                format_place(f.rank, f.of) if f.rank is not None else "—",
                _change(results, f.delta, f.rank_change),
            ]
        )
    return rows


def total_rows(results: PublishedRun, unit: UnitEntry) -> list[list[str]]:
    """The bonus and the penalty counted (outside the maximum, when the framework has them),
    then the total: the field rows, plus the bonus, minus the penalty, give the total."""
    rows = []
    if unit.bonus is not None:
        rows.append(["", "Điểm thưởng (ngoài điểm tối đa)", _dec_text(unit.bonus), "", "", "", ""])
    if unit.penalty is not None:
        rows.append(["", "Điểm trừ (ngoài điểm tối đa)", _dec_text(unit.penalty), "", "", "", ""])
    rows.append(
        [
            "",
            f"Tổng cộng ({results.framework.index_name})",
            _dec_text(unit.score),
            _dec_text(unit.max),
            _dec_text(unit.index, "index"),
            format_place(unit.rank, unit.of),
            "",
        ]
    )
    return rows


PART_HEADER = ["Thành phần", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng"]


def part_rows(unit: UnitEntry) -> list[list[str]]:
    rows = []
    parts: tuple[tuple[PartEntry | None, str], ...] = (
        (unit.self_part, "Điểm tự đánh giá qua thẩm định"),
        (unit.survey, "Điểm điều tra xã hội học"),
    )
    for part, label in parts:
        if part is None or not part.max:
            continue
        rows.append(
            [
                label,
                _dec_text(part.score),
                _dec_text(part.max),
                _dec_text(part.percent, "percent"),
                format_place(part.rank, part.of) if part.rank is not None else "—",
            ]
        )
    return rows


def unit_codes(results: PublishedRun, only: Sequence[str] | None = None) -> list[str]:
    """The units' codes in rank order, or ``only`` (checked) in the order given."""
    codes = results.codes()
    if only is None:
        return codes
    known = set(codes)
    missing = [c for c in only if c not in known]
    if missing:
        raise KeyError(", ".join(missing))
    return list(only)


def safe_filename(code: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in code) or "_"
