"""The fill-in workbook goes round trip, and the demo province scores end to end."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from parindex.cli import main
from tests.conftest import DATA, ROOT

SEEDS = DATA / "seeds"


def test_a_template_filled_in_excel_scores_like_the_long_table(tmp_path: Path):
    import csv

    folder = SEEDS / "lamdong-districts-2022"
    template = tmp_path / "mau.xlsx"
    assert (
        main(
            [
                "--quiet",
                "template",
                "--framework",
                "lamdong-district-2022",
                "--units",
                str(folder / "units.csv"),
                "--out",
                str(template),
            ]
        )
        == 0
    )
    book = load_workbook(template)
    sheet = book["Chấm điểm"]
    columns = {sheet.cell(1, c).value: c for c in range(3, sheet.max_column + 1)}
    rows = {
        sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value
    }
    with (folder / "scores.csv").open(encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            value = Decimal(rec["score"])
            # some typed as numbers, some as text with a decimal comma
            sheet.cell(rows[rec["unit"]], columns[rec["criterion"]]).value = (
                float(value) if i % 3 else str(value).replace(".", ",")
            )
    book.save(template)
    out = tmp_path / "out"
    assert (
        main(
            [
                "--quiet",
                "score",
                "--framework",
                "lamdong-district-2022",
                "--scores",
                str(template),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    cat_tien = next(u for u in results["units"] if u["unit"] == "CT")
    assert (cat_tien["index"], cat_tien["rank"], cat_tien["of"]) == (83.05, 10, 12)
    assert cat_tien["name"] == "huyện Cát Tiên"  # the template carries the display name


def test_a_template_for_another_framework_is_refused(tmp_path: Path, capsys):
    template = tmp_path / "mau.xlsx"
    assert (
        main(
            ["--quiet", "template", "--framework", "lamdong-district-2022", "--out", str(template)]
        )
        == 0
    )
    code = main(
        [
            "--quiet",
            "score",
            "--framework",
            "quangnam-tienphuoc-commune-2023",
            "--scores",
            str(template),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert (
        "mẫu chấm điểm này lập cho bộ tiêu chí «lamdong-district-2022»" in capsys.readouterr().err
    )


def test_the_demo_scores_every_year_with_mergers_and_blocks(tmp_path: Path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--score"]) == 0
    printed = capsys.readouterr().out
    assert "Cấp xã năm 2024" in printed
    communes = json.loads(
        (out / "results" / "communes-2024" / "results.json").read_text(encoding="utf-8")
    )
    assert communes["previous_period"] == "2023" and communes["block_by"] == "kind"
    merged = [u for u in communes["units"] if u["previous"] and u["previous"]["unit"] is None]
    assert merged and all(len(u["previous"]["predecessors"]) >= 2 for u in merged)
    report = (out / "results" / "communes-2024" / "report.md").read_text(encoding="utf-8")
    assert "đơn vị được thành lập trên cơ sở sắp xếp" in report
    assert "### Khối phường" in report
    # the 2024 communes' survey: responses → points with intervals → rank intervals
    assert "Điều tra xã hội học: đọc " in printed and "chưa phân định chắc chắn" in printed
    points = json.loads(
        (out / "results" / "communes-2024" / "points.json").read_text(encoding="utf-8")
    )
    assert points["draws"] == 1000 and points["counts"]["rejected"] == 0
    assert points["counts"]["read"] == points["counts"]["kept"] > 0
    assert {u["unit"] for u in points["units"]} == {u["unit"] for u in communes["units"]}
    for unit in communes["units"]:
        low, high = unit["rank_interval"]
        assert low <= unit["rank"] <= high <= unit["of"]
        survey = unit["survey"]
        assert 40 <= survey["respondents"] <= 90
        assert survey["low"] <= survey["score"] <= survey["high"]
    assert any(u["survey"]["under_minimum"] == ["8.1"] for u in communes["units"])
    assert communes["unsettled"]
    assert "khoảng tin cậy" in report and "(khoảng tin cậy 95%: " in report
    assert "phiếu khảo sát" in report and "chưa đạt cỡ mẫu tối thiểu" in report
    earlier = json.loads(
        (out / "results" / "communes-2023" / "results.json").read_text(encoding="utf-8")
    )
    assert all(u.get("rank_interval") is None for u in earlier["units"])
    districts = json.loads(
        (out / "results" / "districts-2024" / "results.json").read_text(encoding="utf-8")
    )
    assert len(districts["units"]) == 12
    indices = [u["index"] for u in districts["units"]]
    assert len(set(indices)) < len(indices), "the demo has a tie"
    assert (out / "results" / "districts-2024" / "results.xlsx").exists()
    # 2025: the scheme, printed block by block as `parindex score --scheme` prints it
    assert "Các sở, ban, ngành và UBND các xã, phường, đặc khu năm 2025: " in printed
    for block in ("Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"):
        assert f"\n{block} (bộ tiêu chí lamson-" in printed
    assert len(re.findall(r"\n +1/\d+ +\d+,\d\d +Xuất sắc ", printed)) >= 3 + 3  # 2024 too
    top = json.loads((out / "results" / "scheme-2025" / "results.json").read_text("utf-8"))
    assert top["format"] == "parindex.scheme/1" and top["period"] == "2025"
    assert list(top["blocks"]) == ["Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"]
    part = out / "results" / "scheme-2025" / "lamson-commune-2025"
    merged_2025 = json.loads((part / "results.json").read_text(encoding="utf-8"))
    assert merged_2025["previous_period"] == "2024"  # same family: compared with 2024
    formed = [u for u in merged_2025["units"] if u["previous"] and u["previous"]["unit"] is None]
    kept = [u for u in merged_2025["units"] if u["previous"] and u["previous"]["unit"]]
    assert formed and all(len(u["previous"]["predecessors"]) >= 2 for u in formed)
    assert kept and all(u["previous"]["delta"] is not None for u in kept)
    assert all(u["previous"]["rank_change"] is None for u in kept)  # other blocks then
    text = (part / "report.md").read_text(encoding="utf-8")
    assert "(đơn vị được thành lập trên cơ sở sắp xếp " in text and "điểm trừ " in text
    assert re.search(r"bình quân khối xã, đặc khu của \d+ xã, đặc khu đạt", text)  # the usual order
    departments = json.loads(
        (out / "results/scheme-2025/lamson-department-2025/results.json").read_text("utf-8")
    )
    assert departments["previous_period"] is None
    assert {u["kind"] for u in departments["units"]} == {"sở", "ban"}
    # 2026: open for self-assessment, counted, not scored
    assert "năm 2026 (đang tự đánh giá): " in printed and "chưa tính điểm" in printed
    assert not (out / "results" / "scheme-2026").exists()


def test_both_2025_frameworks_pass_the_check(capsys):
    for framework_id in ("lamson-department-2025", "lamson-commune-2025"):
        assert main(["framework", "check", str(ROOT / "frameworks" / f"{framework_id}.yaml")]) == 0
        assert f"hợp lệ — {framework_id}, 8 lĩnh vực" in capsys.readouterr().out
