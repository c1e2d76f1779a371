"""Exact linear algebra: a table of known answers, and flint against a plain-Fraction reference."""

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from exact.errors import ExactnessError, InvalidArgument, ShapeError
from exact.linalg import QMatrix, det, is_positive_semidefinite, rank, solve
from proofs.kernel import core as kernel_core
from proofs.methods.strategies import rational_matrices

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


# -- boundary cases (each kills a mutant that the random tests let live) ------------------------

@pytest.mark.parametrize("rows, psd", [
    ([[0]], True),
    ([[-1]], False),
    ([["-1/1000000"]], False),
    ([[0, 0], [0, -1]], False),                      # a zero pivot first, a negative entry after it
    ([[0, 1], [1, 0]], False),                        # zero diagonal, eigenvalues +1 and -1
    ([[0, 0, 1], [0, 1, 0], [1, 0, 0]], False),       # zero pivot, the -1 eigenvalue hidden behind it
    ([[1, 1], [1, 1]], True),                         # singular PSD: a zero eigenvalue counts as >= 0
    ([[0, 0, 0], [0, 1, 0], [0, 0, 0]], True),
    ([[2, -1], [-1, "1/2"]], True),                   # det 0 exactly
    ([[2, -1], [-1, "1/2"], ], True),
    ([[2, -1], [-1, "499999/1000000"]], False),       # det just below 0
    ([[1, 0, 0], [0, 1, 0], [0, 0, -1]], False),      # only the constant coefficient's sign is wrong
    ([[1, 0, 0], [0, -1, 0], [0, 0, -1]], False),
])
def test_psd_boundary_cases(rows, psd):
    assert is_positive_semidefinite(rows) is psd
    assert kernel_core.is_psd([[Fraction(x) for x in r] for r in rows]) is psd


def test_psd_needs_a_square_matrix():
    with pytest.raises(ShapeError):
        is_positive_semidefinite([[1, 0]])


def test_integer_matmul_overflow_guard_at_the_boundary():
    import numpy as np

    from exact.linalg import integer_matmul

    # max|a| * max|b| * k == 2**63 exactly: one more than int64 holds, so flint must be used
    a = np.array([[2 ** 31, 2 ** 31]], dtype=np.int64)
    b = np.array([[2 ** 31], [2 ** 31]], dtype=np.int64)
    out = integer_matmul(a, b)
    assert out.dtype == object and int(out[0, 0]) == 2 ** 63
    # the bound uses |min| too: a small positive max must not hide a huge negative entry
    a = np.array([[1, -(2 ** 32)]], dtype=np.int64)
    b = np.array([[1], [2 ** 32]], dtype=np.int64)
    assert int(integer_matmul(a, b)[0, 0]) == 1 - 2 ** 64
    a = np.array([[1, 2 ** 32]], dtype=np.int64)
    b = np.array([[1], [-(2 ** 32)]], dtype=np.int64)
    assert int(integer_matmul(a, b)[0, 0]) == 1 - 2 ** 64
    # just below the boundary numpy is exact and used
    a = np.array([[2 ** 30, 2 ** 30]], dtype=np.int64)
    b = np.array([[2 ** 31], [2 ** 31]], dtype=np.int64)
    out = integer_matmul(a, b)
    assert out.dtype == np.int64 and int(out[0, 0]) == 2 ** 62
    # inner size counts: k = 4 terms of 2**61 overflow although each product fits
    a = np.array([[2 ** 31] * 4], dtype=np.int64)
    b = np.array([[2 ** 30]] * 4, dtype=np.int64)
    assert int(integer_matmul(a, b)[0, 0]) == 2 ** 63
    # lists and object arrays of Python ints take the flint path
    assert integer_matmul([[2 ** 70]], [[2]]).tolist() == [[2 ** 71]]
    with pytest.raises(ShapeError):
        integer_matmul([[1, 2]], [[1, 2]])
    with pytest.raises(InvalidArgument):
        integer_matmul(np.array([[0.5]]), np.array([[1.0]]))
    assert integer_matmul(np.zeros((2, 0), dtype=np.int64), np.zeros((0, 3), dtype=np.int64)).tolist() == [[0] * 3] * 2


def test_integer_rank_refuses_non_integers():
    from exact.linalg import integer_rank

    assert integer_rank([[2 ** 100, 1], [2 ** 101, 2]]) == 1
    with pytest.raises(InvalidArgument):
        integer_rank([[True, 0]])
    with pytest.raises(InvalidArgument):
        integer_rank([[Fraction(1, 2)]])


def test_qmatrix_small_api():
    m = QMatrix.from_rows([[1, 2], [3, 4]])
    assert m.shape == (2, 2) and m[1, 0] == 3
    assert (m + m).to_strings() == [["2", "4"], ["6", "8"]]
    assert (m - m) == QMatrix.zeros(2, 2)
    assert (-m)[0, 1] == -2
    assert m.scale("1/2").to_strings() == [["1/2", "1"], ["3/2", "2"]]
    assert m.T.to_strings() == [["1", "3"], ["2", "4"]]
    assert QMatrix.diag([1, "1/2"]).to_strings() == [["1", "0"], ["0", "1/2"]]
    assert hash(m) == hash(QMatrix.from_rows([[1, 2], [3, 4]])) and m != m.T
    assert QMatrix.from_rows([], ncols=3).shape == (0, 3)
    r, rk = QMatrix.from_rows([[1, 2], [2, 4]]).rref()
    assert rk == 1 and r.to_strings() == [["1", "2"], ["0", "0"]]
    with pytest.raises(InvalidArgument):
        QMatrix([[1]])
    with pytest.raises(InvalidArgument, match="singular"):
        QMatrix.from_rows([[1, 1], [1, 1]]).inv()
    with pytest.raises(ShapeError):
        m + QMatrix.identity(3)
    with pytest.raises(ShapeError):
        m @ QMatrix.identity(3)
    with pytest.raises(ShapeError):
        m.solve(QMatrix.identity(3))
    with pytest.raises(InvalidArgument):
        QMatrix.from_int_rows([[1]], 0)
    assert QMatrix.from_int_rows([], 1).shape == (0, 0)


