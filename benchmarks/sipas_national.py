"""SIPAS at scale: the satisfaction indices of a million respondents × 10 questions.

    .venv/bin/python benchmarks/sipas_national.py [--respondents 1000000] [--units 63]

Prints the seconds of one computation (after one to warm up), with the counts it checks.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from parindex.core.questionnaire import parse_questionnaire
from parindex.core.sipas import compute_sipas
from parindex.core.survey import SurveyData

ASPECTS = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức",
    "Kết quả giải quyết",
    "Tiếp nhận, xử lý góp ý",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=63)
    args = parser.parse_args()
    q = parse_questionnaire(
        {
            "id": "sipas",
            "name": "Phiếu khảo sát SIPAS",
            "groups": [{"code": "dan", "name": "Người dân"}],
            "questions": [
                {"code": f"Q{i}", "text": "Mức độ hài lòng?", "leaf": "8.1", "aspect": a}
                for i, a in enumerate(ASPECTS * 2)
            ],
        }
    )
    rng = np.random.default_rng(7)
    n = args.respondents
    answers = rng.choice(np.array([10_000, 6_000, 2_000, 0, -1], np.int32), size=(n, 10))
    data = SurveyData(
        q,
        tuple(f"X{i:02d}" for i in range(args.units)),
        rng.integers(0, args.units, n),
        np.zeros(n, np.int64),
        answers,
    )
    compute_sipas(q, data)  # warm up
    start = time.perf_counter()
    result = compute_sipas(q, data)
    elapsed = time.perf_counter() - start
    assert result.overall.valid == int((answers >= 0).sum())
    print(f"SIPAS of {n:,} respondents × 10 questions, {args.units} units: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
