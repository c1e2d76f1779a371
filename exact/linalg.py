"""Exact linear algebra over the rationals, through python-flint's ``fmpq_mat``.

This module is the only importer of python-flint in the toolkit.  :class:`QMatrix`
is a small immutable wrapper that checks shapes and converts at the boundary;
every algorithm (rank, determinant, solve, inverse, nullspace, reduced row echelon
form) is flint's.

>>> A = QMatrix.from_rows([[1, 2], [3, 4]])
>>> A.rank(), A.det()
(2, Fraction(-2, 1))
>>> A.inv().to_strings()
[['-2', '1'], ['3/2', '-1/2']]
>>> QMatrix.from_rows([[1, 2], [2, 4]]).nullspace().to_strings()
[['-2'], ['1']]
>>> is_positive_semidefinite(QMatrix.from_rows([[2, -1], [-1, 2]]))
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Sequence

import flint

from .errors import InvalidArgument, ShapeError
from .scalar import rational_str, to_rational

__all__ = [
    "QMatrix",
    "rank",
    "det",
    "solve",
    "inverse",
    "nullspace",
    "is_positive_semidefinite",
    "integer_rank",
    "integer_matmul",
]


def _fmpq(value: Any) -> "flint.fmpq":
    q = to_rational(value)
    return flint.fmpq(q.numerator, q.denominator)


def _frac(x: "flint.fmpq") -> Fraction:
    return Fraction(int(x.p), int(x.q))


class QMatrix:
    """An immutable m x n matrix of rationals backed by ``flint.fmpq_mat``."""

    __slots__ = ("_m",)

    def __init__(self, mat: "flint.fmpq_mat"):
        if not isinstance(mat, flint.fmpq_mat):
            raise InvalidArgument("QMatrix wraps a flint.fmpq_mat; use QMatrix.from_rows")
        self._m = mat

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[Any]], ncols: int | None = None) -> "QMatrix":
        """Build from rows of exact numbers (floats are refused)."""
        data = [[_fmpq(v) for v in r] for r in rows]
        m = len(data)
        n = len(data[0]) if data else (ncols or 0)
        for i, r in enumerate(data):
            if len(r) != n:
                raise ShapeError(f"row {i} has {len(r)} entries, expected {n}")
        mat = flint.fmpq_mat(m, n)
        for i, r in enumerate(data):
            for j, v in enumerate(r):
                mat[i, j] = v
        return cls(mat)

    @classmethod
    def from_int_rows(cls, rows: Sequence[Sequence[int]], denominator: int = 1) -> "QMatrix":
        """Fast construction from integer rows divided by a common positive denominator."""
        if denominator <= 0:
            raise InvalidArgument("denominator must be positive")
        z = flint.fmpz_mat([[int(v) for v in r] for r in rows]) if rows else flint.fmpz_mat(0, 0)
        mat = flint.fmpq_mat(z)
        if denominator != 1:
            mat = mat / denominator
        return cls(mat)

    @classmethod
    def identity(cls, n: int) -> "QMatrix":
        mat = flint.fmpq_mat(n, n)
        for i in range(n):
            mat[i, i] = 1
        return cls(mat)

    @classmethod
    def zeros(cls, m: int, n: int) -> "QMatrix":
        return cls(flint.fmpq_mat(m, n))

    @classmethod
    def diag(cls, values: Sequence[Any]) -> "QMatrix":
        n = len(values)
        mat = flint.fmpq_mat(n, n)
        for i, v in enumerate(values):
            mat[i, i] = _fmpq(v)
        return cls(mat)

    # -- shape and access -----------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return (self._m.nrows(), self._m.ncols())

    @property
    def flint(self) -> "flint.fmpq_mat":
        """The underlying fmpq_mat (a copy is not made: do not mutate it)."""
        return self._m

    def __getitem__(self, ij: tuple[int, int]) -> Fraction:
        return _frac(self._m[ij])

    def rows(self) -> tuple[tuple[Fraction, ...], ...]:
        m, n = self.shape
        e = [_frac(x) for x in self._m.entries()]
        return tuple(tuple(e[i * n:(i + 1) * n]) for i in range(m))

    def to_strings(self) -> list[list[str]]:
        return [[rational_str(v) for v in r] for r in self.rows()]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QMatrix) and self.shape == other.shape and self._m == other._m

    def __hash__(self) -> int:
        return hash((self.shape, tuple(self._m.entries())))

    def __repr__(self) -> str:
        return f"QMatrix({self.to_strings()})"

    # -- arithmetic -----------------------------------------------------------------
    def _check_same(self, other: "QMatrix", op: str) -> None:
        if self.shape != other.shape:
            raise ShapeError(f"cannot {op} matrices of shapes {self.shape} and {other.shape}")

    def __add__(self, other: "QMatrix") -> "QMatrix":
        self._check_same(other, "add")
        return QMatrix(self._m + other._m)

    def __sub__(self, other: "QMatrix") -> "QMatrix":
        self._check_same(other, "subtract")
        return QMatrix(self._m - other._m)

    def __neg__(self) -> "QMatrix":
        return QMatrix(-self._m)

    def __matmul__(self, other: "QMatrix") -> "QMatrix":
        if self.shape[1] != other.shape[0]:
            raise ShapeError(f"cannot multiply {self.shape} by {other.shape}")
        return QMatrix(self._m * other._m)

    def scale(self, c: Any) -> "QMatrix":
        return QMatrix(self._m * _fmpq(c))

    @property
    def T(self) -> "QMatrix":
        return QMatrix(self._m.transpose())

    # -- algorithms (all flint) -------------------------------------------------------
    def rank(self) -> int:
        return int(self._m.rank())

    def det(self) -> Fraction:
        self._require_square("det")
        return _frac(self._m.det())

    def inv(self) -> "QMatrix":
        self._require_square("inverse")
        try:
            return QMatrix(self._m.inv())
        except ZeroDivisionError:
            raise InvalidArgument("matrix is singular: it has no inverse") from None

    def solve(self, rhs: "QMatrix") -> "QMatrix":
        """The unique X with ``self @ X == rhs`` (self square and non-singular)."""
        self._require_square("solve")
        if rhs.shape[0] != self.shape[0]:
            raise ShapeError(f"right-hand side has {rhs.shape[0]} rows, expected {self.shape[0]}")
        try:
            return QMatrix(self._m.solve(rhs._m))
        except ZeroDivisionError:
            raise InvalidArgument("matrix is singular: the system has no unique solution") from None

    def rref(self) -> tuple["QMatrix", int]:
        r, rk = self._m.rref()
        return QMatrix(r), int(rk)

    def nullspace(self) -> "QMatrix":
        """A basis of the right nullspace, as the columns of an n x k matrix."""
        m, n = self.shape
        r, rk = self._m.rref()
        pivots: list[int] = []
        row = 0
        for j in range(n):
            if row < rk and r[row, j] != 0:
                pivots.append(j)
                row += 1
        free = [j for j in range(n) if j not in set(pivots)]
        basis = flint.fmpq_mat(n, len(free))
        for k, f in enumerate(free):
            basis[f, k] = 1
            for i, p in enumerate(pivots):
                basis[p, k] = -r[i, f]
        return QMatrix(basis)

    def _require_square(self, what: str) -> None:
        if self.shape[0] != self.shape[1]:
            raise ShapeError(f"{what} needs a square matrix, got shape {self.shape}")


def _as_q(a: Any) -> QMatrix:
    return a if isinstance(a, QMatrix) else QMatrix.from_rows(a)


def rank(a: Any) -> int:
    """Exact rank of a matrix given as a QMatrix or rows of exact numbers."""
    return _as_q(a).rank()


def det(a: Any) -> Fraction:
    return _as_q(a).det()


def inverse(a: Any) -> QMatrix:
    return _as_q(a).inv()


def solve(a: Any, b: Any) -> QMatrix:
    return _as_q(a).solve(_as_q(b))


def nullspace(a: Any) -> QMatrix:
    return _as_q(a).nullspace()


def integer_rank(rows: Sequence[Sequence[int]]) -> int:
    """Exact rank of a matrix of Python integers, through flint's ``fmpz_mat`` (no fractions).

    A rational matrix has the rank of any integer matrix obtained by clearing denominators,
    so this is the fast path for hot loops.

    >>> integer_rank([[1, 2], [2, 4]]), integer_rank([[0, 1], [1, 0]]), integer_rank([])
    (1, 2, 0)
    """
    if not rows:
        return 0
    for r in rows:
        for v in r:
            if isinstance(v, bool) or not isinstance(v, int):
                raise InvalidArgument(f"integer_rank needs Python integers, got {v!r}")
    return int(flint.fmpz_mat([list(r) for r in rows]).rank())


def integer_matmul(a: Any, b: Any) -> Any:
    """Exact product of two integer matrices given as numpy arrays (int64 or object) or lists.

    numpy int64 when max|a| * max|b| * k < 2^63 (k the inner size: no partial sum can
    overflow, so the product is exact), else flint's ``fmpz_mat`` product (object array).

    >>> integer_matmul([[1, 2], [3, 4]], [[1], [-1]]).tolist()
    [[-1], [-1]]
    """
    import numpy as np

    def read(m):  # a list of ints beside one in [2^63, 2^64) is read by numpy as float64: keep the ints
        arr = np.asarray(m)
        return arr if isinstance(m, np.ndarray) or arr.dtype.kind in "iu" else np.asarray(m, dtype=object)

    a, b = read(a), read(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ShapeError(f"cannot multiply {a.shape} by {b.shape}")
    for m in (a, b):
        if m.size and m.dtype.kind not in "iu" and not all(isinstance(v, int) and not isinstance(v, bool) for v in m.flat):
            raise InvalidArgument("integer_matmul needs integer matrices")
    bound = lambda m: max(abs(int(m.max())), abs(int(m.min()))) if m.size else 0
    if a.dtype.kind in "iu" and b.dtype.kind in "iu" and bound(a) * bound(b) * max(a.shape[1], 1) < (1 << 63):
        return a.astype(np.int64) @ b.astype(np.int64)
    fa = flint.fmpz_mat(a.shape[0], a.shape[1], [int(v) for v in a.flat])
    fb = flint.fmpz_mat(b.shape[0], b.shape[1], [int(v) for v in b.flat])
    return np.array([int(v) for v in (fa * fb).entries()], dtype=object).reshape(a.shape[0], b.shape[1])


def is_positive_semidefinite(a: Any) -> bool:
    """Exact test of positive semidefiniteness of a symmetric rational matrix.

    A real symmetric matrix has real eigenvalues, so it is positive semidefinite iff
    its characteristic polynomial det(x I - A) = sum c_k x^k has no negative root;
    by Descartes' rule of signs (exact for real-rooted polynomials) that holds iff
    (-1)^(n-k) c_k >= 0 for every k.  The characteristic polynomial is flint's.
    """
    m = _as_q(a)
    n, k = m.shape
    if n != k:
        raise ShapeError(f"positive semidefiniteness needs a square matrix, got {m.shape}")
    if m != m.T:
        raise InvalidArgument("matrix is not symmetric")
    coeffs = m.flint.charpoly().coeffs()  # c_0 .. c_n
    return all(((-1) ** (n - i)) * c >= 0 for i, c in enumerate(coeffs))
