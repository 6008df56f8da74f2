"""Self-assessment screens: the unit's overview, one page per field, evidence, submission."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.core.narrative import points
from parindex.core.numbers import format_count, format_vn
from parindex.core.workflow import CycleState, officer_may_edit
from parindex.web import unsaved
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_field,
    access_participation,
    is_own_unit,
    readable_fields,
)
from parindex.web.appraisals.actions import score_that_stands
from parindex.web.appraisals.standing import bonus_that_stands
from parindex.web.assessments.actions import LeafInput, do_save_field
from parindex.web.assessments.forms import LeafForm
from parindex.web.assessments.leaves import measure_shown, shown
from parindex.web.assessments.models import Evidence, Score
from parindex.web.assessments.pages import Deadline, deadline, locked
from parindex.web.assessments.views_steps import explain_from_form
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError
from parindex.web.fields import NO_CASE, form_problems
from parindex.web.frameworks.models import Criterion


def _fields(cycle: Cycle) -> list[Criterion]:
    return list(cycle.framework.criteria.filter(parent__isnull=True).order_by("position"))


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else points(value)


def _deadlines(cycle: Cycle, unit_id: int, state: CycleState) -> list[Deadline]:
    """The deadlines of the unit's own steps that matter now (the current one first)."""
    steps = [CycleState.SELF_ASSESSMENT, CycleState.EXPLANATION]
    if state is CycleState.EXPLANATION:
        steps.reverse()
    elif state not in (CycleState.DRAFT, CycleState.SELF_ASSESSMENT):
        return []
    return [d for step in steps if (d := deadline(cycle, unit_id, step)) is not None]


