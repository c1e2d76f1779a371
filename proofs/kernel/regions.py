"""Activation regions of a network: the facts the 002 and 003 specifications build on.

A *pattern* D has one list of 0/1 per layer (a relu neuron is active iff its pre-activation
is > 0, a hard-threshold one iff it is >= its threshold; identity layers have the empty
list).  A *prefix* pattern lists whole layers and then possibly the first bits of one more.
``K.pattern_system(net, D, box)`` gives the open system int P(D) (rows a.x < b, the box's
sides included) and the affine map M x + c of the last listed full layer.

Every function raises :class:`core.Invalid` unless it establishes the fact its docstring
states.  A box is ``[[lo, hi], ...]`` (one pair per coordinate, ``None`` for an infinite
side, lo < hi), or ``None`` for the whole space R^d.
"""

from fractions import Fraction

from . import core as K

__all__ = ["widths", "flat", "region_point", "region_empty", "pattern_at", "affine_map", "cover", "region_measure"]


def widths(net):
    """The number of pattern bits of each layer (0 for an identity layer)."""
    return [0 if act == "identity" else len(w) for w, _, act, _ in net.layers]


def flat(pattern):
    """A pattern as one tuple of bits."""
    return tuple(bit for bits in pattern for bit in bits)


def _pattern(raw, where="pattern"):
    if not isinstance(raw, list) or any(not isinstance(bits, list) for bits in raw):
        raise K.Invalid("%s: expected a list of lists of 0/1" % where)
    return raw


def region_point(net, pattern, box, point):
    """Fact: ``point`` satisfies every row of int P(D) strictly, so the activation region of D
    (inside the box) is a non-empty open set, i.e. full-dimensional.

    Returns (rows, M, c) of :func:`core.pattern_system`.
    """
    rows, m, c = K.pattern_system(net, _pattern(pattern), box)
    x = K.vec(point, "point", net.d_in)
    for i, (a, b) in enumerate(rows):
        if not K.dot(a, x) < b:
            raise K.Invalid("pattern %s: the point does not satisfy row %d strictly" % (pattern, i))
    return rows, m, c


def region_empty(net, pattern, box, y):
    """Fact: int P(D) (inside the box) is empty: Motzkin's transposition theorem with the
    multiplier y >= 0, y != 0, y A = 0 and y.b <= 0 over the strict rows a.x < b.

    Every full pattern extending the prefix D then has an empty open region too.
    """
    rows, _, _ = K.pattern_system(net, _pattern(pattern), box)
    K.motzkin_empty([], rows, [], K.vec(y, "y", len(rows)), net.d_in)
    return rows


def pattern_at(net, x):
    """Fact: the exact activation pattern of the input x (so x lies in the closed polytope P(D)
    of the returned D, which is therefore non-empty)."""
    x = K.vec(x, "point", net.d_in)
    out = []
    for w, b, act, t in net.layers:
        u = [K.dot(row, x) + bi for row, bi in zip(w, b)]
        out.append([] if act == "identity" else [int(v >= t if act == "hard_threshold" else v > 0) for v in u])
        x = K.activate(act, t, u)
    return out


def affine_map(net, pattern):
    """Fact: on P(D) of a full pattern D the network equals M x + c, computed from D alone
    (W_L D_{L-1} W_{L-1} ... D_1 W_1 x + bias terms).  Returns (M, c)."""
    if [len(bits) for bits in _pattern(pattern)] != widths(net):
        raise K.Invalid("pattern %s is not a full pattern of the network" % (pattern,))
    _, m, c = K.pattern_system(net, pattern)
    return m, c


def cover(net, box, regions, empty, measure=False):
    """Fact: the listed regions are exactly the full-dimensional activation regions of the box.

    ``regions``: [(pattern, point)], each a full pattern with a strict interior point
    (:func:`region_point`), no pattern twice; ``empty``: [(prefix, y)], each proved empty
    (:func:`region_empty`).  Walking the binary tree of prefixes, every full pattern extends
    an empty prefix or is a listed region.  With ``measure`` (d <= 2, bounded box) also: the
    exact areas (lengths) of the regions' closures sum to that of the box and, for every
    whole-layer prefix of a region, to that of the prefix's region (disjoint open sets of full
    measure: each layer's regions tile the previous layer's).  Returns the full patterns.
    """
    width = widths(net)
    found, empties, alive, patterns = set(), set(), set(), []
    for pattern, point in regions:
        region_point(net, pattern, box, point)
        if [len(bits) for bits in pattern] != width:
            raise K.Invalid("region pattern %s is not a full pattern" % (pattern,))
        s = flat(pattern)
        if s in found:
            raise K.Invalid("region pattern %s is listed twice" % (pattern,))
        found.add(s)
        patterns.append(pattern)
        alive.update(s[:k] for k in range(len(s) + 1))
    for pattern, y in empty:
        region_empty(net, pattern, box, y)
        empties.add(flat(pattern))
    total, stack = sum(width), [()]
    while stack:
        s = stack.pop()
        if s in empties or (len(s) == total and s in found):
            continue
        if len(s) == total or s not in alive:
            raise K.Invalid("patterns starting with %s are neither regions nor proved empty" % (s,))
        stack += [s + (0,), s + (1,)]
    if measure:
        kids = {}  # whole-layer prefix -> summed measure of the regions extending it
        for pattern in patterns:
            m = region_measure(net, pattern, box)
            for k in range(len(pattern)):
                key = tuple(tuple(bits) for bits in pattern[:k])
                kids[key] = kids.get(key, Fraction(0)) + m
        for key, total_m in kids.items():
            if region_measure(net, [list(bits) for bits in key], box) != total_m:
                raise K.Invalid("the regions extending %s have total measure %s, not that of its region"
                                % (list(key), total_m))
    return patterns


def region_measure(net, pattern, box):
    """Fact: the exact area (d = 2) or length (d = 1) of the closure of int P(D) in a bounded box
    (the box clipped by each row's closed half-plane; 0 when a row is 0 < b with b <= 0)."""
    d = net.d_in
    if d > 2 or not box or any(v is None for side in box for v in side):
        raise K.Invalid("a measure needs d <= 2 and a bounded box")
    rows = K.pattern_system(net, _pattern(pattern), box)[0]  # checks the box
    lo, hi = [K.q(side[0]) for side in box], [K.q(side[1]) for side in box]
    poly = [(lo[0], lo[1]), (hi[0], lo[1]), (hi[0], hi[1]), (lo[0], hi[1])] if d == 2 else []
    left, right = lo[0], hi[0]
    for a, b in rows:
        if not any(a):
            if b <= 0:
                return Fraction(0)
        elif d == 1:
            left, right = (max(left, b / a[0]), right) if a[0] < 0 else (left, min(right, b / a[0]))
        else:
            s = [b - a[0] * x - a[1] * y for x, y in poly]
            new = []
            for k in range(len(poly)):
                nxt = (k + 1) % len(poly)
                (p, sp), (r, sr) = (poly[k], s[k]), (poly[nxt], s[nxt])
                if sp >= 0:
                    new.append(p)
                if sp * sr < 0:
                    new.append((p[0] + sp / (sp - sr) * (r[0] - p[0]), p[1] + sp / (sp - sr) * (r[1] - p[1])))
            poly = new
    if d == 1:
        return max(right - left, Fraction(0))
    return abs(sum((p[0] * r[1] - r[0] * p[1] for p, r in zip(poly, poly[1:] + poly[:1])), Fraction(0))) / 2
