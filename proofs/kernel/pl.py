"""Continuous piecewise-linear functions: the facts the generic properties build on.

Standard library only.  A *reference* is a piecewise-linear expression (:func:`reference`):
rational constants, the input variables (``x`` when d = 1, ``x1 .. xd`` otherwise), named
integer parameters (such as ``n``) with given values, ``+``, ``-``, multiplication by a
constant, division by a non-zero constant, ``min(...)`` and ``max(...)``; nothing else.

In d = 1 a function on an open interval (lo, hi) (``None``: infinite) is written as
``(points, maps)``: the sorted points lo < p_1 < ... < p_k < hi and the k + 1 affine maps
``(s, c)`` (x -> s x + c) of the open pieces between them.  :func:`sweep` computes it for a
network (relu and identity layers: continuous), :func:`reference_pieces` for a reference;
both find the points themselves.  Two continuous functions that have the same affine map on
every piece of a common refinement are equal on the closed interval.

In d >= 2, :func:`reference_network` compiles a reference into a ReLU network computing it,
and :func:`difference` builds the network f - g, so that region covers
(:mod:`regions`) decide equality and order.  Every function raises :class:`core.Invalid`
unless it establishes what its docstring states.
"""

import ast
import heapq
from fractions import Fraction

from . import core as K

__all__ = ["reference", "evaluate", "sweep", "reference_pieces", "refine", "normal_form", "reference_network",
           "difference", "continuous"]

ZERO, ONE = Fraction(0), Fraction(1)
_NO = (ZERO, ZERO)
_MAX_TEXT = 2000


# -- references ------------------------------------------------------------------------------
def reference(text, d, params):
    """Parse a reference expression into a tree of ("const", q), ("var", k), ("add", a, b),
    ("scale", q, a), ("min", [a, ...]), ("max", [a, ...]); params: {name: integer value}."""
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise K.Invalid("a reference is a string of at most %d characters" % _MAX_TEXT)
    names = {"x": 0} if d == 1 else {"x%d" % (k + 1): k for k in range(d)}
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise K.Invalid("reference %r does not parse" % text[:60])

    def const(node):
        return node[1] if node[0] == "const" else None

    def conv(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return ("const", Fraction(node.value))
        if isinstance(node, ast.Name) and node.id in names:
            return ("var", names[node.id])
        if isinstance(node, ast.Name) and node.id in params:
            return ("const", Fraction(params[node.id]))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = conv(node.operand)
            return ("scale", -ONE, v) if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            a, b = conv(node.left), conv(node.right)
            return ("add", a, b if isinstance(node.op, ast.Add) else ("scale", -ONE, b))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            a, b = _fold(conv(node.left)), _fold(conv(node.right))  # -2 * x: the factor -2 folded first
            if const(a) is None and const(b) is None:
                raise K.Invalid("reference %r: a product needs a constant factor" % text[:60])
            return ("scale", const(a), b) if const(a) is not None else ("scale", const(b), a)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            a, b = conv(node.left), const(_fold(conv(node.right)))  # x / -2, x / (1 + 1)
            if not b:
                raise K.Invalid("reference %r: division only by a non-zero constant" % text[:60])
            return ("scale", ONE / b, a)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max")
                and len(node.args) >= 1 and not node.keywords):
            return (node.func.id, [conv(a) for a in node.args])
        raise K.Invalid("reference %r: only rational constants, %s, %s+ - * / min max" % (
            text[:60], ", ".join(names), "".join(p + ", " for p in params)))

    return _fold(conv(tree))


def _fold(t):
    """Evaluate constant sub-trees (so that ("scale", q, a) has a constant q)."""
    if t[0] == "add":
        a, b = _fold(t[1]), _fold(t[2])
        return ("const", a[1] + b[1]) if a[0] == b[0] == "const" else ("add", a, b)
    if t[0] == "scale":
        a = _fold(t[2])
        return ("const", t[1] * a[1]) if a[0] == "const" else ("scale", t[1], a)
    if t[0] in ("min", "max"):
        args = [_fold(a) for a in t[1]]
        if all(a[0] == "const" for a in args):
            return ("const", (min if t[0] == "min" else max)(a[1] for a in args))
        return (t[0], args)
    return t


