"""Certify what training found: exact rational autoencoders from float proposals.

A trained network is a float proposal.  This module turns it into an exact verdict:

1. :func:`rationalize` rounds *exact* values (the caller converts each float explicitly,
   ``to_rational(v, allow_float=True)``, which gives its exact binary value) to nearby
   rationals of bounded denominator (``Fraction.limit_denominator``);
2. the rounded network is evaluated exactly on the data and its activation pattern
   read off;
3. where it is not exactly admissible, the decoder's last layer is *repaired*: with
   everything before it fixed (so the hidden activation pattern is kept), the weights
   of each output neuron solve an exact linear feasibility problem -- equalities
   (ReLU output: A2 w = C) or non-strict inequalities (threshold: z w + c >= t) where
   the output must be active, inequalities (A2 w <= 0, resp. z w + c < t) where it must
   not.  :func:`linear_feasibility` lets scipy's HiGHS *propose* a point -- the feasible
   point nearest (L1) to the trained (rounded) weights, so that the repair moves them as
   little as possible, else a point of largest margin -- (or Motzkin multipliers), then
   decides exactly: the point is completed on the equalities with
   flint (:class:`exact.linalg.QMatrix`) and every constraint checked in rationals; the
   multipliers are checked exactly (y >= 0, y A = 0, y.b < 0 or y_strict != 0 and
   y.b <= 0), which proves that no weights with that pattern exist;
4. the repaired network is verified exactly on every datum.

The outcome (:class:`Certification`) is a certified admissible autoencoder, or the
precise statement of which output has no weights with that pattern (with the exact
multipliers), or ``undecided`` when neither the float proposal nor the multipliers could
be made exact (never silently "admissible").

>>> from exact.step_autoencoder import sum_encoder
>>> c = certify_threshold_autoencoder(sum_encoder(3), [Fraction(1), Fraction(1, 3), Fraction(1, 3)])
>>> c.outcome, c.rounded_failures, c.repaired_outputs
('repaired', [2], [2])
>>> [str(v[0]) for v in c.network.layers[1].weight]   # w_2 = 1/3 moved to the nearest point of [1/2, 1)
['1', '1/2', '1/3']
>>> c.repair_distance()
Fraction(1, 6)
>>> old = certify_threshold_autoencoder(sum_encoder(3), [Fraction(1), Fraction(1, 3), Fraction(1, 3)], nearest=False)
>>> [str(v[0]) for v in old.network.layers[1].weight]   # the largest-margin w_2 (former behaviour)
['1', '2/3', '1/3']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .errors import InvalidArgument, ShapeError
from .linalg import QMatrix
from .network import Activation, Layer, Network
from .scalar import rational_str, to_rational

__all__ = [
    "rationalize", "Feasibility", "linear_feasibility", "Certification",
    "certify_threshold_autoencoder", "certify_relu_autoencoder", "step_data",
    "MissingOutput", "missing_output_range",
]


def rationalize(values: Any, max_denominator: int = 10**6) -> Any:
    """Nearest rationals with denominator <= max_denominator (nested sequences kept).

    Values must already be exact (Fraction, int, "p/q"): a float is refused by
    :func:`exact.scalar.to_rational` unless the caller converted it explicitly.
    """
    if isinstance(values, (list, tuple)):
        return type(values)(rationalize(v, max_denominator) for v in values) if isinstance(values, tuple) \
            else [rationalize(v, max_denominator) for v in values]
    return to_rational(values).limit_denominator(max_denominator)


def step_data(n: int, thetas: Sequence[int] | None = None, amplitude: Any = 1) -> list[tuple[int, tuple[Fraction, ...]]]:
    """(theta, x_theta) for the given thetas (default 0..n)."""
    c = to_rational(amplitude)
    ts = range(n + 1) if thetas is None else sorted(set(int(t) for t in thetas))
    if any(t < 0 or t > n for t in ts):
        raise InvalidArgument(f"thetas must lie in 0..{n}")
    return [(t, tuple(c if j <= t else Fraction(0) for j in range(1, n + 1))) for t in ts]


# -- exact linear feasibility -------------------------------------------------------------

@dataclass(frozen=True)
class Feasibility:
    """Outcome of ``{A_eq x = b_eq, A_le x <= b_le, A_lt x < b_lt}``.

    ``status``: ``"feasible"`` (``point`` satisfies every constraint exactly),
    ``"infeasible"`` (exact Motzkin multipliers ``y_eq`` (free), ``y_le``, ``y_lt`` (>= 0)
    with y A = 0 and y.b < 0, or y_lt != 0 and y.b <= 0) or ``"undecided"``.
    """

    status: str
    point: tuple[Fraction, ...] | None = None
    y_eq: tuple[Fraction, ...] = ()
    y_le: tuple[Fraction, ...] = ()
    y_lt: tuple[Fraction, ...] = ()
    note: str = ""

    def motzkin_multipliers(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """The multipliers in the layout of the kernel's Motzkin check: (y, y_strict), y for the
        weak rows A_eq, -A_eq, A_le in this order (each equality as two inequalities), y_strict
        for A_lt."""
        if self.status != "infeasible":
            raise InvalidArgument("only an infeasible system has Motzkin multipliers")
        zero = Fraction(0)
        y = tuple(max(v, zero) for v in self.y_eq) + tuple(max(-v, zero) for v in self.y_eq) + tuple(self.y_le)
        return y, tuple(self.y_lt)


def _q_rows(rows) -> list[list[Fraction]]:
    return [[to_rational(v) for v in r] for r in rows]


def _dot(a, b) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _complete(A: list[list[Fraction]], b: list[Fraction], proposal: Sequence[Fraction], d: int):
    """The exact solution of A x = b whose free variables take the proposed values (None if inconsistent)."""
    if not A:
        return tuple(proposal)
    aug = QMatrix.from_rows([r + [bi] for r, bi in zip(A, b)])
    R, rk = aug.rref()
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
        x[pj] = rows[i][d] - sum((rows[i][f] * x[f] for f in range(d) if f not in pivset and rows[i][f] != 0), Fraction(0))
    return tuple(x)


def _holds(x, A_eq, b_eq, A_le, b_le, A_lt, b_lt) -> bool:
    return (all(_dot(r, x) == v for r, v in zip(A_eq, b_eq)) and all(_dot(r, x) <= v for r, v in zip(A_le, b_le))
            and all(_dot(r, x) < v for r, v in zip(A_lt, b_lt)))


def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds):
    from scipy.optimize import linprog  # a float proposal only

    kw = {}
    if len(A_ub):
        kw.update(A_ub=np.asarray(A_ub, float), b_ub=np.asarray(b_ub, float))
    if len(A_eq):
        kw.update(A_eq=np.asarray(A_eq, float), b_eq=np.asarray(b_eq, float))
    return linprog(np.asarray(c, float), bounds=bounds, method="highs", **kw)


def _float(rows):
    return [[float(v) for v in r] for r in rows]


_STRICT_FRACTION = 1e-3   # strict rows: margin >= this fraction of the largest margin (a proposal only)


def _nearest_point(A_eq, b_eq, A_le, b_le, A_lt, b_lt, target, d, strict_margin, max_denominator):
    """HiGHS's point nearest to ``target`` (L1), made exact and checked; None if that fails.

    LP: variables (x, t), min sum t, x - t <= p, -x - t <= -p, A_eq x = b_eq,
    A_le x <= b_le, A_lt x <= b_lt - m (m = strict_margin > 0 when there are strict rows).
    """
    cons = (A_eq, b_eq, A_le, b_le, A_lt, b_lt)
    m_q = Fraction(strict_margin).limit_denominator(10**6) if A_lt else Fraction(0)
    if A_lt and m_q <= 0:
        return None
    rows = [(r, v) for r, v in zip(A_le, b_le) if any(r)] + [(r, v - m_q) for r, v in zip(A_lt, b_lt) if any(r)]
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
    Ae = [r + zeros for r in _float(A_eq)]
    res = _linprog([0.0] * d + [1.0] * d, A_ub, b_ub, Ae, [float(v) for v in b_eq],
                   [(None, None)] * d + [(0, None)] * d)
    if res.status != 0:
        return None
    xf = res.x[:d]
    scale = 1.0 + max((abs(v) for v in xf), default=0.0)
    tight = [(r, v) for r, v in rows if abs(sum(float(c) * xv for c, xv in zip(r, xf)) - float(v))
             <= 1e-9 * scale * (1.0 + sum(abs(float(c)) for c in r))]
    for den in (max_denominator, 10**3, 10**9):
        prop = [p if abs(xv - float(p)) <= 1e-12 * (1.0 + abs(float(p))) else Fraction(float(xv)).limit_denominator(den)
                for xv, p in zip(xf, target)]
        for extra in ([], tight):
            x = _complete(A_eq + [r for r, _ in extra], b_eq + [v for _, v in extra], prop, d)
            if x is not None and _holds(x, *cons):
                return x
    return None


def linear_feasibility(A_eq, b_eq, A_le, b_le, A_lt, b_lt, *, dim: int | None = None,
                       proposal: Sequence[Any] | None = None, max_denominator: int = 10**6,
                       nearest: bool = True) -> Feasibility:
    """Decide exactly whether {A_eq x = b_eq, A_le x <= b_le, A_lt x < b_lt} has a point.

    A given exact ``proposal`` p is tried first (completed on the equalities).  If it fails
    and ``nearest`` is true, HiGHS proposes the point nearest to p in L1 distance
    (min sum t, -t <= x - p <= t; strict rows kept at a margin of ``_STRICT_FRACTION`` times
    the largest margin); it is rationalized (coordinates the LP left at p keep p's exact
    value), completed with flint on the equalities (and, second try, on the rows the LP made
    tight) and checked exactly.  Otherwise -- or if that fails -- HiGHS's point of largest
    margin is rationalized, completed and checked the same way.  If no point is found, HiGHS
    proposes Motzkin multipliers, which are made exact on their support and checked.  Floats
    only propose: every answer is an exact point or exact multipliers.
    """
    A_eq, A_le, A_lt = _q_rows(A_eq), _q_rows(A_le), _q_rows(A_lt)
    b_eq, b_le, b_lt = [to_rational(v) for v in b_eq], [to_rational(v) for v in b_le], [to_rational(v) for v in b_lt]
    d = dim if dim is not None else len((A_eq or A_le or A_lt)[0])
    for rows in (A_eq, A_le, A_lt):
        if any(len(r) != d for r in rows):
            raise ShapeError(f"every constraint row needs {d} coefficients")
    cons = (A_eq, b_eq, A_le, b_le, A_lt, b_lt)
    if proposal is not None:
        x = _complete(A_eq, b_eq, [to_rational(v) for v in proposal], d)
        if x is not None and _holds(x, *cons):
            return Feasibility("feasible", x, note="proposal")
    # Primal proposal: max s, A_le x + s <= b_le, A_lt x + s <= b_lt, s <= 1, |x| <= 1e6.
    # Rows with no coefficient are decided exactly here and kept out of the margin LP.
    nz = [(r, v) for r, v in zip(A_le + A_lt, b_le + b_lt) if any(r)]
    A_ub = [[float(c) for c in r] + [1.0] for r, _ in nz]
    b_ub = [float(v) for _, v in nz]
    Ae = [r + [0.0] for r in _float(A_eq)]
    bounds = [(-1e6, 1e6)] * d + [(None, 1.0)]
    res = _linprog([0.0] * d + [-1.0], A_ub, b_ub, Ae, [float(v) for v in b_eq], bounds)
    margin = -res.fun if res.status == 0 else None
    if nearest and proposal is not None and (not A_lt or (margin is not None and margin > 0)):
        x = _nearest_point(A_eq, b_eq, A_le, b_le, A_lt, b_lt, [to_rational(v) for v in proposal], d,
                           (margin or 0.0) * _STRICT_FRACTION, max_denominator)
        if x is not None:
            dist = sum((abs(a - to_rational(b)) for a, b in zip(x, proposal)), Fraction(0))
            return Feasibility("feasible", x, note=f"nearest to the proposal (L1 distance {float(dist):.3g})")
    if res.status == 0:
        for den in (max_denominator, 10**3, 10**9):
            prop = [Fraction(float(v)).limit_denominator(den) for v in res.x[:d]]
            x = _complete(A_eq, b_eq, prop, d)
            if x is not None and _holds(x, *cons):
                return Feasibility("feasible", x, note=f"LP margin {margin:.3g}")
    # Dual proposal (Motzkin): y_eq free (split), y_le, y_lt >= 0, y A = 0, sum(y) = 1.
    m_eq, m_le, m_lt = len(A_eq), len(A_le), len(A_lt)
    cols = _float(A_eq) + [[-v for v in r] for r in _float(A_eq)] + _float(A_le) + _float(A_lt)
    bvec = [float(v) for v in b_eq] + [-float(v) for v in b_eq] + [float(v) for v in b_le + b_lt]
    m = len(cols)
    if m == 0:
        return Feasibility("undecided", note="no constraints and no point found")
    At = np.asarray(cols, float).T  # d x m
    Aeq_d = np.vstack([At, np.ones((1, m))])
    beq_d = np.concatenate([np.zeros(d), [1.0]])
    for strict_phase in (False, True):
        if not strict_phase:
            r = _linprog(bvec, [], [], Aeq_d, beq_d, [(0, None)] * m)
        else:
            if not m_lt:
                break
            c = [0.0] * (2 * m_eq + m_le) + [-1.0] * m_lt
            r = _linprog(c, [bvec], [0.0], Aeq_d, beq_d, [(0, None)] * m)
        if r.status != 0:
            continue
        y = r.x
        support = [k for k in range(m) if y[k] > 1e-12]
        if not support:
            continue
        # Exact y on the support: y_S A_S = 0, sum y_S = 1, free entries from the proposal.
        colsq = [[to_rational(v) for v in (A_eq + [[-u for u in rr] for rr in A_eq] + A_le + A_lt)[k]] for k in support]
        eqs = [[colsq[s][j] for s in range(len(support))] for j in range(d)] + [[Fraction(1)] * len(support)]
        rhs = [Fraction(0)] * d + [Fraction(1)]
        prop = [Fraction(float(y[k])).limit_denominator(max_denominator) for k in support]
        ys = _complete(eqs, rhs, prop, len(support))
        if ys is None or any(v < 0 for v in ys):
            continue
        full = [Fraction(0)] * m
        for k, v in zip(support, ys):
            full[k] = v
        y_eq = tuple(full[k] - full[m_eq + k] for k in range(m_eq))
        y_le = tuple(full[2 * m_eq:2 * m_eq + m_le])
        y_lt = tuple(full[2 * m_eq + m_le:])
        yb = _dot(y_eq, b_eq) + _dot(y_le, b_le) + _dot(y_lt, b_lt)
        if yb < 0 or (any(y_lt) and yb <= 0):
            return Feasibility("infeasible", None, y_eq, y_le, y_lt,
                               note="exact Motzkin multipliers" + (f" (LP margin {margin:.3g})" if margin is not None else ""))
    return Feasibility("undecided", note="float LP proposals could not be made exact"
                       + (f" (LP margin {margin:.3g})" if margin is not None else ""))


# -- certification of trained autoencoders --------------------------------------------------

@dataclass
class Certification:
    """The exact verdict on a trained (float) autoencoder (outputs numbered 1..n).

    ``outcome``: ``"admissible"`` (the rounded network reconstructs every datum exactly),
    ``"repaired"`` (the last layer was re-solved with the same hidden pattern and the result
    is admissible: ``network``), ``"infeasible"`` (for the outputs in ``infeasible_outputs`` no
    weights with this pattern exist: ``multipliers[output]`` are exact Motzkin multipliers,
    :meth:`Feasibility.motzkin_multipliers`, of that output's system) or ``"undecided"``.
    """

    outcome: str
    rounded: Network
    network: Network | None
    thetas: list[int]
    rounded_failures: list[int]
    repaired_outputs: list[int] = field(default_factory=list)
    infeasible_outputs: list[int] = field(default_factory=list)
    undecided_outputs: list[int] = field(default_factory=list)
    pattern: dict = field(default_factory=dict)
    reason: str = ""
    multipliers: dict = field(default_factory=dict)

    @property
    def certified(self) -> bool:
        return self.outcome in ("admissible", "repaired")

    def repair_distance(self) -> Fraction | None:
        """Largest |change| of a last-layer parameter (weights and biases) from the rounded
        network to the certified one (exact; 0 when nothing was repaired, None if not certified)."""
        if self.network is None:
            return None
        a, b = self.rounded.layers[-1], self.network.layers[-1]
        diffs = [abs(u - v) for ra, rb in zip(a.weight, b.weight) for u, v in zip(ra, rb)]
        diffs += [abs(u - v) for u, v in zip(a.bias, b.bias)]
        return max(diffs, default=Fraction(0))


def _codes(encoder: Network, data) -> list[Fraction]:
    if encoder.out_dim != 1:
        raise ShapeError(f"the encoder must output one code, it outputs {encoder.out_dim}")
    return [encoder.evaluate(x)[0] for _, x in data]


def _failures(net: Network, data) -> list[int]:
    return [t for t, x in data if net.evaluate(x) != x]


def _finish(rounded, repaired, data, thetas, rounded_failures, repaired_outputs, infeasible,
            undecided, pattern, multipliers) -> Certification:
    if infeasible:
        return Certification("infeasible", rounded, None, thetas, rounded_failures, repaired_outputs, infeasible,
                             undecided, pattern, f"no weights with this activation pattern exist for output(s) "
                             f"{infeasible} (exact Motzkin multipliers)", multipliers)
    if undecided:
        return Certification("undecided", rounded, None, thetas, rounded_failures, repaired_outputs, infeasible,
                             undecided, pattern, "the float proposals could not be made exact for output(s) "
                             f"{undecided}", multipliers)
    fails = _failures(repaired, data)
    if fails:  # cannot happen if the constraints were right; keep it honest
        return Certification("undecided", rounded, None, thetas, rounded_failures, repaired_outputs, [], [], pattern,
                             f"internal: the repaired network still fails at thetas {fails}")
    outcome = "admissible" if not rounded_failures else "repaired"
    why = ("the rounded network reconstructs every datum exactly" if outcome == "admissible" else
           f"the rounded network failed at thetas {rounded_failures}; outputs {repaired_outputs} "
           "were re-solved exactly with the same hidden activation pattern")
    return Certification(outcome, rounded, repaired, thetas, rounded_failures, repaired_outputs, [], [], pattern, why)


def certify_threshold_autoencoder(encoder: Network, weights: Sequence[Any], bias: Sequence[Any] | None = None,
                                  threshold: Any = 1, *, thetas: Sequence[int] | None = None,
                                  free_bias: bool | None = None, max_denominator: int = 10**6,
                                  nearest: bool = True) -> Certification:
    """Certify f = sigma(z w + c) o f_E (000's decoder, hard threshold t) on the step functions.

    ``weights``/``bias`` are exact (already rationalized by the caller).  Output i is
    repaired by solving for (w_i, c_i) (or w_i alone when the decoder has no bias and
    ``free_bias`` is false) with theta-constraints z w + c >= t (theta >= i) and
    z w + c < t (theta < i) over the data thetas; the proposal is the feasible (w_i, c_i)
    nearest to the rounded one (``nearest=False``: HiGHS's largest-margin point, the former
    behaviour), always checked exactly.
    """
    n = encoder.in_dim
    w = [to_rational(v) for v in weights]
    c = [to_rational(v) for v in bias] if bias is not None else [Fraction(0)] * n
    t = to_rational(threshold)
    if len(w) != n or len(c) != n:
        raise ShapeError(f"the decoder needs {n} weights and biases")
    use_bias = (bias is not None) if free_bias is None else free_bias
    data = step_data(n, thetas, 1)
    ts = [th for th, _ in data]
    z = _codes(encoder, data)
    dec = lambda ww, cc: Network((Layer(tuple((v,) for v in ww), tuple(cc), Activation.HARD_THRESHOLD, t),))  # noqa: E731
    rounded = encoder.then(dec(w, c))
    rounded_failures = _failures(rounded, data)
    pattern = {"codes": [rational_str(v) for v in z],
               "outputs": [[1 if zi * wi + ci >= t else 0 for wi, ci in zip(w, c)] for zi in z]}
    new_w, new_c = list(w), list(c)
    repaired, infeasible, undecided, multipliers = [], [], [], {}
    for i in range(n):
        if all((zi * w[i] + c[i] >= t) == (th >= i + 1) for zi, th in zip(z, ts)):
            continue
        act = [zi for zi, th in zip(z, ts) if th >= i + 1]
        ina = [zi for zi, th in zip(z, ts) if th < i + 1]
        if use_bias:
            A_le, b_le = [[-zi, Fraction(-1)] for zi in act], [-t] * len(act)
            A_lt, b_lt = [[zi, Fraction(1)] for zi in ina], [t] * len(ina)
            prop = [w[i], c[i]]
        else:
            A_le, b_le = [[-zi] for zi in act], [-(t - c[i])] * len(act)
            A_lt, b_lt = [[zi] for zi in ina], [t - c[i]] * len(ina)
            prop = [w[i]]
        f = linear_feasibility([], [], A_le, b_le, A_lt, b_lt, dim=len(prop), proposal=prop,
                               max_denominator=max_denominator, nearest=nearest)
        if f.status == "feasible":
            new_w[i] = f.point[0]
            if use_bias:
                new_c[i] = f.point[1]
            repaired.append(i + 1)
        elif f.status == "infeasible":
            infeasible.append(i + 1)
            multipliers[i + 1] = f.motzkin_multipliers()
        else:
            undecided.append(i + 1)
    return _finish(rounded, encoder.then(dec(new_w, new_c)), data, ts, rounded_failures, repaired,
                   infeasible, undecided, pattern, multipliers)


def certify_relu_autoencoder(encoder: Network, W2: Sequence[Any], b2: Sequence[Any], W3: Sequence[Sequence[Any]],
                             *, amplitude: Any = 1, thetas: Sequence[int] | None = None,
                             max_denominator: int = 10**6, nearest: bool = True) -> Certification:
    """Certify 001's f = ReLU(ReLU(z W2^T + b2) W3^T) o f_E on the step functions.

    Layer 2 is kept (its activation pattern on the data is the pattern); each row j of
    W3 is repaired by solving A2 w = C on the thetas with x_theta(j) = C and A2 w <= 0 on
    the others (A2 exact, from the rounded encoder and layer 2), starting from the feasible
    row nearest (L1) to the rounded W3 row (``nearest=False``: the largest-margin point).
    """
    n = encoder.in_dim
    C = to_rational(amplitude)
    w2 = [to_rational(v) for v in W2]
    bb = [to_rational(v) for v in b2]
    w3 = [[to_rational(v) for v in r] for r in W3]
    n2 = len(w2)
    if len(bb) != n2 or len(w3) != n or any(len(r) != n2 for r in w3):
        raise ShapeError(f"expected W2, b2 of length n2 and W3 of shape {n} x n2")
    data = step_data(n, thetas, C)
    ts = [th for th, _ in data]
    z = _codes(encoder, data)
    A2 = [[max(wj * zi + bj, Fraction(0)) for wj, bj in zip(w2, bb)] for zi in z]
    l2 = Layer(tuple((v,) for v in w2), tuple(bb), Activation.RELU)
    mk = lambda rows: encoder.then(Network((l2, Layer(tuple(tuple(r) for r in rows), (), Activation.RELU))))  # noqa: E731
    rounded = mk(w3)
    rounded_failures = _failures(rounded, data)
    pattern = {"codes": [rational_str(v) for v in z], "layer2": [[1 if a > 0 else 0 for a in r] for r in A2],
               "layer3": [[1 if _dot(r, wj) > 0 else 0 for wj in w3] for r in A2]}
    new_w3 = [list(r) for r in w3]
    repaired, infeasible, undecided, multipliers = [], [], [], {}
    for j in range(n):
        if all((max(_dot(a, w3[j]), Fraction(0)) == x[j]) for a, (_, x) in zip(A2, data)):
            continue
        A_eq = [a for a, (_, x) in zip(A2, data) if x[j] != 0]
        A_le = [a for a, (_, x) in zip(A2, data) if x[j] == 0]
        f = linear_feasibility(A_eq, [C] * len(A_eq), A_le, [Fraction(0)] * len(A_le), [], [], dim=n2,
                               proposal=w3[j], max_denominator=max_denominator, nearest=nearest)
        if f.status == "feasible":
            new_w3[j] = list(f.point)
            repaired.append(j + 1)
        elif f.status == "infeasible":
            infeasible.append(j + 1)
            multipliers[j + 1] = f.motzkin_multipliers()
        else:
            undecided.append(j + 1)
    return _finish(rounded, mk(new_w3), data, ts, rounded_failures, repaired, infeasible, undecided,
                   pattern, multipliers)


# -- what a decoder admissible on the present data can do on a missing datum ----------------

@dataclass(frozen=True)
class MissingOutput:
    """Exact answer for one output j at a missing datum, the hidden layer being fixed.

    ``kind``: ``"unbounded"`` (a ray ``direction`` D keeps every present pre-activation
    (A2_t D = 0 where x_t(j) = C, <= 0 where x_t(j) = 0) and has A2_m D = 1 at the missing
    code: the output there goes to +infinity), ``"wrong"`` (bounded -- ``ray`` is infeasible --
    but ``witness`` admissible on the present data decodes the missing datum wrongly),
    ``"right"`` (every admissible row decodes it correctly: each of ``deviations`` is
    infeasible), ``"inadmissible"`` (no row is admissible on the present data: ``base`` is
    infeasible) or ``"undecided"``.  ``witness``: a row admissible on the present data (for
    ``unbounded`` one whose pre-activation at the missing code is >= C + 1, for ``wrong`` one
    that errs there).  The systems, in the variables w (one row of W3), with E (L) the present
    rows where x_t(j) = C (= 0) and a the missing row: ``base`` = {E w = C, L w <= 0};
    ``ray`` = {E D = 0, a D = 1, L D <= 0}; ``deviations`` = {E w = C, L w <= 0, -a w < 0} when
    x_m(j) = 0, else {.., a w < C} and {.., -a w < -C}.  Infeasible ones carry exact
    multipliers (:meth:`Feasibility.motzkin_multipliers`).
    """

    output: int
    kind: str
    witness: tuple[Fraction, ...] | None = None
    direction: tuple[Fraction, ...] | None = None
    base: Feasibility | None = None
    ray: Feasibility | None = None
    deviations: tuple[Feasibility, ...] = ()


def missing_output_range(A2_present: Sequence[Sequence[Any]], X_present: Sequence[Sequence[Any]],
                         a_missing: Sequence[Any], x_missing: Sequence[Any], amplitude: Any = 1,
                         max_denominator: int = 10**6) -> list[MissingOutput]:
    """For each output j of ReLU(A2 W3^T): can some W3 reconstructing the present data get the
    missing datum wrong, and by how much?  Decided exactly (points or Motzkin multipliers).

    The rows of W3 are independent given A2, so each output is one exact linear problem:
    present constraints A2_t w = C (x_t(j) = C), A2_t w <= 0 (x_t(j) = 0); then a ray
    (unbounded error), else a strict deviation at the missing code (wrong), else right.
    """
    C = to_rational(amplitude)
    A = _q_rows(A2_present)
    X = _q_rows(X_present)
    a = [to_rational(v) for v in a_missing]
    xm = [to_rational(v) for v in x_missing]
    d = len(a)
    if len(A) != len(X) or any(len(r) != d for r in A):
        raise ShapeError(f"expected one A2 row of length {d} per present datum")
    zero = Fraction(0)
    out = []
    for j in range(len(xm)):
        E = [r for r, x in zip(A, X) if x[j] != 0]
        L = [r for r, x in zip(A, X) if x[j] == 0]
        base = linear_feasibility(E, [C] * len(E), L, [zero] * len(L), [], [], dim=d, max_denominator=max_denominator)
        if base.status != "feasible":
            out.append(MissingOutput(j + 1, "inadmissible" if base.status == "infeasible" else "undecided",
                                     base=base))
            continue
        ray = linear_feasibility(E + [a], [zero] * len(E) + [Fraction(1)], L, [zero] * len(L), [], [], dim=d,
                                 max_denominator=max_denominator)
        if ray.status == "feasible":
            m = max(zero, C + 1 - _dot(a, base.point))
            w = tuple(b + m * r for b, r in zip(base.point, ray.point))
            out.append(MissingOutput(j + 1, "unbounded", w, ray.point, base, ray))
            continue
        # Bounded (or undecided): can the missing output still be wrong?
        if xm[j] == 0:   # wrong iff a.w > 0 is possible
            devs = [([[-v for v in a]], [zero])]
        else:
            devs = [([a], [C]), ([[-v for v in a]], [-C])]   # a.w < C or a.w > C
        found, proofs, undecided = None, [], ray.status != "infeasible"
        for A_lt, b_lt in devs:
            f = linear_feasibility(E, [C] * len(E), L, [zero] * len(L), A_lt, b_lt, dim=d,
                                   max_denominator=max_denominator)
            if f.status == "feasible":
                found = f.point
                break
            undecided = undecided or f.status != "infeasible"
            proofs.append(f)
        if found is not None:
            out.append(MissingOutput(j + 1, "wrong" if ray.status == "infeasible" else "undecided", found,
                                     base=base, ray=ray))
        else:
            out.append(MissingOutput(j + 1, "undecided" if undecided else "right", base.point, base=base, ray=ray,
                                     deviations=tuple(proofs)))
    return out
