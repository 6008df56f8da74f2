"""A cycle on a framework with the rules of issue 10: a scale, a steps rule, a ratio rule,
"không phát sinh", a criterion for wards only, evidence asked, and bonus and penalty items.

Built on the personas' world: commune A (a xã) and a ward (phường) take part; the appraiser
appraises both whole units, the other appraiser only field 2 of commune A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parindex.core.workflow import CycleState
from parindex.web.cycles.actions import do_assign_appraiser, do_create_cycle, do_transition_cycle
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.units.models import Unit
from tests.web.conftest import World, make_user

RULES_YAML = """\
id: web-rules-2025
name: Bộ tiêu chí cấp xã có quy tắc chấm
level: commune
year: 2025
leaf_decimals: 2
classes:
  - {label: Tốt, min: 80}
  - {label: Khá, min: 0}
fields:
  - code: "1"
    name: Chỉ đạo, điều hành
    children:
      - {code: "1.1", name: Ban hành kế hoạch CCHC năm, max: 1, scale: [1, 0.5, 0],
         guide: "Ban hành trước ngày 31/12 năm trước: 1 điểm; trong quý I: 0,5 điểm; sau quý I: 0 điểm",
         evidence: Quyết định ban hành kế hoạch CCHC năm}
      - code: "1.2"
        name: Mức độ thực hiện kế hoạch CCHC
        max: 2
        rule: {steps: [{above: 90, points: 2}, {min: 70, points: 1}, {min: 0, points: 0}]}
  - code: "2"
    name: Thủ tục hành chính
    children:
      - {code: "2.1", name: Tỷ lệ hồ sơ giải quyết đúng hạn, max: 4, rule: {ratio: {full_at: 100}},
         guide: Số hồ sơ giải quyết đúng hạn trên tổng số hồ sơ đã giải quyết trong năm}
      - {code: "2.2", name: "Xử lý phản ánh, kiến nghị đúng hạn", max: 2, none_means_full: true}
      - {code: "2.3", name: Chính quyền đô thị, max: 1, applies_to: [phường]}
bonus:
  cap: 2
  penalty_cap: 1
  items:
    - {code: T1, name: Sáng kiến CCHC được công nhận, max: 2,
       guide: "Mỗi sáng kiến được Hội đồng sáng kiến tỉnh công nhận: 1 điểm"}
    - {code: P1, name: Bị phản ánh có căn cứ về giải quyết TTHC, min: -1}
"""


@dataclass
class RulesWorld:
    cycle: Any
    ward: Any
    officer_ward: Any

    def score(self, unit: Any, code: str) -> Any:
        return self.cycle.scores.select_related("criterion", "cycle", "unit").get(
            unit=unit, criterion__code=code
        )

    def move_to(self, world: World, state: CycleState) -> None:
        from parindex.core.workflow import ORDER

        current = ORDER.index(CycleState(self.cycle.state))
        for target in ORDER[current + 1 : ORDER.index(state) + 1]:
            self.cycle = do_transition_cycle(self.cycle, target, world.admin)


def rules_world(world: World) -> RulesWorld:
    """The rules cycle, in self-assessment."""
    ward = Unit.objects.create(code="PC", name="Châu Giang", kind="phường")
    framework = do_import_framework(RULES_YAML, world.admin)
    cycle = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2025", framework, "2025", [world.unit_a, ward], world.admin
    )
    do_assign_appraiser(cycle, world.appraiser, world.unit_a, world.admin)
    do_assign_appraiser(cycle, world.appraiser, ward, world.admin)
    do_assign_appraiser(cycle, world.other_appraiser, world.unit_a, world.admin, field_code="2")
    rules = RulesWorld(cycle, ward, make_user("canbo.pc", "officer", ward))
    rules.move_to(world, CycleState.SELF_ASSESSMENT)
    return rules
