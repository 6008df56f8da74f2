"""The periodic PAR report's inputs, read once into the core's objects (docs/formats.md).

- ``trang-thai.json`` (``parindex plan status``) → ``core.plans.PlanStatus`` and the text
  of the document that assigned the plan;
- ``chi-tieu.json`` (the indicators against their targets) → ``core.review.IndicatorTable``;
- ``thong-ke.json`` (``parindex onestop report``) → ``core.review.OnestopFigures``.

Each reader raises one ``InputError`` naming every problem (the file, the key, in
Vietnamese); keys a reader does not use are ignored, so files written by a later version
still read. ``results.json`` is read by ``io.results_json.read_results``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from parindex.core.deadlines import Deadline, DeadlineError, parse_deadline
from parindex.core.numbers import to_decimal
from parindex.core.onestop import Counts
from parindex.core.plans import STATUSES, PlanStatus, Task, TaskStatus
from parindex.core.problems import InputError, Problem
from parindex.core.review import (
    IndicatorResult,
    IndicatorTable,
    OnestopFigures,
    OnestopUnit,
    PlanInput,
)

MAX_BYTES = 50 * 1024 * 1024


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(message, where=f"mục «{where}»", file=self.origin))

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "phải là một nhóm khóa: giá trị")
            return {}
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            self.fail(where, "thiếu hoặc không phải một danh sách")
            return []
        return value

    def text(self, data: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, "thiếu")
            return ""
        if not isinstance(value, str):
            self.fail(where, "phải là một dòng chữ")
            return ""
        return value.strip()

    def date(
        self, data: dict[str, Any], key: str, where: str, required: bool = True
    ) -> dt.date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, "thiếu ngày")
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(where, f"«{value}» không phải một ngày (viết 2026-06-30)")
            return None

    def count(self, data: dict[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(where, "phải là một số nguyên không âm")
            return 0
        return value

    def finish(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def _load(path: Path | str) -> tuple[Any, str]:
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem("không tìm thấy tệp", file=str(path))])
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem("tệp quá lớn (tối đa 50 MB)", file=path.name)])
    try:
        return json.loads(path.read_text(encoding="utf-8")), path.name
    except UnicodeDecodeError:
        raise InputError([Problem("không phải văn bản UTF-8", file=path.name)]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    f"không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})", file=path.name
                )
            ]
        ) from None


def _deadline(text: str, end: dt.date | None) -> Deadline:
    try:
        parsed = parse_deadline(text)
    except DeadlineError:
        return Deadline(text, "ongoing" if end is None else "date", end)
    return Deadline(text, parsed.kind, end)


def parse_plan_status(data: Any, origin: str = "trang-thai.json") -> PlanInput:
    r = _Reader(origin)
    top = r.mapping(data, "(tệp)")
    as_of = r.date(top, "as_of", "as_of") if top else None
    statuses = []
    for n, item in enumerate(r.items(top, "tasks", "tasks") if top else [], start=1):
        where = f"tasks[{n}]"
        task = r.mapping(item, where)
        if not task:
            continue
        status = r.text(task, "status", f"{where}.status")
        if status and status not in STATUSES:
            r.fail(f"{where}.status", f"«{status}» không phải một trong: {', '.join(STATUSES)}")
        end = r.date(task, "deadline", f"{where}.deadline", required=False)
        deadline_text = r.text(task, "deadline_text", f"{where}.deadline_text")
        completed = r.date(task, "completed", f"{where}.completed", required=False)
        statuses.append(
            TaskStatus(
                Task(
                    tt=r.text(task, "tt", f"{where}.tt"),
                    heading=r.text(task, "heading", f"{where}.heading", required=False),
                    text=r.text(task, "task", f"{where}.task"),
                    lead=r.text(task, "lead", f"{where}.lead"),
                    partners="",
                    product="",
                    deadline=_deadline(deadline_text, end),
                ),
                status,
                r.text(task, "result", f"{where}.result", required=False),
                completed,
            )
        )
    assigned_by = r.text(top, "assigned_by", "assigned_by", required=False) if top else ""
    r.finish()
    assert as_of is not None
    return PlanInput(PlanStatus(as_of, tuple(statuses)), assigned_by)


def read_plan_status(path: Path | str) -> PlanInput:
    data, origin = _load(path)
    return parse_plan_status(data, origin)


def parse_indicators(data: Any, origin: str = "chi-tieu.json") -> IndicatorTable:
    r = _Reader(origin)
    top = r.mapping(data, "(tệp)")
    rows = []
    seen: set[str] = set()
    for n, item in enumerate(r.items(top, "indicators", "indicators") if top else [], start=1):
        where = f"indicators[{n}]"
        row = r.mapping(item, where)
        if not row:
            continue
        code = r.text(row, "code", f"{where}.code")
        if code and code in seen:
            r.fail(f"{where}.code", f"mã chỉ tiêu «{code}» trùng với một dòng trước")
        seen.add(code)
        raw = row.get("value")
        value = to_decimal(raw) if raw is not None and not isinstance(raw, str) else None
        if raw is not None and value is None:
            r.fail(f"{where}.value", "phải là một số hoặc null (chưa có số liệu)")
        attained = row.get("attained")
        if attained is not None and not isinstance(attained, bool):
            r.fail(f"{where}.attained", "phải là true, false hoặc null")
            attained = None
        if attained is not None and value is None:
            r.fail(f"{where}.attained", "có đánh giá nhưng không có kết quả («value»: null)")
        rows.append(
            IndicatorResult(
                code=code,
                name=r.text(row, "name", f"{where}.name"),
                unit=r.text(row, "unit", f"{where}.unit", required=False),
                target=r.text(row, "target", f"{where}.target"),
                value=value,
                attained=attained,
                lead=r.text(row, "lead", f"{where}.lead", required=False),
            )
        )
    period = r.text(top, "period", "period", required=False) if top else ""
    r.finish()
    return IndicatorTable(period, tuple(rows))


def read_indicators(path: Path | str) -> IndicatorTable:
    data, origin = _load(path)
    return parse_indicators(data, origin)


def _counts(r: _Reader, value: Any, where: str) -> Counts:
    data = r.mapping(value, where)
    if not data:
        return Counts(0, 0, 0, 0, 0, 0, 0, 0, 0)
    received = r.mapping(data.get("received"), f"{where}.received")
    resolved = r.mapping(data.get("resolved"), f"{where}.resolved")
    progress = r.mapping(data.get("in_progress"), f"{where}.in_progress")
    c = Counts(
        carried_over=r.count(received, "carried_over", f"{where}.received.carried_over"),
        online=r.count(received, "online", f"{where}.received.online"),
        direct_postal=r.count(received, "direct_postal", f"{where}.received.direct_postal"),
        early=r.count(resolved, "early", f"{where}.resolved.early"),
        on_time=r.count(resolved, "on_time", f"{where}.resolved.on_time"),
        late=r.count(resolved, "late", f"{where}.resolved.late"),
        within=r.count(progress, "within", f"{where}.in_progress.within"),
        overdue=r.count(progress, "overdue", f"{where}.in_progress.overdue"),
        late_without_apology=r.count(data, "late_without_apology", f"{where}.late_without_apology"),
    )
    for part, key, total in (
        (received, "received", c.received),
        (resolved, "resolved", c.resolved),
        (progress, "in_progress", c.in_progress),
    ):
        given = part.get("total")
        if isinstance(given, int) and not isinstance(given, bool) and given != total:
            r.fail(f"{where}.{key}.total", "khác tổng các thành phần của nó")
    for problem in c.problems():
        r.fail(where, problem)
    return c


def parse_onestop(data: Any, origin: str = "thong-ke.json") -> OnestopFigures:
    r = _Reader(origin)
    top = r.mapping(data, "(tệp)")
    period = r.mapping(top.get("period"), "period") if top else {}
    start = r.date(period, "from", "period.from") if period else None
    end = r.date(period, "to", "period.to") if period else None
    if start and end and end < start:
        r.fail("period", "ngày kết thúc trước ngày bắt đầu")
    total = _counts(r, top.get("total"), "total") if top else None
    levels = r.mapping(top.get("levels"), "levels") if top else {}
    level_counts = tuple((str(k), _counts(r, v, f"levels.{k}")) for k, v in levels.items())
    units = []
    for n, item in enumerate(r.items(top, "units", "units") if top else [], start=1):
        where = f"units[{n}]"
        row = r.mapping(item, where)
        if row:
            code = r.text(row, "unit", f"{where}.unit")
            units.append(
                OnestopUnit(
                    code,
                    r.text(row, "name", f"{where}.name", required=False) or code,
                    r.text(row, "level", f"{where}.level", required=False),
                    _counts(r, row, where),
                )
            )
    r.finish()
    assert start is not None and end is not None and total is not None
    return OnestopFigures(start, end, total, level_counts, tuple(units))


def read_onestop(path: Path | str) -> OnestopFigures:
    data, origin = _load(path)
    return parse_onestop(data, origin)
