"""Survey exports (KoBoToolbox, ODK Central, LimeSurvey, Google Forms, plain) read into the same
answers; every bad row located (row, column, value, reason) and reported at once, or dropped
and returned when asked; mapping files; multiple-choice answers; encodings.

The examples under tests/data/survey/ are written by make_exports.py from one table."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from parindex.core.problems import InputError
from parindex.core.questionnaire import parse_questionnaire
from parindex.core.survey import NO_ANSWER
from parindex.io.frameworks import load_framework
from parindex.io.survey_responses import (
    Mapping,
    detect_shape,
    parse_mapping,
    read_mapping,
    read_questionnaire,
    read_responses,
)
from parindex.io.units import read_units
from tests.conftest import DATA

SURVEY = DATA / "survey"
UNITS = ("TC", "TH", "TL")
EXPORTS = [
    ("plain.csv", None, "plain"),
    ("kobo.csv", None, "kobo"),
    ("kobo.xlsx", None, "kobo"),
    ("odk.csv", None, "odk"),
    ("limesurvey.csv", "mapping-limesurvey.yaml", "limesurvey"),
    ("googleforms.csv", "mapping-googleforms.yaml", "googleforms"),
]
WEIGHTS = {"A": 100, "B": 60, "C": 20, "D": 0}
Q3_WEIGHTS = {"A": 100, "B": 80, "C": 50, "D": 0}
HEADER = "respondent,unit,group,Q1,Q2,Q3,Q4,Q5,Q6\n"


@pytest.fixture(scope="module")
def questionnaire():
    return read_questionnaire(SURVEY / "questionnaire.yaml")


def write(tmp_path: Path, text: str, name: str = "phieu.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# --------------------------------------------------------------------------- test data


def test_the_test_questionnaire_feeds_every_survey_leaf_of_the_test_framework(questionnaire):
    from parindex.core.questionnaire import check_against

    framework = load_framework(SURVEY / "framework.yaml")
    assert framework.id == "survey-test-commune-2023"
    assert check_against(questionnaire, framework) == []
    assert [u.code for u in read_units(SURVEY / "units.csv")] == list(UNITS)
    assert [g.code for g in questionnaire.groups] == ["dan", "canbo"]


def test_the_exports_are_the_ones_make_exports_writes(tmp_path, monkeypatch):
    import runpy

    script = runpy.run_path(str(SURVEY / "make_exports.py"))
    monkeypatch.setitem(script["main"].__globals__, "HERE", tmp_path)
    script["main"]()
    names = ("plain.csv", "kobo.csv", "odk.csv", "limesurvey.csv", "googleforms.csv")
    reviewed = ("odk-reviewed.csv", "kobo-reviewed.csv", "limesurvey-incomplete.csv")
    for name in names + reviewed:
        assert (tmp_path / name).read_bytes() == (SURVEY / name).read_bytes(), name


# --------------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("export", "mapping", "shape"), EXPORTS)
def test_every_export_shape_gives_the_same_answers(questionnaire, export, mapping, shape):
    plain = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    result = read_responses(
        SURVEY / export, questionnaire, UNITS, SURVEY / mapping if mapping else None
    )
    assert result.shape == shape
    assert (result.read, result.kept, result.rejected) == (42, 42, ())
    data = result.data
    assert data.units == UNITS
    assert data.respondents == 42
    assert data.unit.dtype == np.int64 and data.group.dtype == np.int64
    assert data.answers.dtype == np.int32 and data.answers.shape == (42, 6)
    np.testing.assert_array_equal(data.unit, plain.unit)
    np.testing.assert_array_equal(data.group, plain.group)
    np.testing.assert_array_equal(data.answers, plain.answers)


def test_the_plain_export_holds_the_value_of_every_underlying_answer(questionnaire):
    """An independent reading of plain.csv: option weights, Q3 mean, Q4 share, Q5 only canbo."""
    with (SURVEY / "plain.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = []
    for row in rows:
        values = []
        for q in ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6"):
            answer = row[q]
            if q == "Q3":
                weights = [Q3_WEIGHTS[c] for c in answer.split(";") if c in Q3_WEIGHTS]
                values.append(round(100 * sum(weights) / len(weights) + 1e-9) if weights else -1)
            elif answer not in WEIGHTS:
                values.append(-1)
            elif q == "Q4":
                values.append(10_000 if WEIGHTS[answer] >= 60 else 0)
            else:
                values.append(WEIGHTS[answer] * 100)
        expected.append(values)
    data = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    np.testing.assert_array_equal(data.answers, np.array(expected, dtype=np.int32))
    np.testing.assert_array_equal(data.unit, [UNITS.index(r["unit"]) for r in rows])
    np.testing.assert_array_equal(data.group, [("dan", "canbo").index(r["group"]) for r in rows])
    asked_q5 = data.answers[:, 4] != NO_ANSWER
    assert asked_q5.any() and (data.group[asked_q5] == 1).all()


def test_it_reads_a_kobo_export_with_group_prefixes(questionnaire):
    result = read_responses(SURVEY / "kobo.csv", questionnaire, UNITS)
    columns = dict(result.columns)
    assert columns["grp_chung/q1"] == "Q1"
    assert columns["group_xyz/Q4"] == "Q4"
    assert columns["grp_thongtin/don_vi"] == "unit"
    assert columns["grp_thongtin/doi_tuong"] == "group"
    assert columns["_uuid"] == "respondent"
    # KoBo's own columns are known, not "ignored"; the per-choice 0/1 columns are not read
    assert result.ignored_columns == tuple(f"grp_chung/q3/{c}" for c in "abcde")


def test_it_reads_a_kobo_xlsx_export_with_answer_and_group_labels(questionnaire):
    result = read_responses(SURVEY / "kobo.xlsx", questionnaire, UNITS)
    assert result.shape == "kobo"
    assert result.kept == 42


def test_it_reads_an_odk_central_export_with_dash_prefixes(questionnaire):
    result = read_responses(SURVEY / "odk.csv", questionnaire, UNITS)
    columns = dict(result.columns)
    assert columns["grp_chung-q1"] == "Q1"
    assert columns["q4"] == "Q4"
    assert columns["meta-instanceID"] == "respondent"
    assert result.ignored_columns == ()


def test_it_reads_a_limesurvey_export_with_answer_codes_through_the_mapping(questionnaire):
    result = read_responses(
        SURVEY / "limesurvey.csv", questionnaire, UNITS, SURVEY / "mapping-limesurvey.yaml"
    )
    columns = dict(result.columns)
    assert columns["id"] == "respondent"
    assert columns["DG[SQ002]"] == "Q2"
    assert columns["HOTRO[SQ003]"] == "Q3:C"
    # row 4 of the file: A2 (B) for Q1, A3 (C) for Q2, Y in HOTRO A, B, C → mean(100, 80, 50)
    assert result.data.answers[2, :3].tolist() == [6000, 2000, 7667]


def test_it_reads_a_google_forms_export_by_question_text_with_row_numbers_as_ids(questionnaire):
    path = SURVEY / "googleforms.csv"
    result = read_responses(path, questionnaire, UNITS, SURVEY / "mapping-googleforms.yaml")
    assert dict(result.columns)[questionnaire.questions[0].text] == "Q1"
    assert "respondent" not in dict(result.columns).values()
    assert dict(result.columns)["Xã/phường nơi ông/bà sinh sống"] == "unit"
    assert result.ignored_columns == ()


def test_google_forms_rows_with_the_same_answers_are_separate_respondents(questionnaire, tmp_path):
    lines = (SURVEY / "googleforms.csv").read_text(encoding="utf-8").splitlines()
    path = write(tmp_path, "\n".join([*lines, lines[1], lines[1]]) + "\n")
    result = read_responses(path, questionnaire, UNITS, SURVEY / "mapping-googleforms.yaml")
    assert (result.read, result.kept) == (44, 44)
    np.testing.assert_array_equal(result.data.answers[-1], result.data.answers[0])


@pytest.mark.parametrize(
    ("header", "shape"),
    [
        (["start", "end", "grp/q1", "_id", "_uuid", "_submission_time", "_index"], "kobo"),
        (["SubmissionDate", "grp-q1", "meta-instanceID", "KEY", "SubmitterID"], "odk"),
        (["KEY", "q1", "meta/instanceID"], "odk"),
        (["id", "submitdate", "lastpage", "startlanguage", "seed", "Q1"], "limesurvey"),
        (["Timestamp", "How satisfied?"], "googleforms"),
        (["Dấu thời gian", "Ông/bà hài lòng?"], "googleforms"),
        (["respondent", "unit", "group", "Q1"], "plain"),
    ],
)
def test_the_export_shape_is_recognised_from_the_header(header, shape):
    assert detect_shape(header) == shape


def test_units_come_in_order_of_appearance_when_no_list_is_given(questionnaire, tmp_path):
    path = write(
        tmp_path, HEADER + "1,TL,dan,A,A,A,A,,A\n2,TC,dan,B,B,B,B,,B\n3,TL,canbo,C,C,C,C,C,C\n"
    )
    data = read_responses(path, questionnaire, None).data
    assert data.units == ("TL", "TC")
    assert data.unit.tolist() == [0, 1, 0]


def test_unit_and_group_columns_are_found_by_vietnamese_headers(questionnaire, tmp_path):
    text = (
        "Mã phiếu,Xã,Đối tượng,Q1,Q2,Q3,Q4,Q5,Q6\n1,tc,Người dân, tổ chức,A,A,A,A,,A\n".replace(
            "Người dân, tổ chức", '"Người dân, tổ chức"'
        )
        + "2,TH,CANBO,b,Hài lòng,Được nhắc lịch hẹn trả kết quả,Rất hài lòng,Kém,Không biết\n"
    )
    result = read_responses(write(tmp_path, text), questionnaire, UNITS)
    assert dict(result.columns) == {
        "Mã phiếu": "respondent",
        "Xã": "unit",
        "Đối tượng": "group",
        **{f"Q{k}": f"Q{k}" for k in range(1, 7)},
    }
    assert result.data.unit.tolist() == [0, 1]
    assert result.data.group.tolist() == [0, 1]
    assert result.data.answers[1].tolist() == [6000, 6000, 5000, 10000, 0, -1]


# --------------------------------------------------------------------------- bad rows

BAD_ROWS = [
    ("dòng 3, ô B3 (unit)", "unit", "XX", "đơn vị «XX» không có trong danh sách đơn vị"),
    ("dòng 4, ô D4 (Q1)", "Q1", "Z", "câu trả lời «Z» không phải phương án của câu Q1"),
    ("dòng 5, ô A5 (respondent)", "respondent", "P01", "mã phiếu «P01» trùng với phiếu ở dòng 2"),
    ("dòng 6", "", "", "phiếu trống: không có câu trả lời nào"),
    ("dòng 7, ô C7 (group)", "group", "khách vãng lai", "nhóm đối tượng «khách vãng lai» không có"),
    ("dòng 9, ô B9 (unit)", "unit", "", "thiếu đơn vị"),
    ("dòng 10, ô H10 (Q5)", "Q5", "A", "câu hỏi Q5 không dành cho nhóm «Người dân, tổ chức»"),
    ("dòng 12, ô D12 (Q1)", "Q1", "A;B", "câu Q1 chỉ được chọn một phương án"),
    ("dòng 15, ô B15 (unit)", "unit", "YY", "đơn vị «YY» không có trong danh sách đơn vị"),
    ("dòng 15, ô I15 (Q6)", "Q6", "Tốt lắm", "câu trả lời «Tốt lắm» không phải phương án"),
]


def test_every_bad_row_is_reported_at_once_with_row_column_value_and_reason(questionnaire):
    with pytest.raises(InputError) as excinfo:
        read_responses(SURVEY / "bad-rows.csv", questionnaire, UNITS)
    problems = excinfo.value.problems
    assert len(problems) == len(BAD_ROWS)
    for problem, (where, _column, value, reason) in zip(problems, BAD_ROWS, strict=True):
        assert problem.file == "bad-rows.csv"
        assert problem.where == where
        assert reason in problem.message
        assert value in problem.message
    assert problems[2].unit == "TL"  # the duplicate's own unit
    assert problems[0].unit == ""  # unknown unit: named in the message instead


def test_drop_invalid_keeps_the_good_rows_and_returns_the_rejected_with_reasons(questionnaire):
    """A bad answer drops that answer only; a bad unit, group, id or a blank row the row."""
    result = read_responses(SURVEY / "bad-rows.csv", questionnaire, UNITS, drop_invalid=True)
    assert (result.read, result.kept, result.rejected_rows) == (14, 8, 6)
    assert [(r.where, r.column, r.value) for r in result.rejected] == [
        (w, c, v) for w, c, v, _ in BAD_ROWS
    ]
    assert all(
        reason in r.reason for r, (*_, reason) in zip(result.rejected, BAD_ROWS, strict=True)
    )
    assert [r.action for r in result.rejected] == [
        "bỏ phiếu",
        "bỏ câu trả lời",  # Z in Q1: P03 kept without its Q1
        "bỏ phiếu",
        "bỏ phiếu",
        "bỏ phiếu",
        "bỏ phiếu",
        "bỏ câu trả lời",  # Q5 not asked to dan
        "bỏ câu trả lời",  # A;B to a single choice
        "bỏ phiếu",
        "bỏ phiếu",  # a bad answer on a row dropped for its unit: the row
    ]
    assert result.dropped_answers == 3
    assert sorted({r.row for r in result.rejected}) == [3, 4, 5, 6, 7, 9, 10, 12, 15]
    data = result.data
    assert data.respondents == 8
    # P01, P03, P08, P09, P10, P11, P12, P14
    assert data.unit.tolist() == [0, 1, 2, 2, 0, 1, 0, 1]
    assert data.group.tolist() == [0, 0, 0, 1, 0, 1, 0, 0]
    assert data.answers.tolist() == [
        [10000, 6000, 7500, 10000, -1, 2000],  # P01: A;C in Q3 → mean(100, 50)
        [-1, 6000, 10000, 10000, -1, 2000],  # P03 without its Q1 «Z»
        [10000, 6000, 10000, 10000, -1, 2000],  # P08 without its Q5 (not asked to dan)
        [10000, 6000, 5000, 10000, 10000, 2000],
        [-1, 6000, 10000, 10000, -1, 2000],  # P10 without its Q1 «A;B»
        [6000, 10000, -1, 10000, 10000, -1],  # labels, lower-case codes; «Không nhớ» and E
        [-1, -1, -1, -1, -1, -1],  # only E: not an empty form
        [10000, 6000, 10000, 10000, -1, 2000],  # E to a question not asked to dan: accepted
    ]
    assert data.cluster is None and data.weight is None and data.clusters == ()
    assert str(result.problems()[0]).startswith("bad-rows.csv, dòng 3, ô B3 (unit)")


def test_an_answer_outside_a_custom_scale_is_reported(questionnaire, tmp_path):
    path = write(tmp_path, HEADER + "1,TC,dan,A,A,A F,A,,A\n2,TC,dan,A,A,Có,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    messages = [p.message for p in excinfo.value.problems]
    assert len(messages) == 2
    assert "«A F»" in messages[0] and "Q3" in messages[0]
    assert "«Có»" in messages[1]


def test_a_unit_outside_the_units_list_may_be_given_by_a_folded_code(questionnaire, tmp_path):
    path = write(tmp_path, HEADER + "1, tc ,dan,A,A,A,A,,A\n")
    assert read_responses(path, questionnaire, UNITS).data.unit.tolist() == [0]


# --------------------------------------------------------------------------- file-level problems


def test_a_file_without_a_unit_column_is_refused_even_when_dropping_rows(questionnaire, tmp_path):
    path = write(tmp_path, "respondent,group,Q1,Q2,Q3,Q4,Q5,Q6\n1,dan,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS, drop_invalid=True)
    (problem,) = excinfo.value.problems
    assert problem.file == "phieu.csv"
    assert "không tìm thấy cột đơn vị" in problem.message


def test_a_question_without_a_column_is_named_with_the_unused_columns(questionnaire, tmp_path):
    path = write(tmp_path, "respondent,unit,group,Q1,Q2,Q3,Q4,Q5,Câu 6\n1,TC,dan,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    (problem,) = excinfo.value.problems
    assert "câu hỏi Q6" in problem.message
    assert "«Câu 6»" in problem.message


def test_two_columns_for_one_question_are_refused(questionnaire, tmp_path):
    path = write(
        tmp_path, "respondent,unit,group,Q1,grp/q1,Q2,Q3,Q4,Q5,Q6\n1,TC,dan,A,A,A,A,A,,A\n"
    )
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    (problem,) = excinfo.value.problems
    assert "«Q1», «grp/q1» cùng là câu hỏi Q1" in problem.message


def test_a_group_column_is_needed_when_the_questionnaire_has_several_groups(
    questionnaire, tmp_path
):
    path = write(tmp_path, "respondent,unit,Q1,Q2,Q3,Q4,Q5,Q6\n1,TC,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS)
    assert "không tìm thấy cột nhóm đối tượng" in problems_of(excinfo)[0]


def test_a_single_group_questionnaire_needs_no_group_column(tmp_path):
    one = parse_questionnaire(
        {
            "id": "s",
            "name": "Phiếu",
            "groups": [{"code": "dan", "name": "Người dân"}],
            "questions": [{"code": "Q1", "text": "Hài lòng?", "leaf": "8.1"}],
        }
    )
    path = write(tmp_path, "đơn vị,Q1\nTC,Rất hài lòng\nTH,D\n")
    data = read_responses(path, one, None).data
    assert data.group.tolist() == [0, 0]
    assert data.answers.tolist() == [[10000], [0]]


def test_an_export_with_a_header_only_has_no_responses(questionnaire, tmp_path):
    with pytest.raises(InputError, match="không có phiếu trả lời nào"):
        read_responses(write(tmp_path, HEADER), questionnaire, UNITS)


# --------------------------------------------------------------------------- mapping


MAPPING = """\
columns:
  "Xã/phường nơi ông/bà sinh sống": unit
  "Đối tượng": group
  "Mã phiếu": respondent
  "grp_chung/q1": Q1
  "Câu 2 - thái độ": Q2
  "Ghi chú": ignore
