"""Specifications of 001-C1, the full-rank conjecture for the activation matrix A2 (001 slides).

A2[i, j] = ReLU(W2_j z_i + b2_j) for n distinct codes z_i and n neurons (W2_j, b2_j), so A2 is
n x n.  The slide: "A2 is full rank iff at most two rows and at most two columns have zeros at
identical positions and the ratios b2_j / W2_j are mutually different at the non zero entries".
Each reading R is a condition on (z, W2, b2) (proofs/claims/p001/conjecture_c1.py); each variant
"R/D" states one direction D: sufficiency R => rank A2 = n, necessity rank A2 = n => R.  The
zero pattern of a row (column) is the set of positions where it is exactly 0; k_j = b2_j / W2_j.

``literal``        no zero pattern shared by > 2 rows or by > 2 columns; the k_j (W2_j != 0)
                   pairwise distinct;
``no_zero_lines``  literal, and no all-zero row or column;
``shared_k``       no all-zero row or column, no pattern shared by > 2 rows or > 2 columns, and the
                   k_j distinct among the columns of one zero pattern (W2_j = 0 counts as k = inf);
``criterion``      C*: with the codes sorted, (b) distinct breakpoints t = -k_j with
                   z_{m-1} < t_m < z_{m+1} (m = 2..n-1, increasing), and (c) det(E N) != 0, N a basis
                   of ker H (H: the slope changes of the columns of A2 at the interior codes), E the
                   rows of A2 at z_1 and z_n.

Evidence by status.  refuted: one instance z, W2, b2 (scope empty); the kernel rebuilds A2, its
exact rank and the reading's condition and checks that it refutes this direction of this reading.
verified / proved: the scope n_max, codes, W2_values, b2_values, enumerated by the kernel.
inconclusive: the search record.  Scope max_n, max_height: the bounds of the generator that drew
the instances (proofs/methods/search.py, a2_instances and random_a2_instance, and
proofs/methods/a2_blocks.py, draw_block, alike).  With h = max_height
and height(p/q) = max(|p|, q) in lowest terms, that generator guarantees exactly: n <= max_n; the
codes are 1, 2, .., n, or z_1 of height <= h followed by increments z_{i+1} - z_i > 0 of height
<= h; every W2_j has height <= h; every b2_j has height <= h, or (its degenerate columns) W2_j != 0
and k_j = b2_j / W2_j is -z_i for a code, minus the midpoint of two consecutive codes, or the k_s
of an earlier column s with W2_s != 0.  Evidence: property (the variant searched), engine, seed,
workers, max_examples (budget), searched (the number of instances drawn), instances (every one
drawn, z, W2, b2, in the order drawn, at most 20,000) and not_listed (searched minus the number
listed: 0, or more only when exactly 20,000 are listed).  The kernel checks every listed instance
against that bound and that none is a counterexample to this reading and direction; the unlisted
instances of a longer search are only a record (their count is not checked).
"""

from fractions import Fraction
from itertools import combinations, combinations_with_replacement
from math import comb

from .. import core as K
from ..framework import Step, spec

ZERO, ONE = Fraction(0), Fraction(1)
_N_MAX = 64                 # the largest instance the kernel re-checks
_MAX_INSTANCES = 10 ** 6    # the largest exhaustive scope it enumerates
_LISTED = 20000             # an inconclusive search lists its first 20,000 instances


# -- the statement ---------------------------------------------------------------------------
def _a2(z, w, b):
    """A2[i][j] = ReLU(W2_j z_i + b2_j)."""
    return [[max(w[j] * zi + b[j], ZERO) for j in range(len(w))] for zi in z]


def _null_basis(h, n):
    """A basis of {v in Q^n : h v = 0} (reduced row echelon form of the rows h)."""
    rows, piv = [list(r) for r in h], []
    for col in range(n):
        r = len(piv)
        i = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if i is None:
            continue
        rows[r], rows[i] = rows[i], rows[r]
        top = rows[r] = [v / rows[r][col] for v in rows[r]]
        rows = [x if k == r else [p - x[col] * t for p, t in zip(x, top)] for k, x in enumerate(rows)]
        piv.append(col)
    return [[ONE if j == f else (-rows[piv.index(j)][f] if j in piv else ZERO) for j in range(n)]
            for f in range(n) if f not in piv]


