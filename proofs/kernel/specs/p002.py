"""Specifications of the claims of 002 (Mathematics of deep learning, session 1: ReLU networks).

In d = 1 the kernel's own sweep (``_sweep`` of specs/p004.py) cuts R at every zero of every
pre-activation, so the network is affine on each piece it returns: no breakpoint is taken from
the certificate.  A PL reference is (break points x_0 < ... < x_k, values f(x_i), slope left
of x_0, slope right of x_k), interpolating linearly in between.  A network class is every
network of the given widths whose weights and biases all lie in the given set.
"""

from fractions import Fraction
from math import comb
from itertools import combinations, combinations_with_replacement, product

from .. import core as K
from .. import regions as R
from ..framework import spec
from .p004 import _inside, _sweep

ZERO, ONE = Fraction(0), Fraction(1)


def _net(*layers):
    return K.Net([([[Fraction(v) for v in row] for row in w], [Fraction(v) for v in b], act, ZERO)
                  for w, b, act in layers])


def _one_hidden(hw, hb, ow, ob=0):
    return _net(([[v] for v in hw], hb, "relu"), ([ow], [ob], "identity"))


def _pl(bp, vals, ls, rs):
    return [Fraction(v) for v in bp], [Fraction(v) for v in vals], Fraction(ls), Fraction(rs)


def _slopes(ref):
    bp, v, ls, rs = ref
    return [ls] + [(v[i + 1] - v[i]) / (bp[i + 1] - bp[i]) for i in range(len(bp) - 1)] + [rs]


def _pl_affine(ref, t):
    """(slope, intercept) of the reference on the piece containing t (t not a break point)."""
    bp, v, _, _ = ref
    i = sum(1 for x in bp if x < t)  # piece i: between bp[i-1] and bp[i]
    s = _slopes(ref)[i]
    x0, y0 = (bp[0], v[0]) if i == 0 else (bp[i - 1], v[i - 1])
    return s, y0 - s * x0


def _pl_at(ref, x):
    bp = ref[0]
    if x in bp:
        return ref[1][bp.index(x)]
    s, c = _pl_affine(ref, x)
    return s * x + c


def _mismatch(net, ref):
    """Fact: None when the network (R -> R) equals the PL reference on all of R, else a point x
    where they differ.  Each piece of the kernel's sweep is cut at the reference's break points;
    on each interval both are affine and their slopes and intercepts are compared."""
    if net.d_in != 1 or net.d_out != 1:
        raise K.Invalid("a network R -> R is expected")
    for lo, hi, ((s, c),) in _sweep(net, [ZERO], [ONE]):
        ends = [lo] + [x for x in ref[0] if (lo is None or lo < x) and (hi is None or x < hi)] + [hi]
        for l, h in zip(ends, ends[1:]):
            t = _inside(l, h)
            if (s, c) != _pl_affine(ref, t):
                return next(x for x in (t, _inside(l, t)) if s * x + c != _pl_at(ref, x))
    return None


def _class(c):
    """Every network of the scope's widths with all weights and biases in the scope's set."""
    vals = c.scope.vec("weights")
    c.require(0 < len(vals) <= 5 and len(set(vals)) == len(vals), "weights: 1 to 5 distinct numbers")
    shapes = [[K.nat(w, "scope.widths", 1, 3) for w in s] for s in c.scope.list("widths", lo=1, hi=4)]
    for shape in shapes:
        c.require(len(shape) >= 3 and shape[0] == 1 == shape[-1] and sum(
            a * b + b for a, b in zip(shape, shape[1:])) <= 8, "widths: 1 -> hidden -> 1 with at most 8 parameters")
        sizes = [(a, b) for a, b in zip(shape, shape[1:])]
        for params in product(vals, repeat=sum(a * b + b for a, b in sizes)):
            layers, k = [], 0
            for i, (a, b) in enumerate(sizes):
                w = [list(params[k + r * a:k + (r + 1) * a]) for r in range(b)]
                layers.append((w, list(params[k + a * b:k + a * b + b]), "identity" if i == len(sizes) - 1 else "relu", ZERO))
                k += a * b + b
            yield shape, K.Net(layers)


