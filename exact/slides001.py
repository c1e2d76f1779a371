"""Constructions of the 001 slides ("AutoEncoders for step functions"), exactly.

Vocabulary (the slides' symbols):

* the data matrix ``X`` ((n+1) x n, amplitude C): row i (1-based) has i - 1 zeros then C's, the
  last row is the zero signal (:func:`data_rows`, :func:`data_matrix`).  Row i of X is
  000's step function x_theta with theta = n + 1 - i read backwards (CLAIMS.md: same family);
* the linear encoder z(i) = i (:func:`linear_encoder`, a one-layer identity network);
* matrices ``U3`` of form (1): entries where X = C equal C, entries where X = 0 are <= 0
  (:func:`is_form1`, :func:`canonical_form1` = X itself, :func:`random_form1`,
  :func:`form1_from_entries`);
* layer 2 making the activation matrix ``A2 = ReLU(z W2^T + b2)`` full rank for any distinct
  codes, with the zero signal's row of A2 equal to 0 (:func:`full_rank_layer2`, the "sort the
  codes" construction of 001-H4; for z(i) = i it gives W2 = -1, b2_j = j + 1);
* the handcrafted two-layer decoder ``W3^T = A2^{-1} U3`` (:func:`handcrafted_decoder`), as an
  :class:`exact.network.Network` (:func:`decoder_network`), checked with :func:`reconstructs`;
* the one-layer decoders of 001-L1 (hard threshold, :func:`threshold_decoder`) and the ReLU
  one-layer decoder (:func:`one_layer_relu_decoder`).

>>> data_rows(2, 3)
((Fraction(3, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(0, 1)))
>>> W2, b2 = full_rank_layer2([1, 2, 3, 4], zero_index=3)
>>> [str(w) for w in W2], [str(b) for b in b2]
(['-1', '-1', '-1'], ['2', '3', '4'])
>>> dec = handcrafted_decoder([1, 2, 3, 4], canonical_form1(3), zero_index=3)
>>> reconstructs(dec.network, [1, 2, 3, 4], data_rows(3))
True
>>> dec.W3.to_strings()
[['1', '0', '0'], ['-1', '1', '0'], ['0', '-1', '1']]
"""

from __future__ import annotations

import random as _random
from functools import cached_property
from fractions import Fraction
from math import lcm
from typing import Any, Sequence

import numpy as np

from .errors import InvalidArgument, ShapeError
from .linalg import QMatrix, integer_matmul
from .network import Activation, Layer, Network
from .scalar import to_rational

__all__ = [
    "data_rows", "data_matrix", "linear_codes", "linear_encoder", "is_form1", "form1_violations",
    "canonical_form1", "random_form1", "form1_from_entries", "full_rank_layer2",
    "activation_rows", "activation_integer_form", "solve_output_weights", "relu_product_violations", "verify_handcrafted", "HandcraftedDecoder", "handcrafted_decoder",
    "decoder_network", "decoder_output", "reconstructs", "threshold_decoder",
    "one_layer_relu_decoder", "qmatrix",
]


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgument(f"the dimension n must be a positive integer, got {n!r}")
    return n


def _amplitude(amplitude: Any) -> Fraction:
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument(f"the amplitude C must be positive (a ReLU output is >= 0), got {c}")
    return c


