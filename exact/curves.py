"""Closed polygonal curves K in R^2 and exact autoencoders with a scalar code (004).

A :class:`Polygon` is a polyline with rational vertices V_0, ..., V_{m-1}; closed (the
default) it is the topological circle K = boundary of a polygon, open it is an arc.
Points of K are named by the *rational parameter* s: edge k is s in [k, k + 1] and
K(s) = V_k + (s - k) (V_{k+1} - V_k).  Lengths are measured in the max-norm
(ell-infinity arc length: edge k has length ||V_{k+1} - V_k||_inf, a rational; for
axis-parallel edges such as the square's it is the Euclidean length).

Constructions (networks in the JSON network format, exact rational weights):

* :func:`cut_encoder` E_n : R^2 -> R (layers 2 -> 2N -> N -> 1, ReLU, ReLU, identity),
  the nodal interpolant on the uniform mesh of K with n cells per edge (N = m n nodes)
  of the code s, except on the *cut cell* (s in [m - 1/n, m], just before V_0) where
  the code falls linearly from m - 1/n back to 0.  It is positively homogeneous and
  linear on each cone spanned by two consecutive nodes, built from hats
  phi_j = ReLU(min(alpha_j, beta_j)) = ReLU(alpha_j - ReLU(alpha_j - beta_j)).
* :func:`path_decoder` D : R -> R^2 (layers 1 -> m -> 2), D(z) = K(z) for z in [0, m - 1].
* :func:`cut_autoencoder`: D o E_n, exact on K outside the cut cell (which has length
  ||V_0 - V_{m-1}||_inf / n, so it shrinks as the width grows).

Exact error analysis (:func:`curve_error`): each edge's parameterisation
t -> P + t (Q - P) is prepended to the autoencoder as an identity layer and
:func:`exact.sweep1d.sweep_1d` gives the pieces of [0, 1] on which the autoencoder is
affine; the error e(t) = ||A(K(t)) - K(t)||_inf is then the maximum of 2 m affine
functions on each piece, so the bad set {e > delta} is a finite union of open arcs
with rational end points, computed exactly with its length and the maximum error.

>>> K = square()
>>> enc, dec = cut_autoencoder(K, 2)
>>> auto = enc.then(dec)
>>> auto.evaluate(["1/2", "1"]) == (Fraction(1, 2), Fraction(1))
True
>>> r = curve_error(auto, K, "1/10")
>>> r.max_error, r.bad_length <= K.edge_length(3) / 2
(Fraction(2, 1), True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from .errors import InvalidArgument
from .network import Activation, Layer, Network
from .scalar import to_rational
from .sweep1d import sweep_1d

__all__ = [
    "Polygon", "square", "octagon", "circle_polygon", "polygon", "mesh_nodes",
    "cut_encoder", "path_decoder", "cut_autoencoder", "edge_network", "EdgeError",
    "CurveError", "edge_error", "curve_error", "identified_pair", "antipodal_pair",
    "IdentifiedPair", "max_norm",
]

Point = tuple[Fraction, Fraction]


def max_norm(v: Sequence[Fraction]) -> Fraction:
    """||v||_inf."""
    return max(abs(x) for x in v)


def _det(a: Point, b: Point) -> Fraction:
    return a[0] * b[1] - a[1] * b[0]


@dataclass(frozen=True)
class Polygon:
    """A polyline with rational vertices; ``closed`` makes it the boundary curve K."""

    vertices: tuple[Point, ...]
    closed: bool = True
    name: str = "polygon"

    def __post_init__(self) -> None:
        vs = tuple((to_rational(v[0]), to_rational(v[1])) for v in self.vertices)
        if len(vs) < (3 if self.closed else 2):
            raise InvalidArgument(f"{'a closed' if self.closed else 'an open'} polygon needs more vertices, got {len(vs)}")
        for k in range(len(vs) if self.closed else len(vs) - 1):
            if vs[k] == vs[(k + 1) % len(vs)]:
                raise InvalidArgument(f"edge {k} has length 0 (vertex {k} repeated)")
        object.__setattr__(self, "vertices", vs)

    @property
    def m(self) -> int:
        """Number of vertices."""
        return len(self.vertices)

    @property
    def n_edges(self) -> int:
        return self.m if self.closed else self.m - 1

    def edge(self, k: int) -> tuple[Point, Point]:
        if not 0 <= k < self.n_edges:
            raise InvalidArgument(f"edge index {k} out of range 0..{self.n_edges - 1}")
        return self.vertices[k], self.vertices[(k + 1) % self.m]

    def edge_length(self, k: int) -> Fraction:
        """ell-infinity length of edge k."""
        p, q = self.edge(k)
        return max_norm((q[0] - p[0], q[1] - p[1]))

    @property
    def length(self) -> Fraction:
        return sum((self.edge_length(k) for k in range(self.n_edges)), Fraction(0))

    def point(self, s: Any) -> Point:
        """K(s) for s in [0, n_edges] (s = n_edges is V_0 again when closed)."""
        s = to_rational(s)
        if not 0 <= s <= self.n_edges:
            raise InvalidArgument(f"parameter {s} outside [0, {self.n_edges}]")
        k = min(math.floor(s), self.n_edges - 1)
        p, q = self.edge(k)
        t = s - k
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

    def is_centrally_symmetric(self) -> bool:
        """V_{k + m/2} = -V_k for every k (so K = -K and K(s + m/2) = -K(s))."""
        m = self.m
        return self.closed and m % 2 == 0 and all(
            self.vertices[(k + m // 2) % m] == (-v[0], -v[1]) for k, v in enumerate(self.vertices))

    def to_json(self) -> dict:
        return {"name": self.name, "closed": self.closed,
                "vertices": [[_s(v[0]), _s(v[1])] for v in self.vertices]}


def _s(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def square(half_side: Any = 1) -> Polygon:
    """The boundary of [-a, a]^2, counter-clockwise: V_0 = (a, -a), (a, a), (-a, a), (-a, -a)."""
    a = to_rational(half_side)
    if a <= 0:
        raise InvalidArgument("half_side must be positive")
    return Polygon(((a, -a), (a, a), (-a, a), (-a, -a)), True, "square")


def octagon() -> Polygon:
    """A lattice octagon close to a regular one: (2, -1), (2, 1), (1, 2), ... (centrally symmetric)."""
    vs = ((2, -1), (2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1), (-1, -2), (1, -2))
    return Polygon(tuple((Fraction(x), Fraction(y)) for x, y in vs), True, "octagon")


def circle_polygon(m: int, q: int = 32) -> Polygon:
    """m rational points exactly on the unit circle, near a regular m-gon (m even: symmetric).

    Vertex k is ((1 - t^2) / (1 + t^2), 2 t / (1 + t^2)) with t = round(q tan(theta_k / 2)) / q,
    theta_k = 2 pi k / m - pi / m; a float only proposes the integer round(...).  For
    even m the second half is the negative of the first.  For odd m the vertex at
    theta_k = pi (2 k - 1 = m, decided in integers) is (-1, 0), the limit t -> infinity.
    """
    if m < 3 or (m % 2 and m < 5):
        raise InvalidArgument(f"circle_polygon needs m >= 3 (m >= 5 when odd), got {m}")
    half = m // 2 if m % 2 == 0 else m
    pts = []
    for k in range(half):
        if 2 * k - 1 == m:   # tan(pi / 2): the float would propose a 17-digit t
            pts.append((Fraction(-1), Fraction(0)))
            continue
        theta = 2 * math.pi * k / m - math.pi / m
        t = Fraction(round(q * math.tan(theta / 2)), q)
        pts.append(((1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)))
    if m % 2 == 0:
        pts += [(-x, -y) for x, y in pts]
    return Polygon(tuple(pts), True, f"circle{m}")


def polygon(name: str) -> Polygon:
    """A named closed curve: ``square``, ``octagon`` or ``circleM`` with M even, 4 <= M <= 98.

    These are exactly the curves the kernel's specification of 004 can name
    (``proofs/kernel/specs/p004.py``), so every curve named here can be re-checked there;
    a larger or odd M is refused up front (M = 10^8 would build 10^8 vertices).
    """
    if name == "square":
        return square()
    if name == "octagon":
        return octagon()
    digits = name[6:] if name.startswith("circle") else ""
    if digits.isascii() and digits.isdigit() and len(digits) <= 2 and int(digits) >= 4 and int(digits) % 2 == 0:
        return circle_polygon(int(digits))
    raise InvalidArgument(f"unknown curve {name[:40]!r}; expected square, octagon or circleM (M even, 4..98)")


def mesh_nodes(curve: Polygon, n: int) -> list[tuple[Fraction, Point]]:
    """The uniform mesh s_j = j / n, j = 0 .. m n - 1, with its points K(s_j)."""
    if not curve.closed:
        raise InvalidArgument("the mesh encoder needs a closed curve")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InvalidArgument(f"width n must be a positive integer, got {n!r}")
    return [(Fraction(j, n), curve.point(Fraction(j, n))) for j in range(curve.m * n)]


def cut_encoder(curve: Polygon, n: int, values: Sequence[Any] | None = None) -> Network:
    """E_n : R^2 -> R, the homogeneous nodal interpolant of ``values`` at the mesh nodes.

    By default value s_j at node j >= 1 and 0 at node 0, so E_n(K(s)) = s except on the
    cut cell s in (m - 1/n, m).  Needs the nodes counter-clockwise around the origin
    with det(P_{j-1}, P_{j+1}) > 0 (e.g. the square with n >= 2, the octagon with n >= 1).
    Layers: 2 -> 2N (ReLU(+-det(P_j, x))) -> N (hats phi_j) -> 1 (identity).
    """
    nodes = mesh_nodes(curve, n)
    pts = [p for _, p in nodes]
    big_n = len(pts)
    vals = [s for s, _ in nodes] if values is None else [to_rational(v) for v in values]
    if len(vals) != big_n:
        raise InvalidArgument(f"expected {big_n} node values, got {len(vals)}")
    for j in range(big_n):
        a, b, c = pts[j - 1], pts[j], pts[(j + 1) % big_n]
        if _det(a, b) <= 0 or _det(a, c) <= 0:
            raise InvalidArgument(
                f"mesh node {j}: nodes must turn counter-clockwise around 0 by less than pi over two "
                f"cells (det(P_{{j-1}}, P_{{j+1}}) = {_det(a, c)}); use a larger width")
    # layer 1: r+_j = ReLU(det(P_j, x)), r-_j = ReLU(-det(P_j, x));  det(P, x) = -P_y x + P_x y.
    w1 = []
    for p in pts:
        w1.append((-p[1], p[0]))
        w1.append((p[1], -p[0]))
    # layer 2: phi_j = ReLU(a_j (r+_{j-1} - r-_{j-1}) - c_j r+_j).
    w2 = []
    for j in range(big_n):
        a, b, c = pts[j - 1], pts[j], pts[(j + 1) % big_n]
        aj = 1 / _det(a, b)
        cj = _det(a, c) / (_det(b, c) * _det(a, b))
        row = [Fraction(0)] * (2 * big_n)
        jm = (j - 1) % big_n
        row[2 * jm] += aj
        row[2 * jm + 1] -= aj
        row[2 * j] -= cj
        w2.append(tuple(row))
    return Network((
        Layer(tuple(w1), (), Activation.RELU),
        Layer(tuple(w2), (), Activation.RELU),
        Layer((tuple(vals),), (), Activation.IDENTITY),
    ))


def path_decoder(curve: Polygon) -> Network:
    """D : R -> R^2, D(z) = V_0 + sum_k c_k ReLU(z - k): the path K(z) for z in [0, m - 1].

    c_0 = V_1 - V_0 and c_k = (V_{k+1} - V_k) - (V_k - V_{k-1}); D(z) = V_0 for z <= 0.
    """
    vs = curve.vertices
    m = curve.m
    last = m if curve.closed else m - 1  # edges that the path follows
    d = [(vs[(k + 1) % m][0] - vs[k][0], vs[(k + 1) % m][1] - vs[k][1]) for k in range(last)]
    coeff = [d[0]] + [(d[k][0] - d[k - 1][0], d[k][1] - d[k - 1][1]) for k in range(1, last)]
    hidden = Layer(tuple((Fraction(1),) for _ in range(last)), tuple(Fraction(-k) for k in range(last)),
                   Activation.RELU)
    out = Layer((tuple(c[0] for c in coeff), tuple(c[1] for c in coeff)), vs[0], Activation.IDENTITY)
    return Network((hidden, out))


def cut_autoencoder(curve: Polygon, n: int) -> tuple[Network, Network]:
    """(E_n, D): exact on K outside the cut cell s in (m - 1/n, m) (which ends at V_0)."""
    return cut_encoder(curve, n), path_decoder(curve)


# -- exact error along K ------------------------------------------------------------------

def edge_network(p: Point, q: Point, network: Network, *, antipodal: bool = False) -> Network:
    """t -> network(P + t (Q - P)) (identity layer prepended).

    With ``antipodal``, t -> network(x) - network(-x), x = P + t (Q - P), for a scalar
    network (two block-diagonal copies and a final difference).
    """
    d = (q[0] - p[0], q[1] - p[1])
    if not antipodal:
        first = Layer(((d[0],), (d[1],)), p, Activation.IDENTITY)
        return Network((first,) + network.layers)
    if network.in_dim != 2 or network.out_dim != 1:
        raise InvalidArgument("the antipodal difference needs a network R^2 -> R")
    first = Layer(((d[0],), (d[1],), (-d[0],), (-d[1],)), (p[0], p[1], -p[0], -p[1]), Activation.IDENTITY)
    layers = [first]
    for layer in network.layers:
        zero = (Fraction(0),) * layer.in_dim
        w = tuple(row + zero for row in layer.weight) + tuple(zero + row for row in layer.weight)
        layers.append(Layer(w, layer.bias + layer.bias, layer.activation, layer.threshold))
    layers.append(Layer(((Fraction(1), Fraction(-1)),), (), Activation.IDENTITY))
    return Network(tuple(layers))


@dataclass(frozen=True)
class EdgeError:
    """The error along one edge: breakpoints 0 = t_0 < ... < t_r = 1 and error vectors there.

    The autoencoder is affine on each [t_i, t_{i+1}], so the error vector
    A(K(t)) - K(t) is affine there too.  ``regions``: activation regions of the sweep;
    ``affine_pieces``: maximal intervals with one affine map.
    """

    edge: int
    breakpoints: tuple[Fraction, ...]
    errors: tuple[tuple[Fraction, ...], ...]
    regions: int
    affine_pieces: int

    @property
    def max_error(self) -> Fraction:
        return max(max_norm(e) for e in self.errors)

    def bad_intervals(self, delta: Fraction) -> list[tuple[Fraction, Fraction]]:
        """Open intervals of [0, 1] (merged) where ||error||_inf > delta."""
        out: list[list[Fraction]] = []
        ts, es = self.breakpoints, self.errors
        for i in range(len(ts) - 1):
            a, b = ts[i], ts[i + 1]
            for c in range(len(es[i])):
                for sign in (1, -1):
                    fa, fb = sign * es[i][c], sign * es[i + 1][c]
                    iv = _above(a, b, fa, fb, delta)
                    if iv:
                        out.append(list(iv))
        out.sort()
        merged: list[list[Fraction]] = []
        for lo, hi in out:
            if merged and (lo < merged[-1][1] or (lo == merged[-1][1] and self._error_at(lo) > delta)):
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo, hi) for lo, hi in merged]

    def _error_at(self, t: Fraction) -> Fraction:
        i = self.breakpoints.index(t) if t in self.breakpoints else None
        if i is not None:
            return max_norm(self.errors[i])
        for k in range(len(self.breakpoints) - 1):
            a, b = self.breakpoints[k], self.breakpoints[k + 1]
            if a < t < b:
                lam = (t - a) / (b - a)
                return max_norm(tuple((1 - lam) * x + lam * y for x, y in zip(self.errors[k], self.errors[k + 1])))
        raise InvalidArgument(f"t = {t} outside [0, 1]")


def _above(a, b, fa, fb, delta):
    """{t in (a, b) : f(t) > delta} for f affine with f(a) = fa, f(b) = fb."""
    if fa > delta and fb > delta:
        return (a, b)
    if fa <= delta and fb <= delta:
        return None
    root = a + (delta - fa) * (b - a) / (fb - fa)
    return (a, root) if fa > delta else (root, b)


def edge_error(autoencoder: Network, curve: Polygon, k: int) -> EdgeError:
    """Exact error profile of ``autoencoder`` (R^2 -> R^2) along edge k of ``curve``."""
    if autoencoder.in_dim != 2 or autoencoder.out_dim != 2:
        raise InvalidArgument("an autoencoder of a plane curve maps R^2 to R^2")
    p, q = curve.edge(k)
    sw = sweep_1d(edge_network(p, q, autoencoder), 0, 1)
    ts = [Fraction(0)] + [pc.hi for pc in sw.pieces[:-1]] + [Fraction(1)]
    errs = []
    for i, t in enumerate(ts):
        v = sw.pieces[min(i, len(sw.pieces) - 1)].value(t)  # continuous: either side
        errs.append((v[0] - (p[0] + t * (q[0] - p[0])), v[1] - (p[1] + t * (q[1] - p[1]))))
    return EdgeError(k, tuple(ts), tuple(errs), len(sw.pieces), len(sw.affine_pieces()))


@dataclass(frozen=True)
class CurveError:
    """Exact error of an autoencoder along the whole curve, for one threshold delta.

    ``bad``: the bad set {x in K : ||A(x) - x||_inf > delta} as merged open arcs
    (lo, hi) of the parameter s (an arc may wrap past V_0 on a closed curve: then
    hi > n_edges); ``bad_length``: its ell-infinity length; ``whole``: the bad set is all
    of the closed curve (then ``bad`` is ((0, n_edges),), V_0 included).
    """

    delta: Fraction
    edges: tuple[EdgeError, ...]
    bad: tuple[tuple[Fraction, Fraction], ...]
    bad_length: Fraction
    max_error: Fraction
    whole: bool = False

    @property
    def regions(self) -> int:
        return sum(e.regions for e in self.edges)

    @property
    def affine_pieces(self) -> int:
        return sum(e.affine_pieces for e in self.edges)


def curve_error(autoencoder: Network, curve: Polygon, delta: Any,
                profiles: Sequence[EdgeError] | None = None) -> CurveError:
    """The exact bad set, its length and the maximum error (max-norm) along the curve."""
    delta = to_rational(delta)
    if delta < 0:
        raise InvalidArgument("delta must be non-negative")
    edges = tuple(profiles) if profiles is not None else tuple(
        edge_error(autoencoder, curve, k) for k in range(curve.n_edges))
    arcs: list[list[Fraction]] = []
    length = Fraction(0)
    for e in edges:
        ell = curve.edge_length(e.edge)
        vertex_bad = max_norm(e.errors[0]) > delta
        for lo, hi in e.bad_intervals(delta):
            length += (hi - lo) * ell
            if arcs and lo == 0 and arcs[-1][1] == e.edge and vertex_bad:
                arcs[-1][1] = e.edge + hi  # continues across vertex V_k
            else:
                arcs.append([e.edge + lo, e.edge + hi])
    ne = curve.n_edges
    if (curve.closed and len(arcs) > 1 and arcs[0][0] == 0 and arcs[-1][1] == ne
            and max_norm(edges[0].errors[0]) > delta):
        first = arcs.pop(0)
        arcs[-1][1] = ne + first[1]  # wraps past V_0
    whole = (curve.closed and arcs == [[0, ne]] and max_norm(edges[0].errors[0]) > delta)
    return CurveError(delta, edges, tuple((a, b) for a, b in arcs), length,
                      max(e.max_error for e in edges), whole)


# -- identified points ----------------------------------------------------------------

@dataclass(frozen=True)
class IdentifiedPair:
    """Two distinct points p = K(s_p), q = K(s_q) with the same code E(p) = E(q) = code.

    Every decoder D then has max(||D(code) - p||, ||D(code) - q||) >= ||p - q||_inf / 2,
    so ``bound`` = ||p - q||_inf / 2 bounds the maximum error of D o E on K from below.
    """

    s_p: Fraction
    s_q: Fraction
    p: Point
    q: Point
    code: Fraction
    bound: Fraction


def _edge_pieces(network: Network):
    """A scalar network of t along [0, 1] as affine pieces (t_lo, t_hi, value_lo, value_hi)."""
    out = []
    for pc in sweep_1d(network, 0, 1).pieces:
        lo = Fraction(0) if pc.lo is None else pc.lo
        hi = Fraction(1) if pc.hi is None else pc.hi
        out.append((lo, hi, pc.value(lo)[0], pc.value(hi)[0]))
    return out


def _code_pieces(encoder: Network, curve: Polygon):
    """The encoder along K as affine pieces (s_lo, s_hi, code_lo, code_hi)."""
    return [(k + lo, k + hi, a, b) for k in range(curve.n_edges)
            for lo, hi, a, b in _edge_pieces(edge_network(*curve.edge(k), encoder))]


def _level_set(pieces, z: Fraction) -> set[Fraction]:
    """{s : E(K(s)) = z} from the affine pieces, as points (the end points of a piece constant at z)."""
    ss = set()
    for lo, hi, a, b in pieces:
        if a == b:
            if a == z:
                ss.update((lo, hi))
        elif min(a, b) <= z <= max(a, b):
            ss.add(lo + (z - a) * (hi - lo) / (b - a))
    return ss


def identified_pair(encoder: Network, curve: Polygon) -> IdentifiedPair | None:
    """The farthest pair (max-norm) of distinct points of K with equal codes, over all of K.

    For every code value z taken at a breakpoint of E along K, the level set
    {s : E(K(s)) = z} is computed exactly (one point per piece, or a piece's end points
    where E is constant on it); the pair with the largest ||p - q||_inf is returned.
    These levels suffice: for z strictly between two consecutive ones, the level set has
    one point on each piece covering z, moving affinely with z, so every distance
    ||p(z) - q(z)||_inf is convex in z and peaks at an end level (where the closed pieces'
    end points belong to the level set).  Half that distance is the least maximum error of
    D o E over all (not necessarily continuous) decoders D.  Among equally far pairs the first
    in the order (level z, s_p, s_q), ascending, is returned (s_p < s_q; on a closed curve
    s = n_edges is named 0).
    ``None`` when no level set has two distinct points (E injective on K).
    """
    pieces = _code_pieces(encoder, curve)
    levels = sorted({c for _, _, a, b in pieces for c in (a, b)})
    best = None
    for z in levels:
        ss = _level_set(pieces, z)
        if curve.closed and curve.n_edges in ss:
            ss.discard(Fraction(curve.n_edges))
            ss.add(Fraction(0))
        pts = sorted(ss)
        for i in range(len(pts)):
            for j in range(i + 1, len(pts)):
                p, q = curve.point(pts[i]), curve.point(pts[j])
                if p == q:
                    continue
                d = max_norm((p[0] - q[0], p[1] - q[1]))
                if best is None or d / 2 > best.bound:
                    best = IdentifiedPair(pts[i], pts[j], p, q, z, d / 2)
    return best


def antipodal_pair(encoder: Network, curve: Polygon) -> IdentifiedPair:
    """A point p of a centrally symmetric K with E(p) = E(-p), found exactly.

    h(s) = E(K(s)) - E(-K(s)) satisfies h(m/2) = -h(0), so h vanishes on [0, m/2]
    (intermediate value theorem); the 1-D sweep of t -> h(K(k + t)) along edges
    k = 0 .. m/2 - 1 finds the first zero exactly.  The bound is ||p - (-p)||_inf / 2 = ||p||_inf.
    """
    if not curve.is_centrally_symmetric():
        raise InvalidArgument(f"curve {curve.name} is not centrally symmetric")
    if encoder.in_dim != 2 or encoder.out_dim != 1:
        raise InvalidArgument("the encoder must map R^2 to R")
    half = curve.m // 2
    for k in range(half):
        for lo, hi, a, b in _edge_pieces(edge_network(*curve.edge(k), encoder, antipodal=True)):
            t = None
            if a == 0:
                t = lo
            elif (a < 0 < b) or (b < 0 < a):
                t = lo + (-a) * (hi - lo) / (b - a)
            if t is not None:
                s = k + t
                x = curve.point(s)
                neg = (-x[0], -x[1])
                code = encoder.evaluate(x)[0]
                if encoder.evaluate(neg)[0] != code:  # pragma: no cover - would be a sweep bug
                    raise InvalidArgument("internal: the antipodal zero does not check")
                s_neg = s + half
                return IdentifiedPair(s, s_neg, x, neg, code, max_norm(x))
    # h(m/2) = -h(0): reaching this point means h(0) = 0 was missed, impossible.
    raise InvalidArgument("internal: no antipodal zero found")  # pragma: no cover
