"""What the collection tools rejected is not scored.

Chị Lan, the province's survey officer, exports the commune survey from ODK Central after the
district reviewers marked three submissions «rejected»; her colleague in another district uses
KoBoToolbox and marked three «not approved»; a third uses LimeSurvey, where three respondents
stopped at page 2. Each export holds the same 42 good respondents as ``plain.csv`` and the three
left out, interleaved (rows 6, 22, 45; one of them in commune TX, seen on no other row).

The three are left out before any check, counted per reason with the tool's own wording, and the
points of the others are exactly those of ``plain.csv``; TX is not listed. ``keep_rejected``
reads them like the others. The examples are written by tests/data/survey/make_exports.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from parindex.core.problems import InputError
from parindex.io.survey_responses import read_questionnaire, read_responses
from tests.conftest import DATA

SURVEY = DATA / "survey"
UNITS = ("TC", "TH", "TL")
REVIEWED = [
    (
        "odk-reviewed.csv",
        None,
        "odk",
        "rejected",
        "ReviewState",
        "3 phiếu bị từ chối trên ODK Central (ReviewState = rejected) không được tính",
    ),
    (
        "kobo-reviewed.csv",
        None,
        "kobo",
        "not_approved",
        "_validation_status",
        "3 phiếu không được duyệt trên KoBoToolbox "
        "(_validation_status = validation_status_not_approved) không được tính",
    ),
    (
        "limesurvey-incomplete.csv",
        "mapping-limesurvey.yaml",
        "limesurvey",
        "incomplete",
        "submitdate",
        "3 phiếu chưa hoàn thành trên LimeSurvey (submitdate trống) không được tính",
    ),
]
IDS = [r[0] for r in REVIEWED]


@pytest.fixture(scope="module")
def questionnaire():
    return read_questionnaire(SURVEY / "questionnaire.yaml")


def read(questionnaire, export, mapping, units=UNITS, **options):
    return read_responses(
        SURVEY / export, questionnaire, units, SURVEY / mapping if mapping else None, **options
    )


@pytest.mark.parametrize(
    ("export", "mapping", "shape", "reason", "column", "message"), REVIEWED, ids=IDS
)
def test_what_the_tool_left_out_is_counted_and_the_others_score_as_before(
    questionnaire, export, mapping, shape, reason, column, message
):
    result = read(questionnaire, export, mapping)
    plain = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    assert result.shape == shape
    assert (result.read, result.kept, result.rejected) == (45, 42, ())
    (excluded,) = result.excluded
    assert (excluded.reason, excluded.column, excluded.rows) == (reason, column, (6, 22, 45))
    assert excluded.message == message
    assert not excluded.kept
    assert result.counts == {"read": 45, "kept": 42, "rejected": 0, "excluded": 3}
    assert result.rejected_rows == 0
    np.testing.assert_array_equal(result.data.unit, plain.unit)
    np.testing.assert_array_equal(result.data.group, plain.group)
    np.testing.assert_array_equal(result.data.answers, plain.answers)


@pytest.mark.parametrize(
    ("export", "mapping", "shape", "reason", "column", "message"), REVIEWED, ids=IDS
)
def test_a_unit_seen_only_on_left_out_rows_is_not_listed(
    questionnaire, export, mapping, shape, reason, column, message
):
    """Without a units list the units are those named; TX is named only on a left-out row."""
    result = read(questionnaire, export, mapping, units=None)
    plain = read_responses(SURVEY / "plain.csv", questionnaire, None).data
    assert result.data.units == plain.units
    assert "TX" not in result.data.units


@pytest.mark.parametrize(
    ("export", "mapping", "shape", "reason", "column", "message"), REVIEWED, ids=IDS
)
def test_left_out_rows_are_not_checked(
    questionnaire, export, mapping, shape, reason, column, message
):
    """TX is not in the units list: on a left-out row it is no error, not even a dropped row."""
    result = read(questionnaire, export, mapping, drop_invalid=True)
    assert result.rejected == ()
    with pytest.raises(InputError, match="không có trong danh sách đơn vị"):
        read(questionnaire, export, mapping, keep_rejected=True)


@pytest.mark.parametrize(
    ("export", "mapping", "shape", "reason", "column", "message"), REVIEWED, ids=IDS
)
def test_keep_rejected_scores_them_like_the_others(
    questionnaire, export, mapping, shape, reason, column, message
):
    result = read(questionnaire, export, mapping, units=None, keep_rejected=True)
    assert (result.read, result.kept) == (45, 45)
    (excluded,) = result.excluded
    assert excluded.kept and excluded.rows == (6, 22, 45)
    assert excluded.message == message.replace(
        "không được tính", "vẫn được tính (theo yêu cầu giữ lại)"
    )
    assert result.counts == {"read": 45, "kept": 45, "rejected": 0}
    assert len(result.data.units) == 4  # TX (LimeSurvey: its unmapped code A4) is listed
    left_out = [row - 2 for row in (6, 22, 45)]  # their positions: the header is row 1
    without = np.delete(result.data.answers, left_out, axis=0)
    plain = read_responses(SURVEY / "plain.csv", questionnaire, UNITS).data
    np.testing.assert_array_equal(without, plain.answers)


ODK = ("SubmissionDate,ReviewState,meta-instanceID,KEY", "2023-11-20,{state},u{k},u{k}")
KOBO = ("_uuid,_submission_time,_validation_status", "u{k},2023-11-20,{state}")
LIME = ("id,submitdate,lastpage", "{k},{state},4")


@pytest.mark.parametrize(
    ("tool", "state", "left_out"),
    [
        (ODK, "rejected", True),
        (ODK, "Rejected", True),
        (ODK, "hasIssues", False),
        (ODK, "edited", False),
        (ODK, "approved", False),
        (ODK, "", False),
        (KOBO, "validation_status_not_approved", True),
        (KOBO, "Not Approved", True),
        (KOBO, "validation_status_on_hold", False),
        (KOBO, "validation_status_approved", False),
        (KOBO, "", False),
        (LIME, "", True),
        (LIME, "2023-11-20 07:54:00", False),
    ],
)
def test_which_review_states_leave_a_row_out(questionnaire, tmp_path, tool, state, left_out):
    """Only ODK's «rejected», KoBo's explicit «not approved» and LimeSurvey's missing submitdate;
    the second row (approved, submitted) is always scored."""
    header, line = tool
    scored = "2023-11-20" if tool is LIME else "approved"
    text = f"{header},unit,group,Q1,Q2,Q3,Q4,Q5,Q6\n"
    text += line.format(k=1, state=state) + ",TC,dan,A,A,A,A,,A\n"
    text += line.format(k=2, state=scored) + ",TH,dan,B,B,B,B,,B\n"
    path = tmp_path / "phieu.csv"
    path.write_text(text, encoding="utf-8")
    result = read_responses(path, questionnaire, None)
    assert result.kept == (1 if left_out else 2)
    assert result.data.units == (("TH",) if left_out else ("TC", "TH"))
    assert sum(e.count for e in result.excluded) == int(left_out)


def test_a_file_whose_every_row_was_left_out_is_refused_with_the_counts(questionnaire, tmp_path):
    path = tmp_path / "odk.csv"
    path.write_text(
        "SubmissionDate,ReviewState,meta-instanceID,KEY,unit,group,Q1,Q2,Q3,Q4,Q5,Q6\n"
        "2023-11-20,rejected,u1,u1,TC,dan,A,A,A,A,,A\n"
        "2023-11-20,rejected,u2,u2,TH,dan,B,B,B,B,,B\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_responses(path, questionnaire, UNITS)
    (problem,) = caught.value.problems
    assert "tệp không còn phiếu trả lời nào để tính" in problem.message
    assert "2 phiếu bị từ chối trên ODK Central (ReviewState = rejected)" in problem.message
    assert "--keep-rejected" in problem.message
    assert read_responses(path, questionnaire, UNITS, keep_rejected=True).kept == 2


def test_an_export_without_its_review_column_leaves_nothing_out(questionnaire):
    """The plain shape has no review column; an ODK export's blank ReviewState is scored."""
    for export in ("plain.csv", "odk.csv", "kobo.csv"):
        result = read_responses(SURVEY / export, questionnaire, UNITS)
        assert (result.kept, result.excluded) == (42, ())
        assert result.counts == {"read": 42, "kept": 42, "rejected": 0}
