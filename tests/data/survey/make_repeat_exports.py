"""Write the repeat-group and header-shape examples from one small table, so that they agree.

Run from anywhere: ``python tests/data/survey/make_repeat_exports.py``. Four respondents in
three communes answer Q1, Q3–Q6 of ``questionnaire.yaml`` once, and Q2 (the official's
attitude) once per transaction at the one-stop desk: a repeat group ``giao_dich`` with one
to four instances. Each export writes the same answers the way its tool does (layouts in
SOURCES.md):

* ``kobo-repeat.xlsx``  — KoBoToolbox XLSX: the submissions' sheet, then the sheet
  ``giao_dich`` whose ``_parent_index`` is the submission's ``_index``
* ``odk-repeat.csv`` and ``odk-repeat-giao_dich.csv`` — ODK Central: the submissions, and
  the repeat group's own file whose ``PARENT_KEY`` is the submission's ``KEY``
* ``wide-repeat.csv``   — the repeat flattened into columns ``giao_dich[1]/q2`` …
* ``qualtrics.csv``     — Qualtrics «choice text» CSV: export tags, question texts and
  ImportId rows; one response not finished (``Finished`` = False)
* ``kobo-labels.csv``   — KoBoToolbox «labels» CSV: group labels before question texts
  that hold a ``/`` themselves (``Thông tin chung/Ông/bà …``)
* ``googleforms-other.csv`` — Google Forms checkboxes whose option holds a comma, and an
  «Other» free text; read with ``mapping-googleforms-other.yaml``

Respondent values of Q2 (mean of the valid instances, rounded half-up): R1 (A, B) 8000,
R2 (C) 2000, R3 (A, E, B, A) 8667, R4 (one blank instance) no answer.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
FORM = "Khảo sát hài lòng cấp xã 2023"
TEXTS = {
    "Q1": "Ông/bà đánh giá thế nào về việc niêm yết, công khai thủ tục hành chính tại Bộ phận một cửa?",
    "Q2": "Ông/bà hài lòng thế nào với thái độ phục vụ của công chức tiếp nhận hồ sơ?",
    "Q3": "Ông/bà đã nhận được những hỗ trợ nào khi giải quyết thủ tục hành chính? (chọn nhiều phương án)",
    "Q4": "Nhìn chung, ông/bà hài lòng thế nào với sự phục vụ của Ủy ban nhân dân xã?",
    "Q5": "Ông/bà đánh giá thế nào về việc lãnh đạo Ủy ban nhân dân xã chỉ đạo, điều hành công tác CCHC?",
    "Q6": "Ông/bà đánh giá thế nào về việc tiếp nhận và xử lý phản ánh, kiến nghị của người dân?",
}
GROUPS = {"dan": "Người dân, tổ chức", "canbo": "Cán bộ, công chức"}
RATING = {"A": "Rất tốt", "B": "Tốt", "C": "Trung bình", "D": "Kém", "E": "Không biết"}
SATISFACTION = {"A": "Rất hài lòng", "B": "Hài lòng", "C": "Bình thường", "D": "Không hài lòng"}
SUPPORT = {
    "A": "Được hướng dẫn đầy đủ",
    "B": "Được hỗ trợ nộp hồ sơ trực tuyến",
    "C": "Được nhắc lịch hẹn trả kết quả",
    "D": "Không được hỗ trợ",
    "E": "Không nhớ",
}
# respondent, uuid, commune, group, Q1, Q3, Q4, Q5, Q6, submitted, transactions (procedure, Q2)
ROWS = [
    ("R1", "5b0c3e2a-1d4f-4f8e-9a51-0c7e9d2b6a11", "TC", "dan", "A", "A", "B", "", "B",
     "2023-11-20T01:05:00", [("Chứng thực bản sao", "A"), ("Đăng ký khai sinh", "B")]),
    ("R2", "8e4d7a90-6b3c-4e21-8f0a-3d9c2b1e7f22", "TH", "dan", "B", "A C", "A", "", "A",
     "2023-11-20T02:10:00", [("Đăng ký kết hôn", "C")]),
    ("R3", "c2a9f1e7-4b8d-4a36-b7e2-9f1d0c3a5b33", "TL", "canbo", "A", "B", "A", "B", "C",
     "2023-11-20T03:15:00",
     [("Chứng thực chữ ký", "A"), ("Đăng ký thường trú", "E"), ("Cấp bản sao trích lục", "B"),
      ("Đăng ký khai tử", "A")]),
    ("R4", "f7e1b3c5-9a2d-4c68-a1f4-6e8b2d0c9a44", "TC", "dan", "C", "D", "C", "", "D",
     "2023-11-20T04:20:00", [("Xác nhận tình trạng hôn nhân", "")]),
]  # fmt: skip
KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "_index"]  # fmt: skip
KOBO_REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__id",
                    "_submission__uuid", "_submission__submission_time",
                    "_submission__validation_status", "_submission__notes",
                    "_submission__status", "_submission__submitted_by",
                    "_submission___version__", "_submission__tags"]  # fmt: skip
VERSION = "vR7pXk2aQm9sLt4wYb3cNd"
# Google Forms' checkbox option for A, a comma inside it (mapping-googleforms-other.yaml)
COMMA_A = "Được hướng dẫn, giải thích đầy đủ"


def _write_csv(name: str, rows: list[list[str]], delimiter: str = ",") -> None:
    with (HERE / name).open("w", newline="", encoding="utf-8") as fh:
        quoting = csv.QUOTE_ALL if delimiter == ";" else csv.QUOTE_MINIMAL
        csv.writer(fh, delimiter=delimiter, quoting=quoting, lineterminator="\n").writerows(rows)


def _local(submitted: str, minutes: int) -> str:
    """The device's local time (UTC+7), ``minutes`` after the submission."""
    at = datetime.fromisoformat(submitted) + timedelta(hours=7, minutes=minutes)
    return at.strftime("%Y-%m-%dT%H:%M:%S.000+07:00")


