"""Units: the roster import (a row report first, then one transaction), edits, deactivation.

Every write to a unit is here and audited. A unit with history is never deleted: it is
deactivated and no longer offered for new cycles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from parindex.core.numbers import format_count
from parindex.core.problems import Problem
from parindex.io.roster import MAX_BYTES, UnitLine, UnitSheet, parse_units
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.units.models import PendingImport, Unit

KEEP_UPLOADS = dt.timedelta(days=1)
FIELD_LABELS = {
    "name": "tên",
    "kind": "loại",
    "parent": "đơn vị cấp trên",
    "predecessors": "đơn vị tiền thân",
    "population": "quy mô",
}


@dataclass(frozen=True)
class UnitUpdate:
    line: UnitLine
    unit: Unit
    changes: tuple[str, ...]  # Vietnamese labels of the fields the file changes


@dataclass(frozen=True)
class UnitPlan:
    """What confirming the file would do, and every problem that stops it."""

    file: str
    creates: tuple[UnitLine, ...]
    updates: tuple[UnitUpdate, ...]
    unchanged: int
    problems: tuple[Problem, ...]
    sheet: UnitSheet


def do_keep_upload(actor: User, kind: str, file_name: str, data: bytes) -> PendingImport:
    """Keep an uploaded roster until the admin confirms it: one per admin and kind; uploads
    older than a day are dropped."""
    if len(data) > MAX_BYTES:
        raise ActionError("Tệp lớn quá 2 MB")
    with transaction.atomic():
        PendingImport.objects.filter(owner=actor, kind=kind).delete()
        PendingImport.objects.filter(created__lt=timezone.now() - KEEP_UPLOADS).delete()
        return PendingImport.objects.create(
            owner=actor, kind=kind, file_name=file_name[-200:], data=data
        )


def _parents_loop(parents: dict[str, str], code: str) -> bool:
    seen = {code}
    current = parents.get(code, "")
    for _ in range(len(parents) + 1):
        if not current:
            return False
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current, "")
    return True


def _row_of(problem: Problem) -> int:
    found = re.match(r"dòng (\d+)", problem.where)
    return int(found.group(1)) if found else 0


def plan_units(data: bytes, file: str) -> UnitPlan:
    """The row report of a units file against the units already there; writes nothing."""
    sheet = parse_units(data, file)
    problems = list(sheet.problems)
    existing = {
        u.code: u for u in Unit.objects.select_related("parent").prefetch_related("predecessors")
    }
    known = set(existing) | {line.code for line in sheet.rows}
    parents = {code: (u.parent.code if u.parent else "") for code, u in existing.items()}
    for line in sheet.rows:
        if "parent" in sheet.columns:
            parents[line.code] = line.parent
        if line.parent and line.parent not in known:
            problems.append(
                sheet.problem(
                    line.row,
                    "parent",
                    f"đơn vị cấp trên «{line.parent}» không có trong tệp và chưa có trong hệ thống",
                )
            )
        for code in line.predecessors:
            if code not in known:
                problems.append(
                    sheet.problem(
                        line.row,
                        "predecessors",
                        f"đơn vị tiền thân «{code}» không có trong tệp và chưa có trong hệ thống",
                    )
                )
    for line in sheet.rows:
        if line.parent and line.parent in known and _parents_loop(parents, line.code):
            problems.append(sheet.problem(line.row, "parent", "đơn vị cấp trên tạo thành vòng lặp"))
    problems.sort(key=_row_of)  # stable: a row's problems in column order, the file's first
    creates, updates, unchanged = [], [], 0
    for line in sheet.rows:
        unit = existing.get(line.code)
        if unit is None:
            creates.append(line)
            continue
        changes = _changes(unit, line, sheet.columns)
        if changes:
            updates.append(UnitUpdate(line, unit, changes))
        else:
            unchanged += 1
    return UnitPlan(sheet.file, tuple(creates), tuple(updates), unchanged, tuple(problems), sheet)


def _changes(unit: Unit, line: UnitLine, columns: frozenset[str]) -> tuple[str, ...]:
    changed = []
    if unit.name != line.name:
        changed.append("name")
    if unit.kind != line.kind:
        changed.append("kind")
    if "parent" in columns and (unit.parent.code if unit.parent else "") != line.parent:
        changed.append("parent")
    if "predecessors" in columns and sorted(p.code for p in unit.predecessors.all()) != sorted(
        line.predecessors
    ):
        changed.append("predecessors")
    if "population" in columns and unit.population != line.population:
        changed.append("population")
    return tuple(FIELD_LABELS[c] for c in changed)


@transaction.atomic
def do_import_units(pending: PendingImport, actor: User) -> UnitPlan:
    """Write the confirmed file in one transaction (checked again: the units may have changed
    since the row report); refused whole if any problem remains."""
    plan = plan_units(bytes(pending.data), pending.file_name)
    if plan.problems:
        raise ActionError("Chưa nhập được danh sách đơn vị", plan.problems)
    columns = plan.sheet.columns
    units = {u.code: u for u in Unit.objects.select_for_update()}
    for line in plan.creates:
        units[line.code] = Unit.objects.create(
            code=line.code, name=line.name, kind=line.kind, population=line.population
        )
    before = {  # what each updated unit was, for the audit rows (old → new)
        u.line.code: {f: _shown(getattr(units[u.line.code], f)) for f in IMPORTED}
        for u in plan.updates
    }
    for update in plan.updates:
        unit, line = units[update.line.code], update.line
        unit.name, unit.kind = line.name, line.kind
        if "population" in columns:
            unit.population = line.population
        unit.save(update_fields=["name", "kind", "population"])
    for line in plan.sheet.rows:
        unit = units[line.code]
        if "parent" in columns or line.parent:
            parent = units[line.parent] if line.parent else None
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save(update_fields=["parent"])
        if "predecessors" in columns:
            unit.predecessors.set([units[code] for code in line.predecessors])
    summary = (
        f"{format_count(len(plan.creates))} đơn vị mới, "
        f"{format_count(len(plan.updates))} đơn vị cập nhật"
    )
    for line in plan.creates:
        unit = units[line.code]
        record(
            actor, AuditAction.UNIT_CREATE, unit=unit, field="unit",
            new=f"{unit.code}; {unit.name}; {unit.kind}", reason=plan.file,
        )  # fmt: skip
    for update in plan.updates:
        unit = units[update.line.code]
        unit.refresh_from_db()
        for field in IMPORTED:
            old, new = before[unit.code][field], _shown(getattr(unit, field))
            if old != new:
                record(
                    actor, AuditAction.UNIT_IMPORT, unit=unit, field=field, old=old, new=new,
                    reason=_why(field, plan.file),
                )  # fmt: skip
    record(actor, AuditAction.UNIT_IMPORT, new=summary, reason=plan.file)
    PendingImport.objects.filter(pk=pending.pk).delete()
    return plan


IMPORTED = ("name", "kind", "population", "parent")
"""A unit's master data a units file sets, audited old → new."""

