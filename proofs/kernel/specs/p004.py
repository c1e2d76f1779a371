"""Specifications of the claims of 004 (Kvalheim & Sontag, "Why should autoencoders work?").

K is a closed polygon with rational vertices V_0 .. V_{m-1}, rebuilt from its name: "square"
(the boundary of [-1, 1]^2), "octagon", "circleM" (M even: M rational points on the unit
circle).  K(s), s in [0, m]: edge k is s in [k, k + 1], K(s) = V_k + (s - k)(V_{k+1} - V_k).
Errors are in the max-norm, lengths in the ell-infinity arc length.  A_n = D o E_n is the cut
autoencoder of exact/curves.py (E_n: 2 -> 2mn -> mn -> 1, D: 1 -> m -> 2), rebuilt here.
"""

import math
from fractions import Fraction

from .. import core as K
from ..framework import Step, spec

ZERO, ONE = Fraction(0), Fraction(1)


# -- the curves and the constructions ---------------------------------------------------------
def _curve(name):
    """The vertices of the named closed curve (exactly as exact/curves.py builds them)."""
    if name == "square":
        return [(ONE, -ONE), (ONE, ONE), (-ONE, ONE), (-ONE, -ONE)]
    if name == "octagon":
        return [(Fraction(x), Fraction(y)) for x, y in ((2, -1), (2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1),
                                                          (-1, -2), (1, -2))]
    m = int(name[6:]) if name.startswith("circle") and name[6:].isascii() and name[6:].isdigit() and len(name) <= 8 else 0
    if m < 4 or m % 2:
        raise K.Invalid("unknown curve %r (square, octagon or circleM, M even)" % name[:40])
    pts = []
    for k in range(m // 2):  # a float only proposes the integer round(32 tan(theta_k / 2))
        t = Fraction(round(32 * math.tan((2 * math.pi * k / m - math.pi / m) / 2)), 32)
        pts.append(((1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)))
    return pts + [(-x, -y) for x, y in pts]


def _point(vs, s, closed=True):
    """K(s) for s in [0, number of edges]."""
    ne = len(vs) if closed else len(vs) - 1
    if not 0 <= s <= ne:
        raise K.Invalid("parameter %s is not in [0, %d]" % (s, ne))
    k = min(math.floor(s), ne - 1)
    (px, py), (qx, qy) = vs[k], vs[(k + 1) % len(vs)]
    return [px + (s - k) * (qx - px), py + (s - k) * (qy - py)]


def _symmetric(vs):
    m = len(vs)
    return m % 2 == 0 and all(vs[(k + m // 2) % m] == (-x, -y) for k, (x, y) in enumerate(vs))


def _det(a, b):
    return a[0] * b[1] - a[1] * b[0]


def _cut_encoder(vs, n):
    """E_n: nodal interpolant of the code s_j = j/n at the mesh nodes K(j/n), j < mn (node 0: 0)."""
    pts = [_point(vs, Fraction(j, n)) for j in range(len(vs) * n)]
    big = len(pts)
    w1, w2 = [], []
    for p in pts:
        w1 += [[-p[1], p[0]], [p[1], -p[0]]]
    for j in range(big):
        a, b, c = pts[j - 1], pts[j], pts[(j + 1) % big]
        if _det(a, b) <= 0 or _det(a, c) <= 0:
            raise K.Invalid("E_%d: mesh node %d does not turn counter-clockwise by less than pi" % (n, j))
        row, jm = [ZERO] * (2 * big), (j - 1) % big  # phi_j = ReLU(a_j det(P_{j-1}, x) - c_j r+_j)
        row[2 * jm] += 1 / _det(a, b)
        row[2 * jm + 1] -= 1 / _det(a, b)
        row[2 * j] -= _det(a, c) / (_det(b, c) * _det(a, b))
        w2.append(row)
    return [(w1, [ZERO] * (2 * big), "relu", ZERO), (w2, [ZERO] * big, "relu", ZERO),
            ([[Fraction(j, n) for j in range(big)]], [ZERO], "identity", ZERO)]


def _path_decoder(vs, shift):
    """D(z) = V_0 + shift + sum_k c_k ReLU(z - k): the path K(z) on [0, m - 1] (moved by shift)."""
    m = len(vs)
    d = [(vs[(k + 1) % m][0] - vs[k][0], vs[(k + 1) % m][1] - vs[k][1]) for k in range(m)]
    co = [d[0]] + [(d[k][0] - d[k - 1][0], d[k][1] - d[k - 1][1]) for k in range(1, m)]
    return [([[ONE]] * m, [Fraction(-k) for k in range(m)], "relu", ZERO),
            ([[x for x, _ in co], [y for _, y in co]], [vs[0][0] + shift[0], vs[0][1] + shift[1]], "identity", ZERO)]


def _autoencoder(vs, n, shift=(ZERO, ZERO)):
    return K.Net(_cut_encoder(vs, n) + _path_decoder(vs, shift))


# -- exact analysis along a line ----------------------------------------------------------------
def _inside(lo, hi):
    if lo is None:
        return ZERO if hi is None else hi - 1
    return lo + 1 if hi is None else (lo + hi) / 2


def _sweep(net, p, d, lo=None, hi=None):
    """Fact: along x(t) = p + t d, t in (lo, hi) (None: unbounded), the network is affine on each
    returned piece (lo, hi, [(slope, value at t = 0) per output]).

    Layer by layer, each piece is cut at every zero inside it of a ReLU pre-activation (affine
    on the piece); on the open sub-pieces no pre-activation changes sign, so ReLU keeps it or
    makes it 0 there (sign at an interior point).  A hard-threshold layer is cut where its
    pre-activation meets the threshold and is the constant 1 or 0 on each sub-piece.
    """
    if len(p) != net.d_in or len(d) != net.d_in:
        raise K.Invalid("the line is not in the network's input space")
    pieces = [(lo, hi, list(zip(d, p)))]
    for w, b, act, thr in net.layers:
        out = []
        for a, z, f in pieces:
            u = [(K.dot(row, [s for s, _ in f]), K.dot(row, [c for _, c in f]) + bi) for row, bi in zip(w, b)]
            cuts = sorted({(thr - c) / s for s, c in u if s != 0 and act != "identity"
                           and (a is None or a < (thr - c) / s) and (z is None or (thr - c) / s < z)})
            ends = [a] + cuts + [z]
            for l, h in zip(ends, ends[1:]):
                t = _inside(l, h)
                if act == "identity":
                    out.append((l, h, u))
                elif act == "relu":
                    out.append((l, h, [(s, c) if s * t + c > 0 else (ZERO, ZERO) for s, c in u]))
                else:
                    out.append((l, h, [(ZERO, ONE if s * t + c >= thr else ZERO) for s, c in u]))
        pieces = out
    return pieces


def _edge_profile(net, P, Q):
    """Breakpoints 0 = t_0 < ... < t_r = 1 and the error vectors A(x(t_i)) - x(t_i), x = P + t(Q - P)."""
    if net.d_out != 2:
        raise K.Invalid("an autoencoder of a plane curve maps R^2 to R^2")
    d = [Q[0] - P[0], Q[1] - P[1]]
    pieces = _sweep(net, list(P), d, ZERO, ONE)
    ts = [ZERO] + [h for _, h, _ in pieces]
    fs = [pieces[0][2]] + [f for _, _, f in pieces]
    return ts, [[s * t + c - (P[i] + t * d[i]) for i, (s, c) in enumerate(f)] for t, f in zip(ts, fs)]


def _bad(ts, errs, delta):
    """The open intervals of t (unmerged) where ||error||_inf > delta (error affine between t_i)."""
    out = []
    for i in range(len(ts) - 1):
        a, b = ts[i], ts[i + 1]
        for fa, fb in [(g * x, g * y) for x, y in zip(errs[i], errs[i + 1]) for g in (1, -1)]:
            if fa > delta or fb > delta:
                r = a + (delta - fa) * (b - a) / (fb - fa) if min(fa, fb) <= delta else None
                out.append((a if fa > delta else r, b if fb > delta else r))
    return out


def _length(ivs):
    """The length of a union of intervals."""
    total, end = ZERO, None
    for lo, hi in sorted(ivs):
        lo = lo if end is None else max(lo, end)
        if hi > lo:
            total, end = total + hi - lo, hi
    return total


def _profiles(net, vs, closed=True):
    """(breakpoints, error vectors, ell-inf length) of every edge of the polygon."""
    ne = len(vs) if closed else len(vs) - 1
    out = []
    for k in range(ne):
        P, Q = vs[k], vs[(k + 1) % len(vs)]
        out.append(_edge_profile(net, P, Q) + (max(abs(Q[0] - P[0]), abs(Q[1] - P[1])),))
    return out


def _errors(profiles, delta):
    """(bad intervals per edge, bad length, max error) along the polygon, for one delta."""
    bad = [_bad(ts, errs, delta) for ts, errs, _ in profiles]
    length = sum((_length(b) * ell for b, (_, _, ell) in zip(bad, profiles)), ZERO)
    return bad, length, max(max(abs(e) for e in err) for _, errs, _ in profiles for err in errs)


def _inf_norm_min(vs):
    """min over K of ||x||_inf: on each edge the minimum of a max of 4 affine functions of t."""
    best = None
    for k in range(len(vs)):
        p, q = vs[k], vs[(k + 1) % len(vs)]
        fs = [(g * (q[i] - p[i]), g * p[i]) for i in (0, 1) for g in (1, -1)]
        ts = {ZERO, ONE} | {(c2 - c1) / (s1 - s2) for s1, c1 in fs for s2, c2 in fs if s1 != s2}
        for t in (t for t in ts if 0 <= t <= 1):
            v = max(s * t + c for s, c in fs)
            best = v if best is None else min(best, v)
    return best


def _widths(c):
    ws = [K.nat(v, "scope.widths", 1, 64) for v in c.scope.list("widths", lo=1, hi=8)]
    c.require(all(a < b for a, b in zip(ws, ws[1:])), "widths must increase")
    return ws


# -- 004-Main ---------------------------------------------------------------------------------
def main_theorem(c):
    """For the closed polygon K and each mesh n in widths, the cut autoencoder A_n = D o E_n
    (bottleneck 1) is exact on K outside the cut cell C_n = K((m - 1/n, m)), so for every
    delta >= 0 its bad set {x in K : ||A_n(x) - x||_inf > delta} has length <= |C_n| -> 0.

    Scope: curve, decoder_shift (D's output moved by it: a control), and (verified) widths,
    deltas.  verified: the kernel rebuilds K and every A_n, computes the exact error along each
    edge (its own sweep finds every breakpoint), checks that the bad set for delta = 0 lies in
    C_n, and recomputes the bad length and maximum error of every (n, delta) listed in evidence
    rows.  refuted: evidence mesh_n and s in [0, m - 1/n] with A_n(K(s)) != K(s).
    """
    vs, shift = _curve(c.scope.str("curve")), c.scope.vec("decoder_shift", 2)
    m = len(vs)
    if c.status == "refuted":
        n, s = c.evidence.int("mesh_n", lo=1, hi=64), c.evidence.q("s")
        c.require(0 <= s <= m - Fraction(1, n), "K(s) is not outside the cut cell")
        x = _point(vs, s)
        c.require(K.run(_autoencoder(vs, n, shift), x) != x, "A_%d reconstructs K(%s) exactly" % (n, s))
        return
    ws, ds = _widths(c), c.scope.vec("deltas")
    c.require(0 < len(ds) <= 8 and all(d >= 0 for d in ds), "deltas: 1 to 8 non-negative numbers")
    rows = iter(c.evidence.items("rows", n=len(ws) * len(ds)))
    for n in ws:
        prof = _profiles(_autoencoder(vs, n, shift), vs)
        bad, _, _ = _errors(prof, ZERO)
        c.require(all(k == m - 1 and lo >= 1 - Fraction(1, n) for k, ivs in enumerate(bad) for lo, _ in ivs),
                  "A_%d is not exact outside the cut cell" % n)
        for d in ds:
            _, length, worst = _errors(prof, d)
            r = next(rows)
            c.require((r.int("mesh_n"), r.q("delta"), r.q("bad_length"), r.q("max_error")) == (n, d, length, worst),
                      "n=%d, delta=%s: bad length %s, max error %s differ from the row" % (n, d, length, worst))
    c.checked(len(ws))


spec("004-Main", statuses=("verified", "refuted"))(main_theorem)


# -- 004-Topo ---------------------------------------------------------------------------------
def _pair(c, vs, enc, f, antipodal):
    """A listed pair: two distinct points of K with the same code; bound = ||p - q||_inf / 2."""
    m = len(vs)
    if antipodal:
        s = f.q("s")
        c.require(0 <= s <= Fraction(m, 2), "s is not in [0, m/2]")
        p = _point(vs, s)
        q = [-v for v in p]
    else:
        p, q = _point(vs, f.q("s_p")), _point(vs, f.q("s_q"))
    c.require(p != q, "the two points coincide")
    code = f.q("code")
    c.require(K.run(enc, p) == [code] and K.run(enc, q) == [code], "the two codes are not both %s" % code)
    c.require(f.q("bound") == max(abs(a - b) for a, b in zip(p, q)) / 2, "bound is not ||p - q||_inf / 2")


def topology(c):
    """No continuous autoencoder with a 1-D code reconstructs the closed curve K exactly: for a
    centrally symmetric K every continuous E: R^2 -> R has E(p) = E(-p) for some p in K, so every
    decoder errs by >= min over K of ||x||_inf > 0 on p or -p.

    Scope: curve, widths (cut encoders E_n), random_encoders (count), seed, trained.  Evidence:
    for each E_n a pair s_p, s_q of K with equal codes (kernel: rebuilt E_n, codes, bound);
    antipodal: one entry per random encoder and the trained one (networks bound by SHA-256),
    s in [0, m/2] with E(K(s)) = E(-K(s)).  Every listed pair is re-checked.  proved: K = -K
    and inf_norm_min = min_K ||x||_inf > 0 (computed by the kernel), and the intermediate
    value theorem.  inconclusive: the listed encoders only.
    """
    s = c.scope
    vs, ws = _curve(s.str("curve")), _widths(c)
    count, trained = s.int("random_encoders", hi=1000), s.bool("trained")
    s.int("seed")
    for n, f in zip(ws, c.evidence.items("cut_pairs", n=len(ws))):
        _pair(c, vs, K.Net(_cut_encoder(vs, n)), f, False)
    anti = c.evidence.items("antipodal", n=count + trained if _symmetric(vs) else 0)
    for f in anti:
        enc = K.network(f.bound("encoder"))
        c.require(enc.d_in == 2 and enc.d_out == 1, "an encoder maps R^2 to R")
        _pair(c, vs, enc, f, True)
    if c.status == "proved":
        mu = _inf_norm_min(vs)
        c.require(_symmetric(vs), "K is not centrally symmetric")
        c.require(mu > 0 and c.evidence.q("inf_norm_min") == mu, "min over K of ||x||_inf is %s" % mu)
        c.argument([Step("symmetric", "V_{k+m/2} = -V_k, so K(s + m/2) = -K(s)", "kernel"),
                    Step("ivt", "h(s) = E(K(s)) - E(-K(s)) is continuous with h(m/2) = -h(0), so h(s) = 0 "
                                "for some s in [0, m/2]", "theorem: intermediate value theorem"),
                    Step("min_norm", "||x||_inf >= inf_norm_min > 0 on every edge of K", "kernel"),
                    Step("decoder", "||D(E(p)) - p|| + ||D(E(p)) + p|| >= 2 ||p||_inf for every decoder D, "
                                    "so the max error is >= inf_norm_min", "theorem: triangle inequality")])


spec("004-Topo", statuses=("proved", "inconclusive"))(topology)


def topology_open_arc(c):
    """Negative control: for the open arc K minus the cut cell of E_n (not a closed curve) the
    1-D-code autoencoder A_n reconstructs every point exactly.

    Scope: curve, mesh_n.  refuted: the kernel rebuilds the arc V_0, ..., V_{m-1}, K(m - 1/n)
    and A_n, and its own sweep of every edge finds the maximum error 0.
    """
    vs, n = _curve(c.scope.str("curve")), c.scope.int("mesh_n", lo=1, hi=64)
    arc = vs + [tuple(_point(vs, len(vs) - Fraction(1, n)))]
    _, _, worst = _errors(_profiles(_autoencoder(vs, n), arc, closed=False), ZERO)
    c.require(worst == 0, "A_%d has error %s on the arc" % (n, worst))


spec("004-Topo", "negative control: open arc", statuses=("refuted",))(topology_open_arc)
