"""Boundary cases of exact.linalg: integer_matmul's documented choice of int64 for integer
lists and for factors with no entries, and QMatrix's hash."""

import numpy as np
import pytest

from exact.linalg import QMatrix, integer_matmul


@pytest.mark.parametrize("a, b, product", [
    ([[1, 2], [3, 4]], [[1], [-1]], [[-1], [-1]]),
    ([[2 ** 30, 2 ** 30]], [[2 ** 31], [2 ** 31]], [[2 ** 62]]),   # bound 2**62 < 2**63
    ([[-(2 ** 31)]], [[2 ** 31 - 1]], [[-(2 ** 62) + 2 ** 31]]),
])
def test_integer_matmul_of_small_integer_lists_is_int64(a, b, product):
    # "numpy int64 when max|a| * max|b| * k < 2^63": lists of Python integers are no exception
    out = integer_matmul(a, b)
    assert out.dtype == np.int64 and out.tolist() == product
    out = integer_matmul(np.array(a), b)
    assert out.dtype == np.int64 and out.tolist() == product


def test_integer_matmul_of_integer_lists_at_the_bound_is_exact_python_integers():
    out = integer_matmul([[2 ** 31, 2 ** 31]], [[2 ** 31], [2 ** 31]])   # bound exactly 2**63
    assert out.dtype == object and out.tolist() == [[2 ** 63]]


@pytest.mark.parametrize("a_shape, b", [
    ((0, 2), [[2 ** 62, 0], [0, 2 ** 62]]),     # max|b| * k = 2**63: the empty factor's max is 0
    ((0, 1), [[2 ** 63 - 1]]),
])
def test_integer_matmul_with_a_factor_without_entries_is_int64(a_shape, b):
    a = np.zeros(a_shape, dtype=np.int64)
    b = np.array(b, dtype=np.int64)
    out = integer_matmul(a, b)
    assert out.dtype == np.int64 and out.shape == (0, b.shape[1])
    out = integer_matmul(b.T, a.T)
    assert out.dtype == np.int64 and out.shape == (b.shape[1], 0)


def test_qmatrix_hash_agrees_with_equality_and_tells_matrices_apart():
    a = QMatrix.from_rows([[1, "1/2"], [0, -3]])
    b = QMatrix.from_int_rows([[2, 1], [0, -6]], denominator=2)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    distinct = [QMatrix.from_rows([[i, j]]) for i in range(-5, 6) for j in range(-5, 6)]
    distinct += [QMatrix.from_rows([[i], [0]]) for i in range(-5, 6)]
    # a usable hash spreads distinct matrices (a few collisions are allowed: hash(-1) == hash(-2))
    assert len({hash(m) for m in distinct}) > len(distinct) // 2
    assert len(set(distinct)) == len(distinct)