# -- 002-C1 -------------------------------------------------------------------------------------
_C1 = {  # name -> (network, PL reference); exact/lecture002.py CONSTRUCTIONS
    "sigmoid_like": (lambda: _one_hidden([1, 1], [0, -1], [1, -1]), _pl([0, 1], [0, 1], 0, 0)),
    "hat_one_hidden": (lambda: _one_hidden([1, 1, 1], [0, -1, -2], [1, -2, 1]), _pl([0, 1, 2], [0, 1, 0], 0, 0)),
    "hat_two_hidden": (lambda: _net(([[1], [-1]], [-1, 1], "relu"), ([[-1, -1]], [1], "relu"), ([[1]], [0], "identity")),
                       _pl([0, 1, 2], [0, 1, 0], 0, 0)),
    "absolute_value": (lambda: _one_hidden([1, -1], [0, 0], [1, 1]), _pl([0], [0], -1, 1)),
    "soft_thresholding": (lambda: _one_hidden([1, -1], [-1, -1], [1, -1]), _pl([-1, 1], [0, 0], 1, 1)),
    "identity": (lambda: _one_hidden([1, -1], [0, 0], [1, -1]), _pl([0], [0], 1, 1)),
}


def constructions(c):
    """With rho = ReLU, on all of R: rho(x) - rho(x-1) is the sigmoid-like ramp, rho(x) - 2 rho(x-1)
    + rho(x-2) and rho(1 - rho(x-1) - rho(1-x)) the hat on [0, 2], rho(x) + rho(-x) = |x|,
    rho(x-1) - rho(-x-1) soft-thresholding (lambda = 1) and rho(x) - rho(-x) = x.

    Scope: perturbed (null, or a construction whose first output weight w becomes 1 - w: a
    control).  verified: the kernel rebuilds the six networks and their PL references and
    compares them on every piece of its own sweep.  refuted: evidence construction, x with
    N(x) != f(x) for the rebuilt (perturbed) network.
    """
    bad = c.scope.optional_str("perturbed")
    c.require(bad is None or bad in _C1, "unknown construction %r" % (bad,))

    def build(name):
        net = _C1[name][0]()
        if name == bad:
            net.layers[-1][0][0][0] = 1 - net.layers[-1][0][0][0]
        return net
    if c.status == "refuted":
        name = c.evidence.str("construction", choices=tuple(_C1))
        x = c.evidence.q("x")
        c.require(K.run(build(name), [x]) != [_pl_at(_C1[name][1], x)], "%s is right at x = %s" % (name, x))
        return
    for name, (_, ref) in _C1.items():
        c.require(_mismatch(build(name), ref) is None, "%s differs from its reference" % name)
    c.checked(len(_C1))


spec("002-C1", statuses=("verified", "refuted"))(constructions)


# -- 002-P2 -------------------------------------------------------------------------------------
def _pl_to_relu(ref, perturb=False):
    """f(x_0) + s_0 (rho(x - x_0) - rho(x_0 - x)) + sum_i (s_{i+1} - s_i) rho(x - x_i)."""
    bp, v, _, _ = ref
    s = _slopes(ref)
    ow = [s[0], -s[0]] + [s[i + 1] - s[i] for i in range(len(bp))]
    if perturb:
        ow[-1] += 1
    return _one_hidden([1, -1] + [1] * len(bp), [-bp[0], bp[0]] + [-x for x in bp], ow, v[0])


def pl_conversion(c):
    """In d = 1 every continuous piecewise-linear f (finitely many pieces) is a one-hidden-layer
    ReLU network: f(x) = f(x_0) + s_0 (rho(x - x_0) - rho(x_0 - x)) + sum_i (s_{i+1} - s_i) rho(x - x_i).

    Scope: points, values, slopes: the class of every f whose break points are a non-empty
    subset of points, with values in values and end slopes in slopes.  verified: the kernel
    enumerates the class, builds each network and compares it with f on every piece of its
    own sweep.
    """
    pts, vals, slopes = (c.scope.vec(k) for k in ("points", "values", "slopes"))
    c.require(0 < len(pts) <= 5 and len(set(pts)) == len(pts) and 0 < len(vals) <= 5 and 0 < len(slopes) <= 5,
              "points (distinct), values, slopes: 1 to 5 numbers each")
    count = 0
    for k in range(1, len(pts) + 1):
        for bp in combinations(sorted(pts), k):
            for v in product(vals, repeat=k):
                for ls, rs in product(slopes, repeat=2):
                    ref = (list(bp), list(v), ls, rs)
                    c.require(_mismatch(_pl_to_relu(ref), ref) is None, "the conversion of %s is wrong" % K.strs(ref))
                    count += 1
    c.checked(count)


spec("002-P2", statuses=("verified",))(pl_conversion)