def evaluate(t, x):
    """The exact value of a reference tree at the point x (a list of rationals)."""
    kind = t[0]
    if kind == "const":
        return t[1]
    if kind == "var":
        return x[t[1]]
    if kind == "add":
        return evaluate(t[1], x) + evaluate(t[2], x)
    if kind == "scale":
        return t[1] * evaluate(t[2], x)
    values = [evaluate(a, x) for a in t[1]]
    return min(values) if kind == "min" else max(values)


# -- d = 1: pieces ---------------------------------------------------------------------------
def _sign(v):
    return (v > 0) - (v < 0)


def _side(m, p):
    """The sign of the affine map m = (s, c) just right of p (p None: as x -> -infinity)."""
    s, c = m
    if p is None:
        return -_sign(s) if s else _sign(c)
    v = s * p + c
    return _sign(v) if v else _sign(s)


def _relu_right(m, p):
    """The map of relu(m) just right of p."""
    return m if _side(m, p) > 0 else _NO


def continuous(net):
    """Fact: the network has only relu and identity layers, so it is continuous."""
    if any(act not in ("relu", "identity") for _, _, act, _ in net.layers):
        raise K.Invalid("only relu and identity layers (a hard threshold is not continuous)")
    return net


def _layer(points, first, changes, w, b, act, lo, hi):
    """One layer of the sweep.  Input: the previous outputs as maps on the first piece and,
    at each point, the outputs whose map changes there.  Output: the same for this layer.

    A relu output changes only where its pre-activation changes (at an input point) or
    changes sign (at the unique zero of an unchanged affine pre-activation): both kinds of
    event are processed in increasing order, so between two returned points every output
    map is constant.
    """
    relu = act == "relu"
    pre = []
    for row, bi in zip(w, b):
        s, c = ZERO, bi
        for wij, (ms, mc) in zip(row, first):
            if wij:
                s, c = s + wij * ms, c + wij * mc
        pre.append((s, c))
    cols = [[(i, row[j]) for i, row in enumerate(w) if row[j]] for j in range(len(first))]
    out = [_relu_right(m, lo) if relu else m for m in pre]
    out_first, out_points, out_changes = list(out), [], []
    heap, version = [], [0] * len(pre)

    def schedule(i, p, push=heapq.heappush):  # the zero of pre[i] strictly right of p and left of hi
        s, c = pre[i]
        if relu and s:
            z = -c / s
            if (p is None or z > p) and (hi is None or z < hi):
                push(heap, (z, i, version[i]))

    for i in range(len(pre)):
        schedule(i, lo, list.append)
    heapq.heapify(heap)
    cur, k = list(first), 0
    while k < len(points) or heap:
        x = points[k] if k < len(points) else heap[0][0]
        if heap and heap[0][0] < x:
            x = heap[0][0]
        touched = set()
        if k < len(points) and points[k] == x:
            moved = set()
            for j, m in changes[k].items():
                ds, dc = m[0] - cur[j][0], m[1] - cur[j][1]
                cur[j] = m
                for i, wij in cols[j]:
                    s, c = pre[i]
                    if wij == 1:
                        pre[i] = (s + ds, c + dc)
                    elif wij == -1:
                        pre[i] = (s - ds, c - dc)
                    else:
                        pre[i] = (s + wij * ds, c + wij * dc)
                    moved.add(i)
            for i in moved:
                version[i] += 1
                schedule(i, x)
            touched |= moved
            k += 1
        zeros = set()
        while heap and heap[0][0] == x:
            _, i, v = heapq.heappop(heap)
            if v == version[i] and i not in touched:
                zeros.add(i)  # pre[i] unchanged and zero at x: relu(pre[i]) is pre[i] right of x iff s > 0
        change = {}
        for i in sorted(touched | zeros):
            if i in zeros:
                new = pre[i] if pre[i][0] > 0 else _NO
            else:
                new = _relu_right(pre[i], x) if relu else pre[i]
            if new != out[i]:
                out[i] = change[i] = new
        if change:
            out_points.append(x)
            out_changes.append(change)
    return out_points, out_first, out_changes


