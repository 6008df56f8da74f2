"""Deadlines that act by themselves: reminders 3 days and 1 day before, the lock once passed;
each once per unit, however often the check runs."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.assessments.models import Score
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.actions import do_extend_deadline
from parindex.web.cycles.models import Participation
from parindex.web.cycles.reminders import run_deadline_checks
from parindex.web.cycles.tasks import check_deadlines, ensure_scheduled
from parindex.web.notices.models import Notice

ZONE = dt.timezone(dt.timedelta(hours=7))
DUE = dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)


@pytest.fixture
def due_world(world):
    for officer, address in ((world.officer_a, "a@example.vn"), (world.officer_b, "b@example.vn")):
        officer.email = address
        officer.save()
    world.cycle.self_assessment_due = DUE
    world.cycle.save()
    Participation.objects.filter(cycle=world.cycle, unit=world.unit_b).update(submitted_at=DUE)
    return world


def kinds(user):
    rows = Notice.objects.filter(user=user, kind__startswith="deadline.").order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_nothing_is_sent_a_week_before(due_world):
    run_deadline_checks(DUE - dt.timedelta(days=7))
    assert mail.outbox == []


def test_three_days_before_the_unit_not_submitted_is_reminded_once(due_world):
    for hours in (0, 1, 5):
        run_deadline_checks(DUE - dt.timedelta(days=3) + dt.timedelta(hours=hours))
    assert kinds(due_world.officer_a) == ["deadline.soon"]
    assert kinds(due_world.officer_b) == []  # it has submitted
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert "Còn dưới 3 ngày đến hạn tự đánh giá, chấm điểm (17:00 ngày 15/12/2030)" in (
        mail.outbox[0].subject
    )


def test_one_day_before_it_is_reminded_again_once(due_world):
    run_deadline_checks(DUE - dt.timedelta(days=2))
    run_deadline_checks(DUE - dt.timedelta(hours=20))
    run_deadline_checks(DUE - dt.timedelta(hours=2))
    assert kinds(due_world.officer_a) == ["deadline.soon", "deadline.soon"]
    assert "Còn dưới 1 ngày" in mail.outbox[1].subject


def test_a_late_first_check_sends_only_the_nearest_reminder(due_world):
    run_deadline_checks(DUE - dt.timedelta(hours=3))
    assert kinds(due_world.officer_a) == ["deadline.soon"]


def test_the_lock_is_audited_once_per_unit_and_step(due_world):
    for minutes in (1, 15, 30, 600):
        run_deadline_checks(DUE + dt.timedelta(minutes=minutes))
    locks = AuditEntry.objects.filter(action="deadline.lock")
    assert [(e.unit, e.field, e.actor) for e in locks] == [
        (due_world.unit_a, "self_assessment_due", None)
    ]
    assert kinds(due_world.officer_a) == ["deadline.passed"]
    assert "Đã hết hạn tự đánh giá, chấm điểm" in mail.outbox[-1].subject


def test_an_extended_unit_is_not_locked_until_its_own_deadline(due_world):
    do_extend_deadline(
        due_world.cycle,
        due_world.unit_a,
        CycleState.SELF_ASSESSMENT,
        DUE + dt.timedelta(days=5),
        "Thiên tai",
        due_world.admin,
    )
    run_deadline_checks(DUE + dt.timedelta(hours=1))
    assert not AuditEntry.objects.filter(action="deadline.lock").exists()
    run_deadline_checks(DUE + dt.timedelta(days=5, minutes=1))
    assert AuditEntry.objects.filter(action="deadline.lock").count() == 1


def test_a_cycle_not_in_a_units_step_is_left_alone(due_world):
    due_world.move_to(CycleState.APPRAISAL)
    run_deadline_checks(DUE + dt.timedelta(days=1))
    assert not AuditEntry.objects.filter(action="deadline.lock").exists()


def test_the_explanation_reminds_only_units_with_corrections_not_explained(due_world):
    from decimal import Decimal

    from parindex.web.appraisals.models import Correction

    score = Score.objects.get(cycle=due_world.cycle, unit=due_world.unit_a, criterion__code="1.2")
    Correction.objects.create(
        score=score, round=1, appraised_score=Decimal("1"), appraiser=due_world.appraiser
    )
    due_world.move_to(CycleState.EXPLANATION)
    due_world.cycle.explanation_due = DUE
    due_world.cycle.save()
    Notice.objects.all().delete()
    run_deadline_checks(DUE - dt.timedelta(hours=5))
    assert kinds(due_world.officer_a) == ["deadline.soon"]
    assert kinds(due_world.officer_b) == []


def test_the_command_runs_the_check(due_world):
    out = StringIO()
    call_command("check_deadlines", stdout=out)
    assert "Đã kiểm tra hạn" in out.getvalue()


def test_the_task_runs_the_check_and_an_immediate_backend_is_not_re_queued(due_world):
    result = check_deadlines.enqueue()  # tests run tasks at once
    assert "khoá hạn" in result.return_value
    assert ensure_scheduled() is False


def test_the_database_backend_gets_one_waiting_check(due_world, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    assert ensure_scheduled() is True
    assert ensure_scheduled() is False
    waiting = DBTaskResult.objects.get(task_path="parindex.web.cycles.tasks.check_deadlines")
    assert waiting.run_after > timezone.now() + dt.timedelta(minutes=14)