answers:
  "*": {"Rất hài lòng": A, "Hài lòng": B, "Bình thường": C, "Không hài lòng": D, "Không trả lời": E}
  Q2: {"5 sao": A, "4 sao": B, "Không áp dụng": null}
units:
  "Xã Tiên Châu": TC
  "xã tiên hà": TH
groups:
  "Người dân": dan
  "Công chức xã": canbo
"""


def test_a_mapping_file_maps_columns_answer_labels_unit_and_group_labels(questionnaire, tmp_path):
    mapping = read_mapping(write(tmp_path, MAPPING, "anh-xa.yaml"))
    assert mapping.columns["Mã phiếu"] == "respondent"
    assert mapping.answers["Q2"]["Không áp dụng"] is None
    text = (
        "Mã phiếu,Xã/phường nơi ông/bà sinh sống,Đối tượng,grp_chung/q1,Câu 2 - thái độ,"
        "Q3,Q4,Q5,Q6,Ghi chú,Điện thoại\n"
        "a1,Xã Tiên Châu,Người dân,Hài lòng,5 sao,A,Bình thường,,Không hài lòng,,0905\n"
        "a2,XÃ TIÊN HÀ,Công chức xã,rất hài lòng,Không áp dụng,B,Hài lòng,Không trả lời,A,x,\n"
    )
    result = read_responses(write(tmp_path, text), questionnaire, UNITS, mapping)
    assert result.ignored_columns == ("Điện thoại",)
    assert result.data.unit.tolist() == [0, 1]
    assert result.data.group.tolist() == [0, 1]
    assert result.data.answers.tolist() == [
        [6000, 10000, 10000, 0, -1, 0],
        [10000, -1, 8000, 10000, -1, 10000],
    ]


def test_a_mapping_may_be_given_as_a_path(questionnaire):
    result = read_responses(
        SURVEY / "googleforms.csv", questionnaire, UNITS, str(SURVEY / "mapping-googleforms.yaml")
    )
    assert result.kept == 42


def test_the_mapping_wins_over_a_column_that_matches_by_itself(questionnaire, tmp_path):
    mapping = parse_mapping({"columns": {"Q1 mới": "Q1"}})
    path = write(tmp_path, "unit,group,Q1,Q1 mới,Q2,Q3,Q4,Q5,Q6\nTC,dan,A,D,A,A,A,,A\n")
    result = read_responses(path, questionnaire, UNITS, mapping)
    assert result.data.answers[0, 0] == 0
    assert result.ignored_columns == ("Q1",)


def test_a_bad_mapping_file_is_reported_at_once(questionnaire, tmp_path):
    text = """\
