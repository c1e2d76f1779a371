"""Rigorous interval bounds (mpmath's interval arithmetic) for claims with transcendental functions.

001-P1: the sigmoid g(u) = e^u / (1 + e^u) one-layer decoder with the linear code z(i) = i.
Every value here is an mpmath interval ``[lo, hi]`` guaranteed to contain the true real number;
a bound is certified when the interval's upper end is below the target.  Inputs are exact
rationals (ints, Fractions or "p/q" strings), converted to intervals without rounding error
(each end rounded outward).

>>> lo, hi = sigmoid_tail_interval(12)        # sigma(-a/2) for a = 12, i.e. 1/(1 + e^6)
>>> 0.00247 < float(lo) <= float(hi) < 0.00248
True
>>> mse = sigmoid_staircase_mse_interval(3, 12)
>>> float(mse[1]) < 1e-5
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import mpmath
from mpmath import iv

from exact.scalar import to_rational

__all__ = ["q_interval", "sigmoid_interval", "sigmoid_tail_interval", "sigmoid_staircase_mse_interval",
           "sigmoid_decoder_mse_interval", "slope_for_eps"]

iv.dps = 30


def q_interval(value: Any):
    """An interval containing the rational exactly (p and q are exact at this precision, the quotient outward-rounded)."""
    q = to_rational(value)
    return iv.mpf(q.numerator) / iv.mpf(q.denominator)


def sigmoid_interval(u: Any):
    """An interval containing g(u) = 1 / (1 + e^{-u}) for a rational u."""
    x = q_interval(u)
    return 1 / (1 + iv.exp(-x))


def sigmoid_tail_interval(slope: Any) -> tuple:
    """sigma(-a/2) = 1/(1 + e^{a/2}): the largest per-entry error of the staircase decoder."""
    a = to_rational(slope)
    v = sigmoid_interval(-a / 2)
    return v.a, v.b


def _err(u: Fraction, target: int):
    s = sigmoid_interval(u) if target == 0 else sigmoid_interval(-u)  # 1 - sigma(u) = sigma(-u)
    return s * s


def sigmoid_staircase_mse_interval(n: int, slope: Any) -> tuple:
    """MSE of the decoder y_j(z) = sigma(a (j + 1/2 - z)) on z(i) = i against X (C = 1), as (lo, hi).

    Entry (i, j) has u = a (d + 1/2) with d = j - i; target 1 iff d >= 0.  Entries are grouped by d:
    n - d of them for d = 0..n-1 and n + 1 + d for d = -n..-1.
    """
    a = to_rational(slope)
    total = iv.mpf(0)
    for d in range(-n, n):
        count = n - d if d >= 0 else n + 1 + d
        total += count * _err(a * (d + Fraction(1, 2)), 1 if d >= 0 else 0)
    m = total / (n * (n + 1))
    return m.a, m.b


def sigmoid_decoder_mse_interval(W: Sequence[Any], b: Sequence[Any], codes: Sequence[Any],
                                 targets: Sequence[Sequence[int]]) -> tuple:
    """MSE of y_j(z) = sigma(W_j z + b_j) on the codes against 0/1 targets, as (lo, hi)."""
    w = [to_rational(v) for v in W]
    bb = [to_rational(v) for v in b]
    total = iv.mpf(0)
    count = 0
    for z, row in zip(codes, targets):
        zq = to_rational(z)
        for wj, bj, x in zip(w, bb, row):
            total += _err(wj * zq + bj, int(x))
            count += 1
    m = total / count
    return m.a, m.b


def slope_for_eps(eps: Any) -> int:
    """The smallest even integer a with sigma(-a/2)^2 < eps, certified with intervals."""
    e = q_interval(eps)
    a = 2
    while True:
        v = sigmoid_interval(Fraction(-a, 2))
        if (v * v).b < e.a:
            return a
        a += 2
