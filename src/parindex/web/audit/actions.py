"""Writing the audit trail: the only way audit rows are made."""

from __future__ import annotations

from decimal import Decimal

from parindex.web.accounts.models import User
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.models import Cycle
from parindex.web.units.models import Unit


def record(
    actor: User | None,
    action: AuditAction | str,
    *,
    cycle: Cycle | None = None,
    unit: Unit | None = None,
    criterion_code: str = "",
    field: str = "",
    old: Decimal | str | None = "",
    new: Decimal | str | None = "",
    reason: str = "",
) -> AuditEntry:
    """One audit row; ``action`` is one of ``AuditAction`` (an unknown code is a bug: ValueError).

    ``old`` and ``new`` are stored as text (points as ``1.5000``; None as empty); an actor not
    saved (no ``pk``) is recorded as nobody.
    """
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=AuditAction(action),
        cycle=cycle,
        unit=unit,
        criterion_code=criterion_code,
        field=field,
        old="" if old is None else str(old),
        new="" if new is None else str(new),
        reason=reason,
    )
