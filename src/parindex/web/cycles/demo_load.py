"""Loading the demo province into the web app.

The communes of 2023 (closed, published) and 2024 (in appraisal) as cycles of one framework;
the manifest's scheme runs (``"scheme"`` instead of ``"framework"``) as rounds through
``do_create_round`` (``demo_rounds.py``): a past one closed and published, an ``"open"`` one
in self-assessment with the scores entered so far. Entries it does not know are skipped and
said. Accounts: the admin, the leader, two appraisers, and an officer per unit of the rounds
(``canbo.<mã đơn vị>``) beside the two of 2024.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date as dt_date
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from parindex.core.numbers import format_count
from parindex.core.workflow import CycleState
from parindex.io.frameworks import resolve_framework, shipped_frameworks
from parindex.io.units import read_populations
from parindex.web.accounts.models import User
from parindex.web.assessments.models import Evidence, Score
from parindex.web.audit.actions import record
from parindex.web.cycles.actions import do_assign_appraiser, do_create_cycle, do_transition_cycle
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.units.models import Unit

DEMO_PASSWORD = "demo-parindex-2024"
OFFICERS_SHOWN = 5


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def move(cycle: Cycle, target: CycleState, actor: Any) -> Cycle:
    order = list(CycleState)
    while order.index(CycleState(cycle.state)) < order.index(target):
        cycle = do_transition_cycle(
            cycle, order[order.index(CycleState(cycle.state)) + 1], actor, "Dữ liệu mẫu"
        )
    return cycle


LEGACY = ("districts-2023", "communes-2023", "communes-2024")
"""The runs of the demo's first shape: the districts' units, the communes' two cycles."""


@transaction.atomic
def _organisation(province: str) -> None:
    """The demo province's Sở Nội vụ on every page's header and footer (an example to edit)."""
    from parindex.demo.letterhead import web_letterhead
    from parindex.web.organisation.models import Organisation

    name = province[:1].upper() + province[1:]  # "tỉnh Lam Sơn" → "Tỉnh Lam Sơn"
    Organisation.objects.create(
        province=name,
        issuing_body=f"Ủy ban nhân dân {province}",
        department=f"Sở Nội vụ {province}",
        address=f"Số 1 đường Trung tâm hành chính, {province} (địa chỉ mẫu)",
        hotline="0200 3 800 800",
        email="sonoivu@example.vn",
        letterhead=web_letterhead(),
    )


def load_demo(folder: Path, say: Callable[[str], None] = print) -> list[tuple[str, str, str]]:
    """Load ``parindex demo`` output; returns the demo accounts (username, password, what for).

    ``say`` is told of every manifest entry it skips."""
    from parindex.web.cycles.demo_rounds import load_rounds

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entries = [r for r in manifest.get("runs", []) if isinstance(r, dict) and r.get("name")]
    runs = {r["name"]: r for r in entries}
    admin = User.objects.create_user(
        "quantri", password=DEMO_PASSWORD, role="admin", is_staff=True, first_name="Sở Nội vụ"
    )
    _organisation(str(manifest.get("province") or "tỉnh Lam Sơn"))
    appraisers = [
        User.objects.create_user(
            f"thamdinh{i}",
            password=DEMO_PASSWORD,
            role="appraiser",
            first_name=f"Thành viên HĐTĐ {i}",
        )
        for i in (1, 2)
    ]
    User.objects.create_user(
        "lanhdao", password=DEMO_PASSWORD, role="leader", first_name="Chủ tịch UBND tỉnh"
    )
    accounts = [
        ("quantri", DEMO_PASSWORD, "quản trị (Sở Nội vụ)"),
        ("lanhdao", DEMO_PASSWORD, "lãnh đạo (chỉ xem)"),
        ("thamdinh1", DEMO_PASSWORD, "thành viên Hội đồng thẩm định"),
        ("thamdinh2", DEMO_PASSWORD, "thành viên Hội đồng thẩm định"),
    ]
    units: dict[str, Unit] = {}
    schemes = [r for r in entries if r.get("scheme")]
    if all(runs.get(name, {}).get("framework") for name in LEGACY):
        # with later rounds, 2024 is history too (closed and published, once `parindex demo
        # --score` has computed its survey points); alone, it is in appraisal
        points = folder / "results" / "communes-2024" / "points.json"
        close = bool(schemes) and points.exists()
        accounts += _load_communes(folder, runs, admin, appraisers, units, close)
    elif any(name in runs for name in LEGACY):
        say("Bỏ qua các kỳ cấp xã 2023, 2024: manifest thiếu " + ", ".join(LEGACY))
    known = {name for name in runs if name.startswith("districts-")} | set(LEGACY)
    for r in entries:
        if r["name"] not in known and not r.get("scheme"):
            say(f"Bỏ qua mục «{r['name']}» của manifest: chưa biết cách nạp vào trang web")
    accounts += load_rounds(folder, schemes, admin, appraisers, units, say)
    from parindex.web.plans.demo_load import load_plans

    load_plans(folder, manifest, admin)
    from parindex.web.onestop.demo_load import load_onestop

    load_onestop(folder, manifest, admin)
    return accounts


