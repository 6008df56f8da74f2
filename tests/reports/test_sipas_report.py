"""SIPAS writers: the CSV table, chart-ready JSON and the Vietnamese paragraph."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import numpy as np

from parindex.core.questionnaire import parse_questionnaire
from parindex.core.sipas import SipasResult, compute_sipas
from parindex.core.survey import SurveyData
from parindex.reports.sipas import summary_vn, to_chart_json, to_csv

VALUES = {"A": 10_000, "B": 6_000, "C": 2_000, "D": 0, "E": -1}
ASPECTS = ["Tiếp cận dịch vụ", "Tiếp nhận, xử lý góp ý"]


def result_of(rows: list[tuple[str, str]], units: list[str]) -> SipasResult:
    q = parse_questionnaire(
        {
            "id": "sipas",
            "name": "SIPAS",
            "groups": [{"code": "dan", "name": "Người dân"}],
            "questions": [
                {"code": f"Q{i + 1}", "text": "?", "leaf": "8.1", "aspect": a}
                for i, a in enumerate(ASPECTS)
            ],
        }
    )
    data = SurveyData(
        q,
        tuple(units),
        np.array([units.index(u) for u, _ in rows], np.int64),
        np.zeros(len(rows), np.int64),
        np.array([[VALUES[c] for c in letters] for _, letters in rows], np.int32).reshape(
            len(rows), 2
        ),
    )
    return compute_sipas(q, data)


# X: Q1 A A A D → 3/4 = 75.00; Q2 A B C E → 2/3 = 66.67; overall 5/7 = 71.43
# Y: Q1 A A → 100; Q2 A D → 50; overall 3/4 = 75.00
# province-wide: Q1 5/6 = 83.33, Q2 3/5 = 60.00, overall 8/11 = 72.73
# Z: nothing valid
ROWS = [
    ("X", "AA"),
    ("X", "AB"),
    ("X", "AC"),
    ("X", "DE"),
    ("Y", "AA"),
    ("Y", "AD"),
    ("Z", "EE"),
]


def sample() -> SipasResult:
    return result_of(ROWS, ["X", "Y", "Z"])


def test_the_sample_figures():
    r = sample()
    assert [(u.unit, u.overall.percent) for u in r.units] == [
        ("Y", Decimal("75.00")),
        ("X", Decimal("71.43")),
        ("Z", None),
    ]
    assert r.overall.percent == Decimal("72.73")  # 8 of 11
    assert r.average == Decimal("73.22")  # (75 + 71.43) / 2 = 73.215 → 73.22


def test_csv_header_rows_and_dot_decimals():
    text = to_csv(sample())
    rows = list(csv.reader(io.StringIO(text)))
    level = "KTC 95%"
    assert rows == [
        [
            "Mã đơn vị",
            "Số phiếu",
            "Hài lòng chung (%)",
            f"Hài lòng chung – {level} cận dưới",
            f"Hài lòng chung – {level} cận trên",
            "Tiếp cận dịch vụ (%)",
            f"Tiếp cận dịch vụ – {level} cận dưới",
            f"Tiếp cận dịch vụ – {level} cận trên",
            "Tiếp nhận, xử lý góp ý (%)",
            f"Tiếp nhận, xử lý góp ý – {level} cận dưới",
            f"Tiếp nhận, xử lý góp ý – {level} cận trên",
        ],
        # Y's "Tiếp cận dịch vụ": both answers satisfied, zero variance → no interval
        ["Y", "2", "75.00", "0.00", "100.00", "100.00", "", "", "50.00", "0.00", "100.00"],
        [
            "X",
            "4",
            "71.43",
            "10.50",
            "100.00",
            "75.00",
            "0.00",
            "100.00",
            "66.67",
            "0.00",
            "100.00",
        ],
        ["Z", "1", "", "", "", "", "", "", "", "", ""],
    ]
    assert text.splitlines()[0].endswith('"Tiếp nhận, xử lý góp ý – KTC 95% cận trên"')
    assert text.encode("utf-8").decode("utf-8") == text
    assert "\r" not in text


def test_csv_totals_rows():
    rows = list(csv.reader(io.StringIO(to_csv(sample(), totals=True))))
    assert rows[-2] == [
        "Toàn tỉnh",
        "7",
        "72.73",
        "30.71",
        "100.00",
        "83.33",
        "37.06",
        "100.00",
        "60.00",
        "0.00",
        "100.00",
    ]
    assert rows[-1] == [
        "Bình quân các đơn vị",
        "",
        "73.22",
        "",
        "",
        "87.50",
        "",
        "",
        "58.34",
        "",
        "",
    ]


def test_chart_json_shape():
    chart = to_chart_json(sample())
    assert chart == {
        "title": "Chỉ số hài lòng về sự phục vụ hành chính",
        "unit": "%",
        "categories": ["Y", "X", "Z"],
        "series": [
            {
                "name": "Chung",
                "data": [75.0, 71.43, None],
                "intervals": [[0.0, 100.0], [10.5, 100.0], None],
            },
            {
                "name": "Tiếp cận dịch vụ",
                "data": [100.0, 75.0, None],
                "intervals": [None, [0.0, 100.0], None],
            },
            {
                "name": "Tiếp nhận, xử lý góp ý",
                "data": [50.0, 66.67, None],
                "intervals": [[0.0, 100.0], [0.0, 100.0], None],
            },
        ],
        "average": 73.22,
        "overall": 72.73,
        "overall_interval": [30.71, 100.0],
        "model": "2017",
        "confidence": 0.95,
        "interval_label": "khoảng tin cậy 95%",
    }
    assert json.loads(json.dumps(chart, ensure_ascii=False)) == chart
    assert to_chart_json(sample(), period="2024")["title"].endswith("năm 2024")


def test_summary_paragraph_in_vietnamese_style():
    text = summary_vn(sample(), "2024", names={"X": "UBND xã X", "Y": "UBND xã Y"})
    assert text == (
        "Năm 2024, chỉ số hài lòng chung của người dân, tổ chức đối với sự phục vụ của cơ quan "
        "hành chính đạt 72,73% (khoảng tin cậy 95%: 30,71–100,00); cao nhất là UBND xã Y "
        "(75,00%), thấp nhất là UBND xã X (71,43%). "
        "Kết quả được tính trên 11 câu trả lời hợp lệ của 7 phiếu khảo sát; chỉ số bình quân "
        "của 2 đơn vị đạt 73,22%. "
        "Xét theo từng yếu tố, mức độ hài lòng về “Tiếp cận dịch vụ” đạt 83,33%, "
        "về “Tiếp nhận, xử lý góp ý” đạt 60,00%; cao nhất là “Tiếp cận dịch vụ”, "
        "thấp nhất là “Tiếp nhận, xử lý góp ý”. "
        "Chỉ số được tính theo mô hình năm yếu tố của Quyết định số 2640/QĐ-BNV ngày "
        "10/10/2017; câu trả lời được coi là hài lòng khi đạt phương án «B» trở lên; "
        "khoảng tin cậy 95% được tính theo phương pháp tuyến tính hóa (Taylor), không xác định "
        "khi đơn vị có dưới hai người trả lời (hoặc cụm) hợp lệ hay khi mọi câu trả lời như nhau. "
        "Đơn vị Z chưa có câu trả lời hợp lệ."
    )
    assert "\n" not in text


def test_summary_names_tied_units_together_and_uses_thousands_dots():
    rows = [("X", "AA"), ("Y", "AA"), ("W", "DD")] + [("W", "AA")] * 1200
    text = summary_vn(result_of(rows, ["W", "X", "Y"]), "2023")
    assert "cao nhất là X và Y (100,00%), thấp nhất là W (99,92%)" in text
    assert "2.406 câu trả lời hợp lệ của 1.203 phiếu" in text


def test_summary_when_all_units_are_equal_or_alone():
    equal = summary_vn(result_of([("X", "AA"), ("Y", "AA")], ["X", "Y"]), "2024")
    assert "các đơn vị đều đạt 100,00%" in equal
    assert "cao nhất" not in equal.split(".")[0]
    alone = summary_vn(result_of([("X", "AD")], ["X"]), "2024")
    assert alone.startswith("Năm 2024, chỉ số hài lòng chung") and "đạt 50,00%." in alone
    assert "bình quân" not in alone


def test_summary_without_any_valid_answer():
    text = summary_vn(result_of([("X", "EE")], ["X"]), "2024")
    assert text == (
        "Năm 2024, chưa có câu trả lời hợp lệ để xác định chỉ số hài lòng chung của người dân, "
        "tổ chức đối với sự phục vụ của cơ quan hành chính."
    )


# --- model 1001: components in the table, the method and each interval's level in prose ----


def result_1001(weight: list[int] | None = None) -> SipasResult:
    q = parse_questionnaire(
        {
            "id": "sipas",
            "name": "SIPAS",
            "groups": [{"code": "dan", "name": "Người dân"}],
            "questions": [
                {"code": "P1", "text": "?", "leaf": "8.1", "aspect": "Chính sách y tế"},
                {"code": "S1", "text": "?", "leaf": "8.1", "aspect": "Tiếp cận dịch vụ"},
            ],
            "sipas": {
                "model": "1001",
                "components": [
                    {
                        "code": "cs",
                        "name": "Sự hài lòng về chính sách công",
                        "aspects": ["Chính sách y tế"],
                    },
                    {
                        "code": "dv",
                        "name": "Sự hài lòng về cung ứng dịch vụ hành chính công",
                        "aspects": ["Tiếp cận dịch vụ"],
                    },
                ],
                "index": {"weights": {"cs": 1, "dv": 2}},
            },
        }
    )
    letters = ["AA", "AD", "BB", "DA", "CB", "AA"]
    data = SurveyData(
        q,
        ("X",),
        np.zeros(6, np.int64),
        np.zeros(6, np.int64),
        np.array([[VALUES[c] for c in r] for r in letters], np.int32),
        weight=None if weight is None else np.array(weight, np.int64),
    )
    return compute_sipas(q, data)


def test_model_1001_table_has_components_before_aspects():
    rows = list(csv.reader(io.StringIO(to_csv(result_1001(), totals=True))))
    names = [h for h in rows[0] if h.endswith("(%)")]
    assert names == [
        "Hài lòng chung (%)",
        "Sự hài lòng về chính sách công (%)",
        "Sự hài lòng về cung ứng dịch vụ hành chính công (%)",
        "Chính sách y tế (%)",
        "Tiếp cận dịch vụ (%)",
    ]
    x = dict(zip(rows[0], rows[1], strict=True))
    # P1 A A B D C A → 4/6; S1 A D B A B A → 5/6; index (4/6 + 2 · 5/6) / 3 = 14/18
    assert x["Sự hài lòng về chính sách công (%)"] == "66.67"
    assert x["Sự hài lòng về cung ứng dịch vụ hành chính công (%)"] == "83.33"
    assert x["Hài lòng chung (%)"] == "77.78"
    low, high = x["Hài lòng chung – KTC 95% cận dưới"], x["Hài lòng chung – KTC 95% cận trên"]
    assert Decimal(low) < Decimal("77.78") < Decimal(high)


def test_model_1001_summary_names_method_weights_and_every_interval_level():
    text = summary_vn(result_1001(weight=[1, 1, 2, 2, 1, 1]), "2024")
    assert "Năm 2024, chỉ số hài lòng chung" in text and "(khoảng tin cậy 95%: " in text
    assert "Theo từng nội dung đo lường, sự hài lòng về chính sách công đạt " in text
    # one level per interval printed: the index and the two components
    assert text.count("(khoảng tin cậy 95%: ") == 3
    assert "theo phương pháp của Quyết định số 1001/QĐ-BNV ngày 11/12/2023" in text
    assert (
        "chỉ số chung là bình quân gia quyền của Sự hài lòng về chính sách công (1) và "
        "Sự hài lòng về cung ứng dịch vụ hành chính công (2)"
    ) in text
    assert "có áp dụng trọng số thiết kế của từng phiếu" in text
    assert "phương án «B» trở lên" in text
