"""Issue 11's bar: a whole round from an empty database, in Chromium, never opening /quan-tri/.

The only step outside the browser before the round starts is `manage.py create_admin`. The
admin then sets up the organisation, imports both frameworks, the 30 units and their 34 people
from one workbook (downloading the one-time passwords), creates the round from a scheme with
deadlines, types exact deadlines, extends one unit, assigns both appraisers in bulk and opens
the self-assessment. Three officers are driven in the browser (first sign-in with the sheet's
password, forced change): one fills both fields with evidence and submits, one misses the
deadline and is locked, one gets an extension and submits late. The appraiser corrects and
accepts, the explanation carries evidence, round 2 reopens only the disputed criterion, the
cycle closes and the leader reads the progress and the provisional ranking.

To keep the test near three minutes, the 26 other units fill and submit their self-assessment,
and the appraiser accepts them, through the same action functions the pages call
(``tests/web/whole_round_data.py``: ``do_save_field``, ``do_submit_assessment``,
``do_accept_unit``); the deadline check runs as its scheduled task would, with ``now``.
E-mails are read from django.core.mail.outbox (the live server runs in this process).
Screenshots: test-artifacts/browser/round-NN-*.png.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from tests.web import whole_round_data as data
from tests.web.people_sheets import roster_xlsx
from tests.web.test_browser_cycle import browser  # noqa: F401 - the fixture
from tests.web.whole_round_data import NEW_PASSWORD, Journey, pdf, sent_to

ADMIN, ADMIN_PASSWORD = "snv.quantri", "Cai-Cach-Lam-Dong-2026"


def test_a_whole_round_from_an_empty_database(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    tmp_path,
    monkeypatch,
    settings,
):
    from django.db import connections

    settings.TWO_FACTOR_ROLES = ["admin", "appraiser"]  # production's rule: both enrol here

    try:
        run_the_round(Journey(browser, live_server), tmp_path, monkeypatch)
    finally:
        connections.close_all()  # the live server's threads; see conftest's live_world


def run_the_round(j: Journey, tmp_path: Path, monkeypatch) -> None:
    from parindex.web.accounts.models import User
    from parindex.web.cycles.models import Cycle
    from parindex.web.cycles.reminders import run_deadline_checks
    from parindex.web.units.models import Unit

    # --- the one step outside the browser: the first admin --------------------------------
    monkeypatch.setenv("PARINDEX_ADMIN_PASSWORD", ADMIN_PASSWORD)
    call_command("create_admin", ADMIN, email="cchc@snv.lamdong.gov.vn", stdout=io.StringIO())
    admin = j.sign_in(ADMIN, ADMIN_PASSWORD)
    j.enrol(admin, ADMIN)  # an admin's first sign-in sets up two-factor
    admin.wait_for_url(f"{j.url}/")
    j.shot(admin, "admin-first-sign-in")

    # --- the organisation ------------------------------------------------------------------
    admin.goto(f"{j.url}/to-chuc/")
    for field, value in data.ORGANISATION.items():
        admin.fill(f"#id_{field}", value)
    admin.click("button:has-text('Lưu thông tin cơ quan')")
    admin.wait_for_selector("text=Đã lưu thông tin cơ quan.")
    assert admin.inner_text("header.top .names strong") == "Sở Nội vụ tỉnh Lâm Đồng"
    j.shot(admin, "organisation", phone=True)

    # --- the two frameworks ----------------------------------------------------------------
    # (the menu's «Bộ tiêu chí» and the round page's «Nhập bộ tiêu chí» lead here)
    for name, text in (("so-2026.yaml", data.DEPARTMENTS), ("xa-2026.yaml", data.COMMUNES)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        admin.goto(f"{j.url}/bo-tieu-chi/nhap/")
        admin.set_input_files("#id_file", str(path))
        admin.click("main button:has-text('Nhập')")
        admin.wait_for_selector("text=Đã nhập bộ tiêu chí")
    assert "5 tiêu chí chấm điểm" in admin.inner_text("main")
    j.shot(admin, "framework-communes")

    # --- units and people from one workbook ------------------------------------------------
    roster = tmp_path / "tinh-lam-dong.xlsx"
    roster_xlsx(roster)
    admin.goto(f"{j.url}/don-vi/nhap/")
    admin.set_input_files("#id_roster", str(roster))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=30 đơn vị mới")
    j.shot(admin, "units-preview")
    admin.click("button:has-text('Xác nhận nhập')")
    admin.wait_for_selector("text=Đã nhập danh sách đơn vị")
    admin.goto(f"{j.url}/nguoi-dung/nhap/")
    admin.set_input_files("#id_roster", str(roster))
    admin.click("button:has-text('Tải lên và kiểm tra')")
    admin.wait_for_selector("text=34 tài khoản mới")
    j.shot(admin, "users-preview")
    admin.click("button:has-text('Xác nhận nhập')")
    admin.wait_for_selector("text=Chỉ tải được một lần")
    j.shot(admin, "passwords-once")
    with admin.expect_download() as info:
        admin.click("button:has-text('Tải tệp mật khẩu')")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    people = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2]]
    password = {r[2]: r[3] for r in people}
    by_name = {r[1]: r[2] for r in people}
    officer_of = {code: f"canbo.{code.lower()}" for code in data.BROWSER_UNITS}
    assert all(name in password for name in officer_of.values())
    appraiser, leader = by_name["Lê Văn Thẩm"], by_name["Võ Minh Lãnh"]
    other_appraiser = by_name["Phạm Thị Định"]

    # --- the round from the scheme, with deadlines -----------------------------------------
    admin.goto(f"{j.url}/dot/tao/")
    admin.fill("#id_scheme_text", data.SCHEME)
    admin.fill("#id_period", "2026")
    for field, day in (
        ("self_assessment_due", "18/12/2026"),
        ("appraisal_due", "22/12/2026"),
        ("explanation_due", "26/12/2026"),
        ("final_due", "30/12/2026"),
    ):
        admin.fill(f"#id_{field}", day)
    j.shot(admin, "round-create")
    admin.click("button:has-text('Tạo đợt đánh giá')")
    admin.wait_for_selector("text=Đã tạo đợt đánh giá")
    page = admin.inner_text("main")
    assert "2 kỳ đánh giá" in page and "Khối xã, đặc khu" in page and "Khối phường" in page
    j.shot(admin, "round-made", phone=True)
    communes = Cycle.objects.get(framework__code="lamdong-xa-2026")
    departments = Cycle.objects.get(framework__code="lamdong-so-2026")
    unit = {u.code: u for u in Unit.objects.all()}
    assert communes.participations.count() == 20 and departments.participations.count() == 10

    # exact deadlines and an extension on the edit page
    admin.click(f"a[href='/ky/{communes.pk}/']")
    admin.click("text=Sửa kỳ")
    admin.fill("#id_self_assessment_due", "18/12/2026 17:00")
    admin.click("button:has-text('Lưu tên và thời hạn')")
    admin.wait_for_selector("text=Đã lưu tên và thời hạn của kỳ đánh giá.")
    admin.select_option("#id_unit", str(unit[data.EXTENDED].pk))
    admin.fill("#id_until", "20/12/2026 17:00")
    admin.fill("#id_reason", data.EXTENSION_REASON)
    admin.click("button:has-text('Gia hạn')")
    admin.wait_for_selector("text=Đã gia hạn cho phường Bảo Lộc.")
    j.shot(admin, "cycle-edit-extension", phone=True)

    # appraisers in bulk: every column of the matrix, one appraiser per cycle
    for cycle, who, name in (
        (communes, appraiser, "Lê Văn Thẩm"),
        (departments, other_appraiser, "Phạm Thị Định"),
    ):
        admin.goto(f"{j.url}/ky/{cycle.pk}/phan-cong/")
        admin.select_option("#id_appraiser", label=f"{name} ({who})")
        admin.click("button:has-text('Xem bảng phân công')")
        admin.wait_for_selector("table.matrix")
        for button in admin.locator("button[data-col]").all():
            button.click()
        assert admin.locator("input[name=cells]:not(:checked)").count() == 0
        j.shot(admin, f"assign-{cycle.framework.code}")
        admin.click("button:has-text('Lưu phân công')")
        admin.wait_for_selector(f"text=Đã lưu phân công của {who}")
    assert admin.locator("td:text-is('mọi lĩnh vực')").count() == 10

    # open the self-assessment: every officer of the cycle is told
    mail.outbox.clear()
    for cycle in (communes, departments):
        j.move(admin, cycle.pk, "self_assessment", "Tự đánh giá, chấm điểm")
    assert len(sent_to("Mở kỳ tự đánh giá")) == 30
    assert "canbo.x-thuanhanh@lamdong.gov.vn" in sent_to("Mở kỳ tự đánh giá")
    j.shot(admin, "self-assessment-open")

    # --- the officer on time: both fields whole, with evidence, then submit ----------------
    base = f"{j.url}/ky/{communes.pk}/don-vi/{unit[data.ON_TIME].pk}"
    plan = pdf(tmp_path, "Kế hoạch CCHC 2026.pdf")
    posted = pdf(tmp_path, "Ảnh niêm yết thủ tục.pdf")
    listing = pdf(tmp_path, "Danh mục thủ tục công khai.pdf")
    officer = j.first_sign_in(officer_of[data.ON_TIME], password[officer_of[data.ON_TIME]])
    j.shot(officer, "officer-dashboard")
    scores = data.ON_TIME_SCORES
    officer.goto(f"{base}/linh-vuc/1/")
    for code in ("1.1", "1.2", "1.3"):
        officer.locator(f"#tc-{code[0]}\\.{code[2]} input[name$='-self_score']").fill(scores[code])
    officer.locator("#tc-1\\.1 input[name$='-uploads']").set_input_files(plan)
    officer.click(".savebar button")
    officer.wait_for_selector("text=Đã lưu tiêu chí 1.3.")
    assert officer.inner_text("#field-total") == "34,5/40"
    j.shot(officer, "officer-field-1", phone=True)
    officer.goto(f"{base}/linh-vuc/2/")
    officer.locator("#tc-2\\.1 input[name$='-self_score']").fill(scores["2.1"])
    officer.locator("#tc-2\\.1 input[name$='-uploads']").set_input_files([posted, listing])
    officer.locator("#tc-2\\.2 input[name$='-self_score']").fill(scores["2.2"])
    officer.click(".savebar button")
    officer.wait_for_selector("text=Đã lưu tiêu chí 2.2.")
    assert officer.inner_text("#field-total") == "58,5/60"
    assert "Ảnh niêm yết thủ tục.pdf" in officer.inner_text("#tc-2\\.1")
    j.shot(officer, "officer-field-2")
    officer.goto(f"{base}/")
    officer.click("text=Nộp phần tự đánh giá")
    officer.check("input[name=confirm]")
    j.shot(officer, "officer-confirm-submit")
    officer.click("button:has-text('Xác nhận nộp')")
    officer.wait_for_selector("text=Đã nộp phần tự đánh giá.")
    j.shot(officer, "officer-submitted")

    # the other units (not driven in the browser) fill and submit through the same actions
    officers = {u.unit.code: u for u in User.objects.filter(role="officer").select_related("unit")}
    for index, p in enumerate(
        communes.participations.select_related("unit").order_by("unit__code")
    ):
        if p.unit.code not in data.BROWSER_UNITS:
            data.fill_and_submit(communes, p.unit, officers[p.unit.code], index)
    for index, p in enumerate(departments.participations.select_related("unit")):
        data.fill_and_submit(departments, p.unit, officers[p.unit.code], index)

    # the reminder reaches the two units still to submit
    mail.outbox.clear()
    admin.goto(f"{j.url}/ky/{communes.pk}/")
    admin.click("text=Nhắc đơn vị chưa gửi")
    assert "2 đơn vị chưa hoàn thành" in admin.inner_text("main")
    j.shot(admin, "remind")
    admin.check("input[name=confirmed]")
    admin.click("button:has-text('Gửi nhắc nộp')")
    admin.wait_for_load_state()
    assert sent_to("Nhắc") == ["canbo.p-baoloc@lamdong.gov.vn", "canbo.x-dakwil@lamdong.gov.vn"]

    # the deadline passes (moved into the past on the edit page); the check locks the late unit
    admin.goto(f"{j.url}/ky/{communes.pk}/sua/")
    admin.fill("#id_self_assessment_due", "01/12/2026 17:00")
    admin.click("button:has-text('Lưu tên và thời hạn')")
    admin.wait_for_selector("text=Đã lưu tên và thời hạn của kỳ đánh giá.")
    mail.outbox.clear()
    run_deadline_checks()
    assert sent_to("Đã hết hạn tự đánh giá") == ["canbo.x-dakwil@lamdong.gov.vn"]

    late = j.first_sign_in(officer_of[data.LATE], password[officer_of[data.LATE]])
    late.goto(f"{j.url}/ky/{communes.pk}/don-vi/{unit[data.LATE].pk}/linh-vuc/1/")
    assert "Đã hết hạn tự đánh giá" in late.inner_text("main")
    assert late.locator("input[name$='-self_score']:not([disabled])").count() == 0
    j.shot(late, "late-officer-locked", phone=True)
    assert late.inner_text("a.bell .count") == "3"  # opened, reminded, deadline passed
    late.click("a.bell")
    notices = late.inner_text("main")
    assert "Mở kỳ tự đánh giá" in notices and "Đã hết hạn tự đánh giá" in notices
    j.shot(late, "late-officer-notices")
    late.context.close()

    # the extended unit still saves and submits
    extended = j.first_sign_in(officer_of[data.EXTENDED], password[officer_of[data.EXTENDED]])
    ebase = f"{j.url}/ky/{communes.pk}/don-vi/{unit[data.EXTENDED].pk}"
    for field, codes in (("1", ("1.1", "1.2", "1.3")), ("2", ("2.1", "2.2"))):
        extended.goto(f"{ebase}/linh-vuc/{field}/")
        if field == "1":
            assert "đã được gia hạn" in extended.inner_text("main")
        for code in codes:
            leaf = extended.locator(f"#tc-{code[0]}\\.{code[2]}")
            leaf.locator("input[name$='-self_score']").fill(data.EXTENDED_SCORES[code])
        extended.locator(f"#tc-{field}\\.1 input[name$='-uploads']").set_input_files(
            pdf(tmp_path, f"Phường Bảo Lộc - tiêu chí {field}.1.pdf")
        )
        extended.click(".savebar button")
        extended.wait_for_selector(f"text=Đã lưu tiêu chí {codes[-1]}.")
    j.shot(extended, "extended-officer-field-2")
    extended.goto(f"{ebase}/")
    extended.click("text=Nộp phần tự đánh giá")
    extended.check("input[name=confirm]")
    extended.click("button:has-text('Xác nhận nộp')")
    extended.wait_for_selector("text=Đã nộp phần tự đánh giá.")
    j.shot(extended, "extended-officer-submitted")
    extended.context.close()

    # --- appraisal, round 1 ------------------------------------------------------------------
    mail.outbox.clear()
    j.move(admin, communes.pk, "appraisal", "Thẩm định lần 1")
    assert sent_to("Mở thẩm định lần 1") == ["tham.lv@snv.lamdong.gov.vn"]
    judge = j.first_sign_in(appraiser, password[appraiser])
    j.enrol(judge, appraiser)  # the new password first, then the authenticator app
    judge.goto(f"{j.url}/ky/{communes.pk}/tham-dinh/")
    assert judge.locator("text=Chưa nộp").count() >= 1  # the late unit
    j.shot(judge, "appraiser-queue", phone=True)
    ubase = f"{j.url}/ky/{communes.pk}/tham-dinh/{unit[data.ON_TIME].pk}"
    for field, code, value, reason in (
        ("1", "1.2", "7", "Thiếu báo cáo quý III"),
        ("2", "2.1", "30", "Chưa niêm yết đủ thủ tục lĩnh vực đất đai"),
    ):
        judge.goto(f"{ubase}/{field}/")
        row = judge.locator(f"#tc-{code[0]}\\.{code[2]}")
        row.locator("input[name=appraised_score]").fill(value)
        row.locator("textarea[name=reason]").fill(reason)
        row.locator("button:has-text('Lưu')").click()
        judge.wait_for_selector(f"text=Đã lưu kết quả thẩm định tiêu chí {code}.")
    j.shot(judge, "appraiser-corrected")
    for code, count in ((data.ON_TIME, 3), (data.EXTENDED, 5)):
        judge.goto(f"{j.url}/ky/{communes.pk}/tham-dinh/{unit[code].pk}/chap-nhan/")
        judge.check("input[name=confirm]")
        if code == data.ON_TIME:
            j.shot(judge, "appraiser-accept-confirm")
        judge.click(f"button:has-text('Chấp nhận {count} tiêu chí')")
        judge.wait_for_selector(f"text=Đã chấp nhận nguyên điểm {count} tiêu chí")
    judge_user = User.objects.get(username=appraiser)
    for p in communes.participations.select_related("unit").filter(submitted_at__isnull=False):
        if p.unit.code not in data.BROWSER_UNITS:
            data.accept_whole_unit(communes, p.unit, judge_user)
    judge.goto(f"{j.url}/ky/{communes.pk}/tham-dinh/")
    j.shot(judge, "appraiser-queue-done")

    # --- the explanation round carries evidence ----------------------------------------------
    mail.outbox.clear()
    j.move(admin, communes.pk, "explanation", "Giải trình")
    assert sent_to("cần giải trình") == ["canbo.x-thuanhanh@lamdong.gov.vn"]
    photo = pdf(tmp_path, "Ảnh niêm yết bổ sung.pdf")
    officer.goto(f"{base}/")
    officer.click("text=Giải trình các tiêu chí bị điều chỉnh điểm")
    leaf = officer.locator("#tc-2\\.1")
    assert "Chưa niêm yết đủ thủ tục lĩnh vực đất đai" in leaf.inner_text()
    leaf.locator("textarea[name=text]").fill("Đã niêm yết bổ sung 12 thủ tục đất đai ngày 03/12")
    leaf.locator("input[name=uploads]").set_input_files(photo)
    leaf.locator("button:has-text('Gửi giải trình 2.1')").click()
    officer.wait_for_selector("text=Đã gửi giải trình tiêu chí 2.1.")
    assert "Ảnh niêm yết bổ sung.pdf" in officer.inner_text("#tc-2\\.1")
    j.shot(officer, "officer-explained", phone=True)

    # --- round 2: only the explained criterion reopens --------------------------------------
    j.move(admin, communes.pk, "final_appraisal", "Thẩm định lần 2")
    judge.goto(f"{ubase}/1/")
    assert judge.locator("input[name=appraised_score]").count() == 0
    assert judge.locator("#tc-1\\.2 >> text=giữ kết quả thẩm định lần 1").count() == 1
    j.shot(judge, "appraiser-round-2-field-1")
    judge.goto(f"{ubase}/2/")
    row = judge.locator("#tc-2\\.1")
    assert "Ảnh niêm yết bổ sung.pdf" in row.inner_text()
    assert judge.locator("input[name=appraised_score]").count() == 1
    row.locator("input[name=appraised_score]").fill("32,5")
    row.locator("textarea[name=reason]").fill("Chấp nhận một phần giải trình")
    row.locator("button:has-text('Lưu')").click()
    judge.wait_for_selector("text=Đã lưu kết quả thẩm định tiêu chí 2.1.")
    j.shot(judge, "appraiser-round-2-field-2", phone=True)
    judge.context.close()

    j.move(admin, communes.pk, "closed", "Đã kết thúc thẩm định")
    j.shot(admin, "cycle-closed")

    # --- the leader: progress and the provisional ranking -----------------------------------
    boss = j.first_sign_in(leader, password[leader])
    boss.goto(f"{j.url}/lanh-dao/")
    communes_part = boss.inner_text(f"#ky-{communes.pk}")
    assert "Kết quả tạm tính — chưa công bố" in communes_part
    assert "Khối xã, đặc khu · 13 đơn vị" in communes_part
    assert "Đã nộp tự đánh giá\n12/13" in communes_part and "Đã giải trình\n1/1" in communes_part
    # the late unit, not decided yet, does not stop the others' provisional ranking
    assert "Chưa tính được" not in communes_part and "xã Thuận Hạnh" in communes_part
    departments_part = boss.inner_text(f"#ky-{departments.pk}")
    assert "Đã nộp tự đánh giá\n10/10" in departments_part
    assert "Bảng xếp hạng tạm tính (chưa công bố)" in departments_part
    assert "Sở Tư pháp" in departments_part
    j.shot(boss, "leader-dashboard", phone=True)
    boss.context.close()

    # --- results: the late unit left out with a reason, publish through the confirmation ---
    admin.on("dialog", lambda dialog: dialog.accept())  # the pages' confirm() before a change
    results = f"{j.url}/ky/{communes.pk}/ket-qua/"
    admin.goto(results)
    assert "1 đơn vị chưa nộp tự đánh giá" in admin.inner_text("#chua-gui")
    row = admin.locator("#chua-gui tr", has_text="xã Đắk Wil")
    row.locator("input[name=choice][value=leave_out]").check()
    row.locator("input[name=reason]").fill(data.LEFT_OUT_REASON)
    row.locator("button:has-text('Ghi quyết định')").click()
    admin.wait_for_selector("text=Đã ghi quyết định về xã Đắk Wil")
    assert f"Không xếp hạng trong kỳ này: xã Đắk Wil ({data.LEFT_OUT_REASON})." in (
        admin.inner_text("main")
    )
    j.shot(admin, "results-left-out")
    boss = j.sign_in(leader, NEW_PASSWORD)  # the leader: now the communes rank, provisionally
    boss.goto(f"{j.url}/lanh-dao/")
    communes_part = boss.inner_text(f"#ky-{communes.pk}")
    assert "Kết quả tạm tính — chưa công bố" in communes_part
    assert "Bảng xếp hạng tạm tính (chưa công bố)" in communes_part
    assert "xã Thuận Hạnh" in communes_part and "88,50" in communes_part
    j.shot(boss, "leader-provisional-ranking", phone=True)
    boss.context.close()
    today = timezone.localdate().strftime("%d/%m/%Y")
    admin.fill("input[name=issuing_body]", "Ủy ban nhân dân tỉnh Lâm Đồng")
    admin.fill("input[name=number]", "2801/QĐ-UBND")
    admin.fill("input[name=decided_on]", today)
    admin.fill("input[name=place]", "Lâm Đồng")
    admin.fill("input[name=signer_name]", "Trần Văn Hiệp")
    admin.click("button:has-text('Xem lại trước khi công bố')")
    admin.wait_for_selector("text=Những gì sẽ được công khai")
    assert "Kết quả của 19 đơn vị" in admin.inner_text("main")
    j.shot(admin, "publish-confirmation", phone=True)
    mail.outbox.clear()
    admin.click("button:has-text('Xác nhận công bố')")
    admin.wait_for_selector("text=Đã công bố kết quả")
    assert "canbo.x-thuanhanh@lamdong.gov.vn" in sent_to("Đã công bố kết quả")
    first = admin.url
    j.shot(admin, "published")

    # --- withdrawn, corrected, republished ---------------------------------------------------
    admin.click("summary:has-text('Thu hồi công bố này')")
    admin.fill("form[action$='thu-hoi/'] input[name=reason]", data.WITHDRAW_REASON)
    admin.click("button:has-text('Thu hồi')")
    admin.wait_for_selector("text=Công bố này đã bị thu hồi")
    j.shot(admin, "withdrawn")
    admin.goto(results)
    admin.check(f"#dinh-chinh input[name=units][value='{unit[data.ON_TIME].pk}']")
    admin.fill("#dinh-chinh input[name=reason]", data.WITHDRAW_REASON)
    admin.click("button:has-text('Mở lại điểm')")
    admin.wait_for_selector("text=Đã mở lại điểm để đính chính: xã Thuận Hạnh.")
    j.shot(admin, "scores-reopened")
    # the reopened unit's appraiser corrects it as round 2 on the closed cycle
    judge = j.sign_in(appraiser, NEW_PASSWORD)
    j.give_code(judge, appraiser)
    judge.goto(f"{ubase}/1/")
    row = judge.locator("#tc-1\\.3")
    row.locator("input[name=appraised_score]").fill("6")
    row.locator("textarea[name=reason]").fill("Chưa có báo cáo tuyên truyền quý IV")
    row.locator("button:has-text('Lưu')").click()
    judge.wait_for_selector("text=Đã lưu kết quả thẩm định tiêu chí 1.3.")
    j.shot(judge, "appraiser-reopened-unit")
    judge.context.close()
    admin.reload()
    admin.click("#dinh-chinh button:has-text('Đóng lại')")
    admin.wait_for_selector("text=Đã đóng lại điểm của xã Thuận Hạnh.")
    admin.fill("input[name=number]", "2856/QĐ-UBND")
    admin.fill("input[name=decided_on]", today)
    admin.fill("input[name=signer_name]", "Trần Văn Hiệp")
    admin.fill("#cong-bo input[name=reason]", "Đính chính điểm tiêu chí 1.3 của xã Thuận Hạnh")
    admin.click("button:has-text('Xem lại trước khi công bố')")
    admin.wait_for_selector("text=Quyết định này thay thế công bố")
    j.shot(admin, "republish-confirmation")
    admin.click("button:has-text('Xác nhận công bố')")
    admin.wait_for_selector("text=Công bố này thay thế công bố")
    j.shot(admin, "republished", phone=True)
    admin.goto(first)
    assert "Công bố này đã được thay thế bởi" in admin.inner_text("main")

    # the public reads the corrected result: 17,5 + 7 + 6 + 32,5 + 23,5 = 86,5
    public = j.page()
    public.goto(f"{j.url}/cong-khai/")
    public.locator(f"a:has-text('{communes.name}')").first.click()
    public.wait_for_selector("text=2856/QĐ-UBND")
    assert f"xã Đắk Wil ({data.LEFT_OUT_REASON})" in public.inner_text("main")
    j.shot(public, "public-ranking", phone=True)
    public.click("table a:has-text('xã Thuận Hạnh')")
    public.wait_for_selector("text=đạt 86,5")
    j.shot(public, "public-unit")
    public.context.close()

    # the leader: the communes now read as published
    boss = j.sign_in(leader, NEW_PASSWORD)
    boss.goto(f"{j.url}/lanh-dao/")
    communes_part = boss.inner_text(f"#ky-{communes.pk}")
    assert "Đã công bố: Quyết định số 2856/QĐ-UBND" in communes_part
    assert "Bảng xếp hạng đã công bố" in communes_part
    j.shot(boss, "leader-published")
    boss.context.close()

    admin.context.close()
    officer.context.close()
    assert len(j.requests) > 200  # every page, form and file the browsers asked for
    assert [u for u in j.requests if u.startswith(f"{j.url}/quan-tri/")] == []
