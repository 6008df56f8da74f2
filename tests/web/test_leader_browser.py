"""The leader's view of the demo province in a real browser, at 1280 and 390 px: the 2026
round in self-assessment (this year's page) and the 2025 round, published.
Screenshots go to test-artifacts/browser/leader-*.png."""

from __future__ import annotations

from django.db import connections

from parindex.web.cycles.models import Round
from tests.web.test_browser_cycle import browser, shot  # noqa: F401 - the fixture

DEMO_PASSWORD = "demo-parindex-2024"


def signed_in(chromium, live_server, width: int):
    context = chromium.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_the_leader_reads_the_demo_province(
    browser,  # noqa: F811 - the fixture imported above
    live_server,
    transactional_db,
    tmp_path,
):
    from parindex.cli import main
    from parindex.web.cycles.demo_load import load_demo

    assert main(["--quiet", "demo", "--out", str(tmp_path / "demo"), "--score"]) == 0
    load_demo(tmp_path / "demo", say=lambda _: None)
    published = Round.objects.get(period="2025")
    try:
        for width in (1280, 390):
            page = signed_in(browser, live_server, width)
            page.goto(f"{live_server.url}/lanh-dao/")
            body = page.inner_text("main")
            assert "Kết quả tạm tính — chưa công bố" in body
            assert "Đã nộp tự đánh giá" in body and "Đơn vị chậm nhất" in body
            # nothing wider than the screen but the tables that scroll inside their wrapper
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"leader-{width}-2026")
            page.goto(f"{live_server.url}/lanh-dao/dot/{published.pk}/")
            body = page.inner_text("main")
            assert "Kết quả tạm tính" not in body and "Đã công bố" in body
            assert "Số đơn vị theo xếp loại" in body and "Xuất sắc" in body
            assert "Lĩnh vực mất nhiều điểm nhất" in body
            assert "So với công bố kỳ 2024" in body
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"leader-{width}-2025")
            page.context.close()
    finally:
        connections.close_all()
