"""The audit trail cannot be changed quietly: the database refuses edits and deletions, and
each row carries the previous row's hash, so a row edited behind the database's back is named."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from parindex.web.audit import triggers
from parindex.web.audit.actions import record
from parindex.web.audit.chain import GENESIS, hash_of
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry


def _raw(sql: str, params: list[object]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        for sql in triggers.statements(connection.vendor, drop=True):
            cursor.execute(sql)


def test_each_row_carries_the_hash_of_the_row_before_it(world):
    first = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="một")
    second = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="hai")
    assert second.previous_hash == first.row_hash
    assert AuditEntry.objects.order_by("id").first().previous_hash == GENESIS
    stored = AuditEntry.objects.get(pk=second.pk)
    assert hash_of(stored) == stored.row_hash


def test_verify_audit_says_the_chain_is_whole_with_its_row_count(world):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    rows = AuditEntry.objects.count()
    assert rows > 0
    assert out.getvalue().strip() == f"Chuỗi nhật ký nguyên vẹn: {rows} dòng"


@pytest.mark.parametrize("statement", ["UPDATE", "DELETE"])
def test_the_database_refuses_to_change_or_delete_an_audit_row(world, statement):
    row = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="một")
    sql = (
        "UPDATE audit_auditentry SET new = %s WHERE id = %s"
        if statement == "UPDATE"
        else "DELETE FROM audit_auditentry WHERE id = %s AND new <> %s"
    )
    params: list[object] = ["sửa lén", row.pk] if statement == "UPDATE" else [row.pk, "x"]
    with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
        _raw(sql, params)
    assert AuditEntry.objects.get(pk=row.pk).new == "một"


def test_a_row_edited_with_the_trigger_dropped_is_named_by_verify_audit(world):
    record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="một")
    edited = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="hai")
    record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="ba")
    # someone with the database's password drops the trigger and edits a row (the test's
    # transaction is rolled back at the end, the trigger with it)
    _drop_triggers()
    _raw("UPDATE audit_auditentry SET new = %s WHERE id = %s", ["hai mươi", edited.pk])
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert failure.value.returncode == 1
    message = str(failure.value)
    assert f"dòng #{edited.pk}" in message
    assert "nội dung dòng không khớp mã băm ghi lúc tạo" in message and "dòng đã bị sửa" in message


def test_a_deleted_row_breaks_the_link_of_the_row_after_it(world):
    record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="một")
    gone = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="hai")
    after = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="ba")
    _drop_triggers()
    _raw("DELETE FROM audit_auditentry WHERE id = %s AND new = %s", [gone.pk, "hai"])
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert f"dòng #{after.pk}" in str(failure.value)
    assert "có dòng bị xóa" in str(failure.value)


def test_the_chain_cannot_fork_two_rows_cannot_follow_the_same_row(world):
    last = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, new="một")
    twin = AuditEntry(action=AuditAction.CYCLE_EDIT, previous_hash=last.previous_hash, row_hash="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        twin.save()


def test_the_audit_page_says_its_rows_match_their_hashes(client, world):
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/nhat-ky/").content.decode()
    assert "khớp mã băm" in page


def test_the_audit_page_names_a_row_edited_behind_the_databases_back(client, world):
    edited = record(world.admin, AuditAction.CYCLE_EDIT, cycle=world.cycle, unit=world.unit_a)
    _drop_triggers()
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["sửa lén", edited.pk])
    client.force_login(world.admin)
    url = f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/nhat-ky/"
    page = client.get(url).content.decode()
    assert "không khớp mã băm ghi lúc tạo" in page and f"#{edited.pk}" in page
    whole = client.get(url + "?kiem-tra-chuoi=1").content.decode()
    assert f"Chuỗi nhật ký bị đứt tại dòng #{edited.pk}" in whole


def test_the_admin_checks_the_whole_chain_from_the_audit_page(client, world):
    client.force_login(world.admin)
    url = f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/nhat-ky/?kiem-tra-chuoi=1"
    assert "Chuỗi nhật ký nguyên vẹn" in client.get(url).content.decode()
    client.force_login(world.officer_a)  # an officer sees their rows checked, not the chain
    assert "Chuỗi nhật ký" not in client.get(url).content.decode()
