"""After publication: a draft «Kế hoạch khắc phục tồn tại, hạn chế» for every unit that lost
points, seeded from what the publication recorded (``Publication.lost_points``: one finding
per criterion where points were lost, largest first, with the appraiser's reason).

A unit has one remediation plan per cycle: publishing the cycle again (a correction) seeds
none for a unit that already has one from an earlier publication of the same cycle, so its
causes and tasks are never lost to a second draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse

from parindex.core.numbers import format_count, format_points
from parindex.core.remediation import Finding as CoreFinding
from parindex.core.remediation import UnitFindings
from parindex.core.workflow import Role
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify
from parindex.web.plans.models import Finding, Plan, PlanKind
from parindex.web.units.models import Unit

ZERO = Decimal(0)


def results_year(publication: Any) -> str:
    """The year the results are of: the cycle's period's first four digits («2024»)."""
    return str(publication.cycle.period)[:4]


def plan_year(publication: Any) -> int:
    """The year the remediation happens in: the year after the results'."""
    year = results_year(publication)
    return int(year) + 1 if year.isdigit() else 0


def plan_title(publication: Any, unit: Unit) -> str:
    return (
        "Kế hoạch khắc phục tồn tại, hạn chế theo kết quả Chỉ số CCHC năm "
        f"{results_year(publication)} của {unit}"
    )


def remediation_plans(cycle: Any) -> dict[int, Plan]:
    """The units' remediation plans from any publication of the cycle, by unit id."""
    plans = (
        Plan.objects.filter(kind=PlanKind.REMEDIATION, publication__cycle=cycle)
        .select_related("issuer", "publication")
        .prefetch_related("findings")
        .order_by("pk")
    )
    found: dict[int, Plan] = {}
    for plan in plans:
        if plan.issuer_id is not None:
            found.setdefault(plan.issuer_id, plan)
    return found


def lost_total(findings: Iterable[Finding]) -> Decimal:
    return sum((f.lost or ZERO for f in findings), ZERO)


def _lost_rows(publication: Any, code: str) -> list[tuple[str, str, Decimal, Decimal, str]]:
    """(code, name, max, score, reason) of each criterion the unit lost points on, largest
    loss first: as recorded at publication, or from the results for an older publication."""
    recorded = publication.lost_points_of(code)
    if recorded is not None:
        return [(r.code, r.name, r.max, r.final, r.reason) for r in recorded if r.lost > 0]
    from parindex.core.remediation import findings_of

    run = publication.run()
    if not run.has_unit(code):
        return []
    return [(f.code, f.name, f.max, f.score, "") for f in findings_of(run.unit(code)).findings]


@transaction.atomic
def seed_remediation(publication: Any, actor: Any) -> list[Plan]:
    """One draft remediation plan per published unit that lost points (none for a unit that
    has one for this cycle already); audited, and the unit's officers are told."""
    run = publication.run()
    cycle = publication.cycle
    units = {u.code: u for u in Unit.objects.filter(code__in=run.codes())}
    having = remediation_plans(cycle)
    made: list[Plan] = []
    for entry in run.units:
        unit = units.get(entry.code)
        if unit is None or unit.pk in having:
            continue
        rows = _lost_rows(publication, entry.code)
        if not rows:
            continue
        plan = Plan.objects.create(
            kind=PlanKind.REMEDIATION,
            title=plan_title(publication, unit)[:300],
            year=plan_year(publication),
            issuer=unit,
            publication=publication,
            created_by=actor,
        )
        Finding.objects.bulk_create(
            Finding(
                source=Finding.Source.RESULTS,
                plan=plan,
                unit=unit,
                position=position,
                criterion=code[:40],
                name=name,
                max=maximum,
                score=score,
                reason=reason,
            )
            for position, (code, name, maximum, score, reason) in enumerate(rows, start=1)
        )
        lost = sum((m - s for _, _, m, s, _ in rows), ZERO)
        record(
            actor,
            AuditAction.REMEDIATION_SEED,
            cycle=cycle,
            unit=unit,
            field="plan",
            new=f"{plan.title} ({format_count(len(rows))} tồn tại, hạn chế; "
            f"bị trừ {format_points(lost)} điểm)",
        )
        officers = User.objects.filter(role=Role.OFFICER, unit=unit, is_active=True)
        notify(
            officers,
            NoticeKind.REMEDIATION,
            f"Xây dựng kế hoạch khắc phục theo kết quả {cycle.name}",
            f"{unit} bị trừ {format_points(lost)} điểm ở {format_count(len(rows))} tiêu chí. "
            "Dự thảo kế hoạch khắc phục đã được tạo: nêu nguyên nhân, nhiệm vụ, giải pháp, "
            "rồi ban hành kế hoạch.",
            url=reverse("remediation:plan", args=[plan.pk]),
            cycle=cycle,
        )
        made.append(plan)
    return made


def unit_findings(plan: Plan) -> UnitFindings:
    """The plan's findings as the core's (for the documents)."""
    findings = tuple(
        CoreFinding(
            code=f.criterion,
            name=f.name,
            field="",
            max=f.max or ZERO,
            score=f.score or ZERO,
            lost=f.lost or ZERO,
            reason=f.reason,
        )
        for f in plan.findings.order_by("position", "pk")
    )
    issuer = plan.issuer
    return UnitFindings(
        unit=issuer.code if issuer else "",
        name=str(issuer) if issuer else "",
        period=results_year(plan.publication) if plan.publication else str(plan.year - 1),
        findings=findings,
    )
