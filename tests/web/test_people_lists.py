"""The units and users lists: searchable without diacritics, sortable; a unit's edit and
deactivation, audited and never a deletion."""

from __future__ import annotations

import re

import pytest

from parindex.web.audit.models import AuditEntry
from parindex.web.units.models import Unit

pytestmark = pytest.mark.django_db


def names_in(page: bytes) -> list[str]:
    return re.findall(r'<a href="/don-vi/\d+/sua/">([^<]+)</a>', page.decode())


def test_searching_thuan_finds_thuan_with_its_marks(client, world):
    Unit.objects.create(code="X-TH", name="Thuận Hạnh", kind="xã")
    Unit.objects.create(code="P-BL", name="Bảo Lộc", kind="phường")
    client.force_login(world.admin)
    assert names_in(client.get("/don-vi/?q=thuan").content) == ["Thuận Hạnh"]
    assert names_in(client.get("/don-vi/?q=THUAN hanh").content) == ["Thuận Hạnh"]


def test_the_units_list_sorts_by_name_in_vietnamese_order_both_ways(client, world):
    Unit.objects.create(code="X-1", name="Đạ Huoai", kind="xã")
    Unit.objects.create(code="X-2", name="Bảo Lộc", kind="phường")
    client.force_login(world.admin)
    ascending = names_in(client.get("/don-vi/?sap-xep=name").content)
    assert ascending == ["Bảo Lộc", "Đạ Huoai", "Tiên Châu", "Tiên Hà"]
    assert names_in(client.get("/don-vi/?sap-xep=-name").content) == ascending[::-1]


def test_the_leader_reads_the_units_but_edits_nothing_and_sees_no_users(client, world):
    client.force_login(world.leader)
    page = client.get("/don-vi/").content.decode()
    assert "Tiên Châu" in page and "/sua/" not in page and "Nhập danh sách" not in page
    assert client.get("/nguoi-dung/").status_code == 404
    assert client.get(f"/don-vi/{world.unit_a.pk}/sua/").status_code == 404


def test_the_users_list_finds_a_person_without_diacritics(client, world):
    world.officer_a.first_name = "Nguyễn Thị Thuận"
    world.officer_a.save()
    client.force_login(world.admin)
    page = client.get("/nguoi-dung/?q=nguyen thi thuan").content.decode()
    assert "Nguyễn Thị Thuận" in page and "canbo.xb" not in page
    assert "1/6 dòng" in page


def test_a_units_edit_is_audited_and_its_parent_cannot_loop(client, world):
    client.force_login(world.admin)
    data = {"name": "Tiên Châu", "kind": "xã", "parent": world.unit_b.pk, "population": "1200",
            "predecessors": [world.unit_b.pk]}  # fmt: skip
    assert client.post(f"/don-vi/{world.unit_a.pk}/sua/", data).status_code == 302
    unit = Unit.objects.get(pk=world.unit_a.pk)
    assert (unit.parent, unit.population) == (world.unit_b, 1200)
    fields = set(AuditEntry.objects.filter(action="unit.edit").values_list("field", flat=True))
    assert fields == {"parent", "population", "predecessors"}
    looping = {"name": "Tiên Hà", "kind": "xã", "parent": world.unit_a.pk, "population": ""}
    page = client.post(f"/don-vi/{world.unit_b.pk}/sua/", looping).content.decode()
    assert "Đơn vị cấp trên tạo thành vòng lặp" in page
    assert Unit.objects.get(pk=world.unit_b.pk).parent is None


def test_a_unit_with_history_is_deactivated_never_deleted(client, world):
    client.force_login(world.admin)
    refused = client.post(f"/don-vi/{world.unit_a.pk}/su-dung/", {"active": "0"}, follow=True)
    assert "Cần đánh dấu ô xác nhận" in refused.content.decode()
    assert Unit.objects.get(pk=world.unit_a.pk).active
    client.post(
        f"/don-vi/{world.unit_a.pk}/su-dung/", {"active": "0", "confirm": "1", "reason": "sáp nhập"}
    )
    unit = Unit.objects.get(pk=world.unit_a.pk)
    assert not unit.active and unit.participations.exists()
    assert AuditEntry.objects.get(action="unit.deactivate").reason == "sáp nhập"
    assert "ngừng sử dụng" in client.get("/don-vi/").content.decode()
    client.post(f"/don-vi/{world.unit_a.pk}/su-dung/", {"active": "1", "confirm": "1"})
    assert Unit.objects.get(pk=world.unit_a.pk).active


def test_the_lists_ask_the_database_a_fixed_number_of_times(
    client, world, django_assert_max_num_queries
):
    from tests.web.people_sheets import roster_xlsx
    from tests.web.test_people_import import confirm, upload

    client.force_login(world.admin)
    upload(client, "/don-vi/nhap/", roster_xlsx(), "tinh.xlsx")
    confirm(client, "/don-vi/nhap/xac-nhan/", world.admin)
    client.post("/nguoi-dung/tao-cho-don-vi/", {"confirm": "1"})
    with django_assert_max_num_queries(12):  # the list, and the layout (menu, bell, organisation)
        assert client.get("/don-vi/").status_code == 200
    with django_assert_max_num_queries(12):  # the list, and the layout (menu, bell, organisation)
        assert client.get("/nguoi-dung/").status_code == 200
