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

__all__ = ["Piece1D", "Point1D", "Sweep", "sweep_1d", "breakpoints_1d", "layer_pre_activations"]

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


_BELOW, _ABOVE = object(), object()   # a root at or below the cell's lower end, at or above its upper end


def sweep_1d(network: Network, lo: Any = None, hi: Any = None) -> Sweep:
    """Exact pieces of a scalar-input network on (lo, hi) (``None``: unbounded), and its breakpoints
    with their own patterns and values (see :func:`_cells` for how)."""
    cells = _cells(network, lo, hi)
    pieces = tuple(Piece1D(a, b, pat, tuple(Fraction(v, D) for v in S), tuple(Fraction(v, D) for v in C))
                   for a, b, pat, S, C, D in cells)
    return Sweep(pieces, _breakpoints(network, [p.hi for p in pieces[:-1]]))


def breakpoints_1d(network: Network, lo: Any = None, hi: Any = None) -> list[Fraction]:
    """Points strictly inside (lo, hi), increasing, such that the network is affine between two
    consecutive ones and on each side of the first and last: the ends of the pieces of
    :func:`sweep_1d`, except that for a network without hard-threshold neurons (continuous) an
    end where both neighbouring pieces have the same affine map is left out."""
    cells = _cells(network, lo, hi)
    if any(layer.activation is Activation.HARD_THRESHOLD for layer in network.layers):
        return [c[1] for c in cells[:-1]]
    # same map x -> (S x + C) / D on both sides: S D' = S' D and C D' = C' D
    return [c[1] for c, e in zip(cells, cells[1:])
            if [v * e[5] for v in (*c[3], *c[4])] != [v * c[5] for v in (*e[3], *e[4])]]


