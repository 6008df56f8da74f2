"""The pages under their Content-Security-Policy in Chromium: every role's main pages load with
no violation reported (console, page errors, ``securitypolicyviolation`` events); the
confirmations still ask before a form is sent; a ZIP's progress still updates by itself."""

from __future__ import annotations

from datetime import date

from parindex.web.notices.models import Notice
from parindex.web.organisation.models import Organisation
from parindex.web.results.models import ScorecardArchive
from tests.web.conftest import close_and_publish, scored_world
from tests.web.test_browser_cycle import browser, sign_in  # noqa: F401 - the fixture
from tests.web.test_organisation_settings import with_logo

# Playwright's init scripts run outside the page's policy: this one records what it blocks
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


class Watched:
    """A signed-in (or visitor's) page whose problems are collected while it is used."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.asked: list[str] = []
        self.answer = False
        page.add_init_script(WATCH)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.asked.append(dialog.message)
        dialog.accept() if self.answer else dialog.dismiss()

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        self.check(url)

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__violations || []")
        assert not violations, f"{where}: {violations}"
        assert not self.problems, f"{where}: {self.problems}"


def watched(browser, live_server, username: str | None) -> Watched:  # noqa: F811
    if username is None:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        return Watched(context.new_page())
    return Watched(sign_in(browser, live_server, username))


def test_every_roles_pages_run_under_the_policy(browser, live_server, live_world):  # noqa: F811
    world = live_world
    base = live_server.url
    cycle = world.cycle.pk
    unit_a, unit_b = world.unit_a.pk, world.unit_b.pk
    # during the self-assessment: the pages with scripts (setup, assignment, the field forms)
    while_open = {
        "quantri": ["/", f"/ky/{cycle}/", f"/ky/{cycle}/sua/", f"/ky/{cycle}/phan-cong/"],
        "canbo.xa": [
            "/",
            f"/ky/{cycle}/don-vi/{unit_a}/",
            f"/ky/{cycle}/don-vi/{unit_a}/linh-vuc/1/",
        ],
        "thamdinh": ["/", f"/ky/{cycle}/tham-dinh/"],
        "lanhdao": ["/lanh-dao/"],
    }
    for username, paths in while_open.items():
        person = watched(browser, live_server, username)
        for path in paths:
            person.visit(base + path)
        person.page.context.close()

    scored_world(world)
    publication = close_and_publish(
        world.cycle, "Quyết định số 4769/QĐ-UBND", date(2024, 12, 21), world.admin
    ).pk
    after = {
        None: ["/cong-khai/", f"/cong-khai/{publication}/", f"/cong-khai/{publication}/don-vi/XA/"],
        "quantri": [
            f"/cong-khai/{publication}/",
            f"/ky/{cycle}/ket-qua/",
            "/to-chuc/",
            "/thong-bao/",
            f"/bo-tieu-chi/{world.cycle.framework.code}/",
        ],
        "thamdinh": [f"/ky/{cycle}/tham-dinh/{unit_a}/1/", f"/ky/{cycle}/don-vi/{unit_a}/"],
        "thamdinh2": [f"/ky/{cycle}/tham-dinh/{unit_b}/2/"],
        "lanhdao": ["/lanh-dao/", f"/lanh-dao/ky/{cycle}/"],
    }
    for username, paths in after.items():
        person = watched(browser, live_server, username)
        for path in paths:
            person.visit(base + path)
        person.page.context.close()


def test_the_confirmations_still_ask_before_a_form_is_sent(browser, live_server, live_world):  # noqa: F811
    world = live_world
    base = live_server.url
    with_logo(world.admin)
    assert Notice.objects.filter(user=world.officer_a, read_at__isnull=True).exists()

    officer = watched(browser, live_server, "canbo.xa")
    officer.visit(f"{base}/thong-bao/")
    officer.page.click("button:has-text('Đánh dấu đã đọc tất cả')")
    assert officer.asked == ["Đánh dấu mọi thông báo là đã đọc?"]
    # answered "no": nothing was sent
    assert Notice.objects.filter(user=world.officer_a, read_at__isnull=True).exists()
    officer.answer = True
    with officer.page.expect_navigation():
        officer.page.click("button:has-text('Đánh dấu đã đọc tất cả')")
    assert not Notice.objects.filter(user=world.officer_a, read_at__isnull=True).exists()
    officer.check("/thong-bao/ after marking")
    officer.page.context.close()

    admin = watched(browser, live_server, "quantri")
    admin.visit(f"{base}/to-chuc/")
    with admin.page.expect_navigation():  # saving without removing the logo asks nothing
        admin.page.click("button:has-text('Lưu thông tin cơ quan')")
    assert admin.asked == []
    admin.page.check("input[name=remove_logo]")
    admin.page.click("button:has-text('Lưu thông tin cơ quan')")
    assert admin.asked == ["Bỏ biểu trưng hiện có? Trang sẽ chỉ hiện tên cơ quan."]
    assert Organisation.current().logo  # kept: the admin answered "no"
    admin.check("/to-chuc/ after the question")

    scored_world(world)
    publication = close_and_publish(
        world.cycle, "Quyết định số 4769/QĐ-UBND", date(2024, 12, 21), world.admin
    )
    admin.visit(f"{base}/cong-khai/{publication.pk}/")
    admin.page.click("summary:has-text('Thu hồi công bố này')")
    admin.page.fill("form[action$='thu-hoi/'] input[name=reason]", "Sai điểm tiêu chí 1.2")
    admin.page.click("button:has-text('Thu hồi')")
    assert admin.asked[-1].startswith("Thu hồi công bố này?")
    publication.refresh_from_db()
    assert publication.withdrawn is None  # not withdrawn: the admin answered "no"
    admin.check("the publication after the question")
    admin.page.context.close()


def test_a_zips_progress_updates_by_itself(browser, live_server, live_world):  # noqa: F811
    from parindex.web.results.scorecards import do_request_scorecards

    world = scored_world(live_world)
    publication = close_and_publish(
        world.cycle, "Quyết định số 4769/QĐ-UBND", date(2024, 12, 21), world.admin
    )
    do_request_scorecards(publication, "docx", world.admin)  # built at once in the tests
    ScorecardArchive.objects.update(status="running", done=1)
    admin = watched(browser, live_server, "quantri")
    admin.visit(f"{live_server.url}/cong-khai/{publication.pk}/")
    assert admin.page.is_visible("text=Đang tạo 1/2 phiếu…")
    ScorecardArchive.objects.update(status="done", done=2)
    admin.page.wait_for_selector("#phieu-ket-qua-docx a:has-text('Tải tệp ZIP')")
    admin.check("the publication once the ZIP is ready")
    admin.page.context.close()