def test_error_messages_and_module_functions():
    import numpy as np

    from exact.linalg import integer_matmul, integer_rank, inverse, nullspace

    m = QMatrix.from_rows([[1, 2], [3, 4]])
    wide = QMatrix.from_rows([[1, 2, 3]])
    cases = [
        (lambda: QMatrix([[1]]), InvalidArgument, r"^QMatrix wraps a flint\.fmpq_mat; use QMatrix\.from_rows$"),
        (lambda: QMatrix.from_rows([[1, 2], [3]]), ShapeError, "^row 1 has 1 entries, expected 2$"),
        (lambda: QMatrix.from_int_rows([[1]], 0), InvalidArgument, "^denominator must be positive$"),
        (lambda: QMatrix.from_int_rows([[1]], -2), InvalidArgument, "^denominator must be positive$"),
        (lambda: m + wide, ShapeError, r"^cannot add matrices of shapes \(2, 2\) and \(1, 3\)$"),
        (lambda: m - wide, ShapeError, r"^cannot subtract matrices of shapes \(2, 2\) and \(1, 3\)$"),
        (lambda: m @ wide, ShapeError, r"^cannot multiply \(2, 2\) by \(1, 3\)$"),
        (lambda: wide.det(), ShapeError, r"^det needs a square matrix, got shape \(1, 3\)$"),
        (lambda: wide.inv(), ShapeError, r"^inverse needs a square matrix, got shape \(1, 3\)$"),
        (lambda: wide.solve(wide), ShapeError, r"^solve needs a square matrix, got shape \(1, 3\)$"),
        (lambda: m.solve(wide.T), ShapeError, "^right-hand side has 3 rows, expected 2$"),
        (lambda: QMatrix.from_rows([[1, 1], [1, 1]]).inv(), InvalidArgument, "^matrix is singular: it has no inverse$"),
        (lambda: QMatrix.from_rows([[1, 1], [1, 1]]).solve(QMatrix.identity(2)), InvalidArgument,
         "^matrix is singular: the system has no unique solution$"),
        (lambda: is_positive_semidefinite([[1, 0]]), ShapeError,
         r"^positive semidefiniteness needs a square matrix, got \(1, 2\)$"),
        (lambda: is_positive_semidefinite([[1, 2], [0, 1]]), InvalidArgument, "^matrix is not symmetric$"),
        (lambda: integer_rank([[1, "2"]]), InvalidArgument, "^integer_rank needs Python integers, got '2'$"),
        (lambda: integer_matmul([[1, 2]], [[1, 2]]), ShapeError, r"^cannot multiply \(1, 2\) by \(1, 2\)$"),
        (lambda: integer_matmul([1, 2], [[1], [2]]), ShapeError, r"^cannot multiply \(2,\) by \(2, 1\)$"),
        (lambda: integer_matmul([[1]], [1]), ShapeError, r"^cannot multiply"),
        (lambda: integer_matmul(np.array([[0.5]]), [[1]]), InvalidArgument, "^integer_matmul needs integer matrices$"),
        (lambda: integer_matmul([[1]], np.array([[True]], dtype=object)), InvalidArgument, "integer matrices"),
    ]
    for call, exc, pattern in cases:
        with pytest.raises(exc, match=pattern):
            call()
    assert inverse([[2, 0], [0, 4]]).to_strings() == [["1/2", "0"], ["0", "1/4"]]
    assert nullspace([[1, 2]]).to_strings() == [["-2"], ["1"]]  # full row rank: every row a pivot row
    assert nullspace([[1, 2, 3], [0, 1, 1]]).to_strings() == [["-1"], ["-1"], ["1"]]
    assert nullspace([[1, 0], [0, 1]]).shape == (2, 0)
    assert integer_rank([]) == 0 and integer_rank([[0]]) == 0
    assert QMatrix.from_rows([]).shape == (0, 0)
    # k = 1: the int64 product is used up to max|a| * max|b| < 2**63
    out = integer_matmul(np.array([[2 ** 31]]), np.array([[2 ** 31]]))
    assert out.dtype == np.int64 and int(out[0, 0]) == 2 ** 62
    assert integer_matmul(np.array([[2 ** 32]]), np.array([[2 ** 31]])).dtype == object


def test_from_int_rows_default_denominator_is_one():
    assert QMatrix.from_int_rows([[1, 2], [3, 4]]) == QMatrix.from_rows([[1, 2], [3, 4]])


def test_integer_matmul_keeps_integers_numpy_would_read_as_floats():
    # np.asarray([[2**63, 1]]) is float64: the lists are read as integers, and the product is exact
    from exact.linalg import integer_matmul

    for big in (2 ** 63, 2 ** 64 - 1, -(2 ** 63) - 1):
        assert integer_matmul([[big, 1]], [[1], [1]]).tolist() == [[big + 1]]
        assert integer_matmul([[1], [1]], [[big, -1]]).tolist() == [[big, -1], [big, -1]]
    with pytest.raises(InvalidArgument, match="needs integer matrices"):
        integer_matmul([[1.5, 1]], [[1], [1]])  # a float is still refused
    with pytest.raises(InvalidArgument, match="needs integer matrices"):
        integer_matmul([[2 ** 63, 0.5]], [[1], [1]])
