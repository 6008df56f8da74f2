"""Write the survey-export examples from one underlying table, so that they agree.

Run from anywhere: ``python tests/data/survey/make_exports.py``. The underlying table
(42 respondents in 3 communes, 2 respondent groups, questions Q1–Q6 of
``questionnaire.yaml``) is drawn from a seeded generator; each export writes the same
answers the way its tool does:

* ``plain.csv``        — respondent, unit, group, Q1–Q6 as option codes (Q3: ``A;C``)
* ``kobo.csv``         — KoBoToolbox «XML values and headers», ``;``-separated, group prefixes
* ``kobo.xlsx``        — KoBoToolbox XLSX with choice labels (Q3 labels joined by ``, ``)
* ``odk.csv``          — ODK Central, ``-`` group prefixes, ``meta-instanceID``
* ``limesurvey.csv``   — LimeSurvey answer codes (A1–A5), array and multiple-choice columns;
  read with ``mapping-limesurvey.yaml``
* ``googleforms.csv``  — question texts as headers, labels as answers, commune names;
  read with ``mapping-googleforms.yaml``

and, with three more respondents that the tool's own review left out (one of them in
commune ``TX``, seen on no other row), interleaved among the same 42:

* ``odk-reviewed.csv``          — ``ReviewState`` ``rejected`` on rows 6, 22, 45; the others
  blank, ``approved``, ``hasIssues`` or ``edited``
* ``kobo-reviewed.csv``         — ``_validation_status`` ``validation_status_not_approved``
  on rows 6, 22, 45; the others blank, approved or on hold
* ``limesurvey-incomplete.csv`` — no ``submitdate`` (incomplete, ``lastpage`` 2, the last
  answers blank) on rows 6, 22, 45
"""

from __future__ import annotations

import csv
import random
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).parent
QUESTIONS = ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6")
UNITS = {"TC": "Xã Tiên Châu", "TH": "Xã Tiên Hà", "TL": "Xã Tiên Lãnh"}
GROUPS = {"dan": "Người dân, tổ chức", "canbo": "Cán bộ, công chức"}
TEXTS = {
    "Q1": "Ông/bà đánh giá thế nào về việc niêm yết, công khai thủ tục hành chính tại Bộ phận một cửa?",
    "Q2": "Ông/bà hài lòng thế nào với thái độ phục vụ của công chức tiếp nhận hồ sơ?",
    "Q3": "Ông/bà đã nhận được những hỗ trợ nào khi giải quyết thủ tục hành chính? (chọn nhiều phương án)",
    "Q4": "Nhìn chung, ông/bà hài lòng thế nào với sự phục vụ của Ủy ban nhân dân xã?",
    "Q5": "Ông/bà đánh giá thế nào về việc lãnh đạo Ủy ban nhân dân xã chỉ đạo, điều hành công tác CCHC?",
    "Q6": "Ông/bà đánh giá thế nào về việc tiếp nhận và xử lý phản ánh, kiến nghị của người dân?",
}
RATING = {"A": "Rất tốt", "B": "Tốt", "C": "Trung bình", "D": "Kém", "E": "Không biết"}
SATISFACTION = {
    "A": "Rất hài lòng",
    "B": "Hài lòng",
    "C": "Bình thường",
    "D": "Không hài lòng",
    "E": "Không trả lời",
}
SUPPORT = {
    "A": "Được hướng dẫn đầy đủ",
    "B": "Được hỗ trợ nộp hồ sơ trực tuyến",
    "C": "Được nhắc lịch hẹn trả kết quả",
    "D": "Không được hỗ trợ",
    "E": "Không nhớ",
}
LABELS = {
    "Q1": RATING,
    "Q2": SATISFACTION,
    "Q3": SUPPORT,
    "Q4": SATISFACTION,
    "Q5": RATING,
    "Q6": RATING,
}


EXTRA = 3  # respondents the tool's review left out, after the 42
LEFT_OUT_AT = (4, 20, 43)  # their positions in the reviewed exports (rows 6, 22, 45)


def underlying(n: int = 42) -> list[dict[str, object]]:
    """One dict per respondent: id, unit, group, time, Q1..Q6 (option codes; Q3 a list; '' blank)."""
    rng = random.Random(2023)
    start = datetime(2023, 11, 20, 7, 30, tzinfo=timezone(timedelta(hours=7)))
    rows: list[dict[str, object]] = []
    for i in range(n):
        group = "canbo" if rng.random() < 0.35 else "dan"
        row: dict[str, object] = {
            "id": f"P{i + 1:03d}",
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "unit": ("TC", "TH", "TL")[i % 3]
            if rng.random() < 0.8
            else rng.choice(("TC", "TH", "TL")),
            "group": group,
            "time": start + timedelta(minutes=37 * i + rng.randrange(30)),
        }
        for q in QUESTIONS:
            if q == "Q5" and group != "canbo":
                row[q] = ""
            elif q == "Q3":
                row[q] = sorted(rng.sample("ABCDE", rng.choice((1, 1, 2, 2, 3))))
            else:
                row[q] = rng.choices("ABCDE ", weights=(30, 35, 18, 6, 6, 5))[0].strip()
        rows.append(row)
    return rows


