"""A small province of 2025 for the round tests: two departments, two wards, a commune and a
special zone, a framework per kind and a scheme ranking them in three blocks; personas."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parindex.web.cycles.actions import do_create_round
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.units.models import Unit
from tests.web.conftest import make_user

CLASSES = """\
classes:
  - {label: Xuất sắc, min: 90}
  - {label: Tốt, min: 80}
  - {label: Khá, min: 0}
"""

DEPARTMENTS = f"""\
id: tinh-so-2025
name: Bộ tiêu chí các sở, ban, ngành năm 2025
level: department
year: 2025
{CLASSES}fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành
    children:
      - {{code: "1.1", name: Kế hoạch CCHC năm, max: 40}}
  - code: "2"
    name: Cải cách thủ tục hành chính
    children:
      - {{code: "2.1", name: Công khai thủ tục hành chính, max: 60}}
"""

COMMUNES = f"""\
id: tinh-xa-2025
name: Bộ tiêu chí UBND các xã, phường, đặc khu năm 2025
level: commune
year: 2025
{CLASSES}fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành
    children:
      - {{code: "1.1", name: Kế hoạch CCHC năm, max: 30}}
  - code: "2"
    name: Cải cách thủ tục hành chính
    children:
      - {{code: "2.1", name: Công khai thủ tục hành chính, max: 70}}
"""

SCHEME = """\
id: tinh-2025
name: Chỉ số CCHC năm 2025 của các sở, ban, ngành và UBND các xã, phường, đặc khu
year: 2025
frameworks:
  - {framework: tinh-so-2025, kinds: [sở]}
  - {framework: tinh-xa-2025, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""

UNITS = (
    ("SNV", "Sở Nội vụ", "sở"),
    ("STP", "Sở Tư pháp", "sở"),
    ("PA", "Phường An Biên", "phường"),
    ("PB", "Phường Lê Chân", "phường"),
    ("XQ", "Xã Quyết Thắng", "xã"),
    ("DK", "Đặc khu Cát Hải", "đặc khu"),
)

SCORES = {  # (1.1, 2.1): departments 88 and 93; wards 85 and 98; the commune 90, the zone 95
    "SNV": ("38", "50"),
    "STP": ("35", "58"),
    "PA": ("25", "60"),
    "PB": ("29", "69"),
    "XQ": ("28", "62"),
    "DK": ("30", "65"),
}


@dataclass
class Province:
    admin: Any
    leader: Any
    appraiser: Any
    officer_xq: Any  # the commune's officer
    officer_snv: Any  # a department's officer
    units: dict[str, Any]


def build_province() -> Province:
    admin = make_user("quantri", "admin")
    units = {
        code: Unit.objects.create(code=code, name=name, kind=kind) for code, name, kind in UNITS
    }
    do_import_framework(DEPARTMENTS, admin)
    do_import_framework(COMMUNES, admin)
    return Province(
        admin=admin,
        leader=make_user("lanhdao", "leader"),
        appraiser=make_user("thamdinh", "appraiser"),
        officer_xq=make_user("canbo.xq", "officer", units["XQ"]),
        officer_snv=make_user("canbo.snv", "officer", units["SNV"]),
        units=units,
    )


def create_round(province: Province, scheme: str = SCHEME, period: str = "2025", **kwargs: Any):
    return do_create_round(scheme, period, province.admin, **kwargs)


def score_round(made: Any, province: Province) -> None:
    """In every cycle open for it, each unit's officer (made as needed) enters its self-assessment."""
    from parindex.web.accounts.models import User
    from parindex.web.assessments.actions import do_save_self_score

    for cycle in made.cycles.filter(state="self_assessment"):
        for score in cycle.scores.select_related("unit", "criterion", "cycle"):
            officer = User.objects.filter(role="officer", unit=score.unit).first() or make_user(
                f"canbo.{score.unit.code.lower()}", "officer", score.unit
            )
            points = SCORES.get(score.unit.code, ("20", "50"))  # a unit added by the test: 70
            value = points[0 if score.criterion.code == "1.1" else 1]
            do_save_self_score(officer, score, Decimal(value), False, "", score.version)


def publish_round(made: Any, province: Province) -> list[Any]:
    """Move every cycle of the round to self-assessment, score, close and publish each."""
    from datetime import date

    from parindex.core.workflow import CycleState
    from parindex.web.cycles.actions import do_transition_cycle
    from tests.web.conftest import close_and_publish

    for cycle in made.cycles.all():
        do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, province.admin)
    score_round(made, province)
    return [
        close_and_publish(
            cycle, "Quyết định số 95/QĐ-UBND ngày 09/01/2026", date(2026, 1, 9), province.admin
        )
        for cycle in made.cycles.order_by("pk")
    ]
