"""SQLite under concurrent writes: ``--users`` officers each save ``--saves`` draft scores at
the same time, through the real save action (``do_save_self_score``: the score row, its
audit row), against a fresh SQLite file with the app's settings. Prints how many saves
failed, how many of them with "database is locked", and the save latency.

    .venv/bin/python benchmarks/sqlite_concurrency.py [--users 50] [--saves 20] [--baseline]
        [--think 0]

``--baseline`` opens the database with Django's defaults (rollback journal, deferred
transactions, 5 s timeout) instead of the settings' WAL, IMMEDIATE transactions and busy
timeout: the "before" figure. ``--think S``: each officer reads S seconds on average between
saves (all at once without it, the worst case). ``--json`` prints one JSON line (the tests read it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

FRAMEWORK = """\
id: sqlite-load-2024
name: Bộ tiêu chí thử tải
level: commune
year: 2024
classes:
  - {label: Khá, min: 70}
  - {label: Yếu, min: 0}
fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành CCHC
    children:
      - {code: "1.1", name: Kế hoạch CCHC năm, max: 20}
      - {code: "1.2", name: Báo cáo CCHC, max: 30}
      - {code: "1.3", name: Kiểm tra CCHC, max: 50}
"""


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--baseline", action="store_true", help="Django's SQLite defaults")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds an officer reads between saves"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="parindex-sqlite-load-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        DEBUG="1",
        SECRET_KEY="sqlite-benchmark",
        PARINDEX_VAR=str(tmp),
        DJANGO_SETTINGS_MODULE="parindex.web.settings",
    )
    import django
    from django.conf import settings

    django.setup()
    if args.baseline:  # before any connection is opened
        settings.DATABASES["default"]["OPTIONS"] = {}
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", verbosity=0)
    officers, scores = _world(args.users)
    mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    connections.close_all()

    failures: list[str] = []
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(args.users)

    def officer_saves(i: int) -> None:
        from parindex.web.assessments.actions import do_save_self_score
        from parindex.web.assessments.models import Score

        start.wait()
        pause = random.Random(i)
        try:
            for n in range(args.saves):
                if args.think:  # people read between saves (exponential, mean --think)
                    time.sleep(pause.expovariate(1 / args.think))
                began = time.perf_counter()
                try:
                    score = Score.objects.select_related("cycle", "unit", "criterion").get(
                        pk=scores[i][n % len(scores[i])]
                    )
                    do_save_self_score(
                        officers[i], score, Decimal(n % 10), False, f"Lần lưu {n}", score.version
                    )
                except Exception as exc:  # what the officer would see as an error page
                    with lock:
                        failures.append(f"{type(exc).__name__}: {exc}")
                with lock:
                    times.append(time.perf_counter() - began)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=officer_saves, args=(i,)) for i in range(args.users)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    total = args.users * args.saves
    locked = sum("database is locked" in f for f in failures)
    times.sort()
    summary: dict[str, object] = {
        "users": args.users,
        "saves": total,
        "failed": len(failures),
        "locked": locked,
        "journal_mode": mode,
        "baseline": args.baseline,
        "p50_ms": round(statistics.median(times) * 1000),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)] * 1000),
        "seconds": round(wall, 1),
        "first_failures": sorted(set(failures))[:3],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        setting = "Django defaults" if args.baseline else "WAL + IMMEDIATE + busy timeout"
        if args.think:
            setting += f", {args.think:g} s reading between saves"
        print(
            f"{args.users} users × {args.saves} saves ({setting}, journal {mode}): "
            f"{len(failures)} of {total} failed ({100 * len(failures) / total:.1f} %), "
            f"{locked} with 'database is locked'; save p50 {summary['p50_ms']} ms, "
            f"p95 {summary['p95_ms']} ms; {wall:.1f} s"
        )
        for line in summary["first_failures"]:  # type: ignore[attr-defined]
            print("  ", line)
    return summary


def _world(users: int) -> tuple[list[object], list[list[int]]]:
    """``users`` communes in one cycle in self-assessment, an officer each; their score ids."""
    from parindex.core.workflow import CycleState
    from parindex.web.accounts.models import User
    from parindex.web.assessments.models import Score
    from parindex.web.cycles.actions import do_create_cycle, do_transition_cycle
    from parindex.web.frameworks.actions import do_import_framework
    from parindex.web.units.models import Unit

    admin = User.objects.create_user("quantri", password="x", role="admin", is_staff=True)
    units = [Unit.objects.create(code=f"X{i:03}", name=f"Xã {i}", kind="xã") for i in range(users)]
    cycle = do_create_cycle("Thử tải", do_import_framework(FRAMEWORK, admin), "2024", units, admin)
    do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, admin)
    officers: list[object] = [
        User.objects.create_user(f"canbo{i}", password="x", role="officer", unit=u)
        for i, u in enumerate(units)
    ]
    scores = [
        list(
            Score.objects.filter(unit=u)
            .order_by("criterion__position")
            .values_list("pk", flat=True)
        )
        for u in units
    ]
    return officers, scores


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
