"""Work between two indexes (issue 14) in a real browser, on the demo province: the admin reads
the 2026 plan as of 30/06/2026 and downloads its follow-up table (1280 and 390 px); the officer
of Sở Nội vụ reports a task done with its evidence; an officer whose unit has not issued its
remediation plan writes the causes, adds a task and issues it; the leader sees the plan's
completion and its overdue tasks. Screenshots go to test-artifacts/browser/plans-*.png."""

from __future__ import annotations

import re

from django.db import connections
from openpyxl import load_workbook
from playwright.sync_api import expect

from parindex.core.plans import STATUSES
from parindex.web.accounts.models import Role, User
from parindex.web.plans.models import Plan, PlanKind
from tests.web.test_browser_cycle import PDF, browser, shot  # noqa: F401 - the fixture

DEMO_PASSWORD = "demo-parindex-2024"


def signed_in(chromium, live_server, username: str, width: int = 1280):
    context = chromium.new_context(
        locale="vi-VN", viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the forms' data-confirm questions
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def fits(page, width: int) -> None:
    """Nothing wider than the screen but the tables that scroll inside their wrapper."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} is {wide} px wide on a {width} px screen"


def test_the_plans_of_the_demo_province_in_the_browser(
    browser,  # noqa: F811 - the fixture imported above
    live_server,
    transactional_db,
    tmp_path,
):
    from parindex.cli import main
    from parindex.web.cycles.demo_load import load_demo

    assert main(["--quiet", "demo", "--out", str(tmp_path / "demo"), "--score"]) == 0
    load_demo(tmp_path / "demo", say=lambda _: None)
    plan = Plan.objects.get(kind=PlanKind.YEARLY, year=2026)
    try:
        _admin_reads_the_plan(browser, live_server, plan, tmp_path)
        _officer_reports_a_task(browser, live_server, tmp_path)
        _officer_issues_its_remediation_plan(browser, live_server)
        _leader_sees_the_plan(browser, live_server, plan)
    finally:
        connections.close_all()


def _admin_reads_the_plan(chromium, live_server, plan: Plan, tmp_path) -> None:
    for width in (1280, 390):
        page = signed_in(chromium, live_server, "quantri", width)
        page.goto(f"{live_server.url}/ke-hoach/")
        page.click(f"table >> text={plan.title}")
        page.wait_for_url(f"{live_server.url}/ke-hoach/{plan.pk}/")
        page.fill("#id_ngay", "30/06/2026")
        page.click("form.inline button:has-text('Xem')")
        page.wait_for_url(re.compile(r"ngay=30%2F06%2F2026"))
        expect(page.locator("h2", has_text="Tiến độ tính đến ngày 30/06/2026")).to_be_visible()
        counts = page.locator("ul.counts li")
        expect(counts).to_have_count(4)
        for n, name in enumerate(STATUSES):
            expect(counts.nth(n)).to_contain_text(re.compile(rf"{name}: [1-9]"))
        expect(page.locator("table.tasks .status.task-overdue").first).to_be_visible()
        fits(page, width)
        shot(page, f"plans-{width}-admin-plan")
        with page.expect_download() as caught:
            page.click("text=Phụ lục kết quả thực hiện (XLSX)")
        download = caught.value
        assert download.suggested_filename == f"{plan.pk}-tien-do.xlsx"
        saved = tmp_path / f"tien-do-{width}.xlsx"
        download.save_as(saved)
        sheet = load_workbook(saved).active
        cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        assert "Đã hoàn thành quá hạn" in cells and "Chưa hoàn thành" in cells
        page.context.close()


def _officer_reports_a_task(chromium, live_server, tmp_path) -> None:
    page = signed_in(chromium, live_server, "canbo.snv")
    page.click("text=Nhiệm vụ của đơn vị")  # the menu's entry
    page.wait_for_url(f"{live_server.url}/nhiem-vu/")
    expect(page.locator("h1")).to_have_text("Nhiệm vụ của đơn vị")
    page.click("a:has-text('Đang thực hiện')")  # the filter
    page.wait_for_url(re.compile(r"tien-do="))
    first = page.locator("table.tasks tbody tr").first
    expect(first.locator(".status")).to_have_text("Đang thực hiện")
    first.locator("td").first.locator("a").click()
    page.wait_for_url(re.compile(r"/nhiem-vu/\d+/$"))
    expect(page.locator("main .status").first).to_have_text("Đang thực hiện")
    evidence = tmp_path / "Báo cáo kết quả nhiệm vụ.pdf"
    evidence.write_bytes(PDF)
    today = page.input_value("#id_date")  # the report's day: today, as the form offers it
    page.fill("#id_result", "Đã hoàn thành, báo cáo UBND tỉnh")
    page.fill("#id_completed", today)
    page.set_input_files("#id_uploads", str(evidence))
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector("text=Đã ghi báo cáo tiến độ.")
    expect(page.locator("main .status").first).to_have_text("Đã hoàn thành")
    expect(page.locator("main table")).to_contain_text("Báo cáo kết quả nhiệm vụ.pdf")
    fits(page, 1280)
    shot(page, "plans-1280-officer-task")
    page.set_viewport_size({"width": 390, "height": 844})
    fits(page, 390)
    shot(page, "plans-390-officer-task")
    page.context.close()


def _officer_issues_its_remediation_plan(chromium, live_server) -> None:
    draft = (
        Plan.objects.filter(kind=PlanKind.REMEDIATION, issued_at__isnull=True, year=2026)
        .exclude(findings=None)
        .order_by("issuer__code")
        .first()
    )
    assert draft is not None, "the demo has no draft remediation plan"
    officer = User.objects.filter(role=Role.OFFICER, unit=draft.issuer).first()
    assert officer is not None and officer.username == f"canbo.{draft.issuer.code.lower()}"
    finding = draft.findings.order_by("position", "pk").first()
    page = signed_in(chromium, live_server, officer.username)
    page.goto(f"{live_server.url}/khac-phuc/{draft.pk}/")
    expect(page.locator("main .badge.warn")).to_have_text("Dự thảo, chưa ban hành")
    card = page.locator(f"#ton-tai-{finding.pk}")
    card.locator("textarea[name=subjective]").fill("Chưa phân công công chức theo dõi tiêu chí")
    card.locator("textarea[name=objective]").fill("Biên chế giảm sau sắp xếp")
    card.locator("button:has-text('Lưu nguyên nhân')").click()
    page.wait_for_selector(f"text=Đã lưu nguyên nhân của tiêu chí {finding.criterion}.")

    adding = page.locator("#them-nhiem-vu")
    adding.locator("select[name=finding]").select_option(str(finding.pk))
    adding.locator("textarea[name=text]").fill("Bổ sung tài liệu kiểm chứng của tiêu chí")
    adding.locator("input[name=deadline]").fill("Quý V/2026")
    adding.locator("button:has-text('Thêm nhiệm vụ')").click()
    page.wait_for_selector("#them-nhiem-vu .bad")
    error = page.locator("#them-nhiem-vu .bad")
    expect(error).to_contain_text("không hiểu thời hạn «Quý V/2026»")
    expect(error).to_be_in_viewport()  # not 8000 px below the top of the page it returns
    shot(page, "plans-1280-remediation-bad-deadline")
    adding = page.locator("#them-nhiem-vu")
    expect(adding.locator("textarea[name=text]")).to_have_value(
        "Bổ sung tài liệu kiểm chứng của tiêu chí"
    )
    adding.locator("input[name=deadline]").fill("Quý III/2026")
    adding.locator("button:has-text('Thêm nhiệm vụ')").click()
    page.wait_for_selector("text=Đã thêm nhiệm vụ")
    expect(page.locator("#nhiem-vu")).to_contain_text("Quý III/2026")

    issuing = page.locator("#ban-hanh")
    issuing.locator("input[name=number]").fill("45/KH-UBND")
    issuing.locator("input[name=date]").fill("20/11/2026")
    issuing.locator("input[name=signer]").fill("Chủ tịch UBND")
    issuing.locator("button:has-text('Ban hành')").click()
    page.wait_for_selector("text=Đã ban hành kế hoạch: 45/KH-UBND ngày 20/11/2026.")
    expect(page.locator("main .badge.ok")).to_have_text("Đã ban hành")
    expect(page.locator("#ban-hanh")).to_have_count(0)
    fits(page, 1280)
    shot(page, "plans-1280-remediation-issued")
    page.set_viewport_size({"width": 390, "height": 844})
    fits(page, 390)
    shot(page, "plans-390-remediation-issued")
    page.click("text=Theo dõi tiến độ các nhiệm vụ")
    page.wait_for_url(f"{live_server.url}/ke-hoach/{draft.pk}/")
    expect(page.locator("table.tasks")).to_contain_text("Bổ sung tài liệu kiểm chứng của tiêu chí")
    page.context.close()
    draft.refresh_from_db()
    assert draft.issued


def _leader_sees_the_plan(chromium, live_server, plan: Plan) -> None:
    for width in (1280, 390):
        page = signed_in(chromium, live_server, "lanhdao", width)
        page.goto(f"{live_server.url}/lanh-dao/")
        section = page.locator(f"#ke-hoach-{plan.pk}")
        expect(section.locator("h2")).to_have_text(plan.title)
        expect(section.locator("meter")).to_be_visible()
        expect(section).to_contain_text("Nhiệm vụ quá hạn chưa hoàn thành (")
        expect(section.locator("table tbody tr").first).to_be_visible()
        fits(page, width)
        shot(page, f"plans-{width}-leader")
        page.context.close()
