"""Exact feasibility of ``{x : A_eq x = b_eq, A_le x <= b_le, A_lt x < b_lt}``, with certificates.

One engine and one answer (:class:`Feasibility`) for every linear system of the toolkit:
regions (open polyhedra, :func:`strict_feasibility`), repairs of trained decoders and
missing-data questions (:mod:`exact.certify`).  **No float decides**: scipy's HiGHS only
*proposes*, exact rational arithmetic decides.

* ``FEASIBLE``: a rational ``point`` satisfying every row exactly (equalities with ``==``,
  weak rows with ``<=``, strict rows with ``<``);
* ``INFEASIBLE``: Motzkin ``multipliers`` y, one per row in the order A_eq, A_le, A_lt
  (equality entries of any sign, the others >= 0), with ``y A = 0`` and either ``y.b < 0``
  or (some strict entry non-zero and ``y.b <= 0``); then ``0 = y A x < y.b <= 0`` (resp.
  ``0 = y A x <= y.b < 0``) for any x, a contradiction.

How an answer is reached (``method``, counted in :data:`LP_STATS`):

``"trivial"``
    no rows (the origin, or the given proposal), or a row with no coefficient that fails
    (its own unit multiplier);
``"proposal"``
    the caller's exact proposal, completed on the equalities (flint), checks;
``"float_nearest"``
    HiGHS's feasible point nearest (L1) to the proposal (strict rows kept at a margin of
    ``_STRICT_FRACTION`` times the largest), rationalised, completed, checked;
``"float_point"``
    the point of the largest margin ``max t : A_eq x = b_eq, a_i x + t <= b_i`` (every
    inequality row with a coefficient, ``t <= 1``, ``|x_j| <= 1e6``), rationalised
    (``limit_denominator``, then a dyadic grid fine for the margin), completed, checked;
``"float_farkas"``
    the same LP's duals name a support S; y is solved exactly on S (flint nullspace, or the
    exact simplex on the rows of S) and checked;
``"exact_simplex"``
    whatever the proposals could not settle: an exact simplex over Fractions (Bland's rule)
    on the dual ``min y.b + u : y A = 0, sum_strict y + u = 1, y, u >= 0`` (equalities as
    two weak rows).  It always decides -- an unbounded ray is a Farkas multiplier, an
    optimum <= 0 a Motzkin multiplier, an optimum t > 0 a point with slack t on the strict
    rows -- so there is no "undecided".

>>> r = strict_feasibility([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 1, 0])
>>> r.status, r.verify(A_lt=[[1, 0], [-1, 0], [0, 1], [0, -1]], b_lt=[1, 0, 1, 0])
(<FeasibilityStatus.FEASIBLE: 'feasible'>, True)
>>> r = strict_feasibility([[1], [-1]], [0, 0])       # x < 0 and -x < 0
>>> r.status.value, [str(v) for v in r.multipliers]
('infeasible', ['1', '1'])
>>> r = linear_feasibility([[1, 1]], [1], [[-1, 0]], [0], [[0, -1]], [0], use_float=False)
>>> r.method, sum(r.point) == 1 and r.point[0] >= 0 and r.point[1] > 0   # x + y = 1, x >= 0, y > 0
('exact_simplex', True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument, ShapeError, ToolkitError
from .linalg import QMatrix
from .scalar import to_rational

__all__ = ["FeasibilityStatus", "Feasibility", "linear_feasibility", "strict_feasibility", "METHODS", "LP_STATS"]

#: The ways an answer can be reached (see the module docstring), in the order they are tried.
METHODS = ("trivial", "proposal", "float_nearest", "float_point", "float_farkas", "exact_simplex")

#: How many calls were made and how each was decided (counts per method).
LP_STATS: dict[str, int] = dict.fromkeys(("calls",) + METHODS, 0)

_ZERO, _ONE = Fraction(0), Fraction(1)
_BOX = 1e6               # bound on |x_j| in the float LPs (a proposal only: the exact simplex has none)
_STRICT_FRACTION = 1e-3  # nearest point: strict rows kept at this fraction of the largest margin


class FeasibilityStatus(Enum):
    """The exact answer: the system has a point, or it has none."""

    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Feasibility:
    """The exact answer for ``{A_eq x = b_eq, A_le x <= b_le, A_lt x < b_lt}``.

    ``point`` (FEASIBLE) satisfies every row exactly; ``multipliers`` (INFEASIBLE) holds one
    Motzkin multiplier per row in the order A_eq, A_le, A_lt, split by ``row_counts`` =
    (m_eq, m_le, m_lt) (:attr:`y_eq`, :attr:`y_le`, :attr:`y_lt`).  ``method`` is one of
    :data:`METHODS`; ``note`` is information only (the float LP's margin, the L1 distance
    of a nearest point).  :meth:`verify` re-checks the certificate against a system.
    """

    status: FeasibilityStatus
    point: tuple[Fraction, ...] | None = None
    multipliers: tuple[Fraction, ...] | None = None
    row_counts: tuple[int, int, int] = (0, 0, 0)
    method: str = ""
    note: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.status, FeasibilityStatus):
            raise InvalidArgument(f"status must be a FeasibilityStatus, got {self.status!r}")
        if self.method not in METHODS:
            raise InvalidArgument(f"unknown method {self.method!r}; expected one of {METHODS}")
        feasible = self.status is FeasibilityStatus.FEASIBLE
        if feasible != (self.point is not None) or feasible == (self.multipliers is not None):
            raise InvalidArgument("a feasible answer carries a point, an infeasible one multipliers")
        if self.multipliers is not None and len(self.multipliers) != sum(self.row_counts):
            raise ShapeError(f"{len(self.multipliers)} multipliers for {sum(self.row_counts)} rows")

    @property
    def y_eq(self) -> tuple[Fraction, ...]:
        """Multipliers of the equalities (any sign)."""
        return self._part(0)

    @property
    def y_le(self) -> tuple[Fraction, ...]:
        """Multipliers of the weak inequalities (>= 0)."""
        return self._part(1)

    @property
    def y_lt(self) -> tuple[Fraction, ...]:
        """Multipliers of the strict inequalities (>= 0)."""
        return self._part(2)

    def _part(self, k: int) -> tuple[Fraction, ...]:
        if self.multipliers is None:
            return ()
        start = sum(self.row_counts[:k])
        return self.multipliers[start:start + self.row_counts[k]]

    def motzkin_multipliers(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """The multipliers in the layout of the kernel's Motzkin check: ``(y, y_strict)``, y for
        the weak rows A_eq, -A_eq, A_le in this order (each equality as two inequalities),
        y_strict for A_lt."""
        if self.status is not FeasibilityStatus.INFEASIBLE:
            raise InvalidArgument("only an infeasible system has Motzkin multipliers")
        y = tuple(max(v, _ZERO) for v in self.y_eq) + tuple(max(-v, _ZERO) for v in self.y_eq) + self.y_le
        return y, self.y_lt

    def verify(self, A_eq: Sequence[Sequence[Any]] = (), b_eq: Sequence[Any] = (),
               A_le: Sequence[Sequence[Any]] = (), b_le: Sequence[Any] = (),
               A_lt: Sequence[Sequence[Any]] = (), b_lt: Sequence[Any] = (), *, dim: int | None = None) -> bool:
        """Re-check the certificate exactly against the system (same arguments as
        :func:`linear_feasibility`); False when it does not establish the status."""
        s = _System(A_eq, b_eq, A_le, b_le, A_lt, b_lt, dim)
        if self.status is FeasibilityStatus.FEASIBLE:
            return len(self.point) == s.d and s.holds(self.point)
        return self.row_counts == s.row_counts and s.is_motzkin(self.multipliers)


# -- the system ------------------------------------------------------------------------------

class _System:
    """Exact rows of a system, checked for shape (floats are refused by to_rational)."""

    def __init__(self, A_eq, b_eq, A_le, b_le, A_lt, b_lt, dim=None):
        parts = []
        for name, A, b in (("eq", A_eq, b_eq), ("le", A_le, b_le), ("lt", A_lt, b_lt)):
            A = [tuple(to_rational(v) for v in row) for row in A]
            b = [to_rational(v) for v in b]
            if len(A) != len(b):
                raise ShapeError(f"A_{name} has {len(A)} rows but b_{name} has {len(b)} entries")
            parts.append((A, b))
        (self.A_eq, self.b_eq), (self.A_le, self.b_le), (self.A_lt, self.b_lt) = parts
        rows = self.A_eq + self.A_le + self.A_lt
        self.d = dim if dim is not None else (len(rows[0]) if rows else 0)
        if any(len(r) != self.d for r in rows):
            raise ShapeError(f"every constraint row needs {self.d} coefficients")
        self.row_counts = (len(self.A_eq), len(self.A_le), len(self.A_lt))
        self.rows = rows
        self.rhs = self.b_eq + self.b_le + self.b_lt

    @property
    def m(self) -> int:
        return len(self.rows)

    def holds(self, x) -> bool:
        return (all(_dot(r, x) == v for r, v in zip(self.A_eq, self.b_eq))
                and all(_dot(r, x) <= v for r, v in zip(self.A_le, self.b_le))
                and all(_dot(r, x) < v for r, v in zip(self.A_lt, self.b_lt)))

    def is_motzkin(self, y) -> bool:
        m_eq, m_le, _ = self.row_counts
        if y is None or len(y) != self.m or any(v < 0 for v in y[m_eq:]):
            return False
        for j in range(self.d):
            if sum((yi * r[j] for yi, r in zip(y, self.rows) if yi), _ZERO) != 0:
                return False
        yb = sum((yi * bi for yi, bi in zip(y, self.rhs) if yi), _ZERO)
        return yb < 0 or (yb <= 0 and any(y[m_eq + m_le:]))

    def violated_zero_row(self) -> int | None:
        """The index of a row with no coefficient that no x satisfies (None if there is none)."""
        m_eq, m_le, _ = self.row_counts
        for i, (r, v) in enumerate(zip(self.rows, self.rhs)):
            if not any(r) and (v != 0 if i < m_eq else v < 0 if i < m_eq + m_le else v <= 0):
                return i
        return None

    def answer(self, x=None, y=None, method="", note="") -> Feasibility:
        if x is not None:
            return Feasibility(FeasibilityStatus.FEASIBLE, point=tuple(x), row_counts=self.row_counts,
                               method=method, note=note)
        return Feasibility(FeasibilityStatus.INFEASIBLE, multipliers=tuple(y), row_counts=self.row_counts,
                           method=method, note=note)


def _dot(a, x) -> Fraction:
    s = _ZERO
    for u, v in zip(a, x):
        if u:
            s += u * v
    return s


def _complete(A, b, proposal, d):
    """The exact solution of A x = b whose free variables take the proposed values (None if inconsistent)."""
    if not A:
        return tuple(proposal)
    R, rk = QMatrix.from_rows([list(r) + [bi] for r, bi in zip(A, b)]).rref()
    rows = R.rows()
    pivots = []
    for i in range(rk):
        j = next(j for j, v in enumerate(rows[i]) if v != 0)
        if j == d:
            return None  # 0 = nonzero: inconsistent
        pivots.append(j)
    x = list(proposal)
    pivset = set(pivots)
    for i, pj in enumerate(pivots):
        x[pj] = rows[i][d] - sum((rows[i][f] * x[f] for f in range(d) if f not in pivset and rows[i][f] != 0), _ZERO)
    return tuple(x)


# -- the engine -------------------------------------------------------------------------------

def linear_feasibility(A_eq: Sequence[Sequence[Any]] = (), b_eq: Sequence[Any] = (),
                       A_le: Sequence[Sequence[Any]] = (), b_le: Sequence[Any] = (),
                       A_lt: Sequence[Sequence[Any]] = (), b_lt: Sequence[Any] = (), *,
                       dim: int | None = None, proposal: Sequence[Any] | None = None,
                       nearest: bool = True, max_denominator: int = 10**6, use_float: bool = True) -> Feasibility:
    """Decide exactly whether ``{A_eq x = b_eq, A_le x <= b_le, A_lt x < b_lt}`` has a point.

    ``dim`` is the number of variables (needed when there are no rows).  An exact
    ``proposal`` is tried first (completed on the equalities), then, with ``nearest``, the
    feasible point nearest to it; ``max_denominator`` bounds the first rationalisation of
    float points.  With ``use_float=False`` only the exact simplex runs.  The answer is
    always exact (see the module docstring); it never says "undecided".
    """
    s = _System(A_eq, b_eq, A_le, b_le, A_lt, b_lt, dim)
    LP_STATS["calls"] += 1
    r = _decide(s, proposal, nearest, max_denominator, use_float)
    LP_STATS[r.method] += 1
    return r


def strict_feasibility(A: Sequence[Sequence[Any]], b: Sequence[Any], *, dim: int | None = None,
                       use_float: bool = True) -> Feasibility:
    """The open polyhedron ``{x : A x < b}``: :func:`linear_feasibility` with strict rows only
    (so ``multipliers`` is one entry per row of A)."""
    return linear_feasibility(A_lt=A, b_lt=b, dim=dim, use_float=use_float)


def _decide(s: _System, proposal, nearest, max_denominator, use_float) -> Feasibility:
    target = None
    if proposal is not None:
        target = [to_rational(v) for v in proposal]
        if len(target) != s.d:
            raise ShapeError(f"the proposal has {len(target)} entries, expected {s.d}")
        x = _complete(s.A_eq, s.b_eq, target, s.d)
        if x is not None and s.holds(x):
            return s.answer(x, method="proposal")
    bad = s.violated_zero_row()
    if bad is not None:
        y = [_ZERO] * s.m
        y[bad] = -_ONE if bad < s.row_counts[0] and s.rhs[bad] > 0 else _ONE
        return s.answer(y=y, method="trivial", note="a row with no coefficient fails")
    if not any(any(r) for r in s.rows):
        return s.answer((_ZERO,) * s.d, method="trivial")
    if use_float:
        got = _float_attempt(s, target, nearest, max_denominator)
        if got is not None:
            return got
    return _exact_simplex(s)


# -- float proposals, exactly verified ------------------------------------------------------------

def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds):
    import numpy as np
    from scipy.optimize import linprog  # a float proposal only

    kw = {}
    if len(A_ub):
        kw.update(A_ub=np.asarray(A_ub, float), b_ub=np.asarray(b_ub, float))
    if len(A_eq):
        kw.update(A_eq=np.asarray(A_eq, float), b_eq=np.asarray(b_eq, float))
    try:
        return linprog(np.asarray(c, float), bounds=bounds, method="highs", **kw)
    except (ValueError, RuntimeError):  # pragma: no cover - HiGHS refused the data
        return None


def _floats(rows):
    return [[float(v) for v in r] for r in rows]


def _float_attempt(s: _System, target, nearest, max_denominator) -> Feasibility | None:
    """The proposals of the module docstring, in order; None if none of them verifies."""
    d, m_eq = s.d, s.row_counts[0]
    # The margin LP: variables (x, t), max t, A_eq x = b_eq, a_i x + t <= b_i (rows with a coefficient).
    ineq = [i for i in range(m_eq, s.m) if any(s.rows[i])]
    A_ub = [[float(c) for c in s.rows[i]] + [1.0] for i in ineq]
    b_ub = [float(s.rhs[i]) for i in ineq]
    A_e = [r + [0.0] for r in _floats(s.A_eq)]
    res = _linprog([0.0] * d + [-1.0], A_ub, b_ub, A_e, [float(v) for v in s.b_eq],
                   [(-_BOX, _BOX)] * d + [(None, 1.0)])
    ok = res is not None and res.status == 0
    margin = -float(res.fun) if ok else None
    info = f"LP margin {margin:.3g}" if margin is not None else "LP without optimum"
    if nearest and target is not None and (not s.A_lt or (margin is not None and margin > 0)):
        x = _nearest_point(s, target, (margin or 0.0) * _STRICT_FRACTION, max_denominator)
        if x is not None:
            dist = sum((abs(a - p) for a, p in zip(x, target)), _ZERO)
            return s.answer(x, method="float_nearest", note=f"nearest to the proposal (L1 distance {float(dist):.3g})")
    if not ok:
        return None
    # With weak rows or equalities a margin <= 0 rules out nothing; with strict rows only it rules out a point.
    if margin > 0 or not s.A_lt or s.A_le or s.A_eq:
        width = max((sum(abs(float(c)) for c in s.rows[i]) for i in ineq), default=1.0)
        for cand in _roundings(res.x[:d], margin, width, max_denominator):
            x = _complete(s.A_eq, s.b_eq, cand, d)
            if x is not None and s.holds(x):
                return s.answer(x, method="float_point", note=info)
    if margin <= 1e-9:
        y = _dual_proposal(s, res, ineq)
        if y is not None:
            return s.answer(y=y, method="float_farkas", note=info)
    return None


def _roundings(xf, margin, width, max_denominator):
    """Rational candidates near the float point: small denominators first, then dyadic grids
    fine enough (2^-k * width < margin / 2) for the margin, then the float's exact value."""
    for den in (max_denominator, 10**3, 10**9):
        yield [Fraction(float(v)).limit_denominator(den) for v in xf]
    k = max(0, math.ceil(math.log2(2 * width / margin)) + 1) if margin > 0 else 60
    for kk in (min(k, 60), min(k + 8, 60)):
        yield [Fraction(round(float(v) * (1 << kk)), 1 << kk) for v in xf]
    yield [Fraction(float(v)) for v in xf]


