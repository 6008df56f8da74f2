"""National scale: 3,321 communes × 100 leaves, two years — time of each stage.

Generates a framework of 10 fields × 10 leaves (one survey field), two years of
scores for the 3,321 commune-level units of 2025, writes them as CSV, then parses,
scores, compares and writes the outputs, printing the wall time of every stage.

    .venv/bin/python benchmarks/national_scoring.py [--units 3321] [--leaves-per-field 10]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from parindex.cli import write_outputs
from parindex.core.framework import default_classes, parse_framework
from parindex.core.scoring import score_run
from parindex.io.results_json import dumps, read_previous, to_dict
from parindex.io.scores import read_scores
from parindex.io.units import read_units

TIMES: list[tuple[str, float]] = []


@contextmanager
def stage(label: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    TIMES.append((label, elapsed))
    print(f"{label:<52} {elapsed:8.3f} s", flush=True)


def make_framework(fields: int, per_field: int):
    nodes = []
    for f in range(1, fields + 1):
        survey = f == fields
        children = [
            {
                "code": f"{f}.{i}",
                "name": f"Tiêu chí {f}.{i}",
                "max": Decimal(3) if survey else Decimal("0.75") * (1 + i % 4),
            }
            for i in range(1, per_field + 1)
        ]
        node = {"code": str(f), "name": f"Lĩnh vực {f}", "children": children}
        if survey:
            node["source"] = "survey"
        nodes.append(node)
    return parse_framework(
        {
            "id": "national-bench",
            "name": "Bộ tiêu chí thử quy mô toàn quốc",
            "level": "commune",
            "year": 2025,
            "classes": default_classes(),
            "fields": nodes,
        }
    )


def write_inputs(folder: Path, framework, n_units: int) -> None:
    rng = random.Random(3321)
    kinds = ["xã"] * 2636 + ["phường"] * 672 + ["đặc khu"] * 13
    with (folder / "units.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "kind", "parent", "predecessors"])
        for u in range(n_units):
            w.writerow([f"X{u:05d}", f"Đơn vị {u}", kinds[u % len(kinds)], f"T{u % 34:02d}", ""])
    for year in (2024, 2025):
        with (folder / f"scores-{year}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["unit", "criterion", "score"])
            for u in range(n_units):
                quality = rng.uniform(0.6, 1.0)
                for leaf in framework.leaves:
                    if rng.random() < 0.005:
                        w.writerow([f"X{u:05d}", leaf.code, "KĐG"])
                        continue
                    cents = int(leaf.max * 100)
                    value = min(cents, int(cents * min(1.0, quality + rng.uniform(-0.1, 0.25))))
                    w.writerow([f"X{u:05d}", leaf.code, f"{value / 100:.2f}"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--fields", type=int, default=10)
    parser.add_argument("--leaves-per-field", type=int, default=10)
    args = parser.parse_args()
    framework = make_framework(args.fields, args.leaves_per_field)
    print(f"{args.units} units × {len(framework.leaves)} leaves × 2 years")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with stage("generate and write the input CSVs"):
            write_inputs(folder, framework, args.units)
        with stage("parse units"):
            units = read_units(folder / "units.csv")
        with stage("parse and check scores 2024 (332,100 rows)"):
            table_2024 = read_scores(folder / "scores-2024.csv", framework, units)
        with stage("parse and check scores 2025 (332,100 rows)"):
            table_2025 = read_scores(folder / "scores-2025.csv", framework, units)
        scoring = time.perf_counter()
        with stage("score 2024 (index, parts, fields, ranks, classes)"):
            run_2024 = score_run(table_2024, "2024", block_by="kind")
        with stage("results.json 2024 and read back as previous"):
            (folder / "r2024.json").write_text(dumps(to_dict(run_2024)), encoding="utf-8")
            previous = read_previous(folder / "r2024.json")
        start_2025 = time.perf_counter()
        with stage("score 2025 against 2024"):
            run_2025 = score_run(table_2025, "2025", previous=previous, block_by="kind")
        both = TIMES[-3][1] + (time.perf_counter() - start_2025)
        del scoring
        with stage("write results.json, results.xlsx, report.md (2025)"):
            write_outputs(run_2025, folder / "out")
    total = sum(t for _, t in TIMES)
    print(f"{'scoring both years (the engine)':<52} {both:8.3f} s")
    print(f"{'total':<52} {total:8.3f} s")


if __name__ == "__main__":
    main()
