"""The audit trail as a hash chain: each row carries the hash of the row before it.

A row's hash covers its content and the previous row's hash, so editing a row breaks its own
hash and deleting or inserting one breaks the link of the row after it. Rows are chained in
``id`` order; the database refuses UPDATE and DELETE on them (migration 0006, triggers).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection

from parindex.core.numbers import format_count

GENESIS = ""
"""The previous hash of the first row."""

ADVISORY_LOCK = 0x7061_7269_6E64  # 'parind': the PostgreSQL lock every audit writer takes

_UNLOCKED = threading.local()


def content_hash(
    previous_hash: str,
    *,
    at: datetime,
    actor_id: int | None,
    action: str,
    cycle_id: int | None,
    unit_id: int | None,
    criterion_code: str,
    field: str,
    old: str,
    new: str,
    reason: str,
) -> str:
    """SHA-256 of a row's content (canonical JSON, time in UTC to the microsecond) and the
    previous row's hash."""
    canonical = json.dumps(
        [
            previous_hash,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor_id,
            action,
            cycle_id,
            unit_id,
            criterion_code,
            field,
            old,
            new,
            reason,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hash_of(entry: Any, previous_hash: str | None = None) -> str:
    """The hash an entry (a model instance, also a historical one) should carry."""
    return content_hash(
        entry.previous_hash if previous_hash is None else previous_hash,
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        cycle_id=entry.cycle_id,
        unit_id=entry.unit_id,
        criterion_code=entry.criterion_code,
        field=entry.field,
        old=entry.old,
        new=entry.new,
        reason=entry.reason,
    )


def lock_chain() -> None:
    """Serialise audit writers until the transaction ends, so the chain stays one line.

    PostgreSQL: a transaction-level advisory lock; SQLite serialises writers by itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])


# --- SQLite: the one allowed DELETE, `manage.py flush` ----------------------------------------


def sqlite_unlocked() -> int:
    """1 while this thread empties the database on purpose (flush), else 0 (the SQLite trigger
    calls it; a connection without it, such as the sqlite3 shell, cannot delete at all)."""
    return 1 if getattr(_UNLOCKED, "on", False) else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: give each SQLite connection the trigger's function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "parindex_audit_unlocked", 0, sqlite_unlocked, deterministic=False
        )


@contextmanager
def emptying_database() -> Iterator[None]:
    """While the whole database is flushed, the SQLite trigger lets the audit rows go too
    (PostgreSQL's flush is a TRUNCATE, which the row triggers do not see)."""
    _UNLOCKED.on = True
    try:
        yield
    finally:
        _UNLOCKED.on = False


# --- verifying -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first broken link: which row, when, and what differs."""

    row_id: int
    at: datetime
    what: str

    def message(self) -> str:
        at = self.at.astimezone(UTC).strftime("%d/%m/%Y %H:%M:%S UTC")
        return f"Chuỗi nhật ký bị đứt tại dòng #{self.row_id} ({at}): {self.what}"


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def message(self) -> str:
        if self.broken is not None:
            return self.broken.message()
        return f"Chuỗi nhật ký nguyên vẹn: {format_count(self.rows)} dòng"


def walk(entries: Any) -> ChainReport:
    """Walk rows in id order; the first row whose link or hash does not hold is the break."""
    previous = GENESIS
    rows = 0
    for entry in entries:
        rows += 1
        if not entry.row_hash:
            return ChainReport(rows, Break(entry.pk, entry.at, "dòng không có mã băm"))
        if entry.previous_hash != previous:
            return ChainReport(
                rows,
                Break(
                    entry.pk,
                    entry.at,
                    "mã băm của dòng trước ghi trong dòng này không khớp dòng đứng trước nó "
                    f"({entry.previous_hash[:12] or 'trống'} ≠ {previous[:12] or 'trống'}): "
                    "có dòng bị xóa, chèn hoặc sửa mã băm",
                ),
            )
        expected = hash_of(entry)
        if expected != entry.row_hash:
            return ChainReport(
                rows,
                Break(
                    entry.pk,
                    entry.at,
                    "nội dung dòng không khớp mã băm ghi lúc tạo "
                    f"({entry.row_hash[:12]} ≠ {expected[:12]}): dòng đã bị sửa",
                ),
            )
        previous = entry.row_hash
    return ChainReport(rows, None)
