"""The admin records an inspection of two communes with its conclusion's items and gives an
item as a task of a plan; a conference's «Thông báo kết luận» likewise. The leaders read them;
nobody else sees them."""

from __future__ import annotations

import datetime as dt

import pytest

from parindex.web.audit.models import AuditEntry
from parindex.web.plans.models import Finding, Plan, PlanKind, PlanTask, Review
from parindex.web.plans.reviews import ReviewHead, do_add_review_finding, do_create_review

pytestmark = pytest.mark.django_db


def a_plan(world, title="Kế hoạch CCHC năm 2026", tasks=0):
    plan = Plan.objects.create(kind=PlanKind.YEARLY, title=title, year=2026, created_by=world.admin)
    for n in range(1, tasks + 1):
        PlanTask.objects.create(
            plan=plan, position=n, tt=str(n), text=f"Nhiệm vụ {n}", lead="Sở Nội vụ",
            deadline="Năm 2026", deadline_end=dt.date(2026, 12, 31),
        )  # fmt: skip
    return plan


def inspection_with_item(world) -> Finding:
    """An inspection of communes A and B with one item of its conclusion (for other tests)."""
    review = do_create_review(
        ReviewHead(kind="inspection", title="Kiểm tra CCHC năm 2026", start=dt.date(2026, 9, 15)),
        [world.unit_a, world.unit_b],
        world.admin,
    )
    return do_add_review_finding(
        review, world.admin, text="Chưa công khai đủ thủ tục hành chính", unit=world.unit_a
    )