def pl_conversion_perturbed(c):
    """Control: the conversion with its last output weight increased by 1 does not realise f.

    refuted: evidence a PL function (breakpoints, values, left_slope, right_slope) and x where
    the kernel's rebuilt perturbed network differs from f.
    """
    e = c.evidence
    bp = e.vec("breakpoints")
    c.require(bp and all(a < b for a, b in zip(bp, bp[1:])), "break points must increase")
    ref = (bp, e.vec("values", len(bp)), e.q("left_slope"), e.q("right_slope"))
    x = e.q("x")
    c.require(K.run(_pl_to_relu(ref, True), [x]) != [_pl_at(ref, x)], "the network equals f at x = %s" % x)


spec("002-P2", "perturbed (control)", statuses=("refuted",))(pl_conversion_perturbed)


# -- 002-P1 -------------------------------------------------------------------------------------
def _jump(pieces):
    """The break points where the left and right affine maps of adjacent pieces differ."""
    return [p[1] for p, q in zip(pieces, pieces[1:])
            if [s * p[1] + v for s, v in p[2]] != [s * p[1] + v for s, v in q[2]]]


def _one_sided(net, x, n):
    """Fact: the pattern of the hidden layer of a one-hidden-layer network at x + s n for every small
    s > 0: a neuron with u_j(x) != t_j keeps its side of the threshold near x, one with u_j(x) = t_j
    takes the side of s (w_j.n) (and keeps u_j = t_j when w_j.n = 0).  Active: u > 0 (relu), u >= t
    (hard threshold)."""
    w, b, act, t = net.layers[0]
    bits = []
    for row, bj in zip(w, b):
        u, du = K.dot(row, x) + bj - t, K.dot(row, n)
        side = u if u != 0 else du
        bits.append(int(side > 0 or (side == 0 and act == "hard_threshold")))
    return [bits, []]


def _lines(net):
    """The distinct lines {x : w_j.x + b_j - t_j = 0} of the hidden neurons with w_j != 0, as (a, beta)."""
    w, b, _, t = net.layers[0]
    out = []
    for row, bj in zip(w, b):
        v = list(row) + [bj - t]
        if any(row) and not any(all(v[i] * u[j] == v[j] * u[i] for i in range(3) for j in range(i)) for u in out):
            out.append(v)
    return [(v[:2], v[2]) for v in out]


def _facet_points(net):
    """Every 1-dimensional facet piece of the line arrangement of the hidden neurons of a network
    R^2 -> R (one hidden layer): for each line a.x + beta = 0, a point in the relative interior of each
    segment or ray into which the other (non-parallel) lines cut it; no other line passes through it.
    Yields (point, a, beta)."""
    lines = _lines(net)
    for a, beta in lines:
        aa = K.dot(a, a)
        p0 = [-beta * v / aa for v in a]
        v = [-a[1], a[0]]
        ts = sorted({-(K.dot(a2, p0) + b2) / K.dot(a2, v) for a2, b2 in lines if K.dot(a2, v) != 0})
        ss = [ZERO] if not ts else [ts[0] - 1] + [(l + h) / 2 for l, h in zip(ts, ts[1:])] + [ts[-1] + 1]
        for s in ss:
            yield [p + s * vi for p, vi in zip(p0, v)], a, beta


def _facet_walk(net):
    """For every piece of _facet_points (x on the line a.x + beta = 0): (x, pattern on the side of
    +a, pattern on the side of -a, whether the two patterns' affine maps agree on the whole line,
    i.e. their difference (Delta, delta) is a multiple of (a, beta)).  Facts by _one_sided: the
    two maps are the limits of f from the two sides of the line near x."""
    maps = {}
    for x, a, beta in _facet_points(net):
        p1, p2 = (_one_sided(net, x, n) for n in (a, [-v for v in a]))
        for p in (p1, p2):
            if R.flat(p) not in maps:
                maps[R.flat(p)] = R.affine_map(net, p)
        (m1, c1), (m2, c2) = maps[R.flat(p1)], maps[R.flat(p2)]
        u = list(a) + [beta]
        agree = True
        for r1, r2, e1, e2 in zip(m1, m2, c1, c2):
            v = [r1[0] - r2[0], r1[1] - r2[1], e1 - e2]
            agree = agree and all(v[i] * u[j] == v[j] * u[i] for i in range(3) for j in range(i))
        yield x, R.flat(p1), R.flat(p2), agree