columns:
  "Q1": Q9
  "Q3": "Q3:F"
answers:
  Q7: {x: A}
  Q1: {"Tạm được": F}
  "*": {"Yes": A, No: D}
units: {"Xã Mới": XM}
groups: {"Khách": khach}
extra: 1
"""
    with pytest.raises(InputError) as excinfo:
        read_mapping(write(tmp_path, text, "anh-xa.yaml"))
    messages = problems_of(excinfo)
    assert all(m.startswith("anh-xa.yaml") for m in messages)
    assert any("khóa không được hỗ trợ «extra»" in m for m in messages)
    assert any("true/false" in m for m in messages)  # unquoted No

    mapping = read_mapping(
        write(tmp_path, text.replace("No:", '"No":').replace("extra: 1\n", ""), "anh-xa.yaml")
    )
    path = write(tmp_path, HEADER + "1,TC,dan,A,A,A,A,,A\n")
    with pytest.raises(InputError) as excinfo:
        read_responses(path, questionnaire, UNITS, mapping)
    messages = problems_of(excinfo)
    assert all(m.startswith("anh-xa.yaml") for m in messages), messages
    joined = "\n".join(messages)
    assert "columns › Q1: «Q9» không phải unit, group, respondent, ignore hay mã câu hỏi" in joined
    assert "columns › Q3: câu Q3 không có phương án «F»" in joined
    assert "answers › Q7: phiếu «survey-test-commune-2023-phieu» không có câu hỏi «Q7»" in joined
    assert "answers › Q1 › Tạm được: câu Q1 không có phương án «F»" in joined
    assert "units › Xã Mới: mã đơn vị «XM» không có trong danh sách đơn vị" in joined
    assert "groups › Khách: nhóm «khach» không có trong phiếu" in joined


def test_an_empty_mapping_is_the_default(questionnaire):
    assert parse_mapping(None) == Mapping()
    assert read_responses(SURVEY / "plain.csv", questionnaire, UNITS, Mapping()).kept == 42


# --------------------------------------------------------------------------- multiple choice


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("A", 10000),
        ("a c", 7500),  # KoBo / ODK: names, space-separated
        ("A;C", 7500),
        ("A, B, C", 7667),  # mean(100, 80, 50) = 76.666… → 76.67 %
        ("b c", 6500),
        ("C E", 5000),  # E is excluded, not a zero
        ("E", -1),
        ("D", 0),
        ("Được hướng dẫn đầy đủ, Được nhắc lịch hẹn trả kết quả", 7500),  # Google Forms labels
        ("Được hỗ trợ nộp hồ sơ trực tuyến;không nhớ", 8000),
        ("a a", 10000),
        ("", -1),
    ],
)
def test_a_multiple_choice_answer_is_the_mean_of_the_chosen_weights(
    questionnaire, tmp_path, answer, value
):
    path = write(tmp_path, HEADER + f'1,TC,dan,A,A,"{answer}",A,,A\n')
    assert read_responses(path, questionnaire, UNITS).data.answers[0, 2] == value


@pytest.mark.parametrize(
    ("answer", "value"), [("C D", 0), ("B D", 10000), ("A", 10000), ("E", -1), ("C;E", 0)]
)
def test_a_multiple_choice_share_question_counts_any_choice_at_or_above_the_level(
    tmp_path, answer, value
):
    share = parse_questionnaire(
        {
            "id": "s",
            "name": "Phiếu",
            "groups": [{"code": "dan", "name": "Người dân"}],
            "questions": [
                {
                    "code": "Q1",
                    "text": "Ông/bà hài lòng với những khâu nào?",
                    "leaf": "8.1",
                    "choice": "multiple",
                    "rule": "share",
                    "at_least": "B",
                }
            ],
        }
    )
    path = write(tmp_path, f"unit,Q1\nTC,{answer}\n")
    assert read_responses(path, share, None).data.answers[0, 0] == value


@pytest.mark.parametrize(
    ("answer", "value"),
    [("A", 10000), ("B", 10000), ("Hài lòng", 10000), ("C", 0), ("D", 0), ("E", -1)],
)
def test_a_share_question_is_full_at_or_above_its_level_and_zero_below(
    questionnaire, tmp_path, answer, value
):
    path = write(tmp_path, HEADER + f"1,TC,dan,A,A,A,{answer},,A\n")
    assert read_responses(path, questionnaire, UNITS).data.answers[0, 3] == value


# --------------------------------------------------------------------------- encodings


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese offices save it: base letters plus combining tone marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for k, mark in enumerate(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            rest = "".join(marks[:k] + marks[k + 1 :])
            try:
                out += composed.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def test_it_reads_a_csv_with_a_utf8_bom(questionnaire, tmp_path):
    path = tmp_path / "googleforms.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (SURVEY / "googleforms.csv").read_bytes())
    result = read_responses(path, questionnaire, UNITS, SURVEY / "mapping-googleforms.yaml")
    assert result.shape == "googleforms"  # «Dấu thời gian» is still the first header
    plain = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    np.testing.assert_array_equal(result.data.answers, plain.answers)


def test_it_reads_a_windows_1258_csv(questionnaire, tmp_path):
    text = (SURVEY / "googleforms.csv").read_text(encoding="utf-8")
    data = to_cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "googleforms-1258.csv"
    path.write_bytes(data)
    result = read_responses(path, questionnaire, UNITS, SURVEY / "mapping-googleforms.yaml")
    plain = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    np.testing.assert_array_equal(result.data.unit, plain.unit)
    np.testing.assert_array_equal(result.data.group, plain.group)
    np.testing.assert_array_equal(result.data.answers, plain.answers)


# --------------------------------------------------------------------------- questionnaire file


def test_a_bad_questionnaire_file_is_reported_with_its_name(tmp_path):
    path = write(tmp_path, "id: s\nname: Phiếu\ngroups: []\nquestions: []\n", "phieu.yaml")
    with pytest.raises(InputError) as excinfo:
        read_questionnaire(path)
    assert all(p.file == "phieu.yaml" for p in excinfo.value.problems)