def _nearest_point(s: _System, target, strict_margin, max_denominator):
    """HiGHS's point nearest to ``target`` (L1), made exact and checked; None if that fails.

    LP: variables (x, t), min sum t, x - t <= p, -x - t <= -p, A_eq x = b_eq,
    A_le x <= b_le, A_lt x <= b_lt - m (m = strict_margin > 0 when there are strict rows).
    """
    d = s.d
    m_q = Fraction(strict_margin).limit_denominator(10**6) if s.A_lt else _ZERO
    if s.A_lt and m_q <= 0:
        return None
    rows = [(r, v) for r, v in zip(s.A_le, s.b_le) if any(r)] + [(r, v - m_q) for r, v in zip(s.A_lt, s.b_lt) if any(r)]
    zeros = [0.0] * d
    A_ub = [[float(c) for c in r] + zeros for r, _ in rows]
    b_ub = [float(v) for _, v in rows]
    pf = [float(v) for v in target]
    for k in range(d):
        e = [0.0] * d
        e[k] = 1.0
        A_ub.append(e + [-v for v in e])
        A_ub.append([-v for v in e] + [-v for v in e])
        b_ub += [pf[k], -pf[k]]
    A_e = [r + zeros for r in _floats(s.A_eq)]
    res = _linprog([0.0] * d + [1.0] * d, A_ub, b_ub, A_e, [float(v) for v in s.b_eq],
                   [(None, None)] * d + [(0, None)] * d)
    if res is None or res.status != 0:
        return None
    xf = res.x[:d]
    scale = 1.0 + max((abs(v) for v in xf), default=0.0)
    tight = [(r, v) for r, v in rows if abs(sum(float(c) * xv for c, xv in zip(r, xf)) - float(v))
             <= 1e-9 * scale * (1.0 + sum(abs(float(c)) for c in r))]
    for den in (max_denominator, 10**3, 10**9):
        prop = [p if abs(xv - float(p)) <= 1e-12 * (1.0 + abs(float(p))) else Fraction(float(xv)).limit_denominator(den)
                for xv, p in zip(xf, target)]
        for extra in ([], tight):
            x = _complete(s.A_eq + [r for r, _ in extra], s.b_eq + [v for _, v in extra], prop, d)
            if x is not None and s.holds(x):
                return x
    return None