def sweep(net, lo=None, hi=None):
    """Fact: (points, maps) of the network (d_in = 1, relu and identity layers) on (lo, hi): on
    each open piece between consecutive points every output is the listed affine map (a tuple
    of (s, c), one per output).  The points are found from the weights alone (see _layer)."""
    continuous(net)
    if net.d_in != 1:
        raise K.Invalid("a sweep needs one input")
    points, first, changes = [], [(ONE, ZERO)], []
    for w, b, act, _ in net.layers:
        points, first, changes = _layer(points, first, changes, w, b, act, lo, hi)
    cur, maps = list(first), [tuple(first)]
    for ch in changes:
        for i, m in ch.items():
            cur[i] = m
        maps.append(tuple(cur))
    return points, maps


def refine(f, g):
    """(points, [(map of f, map of g)]) on the common refinement of two piece lists."""
    (pf, mf), (pg, mg) = f, g
    points = sorted(set(pf) | set(pg))
    out, i, j = [], 0, 0
    for k in range(len(points) + 1):
        out.append((mf[i], mg[j]))
        if k < len(points):
            i += i < len(pf) and pf[i] == points[k]
            j += j < len(pg) and pg[j] == points[k]
    return points, out


def _minmax(kind, f, g, lo, hi):
    """max (or min) of two piece lists on (lo, hi): each piece is split at the zero of the difference."""
    points, pairs = refine(f, g)
    los, his = [lo] + points, points + [hi]
    out_points, out_maps = [], []
    pick = (lambda s: s >= 0) if kind == "max" else (lambda s: s <= 0)
    for k, (a, b) in enumerate(pairs):
        lo, hi = los[k], his[k]
        if k:
            out_points.append(lo)
        diff = (a[0] - b[0], a[1] - b[1])
        out_maps.append(a if pick(_side(diff, lo)) else b)
        if diff[0]:
            z = -diff[1] / diff[0]
            if (lo is None or z > lo) and (hi is None or z < hi):
                out_points.append(z)
                out_maps.append(a if pick(_side(diff, z)) else b)
    return out_points, out_maps


def reference_pieces(t, lo=None, hi=None):
    """Fact: (points, maps) of a reference tree (d = 1) on (lo, hi); maps are (s, c) pairs.  The
    points are the union of the arguments' points and, for min and max, the zeros of the
    arguments' differences inside each common piece."""
    kind = t[0]
    if kind == "const":
        return [], [(ZERO, t[1])]
    if kind == "var":
        return [], [(ONE, ZERO)]
    if kind == "scale":
        p, m = reference_pieces(t[2], lo, hi)
        return p, [(t[1] * s, t[1] * c) for s, c in m]
    if kind == "add":
        p, pairs = refine(reference_pieces(t[1], lo, hi), reference_pieces(t[2], lo, hi))
        return p, [(a[0] + b[0], a[1] + b[1]) for a, b in pairs]
    acc = reference_pieces(t[1][0], lo, hi)
    for arg in t[1][1:]:
        acc = _minmax(kind, acc, reference_pieces(arg, lo, hi), lo, hi)
    return acc


# -- d >= 2: networks for references ---------------------------------------------------------
def normal_form(net):
    """Fact: the network as relu layers [(W, b)] and one final affine map (W, b), computing the
    same function: identity layers are composed into the next affine map, a final relu layer is
    followed by the identity map."""
    continuous(net)
    relus, aff = [], None
    for w, b, act, _ in net.layers:
        if aff is not None:
            w, b = K.matmul(w, aff[0]), [K.dot(row, aff[1]) + bi for row, bi in zip(w, b)]
        if act == "relu":
            relus.append((w, b))
            aff = None
        else:
            aff = (w, b)
    if aff is None:
        n = len(relus[-1][0])
        aff = (K.identity(n), [ZERO] * n)
    return relus, aff


def _net(relus, aff):
    layers = [(w, list(b), "relu", ZERO) for w, b in relus] + [(aff[0], list(aff[1]), "identity", ZERO)]
    return K.Net(layers)


