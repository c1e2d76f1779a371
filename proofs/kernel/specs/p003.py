"""Specifications of the claims of 003 (Heinecke & Hwang, deep representation with ReLU networks).

A ReLU network here has relu hidden layers and an identity output layer.  A *cover* of a
network (evidence) is {"network", "regions": [[pattern, point], ...], "empty": [[prefix, y],
...]}: :func:`regions.cover` proves that the regions are exactly the full-dimensional
activation regions (configurations with int P(D) non-empty) of the box.  The zoo networks are
drawn by a seeded generator outside the kernel, so they are bound by SHA-256
({"sha256", "value"}); a counterexample's network stands alone and is given plainly.
"""

from fractions import Fraction

from .. import core as K
from .. import regions as R
from ..framework import Step, spec

ZERO, ONE = Fraction(0), Fraction(1)


# -- shared helpers --------------------------------------------------------------------------
def _relu_net(net):
    """Check the shape: relu hidden layers, an identity output layer, at least one hidden layer."""
    acts = [act for _, _, act, _ in net.layers]
    if len(acts) < 2 or acts[-1] != "identity" or any(a != "relu" for a in acts[:-1]):
        raise K.Invalid("expected relu hidden layers and an identity output layer")
    return net


def _box(c, d):
    """The scope's box [lo, hi] (the same for every coordinate), or None for R^d."""
    side = c.scope.raw("box")
    return None if side is None else [side] * d


def _pairs(f, key, lo=0):
    out = []
    for k, x in enumerate(f.list(key, lo=lo)):
        if not isinstance(x, list) or len(x) != 2:
            raise K.Invalid("%s[%d]: expected [pattern, point-or-multiplier]" % (key, k))
        out.append((x[0], x[1]))
    return out


def _cover(f, box, net=None, measure=False):
    """(net, [(pattern, point)]) after checking the cover (net read from the evidence unless given)."""
    net = net if net is not None else _relu_net(K.network(f.bound("network"), "network"))
    regions = _pairs(f, "regions", lo=1)
    R.cover(net, box, regions, _pairs(f, "empty"), measure)
    return net, regions


def _instances(c):
    """inconclusive: what was searched, and the listed instances (their count must match)."""
    c.evidence.str("searched")
    items = c.evidence.items("instances", lo=1)
    c.require(c.evidence.int("count") == len(items), "the count differs from the number of instances")
    return items


def _norm_gap(beta2, t):
    """beta2 I - T^T T (PSD iff ||T||_2^2 <= beta2)."""
    d = len(t[0])
    tt = K.matmul(K.transpose(t), t)
    return [[(beta2 if i == j else ZERO) - tt[i][j] for j in range(d)] for i in range(d)]


def _counterexample_region(c):
    """A standalone counterexample region: network, full pattern with a strict interior point."""
    e = c.evidence
    net = _relu_net(e.network("network"))
    pattern = e.raw("pattern")
    R.region_point(net, pattern, None, e.raw("point"))
    return net, pattern, R.affine_map(net, pattern)[0]


# -- regions found by the kernel itself (d <= 2) ----------------------------------------------
def _eliminate(rows, k):
    """Fourier-Motzkin: the strict rows (a, b, y) without variable k (y: the multipliers of the
    original rows that give the row), and the bounds on x_k: (lower, upper) rows."""
    keep, lower, upper = [], [], []
    for a, b, y in rows:
        (upper if a[k] > 0 else lower if a[k] < 0 else keep).append((a, b, y))
    for au, bu, yu in upper:
        for al, bl, yl in lower:
            fu, fl = 1 / au[k], -1 / al[k]
            y = {i: fu * yu.get(i, ZERO) + fl * yl.get(i, ZERO) for i in set(yu) | set(yl)}
            keep.append(([fu * u + fl * l for u, l in zip(au, al)], fu * bu + fl * bl, y))
    return keep, lower, upper


def _open_point(rows, d):
    """A strict solution x of every row a.x < b, or a Motzkin multiplier y (y >= 0, y != 0, y A = 0,
    y.b <= 0) proving there is none: Fourier-Motzkin elimination of x_d, ..., x_1, then back
    substitution.  Returns ("point", x) or ("empty", y); the caller checks either."""
    levels, cur = [], [(list(a), b, {i: ONE}) for i, (a, b) in enumerate(rows)]
    for k in range(d - 1, -1, -1):
        cur, lower, upper = _eliminate(cur, k)
        levels.append((k, lower, upper))
    for _, b, y in cur:
        if b <= 0:
            return "empty", [y.get(i, ZERO) for i in range(len(rows))]
    x = [ZERO] * d
    for k, lower, upper in reversed(levels):  # x_1 first: each x_k between its bounds given the earlier ones
        ends = [[(b - sum((a[j] * x[j] for j in range(d) if j != k), ZERO)) / a[k] for a, b, _ in side]
                for side in (lower, upper)]
        lo, hi = max(ends[0], default=None), min(ends[1], default=None)
        x[k] = (ZERO if lo is None and hi is None else hi - 1 if lo is None else lo + 1 if hi is None
                else (lo + hi) / 2)
    return "point", x