def _dual_proposal(s: _System, res, ineq):
    """Exact Motzkin multipliers on the support of the margin LP's duals (None if that fails)."""
    import numpy as np

    m_eq = s.row_counts[0]
    y = np.zeros(s.m)
    eq_m = getattr(getattr(res, "eqlin", None), "marginals", None)
    ub_m = getattr(getattr(res, "ineqlin", None), "marginals", None)
    if (m_eq and eq_m is None) or (ineq and ub_m is None):
        return None
    if m_eq:
        y[:m_eq] = -np.asarray(eq_m, dtype=np.float64)
    if ineq:
        y[ineq] = -np.asarray(ub_m, dtype=np.float64)
    top = float(np.max(np.abs(y), initial=0.0))
    if not np.all(np.isfinite(y)) or top <= 0:
        return None
    support = [i for i in range(s.m) if abs(y[i]) > 1e-9 * top]
    return _multiplier_on_support(s, support)


def _multiplier_on_support(s: _System, support):
    """An exact Motzkin multiplier of s supported on ``support`` (or None)."""
    m_eq = s.row_counts[0]
    if not support:
        return None
    ns = QMatrix.from_rows([[s.rows[i][j] for i in support] for j in range(s.d)], ncols=len(support)).nullspace()
    k = ns.shape[1]
    if k == 0:
        return None
    if k == 1:
        ys = [ns[r, 0] for r in range(len(support))]
        signs = {v > 0 for v, i in zip(ys, support) if i >= m_eq and v != 0}
        if signs == {False} or (not signs and sum((v * s.rhs[i] for v, i in zip(ys, support)), _ZERO) > 0):
            ys = [-v for v in ys]
    else:  # several directions: settle the subsystem on the support exactly (it is small)
        sub = _System([s.rows[i] for i in support if i < m_eq], [s.rhs[i] for i in support if i < m_eq],
                      [s.rows[i] for i in support if m_eq <= i < m_eq + s.row_counts[1]],
                      [s.rhs[i] for i in support if m_eq <= i < m_eq + s.row_counts[1]],
                      [s.rows[i] for i in support if i >= m_eq + s.row_counts[1]],
                      [s.rhs[i] for i in support if i >= m_eq + s.row_counts[1]], s.d)
        r = _exact_simplex(sub)
        if r.status is FeasibilityStatus.FEASIBLE:
            return None
        ys = list(r.multipliers)   # the order eq, le, lt of the support, which is sorted the same way
    y = [_ZERO] * s.m
    for i, v in zip(support, ys):
        y[i] = v
    return y if s.is_motzkin(y) else None