def write_csv(path: Path, header: list[str], body: list[list[object]], **kwargs: object) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, **kwargs)  # type: ignore[arg-type]
        writer.writerow(header)
        writer.writerows(body)


def plain(rows: list[dict[str, object]]) -> None:
    body = [
        [r["id"], r["unit"], r["group"]]
        + [";".join(r[q]) if q == "Q3" else r[q] for q in QUESTIONS]  # type: ignore[arg-type]
        for r in rows
    ]
    write_csv(HERE / "plain.csv", ["respondent", "unit", "group", *QUESTIONS], body)


KOBO_NAMES = {
    "Q1": "grp_chung/q1",
    "Q2": "grp_chung/q2",
    "Q3": "grp_chung/q3",
    "Q4": "group_xyz/Q4",
    "Q5": "grp_canbo/q5",
    "Q6": "group_xyz/Q6",
}


def reviewed(rows: list[dict[str, object]]) -> tuple[list[dict[str, object]], list[bool]]:
    """The 42 respondents with the three left out interleaved, and which rows are left out;
    the first extra respondent answers in ``TX``, a commune on no other row."""
    extra = underlying(len(rows) + EXTRA)[len(rows) :]
    extra[0] = {**extra[0], "unit": "TX"}
    out: list[dict[str, object]] = []
    left_out: list[bool] = []
    kept = iter(rows)
    extras = iter(extra)
    for k in range(len(rows) + EXTRA):
        out.append(next(extras) if k in LEFT_OUT_AT else next(kept))
        left_out.append(k in LEFT_OUT_AT)
    return out, left_out


