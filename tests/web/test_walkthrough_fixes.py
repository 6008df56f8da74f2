"""What a fresh-eyed walk through the demo tripped on, each fixed and kept fixed."""

from __future__ import annotations

from parindex.core.workflow import CycleState


def test_an_appraiser_is_told_that_an_unsubmitted_unit_shows_a_draft(client, world):
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.appraiser)
    page = client.get(f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/").content.decode()
    assert "Đơn vị chưa nộp bản tự đánh giá: điểm và tài liệu dưới đây là bản nháp" in page


def test_a_closed_cycles_next_step_for_the_admin_is_its_results(client, world):
    client.force_login(world.admin)
    assert "Theo dõi tiến độ, chuyển bước khi đến hạn" in client.get("/").content.decode()
    world.move_to(CycleState.CLOSED)
    assert "Xem kết quả, quyết định và công bố" in client.get("/").content.decode()


def test_no_decision_about_late_units_is_asked_while_they_may_still_submit(client, world):
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "Ghi quyết định" not in page
    world.move_to(CycleState.CLOSED)
    page = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "Ghi quyết định" in page


def test_a_visitors_brand_link_leads_to_the_published_results(client, db):
    assert 'class="brand" href="/cong-khai/"' in client.get("/cong-khai/").content.decode()
