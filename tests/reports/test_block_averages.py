"""The documents and charts of a run ranked in blocks: each block's average, none across."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from parindex.io.results_json import dumps, parse_results, to_dict
from parindex.reports import charts, docx_report, pdf_report, svg_charts
from parindex.reports.letterhead import Letterhead
from tests.core.test_narrative_groups import BLOCKED, run_of

RUN_AVERAGE = "82,50"  # of A (xã 80), B (xã 70), C (phường 95), D (thị trấn 85)


@pytest.fixture(scope="module")
def blocked():
    return parse_results(dumps(to_dict(run_of(BLOCKED, block_by="kind"))))


def test_a_units_field_averages_are_its_blocks(blocked):
    assert charts.field_averages(blocked, "xã") == {"1": 75.0}
    assert charts.field_averages(blocked, "phường") == {"1": 95.0}
    assert charts.average_label(blocked, "xã") == "Bình quân của khối xã"


def test_an_unblocked_runs_field_averages_are_of_every_unit():
    run = parse_results(dumps(to_dict(run_of(BLOCKED))))
    assert charts.field_averages(run) == {"1": 82.5}
    assert charts.average_label(run, None) == "Bình quân của các đơn vị"


def test_the_ranking_chart_draws_each_blocks_average_over_its_bars(blocked):
    svg = svg_charts.ranking_svg(blocked)
    assert "<title>Bình quân khối xã: 75,00</title>" in svg
    assert "<title>Bình quân khối phường: 95,00</title>" in svg
    assert RUN_AVERAGE not in svg and "Bình quân 8" not in svg
    assert charts.ranking_chart(blocked).startswith(b"\x89PNG")
    assert charts.class_distribution_chart(blocked).startswith(b"\x89PNG")


def test_a_units_profile_is_drawn_against_its_block(blocked):
    svg = svg_charts.field_profile_svg(blocked, "A")
    assert "◆ bình quân khối xã" in svg and "bình quân khối xã 75%" in svg
    assert charts.field_profile_chart(blocked, "A").startswith(b"\x89PNG")
    assert charts.field_profile_chart(blocked, "C").startswith(b"\x89PNG")


def test_the_summary_documents_give_no_average_across_blocks(blocked):
    document = docx.Document(io.BytesIO(docx_report.render_report(blocked, Letterhead())))
    text = "\n".join(p.text for p in document.paragraphs)
    assert RUN_AVERAGE not in text
    assert "Chỉ số bình quân khối xã đạt 75,00 điểm" in text
    pdf = PdfReader(io.BytesIO(pdf_report.render_report(blocked, Letterhead())))
    pages = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    # the index averaged across blocks is not given (a field's rate across units is: 82,50%)
    assert f"{RUN_AVERAGE} điểm" not in pages and f"{RUN_AVERAGE}%" in pages
    assert "Chỉ số bình quân khối xã đạt 75,00 điểm" in pages


def test_a_blocked_scorecard_pdf_draws_the_blocks_averages(blocked):
    pdf = PdfReader(io.BytesIO(pdf_report.render_scorecard(blocked, "A", Letterhead())))
    assert "Bình quân của khối xã" in " ".join(pdf.pages[0].extract_text().split())
