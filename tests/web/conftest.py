"""Personas and a small cycle: officers of communes A and B, appraisers, an admin, a leader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connections

from parindex.core.workflow import CycleState
from parindex.web.accounts.models import User
from parindex.web.cycles.actions import do_assign_appraiser, do_create_cycle, do_transition_cycle
from parindex.web.frameworks.actions import do_import_framework
from parindex.web.units.models import Unit


@pytest.fixture(autouse=True)
def _publications_read_afresh() -> Iterator[None]:
    """Every test starts with nothing kept read (results.models): tests publish identical
    results (the same hash) and some edit a stored part behind the page's back."""
    from parindex.web.results import models

    models._KEPT.clear()
    yield
    models._KEPT.clear()


FRAMEWORK_YAML = """\
id: web-test-commune-2024
name: Bộ tiêu chí thử cấp xã
level: commune
year: 2024
classes:
  - {label: Khá, min: 70}
  - {label: Yếu, min: 0}
fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành CCHC
    children:
      - {code: "1.1", name: Kế hoạch CCHC năm, max: 2, evidence: true}
      - {code: "1.2", name: Báo cáo CCHC, max: 3}
  - code: "2"
    name: Cải cách thủ tục hành chính
    children:
      - {code: "2.1", name: Công khai thủ tục hành chính, max: 5, evidence: true}
  - {code: "8", name: Điều tra xã hội học, max: 10, source: survey}
"""


@dataclass
class World:
    admin: Any
    officer_a: Any
    officer_b: Any
    appraiser: Any
    other_appraiser: Any
    leader: Any
    unit_a: Any
    unit_b: Any
    cycle: Any

    def score(self, unit: Any, code: str) -> Any:
        return self.cycle.scores.select_related("criterion", "cycle", "unit").get(
            unit=unit, criterion__code=code
        )

    def move_to(self, state: CycleState) -> None:
        from parindex.core.workflow import ORDER

        current = ORDER.index(CycleState(self.cycle.state))
        for target in ORDER[current + 1 : ORDER.index(state) + 1]:
            self.cycle = do_transition_cycle(self.cycle, target, self.admin)


def make_user(username: str, role: str, unit: Any = None) -> Any:
    return User.objects.create_user(
        username=username, password="mat-khau-thu", role=role, unit=unit, is_staff=role == "admin"
    )


def build_world() -> World:
    unit_a = Unit.objects.create(code="XA", name="Tiên Châu", kind="xã")
    unit_b = Unit.objects.create(code="XB", name="Tiên Hà", kind="xã")
    admin = make_user("quantri", "admin")
    framework = do_import_framework(FRAMEWORK_YAML, admin)
    cycle = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2024", framework, "2024", [unit_a, unit_b], admin
    )
    appraiser = make_user("thamdinh", "appraiser")
    other = make_user("thamdinh2", "appraiser")
    do_assign_appraiser(cycle, appraiser, unit_a, admin)
    do_assign_appraiser(cycle, other, unit_b, admin, field_code="2")
    world = World(
        admin=admin,
        officer_a=make_user("canbo.xa", "officer", unit_a),
        officer_b=make_user("canbo.xb", "officer", unit_b),
        appraiser=appraiser,
        other_appraiser=other,
        leader=make_user("lanhdao", "leader"),
        unit_a=unit_a,
        unit_b=unit_b,
        cycle=cycle,
    )
    world.move_to(CycleState.SELF_ASSESSMENT)
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def live_world(transactional_db) -> Iterator[World]:
    yield build_world()
    # The live server's requests ran in other threads; this thread's session is closed here so
    # PostgreSQL can drop the test database at the end (no session left "idle" on it).
    connections.close_all()


def survey_points(world: World, points: dict[str, str]) -> str:
    """A points.json (as `parindex survey import` writes it) for the test framework's survey leaf 8."""
    import json

    return json.dumps(
        {
            "format": "parindex.survey/1",
            "questionnaire": "test",
            "framework": "web-test-commune-2024",
            "seed": 1,
            "draws": 0,
            "confidence": 0.95,
            "counts": {},
            "leaves": [{"code": "8", "max": 10}],
            "draws_file": None,
            "units": [
                {
                    "unit": code,
                    "respondents": 40,
                    "total": {"points": float(value), "low": None, "high": None},
                    "under_minimum": [],
                    "leaves": [
                        {
                            "leaf": "8",
                            "n": 40,
                            "required": 30,
                            "under_minimum": False,
                            "value": float(value) * 10,
                            "points": float(value),
                            "max": 10,
                            "low": None,
                            "high": None,
                        }
                    ],
                }
                for code, value in points.items()
            ],
        }
    )


def scored_world(world: World) -> World:
    """Both units score every leaf; the survey points are attached."""
    from decimal import Decimal

    from parindex.web.assessments.actions import do_save_self_score
    from parindex.web.results.actions import do_attach_survey

    for unit, officer, values in (
        (world.unit_a, world.officer_a, ("2", "2.5", "4")),
        (world.unit_b, world.officer_b, ("1.5", "3", "5")),
    ):
        for code, value in zip(("1.1", "1.2", "2.1"), values, strict=True):
            score = world.score(unit, code)
            do_save_self_score(  # 1.1 and 2.1 ask for evidence: explained instead
                officer, score, Decimal(value), False, "Đã thực hiện theo kế hoạch", score.version
            )
    do_attach_survey(world.cycle, survey_points(world, {"XA": "8.55", "XB": "7"}), world.admin)
    return world


def close_and_publish(cycle: Any, decision: str, decided_on: Any, admin: Any, reason: str = ""):
    """End the cycle's appraisal (every step in turn), then publish it: results are published
    only once the appraisal is over (core.workflow.publication_problems)."""
    from parindex.core.workflow import ORDER
    from parindex.web.results.actions import do_publish_cycle

    cycle.refresh_from_db()
    while CycleState(cycle.state) is not CycleState.CLOSED:
        step = ORDER[ORDER.index(CycleState(cycle.state)) + 1]
        cycle = do_transition_cycle(cycle, step, admin, "Kết thúc thẩm định")
    return do_publish_cycle(cycle, decision, decided_on, admin, reason)