def _load_communes(
    folder: Path,
    runs: dict[str, Any],
    admin: User,
    appraisers: list[User],
    units: dict[str, Unit],
    close_2024: bool = False,
) -> list[tuple[str, str, str]]:
    """The communes of 2023 (closed, published) and 2024 (in appraisal, or closed and
    published with ``close_2024``), one framework; the officers of two communes of 2024."""
    framework_id = runs["communes-2024"]["framework"]
    path = shipped_frameworks().get(framework_id)
    core = resolve_framework(framework_id)
    framework = do_import_framework(
        path.read_text(encoding="utf-8") if path else "", admin, framework_id
    )
    assert framework.code == core.id

    districts = {r["code"]: r for r in _rows(folder / runs["districts-2023"]["units"])}
    for code, r in districts.items():
        units[code] = Unit.objects.create(code=code, name=r["name"], kind=r["kind"])
    by_year: dict[str, list[Unit]] = {}
    for run_name in ("communes-2023", "communes-2024"):
        by_year[run_name] = units_from_file(folder / runs[run_name]["units"], units)
    # N of the minimum survey sample, where the units file gives it (the thị xã's communes)
    for code, population in read_populations(folder / runs["communes-2024"]["units"]).items():
        units[code].population = population
        units[code].save(update_fields=["population"])

    cycles = {}
    now = timezone.now()
    for run_name, period in (("communes-2023", "2023"), ("communes-2024", "2024")):
        run = runs[run_name]
        current = period == "2024" and not close_2024
        ago = 385 + (365 * 2 if close_2024 and period == "2023" else 365 if close_2024 else 0)
        cycle = do_create_cycle(
            f"Chỉ số CCHC các xã, phường, thị trấn năm {period}",
            framework,
            period,
            by_year[run_name],
            admin,
            block_by=run.get("block_by") or "",
            self_assessment_due=now - timedelta(days=20 if current else ago),
            appraisal_due=now + timedelta(days=10) if current else now - timedelta(days=ago - 15),
            explanation_due=now + timedelta(days=17) if current else now - timedelta(days=ago - 25),
            final_due=now + timedelta(days=24) if current else now - timedelta(days=ago - 35),
        )
        cycle = move(cycle, CycleState.SELF_ASSESSMENT, admin)
        enter_scores(cycle, score_values(folder / run["scores"]), admin)
        Participation.objects.filter(cycle=cycle).update(
            submitted_at=now - timedelta(days=21), submitted_by=admin
        )
        cycles[period] = cycle

    for year in ("2023", "2024"):
        for i, unit in enumerate(by_year[f"communes-{year}"]):
            do_assign_appraiser(cycles[year], appraisers[i % 2], unit, admin)
    cycles["2023"] = move(cycles["2023"], CycleState.CLOSED, admin)
    cycles["2024"] = move(cycles["2024"], CycleState.APPRAISAL, admin)
    _attach_and_publish(folder, runs, core, cycles, admin)
    if close_2024:
        from datetime import date

        from parindex.web.results.actions import do_publish_cycle

        cycles["2024"] = move(cycles["2024"], CycleState.CLOSED, admin)
        do_publish_cycle(
            cycles["2024"],
            "Quyết định số 112/QĐ-UBND ngày 09/01/2025",
            date(2025, 1, 9),
            admin,
            report_number="120/BC-SNV",  # the report the decision follows, the day before
            report_date=date(2025, 1, 8),
        )

    accounts = []
    for unit in by_year["communes-2024"][:2]:
        username = f"canbo.{unit.code.lower()}"
        User.objects.create_user(
            username, password=DEMO_PASSWORD, role="officer", unit=unit, first_name="Cán bộ đầu mối"
        )
        accounts.append((username, DEMO_PASSWORD, f"cán bộ đầu mối CCHC {unit}"))
    return accounts


