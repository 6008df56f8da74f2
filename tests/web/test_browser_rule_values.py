"""In a real browser: the officer types a rule leaf's value and sees its points at once (the
page's script mirrors the core's rule); saved, the server's own figure is the one kept.
Screenshots at desktop and phone width go to test-artifacts/browser/."""

from __future__ import annotations

from decimal import Decimal

from tests.web.rules_world import rules_world
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401 - the fixture


def points_shown(page, code: str) -> str:
    escaped = code.replace(".", "\\.")
    return page.locator(f"#tc-{escaped} output").inner_text()


def test_the_officer_types_a_value_and_sees_the_points_the_server_keeps(
    browser,  # noqa: F811 - the fixture imported above
    live_server,
    live_world,
):
    rules = rules_world(live_world)
    cycle, unit = rules.cycle.pk, live_world.unit_a.pk
    officer = sign_in(browser, live_server, "canbo.xa")
    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/2/")
    value = officer.locator("#tc-2\\.1 input[name$='-measure']")
    value.fill("35/36")
    assert points_shown(officer, "2.1") == "= 3,89 điểm"  # 4 × 35/36 = 3,888…, half-up
    value.fill("5/4")
    assert points_shown(officer, "2.1") == "Chưa tính được: tử số lớn hơn mẫu số"
    value.fill("120")
    assert points_shown(officer, "2.1") == "= 4 điểm"  # capped at full_at
    value.fill("35/36")
    shot(officer, "rules-01-officer-typed-value")
    officer.locator("#tc-2\\.1 button:has-text('Lưu tiêu chí 2.1')").click()
    officer.wait_for_selector("text=Đã lưu tiêu chí 2.1: 35/36 → 3,89 điểm.")
    assert points_shown(officer, "2.1") == "= 3,89 điểm"
    assert "Không áp dụng cho xã" in officer.locator("#tc-2\\.3").inner_text()
    saved = rules.score(live_world.unit_a, "2.1")
    assert (saved.self_score, saved.measure) == (Decimal("3.89"), "35/36")

    officer.goto(f"{live_server.url}/ky/{cycle}/don-vi/{unit}/linh-vuc/1/")
    steps = officer.locator("#tc-1\\.2 input[name$='-measure']")
    steps.fill("90")
    assert points_shown(officer, "1.2") == "= 1 điểm"  # 90 is not above 90
    steps.fill("90,5")
    assert points_shown(officer, "1.2") == "= 2 điểm"
    officer.set_viewport_size({"width": 390, "height": 844})
    shot(officer, "rules-02-officer-steps-phone")
    officer.context.close()
