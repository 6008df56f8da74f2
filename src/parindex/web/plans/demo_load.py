"""The demo province's work between two indexes in the app (``manage.py load_demo``): its
2026 plan imported from the annex ``parindex demo`` writes, with the progress table; the
remediation plans seeded when 2025's results were published, some issued; one inspection and
one conference whose conclusions became tasks of the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from parindex.web.accounts.models import User
from parindex.web.plans.actions import PlanHead, do_import_plan, do_import_progress, do_issue_plan
from parindex.web.plans.actions_remediation import do_add_remediation_task, do_edit_causes
from parindex.web.plans.models import Plan, PlanKind, Review
from parindex.web.plans.reviews import (
    ReviewHead,
    do_add_review_finding,
    do_create_review,
    do_task_from_finding,
)
from parindex.web.units.models import Unit

TITLE = "Kế hoạch cải cách hành chính năm 2026 của tỉnh {province}"
DECISION = ("3150/QĐ-UBND", dt.date(2025, 12, 26), "Chủ tịch UBND tỉnh")
PLAN_CRITERIA = "1.1.4"
"""The departments' «Mức độ thực hiện kế hoạch CCHC»: scored by the rate of their tasks."""
ISSUED_SHARE = 3
"""One remediation draft in this many is issued (the others are the units «chưa ban hành»)."""


def load_plans(folder: Path, manifest: dict[str, Any], admin: User) -> Plan | None:
    """The 2026 plan, its progress, the remediation plans, an inspection and a conference;
    None when the manifest has no plan (a demo written before plans were)."""
    entry = manifest.get("plan")
    if not isinstance(entry, dict) or not (folder / str(entry.get("tasks", ""))).is_file():
        return None
    province = str(manifest.get("province") or "tỉnh Lam Sơn").removeprefix("tỉnh ")
    number, day, signer = DECISION
    head = PlanHead(
        kind=PlanKind.YEARLY,
        title=TITLE.format(province=province),
        year=2026,
        decision_number=number,
        decision_date=day,
        signer=signer,
    )
    tasks = folder / entry["tasks"]
    plan = do_import_plan(tasks.read_bytes(), tasks.name, head, admin)
    Plan.objects.filter(pk=plan.pk).update(criteria=PLAN_CRITERIA)
    progress = folder / str(entry.get("progress", ""))
    if progress.is_file():
        do_import_progress(plan, progress.read_bytes(), progress.name, admin)
    _issue_some_remediation(admin)
    _inspection(plan, admin)
    _conference(plan, admin)
    return plan


def _issue_some_remediation(admin: User) -> None:
    """Of the drafts seeded from 2025's results, every third unit's gets the causes of its
    largest loss, a task and its decision; the others are the units that have not issued."""
    drafts = Plan.objects.filter(
        kind=PlanKind.REMEDIATION, issued_at__isnull=True, year=2026
    ).order_by("issuer__code")
    for n, plan in enumerate(drafts):
        if n % ISSUED_SHARE:
            continue
        finding = plan.findings.order_by("position").first()
        if finding is None:
            continue
        do_edit_causes(
            finding,
            admin,
            subjective="Chưa bố trí công chức theo dõi, cập nhật tài liệu kiểm chứng",
            objective="Khối lượng công việc sau sắp xếp đơn vị hành chính tăng",
        )
        do_add_remediation_task(
            plan,
            finding,
            admin,
            text=f"Khắc phục hạn chế tại tiêu chí {finding.criterion}: {finding.name}",
            product="Báo cáo kết quả khắc phục",
            deadline="Quý II/2026",
        )
        do_issue_plan(
            plan,
            admin,
            number=f"{20 + n}/KH-UBND",
            date=dt.date(2026, 3, 16 + n % 10),
            signer="Chủ tịch UBND",
        )


def _inspection(plan: Plan, admin: User) -> Review:
    units = list(Unit.objects.filter(Unit.in_force_now(), kind="sở").order_by("code")[:3])
    review = do_create_review(
        ReviewHead(
            kind=Review.Kind.INSPECTION,
            title="Kiểm tra công tác cải cách hành chính năm 2026 tại các sở",
            start=dt.date(2026, 5, 12),
            end=dt.date(2026, 5, 15),
            plan=plan,
            team="Đoàn kiểm tra của Sở Nội vụ (Quyết định số 45/QĐ-SNV)",
            document="Thông báo số 60/TB-SNV ngày 25/5/2026",
            conclusions="Các sở cơ bản triển khai kế hoạch CCHC; còn chậm cập nhật tài liệu.",
        ),
        units,
        admin,
    )
    first = do_add_review_finding(
        review,
        admin,
        text="Chưa niêm yết đầy đủ thủ tục hành chính tại bộ phận một cửa",
        unit=units[0] if units else None,
    )
    do_add_review_finding(
        review, admin, text="Hồ sơ tự đánh giá thiếu tài liệu kiểm chứng", unit=None
    )
    lead = units[0] if units else None
    do_task_from_finding(
        first,
        plan,
        admin,
        text="Niêm yết đầy đủ, đúng quy định thủ tục hành chính tại bộ phận một cửa",
        lead=str(lead) if lead else "Các sở",
        lead_unit=lead,
        deadline="30/6/2026",
    )
    return review


def _conference(plan: Plan, admin: User) -> Review:
    review = do_create_review(
        ReviewHead(
            kind=Review.Kind.MIDYEAR,
            title="Hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2026",
            start=dt.date(2026, 7, 10),
            team="Ban Chỉ đạo cải cách hành chính tỉnh; lãnh đạo các sở, UBND xã, phường",
            document="Thông báo kết luận số 150/TB-UBND ngày 15/7/2026",
        ),
        [],
        admin,
    )
    item = do_add_review_finding(
        review,
        admin,
        text="Các cơ quan khẩn trương hoàn thành các nhiệm vụ quá hạn trong kế hoạch năm 2026",
    )
    do_add_review_finding(
        review, admin, text="Tăng cường tuyên truyền về dịch vụ công trực tuyến toàn trình"
    )
    home = Unit.objects.filter(name="Sở Nội vụ").first()
    do_task_from_finding(
        item,
        plan,
        admin,
        text="Đôn đốc, tổng hợp kết quả xử lý các nhiệm vụ quá hạn, báo cáo Ban Chỉ đạo",
        lead="Sở Nội vụ",
        lead_unit=home,
        deadline="Tháng 9/2026",
    )
    return review
