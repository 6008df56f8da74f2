"""One access gate per object type. A stranger gets the same 404 as for a page that does not exist.

Every view fetches its objects through these functions; none reads a model by id itself.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from parindex.core.workflow import Role
from parindex.web.accounts.models import PasswordSheet, User
from parindex.web.assessments.models import Evidence, Score
from parindex.web.cycles.models import Assignment, Cycle, Participation, Round
from parindex.web.indicators.models import Indicator, IndicatorValue
from parindex.web.notices.models import Notice
from parindex.web.onestop.models import RegisterImport
from parindex.web.plans.models import Finding, Plan, PlanTask, Review, TaskFile
from parindex.web.results.models import Publication, without_parts
from parindex.web.units.models import PendingImport, Unit

NOT_FOUND = "Không tìm thấy trang"

Visitor: TypeAlias = User | AnonymousUser
"""Whoever asks: ``request.user``, signed in or not."""


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``@login_required``: its user has signed in.

    Only for type checking (Django builds a plain ``HttpRequest``); the decorator is what makes
    it true, so every view annotated with it must carry ``@login_required``.
    """

    user: User


def signed_in(request: HttpRequest) -> User:
    """``request.user`` where Django has already asked for a sign-in (the admin site's pages)."""
    if not request.user.is_authenticated:
        raise Http404(NOT_FOUND)  # not reached: the admin site sends strangers to its login
    return request.user


def _role(user: Visitor) -> str:
    return user.role if user.is_authenticated else ""


# Who someone is, asked in one place: views and templates use these, never ``user.role``.
def is_admin(user: Visitor) -> bool:
    """The Home Affairs office: manages cycles, publishes, exports."""
    return _role(user) == Role.ADMIN


def is_appraiser(user: Visitor) -> bool:
    return _role(user) == Role.APPRAISER


def is_leader(user: Visitor) -> bool:
    """The People's Committee's leaders: read everything, change nothing."""
    return _role(user) == Role.LEADER


def is_officer(user: Visitor) -> bool:
    return _role(user) == Role.OFFICER


def is_own_unit(user: Visitor, unit_id: int) -> bool:
    """The unit's own officer (who alone fills, submits and explains its self-assessment)."""
    return user.is_authenticated and is_officer(user) and user.unit_id == int(unit_id)


def may_use_appraisal_queue(user: Visitor) -> bool:
    return _role(user) in (Role.ADMIN, Role.APPRAISER)


def visible_cycles(user: Visitor) -> QuerySet[Cycle]:
    if not user.is_authenticated:
        return Cycle.objects.none()
    role = user.role
    if role in (Role.ADMIN, Role.LEADER):
        return Cycle.objects.all()
    if role == Role.OFFICER and user.unit_id:
        return Cycle.objects.filter(
            participations__unit=user.unit_id, participations__removed_at__isnull=True
        )
    if role == Role.APPRAISER:
        return Cycle.objects.filter(assignments__appraiser=user).distinct()
    return Cycle.objects.none()


