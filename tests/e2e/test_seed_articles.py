"""The figures the seed articles print, reproduced end to end by `parindex score`.

Each case in tests/data/seeds is a small province whose published figures are the
article's (written by make_seed_cases.py); the tests read results.json and report.md
as an office would and check they print the same numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parindex.cli import main
from tests.conftest import DATA

SEEDS = DATA / "seeds"


def score(tmp_path: Path, case: str, framework: str | None = None, *extra: str) -> tuple[dict, str]:
    folder = SEEDS / case
    out = tmp_path / case
    args = [
        "--quiet",
        "score",
        "--framework",
        framework or str(folder / "framework.yaml"),
        "--scores",
        str(folder / "scores.csv"),
        "--units",
        str(folder / "units.csv"),
        "--out",
        str(out),
        *extra,
    ]
    assert main(args) == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return results, (out / "report.md").read_text(encoding="utf-8")


def unit(results: dict, code: str) -> dict:
    return next(u for u in results["units"] if u["unit"] == code)


def field(u: dict, code: str) -> dict:
    return next(f for f in u["fields"] if f["code"] == code)


@pytest.fixture(scope="module")
def cat_tien(tmp_path_factory):
    return score(tmp_path_factory.mktemp("ct"), "lamdong-districts-2022", "lamdong-district-2022")


def test_cat_tien_2022_reaches_83_05_and_ranks_10th_of_12(cat_tien):
    results, report = cat_tien
    ct = unit(results, "CT")
    assert (ct["index"], ct["rank"], ct["of"], ct["class"]) == (83.05, 10, 12, "Khá")
    assert ct["self"]["score"] == 63.16 and ct["self"]["max"] == 75
    assert ct["survey"]["score"] == 19.89 and ct["survey"]["max"] == 25
    assert (
        "Chỉ số CCHC năm 2022 của huyện Cát Tiên đạt 83,05 điểm, xếp thứ 10/12, xếp loại Khá."
        in report
    )
    assert "điểm tự đánh giá qua thẩm định đạt 63,16/75 điểm" in report
    assert "điểm điều tra xã hội học đạt 19,89/25 điểm" in report


def test_cat_tien_2022_has_2_of_7_fields_at_max(cat_tien):
    results, report = cat_tien
    ct = unit(results, "CT")
    expected = {
        "1": (10, 10),
        "2": (8.5, 8.5),
        "3": (12.87, 16.5),
        "4": (6.99, 7.5),
        "5": (9, 10),
        "6": (6.3, 8),
        "7": (8.5, 9.5),
    }
    for code, (points, maximum) in expected.items():
        assert (field(ct, code)["score"], field(ct, code)["max"]) == (points, maximum)
    assert [f["code"] for f in ct["fields"] if f["at_max"]] == ["1", "2"]
    assert (
        "Có 2/7 lĩnh vực đạt điểm tối đa: Công tác chỉ đạo, điều hành cải cách hành chính (10/10 điểm), Cải cách thể chế (8,5/8,5 điểm)"
        in report
    )
    assert (
        "5/7 lĩnh vực chưa đạt điểm tối đa: Cải cách thủ tục hành chính (12,87/16,5 điểm)" in report
    )
    assert "Cải cách chế độ công vụ (9/10 điểm)" in report


def test_cat_tien_communes_average_83_04_with_six_above_and_three_below(tmp_path):
    results, report = score(tmp_path, "catien-communes-2022")
    assert results["average"] == 83.04
    names = {u["unit"]: u["display_name"] for u in results["units"]}
    assert [names[c] for c in results["above_average"]] == [
        "xã Gia Viễn",
        "xã Đồng Nai Thượng",
        "xã Đức Phổ",
        "xã Tiên Hoàng",
        "xã Quảng Ngãi",
        "xã Nam Ninh",
    ]
    assert [names[c] for c in results["below_average"]] == [
        "xã Phước Cát 2",
        "thị trấn Cát Tiên",
        "thị trấn Phước Cát",
    ]
    assert "chỉ số CCHC bình quân của 9 xã, thị trấn đạt 83,04 điểm" in report
    assert "có 6 đơn vị đạt chỉ số cao hơn chỉ số bình quân chung, gồm: xã Gia Viễn" in report
    assert (
        "có 3 đơn vị đạt chỉ số thấp hơn chỉ số bình quân, gồm: xã Phước Cát 2, thị trấn Cát Tiên và thị trấn Phước Cát"
        in report
    )


@pytest.fixture(scope="module")
def tien_chau(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tc")
    score(tmp, "tienphuoc-communes-2022", None, "--period", "2022")
    previous = tmp / "tienphuoc-communes-2022" / "results.json"
    return score(
        tmp,
        "tienphuoc-communes-2023",
        "quangnam-tienphuoc-commune-2023",
        "--previous",
        str(previous),
    )


def test_tien_chau_2023_opens_as_the_article_does(tien_chau):
    results, report = tien_chau
    tc = unit(results, "TC")
    assert (tc["index"], tc["rank"], tc["of"], tc["class"]) == (83.08, 4, 15, "Khá")
    assert tc["previous"]["index"] == 85.82
    assert (tc["previous"]["delta"], tc["previous"]["rank_change"]) == (-2.74, 0)
    assert (
        "Chỉ số CCHC năm 2023 của xã Tiên Châu đạt 83,08 điểm, xếp thứ 4/15, xếp loại Khá "
        "(giảm 2,74 điểm, giữ nguyên vị thứ so với năm 2022)." in report
    )
    assert results["previous_period"] == "2022"


def test_tien_chau_2023_fields_and_survey_with_their_changes(tien_chau):
    results, report = tien_chau
    tc = unit(results, "TC")
    direction = field(tc, "1")
    assert (direction["score"], direction["max"], direction["rank"], direction["rank_change"]) == (
        12.1,
        13.5,
        1,
        2,
    )
    egov = field(tc, "7")
    assert (egov["score"], egov["max"], egov["rank"], egov["rank_change"]) == (9.4, 11, 4, 4)
    assert field(tc, "2")["at_max"] and field(tc, "4")["at_max"]
    survey = tc["survey"]
    assert (survey["score"], survey["max"], survey["rank"]) == (27.55, 31.5, 5)
    prev = tc["previous"]
    assert (prev["survey_delta"], prev["survey_rank_change"], prev["survey_rank"]) == (1.48, 6, 11)
    assert (
        "12,1/13,5 điểm (89,63%), xếp thứ 1/15, tăng 1,1 điểm, tăng 2 bậc so với năm 2022" in report
    )
    assert "9,4/11 điểm (85,45%), xếp thứ 4/15, tăng 0,8 điểm, tăng 4 bậc so với năm 2022" in report
    assert (
        "điểm điều tra xã hội học đạt 27,55/31,5 điểm, xếp thứ 5/15 "
        "(tăng 1,48 điểm, tăng 6 bậc so với năm 2022 (vị thứ 11))" in report
    )
    assert "Xã Tiên Châu đứng thứ 2 trong nhóm Khá" in report


def test_cu_jut_2023_ranks_5th_of_8_and_2nd_in_its_class(tmp_path):
    results, report = score(tmp_path, "daknong-districts-2023")
    cj = unit(results, "CJ")
    assert (cj["rank"], cj["of"], cj["class"], cj["class_rank"]) == (5, 8, "Khá", 2)
    percents = [f["percent"] for f in cj["fields"]]
    assert percents == [100, 90.91, 76.76, 100, 62.45, 81.09, 65.42, 65.69]
    assert [f["code"] for f in cj["fields"] if f["weak"]] == ["2", "3", "5", "6", "7", "8"]
    assert "Huyện Cư Jút đứng thứ 2 trong nhóm Khá" in report
    assert (
        "Còn 06 lĩnh vực đạt dưới 95%: Cải cách thể chế (90,91%), Cải cách thủ tục hành chính (76,76%), "
        "Cải cách chế độ công vụ (62,45%), Cải cách tài chính công (81,09%), "
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số (65,42%), Tác động của CCHC"
        in report
    )


def test_cu_jut_communes_six_good_and_two_average(tmp_path):
    results, report = score(tmp_path, "cujut-communes-2023")
    names = {u["unit"]: u["name"] for u in results["units"]}
    assert [names[c] for c in results["classes"]["Khá"]] == [
        "Nam Dong",
        "Cư K’nia",
        "Tâm Thắng",
        "Đắk D’rông",
        "Trúc Sơn",
        "Đắk Wil",
    ]
    assert [names[c] for c in results["classes"]["Trung bình"]] == ["Ea Pô", "Ea T’Ling"]
    assert "06 đơn vị xếp loại Khá: xã Nam Dong, xã Cư K’nia" in report
    assert "02 đơn vị xếp loại Trung bình: xã Ea Pô và thị trấn Ea T’Ling" in report


def test_the_json_and_the_narrative_print_the_same_figures(cat_tien):
    results, report = cat_tien
    for u in results["units"]:
        index = f"{u['index']:.2f}".replace(".", ",")
        assert (
            f"của {u['display_name']} đạt {index} điểm, xếp thứ {u['rank']}/{u['of']}, xếp loại {u['class']}"
            in report
        )


def test_a_filled_xlsx_scores_the_same_as_the_csv(tmp_path, cat_tien):
    import csv

    from openpyxl import Workbook

    folder = SEEDS / "lamdong-districts-2022"
    book = Workbook()
    sheet = book.active
    with (folder / "scores.csv").open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.reader(fh)):
            if i == 0:
                sheet.append(row)
            else:
                # numbers as numbers, the way an office types them; some with a decimal comma as text
                value = row[2]
                sheet.append([row[0], row[1], float(value) if i % 2 else value.replace(".", ",")])
    path = tmp_path / "diem.xlsx"
    book.save(path)
    out = tmp_path / "xlsx"
    assert (
        main(
            [
                "--quiet",
                "score",
                "--framework",
                "lamdong-district-2022",
                "--scores",
                str(path),
                "--units",
                str(folder / "units.csv"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    from_xlsx = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert from_xlsx["units"] == cat_tien[0]["units"]
