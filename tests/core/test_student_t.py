"""The pure-Python Student t quantile against published table values."""

from __future__ import annotations

import math

import pytest

from parindex.core.student_t import betainc, t_cdf, t_quantile

# (p, df, t) from standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
TABLE = [
    (0.975, 1, 12.7062),
    (0.975, 2, 4.3027),
    (0.975, 5, 2.5706),
    (0.975, 7, 2.3646),
    (0.975, 10, 2.2281),
    (0.975, 29, 2.0452),
    (0.975, 30, 2.0423),
    (0.975, 100, 1.9840),
    (0.95, 1, 6.3138),
    (0.95, 20, 1.7247),
    (0.99, 4, 3.7469),
    (0.995, 15, 2.9467),
    (0.9995, 3, 12.9240),
    (0.90, 60, 1.2958),
]


@pytest.mark.parametrize(("p", "df", "expected"), TABLE)
def test_table_values(p: float, df: float, expected: float) -> None:
    assert round(t_quantile(p, df), 4) == pytest.approx(expected, abs=1e-4)
    assert round(t_quantile(1 - p, df), 4) == pytest.approx(-expected, abs=1e-4)


@pytest.mark.parametrize("df", [0.5, 1.0, 2.5, 7.0, 49.0, 1e4])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.999])
def test_quantile_inverts_cdf(p: float, df: float) -> None:
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-10)


def test_cauchy_closed_form() -> None:
    # df = 1 is the Cauchy distribution: t(p) = tan(pi (p - 1/2))
    for p in (0.55, 0.8, 0.975):
        assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-9)


def test_df2_closed_form() -> None:
    # df = 2: t(p) = (2p - 1) / sqrt(2 p (1 - p))
    for p in (0.7, 0.975, 0.99):
        assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-9)


def test_betainc_symmetry() -> None:
    assert betainc(2.5, 1.5, 0.3) == pytest.approx(1 - betainc(1.5, 2.5, 0.7), abs=1e-12)


@pytest.mark.parametrize(("p", "df"), [(0.0, 3), (1.0, 3), (0.5, 0), (0.5, -1)])
def test_rejects_bad_arguments(p: float, df: float) -> None:
    with pytest.raises(ValueError):
        t_quantile(p, df)
