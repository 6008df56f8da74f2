"""The admin sets a cycle up in a real browser: deadlines typed and picked, an extension for a
unit, an appraiser's matrix with the whole-row helper. Screenshots at 1280 and 390 px wide."""

from __future__ import annotations

import datetime as dt

from parindex.web.cycles.models import Assignment, Extension
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401 (the fixture)

ZONE = dt.timezone(dt.timedelta(hours=7))


def test_the_admin_edits_extends_and_assigns_in_the_browser(browser, live_server, live_world):  # noqa: F811
    world = live_world
    page = sign_in(browser, live_server, "quantri")
    page.goto(f"{live_server.url}/ky/{world.cycle.pk}/")
    page.click("text=Sửa kỳ")
    page.wait_for_selector("h1:has-text('Sửa kỳ')")

    # a deadline picked in the picker lands typed in the text box; another is typed
    picker = page.locator("#id_self_assessment_due + input.moment-picker")
    picker.fill("2030-12-15T17:00")
    assert page.input_value("#id_self_assessment_due") == "15/12/2030 17:00"
    page.fill("#id_appraisal_due", "01/12/2030 17:00")  # before the self-assessment's: flagged
    assert page.locator("#id_appraisal_due + input.moment-picker").input_value() == (
        "2030-12-01T17:00"
    )
    page.click("button:has-text('Lưu tên và thời hạn')")
    page.wait_for_selector("text=Đã lưu tên và thời hạn của kỳ đánh giá.")
    assert page.is_visible("text=Hạn thẩm định lần 1 (17:00 ngày 01/12/2030) trước hạn tự đánh giá")
    world.cycle.refresh_from_db()
    assert world.cycle.self_assessment_due == dt.datetime(2030, 12, 15, 17, 0, tzinfo=ZONE)

    # an extension for commune A, with its reason
    page.select_option("#id_unit", str(world.unit_a.pk))
    page.fill("#id_until", "22/12/2030 17:00")
    page.fill("#id_reason", "Mưa lũ, mất điện nhiều ngày")
    shot(page, "setup-01-edit-1280")
    page.click("button:has-text('Gia hạn')")
    page.wait_for_selector("text=Đã gia hạn cho xã Tiên Châu.")
    assert Extension.objects.get(unit=world.unit_a).reason == "Mưa lũ, mất điện nhiều ngày"
    page.set_viewport_size({"width": 390, "height": 900})
    shot(page, "setup-02-edit-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # the other appraiser's matrix: the whole row of commune A ticked, saved
    page.goto(f"{live_server.url}/ky/{world.cycle.pk}/phan-cong/")
    page.select_option("#id_appraiser", str(world.other_appraiser.pk))
    page.click("button:has-text('Xem bảng phân công')")
    page.wait_for_url(f"**/phan-cong/{world.other_appraiser.pk}/")
    page.wait_for_selector("table.matrix")
    page.click(f"button[data-row='{world.unit_a.pk}']")
    assert page.is_checked(f"input[value='{world.unit_a.pk}:1']")
    shot(page, "setup-03-matrix-1280")
    page.click("button:has-text('Lưu phân công')")
    page.wait_for_selector("text=Đã lưu phân công của thamdinh2")
    held = Assignment.objects.filter(cycle=world.cycle, appraiser=world.other_appraiser)
    assert sorted(held.values_list("unit__code", "field_code")) == [("XA", ""), ("XB", "2")]
    page.set_viewport_size({"width": 390, "height": 900})
    shot(page, "setup-04-matrix-390")

    # the cycle page shows the extension in the unit list
    page.goto(f"{live_server.url}/ky/{world.cycle.pk}/")
    assert page.is_visible("text=gia hạn đến 17:00 ngày 22/12/2030")
    shot(page, "setup-05-cycle-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "setup-06-cycle-1280")
    page.context.close()
