"""Importing a one-stop register in the app: read and checked as ``parindex onestop report``
reads it, then kept as every unit's figures per month (audited)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import astuple
from pathlib import Path

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.onestop import NO_RESULT, by_period
from parindex.core.problems import InputError
from parindex.io.dossier_mapping import level_of_kind, read_mapping
from parindex.io.dossiers import day_number, read_register
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.onestop.models import RegisterImport
from parindex.web.units.models import Unit

MAX_MONTHS = 36
"""The months an import covers at most (from the first month a dossier was received)."""
EPOCH = dt.date(1970, 1, 1)


def _month_start(day: int) -> dt.date:
    d = EPOCH + dt.timedelta(days=int(day))
    return dt.date(d.year, d.month, 1)


def _next(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    found: list[dt.date] = []
    month = first
    while month <= last and len(found) < MAX_MONTHS:
        found.append(month)
        month = _next(month)
    return found


def _save(upload: Iterable[bytes], folder: Path, name: str) -> Path:
    path = folder / (Path(name).name or "ho-so.csv")
    with path.open("wb") as out:
        for chunk in upload:
            out.write(chunk)
    return path


@transaction.atomic
def do_import_register(
    chunks: Iterable[bytes],
    filename: str,
    actor: User,
    *,
    mapping: bytes | None = None,
    drop_invalid: bool = False,
) -> RegisterImport:
    """Read the register against the units in force (their level from their kind), count
    every unit's figures for each month from the first dossier's to the last day seen."""
    units = [
        (u.code, u.name, level_of_kind(u.kind))
        for u in Unit.objects.filter(Unit.in_force_now()).order_by("code")
    ]
    units = [u for u in units if u[2]]
    with tempfile.TemporaryDirectory() as folder:
        path = _save(chunks, Path(folder), filename)
        try:
            rules = None
            if mapping is not None:
                (Path(folder) / "anh-xa.yaml").write_bytes(mapping)
                rules = read_mapping(Path(folder) / "anh-xa.yaml")
            loaded = read_register(path, [u[0] for u in units], rules, drop_invalid=drop_invalid)
        except InputError as exc:
            raise ActionError(
                f"Sổ theo dõi hồ sơ «{path.name}» chưa nhập được: "
                f"{format_count(len(exc.problems))} lỗi, chưa lưu gì",
                exc.problems,
            ) from exc
    register = loaded.register
    if not len(register):
        raise ActionError(f"Sổ theo dõi hồ sơ «{path.name}» không còn hồ sơ nào để tính")
    finished = register.finished[register.finished != NO_RESULT]
    last_day = max(int(register.received.max()), int(finished.max()) if finished.size else 0)
    months = months_between(_month_start(int(register.received.min())), _month_start(last_day))
    spans = [(day_number(m), day_number(_next(m)) - 1) for m in months]
    table = by_period(register, spans)
    monthly = {
        code: {m.strftime("%Y-%m"): list(astuple(table[k][i])) for k, m in enumerate(months)}
        for i, code in enumerate(register.units)
    }
    made = RegisterImport.objects.create(
        file_name=path.name[:255],
        rows=loaded.rows,
        dropped=loaded.rows - len(register),
        first_month=months[0],
        last_month=months[-1],
        units=[list(u) for u in units],
        monthly=monthly,
        problems="\n".join(str(p) for p in loaded.dropped),
        uploaded_by=actor,
    )
    record(
        actor,
        AuditAction.ONESTOP_IMPORT,
        field="onestop",
        new=f"{made.file_name}: {format_count(loaded.rows)} hồ sơ, "
        f"{format_count(len(months))} tháng",
    )
    return made
