"""Publishing a cycle's results (and withdrawing, correcting, superseding them), the decisions
about units that did not submit, and attaching the survey points."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from parindex.core.moments import format_date
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.core.survey import points_beyond_maxima
from parindex.core.workflow import CycleState, Role, publication_problems
from parindex.io.results_json import parse_results, without_scores
from parindex.io.survey_points import survey_from_dict
from parindex.services.scoring import check_survey
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.frameworks.mappers import framework_to_core
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify
from parindex.web.organisation.models import Organisation
from parindex.web.results import integrity, lost_points
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.display import ranking_page
from parindex.web.results.models import (
    Publication,
    Reopening,
    SurveySource,
    UnitDecision,
    Withdrawal,
)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def do_attach_survey(cycle: Any, text: str, actor: Any, draws: bytes = b"") -> SurveySource:
    """Take a points.json (from `parindex survey import`) as the cycle's survey points.

    ``draws``: the simulated draws written beside it (points.draws.npz), from which the
    ranking gets its rank intervals; without them the points stand and no interval is shown.
    """
    try:
        data = json.loads(text, parse_float=Decimal)
        survey = survey_from_dict(data, draws=draws or None)
    except (json.JSONDecodeError, InputError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise ActionError("Tệp điểm điều tra xã hội học không hợp lệ", exc.problems) from exc
        raise ActionError(f"Tệp điểm điều tra xã hội học không hợp lệ: {exc}") from exc
    framework = framework_to_core(cycle.framework)
    wrong = check_survey(framework, survey) or points_beyond_maxima(
        survey, {leaf.code: leaf.max for leaf in framework.leaves if leaf.source == "survey"}
    )
    if wrong:
        raise ActionError("Tệp điểm điều tra xã hội học không dùng được", wrong)
    old = SurveySource.objects.filter(cycle=cycle).first()
    source, _ = SurveySource.objects.update_or_create(
        cycle=cycle,
        defaults={
            "data": text,
            "draws": draws,
            # the draws change the ranks' intervals, so they are part of what the hash names
            "sha256": sha256(text + (hashlib.sha256(draws).hexdigest() if draws else "")),
            "uploaded_by": actor,
        },
    )
    with_draws = f", {format_count(survey.draws)} mẫu mô phỏng" if survey.draws else ""
    record(
        actor,
        "survey.attach",
        cycle=cycle,
        field="survey",
        old=old.sha256[:12] if old else "",
        new=f"{source.sha256[:12]} ({format_count(len(survey.units))} đơn vị{with_draws})",
    )
    return source


def publish_problems(cycle: Any) -> list[Problem]:
    """Why the cycle may not be published now (empty: it may): still in appraisal, or units
    whose scores are reopened for correction and not closed again."""
    problems = list(publication_problems(CycleState(cycle.state)))
    reopened = Reopening.objects.filter(cycle=cycle, closed_at__isnull=True).select_related("unit")
    problems += [
        Problem(f"điểm của {r.unit} đang mở lại để đính chính; đóng lại trước khi công bố")
        for r in reopened.order_by("unit__code")
    ]
    return problems


def reopened_for_correction(cycle: Any, unit_id: int) -> bool:
    """Whether the unit's scores are reopened after publication: the appraisal app lets its
    appraiser correct them as round-2 decisions although the cycle is closed."""
    return Reopening.objects.filter(cycle=cycle, unit_id=unit_id, closed_at__isnull=True).exists()


def decision_text(number: str, decided_on: Any, issuing_body: str) -> str:
    """How the results name their decision: «Quyết định số 12/QĐ-UBND ngày 21/12/2024 của …»."""
    text = f"Quyết định số {number.strip()}"
    if decided_on is not None:
        text += f" ngày {format_date(decided_on)}"
    if issuing_body.strip():
        text += f" của {issuing_body.strip()}"
    return text


def _recipients(cycle: Any) -> list[Any]:
    """The cycle's officers, its appraisers and the leaders."""
    from parindex.web.accounts.models import User
    from parindex.web.cycles.models import Assignment

    units = cycle.participations.values_list("unit_id", flat=True)
    appraisers = Assignment.objects.filter(cycle=cycle).values_list("appraiser_id", flat=True)
    return list(
        User.objects.filter(
            Q(role=Role.OFFICER, unit_id__in=units) | Q(pk__in=appraisers) | Q(role=Role.LEADER)
        )
    )


