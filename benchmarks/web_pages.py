"""Server-side time of the heavy pages and a worker's memory (targets: < 300 ms, < 300 MB).

Three figures, through Django's test client in a temporary SQLite database:

1. the admin's results preview (``/ky/<id>/ket-qua/``) of the demo province's 147 units;
2. the cycle page (``/ky/<id>/``) of a national cycle of 3,321 units with their leaves;
3. the peak memory of a fresh process that serves a national publication: the ranking page,
   a sorted and filtered one, 30 unit pages and results.json (the cycle page of 2. is
   measured in that process too, as a worker serves it).

Each page is rendered once as a warm-up, then ``--repeat`` times; the median and p95 are
printed. ``PROFILE=1`` prints a cProfile of one more render of each page.

    .venv/bin/python benchmarks/web_pages.py [--units 3321] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def setup(var: Path) -> None:
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="pages-benchmark-" + "r5Tk8Vn2" * 5,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        PARINDEX_VAR=str(var),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="parindex.web.settings",
        PARINDEX_TWO_FACTOR_ROLES="",
    )
    import django

    django.setup()


def measure(client, url: str, label: str, repeat: int) -> float:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx("client.get(url)", {}, {"client": client, "url": url}, "/tmp/pages.prof")
        pstats.Stats("/tmp/pages.prof").sort_stats("cumulative").print_stats(30)
    times.sort()
    median = statistics.median(times) * 1000
    print(
        f"{label} ({len(response.content) / 1024:,.0f} KiB): median {median:.0f} ms, "
        f"p95 {times[max(0, int(len(times) * 0.95) - 1)] * 1000:.0f} ms, "
        f"max {times[-1] * 1000:.0f} ms",
        flush=True,
    )
    return median


def demo_preview(tmp: Path, repeat: int) -> None:
    """The demo province's results preview and cycle page, as its admin."""
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from parindex.web.accounts.models import User
    from parindex.web.cycles.models import Cycle

    subprocess.run(
        [
            sys.executable,
            "-m",
            "parindex.cli",
            "--quiet",
            "demo",
            "--out",
            str(tmp / "demo"),
            *("--score",),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", str(tmp / "demo"), "--force", stdout=quiet)
    cycle = Cycle.objects.annotate(n=Count("participations")).order_by("-n").first()
    assert cycle is not None
    client = Client()
    client.force_login(User.objects.filter(role="admin").order_by("pk").first())
    print(f"demo: «{cycle}», {cycle.n} units", flush=True)
    from parindex.web.results import models

    url = f"/ky/{cycle.pk}/ket-qua/"
    measure(client, url, f"results preview, {cycle.n} units", repeat)
    cold = []
    for _ in range(repeat):
        models._KEPT.clear()  # as after any change of a score: the preview computed afresh
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        cold.append(time.perf_counter() - start)
    print(f"results preview computed afresh: median {statistics.median(cold) * 1000:.0f} ms")
    measure(client, f"/ky/{cycle.pk}/", f"cycle page, {cycle.n} units", repeat)


def national(tmp: Path, n_units: int, repeat: int) -> int:
    """A national cycle (units, participations, every leaf's row) and its publication."""
    from django.core.management import call_command
    from django.utils import timezone

    import national_scoring as ns
    from parindex.core.scoring import score_run
    from parindex.io.framework_table import write_framework_yaml
    from parindex.io.results_json import dumps, parse_results, to_dict, without_scores
    from parindex.io.scores import read_scores
    from parindex.io.units import read_units
    from parindex.web.accounts.models import User
    from parindex.web.assessments.models import Score
    from parindex.web.cycles.models import Cycle, Participation
    from parindex.web.frameworks.actions import do_import_framework
    from parindex.web.results.actions import sha256
    from parindex.web.results.display import ranking_page
    from parindex.web.results.models import Publication
    from parindex.web.units.models import Unit
    from ranking_page import ns_node

    call_command("migrate", verbosity=0)
    framework = ns.make_framework(10, 10)
    print(f"national: {n_units} units × {len(framework.leaves)} leaves …", flush=True)
    ns.write_inputs(tmp, framework, n_units)
    units = read_units(tmp / "units.csv")
    run = score_run(read_scores(tmp / "scores-2025.csv", framework, units), "2025", block_by="kind")
    results = dumps(to_dict(run, decision="Quyết định số 1/QĐ-UBND ngày 01/12/2025"))
    admin = User.objects.create_user("quantri", password="x", role="admin", is_staff=True)
    fw_row = do_import_framework(
        write_framework_yaml(
            {
                "id": framework.id,
                "name": framework.name,
                "level": framework.level,
                "year": framework.year,
                "classes": [{"label": c.label, "min": c.min} for c in framework.classes],
                "fields": [ns_node(top) for top in framework.fields],
            }
        ),
        admin,
    )
    cycle = Cycle.objects.create(
        name="Chỉ số CCHC cấp xã năm 2025", framework=fw_row, period="2025"
    )
    rows = Unit.objects.bulk_create(Unit(code=u.code, name=u.name, kind=u.kind) for u in units)
    now = timezone.now()
    Participation.objects.bulk_create(
        Participation(cycle=cycle, unit=u, submitted_at=now if i % 3 else None)
        for i, u in enumerate(rows)
    )
    criteria = [c for c in fw_row.criteria.all() if not c.children.exists()]
    for start in range(0, len(rows), 200):
        Score.objects.bulk_create(
            Score(cycle=cycle, unit=u, criterion=c, self_score=c.max if i % 2 else None)
            for u in rows[start : start + 200]
            for i, c in enumerate(criteria)
        )
    summary = without_scores(results)
    publication = Publication.objects.create(
        cycle=cycle,
        decision="Quyết định số 1/QĐ-UBND ngày 01/12/2025",
        published_by=admin,
        framework_sha256=fw_row.sha256,
        inputs="{}",
        results=results,
        summary=summary,
        page=ranking_page(parse_results(summary)).to_json(),
        sha256=sha256(results),
    )
    return publication.pk


def peak_mb() -> float:
    """The process's peak resident memory (VmHWM: this process's own, not inherited on exec
    as ``ru_maxrss`` is from the parent that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serve_publication(publication_id: int, repeat: int) -> None:
    """In a fresh process: a national publication's pages, then the process's peak memory."""
    from django.test import Client

    from parindex.web.results.models import Publication

    before = peak_mb()
    client = Client()
    light = Publication.objects.defer("results", "inputs", "summary", "page", "lost_points")
    codes = [u.code for u in light.get(pk=publication_id).run().units[:30:3]]
    urls = [
        f"/cong-khai/{publication_id}/",
        f"/cong-khai/{publication_id}/?loai=xã&sap-xep=ten",
        f"/cong-khai/{publication_id}/results.json",
        *(f"/cong-khai/{publication_id}/don-vi/{code}/" for code in codes),
    ]
    for _ in range(max(1, repeat // 3)):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            b"".join(getattr(response, "streaming_content", [response.content]))
    measure(client, f"/cong-khai/{publication_id}/", "published ranking page", repeat)
    measure(client, urls[3], "published unit page", repeat)
    peak = peak_mb()
    print(
        f"worker serving the national publication: peak {peak:.0f} MB "
        f"(Django loaded: {before:.0f} MB)",
        flush=True,
    )
    # the cycle page as its admin, in this process too: a worker's, not the builder's
    # (whose millions of live objects slow every garbage collection)
    from parindex.web.accounts.models import User
    from parindex.web.cycles.models import Participation

    cycle_id = light.values_list("cycle_id", flat=True).get(pk=publication_id)
    units = Participation.objects.filter(cycle_id=cycle_id).count()
    client.force_login(User.objects.get(username="quantri"))
    measure(client, f"/ky/{cycle_id}/", f"cycle page, {units} units", repeat)
    measure(client, f"/ky/{cycle_id}/?q=X01&sap-xep=ten", f"cycle page searched, {units}", repeat)
    measure(client, f"/ky/{cycle_id}/?trang=9", f"cycle page, page 9 of {units}", repeat)
    print(f"the same worker after the cycle pages too: peak {peak_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", choices=("demo", "national"), default=None)
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--var", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:  # the child process of the memory figure
        setup(Path(args.var))
        serve_publication(args.serve, args.repeat)
        return
    tmp = Path(tempfile.mkdtemp(prefix="parindex-pages-"))
    if args.only in (None, "demo"):
        # the demo in its own process and database: its units' codes overlap nothing national
        if args.only is None:
            subprocess.run(
                [sys.executable, __file__, "--only", "demo", "--repeat", str(args.repeat)],
                check=True,
            )
        else:
            setup(tmp / "demo-var")
            demo_preview(tmp, args.repeat)
            return
    setup(tmp / "national-var")
    publication_id = national(tmp, args.units, args.repeat)
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--serve",
            str(publication_id),
            "--var",
            str(tmp / "national-var"),
            "--repeat",
            str(args.repeat),
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
