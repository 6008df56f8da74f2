"""`parindex survey import` of a 1,000,000-row CSV export, end to end.

Writes a questionnaire (15 questions over 5 survey leaves, 3 respondent groups, one
multiple-choice question, one question asked to one group only), its framework, a units
list with populations and a plain CSV export of ``--respondents`` rows over ``--units``
units (codes and labels mixed, blank answers, and about one row in a thousand bad: an
unknown unit, an answer outside the scale, a duplicate respondent id, an answer from a
group not asked, a blank row). Then runs ``parindex survey import --drop-invalid`` in a
subprocess and prints its wall time, CPU time (user + system) and peak resident memory,
and the stages the command reports.

    .venv/bin/python benchmarks/survey_import.py [--respondents 1000000] [--units 3321]
        [--keep DIR] [--repeat 1] [--profile]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

LEAVES = 5
PER_LEAF = 3
OPTIONS = ("A", "B", "C", "D", "E")
LABELS = ("Rất hài lòng", "Tốt / Hài lòng", "bình thường", "Không hài lòng", "Không trả lời")


def write_inputs(folder: Path, n_units: int, respondents: int, seed: int = 7) -> dict[str, Path]:
    """The framework, questionnaire, units and responses files of the benchmark."""
    import polars as pl

    framework = folder / "framework.yaml"
    leaves = "\n".join(
        f"  - {{code: '8.{i + 1}', name: Nội dung {i + 1}, max: 2}}" for i in range(LEAVES)
    )
    framework.write_text(
        "id: survey-import-bench\nname: Bộ tiêu chí thử\nlevel: commune\nyear: 2025\n"
        "classes:\n- {label: Tốt, min: 80}\n- {label: Khá, min: 50}\n- {label: Yếu, min: 0}\n"
        "fields:\n- {code: '1', name: Tự đánh giá, max: 90}\n"
        "- code: '8'\n  name: Điều tra xã hội học\n  source: survey\n  children:\n"
        f"{leaves}\n",
        encoding="utf-8",
    )
    questions = []
    for leaf in range(LEAVES):
        for k in range(PER_LEAF):
            code = f"Q{leaf * PER_LEAF + k + 1}"
            line = f"- {{code: {code}, text: 'Câu hỏi {code}', leaf: '8.{leaf + 1}'"
            if code == "Q3":
                line += ", choice: multiple"
            if code == "Q5":
                line += ", groups: [canbo]"
            questions.append(line + "}")
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(
        "id: survey-import-bench-phieu\nname: Phiếu thử\nframework: survey-import-bench\n"
        "groups:\n- {code: dan, name: 'Người dân, tổ chức', weight: 2}\n"
        "- {code: canbo, name: 'Cán bộ, công chức', weight: 1}\n"
        "- {code: dn, name: Doanh nghiệp, weight: 1}\n"
        "questions:\n" + "\n".join(questions) + "\n",
        encoding="utf-8",
    )
    rng = np.random.default_rng(seed)
    codes = np.array([f"X{u:05d}" for u in range(n_units)])
    units = folder / "units.csv"
    pl.DataFrame(
        {
            "code": codes,
            "name": [f"Xã {u}" for u in range(n_units)],
            "population": rng.integers(2000, 40000, n_units),
        }
    ).write_csv(units)
    unit = np.sort(rng.integers(0, n_units, respondents))
    group = rng.choice(3, size=respondents, p=[0.7, 0.2, 0.1])
    columns: dict[str, np.ndarray] = {
        "respondent": np.char.add("P", np.arange(respondents).astype(str)),
        "unit": codes[unit],
        "group": np.array(["dan", "canbo", "Doanh nghiệp"])[group],
    }
    quality = rng.uniform(0.55, 0.95, n_units)[unit]
    answers = np.array([*OPTIONS, *LABELS, ""])
    for j in range(LEAVES * PER_LEAF):
        draw = rng.random(respondents)
        option = np.where(
            draw < quality * 0.6,
            0,
            np.where(draw < quality, 1, np.where(draw < 0.96, 2, np.where(draw < 0.98, 3, 4))),
        )
        as_label = rng.random(respondents) < 0.1
        blank = rng.random(respondents) < 0.03
        cell = np.where(blank, 10, np.where(as_label, option + 5, option))
        column = answers[cell]
        if j == 2:  # Q3, several answers
            several = rng.random(respondents) < 0.2
            column = np.where(several & ~blank, "A;C", column)
        if j == 4:  # Q5: canbo only
            column = np.where(group == 1, column, "")
        columns[f"Q{j + 1}"] = column
    # about one row in a thousand is bad
    bad = rng.choice(respondents, size=respondents // 1000, replace=False)
    for k, i in enumerate(bad):
        kind = k % 5
        if kind == 0:
            columns["unit"][i] = "KHONGCO"
        elif kind == 1:
            columns["Q2"][i] = "F"
        elif kind == 2:
            columns["respondent"][i] = columns["respondent"][max(i - 1, 0)]
        elif kind == 3:
            columns["group"][i] = "dan"
            columns["Q5"][i] = "A"
        else:
            for j in range(LEAVES * PER_LEAF):
                columns[f"Q{j + 1}"][i] = ""
    responses = folder / "responses.csv"
    pl.DataFrame(columns).write_csv(responses)
    return {
        "framework": framework,
        "questionnaire": questionnaire,
        "units": units,
        "responses": responses,
    }


PEAK_WRAPPER = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'): print(line.strip(), file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv[0] = 'parindex'\n"
    "runpy.run_module('parindex.cli', run_name='__main__')\n"
)


def run_import(
    files: dict[str, Path], out: Path, profile: bool = False
) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one `parindex survey import` in a subprocess."""
    # the child's own peak (VmHWM): ru_maxrss of a child also counts the memory of this
    # process at fork time (Linux keeps the larger of the two across exec)
    command = [
        sys.executable,
        *(["-m", "cProfile", "-s", "cumulative", "-m", "parindex.cli"] if profile else []),
        *([] if profile else ["-c", PEAK_WRAPPER]),
        "survey",
        "import",
        "--questionnaire",
        str(files["questionnaire"]),
        "--framework",
        str(files["framework"]),
        "--responses",
        str(files["responses"]),
        "--units",
        str(files["units"]),
        "--drop-invalid",
        "--out",
        str(out / "points.json"),
    ]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(done.stdout[-3000:] + done.stderr[-3000:])
    print(done.stderr.strip())
    print("\n".join(done.stdout.strip().splitlines()[: 60 if profile else 4]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peaks = [line for line in done.stderr.splitlines() if line.startswith("VmHWM:")]
    peak_kb = int(peaks[-1].split()[1]) if peaks else after.ru_maxrss
    return wall, cpu, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--keep",
        help="write the inputs and outputs to this folder (and reuse the inputs found there)",
    )
    parser.add_argument("--profile", action="store_true", help="run the command under cProfile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        names = ("framework", "questionnaire", "units", "responses")
        files = {
            name: folder / f"{name}.{'csv' if name in ('units', 'responses') else 'yaml'}"
            for name in names
        }
        if not (args.keep and all(p.exists() for p in files.values())):
            files = write_inputs(folder, args.units, args.respondents)
        size = files["responses"].stat().st_size / 2**20
        print(
            f"{args.respondents:,} rows × {LEAVES * PER_LEAF} questions, {args.units:,} units: "
            f"{size:,.0f} MB CSV written in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        for _ in range(args.repeat):
            wall, cpu, peak = run_import(files, folder, args.profile)
            print(
                f"parindex survey import: {wall:6.2f} s wall   {cpu:6.2f} s CPU   "
                f"peak {peak:6.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
