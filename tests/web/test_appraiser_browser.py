"""The appraiser's day in a real browser, at 1280 and 390 px: the queue, a field's appraisal
(a card per criterion on a phone), accepting the rest of the unit after the confirmation,
round 2 with the criteria it does not reopen shown read-only, the review workbook."""

from __future__ import annotations

import io

import openpyxl

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_explain
from tests.web.test_appraiser_queue import appraising_world
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401  (a fixture)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def fits(page) -> bool:
    """Nothing wider than the screen: a table scrolls inside its wrapper, if at all."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_appraisers_day_in_the_browser(browser, live_server, live_world):  # noqa: F811
    world = appraising_world(live_world)
    cycle, unit = world.cycle.pk, world.unit_a.pk
    page = sign_in(browser, live_server, "thamdinh")
    page.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/")
    assert page.locator("text=Đã nộp").count() == 1
    shot(page, "appraiser-01-queue-1280")
    page.set_viewport_size(PHONE)
    shot(page, "appraiser-02-queue-390")
    assert fits(page)

    # on a phone: field 1, criterion 1.1 corrected with a reason
    page.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/{unit}/1/")
    leaf = page.locator("#tc-1\\.1")
    leaf.locator("input[name=appraised_score]").fill("1")
    leaf.locator("textarea[name=reason]").fill("Kế hoạch ban hành sau ngày 31/12")
    leaf.locator("button:has-text('Lưu')").click()
    page.wait_for_selector("text=Đã lưu kết quả thẩm định tiêu chí 1.1.")
    assert fits(page)
    shot(page, "appraiser-03-field-390")
    page.set_viewport_size(DESKTOP)
    shot(page, "appraiser-04-field-1280")

    # the rest of the unit accepted as it is, after the confirmation
    page.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/")
    page.click("text=Chấp nhận nguyên điểm")
    page.wait_for_selector("text=2 tiêu chí")
    shot(page, "appraiser-05-accept-confirm")
    page.click("button:has-text('Chấp nhận 2 tiêu chí')")  # not ticked: refused
    page.wait_for_selector("text=Đánh dấu ô xác nhận trước khi chấp nhận nguyên điểm")
    page.check("input[name=confirm]")
    page.click("button:has-text('Chấp nhận 2 tiêu chí')")
    page.wait_for_selector("text=Đã chấp nhận nguyên điểm 2 tiêu chí của xã Tiên Châu.")
    assert page.locator("td >> text=xong").count() == 1
    shot(page, "appraiser-06-queue-done")
    page.context.close()

    # round 2: the unit explained 1.1; 1.2 keeps round 1's result, read-only
    world.move_to(CycleState.EXPLANATION)
    do_explain(world.officer_a, world.score(world.unit_a, "1.1"), "Kế hoạch ban hành ngày 28/12")
    world.move_to(CycleState.FINAL_APPRAISAL)
    page = sign_in(browser, live_server, "thamdinh")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/{unit}/1/")
    assert page.locator("#tc-1\\.2 >> text=giữ kết quả thẩm định lần 1").count() == 1
    assert page.locator("#tc-1\\.2 input[name=appraised_score]").count() == 0
    assert page.locator("#tc-1\\.1 input[name=appraised_score]").count() == 1
    assert fits(page)
    shot(page, "appraiser-07-round2-390")
    page.set_viewport_size(DESKTOP)
    shot(page, "appraiser-08-round2-1280")

    with page.expect_download() as download:
        page.evaluate(
            f"window.location = '{live_server.url}/ky/{cycle}/tham-dinh/{unit}/xuat/ra-soat.xlsx'"
        )
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet["A4"].value == "1.1" and sheet["E4"].value == 1
    page.context.close()
