"""Faults and load: two appraisers deciding the same leaf at the same instant (one wins, the
other is told to reload, never an error page), and SQLite under concurrent saves (no
"database is locked")."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, connections

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_correct_score, do_decide_bonus
from parindex.web.appraisals.models import Correction
from parindex.web.errors import StaleEdit
from tests.web.conftest import build_world, scored_world

ROOT = Path(__file__).resolve().parents[2]


class ReadThenColleague:
    """``Correction.objects.select_for_update()`` whose read is followed at once by
    ``colleague()``: a colleague's decision commits between this appraiser's read and write."""

    def __init__(self, queryset, colleague):
        self.queryset, self.colleague = queryset, colleague

    def filter(self, **kwargs):
        return ReadThenColleague(self.queryset.filter(**kwargs), self.colleague)

    def first(self):
        found = self.queryset.first()
        self.colleague()
        return found


def colleague_decides_first(monkeypatch, manager, colleague):
    real = manager.select_for_update
    monkeypatch.setattr(manager, "select_for_update", lambda: ReadThenColleague(real(), colleague))


@pytest.fixture
def appraising(world):
    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    return world


def test_the_second_of_two_first_decisions_is_told_to_reload_not_an_error(
    client, appraising, monkeypatch
):
    world = appraising
    score = world.score(world.unit_a, "1.2")

    def colleague():
        Correction.objects.create(
            score=score,
            round=1,
            appraised_score=Decimal("2"),
            reason="Báo cáo thiếu quý IV",
            appraiser=world.other_appraiser,
            version=1,
        )

    colleague_decides_first(monkeypatch, Correction.objects, colleague)
    client.force_login(world.appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/"
    response = client.post(
        url,
        {"score": score.pk, "appraised_score": "1,5", "reason": "Báo cáo nộp muộn", "version": ""},
        follow=True,
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Tiêu chí 1.2 vừa được người khác cập nhật" in text
    assert "tải lại trang" in text
    assert "Báo cáo nộp muộn" in text  # what this appraiser typed is shown again
    assert "Đã lưu kết quả thẩm định" not in text
    # (the colleague's row was written on this same connection, so it rolls back with the
    # refused action here; the PostgreSQL test below checks that the colleague's one stands)


def test_the_second_of_two_first_bonus_decisions_is_told_to_reload(world, monkeypatch):
    from parindex.web.appraisals.models import BonusDecision
    from tests.web.rules_world import rules_world

    rules = rules_world(world)
    rules.move_to(world, CycleState.APPRAISAL)

    def colleague():
        BonusDecision.objects.create(
            cycle=rules.cycle,
            unit=world.unit_a,
            code="T1",
            round=1,
            points=Decimal("2"),
            reason="Quyết định công nhận sáng kiến",
            appraiser=world.other_appraiser,
            version=1,
        )

    colleague_decides_first(monkeypatch, BonusDecision.objects, colleague)
    with pytest.raises(StaleEdit, match="vừa chấm mục T1 trước bạn"):
        do_decide_bonus(
            world.appraiser, rules.cycle, world.unit_a, "T1", Decimal("1"), "Quyết định khen", 0
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency: PostgreSQL")
def test_two_appraisers_deciding_at_the_same_instant_one_wins(transactional_db, monkeypatch):
    """Two threads, two database sessions: both read "no decision yet", then both insert."""
    world = build_world()
    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    score = world.score(world.unit_a, "1.2")
    both_read = threading.Barrier(2, timeout=20)
    colleague_decides_first(monkeypatch, Correction.objects, both_read.wait)
    outcome: dict[str, str] = {}

    def decide(who, value):
        try:
            do_correct_score(who, world.score(world.unit_a, "1.2"), Decimal(value), "Theo hồ sơ")
            outcome[who.username] = "saved"
        except StaleEdit as exc:
            outcome[who.username] = exc.message
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(world.appraiser, "1.5")),
        threading.Thread(target=decide, args=(world.other_appraiser, "2")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome.values())[-1] == "saved"
    assert "vừa được người khác cập nhật" in sorted(outcome.values())[0]
    assert Correction.objects.filter(score=score).count() == 1
    connections.close_all()


def test_officers_saving_at_once_on_sqlite_never_meet_a_locked_database(tmp_path):
    """8 officers × 10 saves at the same instant through the real save action, on a SQLite
    file with the app's settings (benchmarks/sqlite_concurrency.py; 50 users there)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = f"{ROOT / 'src'}{os.pathsep}{env.get('PYTHONPATH', '')}"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "sqlite_concurrency.py"),
            "--users",
            "8",
            "--saves",
            "10",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["journal_mode"] == "wal"
    assert (summary["saves"], summary["locked"], summary["failed"]) == (80, 0, 0), summary