# -- the exact simplex ------------------------------------------------------------------------

def _exact_simplex(s: _System) -> Feasibility:
    """Decide s with an exact simplex over Fractions (no float at all).

    Rows: A_eq, -A_eq (weak), A_le (weak), A_lt (strict), written W x <= c; sigma_i = 1 on
    strict rows, 0 on weak ones.  Solves the dual of ``max t : W x + t sigma <= c, t <= 1``,

        min c.y + u  s.t.  y W = 0,  sigma.y + u = 1,  y, u >= 0,

    with Bland's rule from the basis {u} plus the pivot columns of rref(W_C^T) (W_C: a set of
    columns of W spanning its column space; the other coordinates of x are 0).  An unbounded
    ray (sigma.r = 0, so weak rows only) is a Farkas multiplier; an optimum v <= 0 gives the
    Motzkin multiplier y; an optimum v > 0 gives, from the optimal dual solution, x with
    W x + v sigma <= c.
    """
    m_eq, m_le, m_lt = s.row_counts
    W = [list(r) for r in s.A_eq] + [[-v for v in r] for r in s.A_eq] + [list(r) for r in s.A_le + s.A_lt]
    c = list(s.b_eq) + [-v for v in s.b_eq] + list(s.b_le) + list(s.b_lt)
    sigma = [_ZERO] * (2 * m_eq + m_le) + [_ONE] * m_lt
    m, d = len(W), s.d

    def multiplier(w):  # back to one entry per row of s (equalities: w+ - w-)
        return [w[i] - w[m_eq + i] for i in range(m_eq)] + list(w[2 * m_eq:m])

    cols: list[int] = []
    if d and m:
        r, rk = QMatrix.from_rows(W).rref()
        row = 0
        for j in range(d):
            if row < rk and r[row, j] != 0:
                cols.append(j)
                row += 1
    Wc = [[W[i][j] for j in cols] for i in range(m)]
    k = len(cols)
    if k:
        R = [list(rw) for rw in QMatrix.from_rows([[Wc[i][j] for i in range(m)] for j in range(k)]).rref()[0].rows()]
        piv = [next(j for j in range(m) if R[i][j] != 0) for i in range(k)]
    else:
        R, piv = [], []
    n = m + 1  # variables y_0..y_{m-1}, u; tableau rows hold coefficients then the right-hand side
    T = [R[i] + [_ZERO, _ZERO] for i in range(k)]
    last = sigma + [_ONE, _ONE]
    for i in range(k):
        if last[piv[i]]:
            f = last[piv[i]]
            last = [a - f * b for a, b in zip(last, T[i])]
    T.append(last)
    basis = piv + [m]
    cost = c + [_ONE]
    while True:
        # Reduced costs c_j - c_B B^-1 a_j (the tableau rows are B^-1 [E | f]); Bland: smallest index.
        cb = [cost[j] for j in basis]
        entering = None
        for j in range(n):
            if j in basis:
                continue
            if cost[j] - sum((cb[i] * T[i][j] for i in range(k + 1) if T[i][j]), _ZERO) < 0:
                entering = j
                break
        if entering is None:
            break
        ratios = [(T[i][-1] / T[i][entering], basis[i], i) for i in range(k + 1) if T[i][entering] > 0]
        if not ratios:  # an unbounded ray r >= 0: E r = 0, cost.r < 0, and sigma.r + r_u = 0
            ray = [_ZERO] * n
            ray[entering] = _ONE
            for i, j in enumerate(basis):
                ray[j] = -T[i][entering]
            return _checked(s, y=multiplier(ray))
        best = min(ratios)[0]
        _, _, pr = min((r for r in ratios if r[0] == best), key=lambda r: r[1])
        pv = T[pr][entering]
        T[pr] = [v / pv for v in T[pr]]
        for i in range(k + 1):
            if i != pr and T[i][entering]:
                f = T[i][entering]
                T[i] = [a - f * b for a, b in zip(T[i], T[pr])]
        basis[pr] = entering
    w = [_ZERO] * n
    for i, j in enumerate(basis):
        w[j] = T[i][-1]
    value = sum((cost[j] * w[j] for j in range(n)), _ZERO)
    if value <= 0:
        return _checked(s, y=multiplier(w))
    # The optimal dual solution pi (B^T pi = c_B) of the equality system E = [R 0; sigma 1].
    E_cols = [[R[i][j] if j < m else _ZERO for i in range(k)] + [sigma[j] if j < m else _ONE] for j in basis]
    B = QMatrix.from_rows([[E_cols[col][r] for col in range(k + 1)] for r in range(k + 1)])
    pi = B.T.solve(QMatrix.from_rows([[cost[j]] for j in basis]))
    # R = Tm Wc^T with Tm = (Wc^T[:, piv])^-1, so pi_R . R[:, i] = (Tm^T pi_R) . w_i.
    x = [_ZERO] * d
    if k:
        Tm = QMatrix.from_rows([[Wc[piv[col]][r] for col in range(k)] for r in range(k)]).inv()
        xc = Tm.T @ QMatrix.from_rows([[pi[i, 0]] for i in range(k)])
        for col, j in enumerate(cols):
            x[j] = xc[col, 0]
    return _checked(s, x=x)


def _checked(s: _System, x=None, y=None) -> Feasibility:
    """The simplex's answer, re-checked exactly (a failure would be a bug in the simplex)."""
    if (s.holds(x) if x is not None else s.is_motzkin(y)):
        return s.answer(x, y, method="exact_simplex")
    raise ToolkitError("internal error: the exact simplex produced an invalid certificate")  # pragma: no cover