def _facet_check(net):
    """Fact (when it returns): the realisation of the one-hidden-layer relu network R^2 -> R is
    continuous across every shared facet of its activation regions.  The kernel finds the regions
    (specs/p003.py, _regions: a strict point or a Motzkin multiplier per pattern); every
    1-dimensional facet between two regions lies on a neuron's line and contains a piece of
    _facet_points in its relative interior.  For each piece the two one-sided patterns must be two
    different regions found, and their affine maps must agree on the whole line (_facet_walk).
    Returns (pairs of regions sharing a facet, regions); raises Invalid on a jump."""
    from .p003 import _regions

    _, regions = _regions(net, None)
    found = {R.flat(p) for p, _ in regions}
    pairs = set()
    for x, p1, p2, agree in _facet_walk(net):
        if p1 not in found or p2 not in found or p1 == p2:
            raise K.Invalid("the regions beside %s are not two of the regions found" % K.strs(x))
        if not agree:
            raise K.Invalid("a ReLU network jumps at %s: %s" % (K.strs(x), K.strs(net.layers)))
        pairs.add(frozenset((p1, p2)))
    return len(pairs), len(regions)


def property1(c):
    """Every realisation of a ReLU network is continuous and piecewise affine.

    Scope: widths, weights (the d = 1 network class, see _class) and classes (d = 2, see
    _one_hidden_class in the 002-P3 part: one hidden relu layer, R^2 -> R, up to the neurons'
    order).  verified: for every d = 1 network of the class the kernel's sweep gives finitely many
    pieces of R, affine on each, and at every break point the maps of the two adjacent pieces agree;
    for every d = 2 network the kernel finds the full-dimensional regions of R^2 itself (finitely
    many, one affine map each, computed from the pattern) and checks continuity across every shared
    1-dimensional facet (_facet_check).  Evidence: checked (networks of both classes), facets (pairs
    of regions sharing a facet, summed over the d = 2 networks) and regions (likewise).
    """
    count = 0
    for _, net in _class(c):
        c.require(not _jump(_sweep(net, [ZERO], [ONE])), "a ReLU network jumps: %s" % K.strs(net.layers))
        count += 1
    facets = regions = 0
    for net in _one_hidden_class(c):
        f, r = _facet_check(net)
        facets, regions, count = facets + f, regions + r, count + 1
    c.checked(count)
    for key, value in (("facets", facets), ("regions", regions)):
        c.require(c.evidence.int(key) == value, "the d = 2 class has %d %s" % (value, key))


spec("002-P1", statuses=("verified",))(property1)


def property1_threshold(c):
    """Control: with hard-threshold hidden layers a realisation need not be continuous.

    refuted: evidence a network R -> R (hard-threshold hidden layers, identity output) and a
    point x where the kernel's sweep finds different left and right limits; and network_2d, a
    network R^2 -> R with one hard-threshold hidden layer and an identity output, whose affine
    maps on the two sides of some facet piece differ on the facet's line (the walk of the d = 2
    facet check, _facet_walk).
    """
    net = c.evidence.network("network")
    c.require(net.d_in == 1 and all(act == "hard_threshold" for _, _, act, _ in net.layers[:-1])
              and net.layers[-1][2] == "identity", "a network R -> R with hard-threshold hidden layers is expected")
    x = c.evidence.q("x")
    c.require(x in _jump(_sweep(net, [ZERO], [ONE])), "the network is continuous at x = %s" % x)
    net = c.evidence.network("network_2d")
    c.require(net.d_in == 2 and net.d_out == 1 and [a for _, _, a, _ in net.layers] == ["hard_threshold", "identity"],
              "network_2d: a network R^2 -> R with one hard-threshold hidden layer is expected")
    c.require(any(not agree for _, _, _, agree in _facet_walk(net)), "network_2d is continuous across every facet")


spec("002-P1", "hard_threshold (control)", statuses=("refuted",))(property1_threshold)


# -- 002-P4 -------------------------------------------------------------------------------------
def _zigzag(m, k):
    """The k-fold composition of g_m(x) = m rho(x) + sum_{i<m} (-1)^i 2m rho(x - i/m) (m = 2: tent map)."""
    outw = [Fraction(m)] + [Fraction((-1) ** i * 2 * m) for i in range(1, m)]
    bias = [Fraction(-i, m) for i in range(m)]
    layers = [([[ONE]] * m, bias, "relu", ZERO)] + [([outw] * m, bias, "relu", ZERO) for _ in range(k - 1)]
    return K.Net(layers + [([outw], [ZERO], "identity", ZERO)])


