"""A unit's paragraphs: the bonus and penalty beside its parts, and its name last year."""

from __future__ import annotations

from parindex.core.narrative import unit_section
from parindex.core.narrative_published import unit_paragraphs
from parindex.core.scoring import PreviousRun, PreviousUnit, ScoreTable, score_run
from parindex.core.units import Unit
from parindex.io.results_json import dumps, parse_results, to_dict
from tests.conftest import D, make_framework

BONUS = make_framework(
    [
        {"code": "1", "name": "Chỉ đạo", "max": 70},
        {"code": "2", "name": "Điều tra xã hội học", "max": 30, "source": "survey"},
    ],
    family="tp-commune",
    bonus={
        "cap": 1,
        "penalty_cap": 2,
        "items": [
            {"code": "T1", "name": "Sáng kiến CCHC được công nhận", "max": 1},
            {"code": "T2", "name": "Mô hình được nhân rộng", "max": 1},
            {"code": "P1", "name": "Bị phản ánh có căn cứ", "min": -1},
        ],
    },
)
UNITS = [Unit("A", "An", kind="xã"), Unit("B", "Bình", kind="xã"), Unit("C", "Châu", kind="xã")]
SCORES = {
    ("A", "1"): D(60),
    ("A", "2"): D("25.5"),
    ("B", "1"): D(62),
    ("B", "2"): D(24),
    ("C", "1"): D(50),
    ("C", "2"): D(20),
}
ADJUSTMENTS = {("A", "T1"): D(1), ("A", "T2"): D("0.5"), ("B", "P1"): D("-0.5")}


def previous(*units: PreviousUnit) -> PreviousRun:
    return PreviousRun(
        "tp-commune-2024", "tp-commune", "commune", "2024", {u.unit: u for u in units}
    )


def past(code: str, name: str) -> PreviousUnit:
    return PreviousUnit(code, name, D(80), 1, 3, None, None, {}, display_name=f"xã {name}")


def test_the_parts_sentence_adds_the_bonus_and_penalty_counted():
    run = score_run(ScoreTable.from_scores(BONUS, UNITS, SCORES, ADJUSTMENTS), "2025")
    a, b, c = (unit_section(run, run.unit(code)) for code in "ABC")
    # A: 60 + 25,5 + 1 (1,5 capped at 1) = 86,5
    assert run.unit("A").index == D("86.50")
    assert "điều tra xã hội học đạt 25,5/30 điểm, xếp thứ 1/3; điểm thưởng 1 điểm." in a
    assert "; điểm trừ 0,5 điểm." in b and run.unit("B").index == D("85.50")
    assert "điểm thưởng" not in c and "điểm trừ" not in c


def test_the_documents_say_the_same_from_the_published_run():
    run = score_run(ScoreTable.from_scores(BONUS, UNITS, SCORES, ADJUSTMENTS), "2025")
    published = parse_results(dumps(to_dict(run)))
    for code in "AB":
        section = unit_section(run, run.unit(code))
        assert all(p in section for p in unit_paragraphs(published, code))
    assert any("điểm thưởng 1 điểm" in p for p in unit_paragraphs(published, "A"))


def test_a_unit_with_a_new_code_and_the_same_name_is_not_said_to_have_been_itself():
    units = [
        Unit("N1", "An", kind="xã", predecessors=("A",)),  # kept as it was, a new code
        Unit("N2", "Bắc", kind="xã", predecessors=("B",)),  # renamed
        Unit("C", "Châu", kind="xã"),
    ]
    scores = {
        (u.code, leaf): SCORES[(old, leaf)]
        for u, old in zip(units, "ABC", strict=True)
        for leaf in "12"
    }
    prev = previous(past("A", "An"), past("B", "Bình"), past("C", "Châu"))
    run = score_run(ScoreTable.from_scores(BONUS, units, scores), "2025", previous=prev)
    kept, renamed = unit_section(run, run.unit("N1")), unit_section(run, run.unit("N2"))
    assert "so với năm 2024)." in kept and "khi đó là" not in kept
    assert "so với năm 2024, khi đó là xã Bình)." in renamed


def test_a_unit_with_criteria_not_applicable_says_how_its_index_is_brought_to_100(tmp_path):
    from parindex.cli import main
    from tests.io.test_score_rules_file import FRAMEWORK, GOOD, write

    units = write(tmp_path, "units.csv", "code,name,kind\nPA,Phường An,phường\nXB,Xã Bình,xã\n")
    out = tmp_path / "out"
    assert main(
        ["--quiet", "score", "--framework", str(write(tmp_path, "fw.yaml", FRAMEWORK)),
         "--units", str(units), "--scores", str(write(tmp_path, "s.csv", GOOD)), "--out", str(out)]
    ) == 0  # fmt: skip
    report = (out / "report.md").read_text(encoding="utf-8")
    commune = report[report.index("## Xã Bình") :]
    # 0,5 + 1 + 2,67 + 1 = 5,17 points, less the penalty 0,5: 4,67 of the 9 that apply
    assert "tổng cộng 4,67/9 điểm áp dụng, quy về thang điểm 100 là 51,89 điểm" in commune