def kobo_repeat() -> None:
    from openpyxl import Workbook

    book = Workbook()
    main = book.active
    main.title = FORM
    main.append(["start", "end", "grp_thongtin/don_vi", "grp_thongtin/doi_tuong", "grp_chung/q1",
                 "grp_chung/q3", "grp_chung/q4", "grp_canbo/q5", "grp_chung/q6", *KOBO_META])  # fmt: skip
    repeat = book.create_sheet("giao_dich")
    repeat.append(["giao_dich/thu_tuc", "giao_dich/q2", *KOBO_REPEAT_META])
    index = 0
    for k, (_, uid, unit, group, q1, q3, q4, q5, q6, at, visits) in enumerate(ROWS, start=1):
        sid = 41250000 + k
        main.append([_local(at, -7), _local(at, -1), unit, group, q1.lower(), q3.lower(),
                     q4.lower(), q5.lower(), q6.lower(), sid, uid, at, "", "",
                     "submitted_via_web", "", VERSION, "", k])  # fmt: skip
        for procedure, q2 in visits:
            index += 1
            repeat.append([procedure, q2.lower(), index, FORM, k, sid, uid, at, "", "",
                           "submitted_via_web", "", VERSION, ""])  # fmt: skip
    book.properties.creator = "KoBoToolbox"
    book.save(HERE / "kobo-repeat.xlsx")


def odk_repeat() -> None:
    main = [["SubmissionDate", "start", "end", "grp_thongtin-don_vi", "grp_thongtin-doi_tuong",
             "grp_chung-q1", "grp_chung-q3", "grp_chung-q4", "grp_canbo-q5", "grp_chung-q6",
             "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
             "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
             "FormVersion"]]  # fmt: skip
    repeat = [["thu_tuc", "q2", "PARENT_KEY", "KEY"]]
    for _, uid, unit, group, q1, q3, q4, q5, q6, at, visits in ROWS:
        key = f"uuid:{uid}"
        main.append([f"{at}.000Z", _local(at, -7), _local(at, -1), unit, group, q1.lower(),
                     q3.lower(), q4.lower(), q5.lower(), q6.lower(), key, key, "7",
                     "dieutravien01", "0", "0", "", "", "collect:Xk2p", "0", "2023111501"])  # fmt: skip
        for n, (procedure, q2) in enumerate(visits, start=1):
            repeat.append([procedure, q2.lower(), key, f"{key}/giao_dich[{n}]"])
    _write_csv("odk-repeat.csv", main)
    _write_csv("odk-repeat-giao_dich.csv", repeat)


def wide_repeat() -> None:
    width = max(len(r[-1]) for r in ROWS)
    header = ["respondent", "unit", "group", "Q1", "Q3", "Q4", "Q5", "Q6"]
    for n in range(1, width + 1):
        header += [f"giao_dich[{n}]/thu_tuc", f"giao_dich[{n}]/q2"]
    rows = [header]
    for rid, _, unit, group, q1, q3, q4, q5, q6, _, visits in ROWS:
        row = [rid, unit, group, q1, q3.replace(" ", ";"), q4, q5, q6]
        for n in range(width):
            row += list(visits[n]) if n < len(visits) else ["", ""]
        rows.append(row)
    _write_csv("wide-repeat.csv", rows)


