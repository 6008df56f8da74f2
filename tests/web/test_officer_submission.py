"""Submitting and withdrawing are confirmed first: the confirm page lists what is still missing,
each linked to its criterion, and the server acts only on a ticked confirmation."""

from __future__ import annotations

import html
from decimal import Decimal

from parindex.web.assessments.actions import do_save_self_score
from parindex.web.cycles.models import Participation


def base(world):
    return f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}"


def fill(world):
    for code, value in (("1.1", "2"), ("1.2", "3"), ("2.1", "5")):
        score = world.score(world.unit_a, code)
        do_save_self_score(world.officer_a, score, Decimal(value), False, "Có", score.version)


def submitted(world):
    return Participation.objects.get(cycle=world.cycle, unit=world.unit_a).submitted


def test_the_confirm_page_lists_the_missing_criteria_each_linked_to_its_place(client, world):
    score = world.score(world.unit_a, "1.2")
    do_save_self_score(world.officer_a, score, Decimal(3), False, "", score.version)
    client.force_login(world.officer_a)
    page = html.unescape(client.get(f"{base(world)}/nop/xac-nhan/").content.decode())
    assert "Chưa nộp được: còn 2 tiêu chí chưa hoàn thành" in page
    assert f'<a href="{base(world)}/linh-vuc/1/#tc-1.1">Tiêu chí 1.1</a>: chưa chấm điểm' in page
    assert f'<a href="{base(world)}/linh-vuc/2/#tc-2.1">Tiêu chí 2.1</a>' in page
    assert 'name="confirm"' not in page  # nothing to confirm while something is missing


def test_submitting_needs_the_confirmation_ticked(client, world):
    fill(world)
    client.force_login(world.officer_a)
    page = html.unescape(client.get(f"{base(world)}/nop/xac-nhan/").content.decode())
    assert 'name="confirm"' in page and "Xác nhận nộp" in page
    refused = client.post(f"{base(world)}/nop/", {}, follow=True)
    assert "Chưa thực hiện: Tôi đã kiểm tra và xác nhận: cần đánh dấu ô xác nhận" in html.unescape(
        refused.content.decode()
    )
    assert not submitted(world)
    done = client.post(f"{base(world)}/nop/", {"confirm": "on"}, follow=True)
    assert "Đã nộp phần tự đánh giá." in html.unescape(done.content.decode())
    assert submitted(world)


def test_withdrawing_needs_the_confirmation_ticked(client, world):
    fill(world)
    client.force_login(world.officer_a)
    client.post(f"{base(world)}/nop/", {"confirm": "on"})
    assert "Xác nhận rút lại" in html.unescape(
        client.get(f"{base(world)}/rut-lai/xac-nhan/").content.decode()
    )
    client.post(f"{base(world)}/rut-lai/", {})
    assert submitted(world)
    client.post(f"{base(world)}/rut-lai/", {"confirm": "on"})
    assert not submitted(world)


def test_the_unit_page_links_to_the_confirm_step_not_straight_to_submitting(client, world):
    client.force_login(world.officer_a)
    page = client.get(f"{base(world)}/").content.decode()
    assert f'href="{base(world)}/nop/xac-nhan/"' in page
    assert f'action="{base(world)}/nop/"' not in page


def test_another_units_officer_cannot_open_the_confirm_page(client, world):
    client.force_login(world.officer_b)
    assert client.get(f"{base(world)}/nop/xac-nhan/").status_code == 404
    assert client.post(f"{base(world)}/nop/", {"confirm": "on"}).status_code == 404