def _interlacing(zs, w, b):
    """(b) for sorted codes zs: distinct breakpoints t_2 < ... < t_{n-1} with z_{m-1} < t_m < z_{m+1}."""
    ts, p = sorted({-b[j] / w[j] for j in range(len(w)) if w[j] != 0}), 0
    for m in range(1, len(zs) - 1):  # greedy: the smallest unused breakpoint in (z_{m-1}, z_{m+1})
        while p < len(ts) and ts[p] <= zs[m - 1]:
            p += 1
        if p == len(ts) or ts[p] >= zs[m + 1]:
            return False
        p += 1
    return True


def _criterion(z, w, b, a):
    """C* (codes distinct by the domain): interlacing (b) and the boundary determinant (c)."""
    n = len(z)
    if n == 1:
        return a[0][0] != 0
    order = sorted(range(n), key=lambda i: z[i])
    zs, rs = [z[i] for i in order], [a[i] for i in order]
    if not _interlacing(zs, w, b):
        return False
    slope = lambda m, j: (rs[m + 1][j] - rs[m][j]) / (zs[m + 1] - zs[m])  # noqa: E731
    basis = _null_basis([[slope(m, j) - slope(m - 1, j) for j in range(n)] for m in range(1, n - 1)], n)
    if len(basis) != 2:
        return False
    en = [[K.dot(row, v) for v in basis] for row in (rs[0], rs[-1])]
    return en[0][0] * en[1][1] - en[0][1] * en[1][0] != 0


def _condition(reading, z, w, b, a):
    """The reading's condition on the instance (see the module docstring)."""
    n = len(z)
    if reading == "criterion":
        return _criterion(z, w, b, a)
    rows = [tuple(v == 0 for v in r) for r in a]
    cols = [tuple(r[j] == 0 for r in a) for j in range(n)]
    ks = [b[j] / w[j] if w[j] != 0 else None for j in range(n)]  # None: k = infinity
    distinct = lambda vals: len(vals) == len(set(vals))  # noqa: E731
    few = max(map(rows.count, rows)) <= 2 and max(map(cols.count, cols)) <= 2
    no_zero_line = not any(all(p) for p in rows + cols)
    if reading == "shared_k":
        return few and no_zero_line and all(distinct([ks[j] for j in range(n) if cols[j] == p]) for p in cols)
    literal = few and distinct([k for k in ks if k is not None])
    return literal and (no_zero_line or reading == "literal")


def _judge(reading, z, w, b):
    """(the reading's condition, rank A2 = n) for one instance."""
    a = _a2(z, w, b)
    return _condition(reading, z, w, b, a), K.rank(a) == len(z)


def _refutes(direction, cond, full):
    return cond and not full if direction == "sufficiency" else full and not cond


def _instance(f, n_max=_N_MAX):
    """z, W2, b2 from an evidence object: n <= n_max distinct codes and n neurons."""
    z = K.vec(f.list("z", lo=1, hi=n_max), f.where + ".z")
    if len(set(z)) != len(z):
        raise K.Invalid("the codes z are not distinct")
    return z, f.vec("W2", len(z)), f.vec("b2", len(z))


def _instance_text(z, w, b):
    return "z=%s W2=%s b2=%s" % (K.strs(z), K.strs(w), K.strs(b))


# -- the evidence of each status -------------------------------------------------------------
def _height(v):
    return max(abs(v.numerator), v.denominator)


def _drawable(z, w, b, h):
    """Whether the search's generator with max_height h can draw this instance (module docstring)."""
    low = lambda vs: all(_height(v) <= h for v in vs)  # noqa: E731
    gaps = [z2 - z1 for z1, z2 in zip(z, z[1:])]
    if z != [Fraction(i) for i in range(1, len(z) + 1)] and not (low(z[:1] + gaps) and min(gaps, default=ONE) > 0):
        return False
    ks = {-v for v in z} | {-(z1 + z2) / 2 for z1, z2 in zip(z, z[1:])}
    for wj, bj in zip(w, b):
        if not low([wj]) or not (low([bj]) or (wj != 0 and bj / wj in ks)):
            return False
        if wj != 0:
            ks.add(bj / wj)
    return True


