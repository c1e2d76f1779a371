"""Tests of exact.lp: strict feasibility with exact certificates."""

import doctest
from fractions import Fraction as F

from hypothesis import given, strategies as st

import exact.lp as lp
from exact.lp import exact_strict_feasibility, strict_feasibility


def test_doctests():
    assert doctest.testmod(lp).failed == 0


systems = st.integers(1, 4).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=1, max_size=7),
    st.lists(st.integers(-3, 3), min_size=7, max_size=7)))


@given(systems)
def test_float_path_and_exact_simplex_agree_and_verify(sys_):
    A, b = sys_
    b = b[:len(A)]
    r1 = strict_feasibility(A, b)
    r2 = exact_strict_feasibility(A, b)
    assert r1.verify(A, b) and r2.verify(A, b)
    assert r1.feasible == r2.feasible


def test_degenerate_systems():
    # a zero row with a non-positive right-hand side makes the open system empty
    r = strict_feasibility([[0, 0], [1, 0]], [0, 5])
    assert not r.feasible and r.verify([[0, 0], [1, 0]], [0, 5])
    # repeated and parallel rows, a thin but open slab
    A, b = [[1, 1], [2, 2], [-1, -1]], [F(1, 10**9), F(2, 10**9), 0]
    r = strict_feasibility(A, b)
    assert r.feasible and r.verify(A, b)
    # three lines through a point: the open triangle of the "wrong" sides is empty
    A, b = [[1, 0], [0, 1], [-1, -1]], [0, 0, 0]
    r = strict_feasibility(A, b)
    assert not r.feasible and r.verify(A, b)
    # no rows at all
    assert strict_feasibility([], [], dim=3).point == (0, 0, 0)


def test_exact_only_mode_never_calls_the_float_solver():
    before = dict(lp.LP_STATS)
    r = strict_feasibility([[1], [-1]], [1, 1], use_float=False)
    assert r.feasible and r.method == "exact_simplex"
    assert lp.LP_STATS["float_point"] == before["float_point"]


def test_tampered_certificates_are_rejected():
    A, b = [[1], [-1]], [0, 0]
    r = strict_feasibility(A, b)
    assert not r.verify(A, [0, 1])  # the multiplier no longer proves emptiness
    r = strict_feasibility([[1]], [1])
    assert not r.verify([[1]], [r.point[0]])  # the point is not strictly inside any more
