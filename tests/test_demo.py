"""The demo province: deterministic files that exercise ties, KĐG, mergers and every class."""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from parindex.core.framework import Framework, parse_framework
from parindex.core.problems import InputError
from parindex.core.survey import compute_survey
from parindex.demo import write_demo
from parindex.io.survey_responses import read_questionnaire, read_responses
from parindex.io.units import read_populations, read_units
from tests.conftest import DATA, ROOT

NOT_ASSESSED = "KĐG"
DISTRICT_KINDS = {"huyện", "thị xã", "thành phố"}
COMMUNE_KINDS = {"xã", "phường", "thị trấn"}
CLASSES = [
    {"label": "Xuất sắc", "min": 90},
    {"label": "Tốt", "min": 85},
    {"label": "Khá", "min": 70},
    {"label": "Trung bình", "min": 50},
    {"label": "Yếu", "min": 0},
]


# field name, source, children: a number is a criterion's max, a list a criterion's sub-criteria
DISTRICT_FIELDS = [
    ("Công tác chỉ đạo, điều hành CCHC", "self", [2, 1.5, 1.5, 2, 1, 2]),
    ("Cải cách thể chế", "self", [2.5, 2, 2, 2]),
    ("Cải cách thủ tục hành chính", "self", [[2, 2], [1, 1.5, 1], [3, 2], [2, 2]]),
    ("Cải cách tổ chức bộ máy", "self", [2, 2, 1.5, 2]),
    ("Cải cách chế độ công vụ", "self", [2, 2, 2, 2, 2]),
    ("Cải cách tài chính công", "self", [2, 2, 2, 2]),
    ("Xây dựng chính quyền điện tử, chính quyền số", "self", [1.5, 2, 2, 2, 2]),
    ("Chỉ tiêu phát triển kinh tế - xã hội", "self", [[2, 1.5, 1.5]]),
    ("Điều tra xã hội học", "survey", [15, 10]),
]
COMMUNE_FIELDS = [
    ("Công tác chỉ đạo, điều hành CCHC", "self", [2, 2.5, 2, 2, 2.5, 2.5]),
    ("Cải cách thể chế", "self", [2, 2, 2]),
    ("Cải cách thủ tục hành chính", "self", [[2, 2], [3, 3], [2, 2, 2]]),
    ("Cải cách tổ chức bộ máy", "self", [2, 2, 2]),
    ("Cải cách chế độ công vụ", "self", [2, 2, 2.5, 2.5]),
    ("Cải cách tài chính công", "self", [2, 2, 1.5, 1.5]),
    ("Xây dựng chính quyền điện tử, chính quyền số", "self", [2, 2, 2, 2.5, 2.5]),
    ("Điều tra xã hội học", "survey", [20, 11.5]),
]


def small_framework(fw_id: str, level: str, fields: list[tuple[str, str, list[Any]]]) -> Framework:
    """A 100-point framework of a few fields, criteria and sub-criteria."""

    def node(code: str, spec: Any) -> dict[str, Any]:
        if isinstance(spec, list):
            children = [node(f"{code}.{i}", child) for i, child in enumerate(spec, start=1)]
            return {"code": code, "name": f"Tiêu chí {code}", "children": children}
        return {"code": code, "name": f"Tiêu chí {code}", "max": Decimal(str(spec))}

    return parse_framework(
        {
            "id": fw_id,
            "name": "Bộ tiêu chí thử",
            "level": level,
            "year": 2023,
            "classes": CLASSES,
            "fields": [
                {"source": source, **node(str(number), children), "name": name}
                for number, (name, source, children) in enumerate(fields, start=1)
            ],
        }
    )


DISTRICT_FW = small_framework("test-district", "district", DISTRICT_FIELDS)
COMMUNE_FW = small_framework("test-commune", "commune", COMMUNE_FIELDS)
FRAMEWORKS = {DISTRICT_FW.id: DISTRICT_FW, COMMUNE_FW.id: COMMUNE_FW}


def make_demo(out: Path, seed: int = 2024) -> dict[str, Any]:
    return write_demo(out, seed, district_framework=DISTRICT_FW, commune_framework=COMMUNE_FW)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("demo")
    return out, make_demo(out)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_named(manifest: dict[str, Any], name: str) -> dict[str, Any]:
    return next(run for run in manifest["runs"] if run["name"] == name)