def _pass(width):
    """A relu layer keeping v as (relu(v), relu(-v)), and the map back v = relu(v) - relu(-v)."""
    i = K.identity(width)
    return [r for r in i] + [[-v for v in r] for r in i], [[ONE if c == r else (-ONE if c == r + width else ZERO)
                                                            for c in range(2 * width)] for r in range(width)]


def _deepen(relus, aff, depth):
    """The same function with `depth` relu layers (identity passes appended)."""
    relus = list(relus)
    while len(relus) < depth:
        width = len(aff[0])
        up, down = _pass(width)
        relus.append((K.matmul(up, aff[0]), [K.dot(r, aff[1]) for r in up]))
        aff = (down, [ZERO] * width)
    return relus, aff


def _parallel(parts):
    """Networks (normal forms) with one input space side by side: outputs stacked."""
    depth = max([1] + [len(r) for r, _ in parts])  # at least one relu layer (an affine part gets a pass)
    parts = [_deepen(r, a, depth) for r, a in parts]
    relus = []
    for layer in range(depth):
        w, b, offset = [], [], 0
        total = sum(len(r[layer - 1][0]) for r, _ in parts) if layer else None
        for r, _ in parts:
            lw, lb = r[layer]
            if layer:
                width = len(r[layer - 1][0])
                w += [[ZERO] * offset + list(row) + [ZERO] * (total - offset - width) for row in lw]
                offset += width
            else:
                w += [list(row) for row in lw]
            b += list(lb)
        relus.append((w, b))
    total, offset, w, b = sum(len(r[-1][0]) for r, _ in parts), 0, [], []
    for r, (aw, ab) in parts:
        width = len(r[-1][0])
        w += [[ZERO] * offset + list(row) + [ZERO] * (total - offset - width) for row in aw]
        b += list(ab)
        offset += width
    return relus, (w, b)


def _input(d):
    up, down = _pass(d)
    return [(up, [ZERO] * (2 * d))], (down, [ZERO] * d)


def _compile(t, d):
    kind = t[0]
    if kind == "const":
        r, (w, b) = _input(d)
        return r, ([[ZERO] * len(w[0])], [t[1]])
    if kind == "var":
        r, (w, b) = _input(d)
        return r, ([w[t[1]]], [ZERO])
    if kind == "scale":
        r, (w, b) = _compile(t[2], d)
        return r, ([[t[1] * v for v in w[0]]], [t[1] * b[0]])
    if kind == "add":
        r, (w, b) = _parallel([_compile(t[1], d), _compile(t[2], d)])
        return r, ([[u + v for u, v in zip(w[0], w[1])]], [b[0] + b[1]])
    acc = _compile(t[1][0], d)
    for arg in t[1][1:]:
        r, (w, b) = _parallel([acc, _compile(arg, d)])
        # max(a, c) = c + relu(a - c), min(a, c) = c - relu(c - a); c kept as relu(c) - relu(-c)
        sign = ONE if kind == "max" else -ONE
        a, c = (w[0], b[0]), (w[1], b[1])
        rows = [[sign * (u - v) for u, v in zip(a[0], c[0])], list(c[0]), [-v for v in c[0]]]
        bias = [sign * (a[1] - c[1]), c[1], -c[1]]
        acc = (r + [(rows, bias)], ([[sign, ONE, -ONE]], [ZERO]))
    return acc


def reference_network(t, d):
    """Fact: a network (relu hidden layers, identity output, d inputs, one output) computing the
    reference tree: max(a, c) = c + relu(a - c), min(a, c) = c - relu(c - a), v = relu(v) - relu(-v)."""
    return _net(*_compile(t, d))


def difference(f, g):
    """Fact: a network computing f(x) - g(x) (f and g continuous networks with the same input
    dimension and one output each), in normal form."""
    if f.d_in != g.d_in or f.d_out != 1 or g.d_out != 1:
        raise K.Invalid("a difference needs two networks with the same inputs and one output")
    r, (w, b) = _parallel([normal_form(f), normal_form(g)])
    return _net(r, ([[u - v for u, v in zip(w[0], w[1])]], [b[0] - b[1]]))
