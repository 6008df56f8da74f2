"""`parindex score` on a national year against the previous, beside the pandas peer.

Generates the national inputs of benchmarks/national_scoring.py (3,321 communes × 100
criteria, two years), scores 2024 once (its results.json is the previous year), then runs,
each as its own process and in turn, ``--repeat`` times:

- ``parindex score … --previous`` writing results.json, results.xlsx and report.md;
- the same with ``--no-xlsx --no-report`` (results.json only, for scripts);
- the peer, benchmarks/peers/pandas_score.py: pandas + pyarrow + xlsxwriter reading,
  checking, scoring, ranking, classing, comparing and writing an appendix (no narrative,
  no results.json).

It prints each one's CPU seconds (user + system of the process, imports included; the
fastest of the repeats, as the machine is shared) and wall seconds, the ratio to the peer,
and checks that the peer and parindex give every unit the same index and rank.

    .venv/bin/python benchmarks/score_peer.py [--units 3321] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from national_scoring import make_framework, write_inputs
from parindex.core.framework import default_classes

BIN = Path(sys.executable).parent


def framework_yaml(fields: int, per_field: int) -> dict[str, object]:
    """The framework of national_scoring.make_framework, as the file a user passes."""
    framework = make_framework(fields, per_field)
    nodes = []
    for top in framework.fields:
        node: dict[str, object] = {
            "code": top.code,
            "name": top.name,
            "children": [
                {"code": c.code, "name": c.name, "max": float(c.max)} for c in top.children
            ],
        }
        if top.sources == {"survey"}:
            node["source"] = "survey"
        nodes.append(node)
    return {
        "id": framework.id,
        "name": framework.name,
        "level": framework.level,
        "year": framework.year,
        "classes": default_classes(),
        "fields": nodes,
    }


def timed(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{command[1]} failed:\n{done.stderr}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        framework = make_framework(10, 10)
        write_inputs(folder, framework, args.units)
        fw_file = folder / "framework.yaml"
        fw_file.write_text(yaml.safe_dump(framework_yaml(10, 10), allow_unicode=True), "utf-8")
        common = ["--framework", str(fw_file), "--units", str(folder / "units.csv")]
        common += ["--block-by", "kind"]
        score = [str(BIN / "parindex"), "score", *common]
        last_year = [*score, "--scores", str(folder / "scores-2024.csv"), "--period", "2024"]
        subprocess.run(
            [*last_year, "--out", str(folder / "r2024")], check=True, capture_output=True
        )
        previous = folder / "r2024" / "results.json"
        this_year = [*score, "--scores", str(folder / "scores-2025.csv")]
        this_year += ["--previous", str(previous)]
        runs = {
            "parindex score (results.json, results.xlsx, report.md)": [
                *this_year,
                "--out",
                str(folder / "r2025"),
            ],
            "parindex score --no-xlsx --no-report (results.json)": [
                *this_year,
                "--out",
                str(folder / "r2025-json"),
                "--no-xlsx",
                "--no-report",
            ],
            "peer: pandas + pyarrow + xlsxwriter (appendix only)": [
                sys.executable,
                str(Path(__file__).parent / "peers" / "pandas_score.py"),
                str(fw_file),
                str(folder / "units.csv"),
                str(folder / "scores-2025.csv"),
                str(previous),
                str(folder / "peer.xlsx"),
            ],
        }
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for label, command in runs.items():
                cpu, wall = timed(command)
                if label not in best or cpu < best[label][0]:
                    best[label] = (cpu, wall)
        peer_cpu = best["peer: pandas + pyarrow + xlsxwriter (appendix only)"][0]
        print(f"{args.units} units × 100 criteria, 2025 against 2024; {os.cpu_count()} cores")
        print(f"{'':<58} {'CPU s':>7} {'wall s':>7} {'÷ peer':>7}")
        for label, (cpu, wall) in best.items():
            print(f"{label:<58} {cpu:7.2f} {wall:7.2f} {cpu / peer_cpu:7.2f}")
        agree = same_results(folder / "r2025" / "results.json", folder / "peer.xlsx")
        print(f"peer and parindex agree on index and rank: {agree}")


def same_results(results: Path, peer: Path) -> str:
    """How many units the peer's workbook gives the index and rank results.json gives."""
    from openpyxl import load_workbook

    units = {u["unit"]: (u["index"], u["rank"]) for u in json.loads(results.read_text())["units"]}
    sheet = load_workbook(peer, read_only=True).worksheets[0]
    rows = sheet.iter_rows(min_row=3, values_only=True)
    header = list(next(rows))
    at_index, at_rank = header.index("index"), header.index("rank")
    same = sum(
        1 for row in rows if row[0] in units and units[row[0]] == (row[at_index], int(row[at_rank]))
    )
    return f"{same} of {len(units)} units"


if __name__ == "__main__":
    main()
