"""The site's menu as data: each entry's label, URL name and who sees it, defined once.

``base.html`` renders ``menu_for(request)`` (through the ``site_menu`` tag); a test reverses
every entry, so an entry naming a page that does not exist fails the suite. Entries that take
a cycle (``needs``) point at the user's current cycle and are left out when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest
from django.urls import reverse

from parindex.core.workflow import CycleState, Role
from parindex.web.access import Visitor, visible_cycles
from parindex.web.cycles.models import Cycle

ANONYMOUS = "anonymous"
SIGNED_IN = frozenset(Role)
EVERYONE = SIGNED_IN | {ANONYMOUS}


class Needs(Enum):
    NOTHING = "nothing"
    CYCLE = "cycle"  # the current cycle's id
    CYCLE_AND_UNIT = "cycle+unit"  # the current cycle's id and the officer's unit
    LONE_CYCLE = "lone cycle"  # the current cycle's id, when it is not one of a round's
    ROUND = "round"  # the current cycle's round's id (a round: one cycle per framework)


@dataclass(frozen=True)
class Entry:
    label: str  # Vietnamese; the template translates it
    url_name: str
    roles: frozenset[str]
    needs: Needs = Needs.NOTHING


ADMIN = frozenset({Role.ADMIN})
ENTRIES: tuple[Entry, ...] = (
    Entry("Bảng điều khiển", "cycles:dashboard", ADMIN | {Role.APPRAISER}),
    Entry("Việc cần làm", "cycles:dashboard", frozenset({Role.OFFICER, Role.LEADER})),
    Entry("Đợt hiện tại", "cycles:round", frozenset({Role.ADMIN, Role.LEADER}), Needs.ROUND),
    Entry("Kỳ hiện tại", "cycles:cycle", frozenset({Role.ADMIN, Role.LEADER}), Needs.LONE_CYCLE),
    Entry(
        "Tự đánh giá kỳ hiện tại",
        "assessments:unit_assessment",
        frozenset({Role.OFFICER}),
        Needs.CYCLE_AND_UNIT,
    ),
    Entry("Thẩm định", "appraisals:appraisal_queue", frozenset({Role.APPRAISER}), Needs.CYCLE),
    Entry("Tổng quan cho lãnh đạo", "leadership:dashboard", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Tạo đợt đánh giá", "cycles:round_create", ADMIN),
    Entry("Kế hoạch CCHC", "plans:list", frozenset({Role.ADMIN, Role.LEADER, Role.OFFICER})),
    Entry("Kiểm tra, hội nghị", "reviews:list", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Thống kê một cửa", "onestop:list", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Nhiệm vụ của đơn vị", "plans:my_tasks", frozenset({Role.OFFICER})),
    Entry("Chỉ tiêu", "indicators:list", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Chỉ tiêu của đơn vị", "indicators:mine", frozenset({Role.OFFICER})),
    Entry("Bộ tiêu chí", "frameworks:list", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Đơn vị", "units:list", frozenset({Role.ADMIN, Role.LEADER})),
    Entry("Người dùng", "accounts:users", ADMIN),
    Entry("Thông tin cơ quan", "organisation:settings", ADMIN),
    Entry("Nhật ký tài khoản", "audit:account_log", ADMIN),
    Entry("Công khai kết quả", "results:public_index", EVERYONE),
    Entry("Thông báo", "notices:list", SIGNED_IN),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool  # the page shown is this entry's (aria-current)


def current_cycle(user: Visitor) -> Cycle | None:
    """The cycle a user works in now: the newest one under way (an appraiser's: one in
    appraisal first); None when none is under way."""
    under_way = visible_cycles(user).exclude(state__in=(CycleState.DRAFT, CycleState.CLOSED))
    busy = (CycleState.APPRAISAL, CycleState.FINAL_APPRAISAL)
    if user.is_authenticated and user.role == Role.APPRAISER:
        under_way = under_way.annotate(
            first=Case(
                When(state__in=busy, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("first", "-period", "-pk")
    else:
        under_way = under_way.order_by("-period", "-pk")
    return under_way.first()


def _role(user: Visitor) -> str:
    return str(user.role) if user.is_authenticated else ANONYMOUS


def menu_for(request: HttpRequest) -> list[Link]:
    """The entries the request's user sees, in order, each with its URL."""
    user = request.user
    if getattr(request, "parindex_halfway", False):  # the second factor not given yet
        return []
    role = _role(user)
    entries = [entry for entry in ENTRIES if role in entry.roles]
    cycle = current_cycle(user) if any(e.needs is not Needs.NOTHING for e in entries) else None
    links = []
    for entry in entries:
        args = _args(entry.needs, user, cycle)
        if args is None:
            continue
        url = reverse(entry.url_name, args=args)
        links.append(Link(entry.label, url, _is_current(request.path, url)))
    return links


def _args(needs: Needs, user: Visitor, cycle: Cycle | None) -> list[int] | None:
    """The entry's URL arguments; None: the entry is not for this user now."""
    if needs is Needs.NOTHING:
        return []
    if cycle is None:
        return None
    if needs is Needs.CYCLE:
        return [cycle.pk]
    if needs is Needs.LONE_CYCLE:
        return None if cycle.round_id else [cycle.pk]
    if needs is Needs.ROUND:
        return [cycle.round_id] if cycle.round_id else None
    unit = user.unit_id if user.is_authenticated else None
    return [cycle.pk, unit] if unit else None


def _is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
