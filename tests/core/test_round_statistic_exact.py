"""``round_statistic`` in plain integers rounds every float as the Fraction version did (#17)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from parindex.core.numbers import round_half_up, round_statistic


def _by_fractions(value: float, places: int = 2):
    return round_half_up(Fraction(round(value, 9)).limit_denominator(10**9), places)


def test_the_same_rounding_as_the_fraction_version():
    rng = np.random.default_rng(17)
    values = [
        *rng.uniform(-100, 100, 20_000).tolist(),
        *(rng.integers(0, 100_000, 5_000) / 1000 + 0.0005).tolist(),  # ties at three decimals
        *(rng.integers(0, 10_000, 5_000) / 200).tolist(),  # ties at the rounding place
        *(np.arange(0, 100, 0.005) + 1e-12).tolist(),
        # within a few billionths of a rounding boundary: both sides of the short cut
        *[
            k / 200 + offset
            for k in range(1, 20_001, 7)
            for offset in (-7e-10, -5e-10, -3e-10, 3e-10, 5e-10, 7e-10, 2e-9)
        ],
        82.12499999999999,
        0.1 + 0.2,
        0.0,
        -0.0,
        1e-10,
        -1e-10,
        123456.789,
    ]
    for value in values:
        for places in (0, 2, 4):
            assert round_statistic(value, places) == _by_fractions(value, places), value
            assert str(round_statistic(value, places)) == str(_by_fractions(value, places))