def test_the_admin_records_an_inspection_its_items_and_gives_one_as_a_task(client, world):
    plan = a_plan(world, tasks=2)
    client.force_login(world.admin)
    response = client.post(
        "/kiem-tra-hoi-nghi/ghi/",
        {
            "kind": "inspection",
            "title": "Kiểm tra công tác CCHC năm 2026 tại xã Tiên Châu, Tiên Hà",
            "team": "Trưởng đoàn: Phó Giám đốc Sở Nội vụ\nThành viên: chuyên viên phòng CCHC",
            "units": [world.unit_a.pk, world.unit_b.pk],
            "start": "15/9/2026",
            "end": "16/9/2026",
            "document": "Thông báo số 12/TB-SNV ngày 30/9/2026",
            "conclusions": "Hai xã đã triển khai kế hoạch CCHC năm.",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert response["Location"] == f"/kiem-tra-hoi-nghi/{review.pk}/"
    assert set(review.units.all()) == {world.unit_a, world.unit_b}
    assert (review.start, review.end) == (dt.date(2026, 9, 15), dt.date(2026, 9, 16))
    assert AuditEntry.objects.filter(action="review.create", new__contains="Tiên Châu").exists()

    for text, unit in (
        ("Chưa công khai đủ thủ tục hành chính tại bộ phận một cửa", world.unit_a.pk),
        ("Kiến nghị: bố trí đủ công chức tại bộ phận một cửa", ""),
    ):
        response = client.post(f"/kiem-tra-hoi-nghi/{review.pk}/noi-dung/",
                               {"text": text, "unit": unit})  # fmt: skip
        assert response.status_code == 302
    first, second = review.findings.order_by("position")
    assert (first.source, first.unit, first.position) == ("inspection", world.unit_a, 1)
    assert (second.unit, second.position) == (None, 2)

    response = client.post(
        f"/kiem-tra-hoi-nghi/{review.pk}/noi-dung/{first.pk}/giao/",
        {
            f"nv{first.pk}-plan": plan.pk,
            f"nv{first.pk}-lead_unit": world.unit_a.pk,
            f"nv{first.pk}-product": "Danh mục thủ tục công khai",
            f"nv{first.pk}-deadline": "Quý IV/2026",
        },
    )
    assert response.status_code == 302
    task = PlanTask.objects.get(finding=first)
    assert (task.plan, task.tt, task.position) == (plan, "3", 3)
    assert task.heading.startswith("Thực hiện kết luận")
    assert task.text == first.name  # the item's own words when none are given
    assert (task.lead, task.lead_unit) == ("Tiên Châu", world.unit_a)
    assert (task.deadline, task.deadline_end) == ("Quý IV/2026", dt.date(2026, 12, 31))
    assert AuditEntry.objects.filter(action="plan.task", unit=world.unit_a).exists()

    page = client.get(f"/kiem-tra-hoi-nghi/{review.pk}/").content.decode()
    assert "Nhiệm vụ 3 của kế hoạch «Kế hoạch CCHC năm 2026»" in page
    assert "Chưa giao nhiệm vụ." in page  # the second item
    assert "Trưởng đoàn: Phó Giám đốc Sở Nội vụ" in page
    listed = client.get("/kiem-tra-hoi-nghi/").content.decode()
    assert "Kiểm tra công tác CCHC năm 2026" in listed and "15/09/2026" in listed


def test_a_conference_conclusion_items_are_conclusion_findings(world):
    review = do_create_review(
        ReviewHead(kind="midyear", title="Hội nghị sơ kết 6 tháng đầu năm 2026",
                   start=dt.date(2026, 7, 10), document="Thông báo số 88/TB-UBND"),
        [],
        world.admin,
    )  # fmt: skip
    item = do_add_review_finding(review, world.admin, text="Đẩy nhanh số hóa hồ sơ")
    assert item.source == "conclusion" and item.review == review


def test_a_bad_deadline_is_refused_in_vietnamese_naming_the_field(client, world):
    plan = a_plan(world)
    item = inspection_with_item(world)
    client.force_login(world.admin)
    response = client.post(
        f"/kiem-tra-hoi-nghi/{item.review_id}/noi-dung/{item.pk}/giao/",
        {f"nv{item.pk}-plan": plan.pk, f"nv{item.pk}-lead": "UBND xã Tiên Châu",
         f"nv{item.pk}-deadline": "sớm nhất có thể"},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Thời gian thực hiện:" in page and "sớm nhất có thể" in page
    assert not PlanTask.objects.exists()


def test_bad_input_is_told_in_vietnamese_not_a_500(client, world):
    item = inspection_with_item(world)
    client.force_login(world.admin)
    response = client.post("/kiem-tra-hoi-nghi/ghi/", {"kind": "inspection", "title": "X",
                           "start": "31/2/2026", "end": "1/1/2026"})  # fmt: skip
    assert response.status_code == 400
    assert "không có trên lịch" in response.content.decode()
    response = client.post(
        f"/kiem-tra-hoi-nghi/{item.review_id}/noi-dung/{item.pk}/giao/",
        {f"nv{item.pk}-plan": "999999", f"nv{item.pk}-deadline": "Năm 2026"},
    )
    assert response.status_code == 400
    assert "Cần ghi cơ quan chủ trì hoặc chọn đơn vị chủ trì" in response.content.decode()
    response = client.post(f"/kiem-tra-hoi-nghi/{item.review_id}/noi-dung/", {"text": " "})
    assert response.status_code == 400
    missing = client.post(f"/kiem-tra-hoi-nghi/{item.review_id}/noi-dung/999999/giao/", {})
    assert missing.status_code == 404


def test_the_leader_reads_but_cannot_record(client, world):
    item = inspection_with_item(world)
    client.force_login(world.leader)
    assert client.get("/kiem-tra-hoi-nghi/").status_code == 200
    page = client.get(f"/kiem-tra-hoi-nghi/{item.review_id}/").content.decode()
    assert "Chưa công khai đủ thủ tục hành chính" in page
    assert "Giao nhiệm vụ" not in page and "Thêm nội dung" not in page
    assert client.get("/kiem-tra-hoi-nghi/ghi/").status_code == 404
    assert client.post("/kiem-tra-hoi-nghi/ghi/", {"title": "X"}).status_code == 404
    response = client.post(f"/kiem-tra-hoi-nghi/{item.review_id}/noi-dung/", {"text": "Thêm"})
    assert response.status_code == 404
    assert item.review.findings.count() == 1


def test_an_officer_gets_404_even_for_an_inspection_of_its_own_unit(client, world):
    item = inspection_with_item(world)
    client.force_login(world.officer_a)
    for url in ("/kiem-tra-hoi-nghi/", "/kiem-tra-hoi-nghi/ghi/",
                f"/kiem-tra-hoi-nghi/{item.review_id}/"):  # fmt: skip
        assert client.get(url).status_code == 404
