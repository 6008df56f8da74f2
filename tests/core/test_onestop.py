"""One-stop statistics (issue 15): the Biểu II.06a figures and the 766 rates of a period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.onestop import (
    DONE,
    IN_PROGRESS,
    NO_RESULT,
    RETURNED,
    WAITING,
    Counts,
    Register,
    by_period,
    carry_over_problem,
    statistics,
)

EPOCH = dt.date(1970, 1, 1)


def day(text: str) -> int:
    d, m, y = (int(p) for p in text.split("/"))
    return (dt.date(y, m, d) - EPOCH).days


def register(rows: list[tuple[str, int, str, str, str | None, int, bool]]) -> Register:
    """(unit, channel, received, due, finished, status, apology) rows."""
    units = tuple(dict.fromkeys(r[0] for r in rows))
    return Register(
        unit=np.array([units.index(r[0]) for r in rows], dtype=np.int32),
        channel=np.array([r[1] for r in rows], dtype=np.int8),
        received=np.array([day(r[2]) for r in rows], dtype=np.int32),
        due=np.array([day(r[3]) for r in rows], dtype=np.int32),
        finished=np.array([day(r[4]) if r[4] else NO_RESULT for r in rows], dtype=np.int32),
        status=np.array([r[5] for r in rows], dtype=np.int8),
        apology=np.array([r[6] for r in rows], dtype=np.bool_),
        units=units,
    )


def test_a_commune_s_half_year_in_the_form_s_columns():
    reg = register(
        [
            ("XA", 1, "20/12/2022", "05/01/2023", "04/01/2023", DONE, False),  # carried, early
            ("XA", 2, "03/01/2023", "10/01/2023", "10/01/2023", DONE, False),  # on time
            ("XA", 2, "03/01/2023", "04/01/2023", "06/01/2023", DONE, True),  # late, apology
            ("XA", 1, "10/02/2023", "11/02/2023", "12/02/2023", DONE, False),  # late, none
            ("XA", 3, "10/02/2023", "11/02/2023", "20/02/2023", RETURNED, False),  # on time
            ("XA", 1, "28/06/2023", "05/07/2023", None, IN_PROGRESS, False),  # within
            ("XA", 1, "10/06/2023", "11/06/2023", None, IN_PROGRESS, False),  # overdue
            ("XA", 1, "10/03/2023", "11/03/2023", None, WAITING, False),  # within: waiting
            ("XA", 1, "01/07/2023", "05/07/2023", None, IN_PROGRESS, False),  # next period
            ("XA", 1, "01/12/2022", "05/12/2022", "20/12/2022", DONE, False),  # before
        ]
    )
    stats = statistics(reg, {"XA": "xã"}, day("01/01/2023"), day("30/06/2023"))
    (unit,) = stats.units
    c = unit.counts
    assert (c.received, c.online, c.direct_postal, c.carried_over) == (8, 2, 5, 1)
    assert (c.resolved, c.early, c.on_time, c.late) == (5, 1, 2, 2)
    assert (c.in_progress, c.within, c.overdue) == (3, 2, 1)
    assert c.late_without_apology == 1
    assert c.on_time_rate == Decimal("62.50")  # (1 + 2 + 2) / 8
    assert c.online_rate == Decimal("28.57")  # 2 / 7, half-up
    assert stats.problems() == []


def test_nothing_received_has_no_rate_not_zero():
    c = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert c.on_time_rate is None and c.online_rate is None


def test_the_form_s_identities_are_checked():
    broken = Counts(carried_over=5, online=1, direct_postal=1, early=1, on_time=1, late=1,
                    within=0, overdue=0, late_without_apology=2)  # fmt: skip
    problems = broken.problems()
    assert len(problems) == 2 and "tổng tiếp nhận 7" in problems[0]


rows = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from([1, 2, 3]),
        st.integers(0, 120),  # received, days after 1/1/2023
        st.integers(0, 20),  # legal days
        st.one_of(st.none(), st.integers(0, 40)),  # days to the result
        st.sampled_from([DONE, RETURNED, WAITING]),
        st.booleans(),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_every_month_adds_up_and_carries_over_what_the_last_left(drawn):
    base = day("01/01/2023")
    reg = Register(
        unit=np.array(["ABC".index(r[0]) for r in drawn], dtype=np.int32),
        channel=np.array([r[1] for r in drawn], dtype=np.int8),
        received=np.array([base + r[2] for r in drawn], dtype=np.int32),
        due=np.array([base + r[2] + r[3] for r in drawn], dtype=np.int32),
        finished=np.array(
            [NO_RESULT if r[4] is None else base + r[2] + r[4] for r in drawn], dtype=np.int32
        ),
        status=np.array([IN_PROGRESS if r[4] is None else r[5] for r in drawn], dtype=np.int8),
        apology=np.array([r[6] for r in drawn], dtype=np.bool_),
        units=("A", "B", "C"),
    )
    months = [(base + 30 * k, base + 30 * k + 29) for k in range(6)]
    table = by_period(reg, months)
    for k, month in enumerate(table):
        for u, c in enumerate(month):
            assert c.problems() == []
            if k:
                assert carry_over_problem(table[k - 1][u], c, "A") is None
    everything = statistics(reg, {"A": "xã", "B": "xã", "C": "tỉnh"}, base, base + 1000)
    assert everything.total.received == len(drawn) and everything.total.carried_over == 0
