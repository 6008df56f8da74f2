"""The demo's rounds from schemes (``"scheme"`` entries of the manifest), through the same
action as the admin's page: a past round closed and published, an ``"open"`` one in
self-assessment with the scores entered so far; an officer for every unit of the rounds.

A scheme entry keeps a run's keys with ``"scheme"`` (a YAML file relative to the demo's
folder, its frameworks by id or by YAML file beside it) instead of ``"framework"``:
``"units"``, ``"scores"`` (long format unit, criterion, score, value), ``"period"``, ``"previous"``,
``"open"``. The web looks frameworks up by id among those imported: the loader imports the
scheme's frameworks and hands the round the scheme with each framework named by its id.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from parindex.core.numbers import format_count
from parindex.core.workflow import CycleState
from parindex.web.accounts.models import User
from parindex.web.cycles.actions import Deadlines, do_assign_appraiser, do_create_round
from parindex.web.cycles.models import Participation, Round
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.frameworks.models import Framework
from parindex.web.units.models import Unit

REORGANISED = dt.date(2025, 7, 1)
"""Two-level local government: the merged communes since 1 July 2025, the old ones until the
day before."""


def _year(period: str) -> int | None:
    return int(period[:4]) if period[:4].isdigit() else None


def scheme_for_web(path: Path) -> tuple[str, dict[str, str]]:
    """The scheme's YAML with each framework named by its id (as the web looks it up), and each
    framework's YAML text by id. The scheme is checked by the core first (``load_scheme``)."""
    from parindex.io.frameworks import read_yaml, shipped_frameworks
    from parindex.io.schemes import load_scheme

    scheme = load_scheme(path)
    data = read_yaml(path)
    texts: dict[str, str] = {}
    for item, part in zip(data["frameworks"], scheme.parts, strict=True):
        ref = Path(str(item["framework"]))
        if ref.suffix in (".yaml", ".yml"):
            source = path.parent / ref if (path.parent / ref).exists() else ref
        else:
            source = shipped_frameworks()[part.framework.id]
        texts[part.framework.id] = source.read_text(encoding="utf-8-sig")
        item["framework"] = part.framework.id
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"# {path.name}: các bộ tiêu chí gọi bằng mã\n{text}", texts


def _lineage(members: Sequence[Unit], period: str) -> None:
    """A unit formed from others starts the day the reorganisation took effect; the units it
    replaced end the day before (so a round's page offers only the units in force)."""
    year = _year(period)
    if year is None:
        return
    start = REORGANISED if year == REORGANISED.year else dt.date(year, 1, 1)
    for unit in members:
        replaced = [p for p in unit.predecessors.all() if p.pk != unit.pk]
        if not replaced:
            continue
        if unit.valid_from is None:
            unit.valid_from = start
            unit.save(update_fields=["valid_from"])
        Unit.objects.filter(pk__in=[p.pk for p in replaced], valid_to__isnull=True).update(
            valid_to=start - timedelta(days=1)
        )


def _deadlines(period: str, open_: bool) -> Deadlines:
    """An open round's deadlines lie ahead; a past one's in the last weeks of its year."""
    if open_:
        now = timezone.now()
        ahead = [now + timedelta(days=d) for d in (20, 35, 42, 50)]
        return Deadlines(
            self_assessment_due=ahead[0],
            appraisal_due=ahead[1],
            explanation_due=ahead[2],
            final_due=ahead[3],
        )
    year = _year(period) or timezone.now().year - 1
    zone = timezone.get_default_timezone()

    def end_of(month: int, day: int) -> dt.datetime:
        return dt.datetime.combine(dt.date(year, month, day), dt.time(23, 59), tzinfo=zone)

    return Deadlines(
        self_assessment_due=end_of(11, 30),
        appraisal_due=end_of(12, 15),
        explanation_due=end_of(12, 22),
        final_due=end_of(12, 31),
    )


def _survey_from_rows(cycle: Any, rows: list[dict[str, str]]) -> str | None:
    """The survey points the scores file types in for the cycle's units, as a points.json."""
    from parindex.web.cycles.demo_load import survey_from_scores

    core = cycle.framework.to_core()
    codes = set(cycle.units.values_list("code", flat=True))
    survey_leaves = {leaf.code for leaf in core.leaves if leaf.source == "survey"}
    mine = [r for r in rows if r["unit"] in codes and r["criterion"] in survey_leaves]
    if not survey_leaves or not mine:
        return None
    return survey_from_scores(mine, core)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_round(
    folder: Path,
    entry: dict[str, Any],
    admin: User,
    appraisers: Sequence[User],
    units: dict[str, Unit],
) -> Round:
    """One scheme entry as a round: its frameworks imported (those not yet), its units made,
    the round created, the scores entered; published unless ``"open"``."""
    from parindex.web.cycles.demo_load import enter_scores, move, score_values, units_from_file
    from parindex.web.results.actions import do_attach_survey, do_publish_cycle

    period = str(entry.get("period") or "")
    open_ = bool(entry.get("open"))
    scheme_path = folder / entry["scheme"]
    scheme_yaml, texts = scheme_for_web(scheme_path)
    for code, text in texts.items():
        if not Framework.objects.filter(code=code).exists():
            do_import_framework(text, admin, code)
    members = units_from_file(folder / entry["units"], units)
    _lineage(members, period)
    made = do_create_round(
        scheme_yaml, period, admin, units=members, origin=scheme_path.name,
        **_deadlines(period, open_),
    )  # fmt: skip
    rows = _rows(folder / entry["scores"])
    values = score_values(folder / entry["scores"])
    year = _year(period) or timezone.now().year
    decision = f"Quyết định số 95/QĐ-UBND ngày 09/01/{year + 1}"
    for cycle in made.cycles.order_by("pk"):
        cycle = move(cycle, CycleState.SELF_ASSESSMENT, admin)
        enter_scores(cycle, values, admin)
        for i, p in enumerate(cycle.participations.select_related("unit").order_by("unit__code")):
            do_assign_appraiser(cycle, appraisers[i % len(appraisers)], p.unit, admin)
        if open_:
            continue
        Participation.objects.filter(cycle=cycle).update(
            submitted_at=_deadlines(period, False)["self_assessment_due"], submitted_by=admin
        )
        survey = _survey_from_rows(cycle, rows)
        if survey is not None:
            do_attach_survey(cycle, survey, admin)
        cycle = move(cycle, CycleState.APPRAISAL, admin)
        _decide_bonus(cycle, values)
        cycle = move(cycle, CycleState.CLOSED, admin)
        do_publish_cycle(
            cycle,
            decision,
            dt.date(year + 1, 1, 9),
            admin,
            report_number="120/BC-SNV",  # the report the decision follows, the day before
            report_date=dt.date(year + 1, 1, 8),
        )
    return made


