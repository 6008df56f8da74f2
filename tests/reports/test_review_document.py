"""The periodic PAR report's document (issue 15) from hand-built inputs: its periods, the plan
without headings, the inputs' readers (extra keys kept out, problems located)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from parindex.core.deadlines import parse_deadline
from parindex.core.plans import DONE, IN_PROGRESS, NOT_DONE, PlanStatus, Task, TaskStatus
from parindex.core.problems import InputError
from parindex.core.review import (
    IndicatorResult,
    IndicatorTable,
    PlanInput,
    ReviewPeriod,
)
from parindex.io.review_inputs import parse_indicators, parse_onestop, parse_plan_status
from parindex.reports.letterhead import Letterhead
from parindex.reports.official import Heading, Para
from parindex.reports.review_document import ReviewInputs, area_name, review_document

HEAD = Letterhead(issuer="UBND TỈNH LAM SƠN\nSỞ NỘI VỤ", number="…/BC-SNV", place="Lam Sơn")


def task(tt: str, lead: str, deadline: str, status: str, heading: str = "") -> TaskStatus:
    done = dt.date(2026, 3, 1) if status == DONE else None
    return TaskStatus(
        Task(tt, heading, f"Nhiệm vụ {tt}", lead, "", "", parse_deadline(deadline)),
        status,
        "",
        done,
    )


def texts(inputs: ReviewInputs, period: ReviewPeriod | None = None) -> list[str]:
    doc = review_document(period or ReviewPeriod("6-thang", 2026), HEAD, inputs)
    return [b.text for b in doc.blocks if isinstance(b, Heading | Para)]


@pytest.mark.parametrize(
    ("kind", "label", "next_label", "end"),
    [
        ("6-thang", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", dt.date(2026, 6, 30)),
        ("9-thang", "9 tháng đầu năm 2026", "quý IV năm 2026", dt.date(2026, 9, 30)),
        ("nam", "năm 2026", "năm 2027", dt.date(2026, 12, 31)),
    ],
)
def test_each_kind_of_report_has_its_period_and_the_next(kind, label, next_label, end):
    period = ReviewPeriod(kind, 2026)
    assert (period.label, period.next_label, period.end) == (label, next_label, end)
    assert period.next_start == end + dt.timedelta(days=1)


def test_a_plan_without_headings_is_said_so_and_reported_per_lead_unit():
    status = PlanStatus(
        dt.date(2026, 6, 30),
        (
            task("1", "Sở Nội vụ", "Tháng 3/2026", DONE),
            task("2", "Sở Tư pháp", "Tháng 5/2026", NOT_DONE),
            task("3", "Sở Tư pháp", "Quý III/2026", IN_PROGRESS),
        ),
    )
    found = texts(ReviewInputs(plan=PlanInput(status, "")))
    assert any("không ghi nhiệm vụ thuộc lĩnh vực" in t for t in found)
    assert "Hoàn thành 1/1 nhiệm vụ." in found
    assert any(t.startswith("[Thực hiện Kế hoạch số") for t in found)  # no document given
    assert "- Nhiệm vụ 3 (Sở Tư pháp; thời hạn: Quý III/2026)." in found
    assert any("Nhiệm vụ 2 (Sở Tư pháp, thời hạn Tháng 5/2026)" in t for t in found)


def test_headings_become_the_areas_in_the_plan_s_order():
    status = PlanStatus(
        dt.date(2026, 6, 30),
        (
            task("1", "Sở Nội vụ", "Tháng 3/2026", DONE, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            task("2", "Sở Tư pháp", "Tháng 5/2026", DONE, "II. CẢI CÁCH THỂ CHẾ"),
        ),
    )
    found = texts(ReviewInputs(plan=PlanInput(status, "Quyết định số 1/QĐ-UBND")))
    assert "2. Công tác chỉ đạo, điều hành" in found and "3. Cải cách thể chế" in found
    assert area_name("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH") == "Cải cách thủ tục hành chính"


def test_without_any_input_every_figure_is_left_for_the_office():
    found = texts(ReviewInputs())
    drafts = [t for t in found if t.startswith("[")]
    assert len(drafts) >= 5
    numbered = [t for t in found if not t.startswith("[") and any(ch.isdigit() for ch in t)]
    assert all("2026" in t or t[:2] in {"1.", "2.", "3."} for t in numbered)


def test_an_indicator_without_a_value_is_unrated_not_zero():
    table = IndicatorTable(
        "",
        (
            IndicatorResult("A", "Chỉ tiêu A", "%", "≥ 80%", Decimal("85"), True, "Sở Nội vụ"),
            IndicatorResult("B", "Chỉ tiêu B", "%", "100%", None, None, "Sở Nội vụ"),
        ),
    )
    found = texts(ReviewInputs(indicators=table))
    assert any(t.startswith("Trong 2 chỉ tiêu theo dõi, có 1/2 chỉ tiêu đạt") for t in found)
    assert "Có 1 chỉ tiêu chưa có kết quả đánh giá: Chỉ tiêu B." in found


def test_the_readers_ignore_extra_keys_and_locate_every_problem():
    table = parse_indicators(
        {
            "period": "2026",
            "owner": "x",
            "indicators": [{"code": "A", "name": "A", "target": "1", "value": 1, "extra": 2}],
        }
    )
    assert table.indicators[0].value == Decimal(1) and table.indicators[0].attained is None
    with pytest.raises(InputError) as caught:
        parse_indicators({"indicators": [{"code": "A"}, {"code": "A", "name": "B", "target": "1"}]})
    messages = [str(p) for p in caught.value.problems]
    assert "chi-tieu.json, mục «indicators[1].name»: thiếu" in messages
    assert any("indicators[2].code" in m and "trùng" in m for m in messages)
    with pytest.raises(InputError) as caught:
        parse_plan_status({"as_of": "30/06/2026", "tasks": [{"tt": "1", "status": "Xong"}]})
    messages = [str(p) for p in caught.value.problems]
    assert any("«as_of»" in m and "không phải một ngày" in m for m in messages)
    assert any("«tasks[1].status»" in m and "Xong" in m for m in messages)


def test_a_one_stop_total_that_is_not_its_parts_is_refused():
    counts = {
        "received": {"total": 10, "online": 4, "direct_postal": 5, "carried_over": 0},
        "resolved": {"total": 9, "early": 5, "on_time": 3, "late": 1},
        "in_progress": {"total": 0, "within": 0, "overdue": 0},
        "late_without_apology": 0,
    }
    data = {"period": {"from": "2026-01-01", "to": "2026-06-30"}, "total": counts, "units": []}
    with pytest.raises(InputError) as caught:
        parse_onestop(data)
    messages = [str(p) for p in caught.value.problems]
    assert "thong-ke.json, mục «total.received.total»: khác tổng các thành phần của nó" in messages
