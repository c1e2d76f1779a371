"""The kernel's exact mathematics: numbers, vectors, networks, rank, LP certificates, polynomials.

Standard library only, plain and slow on purpose.  Every function states the fact it
establishes; every malformed input raises :class:`Invalid` (never a bare exception).
"""

import ast
import hashlib
import json
import re
from fractions import Fraction

from .reader import DEFAULT_MAX_DIGITS, decimal_int

__all__ = [
    "Invalid", "set_max_digits", "q", "nat", "vec", "mat", "strs", "Net", "network", "run", "step_signal",
    "dot", "matmul", "transpose", "identity", "rank", "inverse", "is_psd", "strict_point", "farkas_empty",
    "motzkin_empty", "pattern_system", "Poly", "RatFunc", "expression", "evaluate_expression", "sha256_json",
    "canonical_json",
]

ZERO, ONE = Fraction(0), Fraction(1)
_NUMBER = re.compile(r"-?[0-9]+(/[0-9]+)?\Z")
_limits = {"digits": DEFAULT_MAX_DIGITS}


class Invalid(Exception):
    """The certificate does not establish what it states (or is malformed)."""


def set_max_digits(n):
    """Raise (or lower) the largest number of digits a number may have."""
    _limits["digits"] = int(n)


# -- numbers ---------------------------------------------------------------------------------
def q(v, where="number"):
    """An exact rational from a JSON integer or a string "p/q" / "-p" (nothing else)."""
    if isinstance(v, bool):
        raise Invalid("%s: %s is a boolean, not a number" % (where, v))
    if isinstance(v, int):
        bits, digits = abs(v).bit_length(), _limits["digits"]
        if bits > 3.33 * digits or (bits > 3.32 * digits and abs(v) >= 10 ** digits):
            raise Invalid("%s: more than %d digits" % (where, _limits["digits"]))
        return Fraction(v)
    if not isinstance(v, str):
        raise Invalid("%s: expected an integer or a \"p/q\" string, got %s" % (where, type(v).__name__))
    if len(v) > 2 * _limits["digits"] + 2:
        raise Invalid("%s: more than %d digits" % (where, _limits["digits"]))
    if not _NUMBER.match(v):
        raise Invalid("%s: %r is not an integer or \"p/q\"" % (where, v[:40]))
    num, _, den = v.partition("/")
    if len(num.lstrip("-")) > _limits["digits"] or len(den) > _limits["digits"]:
        raise Invalid("%s: more than %d digits" % (where, _limits["digits"]))
    if den and decimal_int(den) == 0:
        raise Invalid("%s: %r has a zero denominator" % (where, v[:40]))
    return Fraction(decimal_int(num), decimal_int(den) if den else 1)


def nat(v, where="integer", lo=0, hi=None):
    """A JSON integer in [lo, hi] (booleans and strings refused)."""
    if isinstance(v, bool) or not isinstance(v, int):
        raise Invalid("%s: expected an integer, got %r" % (where, str(v)[:40]))
    if v < lo or (hi is not None and v > hi):
        raise Invalid("%s: %d is outside [%s, %s]" % (where, v, lo, "inf" if hi is None else hi))
    return v


def vec(v, where="vector", n=None):
    """A list of rationals, of length n when n is given."""
    if not isinstance(v, list):
        raise Invalid("%s: expected a list of numbers" % where)
    if n is not None and len(v) != n:
        raise Invalid("%s: expected %d entries, got %d" % (where, n, len(v)))
    return [q(x, "%s[%d]" % (where, k)) for k, x in enumerate(v)]


def mat(m, where="matrix", rows=None, cols=None):
    """A list of rows of rationals, all of one length (rows x cols when given)."""
    if not isinstance(m, list):
        raise Invalid("%s: expected a list of rows" % where)
    if rows is not None and len(m) != rows:
        raise Invalid("%s: expected %d rows, got %d" % (where, rows, len(m)))
    out = [vec(r, "%s[%d]" % (where, k), cols) for k, r in enumerate(m)]
    if out and any(len(r) != len(out[0]) for r in out):
        raise Invalid("%s: rows have different lengths" % where)
    return out


