"""``van-ban.yaml``: who issues and signs an office's documents (docs/formats.md).

``parse_letterhead(data, origin)`` checks every field and raises one ``InputError`` naming
each wrong one (the file and the key, in Vietnamese); ``read_letterhead(path)`` reads the file.
The command line's ``--issuer/--number/--place/--date`` override what the file says
(``with_overrides``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from parindex.core.characters import control_character_problem
from parindex.core.problems import InputError, Problem
from parindex.io.frameworks import parse_yaml, read_yaml
from parindex.reports.letterhead import DecisionHead, Letterhead, Signer

KEYS = {
    "issuer",
    "name",
    "place",
    "report",
    "decision",
    "signer",
    "decision_signer",
    "recipients",
}
REPORT_KEYS = {"number", "date", "grounds"}
DECISION_KEYS = {"number", "date", "issuer", "proposal", "grounds", "recipients", "executors"}
SIGNER_KEYS = {"authority", "title", "name"}
MAX_TEXT = 500
MAX_ITEMS = 40


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(message, where=f"mục «{key}»", file=self.origin))

    def text(self, data: dict[str, Any], key: str, where: str, default: str = "") -> str:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(where, "phải là một dòng chữ")
            return default
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            self.fail(where, f"dài quá {MAX_TEXT} ký tự")
            return default
        bad = control_character_problem(text, multiline=True)
        if bad:
            self.fail(where, bad)
            return default
        return text

    def texts(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(where, "phải là một danh sách các dòng chữ")
            return ()
        if len(value) > MAX_ITEMS:
            self.fail(where, f"có quá {MAX_ITEMS} dòng")
            return ()
        items = []
        for i, _item in enumerate(value, start=1):
            text = self.text({"x": _item}, "x", f"{where}[{i}]")
            if text:
                items.append(text)
        return tuple(items)

    def date(self, data: dict[str, Any], key: str, where: str) -> dt.date | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    return dt.datetime.strptime(value.strip(), pattern).date()
                except ValueError:
                    continue
        self.fail(where, f"«{value}» không phải một ngày (viết 2023-12-21 hoặc 21/12/2023)")
        return None

    def mapping(self, data: Any, where: str, keys: set[str]) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.fail(where, "phải là một nhóm khóa: giá trị")
            return {}
        for key in sorted(str(k) for k in data if str(k) not in keys):
            allowed = ", ".join(sorted(keys))
            self.fail(f"{where}.{key}" if where else key, f"khóa không có (các khóa: {allowed})")
        return {str(k): v for k, v in data.items()}

    def signer(self, data: Any, where: str) -> Signer:
        found = self.mapping(data, where, SIGNER_KEYS)
        return Signer(
            authority=self.text(found, "authority", f"{where}.authority"),
            title=self.text(found, "title", f"{where}.title"),
            name=self.text(found, "name", f"{where}.name"),
        )


def parse_letterhead(data: Any, origin: str = "van-ban.yaml") -> Letterhead:
    """The letterhead the YAML describes; every problem at once."""
    r = _Reader(origin)
    top = r.mapping(data, "", KEYS) if data is not None else {}
    if data is not None and not isinstance(data, dict):
        raise InputError(r.problems)
    issuer = r.texts(top, "issuer", "issuer")
    report = r.mapping(top.get("report"), "report", REPORT_KEYS)
    signer = r.signer(top.get("signer"), "signer")
    decision = None
    if top.get("decision") is not None:
        found = r.mapping(top.get("decision"), "decision", DECISION_KEYS)
        decision = DecisionHead(
            number=r.text(found, "number", "decision.number") or DecisionHead.number,
            date=r.date(found, "date", "decision.date"),
            issuer=r.texts(found, "issuer", "decision.issuer"),
            proposal=r.text(found, "proposal", "decision.proposal"),
            grounds=r.texts(found, "grounds", "decision.grounds"),
            signer=r.signer(top.get("decision_signer"), "decision_signer"),
            recipients=r.texts(found, "recipients", "decision.recipients"),
            executors=r.text(found, "executors", "decision.executors"),
        )
    elif top.get("decision_signer") is not None:
        r.fail("decision_signer", "chỉ dùng khi có mục «decision» (quyết định công bố)")
    head = Letterhead(
        issuer="\n".join(issuer) or Letterhead.issuer,
        number=r.text(report, "number", "report.number") or Letterhead.number,
        place=r.text(top, "place", "place") or Letterhead.place,
        date=r.date(report, "date", "report.date"),
        signer_title="\n".join(filter(None, (signer.authority, signer.title))),
        signer_name=signer.name,
        recipients=r.texts(top, "recipients", "recipients"),
        grounds=r.texts(report, "grounds", "report.grounds"),
        name=r.text(top, "name", "name"),
        decision=decision,
    )
    if r.problems:
        raise InputError(r.problems)
    return head


def read_letterhead(path: Path | str) -> Letterhead:
    path = Path(path)
    return parse_letterhead(read_yaml(path), path.name)


def letterhead_from_text(text: str, origin: str = "van-ban.yaml") -> Letterhead:
    """The letterhead of YAML text (what the web's settings page stores)."""
    return parse_letterhead(parse_yaml(text, origin), origin)


def with_overrides(
    head: Letterhead,
    issuer: str | None = None,
    number: str | None = None,
    place: str | None = None,
    date: dt.date | None = None,
) -> Letterhead:
    """The command line's ``--issuer/--number/--place/--date`` over the file's."""
    changes: dict[str, Any] = {}
    if issuer:
        changes["issuer"] = issuer
    if number:
        changes["number"] = number
    if place:
        changes["place"] = place
    if date:
        changes["date"] = date
    return replace(head, **changes)
