"""Public hypothesis strategies for property-based tests of exact claims.

All strategies draw exact values (``Fraction``, :class:`exact.network.Network`), never
floats.  Heights bound numerators and denominators.

>>> from hypothesis import given, settings
>>> @settings(max_examples=20, database=None)
... @given(rationals(max_height=5))
... def test_height(q):
...     assert abs(q.numerator) <= 5 and q.denominator <= 5
>>> test_height()
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from hypothesis import strategies as st

from exact.datasets import step_functions
from exact.network import Activation, Layer, Network

__all__ = [
    "rationals",
    "nonzero_rationals",
    "positive_rationals",
    "rational_vectors",
    "rational_matrices",
    "networks",
    "step_function_datasets",
]


def rationals(*, max_height: int = 20, min_value: Fraction | int | None = None,
              max_value: Fraction | int | None = None) -> st.SearchStrategy[Fraction]:
    """Rationals p/q with |p| <= max_height, 1 <= q <= max_height (optionally bounded).

    Shrinks towards 0 and small denominators.
    """
    if max_height < 1:
        raise ValueError("max_height must be at least 1")
    s = st.builds(lambda p, q: Fraction(p, q), st.integers(-max_height, max_height), st.integers(1, max_height))
    if min_value is not None:
        lo = Fraction(min_value)
        s = s.filter(lambda v: v >= lo)
    if max_value is not None:
        hi = Fraction(max_value)
        s = s.filter(lambda v: v <= hi)
    return s


def nonzero_rationals(*, max_height: int = 20) -> st.SearchStrategy[Fraction]:
    """Rationals of bounded height other than 0."""
    return st.builds(lambda p, q, s: Fraction(s * p, q), st.integers(1, max_height),
                     st.integers(1, max_height), st.sampled_from([1, -1]))


def positive_rationals(*, max_height: int = 20) -> st.SearchStrategy[Fraction]:
    """Rationals of bounded height, strictly positive."""
    return st.builds(lambda p, q: Fraction(p, q), st.integers(1, max_height), st.integers(1, max_height))


def rational_vectors(size: int, *, max_height: int = 20) -> st.SearchStrategy[tuple[Fraction, ...]]:
    return st.tuples(*[rationals(max_height=max_height)] * size)


def rational_matrices(rows: int, cols: int, *, max_height: int = 20) -> st.SearchStrategy[tuple[tuple[Fraction, ...], ...]]:
    """rows x cols matrices of rationals of bounded height."""
    return st.tuples(*[rational_vectors(cols, max_height=max_height)] * rows)


def networks(widths: Sequence[int], *, activations: Sequence[str] = ("relu",),
             last_activation: str = "identity", max_height: int = 10) -> st.SearchStrategy[Network]:
    """Networks with the given widths ``(d, m_1, ..., m_L)`` and rational weights.

    Hidden layers draw their activation from ``activations``; the last layer has
    ``last_activation``.  Hard-threshold layers draw a rational threshold too.
    """
    widths = list(widths)
    if len(widths) < 2 or min(widths) < 1:
        raise ValueError("widths needs an input dimension and at least one layer, all >= 1")

    @st.composite
    def _net(draw: st.DrawFn) -> Network:
        layers = []
        for k in range(1, len(widths)):
            act = last_activation if k == len(widths) - 1 else draw(st.sampled_from(list(activations)))
            w = draw(rational_matrices(widths[k], widths[k - 1], max_height=max_height))
            b = draw(rational_vectors(widths[k], max_height=max_height))
            t = draw(rationals(max_height=max_height)) if act == Activation.HARD_THRESHOLD.value else None
            layers.append(Layer(w, b, Activation(act), t))
        return Network(tuple(layers))

    return _net()


def step_function_datasets(*, min_n: int = 1, max_n: int = 12, amplitudes: st.SearchStrategy | None = None,
                           include_zero: bool | None = None) -> st.SearchStrategy[tuple[int, Fraction, list]]:
    """(n, C, list of step functions) for n in [min_n, max_n] and a non-zero amplitude C."""
    amp = amplitudes if amplitudes is not None else nonzero_rationals(max_height=10)
    inc = st.booleans() if include_zero is None else st.just(include_zero)
    return st.builds(lambda n, c, z: (n, c, step_functions(n, c, z)), st.integers(min_n, max_n), amp, inc)