def _regions(net, box, prefix_layers=None):
    """Fact: the full patterns of the relu layers (the first prefix_layers layers, or all but an
    identity output) whose open region int P(D) in the box is non-empty, each with a strict
    interior point; every other full pattern is proved empty (Motzkin).  The kernel finds both."""
    layers = net.layers[:prefix_layers] if prefix_layers else [l for l in net.layers if l[2] != "identity"]
    sub = K.Net(layers)
    out = []
    for pattern in _full_patterns(sub):
        pattern = pattern[:-1]
        rows = K.pattern_system(sub, pattern, box)[0]
        kind, v = _open_point(rows, net.d_in)
        if kind == "point":  # checked, not trusted: every row strictly
            if not K.strict_point(rows, v):
                raise K.Invalid("pattern %s: the elimination's point misses a row" % (pattern,))
            out.append((pattern, v))
        else:                # checked, not trusted: Motzkin's transposition theorem
            K.motzkin_empty([], rows, [], v, net.d_in)
    return sub, out


def _relu_class(c, limit=3000):
    """scope classes [{widths: [d, n_1, ..., n_k], weights, biases}, ...] (d <= 2; relu layers only:
    the output layer makes no region; weights and biases: value sets): every network of each class."""
    for f in c.scope.items("classes", lo=1, hi=3):
        ws, bs = (f.vec(key) for key in ("weights", "biases"))
        c.require(all(0 < len(v) <= 5 and len(set(v)) == len(v) for v in (ws, bs)),
                  "%s: weights and biases are 1 to 5 distinct numbers" % f.where)
        widths = f.raw("widths")
        if not isinstance(widths, list) or not 2 <= len(widths) <= 4 or any(
                isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3 for v in widths) or widths[0] > 2:
            raise K.Invalid("widths must be [d, n_1, ..., n_k] with d <= 2, 1 <= n_l <= 3 and k <= 3")
        shapes = list(zip(widths[1:], widths[:-1]))
        choices = [[(w, b) for w in _matrices(r, cc, ws) for b in _matrices(1, r, bs)] for r, cc in shapes]
        total = 1
        for ch in choices:
            total *= len(ch)
        c.require(total <= limit, "the class of widths %s has %d networks (at most %d)" % (widths, total, limit))
        for k in range(total):
            layers = []
            for ch in choices:
                w, b = ch[k % len(ch)]
                k //= len(ch)
                layers.append((w, b[0], "relu", ZERO))
            yield widths, K.Net(layers)


def _box_measure(box):
    m = ONE
    for lo, hi in box:
        m *= K.q(hi) - K.q(lo)
    return m


# -- 003-Conf --------------------------------------------------------------------------------
def configurations(c):
    """Every configuration of each listed (SHA-256-bound) ReLU network whose open polytope int P(D)
    (in the box, or on R^d) is non-empty, with its H-representation and its exact affine map.

    Scope: box ([lo, hi] for every coordinate, lo < hi, or null) and networks [{name, network}]
    (bound by hash); the statement is about these networks.  verified: evidence "covers", one
    per network: the kernel checks each region's strict interior point, proves every other full
    pattern empty (Motzkin multipliers of prefixes), derives each region's rows and affine map
    from the pattern, and compares the map with the network at the interior point.
    Lower-dimensional cells are not counted as configurations in this reading.
    """
    nets = c.scope.items("networks", lo=1)
    covers = c.evidence.items("covers", n=len(nets))
    total = 0
    for spec_net, cov in zip(nets, covers):
        spec_net.str("name")
        net = _relu_net(K.network(spec_net.bound("network")))
        _, regions = _cover(cov, _box(c, net.d_in), net)
        for pattern, point in regions:
            m, off = R.affine_map(net, pattern)
            x = K.vec(point, "point")
            c.require(K.run(net, x) == [K.dot(r, x) + o for r, o in zip(m, off)], "map differs at %s" % pattern)
        total += len(regions)
    c.checked(total)


spec("003-Conf", statuses=("verified",))(configurations)


# -- 003-Ex2 ---------------------------------------------------------------------------------
def _ex2_net(w2, b2):
    """x -> rho(I x) -> rho(W_2 . + b_2) -> sum: widths 2-k-1 (W_1 = I invertible, b_1 = 0)."""
    return K.network({"layers": [{"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"},
                                 {"weight": w2, "bias": b2, "activation": "relu"},
                                 {"weight": [[1] * len(w2)], "activation": "identity"}]})


_EX2 = {1: ([[1, 1]], [-1]), 2: ([[1, 1], [1, 4]], [-1, -2]), 3: ([[1, 1], [1, 4], [4, 1]], [-1, -2, -2])}


