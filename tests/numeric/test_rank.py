"""Tests of numeric/rank.py: the float64 mirror of exact rank."""

from __future__ import annotations

import doctest
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numeric.rank as nr
from exact.linalg import QMatrix, integer_rank
from exact.two_layer import activation_matrix


def test_doctests():
    assert doctest.testmod(nr).failed == 0


def test_rank_and_condition_of_known_matrices():
    r = nr.float_rank([[1, 0, 0], [0, 2, 0], [0, 0, 4]])
    assert r.rank == 3 and r.shape == (3, 3)
    assert r.condition == pytest.approx(4.0)
    assert r.singular == pytest.approx((4.0, 2.0, 1.0))
    assert nr.float_rank([[1, 2, 3], [2, 4, 6]]).rank == 1
    assert nr.condition_number([[1, 1], [1, 1]]) == float("inf") or nr.condition_number([[1, 1], [1, 1]]) > 1e15


def test_accepts_strings_fractions_and_qmatrix():
    rows = [["1/3", "1/2"], [Fraction(2, 3), 1]]
    assert nr.float_rank(rows).rank == 1
    assert nr.float_rank(QMatrix.from_rows(rows)).rank == 1
    assert nr.to_float_matrix(rows)[0, 0] == pytest.approx(1 / 3)


def test_explicit_tolerance_changes_the_rank():
    m = [[1, 0], [0, 1e-9]]
    assert nr.float_rank(m).rank == 2
    assert nr.float_rank(m, tol=1e-6).rank == 1


def test_float_activation_matrix_matches_exact_on_integers():
    z, w, b = [1, 2, 3], [1, -1, 0], [-1, 3, 2]
    exact = activation_matrix(z, w, b)
    assert nr.float_activation_matrix(z, w, b).tolist() == [[float(v) for v in r] for r in exact.rows()]


@given(st.lists(st.lists(st.integers(-3, 3), min_size=4, max_size=4), min_size=4, max_size=4))
def test_float_rank_agrees_with_exact_on_small_integer_matrices(rows):
    # small integer matrices are well conditioned enough for numpy's default tolerance
    assert nr.float_rank(rows).rank == integer_rank(rows)


def test_to_json_is_serialisable():
    import json

    assert json.loads(json.dumps(nr.float_rank([[0, 0], [0, 0]]).to_json()))["condition"] == "inf"


@given(st.integers(1, 4).flatmap(lambda n: st.lists(
    st.tuples(st.lists(st.integers(-4, 4), min_size=n, max_size=n), st.lists(st.integers(-3, 3), min_size=n, max_size=n),
              st.lists(st.integers(-6, 6), min_size=n, max_size=n)), min_size=1, max_size=5)))
def test_batched_activation_ranks_match_one_at_a_time(instances):
    z, w, b = ([[Fraction(v, 2) for v in inst[k]] for inst in instances] for k in range(3))
    batched = nr.float_activation_ranks(z, w, b).tolist()
    assert batched == [nr.float_rank(nr.float_activation_matrix(*args)).rank for args in zip(z, w, b)]
