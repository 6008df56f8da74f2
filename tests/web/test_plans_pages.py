"""The yearly plan in the app (issue 14): the Home Affairs office imports the province's plan
from its XLSX annex, the lead unit reports progress with evidence, the statuses and annexes as
of a date are those of ``parindex plan status`` on the same tables."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from parindex.core.plans import DONE, DONE_LATE, IN_PROGRESS, NOT_DONE
from parindex.demo.plan_2026 import plan_workbook, progress_workbook
from parindex.web.audit.models import AuditEntry
from parindex.web.plans.models import Plan, PlanTask, TaskReport
from parindex.web.units.models import Unit
from tests.web.conftest import make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_COUNTS = {DONE: 14, DONE_LATE: 6, IN_PROGRESS: 33, NOT_DONE: 7}  # as the CLI's test


def upload(content: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def import_plan(client, content=None, **extra):
    data = {
        "file": upload(content or plan_workbook(), "ke-hoach-2026.xlsx"),
        "kind": "yearly",
        "title": "Kế hoạch cải cách hành chính năm 2026 của tỉnh Lam Sơn",
        "year": "2026",
        "decision_number": "3150/QĐ-UBND",
        "decision_date": "26/12/2025",
        "signer": "Chủ tịch UBND tỉnh",
        **extra,
    }
    return client.post("/ke-hoach/nhap/", data)


@pytest.fixture
def home_affairs(world):
    """The Sở Nội vụ as a unit of the app, with its officer."""
    unit = Unit.objects.create(code="SNV", name="Sở Nội vụ", kind="sở")
    return make_user("canbo.snv", "officer", unit)


def test_the_admin_imports_the_provinces_plan_from_its_annex(client, world, home_affairs):
    client.force_login(world.admin)
    response = import_plan(client)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ke-hoach/{plan.pk}/"
    assert plan.tasks.count() == 60
    assert plan.decision_line == "3150/QĐ-UBND ngày 26/12/2025"
    snv = plan.tasks.filter(lead="Sở Nội vụ")
    assert snv.exists() and all(t.lead_unit == home_affairs.unit for t in snv)
    first = plan.tasks.order_by("position").first()
    assert first.heading.startswith("I. ") and first.deadline == "Tháng 1/2026"
    page = client.get(f"/ke-hoach/{plan.pk}/?ngay=30/06/2026").content.decode()
    assert "Tiến độ tính đến ngày 30/06/2026" in page
    assert AuditEntry.objects.filter(action="plan.import").count() == 1


def test_a_broken_table_is_reported_row_by_row_and_nothing_is_stored(client, world):
    book = Workbook()
    ws = book.active
    ws.append(["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Thời gian thực hiện"])
    ws.append(["1", "Ban hành kế hoạch", "Sở Nội vụ", "Quý V/2026"])
    ws.append(["2", "", "Sở Tư pháp", "Tháng 13/2026"])
    raw = io.BytesIO()
    book.save(raw)
    client.force_login(world.admin)
    page = import_plan(client, raw.getvalue()).content.decode()
    assert "chưa lưu gì" in page
    assert "dòng 2" in page and "dòng 3" in page  # every problem, each with its row
    assert not Plan.objects.exists() and not PlanTask.objects.exists()


def test_statuses_and_annexes_as_of_a_date_match_the_command_line(client, world):
    another_plan_first(world)
    client.force_login(world.admin)
    import_plan(client)
    plan = Plan.objects.get(kind="yearly")
    response = client.post(
        f"/ke-hoach/{plan.pk}/nhap-tien-do/", {"file": upload(progress_workbook(), "td.xlsx")}
    )
    assert response.status_code == 302
    data = json.loads(
        client.get(f"/ke-hoach/{plan.pk}/tai-ve/trang-thai.json?ngay=30/06/2026").content
    )
    assert data["counts"] == DEMO_COUNTS
    book = load_workbook(
        io.BytesIO(client.get(f"/ke-hoach/{plan.pk}/tai-ve/qua-han.xlsx?ngay=30/06/2026").content)
    )
    texts = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Dữ liệu tính đến ngày 30/06/2026" in texts or any("30/06/2026" in str(t) for t in texts)
    page = client.get(f"/ke-hoach/{plan.pk}/?ngay=30/06/2026").content.decode()
    assert "Hoàn thành 20/60 nhiệm vụ" in page


def another_plan_first(world):
    """A plan whose rows come first, so a task's id is not its TT (as on PostgreSQL)."""
    other = Plan.objects.create(
        kind="other", title="Kế hoạch khác", year=2025, created_by=world.admin
    )
    for n in range(1, 8):
        PlanTask.objects.create(plan=other, tt=str(n), text="x", lead="y", deadline="Năm 2025")