def _search(c, reading, direction):
    """refuted: one counterexample; inconclusive: the search record, every listed instance re-checked."""
    if c.status == "refuted":
        z, w, b = _instance(c.evidence)
        c.require(_refutes(direction, *_judge(reading, z, w, b)),
                  "%s is not a counterexample to %s/%s" % (_instance_text(z, w, b), reading, direction))
        return
    max_n, h, e = c.scope.int("max_n", lo=1, hi=_N_MAX), c.scope.int("max_height", lo=1), c.evidence
    prop = e.str("property")
    c.require(prop == c.variant, "the search record is of %r, not %s" % (prop[:40], c.variant))
    e.str("engine", ("hypothesis", "random", "batch"))
    e.int("seed", lo=-2 ** 63, hi=2 ** 63)
    e.int("workers", lo=1)
    e.int("max_examples", lo=1)
    listed, more = e.items("instances", hi=_LISTED), e.int("not_listed")
    c.require(e.int("searched") == len(listed) + more, "searched is not the number listed plus not_listed")
    c.require(more == 0 or len(listed) == _LISTED, "instances unlisted though fewer than %d are listed" % _LISTED)
    for f in listed:
        z, w, b = _instance(f, max_n)
        c.require(_drawable(z, w, b, h), "%s: not drawn with max_n %d, max_height %d" % (f.where, max_n, h))
        c.require(not _refutes(direction, *_judge(reading, z, w, b)),
                  "the instance %s is a counterexample to %s/%s" % (_instance_text(z, w, b), reading, direction))


def _exhaustive(c, reading, directions):
    """Every instance of the scope: n <= n_max codes (a subset of `codes`) and n columns (a multiset
    of W2_values x b2_values; the order of rows and columns changes neither rank nor condition);
    none refutes a listed direction.  Returns the number of instances."""
    s = c.scope
    codes, ws, bs = sorted(s.vec("codes")), s.vec("W2_values"), s.vec("b2_values")
    for name, vals in (("codes", codes), ("W2_values", ws), ("b2_values", bs)):
        c.require(vals and len(set(vals)) == len(vals), "scope.%s: one or more distinct values" % name)
    n_max = s.int("n_max", lo=1, hi=min(len(codes), _N_MAX))
    cols = [(wj, bj) for wj in ws for bj in bs]
    total = sum(comb(len(codes), n) * comb(len(cols) + n - 1, n) for n in range(1, n_max + 1))
    c.require(total <= _MAX_INSTANCES, "the scope has %d instances (the kernel enumerates at most %d)"
              % (total, _MAX_INSTANCES))
    count = 0
    for n in range(1, n_max + 1):
        for z in map(list, combinations(codes, n)):
            for cc in combinations_with_replacement(cols, n):
                w, b = [x[0] for x in cc], [x[1] for x in cc]
                cond, full = _judge(reading, z, w, b)
                for d in directions:
                    c.require(not _refutes(d, cond, full), "%s refutes %s/%s" % (_instance_text(z, w, b), reading, d))
                count += 1
    return count


# -- the specifications ----------------------------------------------------------------------
_SEARCHED = ("refuted", "inconclusive")


def literal_sufficiency(c):
    """001-C1 literal reading, sufficiency: the literal condition implies rank A2 = n."""
    _search(c, "literal", "sufficiency")


spec("001-C1", "literal/sufficiency", statuses=_SEARCHED)(literal_sufficiency)


def literal_necessity(c):
    """001-C1 literal reading, necessity: rank A2 = n implies the literal condition."""
    _search(c, "literal", "necessity")


spec("001-C1", "literal/necessity", statuses=_SEARCHED)(literal_necessity)


def no_zero_lines_sufficiency(c):
    """001-C1 no_zero_lines reading, sufficiency: literal and no zero row or column imply rank A2 = n."""
    _search(c, "no_zero_lines", "sufficiency")


spec("001-C1", "no_zero_lines/sufficiency", statuses=_SEARCHED)(no_zero_lines_sufficiency)


def no_zero_lines_necessity(c):
    """001-C1 no_zero_lines reading, necessity: rank A2 = n implies literal and no zero row or column."""
    _search(c, "no_zero_lines", "necessity")


spec("001-C1", "no_zero_lines/necessity", statuses=_SEARCHED)(no_zero_lines_necessity)


def shared_k_sufficiency(c):
    """001-C1 shared_k reading, sufficiency: the shared_k condition implies rank A2 = n."""
    _search(c, "shared_k", "sufficiency")


spec("001-C1", "shared_k/sufficiency", statuses=_SEARCHED)(shared_k_sufficiency)