def units_from_file(path: Path, units: dict[str, Unit]) -> list[Unit]:
    """A units file's units, made where ``units`` (code → unit, filled in) has none yet, with
    their parent and predecessors among the units already made."""
    members = []
    for r in _rows(path):
        unit = units.get(r["code"])
        if unit is None:
            unit = Unit.objects.filter(code=r["code"]).first() or Unit.objects.create(
                code=r["code"],
                name=r["name"],
                kind=r["kind"],
                parent=units.get(r.get("parent") or ""),
            )
            units[r["code"]] = unit
            preds = [units[p] for p in (r.get("predecessors") or "").split(";") if p in units]
            if preds:
                unit.predecessors.set(preds)
        members.append(unit)
    return members


def score_values(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(unit, criterion) → (score, value) as the file writes them (long format)."""
    return {
        (r["unit"], r["criterion"]): (r.get("score") or "", r.get("value") or "")
        for r in _rows(path)
    }


def enter_scores(
    cycle: Cycle, values: dict[tuple[str, str], tuple[str, str]], admin: Any
) -> dict[str, int]:
    """The scores file's entries — (score, value) per unit and criterion — into the cycle's
    self-assessment rows through the core's one rule (``io.scores.cell_points``: points, a
    measured value, KPS or KĐG), a reason for every 0 and a document for every scored leaf
    that asks for evidence; audited per unit. Leaves the file leaves blank stay unscored.
    Returns the leaves scored per unit."""
    from parindex.io.scores import cell_points
    from parindex.web.frameworks.mappers import framework_to_core

    core = framework_to_core(cycle.framework)
    now = timezone.now()
    # the documents are of the year assessed, not of the day the demo is loaded
    issued = (
        dt_date(int(cycle.period), 6, 15)
        if cycle.period.isdigit()
        else (now - timedelta(days=200)).date()
    )
    scores = list(Score.objects.filter(cycle=cycle).select_related("unit", "criterion"))
    evidence = []
    per_unit: dict[str, int] = defaultdict(int)
    for s in scores:
        score_cell, value_cell = values.get((s.unit.code, s.criterion.code), ("", ""))
        leaf = core.node(s.criterion.code)
        if leaf is None or not (score_cell or value_cell):
            continue
        outcome = cell_points(leaf, score_cell or None, value_cell or None, core.leaf_decimals)
        if isinstance(outcome, str):
            raise ValueError(f"dữ liệu mẫu {s.unit.code}, tiêu chí {leaf.code}: {outcome}")
        if outcome[0] is None:
            s.not_applicable = True
        else:
            s.self_score, s.measure = outcome
            per_unit[s.unit.code] += 1
        # a leaf left at 0 says why, as the submission rule asks (so a unit may resubmit)
        s.explanation = (
            ""
            if s.not_applicable
            else "Đã thực hiện theo kế hoạch."
            if s.self_score
            else "Chưa thực hiện được trong năm."
        )
        if s.criterion.evidence and s.self_score:
            evidence.append(
                Evidence(
                    score=s,
                    doc_number=f"{10 + s.criterion.position}/KH-UBND",
                    doc_date=issued,
                    issuer=f"UBND {s.unit}",
                    page_ref="toàn văn",
                    uploaded_by=admin,
                )
            )
    # one UPDATE per distinct entry (a few dozen): bulk_update's CASE per row takes seconds
    groups: dict[tuple[Decimal | None, bool, str, str], list[int]] = defaultdict(list)
    for s in scores:
        if s.self_score is not None or s.not_applicable:
            groups[(s.self_score, s.not_applicable, s.explanation, s.measure)].append(s.pk)
    for (points, not_applicable, explanation, measure), ids in groups.items():
        for start in range(0, len(ids), 2000):
            Score.objects.filter(pk__in=ids[start : start + 2000]).update(
                self_score=points,
                not_applicable=not_applicable,
                explanation=explanation,
                measure=measure,
            )
    Evidence.objects.bulk_create(evidence, batch_size=2000)
    for unit in cycle.units.all():
        record(
            admin,
            "score.import",
            cycle=cycle,
            unit=unit,
            field="self_score",
            new=f"{format_count(per_unit[unit.code])} tiêu chí từ dữ liệu mẫu",
        )
    return per_unit


def demo_accounts() -> list[tuple[str, str, str]]:
    """The demo accounts already in the database (their password is the demo one): every one
    but the officers, then the first officers and how many there are."""
    from parindex.core.workflow import ROLE_LABELS, Role

    users = list(
        User.objects.filter(role__in=[r.value for r in Role]).select_related("unit").order_by("id")
    )
    officers = [u for u in users if u.role == Role.OFFICER]
    shown = [u for u in users if u.role != Role.OFFICER] + officers[:OFFICERS_SHOWN]
    accounts = [
        (
            u.username,
            DEMO_PASSWORD,
            ROLE_LABELS[Role(u.role)] + (f" — {u.unit}" if u.unit_id else ""),
        )
        for u in shown
    ]
    if len(officers) > OFFICERS_SHOWN:
        accounts.append(
            (
                "canbo.<mã>",
                DEMO_PASSWORD,
                f"cán bộ đầu mối của mỗi đơn vị khác ({format_count(len(officers) - OFFICERS_SHOWN)} tài khoản)",
            )
        )
    return accounts


def survey_from_scores(rows: list[dict[str, str]], core: Any) -> str:
    """Last year's survey points were typed into the scores file: the same points as a points.json."""
    leaves = [leaf for leaf in core.leaves if leaf.source == "survey"]
    by_unit: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        if any(r["criterion"] == leaf.code for leaf in leaves):
            by_unit[r["unit"]][r["criterion"]] = r["score"]
    return json.dumps(
        {
            "format": "parindex.survey/1",
            "questionnaire": "",
            "framework": core.id,
            "seed": 0,
            "draws": 0,
            "confidence": 0.95,
            "counts": {},
            "leaves": [{"code": leaf.code, "max": float(leaf.max)} for leaf in leaves],
            "draws_file": None,
            "units": [
                {
                    "unit": unit,
                    "respondents": 0,
                    "total": {"points": None, "low": None, "high": None},
                    "under_minimum": [],
                    "leaves": [
                        {
                            "leaf": leaf.code,
                            "n": 0,
                            "required": 0,
                            "under_minimum": False,
                            "value": None,
                            "points": float(values[leaf.code]),
                            "max": float(leaf.max),
                            "low": None,
                            "high": None,
                        }
                        for leaf in leaves
                    ],
                }
                for unit, values in by_unit.items()
            ],
        },
        ensure_ascii=False,
    )


def _attach_and_publish(
    folder: Path, runs: dict[str, Any], core: Any, cycles: dict[str, Cycle], admin: Any
) -> None:
    """Survey points for both years; last year's results published by the district's decision."""
    from datetime import date

    from parindex.web.results.actions import do_attach_survey, do_publish_cycle

    do_attach_survey(
        cycles["2023"],
        survey_from_scores(_rows(folder / runs["communes-2023"]["scores"]), core),
        admin,
    )
    do_publish_cycle(
        cycles["2023"],
        "Quyết định số 4769/QĐ-UBND ngày 21/12/2023",
        date(2023, 12, 21),
        admin,
        report_number="120/BC-SNV",  # the report the decision follows, the day before
        report_date=date(2023, 12, 20),
    )
    points = folder / "results" / "communes-2024" / "points.json"
    if points.exists():
        draws = points.with_name("points.draws.npz")
        do_attach_survey(
            cycles["2024"],
            points.read_text(encoding="utf-8"),
            admin,
            draws=draws.read_bytes() if draws.exists() else b"",
        )
