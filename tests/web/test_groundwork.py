"""The pieces every page of a round shares: searching lists, telling people, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.cycles.deadlines import deadline_problems, unit_due
from parindex.web.cycles.models import Extension
from parindex.web.listing import listing
from parindex.web.notices.models import Notice, NoticeKind, NoticeSetting
from parindex.web.notices.send import notify

NAMES = ["phường Thuận Hóa", "xã Tiên Châu", "phường Đại Lộc", "xã An Hà"]


def rows_for(query: str = "", sort: str = "") -> list[str]:
    params = {"q": query, **({"sap-xep": sort} if sort else {})}
    request = RequestFactory().get("/", params)
    found = listing(request, NAMES, text=str, sorts={"name": str, "len": len}, default="name")
    return found.rows


def test_a_search_typed_without_marks_finds_the_name_with_them():
    assert rows_for("thuan") == ["phường Thuận Hóa"]
    assert rows_for("DAI loc") == ["phường Đại Lộc"]
    assert rows_for("") == sorted(NAMES)


def test_a_list_sorts_by_the_column_asked_and_back():
    assert rows_for(sort="-len")[0] == "phường Thuận Hóa"
    assert rows_for(sort="len")[0] == "xã An Hà"
    assert rows_for(sort="nonsense") == sorted(NAMES)  # an unknown column: the default order


def test_a_column_header_links_to_the_other_direction():
    request = RequestFactory().get("/", {"q": "xã", "sap-xep": "name"})
    found = listing(request, NAMES, text=str, sorts={"name": str}, default="name")
    assert found.sort_url("name") == "?q=x%C3%A3&sap-xep=-name"
    assert found.sort_mark("name") == "▲"


@pytest.mark.django_db
def test_a_notice_reaches_the_bell_and_the_mailbox_unless_mail_is_off(world):
    world.officer_a.email = "canbo.a@example.vn"
    world.officer_a.save()
    world.officer_b.email = "canbo.b@example.vn"
    world.officer_b.save()
    NoticeSetting.objects.create(user=world.officer_b, email=False)
    Notice.objects.all().delete()  # the cycle's opening, told before the officers had e-mail

    notify(
        [world.officer_a, world.officer_b, world.officer_a],
        NoticeKind.REMINDER,
        "Còn 3 ngày để gửi tự đánh giá",
        url="/ky/1/",
        cycle=world.cycle,
    )

    assert Notice.objects.filter(user=world.officer_a, read_at=None).count() == 1
    assert Notice.objects.filter(user=world.officer_b).count() == 1
    assert [m.to for m in mail.outbox] == [["canbo.a@example.vn"]]
    assert mail.outbox[0].subject == "[Chỉ số CCHC] Còn 3 ngày để gửi tự đánh giá"


@pytest.mark.django_db
def test_past_its_deadline_a_unit_is_refused_until_it_is_extended(world):
    due = timezone.make_aware(dt.datetime(2026, 12, 15, 17, 0))
    world.cycle.self_assessment_due = due
    world.cycle.save()
    after = due + dt.timedelta(minutes=1)

    assert deadline_problems(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT, due) == []
    [problem] = deadline_problems(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT, after)
    assert "đã hết hạn tự đánh giá, chấm điểm (17:00 ngày 15/12/2026)" in str(problem)

    Extension.objects.create(
        cycle=world.cycle,
        unit=world.unit_a,
        step="self_assessment",
        until=due + dt.timedelta(days=2),
        reason="Mất điện diện rộng do bão",
        granted_by=world.admin,
    )
    assert unit_due(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT) > due
    assert deadline_problems(world.cycle, world.unit_a.pk, CycleState.SELF_ASSESSMENT, after) == []
    assert deadline_problems(world.cycle, world.unit_b.pk, CycleState.SELF_ASSESSMENT, after)
    # a step without a deadline never locks
    assert deadline_problems(world.cycle, world.unit_a.pk, CycleState.EXPLANATION, after) == []
