"""Cycles: creation (freezing the framework), rounds from a scheme, state transitions,
appraiser assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Q, QuerySet

from parindex.core.framework import Framework as CoreFramework
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.core.scheme import Scheme
from parindex.core.scoring import BLOCK_KEYS
from parindex.core.units import Unit as CoreUnit
from parindex.core.workflow import ORDER, CycleState, transition_problems
from parindex.io.schemes import parse_scheme_text
from parindex.web.access import is_appraiser
from parindex.web.accounts.models import User
from parindex.web.assessments.models import Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.actions_setup import (
    do_add_participants as do_add_participants,
)
from parindex.web.cycles.actions_setup import (
    do_edit_cycle as do_edit_cycle,
)
from parindex.web.cycles.actions_setup import (
    do_extend_deadline as do_extend_deadline,
)
from parindex.web.cycles.actions_setup import (
    do_remove_participant as do_remove_participant,
)
from parindex.web.cycles.actions_setup import (
    do_send_reminders as do_send_reminders,
)
from parindex.web.cycles.mappers import blocks_json
from parindex.web.cycles.models import Assignment, Cycle, Participation, Round
from parindex.web.cycles.opening import notify_opened
from parindex.web.errors import ActionError
from parindex.web.frameworks.models import Framework
from parindex.web.units.models import Unit

NAME_MAX = Cycle._meta.get_field("name").max_length or 300


class Deadlines(TypedDict, total=False):
    """A cycle's deadlines (aware datetimes; None: no deadline)."""

    self_assessment_due: dt.datetime | None
    appraisal_due: dt.datetime | None
    explanation_due: dt.datetime | None
    final_due: dt.datetime | None


def deadlines_of(values: Any) -> Deadlines:
    """The deadlines among a form's cleaned values (a mapping by field name)."""
    return Deadlines(
        self_assessment_due=values.get("self_assessment_due"),
        appraisal_due=values.get("appraisal_due"),
        explanation_due=values.get("explanation_due"),
        final_due=values.get("final_due"),
    )


@transaction.atomic
def do_create_cycle(
    name: str,
    framework: Framework,
    period: str,
    units: Iterable[Unit],
    actor: User,
    block_by: str = "",
    blocks: Sequence[dict[str, Any]] = (),
    in_round: Round | None = None,
    **deadlines: Unpack[Deadlines],
) -> Cycle:
    """A cycle with its units and an empty self-assessment row per unit and self-assessed leaf.

    ``block_by``: "" (one ranking), "kind" or "parent" (ranked within blocks), or "block" for
    a round's cycle, ranked in the scheme's ``blocks`` (made by :func:`do_create_round`).
    """
    if block_by and block_by not in BLOCK_KEYS:
        raise ActionError(f"Không xếp hạng theo khối «{block_by}» được")
    if (block_by == "block") != bool(blocks):
        raise ActionError(
            "Xếp hạng theo khối của phương án chỉ dùng cho kỳ đánh giá của một đợt đánh giá "
            "(tạo đợt đánh giá từ phương án)"
        )
    Framework.objects.filter(pk=framework.pk).update(frozen=True)
    cycle = Cycle.objects.create(
        name=name,
        framework=framework,
        period=period,
        block_by=block_by,
        blocks=list(blocks),
        round=in_round,
        **deadlines,
    )
    leaves = list(framework.criteria.filter(is_leaf=True, source="self"))
    members = list(units)
    Participation.objects.bulk_create([Participation(cycle=cycle, unit=u) for u in members])
    Score.objects.bulk_create(
        [Score(cycle=cycle, unit=u, criterion=c) for u in members for c in leaves]
    )
    record(
        actor,
        AuditAction.CYCLE_CREATE,
        cycle=cycle,
        field="cycle",
        new=f"{name} ({format_count(len(members))} đơn vị)",
    )
    return cycle


def _imported(rows: dict[str, Framework]) -> Callable[[str], CoreFramework]:
    """The scheme's framework references looked up among the imported frameworks (by id)."""

    def resolve(ref: str) -> CoreFramework:
        row = Framework.objects.filter(code=ref.strip()).first()
        if row is None:
            known = ", ".join(Framework.objects.order_by("code").values_list("code", flat=True))
            hint = (
                " — trên trang web, phương án gọi bộ tiêu chí bằng mã (id) của bộ đã nhập"
                if ref.strip().endswith((".yaml", ".yml"))
                else ""
            )
            raise InputError(
                [
                    Problem(
                        f"bộ tiêu chí «{ref}» chưa được nhập vào hệ thống "
                        f"(đã nhập: {known or 'chưa có bộ nào'}){hint}",
                        where="frameworks",
                    )
                ]
            )
        rows[row.code] = row
        return row.to_core()

    return resolve


def _assigned(scheme: Scheme, members: Sequence[Unit]) -> dict[str, list[Unit]]:
    """Each framework's participants (by the core's rule); a participant of a kind no
    framework scores, and a framework no participant takes, are refused together."""
    problems: list[Problem] = []
    core = [CoreUnit(u.code, u.name, u.kind) for u in members]
    try:
        assignment = scheme.assign(core, origin="đơn vị tham gia")
    except InputError as exc:
        problems.extend(exc.problems)
        fitting = [u for u in core if scheme.part_for(u.kind) and scheme.block_for(u.kind)]
        assignment = scheme.assign(fitting)
    for part in scheme.parts:
        if not assignment[part.framework.id]:
            problems.append(
                Problem(
                    f"bộ tiêu chí «{part.framework.id}» (loại {', '.join(part.kinds)}) "
                    "chưa có đơn vị tham gia nào",
                    where="đơn vị tham gia",
                )
            )
    if problems:
        raise ActionError("Chưa tạo được đợt đánh giá", problems)
    by_code = {u.code: u for u in members}
    return {fw: [by_code[u.code] for u in units] for fw, units in assignment.items()}


