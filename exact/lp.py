"""Exact strict feasibility of open polyhedra ``{x : A x < b}``, with certificates.

:func:`strict_feasibility` decides whether the open polyhedron ``{x : A x < b}`` is
non-empty and returns an exact certificate either way:

* non-empty: a rational ``point`` with ``A point < b`` in every row, checked strictly in
  exact arithmetic;
* empty: a Farkas (Motzkin) multiplier ``y >= 0``, ``y != 0`` with ``y A = 0`` and
  ``y . b <= 0``, checked in exact arithmetic (then ``0 = y A x < y . b <= 0`` would be a
  contradiction for any x).

How it is found: scipy's HiGHS solves the float LP ``max t  s.t.  A x + t |a_i| <= b,
t <= 1`` and *proposes* a centre x (rounded to a dyadic grid fine enough for its radius)
or, when ``t <= 0``, a dual vector whose support S is used to solve ``y_S A_S = 0``
exactly (flint nullspace).  Whatever the proposal, only the exact check decides.  When a
proposal fails to verify, an exact simplex over Fractions (Bland's rule, on the dual
``min y.b + s : y A = 0, sum y + s = 1, y, s >= 0``) settles the question; its optimal
basis gives either a strict point or the multiplier.  No float ever decides.

>>> r = strict_feasibility([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 1, 0])
>>> r.feasible, r.verify([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 1, 0])
(True, True)
>>> r = strict_feasibility([[1], [-1]], [0, 0])       # x < 0 and -x < 0
>>> r.feasible, [str(v) for v in r.multiplier]
(False, ['1', '1'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from .errors import ShapeError
from .linalg import QMatrix
from .scalar import to_rational

__all__ = ["StrictFeasibility", "strict_feasibility", "exact_strict_feasibility", "LP_STATS"]

#: How each decision was reached (counts): "float_point", "float_farkas", "exact_simplex".
LP_STATS: dict[str, int] = {"float_point": 0, "float_farkas": 0, "exact_simplex": 0, "calls": 0}


@dataclass(frozen=True)
class StrictFeasibility:
    """The exact answer for ``{x : A x < b}``: a strict point or a Motzkin multiplier."""

    feasible: bool
    point: tuple[Fraction, ...] | None = None
    multiplier: tuple[Fraction, ...] | None = None
    method: str = ""
    radius: float = field(default=0.0, compare=False)  # the float LP's radius (information only)

    def verify(self, A: Sequence[Sequence[Any]], b: Sequence[Any]) -> bool:
        """Re-check the certificate exactly against ``A``, ``b``."""
        A, b = _as_system(A, b)
        if self.feasible:
            return self.point is not None and _strict(A, b, self.point)
        return self.multiplier is not None and _is_motzkin(A, b, self.multiplier)


def _as_system(A, b):
    A = [tuple(to_rational(v) for v in row) for row in A]
    b = [to_rational(v) for v in b]
    if len(A) != len(b):
        raise ShapeError(f"A has {len(A)} rows but b has {len(b)} entries")
    if A and any(len(r) != len(A[0]) for r in A):
        raise ShapeError("rows of A have different lengths")
    return A, b


def _strict(A, b, x) -> bool:
    for row, bi in zip(A, b):
        s = Fraction(0)
        for a, v in zip(row, x):
            if a:
                s += a * v
        if not s < bi:
            return False
    return True


def _is_motzkin(A, b, y) -> bool:
    if len(y) != len(A) or any(v < 0 for v in y) or not any(y):
        return False
    d = len(A[0]) if A else 0
    for j in range(d):
        if sum((yi * row[j] for yi, row in zip(y, A) if yi), Fraction(0)) != 0:
            return False
    return sum((yi * bi for yi, bi in zip(y, b) if yi), Fraction(0)) <= 0


def strict_feasibility(A: Sequence[Sequence[Any]], b: Sequence[Any], *, dim: int | None = None,
                       use_float: bool = True) -> StrictFeasibility:
    """Decide ``{x : A x < b} != {}`` exactly (see the module docstring).

    ``dim`` gives the number of variables when ``A`` has no rows.  With
    ``use_float=False`` only the exact simplex is used.
    """
    A, b = _as_system(A, b)
    d = len(A[0]) if A else (dim or 0)
    LP_STATS["calls"] += 1
    if not A:
        return StrictFeasibility(True, point=(Fraction(0),) * d, method="trivial")
    if use_float:
        got = _float_attempt(A, b, d)
        if got is not None:
            return got
    LP_STATS["exact_simplex"] += 1
    return exact_strict_feasibility(A, b)


# -- float proposals, exactly verified --------------------------------------------------------

def _float_attempt(A, b, d):
    import numpy as np
    from scipy.optimize import linprog

    Af = np.array([[float(v) for v in row] for row in A], dtype=np.float64).reshape(len(A), d)
    bf = np.array([float(v) for v in b], dtype=np.float64)
    norms = np.linalg.norm(Af, axis=1)
    norms = np.where(norms > 0, norms, 1.0)
    c = np.zeros(d + 1)
    c[-1] = -1.0
    A_ub = np.hstack([Af, norms[:, None]])
    try:
        res = linprog(c, A_ub=A_ub, b_ub=bf, bounds=[(None, None)] * d + [(None, 1.0)], method="highs")
    except (ValueError, RuntimeError):  # pragma: no cover - HiGHS refused the data
        return None
    if res.status != 0 or res.x is None:
        return None
    t = float(res.x[-1])
    if t > 0:
        x = res.x[:d]
        for point in _roundings(x, t, d):
            if _strict(A, b, point):
                LP_STATS["float_point"] += 1
                return StrictFeasibility(True, point=point, method="float_point", radius=t)
        return None
    marg = getattr(getattr(res, "ineqlin", None), "marginals", None)
    if marg is None:
        return None
    y = -np.asarray(marg, dtype=np.float64)
    if not np.all(np.isfinite(y)) or y.max(initial=0.0) <= 0:
        return None
    support = [i for i in range(len(A)) if y[i] > 1e-9 * y.max()]
    cert = _multiplier_on_support(A, b, support)
    if cert is not None:
        LP_STATS["float_farkas"] += 1
        return StrictFeasibility(False, multiplier=cert, method="float_farkas", radius=t)
    return None


def _roundings(x, t, d):
    """Rational candidates near the float centre x: dyadic grids fine enough for radius t."""
    k = max(0, math.ceil(math.log2(max(math.sqrt(d), 1.0) / t)) + 2) if t > 0 else 60
    for kk in (k, k + 8, 60):
        den = 1 << kk
        yield tuple(Fraction(round(float(v) * den), den) for v in x)
    yield tuple(Fraction(float(v)) for v in x)


def _multiplier_on_support(A, b, support):
    """An exact Motzkin multiplier supported on ``support`` (or None)."""
    if not support:
        return None
    sub = [A[i] for i in support]
    d = len(A[0])
    if d == 0:
        ys = [Fraction(1)] * len(support)
    else:
        ns = QMatrix.from_rows([[row[j] for row in sub] for j in range(d)]).nullspace()
        k = ns.shape[1]
        if k == 0:
            return None
        if k == 1:
            ys = [ns[i, 0] for i in range(len(support))]
            if sum(ys) < 0:
                ys = [-v for v in ys]
        else:
            # Several directions: settle the subsystem exactly (it is small).
            sb = [b[i] for i in support]
            r = exact_strict_feasibility(sub, sb)
            if r.feasible:
                return None
            ys = list(r.multiplier)
    y = [Fraction(0)] * len(A)
    for i, v in zip(support, ys):
        y[i] = v
    return tuple(y) if _is_motzkin(A, b, y) else None


# -- the exact simplex ----------------------------------------------------------------------

def exact_strict_feasibility(A: Sequence[Sequence[Any]], b: Sequence[Any]) -> StrictFeasibility:
    """Decide ``{x : A x < b}`` with an exact simplex over Fractions (no float at all).

    Solves ``min y.b + s  s.t.  y A = 0, sum(y) + s = 1, y, s >= 0`` (the dual of
    ``max t : A x + t <= b, t <= 1``) with Bland's rule from the basis {s} plus pivot
    columns of the row-reduced constraints.  Optimal value v > 0 gives a strict point
    (from the optimal dual solution), v <= 0 gives the multiplier y.
    """
    A, b = _as_system(A, b)
    m = len(A)
    d = len(A[0]) if A else 0
    if m == 0:
        return StrictFeasibility(True, point=(Fraction(0),) * d, method="trivial")
    # Keep a set of columns of A spanning its column space; the other coordinates are 0.
    cols: list[int] = []
    if d:
        r, rk = QMatrix.from_rows(A).rref()
        row = 0
        for j in range(d):
            if row < rk and r[row, j] != 0:
                cols.append(j)
                row += 1
    Ac = [[A[i][j] for j in cols] for i in range(m)]
    k = len(cols)
    # Equality rows: R = rref(Ac^T) (k x m, full row rank), then the row sum(y) + s = 1.
    if k:
        R_q, _ = QMatrix.from_rows([[Ac[i][j] for i in range(m)] for j in range(k)]).rref()
        R = [list(rw) for rw in R_q.rows()]
        piv = [next(j for j in range(m) if R[i][j] != 0) for i in range(k)]
    else:
        R, piv = [], []
    n = m + 1  # variables y_0..y_{m-1}, s
    T = [R[i] + [Fraction(0), Fraction(0)] for i in range(k)]  # rows: coefficients then rhs
    last = [Fraction(1)] * m + [Fraction(1), Fraction(1)]
    for i in range(k):
        last = [a - c for a, c in zip(last, T[i])]
    T.append(last)
    basis = piv + [m]
    cost = list(b) + [Fraction(1)]
    while True:
        # Reduced costs c_j - c_B B^-1 a_j (tableau rows are B^-1 [E | f]).
        cb = [cost[j] for j in basis]
        entering = None
        for j in range(n):
            if j in basis:
                continue
            rc = cost[j] - sum((cb[i] * T[i][j] for i in range(k + 1) if T[i][j]), Fraction(0))
            if rc < 0:
                entering = j
                break  # Bland: smallest index
        if entering is None:
            break
        ratios = [(T[i][-1] / T[i][entering], basis[i], i) for i in range(k + 1) if T[i][entering] > 0]
        if not ratios:  # cannot happen: the feasible set is bounded (sum y + s = 1)
            raise AssertionError("unbounded dual in the exact simplex")
        best = min(ratios)[0]
        _, _, pr = min((r for r in ratios if r[0] == best), key=lambda r: r[1])
        pv = T[pr][entering]
        T[pr] = [v / pv for v in T[pr]]
        for i in range(k + 1):
            if i != pr and T[i][entering]:
                f = T[i][entering]
                T[i] = [a - f * c for a, c in zip(T[i], T[pr])]
        basis[pr] = entering
    w = [Fraction(0)] * n
    for i, j in enumerate(basis):
        w[j] = T[i][-1]
    value = sum((cost[j] * w[j] for j in range(n)), Fraction(0))
    if value <= 0:
        y = tuple(w[:m])
        if not _is_motzkin(A, b, y):  # pragma: no cover - would be a bug in the simplex
            raise AssertionError("exact simplex produced an invalid multiplier")
        return StrictFeasibility(False, multiplier=y, method="exact_simplex")
    # Dual solution pi with B^T pi = c_B; columns of the equality system E = [R 0; 1 1].
    E_cols = []
    for j in basis:
        col = [R[i][j] if j < m else Fraction(0) for i in range(k)] + [Fraction(1)]
        E_cols.append(col)
    B = QMatrix.from_rows([[E_cols[c][r] for c in range(k + 1)] for r in range(k + 1)])
    pi = B.T.solve(QMatrix.from_rows([[cost[j]] for j in basis]))
    pi_r = [pi[i, 0] for i in range(k)]
    # R = Tm Ac^T with Tm = (Ac^T[:, piv])^-1, so pi_R . R[:, i] = (Tm^T pi_R) . a_i.
    x = [Fraction(0)] * d
    if k:
        P = QMatrix.from_rows([[Ac[piv[c]][r] for c in range(k)] for r in range(k)])
        Tm = P.inv()
        xc = Tm.T @ QMatrix.from_rows([[v] for v in pi_r])
        for c, j in enumerate(cols):
            x[j] = xc[c, 0]
    point = tuple(x)
    if not _strict(A, b, point):  # pragma: no cover - would be a bug in the simplex
        raise AssertionError("exact simplex produced a point that is not strictly feasible")
    return StrictFeasibility(True, point=point, method="exact_simplex")