def access_cycle(user: Visitor, cycle_id: int, manage: bool = False) -> Cycle:
    """A cycle the user may see; ``manage`` (state changes, assignments, exports) is the admin's."""
    if manage and not is_admin(user):
        raise Http404(NOT_FOUND)
    try:
        return visible_cycles(user).get(pk=cycle_id)
    except (Cycle.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def visible_rounds(user: Visitor) -> QuerySet[Round]:
    """Rounds with a cycle the user may see (the admin and the leader: every round)."""
    if not user.is_authenticated:
        return Round.objects.none()
    if user.role in (Role.ADMIN, Role.LEADER):
        return Round.objects.all()
    return Round.objects.filter(cycles__in=visible_cycles(user)).distinct()


def access_round(user: Visitor, round_id: int) -> Round:
    """A round the user may see; its page lists only the cycles the user may see
    (``visible_cycles``)."""
    try:
        return visible_rounds(user).get(pk=round_id)
    except (Round.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def access_round_results(user: Visitor, round_id: int | str) -> Round:
    """A round with at least one published cycle: public, like every published result. A
    round with nothing published looks like a page that does not exist."""
    try:
        return (
            Round.objects.filter(
                cycles__publications__superseded_by__isnull=True,
                cycles__publications__isnull=False,
            )
            .distinct()
            .get(pk=int(round_id))
        )
    except (Round.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def visible_participations(user: Visitor, cycle: Cycle) -> QuerySet[Participation]:
    rows = Participation.objects.filter(cycle=cycle).select_related("unit", "cycle")
    if not user.is_authenticated:
        return rows.none()
    role = user.role
    if role in (Role.ADMIN, Role.LEADER):
        return rows
    if role == Role.OFFICER:
        return rows.filter(unit=user.unit_id)
    if role == Role.APPRAISER:
        return rows.filter(
            unit__in=Assignment.objects.filter(cycle=cycle, appraiser=user).values("unit")
        )
    return rows.none()


def access_participation(
    user: Visitor, cycle_id: int, unit_id: int, for_update: bool = False
) -> Participation:
    """A unit's part in a cycle; ``for_update`` (edit, submit, explain) only for the unit's own officer."""
    cycle = access_cycle(user, cycle_id)
    if for_update and not is_own_unit(user, unit_id):
        raise Http404(NOT_FOUND)
    try:
        return visible_participations(user, cycle).get(unit=unit_id)
    except (Participation.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def appraisable_fields(user: User, cycle: Cycle, unit_id: int) -> set[str] | None:
    """Field codes the appraiser may correct for the unit (None: every field); empty: none."""
    codes = set(
        Assignment.objects.filter(cycle=cycle, appraiser=user, unit=unit_id).values_list(
            "field_code", flat=True
        )
    )
    if "" in codes:
        return None
    return codes


def readable_fields(user: Visitor, cycle: Cycle, unit_id: int) -> set[str] | None:
    """Field codes of the unit's assessment the user may read (None: every field): an
    appraiser reads only the fields assigned to them for the unit."""
    if is_appraiser(user) and isinstance(user, User):
        return appraisable_fields(user, cycle, unit_id)
    return None


def readable_fields_by_unit(user: Visitor, cycle: Cycle) -> dict[int, set[str] | None] | None:
    """``readable_fields`` of every unit at once (None: every field of every visible unit)."""
    if not (is_appraiser(user) and isinstance(user, User)):
        return None
    fields: dict[int, set[str] | None] = {}
    for unit_id, code in Assignment.objects.filter(cycle=cycle, appraiser=user).values_list(
        "unit", "field_code"
    ):
        known = fields.setdefault(unit_id, set())
        if code == "" or known is None:
            fields[unit_id] = None
        else:
            known.add(code)
    return fields


def may_read_field(user: Visitor, cycle: Cycle, unit_id: int, field_code: str) -> bool:
    allowed = readable_fields(user, cycle, unit_id)
    return allowed is None or field_code in allowed


def access_field(user: Visitor, participation: Participation, field_code: str) -> None:
    """A field of a unit's assessment: 404 for an appraiser not assigned that field."""
    if not may_read_field(user, participation.cycle, participation.unit_id, field_code):
        raise Http404(NOT_FOUND)


def access_score(user: Visitor, score_id: int, purpose: str = "read") -> Score:
    """A leaf entry. purpose: read | self (officer edits) | appraise (assigned appraiser) | explain."""
    try:
        score = Score.objects.select_related("cycle__framework", "unit", "criterion").get(
            pk=score_id
        )
    except (Score.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    role = _role(user)
    own = user.is_authenticated and role == Role.OFFICER and user.unit_id == score.unit_id
    if purpose in ("self", "explain"):
        allowed = own
    elif purpose == "appraise":
        allowed = role == Role.APPRAISER and _assigned(user, score)
    else:
        allowed = (
            role in (Role.ADMIN, Role.LEADER)
            or own
            or (role == Role.APPRAISER and _assigned(user, score))
        )
    if not allowed:
        raise Http404(NOT_FOUND)
    return score


def _assigned(user: Visitor, score: Score) -> bool:
    if not user.is_authenticated:
        return False
    return Assignment.objects.filter(
        Q(field_code="") | Q(field_code=score.criterion.field_code),
        cycle=score.cycle_id,
        appraiser=user,
        unit=score.unit_id,
    ).exists()


def access_evidence(user: Visitor, evidence_id: int) -> Evidence:
    """Evidence is served only to those who may read its score."""
    try:
        evidence = Evidence.objects.select_related("score").get(
            pk=evidence_id, removed_at__isnull=True
        )
    except (Evidence.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    access_score(user, evidence.score_id, "read")
    return evidence


def access_publication(
    user: Visitor, publication_id: int | str, *, full: bool = False, manage: bool = False
) -> Publication:
    """A publication: published results are public; ``manage`` (building its documents) is the
    admin's. Pages read its summary; ``full`` loads the whole results.json and the inputs too
    (the API, the documents). The stored parts the pages read (tens of MB for a national
    run) are read once per process, not with the row (``Publication.text``)."""
    if manage and not is_admin(user):
        raise Http404(NOT_FOUND)
    rows = Publication.objects.select_related(
        "cycle__framework", "cycle__round", "published_by", "supersedes", "superseded_by"
    )
    rows = rows.defer(*without_parts("supersedes", "superseded_by"))
    if full:  # the row's own results and inputs with it, still none of its neighbours'
        rows = rows.defer(None).defer(
            "summary", "page", "lost_points", *without_parts("supersedes", "superseded_by")[5:]
        )
    try:
        return rows.get(pk=int(publication_id))
    except (Publication.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


# --- Setup: units and accounts (the admin's; the leader may read the units) ------------------


def may_read_units(user: Visitor) -> bool:
    return _role(user) in (Role.ADMIN, Role.LEADER)


def access_unit(user: Visitor, unit_id: int | str, manage: bool = True) -> Unit:
    """A unit to edit or deactivate (the admin), or to read (``manage=False``: the leader too)."""
    if not (is_admin(user) if manage else may_read_units(user)):
        raise Http404(NOT_FOUND)
    try:
        return Unit.objects.select_related("parent").get(pk=int(unit_id))
    except (Unit.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def access_account(user: Visitor, account_id: int | str) -> User:
    """Another person's account, to edit, deactivate or give a new password: the admin only."""
    if not is_admin(user):
        raise Http404(NOT_FOUND)
    try:
        return User.objects.select_related("unit").get(pk=int(account_id))
    except (User.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def access_pending_import(user: Visitor, kind: str) -> PendingImport | None:
    """The roster the admin uploaded and has not confirmed yet (only their own)."""
    if not is_admin(user):
        raise Http404(NOT_FOUND)
    return PendingImport.objects.filter(owner=user.pk, kind=kind).order_by("-pk").first()


def access_password_sheet(user: Visitor) -> PasswordSheet | None:
    """The admin's one-time passwords not downloaded yet (only their own)."""
    if not is_admin(user):
        raise Http404(NOT_FOUND)
    return PasswordSheet.objects.filter(owner=user.pk).order_by("-pk").first()


# ---- notices (the bell): each user's own, nobody else's ---------------------------------------


def access_notice(user: Visitor, notice_id: int) -> Notice:
    """One of the user's own notices; anyone else's looks like a page that does not exist."""
    if not user.is_authenticated:
        raise Http404(NOT_FOUND)
    try:
        return Notice.objects.get(pk=int(notice_id), user=user)
    except (Notice.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


# Between two indexes (issue 14): plans, their tasks and files, findings, reviews.
def visible_plans(user: Visitor) -> QuerySet[Plan]:
    """The admin and the leaders: every plan; an officer: the plans its unit issued (its own
    remediation plan) and those with a task it leads."""
    if not user.is_authenticated:
        return Plan.objects.none()
    if user.role in (Role.ADMIN, Role.LEADER):
        return Plan.objects.all()
    if user.role == Role.OFFICER and user.unit_id:
        return Plan.objects.filter(
            Q(issuer=user.unit_id) | Q(tasks__lead_unit=user.unit_id)
        ).distinct()
    return Plan.objects.none()


def access_plan(user: Visitor, plan_id: int | str, manage: bool = False) -> Plan:
    """A plan the user may see; ``manage``: the admin, or the officer of the unit that issues
    it while it is a draft (a unit drafts and issues its own remediation plan)."""
    try:
        plan = visible_plans(user).select_related("issuer").get(pk=int(plan_id))
    except (Plan.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    if manage and not may_edit_plan(user, plan):
        raise Http404(NOT_FOUND)
    return plan


def may_edit_plan(user: Visitor, plan: Plan) -> bool:
    if is_admin(user):
        return True
    return plan.issuer_id is not None and is_own_unit(user, plan.issuer_id) and not plan.issued


def visible_tasks(user: Visitor) -> QuerySet[PlanTask]:
    if not user.is_authenticated:
        return PlanTask.objects.none()
    if user.role in (Role.ADMIN, Role.LEADER):
        return PlanTask.objects.all()
    if user.role == Role.OFFICER and user.unit_id:
        return PlanTask.objects.filter(Q(lead_unit=user.unit_id) | Q(plan__issuer=user.unit_id))
    return PlanTask.objects.none()


def may_report_task(user: Visitor, task: PlanTask) -> bool:
    """The lead unit's officer reports a task's progress; the Home Affairs office may report
    for any lead (a task led by «UBND các xã» or a body without an account)."""
    if is_admin(user):
        return True
    return task.lead_unit_id is not None and is_own_unit(user, task.lead_unit_id)


def access_task(user: Visitor, task_id: int | str, purpose: str = "read") -> PlanTask:
    """A task the user may see; ``purpose`` "report" (its progress) or "manage" (its lead unit,
    deadline and criteria: the admin, or the issuer's officer while the plan is a draft)."""
    try:
        task = visible_tasks(user).select_related("plan", "lead_unit").get(pk=int(task_id))
    except (PlanTask.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    if purpose == "report" and not may_report_task(user, task):
        raise Http404(NOT_FOUND)
    if purpose == "manage" and not may_edit_plan(user, task.plan):
        raise Http404(NOT_FOUND)
    return task


def access_task_file(user: Visitor, file_id: int | str) -> TaskFile:
    try:
        found = TaskFile.objects.select_related("report__task").get(pk=int(file_id))
    except (TaskFile.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    access_task(user, found.report.task_id)
    return found


def access_finding(user: Visitor, finding_id: int | str) -> Finding:
    """A finding of a plan the user may edit (its causes; the tasks that remedy it)."""
    try:
        found = Finding.objects.select_related("plan").get(pk=int(finding_id))
    except (Finding.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    if found.plan_id is None:
        if not is_admin(user):
            raise Http404(NOT_FOUND)
        return found
    access_plan(user, found.plan_id, manage=True)
    return found


def access_review(user: Visitor, review_id: int | str, manage: bool = False) -> Review:
    """Inspections and conferences: the admin and the leaders read them, the admin records."""
    if not (is_admin(user) or (is_leader(user) and not manage)):
        raise Http404(NOT_FOUND)
    try:
        return Review.objects.get(pk=int(review_id))
    except (Review.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def access_register_import(user: Visitor, import_id: int | str) -> RegisterImport:
    """A one-stop register's figures: the admin and the leaders."""
    if not (is_admin(user) or is_leader(user)):
        raise Http404(NOT_FOUND)
    try:
        return RegisterImport.objects.get(pk=int(import_id))
    except (RegisterImport.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


# Targets and indicators (issue 15): the admin and the leaders read them all; a unit's
# officer enters and reads its own unit's figures only.
def may_see_indicators(user: Visitor) -> bool:
    return is_admin(user) or is_leader(user)


def access_indicator(user: Visitor, indicator_id: int | str) -> Indicator:
    if not may_see_indicators(user):
        raise Http404(NOT_FOUND)
    try:
        return Indicator.objects.get(pk=int(indicator_id))
    except (Indicator.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None


def access_indicator_unit(user: Visitor, unit_id: int | str, enter: bool = False) -> Unit:
    """A unit's figures: its own officer (who alone enters them), the admin and the leaders
    (who read them)."""
    try:
        unit = Unit.objects.get(pk=int(unit_id))
    except (Unit.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    if is_own_unit(user, unit.pk) or (not enter and may_see_indicators(user)):
        return unit
    raise Http404(NOT_FOUND)


def access_indicator_value(user: Visitor, value_id: int | str) -> IndicatorValue:
    try:
        found = IndicatorValue.objects.select_related("unit", "indicator").get(pk=int(value_id))
    except (IndicatorValue.DoesNotExist, ValueError):
        raise Http404(NOT_FOUND) from None
    access_indicator_unit(user, found.unit_id)
    return found