def _vars(names):
    return {v: K.Poly.var(v, names) for v in names}


def _det(m):
    """The determinant by Laplace expansion along the first row (rationals or K.Poly)."""
    if len(m) == 1:
        return m[0][0]
    out = None
    for j in range(len(m)):
        term = m[0][j] * _det([r[:j] + r[j + 1:] for r in m[1:]])
        out = term if out is None else (out + term if j % 2 == 0 else out - term)
    return out


def shared_k_necessity(c):
    """001-C1 shared_k reading, necessity: rank A2 = n implies the shared_k condition, for every n.

    proved: the exhaustive scope (no instance refutes necessity), and the contrapositive.  Where
    the columns of one zero pattern are non-zero (their common support S), ReLU is the identity:
    A2[i, j] = W2_j z_i + b2_j; the same holds for rows on their common non-zero columns.  So if
    three columns (rows) share a pattern, every 3 x 3 minor of them is 0 (a zero row) or
    det[W_j z_i + b_j] ("affine3"); if two columns share a pattern and one k, every 2 x 2 minor
    is 0 or det[W_a (z_i + k)] ("same_k"), or det[[b, b'], [b, b']] for two constant columns
    ("constants"); a zero row or column has only zero 1 x 1 minors.  The kernel checks these
    three polynomial identities itself; by "rank by minors" (a set of r vectors is dependent iff
    all r x r minors of their matrix vanish) A2 then has dependent rows or columns: singular.
    """
    if c.status != "proved":
        return _search(c, "shared_k", "necessity")
    c.checked(_exhaustive(c, "shared_k", ("necessity",)))
    v = _vars(("z1", "z2", "z3", "w1", "w2", "w3", "b1", "b2", "b3", "k"))
    affine = [[v["w%d" % j] * v["z%d" % i] + v["b%d" % j] for j in (1, 2, 3)] for i in (1, 2, 3)]
    same_k = [[v["w%d" % a] * (v["z%d" % i] + v["k"]) for a in (1, 2)] for i in (1, 2)]
    consts = [[v["b1"], v["b2"]], [v["b1"], v["b2"]]]
    for name, m in (("affine3", affine), ("same_k", same_k), ("constants", consts)):
        c.require(_det(m).is_zero(), "the %s determinant is not identically 0" % name)
    c.argument([Step("affine3", "det[W_j z_i + b_j]_{i, j <= 3} = 0 identically", "kernel"),
                Step("same_k", "det[W_a (z_i + k)]_{i, a <= 2} = 0 identically", "kernel"),
                Step("constants", "det[[b, b'], [b, b']] = 0 identically", "kernel"),
                Step("minors", "r vectors are linearly dependent iff every r x r minor of their matrix is 0",
                     "theorem: rank by minors")])


spec("001-C1", "shared_k/necessity", statuses=("proved",) + _SEARCHED)(shared_k_necessity)


# -- the proof of C* (both directions, every n) -------------------------------------------------
_HAT = ("u", "p", "q", "r", "s")  # positive symbols: |W| = u, gaps and distances


def _hat_poly(text):
    """A polynomial in the positive symbols _HAT (built from an expression)."""
    f = K.expression(text, _HAT)
    const = (0,) * len(_HAT)
    if set(f.den.terms) != {const}:
        raise K.Invalid("%s is not a polynomial" % text)
    return K.Poly({e: v / f.den.terms[const] for e, v in f.num.terms.items()}, _HAT)


def _sign(p):
    """The sign of a polynomial in positive symbols, from its coefficients (else Invalid)."""
    if p.is_zero():
        return 0
    if p.coefficients_nonnegative():
        return 1
    if (-p).coefficients_nonnegative():
        return -1
    raise K.Invalid("the sign of a polynomial is not established")


def _rf(p):
    return K.RatFunc(p, K.Poly.const(1, _HAT))


#: The offsets z_{m-1} - t, z_m - t, z_{m+1} - t for each position of the breakpoint t relative to the
#: nodes z_{m-1} < z_m < z_{m+1} (p, q, r, s > 0): left of, at, between and right of them.
_POSITIONS = (("r", "r + p", "r + p + q"), ("0", "p", "p + q"), ("-r", "s", "s + q"), ("-p", "0", "q"),
              ("-p - r", "-r", "s"), ("-p - q", "-q", "0"), ("-p - q - r", "-q - r", "-r"))


