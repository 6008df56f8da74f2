"""A whole round in a real browser (Debian's Chromium through Playwright).

An officer fills a field, uploads evidence and submits; an appraiser corrects with a
reason; the officer explains; the appraiser decides; the admin closes the round.
Screenshots of each step go to test-artifacts/browser/. A missing browser fails.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.db.utils import OperationalError

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "browser"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Chromium is missing: `make test` installs it (as root), or `apt-get install chromium`"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(browser, live_server, username: str):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def move_cycle(browser, live_server, world, target: str, label: str) -> None:
    page = sign_in(browser, live_server, "quantri")
    page.goto(f"{live_server.url}/ky/{world.cycle.pk}/")
    page.select_option("select[name=target]", target)
    page.check("input[name=confirmed]")
    page.click("button:has-text('Chuyển bước')")
    page.wait_for_selector(f"text=Đã chuyển kỳ đánh giá sang bước «{label}»")
    shot(page, f"admin-{target}")
    page.context.close()


def test_a_whole_round_in_the_browser(browser, live_server, live_world, tmp_path):
    world = live_world
    cycle, unit = world.cycle.pk, world.unit_a.pk

    # the officer fills field 1, with evidence, and field 2
    officer = sign_in(browser, live_server, "canbo.xa")
    shot(officer, "01-officer-dashboard")
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/1/")
    leaf = officer.locator("#tc-1\\.1")  # 1.1 asks for evidence: the file goes with the score
    evidence = tmp_path / "Kế hoạch CCHC 2024.pdf"
    evidence.write_bytes(PDF)
    leaf.locator("input[name$='-self_score']").fill("2")
    leaf.locator("input[name$='-uploads']").set_input_files(str(evidence))
    leaf.locator("button:has-text('Lưu tiêu chí 1.1')").click()
    officer.wait_for_selector("text=Đã lưu tiêu chí 1.1.")
    leaf = officer.locator("#tc-1\\.1")
    assert "Kế hoạch CCHC 2024.pdf" in leaf.inner_text()
    leaf.locator("summary:has-text('Thêm tài liệu kiểm chứng')").click()
    leaf.locator("input[name=doc_number]").fill("12/KH-UBND")
    leaf.locator("button:has-text('Thêm tài liệu kiểm chứng')").click()
    officer.wait_for_selector("text=Đã thêm tài liệu kiểm chứng cho tiêu chí 1.1.")
    leaf = officer.locator("#tc-1\\.2")
    leaf.locator("input[name$='-self_score']").fill("2,5")
    leaf.locator("button:has-text('Lưu tiêu chí 1.2')").click()
    officer.wait_for_selector("text=Đã lưu tiêu chí 1.2.")
    assert officer.inner_text("#field-total") == "4,5/5"
    shot(officer, "02-officer-field-1")
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/2/")
    leaf = officer.locator("#tc-2\\.1")
    leaf.locator("input[name$='-self_score']").fill("5")
    leaf.locator("textarea[name$='-explanation']").fill(
        "Bảng niêm yết đặt tại Bộ phận một cửa, không có văn bản riêng"
    )
    leaf.locator("button:has-text('Lưu tiêu chí 2.1')").click()
    officer.wait_for_selector("text=Đã lưu tiêu chí 2.1.")
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/")
    officer.click("text=Nộp phần tự đánh giá")
    officer.check("input[name=confirm]")
    officer.click("button:has-text('Xác nhận nộp')")
    officer.wait_for_selector("text=Đã nộp phần tự đánh giá.")
    shot(officer, "03-officer-submitted")

    move_cycle(browser, live_server, world, "appraisal", "Thẩm định lần 1")

    # the appraiser corrects 2.1 with a reason and accepts field 1
    appraiser = sign_in(browser, live_server, "thamdinh")
    appraiser.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/")
    shot(appraiser, "04-appraiser-queue")
    appraiser.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/{unit}/2/")
    row = appraiser.locator("#tc-2\\.1")
    row.locator("input[name=appraised_score]").fill("3,5")
    row.locator("textarea[name=reason]").fill("Chưa niêm yết đủ thủ tục lĩnh vực hộ tịch")
    row.locator("button:has-text('Lưu')").click()
    appraiser.wait_for_selector("text=Đã lưu kết quả thẩm định tiêu chí 2.1.")
    shot(appraiser, "05-appraiser-corrected")
    appraiser.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/{unit}/1/")
    appraiser.check("input[name=confirmed]")
    appraiser.click("text=Chấp nhận nguyên điểm các tiêu chí chưa thẩm định")
    appraiser.wait_for_selector("text=Đã chấp nhận nguyên điểm 2 tiêu chí.")

    move_cycle(browser, live_server, world, "explanation", "Giải trình")

    # the officer explains the correction
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/2/")
    leaf = officer.locator("#tc-2\\.1")
    assert "Chưa niêm yết đủ thủ tục lĩnh vực hộ tịch" in leaf.inner_text()
    leaf.locator("textarea[name=text]").fill(
        "Đã bổ sung niêm yết ngày 05/12/2024, có ảnh chụp kèm theo"
    )
    leaf.locator("button:has-text('Gửi giải trình')").click()
    officer.wait_for_selector("text=Đã gửi giải trình tiêu chí 2.1.")
    shot(officer, "06-officer-explained")

    move_cycle(browser, live_server, world, "final_appraisal", "Thẩm định lần 2")

    appraiser.goto(f"{live_server.url}/ky/{cycle}/tham-dinh/{unit}/2/")
    row = appraiser.locator("#tc-2\\.1")
    assert "Đã bổ sung niêm yết" in row.inner_text()
    row.locator("input[name=appraised_score]").fill("4,5")
    row.locator("textarea[name=reason]").fill("Chấp nhận một phần giải trình")
    row.locator("button:has-text('Lưu')").click()
    appraiser.wait_for_selector("text=Đã lưu kết quả thẩm định tiêu chí 2.1.")
    shot(appraiser, "07-appraiser-round-2")

    move_cycle(browser, live_server, world, "closed", "Đã kết thúc thẩm định")

    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/nhat-ky/?tieu-chi=2.1")
    trail = officer.inner_text("table")
    for action in (
        "Sửa điểm tự đánh giá",
        "Thẩm định lần 1",
        "Giải trình",
        "Thẩm định lần 2",
    ):
        assert action in trail
    shot(officer, "08-officer-audit-trail")


def test_the_public_sees_published_results_and_nothing_else(browser, live_server, live_world):
    from parindex.web.cycles.actions import do_create_cycle
    from tests.web.conftest import close_and_publish, scored_world

    world = scored_world(live_world)
    close_and_publish(world.cycle, "Quyết định số 4769/QĐ-UBND ngày 21/12/2024", None, world.admin)
    do_create_cycle(
        "Kỳ chưa công bố năm 2025", world.cycle.framework, "2025", [world.unit_a], world.admin
    )
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/cong-khai/")
    assert "Chỉ số CCHC cấp xã năm 2024" in page.inner_text("main")
    assert "Kỳ chưa công bố" not in page.content()
    page.click("text=Chỉ số CCHC cấp xã năm 2024")
    page.wait_for_selector("text=Quyết định số 4769/QĐ-UBND ngày 21/12/2024")
    assert page.locator("svg").count() >= 2
    shot(page, "09-public-ranking")
    page.click("table a:has-text('xã Tiên Châu')")
    page.wait_for_selector("text=Chỉ số CCHC năm 2024 của xã Tiên Châu đạt 85,25 điểm")
    assert "Tiêu chí bị mất điểm" not in page.content()
    shot(page, "10-public-unit")
    page.goto(f"{live_server.url}/api/ket-qua/")
    assert "4769/QĐ-UBND" in page.content()
    page.context.close()


def test_the_admin_builds_every_scorecard_as_one_zip_in_the_browser(
    browser, live_server, live_world, settings
):
    """Click, watch the bar move without reloading the page, download the ZIP."""
    import io
    import zipfile
    from datetime import date

    from parindex.web.results.models import ScorecardArchive
    from tests.web.conftest import close_and_publish, scored_world
    from tests.web.test_scorecard_archives import DATABASE_QUEUE, run_worker_once

    world = scored_world(live_world)
    publication = close_and_publish(
        world.cycle, "Quyết định số 4769/QĐ-UBND ngày 21/12/2024", date(2024, 12, 21), world.admin
    )
    settings.TASKS = DATABASE_QUEUE  # the click only queues; the worker below builds the ZIP
    admin = sign_in(browser, live_server, "quantri")
    admin.goto(f"{live_server.url}/cong-khai/{publication.pk}/")
    admin.click("button:has-text('Tạo tệp ZIP phiếu kết quả (DOCX)')")
    admin.wait_for_selector("text=Đang chờ đến lượt tạo 2 phiếu…")
    assert admin.locator("#phieu-ket-qua-docx progress").count() == 1
    # halfway, as the worker reports it every few units (set here: the test's two units are
    # built in a blink); the page picks it up by itself
    ScorecardArchive.objects.update(status="running", done=1)
    admin.wait_for_selector("text=Đang tạo 1/2 phiếu…")
    assert admin.get_attribute("#phieu-ket-qua-docx progress", "value") == "1"
    shot(admin, "11-admin-scorecards-running")
    ScorecardArchive.objects.update(status="queued", done=0)
    # the page keeps polling through the live server's thread; on the tests' in-memory SQLite
    # (shared cache) a poll can hold a table lock just as the worker begins its exclusive
    # transaction: the worker starts again, as a real worker's next round would
    for attempt in range(10):
        try:
            run_worker_once()
            break
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 9:
                raise
            time.sleep(0.3)
    link = admin.wait_for_selector("#phieu-ket-qua-docx a:has-text('Tải tệp ZIP')")
    shot(admin, "12-admin-scorecards-ready")
    with admin.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "phieu-ket-qua-2024-docx.zip"
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as zf:
        assert zf.namelist() == [
            "bao-cao.docx",
            "quyet-dinh.docx",
            "phieu-diem/XA.docx",
            "phieu-diem/XB.docx",
        ]
    admin.context.close()
