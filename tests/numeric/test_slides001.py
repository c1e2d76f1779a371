"""Tests of numeric/slides001.py and numeric/intervals.py (float64 mirrors, interval bounds)."""

from fractions import Fraction

import mpmath
import numpy as np
from hypothesis import given, strategies as st

from exact.slides001 import canonical_form1, data_rows, handcrafted_decoder, linear_codes, random_form1
from numeric.intervals import (sigmoid_decoder_mse_interval, sigmoid_interval, sigmoid_staircase_mse_interval,
                               sigmoid_tail_interval, slope_for_eps)
from numeric.slides001 import float_handcrafted, float_matrix, float_reconstruction_scan, rank_scan


def test_canonical_float_is_exact():
    # integer data: float64 agrees exactly with the exact construction
    for n in (1, 5, 30):
        r = float_handcrafted(linear_codes(n), canonical_form1(n), n)
        assert r["exact_equal"] and r["max_abs_error"] == 0.0


@given(st.integers(1, 12), st.integers(0, 10 ** 6))
def test_float_mirror_close_to_exact(n, seed):
    U = random_form1(n, seed=seed)
    exact = handcrafted_decoder(linear_codes(n), U, n)
    r = float_handcrafted(linear_codes(n), U, n)
    assert r["max_abs_error"] < 1e-9
    Wf = np.linalg.solve(float_matrix(exact.A2.rows()[:n]), float_matrix(U[:n]))
    assert np.allclose(Wf.T, float_matrix(exact.W3.rows()), atol=1e-9)


def test_scans_report_findings():
    rows = float_reconstruction_scan(range(1, 8), "random")
    assert any(not r["exact_equal"] for r in rows)          # rounding of rational U3 is a finding
    ranks = rank_scan([10, 60], "geometric")
    assert ranks[0]["numpy_rank"] == ranks[0]["exact_rank"] == 10
    assert ranks[1]["exact_rank"] == 60 and ranks[1]["numpy_rank"] < 60   # numpy underestimates


def test_sigmoid_intervals_contain_float_values():
    for u in ("-7/2", "0", "3", "41/3"):
        v = sigmoid_interval(u)
        f = 1 / (1 + np.exp(-float(Fraction(u))))
        assert float(v.a) <= f * (1 + 1e-15) and f * (1 - 1e-15) <= float(v.b)


def test_staircase_mse_matches_direct_sum():
    n, a = 4, 12
    W = [-a] * n
    b = [Fraction(a * (2 * j + 1), 2) for j in range(1, n + 1)]
    targets = [[int(v) for v in r] for r in data_rows(n)]
    lo1, hi1 = sigmoid_staircase_mse_interval(n, a)
    lo2, hi2 = sigmoid_decoder_mse_interval(W, b, linear_codes(n), targets)
    assert float(lo1) <= float(hi2) and float(lo2) <= float(hi1)


def test_slope_for_eps_is_minimal_even():
    a = slope_for_eps(Fraction(1, 10 ** 5))
    assert a == 12
    lo, hi = sigmoid_tail_interval(a - 2)
    assert float(lo) ** 2 >= 1e-5          # the previous even slope does not certify
