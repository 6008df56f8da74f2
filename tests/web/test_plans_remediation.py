"""After publication every unit that lost points gets a draft «Kế hoạch khắc phục tồn tại,
hạn chế»; the unit writes its causes and tasks and issues it; the province sees who has
not issued, and a year later which lost points were recovered; award proposals and the
leaders' rating are drawn from the publication by the province's rule."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_correct_score
from parindex.web.assessments.actions import do_save_self_score, do_submit_assessment
from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.actions import do_create_cycle
from parindex.web.cycles.models import Participation
from parindex.web.notices.models import Notice, NoticeKind
from parindex.web.plans.models import Plan, PlanKind
from parindex.web.plans.remediation import seed_remediation
from parindex.web.results.actions import do_attach_survey
from tests.web.conftest import close_and_publish, survey_points
from tests.web.test_appraiser_queue import appraising_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"
REASON = "Chưa niêm yết đủ thủ tục tại Bộ phận Một cửa"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def published(world):
    """Both units submit; the appraiser takes 2.1 of commune A down to 3 of 5 with a reason.
    A loses 2 points on 2.1 and 0,5 on 1.2; B loses 0,5 on 1.1."""
    appraising_world(world, submit_b=True)
    do_correct_score(world.appraiser, world.score(world.unit_a, "2.1"), Decimal(3), REASON)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def plan_of(unit) -> Plan:
    return Plan.objects.get(kind=PlanKind.REMEDIATION, issuer=unit)


def next_year(world, a=("2", "3", "4"), b=("1", "3", "5")):
    """2025 on the same framework: A recovers 1.2 and half of 2.1; B loses more on 1.1."""
    cycle = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2025", world.cycle.framework, "2025",
        [world.unit_a, world.unit_b], world.admin,
    )  # fmt: skip
    world.cycle = cycle
    world.move_to(CycleState.SELF_ASSESSMENT)
    for unit, officer, values in ((world.unit_a, world.officer_a, a), (world.unit_b, world.officer_b, b)):  # fmt: skip
        for code, value in zip(("1.1", "1.2", "2.1"), values, strict=True):
            score = world.score(unit, code)
            do_save_self_score(officer, score, Decimal(value), False, "Đã làm", score.version)
        do_submit_assessment(officer, Participation.objects.get(cycle=cycle, unit=unit))
    do_attach_survey(cycle, survey_points(world, {"XA": "8.55", "XB": "7"}), world.admin)
    return close_and_publish(cycle, "Quyết định số 5120/QĐ-UBND", date(2025, 12, 19), world.admin)


def add_task(client, plan, about, **values):
    data = {"finding": about.pk, "text": "Niêm yết đủ thủ tục", "deadline": "Quý I/2025"}
    return client.post(f"/khac-phuc/{plan.pk}/nhiem-vu/", {**data, **values}, follow=True)


# --- seeding ------------------------------------------------------------------------------


def test_publishing_seeds_a_draft_per_unit_largest_loss_first_with_the_appraisers_reason(world):
    publication = published(world)
    plan = plan_of(world.unit_a)
    assert plan.publication == publication and not plan.issued and plan.year == 2025
    assert plan.title == (
        "Kế hoạch khắc phục tồn tại, hạn chế theo kết quả Chỉ số CCHC năm 2024 của xã Tiên Châu"
    )
    rows = [(f.criterion, f.max, f.score, f.lost, f.reason) for f in plan.findings.all()]
    assert rows == [
        ("2.1", Decimal(5), Decimal(3), Decimal(2), REASON),
        ("1.2", Decimal(3), Decimal("2.5"), Decimal("0.5"), ""),
    ]
    assert [f.criterion for f in plan_of(world.unit_b).findings.all()] == ["1.1"]
    seeded = AuditEntry.objects.filter(action="remediation.seed")
    assert {e.unit for e in seeded} == {world.unit_a, world.unit_b}
    notice = Notice.objects.get(user=world.officer_a, kind=NoticeKind.REMEDIATION)
    assert notice.url == f"/khac-phuc/{plan.pk}/"
    assert not Notice.objects.filter(user=world.officer_b, url=notice.url).exists()


def test_seeding_again_makes_no_second_draft(client, world):
    publication = published(world)
    assert seed_remediation(publication, world.admin) == []
    client.force_login(world.admin)
    page = text(client.post(f"/ket-qua/{publication.pk}/khac-phuc/tao/", follow=True))
    assert "Mọi đơn vị bị trừ điểm đã có kế hoạch khắc phục; không tạo thêm." in page
    assert Plan.objects.filter(kind=PlanKind.REMEDIATION).count() == 2


def test_the_officer_reads_the_findings_with_points_in_vietnamese_style(client, world):
    published(world)
    client.force_login(world.officer_a)
    page = text(client.get(f"/khac-phuc/{plan_of(world.unit_a).pk}/"))
    assert "bị trừ 2,5 điểm ở 2 tiêu chí" in page
    assert f"1 2.1 Công khai thủ tục hành chính 5 3 2 {REASON}" in page
    assert "2 1.2 Báo cáo CCHC 3 2,5 0,5 —" in page
    assert "Dự thảo, chưa ban hành" in page


# --- the unit completes and issues it ----------------------------------------------------


def test_officer_a_writes_causes_adds_a_task_and_issues_the_plan(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    first = plan.findings.get(criterion="2.1")
    client.force_login(world.officer_a)
    causes = {"subjective": "Cán bộ một cửa mới", "objective": "Thủ tục thay đổi nhiều"}
    page = text(client.post(f"/khac-phuc/ton-tai/{first.pk}/nguyen-nhan/", causes, follow=True))
    assert "Đã lưu nguyên nhân của tiêu chí 2.1." in page
    first.refresh_from_db()
    assert (first.subjective, first.objective) == ("Cán bộ một cửa mới", "Thủ tục thay đổi nhiều")

    page = text(add_task(client, plan, first, product="Bảng niêm yết"))
    assert "Đã thêm nhiệm vụ 1." in page
    task = plan.tasks.get()
    assert (task.lead, task.lead_unit, task.criteria, task.finding) == (
        "xã Tiên Châu", world.unit_a, "2.1", first,
    )  # fmt: skip
    assert task.deadline_end == date(2025, 3, 31)

    issue = {"number": "15/KH-UBND", "date": "15/02/2025", "signer": "Nguyễn Văn An"}
    page = text(client.post(f"/khac-phuc/{plan.pk}/ban-hanh/", issue, follow=True))
    assert "Đã ban hành kế hoạch: 15/KH-UBND ngày 15/02/2025." in page
    plan.refresh_from_db()
    assert plan.issued and plan.signer == "Nguyễn Văn An"
    actions = set(AuditEntry.objects.filter(unit=world.unit_a).values_list("action", flat=True))
    assert {"finding.edit", "plan.task", "plan.issue"} <= actions
    # issued: no longer the officer's to change
    assert client.post(f"/khac-phuc/ton-tai/{first.pk}/nguyen-nhan/", causes).status_code == 404
    assert "Lưu nguyên nhân" not in text(client.get(f"/khac-phuc/{plan.pk}/"))


def test_a_task_can_be_removed_from_the_draft(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    client.force_login(world.officer_a)
    add_task(client, plan, plan.findings.first())
    task = plan.tasks.get()
    page = text(client.post(f"/khac-phuc/nhiem-vu/{task.pk}/xoa/", follow=True))
    assert "Đã xóa nhiệm vụ 1." in page and not plan.tasks.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"deadline": "sớm nhất có thể"}, "Thời gian thực hiện: không hiểu thời hạn «sớm nhất có thể»"),
        ({"deadline": ""}, "Thời gian thực hiện: Cần ghi thời gian thực hiện"),
        ({"text": ""}, "Nhiệm vụ, giải pháp: Cần ghi nội dung nhiệm vụ, giải pháp"),
        ({"finding": "999999"}, "Khắc phục tồn tại, hạn chế: Chọn một tồn tại, hạn chế của kế hoạch này"),
    ],
)  # fmt: skip
def test_a_bad_task_is_refused_naming_its_field(client, world, values, message):
    published(world)
    plan = plan_of(world.unit_a)
    client.force_login(world.officer_a)
    assert message in text(add_task(client, plan, plan.findings.first(), **values))
    assert not plan.tasks.exists()


def test_a_plan_without_tasks_or_with_a_date_not_on_the_calendar_is_not_issued(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    client.force_login(world.officer_a)
    issue = {"number": "15/KH-UBND", "date": "15/02/2025", "signer": "Nguyễn Văn An"}
    page = text(client.post(f"/khac-phuc/{plan.pk}/ban-hanh/", issue))
    assert "Kế hoạch khắc phục cần ít nhất một nhiệm vụ trước khi ban hành" in page
    add_task(client, plan, plan.findings.first())
    page = text(client.post(f"/khac-phuc/{plan.pk}/ban-hanh/", {**issue, "date": "31/02/2025"}))
    assert "Ngày ban hành: Ngày «31/02/2025» không có trên lịch" in page
    plan.refresh_from_db()
    assert not plan.issued


def test_the_plan_downloads_as_a_workbook_and_a_document(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    client.force_login(world.officer_a)
    xlsx = client.get(f"/khac-phuc/{plan.pk}/tai-ve/xlsx/")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert 'filename="khac-phuc-XA.xlsx"' in xlsx["Content-Disposition"]
    docx = client.get(f"/khac-phuc/{plan.pk}/tai-ve/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(f"/khac-phuc/{plan.pk}/tai-ve/pdf/").status_code == 404


def test_officer_b_cannot_see_or_change_commune_as_plan(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    finding = plan.findings.first()
    client.force_login(world.officer_b)
    assert client.get(f"/khac-phuc/{plan.pk}/").status_code == 404
    assert client.get(f"/khac-phuc/{plan.pk}/tai-ve/xlsx/").status_code == 404
    assert client.post(f"/khac-phuc/ton-tai/{finding.pk}/nguyen-nhan/", {}).status_code == 404
    assert add_task(client, plan, finding).status_code == 404
    assert client.get(f"/ket-qua/{plan.publication_id}/khac-phuc/").status_code == 404
    assert not plan.tasks.exists()


def test_the_leader_reads_a_plan_but_does_not_change_it(client, world):
    published(world)
    plan = plan_of(world.unit_a)
    client.force_login(world.leader)
    assert "Lưu nguyên nhân" not in text(client.get(f"/khac-phuc/{plan.pk}/"))
    assert add_task(client, plan, plan.findings.first()).status_code == 404


# --- the province --------------------------------------------------------------------------


def test_the_province_list_shows_who_has_not_issued(client, world):
    publication = published(world)
    client.force_login(world.officer_a)
    plan = plan_of(world.unit_a)
    add_task(client, plan, plan.findings.first())
    issue = {"number": "15/KH-UBND", "date": "15/02/2025", "signer": "Nguyễn Văn An"}
    client.post(f"/khac-phuc/{plan.pk}/ban-hanh/", issue)
    client.force_login(world.leader)
    page = text(client.get(f"/ket-qua/{publication.pk}/khac-phuc/"))
    assert "Đã ban hành: 1/2 đơn vị bị trừ điểm" in page
    assert "Đơn vị chưa ban hành kế hoạch khắc phục (1): xã Tiên Hà." in page
    assert "xã Tiên Châu 2 2,5 Đã ban hành 15/KH-UBND ngày 15/02/2025" in page
    assert "xã Tiên Hà 1 0,5 Dự thảo, chưa ban hành" in page
    assert "Tạo dự thảo cho đơn vị còn thiếu" not in page  # the admin's button


def test_the_next_cycle_shows_what_was_recovered_and_what_was_lost_again(client, world):
    published(world)
    second = next_year(world)
    assert Plan.objects.filter(kind=PlanKind.REMEDIATION).count() == 4  # 2025's drafts too
    client.force_login(world.admin)
    page = text(client.get(f"/ket-qua/{second.pk}/khac-phuc/doi-chieu/"))
    assert "Toàn tỉnh 2 đơn vị, 3 tiêu chí trong kế hoạch khắc phục" in page
    assert "năm trước bị trừ 3 điểm, năm nay bị trừ 2 điểm, lấy lại 1 điểm" in page
    assert "Đã khắc phục: 1 · Khắc phục một phần: 1 · Chưa khắc phục: 1" in page
    assert "2.1 Công khai thủ tục hành chính 2 4/5 1 1 Khắc phục một phần" in page
    assert "1.2 Báo cáo CCHC 0,5 3/3 0 0,5 Đã khắc phục" in page
    assert "1.1 Kế hoạch CCHC năm 0,5 1/2 1 -0,5 Chưa khắc phục" in page
    first = Plan.objects.filter(kind=PlanKind.REMEDIATION).order_by("pk").first()
    missing = text(client.get(f"/ket-qua/{first.publication_id}/khac-phuc/doi-chieu/"))
    assert "Chưa có kết quả công bố của kỳ trước để đối chiếu." in missing
    client.force_login(world.officer_a)
    assert client.get(f"/ket-qua/{second.pk}/khac-phuc/doi-chieu/").status_code == 404


def test_the_awards_page_proposes_by_the_provinces_rule_and_rates_the_leaders(client, world):
    publication = published(world)
    client.force_login(world.leader)
    url = f"/ket-qua/{publication.pk}/khen-thuong/"
    page = text(client.get(url))
    assert "Xếp loại Khá, thứ hạng trong khối không quá 3: 2 đơn vị." in page
    rule = {"classes": "Khá", "max_rank": "1", "at_or_above": "2", "below": "0,5"}
    page = text(client.get(url, rule))
    assert "Xếp loại Khá, thứ hạng trong khối không quá 1: 1 đơn vị." in page
    proposals = page.split("Đơn vị được đề nghị khen thưởng", 1)[1].split("Đánh giá người", 1)[0]
    assert "xã Tiên Hà" in proposals and "xã Tiên Châu" not in proposals
    assert "1/2 đơn vị trên hoặc bằng mức trung bình" in page
    assert "Dưới 0,5" in page and "Trên hoặc bằng 2" in page
    page = text(client.get(url, {**rule, "max_rank": "không"}))
    assert "Thứ hạng trong khối không quá: Thứ hạng phải là số nguyên, ví dụ 3" in page
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 404
