"""Who is told when a cycle moves on, the admin's reminder to the late units, the confirmed
step change and the dashboard's way to the current cycle."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from parindex.core.workflow import CycleState
from parindex.web.appraisals.models import Correction
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.actions import do_create_cycle, do_transition_cycle
from parindex.web.cycles.models import Participation
from parindex.web.notices.models import Notice


@pytest.fixture
def mailed(world):
    for user, address in (
        (world.officer_a, "a@example.vn"),
        (world.officer_b, "b@example.vn"),
        (world.appraiser, "td@example.vn"),
        (world.other_appraiser, "td2@example.vn"),
    ):
        user.email = address
        user.save()
    mail.outbox.clear()
    return world


def recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_opening_the_self_assessment_tells_the_officers_of_its_units(mailed):
    cycle = do_create_cycle("Kỳ thử", mailed.cycle.framework, "2025", [mailed.unit_a], mailed.admin)
    do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, mailed.admin)
    assert recipients() == ["a@example.vn"]
    assert mail.outbox[0].subject == "[Chỉ số CCHC] Mở kỳ tự đánh giá: Kỳ thử"
    assert Notice.objects.filter(user=mailed.officer_a, kind="cycle.opened", cycle=cycle).exists()


def test_opening_an_appraisal_round_tells_the_assigned_appraisers(mailed):
    mailed.move_to(CycleState.APPRAISAL)
    assert recipients() == ["td2@example.vn", "td@example.vn"]
    assert all("Mở thẩm định lần 1" in m.subject for m in mail.outbox)


def test_opening_the_explanation_tells_only_units_corrected_in_round_one(mailed):
    mailed.move_to(CycleState.APPRAISAL)
    mail.outbox.clear()
    score = mailed.score(mailed.unit_b, "1.2")
    Correction.objects.create(
        score=score, round=1, appraised_score=Decimal("1"), appraiser=mailed.appraiser
    )
    same = mailed.score(mailed.unit_a, "1.2")  # accepted unchanged: nothing to explain
    Correction.objects.create(score=same, round=1, appraised_score=None, appraiser=mailed.appraiser)
    mailed.move_to(CycleState.EXPLANATION)
    assert recipients() == ["b@example.vn"]
    assert "cần giải trình" in mail.outbox[0].subject


def test_going_back_tells_no_one(mailed):
    mailed.move_to(CycleState.APPRAISAL)
    mail.outbox.clear()
    do_transition_cycle(mailed.cycle, CycleState.SELF_ASSESSMENT, mailed.admin, "Mở lại")
    assert mail.outbox == []


def test_the_admin_reminds_every_unit_not_submitted_in_one_click(client, mailed):
    Participation.objects.filter(cycle=mailed.cycle, unit=mailed.unit_b).update(
        submitted_at="2030-01-01T00:00Z"
    )
    client.force_login(mailed.admin)
    url = reverse("cycles:cycle_remind", args=[mailed.cycle.pk])
    page = client.get(url).content.decode()
    assert "1 đơn vị chưa hoàn thành" in page or "01 đơn vị chưa hoàn thành" in page
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert recipients() == ["a@example.vn"]
    assert "Nhắc xã Tiên Châu" in mail.outbox[0].subject
    entry = AuditEntry.objects.get(action="reminder.send")
    assert entry.new.endswith("đơn vị: XA")
    assert Notice.objects.filter(user=mailed.officer_a, kind="reminder").count() == 1


def test_a_reminder_without_confirmation_sends_nothing(client, mailed):
    client.force_login(mailed.admin)
    response = client.post(reverse("cycles:cycle_remind", args=[mailed.cycle.pk]), {})
    assert response.status_code == 400
    assert "Cần đánh dấu xác nhận" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["officer_a", "appraiser", "leader"])
def test_only_the_admin_sends_reminders(client, mailed, persona):
    client.force_login(getattr(mailed, persona))
    url = reverse("cycles:cycle_remind", args=[mailed.cycle.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    assert mail.outbox == []


def test_a_step_change_needs_the_confirmation(client, world):
    client.force_login(world.admin)
    url = reverse("cycles:cycle_transition", args=[world.cycle.pk])
    client.post(url, {"target": "appraisal"})
    world.cycle.refresh_from_db()
    assert world.cycle.state == "self_assessment"
    client.post(url, {"target": "appraisal", "confirmed": "1"})
    world.cycle.refresh_from_db()
    assert world.cycle.state == "appraisal"


def test_the_step_change_offers_the_forward_step_first_selected(client, world):
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.admin)
    page = client.get(reverse("cycles:cycle", args=[world.cycle.pk])).content.decode()
    assert '<option value="explanation" selected>' in page
    assert '<option value="self_assessment">Quay lại' in page


@pytest.mark.parametrize("persona", ["admin", "leader", "officer_a", "appraiser"])
def test_the_dashboard_shows_the_current_cycle_one_click_away(client, world, persona):
    client.force_login(getattr(world, persona))
    page = client.get(reverse("cycles:dashboard")).content.decode()
    card = page[page.index('id="ky-hien-tai"') :]
    assert f'<a class="button" href="/ky/{world.cycle.pk}/">' in card