def strs(x):
    """Exact values back to strings (messages)."""
    if isinstance(x, list):
        return [strs(v) for v in x]
    return str(x)


# -- networks --------------------------------------------------------------------------------
class Net:
    """A feed-forward network: layers (W, b, activation, threshold); x -> act(W x + b)."""

    def __init__(self, layers):
        """Every layer's shape is checked (Invalid otherwise): a non-empty weight matrix with rows of
        one length, equal to the previous layer's number of rows, and one bias per weight row (run
        pairs rows and biases by zip, which would silently drop the extra ones); and its activation
        is one of :data:`ACTIVATIONS` (activate would treat any other name as the identity)."""
        if not layers:
            raise Invalid("a network needs at least one layer")
        width = None
        for k, (w, b, act, _) in enumerate(layers):
            if act not in ACTIVATIONS:
                raise Invalid("layer %d: unknown activation" % k)
            if not w or not w[0] or any(len(row) != len(w[0]) for row in w) or width not in (None, len(w[0])):
                raise Invalid("layer %d: expected rows of %s entries" % (k, width if width else "one or more"))
            if len(b) != len(w):
                raise Invalid("layer %d: %d biases for %d weight rows" % (k, len(b), len(w)))
            width = len(w)
        self.layers = layers
        self.d_in = len(layers[0][0][0])
        self.d_out = len(layers[-1][0])

    def __eq__(self, other):
        return isinstance(other, Net) and self.layers == other.layers


ACTIVATIONS = ("relu", "hard_threshold", "identity")


def network(raw, where="network"):
    """Parse the network JSON format strictly: every shape checked, no unknown keys."""
    if not isinstance(raw, dict) or set(raw) != {"layers"}:
        raise Invalid("%s: expected {\"layers\": [...]}" % where)
    if not isinstance(raw["layers"], list) or not raw["layers"]:
        raise Invalid("%s: layers must be a non-empty list" % where)
    layers, width = [], None
    for k, layer in enumerate(raw["layers"]):
        at = "%s.layers[%d]" % (where, k)
        if not isinstance(layer, dict) or not set(layer) <= {"weight", "bias", "activation", "threshold"}:
            raise Invalid("%s: unknown or missing fields" % at)
        w = mat(layer.get("weight"), at + ".weight")
        if not w or not w[0] or (width is not None and len(w[0]) != width):
            raise Invalid("%s.weight: expected rows of %s entries" % (at, width if width else "one or more"))
        b = vec(layer["bias"], at + ".bias", len(w)) if layer.get("bias") is not None else [ZERO] * len(w)
        act = layer.get("activation", "identity")
        if act not in ACTIVATIONS:
            raise Invalid("%s: unknown activation %r" % (at, str(act)[:40]))
        if "threshold" in layer and act != "hard_threshold":
            raise Invalid("%s: a threshold on a %s layer" % (at, act))
        t = q(layer.get("threshold", 1), at + ".threshold") if act == "hard_threshold" else ZERO
        layers.append((w, b, act, t))
        width = len(w)
    return Net(layers)


def activate(act, t, u):
    """relu: max(u, 0); hard_threshold: 1 if u >= t else 0; identity: u."""
    if act == "relu":
        return [max(v, ZERO) for v in u]
    if act == "hard_threshold":
        return [ONE if v >= t else ZERO for v in u]
    return list(u)


def run(net, x):
    """The exact output of the network on input x."""
    if len(x) != net.d_in:
        raise Invalid("input has %d entries, the network takes %d" % (len(x), net.d_in))
    for w, b, act, t in net.layers:
        x = activate(act, t, [dot(row, x) + bi for row, bi in zip(w, b)])
    return x


def step_signal(n, theta, c=ONE):
    """The step function x_theta of dimension n: x(j) = c for j <= theta (1-based), else 0."""
    return [c if j <= theta else ZERO for j in range(1, n + 1)]