def test_the_task_table_exports_back_in_its_layout(client, world):
    from parindex.io.plan_tables import read_plan

    another_plan_first(world)
    client.force_login(world.admin)
    import_plan(client)
    plan = Plan.objects.get(kind="yearly")
    body = client.get(f"/ke-hoach/{plan.pk}/tai-ve/ke-hoach.xlsx").content
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ke-hoach.xlsx"
        path.write_bytes(body)
        again = read_plan(path)
    stored = list(plan.tasks.order_by("position"))
    assert [(t.tt, t.heading, t.text, t.lead, t.deadline.text) for t in again.tasks] == [
        (t.tt, t.heading, t.text, t.lead, t.deadline) for t in stored
    ]


def test_the_lead_units_officer_reports_progress_with_evidence(client, world, home_affairs):
    client.force_login(world.admin)
    import_plan(client)
    task = PlanTask.objects.filter(lead_unit=home_affairs.unit, deadline="Tháng 1/2026").first()
    client.force_login(home_affairs)
    assert "Nhiệm vụ của đơn vị" in client.get("/nhiem-vu/").content.decode()
    response = client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/",
        {
            "date": "20/01/2026",
            "result": "Đã tham mưu ban hành Kế hoạch số 12/KH-UBND",
            "completed": "20/01/2026",
            "uploads": [upload(PDF, "kế hoạch 12.pdf")],
        },
    )
    assert response.status_code == 302
    report = TaskReport.objects.get(task=task)
    assert report.files.get().original_name == "kế hoạch 12.pdf"
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Đã hoàn thành" in page and "kế hoạch 12.pdf" in page
    file_url = f"/tai-lieu-nhiem-vu/{report.files.get().pk}/"
    assert client.get(file_url).status_code == 200
    client.force_login(world.officer_b)  # another unit: neither the task nor its file
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    assert client.get(file_url).status_code == 404
    assert client.post(f"/nhiem-vu/{task.pk}/bao-cao/", {"date": "1/2/2026"}).status_code == 404


def test_a_report_completed_after_its_date_is_refused_in_vietnamese(client, world, home_affairs):
    client.force_login(world.admin)
    import_plan(client)
    task = PlanTask.objects.filter(lead_unit=home_affairs.unit).first()
    client.force_login(home_affairs)
    response = client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/",
        {"date": "01/02/2026", "result": "Đã trình UBND tỉnh", "completed": "05/02/2026"},
    )
    page = response.content.decode()
    assert "Ngày hoàn thành không thể sau ngày báo cáo" in page
    assert "Đã trình UBND tỉnh" in page  # what was typed is kept
    assert not TaskReport.objects.exists()


def test_the_admin_links_a_task_to_its_criteria_and_corrects_a_deadline(client, world):
    client.force_login(world.admin)
    import_plan(client)
    task = PlanTask.objects.filter(lead_unit__isnull=True).first()
    response = client.post(
        f"/nhiem-vu/{task.pk}/sua/",
        {"lead_unit": world.unit_a.pk, "deadline": "Quý V/2026", "criteria": "1.1"},
        follow=True,
    )
    assert "Thời gian thực hiện" in response.content.decode()
    task.refresh_from_db()
    assert task.lead_unit is None  # refused whole
    client.post(
        f"/nhiem-vu/{task.pk}/sua/",
        {"lead_unit": world.unit_a.pk, "deadline": "Quý III/2026", "criteria": "1.1, 1.2"},
    )
    task.refresh_from_db()
    assert (task.lead_unit, task.deadline, task.criteria) == (
        world.unit_a,
        "Quý III/2026",
        "1.1, 1.2",
    )
    assert task.deadline_end.isoformat() == "2026-09-30"


def test_the_leader_reads_plans_but_changes_nothing(client, world):
    client.force_login(world.admin)
    import_plan(client)
    plan = Plan.objects.get()
    task = plan.tasks.first()
    client.force_login(world.leader)
    assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 200
    assert client.get("/ke-hoach/nhap/").status_code == 404
    assert client.post(f"/nhiem-vu/{task.pk}/bao-cao/", {}).status_code == 404
    assert client.post(f"/nhiem-vu/{task.pk}/sua/", {}).status_code == 404


def test_the_leaders_dashboard_shows_plan_completion_and_overdue_tasks(client, world):
    from django.utils import timezone

    from parindex.web.plans.status import status_of_plan

    client.force_login(world.admin)
    import_plan(client)
    plan = Plan.objects.get()
    client.post(
        f"/ke-hoach/{plan.pk}/nhap-tien-do/", {"file": upload(progress_workbook(), "t.xlsx")}
    )
    status = status_of_plan(plan, timezone.localdate())
    client.force_login(world.leader)
    page = client.get("/lanh-dao/").content.decode()
    assert plan.title in page
    summary = status.counts.summary()
    assert summary[0].upper() + summary[1:] in page
    oldest = min(status.overdue(), key=lambda s: (s.task.deadline.end, s.task.row))
    assert oldest.task.text in page


