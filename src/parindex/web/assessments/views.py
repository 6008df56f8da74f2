"""Self-assessment screens: the unit's overview, one page per field, evidence, submission."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.narrative import points
from parindex.core.numbers import format_vn
from parindex.core.workflow import CycleState, officer_may_edit
from parindex.web import unsaved
from parindex.web.access import (
    NOT_FOUND,
    AuthenticatedHttpRequest,
    access_evidence,
    access_participation,
    access_score,
    is_own_unit,
)
from parindex.web.appraisals.actions import do_explain, score_that_stands
from parindex.web.appraisals.standing import bonus_that_stands
from parindex.web.assessments.actions import (
    EvidenceReference,
    do_add_evidence,
    do_remove_evidence,
    do_save_self_score,
    do_submit_assessment,
    do_withdraw_submission,
)
from parindex.web.assessments.forms import EvidenceForm, ExplanationForm, SelfScoreForm
from parindex.web.assessments.leaves import measure_shown, shown
from parindex.web.assessments.models import Evidence, Score
from parindex.web.cycles.models import Cycle, Participation
from parindex.web.errors import ActionError
from parindex.web.fields import NO_CASE, form_problems
from parindex.web.frameworks.models import Criterion


def _fields(cycle: Cycle) -> list[Criterion]:
    return list(cycle.framework.criteria.filter(parent__isnull=True).order_by("position"))


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else points(value)


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
    for s in scores:
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
            "can_edit": own and officer_may_edit(state, participation.submitted),
            "can_withdraw": own and participation.submitted and state is CycleState.SELF_ASSESSMENT,
            "appraised": appraised,
            "bonus": bonus,
            "bonus_name": core.bonus.name if core.bonus else "",
        },
    )


@login_required
def field_page(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int, field_code: str
) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id)
    cycle = participation.cycle
    field = cycle.framework.criteria.filter(code=field_code, parent__isnull=True).first()
    if field is None:
        raise Http404("Không tìm thấy trang")
    if request.method == "POST":
        return _post_leaf(request, participation, field_code)
    scores = (
        Score.objects.filter(cycle=cycle, unit=participation.unit, criterion__field_code=field_code)
        .select_related("criterion", "updated_by")
        .prefetch_related("evidence", "corrections")
        .order_by("criterion__position")
    )
    state = CycleState(cycle.state)
    own = is_own_unit(request.user, participation.unit_id)
    typed = unsaved.take(request)  # a refused save shows again what was typed
    core = cycle.framework.to_core()  # how the decision says to score each leaf
    kind = participation.unit.kind
    leaves = []
    total = applicable = Decimal(0)
    for s in scores:
        node = core.node(s.criterion.code)
        rules = shown(node, core, kind) if node else {"how": "points", "not_for_kind": ""}
        decisions = {c.round: c for c in s.corrections.all()}
        again = typed if typed.get("score") == str(s.pk) else None
        measure = s.measure if s.measure != NO_CASE else ""
        leaves.append(
            {
                "score": s,
                "rules": rules,
                "value": again.get("self_score", "")
                if again
                else ("" if s.measure == NO_CASE else _plain(s.self_score)),
                "shown_value": "" if s.self_score is None else format_vn(s.self_score),
                "measure": again.get("measure", "") if again else measure,
                "stored_measure": measure,
                "shown_measure": measure_shown(s.measure),
                "no_case": bool(again.get("no_case", "")) if again else s.measure == NO_CASE,
                "not_applicable": bool(again.get("not_applicable", ""))
                if again
                else s.not_applicable,
                "explanation_text": again.get("explanation", "") if again else s.explanation,
                "explain_text": again.get("text", "") if again else "",
                "max": _fmt(s.criterion.max),
                "evidence": [e for e in s.evidence.all() if e.removed_at is None],
                "round1": decisions.get(1),
                "round2": decisions.get(2),
                "explanation": getattr(s, "unit_explanation", None)
                if hasattr(s, "unit_explanation")
                else None,
                "can_explain": own
                and state is CycleState.EXPLANATION
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
            "can_edit": own and officer_may_edit(state, participation.submitted),
            "show_appraisal": state not in (CycleState.DRAFT, CycleState.SELF_ASSESSMENT),
        },
    )


def _plain(value: Decimal | None) -> str:
    """Points as the form's box shows them (8,5), exactly as stored."""
    return "" if value is None else format_vn(value)


TYPED = ("self_score", "measure", "no_case", "not_applicable", "explanation")
"""What an officer types into a leaf's form, shown again when the save is refused."""


