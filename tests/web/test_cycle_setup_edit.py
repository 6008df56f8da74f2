"""The admin edits a cycle after creating it: name and deadlines, extensions, participants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.assessments.actions import do_save_self_score
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.deadlines import deadline_problems
from parindex.web.cycles.models import Participation
from parindex.web.cycles.setup import setup_warnings
from parindex.web.cycles.setup_forms import MomentField
from parindex.web.units.models import Unit
from tests.web.conftest import make_user

ZONE = dt.timezone(dt.timedelta(hours=7))


def edit(client, world, **values):
    client.force_login(world.admin)
    data = {"name": world.cycle.name} | values
    return client.post(reverse("cycles:cycle_edit", args=[world.cycle.pk]), data)


def test_a_typed_deadline_is_read_day_first_in_vietnam_time(client, world):
    response = edit(client, world, self_assessment_due="15/12/2030 17:00")
    assert response.status_code == 302
    world.cycle.refresh_from_db()
    assert world.cycle.self_assessment_due == dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)


def test_the_pickers_value_is_accepted_too():
    assert MomentField().clean("2030-12-15T17:00") == dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)


def test_a_date_that_is_not_on_the_calendar_is_refused_naming_the_field(client, world):
    response = edit(client, world, appraisal_due="31/02/2030 17:00")
    assert response.status_code == 400
    assert "Hạn thẩm định lần 1" in response.content.decode()
    assert "không có trên lịch" in response.content.decode()


def test_an_edit_is_audited_with_old_and_new(client, world):
    edit(client, world, name="Chỉ số CCHC cấp xã 2024 (sửa)", final_due="20/01/2031 17:00")
    rows = AuditEntry.objects.filter(action="cycle.edit").order_by("field")
    assert [(r.field, r.new) for r in rows] == [
        ("final_due", "17:00 ngày 20/01/2031"),
        ("name", "Chỉ số CCHC cấp xã 2024 (sửa)"),
    ]
    assert rows.get(field="name").old == "Chỉ số CCHC cấp xã năm 2024"


def test_a_deadline_in_the_past_is_flagged_on_the_page(client, world):
    edit(client, world, self_assessment_due="01/01/2020 17:00")
    page = client.get(reverse("cycles:cycle_edit", args=[world.cycle.pk])).content.decode()
    assert "Hạn tự đánh giá (17:00 ngày 01/01/2020) đã qua" in page


def test_deadlines_out_of_order_are_flagged(world):
    world.cycle.self_assessment_due = dt.datetime(2031, 3, 1, tzinfo=ZONE)
    world.cycle.appraisal_due = dt.datetime(2031, 2, 1, tzinfo=ZONE)
    assert any("trước hạn tự đánh giá" in w for w in setup_warnings(world.cycle))


def test_a_unit_of_another_level_and_a_unit_without_officer_are_flagged(world):
    dept = Unit.objects.create(code="SNV", name="Sở Nội vụ", kind="sở")
    Participation.objects.create(cycle=world.cycle, unit=dept)
    warnings = " | ".join(setup_warnings(world.cycle))
    assert "Sở Nội vụ (SNV) không thuộc cấp xã" in warnings
    assert "Sở Nội vụ (SNV) chưa có tài khoản cán bộ đầu mối" in warnings


def extend(client, world, until="20/12/2030 17:00", reason="Mất điện kéo dài"):
    client.force_login(world.admin)
    return client.post(
        reverse("cycles:cycle_extend", args=[world.cycle.pk]),
        {"unit": world.unit_a.pk, "step": "self_assessment", "until": until, "reason": reason},
    )


def test_an_extension_lets_a_unit_act_after_the_cycles_deadline(client, world):
    world.cycle.self_assessment_due = dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)
    world.cycle.save()
    late = dt.datetime(2030, 12, 18, 9, 0, tzinfo=ZONE)
    assert deadline_problems(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT, late)
    assert extend(client, world).status_code == 302
    assert deadline_problems(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT, late) == []
    assert deadline_problems(world.cycle, world.unit_b.pk, CycleState.SELF_ASSESSMENT, late)
    entry = AuditEntry.objects.get(action="deadline.extend")
    assert (entry.unit, entry.reason, entry.new) == (
        world.unit_a,
        "Mất điện kéo dài",
        "17:00 ngày 20/12/2030",
    )


def test_the_units_officer_is_told_of_an_extension(client, world):
    world.officer_a.email = "canbo.xa@example.vn"
    world.officer_a.save()
    world.cycle.self_assessment_due = dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)
    world.cycle.save()
    extend(client, world)
    assert [m.to for m in mail.outbox] == [["canbo.xa@example.vn"]]
    assert "gia hạn tự đánh giá, chấm điểm đến 17:00 ngày 20/12/2030" in mail.outbox[0].subject


def test_an_extension_without_a_reason_is_refused(client, world):
    world.cycle.self_assessment_due = dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)
    world.cycle.save()
    response = extend(client, world, reason="")
    assert response.status_code == 400
    assert "Gia hạn cần ghi lý do" in response.content.decode()
    assert not AuditEntry.objects.filter(action="deadline.extend").exists()


def test_an_extension_before_the_common_deadline_is_refused(client, world):
    world.cycle.self_assessment_due = dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)
    world.cycle.save()
    response = extend(client, world, until="10/12/2030 17:00")
    assert "không sau hạn chung" in response.content.decode()


def test_the_admin_adds_an_active_unit_of_the_frameworks_level(client, world):
    new = Unit.objects.create(code="XC", name="Tiên Lãnh", kind="xã")
    Unit.objects.create(code="XD", name="Tiên Cũ", kind="xã", valid_to=dt.date(2020, 1, 1))
    Unit.objects.create(code="SYT", name="Sở Y tế", kind="sở")
    client.force_login(world.admin)
    page = client.get(reverse("cycles:cycle_edit", args=[world.cycle.pk])).content.decode()
    assert "XC — xã Tiên Lãnh" in page
    assert "XD —" not in page and "SYT —" not in page
    client.post(reverse("cycles:cycle_add_units", args=[world.cycle.pk]), {"units": [new.pk]})
    assert world.cycle.participations.filter(unit=new).exists()
    assert world.cycle.scores.filter(unit=new).count() == 3
    assert AuditEntry.objects.filter(action="participant.add", unit=new).count() == 1


def test_a_unit_of_another_level_cannot_be_added(client, world):
    dept = Unit.objects.create(code="SYT", name="Sở Y tế", kind="sở")
    client.force_login(world.admin)
    client.post(reverse("cycles:cycle_add_units", args=[world.cycle.pk]), {"units": [dept.pk]})
    assert not world.cycle.participations.filter(unit=dept).exists()


def remove(client, world, reason="Sáp nhập vào xã Tiên Hà"):
    client.force_login(world.admin)
    return client.post(
        reverse("cycles:cycle_remove_unit", args=[world.cycle.pk]),
        {"unit": world.unit_a.pk, "reason": reason},
    )


def test_a_unit_without_entries_is_removed_with_its_empty_rows(client, world):
    remove(client, world)
    assert not Participation.every.filter(cycle=world.cycle, unit=world.unit_a).exists()
    assert not world.cycle.scores.filter(unit=world.unit_a).exists()
    entry = AuditEntry.objects.get(action="participant.remove")
    assert entry.reason == "Sáp nhập vào xã Tiên Hà"


def test_a_unit_that_had_scored_is_kept_in_history_marked_removed(client, world):
    score = world.score(world.unit_a, "1.2")
    do_save_self_score(world.officer_a, score, Decimal("2"), False, "", score.version)
    remove(client, world)
    kept = Participation.every.get(cycle=world.cycle, unit=world.unit_a)
    assert kept.removed_at is not None and kept.removed_reason == "Sáp nhập vào xã Tiên Hà"
    assert not world.cycle.participations.filter(unit=world.unit_a).exists()
    assert world.cycle.scores.filter(unit=world.unit_a, self_score=2).exists()


def test_removing_needs_a_reason(client, world):
    remove(client, world, reason="")
    assert world.cycle.participations.filter(unit=world.unit_a).exists()


def test_no_unit_is_removed_once_the_appraisal_has_started(client, world):
    world.move_to(CycleState.APPRAISAL)
    response = remove(client, world)
    assert world.cycle.participations.filter(unit=world.unit_a).exists()
    assert response.status_code == 302
    page = client.get(reverse("cycles:cycle_edit", args=[world.cycle.pk])).content.decode()
    assert "không thêm, bớt đơn vị được nữa" in page


@pytest.mark.parametrize("persona", ["officer_a", "appraiser", "leader"])
def test_only_the_admin_edits_a_cycle(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.post(reverse("cycles:cycle_edit", args=[world.cycle.pk]), {"name": "Đổi tên"})
    assert response.status_code == 404
    world.cycle.refresh_from_db()
    assert world.cycle.name == "Chỉ số CCHC cấp xã năm 2024"


def test_the_cycle_page_shows_each_units_deadline_and_state(client, world):
    world.cycle.self_assessment_due = timezone.now() - dt.timedelta(days=1)
    world.cycle.save()
    client.force_login(world.admin)
    extend(
        client,
        world,
        until=(timezone.localtime() + dt.timedelta(days=2)).strftime("%d/%m/%Y %H:%M"),
    )
    page = client.get(reverse("cycles:cycle", args=[world.cycle.pk])).content.decode()
    assert "gia hạn đến" in page
    assert "quá hạn" in page


def test_the_cycle_pages_unit_list_is_found_without_diacritics(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("cycles:cycle", args=[world.cycle.pk]), {"q": "tien chau"})
    text = page.content.decode()
    assert "xã Tiên Châu" in text and "xã Tiên Hà" not in text


def test_an_officer_account_makes_the_warning_go(world):
    unit = Unit.objects.create(code="XC", name="Tiên Lãnh", kind="xã")
    Participation.objects.create(cycle=world.cycle, unit=unit)
    assert any("XC" in w for w in setup_warnings(world.cycle))
    make_user("canbo.xc", "officer", unit)
    assert not any("XC" in w for w in setup_warnings(world.cycle))


def test_the_officers_home_page_shows_its_own_extended_deadline(client, world):
    import datetime as dt

    from django.utils import timezone

    from parindex.web.cycles.models import Extension

    due = timezone.make_aware(dt.datetime(2026, 12, 22, 17, 0))
    world.cycle.self_assessment_due = due
    world.cycle.save()
    Extension.objects.create(
        cycle=world.cycle, unit=world.unit_a, step="self_assessment",
        until=due + dt.timedelta(days=7), reason="Bão số 15", granted_by=world.admin,
    )  # fmt: skip
    client.force_login(world.officer_a)
    assert "29/12/2026 17:00" in client.get("/").content.decode()
    client.force_login(world.officer_b)
    assert "22/12/2026 17:00" in client.get("/").content.decode()
