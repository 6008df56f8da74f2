"""The menu: one list of entries as data, each role sees what it may do, every entry resolves."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from parindex.core.workflow import CycleState
from parindex.web.menu import ENTRIES, Needs

ARGS = {
    Needs.NOTHING: [],
    Needs.CYCLE: [1],
    Needs.LONE_CYCLE: [1],
    Needs.ROUND: [1],
    Needs.CYCLE_AND_UNIT: [1, 1],
}


def test_every_kind_of_argument_is_tested():
    assert set(ARGS) == set(Needs)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.url_name + " " + e.label for e in ENTRIES])
def test_every_menu_entry_names_a_page_that_exists(entry):
    assert reverse(entry.url_name, args=ARGS[entry.needs])


def menu(client) -> list[str]:
    page = client.get("/cong-khai/").content.decode()
    block = page.split('<details class="menu"', 1)[1].split("</details>", 1)[0]
    return [label for _, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)]


EXPECTED = {
    "admin": [
        "Bảng điều khiển",
        "Kỳ hiện tại",
        "Tổng quan cho lãnh đạo",
        "Tạo đợt đánh giá",
        "Kế hoạch CCHC",
        "Kiểm tra, hội nghị",
        "Thống kê một cửa",
        "Chỉ tiêu",
        "Bộ tiêu chí",
        "Đơn vị",
        "Người dùng",
        "Thông tin cơ quan",
        "Nhật ký tài khoản",
        "Công khai kết quả",
        "Thông báo",
    ],
    "officer_a": [
        "Việc cần làm",
        "Tự đánh giá kỳ hiện tại",
        "Kế hoạch CCHC",
        "Nhiệm vụ của đơn vị",
        "Chỉ tiêu của đơn vị",
        "Công khai kết quả",
        "Thông báo",
    ],
    "appraiser": ["Bảng điều khiển", "Thẩm định", "Công khai kết quả", "Thông báo"],
    "leader": [
        "Việc cần làm",
        "Kỳ hiện tại",
        "Tổng quan cho lãnh đạo",
        "Kế hoạch CCHC",
        "Kiểm tra, hội nghị",
        "Thống kê một cửa",
        "Chỉ tiêu",
        "Bộ tiêu chí",
        "Đơn vị",
        "Công khai kết quả",
        "Thông báo",
    ],
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_what_it_may_do(client, world, persona):
    client.force_login(getattr(world, persona))
    assert menu(client) == EXPECTED[persona]


def test_a_visitor_sees_the_published_results(client, db):
    assert menu(client) == ["Công khai kết quả"]


def test_the_officers_current_cycle_is_its_own_units_self_assessment(client, world):
    client.force_login(world.officer_a)
    page = client.get("/").content.decode()
    assert f'href="/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/"' in page


def test_the_appraisers_queue_is_of_the_cycle_in_appraisal(client, world):
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.appraiser)
    page = client.get("/").content.decode()
    assert f'href="/ky/{world.cycle.pk}/tham-dinh/"' in page


def test_a_closed_cycle_is_no_current_cycle(client, world):
    world.move_to(CycleState.CLOSED)
    client.force_login(world.officer_a)
    assert "Tự đánh giá kỳ hiện tại" not in menu(client)


def test_a_cycle_of_a_round_is_followed_by_its_round(client, world):
    from tests.web.test_permission_matrix import in_a_round

    made = in_a_round(world)
    client.force_login(world.leader)
    assert menu(client)[:2] == ["Việc cần làm", "Đợt hiện tại"]
    assert f'href="/dot/{made.pk}/"' in client.get("/").content.decode()


def test_the_page_shown_is_marked_in_the_menu(client, world):
    client.force_login(world.admin)
    page = client.get("/to-chuc/").content.decode()
    assert '<a href="/to-chuc/" aria-current="page">Thông tin cơ quan</a>' in page
    assert page.count('aria-current="page"') == 1


def test_the_menu_speaks_english_when_chosen(client, world):
    client.force_login(world.admin)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert menu(client) == [
        "Dashboard",
        "Current cycle",
        "Overview for leaders",
        "Create the round",
        "PAR plans",
        "Inspections, conferences",
        "One-stop statistics",
        "Targets and indicators",
        "Framework",
        "Unit",
        "Users",
        "Organisation",
        "Account log",
        "Published results",
        "Notices",
    ]
