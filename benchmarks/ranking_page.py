"""Server-side time of the published ranking page for 3,321 units (target < 300 ms).

Scores a national run with the core, publishes it into a temporary SQLite database and
renders the ranking page through Django's test client, printing the median and p95 of
``--repeat`` renders (the first render is a warm-up).

    .venv/bin/python benchmarks/ranking_page.py [--units 3321] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="parindex-ranking-"))
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="ranking-benchmark-" + "q8Wz3Lp0" * 5,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        PARINDEX_VAR=str(tmp),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="parindex.web.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    import national_scoring as ns
    from parindex.core.scoring import score_run
    from parindex.io.framework_table import write_framework_yaml
    from parindex.io.results_json import dumps, parse_results, to_dict, without_scores
    from parindex.io.scores import read_scores
    from parindex.io.units import read_units
    from parindex.web.accounts.models import User
    from parindex.web.cycles.models import Cycle
    from parindex.web.frameworks.actions import do_import_framework
    from parindex.web.results.actions import sha256
    from parindex.web.results.display import ranking_page
    from parindex.web.results.models import Publication

    call_command("migrate", verbosity=0)
    framework = ns.make_framework(10, 10)
    print(f"{args.units} units × {len(framework.leaves)} leaves: scoring …", flush=True)
    ns.write_inputs(tmp, framework, args.units)
    units = read_units(tmp / "units.csv")
    run = score_run(read_scores(tmp / "scores-2025.csv", framework, units), "2025", block_by="kind")
    results = dumps(to_dict(run, decision="Quyết định số 1/QĐ-UBND ngày 01/12/2025"))
    admin = User.objects.create_user("quantri", password="x", role="admin", is_staff=True)
    yaml_text = write_framework_yaml(
        {
            "id": framework.id,
            "name": framework.name,
            "level": framework.level,
            "year": framework.year,
            "classes": [{"label": c.label, "min": c.min} for c in framework.classes],
            "fields": [ns_node(top) for top in framework.fields],
        }
    )
    fw_row = do_import_framework(yaml_text, admin)
    cycle = Cycle.objects.create(
        name="Chỉ số CCHC cấp xã năm 2025", framework=fw_row, period="2025"
    )
    publication = Publication.objects.create(
        cycle=cycle,
        decision="Quyết định số 1/QĐ-UBND ngày 01/12/2025",
        published_by=admin,
        framework_sha256=fw_row.sha256,
        inputs="{}",
        results=results,
        summary=(summary := without_scores(results)),
        page=ranking_page(parse_results(summary)).to_json(),
        sha256=sha256(results),
    )
    client = Client()
    for label, url in (
        ("ranking page", f"/cong-khai/{publication.pk}/"),
        ("filtered and sorted", f"/cong-khai/{publication.pk}/?loai=xã&sap-xep=ten"),
    ):
        measure(client, url, label, args)


def measure(client, url: str, label: str, args) -> None:
    assert client.get(url).status_code == 200
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx(
            "client.get(url)", globals(), {"client": client, "url": url}, "/tmp/ranking.prof"
        )
        pstats.Stats("/tmp/ranking.prof").sort_stats("cumulative").print_stats(25)
    times.sort()
    size = len(response.content) / 1024
    print(
        f"{label}, {args.units} units ({size:,.0f} KiB of HTML): median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {times[max(0, int(len(times) * 0.95) - 1)] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )


def ns_node(node):
    data = {"code": node.code, "name": node.name, "source": node.source}
    if node.children:
        data["children"] = [ns_node(c) for c in node.children]
    else:
        data["max"] = node.max
    return data


if __name__ == "__main__":
    main()
