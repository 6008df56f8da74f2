"""What changes who may do what, or which block a unit is ranked in, is in the audit trail:
units made or edited (also from a file), accounts made (from a file, for every unit, by
create_admin, on the admin site), roles and units of accounts, old → new."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from parindex.web.audit.models import AuditEntry
from parindex.web.units.actions import do_edit_unit
from parindex.web.units.models import PendingImport
from tests.web.people_sheets import UNIT_HEADER, USER_HEADER, csv_bytes


def _import(client, admin, base: str, header, rows, name: str) -> None:
    client.force_login(admin)
    client.post(f"{base}/nhap/", {"roster": SimpleUploadedFile(name, csv_bytes(header, rows))})
    pending = PendingImport.objects.get(owner=admin)
    assert client.post(f"{base}/nhap/xac-nhan/", {"pending": pending.pk}).status_code == 302


def test_a_kind_change_is_audited_old_to_new_as_a_move_between_ranking_blocks(world):
    values = {
        "name": world.unit_a.name,
        "kind": "phường",
        "parent": None,
        "population": None,
        "predecessors": [],
    }
    do_edit_unit(world.unit_a, values, world.admin)
    entry = AuditEntry.objects.get(action="unit.edit", field="kind")
    assert (entry.unit, entry.old, entry.new, entry.actor) == (
        world.unit_a,
        "xã",
        "phường",
        world.admin,
    )
    assert "khối xếp hạng" in entry.reason


def test_a_units_file_audits_each_unit_it_creates_and_each_value_it_changes(client, world):
    rows = [
        ["XA", "Tiên Châu", "phường", "", "", ""],
        ["X-MOI", "Thuận Hạnh", "xã", "", "", ""],
    ]
    _import(client, world.admin, "/don-vi", UNIT_HEADER, rows, "don-vi.csv")
    created = AuditEntry.objects.get(action="unit.create")
    assert created.unit.code == "X-MOI" and created.new == "X-MOI; Thuận Hạnh; xã"
    kind = AuditEntry.objects.get(action="unit.import", field="kind")
    assert (kind.unit, kind.old, kind.new) == (world.unit_a, "xã", "phường")
    assert "khối xếp hạng" in kind.reason


def test_accounts_made_from_a_file_or_for_every_unit_are_audited_as_created(client, world):
    rows = [["XA", "Lê Văn Tâm", "tam@tinh.gov.vn", "cán bộ"]]
    _import(client, world.admin, "/nguoi-dung", USER_HEADER, rows, "nd.csv")
    made = AuditEntry.objects.get(action="user.create")
    assert made.unit == world.unit_a and made.actor == world.admin
    assert made.new == "vai trò officer; đơn vị XA"


def test_the_first_admin_made_by_create_admin_is_audited_as_created(world, monkeypatch):
    monkeypatch.setenv("PARINDEX_ADMIN_PASSWORD", "một-mật-khẩu-đủ-dài-2024")
    call_command("create_admin", "quantri2")
    made = AuditEntry.objects.get(action="user.create")
    assert (made.field, made.new, made.actor) == ("quantri2", "vai trò admin; đơn vị —", None)


def test_a_role_and_unit_change_records_old_and_new(client, world):
    client.force_login(world.admin)
    client.post(
        f"/nguoi-dung/{world.officer_a.pk}/sua/",
        {"full_name": "Cán bộ A", "email": "", "role": "leader", "unit": ""},
    )
    rows = {
        e.field: (e.old, e.new)
        for e in AuditEntry.objects.filter(action="user.edit", field__in=["role", "unit"])
    }
    assert rows == {"role": ("officer", "leader"), "unit": ("XA", "")}


def test_a_role_change_on_the_django_admin_site_is_audited_too(rf, world):
    from django.contrib.admin.sites import site

    from parindex.web.accounts.models import User

    request = rf.post("/")
    request.user = world.admin
    account = User.objects.get(pk=world.officer_a.pk)
    account.role, account.unit = "admin", None
    site._registry[User].save_model(request, account, None, True)
    rows = {e.field: (e.old, e.new) for e in AuditEntry.objects.filter(action="user.edit")}
    assert rows["role"] == ("officer", "admin") and rows["unit"] == ("XA", "")
