"""A CLI run killed half-way leaves no staging folder for good: the next run beside the same
output removes it, and writes its own output complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parindex.cli import main
from parindex.services.staging import remove_leftovers
from tests.e2e.test_seed_articles import score

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def results_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ld")
    score(tmp, "lamdong-districts-2022", "lamdong-district-2022")
    return tmp / "lamdong-districts-2022" / "results.json"


def staging_folders(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if p.name.startswith(".parindex-")]


def dead_pid() -> int:
    """The id of a process that has ended (a child that exited and was reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def report_command(results_file: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "parindex.cli",
        "--quiet",
        "report",
        "--results",
        str(results_file),
        "--out",
        str(out),
        "--format",
        "docx",
        "--jobs",
        "1",
    ]


def test_a_report_killed_half_way_is_cleaned_up_by_the_next_run(results_file, tmp_path):
    out = tmp_path / "docx"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = subprocess.Popen(report_command(results_file, out), env=env)
    deadline = time.monotonic() + 120
    while not staging_folders(tmp_path) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # waiting for the run to begin writing, not timing it
    assert run.poll() is None, "the run ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait()
    left = staging_folders(tmp_path)
    assert left and not out.exists()  # what a power cut leaves: a hidden folder, no output

    assert main(["--quiet", *report_command(results_file, out)[4:]]) == 0

    assert staging_folders(tmp_path) == []
    codes = [u["unit"] for u in json.loads(results_file.read_text(encoding="utf-8"))["units"]]
    assert sorted(p.name for p in (out / "phieu-diem").iterdir()) == sorted(
        f"{c}.docx" for c in codes
    )


def test_a_report_stopped_with_sigterm_removes_its_own_staging(results_file, tmp_path):
    out = tmp_path / "docx"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = subprocess.Popen(report_command(results_file, out), env=env)
    deadline = time.monotonic() + 120
    while not staging_folders(tmp_path) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before it could be stopped"
    run.send_signal(signal.SIGTERM)
    assert run.wait() == 128 + signal.SIGTERM
    assert staging_folders(tmp_path) == []


def test_a_score_run_removes_a_dead_runs_staging_and_keeps_a_live_ones(tmp_path):
    dead = tmp_path / f".parindex-{dead_pid()}-abc123"
    (dead / "results.json").parent.mkdir()
    (dead / "results.json").write_text("{half", encoding="utf-8")
    live = tmp_path / f".parindex-{os.getppid()}-def456"  # the test runner's parent: alive
    live.mkdir()
    score(tmp_path, "lamdong-districts-2022", "lamdong-district-2022")
    assert not dead.exists()
    assert live.exists()
    assert json.loads(
        (tmp_path / "lamdong-districts-2022" / "results.json").read_text(encoding="utf-8")
    )["units"]
    assert remove_leftovers(tmp_path) == []