def qualtrics() -> None:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
            "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
            "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
            "DistributionChannel", "UserLanguage"]  # fmt: skip
    texts = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
             "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
             "Recipient Last Name", "Recipient First Name", "Recipient Email",
             "External Data Reference", "Location Latitude", "Location Longitude",
             "Distribution Channel", "User Language"]  # fmt: skip
    imports = ['{"ImportId":"startDate","timeZone":"Asia/Bangkok"}',
               '{"ImportId":"endDate","timeZone":"Asia/Bangkok"}', '{"ImportId":"status"}',
               '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
               '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"Asia/Bangkok"}',
               '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}',
               '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}',
               '{"ImportId":"externalDataReference"}', '{"ImportId":"locationLatitude"}',
               '{"ImportId":"locationLongitude"}', '{"ImportId":"distributionChannel"}',
               '{"ImportId":"userLanguage"}']  # fmt: skip
    tags = ["XA", "DOITUONG", "CH1", "CH2", "CH3", "CH4", "CH5", "CH6"]
    question_texts = ["Mã đơn vị", "Đối tượng", *(TEXTS[f"Q{i}"] for i in range(1, 7))]
    rows = [meta + tags, texts + question_texts]
    rows.append(
        imports + [json.dumps({"ImportId": f"QID{i}"}, separators=(",", ":")) for i in range(1, 9)]
    )
    for k, (_, _, unit, group, q1, q3, q4, q5, q6, at, visits) in enumerate(ROWS, start=1):
        q2 = next((v for _, v in visits if v and v != "E"), "")
        finished = "False" if k == 4 else "True"
        progress = "60" if k == 4 else "100"
        start = at.replace("T", " ")
        rows.append([start, start, "IP Address", f"113.161.{k}.0", progress, "412", finished,
                     start, f"R_{uid_tag(k)}", "", "", "", "", "10.7626", "106.6602",
                     "anonymous", "VI", unit, GROUPS[group],
                     RATING[q1], SATISFACTION.get(q2, ""), ",".join(SUPPORT[c] for c in q3.split()),
                     SATISFACTION[q4],
                     RATING.get(q5, ""), RATING[q6]])  # fmt: skip
    _write_csv("qualtrics.csv", rows)


def uid_tag(k: int) -> str:
    return ("1Fq8vXz3KpLm", "2Gr9wYa4LqMn", "3Hs0xZb5MrNo", "4It1yAc6NsOp")[k - 1]


def kobo_labels() -> None:
    header = ["start", "end", "Thông tin chung/Mã đơn vị", "Thông tin chung/Đối tượng",
              *(f"Nhóm chung/{TEXTS[q]}" for q in ("Q1", "Q2", "Q3", "Q4")),
              f"Dành cho cán bộ/{TEXTS['Q5']}", f"Nhóm chung/{TEXTS['Q6']}", *KOBO_META]  # fmt: skip
    rows = [header]
    for k, (_, uid, unit, group, q1, q3, q4, q5, q6, at, visits) in enumerate(ROWS, start=1):
        q2 = next((v for _, v in visits if v and v != "E"), "")
        rows.append([_local(at, -7), _local(at, -1), unit,
                     GROUPS[group],
                     RATING[q1], SATISFACTION.get(q2, ""), " ".join(SUPPORT[c] for c in q3.split()[:1]),
                     SATISFACTION[q4], RATING.get(q5, ""), RATING[q6], str(41250000 + k), uid, at, "",
                     "", "submitted_via_web", "", VERSION, "", str(k)])  # fmt: skip
    _write_csv("kobo-labels.csv", rows, delimiter=";")


def googleforms_other() -> None:
    header = ["Dấu thời gian", "Xã/phường nơi ông/bà sinh sống", "Ông/bà thuộc đối tượng nào?",
              *(TEXTS[f"Q{i}"] for i in range(1, 7))]  # fmt: skip
    names = {"TC": "Xã Tiên Châu", "TH": "Xã Tiên Hà", "TL": "Xã Tiên Lãnh"}
    others = {1: "Tôi tự tra cứu trên Cổng Dịch vụ công", 4: ""}
    rows = [header]
    for k, (_, _, unit, group, q1, q3, q4, q5, q6, at, visits) in enumerate(ROWS, start=1):
        q2 = next((v for _, v in visits if v and v != "E"), "")
        support = [COMMA_A if c == "A" else SUPPORT[c] for c in q3.split()]
        if others.get(k):
            support.append(others[k])
        day = f"20/11/2023 {int(at[11:13]) + 7}:{at[14:16]}:00"
        rows.append([day, names[unit],
                     GROUPS[group],
                     RATING[q1], SATISFACTION.get(q2, ""), ", ".join(support), SATISFACTION[q4],
                     RATING.get(q5, ""), RATING[q6]])  # fmt: skip
    _write_csv("googleforms-other.csv", rows)


def main() -> None:
    kobo_repeat()
    odk_repeat()
    wide_repeat()
    qualtrics()
    kobo_labels()
    googleforms_other()


if __name__ == "__main__":
    main()