@transaction.atomic
def do_publish_cycle(
    cycle: Any,
    decision: str,
    decided_on: Any,
    actor: Any,
    reason: str = "",
    *,
    issuing_body: str = "",
    number: str = "",
    place: str = "",
    signer_title: str = "",
    signer_name: str = "",
    report_number: str = "",
    report_date: Any = None,
) -> Publication:
    """Fix the results: an immutable snapshot of inputs, framework version, results and their hash.

    A cycle already published is published again only with a reason; the old publication is
    kept and the new one supersedes it. ``number`` (with the issuing body, place, date and
    signer) is the decision as the documents print it; ``decision`` its name in the results
    (composed from the number when blank). ``report_number`` and ``report_date`` are the
    year's report (the letterhead's when blank).
    """
    not_yet = publish_problems(cycle)
    if not_yet:
        raise ActionError("Chưa công bố được kết quả", not_yet)
    if not decision.strip() and number.strip():
        decision = decision_text(number, decided_on, issuing_body)
    if not decision.strip():
        raise ActionError("Cần ghi số, ngày quyết định công bố")
    current = Publication.objects.filter(cycle=cycle, superseded_by__isnull=True).first()
    if current is not None and not reason.strip():
        raise ActionError("Kỳ đánh giá đã công bố; công bố lại cần ghi lý do")
    inputs = cycle_inputs(cycle)
    try:
        _, results = compute(cycle, inputs, decision=decision.strip())
    except InputError as exc:
        raise ActionError(
            f"Chưa tính được kết quả: còn {format_count(len(exc.problems))} vấn đề", exc.problems
        ) from exc
    summary = without_scores(results)
    stored = {
        "inputs": json.dumps(inputs, ensure_ascii=False, sort_keys=True),
        "summary": summary,
        "page": ranking_page(parse_results(summary)).to_json(),
        # what the unit pages show of the appraisal, as it stands now: never read live later
        "lost_points": lost_points.dumps(lost_points.lost_points_of(cycle)),
    }
    signature, signing_key = integrity.sign_results(results)
    publication = Publication.objects.create(
        cycle=cycle,
        decision=decision.strip(),
        decided_on=decided_on,
        published_by=actor,
        framework_sha256=cycle.framework.sha256,
        results=results,
        **stored,
        sha256=sha256(results),
        checksums=integrity.checksums(stored),
        checksums_recorded="publication",
        signature=signature,
        signing_key=signing_key,
        supersedes=current,
        reason=reason.strip(),
        issuing_body=issuing_body.strip(),
        number=number.strip(),
        place=place.strip(),
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        report_number=report_number.strip(),
        report_date=report_date,
        letterhead_text=Organisation.current().letterhead,
    )
    record(
        actor,
        "cycle.publish",
        cycle=cycle,
        field="publication",
        old=current.sha256[:12] if current else "",
        new=f"{decision.strip()} ({publication.sha256[:12]})" + _report_of(publication),
        reason=reason,
    )
    # every unit that lost points gets its draft «Kế hoạch khắc phục tồn tại, hạn chế»
    from parindex.web.plans.remediation import seed_remediation

    seed_remediation(publication, actor)
    url = reverse("results:publication", args=[publication.pk])
    # the last step, so nothing after it can undo the publication the mail announces
    notify(
        _recipients(cycle),
        NoticeKind.RESULTS_PUBLISHED,
        f"Đã công bố kết quả {cycle.name}",
        f"Kết quả được công bố theo {publication.decision}."
        + (f" Công bố lại: {publication.reason}" if publication.reason else ""),
        url=url,
        cycle=cycle,
    )
    return publication


def _report_of(publication: Publication) -> str:
    """«; báo cáo số 15/BC-SNV ngày 20/01/2026», as the audit records the report published."""
    from parindex.reports.letterhead import short_date

    if not (publication.report_number or publication.report_date):
        return ""
    number = publication.report_number or "…"
    when = f" ngày {short_date(publication.report_date)}" if publication.report_date else ""
    return f"; báo cáo số {number}{when}"