def _affine_pieces(net, lo=None, hi=None):
    """The number of maximal intervals on which the network is one affine map."""
    maps = [f for _, _, f in _sweep(net, [ZERO], [ONE], lo, hi)]
    return 1 + sum(1 for f, g in zip(maps, maps[1:]) if f != g)


def pieces(c):
    """In d = 1 a ReLU network with hidden widths n_1, ..., n_{L-1} has at most prod (n_l + 1)
    affine pieces, O(n^(L-1)) with n neurons; sharp: the k-fold tent-map composition (width 2,
    depth k + 1) has exactly 2^k pieces on [0, 1], the m-tooth zigzag composition m^k.

    Scope: k_max, m_max (zigzags for k <= 3), widths and weights (a network class).  verified:
    the kernel rebuilds every sawtooth k <= k_max and zigzag 3 <= m <= m_max and counts their
    affine pieces on [0, 1] with its sweep; for every network of the class it counts the affine
    pieces on R and compares them with prod (n_l + 1).
    """
    k_max, m_max = c.scope.int("k_max", lo=1, hi=10), c.scope.int("m_max", lo=2, hi=5)
    for k in range(1, k_max + 1):
        c.require(_affine_pieces(_zigzag(2, k), ZERO, ONE) == 2 ** k, "the sawtooth k=%d has not 2^k pieces" % k)
    for m in range(3, m_max + 1):
        for k in range(1, 4):
            c.require(_affine_pieces(_zigzag(m, k), ZERO, ONE) == m ** k, "zigzag m=%d k=%d: not m^k pieces" % (m, k))
    count = 0
    for shape, net in _class(c):
        bound = 1
        for w in shape[1:-1]:
            bound *= w + 1
        c.require(_affine_pieces(net) <= bound, "more than %d pieces: %s" % (bound, K.strs(net.layers)))
        count += 1
    c.checked(k_max + 3 * (m_max - 2) + count)


spec("002-P4", statuses=("verified",))(pieces)


# -- 002-P3 -------------------------------------------------------------------------------------
def one_hidden_not_compact(c):
    """(a) For d = 2 a non-zero one-hidden-layer ReLU realisation is not compactly supported.

    verified: scope classes (one hidden layer; see _one_hidden_class); for every network of the class
    the kernel finds a ray along which f is non-zero beyond any bound (_unbounded_witness), or proves
    f = 0 from every region of R^2 (_identically_zero); evidence checked (networks) and zero (how
    many are identically 0).
    Scope: networks (how many), drawn (how they were chosen).  inconclusive: for each listed
    network (bound by SHA-256; one hidden relu layer, R^2 -> R) the kernel checks a region
    (pattern, interior point p), a ray r with a.r <= 0 for every row a.x < b of the region (so
    p + t r stays in it for t >= 0) and M p + c != 0 or M r != 0 for the region's map: f is
    non-zero on an unbounded set.
    """
    if c.status == "verified":
        count, zero = 0, 0
        for net in _one_hidden_class(c):
            if _unbounded_witness(net) is None:
                c.require(_identically_zero(net), "no witness for a non-zero network: %s" % K.strs(net.layers))
                zero += 1
            count += 1
        c.checked(count)
        c.require(c.evidence.int("zero") == zero, "the class has %d identically zero networks" % zero)
        return
    n = c.scope.int("networks", lo=1, hi=1000)
    c.scope.str("drawn")
    for f in c.evidence.items("witnesses", n=n):
        net = K.network(f.bound("network"))
        c.require(net.d_in == 2 and net.d_out == 1 and [a for _, _, a, _ in net.layers] == ["relu", "identity"],
                  "a one-hidden-layer ReLU network R^2 -> R is expected")
        raw_p, r = f.list("point", n=2), f.vec("ray", 2)
        rows, m, off = R.region_point(net, f.raw("pattern"), None, raw_p)
        p = K.vec(raw_p)
        c.require(all(K.dot(a, r) <= 0 for a, _ in rows), "the ray leaves the region")
        c.require(any(K.dot(row, p) + b != 0 or K.dot(row, r) != 0 for row, b in zip(m, off)),
                  "f is zero along the ray")


spec("002-P3", "(a) one hidden layer, d = 2", statuses=("verified", "inconclusive"))(one_hidden_not_compact)


