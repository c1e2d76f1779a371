from fractions import Fraction

import pytest

from exact.datasets import step_function, step_function_batch, step_functions, thetas
from exact.errors import InvalidArgument


def test_step_functions_definition():
    xs = step_functions(4, "3/2")
    assert len(xs) == 5 and xs[0] == (0, 0, 0, 0) and xs[-1] == (Fraction(3, 2),) * 4
    assert step_function(4, 1) == (1, 0, 0, 0)
    assert len(step_functions(4, include_zero=False)) == 4
    assert list(thetas(3, include_zero=False)) == [1, 2, 3]


def test_batch_matches_list():
    b = step_function_batch(5, range(6), "2/3")
    assert b.to_fractions() == step_functions(5, "2/3")


@pytest.mark.parametrize("n, theta", [(0, 0), (3, 4), (3, -1), (2.0, 1)])
def test_bad_arguments(n, theta):
    with pytest.raises(InvalidArgument):
        step_function(n, theta)


# Boundary cases: n = 1, theta = 0 and theta = n, amplitude 0, exact error messages.

import numpy as np

from exact.datasets import _check_n


def test_check_n_accepts_numpy_and_rejects_with_message():
    assert _check_n(1) == 1 and type(_check_n(np.int64(3))) is int and _check_n(np.int64(3)) == 3
    for bad in (0, -2, True, 1.0, "3", None, np.float64(2)):
        with pytest.raises(InvalidArgument) as e:
            _check_n(bad)
        assert str(e.value) == f"the dimension n must be a positive integer, got {bad!r}"


def test_thetas_boundaries():
    assert thetas(1) == range(0, 2)
    assert thetas(1, include_zero=False) == range(1, 2)
    assert list(thetas(2)) == [0, 1, 2]
    with pytest.raises(InvalidArgument):
        thetas(0)


def test_step_function_boundaries():
    assert step_function(1, 0) == (0,) and step_function(1, 1) == (1,)
    assert step_function(3, 3) == (1, 1, 1) and step_function(3, 0) == (0, 0, 0)
    assert step_function(3, np.int64(2), "-1/2") == (Fraction(-1, 2), Fraction(-1, 2), 0)
    assert step_function(2, 1, 0) == (0, 0)
    assert all(type(v) is Fraction for v in step_function(3, 1))
    for bad in (4, -1, True, 1.0, None):
        with pytest.raises(InvalidArgument) as e:
            step_function(3, bad)
        assert str(e.value) == f"theta must be an integer in 0..3, got {bad!r}"


def test_step_functions_order_and_amplitude():
    assert step_functions(2, 3) == [(0, 0), (3, 0), (3, 3)]
    assert step_functions(1, include_zero=False) == [(1,)]


def test_batch_boundaries():
    b = step_function_batch(3, [0, 3, 1])
    assert b.num.tolist() == [[0, 0, 0], [1, 1, 1], [1, 0, 0]] and b.den.tolist() == [1, 1, 1]
    assert b.num.dtype == np.int64
    one = step_function_batch(1, [1], "2/3")
    assert one.num.tolist() == [[2]] and one.den.tolist() == [3]
    empty = step_function_batch(2, [])
    assert empty.num.shape == (0, 2) and empty.den.shape == (0,)
    for bad in ([4], [-1], [0, 4], [-1, 2]):
        with pytest.raises(InvalidArgument) as e:
            step_function_batch(3, bad)
        assert str(e.value) == "theta values must lie in 0..3"
    with pytest.raises(InvalidArgument):
        step_function_batch(0, [0])


@pytest.mark.parametrize("amp", [1 << 62, -(1 << 62), Fraction(1, 1 << 62), (1 << 62) - 1, -((1 << 62) - 1),
                                 Fraction(1, (1 << 62) - 1), 10 ** 30])
def test_batch_large_amplitudes_exact(amp):
    b = step_function_batch(3, [0, 2, 3], amp)
    assert b.to_fractions() == [step_function(3, t, amp) for t in (0, 2, 3)]
    c = Fraction(amp)
    big = abs(c.numerator) >= (1 << 62) or c.denominator >= (1 << 62)
    assert (b.num.dtype == object) is big and (b.den.dtype == object) is big
    assert b.num.tolist()[1] == [c.numerator, c.numerator, 0]
    assert b.den.tolist() == [c.denominator] * 3


def test_batch_theta_types_and_huge_values():
    assert step_function_batch(2, [np.int64(1), 2]).num.tolist() == [[1, 0], [1, 1]]
    for bad in ([2 ** 63], [-(2 ** 63) - 1], [2 ** 53 + 1]):
        with pytest.raises(InvalidArgument) as e:
            step_function_batch(3, bad)
        assert str(e.value) == "theta values must lie in 0..3"
    for bad in (1.5, "1", True, None, np.float64(1)):
        with pytest.raises(InvalidArgument) as e:
            step_function_batch(3, [0, bad])
        assert str(e.value) == f"theta values must be integers, got {bad!r}"