def _hat_identity(c):
    """The kernel's step "hat": for W = u > 0, W = -u and each position of t, the slope change at z_m
    of z -> ReLU(W (z - t)) equals |W| B_m(t), B_m the hat function with nodes z_{m-1}, z_m, z_{m+1}
    (the linear B-spline: (t - z_{m-1}) / (z_m - z_{m-1}) on [z_{m-1}, z_m], (z_{m+1} - t) /
    (z_{m+1} - z_m) on [z_m, z_{m+1}], 0 elsewhere); a constant column (W = 0) has slope change 0."""
    zero = K.Poly.const(0, _HAT)
    for offsets in _POSITIONS:
        d = [_hat_poly(o) for o in offsets]          # z_i - t
        g1, g2 = d[1] - d[0], d[2] - d[1]            # the gaps z_m - z_{m-1}, z_{m+1} - z_m
        c.require(_sign(g1) > 0 and _sign(g2) > 0, "the nodes are not increasing")
        if _sign(-d[0]) >= 0 and _sign(d[1]) >= 0:   # z_{m-1} <= t <= z_m
            hat = _rf(-d[0]) / _rf(g1)
        elif _sign(-d[1]) >= 0 and _sign(d[2]) >= 0:  # z_m <= t <= z_{m+1}
            hat = _rf(d[2]) / _rf(g2)
        else:
            hat = _rf(zero)
        for w in ("u", "-u"):
            vals = []
            for di in d:
                pre = _hat_poly(w) * di
                vals.append(_rf(pre if _sign(pre) > 0 else zero))
            change = (vals[2] - vals[1]) / _rf(g2) - (vals[1] - vals[0]) / _rf(g1)
            c.require((change - _rf(_hat_poly("u")) * hat).is_zero(),
                      "W = %s, offsets %s: the slope change is not |W| B_m(t)" % (w, offsets))
    const = _rf(_hat_poly("u"))  # a constant column ReLU(b2) = u >= 0 (or 0)
    c.require(((const - const) / _rf(_hat_poly("q")) - (const - const) / _rf(_hat_poly("p"))).is_zero(),
              "a constant column has a slope change")


def _criterion_argument(c):
    """The kernel's steps of the proof of C*, and the cited theorems (module docstring of the spec)."""
    names = ("v1", "sl", "a", "p", "q")  # v(z_1), the slope, z_{m-1} - z_1 >= 0, the gaps p, q > 0
    x = {v: K.expression(v, names) for v in names}
    prev, cur = x["v1"] + x["sl"] * x["a"], x["v1"] + x["sl"] * (x["a"] + x["p"])  # v affine up to z_m
    nxt = cur + x["q"] * (cur - prev) / x["p"]       # the slope change at z_m is 0
    c.require((nxt - (x["v1"] + x["sl"] * (x["a"] + x["p"] + x["q"]))).is_zero(),
              "zero slope changes do not continue an affine v")
    end = K.expression("a + p", names)              # z_n - z_1 = a + p > 0 (a >= 0, p > 0)
    c.require(end.den.terms == {(0,) * 5: ONE} and end.num.coefficients_nonnegative() and not end.num.is_zero(),
              "z_n - z_1 is not positive")
    _hat_identity(c)
    c.argument([
        Step("affine", "if the slope change of v at z_m is 0 and v(z_j) = v(z_1) + s (z_j - z_1) for j = m - 1, m, "
             "then v(z_{m+1}) = v(z_1) + s (z_{m+1} - z_1)", "kernel"),
        Step("induction", "zero slope changes at z_2..z_{n-1}: v is affine on the codes (from s = the slope on "
             "[z_1, z_2])", "theorem: induction on m"),
        Step("ends", "an affine v with v(z_1) = v(z_n) = 0 and z_n - z_1 > 0 is 0: Phi is injective", "kernel"),
        Step("invertible", "Phi: Q^n -> Q^n injective, hence invertible; [E; H] = Phi(A2) column by column has "
             "the rank of A2", "theorem: rank-nullity (an injective linear map of Q^n is invertible)"),
        Step("hat", "the slope change at z_m of ReLU(W (z - t)) is |W| B_m(t) for W > 0 and W < 0 and every position "
             "of t (14 cases), B_m the linear B-spline with knots z_{m-1} < z_m < z_{m+1}; a constant "
             "column has none: H is a collocation matrix of the linear B-splines at the breakpoints, column j "
             "scaled by |W2_j| (columns with one breakpoint proportional, constant columns 0)", "kernel"),
        Step("minors", "rank H = n - 2 iff some n - 2 columns of H form a non-singular matrix (necessarily with "
             "W2_j != 0 and distinct breakpoints)", "theorem: rank by minors"),
        Step("schoenberg-whitney", "the square collocation matrix [B_m(t_k)] of the linear B-splines B_2..B_{n-1} "
             "(knots z_1 < ... < z_n) at increasing sites t_2 < ... < t_{n-1} is non-singular iff "
             "z_{m-1} < t_m < z_{m+1} for every m: rank H = n - 2 iff (b)",
             "theorem: Schoenberg-Whitney (1953; de Boor, A Practical Guide to Splines, XIII (2))"),
        Step("boundary", "[E; H] x = 0 iff x in ker H and E x = 0: [E; H] is non-singular iff rank H = n - 2 and "
             "E N is invertible for a basis N of ker H, i.e. (c)", "theorem: rank-nullity"),
    ])


