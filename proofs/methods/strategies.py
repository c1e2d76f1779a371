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

from ..hypothesis_profiles import PROFILE, PROFILE_CI  # noqa: F401  (registered with hypothesis)

__all__ = [
    "PROFILE", "PROFILE_CI",
    "rationals",
    "nonzero_rationals",
    "positive_rationals",
    "rational_vectors",
    "rational_matrices",
    "networks",
    "step_function_datasets",
]


def rationals(*, max_height: int = 20, min_value: Fraction | int | str | None = None,
              max_value: Fraction | int | str | None = None) -> st.SearchStrategy[Fraction]:
    """Rationals p/q with 1 <= q <= max_height; without bounds also |p| <= max_height.

    With bounds the values are generated in range (never filtered): every value lies in
    [min_value, max_value], a missing bound being ``max_height`` beyond the other (or
    beyond 0); the denominators stay at most ``max_height``, the numerators are those the
    range needs.  Shrinks towards small denominators and towards 0 (or the bound nearest 0).

    >>> from hypothesis import find
    >>> find(rationals(min_value=39, max_value=42), lambda q: True)
    Fraction(39, 1)
    >>> find(rationals(min_value=39, max_value=42), lambda q: q > 41 and q.denominator > 1) > 41
    True
    """
    from exact.errors import InvalidArgument

    if not isinstance(max_height, int) or max_height < 1:
        raise InvalidArgument("max_height must be an integer of at least 1")
    if min_value is None and max_value is None:
        return st.builds(lambda p, q: Fraction(p, q), st.integers(-max_height, max_height),
                         st.integers(1, max_height))
    try:
        lo = Fraction(min_value) if min_value is not None else None
        hi = Fraction(max_value) if max_value is not None else None
    except (TypeError, ValueError, ZeroDivisionError):
        raise InvalidArgument(f"min_value and max_value must be exact rationals, got {min_value!r}, {max_value!r}") from None
    if lo is None:
        lo = min(hi, 0) - max_height
    if hi is None:
        hi = max(lo, 0) + max_height
    if lo > hi:
        raise InvalidArgument(f"min_value {lo} is larger than max_value {hi}")

    @st.composite
    def _in_range(draw: st.DrawFn) -> Fraction:
        q = draw(st.integers(1, max_height))
        p_lo, p_hi = -((-lo * q).__floor__()), (hi * q).__floor__()  # ceil(lo q), floor(hi q)
        if p_lo > p_hi:  # no multiple of 1/q in the range: its lower end is a rational in it
            return lo
        return Fraction(draw(st.integers(p_lo, p_hi)), q)

    return _in_range()


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
