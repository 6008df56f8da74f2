"""The cycle's process as rules: states, transitions, who may do what, and submission checks.

A cycle moves forward through its states; each role may act only in some of them.
The web app asks these rules and never writes its own.

>>> can_transition(CycleState.SELF_ASSESSMENT, CycleState.APPRAISAL)
True
>>> can_transition(CycleState.APPRAISAL, CycleState.DRAFT)
False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from parindex.core.framework import Framework
from parindex.core.problems import Problem


class CycleState(StrEnum):
    DRAFT = "draft"
    SELF_ASSESSMENT = "self_assessment"
    APPRAISAL = "appraisal"
    EXPLANATION = "explanation"
    FINAL_APPRAISAL = "final_appraisal"
    CLOSED = "closed"


STATE_LABELS = {
    CycleState.DRAFT: "Đang chuẩn bị",
    CycleState.SELF_ASSESSMENT: "Tự đánh giá, chấm điểm",
    CycleState.APPRAISAL: "Thẩm định lần 1",
    CycleState.EXPLANATION: "Giải trình",
    CycleState.FINAL_APPRAISAL: "Thẩm định lần 2",
    CycleState.CLOSED: "Đã kết thúc thẩm định",
}

ORDER = tuple(CycleState)


def can_transition(current: CycleState, target: CycleState) -> bool:
    """A cycle moves one state forward at a time; the admin may also reopen the previous state."""
    i, j = ORDER.index(current), ORDER.index(target)
    return j == i + 1 or (j == i - 1 and current is not CycleState.CLOSED)


def next_states(current: CycleState) -> list[CycleState]:
    """Where the cycle may go from ``current``: the next step first, then the step back, if any.

    >>> next_states(CycleState.APPRAISAL)
    [<CycleState.EXPLANATION: 'explanation'>, <CycleState.SELF_ASSESSMENT: 'self_assessment'>]
    """
    i = ORDER.index(current)
    forward = [ORDER[i + 1]] if i + 1 < len(ORDER) else []
    back = [ORDER[i - 1]] if i > 0 and current is not CycleState.CLOSED else []
    return forward + back


def transition_problems(current: CycleState, target: CycleState, reason: str) -> list[Problem]:
    """Why the cycle may not move from ``current`` to ``target`` (empty: it may).

    Going back reopens a finished step (a unit may edit again, a round is undone), so it
    needs a reason, which the audit trail keeps.

    >>> print(transition_problems(CycleState.APPRAISAL, CycleState.SELF_ASSESSMENT, "")[0])
    quay lại bước «Tự đánh giá, chấm điểm» cần ghi lý do
    """
    if not can_transition(current, target):
        return [
            Problem(
                f"không chuyển được kỳ đánh giá từ «{STATE_LABELS[current]}» "
                f"sang «{STATE_LABELS[target]}»"
            )
        ]
    if ORDER.index(target) < ORDER.index(current) and not reason.strip():
        return [Problem(f"quay lại bước «{STATE_LABELS[target]}» cần ghi lý do")]
    return []


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    APPRAISER = "appraiser"
    LEADER = "leader"


ROLE_LABELS = {
    Role.ADMIN: "Quản trị (Sở Nội vụ)",
    Role.OFFICER: "Cán bộ đầu mối CCHC của đơn vị",
    Role.APPRAISER: "Thành viên Hội đồng thẩm định",
    Role.LEADER: "Lãnh đạo",
}


def officer_may_edit(state: CycleState, submitted: bool) -> bool:
    """A unit edits its self-assessment while the round is open and it has not submitted."""
    return state is CycleState.SELF_ASSESSMENT and not submitted


def publication_problems(state: CycleState) -> list[Problem]:
    """Why a cycle in ``state`` may not be published yet (empty: it may).

    Results are published once the appraisal is over: a publication fixes the figures that
    rate leaders, so none is made while scores can still change.

    >>> publication_problems(CycleState.CLOSED)
    []
    >>> print(publication_problems(CycleState.FINAL_APPRAISAL)[0])
    chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định (kỳ đang ở bước «Thẩm định lần 2»)
    """
    if state is CycleState.CLOSED:
        return []
    return [
        Problem(
            "chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định "
            f"(kỳ đang ở bước «{STATE_LABELS[state]}»)"
        )
    ]


def appraisal_round(state: CycleState) -> int | None:
    """Which appraisal round an appraiser may correct in (1 or 2), if any."""
    return {CycleState.APPRAISAL: 1, CycleState.FINAL_APPRAISAL: 2}.get(state)


@dataclass(frozen=True)
class LeafEntry:
    """What a unit has entered for one leaf, as the submission check needs it."""

    score: Decimal | None  # None: not scored yet
    not_applicable: bool = False
    has_evidence: bool = False
    explanation: str = ""


def submission_problems(framework: Framework, entries: Mapping[str, LeafEntry]) -> list[Problem]:
    """Every self-assessed leaf has a score (or is not applicable); a leaf asking for evidence
    has it or an explanation of why not, as the Ministry's guidance requires."""
    problems = []
    for leaf in framework.leaves:
        if leaf.source != "self":
            continue
        entry = entries.get(leaf.code, LeafEntry(None))
        if entry.score is None and not entry.not_applicable:
            problems.append(Problem("chưa chấm điểm", criterion=leaf.code))
        elif (
            leaf.evidence
            and not entry.not_applicable
            and not entry.has_evidence
            and not entry.explanation.strip()
        ):
            problems.append(
                Problem(
                    "cần tài liệu kiểm chứng hoặc giải thích lý do không có", criterion=leaf.code
                )
            )
    return problems


def final_score(
    self_score: Decimal | None, round1: Decimal | None, round2: Decimal | None
) -> Decimal | None:
    """The score that stands: round 2's decision, else round 1's correction, else the self score.

    >>> final_score(Decimal("8"), Decimal("7"), None)
    Decimal('7')
    """
    for value in (round2, round1, self_score):
        if value is not None:
            return value
    return None
