"""Exact batch evaluation of networks with integer numpy arithmetic.

A batch of rational vectors is a :class:`RationalBatch`: an integer matrix of
numerators (one sample per row) and a positive denominator per sample, so sample k is
``num[k] / den[k]``.  Each layer is brought to integer form with a common denominator
per neuron (``W[i] = Wn[i] / wd[i]``, ``b[i] = bn[i] / wd[i]``), so that the
pre-activation of neuron i on sample k is

    P[k, i] / (wd[i] * den[k]),   P = num @ Wn.T + den (x) bn,

an integer matrix product.  Signs and threshold comparisons are decided on integers
(``P * td >= tn * wd[i] * den[k]`` for a threshold ``t = tn / td``).  Before every
product the magnitudes are bounded with Python integers: when the bound stays below
2**62 the work is done in int64, otherwise in Python integers (numpy ``object``
arrays), so no step can overflow.  Nothing here uses a float.

>>> from exact.network import Network
>>> net = Network.from_layers({"weight": [["1/2"], ["-1/3"]], "bias": [0, 1], "activation": "relu"})
>>> evaluate_batch(net, [[2], [6]]).to_fractions()
[(Fraction(1, 1), Fraction(1, 3)), (Fraction(3, 1), Fraction(0, 1))]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any, Sequence

import numpy as np

from .errors import InvalidArgument, ShapeError
from .network import Activation, Layer, Network
from .scalar import to_rational

__all__ = ["RationalBatch", "evaluate_batch", "apply_layer"]

_LIMIT = 1 << 62


def _absmax(a: np.ndarray) -> int:
    if a.size == 0:
        return 0
    if a.dtype == object:
        return max(abs(int(v)) for v in a.flat)
    return max(int(a.max()), -int(a.min()))


def _as_object(a: np.ndarray) -> np.ndarray:
    return a if a.dtype == object else a.astype(object)


def _int_array(values: Sequence[int], big: bool) -> np.ndarray:
    return np.array(values, dtype=object) if big else np.array(values, dtype=np.int64)


@dataclass(frozen=True)
class RationalBatch:
    """Rows ``num[k] / den[k]`` of exact rationals (``den`` positive integers)."""

    num: np.ndarray
    den: np.ndarray

    def __post_init__(self) -> None:
        if self.num.ndim != 2 or self.den.ndim != 1 or self.den.shape[0] != self.num.shape[0]:
            raise ShapeError("RationalBatch needs a 2-D numerator array and one denominator per row")
        if self.num.dtype.kind not in "iuO" or self.den.dtype.kind not in "iuO":
            raise InvalidArgument("RationalBatch holds integer arrays only")

    @property
    def shape(self) -> tuple[int, int]:
        return self.num.shape  # type: ignore[return-value]

    @classmethod
    def from_integers(cls, values: Any) -> "RationalBatch":
        """A batch of integer vectors (numpy integer array or nested int sequences)."""
        a = np.asarray(values)
        if a.dtype.kind == "f":
            raise InvalidArgument("from_integers got a float array; floats are not exact")
        if a.dtype.kind not in "iuO":
            raise InvalidArgument(f"from_integers needs integers, got dtype {a.dtype}")
        if a.dtype.kind == "u":
            a = a.astype(object) if a.dtype.itemsize >= 8 else a.astype(np.int64)
        if a.ndim != 2:
            raise ShapeError(f"a batch is 2-D (one sample per row), got shape {a.shape}")
        if a.dtype == object:
            a = np.array([[int(to_rational(v)) if to_rational(v).denominator == 1 else _not_int(v) for v in r] for r in a],
                         dtype=object).reshape(a.shape)  # a (0, n) array stays 2-D
            if _absmax(a) < _LIMIT:
                a = a.astype(np.int64)
        return cls(a, np.ones(a.shape[0], dtype=np.int64))

    @classmethod
    def from_rationals(cls, rows: Sequence[Sequence[Any]]) -> "RationalBatch":
        """A batch from rows of exact numbers (floats refused)."""
        qrows = [[to_rational(v) for v in r] for r in rows]
        if qrows and any(len(r) != len(qrows[0]) for r in qrows):
            raise ShapeError("batch rows have different lengths")
        dens = [lcm(*(v.denominator for v in r)) if r else 1 for r in qrows]
        nums = [[v.numerator * (d // v.denominator) for v in r] for r, d in zip(qrows, dens)]
        width = len(qrows[0]) if qrows else 0
        big = max((abs(v) for r in nums for v in r), default=0) >= _LIMIT or max(dens, default=1) >= _LIMIT
        num = np.array(nums, dtype=object if big else np.int64).reshape(len(qrows), width)
        return cls(num, _int_array(dens, big))

    def to_fractions(self) -> list[tuple[Fraction, ...]]:
        return [tuple(Fraction(int(v), int(d)) for v in row) for row, d in zip(self.num, self.den)]

    def row(self, k: int) -> tuple[Fraction, ...]:
        d = int(self.den[k])
        return tuple(Fraction(int(v), d) for v in self.num[k])

    def equal_rows(self, other: "RationalBatch") -> np.ndarray:
        """Boolean array, True where sample k of self equals sample k of other entrywise."""
        return self.equal_entries(other).all(axis=1)

    def equal_entries(self, other: "RationalBatch") -> np.ndarray:
        """Boolean matrix of entrywise exact equality (cross-multiplied, overflow-safe)."""
        if self.shape != other.shape:
            raise ShapeError(f"cannot compare batches of shapes {self.shape} and {other.shape}")
        if self.den is other.den or np.array_equal(self.den, other.den):
            return self.num == other.num  # same denominators (both in lowest terms or not): compare numerators
        big = (_absmax(self.num) * _absmax(other.den) >= _LIMIT
               or _absmax(other.num) * _absmax(self.den) >= _LIMIT)
        a, b = (self.num, other.num)
        da, db = (self.den, other.den)
        if big:
            a, b, da, db = map(_as_object, (a, b, da, db))
        return a * db[:, None] == b * da[:, None]


def _not_int(v: Any):
    raise InvalidArgument(f"from_integers got the non-integer {v!r}")


def _as_batch(inputs: Any, dim: int) -> RationalBatch:
    if isinstance(inputs, RationalBatch):
        batch = inputs
    elif isinstance(inputs, np.ndarray) and inputs.dtype.kind in "iu":
        batch = RationalBatch.from_integers(inputs)
    elif isinstance(inputs, np.ndarray) and inputs.dtype.kind == "f":
        raise InvalidArgument("float arrays are not exact inputs; convert them explicitly first")
    else:
        batch = RationalBatch.from_rationals(inputs)
    if batch.shape[1] != dim:
        raise ShapeError(f"inputs have {batch.shape[1]} entries, the network expects {dim}")
    return batch


def apply_layer(layer: Layer, batch: RationalBatch) -> RationalBatch:
    """One exact layer on a batch."""
    wn_l, bn_l, wd_l = layer.integer_form
    x, d = batch.num, batch.den
    wsum = max(sum(abs(v) for v in row) for row in wn_l)
    bmax = max(abs(v) for v in bn_l)
    xmax, dmax = _absmax(x), _absmax(d)
    pbound = xmax * wsum + bmax * dmax
    # the weights themselves must fit in int64 too (an empty batch or zero inputs give pbound = 0)
    big = pbound >= _LIMIT or max(wd_l) >= _LIMIT or wsum >= _LIMIT or bmax >= _LIMIT
    if big:
        x, d = _as_object(x), _as_object(d)
    wn = _int_array([v for row in wn_l for v in row], big).reshape(len(wn_l), -1)
    bn = _int_array(bn_l, big)
    wd = _int_array(wd_l, big)
    if x.shape[1] == 1:  # an outer product: broadcasting beats an integer matmul
        P = x * wn[:, 0][None, :]
    else:
        P = x @ wn.T
    if any(bn_l):
        P = P + d[:, None] * bn[None, :]

    act = layer.activation
    if act is Activation.HARD_THRESHOLD:
        t = layer.threshold
        tn, td = t.numerator, t.denominator
        cbig = big or pbound * td >= _LIMIT or abs(tn) * max(wd_l) * dmax >= _LIMIT
        if cbig:
            P, d, wd = _as_object(P), _as_object(d), _as_object(wd)
        lhs = P * td if td != 1 else P
        if not big and not cbig and dmax == 1 and int(d.min()) == 1:
            rhs = (tn * wd)[None, :]  # integer inputs: the right side is one row
        else:
            rhs = tn * (d[:, None] * wd[None, :])
        out = (lhs >= rhs).astype(np.int64)
        return RationalBatch(out, np.ones(out.shape[0], dtype=np.int64))
    if act is Activation.RELU:
        P = np.where(P > 0, P, 0) if P.dtype != object else np.array(
            [[v if v > 0 else 0 for v in row] for row in P], dtype=object).reshape(P.shape)
    # Bring every neuron of a sample onto the common denominator L * den[k].
    L = lcm(*wd_l)
    mult_l = [L // w for w in wd_l]
    nbig = big or pbound * max(mult_l) >= _LIMIT or dmax * L >= _LIMIT
    if nbig:
        P, d = _as_object(P), _as_object(d)
    mult = _int_array(mult_l, nbig)
    num = P * mult[None, :]
    den = d * (L if not nbig else int(L))
    return _reduce(RationalBatch(num, den))


def _reduce(batch: RationalBatch) -> RationalBatch:
    """Divide each sample by the gcd of its numerators and denominator."""
    num, den = batch.num, batch.den
    if num.shape[0] == 0:  # no sample: every entry (there is none) is below 2^62, so int64
        return RationalBatch(num.astype(np.int64), den.astype(np.int64))
    if num.shape[1] == 0:
        return batch
    g = np.gcd(np.gcd.reduce(num, axis=1), den)
    g = np.where(g == 0, 1, g)
    num, den = num // g[:, None], den // g
    if num.dtype == object and _absmax(num) < _LIMIT and _absmax(den) < _LIMIT:
        num, den = num.astype(np.int64), den.astype(np.int64)
    return RationalBatch(num, den)


def evaluate_batch(network: Network, inputs: Any) -> RationalBatch:
    """Exact outputs of ``network`` on every row of ``inputs``.

    ``inputs`` is a :class:`RationalBatch`, an integer numpy array, or rows of exact
    numbers.  Returns a :class:`RationalBatch` (use ``to_fractions()`` for tuples).
    """
    batch = _as_batch(inputs, network.in_dim)
    for layer in network.layers:
        batch = apply_layer(layer, batch)
    return batch