def _cells(network: Network, lo: Any, hi: Any) -> list:
    """The pieces as (lo, hi, pattern, S, C, D), the output map ``x -> (S x + C) / D`` on the piece.

    Integer arithmetic throughout: on each cell the map so far is ``x -> (S x + C) / D`` with
    integer vectors S, C and an integer D > 0; a layer ``W = Wi / L, b = bi / L`` (L the lcm of
    its denominators) gives every cell's pre-activations ``(A x + B) / (L D)`` with ``A = Wi S``,
    ``B = Wi C + bi D`` in one integer matrix product for all cells
    (:func:`exact.linalg.integer_matmul`).  A neuron with A_j != 0 changes state only at its
    root (``(t L D - B_j) / A_j``, t the level: 0 for ReLU, the threshold otherwise), active on
    the side where ``A_j x`` grows past it; so the pattern of every sub-interval follows from the
    position of each root among the sorted cuts, with no evaluation.
    """
    if network.in_dim != 1:
        raise InvalidArgument(f"sweep_1d needs a network with one input, this one has {network.in_dim}")
    lo_q = None if lo is None else to_rational(lo)
    hi_q = None if hi is None else to_rational(hi)
    if lo_q is not None and hi_q is not None and not lo_q < hi_q:
        raise InvalidArgument(f"empty domain: lo={lo_q} is not below hi={hi_q}")
    from math import gcd, lcm

    from .linalg import integer_matmul

    # (lo, hi, pattern, S, C, D); starts as the identity map x -> x.
    cells: list = [(lo_q, hi_q, (), [1], [0], 1)]
    for layer in network.layers:
        L = lcm(*(v.denominator for row in layer.weight for v in row), *(v.denominator for v in layer.bias))
        Wi = [[v.numerator * (L // v.denominator) for v in row] for row in layer.weight]
        bi = [v.numerator * (L // v.denominator) for v in layer.bias]
        act = layer.activation
        n_in = len(Wi[0])
        P = integer_matmul(Wi, _columns(cells, n_in)).T.tolist()         # row 2k: A of cell k, 2k + 1: Wi C
        nxt = []
        for k, (a, b, pat, _, _, D) in enumerate(cells):
            A = P[2 * k]
            B = [v + bj * D for v, bj in zip(P[2 * k + 1], bi)]
            LD = L * D
            g = gcd(LD, *A, *B)
            if g > 1:
                A, B, LD = [v // g for v in A], [v // g for v in B], LD // g
            if act is Activation.IDENTITY:
                nxt.append((a, b, pat + ((),), A, B, LD))
                continue
            if act is Activation.RELU:
                tn, td = 0, 1                              # the level t = tn / td, compared with (A x + B) / LD
            else:
                tn, td = layer.threshold.numerator, layer.threshold.denominator
            level = tn * LD                                # A x + B >= t L D  <=>  td (A x + B) >= level
            an, ad = (0, 1) if a is None else (a.numerator, a.denominator)
            bn, bd = (0, 1) if b is None else (b.numerator, b.denominator)
            # each root (level - td B_j) / (td A_j) as an integer pair with a positive denominator:
            # at or below a, at or above b, or strictly inside (a Fraction cut).  On the first
            # sub-interval a neuron is active iff its root is at or below a and A_j > 0, or it is
            # later and A_j < 0 (A_j = 0: by its constant); it flips at its root.
            cur = []
            flips: dict = {}
            for j, (aj, bj) in enumerate(zip(A, B)):
                if not aj:
                    cur.append(1 if ((bj > 0) if act is Activation.RELU else (td * bj >= level)) else 0)
                    continue
                rn, rd = (level - td * bj, td * aj) if aj > 0 else (td * bj - level, -td * aj)
                if a is not None and rn * ad <= an * rd:
                    cur.append(1 if aj > 0 else 0)
                elif b is not None and rn * bd >= bn * rd:
                    cur.append(0 if aj > 0 else 1)
                else:
                    cur.append(0 if aj > 0 else 1)
                    flips.setdefault(Fraction(rn, rd), []).append(j)
            cuts = sorted(flips)
            ends = [a, *cuts, b]
            relu = act is Activation.RELU
            if relu:
                S2 = [v if on else 0 for v, on in zip(A, cur)]
                C2 = [v if on else 0 for v, on in zip(B, cur)]
            for i in range(len(cuts) + 1):
                p = tuple(cur)
                if relu:
                    nxt.append((ends[i], ends[i + 1], pat + (p,), S2[:], C2[:], LD))
                else:
                    nxt.append((ends[i], ends[i + 1], pat + (p,), [0] * len(p), list(p), 1))
                if i < len(cuts):
                    for j in flips[cuts[i]]:
                        on = 1 if A[j] > 0 else 0          # right of its root
                        cur[j] = on
                        if relu:
                            S2[j], C2[j] = (A[j], B[j]) if on else (0, 0)
        cells = nxt
    return cells


def _columns(cells: list, n_in: int) -> Any:
    """The integer matrix [S_1 C_1 S_2 C_2 ...] (n_in rows) of the cells' maps, int64 when it fits."""
    import numpy as np

    rows = [cell[k] for cell in cells for k in (3, 4)]
    try:
        arr = np.array(rows, dtype=np.int64)
    except OverflowError:
        arr = np.array(rows, dtype=object)
    return arr.reshape(2 * len(cells), n_in).T


def _breakpoints(network: Network, xs: list[Fraction]) -> tuple[Point1D, ...]:
    """Exact patterns and outputs at the breakpoints, all at once (exact batch evaluation).

    A ReLU neuron is active iff its output is > 0 (pre-activation > 0); a hard-threshold
    neuron iff its output is 1 (pre-activation >= t).
    """
    if not xs:
        return ()
    import numpy as np

    from .evaluate import RationalBatch, apply_layer

    batch = RationalBatch.from_rationals([[x] for x in xs])
    patterns: list[list[tuple[int, ...]]] = [[] for _ in xs]
    for layer in network.layers:
        batch = apply_layer(layer, batch)
        if layer.activation is Activation.IDENTITY:
            for pat in patterns:
                pat.append(())
        else:
            for pat, row in zip(patterns, np.asarray(batch.num > 0, dtype=bool).astype(np.int64).tolist()):
                pat.append(tuple(row))
    values = batch.to_fractions()
    return tuple(Point1D(x, tuple(pat), val) for x, pat, val in zip(xs, patterns, values))