def _kobo_rows(
    rows: list[dict[str, object]], labels: bool, validation: list[str] | None = None
) -> tuple[list[str], list[list[object]]]:
    header = ["start", "end", "grp_thongtin/don_vi", "grp_thongtin/doi_tuong"]
    for q in QUESTIONS:
        header.append(KOBO_NAMES[q])
        if q == "Q3":
            header += [f"grp_chung/q3/{c.lower()}" for c in "ABCDE"]
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
               "_submitted_by", "__version__", "_tags", "_index"]  # fmt: skip
    body = []
    for i, r in enumerate(rows, start=1):
        t: datetime = r["time"]  # type: ignore[assignment]
        line: list[object] = [
            t.isoformat(timespec="milliseconds"),
            (t + timedelta(minutes=6)).isoformat(timespec="milliseconds"),
            r["unit"],
            GROUPS[r["group"]] if labels else r["group"],  # type: ignore[index]
        ]
        for q in QUESTIONS:
            value = r[q]
            if q == "Q3":
                chosen: list[str] = value  # type: ignore[assignment]
                line.append(
                    ", ".join(SUPPORT[c] for c in chosen)
                    if labels
                    else " ".join(c.lower() for c in chosen)
                )
                line += [int(c in chosen) for c in "ABCDE"]
            elif not value:
                line.append("")
            else:
                line.append(LABELS[q][value] if labels else value.lower())  # type: ignore[index,union-attr]
        line += [
            31870000 + i,
            r["uuid"],
            (t + timedelta(minutes=7)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            validation[i - 1] if validation else "",
            "",
            "submitted_via_web",
            "",
            "vKx7mVTsDpa3gQaWz8oLpY",
            "",
            i,
        ]
        body.append(line)
    return header, body


def kobo(rows: list[dict[str, object]]) -> None:
    header, body = _kobo_rows(rows, labels=False)
    write_csv(HERE / "kobo.csv", header, body, delimiter=";", quoting=csv.QUOTE_ALL)
    from openpyxl import Workbook

    header, body = _kobo_rows(rows, labels=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Phiếu khảo sát CCHC xã"
    sheet.append(header)
    for line in body:
        sheet.append([None if v == "" else v for v in line])
    book.save(HERE / "kobo.xlsx")


def kobo_reviewed(rows: list[dict[str, object]]) -> None:
    everyone, left_out = reviewed(rows)
    scored = ("", "validation_status_approved", "validation_status_on_hold")
    validation = [
        "validation_status_not_approved" if out else scored[k % 3] for k, out in enumerate(left_out)
    ]
    header, body = _kobo_rows(everyone, labels=False, validation=validation)
    write_csv(HERE / "kobo-reviewed.csv", header, body, delimiter=";", quoting=csv.QUOTE_ALL)


def odk(
    rows: list[dict[str, object]], name: str = "odk.csv", review: list[str] | None = None
) -> None:
    names = {q: name.replace("/", "-") for q, name in KOBO_NAMES.items()}
    names["Q4"] = "q4"  # a question outside any group
    header = ["SubmissionDate", "start", "end", "grp_thongtin-don_vi", "grp_thongtin-doi_tuong"]
    header += [names[q] for q in QUESTIONS]
    header += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
               "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]  # fmt: skip
    body = []
    for k, r in enumerate(rows):
        t: datetime = r["time"]  # type: ignore[assignment]
        instance = f"uuid:{r['uuid']}"
        line: list[object] = [
            (t + timedelta(minutes=7))
            .astimezone(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            t.isoformat(timespec="milliseconds"),
            (t + timedelta(minutes=6)).isoformat(timespec="milliseconds"),
            r["unit"],
            r["group"],
        ]
        for q in QUESTIONS:
            value = r[q]
            line.append(" ".join(c.lower() for c in value) if q == "Q3" else str(value).lower())  # type: ignore[union-attr]
        line += [
            instance,
            instance,
            7,
            "dieutravien01",
            0,
            0,
            "",
            review[k] if review else "",
            "collect:Xk2p",
            0,
            "2023111501",
        ]
        body.append(line)
    write_csv(HERE / name, header, body)


def odk_reviewed(rows: list[dict[str, object]]) -> None:
    everyone, left_out = reviewed(rows)
    scored = ("", "approved", "hasIssues", "edited")
    odk(
        everyone,
        "odk-reviewed.csv",
        ["rejected" if out else scored[k % 4] for k, out in enumerate(left_out)],
    )


def limesurvey(
    rows: list[dict[str, object]],
    name: str = "limesurvey.csv",
    incomplete: list[bool] | None = None,
) -> None:
    unit_codes = {"TC": "A1", "TH": "A2", "TL": "A3", "TX": "A4"}
    group_codes = {"dan": "A1", "canbo": "A2"}
    answer_codes = {c: f"A{k}" for k, c in enumerate("ABCDE", start=1)}
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
              "DONVI", "DOITUONG", "DG[SQ001]", "DG[SQ002]"]  # fmt: skip
    header += [f"HOTRO[SQ00{k}]" for k in range(1, 6)]
    header += ["Q4", "Q5", "Q6"]
    body = []
    for k, r in enumerate(rows, start=1):
        t: datetime = r["time"]  # type: ignore[assignment]
        done = (t + timedelta(minutes=6)).strftime("%Y-%m-%d %H:%M:%S")
        line: list[object] = [
            k,
            done,
            4,
            "vi",
            1000 + 37 * k,
            t.strftime("%Y-%m-%d %H:%M:%S"),
            done,
        ]
        line += [unit_codes[r["unit"]], group_codes[r["group"]]]  # type: ignore[index]
        line += [answer_codes.get(r[q], "") for q in ("Q1", "Q2")]  # type: ignore[call-overload]
        chosen: list[str] = r["Q3"]  # type: ignore[assignment]
        line += ["Y" if c in chosen else "" for c in "ABCDE"]
        line += [answer_codes.get(r[q], "") for q in ("Q4", "Q5", "Q6")]  # type: ignore[call-overload]
        if incomplete and incomplete[k - 1]:  # left at page 2: not submitted, no last answers
            line[1], line[2], line[6] = "", 2, t.strftime("%Y-%m-%d %H:%M:%S")
            line[-3:] = ["", "", ""]
        body.append(line)
    write_csv(HERE / name, header, body, quoting=csv.QUOTE_ALL)


def limesurvey_incomplete(rows: list[dict[str, object]]) -> None:
    everyone, left_out = reviewed(rows)
    limesurvey(everyone, "limesurvey-incomplete.csv", left_out)


def googleforms(rows: list[dict[str, object]]) -> None:
    header = ["Dấu thời gian", "Xã/phường nơi ông/bà sinh sống", "Ông/bà thuộc đối tượng nào?"]
    header += [TEXTS[q] for q in QUESTIONS]
    body = []
    for r in rows:
        t: datetime = r["time"]  # type: ignore[assignment]
        line: list[object] = [
            f"{t.day}/{t.month}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}",
            UNITS[r["unit"]],  # type: ignore[index]
            GROUPS[r["group"]],  # type: ignore[index]
        ]
        for q in QUESTIONS:
            value = r[q]
            if q == "Q3":
                line.append(", ".join(SUPPORT[c] for c in value))  # type: ignore[union-attr]
            else:
                line.append(LABELS[q][value] if value else "")  # type: ignore[index]
        body.append(line)
    write_csv(HERE / "googleforms.csv", header, body)


def main() -> None:
    rows = underlying()
    plain(rows)
    kobo(rows)
    odk(rows)
    limesurvey(rows)
    googleforms(rows)
    odk_reviewed(rows)
    kobo_reviewed(rows)
    limesurvey_incomplete(rows)


if __name__ == "__main__":
    main()
