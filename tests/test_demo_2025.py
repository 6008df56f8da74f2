"""The demo province from 2025: no districts, communes merged, departments and communes scored
in one scheme and ranked in three blocks; 2026 open for self-assessment."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from parindex.core.problems import InputError
from parindex.demo import write_demo
from parindex.io.frameworks import resolve_framework
from parindex.io.scheme_scores import read_scheme_scores
from parindex.io.schemes import load_scheme
from parindex.io.units import read_units
from parindex.services.scheme import SchemeRun, score_scheme_files

FRAMEWORK_IDS = ("lamson-department-2025", "lamson-commune-2025")
BLOCKS = ["Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"]
CLASSES = {"Xuất sắc", "Tốt", "Khá", "Trung bình"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("demo2025")
    return out, write_demo(out)


def runs(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {run["name"]: run for run in manifest["runs"]}


@pytest.fixture(scope="module")
def scored(demo: tuple[Path, dict[str, Any]]) -> SchemeRun:
    """The 2025 round scored as ``parindex demo --score`` does, without the 2024 results."""
    out, manifest = demo
    run = runs(manifest)["scheme-2025"]
    return score_scheme_files(
        out / run["scheme"], out / run["scores"], out / run["units"], period=run["period"]
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- the units of the two-level government --------------------------------------------------


def test_every_new_commune_is_formed_from_2024_communes_each_used_once(demo) -> None:
    out, _ = demo
    before = {row["code"]: row for row in read_csv(out / "communes/units-2024.csv")}
    after = read_csv(out / "scheme/units-2025.csv")
    communes = [row for row in after if row["kind"] in ("xã", "phường", "đặc khu")]
    used = Counter(code for row in communes for code in row["predecessors"].split(";"))
    assert set(used) == set(before)  # every 2024 commune went into exactly one new unit
    assert set(used.values()) == {1}
    assert all(row["parent"] == "" for row in after)  # no districts any more
    assert not {row["code"] for row in after} & set(before)  # new codes
    sizes = Counter(len(row["predecessors"].split(";")) for row in communes)
    assert set(sizes) == {1, 2, 3, 4}
    assert sizes[1] <= len(communes) // 5  # a few kept as they were, most merged 2–4 into one
    for row in communes:  # a merged unit's predecessors were neighbours in one district
        assert len({before[code]["parent"] for code in row["predecessors"].split(";")}) == 1


def test_the_units_are_departments_wards_communes_and_special_zones(demo) -> None:
    out, _ = demo
    rows = read_csv(out / "scheme/units-2025.csv")
    kinds = Counter(row["kind"] for row in rows)
    assert set(kinds) == {"sở", "ban", "phường", "xã", "đặc khu"}
    assert 12 <= kinds["sở"] + kinds["ban"] <= 20 and 1 <= kinds["ban"] <= 2
    assert 1 <= kinds["đặc khu"] <= 2
    assert 60 <= kinds["xã"] + kinds["phường"] + kinds["đặc khu"] <= 100
    assert kinds["xã"] > 2 * kinds["phường"]
    names = [row["name"] for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        if row["kind"] in ("sở", "ban"):  # a proper name: "Sở Nội vụ"
            assert row["name"].startswith(row["kind"].capitalize() + " ")
            assert row["predecessors"] == ""
        else:
            assert not row["name"].isascii(), row
            assert not row["name"].lower().startswith(row["kind"]), row
    assert {"Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"} <= set(names)


def test_a_kept_commune_keeps_its_name_and_a_district_seat_takes_the_districts(demo) -> None:
    out, _ = demo
    before = {row["code"]: row for row in read_csv(out / "communes/units-2024.csv")}
    districts = {row["name"] for row in read_csv(out / "districts/units.csv")}
    after = read_csv(out / "scheme/units-2025.csv")
    kept = [row for row in after if row["predecessors"] and ";" not in row["predecessors"]]
    assert kept and all(before[row["predecessors"]]["name"] == row["name"] for row in kept)
    assert districts <= {row["name"] for row in after}


# -- the frameworks and the scheme ----------------------------------------------------------


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_each_framework_uses_scales_rules_kps_bonus_and_kinds(framework_id: str) -> None:
    fw = resolve_framework(framework_id)
    assert (fw.year, fw.max_points, fw.index_name) == (2025, 100, "Chỉ số cải cách hành chính")
    assert fw.leaf_decimals == 2 and 7 <= len(fw.fields) <= 8
    leaves = fw.leaves
    assert any(leaf.scale for leaf in leaves)
    assert {leaf.rule.kind for leaf in leaves if leaf.rule} == {"ratio", "steps"}
    assert any(leaf.none_means_full for leaf in leaves)
    assert fw.part_max("survey") > 0
    assert fw.bonus is not None and fw.bonus.cap and fw.bonus.penalty_cap
    assert {i.is_penalty for i in fw.bonus.items} == {True, False}
    assert all(leaf.guide and leaf.evidence_text for leaf in leaves if leaf.source == "self")
    assert "dữ liệu mẫu" in fw.source
    only = {"commune": ("phường",), "department": ("sở",)}[fw.level]
    assert [leaf.applies_to for leaf in leaves if leaf.applies_to] == [only]


def test_the_departments_framework_takes_the_ca_mau_rows_verbatim() -> None:
    fw = resolve_framework("lamson-department-2025")
    sourced = {n.code for top in fw.fields for n in top.walk() if n.is_leaf and n.sourced}
    assert sourced == {"1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2"}
    assert all("1880/QĐ-UBND" in fw.node(code).note for code in sourced)  # type: ignore[union-attr]
    plan = fw.node("1.1.4")
    assert plan is not None and plan.rule is not None
    assert plan.guide == (
        "Thực hiện trên 90% kế hoạch: 2; Thực hiện từ 70% - 90% kế hoạch: 1; Dưới 70% kế hoạch: 0"
    )
    assert [(s.bound, s.points, s.strict) for s in plan.rule.steps] == [
        (90, 2, True),
        (70, 1, False),
        (0, 0, False),
    ]
    issued = fw.node("1.1.1")
    assert issued is not None and issued.scale == (1, Decimal("0.5"), 0)


def test_the_scheme_ranks_the_departments_wards_and_communes_apart(demo) -> None:
    out, _ = demo
    scheme = load_scheme(out / "scheme/scheme-2025.yaml")
    assert [b.name for b in scheme.blocks] == BLOCKS
    assert [(p.framework.id, p.kinds) for p in scheme.parts] == [
        ("lamson-department-2025", ("sở", "ban")),
        ("lamson-commune-2025", ("phường", "xã", "đặc khu")),
    ]


# -- the 2025 scores and results ------------------------------------------------------------


def test_the_2025_round_scores_in_three_blocks(demo, scored: SchemeRun) -> None:
    out, _ = demo
    units = read_units(out / "scheme/units-2025.csv")
    assert [run.framework.id for run in scored.runs] == list(FRAMEWORK_IDS)
    sizes = {g.label: g.of for run in scored.runs for g in run.blocks}
    kinds = Counter(u.kind for u in units)
    assert sizes == {
        "Khối sở, ban, ngành": kinds["sở"] + kinds["ban"],
        "Khối phường": kinds["phường"],
        "Khối xã, đặc khu": kinds["xã"] + kinds["đặc khu"],
    }


def test_ranks_within_each_block_follow_the_index_with_a_tie(scored: SchemeRun) -> None:
    ties = 0
    for block in BLOCKS:
        run = scored.run_of(block)
        assert run is not None
        members = [r for r in run.units if r.block == block]
        assert [r.index for r in members] == sorted((r.index for r in members), reverse=True)
        for place, r in enumerate(members, start=1):
            first = next(m for m in members if m.index == r.index)
            assert r.rank == members.index(first) + 1 <= place and r.of == len(members)
        ties += len(members) - len({r.index for r in members})
        classes = {r.class_label for r in members}
        assert classes >= CLASSES, block
        assert max(r.index for r in members) < 100
    assert ties >= 1
    communes = scored.run_of("Khối xã, đặc khu")
    assert communes is not None
    assert "Yếu" in {r.class_label for r in communes.units if r.block == "Khối xã, đặc khu"}


def test_the_scores_file_has_values_kps_kdg_and_bonus_rows(demo) -> None:
    out, _ = demo
    rows = read_csv(out / "scheme/scores-2025.csv")
    assert list(rows[0]) == ["unit", "criterion", "score", "value"]
    rules = {
        leaf.code
        for fw_id in FRAMEWORK_IDS
        for leaf in resolve_framework(fw_id).leaves
        if leaf.rule is not None
    }
    measured = [r for r in rows if r["value"]]
    assert measured and all(r["score"] == "" and r["criterion"] in rules for r in measured)
    assert any("/" in r["value"] for r in measured) and any("/" not in r["value"] for r in measured)
    assert Counter(r["score"] for r in rows)["KPS"] >= 10
    assert 3 <= len({r["unit"] for r in rows if r["score"] == "KĐG"}) <= 10
    adjusted = [r for r in rows if r["criterion"][0] in "TP"]
    assert any(Decimal(r["score"]) > 0 for r in adjusted)
    assert any(Decimal(r["score"]) < 0 for r in adjusted)


def test_no_late_dossier_means_no_apology_due(demo) -> None:
    out, _ = demo
    by_unit: dict[str, dict[str, dict[str, str]]] = {}
    for row in read_csv(out / "scheme/scores-2025.csv"):
        by_unit.setdefault(row["unit"], {})[row["criterion"]] = row
    for rows in by_unit.values():
        on_time, apology = rows["3.3.1"]["value"], rows["3.3.2"]["score"]
        done, _, total = on_time.partition("/")
        full = done == total if total else Decimal(on_time) >= 100
        assert (apology == "KPS") == full, rows["3.3.1"]


# -- 2026, open for self-assessment ---------------------------------------------------------


def test_the_2026_partial_scores_are_valid_rows_of_some_units(demo) -> None:
    out, manifest = demo
    run = runs(manifest)["scheme-2026"]
    assert run["open"] is True
    rows = read_csv(out / run["scores"])
    units = read_units(out / run["units"])
    entered = {r["unit"] for r in rows}
    assert len(units) // 4 <= len(entered) < len(units)
    scheme = load_scheme(out / run["scheme"])
    assignment = scheme.assign(units)
    with pytest.raises(InputError) as exc:
        read_scheme_scores(out / run["scores"], scheme, assignment)
    # every row entered is valid: the only problems are the criteria not entered yet
    assert {p.message.split(" ")[0] for p in exc.value.problems} <= {"thiếu", "đơn"}
    assert {p.unit for p in exc.value.problems} <= {u.code for u in units}
    assert not any(r["criterion"].startswith(("8.", "T", "P")) for r in rows)  # units' own
    assert any(r["value"] for r in rows)