def example2(c):
    """Example 2 on R^2, widths 2-k (W_1 invertible): the instance of each k <= k_max has exactly
    4 + 3k + C(k, 2) regions (7 for k = 1), and every network of the class W_1 = I, b_1 = 0, one
    second-layer neuron with integer weights and bias in [-grid, grid] has at most 7 regions, the
    all-off first-layer region never split.

    Scope: k_max (1..3), grid (0..2).  verified: the kernel builds the instances (lines x + y = 1,
    x + 4y = 2, 4x + y = 2) and every member of the class itself; evidence "instances" and
    "class" hold one cover each (in order: k = 1..k_max; (w1, w2, b) lexicographic).  The
    bound 7 for all real weights follows from the argument (constant pre-activation on the
    all-off region), which this finite check does not replace.
    """
    k_max, grid = c.scope.int("k_max", lo=1, hi=3), c.scope.int("grid", lo=0, hi=2)
    covers = c.evidence.items("instances", n=k_max)
    for k, cov in zip(range(1, k_max + 1), covers):
        _, regions = _cover(cov, None, _ex2_net(*_EX2[k]))
        c.require(len(regions) == 4 + 3 * k + k * (k - 1) // 2, "k=%d: %d regions" % (k, len(regions)))
    vals = range(-grid, grid + 1)
    members = [(w1, w2, b) for w1 in vals for w2 in vals for b in vals]
    for (w1, w2, b), cov in zip(members, c.evidence.items("class", n=len(members))):
        _, regions = _cover(cov, None, _ex2_net([[w1, w2]], [b]))
        off = sum(1 for p, _ in regions if p[0] == [0, 0])
        c.require(len(regions) <= 7 and off <= 1, "w=(%d,%d), b=%d: %d regions" % (w1, w2, b, len(regions)))
    c.checked(k_max + len(members))


spec("003-Ex2", statuses=("verified",))(example2)


# -- 003-P3 ----------------------------------------------------------------------------------
def proposition3(c):
    """Proposition 3: for every l the activation regions of the first l layers partition the input
    space, those of l + 1 layers refine them, and on each region f is the configuration's map.

    Scope: box [lo, hi] (every coordinate).  inconclusive (a theorem about every network,
    re-checked on listed networks, d <= 2): per instance (a bound network) one cover per prefix
    l = 1..L of its layers; the kernel checks each cover with exact areas (lengths) in the box,
    that every level-(l+1) pattern extends a level-l pattern, and that the prefix network equals
    the pattern's affine map at each interior point.
    verified: scope classes ([{widths: relu layers [d, n_1, ...] with d <= 2, weights, biases:
    value sets}]) and box; for every network of the class and every prefix l, the kernel decides every full pattern
    of the first l layers itself (a strict point in the box, or a Motzkin multiplier), checks the
    exact areas (lengths) of the regions sum to the box's, that every region of l + 1 layers
    extends a region of l layers and the regions extending one fill it (areas), and that the prefix
    network equals the pattern's map at each interior point (the output layer is an affine map of
    the last layer: it makes no region).  Evidence: checked (networks) and regions (their total
    over every level).
    """
    if c.status == "verified":
        box, count, total = c.scope.raw("box"), 0, 0
        for widths, net in _relu_class(c):
            box_d, prev = [box] * net.d_in, None
            for l in range(1, len(net.layers) + 1):
                sub, regs = _regions(net, box_d, prefix_layers=l)
                areas = {}
                for p, x in regs:
                    areas[R.flat(p)] = R.region_measure(sub, p, box_d)
                    _, m, off = K.pattern_system(sub, p)
                    c.require(K.run(sub, x) == [K.dot(r, x) + o for r, o in zip(m, off)], "map differs at %s" % p)
                c.require(sum(areas.values(), ZERO) == _box_measure(box_d), "level %d does not cover the box" % l)
                if prev is not None:
                    kids = {}
                    for p, _ in regs:
                        parent = R.flat(p[:l - 1])
                        c.require(parent in prev, "%s refines no region of level %d" % (p, l - 1))
                        kids[parent] = kids.get(parent, ZERO) + areas[R.flat(p)]
                    c.require(kids == prev, "the regions of level %d do not fill those of level %d" % (l, l - 1))
                prev, total = areas, total + len(regs)
            count += 1
        c.checked(count)
        c.require(c.evidence.int("regions") == total, "the class has %d regions over its levels" % total)
        return
    for inst in _instances(c):
        net = _relu_net(K.network(inst.bound("network")))
        c.require(net.d_in <= 2, "exact areas need d <= 2")
        levels = inst.items("levels", n=len(net.layers))
        prev = None
        for l, cov in enumerate(levels, 1):
            sub = K.Net(net.layers[:l])
            _, regions = _cover(cov, _box(c, net.d_in), sub, measure=True)
            pats = [p for p, _ in regions]
            for p, x in regions:
                m, off = R.affine_map(sub, p)
                x = K.vec(x, "point")
                c.require(K.run(sub, x) == [K.dot(r, x) + o for r, o in zip(m, off)], "map differs at %s" % p)
                c.require(prev is None or p[:l - 1] in prev, "%s refines no region of level %d" % (p, l - 1))
            prev = pats


spec("003-P3", statuses=("verified", "inconclusive"))(proposition3)


# -- 003-Co4 ---------------------------------------------------------------------------------
def corollary4_full(c):
    """Corollary 4 (full-dimensional reading): the number of full-dimensional polytopes of the
    partition equals the number of configurations D with int P(D) non-empty.

    verified (in a box): scope classes ([{widths: relu layers [d, n_1, ...] with d <= 2, weights,
    biases: value sets}]) and box; for every network of the class the kernel decides every full pattern itself
    (a strict interior point in the box, or a Motzkin multiplier: Fourier-Motzkin elimination),
    and checks that the exact areas (lengths) of the regions' closures sum to the box's: the
    regions, open, convex and disjoint, are the full-dimensional pieces of the partition of the
    box, one per configuration.  Evidence: checked (networks) and polytopes (their total).
    inconclusive (a theorem about every network, re-checked on listed networks):
    per instance a cover on R^d of a bound network and the number of "polytopes"; the cover lists
    each such configuration once with a point of its (convex, open) region, which is one polytope.
    """
    if c.status == "verified":
        box, count, total = c.scope.raw("box"), 0, 0
        for widths, net in _relu_class(c):
            box_d = [box] * net.d_in
            sub, regs = _regions(net, box_d)
            area = sum((R.region_measure(sub, p, box_d) for p, _ in regs), ZERO)
            c.require(area == _box_measure(box_d), "the regions of %s cover %s of the box" % (K.strs(net.layers), area))
            count, total = count + 1, total + len(regs)
        c.checked(count)
        c.require(c.evidence.int("polytopes") == total, "the class has %d polytopes" % total)
        return
    for inst in _instances(c):
        _, regions = _cover(inst, None)
        c.require(inst.int("polytopes") == len(regions), "the number of polytopes is %d" % len(regions))


spec("003-Co4", "full-dimensional", statuses=("verified", "inconclusive"))(corollary4_full)


def corollary4_literal(c):
    """Corollary 4 (literal reading): the number of polytopes (full-dimensional pieces of the
    partition, interiors disjoint) equals the number of configurations D with P(D) non-empty
    (u > 0 for active, u <= 0 for inactive neurons).

    Scope: none.  refuted: evidence a ReLU network with its cover on R^d (the polytopes), a full
    pattern D, a point "at" whose exact pattern is D (so P(D) is non-empty) and a Motzkin
    multiplier y proving int P(D) empty: D is one configuration more than there are polytopes.
    """
    e = c.evidence
    net, regions = _cover(e.obj("cover"), None, _relu_net(e.network("network")))
    d = e.raw("pattern")
    c.require(R.pattern_at(net, e.raw("at")) == d, "the pattern at the point is not D")
    R.region_empty(net, d, None, e.raw("y"))
    c.require(d not in [p for p, _ in regions], "D is a full-dimensional region")


spec("003-Co4", "literal P(D) non-empty", statuses=("refuted",))(corollary4_literal)


def _zero_bias_class(widths):
    """Every ReLU network of the widths [d, n_1, ..., 1] with weights in {-1, 0, 1} and zero biases."""
    if not isinstance(widths, list) or len(widths) < 3 or any(isinstance(v, bool) or not isinstance(v, int)
                                                                  or not 1 <= v <= 3 for v in widths):
        raise K.Invalid("widths must be [d, n_1, ..., n_L] with 1 <= each <= 3 and a hidden layer")
    shapes = list(zip(widths[1:], widths[:-1]))
    total = sum(r * c for r, c in shapes)
    if total > 6:
        raise K.Invalid("at most 6 weights per width list (3^6 networks)")
    values = (-ONE, ZERO, ONE)
    for k in range(3 ** total):
        flat = [values[(k // 3 ** j) % 3] for j in range(total)]
        layers = []
        for l, (r, cc) in enumerate(shapes):
            w = [flat[i * cc:(i + 1) * cc] for i in range(r)]
            flat = flat[r * cc:]
            act = "identity" if l == len(shapes) - 1 else "relu"
            layers.append((w, [ZERO] * r, act, ZERO))
        yield K.Net(layers)


def _full_patterns(net):
    """Every full pattern of the hidden (relu) layers, the output layer's entry empty."""
    hidden = [len(w) for w, _, act, _ in net.layers if act == "relu"]
    total = sum(hidden)
    for k in range(2 ** total):
        bits = [(k >> j) & 1 for j in range(total)]
        pattern = []
        for h in hidden:
            pattern.append(bits[:h])
            bits = bits[h:]
        yield pattern + [[]]


def _matrices(rows, cols, values, keep=None):
    """Every rows x cols matrix with entries in values (row by row, the first entry fastest), those
    that keep(w) accepts when keep is given."""
    out = []
    for k in range(len(values) ** (rows * cols)):
        flat = [values[(k // len(values) ** j) % len(values)] for j in range(rows * cols)]
        w = [flat[i * cols:(i + 1) * cols] for i in range(rows)]
        if keep is None or keep(w):
            out.append(w)
    return out


def _class_widths(c, max_hidden=4):
    """scope.widths: width lists [d, n_1, ..., n_{L-1}, 1] (d, n_l <= 3, at least one hidden layer)."""
    out = []
    for widths in c.scope.list("widths", lo=1, hi=4):
        if not isinstance(widths, list) or not 3 <= len(widths) <= 6 or widths[-1] != 1 or any(
                isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3 for v in widths):
            raise K.Invalid("widths must be [d, n_1, ..., n_L] with 1 <= each <= 3, a hidden layer and one output")
        c.require(sum(widths[1:-1]) <= max_hidden, "at most %d hidden neurons per width list" % max_hidden)
        out.append(widths)
    return out


def _networks(widths, layer_choices, limit):
    """Every zero-bias network whose layer l is one of layer_choices(l, last, rows, cols) (relu hidden layers,
    an identity output), as K.Net; at most limit networks (else Invalid)."""
    shapes = list(zip(widths[1:], widths[:-1]))
    choices = [layer_choices(l, l == len(shapes) - 1, r, cc) for l, (r, cc) in enumerate(shapes)]
    total = 1
    for ch in choices:
        total *= len(ch)
    if total > limit:
        raise K.Invalid("the class of widths %s has %d networks (the kernel enumerates at most %d)"
                        % (widths, total, limit))
    for k in range(total):
        layers = []
        for l, ch in enumerate(choices):
            w = ch[k % len(ch)]
            k //= len(ch)
            layers.append((w, [ZERO] * len(w), "identity" if l == len(choices) - 1 else "relu", ZERO))
        yield K.Net(layers)


def corollary4_cones(c):
    """Corollary 4 (ii): if every bias is zero, every activation region of a ReLU network (any
    depth, widths and input dimension d) is an open convex cone {x : A x < 0}.

    Scope: widths, a list of layer widths [d, n_1, ..., 1] (at most 6 weights each).  Finite part:
    for every network of each width list with weights in {-1, 0, 1} and zero biases, and every
    full pattern D (empty regions and degenerate networks included), the kernel's own system of
    D has right-hand sides 0 and its map offset 0.  proved: on the region of a pattern D the first l layers equal
    x -> M_l x + c_l; the kernel checks with its polynomials that c_l = 0 and zero biases give
    the pre-activations u x + v with v = W c_l + b = 0 and the next offset c_{l+1} = bit v = 0
    (for both bits, and for identity layers), and that every row of the region's system,
    (-u, v - t) or (u, t - v) with the ReLU threshold t = 0, has right-hand side 0; induction on
    the layers (cited) from c_0 = 0 (the input map x -> x); a finite intersection of open
    half-spaces {a.x < 0} is an open convex cone (cited).
    """
    count = 0
    for widths in c.scope.list("widths", lo=1, hi=4):  # e.g. [[2, 2, 1], [1, 2, 1, 1]]
        for net in _zero_bias_class(widths):
            for pattern in _full_patterns(net):
                rows, _, off = K.pattern_system(net, pattern)
                c.require(all(b == 0 for _, b in rows) and not any(off), "a region of %s is not a cone" % widths)
                count += 1
    c.checked(count)
    names = ("w", "v", "t")
    w, zero = K.Poly.var("w", names), K.Poly.const(0, names)
    v = w * zero + zero                                   # v = W c_l + b with c_l = 0 and b = 0
    c.require(v.is_zero() and all((K.Poly.const(bit, names) * v).is_zero() for bit in (0, 1)),
              "a zero offset and zero biases do not give a zero offset")
    c.require((v - zero).is_zero() and (zero - v).is_zero(), "a row's right-hand side is not 0")
    c.argument([Step("offset", "c_l = 0 and b = 0: v = W c_l + b = 0 and c_{l+1} = bit v = 0 (relu) or v (identity)",
                     "kernel"),
                Step("induction", "c_0 = 0 (the input map x -> x), so c_l = 0 for every layer l",
                     "theorem: induction on the number of layers"),
                Step("rows", "every row of the region's system is (-u, v - t) or (u, t - v) with t = 0 and v = 0: "
                     "the region is {x : A x < 0}", "kernel"),
                Step("cone", "{x : A x < 0} is an open convex cone", "theorem: a finite intersection of open "
                     "half-spaces through 0 is an open convex cone")])


spec("003-Co4", "cones", statuses=("proved",))(corollary4_cones)


def corollary4_cones_bias(c):
    """Reading with one hypothesis dropped: every activation region of every ReLU network, biases
    allowed, is a cone with apex 0 (x in the region gives t x in it for every t > 0).

    Scope: none.  refuted: evidence a ReLU network with a non-zero bias, a point x and t > 0 whose
    exact activation patterns differ (x and t x lie in different regions).
    """
    net = _relu_net(c.evidence.network("network"))
    x, t = c.evidence.vec("x", net.d_in), c.evidence.q("t")
    c.require(t > 0, "t must be positive")
    c.require(any(v != 0 for _, b, _, _ in net.layers for v in b), "every bias is zero")
    c.require(R.pattern_at(net, K.strs(x)) != R.pattern_at(net, K.strs([t * v for v in x])),
              "x and t x have the same pattern")


spec("003-Co4", "cones, non-zero bias", statuses=("refuted",))(corollary4_cones_bias)


# -- 003-T5 ----------------------------------------------------------------------------------
def _atoms(net, pattern, all_neurons=False):
    """sum_{i in A_{L-1}, j in A_1} c_ij w_L^i (w_1^j)^T, c_ij the sum over paths j -> ... -> i
    through active neurons of prod W_l[k_l, k_{l-1}]; returns (matrix, number of non-zero c_ij)."""
    ws = [w for w, _, _, _ in net.layers]
    active = [[k for k, bit in enumerate(bits) if bit or all_neurons] for bits in pattern[:-1]]
    t = [[ZERO] * net.d_in for _ in range(net.d_out)]
    atoms = 0
    for j in active[0]:
        sums = {j: ONE}  # path sums from j to each neuron of the current layer
        for l in range(1, len(active)):
            sums = {k: sum((ws[l][k][h] * s for h, s in sums.items()), ZERO) for k in active[l]}
        for i, cij in sums.items():
            atoms += cij != 0
            for r in range(net.d_out):
                for s in range(net.d_in):
                    t[r][s] += cij * ws[-1][r][i] * ws[0][j][s]
    return t, atoms, len(active[-1]) * len(active[0]) if len(active) > 1 else len(active[0])


def theorem5(c):
    """Theorem 5: the linear part of a configuration's affine map is sum c_ij w_L^i (w_1^j)^T over
    i active in layer L-1 and j active in layer 1, c_ij the sum over paths of one weight per
    intermediate layer; at most |A_{L-1}| |A_1| atoms (|A_1| for L = 2).

    verified: scope widths, a list of layer widths [d, n_1, ..., n_L] (at most 6 weights each);
    for every network of each width list with weights in {-1, 0, 1} and zero biases (the linear
    part of a pattern's map involves no bias) and every full pattern, realised or not, the
    kernel sums the path products itself and compares them with the linear part it derives
    from the pattern; evidence checked (networks times patterns) and max_atoms.
    inconclusive (re-checked on listed networks): per instance a bound ReLU network, its cover
    on R^d and the largest number of non-zero atoms "max_atoms"; every region is compared.
    """
    if c.status == "verified":
        count, most = 0, 0
        for widths in c.scope.list("widths", lo=1, hi=4):
            for net in _zero_bias_class(widths):
                for p in _full_patterns(net):
                    t, atoms, limit = _atoms(net, p)
                    c.require(t == R.affine_map(net, p)[0] and atoms <= limit, "the atoms fail at %s" % p)
                    most, count = max(most, atoms), count + 1
        c.checked(count)
        c.require(c.evidence.int("max_atoms") == most, "the largest number of atoms is %d" % most)
        return
    for inst in _instances(c):
        net, regions = _cover(inst, None)
        most = 0
        for p, _ in regions:
            t, atoms, limit = _atoms(net, p)
            c.require(t == R.affine_map(net, p)[0] and atoms <= limit, "the atoms fail at %s" % p)
            most = max(most, atoms)
        c.require(inst.int("max_atoms") == most, "the largest number of atoms is %d" % most)


spec("003-T5", statuses=("verified", "inconclusive"))(theorem5)


def theorem5_wrong(c):
    """A wrong variant of Theorem 5: the path sums run through every neuron, active or not.

    Scope: none.  refuted: evidence a ReLU network, a full pattern and a strict interior point of
    its region where the sum of atoms over all paths differs from the linear part.
    """
    net, pattern, m = _counterexample_region(c)
    c.require(_atoms(net, pattern, all_neurons=True)[0] != m, "the all-paths sum equals the linear part")


spec("003-T5", "all neurons (wrong)", statuses=("refuted",))(theorem5_wrong)


# -- 003-T6 ----------------------------------------------------------------------------------
def _t6_i_hypotheses(net):
    """Unit rows of W_1, unit columns of W_L; returns M = max |w| over W_2..W_{L-1} (1 for L = 2)."""
    w1, wl = net.layers[0][0], net.layers[-1][0]
    if any(K.dot(r, r) != 1 for r in w1) or any(K.dot(col, col) != 1 for col in K.transpose(wl)):
        raise K.Invalid("W_1 needs unit rows and W_L unit columns")
    inner = [abs(v) for w, _, _, _ in net.layers[1:-1] for row in w for v in row]
    return max(inner) if inner else ONE


def _t6_i_bound(net, pattern, factor, attained=False):
    """(factor M^{L-2} prod_l |A_l|)^2 >= ||T||^2, tested as PSD of beta^2 I - T^T T.  With attained:
    (the bound holds, beta > 0 and beta^2 I - T^T T is singular, i.e. ||T||_2 = beta)."""
    big_m, n = _t6_i_hypotheses(net), len(net.layers)
    beta = factor * big_m ** (n - 2)
    for bits in pattern[:-1]:
        beta *= sum(bits)
    gap = _norm_gap(beta * beta, R.affine_map(net, pattern)[0])
    if not attained:
        return K.is_psd(gap)
    holds = K.is_psd(gap)
    return holds, holds and beta > 0 and K.rank(gap) < len(gap)


def _values(c, key):
    """scope[key]: 1 to 5 distinct rationals."""
    vals = c.scope.vec(key)
    c.require(0 < len(vals) <= 5 and len(set(vals)) == len(vals), "scope.%s: 1 to 5 distinct numbers" % key)
    return vals


_CLASS_LIMIT = 20000  # networks per width list of a class the kernel enumerates


def _t6_i_class(c, factor):
    """verified: every network of the class of (i) and every full pattern; returns (count, attained)."""
    inner = _values(c, "inner")

    def choices(l, last, rows, cols):
        units = [[s if k == j else ZERO for k in range(cols)] for j in range(cols) for s in (ONE, -ONE)]
        if l == 0:                                   # W_1: unit rows
            return [[units[k // len(units) ** i % len(units)] for i in range(rows)] for k in range(len(units) ** rows)]
        if last:                                     # W_L (one row): unit columns, entries +-1
            return _matrices(rows, cols, [ONE, -ONE])
        return _matrices(rows, cols, inner)
    count, attained = 0, 0
    for widths in _class_widths(c):
        for net in _networks(widths, choices, _CLASS_LIMIT):
            for p in _full_patterns(net):
                holds, tight = _t6_i_bound(net, p, factor, attained=True)
                c.require(holds, "||T|| exceeds the bound at %s of %s" % (p, K.strs(net.layers)))
                attained, count = attained + tight, count + 1
    return count, attained


def _t6_i(c, factor):
    if c.status == "refuted":
        net, pattern, _ = _counterexample_region(c)
        c.require(not _t6_i_bound(net, pattern, factor), "the bound holds on the region")
        return
    if c.status == "verified":
        count, attained = _t6_i_class(c, factor)
        c.checked(count)
        c.require(c.evidence.int("attained") == attained, "the bound is nearly attained %d times" % attained)
        return
    for inst in _instances(c):
        net, regions = _cover(inst, None)
        big_m, n = _t6_i_hypotheses(net), len(net.layers)
        glob = factor * big_m ** (n - 2)
        for w, _, _, _ in net.layers[:-1]:
            glob *= len(w)
        c.require(inst.q("global_bound") == glob, "the global bound is %s" % glob)
        for p, _ in regions:
            c.require(_t6_i_bound(net, p, factor), "||T|| exceeds the bound at %s" % p)


def theorem6_i(c):
    """Theorem 6 (i): if W_1 has unit rows, W_L unit columns and M is the largest absolute weight
    of W_2..W_{L-1}, every configuration's linear part T has ||T||_2 <= M^{L-2} prod_l |A_l|.

    verified: scope widths (width lists [d, n_1, ..., 1], at most 4 hidden neurons each) and inner
    (the values of W_2..W_{L-1}); for every network with unit rows +-e_k in W_1, entries +-1 in
    W_L (one output), inner weights in inner and zero biases (the linear part of a pattern's map
    involves no bias), and every full pattern, realised or not, the kernel derives T from the
    pattern and checks beta^2 I - T^T T PSD; evidence checked (networks times patterns) and
    attained (how many times ||T||_2 = beta > 0 exactly: beta^2 I - T^T T singular).
    inconclusive (re-checked on listed networks): per instance a bound ReLU network, its cover
    on R^d and the global bound M^{L-2} prod_l n_l; the kernel checks the hypotheses, computes
    M, and for every region builds beta^2 I - T^T T from the network and the pattern and checks
    it is positive semidefinite.
    """
    _t6_i(c, ONE)


spec("003-T6", "(i) normalised atoms", statuses=("verified", "inconclusive"))(theorem6_i)


def theorem6_i_scaled(c):
    """Theorem 6 (i) with the bound multiplied by a factor (factor < 1: a deliberately wrong variant).

    Scope: factor.  verified (scope also widths, inner) and inconclusive as for (i); refuted: evidence a network meeting the hypotheses,
    a full pattern and a strict interior point of its region where ||T||_2 exceeds the bound.
    """
    factor = c.scope.q("factor")
    c.require(factor > 0, "the factor must be positive")
    _t6_i(c, factor)


spec("003-T6", "(i) normalised atoms (scaled bound)", statuses=("verified", "inconclusive", "refuted"))(theorem6_i_scaled)


def _is_pd(m):
    """Whether a symmetric rational matrix is positive definite (exact LDL^T: every pivot > 0)."""
    a = [list(r) for r in m]
    for p in range(len(a)):
        if not a[p][p] > 0:
            return False
        for i in range(p + 1, len(a)):
            f = a[i][p] / a[p][p]
            a[i] = [x - f * y for x, y in zip(a[i], a[p])]
    return True


def _gram_power(w, power):
    """G^power for the smaller Gram matrix G of W (W^T W or W W^T: the same non-zero eigenvalues)."""
    g = K.matmul(K.transpose(w), w) if len(w[0]) <= len(w) else K.matmul(w, K.transpose(w))
    out = K.identity(len(g))
    for _ in range(power):
        out = K.matmul(out, g)
    return out


def _t6_ii_class(c):
    """verified: (ii) on every network of the class and every full pattern; returns the count."""
    vals, count = _values(c, "values"), 0
    for widths in _class_widths(c):
        for net in _networks(widths, lambda l, last, r, cc: _matrices(r, cc, vals), _CLASS_LIMIT):
            n = len(net.layers)
            powers = [_gram_power(w, n) for w, _, _, _ in net.layers]
            for p in _full_patterns(net):
                t = R.affine_map(net, p)[0]
                r = K.dot(t[0], t[0])  # one output: ||T||_2^2 = |T|^2
                c.require(any(not _is_pd([[(r if i == j else ZERO) - v for j, v in enumerate(row)]
                                          for i, row in enumerate(g)]) for g in powers),
                          "||T||^2 = %s > B^(2L) at %s of %s" % (r, p, K.strs(net.layers)))
                count += 1
    return count


def theorem6_ii(c):
    """Theorem 6 (ii): with B the largest spectral norm of W_1..W_L, every configuration's linear
    part has ||T||_2 <= B^L.

    verified: scope widths (width lists [d, ..., 1], one output) and values; for every network
    with weights in values and zero biases (T involves no bias) and every full pattern, realised
    or not, ||T||_2^2 = |T|^2 = r is rational and the kernel finds a layer l with r I - G_l^L not
    positive definite (G_l the Gram matrix of W_l), i.e. ||W_l||^(2L) = lambda_max(G_l)^L >= r, so
    B^(2L) >= r; evidence checked (networks times patterns).
    inconclusive (re-checked on listed networks): per instance a bound ReLU network,
    its cover on R^d, a layer l and a vector v != 0; rho = |W_l v|^2 / |v|^2 <= ||W_l||^2 <= B^2
    (Rayleigh), and the kernel checks rho^L I - T^T T is PSD on every region, so ||T|| <= B^L.
    """
    if c.status == "verified":
        c.checked(_t6_ii_class(c))
        return
    for inst in _instances(c):
        net, regions = _cover(inst, None)
        w = net.layers[inst.int("layer", lo=0, hi=len(net.layers) - 1)][0]
        v = inst.vec("vector", len(w[0]))
        c.require(any(v), "the vector is zero")
        wv = [K.dot(r, v) for r in w]
        rho = K.dot(wv, wv) / K.dot(v, v)
        for p, _ in regions:
            c.require(K.is_psd(_norm_gap(rho ** len(net.layers), R.affine_map(net, p)[0])),
                      "||T||^2 > rho^L at %s" % p)


spec("003-T6", "(ii) spectral", statuses=("verified", "inconclusive"))(theorem6_ii)


def theorem6_ii_power(c):
    """Control: (ii) with a lower power, ||T||_2 <= B^(L-k) for k >= 1, is false.

    Scope: k (1 <= k < L).  refuted: evidence a ReLU network with one output, a full pattern and a
    strict interior point of its region where r = |T|^2 exceeds lambda_max(G_l)^(L-k) for every
    layer (r I - G_l^(L-k) positive definite), so ||T||_2 > B^(L-k).
    """
    net, pattern, t = _counterexample_region(c)
    k = c.scope.int("k", lo=1, hi=len(net.layers) - 1)
    c.require(net.d_out == 1, "one output is expected")
    r = K.dot(t[0], t[0])
    c.require(all(_is_pd([[(r if i == j else ZERO) - v for j, v in enumerate(row)] for i, row in enumerate(g)])
                  for g in (_gram_power(w, len(net.layers) - k) for w, _, _, _ in net.layers)),
              "||T||^2 = %s <= B^(2(L-k))" % r)


spec("003-T6", "(ii) spectral, lower power (control)", statuses=("refuted",))(theorem6_ii_power)


def _remark_class(c):
    """verified: the remark on every network of the class meeting its hypothesis; returns the count."""
    vals, count = _values(c, "values"), 0
    small = lambda w: K.is_psd(_norm_gap(ONE, w))  # noqa: E731  ||W||_2 <= 1
    for widths in _class_widths(c):
        for net in _networks(widths, lambda l, last, r, cc: _matrices(r, cc, vals, small), _CLASS_LIMIT):
            for p in _full_patterns(net):
                c.require(K.is_psd(_norm_gap(ONE, R.affine_map(net, p)[0])),
                          "||T|| > 1 at %s of %s" % (p, K.strs(net.layers)))
                count += 1
    return count


def theorem6_remark(c):
    """Remark after Theorem 6: if every weight matrix has spectral norm <= 1, every configuration's
    linear part has ||T||_2 <= 1, whatever the depth.

    verified: scope widths (width lists, up to depth 5) and values; for every network with weights
    in values, every layer with I - W^T W PSD (the hypothesis; the others are not in the class)
    and zero biases, and every full pattern, realised or not, the kernel checks I - T^T T PSD;
    evidence checked (networks meeting the hypothesis times patterns).
    inconclusive (re-checked on listed networks of several depths): per instance a
    bound ReLU network, its "depth" L and its cover on R^d; the kernel checks I - W_l^T W_l PSD
    for every layer (the hypothesis) and I - T^T T PSD for every region.
    """
    if c.status == "verified":
        c.checked(_remark_class(c))
        return
    for inst in _instances(c):
        net, regions = _cover(inst, None)
        c.require(inst.int("depth") == len(net.layers), "the depth is %d" % len(net.layers))
        c.require(all(K.is_psd(_norm_gap(ONE, w)) for w, _, _, _ in net.layers), "a layer has norm > 1")
        for p, _ in regions:
            c.require(K.is_psd(_norm_gap(ONE, R.affine_map(net, p)[0])), "||T|| > 1 at %s" % p)


spec("003-T6", "remark: spectral norms <= 1", statuses=("verified", "inconclusive"))(theorem6_remark)


def theorem6_remark_dropped(c):
    """Control: the remark without its hypothesis, ||T||_2 <= 1 for every network, is false.

    Scope: none.  refuted: evidence a ReLU network, a full pattern and a strict interior point of
    its region where I - T^T T is not PSD (||T||_2 > 1), and the index "layer" of a layer with
    I - W^T W not PSD (the dropped hypothesis fails there).
    """
    net, _, t = _counterexample_region(c)
    w = net.layers[c.evidence.int("layer", hi=len(net.layers) - 1)][0]
    c.require(not K.is_psd(_norm_gap(ONE, w)), "the layer has norm <= 1")
    c.require(not K.is_psd(_norm_gap(ONE, t)), "||T|| <= 1 on the region")


spec("003-T6", "remark, norms not bounded (control)", statuses=("refuted",))(theorem6_remark_dropped)