def _criterion_proof(c, direction):
    """Search evidence; or proved: the exhaustive scope (no instance refutes this direction) and the proof."""
    if c.status != "proved":
        return _search(c, "criterion", direction)
    c.evidence.str("direction", choices=(direction,))  # one proof, two statements: each certificate names its own
    c.checked(_exhaustive(c, "criterion", (direction,)))
    _criterion_argument(c)


def criterion_sufficiency(c):
    """001-C1 criterion reading, sufficiency: C* implies rank A2 = n, for every n.

    proved: the exhaustive scope (as criterion/exhaustive), evidence direction (this variant's),
    and the proof of C* for every n and distinct codes.  Phi: v -> (v(z_1), v(z_n), slope changes at z_2..z_{n-1}) is injective (the
    kernel checks the induction step "affine" and "ends"), so A2 and [E; H] = Phi(A2) have one rank;
    the kernel checks "hat" (the slope changes of a column are |W2_j| B_m(t_j), 14 cases, the
    identity involving three consecutive codes only); then rank by minors, Schoenberg-Whitney
    (hypotheses: increasing knots, the collocation functions are the linear B-splines, both
    established by "hat") and rank-nullity give: A2 non-singular iff (b) and (c).
    """
    _criterion_proof(c, "sufficiency")


spec("001-C1", "criterion/sufficiency", statuses=("proved",) + _SEARCHED)(criterion_sufficiency)


def criterion_necessity(c):
    """001-C1 criterion reading, necessity: rank A2 = n implies C*, for every n.

    proved: as criterion/sufficiency (one proof of both directions).
    """
    _criterion_proof(c, "necessity")


spec("001-C1", "criterion/necessity", statuses=("proved",) + _SEARCHED)(criterion_necessity)


def criterion_without_c(c):
    """Control: C* with its boundary determinant (c) dropped, sufficiency: the interlacing (b) alone
    implies rank A2 = n.

    Scope: none.  refuted: evidence one instance z, W2, b2 (n >= 2) whose sorted codes satisfy (b)
    while A2 is singular.
    """
    z, w, b = _instance(c.evidence)
    c.require(len(z) >= 2 and _interlacing(sorted(z), w, b), "(b) fails or n = 1")
    c.require(K.rank(_a2(z, w, b)) < len(z), "A2 is non-singular")


spec("001-C1", "criterion without (c)/sufficiency", statuses=("refuted",))(criterion_without_c)


def criterion_exhaustive(c):
    """001-C1 criterion reading, both directions: C* holds iff rank A2 = n.

    verified: on every instance of the scope (n_max, codes, W2_values, b2_values), enumerated
    by the kernel, with evidence "checked" the number of instances.  refuted: one instance
    z, W2, b2 where C* and full rank differ.
    """
    if c.status == "refuted":
        z, w, b = _instance(c.evidence)
        cond, full = _judge("criterion", z, w, b)
        c.require(cond != full, "%s: C* and full rank agree (both %s)" % (_instance_text(z, w, b), cond))
        return
    c.checked(_exhaustive(c, "criterion", ("sufficiency", "necessity")))


spec("001-C1", "criterion/exhaustive", statuses=("verified", "refuted"))(criterion_exhaustive)
