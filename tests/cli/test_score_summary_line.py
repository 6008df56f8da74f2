"""What `parindex score` says of the run: its average, or each block's when ranked in blocks."""

from __future__ import annotations

import re
from pathlib import Path

from parindex.cli import main
from tests.cli.test_options_where_typed import score_args


def said(tmp_path: Path, capsys, *extra: str) -> str:
    assert main([*score_args(tmp_path / "out"), *extra]) == 0
    out: str = capsys.readouterr().out
    return next(line for line in out.splitlines() if line.startswith("Chỉ số CCHC năm"))


def test_an_unblocked_run_says_its_average(tmp_path: Path, capsys):
    assert re.fullmatch(
        r"Chỉ số CCHC năm 2022: 12 đơn vị, bình quân \d+,\d\d điểm\.", said(tmp_path, capsys)
    )


def test_a_blocked_run_says_each_blocks_average_and_none_across_them(tmp_path: Path, capsys):
    line = said(tmp_path, capsys, "--block-by", "kind")
    assert line.startswith("Chỉ số CCHC năm 2022: 12 đơn vị xếp hạng theo khối — ")
    blocks = re.findall(r"khối (thành phố|huyện) (\d+) đơn vị, bình quân \d+,\d\d điểm", line)
    assert sorted(blocks) == [("huyện", "10"), ("thành phố", "2")]
    assert line.count("bình quân") == 2