@transaction.atomic
def do_withdraw_publication(publication: Publication, reason: str, actor: Any) -> Withdrawal:
    """Withdraw a publication with its reason; the record stays, its pages say it was withdrawn."""
    from parindex.web.accounts.models import User

    if not reason.strip():
        raise ActionError("Thu hồi công bố cần ghi lý do")
    if Withdrawal.objects.filter(publication=publication).exists():
        raise ActionError("Công bố này đã được thu hồi")
    if Publication.objects.filter(supersedes=publication).exists():
        raise ActionError("Công bố này đã được thay thế; không thu hồi được")
    withdrawal = Withdrawal.objects.create(
        publication=publication, reason=reason.strip(), withdrawn_by=actor
    )
    cycle = publication.cycle
    record(
        actor,
        AuditAction.PUBLICATION_WITHDRAW,
        cycle=cycle,
        field="publication",
        old=f"{publication.decision} ({publication.sha256[:12]})",
        new="đã thu hồi",
        reason=reason.strip(),
    )
    url = reverse("results:publication", args=[publication.pk])
    people = list(User.objects.filter(role__in=[Role.ADMIN, Role.LEADER]))
    notify(
        people,
        NoticeKind.PUBLICATION_WITHDRAWN,
        f"Đã thu hồi công bố kết quả {cycle.name}",
        f"{publication.decision} đã được thu hồi. Lý do: {withdrawal.reason}",
        url=url,
        cycle=cycle,
    )
    return withdrawal


@transaction.atomic
def do_decide_unit(cycle: Any, unit: Any, choice: str, reason: str, actor: Any) -> UnitDecision:
    """For a unit that did not submit: score what it has (missing criteria at 0) or leave it
    out of this cycle; with a reason, audited."""
    if choice not in UnitDecision.Choice.values:
        raise ActionError("Chọn tính điểm đang có hoặc không xếp hạng đơn vị")
    if not reason.strip():
        raise ActionError(f"Quyết định về {unit} cần ghi lý do")
    participation = cycle.participations.filter(unit=unit).first()
    if participation is None:
        raise ActionError(f"{unit} không tham gia kỳ đánh giá này")
    if participation.submitted_at is not None:
        raise ActionError(f"{unit} đã gửi tự đánh giá; không cần quyết định")
    old = UnitDecision.objects.filter(cycle=cycle, unit=unit).first()
    decision, _ = UnitDecision.objects.update_or_create(
        cycle=cycle,
        unit=unit,
        defaults={"choice": choice, "reason": reason.strip(), "decided_by": actor},
    )
    record(
        actor,
        AuditAction.RESULT_UNIT_DECISION,
        cycle=cycle,
        unit=unit,
        field="unit_decision",
        old=old.get_choice_display() if old else "",
        new=decision.get_choice_display(),
        reason=reason.strip(),
    )
    return decision


@transaction.atomic
def do_reopen_scores(cycle: Any, units: list[Any], reason: str, actor: Any) -> list[Reopening]:
    """Reopen the chosen units' scores after publication, so that they are corrected in the
    appraisal's round 2; the cycle is published again only once each is closed."""
    if not units:
        raise ActionError("Chọn ít nhất một đơn vị để mở lại điểm")
    if not reason.strip():
        raise ActionError("Mở lại điểm cần ghi lý do")
    if CycleState(cycle.state) is not CycleState.CLOSED:
        raise ActionError("Chỉ mở lại điểm khi kỳ đánh giá đã kết thúc thẩm định")
    made: list[Reopening] = []
    for unit in units:
        if Reopening.objects.filter(cycle=cycle, unit=unit, closed_at__isnull=True).exists():
            raise ActionError(f"Điểm của {unit} đang được mở lại")
        made.append(
            Reopening.objects.create(cycle=cycle, unit=unit, reason=reason.strip(), opened_by=actor)
        )
        record(
            actor,
            AuditAction.SCORE_REOPEN,
            cycle=cycle,
            unit=unit,
            field="scores",
            old="đã chốt",
            new="mở lại để đính chính (thẩm định lần 2)",
            reason=reason.strip(),
        )
    _tell_appraisers(cycle, units, reason.strip())
    return made


