"""Writing the audit trail: the only way audit rows are made."""

from __future__ import annotations

from typing import Any

from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry


def record(
    actor: Any,
    action: AuditAction | str,
    *,
    cycle: Any = None,
    unit: Any = None,
    criterion_code: str = "",
    field: str = "",
    old: object = "",
    new: object = "",
    reason: str = "",
) -> AuditEntry:
    """One audit row; ``action`` is one of ``AuditAction`` (an unknown code is a bug: ValueError)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction(action),
        cycle=cycle,
        unit=unit,
        criterion_code=criterion_code,
        field=field,
        old="" if old is None else str(old),
        new="" if new is None else str(new),
        reason=reason,
    )
