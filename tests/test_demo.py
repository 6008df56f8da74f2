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
from parindex.demo import write_demo

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


def unit_scores(out: Path, run: dict[str, Any]) -> dict[str, dict[str, str]]:
    scores: dict[str, dict[str, str]] = {}
    for row in read_csv(out / run["scores"]):
        scores.setdefault(row["unit"], {})[row["criterion"]] = row["score"]
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
    assert len(first) == 8
    assert first == second


def test_another_seed_writes_other_scores(tmp_path: Path) -> None:
    make_demo(tmp_path / "a", seed=1)
    make_demo(tmp_path / "b", seed=2)
    path = "communes/scores-2023.csv"
    assert (tmp_path / "a" / path).read_bytes() != (tmp_path / "b" / path).read_bytes()


def test_it_returns_the_manifest_it_writes(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    assert manifest["province"].startswith("tỉnh ")
    runs = [
        (r["name"], r["framework"], r["units"], r["period"], r["previous"], r["block_by"])
        for r in manifest["runs"]
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
    for run in manifest["runs"]:
        assert run["title"].startswith("Cấp ")
        assert (out / run["units"]).is_file()
        assert (out / run["scores"]).is_file()


def test_every_unit_has_every_leaf_exactly_once_in_framework_order(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in manifest["runs"]:
        leaves = [leaf.code for leaf in FRAMEWORKS[run["framework"]].leaves]
        units = [row["code"] for row in read_csv(out / run["units"])]
        rows = read_csv(out / run["scores"])
        assert [(r["unit"], r["criterion"]) for r in rows] == [
            (u, c) for u in units for c in leaves
        ]


def test_scores_lie_between_zero_and_the_leaf_max_with_at_most_two_decimals(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in manifest["runs"]:
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
    for run in manifest["runs"]:
        rows = read_csv(out / run["scores"])
        units = {r["unit"] for r in rows if r["score"] == NOT_ASSESSED}
        assert 1 <= len(units) <= 5


def test_each_run_has_two_units_of_the_same_kind_with_identical_scores(
    demo: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = demo
    for run in manifest["runs"]:
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
    for run in manifest["runs"]:
        fw = FRAMEWORKS[run["framework"]]
        indices = [index_of(fw, scores) for scores in unit_scores(out, run).values()]
        classes = Counter(fw.class_for(i) for i in indices)
        assert {"Xuất sắc", "Tốt", "Khá", "Trung bình"} <= set(classes), run["name"]
        assert min(indices) >= 60 and max(indices) < 98
        assert sum(75 <= i < 90 for i in indices) > len(indices) / 2


def test_ranks_move_between_the_two_years(demo: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = demo
    for level, fw in (("districts", DISTRICT_FW), ("communes", COMMUNE_FW)):
        orders = []
        for year in (2023, 2024):
            scores = unit_scores(out, run_named(manifest, f"{level}-{year}"))
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
    for run in manifest["runs"]:
        fw = frameworks[run["framework"]]
        units = read_csv(tmp_path / run["units"])
        rows = read_csv(tmp_path / run["scores"])
        assert len(rows) == len(units) * len(fw.leaves)
        indices = [index_of(fw, scores) for scores in unit_scores(tmp_path, run).values()]
        assert {"Xuất sắc", "Tốt", "Khá", "Trung bình"} <= {fw.class_for(i) for i in indices}
