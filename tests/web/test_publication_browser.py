"""Publication in a real browser (Debian's Chromium through Playwright): publish → confirmation →
withdraw → correct (reopen, round-2 correction, close) → publish the superseding decision.
Screenshots at 1280 and 390 px go to test-artifacts/browser/."""

from __future__ import annotations

from decimal import Decimal

from parindex.web.appraisals.models import Correction
from parindex.web.results.models import Publication
from tests.web.conftest import scored_world
from tests.web.test_browser_cycle import browser, shot, sign_in  # noqa: F401 — the fixture

WIDTHS = (1280, 390)


def both(page, name: str) -> None:
    """The page at the desktop width and at a phone's."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"publication-{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_publish_confirm_withdraw_correct_and_republish(browser, live_server, live_world):  # noqa: F811
    world = live_world
    scored_world(world)
    from parindex.core.workflow import ORDER, CycleState
    from parindex.web.cycles.actions import do_transition_cycle

    cycle = world.cycle
    while CycleState(cycle.state) is not CycleState.CLOSED:
        step = ORDER[ORDER.index(CycleState(cycle.state)) + 1]
        cycle = do_transition_cycle(cycle, step, world.admin, "Kết thúc thẩm định")

    admin = sign_in(browser, live_server, "quantri")
    admin.on("dialog", lambda dialog: dialog.accept())
    admin.goto(f"{live_server.url}/ky/{cycle.pk}/ket-qua/")
    admin.fill("input[name=issuing_body]", "Ủy ban nhân dân tỉnh Quảng Ngãi")
    admin.fill("input[name=number]", "4769/QĐ-UBND")
    admin.fill("input[name=decided_on]", "21/12/2024")
    admin.fill("input[name=place]", "Quảng Ngãi")
    admin.fill("input[name=signer_name]", "Nguyễn Văn An")
    both(admin, "01-form")
    admin.click("button:has-text('Xem lại trước khi công bố')")
    admin.wait_for_selector("text=Những gì sẽ được công khai")
    assert "Kết quả của 2 đơn vị" in admin.inner_text("main")
    both(admin, "02-confirmation")
    admin.click("button:has-text('Xác nhận công bố')")
    admin.wait_for_selector("text=Đã công bố kết quả")
    first = Publication.objects.get()
    both(admin, "03-published")

    admin.click("summary:has-text('Thu hồi công bố này')")
    admin.fill(
        "form[action$='thu-hoi/'] input[name=reason]", "Sai điểm tiêu chí 1.2 của xã Tiên Hà"
    )
    admin.click("button:has-text('Thu hồi')")
    admin.wait_for_selector("text=Công bố này đã bị thu hồi")
    both(admin, "04-withdrawn")

    admin.goto(f"{live_server.url}/ky/{cycle.pk}/ket-qua/")
    admin.check(f"#dinh-chinh input[name=units][value='{world.unit_b.pk}']")
    admin.fill("#dinh-chinh input[name=reason]", "Sai điểm tiêu chí 1.2")
    admin.click("button:has-text('Mở lại điểm')")
    admin.wait_for_selector("text=Đã mở lại điểm để đính chính: xã Tiên Hà.")
    both(admin, "05-reopened")
    # the appraiser's round-2 correction of the reopened unit (written by the appraisals app)
    Correction.objects.create(
        score=world.score(world.unit_b, "1.2"),
        round=2,
        appraised_score=Decimal("1"),
        reason="Báo cáo nộp muộn",
        appraiser=world.appraiser,
    )
    admin.reload()
    admin.click("#dinh-chinh button:has-text('Đóng lại')")
    admin.wait_for_selector("text=Đã đóng lại điểm của xã Tiên Hà.")
    admin.fill("input[name=number]", "4801/QĐ-UBND")
    admin.fill("input[name=decided_on]", "28/12/2024")
    admin.fill("#cong-bo input[name=reason]", "Đính chính điểm xã Tiên Hà")
    admin.click("button:has-text('Xem lại trước khi công bố')")
    admin.wait_for_selector("text=Quyết định này thay thế công bố")
    both(admin, "06-confirm-superseding")
    admin.click("button:has-text('Xác nhận công bố')")
    admin.wait_for_selector("text=Công bố này thay thế công bố")
    both(admin, "07-superseding")
    second = Publication.objects.get(supersedes=first)
    admin.goto(f"{live_server.url}/cong-khai/{first.pk}/")
    assert "Công bố này đã được thay thế bởi" in admin.inner_text("main")
    both(admin, "08-old-superseded")
    assert second.full_run().unit("XB").scores["1.2"] == Decimal("1")
    admin.context.close()


def test_survey_columns_are_mapped_on_screen(browser, live_server, live_world, tmp_path):  # noqa: F811
    from tests.web.test_survey_upload import SURVEY, survey_cycle

    cycle = survey_cycle(live_world)
    lines = (SURVEY / "bad-rows.csv").read_text(encoding="utf-8").splitlines()
    export = tmp_path / "phieu.csv"
    rows = [
        lines[0].replace("unit", "noi_song"),
        *lines[1:],
        *(f"R{i},XX,dan,A,B,A,B,,C" for i in range(40)),
    ]
    export.write_text("\n".join(rows), encoding="utf-8")
    admin = sign_in(browser, live_server, "quantri")
    admin.on("dialog", lambda dialog: dialog.accept())
    admin.goto(f"{live_server.url}/ky/{cycle.pk}/ket-qua/")
    admin.set_input_files("input[name=questionnaire]", str(SURVEY / "questionnaire.yaml"))
    admin.set_input_files("input[name=responses]", str(export))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=Chưa đọc được phiếu trả lời")
    both(admin, "09-survey-columns")
    admin.select_option("select[name=unit]", label="B: noi_song")
    admin.click("button:has-text('Kiểm tra lại theo các cột đã chọn')")
    admin.wait_for_selector("text=Phiếu bị loại, theo lý do")
    both(admin, "10-survey-report")
    admin.click("button:has-text('Chấp nhận')")
    admin.wait_for_selector("text=Đã tính và nhận điểm điều tra xã hội học")
    admin.context.close()
