"""The officer's day in a real browser (Chromium through Playwright): fill a whole field and save
it once, be warned before leaving with unsaved changes, add several evidence files, submit with
confirmation. Screenshots at 1280 and 390 px wide go to test-artifacts/browser/."""

from __future__ import annotations

from decimal import Decimal

from tests.web.test_browser_cycle import PDF, browser, shot, sign_in  # noqa: F401 - the fixture


def test_the_officers_day(browser, live_server, live_world, tmp_path):  # noqa: F811
    world = live_world
    cycle, unit = world.cycle.pk, world.unit_a.pk
    field_1 = f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/1/"
    plan = tmp_path / "Kế hoạch CCHC 2024.pdf"
    plan.write_bytes(PDF)
    report = tmp_path / "Báo cáo quý IV.pdf"
    report.write_bytes(PDF)
    officer = sign_in(browser, live_server, "canbo.xa")

    # a whole field typed, then saved once: both criteria kept
    officer.goto(field_1)
    officer.locator("#tc-1\\.1 input[name$='-self_score']").fill("2")
    officer.locator("#tc-1\\.1 input[name$='-uploads']").set_input_files(str(plan))
    officer.locator("#tc-1\\.2 input[name$='-self_score']").fill("2,5")
    officer.locator("#tc-1\\.2 textarea[name$='-explanation']").fill("Đủ 4 báo cáo quý")
    assert officer.locator(".unsaved-note").is_visible()
    shot(officer, "officer-01-field-typed")
    officer.click(".savebar button")
    officer.wait_for_selector("text=Đã lưu tiêu chí 1.2.")
    assert "Đã lưu tiêu chí 1.1." in officer.inner_text("main")
    assert officer.inner_text("#field-total") == "4,5/5"
    assert world.score(world.unit_a, "1.1").self_score == Decimal(2)
    assert world.score(world.unit_a, "1.2").self_score == Decimal("2.5")

    # a wrong value is named under its criterion and nothing is saved
    officer.locator("#tc-1\\.2 input[name$='-self_score']").fill("9")
    officer.locator("#tc-1\\.1 textarea[name$='-explanation']").fill("Kế hoạch số 12")
    officer.click("#tc-1\\.2 button:has-text('Lưu tiêu chí 1.2')")
    officer.wait_for_selector("#tc-1\\.2 .leaf-error")
    assert "Chưa lưu tiêu chí nào" in officer.inner_text("main")
    assert world.score(world.unit_a, "1.1").explanation == ""
    shot(officer, "officer-02-field-refused")

    # leaving with unsaved changes asks first
    asked = []
    officer.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    officer.locator("#tc-1\\.2 input[name$='-self_score']").fill("3")
    officer.close(run_before_unload=True)
    officer.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    officer = sign_in(browser, live_server, "canbo.xa")

    # several files at once, with a preview link for PDFs
    officer.goto(field_1)
    leaf = officer.locator("#tc-1\\.2")
    leaf.locator("summary:has-text('Thêm tài liệu kiểm chứng')").click()
    leaf.locator("input[name=uploads]").set_input_files([str(report), str(plan)])
    leaf.locator("button:has-text('Thêm tài liệu kiểm chứng')").click()
    officer.wait_for_selector("text=Đã thêm 2 tệp kiểm chứng cho tiêu chí 1.2.")
    assert officer.locator("#tc-1\\.2 a:has-text('Xem')").count() == 2
    assert officer.evaluate("location.hash") == "#tc-1.2"

    # field 2, then submit with confirmation
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/2/")
    officer.locator("#tc-2\\.1 input[name$='-self_score']").fill("5")
    officer.locator("#tc-2\\.1 textarea[name$='-explanation']").fill("Niêm yết tại Bộ phận một cửa")
    officer.click(".savebar button")
    officer.wait_for_selector("text=Đã lưu tiêu chí 2.1.")
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(field_1)
    shot(officer, "officer-03a-field-editable-phone")
    width = officer.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the field form is {width} px wide on a phone"
    officer.set_viewport_size({"width": 1280, "height": 900})
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/")
    officer.click("text=Nộp phần tự đánh giá")
    officer.wait_for_selector("text=Xác nhận nộp")
    shot(officer, "officer-03-confirm-submit")
    officer.click("button:has-text('Xác nhận nộp')")  # the box is not ticked: the browser asks
    assert "nop/xac-nhan" in officer.url
    officer.check("input[name=confirm]")
    officer.click("button:has-text('Xác nhận nộp')")
    officer.wait_for_selector("text=Đã nộp phần tự đánh giá.")
    shot(officer, "officer-04-submitted")

    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(field_1)
    shot(officer, "officer-05-field-phone")
    width = officer.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the field page is {width} px wide on a phone"
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/")
    shot(officer, "officer-06-unit-phone")
    officer.context.close()


def test_the_missing_criteria_link_to_their_place_on_a_phone(
    browser,  # noqa: F811
    live_server,
    live_world,
):
    world = live_world
    cycle, unit = world.cycle.pk, world.unit_a.pk
    officer = sign_in(browser, live_server, "canbo.xa")
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/nop/xac-nhan/")
    shot(officer, "officer-07-missing-phone")
    officer.click("#problems a:has-text('Tiêu chí 2.1')")
    officer.wait_for_url("**/linh-vuc/2/#tc-2.1")
    officer.context.close()


def test_the_explanation_round_in_the_browser(
    browser,  # noqa: F811
    live_server,
    live_world,
    tmp_path,
):
    from tests.web.test_officer_explanation import corrected

    world = live_world
    corrected(world)
    photo = tmp_path / "Ảnh niêm yết.pdf"
    photo.write_bytes(PDF)
    officer = sign_in(browser, live_server, "canbo.xa")
    officer.goto(f"{live_server.url}/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/")
    officer.click("text=Giải trình các tiêu chí bị điều chỉnh điểm")
    officer.wait_for_selector("#tc-2\\.1")
    assert officer.locator("section.corrected").count() == 1
    shot(officer, "officer-08-explanation-round")
    leaf = officer.locator("#tc-2\\.1")
    leaf.locator("textarea[name=text]").fill("Đã niêm yết đủ ngày 05/12/2024, có ảnh chụp")
    leaf.locator("input[name=uploads]").set_input_files(str(photo))
    leaf.locator("button:has-text('Gửi giải trình 2.1')").click()
    officer.wait_for_selector("text=Đã gửi giải trình tiêu chí 2.1.")
    assert "Ảnh niêm yết.pdf" in officer.locator("#tc-2\\.1").inner_text()
    officer.set_viewport_size({"width": 390, "height": 844})
    shot(officer, "officer-09-explained-phone")
    officer.context.close()