def level_runs(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The runs of 2023 and 2024, one framework each (2025 on: tests/test_demo_2025.py)."""
    return [run for run in manifest["runs"] if "framework" in run]


def unit_scores(out: Path, run: dict[str, Any]) -> dict[str, dict[str, str]]:
    scores: dict[str, dict[str, str]] = {}
    for row in read_csv(out / run["scores"]):
        scores.setdefault(row["unit"], {})[row["criterion"]] = row["score"]
    return scores


def survey_points(out: Path, run: dict[str, Any], fw: Framework) -> dict[str, dict[str, str]]:
    """The survey leaves' points of a run with a survey, by unit, from its responses."""
    if not run.get("survey"):
        return {}
    questionnaire = read_questionnaire(out / run["survey"]["questionnaire"])
    units = out / run["units"]
    imported = read_responses(
        out / run["survey"]["responses"], questionnaire, [u.code for u in read_units(units)]
    )
    result = compute_survey(fw, imported.data, read_populations(units), draws=0)
    return {
        unit: {p.leaf: str(p.points) for p in rows}
        for unit, rows in zip(result.units, result.points, strict=True)
    }


def all_scores(out: Path, run: dict[str, Any], fw: Framework) -> dict[str, dict[str, str]]:
    """Every leaf's score per unit: the scores file and, for a run with a survey, its points."""
    scores = unit_scores(out, run)
    for unit, points in survey_points(out, run, fw).items():
        scores[unit].update(points)
    return scores


def index_of(fw: Framework, scores: dict[str, str]) -> Decimal:
    maxima = {leaf.code: leaf.max for leaf in fw.leaves}
    points = sum((Decimal(s) for s in scores.values() if s != NOT_ASSESSED), Decimal(0))
    applicable = sum((maxima[c] for c, s in scores.items() if s != NOT_ASSESSED), Decimal(0))
    return points / applicable * 100


def all_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    make_demo(tmp_path / "a")
    make_demo(tmp_path / "b")
    first, second = all_files(tmp_path / "a"), all_files(tmp_path / "b")
    assert (
        len(first) == 18
    )  # van-ban.yaml (#13); plan/ke-hoach-2026.xlsx, plan/tien-do-2026.xlsx (#14); mot-cua/ho-so.csv (#15)
    assert {"plan/ke-hoach-2026.xlsx", "plan/tien-do-2026.xlsx"} <= set(first)
    assert "mot-cua/ho-so.csv" in first
    assert "communes/survey-2024.csv" in first and "communes/questionnaire.yaml" in first
    assert {"scheme/scheme-2025.yaml", "scheme/units-2025.csv"} <= set(first)
    assert {"scheme/scores-2025.csv", "scheme/scores-2026-partial.csv"} <= set(first)
    assert first == second


def test_another_seed_writes_other_scores(tmp_path: Path) -> None:
    make_demo(tmp_path / "a", seed=1)
    make_demo(tmp_path / "b", seed=2)
    for path in ("communes/scores-2023.csv", "scheme/units-2025.csv", "scheme/scores-2025.csv"):
        assert (tmp_path / "a" / path).read_bytes() != (tmp_path / "b" / path).read_bytes()


def test_it_returns_the_manifest_it_writes(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    assert manifest["province"].startswith("tỉnh ")
    runs = [
        (r["name"], r["framework"], r["units"], r["period"], r["previous"], r["block_by"])
        for r in level_runs(manifest)
    ]
    assert runs == [
        ("districts-2023", "test-district", "districts/units.csv", "2023", None, None),
        ("districts-2024", "test-district", "districts/units.csv", "2024", "districts-2023", None),
        ("communes-2023", "test-commune", "communes/units-2023.csv", "2023", None, None),
        (
            "communes-2024",
            "test-commune",
            "communes/units-2024.csv",
            "2024",
            "communes-2023",
            "kind",
        ),
    ]
    for run in level_runs(manifest):
        assert run["title"].startswith("Cấp ")
        assert (out / run["units"]).is_file()
        assert (out / run["scores"]).is_file()
    assert [r["name"] for r in manifest["runs"] if r["survey"]] == ["communes-2024"]
    # the contract of the scheme runs (the web loader reads it): no framework, a scheme
    assert manifest["runs"][4:] == [
        {
            "name": "scheme-2025",
            "title": "Các sở, ban, ngành và UBND các xã, phường, đặc khu năm 2025",
            "scheme": "scheme/scheme-2025.yaml",
            "units": "scheme/units-2025.csv",
            "scores": "scheme/scores-2025.csv",
            "period": "2025",
            "previous": "communes-2024",
            "block_by": None,
            "survey": None,
        },
        {
            "name": "scheme-2026",
            "title": "Các sở, ban, ngành và UBND các xã, phường, đặc khu năm 2026",
            "scheme": "scheme/scheme-2025.yaml",
            "units": "scheme/units-2025.csv",
            "scores": "scheme/scores-2026-partial.csv",
            "period": "2026",
            "previous": "scheme-2025",
            "block_by": None,
            "survey": None,
            "open": True,
        },
    ]
    for run in manifest["runs"][4:]:
        assert (out / run["scheme"]).is_file() and (out / run["units"]).is_file()
        assert (out / run["scores"]).is_file()
    survey = run_named(manifest, "communes-2024")["survey"]
    assert survey == {
        "questionnaire": "communes/questionnaire.yaml",
        "responses": "communes/survey-2024.csv",
    }
    shipped = ROOT / "questionnaires" / "quangnam-tienphuoc-commune-2023.yaml"
    assert (out / survey["questionnaire"]).read_bytes() == shipped.read_bytes()
    assert (out / survey["responses"]).is_file()


def test_every_unit_has_every_leaf_exactly_once_in_framework_order(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in level_runs(manifest):
        from_survey = {"8.1"} if run["survey"] else set()  # the questionnaire's leaf
        leaves = [
            leaf.code
            for leaf in FRAMEWORKS[run["framework"]].leaves
            if leaf.code not in from_survey
        ]
        units = [row["code"] for row in read_csv(out / run["units"])]
        rows = read_csv(out / run["scores"])
        assert [(r["unit"], r["criterion"]) for r in rows] == [
            (u, c) for u in units for c in leaves
        ]


def test_scores_lie_between_zero_and_the_leaf_max_with_at_most_two_decimals(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in level_runs(manifest):
        leaves = {leaf.code: leaf for leaf in FRAMEWORKS[run["framework"]].leaves}
        for row in read_csv(out / run["scores"]):
            if row["score"] == NOT_ASSESSED:
                assert leaves[row["criterion"]].source == "self"
                continue
            assert "," not in row["score"]
            score = Decimal(row["score"])
            leaf = leaves[row["criterion"]]
            assert 0 <= score <= leaf.max
            assert score == score.quantize(Decimal("0.01"))
            assert str(score) == row["score"]
            if leaf.source == "self" and score != leaf.max:
                assert score % Decimal("0.25") == 0


def test_many_self_assessed_leaves_are_at_their_max(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    run = run_named(manifest, "communes-2023")
    maxima = {leaf.code: leaf.max for leaf in COMMUNE_FW.leaves if leaf.source == "self"}
    rows = [r for r in read_csv(out / run["scores"]) if r["criterion"] in maxima]
    at_max = [
        r
        for r in rows
        if r["score"] != NOT_ASSESSED and Decimal(r["score"]) == maxima[r["criterion"]]
    ]
    assert len(at_max) > len(rows) / 3


def test_a_few_units_have_leaves_not_assessed(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    for run in level_runs(manifest):
        rows = read_csv(out / run["scores"])
        units = {r["unit"] for r in rows if r["score"] == NOT_ASSESSED}
        assert 1 <= len(units) <= 5


def test_each_run_has_two_units_of_the_same_kind_with_identical_scores(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in level_runs(manifest):
        kinds = {row["code"]: row["kind"] for row in read_csv(out / run["units"])}
        by_scores: dict[tuple[tuple[str, str], ...], list[str]] = {}
        for unit, scores in unit_scores(out, run).items():
            by_scores.setdefault(tuple(sorted(scores.items())), []).append(unit)
        ties = [units for units in by_scores.values() if len(units) > 1]
        assert ties, run["name"]
        assert any(len({kinds[u] for u in units}) == 1 for units in ties)


def test_in_2024_communes_merge_three_into_one_two_into_one_and_one_is_renamed(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, _ = demo
    before = {row["code"]: row for row in read_csv(out / "communes/units-2023.csv")}
    after = {row["code"]: row for row in read_csv(out / "communes/units-2024.csv")}
    assert all(row["predecessors"] == "" for row in before.values())
    successors = {code: row for code, row in after.items() if row["predecessors"]}
    sizes = sorted(len(row["predecessors"].split(";")) for row in successors.values())
    assert sizes == [1, 2, 3]
    for code, row in successors.items():
        predecessors = row["predecessors"].split(";")
        assert code not in before
        for old in predecessors:
            assert old in before
            assert old not in after
            assert before[old]["parent"] == row["parent"]
    gone = set(before) - set(after)
    assert gone == {old for row in successors.values() for old in row["predecessors"].split(";")}
    assert set(after) - set(before) == set(successors)


def test_there_are_about_12_districts_and_150_communes_of_every_kind(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, _ = demo
    districts = read_csv(out / "districts/units.csv")
    assert 10 <= len(districts) <= 14
    kinds = Counter(row["kind"] for row in districts)
    assert set(kinds) == DISTRICT_KINDS
    assert kinds["thành phố"] == 1 and kinds["thị xã"] == 1
    assert all(row["parent"] == "" and row["predecessors"] == "" for row in districts)
    district_codes = {row["code"] for row in districts}
    for year in (2023, 2024):
        communes = read_csv(out / f"communes/units-{year}.csv")
        assert 140 <= len(communes) <= 160
        kinds = Counter(row["kind"] for row in communes)
        assert set(kinds) == COMMUNE_KINDS
        assert kinds["xã"] > kinds["phường"] + kinds["thị trấn"]
        assert {row["parent"] for row in communes} == district_codes


def test_names_are_vietnamese_with_diacritics_unique_and_without_the_kind(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, _ = demo
    rows = read_csv(out / "districts/units.csv")
    rows += read_csv(out / "communes/units-2023.csv")
    rows += [r for r in read_csv(out / "communes/units-2024.csv") if r["predecessors"]]
    names = [row["name"] for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        assert not row["name"].isascii(), row
        assert not row["name"].lower().startswith(row["kind"]), row
        assert row["code"].isascii() and len(row["code"]) <= 4


def test_indices_spread_over_every_class_in_every_run(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    for run in level_runs(manifest):
        fw = FRAMEWORKS[run["framework"]]
        indices = [index_of(fw, scores) for scores in all_scores(out, run, fw).values()]
        classes = Counter(fw.class_for(i) for i in indices)
        assert {"Xuất sắc", "Tốt", "Khá", "Trung bình"} <= set(classes), run["name"]
        assert min(indices) >= 60 and max(indices) < 98
        assert sum(75 <= i < 90 for i in indices) > len(indices) / 2


def test_ranks_move_between_the_two_years(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    for level, fw in (("districts", DISTRICT_FW), ("communes", COMMUNE_FW)):
        orders = []
        for year in (2023, 2024):
            scores = all_scores(out, run_named(manifest, f"{level}-{year}"), fw)
            indices = {unit: index_of(fw, s) for unit, s in scores.items()}
            orders.append(sorted(indices, key=lambda u, i=indices: (i[u], u)))
        kept = set(orders[0]) & set(orders[1])
        assert [u for u in orders[0] if u in kept] != [u for u in orders[1] if u in kept]


def test_it_uses_the_shipped_frameworks_by_default(tmp_path: Path) -> None:
    from parindex.io.frameworks import resolve_framework

    try:
        frameworks = {
            fw_id: resolve_framework(fw_id)
            for fw_id in ("lamdong-district-2022", "quangnam-tienphuoc-commune-2023")
        }
    except InputError:
        pytest.skip("the shipped frameworks are not there yet")
    manifest = write_demo(tmp_path)
    for run in level_runs(manifest):
        fw = frameworks[run["framework"]]
        units = read_csv(tmp_path / run["units"])
        rows = read_csv(tmp_path / run["scores"])
        from_survey = 1 if run["survey"] else 0  # the commune framework's survey leaf 8.1
        assert len(rows) == len(units) * (len(fw.leaves) - from_survey)
        scores = all_scores(tmp_path, run, fw)
        assert all(len(s) == len(fw.leaves) for s in scores.values())
        indices = [index_of(fw, s) for s in scores.values()]
        assert {"Xuất sắc", "Tốt", "Khá", "Trung bình"} <= {fw.class_for(i) for i in indices}
    assert [r["name"] for r in manifest["runs"] if r["survey"]] == ["communes-2024"]


# -- the survey of the 2024 commune run ----------------------------------------------------


def test_the_2024_survey_has_every_commune_mostly_citizens_and_some_e_answers(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    run = run_named(manifest, "communes-2024")
    rows = read_csv(out / run["survey"]["responses"])
    assert list(rows[0]) == ["respondent", "unit", "group", *(f"Q{i}" for i in range(1, 10))]
    communes = [row["code"] for row in read_csv(out / run["units"])]
    per_unit = Counter(row["unit"] for row in rows)
    assert list(per_unit) == communes  # every commune, in the order of the units file
    assert all(40 <= n <= 90 for n in per_unit.values())
    groups = Counter(row["group"] for row in rows)
    assert set(groups) == {"dan", "lanhdao", "canbo"}
    assert groups["dan"] > 2 * (groups["lanhdao"] + groups["canbo"])
    answers = Counter(value for row in rows for key, value in row.items() if key.startswith("Q"))
    assert set(answers) == {"A", "B", "C", "D", "E", ""}
    assert 0.01 < answers["E"] / sum(answers.values()) < 0.1
    assert len({row["respondent"] for row in rows}) == len(rows)
    # the questions asked only to some groups are left empty for the others
    assert all(row["Q1"] == "" for row in rows if row["group"] != "dan")
    assert all(row["Q7"] == "" for row in rows if row["group"] == "dan")


def test_the_2024_scores_leave_the_survey_leaf_to_the_survey(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in level_runs(manifest)[2:]:
        criteria = {row["criterion"] for row in read_csv(out / run["scores"])}
        assert ("8.1" in criteria) == (run["name"] == "communes-2023"), run["name"]
        assert "8.2" in criteria  # not fed by the questionnaire: still in the scores file


def test_the_survey_gives_the_points_the_scores_file_carries_without_it(tmp_path: Path) -> None:
    plain = write_demo(
        tmp_path / "plain",
        district_framework=DISTRICT_FW,
        commune_framework=COMMUNE_FW,
        survey=False,
    )
    run = run_named(plain, "communes-2024")
    without = unit_scores(tmp_path / "plain", run)
    assert all("8.1" in s for s in without.values())
    # a questionnaire with two survey leaves, a share rule and a multiple-choice question
    questionnaire = DATA / "survey" / "questionnaire.yaml"
    manifest = write_demo(
        tmp_path / "survey",
        district_framework=DISTRICT_FW,
        commune_framework=COMMUNE_FW,
        questionnaire=questionnaire,
    )
    run = run_named(manifest, "communes-2024")
    assert all(not {"8.1", "8.2"} & set(s) for s in unit_scores(tmp_path / "survey", run).values())
    points = survey_points(tmp_path / "survey", run, COMMUNE_FW)
    assert set(points) == set(without)
    differences = [
        abs(Decimal(leaves[leaf]) - Decimal(without[unit][leaf]))
        for unit, leaves in points.items()
        for leaf in ("8.1", "8.2")
    ]
    assert max(differences) <= Decimal("0.02")
    assert differences.count(Decimal(0)) >= 0.95 * len(differences)


def test_the_tied_communes_have_identical_responses(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    run = run_named(manifest, "communes-2024")
    by_scores: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for unit, scores in all_scores(out, run, COMMUNE_FW).items():
        by_scores.setdefault(tuple(sorted(scores.items())), []).append(unit)
    ties = [units for units in by_scores.values() if len(units) > 1]
    assert ties
    responses: dict[str, list[tuple[str, ...]]] = {}
    for row in read_csv(out / run["survey"]["responses"]):
        responses.setdefault(row["unit"], []).append(
            tuple(v for k, v in row.items() if k not in ("respondent", "unit"))
        )
    assert any(len({tuple(responses[u]) for u in units}) == 1 for units in ties)


def test_the_communes_of_the_town_have_a_population_and_fall_short_of_the_sample(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    run = run_named(manifest, "communes-2024")
    units = read_csv(out / run["units"])
    towns = {
        row["code"] for row in read_csv(out / "districts/units.csv") if row["kind"] == "thị xã"
    }
    with_population = {row["code"] for row in units if row["population"]}
    assert with_population == {row["code"] for row in units if row["parent"] in towns}
    assert all(2_000 <= int(row["population"]) <= 20_000 for row in units if row["population"])
    assert "population" not in read_csv(out / "communes/units-2023.csv")[0]
    questionnaire = read_questionnaire(out / run["survey"]["questionnaire"])
    imported = read_responses(
        out / run["survey"]["responses"],
        questionnaire,
        [u.code for u in read_units(out / run["units"])],
    )
    result = compute_survey(
        COMMUNE_FW, imported.data, read_populations(out / run["units"]), draws=0
    )
    short = {rows[0].unit for rows in result.points if rows[0].under_minimum}
    assert short == with_population
