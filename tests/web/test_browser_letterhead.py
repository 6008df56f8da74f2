"""The letterhead in Chromium: the admin edits the prefilled van-ban.yaml, a mistake is named
under the field, the fix is saved; the publication page lists its documents by name.
Screenshots at 1280 and 390 px go to test-artifacts/browser/."""

from __future__ import annotations

from parindex.web.organisation.actions import do_edit_organisation
from tests.web.conftest import close_and_publish, scored_world
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401 - the fixture
from tests.web.test_publication_documents import NAMES

WIDTHS = (1280, 390)


def both(page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        width_now = page.evaluate("document.documentElement.scrollWidth")
        assert width_now <= width, f"{name}: the page is {width_now} px wide at {width} px"
        shot(page, f"letterhead-{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_admin_edits_the_letterhead_and_the_publication_lists_its_documents(
    browser,  # noqa: F811 - the fixture imported above
    live_server,
    live_world,
):
    world = live_world
    do_edit_organisation(world.admin, NAMES)
    admin = sign_in(browser, live_server, "quantri")
    admin.goto(f"{live_server.url}/to-chuc/")
    text = admin.input_value("#id_letterhead")
    assert '"UBND TỈNH QUẢNG NGÃI"' in text and "decision_signer" in text
    both(admin, "01-example")
    admin.fill("#id_letterhead", text.replace("signer: {", "nguoi_ky: {", 1))
    admin.click("button:has-text('Lưu thông tin cơ quan')")
    admin.wait_for_selector("text=Chưa lưu được")
    assert "mục «nguoi_ky»: khóa không có" in admin.inner_text("main")
    both(admin, "02-mistake")
    admin.fill("#id_letterhead", text.replace('name: ""}', 'name: "Lê Thị Hoa"}', 1))
    admin.click("button:has-text('Lưu thông tin cơ quan')")
    admin.wait_for_selector("text=Đã lưu thông tin cơ quan.")
    admin.context.close()

    scored_world(world)
    publication = close_and_publish(world.cycle, "Quyết định số 12/QĐ-UBND", None, world.admin)
    visitor = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(f"{live_server.url}/cong-khai/{publication.pk}/")
    documents = page.inner_text("ul.documents")
    for name in ("quyet-dinh.docx", "quyet-dinh.pdf", "phu-luc.xlsx", "bao-cao.docx"):
        assert name in documents
    both(page, "03-publication")
    page.goto(f"{live_server.url}/cong-khai/{publication.pk}/don-vi/XA/")
    assert "phụ lục của báo cáo" in page.inner_text("main")
    both(page, "04-unit")
    visitor.close()
