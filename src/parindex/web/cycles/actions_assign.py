"""Appraisers' assignments in bulk: a units × fields matrix per appraiser, and a file import.

An assignment is (appraiser, unit, field); a unit with every field ticked is stored as one
assignment of the whole unit (``field_code`` blank), as ``access.appraisable_fields`` reads it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.io.tables import Row, Table, find_columns, read_table, text_of
from parindex.web.access import is_appraiser
from parindex.web.accounts.models import User
from parindex.web.cycles.actions import do_assign_appraiser, do_unassign_appraiser
from parindex.web.cycles.models import Assignment, Cycle
from parindex.web.cycles.setup import cycle_fields
from parindex.web.errors import ActionError

Cell = tuple[int, str]
"""A matrix cell: (unit id, field code)."""


def assigned_cells(cycle: Cycle, appraiser: User) -> set[Cell]:
    """The cells the appraiser holds (a whole-unit assignment: every field of the unit)."""
    fields = [code for code, _ in cycle_fields(cycle)]
    cells: set[Cell] = set()
    for unit_id, field in Assignment.objects.filter(cycle=cycle, appraiser=appraiser).values_list(
        "unit_id", "field_code"
    ):
        if field:
            cells.add((unit_id, field))
        else:
            cells.update((unit_id, f) for f in fields)
    return cells


def _wanted_rows(cycle: Cycle, cells: set[Cell]) -> set[tuple[int, str]]:
    """The assignment rows (unit id, field code or blank) that hold exactly these cells."""
    fields = [code for code, _ in cycle_fields(cycle)]
    rows: set[tuple[int, str]] = set()
    for unit_id in {u for u, _ in cells}:
        ticked = {f for u, f in cells if u == unit_id}
        if fields and ticked >= set(fields):
            rows.add((unit_id, ""))
        else:
            rows.update((unit_id, f) for f in ticked)
    return rows


def cell_problems(cycle: Cycle, cells: Iterable[Cell]) -> list[Problem]:
    """A cell of a unit not in the cycle, or of a field not in its framework."""
    units = set(cycle.participations.values_list("unit_id", flat=True))
    fields = {code for code, _ in cycle_fields(cycle)}
    problems = []
    for unit_id, field in sorted(set(cells)):
        if unit_id not in units:
            problems.append(Problem(f"đơn vị #{unit_id} không tham gia kỳ đánh giá", where="ô"))
        if field not in fields:
            problems.append(
                Problem(f"lĩnh vực «{field}» không có trong bộ tiêu chí của kỳ", where="ô")
            )
    return problems


@transaction.atomic
def do_set_assignments(
    cycle: Cycle, appraiser: User, cells: set[Cell], actor: User
) -> tuple[int, int]:
    """The appraiser's assignments in the cycle become exactly ``cells``: what is new is
    assigned, what is no longer ticked unassigned (each audited). Returns (added, removed)."""
    if not is_appraiser(appraiser):
        raise ActionError(f"{appraiser} không phải thành viên Hội đồng thẩm định")
    problems = cell_problems(cycle, cells)
    if problems:
        raise ActionError("Chưa lưu được phân công", problems)
    wanted = _wanted_rows(cycle, cells)
    existing = {
        (a.unit_id, a.field_code): a
        for a in Assignment.objects.filter(cycle=cycle, appraiser=appraiser).select_related(
            "unit", "appraiser", "cycle"
        )
    }
    removed = 0
    for key, assignment in existing.items():
        if key not in wanted:
            do_unassign_appraiser(assignment, actor)
            removed += 1
    units = {p.unit_id: p.unit for p in cycle.participations.select_related("unit")}
    added = 0
    for unit_id, field in sorted(wanted - set(existing)):
        do_assign_appraiser(cycle, appraiser, units[unit_id], actor, field_code=field)
        added += 1
    return added, removed


@dataclass(frozen=True)
class ImportRow:
    number: int
    appraiser: User
    unit_id: int
    field_code: str


COLUMNS = {
    "appraiser": ("thẩm định viên", "tài khoản", "tên đăng nhập", "username", "email", "e-mail"),
    "unit": ("mã đơn vị", "đơn vị", "unit_code", "unit"),
    "field": ("lĩnh vực", "mã lĩnh vực", "field_code", "field"),
}


def _cell(row: Row, found: dict[str, int], name: str) -> str:
    return text_of(row.get(found[name])).strip() if name in found else ""


def parse_assignments(cycle: Cycle, table: Table) -> list[ImportRow]:
    """Every row checked against the cycle: the appraiser (username or e-mail), the unit (a
    participant's code), the field (of the framework; blank: every field). Every refused row
    is reported at once, with its number: InputError."""
    found, problems = find_columns(table, COLUMNS, ("appraiser", "unit"))
    if problems:
        raise InputError(problems)
    units = {p.unit.code.casefold(): p.unit_id for p in cycle.participations.select_related("unit")}
    fields = {code.casefold(): code for code, _ in cycle_fields(cycle)}
    people: dict[str, User | None] = {}
    rows = []
    for row in table.rows:
        where = table.where(row.number)
        who, code, field = (_cell(row, found, name) for name in ("appraiser", "unit", "field"))
        bad = []
        if who.casefold() not in people:
            people[who.casefold()] = (
                User.objects.filter(
                    Q(username__iexact=who) | Q(email__iexact=who), is_active=True
                ).first()
                if who
                else None
            )
        user = people[who.casefold()]
        if not who:
            bad.append("thiếu thẩm định viên")
        elif user is None:
            bad.append(f"không có tài khoản «{who}»")
        elif not is_appraiser(user):
            bad.append(f"«{who}» không phải thành viên Hội đồng thẩm định")
        if not code:
            bad.append("thiếu mã đơn vị")
        elif code.casefold() not in units:
            bad.append(f"đơn vị «{code}» không tham gia kỳ đánh giá này")
        if field and field.casefold() not in fields:
            bad.append(f"lĩnh vực «{field}» không có trong bộ tiêu chí của kỳ")
        if bad:
            problems.extend(Problem(b, file=table.file, where=where) for b in bad)
            continue
        assert user is not None
        rows.append(
            ImportRow(row.number, user, units[code.casefold()], fields.get(field.casefold(), ""))
        )
    if not table.rows:
        problems.append(Problem("tệp không có dòng phân công nào", file=table.file))
    if problems:
        raise InputError(problems)
    return rows


def read_upload(name: str, data: bytes) -> Table:
    """An uploaded CSV/XLSX read as a table (through a temporary file of the same suffix)."""
    suffix = Path(name).suffix.lower() or ".csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"phan-cong{suffix}"
        path.write_bytes(data)
        table = read_table(path)
    return Table(name, table.header, table.rows, table.sheet)


@transaction.atomic
def do_import_assignments(cycle: Cycle, name: str, data: bytes, actor: User) -> int:
    """Assignments from a file (added to those already made); nothing is written if any row is
    refused. Returns how many assignments were added."""
    try:
        rows = parse_assignments(cycle, read_upload(name, data))
    except InputError as exc:
        raise ActionError(
            f"Chưa nhập được phân công ({format_count(len(exc.problems))} lỗi)", exc.problems
        ) from exc
    by_person: dict[int, tuple[User, set[Cell]]] = {}
    fields = [code for code, _ in cycle_fields(cycle)]
    for r in rows:
        person = by_person.setdefault(r.appraiser.pk, (r.appraiser, set()))
        person[1].update(
            {(r.unit_id, f) for f in fields} if not r.field_code else {(r.unit_id, r.field_code)}
        )
    added = 0
    for user, cells in by_person.values():
        now, _ = do_set_assignments(cycle, user, assigned_cells(cycle, user) | cells, actor)
        added += now
    return added