def _decide_bonus(cycle: Any, values: dict[tuple[str, str], tuple[str, str]]) -> None:
    """The scores file's bonus and penalty rows, decided by each unit's appraiser in round 1
    through the appraisal action (the same checks as the appraiser's page)."""
    from parindex.core.numbers import parse_decimal
    from parindex.web.appraisals.actions import do_decide_bonus
    from parindex.web.cycles.models import Assignment

    section = cycle.framework.to_core().bonus
    if section is None:
        return
    appraiser_of = {
        a.unit_id: a.appraiser
        for a in Assignment.objects.filter(cycle=cycle).select_related("appraiser")
    }
    for p in cycle.participations.select_related("unit"):
        for item in section.items:
            raw = values.get((p.unit.code, item.code), ("", ""))[0]
            points = parse_decimal(raw) if raw else None
            if points:
                do_decide_bonus(
                    appraiser_of[p.unit_id], cycle, p.unit, item.code, points,
                    "Dữ liệu mẫu: văn bản công nhận, phản ánh đã xác minh",
                )  # fmt: skip


def load_rounds(
    folder: Path,
    entries: Sequence[dict[str, Any]],
    admin: User,
    appraisers: Sequence[User],
    units: dict[str, Unit],
    say: Callable[[str], None],
) -> list[tuple[str, str, str]]:
    """Every scheme entry in order of period; the officers' accounts (a few named, the rest
    counted)."""
    from parindex.web.cycles.demo_load import DEMO_PASSWORD

    rounds = []
    for entry in sorted(entries, key=lambda e: str(e.get("period") or "")):
        missing = [
            key
            for key in ("scheme", "units", "scores", "period")
            if not entry.get(key) or (key != "period" and not (folder / entry[key]).is_file())
        ]
        if missing:
            say(f"Bỏ qua mục «{entry['name']}» của manifest: thiếu {', '.join(missing)}")
            continue
        rounds.append(load_round(folder, entry, admin, appraisers, units))
    if not rounds:
        return []
    _end_the_old_units(rounds)
    return _officers(rounds, DEMO_PASSWORD)


def _end_the_old_units(rounds: Sequence[Round]) -> None:
    """Since 1 July 2025 the province has no districts and its communes are the merged ones:
    every unit no round takes part in (the districts, the communes of 2023 and 2024) ended the
    day before its first round's units began."""
    first = min((y for r in rounds if (y := _year(r.period)) is not None), default=None)
    if first is None or first < REORGANISED.year:
        return
    start = REORGANISED if first == REORGANISED.year else dt.date(first, 1, 1)
    Unit.objects.filter(valid_to__isnull=True).exclude(
        participations__cycle__round__isnull=False
    ).update(valid_to=start - timedelta(days=1))


def _officers(rounds: Sequence[Round], password: str) -> list[tuple[str, str, str]]:
    """An officer for every unit of the rounds (``canbo.<mã đơn vị>``), one password hash for
    all; the accounts list names the first unit of each block of the newest round."""
    hashed = make_password(password)
    taken = set(User.objects.values_list("username", flat=True))
    members = (
        Unit.objects.filter(participations__cycle__round__in=rounds).distinct().order_by("code")
    )
    made = [
        User(
            username=f"canbo.{u.code.lower()}",
            password=hashed,
            role="officer",
            unit=u,
            first_name="Cán bộ đầu mối",
        )
        for u in members
        if f"canbo.{u.code.lower()}" not in taken
    ]
    User.objects.bulk_create(made)
    accounts = []
    newest = rounds[-1]
    for cycle in newest.cycles.order_by("pk"):
        for block in cycle.blocks:
            first = (
                cycle.participations.filter(unit__kind__in=block["kinds"])
                .select_related("unit")
                .order_by("unit__code")
                .first()
            )
            if first is not None:
                unit = first.unit
                accounts.append(
                    (
                        f"canbo.{unit.code.lower()}",
                        password,
                        f"cán bộ đầu mối CCHC {unit} ({block['name']})",
                    )
                )
    accounts.append(
        (
            "canbo.<mã>",
            password,
            f"cán bộ đầu mối của mỗi đơn vị trong đợt đánh giá ({format_count(len(made))} tài khoản)",
        )
    )
    return accounts
