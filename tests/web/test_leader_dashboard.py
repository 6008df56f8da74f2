"""The leader's view (/lanh-dao/): what the chairman checks on the world's cycle as it moves
from self-assessment through appraisal and explanation to publication."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_accept_field, do_correct_score, do_explain
from parindex.web.assessments.actions import do_save_self_score, do_submit_assessment
from parindex.web.cycles.models import Cycle, Extension, Participation
from tests.web.conftest import close_and_publish, scored_world

MARK = "Kết quả tạm tính — chưa công bố"
DECISION = "Quyết định số 12/QĐ-UBND"


def page(client, user, url="/lanh-dao/"):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    """The page as read: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def between(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at : html.index(end, at + len(start))]


def progress(html: str) -> str:
    return between(text(html), "Tiến độ", "Đơn vị chậm nhất")


def behind(html: str) -> str:
    return between(text(html), "Đơn vị chậm nhất", "Kết quả")


def ranking_body(html: str) -> str:
    """The ranking table's rows, as the results' table (results/_ranking.html) prints them."""
    return between(html, '<th class="num">Hạng</th>', "</table>").split("<tbody>", 1)[1]


def submit(world, unit, officer):
    do_submit_assessment(officer, Participation.objects.get(cycle=world.cycle, unit=unit))


def test_before_anyone_scores_no_unit_has_submitted_and_no_ranking_can_be_computed(client, world):
    html = page(client, world.leader)
    assert "Cả kỳ · 2 đơn vị" in progress(html)
    assert "Đã nộp tự đánh giá 0/2" in progress(html)
    assert "Đã thẩm định lần 1 0/2" in progress(html)
    assert "Tiên Châu" in behind(html) and "Tiên Hà" in behind(html)
    assert "Chưa tính được kết quả tạm tính" in text(html)
    assert MARK in html  # nothing here is a published result


def test_the_unit_past_its_deadline_comes_first_and_an_extension_gives_the_other_more_time(
    client, world
):
    now = timezone.now()
    Cycle.objects.filter(pk=world.cycle.pk).update(
        self_assessment_due=now - timedelta(days=2, hours=1)
    )
    Extension.objects.create(
        cycle=world.cycle, unit=world.unit_a, step="self_assessment",
        until=now + timedelta(days=3, hours=1), reason="Mất điện", granted_by=world.admin,
    )  # fmt: skip
    listed = behind(page(client, world.leader))
    assert listed.index("Tiên Hà") < listed.index("Tiên Châu")
    assert "Chưa nộp, quá hạn 2 ngày" in between(listed, "Tiên Hà", "Tiên Châu")
    assert "Chưa nộp, còn 3 ngày" in listed.split("Tiên Châu", 1)[1]


def test_once_a_unit_submits_the_leader_sees_it_and_a_provisional_ranking_marked_unpublished(
    client, world
):
    scored_world(world)
    submit(world, world.unit_a, world.officer_a)
    html = page(client, world.leader)
    assert "Đã nộp tự đánh giá 1/2" in progress(html)
    assert "Tiên Hà" in behind(html) and "Tiên Châu" not in behind(html)
    assert MARK in html
    assert "Bảng xếp hạng tạm tính (chưa công bố)" in html
    assert "Đã công bố" not in text(html)
    assert "Tiên Châu" in ranking_body(html) and "Tiên Hà" in ranking_body(html)


def test_the_provisional_ranking_is_the_admins_preview(client, world):
    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    do_correct_score(world.appraiser, world.score(world.unit_a, "2.1"), Decimal("3"), "Thiếu")
    leader = ranking_body(page(client, world.leader))
    admin = ranking_body(page(client, world.admin, f"/ky/{world.cycle.pk}/ket-qua/"))
    assert leader == admin
    assert "80,25" in leader  # 2 + 2,5 + 3 (appraised) + 8,55 of 20 points


def test_round_one_and_the_explanations_are_counted_per_unit(client, world):
    scored_world(world)
    submit(world, world.unit_a, world.officer_a)
    world.move_to(CycleState.APPRAISAL)
    do_correct_score(world.appraiser, world.score(world.unit_a, "2.1"), Decimal("3"), "Thiếu")
    assert "Đã thẩm định lần 1 0/2" in progress(page(client, world.leader))  # 1.1, 1.2 to go
    do_accept_field(world.appraiser, world.cycle, world.unit_a, "1")
    shown = progress(page(client, world.leader))
    assert "Đã thẩm định lần 1 1/2" in shown
    assert "Đã giải trình 0/1" in shown  # one unit had a score lowered: it may explain
    world.move_to(CycleState.EXPLANATION)
    do_explain(world.officer_a, world.score(world.unit_a, "2.1"), "Đã niêm yết bổ sung")
    assert "Đã giải trình 1/1" in progress(page(client, world.leader))


