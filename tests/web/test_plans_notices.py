"""A plan task's lead unit is told 3 days and 1 day before its deadline and once it is overdue,
each once however often the check runs; completed and «Thường xuyên» tasks never are, nor are
officers of other units."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from parindex.web.notices.models import Notice
from parindex.web.plans.models import Plan, PlanKind, PlanTask, TaskNotice, TaskReport
from parindex.web.plans.reminders import notify_task_deadlines

pytestmark = pytest.mark.django_db

END = dt.date(2026, 6, 30)


@pytest.fixture
def task(world):
    world.officer_a.email = "a@example.vn"
    world.officer_a.save()
    mail.outbox.clear()
    plan = Plan.objects.create(
        kind=PlanKind.YEARLY, title="Kế hoạch CCHC năm 2026", year=2026, created_by=world.admin
    )
    return PlanTask.objects.create(
        plan=plan, position=1, tt="4", text="Rà soát, công khai thủ tục hành chính",
        lead="UBND xã Tiên Châu", lead_unit=world.unit_a, deadline="Quý II/2026",
        deadline_end=END,
    )  # fmt: skip


def notices(user):
    return list(
        Notice.objects.filter(user=user, kind__startswith="task.")
        .order_by("pk")
        .values_list("kind", "title")
    )


def run_days(first: dt.date, last: dt.date, times: int = 2) -> None:
    day = first
    while day <= last:
        for _ in range(times):
            notify_task_deadlines(day)
        day += dt.timedelta(days=1)


def test_three_days_one_day_and_overdue_each_once(world, task):
    run_days(END - dt.timedelta(days=10), END + dt.timedelta(days=10))
    assert notices(world.officer_a) == [
        ("task.due", "Còn 3 ngày đến hạn nhiệm vụ (hạn 30/06/2026)"),
        ("task.due", "Còn 1 ngày đến hạn nhiệm vụ (hạn 30/06/2026)"),
        ("task.overdue", "Nhiệm vụ quá hạn chưa hoàn thành (hạn 30/06/2026)"),
    ]
    first = Notice.objects.filter(user=world.officer_a, kind="task.due").first()
    assert "Nhiệm vụ 4 của kế hoạch «Kế hoạch CCHC năm 2026»" in first.text
    assert "Quý II/2026" in first.text
    assert first.url == f"/nhiem-vu/{task.pk}/"
    assert [m.to for m in mail.outbox] == [["a@example.vn"]] * 3
    assert set(TaskNotice.objects.values_list("kind", flat=True)) == {"3d", "1d", "overdue"}
    assert notices(world.officer_b) == []  # another unit's officer


def test_the_days_they_are_sent(world, task):
    assert notify_task_deadlines(END - dt.timedelta(days=4)).total == 0
    assert notify_task_deadlines(END - dt.timedelta(days=3)).three_days == 1
    assert notify_task_deadlines(END - dt.timedelta(days=2)).total == 0
    assert notify_task_deadlines(END - dt.timedelta(days=1)).one_day == 1
    assert notify_task_deadlines(END).total == 0  # the last day is not overdue yet
    assert notify_task_deadlines(END + dt.timedelta(days=1)).overdue == 1


def test_a_missed_three_days_day_still_sends_the_one_day_notice(world, task):
    notify_task_deadlines(END - dt.timedelta(days=1))
    assert [k for k, _ in notices(world.officer_a)] == ["task.due"]
    assert TaskNotice.objects.get().kind == "1d"


def test_overdue_is_sent_when_first_seen_however_late(world, task):
    counts = notify_task_deadlines(END + dt.timedelta(days=40))
    assert (counts.three_days, counts.one_day, counts.overdue) == (0, 0, 1)
    assert notify_task_deadlines(END + dt.timedelta(days=41)).total == 0


def test_a_completed_task_gets_none(world, task):
    TaskReport.objects.create(task=task, date=END - dt.timedelta(days=5), result="Đã công khai",
                              completed=END - dt.timedelta(days=5), reporter=world.officer_a)  # fmt: skip
    run_days(END - dt.timedelta(days=5), END + dt.timedelta(days=5), times=1)
    assert notices(world.officer_a) == [] and not TaskNotice.objects.exists()


def test_a_report_not_completing_it_does_not_stop_the_notices(world, task):
    TaskReport.objects.create(task=task, date=END - dt.timedelta(days=5), result="Đang rà soát",
                              reporter=world.officer_a)  # fmt: skip
    notify_task_deadlines(END + dt.timedelta(days=1))
    assert [k for k, _ in notices(world.officer_a)] == ["task.overdue"]


def test_ongoing_and_unlinked_tasks_get_none(world, task):
    PlanTask.objects.filter(pk=task.pk).update(deadline="Thường xuyên", deadline_end=None)
    PlanTask.objects.create(
        plan=task.plan, position=2, tt="5", text="Nhiệm vụ của cơ quan ngoài hệ thống",
        lead="Công an tỉnh", deadline="Quý II/2026", deadline_end=END,
    )  # fmt: skip
    run_days(END - dt.timedelta(days=5), END + dt.timedelta(days=5), times=1)
    assert (
        not Notice.objects.filter(kind__startswith="task.").exists()
        and not TaskNotice.objects.exists()
    )


def test_a_notice_claimed_already_is_not_sent_again(world, task):
    TaskNotice.objects.create(task=task, kind="overdue")  # another worker sent it
    assert notify_task_deadlines(END + dt.timedelta(days=1)).total == 0
    assert notices(world.officer_a) == []


def test_the_background_check_and_the_command_send_them(world, task, monkeypatch):
    from django.utils import timezone

    from parindex.web.cycles.tasks import check_deadlines

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: END - dt.timedelta(days=3))
    result = check_deadlines.enqueue()
    assert "1 báo còn 3 ngày" in str(result.return_value)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: END + dt.timedelta(days=1))
    out = StringIO()
    call_command("check_deadlines", stdout=out)
    assert "1 báo quá hạn" in out.getvalue()
    assert [k for k, _ in notices(world.officer_a)] == ["task.due", "task.overdue"]
