"""More export shapes (issue 16): the design's cluster and weight columns, repeat groups
(KoBoToolbox sheets, ODK Central repeat files, flattened ``grp[n]/q`` columns) averaged per
respondent, Qualtrics' three header rows, KoBo label headers whose question holds a ``/``,
Google Forms checkboxes with a comma in a label and «Other» free text, one unit for a whole
file, and a bad answer dropped on its own.

The examples are written by tests/data/survey/make_repeat_exports.py (layouts: SOURCES.md)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from parindex.core.problems import InputError
from parindex.core.questionnaire import Design
from parindex.io.survey_responses import Mapping, read_questionnaire, read_responses
from tests.conftest import DATA

SURVEY = DATA / "survey"
UNITS = ("TC", "TH", "TL")
HEADER = "respondent,unit,group,Q1,Q2,Q3,Q4,Q5,Q6"
# Q1–Q6 of R1–R4 (make_repeat_exports.py): Q2 is asked once per transaction, averaged
ANSWERS = [
    [10000, 8000, 10000, 10000, -1, 6000],  # Q2: A, B → 8000
    [6000, 2000, 7500, 10000, -1, 10000],  # Q2: C
    [10000, 8667, 8000, 10000, 6000, 2000],  # Q2: A, E, B, A → 26000 / 3 = 8666.7 → 8667
    [2000, -1, 0, 0, -1, 0],  # Q2: one blank instance → no answer
]


@pytest.fixture(scope="module")
def questionnaire():
    return read_questionnaire(SURVEY / "questionnaire.yaml")


def write(tmp_path: Path, text: str, name: str = "phieu.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_the_examples_are_the_ones_make_repeat_exports_writes(tmp_path, monkeypatch):
    import runpy

    script = runpy.run_path(str(SURVEY / "make_repeat_exports.py"))
    monkeypatch.setitem(script["main"].__globals__, "HERE", tmp_path)
    script["main"]()
    for name in (
        "odk-repeat.csv",
        "odk-repeat-giao_dich.csv",
        "wide-repeat.csv",
        "qualtrics.csv",
        "kobo-labels.csv",
        "googleforms-other.csv",
    ):
        assert (tmp_path / name).read_bytes() == (SURVEY / name).read_bytes(), name


# --------------------------------------------------------------------------- design


def designed(questionnaire, cluster: str = "Ngày khảo sát", weight: str = "Trọng số"):
    return dataclasses.replace(questionnaire, design=Design(cluster=cluster, weight=weight))


DESIGN_CSV = (
    "respondent,unit,group,ngay_khao_sat,trong_so,Q1,Q2,Q3,Q4,Q5,Q6\n"
    '1,TC,dan,Ngày 2,"1,5",A,A,A,A,,A\n'
    "2,TC,dan,Ngày 1,1.5,A,A,A,A,,A\n"
    "3,TH,dan,Ngày 2,2,A,A,A,A,,A\n"
    "4,TH,dan,Ngày 3,0.0001,A,A,A,A,,A\n"
)


def test_the_design_columns_fill_each_respondents_cluster_and_weight(questionnaire, tmp_path):
    path = write(tmp_path, DESIGN_CSV)
    data = read_responses(path, designed(questionnaire), UNITS).data
    assert data.clusters == ("Ngày 2", "Ngày 1", "Ngày 3")  # first seen first
    assert data.cluster is not None and data.cluster.tolist() == [0, 1, 0, 2]
    assert data.weight is not None and data.weight.tolist() == [15000, 15000, 20000, 1]
    assert data.cluster.dtype == np.int64 and data.weight.dtype == np.int64


def test_without_a_design_cluster_and_weight_stay_none(questionnaire, tmp_path):
    data = read_responses(write(tmp_path, DESIGN_CSV), questionnaire, UNITS).data
    assert data.cluster is None and data.weight is None and data.clusters == ()


def test_a_design_column_may_be_named_in_the_mapping(questionnaire, tmp_path):
    path = write(tmp_path, DESIGN_CSV.replace("ngay_khao_sat", "Cụm").replace("trong_so", "W"))
    mapping = Mapping(columns={"Cụm": "cluster", "W": "weight"})
    data = read_responses(path, designed(questionnaire), UNITS, mapping=mapping).data
    assert data.cluster is not None and data.cluster.tolist() == [0, 1, 0, 2]
    assert data.weight is not None and data.weight.tolist() == [15000, 15000, 20000, 1]


def test_a_declared_design_column_missing_from_the_file_is_a_file_error(questionnaire, tmp_path):
    path = write(tmp_path, DESIGN_CSV.replace("trong_so", "he_so"))
    with pytest.raises(InputError) as excinfo:
        read_responses(path, designed(questionnaire), UNITS, drop_invalid=True)
    [message] = messages(excinfo)
    assert "không tìm thấy cột trọng số thiết kế «Trọng số»" in message
    assert "design › weight" in message and message.startswith("phieu.csv")


def test_a_blank_or_bad_cluster_or_weight_is_a_located_row_error(questionnaire, tmp_path):
    text = DESIGN_CSV + (
        "5,TC,dan,,1,A,A,A,A,,A\n"
        "6,TC,dan,Ngày 1,0,A,A,A,A,,A\n"
        "7,TC,dan,Ngày 1,abc,A,A,A,A,,A\n"
        '8,TC,dan,Ngày 1,"1,23456",A,A,A,A,,A\n'
        "9,TC,dan,Ngày 1,,A,A,A,A,,A\n"
        "10,TC,dan,Ngày 1,-2,A,A,A,A,,A\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as excinfo:
        read_responses(path, designed(questionnaire), UNITS)
    found = messages(excinfo)
    assert len(found) == 6
    assert (
        found[0].startswith("phieu.csv, dòng 6, ô D6 (ngay_khao_sat)") and "thiếu cụm" in found[0]
    )
    assert "dòng 7, ô E7 (trong_so)" in found[1] and "phải lớn hơn 0" in found[1]
    assert "«abc» không phải một số" in found[2]
    assert "quá 4 chữ số thập phân" in found[3]
    assert "thiếu trọng số thiết kế" in found[4]
    assert "«-2» phải lớn hơn 0" in found[5]


def test_dropped_rows_keep_cluster_and_weight_aligned(questionnaire, tmp_path):
    text = (
        "respondent,unit,group,ngay_khao_sat,trong_so,Q1,Q2,Q3,Q4,Q5,Q6\n"
        "1,TC,dan,Ngày 9,3,A,A,A,A,,A\n"
        "2,XX,dan,Ngày 1,1,A,A,A,A,,A\n"  # unknown unit: dropped, and its cluster with it
        "3,TH,dan,Ngày 2,2,A,A,A,A,,A\n"
        "4,TH,dan,Ngày 9,,A,A,A,A,,A\n"  # no weight: dropped
        "5,TL,dan,Ngày 1,4,A,A,A,A,,A\n"
    )
    result = read_responses(
        write(tmp_path, text), designed(questionnaire), UNITS, drop_invalid=True
    )
    data = result.data
    assert data.respondents == 3
    assert data.clusters == ("Ngày 9", "Ngày 2", "Ngày 1")
    assert data.cluster is not None and data.cluster.tolist() == [0, 1, 2]
    assert data.weight is not None and data.weight.tolist() == [30000, 20000, 40000]
    assert data.unit.tolist() == [0, 1, 2]


# --------------------------------------------------------------------------- repeat groups


def test_a_kobo_workbook_with_a_repeat_sheet_averages_the_repeated_question(questionnaire):
    result = read_responses(SURVEY / "kobo-repeat.xlsx", questionnaire, UNITS)
    assert result.shape == "kobo"
    assert (result.read, result.kept) == (4, 4)
    assert result.data.answers.tolist() == ANSWERS
    assert result.data.unit.tolist() == [0, 1, 2, 0]


def test_a_sheet_that_is_no_repeat_group_is_not_read(questionnaire, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(SURVEY / "kobo-repeat.xlsx")
    notes = book.create_sheet("ghi_chu")
    notes.append(["Ghi chú của điều tra viên"])
    notes.append(["x" * 40_000])  # over a cell's limit: would refuse the file if it were read
    path = tmp_path / "kobo-repeat.xlsx"
    book.save(path)
    assert read_responses(path, questionnaire, UNITS).data.answers.tolist() == ANSWERS


def test_odk_central_repeat_files_are_read_with_the_export(questionnaire):
    result = read_responses(
        SURVEY / "odk-repeat.csv",
        questionnaire,
        UNITS,
        repeats=[SURVEY / "odk-repeat-giao_dich.csv"],
    )
    assert result.shape == "odk"
    assert result.data.answers.tolist() == ANSWERS


def test_without_its_repeat_file_an_odk_export_lacks_the_repeated_question(questionnaire):
    with pytest.raises(InputError) as excinfo:
        read_responses(SURVEY / "odk-repeat.csv", questionnaire, UNITS)
    assert any("không có cột cho câu hỏi Q2" in m for m in messages(excinfo))


def test_flattened_repeat_columns_are_one_questions_instances(questionnaire):
    result = read_responses(SURVEY / "wide-repeat.csv", questionnaire, UNITS)
    assert result.data.answers.tolist() == ANSWERS
    assert [m for h, m in result.columns if h.startswith("giao_dich")] == ["Q2"] * 4


def test_children_n_columns_are_instances_too(questionnaire, tmp_path):
    path = write(
        tmp_path,
        "respondent,unit,group,Q1,children[1]/Q2,children[2]/Q2,children[3]/Q2,Q3,Q4,Q5,Q6\n"
        "1,TC,dan,A,A,D,,A,A,,A\n"  # mean(100, 0) = 50
        "2,TC,dan,A,B,B,A,A,A,,A\n",  # (60 + 60 + 100) / 3 = 73.33
    )
    data = read_responses(path, questionnaire, UNITS).data
    assert data.answers[:, 1].tolist() == [5000, 7333]


def test_a_numbered_sub_question_is_no_repeat_instance(questionnaire, tmp_path):
    """LimeSurvey's array columns ``Q2[1]``, ``Q2[2]`` are sub-questions, not instances."""
    path = write(
        tmp_path, "respondent,unit,group,Q1,Q2[1],Q2[2],Q3,Q4,Q5,Q6\n1,TC,dan,A,A,B,A,A,,A\n"
    )
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    assert any("không có cột cho câu hỏi Q2" in m for m in messages(excinfo))


