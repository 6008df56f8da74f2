"""The shared layout in Chromium: the admin sets up the organisation, the header shows it; on a
phone the menu is a button; a notice opens its page; a missing page keeps the layout."""

from __future__ import annotations

from parindex.web.notices.models import Notice, NoticeKind
from parindex.web.notices.send import notify
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401 - the fixture
from tests.web.test_organisation_settings import PNG


def test_the_layout_at_1280_and_390(
    browser,  # noqa: F811 - the fixture imported above
    live_server,
    live_world,
    tmp_path,
):
    world = live_world
    logo = tmp_path / "bieu-trung.png"
    logo.write_bytes(PNG)
    admin = sign_in(browser, live_server, "quantri")
    admin.goto(f"{live_server.url}/to-chuc/")
    admin.fill("#id_department", "Sở Nội vụ tỉnh Quảng Ngãi")
    admin.fill("#id_hotline", "0255 3822 123")
    admin.set_input_files("input[name=logo_file]", str(logo))
    admin.click("button:has-text('Lưu thông tin cơ quan')")
    admin.wait_for_selector("text=Đã lưu thông tin cơ quan.")
    assert admin.inner_text("header.top .names strong") == "Sở Nội vụ tỉnh Quảng Ngãi"
    admin.wait_for_function("document.querySelector('header.top img.logo').complete")
    assert admin.eval_on_selector("header.top img.logo", "img => img.naturalWidth") == 32
    assert admin.is_visible("details.menu >> text=Thông tin cơ quan")
    shot(admin, "shell-settings-1280")
    admin.context.close()

    Notice.objects.all().delete()  # the cycle's opening notice aside
    notify(
        [world.officer_a], NoticeKind.REMINDER, "Nhắc nộp tự đánh giá", url=f"/ky/{world.cycle.pk}/"
    )
    officer = sign_in(browser, live_server, "canbo.xa")
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.reload()
    assert officer.inner_text("a.bell .count") == "1"
    assert not officer.is_visible("details.menu >> text=Thông báo")  # folded into the button
    officer.click("details.menu > summary")
    # the opened menu is drawn on the next frame: wait for it rather than race it
    officer.wait_for_selector("details.menu >> text=Tự đánh giá kỳ hiện tại", state="visible")
    width = officer.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    shot(officer, "shell-menu-390")
    officer.click("details.menu >> text=Thông báo")
    shot(officer, "shell-notices-390")
    officer.click("text=Nhắc nộp tự đánh giá")
    officer.wait_for_url(f"{live_server.url}/ky/{world.cycle.pk}/")
    assert officer.query_selector("a.bell .count") is None
    officer.goto(f"{live_server.url}/khong-co-trang-nay/")
    shot(officer, "shell-404-390")
    officer.context.close()
