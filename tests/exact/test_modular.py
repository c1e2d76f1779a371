"""Boundary cases of exact/modular.py: bulk full-rank decisions modulo primes, each a proof."""

import numpy as np
import pytest
from flint import fmpz_mat

from exact.errors import InvalidArgument
from exact.modular import PRIMES, bit_bound, full_rank_mod_p, singular_by_primes


def _stack(*mats):
    return np.array(mats, dtype=np.int64)


def _det(m):
    return int(fmpz_mat([[int(v) for v in row] for row in m]).det())


def test_primes_are_the_largest_below_2_31_in_order():
    assert len(PRIMES) == 40 and PRIMES[0] == 2 ** 31 - 1 and list(PRIMES) == sorted(PRIMES, reverse=True)
    assert all(p > 2 ** 30 for p in PRIMES)  # each prime adds 30 bits to the product


def test_pivots_are_swapped_in_and_zero_columns_are_singular():
    a = _stack([[0, 1], [1, 0]], [[0, 0], [0, 1]], [[0, 1], [0, 1]], [[1, 0], [0, 0]], [[2, 3], [4, 6]], [[0, 2], [3, 0]])
    assert full_rank_mod_p(a).tolist() == [True, False, False, False, False, True]
    assert singular_by_primes(a).tolist() == [False, True, True, True, True, False]


def test_three_by_three_with_a_late_pivot_and_elimination_below():
    a = _stack([[0, 0, 1], [0, 1, 0], [1, 0, 0]], [[1, 2, 3], [2, 4, 7], [1, 1, 1]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
               [[2, 1, 1], [4, 3, 3], [8, 7, 9]])
    want = [_det(m) != 0 for m in a]
    assert want == [True, True, False, True]
    assert full_rank_mod_p(a).tolist() == want and singular_by_primes(a).tolist() == [not w for w in want]


@pytest.mark.parametrize("p,full", [(2, [False, True, True]), (3, [True, False, True]), (5, [True, True, True])])
def test_small_primes_decide_modulo_p_only(p, full):
    # determinants 2, 3, 1: p | det gives False, which proves nothing about the integers
    a = _stack([[2, 0], [0, 1]], [[3, 0], [0, 1]], [[1, 0], [0, 1]])
    assert full_rank_mod_p(a, p).tolist() == full


def test_prime_range_edges():
    a = _stack([[1]])
    assert full_rank_mod_p(a, 2).tolist() == [True] and full_rank_mod_p(a, 2 ** 31 - 1).tolist() == [True]
    for p in (1, 0, 2 ** 31):
        with pytest.raises(InvalidArgument, match=r"^the prime must lie in \[2, 2\^31\), got "):
            full_rank_mod_p(a, p)


def test_stack_shape_and_type_are_checked():
    for bad in (np.zeros((2, 2, 3), dtype=np.int64), np.zeros((2, 2), dtype=np.int64),
                np.zeros((1, 2, 2), dtype=np.float64), np.zeros((1, 2, 2), dtype=np.int32)):
        with pytest.raises(InvalidArgument, match=r"^need an int64 stack of square matrices, got "):
            full_rank_mod_p(bad)
        with pytest.raises(InvalidArgument):
            singular_by_primes(bad)


def test_one_by_one_and_empty_stacks():
    a = _stack([[0]], [[5]], [[-7]], [[PRIMES[0]]])
    assert full_rank_mod_p(a).tolist() == [False, True, True, False]
    assert singular_by_primes(a).tolist() == [True, False, False, False]  # det = p: not a proof of det = 0
    empty = np.zeros((0, 2, 2), dtype=np.int64)
    assert full_rank_mod_p(empty).tolist() == [] and singular_by_primes(empty).tolist() == []


@pytest.mark.parametrize("m,bits_m", [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (2 ** 40 - 1, 40), (2 ** 40, 41)])
def test_bit_bound_values_at_powers_of_two(m, bits_m):
    # |det| < 2^b with b = n (bits of M + bits of n), M < 2^bits_m, n < 2^bits_n
    for n, bits_n in ((1, 1), (2, 2), (3, 2), (4, 3)):
        a = np.zeros((1, n, n), dtype=np.int64)
        a[0, 0, 0] = -m  # the largest |entry|, negative
        assert bit_bound(a).tolist() == [n * (bits_m + bits_n)]


def test_bit_bound_bounds_extreme_determinants():
    rng = np.random.default_rng(15)
    for n in (1, 2, 3, 5):
        for top in (1, 7, 2 ** 20):
            a = rng.integers(-top, top + 1, size=(20, n, n), dtype=np.int64)
            a[0] = top * (np.eye(n, dtype=np.int64) * 2 - 1)  # a large determinant
            for m, b in zip(a, bit_bound(a)):
                assert abs(_det(m)) < 2 ** int(b)


def test_singular_needs_enough_primes():
    # det = p0 * p1 (about 2^62): zero modulo the first two primes, not the third -- never called singular
    p0, p1 = PRIMES[0], PRIMES[1]
    a = _stack([[p0, 0], [0, p1]], [[p0, p1], [2 * p0, 2 * p1]])
    assert full_rank_mod_p(a, p0).tolist() == [False, False] and full_rank_mod_p(a, p1).tolist() == [False, False]
    assert singular_by_primes(a).tolist() == [False, True]


def test_entries_at_2_62_are_left_unproved():
    big = 2 ** 62
    a = _stack([[big, big], [1, 1]], [[big - 1, big - 1], [1, 1]], [[big, 0], [0, 1]])
    assert singular_by_primes(a).tolist() == [False, True, False]
    assert full_rank_mod_p(a[2:]).tolist() == [True]


def test_empty_matrices_have_determinant_one():
    a = np.zeros((2, 0, 0), dtype=np.int64)
    assert full_rank_mod_p(a).tolist() == [True, True] and singular_by_primes(a).tolist() == [False, False]
    b = bit_bound(a)
    assert b.dtype == np.int64 and b.tolist() == [0, 0]
    assert bit_bound(_stack([[3]])).dtype == np.int64