@login_required
def unit_assessment(request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    cycle = participation.cycle
    scores = list(
        Score.objects.filter(cycle=cycle, unit=participation.unit)
        .select_related("criterion")
        .prefetch_related("corrections")
    )
    core = cycle.framework.to_core()
    kind = participation.unit.kind
    by_field: dict[str, list[Score]] = {}
    readable = readable_fields(request.user, cycle, participation.unit_id)
    for s in scores:
        if readable is not None and s.criterion.field_code not in readable:
            continue  # an appraiser reads only the fields assigned to them
        leaf = core.node(s.criterion.code)
        if leaf is not None and not leaf.applies(kind):
            continue  # not assessed for this kind of unit
        by_field.setdefault(s.criterion.field_code, []).append(s)
    rows = []
    total = Decimal(0)
    total_max = Decimal(0)
    for field in _fields(cycle):
        leaves = by_field.get(field.code, [])
        if not leaves:
            continue  # survey fields are not self-assessed
        got = sum((s.self_score or Decimal(0) for s in leaves), Decimal(0))
        applicable = sum((s.criterion.max for s in leaves if not s.not_applicable), Decimal(0))
        done = sum(1 for s in leaves if s.self_score is not None or s.not_applicable)
        standing = sum((score_that_stands(s) or Decimal(0) for s in leaves), Decimal(0))
        total += got
        total_max += applicable
        rows.append(
            {
                "field": field,
                "score": _fmt(got),
                "max": _fmt(applicable),
                "done": done,
                "count": len(leaves),
                "standing": _fmt(standing),
            }
        )
    own = is_own_unit(request.user, participation.unit_id)
    state = CycleState(cycle.state)
    appraised = state not in (CycleState.DRAFT, CycleState.SELF_ASSESSMENT)
    late = locked(cycle, participation.unit_id, CycleState.SELF_ASSESSMENT)
    bonus = []
    if appraised and core.bonus is not None:  # decided by the appraisers, shown as it stands
        decided = bonus_that_stands(cycle, core.bonus)
        for item in core.bonus.items:
            given = decided.get((participation.unit.code, item.code))
            bonus.append({"item": item, "points": "" if given is None else format_vn(given)})
    return render(
        request,
        "assessments/unit.html",
        {
            "participation": participation,
            "cycle": cycle,
            "unit": participation.unit,
            "rows": rows,
            "total": _fmt(total),
            "total_max": _fmt(total_max),
            "can_edit": own and officer_may_edit(state, participation.submitted) and not late,
            "can_withdraw": own
            and participation.submitted
            and state is CycleState.SELF_ASSESSMENT
            and not late,
            "deadlines": _deadlines(cycle, participation.unit_id, state),
            "late": late,
            "corrected": state is CycleState.EXPLANATION,
            "appraised": appraised,
            "bonus": bonus,
            "bonus_name": core.bonus.name if core.bonus else "",
        },
    )


LEAF_TEXTS = ("self_score", "measure", "explanation")
LEAF_BOXES = ("no_case", "not_applicable")


def _stored(s: Score) -> dict[str, object]:
    """A leaf's stored entry as its form shows it (what a save compares the typed values with)."""
    return {
        "self_score": "" if s.measure == NO_CASE else _plain(s.self_score),
        "measure": "" if s.measure == NO_CASE else s.measure,
        "explanation": s.explanation,
        "no_case": s.measure == NO_CASE,
        "not_applicable": s.not_applicable,
    }


def _typed(form: LeafForm) -> dict[str, object]:
    data = form.data
    return {
        **{name: str(data.get(form.add_prefix(name), "")) for name in LEAF_TEXTS},
        **{name: bool(data.get(form.add_prefix(name))) for name in LEAF_BOXES},
    }


def _changed(form: LeafForm, s: Score) -> bool:
    """The officer typed something else than what is stored, or chose files, for this leaf."""
    typed, stored = _typed(form), _stored(s)
    if form.files.getlist(form.add_prefix("uploads")):
        return True
    return any(
        str(typed[n]).strip() != str(stored[n]).strip()
        if n in LEAF_TEXTS
        else typed[n] != stored[n]
        for n in stored
    )


def _leaf_scores(participation: Participation, field_code: str) -> list[Score]:
    return list(
        Score.objects.filter(
            cycle=participation.cycle, unit=participation.unit, criterion__field_code=field_code
        )
        .select_related("criterion", "updated_by", "cycle__framework", "unit")
        .prefetch_related("evidence", "corrections")
        .order_by("criterion__position")
    )


@login_required
def field_page(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, field_code: str
) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    access_field(request.user, participation, field_code)  # an appraiser: assigned fields only
    cycle = participation.cycle
    field = cycle.framework.criteria.filter(code=field_code, parent__isnull=True).first()
    if field is None:
        raise Http404("Không tìm thấy trang")
    scores = _leaf_scores(participation, field_code)
    bound: dict[int, LeafForm] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not is_own_unit(request.user, participation.unit_id):
            raise Http404(NOT_FOUND)  # only the unit's own officer writes its self-assessment
        if "explain" in request.POST:
            return _post_explanation(request, participation, field_code)
        bound = {s.pk: LeafForm(request.POST, request.FILES, prefix=f"c{s.pk}") for s in scores}
        outcome = _save_field(request, participation, field_code, scores, bound, errors)
        if outcome is not None:
            return outcome
    return _render_field(request, participation, field, scores, bound, errors)


def _save_field(
    request: AuthenticatedHttpRequest,
    participation: Participation,
    field_code: str,
    scores: list[Score],
    bound: dict[int, LeafForm],
    errors: dict[str, str],
) -> HttpResponse | None:
    """Save every leaf changed on the page at once; None: refused, the page shows each reason
    beside its leaf (``errors``) and keeps what was typed."""
    anchor = re.sub(
        r"[^0-9A-Za-z._-]", "", request.POST.get("save") or request.POST.get("anchor", "")
    )
    back = reverse(
        "assessments:field_page", args=[participation.cycle_id, participation.unit_id, field_code]
    ) + (f"#tc-{anchor}" if anchor else "")
    core = participation.cycle.framework.to_core()
    inputs = []
    for s in scores:
        node = core.node(s.criterion.code)
        form = bound[s.pk]
        if node is None or not _changed(form, s):  # one not for this kind: refused by name
            continue
        if not form.is_valid():
            errors[s.criterion.code] = f"Tiêu chí {s.criterion.code} — {form_problems(form)}"
            continue
        data = form.cleaned_data
        inputs.append(
            LeafInput(
                s,
                data["self_score"],
                data["not_applicable"],
                data["explanation"],
                data["version"],
                measure=data["measure"],
                no_case=data["no_case"],
                uploads=tuple((f, f.name or "") for f in data["uploads"]),
            )
        )
    if not errors and not inputs:
        messages.info(request, _("Không có thay đổi nào để lưu."))
        return redirect(back)
    try:
        with transaction.atomic():  # with a box already wrong, the rest is checked, not kept
            saved = do_save_field(request.user, inputs)
            if errors:
                raise _Discard
    except _Discard:
        pass
    except ActionError as exc:
        if not exc.problems or not all(p.criterion for p in exc.problems):
            messages.error(request, exc.message)  # the page as a whole: a deadline
            return redirect(back)
        errors.update({p.criterion: p.message for p in exc.problems})
    else:
        for leaf in saved:
            messages.success(request, _saved_message(leaf))
        return redirect(back)
    messages.error(
        request,
        _(
            "Chưa lưu tiêu chí nào: %(count)s tiêu chí cần sửa (ghi chú đỏ ngay dưới từng tiêu "
            "chí); sửa rồi bấm lưu lại. Tệp đã chọn cần chọn lại."
        )
        % {"count": format_count(len(errors))},
    )
    return None


class _Discard(Exception):
    """Undo a save that was only a check of the other leaves."""


def _saved_message(saved: Score) -> str:
    if saved.measure and saved.self_score is not None:
        return _("Đã lưu tiêu chí %(code)s: %(measure)s → %(points)s điểm.") % {
            "code": saved.criterion.code,
            "measure": measure_shown(saved.measure),
            "points": format_vn(saved.self_score),
        }
    return _("Đã lưu tiêu chí %(code)s.") % {"code": saved.criterion.code}


def _render_field(
    request: AuthenticatedHttpRequest,
    participation: Participation,
    field: Criterion,
    scores: list[Score],
    bound: dict[int, LeafForm],
    errors: dict[str, str],
) -> HttpResponse:
    cycle = participation.cycle
    state = CycleState(cycle.state)
    own = is_own_unit(request.user, participation.unit_id)
    late = locked(cycle, participation.unit_id, CycleState.SELF_ASSESSMENT)
    late_explaining = locked(cycle, participation.unit_id, CycleState.EXPLANATION)
    typed = unsaved.take(request)  # a refused explanation shows again what was typed
    core = cycle.framework.to_core()  # how the decision says to score each leaf
    kind = participation.unit.kind
    can_edit = own and officer_may_edit(state, participation.submitted) and not late
    pool = list(_unit_evidence(participation)) if can_edit else []
    plan_offers = _plan_offers(participation, core)
    indicator_offers = _indicator_offers(participation, core)
    leaves = []
    total = applicable = Decimal(0)
    for s in scores:
        node = core.node(s.criterion.code)
        rules = shown(node, core, kind) if node else {"how": "points", "not_for_kind": ""}
        cited = {e.sha256 for e in s.evidence.all() if e.removed_at is None and e.sha256}
        decisions = {c.round: c for c in s.corrections.all()}
        form = bound.get(s.pk)
        values = _typed(form) if form is not None else _stored(s)
        again = typed if typed.get("score") == str(s.pk) else {}
        leaves.append(
            {
                "score": s,
                "prefix": f"c{s.pk}",
                "rules": rules,
                "value": values["self_score"],
                "shown_value": "" if s.self_score is None else format_vn(s.self_score),
                "measure": values["measure"],
                "stored_measure": _stored(s)["measure"],
                "shown_measure": measure_shown(s.measure),
                "no_case": values["no_case"],
                "not_applicable": values["not_applicable"],
                "explanation_text": values["explanation"],
                "explain_text": again.get("text", ""),
                "error": errors.get(s.criterion.code, ""),
                "max": _fmt(s.criterion.max),
                "evidence": [e for e in s.evidence.all() if e.removed_at is None],
                "reusable": [  # as reusable_evidence(s) says, from one query for the page
                    e for e in pool if e.score_id != s.pk and not (e.sha256 and e.sha256 in cited)
                ],
                "round1": decisions.get(1),
                "round2": decisions.get(2),
                "explanation": getattr(s, "unit_explanation", None),
                "plan": plan_offers.get(s.criterion.code),
                "indicator": indicator_offers.get(s.criterion.code),
                "can_explain": own
                and state is CycleState.EXPLANATION
                and not late_explaining
                and 1 in decisions
                and decisions[1].appraised_score != (None if s.not_applicable else s.self_score),
            }
        )
        if not rules["not_for_kind"]:
            total += s.self_score or Decimal(0)
            applicable += Decimal(0) if s.not_applicable else s.criterion.max
    return render(
        request,
        "assessments/field.html",
        {
            "participation": participation,
            "cycle": cycle,
            "unit": participation.unit,
            "field": field,
            "leaves": leaves,
            "total": _fmt(total),
            "applicable": _fmt(applicable),
            "can_edit": can_edit,
            "deadlines": _deadlines(cycle, participation.unit_id, state),
            "late": late and state is CycleState.SELF_ASSESSMENT,
            "late_explaining": late_explaining and state is CycleState.EXPLANATION,
            "show_appraisal": state not in (CycleState.DRAFT, CycleState.SELF_ASSESSMENT),
        },
    )


def _plan_offers(participation: Participation, core: Any) -> dict[str, Any]:
    """The documents and completion rate the unit's plans of the cycle's year offer
    (``plans.offering``); none for a cycle whose period is not a year."""
    from parindex.web.plans.offering import offers

    year = participation.cycle.period[:4]
    if not year.isdigit():
        return {}
    return offers(participation.unit_id, int(year), core, timezone.localdate())


def _indicator_offers(participation: Participation, core: Any) -> dict[str, Any]:
    """The measures of the indicators feeding a criterion and the rule's points for them
    (``indicators.offering``); none for a cycle whose period is not a year."""
    from parindex.web.indicators.offering import offers

    year = participation.cycle.period[:4]
    return offers(participation.unit_id, int(year), core) if year.isdigit() else {}


def _unit_evidence(participation: Participation) -> QuerySet[Evidence]:
    """Every document the unit gave, in any cycle, to be cited again (``reusable_evidence``)."""
    return (
        Evidence.objects.filter(score__unit=participation.unit_id, removed_at__isnull=True)
        .select_related("score__criterion", "score__cycle")
        .order_by("-score__cycle__period", "-score__cycle_id", "score__criterion__position")
    )


def _plain(value: Decimal | None) -> str:
    """Points as the form's box shows them (8,5), exactly as stored."""
    return "" if value is None else format_vn(value)


def _post_explanation(
    request: AuthenticatedHttpRequest, participation: Participation, field_code: str
) -> HttpResponse:
    back = reverse(
        "assessments:field_page", args=[participation.cycle_id, participation.unit_id, field_code]
    )
    return explain_from_form(request, participation, back, field_code)


def reused_files(evidence: list[Evidence]) -> set[str]:
    """sha256 of files that another unit also uploaded (flagged to the appraiser)."""
    hashes = {e.sha256 for e in evidence if e.sha256}
    if not hashes:
        return set()
    units = {e.score.unit_id for e in evidence}
    return set(
        Evidence.objects.filter(sha256__in=hashes, removed_at__isnull=True)
        .exclude(score__unit__in=units)
        .values_list("sha256", flat=True)
    )
