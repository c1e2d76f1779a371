"""Exact linear algebra: a table of known answers, and flint against a plain-Fraction reference."""

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from exact.errors import ExactnessError, InvalidArgument, ShapeError
from exact.linalg import QMatrix, det, is_positive_semidefinite, rank, solve
from proofs.kernel import core as kernel_core
from proofs.strategies import rational_matrices

KNOWN = [
    ([[1, 2], [3, 4]], 2, Fraction(-2)),
    ([[1, 2], [2, 4]], 1, Fraction(0)),
    ([[0, 0], [0, 0]], 0, Fraction(0)),
    ([["1/2", "1/3"], ["1/4", "1/5"]], 2, Fraction(1, 10) - Fraction(1, 12)),
]


@pytest.mark.parametrize("rows, r, d", KNOWN)
def test_known_answers(rows, r, d):
    assert rank(rows) == r == kernel_core.rank([[Fraction(x) for x in row] for row in rows])
    assert det(rows) == d


@given(st.integers(1, 5).flatmap(lambda n: rational_matrices(n, n, max_height=6)))
def test_rank_matches_reference_and_inverse(rows):
    m = QMatrix.from_rows(rows)
    assert m.rank() == kernel_core.rank([list(r) for r in rows])
    if m.rank() == m.shape[0]:
        assert m @ m.inv() == QMatrix.identity(m.shape[0])
    else:
        assert m.det() == 0
        ns = m.nullspace()
        assert ns.shape[1] == m.shape[1] - m.rank()
        assert (m @ ns) == QMatrix.zeros(m.shape[0], ns.shape[1])


def test_solve_and_errors():
    a = QMatrix.from_rows([[2, 0], [0, 4]])
    x = solve(a, [[1], [1]])
    assert x.to_strings() == [["1/2"], ["1/4"]]
    with pytest.raises(InvalidArgument, match="singular"):
        solve([[1, 1], [1, 1]], [[1], [2]])
    with pytest.raises(ShapeError):
        QMatrix.from_rows([[1, 2], [3]])
    with pytest.raises(ShapeError):
        QMatrix.from_rows([[1, 2]]).det()
    with pytest.raises(ExactnessError):
        QMatrix.from_rows([[0.5]])


def test_from_int_rows():
    assert QMatrix.from_int_rows([[1, 2], [3, 4]], 2) == QMatrix.from_rows([["1/2", 1], ["3/2", 2]])


@given(rational_matrices(3, 3, max_height=5))
def test_psd_matches_kernel(rows):
    m = QMatrix.from_rows(rows)
    sym = m.T @ m  # always PSD
    assert is_positive_semidefinite(sym)
    assert kernel_core.is_psd([list(r) for r in sym.rows()])
    shifted = sym - QMatrix.identity(3)
    assert is_positive_semidefinite(shifted) == kernel_core.is_psd([list(r) for r in shifted.rows()])


def test_psd_negative_control():
    assert not is_positive_semidefinite([[1, 2], [2, 1]])   # eigenvalues 3, -1
    assert not is_positive_semidefinite([[0, 1], [1, 0]])
    assert is_positive_semidefinite([[0, 0], [0, 0]])
    with pytest.raises(InvalidArgument):
        is_positive_semidefinite([[1, 2], [0, 1]])
