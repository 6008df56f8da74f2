"""The database refuses UPDATE and DELETE on audit rows (SQLite and PostgreSQL).

Created by migration 0006 and again after every migrate (``post_migrate``): a later migration
that rebuilds the SQLite table would otherwise drop them. DELETE is allowed on SQLite only
while ``manage.py flush`` empties the whole database (chain.emptying_database); PostgreSQL's
flush is a TRUNCATE, which row triggers do not see (no TRUNCATE trigger on purpose).
"""

from __future__ import annotations

from typing import Any

from django.db import connections

TABLE = "audit_auditentry"
REFUSED = "nhật ký thay đổi chỉ được ghi thêm: không được sửa hay xóa dòng nhật ký"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
WHEN NOT parindex_audit_unlocked()
BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_no_update",
    "DROP TRIGGER IF EXISTS audit_no_delete",
]

POSTGRESQL_CREATE = [
    f"""CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '{REFUSED}'; END $$""",
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}",
    f"""CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_append_only()",
]


def statements(vendor: str, *, drop: bool = False) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_DROP if drop else SQLITE_CREATE
    if vendor == "postgresql":
        return POSTGRESQL_DROP if drop else POSTGRESQL_CREATE
    return []


def create(schema_editor: Any) -> None:
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def drop(schema_editor: Any) -> None:
    for sql in statements(schema_editor.connection.vendor, drop=True):
        schema_editor.execute(sql, params=None)


def ensure(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``: the triggers exist once the audit table does."""
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor):
            cursor.execute(sql)