# -- linear algebra --------------------------------------------------------------------------
def dot(a, b):
    if len(a) != len(b):
        raise Invalid("vectors of lengths %d and %d" % (len(a), len(b)))
    return sum((x * y for x, y in zip(a, b)), ZERO)


def transpose(a, cols=None):
    return [list(c) for c in zip(*a)] if a else [[] for _ in range(cols or 0)]


def matmul(a, b):
    """The product A B (shapes checked)."""
    if a and len(a[0]) != len(b):
        raise Invalid("matrix shapes do not fit (%d columns, %d rows)" % (len(a[0]), len(b)))
    bt = transpose(b)
    return [[dot(row, col) for col in bt] for row in a]


def identity(n):
    return [[ONE if i == j else ZERO for j in range(n)] for i in range(n)]


def rank(m):
    """The exact rank of a rational matrix (Gaussian elimination over Q)."""
    rows = [list(r) for r in m]
    r, ncols = 0, len(rows[0]) if rows else 0
    for col in range(ncols):
        piv = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        for i in range(r + 1, len(rows)):
            f = rows[i][col] / rows[r][col]
            if f:
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        r += 1
    return r


def inverse(m):
    """The exact inverse of a square matrix, or None when it is singular."""
    n = len(m)
    if any(len(r) != n for r in m):
        raise Invalid("inverse of a non-square matrix")
    a = [list(r) + e for r, e in zip(m, identity(n))]
    for col in range(n):
        piv = next((i for i in range(col, n) if a[i][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for i in range(n):
            if i != col and a[i][col] != 0:
                f = a[i][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[col])]
    return [r[n:] for r in a]


def is_psd(m):
    """Whether a symmetric rational matrix is positive semidefinite (exact LDL^T).

    A zero pivot forces its whole remaining row to be zero, else the matrix is not PSD.
    """
    n = len(m)
    if any(len(r) != n for r in m) or any(m[i][j] != m[j][i] for i in range(n) for j in range(n)):
        raise Invalid("PSD test of a non-symmetric matrix")
    a = [list(r) for r in m]
    for p in range(n):
        if a[p][p] < 0:
            return False
        if a[p][p] == 0:
            if any(a[p][j] != 0 for j in range(p + 1, n)):
                return False
            continue
        for i in range(p + 1, n):
            f = a[i][p] / a[p][p]
            a[i] = [x - f * y for x, y in zip(a[i], a[p])]
    return True


# -- linear feasibility ----------------------------------------------------------------------
def strict_point(rows, x):
    """Whether x satisfies a.x < b strictly for every row (a, b)."""
    return all(dot(a, x) < b for a, b in rows)


def _combination(rows, y, d):
    if len(y) != len(rows):
        raise Invalid("%d multipliers for %d rows" % (len(y), len(rows)))
    if any(v < 0 for v in y):
        raise Invalid("a multiplier is negative")
    return [sum((yi * a[j] for yi, (a, _) in zip(y, rows)), ZERO) for j in range(d)], \
        sum((yi * b for yi, (_, b) in zip(y, rows)), ZERO)


def farkas_empty(rows, y, d):
    """Farkas: y >= 0, y A = 0 and y.b < 0 prove {x in Q^d : A x <= b} empty."""
    ya, yb = _combination(rows, y, d)
    if any(ya):
        raise Invalid("y A is not zero")
    if not yb < 0:
        raise Invalid("y.b = %s is not negative" % yb)


def motzkin_empty(weak, strict, y, y_strict, d):
    """Motzkin: y, y' >= 0 with y A + y' A' = 0 and either y.b + y'.b' < 0, or y' != 0 and
    y.b + y'.b' <= 0, prove {x : A x <= b, A' x < b'} empty."""
    ya, yb = _combination(weak + strict, list(y) + list(y_strict), d)
    if any(ya):
        raise Invalid("y A + y' A' is not zero")
    if not (yb < 0 or (any(y_strict) and yb <= 0)):
        raise Invalid("neither y.b < 0 nor (y' != 0 and y.b <= 0)")


def box_rows(box, d):
    """Rows of lo < x_i < hi for a box given as [lo, hi] per coordinate (None: unbounded)."""
    if box is None:
        return []
    if not isinstance(box, list) or len(box) != d:
        raise Invalid("the box needs one [lo, hi] per coordinate (%d)" % d)
    rows = []
    for i, side in enumerate(box):
        if not isinstance(side, list) or len(side) != 2:
            raise Invalid("box[%d] must be [lo, hi]" % i)
        lo, hi = (None if v is None else q(v, "box[%d]" % i) for v in side)
        e = [ONE if k == i else ZERO for k in range(d)]
        if lo is not None and hi is not None and not lo < hi:
            raise Invalid("box[%d] is empty" % i)
        if lo is not None:
            rows.append(([-v for v in e], -lo))
        if hi is not None:
            rows.append((e, hi))
    return rows


def pattern_system(net, pattern, box=None):
    """The open system int P(D) of an activation pattern D, and the map of its last full layer.

    pattern: one list of bits per non-identity layer prefix (active iff u > 0 for relu, u >= t
    for hard_threshold); every layer before the last listed one is complete.  Returns (rows,
    M, c): rows (a, b) meaning a.x < b, and on the region the pattern's last layer outputs
    M x + c.  A neuron whose pre-activation is constant on the cell gives no row when its bit
    holds identically, else the unsatisfiable row 0 < b with b <= 0.
    """
    d = net.d_in
    rows = box_rows(box, d)
    m, c = identity(d), [ZERO] * d
    if not isinstance(pattern, list) or len(pattern) > len(net.layers):
        raise Invalid("pattern must be a list with at most one entry per layer")
    for k, ((w, b, act, t), bits) in enumerate(zip(net.layers, pattern)):
        u = matmul(w, m)
        v = [dot(row, c) + bi for row, bi in zip(w, b)]
        if not isinstance(bits, list) or any(bit not in (0, 1) or isinstance(bit, bool) for bit in bits):
            raise Invalid("pattern[%d] must be a list of 0/1" % k)
        if act == "identity":
            if bits:
                raise Invalid("identity layer %d has a non-empty pattern" % k)
            m, c = u, v
            continue
        full = len(bits) == len(w)
        if len(bits) > len(w) or (not full and k + 1 < len(pattern)):
            raise Invalid("layer %d: a pattern of %d bits for %d neurons" % (k, len(bits), len(w)))
        for j, bit in enumerate(bits):
            holds = (v[j] >= t) if act == "hard_threshold" else (v[j] > 0)
            if not any(u[j]) and holds == bool(bit):
                continue
            rows.append(([-x for x in u[j]], v[j] - t) if bit else (list(u[j]), t - v[j]))
        if full and act == "relu":
            m = [u[j] if bits[j] else [ZERO] * d for j in range(len(w))]
            c = [v[j] if bits[j] else ZERO for j in range(len(w))]
        elif full:
            m, c = [[ZERO] * d for _ in w], [Fraction(bit) for bit in bits]
    return rows, m, c


# -- polynomials and rational functions ------------------------------------------------------
class Poly:
    """A polynomial with rational coefficients: {exponent tuple: coefficient}, over named vars."""

    def __init__(self, terms, names):
        self.names = tuple(names)
        self.terms = {e: c for e, c in terms.items() if c != 0}

    @classmethod
    def const(cls, c, names):
        return cls({(0,) * len(names): Fraction(c)}, names)

    @classmethod
    def var(cls, name, names):
        """The polynomial `name` (Invalid when name is not one of names)."""
        if name not in names:
            raise Invalid("unknown variable %r (not one of %s)" % (str(name)[:40], ", ".join(names)))
        return cls({tuple(int(v == name) for v in names): ONE}, names)

    def __add__(self, o):
        t = dict(self.terms)
        for e, c in o.terms.items():
            t[e] = t.get(e, ZERO) + c
        return Poly(t, self.names)

    def __neg__(self):
        return Poly({e: -c for e, c in self.terms.items()}, self.names)

    def __sub__(self, o):
        return self + (-o)

    def __mul__(self, o):
        t = {}
        for e1, c1 in self.terms.items():
            for e2, c2 in o.terms.items():
                e = tuple(a + b for a, b in zip(e1, e2))
                t[e] = t.get(e, ZERO) + c1 * c2
        return Poly(t, self.names)

    def is_zero(self):
        return not self.terms

    def at(self, env):
        """The value at a point {name: rational}."""
        total = ZERO
        for e, c in self.terms.items():
            term = c
            for name, k in zip(self.names, e):
                term *= env[name] ** k
            total += term
        return total

    def shift(self, name, by):
        """The polynomial with name replaced by name + by."""
        out, x = Poly.const(0, self.names), Poly.var(name, self.names) + Poly.const(by, self.names)
        k = self.names.index(name)
        for e, c in self.terms.items():
            term = Poly({tuple(0 if j == k else v for j, v in enumerate(e)): c}, self.names)
            for _ in range(e[k]):
                term = term * x
            out = out + term
        return out

    def coefficients_nonnegative(self):
        return all(c >= 0 for c in self.terms.values())


class RatFunc:
    """A rational function num / den of polynomials (den not the zero polynomial)."""

    def __init__(self, num, den):
        if den.is_zero():
            raise Invalid("division by the zero polynomial")
        self.num, self.den = num, den

    def __add__(self, o):
        return RatFunc(self.num * o.den + o.num * self.den, self.den * o.den)

    def __sub__(self, o):
        return RatFunc(self.num * o.den - o.num * self.den, self.den * o.den)

    def __mul__(self, o):
        return RatFunc(self.num * o.num, self.den * o.den)

    def __truediv__(self, o):
        if o.num.is_zero():
            raise Invalid("division by the zero function")
        return RatFunc(self.num * o.den, self.den * o.num)

    def __neg__(self):
        return RatFunc(-self.num, self.den)

    def is_zero(self):
        """Whether the function is identically zero (its numerator is the zero polynomial)."""
        return self.num.is_zero()

    def equals(self, o):
        return (self - o).is_zero()

    def at(self, env):
        den = self.den.at(env)
        if den == 0:
            raise Invalid("the expression's denominator vanishes at %s" % {k: str(v) for k, v in env.items()})
        return self.num.at(env) / den


_MAX_EXPR = 200


def expression(text, names):
    """Parse an arithmetic expression in the named variables as a rational function.

    Grammar: integers, the variables, + - * /, ** with a small non-negative integer exponent,
    parentheses.  Nothing else (no calls, no attributes, no floats).
    """
    if not isinstance(text, str) or len(text) > _MAX_EXPR:
        raise Invalid("an expression must be a string of at most %d characters" % _MAX_EXPR)
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise Invalid("expression %r does not parse" % text)

    def conv(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return RatFunc(Poly.const(node.value, names), Poly.const(1, names))
        if isinstance(node, ast.Name) and node.id in names:
            return RatFunc(Poly.var(node.id, names), Poly.const(1, names))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = conv(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                k = node.right
                if not (isinstance(k, ast.Constant) and isinstance(k.value, int) and 0 <= k.value <= 8):
                    raise Invalid("only small integer powers are allowed in %r" % text)
                base, out = conv(node.left), RatFunc(Poly.const(1, names), Poly.const(1, names))
                for _ in range(k.value):
                    out = out * base
                return out
            ops = {ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.Div: "__truediv__"}
            if type(node.op) in ops:
                return getattr(conv(node.left), ops[type(node.op)])(conv(node.right))
        raise Invalid("expression %r: only integers, %s, + - * / ** and parentheses" % (text, ", ".join(names)))

    return conv(tree)


def evaluate_expression(text, env):
    """The exact value of an expression at a point."""
    return expression(text, tuple(sorted(env))).at(env)


# -- hashes ----------------------------------------------------------------------------------
def canonical_json(obj):
    """The canonical JSON text: sorted keys, no spaces, ASCII."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def sha256_json(obj):
    return hashlib.sha256(canonical_json(obj).encode("ascii")).hexdigest()
