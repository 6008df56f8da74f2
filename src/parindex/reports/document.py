"""What the official documents say, shared by the DOCX and PDF renderers.

Everything is read from the ``results.json`` mapping and written in Vietnamese number
style (83,05; 8,5/8,5; 2.358). The narrative is the one of report.md
(``parindex.core.narrative``). The layout follows Decree 30/2020/NĐ-CP: the issuing
body and the national motto side by side, the number, place and date, then the title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parindex.core.narrative import (
    capitalise,
    change_phrase,
    index_text,
    percent,
    points,
    summary_sections,
    unit_paragraphs,
)
from parindex.core.numbers import format_place, to_decimal

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DEFAULT_ISSUER = "UBND HUYỆN …"
DEFAULT_NUMBER = "…/BC-UBND"
DEFAULT_PLACE = "…"

FONT = "Times New Roman"
PDF_FONTS = '"Liberation Serif", "Times New Roman", serif'
BODY_PT = 13
TITLE_PT = 14
TABLE_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
"""A4 margins of Decree 30 (top and bottom 20–25 mm, left 30–35, right 15–20)."""

FIELD_LIST_INTRO = "Kết quả theo từng lĩnh vực:"


@dataclass(frozen=True)
class Letterhead:
    """The Decree 30 header of a document."""

    issuer: str = DEFAULT_ISSUER
    number: str = DEFAULT_NUMBER
    place: str = DEFAULT_PLACE
    date: dt.date | None = None

    @property
    def issuer_lines(self) -> list[str]:
        """The issuing body, upper case; a first line (the body above it) when given as 'A\\nB'."""
        return [line.strip().upper() for line in self.issuer.splitlines() if line.strip()]

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}"

    @property
    def place_date(self) -> str:
        if self.date is None:
            return f"{self.place}, ngày … tháng … năm …"
        d = self.date
        # Decree 30: days under 10 and months under 3 carry a leading zero.
        day = f"{d.day:02d}"
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{self.place}, ngày {day} tháng {month} năm {d.year}"


def letterhead(
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
) -> Letterhead:
    return Letterhead(issuer=issuer, number=number, place=place, date=date)


def _dec_text(value: Any, style: str = "points") -> str:
    number = to_decimal(value)
    if number is None:
        return "—"
    if style == "index":
        return index_text(number)
    if style == "percent":
        return percent(number)
    return points(number)


def unit_of(results: Mapping[str, Any], unit_code: str) -> Mapping[str, Any]:
    for unit in results.get("units") or []:
        if str(unit["unit"]) == str(unit_code):
            return dict(unit)
    raise KeyError(unit_code)


def _change(results: Mapping[str, Any], delta: Any, rank_change: Any) -> str:
    period = results.get("previous_period")
    if not period or (delta is None and rank_change is None):
        return "—"
    return change_phrase(to_decimal(delta), rank_change, str(period)).removesuffix(
        f" so với năm {period}"
    )


def summary_title(results: Mapping[str, Any]) -> list[str]:
    return ["BÁO CÁO", f"Kết quả xác định Chỉ số cải cách hành chính năm {results.get('period')}"]


def scorecard_title(results: Mapping[str, Any], unit: Mapping[str, Any]) -> list[str]:
    return [
        f"PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {results.get('period')}",
        capitalise(str(unit.get("display_name") or unit.get("name"))),
    ]


def framework_line(results: Mapping[str, Any]) -> str:
    fw = results.get("framework") or {}
    line = f"Bộ tiêu chí: {fw.get('name')}"
    if fw.get("source"):
        line += f" ({fw.get('source')})"
    if results.get("decision"):
        line += f"; kết quả công bố theo {results.get('decision')}"
    return line + "."


def summary_content(results: Mapping[str, Any]) -> list[tuple[str | None, list[str]]]:
    return summary_sections(results)


def scorecard_paragraphs(results: Mapping[str, Any], unit_code: str) -> list[str]:
    """The unit's narrative without the list of fields (the field table carries it)."""
    return [
        p
        for p in unit_paragraphs(results, unit_code)
        if not p.startswith("- ") and p != FIELD_LIST_INTRO
    ]


def ranking_rows(results: Mapping[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["Hạng", "Đơn vị", "Chỉ số", "Xếp loại"]
    previous = results.get("previous_period")
    blocked = bool(results.get("block_by"))
    if previous:
        header.append(f"So với năm {previous}")
    if blocked:
        header.insert(0, "Khối")
    rows = []
    for u in results.get("units") or []:
        row = [
            format_place(u["rank"], u["of"]),
            capitalise(str(u.get("display_name") or u.get("name"))),
            _dec_text(u.get("index"), "index"),
            str(u.get("class") or ""),
        ]
        if previous:
            prev = u.get("previous")
            if prev is None:
                row.append("—")
            elif prev.get("unit") is None:
                row.append("đơn vị mới sau sắp xếp")
            else:
                row.append(_change(results, prev.get("delta"), prev.get("rank_change")))
        if blocked:
            row.insert(0, str(u.get("block") or ""))
        rows.append(row)
    return header, rows


FIELD_HEADER = ["Mã", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng", "Thay đổi"]


def field_rows(results: Mapping[str, Any], unit: Mapping[str, Any]) -> list[list[str]]:
    """One row per field: code, name, points, max, %, rank, change (Vietnamese style)."""
    rows = []
    for f in unit.get("fields") or []:
        assessed = f.get("percent") is not None
        rows.append(
            [
                str(f["code"]),
                str(f["name"]),
                _dec_text(f.get("score")) if assessed else "KĐG",
                _dec_text(f.get("max")),
                _dec_text(f.get("percent"), "percent") if assessed else "—",
                format_place(f["rank"], f["of"]) if f.get("rank") is not None else "—",
                _change(results, f.get("delta"), f.get("rank_change")),
            ]
        )
    return rows


def total_row(unit: Mapping[str, Any]) -> list[str]:
    return [
        "",
        "Tổng cộng (Chỉ số CCHC)",
        _dec_text(unit.get("score")),
        _dec_text(unit.get("max")),
        _dec_text(unit.get("index"), "index"),
        format_place(unit["rank"], unit["of"]),
        "",
    ]


PART_HEADER = ["Thành phần", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng"]


def part_rows(unit: Mapping[str, Any]) -> list[list[str]]:
    rows = []
    for key, label in (
        ("self", "Điểm tự đánh giá qua thẩm định"),
        ("survey", "Điểm điều tra xã hội học"),
    ):
        part = unit.get(key)
        if not part or not part.get("max"):
            continue
        rows.append(
            [
                label,
                _dec_text(part.get("score")),
                _dec_text(part.get("max")),
                _dec_text(part.get("percent"), "percent")
                if part.get("percent") is not None
                else "—",
                format_place(part["rank"], part["of"]) if part.get("rank") is not None else "—",
            ]
        )
    return rows


def unit_codes(results: Mapping[str, Any], only: Sequence[str] | None = None) -> list[str]:
    """The units' codes in rank order, or ``only`` (checked) in the order given."""
    codes = [str(u["unit"]) for u in results.get("units") or []]
    if only is None:
        return codes
    known = set(codes)
    missing = [c for c in only if c not in known]
    if missing:
        raise KeyError(", ".join(missing))
    return list(only)


def safe_filename(code: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in code) or "_"