def _tell_appraisers(cycle: Any, units: list[Any], reason: str) -> None:
    """The appraisers of the reopened units are told to correct them (round 2)."""
    from django.urls import reverse

    from parindex.web.accounts.models import User
    from parindex.web.notices.models import NoticeKind
    from parindex.web.notices.send import notify

    appraisers = User.objects.filter(
        assignments__cycle=cycle, assignments__unit__in=[u.pk for u in units]
    ).distinct()
    names = ", ".join(str(u) for u in units)
    notify(
        appraisers,
        NoticeKind.ROUND_OPENED,
        f"Mở lại điểm để đính chính: {names}",
        f"{cycle.name}: điểm của {names} được mở lại để thẩm định lại (lần 2). Lý do: {reason}",
        url=reverse("appraisals:appraisal_queue", args=[cycle.pk]),
        cycle=cycle,
    )


@transaction.atomic
def do_close_reopening(reopening: Reopening, actor: Any) -> Reopening:
    """Close a unit's reopened scores again: the corrections stand, the cycle may be published."""
    if reopening.closed_at is not None:
        raise ActionError("Điểm của đơn vị này đã được đóng lại")
    reopening.closed_at = timezone.now()
    reopening.closed_by = actor
    reopening.save(update_fields=["closed_at", "closed_by"])
    record(
        actor,
        AuditAction.SCORE_REOPEN,
        cycle=reopening.cycle,
        unit=reopening.unit,
        field="scores",
        old="mở lại để đính chính",
        new="đã đóng lại",
    )
    return reopening


@dataclass(frozen=True)
class Verification:
    """What "Tính lại để kiểm tra" found: the recomputation and the stored parts' hashes."""

    recomputed: bool
    stored: integrity.StoredCheck

    @property
    def holds(self) -> bool:
        return self.recomputed and self.stored.intact


def do_verify_publication(publication: Publication, actor: Any) -> Verification:
    """Recompute from the stored inputs and hash every stored part; the outcome is audited."""
    stored = integrity.stored_check(publication)
    full = Publication.objects.select_related("cycle__framework").get(pk=publication.pk)
    recomputed = recompute_matches(full)
    outcome = ("tính lại khớp" if recomputed else "tính lại KHÔNG khớp") + "; " + stored.outcome()
    record(
        actor,
        AuditAction.PUBLICATION_VERIFY,
        cycle=publication.cycle,
        field="publication",
        old=f"{publication.decision} ({publication.sha256[:12]})",
        new=outcome,
    )
    return Verification(recomputed, stored)


def verify_for(publication: Publication, actor: Any) -> Verification:
    """ "Tính lại để kiểm tra" as the page offers it: a signed-in person gets a fresh, audited
    check every time; visitors share one recomputation per publication for
    ``settings.VISITOR_RECOMPUTE_SECONDS`` (a crawler cannot make the portal recompute and
    write an audit row on every request), while the stored parts' hashes are checked afresh on
    every visit, so an edit in the database still shows at once."""
    if actor is not None and actor.is_authenticated:
        return do_verify_publication(publication, actor)
    published = round(publication.published_at.timestamp() * 1_000_000)  # microseconds: unique
    key = f"parindex-recomputed-{publication.pk}-{publication.sha256}-{published}"
    recomputed = cache.get(key)
    if recomputed is None:
        verification = do_verify_publication(publication, None)
        cache.set(key, verification.recomputed, settings.VISITOR_RECOMPUTE_SECONDS)
        return verification
    return Verification(bool(recomputed), integrity.stored_check(publication))


def recompute_matches(publication: Publication) -> bool:
    """Recompute from the stored inputs and framework: the same results, digit for digit?"""
    if publication.cycle.framework.sha256 != publication.framework_sha256:
        return False
    inputs = json.loads(publication.inputs)
    _, results = compute(publication.cycle, inputs, decision=publication.decision)
    if sha256(results) == publication.sha256:
        return True
    # published before the writer learned more (criteria, bonus): every figure it has, equal
    from parindex.io.results_json import same_figures

    return sha256(publication.results) == publication.sha256 and same_figures(
        publication.results, results
    )