def units_in_force(kinds: Iterable[str], period: str) -> QuerySet[Unit]:
    """The units of these kinds still in force at the end of the period's year (31/12): a
    2025 round takes the communes formed on 1 July 2025, not those they replaced."""
    rows = Unit.objects.filter(kind__in=list(kinds), active=True)
    if period[:4].isdigit():
        end = dt.date(int(period[:4]), 12, 31)
        rows = rows.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=end),
        )
    return rows.order_by("code")


@transaction.atomic
def do_create_round(
    scheme_yaml: str,
    period: str,
    actor: User,
    *,
    kinds: Sequence[str] = (),
    units: Iterable[Unit] | None = None,
    name: str = "",
    origin: str = "phương án",
    **deadlines: Unpack[Deadlines],
) -> Round:
    """A round (đợt đánh giá) from a scheme: one cycle per framework of the scheme, each with
    the participants of its kinds and the scheme's blocks of those kinds, in one transaction.

    Participants: ``units`` if given, else the units in force of ``kinds`` (none chosen: of
    every kind the scheme scores). The scheme is read by the core (``parse_scheme``), its
    frameworks looked up by id among the imported ones; every problem is refused at once,
    located: the scheme's own (a kind in no block, a block spanning two frameworks), a
    framework not imported, a participant whose kind no framework scores, a framework
    without participants.
    """
    rows: dict[str, Framework] = {}
    try:
        scheme = parse_scheme_text(scheme_yaml, _imported(rows), origin)
    except InputError as exc:
        raise ActionError("Phương án không hợp lệ", exc.problems) from exc
    period = period.strip()
    if not period:
        raise ActionError("Cần ghi kỳ đánh giá (năm)")
    if units is None:
        scored = [k for part in scheme.parts for k in part.kinds]
        units = units_in_force(kinds or scored, period)
    members = list(units)
    if not members:
        raise ActionError("Chưa có đơn vị tham gia nào (không có đơn vị thuộc các loại đã chọn)")
    assignment = _assigned(scheme, members)
    if Round.objects.filter(code=scheme.id, period=period).exists():
        raise ActionError(f"Đã có đợt đánh giá theo phương án «{scheme.id}» cho kỳ {period}")
    made = Round.objects.create(
        code=scheme.id,
        name=(name.strip() or scheme.name)[: Round._meta.get_field("name").max_length],
        year=scheme.year,
        period=period,
        scheme_yaml=scheme_yaml,
        created_by=actor,
    )
    for part in scheme.parts:
        blocks = blocks_json(scheme, part)
        # short enough for a dashboard on a phone; the round's page gives the scheme's name
        when = f"năm {period}" if period.isdigit() else f"kỳ {period}"
        title = f"{part.framework.index_name} {when} — {' · '.join(b['name'] for b in blocks)}"
        do_create_cycle(
            title if len(title) <= NAME_MAX else title[: NAME_MAX - 1] + "…",
            rows[part.framework.id],
            period,
            assignment[part.framework.id],
            actor,
            block_by="block",
            blocks=blocks,
            in_round=made,
            **deadlines,
        )
    record(
        actor,
        AuditAction.ROUND_CREATE,
        field="round",
        new=f"{scheme.id} kỳ {period}: {format_count(len(scheme.parts))} kỳ đánh giá, "
        f"{format_count(len(members))} đơn vị",
    )
    return made


@transaction.atomic
def do_transition_cycle(cycle: Cycle, target: CycleState, actor: User, reason: str = "") -> Cycle:
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    current = CycleState(locked.state)
    refused = transition_problems(current, target, reason)
    if refused:  # one reason at most: said as the message itself
        text = refused[0].message
        raise ActionError(text[:1].upper() + text[1:])
    locked.state = target
    locked.version += 1
    locked.save(update_fields=["state", "version"])
    record(
        actor,
        AuditAction.CYCLE_STATE,
        cycle=locked,
        field="state",
        old=current.value,
        new=target.value,
        reason=reason,
    )
    if ORDER.index(target) > ORDER.index(current):  # going back tells no one
        notify_opened(locked, target)
    return locked


@transaction.atomic
def do_assign_appraiser(
    cycle: Cycle, appraiser: User, unit: Unit, actor: User, field_code: str = ""
) -> Assignment:
    if not is_appraiser(appraiser):
        raise ActionError(f"{appraiser} không phải thành viên Hội đồng thẩm định")
    assignment, _ = Assignment.objects.get_or_create(
        cycle=cycle, appraiser=appraiser, unit=unit, field_code=field_code
    )
    record(
        actor,
        AuditAction.CYCLE_ASSIGN,
        cycle=cycle,
        unit=unit,
        field="appraiser",
        new=f"{appraiser.username} {field_code}".strip(),
    )
    return assignment


@transaction.atomic
def do_unassign_appraiser(assignment: Assignment, actor: User) -> None:
    record(
        actor,
        AuditAction.CYCLE_UNASSIGN,
        cycle=assignment.cycle,
        unit=assignment.unit,
        field="appraiser",
        old=f"{assignment.appraiser.username} {assignment.field_code}".strip(),
    )
    Assignment.objects.filter(pk=assignment.pk).delete()
