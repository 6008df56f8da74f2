"""National survey scale: 1,000,000 responses × 30 questions over 3,321 units.

Builds the parsed responses in memory (the import of a file is timed separately by
``--csv ROWS``), then computes exact points per unit and leaf, their design-based
intervals and each unit's rank interval over 1,000 resamples, printing the time of
each stage and the peak memory of the process.

    .venv/bin/python benchmarks/survey_national.py [--respondents 1000000] [--draws 1000] [--csv 100000]
"""

from __future__ import annotations

import argparse
import resource
import time
from decimal import Decimal

import numpy as np

from parindex.core.framework import default_classes, parse_framework
from parindex.core.questionnaire import parse_questionnaire
from parindex.core.scoring import ScoreTable, score_run
from parindex.core.survey import SurveyData, compute_survey
from parindex.core.uncertainty import rank_intervals
from parindex.core.units import Unit

LEAVES = 5
QUESTIONS_PER_LEAF = 6
CLASSES = default_classes()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(label: str, start: float) -> float:
    now = time.perf_counter()
    print(f"{label:<58} {now - start:7.2f} s   peak {peak_mb():7.0f} MB", flush=True)
    return now


def build(n_units: int, respondents: int, seed: int = 1):
    framework = parse_framework(
        {
            "id": "national-survey-bench",
            "name": "Bộ tiêu chí thử",
            "level": "commune",
            "year": 2025,
            "classes": CLASSES,
            "fields": [
                {"code": "1", "name": "Tự đánh giá", "max": Decimal("68.5")},
                {
                    "code": "8",
                    "name": "Điều tra xã hội học",
                    "source": "survey",
                    "children": [
                        {"code": f"8.{i + 1}", "name": f"Nội dung {i + 1}", "max": Decimal("6.3")}
                        for i in range(LEAVES)
                    ],
                },
            ],
        }
    )
    questionnaire = parse_questionnaire(
        {
            "id": "national-survey-bench",
            "name": "Phiếu thử",
            "groups": [
                {"code": "dan", "name": "Người dân, tổ chức", "weight": 2},
                {"code": "lanhdao", "name": "Lãnh đạo", "weight": 1},
                {"code": "canbo", "name": "Cán bộ, công chức", "weight": 1},
            ],
            "questions": [
                {
                    "code": f"Q{leaf + 1}_{k + 1}",
                    "text": f"Câu hỏi {leaf + 1}.{k + 1}",
                    "leaf": f"8.{leaf + 1}",
                }
                for leaf in range(LEAVES)
                for k in range(QUESTIONS_PER_LEAF)
            ],
        }
    )
    rng = np.random.default_rng(seed)
    unit = np.sort(rng.integers(0, n_units, respondents))
    group = rng.choice(3, size=respondents, p=[0.7, 0.1, 0.2])
    quality = rng.uniform(0.55, 0.95, n_units)[unit]
    weights = np.array([10000, 6000, 2000, 0, -1], dtype=np.int32)
    draw = rng.random((respondents, LEAVES * QUESTIONS_PER_LEAF), dtype=np.float32)
    option = np.where(
        draw < quality[:, None] * 0.6,
        0,
        np.where(draw < quality[:, None], 1, np.where(draw < 0.97, 2, np.where(draw < 0.99, 3, 4))),
    )
    answers = weights[option].astype(np.int32)
    units = tuple(f"X{u:05d}" for u in range(n_units))
    return framework, SurveyData(
        questionnaire, units, unit.astype(np.int64), group.astype(np.int64), answers
    )


def time_import(framework, data: SurveyData, rows: int) -> None:
    """Write the first ``rows`` respondents as a plain export and time `read_responses` on it."""
    import csv
    import tempfile
    from pathlib import Path

    from parindex.io.survey_responses import read_responses

    q = data.questionnaire
    codes = {10000: "A", 6000: "B", 2000: "C", 0: "D", -1: "E"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "responses.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                ["respondent", "unit", "group", *(question.code for question in q.questions)]
            )
            for r in range(rows):
                writer.writerow(
                    [
                        f"P{r}",
                        data.units[data.unit[r]],
                        q.groups[data.group[r]].code,
                        *(codes[int(v)] for v in data.answers[r]),
                    ]
                )
        start = time.perf_counter()
        imported = read_responses(path, q, list(data.units))
        stage(f"import a plain CSV export ({imported.kept:,} rows)", start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument(
        "--csv", type=int, default=0, help="also time the import of a plain CSV of this many rows"
    )
    args = parser.parse_args()
    print(
        f"{args.respondents:,} responses × {LEAVES * QUESTIONS_PER_LEAF} questions, {args.units:,} units, {args.draws} draws"
    )
    start = t0 = time.perf_counter()
    framework, data = build(args.units, args.respondents)
    start = stage("generate the parsed responses", start)
    survey = compute_survey(framework, data, draws=args.draws)
    start = stage("points (exact) + design-based intervals per unit and leaf", start)
    units = [Unit(code, code) for code in data.units]
    rng = np.random.default_rng(2)
    scores = {}
    for i, code in enumerate(data.units):
        scores[(code, "1")] = Decimal(int(rng.integers(4000, 6850))) / 100
        for leaf in survey.points[i]:
            scores[(code, leaf.leaf)] = leaf.points
    run = score_run(ScoreTable.from_scores(framework, units, scores), "2025")
    start = stage("score the run with the survey points", start)
    intervals = rank_intervals(run, survey)
    start = stage(f"rank intervals ({args.draws} resamples)", start)
    wide = sum(1 for low, high in intervals.values() if high > low)
    if args.csv:
        time_import(framework, data, args.csv)
    print(f"{'total':<58} {time.perf_counter() - t0:7.2f} s   peak {peak_mb():7.0f} MB")
    print(f"units whose rank is not settled by the data: {wide:,} of {len(intervals):,}")


if __name__ == "__main__":
    main()
