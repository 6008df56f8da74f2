"""The run's and the blocks' paragraphs: which average a unit is compared with, counts, capitals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from parindex.core.narrative import group_paragraphs, render_report
from parindex.core.scoring import RunResult, ScoreTable, score_run
from parindex.core.units import Unit
from tests.conftest import make_framework


def run_of(points: dict[str, tuple[str, int]], block_by: str | None = None) -> RunResult:
    """Units by code → (kind, points out of 100)."""
    framework = make_framework([{"code": "1", "name": "A", "max": 100}])
    units = [Unit(code, f"Đơn vị {code}", kind=kind) for code, (kind, _) in points.items()]
    scores = {(code, "1"): Decimal(value) for code, (_, value) in points.items()}
    return score_run(ScoreTable.from_scores(framework, units, scores), "2024", block_by=block_by)


BLOCKED = {
    "A": ("xã", 80),  # above the xã block's 75, below the run's 82,5
    "B": ("xã", 70),
    "C": ("phường", 95),
    "D": ("thị trấn", 85),  # alone in its block
}


def block(run: RunResult, label: str) -> str:
    return " ".join(group_paragraphs(run, next(b for b in run.blocks if b.label == label)))


def test_a_blocks_paragraph_compares_with_the_blocks_average():
    run = run_of(BLOCKED, block_by="kind")
    text = block(run, "xã")
    assert "chỉ số CCHC bình quân khối xã của 2 xã đạt 75,00 điểm" in text
    assert "cao hơn chỉ số bình quân của khối xã, gồm: xã Đơn vị A" in text
    assert "thấp hơn chỉ số bình quân của khối xã, gồm: xã Đơn vị B" in text
    assert "chung" not in text


def test_the_runs_paragraph_compares_with_the_overall_average():
    run = run_of(BLOCKED)  # not ranked in blocks (a blocked run has no overall average)
    text = " ".join(group_paragraphs(run, run.overall))
    assert "cao hơn chỉ số bình quân chung, gồm: phường Đơn vị C và thị trấn Đơn vị D" in text
    assert "khối" not in text


def test_every_sentence_of_a_one_unit_block_starts_with_a_capital():
    run = run_of(BLOCKED, block_by="kind")
    text = block(run, "thị trấn")
    assert not re.search(r"\.\s+[a-zà-ỹđ]", text), text
    assert "01 đơn vị" in text
    assert "thị trấn Đơn vị D" in text


def test_a_group_where_every_unit_is_at_the_average_starts_its_sentence_with_a_capital():
    run = run_of({"A": ("xã", 80), "B": ("xã", 80)})
    text = " ".join(group_paragraphs(run, run.overall))
    assert ". có" not in text
    assert "đạt đúng chỉ số bình quân" in text


@pytest.fixture(scope="module")
def large_run() -> RunResult:
    return run_of({f"X{i:04d}": ("xã", 10 + i % 40) for i in range(1500)})  # all Yếu


def test_counts_in_the_runs_paragraphs_have_a_thousands_dot(large_run):
    text = " ".join(group_paragraphs(large_run, large_run.overall))
    assert "của 1.500 xã" in text
    assert "Trong tổng số 1.500 xã" in text
    counts = re.findall(r"(?:của|số|có) ([\d.]+) (?:xã|đơn vị)", text)
    assert counts == ["1.500", "1.500", "740", "760", "1.500"]


def test_the_class_rank_has_a_thousands_dot(large_run):
    report = render_report(large_run)
    assert re.search(r"đứng thứ 1\.\d{3} trong nhóm Yếu \(gồm 1\.500 đơn vị\)", report)
    assert not re.search(r"đứng thứ \d{4}", report)


def test_the_kinds_are_named_in_the_usual_order_whoever_ranks_first():
    run = run_of({"P": ("phường", 95), "D": ("đặc khu", 90), "X": ("xã", 70)})
    text = " ".join(group_paragraphs(run, run.overall))
    assert "chỉ số CCHC bình quân của 3 xã, phường, đặc khu đạt" in text
