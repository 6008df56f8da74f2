"""The demo province between two indexes (issue 14): its 2026 plan of about 60 tasks with
tasks done, done late, overdue and «Thường xuyên»; remediation plans from 2025's results, some
issued; one inspection and one conference whose conclusions became tasks."""

from __future__ import annotations

import datetime as dt

from parindex.core.plans import DONE, DONE_LATE, IN_PROGRESS, NOT_DONE
from parindex.web.plans.models import Plan, PlanKind, PlanTask, Review
from parindex.web.plans.status import status_of_plan


def test_the_demo_province_has_its_plan_remediation_inspection_and_conference(db, client, tmp_path):
    from parindex.cli import main
    from parindex.web.cycles.demo_load import load_demo

    assert main(["--quiet", "demo", "--out", str(tmp_path / "demo"), "--score"]) == 0
    load_demo(tmp_path / "demo", say=lambda _: None)
    plan = Plan.objects.get(kind=PlanKind.YEARLY, year=2026)
    assert 55 <= plan.tasks.count() <= 70
    assert plan.decision_line == "3150/QĐ-UBND ngày 26/12/2025"
    counts = status_of_plan(plan, dt.date(2026, 6, 30)).counts
    assert all(counts[s] > 0 for s in (DONE, DONE_LATE, IN_PROGRESS, NOT_DONE))
    assert plan.tasks.filter(deadline="Thường xuyên").exists()
    assert plan.tasks.filter(lead_unit__isnull=False).count() > plan.tasks.count() // 2
    remediation = Plan.objects.filter(kind=PlanKind.REMEDIATION, year=2026)
    issued = remediation.filter(issued_at__isnull=False)
    assert issued.exists() and remediation.filter(issued_at__isnull=True).exists()
    first = issued.order_by("issuer__code").first()
    findings = list(first.findings.order_by("position"))
    assert findings and findings[0].subjective
    losses = [f.max - f.score for f in findings]
    assert losses == sorted(losses, reverse=True)  # largest loss first
    inspection = Review.objects.get(kind=Review.Kind.INSPECTION)
    conference = Review.objects.get(kind=Review.Kind.MIDYEAR)
    assert inspection.units.count() == 3 and "Thông báo" in conference.document
    from_reviews = PlanTask.objects.filter(plan=plan, finding__review__isnull=False)
    assert {t.finding.review for t in from_reviews} == {inspection, conference}
    client.force_login(plan.created_by)
    page = client.get(f"/ke-hoach/{plan.pk}/?ngay=30/06/2026").content.decode()
    assert counts.summary()[1:] in page
    # issue 15: a year of dossiers, its first half's rates as the units' indicator values
    from parindex.web.indicators.models import IndicatorValue
    from parindex.web.onestop.models import RegisterImport

    register = RegisterImport.objects.get()
    assert register.rows > 100_000 and register.dropped == 0
    assert (register.first_month, register.last_month) == (dt.date(2025, 7, 1), dt.date(2026, 6, 1))
    rates = IndicatorValue.objects.filter(indicator__code="MC-01", period="6 tháng đầu năm 2026")
    assert rates.count() == len(register.units)
    assert IndicatorValue.objects.filter(indicator__code="VB-01").exists()
    page = client.get(f"/mot-cua/{register.pk}/?tu=2026-01&den=2026-06").content.decode()
    assert "Các tổng khớp" in page
