"""Deadlines as plans write them, and a task's status as of a date (the four national values)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parindex.core.deadlines import Deadline, DeadlineError, parse_deadline
from parindex.core.plans import (
    DONE,
    DONE_LATE,
    IN_PROGRESS,
    NOT_DONE,
    STATUSES,
    Counts,
    Progress,
    Task,
    plan_status,
    status_of,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [
        ("30/6/2026", "date", D(2026, 6, 30)),
        ("30/06/2026", "date", D(2026, 6, 30)),
        ("Trước ngày 15/3/2026", "date", D(2026, 3, 15)),
        ("Tháng 12/2026", "month", D(2026, 12, 31)),
        ("tháng 2/2028", "month", D(2028, 2, 29)),
        ("Tháng 2 năm 2026", "month", D(2026, 2, 28)),
        ("Quý II/2026", "quarter", D(2026, 6, 30)),
        ("quý iv/2026", "quarter", D(2026, 12, 31)),
        ("Quý 1/2026", "quarter", D(2026, 3, 31)),
        ("Quý III năm 2026", "quarter", D(2026, 9, 30)),
        ("6 tháng đầu năm 2026", "half", D(2026, 6, 30)),
        ("06 tháng cuối năm 2026", "half", D(2026, 12, 31)),
        ("Năm 2026", "year", D(2026, 12, 31)),
        ("Năm 2026-2030", "span", D(2030, 12, 31)),
        ("2026 - 2030", "span", D(2030, 12, 31)),
        ("Giai đoạn 2026–2030", "span", D(2030, 12, 31)),
        ("  QUÝ   II / 2026 ", "quarter", D(2026, 6, 30)),
    ],
)
def test_each_form_ends_on_the_last_day_of_its_period(text: str, kind: str, end: dt.date) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.end) == (kind, end)


@pytest.mark.parametrize("text", ["Thường xuyên", "thường  xuyên", "THƯỜNG XUYÊN"])
def test_ongoing_has_no_deadline_and_never_passes(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind == "ongoing" and deadline.end is None
    assert not deadline.passed(D(2099, 1, 1))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Sớm",
        "Quý V/2026",
        "Quý 5/2026",
        "Tháng 13/2026",
        "31/2/2026",
        "Năm 2030-2026",
        "Cuối năm",
        "Hằng tháng",
        "6 tháng giữa năm 2026",
    ],
)
def test_anything_else_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert str(caught.value)  # a Vietnamese reason, never a guess


def test_the_reason_names_the_text_and_the_forms() -> None:
    with pytest.raises(DeadlineError, match=r"«Cuối năm».*Quý II/2026"):
        parse_deadline("Cuối năm")


QUARTER = parse_deadline("Quý II/2026")
ONGOING = parse_deadline("Thường xuyên")


@pytest.mark.parametrize(
    ("deadline", "completed", "as_of", "status"),
    [
        (QUARTER, D(2026, 6, 30), D(2026, 7, 1), DONE),
        (QUARTER, D(2026, 7, 1), D(2026, 7, 2), DONE_LATE),
        (QUARTER, None, D(2026, 6, 30), IN_PROGRESS),  # the last day is not passed yet
        (QUARTER, None, D(2026, 7, 1), NOT_DONE),
        (QUARTER, D(2026, 7, 10), D(2026, 7, 1), NOT_DONE),  # completed after the as-of date
        (QUARTER, D(2026, 6, 10), D(2026, 6, 1), IN_PROGRESS),
        (ONGOING, None, D(2030, 1, 1), IN_PROGRESS),
        (ONGOING, D(2026, 3, 1), D(2026, 6, 30), DONE),
    ],
)
def test_status_as_of_a_date(
    deadline: Deadline, completed: dt.date | None, as_of: dt.date, status: str
) -> None:
    assert status_of(deadline, completed, as_of) == status


def _task(tt: str, deadline: str, lead: str = "Sở Nội vụ") -> Task:
    return Task(tt, "I. CẢI CÁCH THỂ CHẾ", f"Nhiệm vụ {tt}", lead, "", "", parse_deadline(deadline))


def test_plan_status_takes_the_reports_known_on_the_as_of_date() -> None:
    tasks = [_task("1", "Quý I/2026"), _task("2", "Tháng 5/2026", "Sở Tư pháp")]
    progress = [
        Progress("1", D(2026, 3, 1), "Đang dự thảo", None, 2),
        Progress("1", D(2026, 4, 10), "Đã ban hành", D(2026, 4, 10), 3),
        Progress("2", D(2026, 7, 5), "Đã hoàn thành", D(2026, 7, 5), 4),
    ]
    early = plan_status(tasks, progress, D(2026, 3, 15))
    assert [(s.status, s.result) for s in early.tasks] == [
        (IN_PROGRESS, "Đang dự thảo"),
        (IN_PROGRESS, ""),
    ]
    late = plan_status(tasks, progress, D(2026, 6, 30))
    assert [(s.status, s.result) for s in late.tasks] == [
        (DONE_LATE, "Đã ban hành"),
        (NOT_DONE, ""),
    ]
    assert [s.task.tt for s in late.overdue()] == ["2"]
    assert [(lead, c.total) for lead, _, c in late.by_lead()] == [
        ("Sở Nội vụ", 1),
        ("Sở Tư pháp", 1),
    ]


def test_counts_word_the_completed_tasks_as_reports_do() -> None:
    counts = Counts(((DONE, 104), (DONE_LATE, 2), (IN_PROGRESS, 2), (NOT_DONE, 1)))
    assert counts.summary() == (
        "hoàn thành 106/109 nhiệm vụ (có 2 nhiệm vụ hoàn thành quá hạn); "
        "2 nhiệm vụ đang thực hiện; 1 nhiệm vụ quá hạn chưa hoàn thành"
    )
    assert Counts(((DONE, 2358), (DONE_LATE, 0), (IN_PROGRESS, 0), (NOT_DONE, 0))).summary() == (
        "hoàn thành 2.358/2.358 nhiệm vụ"
    )


DEADLINES = st.sampled_from(
    ["Thường xuyên", "Quý I/2026", "Tháng 5/2026", "30/6/2026", "Năm 2026", "2026 - 2027"]
)
DAYS = st.dates(min_value=D(2025, 12, 1), max_value=D(2028, 1, 31))


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[Task], list[Progress]]:
    count = draw(st.integers(min_value=0, max_value=12))
    tasks = [_task(str(i), draw(DEADLINES), draw(st.sampled_from("AB"))) for i in range(count)]
    progress = [
        Progress(
            str(draw(st.integers(0, max(count - 1, 0)))),
            draw(st.none() | DAYS),
            draw(st.sampled_from(["", "Đang làm", "Xong"])),
            draw(st.none() | DAYS),
        )
        for _ in range(draw(st.integers(0, 20)))
    ]
    return tasks, progress


@given(plans(), DAYS)
def test_the_four_counts_sum_to_the_tasks(
    plan: tuple[list[Task], list[Progress]], as_of: dt.date
) -> None:
    tasks, progress = plan
    status = plan_status(tasks, progress, as_of)
    counts = status.counts
    assert counts.total == len(tasks)
    assert sum(c.total for _, _, c in status.by_lead()) == len(tasks)
    assert {s.status for s in status.tasks} <= set(STATUSES)


@given(plans(), DAYS, st.integers(min_value=0, max_value=800))
def test_a_later_as_of_never_reopens_a_task(
    plan: tuple[list[Task], list[Progress]], as_of: dt.date, days: int
) -> None:
    tasks, progress = plan
    before = plan_status(tasks, progress, as_of)
    after = plan_status(tasks, progress, as_of + dt.timedelta(days=days))
    for earlier, later in zip(before.tasks, after.tasks, strict=True):
        if earlier.done:
            assert later.status == earlier.status  # done on time stays on time, late stays late
        if earlier.status == NOT_DONE:
            assert later.status in (NOT_DONE, DONE_LATE)


@given(DAYS, st.none() | DAYS)
def test_an_ongoing_task_is_never_overdue(as_of: dt.date, completed: dt.date | None) -> None:
    assert status_of(ONGOING, completed, as_of) in (DONE, IN_PROGRESS)