#: Directions of the rays the kernel tries from 0: one inside each open cone between the axes and the
#: diagonals (the lines of weights in {-1, 0, 1}), then the axes and the diagonals themselves.
_RAYS = [(2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1), (-1, -2), (1, -2), (2, -1),
         (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]


def _unbounded_witness(net):
    """Fact (when a direction is returned): f is non-zero on an unbounded set.  Along x = t r every
    pre-activation is t (w_j.r) + b_j; beyond t1 = 1 + the largest zero of the non-constant ones their
    signs are fixed, so f(t r) is affine in t on [t1, inf); f(t1 r) or f((t1 + 1) r) non-zero makes that
    affine function non-zero, hence non-zero for every large t."""
    (w, b, _, _), out = net.layers
    for r in _RAYS:
        r = [Fraction(v) for v in r]
        slopes = [K.dot(row, r) for row in w]
        t1 = 1 + max([ZERO] + [-bj / s for bj, s in zip(b, slopes) if s != 0])
        if K.run(net, [t1 * v for v in r]) != [ZERO] or K.run(net, [(t1 + 1) * v for v in r]) != [ZERO]:
            return r
    return None


def _identically_zero(net):
    """Fact (when True): f = 0 on R^2.  The kernel finds every full-dimensional region of R^2 itself
    (specs/p003.py, _regions: a strict point or a Motzkin multiplier per pattern) and each has the
    zero map; their union is dense and f is continuous."""
    from .p003 import _regions

    _, regions = _regions(net, None)
    return all(not any(any(row) for row in m) and not any(cc) for m, cc in (R.affine_map(net, p + [[]])
                                                                         for p, _ in regions))


def _one_hidden_class(c, limit=20000):
    """scope classes [{hidden, weights, biases}]: every network R^2 -> R with one hidden relu layer of
    `hidden` neurons, hidden and output weights in weights, hidden and output biases in biases, up to
    the order of the hidden neurons (permuting them with their output weights does not change f)."""
    for f in c.scope.items("classes", lo=1, hi=3):
        h = f.int("hidden", lo=1, hi=3)
        ws, bs = (f.vec(key) for key in ("weights", "biases"))
        c.require(all(0 < len(v) <= 5 and len(set(v)) == len(v) for v in (ws, bs)),
                  "%s: weights and biases are 1 to 5 distinct numbers" % f.where)
        kinds = [(w1, w2, b, a) for w1 in ws for w2 in ws for b in bs for a in ws]
        c.require(comb(len(kinds) + h - 1, h) * len(bs) <= limit, "%s: more than %d networks" % (f.where, limit))
        for neurons in combinations_with_replacement(kinds, h):
            for c0 in bs:
                yield K.Net([([[n[0], n[1]] for n in neurons], [n[2] for n in neurons], "relu", ZERO),
                             ([[n[3] for n in neurons]], [c0], "identity", ZERO)])



_FEM = lambda: _net(([[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1]], [0] * 6, "relu"),
                    ([[Fraction(-1, 2)] * 6], [1], "relu"), ([[1]], [0], "identity"))
_OUTSIDE = ([[1, None], [None, None]], [[None, -1], [None, None]], [[None, None], [1, None]], [[None, None], [None, -1]])


def fem_hat(c):
    """(b) The two-hidden-layer network rho(1 - (|x| + |y| + |x + y|) / 2) is non-zero and
    compactly supported: it vanishes outside [-1, 1]^2.

    Evidence: regions (pattern, point), empty (prefix, Motzkin y): the kernel checks they are
    all the activation regions of R^2 (regions.cover); outside: for each region with a non-zero
    map, in order, four Motzkin multipliers proving the region disjoint from x > 1, x < -1,
    y > 1 and y < -1.  The network is rebuilt by the kernel.
    """
    net, e = _FEM(), c.evidence
    regions = [(f.raw("pattern"), f.list("point", n=2)) for f in e.items("regions", lo=1)]
    empty = [(f.raw("pattern"), f.raw("y")) for f in e.items("empty")]
    patterns = R.cover(net, None, regions, empty)
    nonzero = [p for p in patterns if any(v for row in R.affine_map(net, p)[0] for v in row) or any(
        R.affine_map(net, p)[1])]
    c.require(nonzero, "the network is identically zero")
    outside = e.items("outside", n=len(nonzero))
    for p, f in zip(nonzero, outside):
        c.require(f.raw("pattern") == p, "outside: the regions with a non-zero map are %s" % nonzero[:3])
        for box, y in zip(_OUTSIDE, f.list("y", n=4)):
            R.region_empty(net, p, box, y)
    c.checked(len(patterns))


spec("002-P3", "(b) two-hidden-layer hat, d = 2", statuses=("verified",))(fem_hat)