def test_the_classes_come_from_the_framework_with_their_counts(client, world):
    scored_world(world)
    html = text(page(client, world.leader))
    classes = between(html, "Số đơn vị theo xếp loại", "Lĩnh vực mất nhiều điểm nhất")
    assert "Xếp loại Số đơn vị Khá 2 Yếu 0" in classes


def test_the_weakest_field_is_the_one_where_units_lost_the_largest_share_of_points(client, world):
    scored_world(world)
    html = text(page(client, world.leader))
    fields = between(html, "Lĩnh vực mất nhiều điểm nhất", "Tỷ lệ điểm bị mất:")
    # survey: 1,45 + 3 of 20 lost; field 1: 0,5 + 0,5 of 10; field 2: 1 of 10
    assert fields.index("8. Điều tra xã hội học 22,25%") < fields.index(
        "1. Công tác chỉ đạo, điều hành CCHC 10%"
    )
    assert fields.index("1. Công tác chỉ đạo") < fields.index("2. Cải cách thủ tục hành chính 10%")


def test_after_publication_the_published_results_replace_the_provisional_ones(client, world):
    scored_world(world)
    publication = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    html = page(client, world.leader)
    assert MARK not in html and "tạm tính" not in html
    assert f'href="/cong-khai/{publication.pk}/">{DECISION}</a>' in html
    assert f'href="/cong-khai/{publication.pk}/don-vi/XA/"' in ranking_body(html)
    assert "So với công bố kỳ" not in html  # nothing published before


def test_year_over_year_compares_with_the_previous_publication_of_the_same_units(client, world):
    scored_world(world)
    first = close_and_publish(world.cycle, "Quyết định số 1/QĐ-UBND", None, world.admin)
    from parindex.web.cycles.actions import do_create_cycle

    world.cycle = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2025", first.cycle.framework, "2025",
        [world.unit_a, world.unit_b], world.admin,
    )  # fmt: skip
    world.move_to(CycleState.SELF_ASSESSMENT)
    scored_world(world)
    score = world.score(world.unit_b, "1.1")  # 1,5 → 2 of 2: +0,5 of 20 points
    do_save_self_score(world.officer_b, score, Decimal("2"), False, "Đủ", score.version)
    html = page(client, world.leader)
    assert MARK in html and "So với công bố kỳ" not in html  # 2025 is not published yet
    close_and_publish(world.cycle, "Quyết định số 2/QĐ-UBND", None, world.admin)
    raw = page(client, world.leader)
    assert "<h2>Chỉ số CCHC cấp xã năm 2024</h2>" not in raw  # this year's cycles only
    html = text(raw)
    year = between(html, "So với công bố kỳ 2024", "Bảng xếp hạng đã công bố")
    assert "2 đơn vị so sánh được với kỳ 2024: chỉ số bình quân 83,88 → 85,13 (+1,25)" in year
    assert "1 đơn vị tăng, 0 đơn vị giảm" in year
    assert "Tăng nhiều nhất xã Tiên Hà: 82,50 → 85,00 ( +2,50 )" in year
    assert "Giảm nhiều nhất" not in year
    earlier = page(client, world.leader, f"/lanh-dao/ky/{first.cycle_id}/")
    assert "<h2>Chỉ số CCHC cấp xã năm 2024</h2>" in earlier and "So với công bố kỳ" not in earlier


def test_a_round_shows_each_block_and_the_whole_round(client, world):
    from tests.web.test_permission_matrix import in_a_round

    made = in_a_round(world)
    html = page(client, world.leader, f"/lanh-dao/dot/{made.pk}/")
    assert "Khối xã · 2 đơn vị" in progress(html)


def test_only_the_leader_and_the_admin_see_it(client, world):
    for user, status in (
        (world.leader, 200), (world.admin, 200), (world.officer_a, 404), (world.appraiser, 404),
    ):  # fmt: skip
        client.force_login(user)
        for url in ("/lanh-dao/", f"/lanh-dao/ky/{world.cycle.pk}/"):
            assert client.get(url).status_code == status, (user.username, url)
    client.force_login(world.leader)
    assert client.get("/lanh-dao/ky/999999/").status_code == 404
    assert client.get("/lanh-dao/dot/999999/").status_code == 404
