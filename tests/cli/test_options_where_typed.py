"""Options go where users type them: before the command or after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from parindex.cli import main
from tests.conftest import DATA

SEEDS = DATA / "seeds"


def score_args(out: Path) -> list[str]:
    folder = SEEDS / "lamdong-districts-2022"
    return [
        "score",
        "--framework",
        "lamdong-district-2022",
        "--scores",
        str(folder / "scores.csv"),
        "--units",
        str(folder / "units.csv"),
        "--out",
        str(out),
    ]


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_is_quiet_before_or_after_the_command(tmp_path: Path, capsys, where: str):
    args = score_args(tmp_path / "out")
    argv = ["--quiet", *args] if where == "before" else [*args, "--quiet"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert (tmp_path / "out" / "results.json").exists()


def test_quiet_after_a_nested_command(tmp_path: Path, capsys):
    assert main(["framework", "check", "frameworks/lamdong-district-2022.yaml", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_without_quiet_the_command_says_what_it_wrote(tmp_path: Path, capsys):
    assert main(score_args(tmp_path / "out")) == 0
    assert "Đã ghi:" in capsys.readouterr().out
