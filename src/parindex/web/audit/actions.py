"""Writing the audit trail: the only way audit rows are made."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from parindex.web.accounts.models import User
from parindex.web.audit import chain
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
    saved (no ``pk``) is recorded as nobody. The row carries the hash of the row before it
    (audit/chain.py), taken under a lock held until the transaction ends.
    """
    entry = AuditEntry(
        at=timezone.now(),
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
    with transaction.atomic():
        chain.lock_chain()
        last = AuditEntry.objects.order_by("-id").values_list("row_hash", flat=True).first()
        entry.previous_hash = last or chain.GENESIS
        entry.row_hash = chain.hash_of(entry)
        entry.save()
    return entry
