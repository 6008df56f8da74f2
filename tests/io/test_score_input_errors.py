"""Bad score tables: every error located (file, row or cell, unit, criterion, reason), all at once,
a non-zero exit, and nothing written to the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from parindex.cli import main

FRAMEWORK = """\
id: t-2023
name: Bộ tiêu chí thử
level: commune
year: 2023
classes:
  - {label: Khá, min: 70}
  - {label: Yếu, min: 0}
fields:
  - code: "1"
    name: Chỉ đạo, điều hành
    children:
      - {code: "1.1", name: Kế hoạch, max: 2}
      - {code: "1.2", name: Báo cáo, max: 3}
  - {code: "2", name: Điều tra xã hội học, max: 5, source: survey}
"""

GOOD = """\
unit,criterion,score
A,1.1,2
A,1.2,"2,5"
A,2,4.25
B,1.1,KĐG
B,1.2,3
B,2,N/A
"""


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = tmp_path / "framework.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    return path


def run(
    tmp_path: Path, framework: Path, scores: str | bytes, *extra: str, name: str = "scores.csv"
):
    path = tmp_path / name
    if isinstance(scores, str):
        path.write_text(scores, encoding="utf-8")
    else:
        path.write_bytes(scores)
    out = tmp_path / "out"
    code = main(
        [
            "--quiet",
            "score",
            "--framework",
            str(framework),
            "--scores",
            str(path),
            "--out",
            str(out),
            *extra,
        ]
    )
    return code, out


def errors(capsys) -> str:
    return capsys.readouterr().err


def test_a_good_table_reads_comma_decimals_and_not_applicable(tmp_path, framework):
    import json

    code, out = run(tmp_path, framework, GOOD)
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    a = next(u for u in results["units"] if u["unit"] == "A")
    b = next(u for u in results["units"] if u["unit"] == "B")
    assert (a["score"], a["max"], a["index"]) == (8.75, 10, 87.5)
    # B: 1.1 and 2 not applicable, so 3 points of an applicable max of 3
    assert (b["score"], b["max"], b["index"], b["not_applicable"]) == (3, 3, 100, ["1.1", "2"])
    assert b["survey"]["max"] == 0 and b["survey"]["rank"] is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "A,9.9,1",
            "scores.csv, dòng 5, ô C5, đơn vị A, tiêu chí 9.9: tiêu chí «9.9» không có trong bộ tiêu chí «t-2023»",
        ),
        (
            "A,1.1,1",
            "scores.csv, dòng 5, ô C5, đơn vị A, tiêu chí 1.1: trùng dòng: đơn vị và tiêu chí này đã có ở dòng 2, ô C2",
        ),
        (
            "A,1,1",
            "tiêu chí 1: tiêu chí «1» có tiêu chí con; điểm phải chấm cho từng tiêu chí con (1.1, 1.2)",
        ),
    ],
)
def test_it_names_the_row_unit_and_criterion_of_a_bad_row(
    tmp_path, framework, capsys, row, message
):
    table = "unit,criterion,score\nA,1.1,2\nA,1.2,3\nA,2,5\n" + row + "\n"
    code, out = run(tmp_path, framework, table)
    assert code == 2
    assert message in errors(capsys)
    assert not out.exists()


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ('"2,5"', "ô C2, đơn vị A, tiêu chí 1.1: điểm 2,5 vượt điểm tối đa 2"),
        ("-1", "ô C2, đơn vị A, tiêu chí 1.1: điểm -1 âm"),
        ("hai", "ô C2, đơn vị A, tiêu chí 1.1: «hai» không phải là số điểm"),
        ("", "ô C2, đơn vị A, tiêu chí 1.1: ô điểm trống"),
        ("1.00001", "quá 4 chữ số thập phân"),
    ],
)
def test_it_rejects_a_score_that_is_not_a_valid_number_of_points(
    tmp_path, framework, capsys, score, message
):
    table = f"unit,criterion,score\nA,1.1,{score}\nA,1.2,3\nA,2,5\n"
    code, out = run(tmp_path, framework, table)
    assert code == 2
    assert message in errors(capsys)
    assert not out.exists()


def test_an_empty_score_is_missing_not_zero(tmp_path, framework, capsys):
    code, _ = run(tmp_path, framework, "unit,criterion,score\nA,1.1,\nA,1.2,3\nA,2,5\n")
    assert code == 2
    assert "ô trống không được tính là 0" in errors(capsys)


def test_it_says_which_leaves_a_unit_is_missing(tmp_path, framework, capsys):
    code, _ = run(tmp_path, framework, "unit,criterion,score\nA,1.1,2\n")
    assert code == 2
    assert "scores.csv, đơn vị A: thiếu điểm 2 tiêu chí: 1.2, 2" in errors(capsys)


def test_it_reports_every_error_at_once(tmp_path, framework, capsys):
    table = "unit,criterion,score\nA,1.1,3\nA,1.2,abc\nA,7,1\nB,1.1,1\n"
    code, _ = run(tmp_path, framework, table)
    assert code == 2
    text = errors(capsys)
    assert "Lỗi dữ liệu đầu vào (5 lỗi)" in text
    for expected in (
        "dòng 2",
        "dòng 3",
        "dòng 4",
        "đơn vị A: thiếu điểm 1 tiêu chí: 2",
        "đơn vị B: thiếu điểm 2 tiêu chí: 1.2, 2",
    ):
        assert expected in text


def test_it_rejects_a_unit_missing_from_the_units_file(tmp_path, framework, capsys):
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind\nA,An Hòa,xã\nC,Cẩm Lệ,phường\n", encoding="utf-8")
    code, _ = run(tmp_path, framework, GOOD, "--units", str(units))
    assert code == 2
    text = errors(capsys)
    assert "dòng 5, ô C5, đơn vị B, tiêu chí 1.1: đơn vị «B» không có trong units.csv" in text
    assert "đơn vị C: đơn vị không có dòng điểm nào" in text


def test_an_empty_file_is_an_error(tmp_path, framework, capsys):
    code, _ = run(tmp_path, framework, "")
    assert code == 2
    assert "scores.csv: tệp rỗng" in errors(capsys)


def test_a_header_without_the_needed_columns_is_an_error(tmp_path, framework, capsys):
    code, _ = run(tmp_path, framework, "ma;ghi_chu\nA;1\n")
    assert code == 2
    text = errors(capsys)
    assert "thiếu cột «criterion»" in text and "thiếu cột «unit»" in text


VIETNAMESE = (
    "unit,criterion,score,unit_name\nA,1.1,2,Tiên Châu\nA,1.2,3,Tiên Châu\nA,2,5,Tiên Châu\n"
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("cp1258"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "windows-1258"],
)
def test_it_reads_csv_as_excel_saves_it_and_normalises_to_nfc(tmp_path, framework, encode):
    import json
    import unicodedata

    code, out = run(tmp_path, framework, encode(VIETNAMESE))
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    name = results["units"][0]["name"]
    assert name == "Tiên Châu"
    assert unicodedata.is_normalized("NFC", name)


def test_windows_1258_combining_accents_become_precomposed(tmp_path, framework):
    import json

    # cp1258 writes "ế" as "ê" + a combining acute accent
    data = "unit,criterion,score,unit_name\nA,1.1,2,Tiến\nA,1.2,3,Tiến\nA,2,5,Tiến\n"
    raw = data.replace("Tiến", "Tiê\u0301n").encode("cp1258")
    code, out = run(tmp_path, framework, raw)
    assert code == 0
    assert (
        json.loads((out / "results.json").read_text(encoding="utf-8"))["units"][0]["name"] == "Tiến"
    )


def test_nothing_in_the_output_folder_changes_on_error(tmp_path, framework):
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("kết quả cũ", encoding="utf-8")
    code, _ = run(tmp_path, framework, "unit,criterion,score\nA,1.1,9\n")
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["results.json"]
    assert (out / "results.json").read_text(encoding="utf-8") == "kết quả cũ"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".parindex-")]


def test_a_previous_run_of_another_framework_family_is_refused(tmp_path, framework, capsys):
    import json

    code, out = run(tmp_path, framework, GOOD)
    assert code == 0
    previous = tmp_path / "previous.json"
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    data["framework"]["id"] = data["framework"]["family"] = "lamdong-district-2022"
    data["framework"]["level"] = "district"
    previous.write_text(json.dumps(data), encoding="utf-8")
    code, _ = run(tmp_path, framework, GOOD, "--previous", str(previous))
    assert code == 2
    text = errors(capsys)
    assert "previous.json: kết quả kỳ trước thuộc bộ tiêu chí «lamdong-district-2022»" in text
    assert "kết quả kỳ trước ở cấp «district», kỳ này ở cấp «commune»" in text


def test_a_file_that_is_not_a_results_file_is_refused_as_previous(tmp_path, framework, capsys):
    bogus = tmp_path / "old.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    code, _ = run(tmp_path, framework, GOOD, "--previous", str(bogus))
    assert code == 2
    assert "old.json: không phải tệp results.json của parindex" in errors(capsys)


def test_a_bad_units_file_is_reported_with_the_scores(tmp_path, framework, capsys):
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind\nA,An Hòa,làng\nA,Bình,xã\n,Không mã,xã\n", encoding="utf-8")
    code, _ = run(tmp_path, framework, "unit,criterion,score\nA,1.1,9\n", "--units", str(units))
    assert code == 2
    text = errors(capsys)
    assert "units.csv, dòng 2, đơn vị A: loại đơn vị «làng» không hợp lệ" in text
    assert "units.csv, dòng 3, đơn vị A: mã đơn vị «A» trùng với dòng 2" in text
    assert "units.csv, dòng 4: thiếu mã đơn vị" in text