def _post_leaf(
    request: AuthenticatedHttpRequest, participation: Participation, field_code: str
) -> HttpResponse:
    if not is_own_unit(request.user, participation.unit_id):
        raise Http404(NOT_FOUND)  # only the unit's own officer writes its self-assessment
    back = redirect(
        "assessments:field_page",
        cycle_id=participation.cycle_id,
        unit_id=participation.unit_id,
        field_code=field_code,
    )
    explaining = "explain" in request.POST
    form = (ExplanationForm if explaining else SelfScoreForm)(request.POST, request.FILES)

    def refused(message: str) -> HttpResponse:
        messages.error(request, message)
        return redirect(back.url + unsaved.keep(request, ("text",) if explaining else TYPED))

    valid = form.is_valid()
    score_id = form.cleaned_data.get("score")
    if score_id is None:
        return refused(form_problems(form))
    score = access_score(request.user, score_id, "self")
    if (score.cycle_id, score.unit_id, score.criterion.field_code) != (
        participation.cycle_id,
        participation.unit_id,
        field_code,
    ):
        messages.error(request, _("Tiêu chí không thuộc trang này."))
        return back
    if not valid:  # named by its criterion: a page has many forms
        return refused(f"Tiêu chí {score.criterion.code} — {form_problems(form)}")
    data = form.cleaned_data
    try:
        if explaining:
            do_explain(request.user, score, data["text"])
            messages.success(
                request, _("Đã gửi giải trình tiêu chí %(code)s.") % {"code": score.criterion.code}
            )
            return back
        upload = data["file"]
        saved = do_save_self_score(
            request.user,
            score,
            data["self_score"],
            data["not_applicable"],
            data["explanation"],
            data["version"],
            measure=data["measure"],
            no_case=data["no_case"],
            upload=upload,
            upload_name=upload.name if upload else "",
        )
        if saved.measure and saved.self_score is not None:
            messages.success(
                request,
                _("Đã lưu tiêu chí %(code)s: %(measure)s → %(points)s điểm.")
                % {
                    "code": score.criterion.code,
                    "measure": measure_shown(saved.measure),
                    "points": format_vn(saved.self_score),
                },
            )
        else:
            messages.success(
                request, _("Đã lưu tiêu chí %(code)s.") % {"code": score.criterion.code}
            )
    except ActionError as exc:
        return refused(exc.message)
    return back


@login_required
@require_POST
def add_evidence(request: AuthenticatedHttpRequest, score_id: int) -> HttpResponse:
    score = access_score(request.user, score_id, "self")
    back = redirect(
        "assessments:field_page",
        cycle_id=score.cycle_id,
        unit_id=score.unit_id,
        field_code=score.criterion.field_code,
    )
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return back
    data = form.cleaned_data
    upload = data["file"]
    reference = EvidenceReference(
        doc_number=data["doc_number"].strip(),
        issuer=data["issuer"].strip(),
        page_ref=data["page_ref"].strip(),
    )
    if data["doc_date"] is not None:
        reference["doc_date"] = data["doc_date"]
    try:
        do_add_evidence(request.user, score, upload, upload.name if upload else "", **reference)
        messages.success(
            request,
            _("Đã thêm tài liệu kiểm chứng cho tiêu chí %(code)s.")
            % {"code": score.criterion.code},
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    return back


@login_required
def download_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    evidence = access_evidence(request.user, evidence_id)
    if not evidence.file:
        from django.http import Http404

        raise Http404("Không tìm thấy trang")
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "tai-lieu",
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def remove_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> HttpResponse:
    evidence = access_evidence(request.user, evidence_id)
    score = access_score(request.user, evidence.score_id, "self")
    try:
        do_remove_evidence(request.user, evidence)
        messages.success(request, _("Đã gỡ tài liệu kiểm chứng."))
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect(
        "assessments:field_page",
        cycle_id=score.cycle_id,
        unit_id=score.unit_id,
        field_code=score.criterion.field_code,
    )


@login_required
@require_POST
def submit_assessment(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int
) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id, for_update=True)
    try:
        do_submit_assessment(request.user, participation)
        messages.success(request, _("Đã nộp phần tự đánh giá."))
    except ActionError as exc:
        messages.error(request, exc.full_message(len(exc.problems)))
    return redirect("assessments:unit_assessment", cycle_id=cycle_id, unit_id=unit_id)


@login_required
@require_POST
def withdraw_assessment(
    request: AuthenticatedHttpRequest, cycle_id: int, unit_id: int
) -> HttpResponse:
    participation = access_participation(request.user, cycle_id, unit_id, for_update=True)
    try:
        do_withdraw_submission(request.user, participation)
        messages.success(request, _("Đã rút lại phần tự đánh giá để chỉnh sửa."))
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect("assessments:unit_assessment", cycle_id=cycle_id, unit_id=unit_id)


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
