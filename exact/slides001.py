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
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any, Sequence

import numpy as np

from .errors import InvalidArgument, ShapeError
from .linalg import QMatrix
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


def activation_integer_form(codes: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> tuple[list[list[int]], int]:
    """A2 = ReLU(z W2^T + b2) as (integer rows, common denominator), exactly (Python integers)."""
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
        return np.maximum(P, 0).tolist(), dw * dz
    rows = [[max(wj * zi + bj, 0) for wj, bj in zip(wn, bn)] for zi in zn]
    return rows, dw * dz


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


@dataclass(frozen=True)
class HandcraftedDecoder:
    """The handcrafted decoder: codes, W2, b2, the matrices A2, U3 = A2 W3^T (the given U3 with the
    zero signal's row replaced by 0, as realized), W3 (QMatrix) and the network."""

    codes: tuple[Fraction, ...]
    zero_index: int | None
    W2: tuple[Fraction, ...]
    b2: tuple[Fraction, ...]
    A2: QMatrix
    U3: QMatrix
    W3: QMatrix

    @property
    def network(self) -> Network:
        return decoder_network(self.W2, self.b2, self.W3.rows())

    def output_violations(self, amplitude: Any = 1) -> list[tuple[int, int]]:
        """(i, j) (1-based) where ReLU(A2 W3^T) differs from X (exact, flint product)."""
        return relu_product_violations(self.A2, self.W3, amplitude)


def relu_product_violations(A2: QMatrix, W3: QMatrix, amplitude: Any = 1) -> list[tuple[int, int]]:
    """Entries where Y = ReLU(A2 W3^T) differs from X (X has as many rows as A2: n+1 or n)."""
    c = _amplitude(amplitude)
    U = A2 @ W3.T
    m, n = U.shape
    if m not in (n, n + 1):
        raise ShapeError(f"A2 W3^T has shape {U.shape}; X is (n+1) x n or n x n")
    e = U.flint.entries()
    cn, cd = c.numerator, c.denominator
    bad = []
    for i in range(m):
        for j in range(n):
            v = e[i * n + j]
            ok = (v * cd == cn) if j >= i else (v <= 0)
            if not ok:
                bad.append((i + 1, j + 1))
    return bad


def verify_handcrafted(dec: "HandcraftedDecoder", amplitude: Any = 1) -> bool:
    """Exact check that ReLU(A2 W3^T) = X: A2 W3^T = U3 (flint equality) and U3 has form (1).

    The form-(1) test runs on U3's integer numerators (numpy, exact integer comparisons)."""
    c = _amplitude(amplitude)
    if (dec.A2 @ dec.W3.T) != dec.U3:
        return False
    num, den = dec.U3.flint.numer_denom()
    m, n = dec.U3.shape
    vals = [int(v) for v in num.entries()]
    big = max(map(abs, vals), default=0) >= (1 << 62) or abs(c.numerator) * int(den) >= (1 << 62)
    U = np.array(vals, dtype=object if big else np.int64).reshape(m, n)
    upper = np.arange(n)[None, :] >= np.arange(m)[:, None]
    target = c.numerator * int(den)
    return bool(np.all(U[upper] * c.denominator == target) and np.all(U[~upper] <= 0))


def handcrafted_decoder(codes: Sequence[Any], U3: Sequence[Sequence[Any]],
                        zero_index: int | None = None) -> HandcraftedDecoder:
    """001-H1/H4: W2, b2 from :func:`full_rank_layer2`, then W3^T = A2^{-1} U3 (zero signal's row dropped).

    With the zero signal, its row of A2 is 0, so the zero signal's row of A2 W3^T is 0 <= 0.
    """
    W2, b2 = full_rank_layer2(codes, zero_index)
    ai, ad = activation_integer_form(codes, W2, b2)
    ui, ud = _integer_form(U3)
    if len(ui) != len(ai):
        raise ShapeError(f"U3 has {len(ui)} rows, expected one per code ({len(ai)})")
    A = QMatrix.from_int_rows(_drop(ai, zero_index), ad)
    if A.shape[0] != A.shape[1]:
        raise ShapeError(f"A2 without the zero signal must be square, got {A.shape}")
    W3 = A.solve(QMatrix.from_int_rows(_drop(ui, zero_index), ud)).T
    if zero_index is not None:   # the realized pre-activation: the zero signal's row of A2 W3^T is 0
        ui = ui[:zero_index] + [[0] * len(ui[zero_index])] + ui[zero_index + 1:]
    return HandcraftedDecoder(tuple(to_rational(v) for v in codes), zero_index, W2, b2,
                              QMatrix.from_int_rows(ai, ad), QMatrix.from_int_rows(ui, ud), W3)


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
