"""The organisation's letterhead: the ``van-ban.yaml`` text the settings page edits.

``letterhead_problems`` checks a text with ``parindex.io.letterhead`` (every problem at once,
in Vietnamese, naming the key); ``example_text`` is what the page offers before anything is
stored, written from the organisation's own names; ``stored_letterhead`` reads a stored text
(None when blank or, for a text stored before a check it now fails, unreadable).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from parindex.core.numbers import format_count
from parindex.core.problems import InputError

if TYPE_CHECKING:
    from parindex.reports.letterhead import Letterhead
    from parindex.web.organisation.models import Organisation

ORIGIN = "văn bản"
MAX_CHARS = 20_000
PLACE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp ")


def letterhead_problems(text: str) -> list[str]:
    """Every problem of a letterhead text, each naming its key; empty when it reads."""
    from parindex.io.letterhead import letterhead_from_text

    if len(text) > MAX_CHARS:
        return [f"dài quá {format_count(MAX_CHARS)} ký tự"]
    try:
        letterhead_from_text(text, ORIGIN)
    except InputError as exc:
        return [_without_origin(str(p)) for p in exc.problems]
    except (ValueError, TypeError, RecursionError) as exc:  # never a 500 on odd YAML
        return [f"không đọc được: {exc}"]
    return []


def _without_origin(problem: str) -> str:
    prefix = f"{ORIGIN}, "
    return problem[len(prefix) :] if problem.startswith(prefix) else problem


def stored_letterhead(text: str) -> Letterhead | None:
    """The letterhead of a stored text; None when it is blank or no longer reads."""
    from parindex.io.letterhead import letterhead_from_text

    if not text.strip():
        return None
    try:
        return letterhead_from_text(text, ORIGIN)
    except (InputError, ValueError, TypeError, RecursionError):
        return None


def place_name(province: str) -> str:
    """«Tỉnh Quảng Ngãi» → «Quảng Ngãi» (the place a document is dated at)."""
    text = " ".join(province.split())
    for prefix in PLACE_PREFIXES:
        if text.lower().startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def short_body(name: str, province: str) -> str:
    """«Sở Nội vụ tỉnh Quảng Ngãi» → «Sở Nội vụ» (under its parent body, the place goes)."""
    text = " ".join(name.split())
    place = place_name(province)
    if place:
        text = re.sub(rf"\s+(tỉnh|thành phố)?\s*{re.escape(place)}$", "", text, flags=re.I)
    return text.strip() or name


def parent_line(issuing_body: str) -> str:
    """«Ủy ban nhân dân tỉnh Quảng Ngãi» → «UBND TỈNH QUẢNG NGÃI» (the body above, abbreviated
    as Decree 30 allows)."""
    text = " ".join(issuing_body.split()).upper()
    return re.sub(r"^(ỦY|UỶ) BAN NHÂN DÂN\b", "UBND", text)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(items: list[str], indent: str) -> str:
    return "\n".join(f"{indent}- {_q(item)}" for item in items)


def example_text(organisation: Organisation) -> str:
    """A letterhead to start from, in the organisation's names; dots where the office writes."""
    province = organisation.province.strip()
    place = place_name(province) or "…"
    issuing = organisation.issuing_body.strip() or (
        f"Ủy ban nhân dân {province[:1].lower()}{province[1:]}" if province else ""
    )
    department = organisation.department.strip() or "Sở Nội vụ"
    body = short_body(department, province)
    parent = parent_line(issuing) if issuing else "UBND TỈNH …"
    decision_body = issuing.upper() if issuing else "ỦY BAN NHÂN DÂN TỈNH …"
    body_upper = body.upper()
    kind = "thành phố" if province.lower().startswith("thành phố") else "tỉnh"
    return f"""\
# Ai ban hành, ai ký và nơi nhận của báo cáo và quyết định công bố Chỉ số CCHC
# (như tệp van-ban.yaml của lệnh parindex report; ngày viết 2023-12-21 hoặc 21/12/2023).
issuer: [{_q(parent)}, {_q(body_upper)}]
name: {_q(body)}
place: {_q(place)}
report:
  number: "…/BC-SNV"
  date:
  grounds:
{_list([f"Quyết định số …/QĐ-UBND ngày … của {issuing or 'Ủy ban nhân dân tỉnh …'} ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính"], "    ")}
signer: {{authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: ""}}
recipients:
{_list([f"UBND {kind} (b/c)", "Bộ Nội vụ (b/c)", "Các sở, ban, ngành", "UBND các xã, phường, đặc khu", "Lưu: VT, CCHC"], "  ")}
decision:
  number: "…/QĐ-UBND"
  date:
  issuer: [{_q(decision_body)}]
  proposal: {_q(f"Tờ trình số …/TTr-SNV ngày … của {body}")}
  grounds:
{_list(["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", f"Quyết định số …/QĐ-UBND ngày … của {issuing or 'Ủy ban nhân dân tỉnh …'} ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính"], "    ")}
  recipients:
{_list(["Bộ Nội vụ (b/c)", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Lưu: VT, CCHC"], "    ")}
decision_signer: {{authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: ""}}
"""
