"""benchmarks/survey_import.py still runs against today's code (a tiny export; nothing timed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_survey_import_benchmark_runs(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "survey_import.py"),
            "--respondents",
            "3000",
            "--units",
            "12",
            "--keep",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "parindex survey import:" in result.stdout
    assert (tmp_path / "points.json").exists() and (tmp_path / "points.rejected.csv").exists()