def _without_column(path: Path, header: str, out: Path, delimiter: str = ",") -> Path:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    c = rows[0].index(header)
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows([r[:c] + r[c + 1 :] for r in rows])
    return out


def test_a_repeat_inside_a_repeat_reaches_its_respondent_odk(questionnaire, tmp_path):
    main = _without_column(SURVEY / "odk-repeat.csv", "grp_chung-q6", tmp_path / "odk-repeat.csv")
    uuid = "uuid:5b0c3e2a-1d4f-4f8e-9a51-0c7e9d2b6a11"  # R1
    nested = write(
        tmp_path,
        "y_kien,q6,PARENT_KEY,KEY\n"
        f"Nhanh,a,{uuid}/giao_dich[1],{uuid}/giao_dich[1]/y_kien[1]\n"
        f"Chậm,d,{uuid}/giao_dich[2],{uuid}/giao_dich[2]/y_kien[1]\n",
        "odk-repeat-giao_dich-y_kien.csv",
    )
    result = read_responses(
        main, questionnaire, UNITS, repeats=[SURVEY / "odk-repeat-giao_dich.csv", nested]
    )
    assert result.data.answers[:, 5].tolist() == [5000, -1, -1, -1]  # R1: mean(100, 0)


def test_a_repeat_inside_a_repeat_reaches_its_respondent_kobo(questionnaire, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(SURVEY / "kobo-repeat.xlsx")
    main = book.worksheets[0]
    for row in main.iter_rows(min_row=1):
        if row[8].value == "grp_chung/q6" or row[8].column_letter == "I":
            row[8].value = None if row[8].row > 1 else "grp_chung/ghi_chu"
    nested = book.create_sheet("y_kien")
    nested.append(["y_kien/q6", "_index", "_parent_table_name", "_parent_index"])
    nested.append(["a", 1, "giao_dich", 3])  # the transaction on row 4: R2's
    nested.append(["b", 2, "giao_dich", 3])
    nested.append(["d", 3, "giao_dich", 5])  # the transaction on row 6: R3's
    path = tmp_path / "kobo-repeat.xlsx"
    book.save(path)
    result = read_responses(path, questionnaire, UNITS)
    assert result.data.answers[:, 5].tolist() == [-1, 8000, 0, -1]


def _kobo_with_bad_repeat(tmp_path: Path) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(SURVEY / "kobo-repeat.xlsx")
    sheet = book["giao_dich"]
    sheet["B3"] = "z"  # R1's second transaction: no such option
    sheet["E5"] = 99  # a transaction of no submission
    path = tmp_path / "kobo-repeat.xlsx"
    book.save(path)
    return path


def test_a_bad_row_in_a_repeat_sheet_is_located_by_sheet_row_and_column(questionnaire, tmp_path):
    path = _kobo_with_bad_repeat(tmp_path)
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    found = messages(excinfo)
    assert len(found) == 2
    assert found[0].startswith("kobo-repeat.xlsx, trang «giao_dich», dòng 3, ô B3 (giao_dich/q2)")
    assert "«z»" in found[0] and "Q2" in found[0]
    assert "trang «giao_dich», dòng 5, ô E5 (_parent_index)" in found[1]
    assert "thuộc phiếu «99»" in found[1]


def test_drop_invalid_drops_the_bad_instance_only(questionnaire, tmp_path):
    result = read_responses(
        _kobo_with_bad_repeat(tmp_path), questionnaire, UNITS, drop_invalid=True
    )
    assert result.kept == 4
    assert [(r.sheet, r.row, r.action) for r in result.rejected] == [
        ("giao_dich", 3, "bỏ câu trả lời"),
        ("giao_dich", 5, "bỏ dòng của nhóm lặp"),
    ]
    q2 = result.data.answers[:, 1].tolist()
    assert q2 == [10000, 2000, 8000, -1]  # R1 keeps A; R3 loses its row 5 (A): E, B, A


def test_a_bad_row_in_an_odk_repeat_file_is_located_in_that_file(questionnaire, tmp_path):
    text = (SURVEY / "odk-repeat-giao_dich.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace(",b,", ",khác,")
    lines.append("Chứng thực,a,uuid:khong-co,uuid:khong-co/giao_dich[1]")
    repeat = write(tmp_path, "\n".join(lines) + "\n", "odk-repeat-giao_dich.csv")
    with pytest.raises(InputError) as excinfo:
        read_responses(SURVEY / "odk-repeat.csv", questionnaire, UNITS, repeats=[repeat])
    problems = excinfo.value.problems
    assert [(p.file, p.where) for p in problems] == [
        ("odk-repeat-giao_dich.csv", "dòng 3, ô B3 (q2)"),
        ("odk-repeat-giao_dich.csv", "dòng 10, ô C10 (PARENT_KEY)"),
    ]
    assert problems[0].unit == "TC"
    assert "«uuid:khong-co»" in problems[1].message


def test_a_repeat_file_without_a_link_column_is_refused(questionnaire, tmp_path):
    repeat = write(tmp_path, "thu_tuc,q2\nChứng thực,a\n", "giao_dich.csv")
    with pytest.raises(InputError) as excinfo:
        read_responses(SURVEY / "odk-repeat.csv", questionnaire, UNITS, repeats=[repeat])
    [message] = messages(excinfo)
    assert message.startswith("giao_dich.csv") and "PARENT_KEY" in message


def test_a_question_both_in_the_export_and_in_a_repeat_is_refused(questionnaire, tmp_path):
    repeat = write(tmp_path, "q1,PARENT_KEY,KEY\na,uuid:x,uuid:x/g[1]\n", "odk-repeat-g.csv")
    with pytest.raises(InputError) as excinfo:
        read_responses(
            SURVEY / "odk-repeat.csv",
            questionnaire,
            UNITS,
            repeats=[SURVEY / "odk-repeat-giao_dich.csv", repeat],
        )
    assert any("Q1 có cột ở cả bảng chính và bảng nhóm lặp" in m for m in messages(excinfo))


# --------------------------------------------------------------------------- header shapes


def test_qualtrics_three_header_rows_are_skipped_and_the_texts_match(questionnaire):
    result = read_responses(SURVEY / "qualtrics.csv", questionnaire, UNITS)
    assert result.shape == "qualtrics"
    assert (result.read, result.kept) == (4, 3)  # rows 2–3 are not respondents
    assert [e.message for e in result.excluded] == [
        "1 phiếu chưa hoàn thành trên Qualtrics (Finished = False) không được tính"
    ]
    assert dict(result.columns)["ResponseId"] == "respondent"
    assert dict(result.columns)["XA"] == "unit"  # its text «Mã đơn vị»
    assert dict(result.columns)["CH3"] == "Q3"  # its text is Q3's
    assert result.data.answers.tolist() == [
        [10000, 10000, 10000, 10000, -1, 6000],
        [6000, 2000, 7500, 10000, -1, 10000],
        [10000, 10000, 8000, 10000, 6000, 2000],
    ]


def test_a_qualtrics_row_is_located_as_the_sheet_shows_it(questionnaire, tmp_path):
    text = (
        (SURVEY / "qualtrics.csv")
        .read_text(encoding="utf-8")
        .replace(",Rất tốt,Rất hài", ",Xuất sắc,Rất hài", 1)
    )
    with pytest.raises(InputError) as excinfo:
        read_responses(write(tmp_path, text, "qualtrics.csv"), questionnaire, UNITS)
    [message] = messages(excinfo)
    assert message.startswith("qualtrics.csv, dòng 4, ô T4 (CH1)") and "«Xuất sắc»" in message


def test_kobo_label_headers_match_questions_whose_text_holds_a_slash(questionnaire):
    result = read_responses(SURVEY / "kobo-labels.csv", questionnaire, UNITS)
    assert result.shape == "kobo" and result.ignored_columns == ()
    meanings = [m for _, m in result.columns]
    assert meanings[:2] == ["unit", "group"]
    assert set(meanings) >= {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6"}
    assert result.data.answers[:, 0].tolist() == [10000, 6000, 10000, 2000]


def test_google_forms_comma_labels_and_other_text_through_the_mapping(questionnaire):
    result = read_responses(
        SURVEY / "googleforms-other.csv",
        questionnaire,
        UNITS,
        mapping=SURVEY / "mapping-googleforms-other.yaml",
    )
    q3 = result.data.answers[:, 2].tolist()
    assert q3 == [10000, 7500, 8000, 0]  # R1: A + free text (no answer); R2: A, C


def test_google_forms_other_text_without_the_mapping_is_reported(questionnaire, tmp_path):
    mapping = Mapping(
        columns={"Xã/phường nơi ông/bà sinh sống": "unit", "Ông/bà thuộc đối tượng nào?": "group"},
        units={"Xã Tiên Châu": "TC", "Xã Tiên Hà": "TH", "Xã Tiên Lãnh": "TL"},
        answers={"Q3": {"Được hướng dẫn, giải thích đầy đủ": "A"}},
    )
    with pytest.raises(InputError) as excinfo:
        read_responses(SURVEY / "googleforms-other.csv", questionnaire, UNITS, mapping=mapping)
    [message] = messages(excinfo)
    assert "dòng 2, ô F2" in message
    assert "«Tôi tự tra cứu trên Cổng Dịch vụ công»" in message


# --------------------------------------------------------------------------- one unit


def test_one_unit_for_a_file_without_a_unit_column(questionnaire, tmp_path):
    path = write(
        tmp_path, "respondent,group,Q1,Q2,Q3,Q4,Q5,Q6\n1,dan,A,A,A,A,,A\n2,dan,B,B,B,B,,B\n"
    )
    result = read_responses(path, questionnaire, UNITS, unit="TH")
    assert result.data.units == UNITS and result.data.unit.tolist() == [1, 1]
    result = read_responses(path, questionnaire, None, unit="TH")
    assert result.data.units == ("TH",)


def test_one_unit_and_a_unit_column_naming_others_is_refused(questionnaire, tmp_path):
    path = write(
        tmp_path, f"{HEADER}\n1,TH,dan,A,A,A,A,,A\n2,,dan,A,A,A,A,,A\n3,TC,dan,A,A,A,A,,A\n"
    )
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS, unit="TH", drop_invalid=True)
    [message] = messages(excinfo)
    assert "(--unit)" in message and "«TC» ở dòng 4" in message


def test_one_unit_not_in_the_units_list_is_refused(questionnaire, tmp_path):
    path = write(tmp_path, "respondent,group,Q1,Q2,Q3,Q4,Q5,Q6\n1,dan,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS, unit="XX")
    assert "«XX» (--unit) không có trong danh sách đơn vị" in messages(excinfo)[0]


def test_without_one_unit_a_missing_unit_column_is_still_an_error(questionnaire, tmp_path):
    path = write(tmp_path, "respondent,group,Q1,Q2,Q3,Q4,Q5,Q6\n1,dan,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    assert "không tìm thấy cột đơn vị" in messages(excinfo)[0]


# --------------------------------------------------------------------------- per-answer drop


def test_a_row_whose_every_answer_was_dropped_is_dropped(questionnaire, tmp_path):
    path = write(tmp_path, f"{HEADER}\n1,TC,dan,Z,,,,,\n2,TC,dan,A,Z,A,A,,A\n")
    result = read_responses(path, questionnaire, UNITS, drop_invalid=True)
    assert result.kept == 1
    assert [(r.row, r.action) for r in result.rejected] == [
        (2, "bỏ phiếu"),  # its only answer «Z», then the row itself
        (2, "bỏ phiếu"),
        (3, "bỏ câu trả lời"),
    ]
    assert "không còn câu trả lời hợp lệ" in result.rejected[0].reason
    assert result.data.answers.tolist() == [[10000, -1, 10000, 10000, -1, 10000]]


def test_the_rejected_csv_says_what_was_dropped(tmp_path):
    from parindex.cli.survey import _write_rejected

    result = read_responses(
        SURVEY / "bad-rows.csv",
        read_questionnaire(SURVEY / "questionnaire.yaml"),
        UNITS,
        drop_invalid=True,
    )
    path = _write_rejected(result, tmp_path / "points.json")
    assert path is not None
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["dòng", "cột", "giá trị", "lý do", "xử lý", "bảng"]
    assert [(r[0], r[4]) for r in rows[1:4]] == [
        ("3", "bỏ phiếu"),
        ("4", "bỏ câu trả lời"),
        ("5", "bỏ phiếu"),
    ]