KIND_MOVES = "loại đơn vị quyết định khối xếp hạng của đơn vị"


def _why(field: str, reason: str = "") -> str:
    """The audit row's reason; a kind change says it moves the unit between ranking blocks."""
    if field != "kind":
        return reason
    return f"{reason} — {KIND_MOVES}" if reason else KIND_MOVES


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Unit):
        return value.code
    return str(value)


@transaction.atomic
def do_edit_unit(unit: Unit, values: dict[str, Any], actor: User) -> list[str]:
    """Change a unit's name, kind, parent, population and predecessors; each change audited.
    Returns the labels of the fields changed."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    changed = []
    for field in ("name", "kind", "parent", "population"):
        old, new = getattr(unit, field), values[field]
        if old != new:
            setattr(unit, field, new)
            record(
                actor,
                AuditAction.UNIT_EDIT,
                unit=unit,
                field=field,
                old=_shown(old),
                new=_shown(new),
                reason=_why(field),
            )
            changed.append(FIELD_LABELS[field])
    unit.save()
    before = sorted(p.code for p in unit.predecessors.all())
    after_units: Iterable[Unit] = values["predecessors"]
    after = sorted(p.code for p in after_units)
    if before != after:
        unit.predecessors.set(list(after_units))
        record(
            actor, AuditAction.UNIT_EDIT, unit=unit, field="predecessors",
            old="; ".join(before), new="; ".join(after),
        )  # fmt: skip
        changed.append(FIELD_LABELS["predecessors"])
    return changed


@transaction.atomic
def do_set_unit_active(unit: Unit, active: bool, actor: User, reason: str = "") -> Unit:
    """Deactivate a unit (kept with its history, not offered for new cycles) or use it again."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.active == active:
        return unit
    unit.active = active
    unit.save(update_fields=["active"])
    if active:
        record(
            actor, AuditAction.UNIT_EDIT, unit=unit, field="active", old="0", new="1", reason=reason
        )
    else:
        record(actor, AuditAction.UNIT_DEACTIVATE, unit=unit, old="1", new="0", reason=reason)
    return unit
