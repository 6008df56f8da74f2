"""The benchmark scripts still run against today's code (at a tiny size; nothing is timed here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "script, args",
    [
        ("national_scoring.py", ["--units", "30"]),
        ("scorecards.py", ["--units", "4", "--jobs", "1"]),
        ("ranking_page.py", ["--units", "20", "--repeat", "1"]),
        ("survey_national.py", ["--units", "10", "--respondents", "500", "--draws", "20"]),
        ("sipas_national.py", ["--respondents", "2000", "--units", "5"]),
        ("score_peer.py", ["--units", "40", "--repeat", "1"]),
        ("web_pages.py", ["--only", "national", "--units", "20", "--repeat", "1"]),
    ],
)
def test_the_benchmark_runs(script, args):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert result.stdout.strip(), "a benchmark prints its figures"