def test_the_self_assessment_offers_the_plans_documents_and_a_suggested_score(client, world):
    """A ward's 2025 plan: its decision is the evidence of «Ban hành kế hoạch CCHC năm» (1.1);
    8 of its 10 tasks done: 80%, which the steps rule of 1.2 (from 70%: 1 point) scores 1."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from parindex.web.assessments.models import Evidence
    from parindex.web.plans.actions import do_report_progress
    from tests.web.rules_world import rules_world

    rules = rules_world(world)
    plan = Plan.objects.create(
        kind="yearly", title="Kế hoạch CCHC năm 2025 của phường Châu Giang", year=2025,
        issuer=rules.ward, criteria="1.1, 1.2", decision_number="05/QĐ-UBND",
        decision_date=dt.date(2024, 12, 20), issued_at=timezone.now(), created_by=world.admin,
    )  # fmt: skip
    for n in range(1, 11):
        task = PlanTask.objects.create(
            plan=plan, position=n, tt=str(n), text=f"Nhiệm vụ {n}", lead="UBND phường",
            lead_unit=rules.ward, deadline="Năm 2025", deadline_end=dt.date(2025, 12, 31),
            criteria="2.1" if n == 1 else "",
        )  # fmt: skip
        if n <= 8:
            do_report_progress(
                task, rules.officer_ward, date=dt.date(2025, 6, 1), result="Xong",
                completed=dt.date(2025, 6, 1),
                files=[(io.BytesIO(PDF), f"báo cáo {n}.pdf")] if n == 1 else [],
            )  # fmt: skip
    client.force_login(rules.officer_ward)
    url = reverse("assessments:field_page", args=[rules.cycle.pk, rules.ward.pk, "1"])
    page = client.get(url).content.decode()
    assert "hoàn thành 8/10 nhiệm vụ (80%)" in page
    assert "Điểm gợi ý theo cách chấm của tiêu chí: <strong>1</strong>" in page
    assert "05/QĐ-UBND ngày 20/12/2024" in page
    score = rules.cycle.scores.get(unit=rules.ward, criterion__code="1.1")
    client.post(f"/tieu-chi/{score.pk}/dung-tai-lieu-ke-hoach/", {"plan": plan.pk})
    cited = Evidence.objects.get(score=score)
    assert (cited.doc_number, cited.summary) == ("05/QĐ-UBND", plan.title)
    other = rules.cycle.scores.get(unit=rules.ward, criterion__code="2.1")
    page = client.get(reverse("assessments:field_page", args=[rules.cycle.pk, rules.ward.pk, "2"]))
    assert "báo cáo 1.pdf" in page.content.decode()
    task_file = PlanTask.objects.get(plan=plan, tt="1").reports.get().files.get()
    client.post(f"/tieu-chi/{other.pk}/dung-tai-lieu-ke-hoach/", {"file": task_file.pk})
    assert Evidence.objects.get(score=other).sha256 == task_file.sha256
    client.force_login(world.officer_a)  # another unit cites nothing of the ward's
    mine = rules.cycle.scores.get(unit=world.unit_a, criterion__code="1.1")
    response = client.post(f"/tieu-chi/{mine.pk}/dung-tai-lieu-ke-hoach/", {"plan": plan.pk})
    assert response.status_code == 404 and not Evidence.objects.filter(score=mine).exists()


def test_the_task_table_goes_to_word_and_comes_back(client, world):
    """The Word annex (one table, the headings as rows) imports as the same 60 tasks."""
    another_plan_first(world)
    client.force_login(world.admin)
    import_plan(client)
    plan = Plan.objects.get(kind="yearly")
    body = client.get(f"/ke-hoach/{plan.pk}/tai-ve/ke-hoach.docx").content
    assert body[:2] == b"PK"
    response = client.post(
        "/ke-hoach/nhap/",
        {
            "file": upload(body, "phu-luc.docx"), "kind": "yearly",
            "title": "Kế hoạch từ phụ lục Word", "year": "2026",
        },
    )  # fmt: skip
    assert response.status_code == 302
    again = Plan.objects.get(title="Kế hoạch từ phụ lục Word")
    assert not again.issued
    fields = ("tt", "heading", "text", "lead", "partners", "product", "deadline")
    assert list(again.tasks.order_by("position").values_list(*fields)) == list(
        plan.tasks.order_by("position").values_list(*fields)
    )
