"""Step-function datasets (000, Definition 2.2; 001's data matrix X).

A step function of dimension n with parameter theta in {0, ..., n} is
``x(j) = C for j <= theta, else 0`` (j = 1..n).  theta = 0 is the zero signal.

>>> step_function(4, 2)
(Fraction(1, 1), Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
>>> [sum(x) for x in step_functions(3)]
[Fraction(0, 1), Fraction(1, 1), Fraction(2, 1), Fraction(3, 1)]
>>> step_function_batch(3, [0, 2], amplitude=5).num.tolist()
[[0, 0, 0], [5, 5, 0]]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np

from .errors import InvalidArgument
from .evaluate import RationalBatch
from .scalar import to_rational

__all__ = ["step_function", "step_functions", "step_function_batch", "thetas"]


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InvalidArgument(f"the dimension n must be a positive integer, got {n!r}")
    return int(n)


def thetas(n: int, include_zero: bool = True) -> range:
    """The step parameters: 0..n, or 1..n without the zero signal."""
    n = _check_n(n)
    return range(0 if include_zero else 1, n + 1)


def step_function(n: int, theta: int, amplitude: Any = 1) -> tuple[Fraction, ...]:
    """The step function x(j) = C for j <= theta (1-based), else 0."""
    n = _check_n(n)
    if isinstance(theta, bool) or not isinstance(theta, (int, np.integer)) or not 0 <= theta <= n:
        raise InvalidArgument(f"theta must be an integer in 0..{n}, got {theta!r}")
    c = to_rational(amplitude)
    return tuple(c if j <= theta else Fraction(0) for j in range(1, n + 1))


def step_functions(n: int, amplitude: Any = 1, include_zero: bool = True) -> list[tuple[Fraction, ...]]:
    """All step functions of dimension n, theta increasing (zero signal first if included)."""
    return [step_function(n, t, amplitude) for t in thetas(n, include_zero)]


def step_function_batch(n: int, theta_values: Iterable[int], amplitude: Any = 1) -> RationalBatch:
    """The step functions for the given thetas as an exact integer batch (chunk-friendly)."""
    n = _check_n(n)
    values = []
    for v in theta_values:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidArgument(f"theta values must be integers, got {v!r}")
        if not 0 <= v <= n:
            raise InvalidArgument(f"theta values must lie in 0..{n}")
        values.append(int(v))
    t = np.array(values, dtype=np.int64)
    c = to_rational(amplitude)
    mask = np.arange(1, n + 1, dtype=np.int64)[None, :] <= t[:, None]
    if abs(c.numerator) < (1 << 62) and c.denominator < (1 << 62):
        num = mask.astype(np.int64) * c.numerator
        den = np.full(t.size, c.denominator, dtype=np.int64)
    else:
        num = mask.astype(object) * c.numerator  # Python ints: no int64 conversion
        den = np.full(t.size, c.denominator, dtype=object)
    return RationalBatch(num, den)
