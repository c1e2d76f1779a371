"""Exact breakpoint sweep of a network with a scalar input (d = 1).

Layer by layer, every piece (an open interval on which the network so far is affine)
is split at the points where a neuron's pre-activation crosses 0 (ReLU) or its
threshold (hard threshold).  All end points are exact rationals; ``None`` stands for
-inf / +inf.

What is returned (:class:`Sweep`):

* ``pieces``: the open intervals, each with its activation pattern (per layer, one 0/1
  per neuron; ``()`` for identity layers) and the exact affine map ``x -> slope x +
  intercept`` of the network's output on it;
* ``points``: the breakpoints strictly inside the domain (the lower-dimensional cells),
  each with its own pattern (a ReLU neuron whose pre-activation is exactly 0 there is
  inactive, 003's convention "active iff > 0") and the exact output value there.
  Hard-threshold networks may be discontinuous at these points, so the value is given.

Activation regions are the pieces; :meth:`Sweep.affine_pieces` merges neighbours with
the same affine map (where the function is also continuous at the shared point).

>>> from exact.network import Network
>>> hat = Network.from_layers({"weight": [[1], [1], [1]], "bias": [0, -1, -2], "activation": "relu"},
...                           {"weight": [[1, -2, 1]]})
>>> s = sweep_1d(hat)
>>> [(p.lo, p.hi) for p in s.pieces]
[(None, Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1)), (Fraction(2, 1), None)]
>>> [(p.slope[0], p.intercept[0]) for p in s.pieces]
[(Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)), (Fraction(-1, 1), Fraction(2, 1)), (Fraction(0, 1), Fraction(0, 1))]
>>> len(s.affine_pieces())
4
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument
from .network import Activation, Network
from .scalar import to_rational

__all__ = ["Piece1D", "Point1D", "Sweep", "sweep_1d", "layer_pre_activations"]

Pattern = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Piece1D:
    """An open interval (lo, hi) with its activation pattern and affine output map."""

    lo: Fraction | None
    hi: Fraction | None
    pattern: Pattern
    slope: tuple[Fraction, ...]
    intercept: tuple[Fraction, ...]

    def value(self, x: Any) -> tuple[Fraction, ...]:
        x = to_rational(x)
        return tuple(s * x + c for s, c in zip(self.slope, self.intercept))

    def interior_point(self) -> Fraction:
        return _interior(self.lo, self.hi)

    @property
    def length(self) -> Fraction | None:
        return None if self.lo is None or self.hi is None else self.hi - self.lo


@dataclass(frozen=True)
class Point1D:
    """A breakpoint (a 0-dimensional cell) with its own pattern and output value."""

    x: Fraction
    pattern: Pattern
    value: tuple[Fraction, ...]


@dataclass(frozen=True)
class Sweep:
    pieces: tuple[Piece1D, ...]
    points: tuple[Point1D, ...]

    def affine_pieces(self) -> list[tuple[Fraction | None, Fraction | None, tuple, tuple]]:
        """Maximal intervals on which the output is one affine map: (lo, hi, slope, intercept)."""
        out: list[list[Any]] = []
        pts = {p.x: p for p in self.points}
        for piece in self.pieces:
            if out and out[-1][2] == piece.slope and out[-1][3] == piece.intercept:
                at = pts.get(piece.lo)
                if at is None or at.value == piece.value(piece.lo):
                    out[-1][1] = piece.hi
                    continue
            out.append([piece.lo, piece.hi, piece.slope, piece.intercept])
        return [tuple(p) for p in out]  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self.pieces)


def _interior(lo: Fraction | None, hi: Fraction | None) -> Fraction:
    if lo is None and hi is None:
        return Fraction(0)
    if lo is None:
        return hi - 1  # type: ignore[operator]
    if hi is None:
        return lo + 1
    return (lo + hi) / 2


def _activate(layer, alpha, beta, x):
    """Pattern and new affine map of a layer on a cell containing x (exact sign tests at x)."""
    act = layer.activation
    u = [a * x + b for a, b in zip(alpha, beta)]
    if act is Activation.RELU:
        pat = tuple(1 if v > 0 else 0 for v in u)
        return pat, tuple(a if p else Fraction(0) for a, p in zip(alpha, pat)), tuple(b if p else Fraction(0) for b, p in zip(beta, pat))
    if act is Activation.HARD_THRESHOLD:
        pat = tuple(1 if v >= layer.threshold else 0 for v in u)
        return pat, tuple(Fraction(0) for _ in pat), tuple(Fraction(p) for p in pat)
    return (), tuple(alpha), tuple(beta)


def _critical(layer, alpha, beta):
    if layer.activation is Activation.IDENTITY:
        return []
    level = layer.threshold if layer.activation is Activation.HARD_THRESHOLD else Fraction(0)
    return [(level - b) / a for a, b in zip(alpha, beta) if a != 0]


def layer_pre_activations(layer, maps: Sequence[tuple[Sequence[Sequence[Fraction]], Sequence[Fraction]]]):
    """Pre-activations ``(U, v)`` of ``layer`` for many affine maps ``x -> M x + c`` at once.

    One exact matrix product (flint) ``W [M_1 c_1 M_2 c_2 ...]`` replaces a Fraction
    loop per map; returns one ``(U, v)`` per map with ``u_j(x) = U_j . x + v_j``.
    """
    from .linalg import QMatrix

    if not maps:
        return []
    n_in = len(layer.weight[0])
    d = len(maps[0][0][0]) if maps[0][0] and maps[0][0][0] else 0
    cols = []
    for M, c in maps:
        for t in range(d):
            cols.append([M[i][t] for i in range(n_in)])
        cols.append(list(c))
    X = QMatrix.from_rows([[col[i] for col in cols] for i in range(n_in)], ncols=len(cols))
    Y = (QMatrix.from_rows(layer.weight) @ X).rows()
    out = []
    for k in range(len(maps)):
        base = k * (d + 1)
        out.append(([tuple(row[base:base + d]) for row in Y],
                    [row[base + d] + bj for row, bj in zip(Y, layer.bias)]))
    return out


def sweep_1d(network: Network, lo: Any = None, hi: Any = None) -> Sweep:
    """Exact pieces of a scalar-input network on (lo, hi) (``None``: unbounded)."""
    if network.in_dim != 1:
        raise InvalidArgument(f"sweep_1d needs a network with one input, this one has {network.in_dim}")
    lo_q = None if lo is None else to_rational(lo)
    hi_q = None if hi is None else to_rational(hi)
    if lo_q is not None and hi_q is not None and not lo_q < hi_q:
        raise InvalidArgument(f"empty domain: lo={lo_q} is not below hi={hi_q}")
    # (lo, hi, pattern, slope, intercept); starts as the identity map x -> x.
    cells = [(lo_q, hi_q, (), (Fraction(1),), (Fraction(0),))]
    for layer in network.layers:
        nxt = []
        # one exact matrix product per layer for every cell's pre-activations
        pres = layer_pre_activations(layer, [([(v,) for v in s], c) for _, _, _, s, c in cells])
        for (a, b, pat, s, c), (U, beta) in zip(cells, pres):
            alpha = tuple(r[0] for r in U)
            cuts = sorted({x for x in _critical(layer, alpha, beta)
                           if (a is None or x > a) and (b is None or x < b)})
            ends = [a] + cuts + [b]
            for u, v in zip(ends, ends[1:]):
                p, s2, c2 = _activate(layer, alpha, beta, _interior(u, v))
                nxt.append((u, v, pat + (p,), s2, c2))
        cells = nxt
    pieces = tuple(Piece1D(a, b, pat, s, c) for a, b, pat, s, c in cells)
    return Sweep(pieces, _breakpoints(network, [p.hi for p in pieces[:-1]]))


def _breakpoints(network: Network, xs: list[Fraction]) -> tuple[Point1D, ...]:
    """Exact patterns and outputs at the breakpoints, all at once (exact batch evaluation).

    A ReLU neuron is active iff its output is > 0 (pre-activation > 0); a hard-threshold
    neuron iff its output is 1 (pre-activation >= t).
    """
    if not xs:
        return ()
    from .evaluate import RationalBatch, apply_layer

    batch = RationalBatch.from_rationals([[x] for x in xs])
    patterns: list[list[tuple[int, ...]]] = [[] for _ in xs]
    for layer in network.layers:
        batch = apply_layer(layer, batch)
        for k, row in enumerate(batch.num):
            patterns[k].append(() if layer.activation is Activation.IDENTITY else tuple(int(v > 0) for v in row))
    values = batch.to_fractions()
    return tuple(Point1D(x, tuple(pat), val) for x, pat, val in zip(xs, patterns, values))
