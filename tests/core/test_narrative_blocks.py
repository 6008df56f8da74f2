"""A run ranked in blocks gives each block's figures only: no average across departments and
communes, which no province publishes; an unblocked run keeps its average."""

from __future__ import annotations

import re

from parindex.core.narrative import render_report
from parindex.core.narrative_published import summary_sections
from parindex.io.results_json import dumps, parse_results, to_dict
from tests.core.test_narrative_groups import BLOCKED, run_of

RUN_AVERAGE = "82,50"  # of A, B, C and D together: shown nowhere in a blocked run


def run_section(report: str) -> str:
    return report[report.index("## Kết quả chung") : report.index("### Bảng xếp hạng")]


def test_a_blocked_report_has_no_average_of_all_units_but_one_per_block():
    report = render_report(run_of(BLOCKED, block_by="kind"))
    section = run_section(report)
    assert RUN_AVERAGE not in report
    assert "bình quân chung" not in report
    assert "bình quân của 4" not in section
    averages = re.findall(r"chỉ số CCHC bình quân khối (\S+) của", section)
    assert averages == ["xã"]  # the other blocks have one unit each: no average to speak of
    assert "khối phường có 01 đơn vị là phường Đơn vị C, đạt chỉ số CCHC 95,00 điểm" in section
    assert "4 đơn vị được xếp hạng theo 3 khối (xã, phường và thị trấn)" in section


def test_a_blocks_section_names_its_best_and_worst_unit_and_its_classes():
    section = run_section(render_report(run_of(BLOCKED, block_by="kind")))
    block = section[section.index("### Khối xã") : section.index("### Khối phường")]
    assert (
        "Cao nhất khối xã là xã Đơn vị A (80,00 điểm); thấp nhất là xã Đơn vị B (70,00 điểm)."
        in block
    )
    assert "Kết quả xếp loại: có 02 đơn vị xếp loại Khá: xã Đơn vị A và xã Đơn vị B" in block


def test_the_classes_are_counted_in_blocks_only():
    section = run_section(render_report(run_of(BLOCKED, block_by="kind")))
    before_blocks = section[: section.index("### Khối")]
    assert "xếp loại" not in before_blocks.replace("số đơn vị theo xếp loại", "")


def test_tied_units_are_named_together_and_a_block_of_equals_has_no_best():
    run = run_of(
        {
            "A": ("xã", 80),
            "B": ("xã", 80),
            "C": ("xã", 70),
            "D": ("phường", 90),
            "E": ("phường", 90),
        },
        block_by="kind",
    )
    section = run_section(render_report(run))
    assert "Cao nhất khối xã là xã Đơn vị A và xã Đơn vị B (80,00 điểm)" in section
    assert "Cao nhất khối phường" not in section


def test_the_documents_summary_has_the_same_per_block_paragraphs():
    run = run_of(BLOCKED, block_by="kind")
    sections = summary_sections(parse_results(dumps(to_dict(run))))
    assert [heading for heading, _ in sections] == [None, "Khối xã", "Khối phường", "Khối thị trấn"]
    (first,) = sections[0][1]
    assert RUN_AVERAGE not in first and "bình quân" in first  # «… tính riêng trong từng khối»
    assert "Cao nhất khối xã là xã Đơn vị A" in " ".join(sections[1][1])


def test_an_unblocked_run_keeps_its_average_and_has_no_best_and_worst_sentence():
    report = render_report(run_of(BLOCKED))
    section = run_section(report)
    assert f"chỉ số CCHC bình quân của 4 xã, phường, thị trấn đạt {RUN_AVERAGE} điểm" in section
    assert "Cao nhất" not in section
    assert "### Khối" not in section