def qmatrix(rows: Sequence[Sequence[Any]]) -> QMatrix:
    """A QMatrix from rows of exact numbers, built through one integer matrix (fast)."""
    q = [[to_rational(v) for v in r] for r in rows]
    if not q:
        raise ShapeError("a matrix needs at least one row")
    den = lcm(*(v.denominator for r in q for v in r)) if q[0] else 1
    return QMatrix.from_int_rows([[v.numerator * (den // v.denominator) for v in r] for r in q], den)


def data_rows(n: int, amplitude: Any = 1, include_zero: bool = True) -> tuple[tuple[Fraction, ...], ...]:
    """The rows of X: row i (i = 1..n+1) is (0 x (i-1), C x (n-i+1)); without the zero signal n rows."""
    n = _check_n(n)
    c = _amplitude(amplitude)
    zero = Fraction(0)
    m = n + 1 if include_zero else n
    return tuple(tuple(c if j >= i else zero for j in range(1, n + 1)) for i in range(1, m + 1))


def data_matrix(n: int, amplitude: Any = 1, include_zero: bool = True) -> QMatrix:
    """X as a QMatrix ((n+1) x n, or n x n without the zero signal)."""
    return qmatrix(data_rows(n, amplitude, include_zero))


def linear_codes(n: int, include_zero: bool = True) -> tuple[Fraction, ...]:
    """The codes z(i) = i of the linear encoder, i = 1..n+1 (1..n without the zero signal)."""
    n = _check_n(n)
    return tuple(Fraction(i) for i in range(1, (n + 2) if include_zero else (n + 1)))


def linear_encoder(n: int, amplitude: Any = 1) -> Network:
    """The one-layer encoder without non-linearity z(x) = (n + 1) - (1/C) sum_j x(j), so z(row i) = i."""
    n = _check_n(n)
    c = _amplitude(amplitude)
    return Network((Layer(((-1 / c,) * n,), (Fraction(n + 1),), Activation.IDENTITY),))


def form1_violations(U: Sequence[Sequence[Any]], n: int, amplitude: Any = 1,
                     include_zero: bool = True) -> list[tuple[int, int]]:
    """The (i, j) (1-based) where U breaks form (1): U = C where X = C, U <= 0 where X = 0."""
    X = data_rows(n, amplitude, include_zero)
    rows = [[to_rational(v) for v in r] for r in U]
    if len(rows) != len(X) or any(len(r) != n for r in rows):
        raise ShapeError(f"U3 must be {len(X)} x {n}")
    return [(i + 1, j + 1) for i, (ur, xr) in enumerate(zip(rows, X)) for j, (u, x) in enumerate(zip(ur, xr))
            if (x != 0 and u != x) or (x == 0 and u > 0)]


def is_form1(U: Sequence[Sequence[Any]], n: int, amplitude: Any = 1, include_zero: bool = True) -> bool:
    """Does U have form (1) (equivalently, ReLU(U) = X)?"""
    return not form1_violations(U, n, amplitude, include_zero)


def form1_from_entries(n: int, lower: Sequence[Any], amplitude: Any = 1,
                       include_zero: bool = True) -> tuple[tuple[Fraction, ...], ...]:
    """Form (1) with the free entries (row-major, below the C-staircase) taken from ``lower``.

    ``lower`` must have n(n+1)/2 entries (n(n-1)/2 without the zero signal).  Entries are not
    checked for sign here (so negative controls can pass positive ones); see :func:`is_form1`.
    """
    X = data_rows(n, amplitude, include_zero)
    it = iter([to_rational(v) for v in lower])
    need = sum(1 for r in X for x in r if x == 0)
    if len(lower) != need:
        raise ShapeError(f"form (1) of size n={n} has {need} free entries, got {len(lower)}")
    return tuple(tuple(x if x != 0 else next(it) for x in r) for r in X)


def canonical_form1(n: int, amplitude: Any = 1, include_zero: bool = True) -> tuple[tuple[Fraction, ...], ...]:
    """The canonical U3 of form (1): every free entry 0, i.e. U3 = X."""
    return data_rows(n, amplitude, include_zero)


def random_form1(n: int, amplitude: Any = 1, include_zero: bool = True, seed: int = 0,
                 max_height: int = 9) -> tuple[tuple[Fraction, ...], ...]:
    """A random U3 of form (1): free entries -p/q with 0 <= p, 1 <= q <= max_height (seeded)."""
    rng = _random.Random(seed)
    need = n * (n + 1) // 2 if include_zero else n * (n - 1) // 2
    lower = [Fraction(-rng.randint(0, max_height), rng.randint(1, max_height)) for _ in range(need)]
    return form1_from_entries(n, lower, amplitude, include_zero)


def full_rank_layer2(codes: Sequence[Any], zero_index: int | None = None
                     ) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """(W2, b2) with n = len(codes) - (zero_index is not None) ReLU neurons making A2 rank n.

    The codes are sorted around z0 = the zero signal's code (or min(codes) - 1 without it).
    Codes above z0, ascending r_1 < ... < r_R, get neurons ReLU(z - t) with thresholds
    t in {z0, r_1, ..., r_{R-1}}; codes below, descending l_1 > ... > l_L, get neurons
    ReLU(t - z) with t in {z0, l_1, ..., l_{L-1}}.  Every neuron vanishes at z0 and the
    non-zero rows of A2, in sorted order, form a triangular matrix with positive diagonal.
    Neurons are ordered: ReLU(t - z) ones by increasing t, then ReLU(z - t) by increasing t.
    """
    z = [to_rational(v) for v in codes]
    if len(set(z)) != len(z):
        raise InvalidArgument("the codes must be distinct (a decoder maps equal codes to equal outputs)")
    if zero_index is None:
        if not z:
            raise InvalidArgument("at least one code is needed")
        z0 = min(z) - 1
        others = z
    else:
        if not 0 <= zero_index < len(z):
            raise InvalidArgument(f"zero_index must be in 0..{len(z) - 1}")
        z0 = z[zero_index]
        others = z[:zero_index] + z[zero_index + 1:]
        if not others:
            raise InvalidArgument("at least one non-zero signal is needed")
    left = sorted((v for v in others if v < z0), reverse=True)
    right = sorted(v for v in others if v > z0)
    lt = sorted([z0] + left[:-1]) if left else []
    rt = [z0] + right[:-1] if right else []
    W2 = tuple([Fraction(-1)] * len(lt) + [Fraction(1)] * len(rt))
    b2 = tuple(lt) + tuple(-t for t in rt)
    return W2, b2


def _integer_form(rows: Sequence[Sequence[Any]]) -> tuple[list[list[int]], int]:
    """Rows of exact numbers as (integer rows, common denominator); plain ints take a fast path."""
    types = {type(v) for r in rows for v in r}
    if types <= {int}:
        return [list(r) for r in rows], 1
    q = rows if types <= {int, Fraction} else [[to_rational(v) for v in r] for r in rows]
    if types <= {int, Fraction} and all(v.denominator == 1 for r in q for v in r):
        return [[v.numerator for v in r] for r in q], 1
    den = lcm(*(v.denominator for r in q for v in r)) if q and q[0] else 1
    return [[v.numerator * (den // v.denominator) for v in r] for r in q], den


def _activation_array(codes: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> tuple[np.ndarray, int]:
    """A2 = ReLU(z W2^T + b2) as (integer array, common denominator), exactly."""
    z = [to_rational(v) for v in codes]
    w = [to_rational(v) for v in W2]
    b = [to_rational(v) for v in b2]
    if len(w) != len(b):
        raise ShapeError(f"W2 has {len(w)} entries but b2 has {len(b)}")
    dz = lcm(*(v.denominator for v in z)) if z else 1
    dw = lcm(*(v.denominator for v in w + b)) if w else 1
    zn = [v.numerator * (dz // v.denominator) for v in z]
    wn = [v.numerator * (dw // v.denominator) for v in w]
    bn = [v.numerator * (dw // v.denominator) * dz for v in b]
    bound = max(map(abs, zn), default=0) * max(map(abs, wn), default=0) + max(map(abs, bn), default=0)
    if bound < (1 << 62):   # integer numpy fast path, provably without overflow
        P = np.outer(np.array(zn, dtype=np.int64), np.array(wn, dtype=np.int64)) + np.array(bn, dtype=np.int64)
        return np.maximum(P, 0), dw * dz
    rows = [[max(wj * zi + bj, 0) for wj, bj in zip(wn, bn)] for zi in zn]
    return np.array(rows, dtype=object).reshape(len(zn), len(wn)), dw * dz


def activation_integer_form(codes: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> tuple[list[list[int]], int]:
    """A2 = ReLU(z W2^T + b2) as (integer rows, common denominator), exactly (Python integers)."""
    a, den = _activation_array(codes, W2, b2)
    return a.tolist(), den


def activation_rows(codes: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> list[list[Fraction]]:
    """Rows of A2 = ReLU(z W2^T + b2) as Fractions (see :func:`exact.two_layer.activation_matrix`)."""
    rows, den = activation_integer_form(codes, W2, b2)
    return [[Fraction(v, den) for v in r] for r in rows]


def _drop(rows: list, index: int | None) -> list:
    return rows if index is None else rows[:index] + rows[index + 1:]


def solve_output_weights(A2_rows: Sequence[Sequence[Any]], U3_rows: Sequence[Sequence[Any]],
                         zero_index: int | None = None) -> QMatrix:
    """W3 (n x n2) with W3^T = A2'^{-1} U3' where ' drops the zero signal's row (A2' square)."""
    ai, ad = _integer_form(_drop(list(A2_rows), zero_index))
    ui, ud = _integer_form(_drop(list(U3_rows), zero_index))
    A = QMatrix.from_int_rows(ai, ad)
    if A.shape[0] != A.shape[1]:
        raise ShapeError(f"A2 without the zero signal must be square, got {A.shape}")
    return A.solve(QMatrix.from_int_rows(ui, ud)).T


class HandcraftedDecoder:
    """The handcrafted decoder: codes, W2, b2 and, as integer matrices over a common denominator,
    A2 (A2_int / A2_den), W3^T (W3T_int / W3_den) and the realized U3 = A2 W3^T (the given U3 with
    the zero signal's row replaced by 0; U3_int / U3_den).  ``A2``, ``U3``, ``W3`` are QMatrix views
    built on first use."""

    def __init__(self, codes, zero_index, W2, b2, A2_int, A2_den: int, W3T_int, W3_den: int, U3_int, U3_den: int):
        self.codes, self.zero_index = tuple(codes), zero_index
        self.W2, self.b2 = tuple(W2), tuple(b2)
        self.A2_int, self.A2_den = np.asarray(A2_int), int(A2_den)
        self.W3T_int, self.W3_den = np.asarray(W3T_int), int(W3_den)
        self.U3_int, self.U3_den = np.asarray(U3_int), int(U3_den)

    @cached_property
    def A2(self) -> QMatrix:
        return QMatrix.from_int_rows(self.A2_int.tolist(), self.A2_den)

    @cached_property
    def U3(self) -> QMatrix:
        return QMatrix.from_int_rows(self.U3_int.tolist(), self.U3_den)

    @cached_property
    def W3(self) -> QMatrix:
        return QMatrix.from_int_rows(self.W3T_int.T.tolist(), self.W3_den)

    @property
    def network(self) -> Network:
        return decoder_network(self.W2, self.b2, self.W3.rows())

    def with_W3(self, W3: QMatrix) -> "HandcraftedDecoder":
        """The same decoder with other output weights W3 (e.g. a negative control)."""
        num, den = W3.T.flint.numer_denom()
        rows = [[int(v) for v in num.entries()[i * num.ncols():(i + 1) * num.ncols()]] for i in range(num.nrows())]
        return HandcraftedDecoder(self.codes, self.zero_index, self.W2, self.b2, self.A2_int, self.A2_den,
                                  _int_array(rows), int(den), self.U3_int, self.U3_den)

    def output_violations(self, amplitude: Any = 1) -> list[tuple[int, int]]:
        """(i, j) (1-based) where ReLU(A2 W3^T) differs from X (exact integer product)."""
        Y = integer_matmul(self.A2_int, self.W3T_int)
        return _relu_violations(Y, self.A2_den * self.W3_den, amplitude)


def _int_array(rows: Any) -> np.ndarray:
    """Integer rows as an int64 array (numpy refuses, with OverflowError, any entry beyond int64), else object."""
    if isinstance(rows, np.ndarray):
        return rows
    try:
        return np.array(rows, dtype=np.int64)
    except OverflowError:
        return np.array(rows, dtype=object)


def _relu_violations(Y: np.ndarray, den: int, amplitude: Any) -> list[tuple[int, int]]:
    """Where ReLU(Y / den) differs from X (Y an (n+1) x n or n x n integer array; exact comparisons)."""
    c = _amplitude(amplitude)
    m, n = Y.shape
    if m not in (n, n + 1):
        raise ShapeError(f"A2 W3^T has shape {Y.shape}; X is (n+1) x n or n x n")
    upper = np.arange(n)[None, :] >= np.arange(m)[:, None]
    target = c.numerator * den
    if Y.dtype != object and (abs(target) >= (1 << 62) or c.denominator * max(abs(int(Y.max())), abs(int(Y.min()))) >= (1 << 62)):
        Y = Y.astype(object)
    bad = np.where(upper, Y * c.denominator != target, Y > 0)
    return [(int(i) + 1, int(j) + 1) for i, j in zip(*np.nonzero(bad))]


def relu_product_violations(A2: QMatrix, W3: QMatrix, amplitude: Any = 1) -> list[tuple[int, int]]:
    """Entries where Y = ReLU(A2 W3^T) differs from X (X has as many rows as A2: n+1 or n)."""
    U = A2 @ W3.T
    num, den = U.flint.numer_denom()
    Y = _int_array([[int(v) for v in num.entries()[i * num.ncols():(i + 1) * num.ncols()]] for i in range(num.nrows())])
    return _relu_violations(Y.reshape(U.shape), int(den), amplitude)


def verify_handcrafted(dec: "HandcraftedDecoder", amplitude: Any = 1) -> bool:
    """Exact check that ReLU(A2 W3^T) = X: one integer matrix product (exact.linalg.integer_matmul)
    of A2's and W3^T's numerators, then exact integer comparisons with C times the denominator."""
    return not dec.output_violations(amplitude)


def _sides(z: list[Fraction], zero_index: int | None) -> tuple[Fraction, list[int], list[int]]:
    """(z0, indices of the codes above z0 ascending, indices of the codes below z0 descending)."""
    z0 = min(z) - 1 if zero_index is None else z[zero_index]
    idx = [i for i in range(len(z)) if i != zero_index]
    right = sorted((i for i in idx if z[i] > z0), key=lambda i: z[i])
    left = sorted((i for i in idx if z[i] < z0), key=lambda i: -z[i])
    return z0, right, left


def _spline_output_weights(z: list[Fraction], zero_index: int | None, U: np.ndarray) -> tuple[np.ndarray, int]:
    """W3^T = A2'^{-1} U3' for the layer 2 of :func:`full_rank_layer2`, in closed form, as (integers, denominator).

    On each side of z0 the neurons are the truncated powers (z - t)_+ at the sorted codes, so
    A2' is triangular: with gaps g_i = r_i - r_{i-1} (r_0 = z0) and u_0 = 0, the slopes are
    s_i = (u_i - u_{i-1}) / g_i and the neuron at threshold r_{i-1} gets weight s_i - s_{i-1}
    (first differences, a division by the gaps, first differences).  Below z0 the same with -z.
    O(n^2) exact integer operations; the result is checked by :func:`verify_handcrafted`.
    """
    z0, right, left = _sides(z, zero_index)
    gaps_r = [z[i] - (z0 if k == 0 else z[right[k - 1]]) for k, i in enumerate(right)]
    gaps_l = [(z0 if k == 0 else z[left[k - 1]]) - z[i] for k, i in enumerate(left)]
    L = lcm(*(g.numerator for g in gaps_r + gaps_l)) if gaps_r or gaps_l else 1
    factor = lambda gs: [g.denominator * (L // g.numerator) for g in gs]
    fmax = max(factor(gaps_r) + factor(gaps_l), default=1)
    umax = max(abs(int(U.max())), abs(int(U.min()))) if U.size else 0
    if U.dtype != object and 4 * umax * fmax >= (1 << 62):
        U = U.astype(object)
    n = U.shape[1]

    def side(order: list[int], gs: list[Fraction]) -> np.ndarray:
        if not order:
            return np.zeros((0, n), dtype=U.dtype)
        V = U[order]
        zero = np.zeros((1, n), dtype=U.dtype)
        f = np.array(factor(gs), dtype=U.dtype)[:, None]
        return np.diff(np.diff(V, axis=0, prepend=zero) * f, axis=0, prepend=zero)

    Wr, Wl = side(right, gaps_r), side(left, gaps_l)
    return np.concatenate([Wl[::-1], Wr], axis=0), L   # neuron order: ReLU(t - z) by increasing t, then ReLU(z - t)


def handcrafted_decoder(codes: Sequence[Any], U3: Sequence[Sequence[Any]],
                        zero_index: int | None = None) -> HandcraftedDecoder:
    """001-H1/H4: W2, b2 from :func:`full_rank_layer2`, then W3^T = A2^{-1} U3 (zero signal's row dropped),
    in closed form (:func:`_spline_output_weights`).

    With the zero signal, its row of A2 is 0, so the zero signal's row of A2 W3^T is 0 <= 0.
    """
    z = [to_rational(v) for v in codes]
    W2, b2 = full_rank_layer2(z, zero_index)
    A, ad = _activation_array(z, W2, b2)
    try:
        U, ud = np.asarray(U3), 1
    except ValueError:
        raise ShapeError("U3 must have rows of equal length") from None
    if U.dtype.kind == "u":
        U = U.astype(object)
    elif U.dtype.kind != "i":     # rationals (or refused floats): clear denominators exactly
        ui, ud = _integer_form(U3)
        U = _int_array(ui)
    if U.ndim != 2 or U.shape[0] != A.shape[0]:
        raise ShapeError(f"U3 must have one row per code ({A.shape[0]}), got shape {U.shape}")
    if U.shape[1] != len(W2):
        raise ShapeError(f"A2 without the zero signal must be square: U3 has {U.shape[1]} columns, layer 2 {len(W2)} neurons")
    if zero_index is not None:   # the realized pre-activation: the zero signal's row of A2 W3^T is 0
        U = U.copy()
        U[zero_index] = 0
    Wn, L = _spline_output_weights(z, zero_index, U)
    return HandcraftedDecoder(tuple(z), zero_index, W2, b2, A, ad, Wn, ud * L, U, ud)


def decoder_network(W2: Sequence[Any], b2: Sequence[Any], W3: Sequence[Sequence[Any]],
                    b3: Sequence[Any] | None = None) -> Network:
    """The two-layer decoder z -> ReLU(W3 ReLU(W2 z + b2) + b3) (b3 = 0: the slides' decoder)."""
    l2 = Layer(tuple((w,) for w in W2), tuple(b2), Activation.RELU)
    l3 = Layer(tuple(tuple(r) for r in W3), tuple(b3) if b3 is not None else (), Activation.RELU)
    return Network((l2, l3))


def decoder_output(network: Network, codes: Sequence[Any]) -> list[tuple[Fraction, ...]]:
    """Exact outputs of a decoder on scalar codes."""
    return network.evaluate_batch([[to_rational(z)] for z in codes]).to_fractions()


def reconstructs(network: Network, codes: Sequence[Any], X_rows: Sequence[Sequence[Any]]) -> bool:
    """Does the decoder map code i to row i of X for every i (exactly)?"""
    out = decoder_output(network, codes)
    return all(tuple(o) == tuple(to_rational(v) for v in x) for o, x in zip(out, X_rows)) and len(out) == len(X_rows)


def threshold_decoder(n: int) -> Network:
    """A one-layer decoder with the hard threshold g(u) = [u >= 0] (C = 1) for z(i) = i:
    y_j = g(j + 1/2 - z), so y_j(i) = 1 iff i <= j (row i of X)."""
    n = _check_n(n)
    return Network((Layer(tuple((Fraction(-1),) for _ in range(n)),
                          tuple(Fraction(2 * j + 1, 2) for j in range(1, n + 1)),
                          Activation.HARD_THRESHOLD, Fraction(0)),))


def one_layer_relu_decoder(W: Sequence[Any], b: Sequence[Any]) -> Network:
    """The one-layer ReLU decoder y = ReLU(W z + b) (W, b in Q^n)."""
    return Network((Layer(tuple((to_rational(w),) for w in W), tuple(b), Activation.RELU),))
