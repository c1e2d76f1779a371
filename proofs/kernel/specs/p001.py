"""Specifications of 001-E1, L1, P1, L2, L3, L4 (necessity, literal), R1 (Maxcici, 001 slides).

Data: X is (n+1) x n with amplitude C > 0, X(i, j) = C iff j >= i (row i has i - 1 zeros, then
C's; row n + 1 is the zero signal); X' is X without its zero row.  The linear encoder gives
z(i) = i.  The two-layer decoder is z -> ReLU(W3 ReLU(W2 z + b2)), no layer-3 bias;
A2 = ReLU(z W2^T + b2) has one row per code, U3 = A2 W3^T.
"""

from fractions import Fraction
from itertools import permutations

from .. import core as K
from ..framework import Step, spec
from .p001b import _h1_argument, _h1_layer2

ZERO, ONE = Fraction(0), Fraction(1)


def _X(n, amp, zero=True):
    return [[amp if j >= i else ZERO for j in range(1, n + 1)] for i in range(1, n + (2 if zero else 1))]


def _relu(v):
    return v if v > 0 else ZERO


def _amplitude(c):
    amp = c.scope.q("amplitude")
    c.require(amp > 0, "the amplitude C must be positive")
    return amp


def _codes(c, f, m):
    z = f.vec("codes", m)
    c.require(len(set(z)) == len(z), "the codes must be distinct")
    return z


def _activations(z, W2, b2):
    """A2 = ReLU(z W2^T + b2) (W2, b2 of one length, checked by the caller)."""
    return [[_relu(w * zi + b) for w, b in zip(W2, b2)] for zi in z]


def _decoder(c, f, n):
    """(W2, b2, W3) of a two-layer decoder with n outputs, every length checked."""
    W2 = f.vec("W2")
    c.require(len(W2) >= 1, "layer 2 needs a neuron")
    return W2, f.vec("b2", len(W2)), f.mat("W3", n, len(W2))


def _reconstructs(z, W2, b2, W3, X):
    A2 = _activations(z, W2, b2)
    return all([_relu(K.dot(row, a)) for row in W3] == x for a, x in zip(A2, X)) and len(A2) == len(X)


def _piece(sign, p):
    """ReLU(p) on the sign class of p (a polynomial): p where p > 0, the zero polynomial where p <= 0."""
    return p if sign > 0 else p - p


def _relu_levels(c, amp):
    """ReLU(u) = C iff u = C, and ReLU(u) = 0 iff u <= 0: on u > 0 ReLU(u) = u (so u = C, which lies in
    u > 0 as C > 0, resp. u = 0, which does not); on u <= 0 ReLU(u) = 0 (never C != 0, always 0)."""
    c.require(amp > 0 and _relu(amp) == amp and _relu(ZERO) == 0 and _relu(-amp) == 0, "C > 0 fails")


def _linear_decoder(n):
    """The handcrafted decoder for z(i) = i and C = 1, in integers: W2 = -1, b2_j = j + 1, and
    W3^T = A2'^{-1} X' by back substitution (A2'(i, j) = ReLU(j + 1 - i) is unit upper triangular)."""
    z, W2, b2 = list(range(1, n + 2)), [-1] * n, [j + 1 for j in range(1, n + 1)]
    A2 = [[max(w * zi + b, 0) for w, b in zip(W2, b2)] for zi in z]
    if any(A2[i][j] != (1 if i == j else 0) for i in range(n) for j in range(i + 1)) or any(A2[n]):
        raise K.Invalid("A2' is not unit upper triangular or the zero signal's row of A2 is not 0")
    X1, W3T = _X(n, 1, zero=False), [None] * n
    for i in range(n - 1, -1, -1):
        W3T[i] = [int(X1[i][k]) - sum(A2[i][j] * W3T[j][k] for j in range(i + 1, n)) for k in range(n)]
    return z, W2, b2, A2, K.transpose(W3T)  # integers (C = 1)


def _linear_decoder_reconstructs(n, amp):
    """ReLU(A2 (C W3)^T) = X for the decoder of _linear_decoder(n) scaled to amplitude C."""
    z, W2, b2, A2, W3 = _linear_decoder(n)
    return all([_relu(amp * sum(w * a for w, a in zip(row, A2[i]))) for row in W3] == x
               for i, x in enumerate(_X(n, amp))), A2, W3


# -- 001-E1 ----------------------------------------------------------------------------------
def _free_of(p, k):
    return all(e[k] == 0 for e in p.terms)


def linear_encoder(c):
    """The codes z(i) = b + sum_j w_j X(i, j) of the rows i = 1..n+1 of X are affine in i, for every n.

    Scope: amplitude C, weights w_j (an expression in j, n, C), bias b (in n, C); n_max unless
    refuted.  verified: the kernel computes the codes for every n <= n_max and checks constant
    differences.  refuted: evidence n where they are not.  proved: the finite part, and w has
    no j and w, b have denominators free of j and n and non-zero at C (kernel): then
    z(i) - z(i+1) = C w for i = 1..n, so z(i) = b + C w (n + 1 - i) for every n.
    """
    amp = _amplitude(c)
    n_max = None if c.status == "refuted" else c.scope.int("n_max", lo=1, hi=2000)
    w, b = K.expression(c.scope.str("weights"), ("j", "n", "C")), K.expression(c.scope.str("bias"), ("n", "C"))

    def affine(n):
        ws = [w.at({"j": Fraction(j), "n": Fraction(n), "C": amp}) for j in range(1, n + 1)]
        z = [b.at({"n": Fraction(n), "C": amp}) + amp * sum(ws[i - 1:], ZERO) for i in range(1, n + 2)]
        return all(z[k + 1] - z[k] == z[1] - z[0] for k in range(n)), z

    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=2000)
        c.require(not affine(n)[0], "the codes are affine in i at n=%d" % n)
        return
    for n in range(1, n_max + 1):
        c.require(affine(n)[0], "the codes are not affine in i at n=%d" % n)
    c.checked(n_max)
    if c.status == "proved":
        c.require(_free_of(w.num, 0) and _free_of(w.den, 0), "the weights depend on j")
        c.require(_free_of(w.den, 1) and _free_of(b.den, 0) and w.den.at({"j": ZERO, "n": ZERO, "C": amp}) != 0
                  and b.den.at({"n": ZERO, "C": amp}) != 0, "the encoder is not defined for every n")
        c.argument([Step("constant", "w_j = w(n, C) has no j, and w and b are defined for every n", "kernel"),
                    Step("codes", "z(i) = b + C sum_{j=i}^{n} w = b + C w (n + 1 - i), affine in i", "kernel")])


spec("001-E1", statuses=("proved", "verified", "refuted"))(linear_encoder)


# -- 001-L1 ----------------------------------------------------------------------------------
def one_layer_relu(c):
    """A one-layer ReLU decoder y = ReLU(W z + b) (W, b in Q^n, distinct codes) reconstructs the rows
    of X iff n = 1, those of X' iff n <= 2; the threshold decoder C [u >= 0] reconstructs X for every n.

    Scope: amplitude C > 0, n_max.  The kernel checks W = (-C, 0, ..), b = (2C, C, ..), z(i) = i
    for n = 1 (X) and n = 1, 2 (X'), and y_j = C [j + 1/2 - z >= 0] on X for every n <= n_max.
    Argument (n >= 2 with the zero signal, n >= 3 without): column 2 of X is C, C, 0 in rows
    1, 2, 3; ReLU(u) = C iff u = C, ReLU(u) = 0 iff u <= 0; w z1 + b = w z2 + b = C with z1 != z2
    forces w = 0, b = C, so row 3 gets ReLU(C) = C != 0.
    """
    amp, n_max = _amplitude(c), c.scope.int("n_max", lo=1, hi=2000)
    for n, zero in ((1, True), (1, False), (2, False)):
        W, b = [-amp] + [ZERO] * (n - 1), [2 * amp] + [amp] * (n - 1)
        X = _X(n, amp, zero)
        c.require(all([_relu(wj * i + bj) for wj, bj in zip(W, b)] == X[i - 1] for i in range(1, len(X) + 1)),
                  "the construction fails at n=%d" % n)
    for n in range(1, n_max + 1):
        c.require(all([amp if j + Fraction(1, 2) - i >= 0 else ZERO for j in range(1, n + 1)] == x
                      for i, x in enumerate(_X(n, amp), 1)), "the threshold decoder fails at n=%d" % n)
    c.checked(3 + n_max)
    c.require([_X(3, amp)[i][1] for i in range(3)] == [amp, amp, ZERO], "column 2 of X is not (C, C, 0)")
    _relu_levels(c, amp)
    names = ("w", "b", "z1", "z2")
    w, b, z1, z2 = (K.Poly.var(v, names) for v in names)
    c.require(((w * z1 + b) - (w * z2 + b) - w * (z1 - z2)).is_zero(), "the elimination identity fails")
    c.argument([Step("column", "column 2 of X is C, C, 0 in rows 1, 2, 3 (X(i, j) = C iff j >= i)", "kernel"),
                Step("relu", "ReLU(u) = C iff u = C and ReLU(u) = 0 iff u <= 0, as C > 0", "kernel"),
                Step("solve", "(w z1 + b) - (w z2 + b) = w (z1 - z2): z1 != z2 forces w = 0, b = C", "kernel"),
                Step("contradiction", "w z3 + b = C > 0, so ReLU gives C where X has 0", "kernel")])


spec("001-L1", "relu", statuses=("proved",))(one_layer_relu)


def one_layer_literal(c):
    """A one-layer decoder y = g(W z + b) reconstructs the rows of X from distinct codes only if g = 0
    on a proper interval A and g = C on a disjoint proper interval B.

    Scope: amplitude C.  refuted: evidence n, codes, W, b and a continuous piecewise-linear g
    (breakpoints (u_k, g_k), u_k increasing, slopes outside); the kernel checks that every piece
    has a non-zero slope (each value of g is taken at finitely many u: no interval A or B) and
    g(W z_i + b) = row i of X for every i.
    """
    amp, e = _amplitude(c), c.evidence
    n = e.int("n", lo=1, hi=200)
    z, W, b = _codes(c, e, n + 1), e.vec("W", n), e.vec("b", n)
    pts = [K.vec(p, "evidence.breakpoints", 2) for p in e.list("breakpoints", lo=1, hi=10000)]
    u = [p[0] for p in pts]
    c.require(all(u0 < u1 for u0, u1 in zip(u, u[1:])), "the breakpoints must increase")
    slopes = [e.q("left_slope")] + [(g1 - g0) / (u1 - u0) for (u0, g0), (u1, g1) in zip(pts, pts[1:])] \
        + [e.q("right_slope")]
    c.require(all(s != 0 for s in slopes), "g has a flat piece")

    def g(x):
        k = sum(1 for v in u if v <= x)  # x lies in piece k (0: left of every breakpoint)
        base = pts[max(k - 1, 0)]
        return base[1] + slopes[k] * (x - base[0])

    c.require(all([g(wj * zi + bj) for wj, bj in zip(W, b)] == x for zi, x in zip(z, _X(n, amp))),
              "g(W z + b) does not reconstruct X")


spec("001-L1", "literal", statuses=("refuted",))(one_layer_literal)


# -- 001-P1 ----------------------------------------------------------------------------------
def _error_bound(t, terms):
    """An upper bound of 1 / (1 + e^t): e^t >= sum_{k <= terms} t^k / k! for t >= 0; 1 for t < 0."""
    if t < 0:
        return ONE
    term = lower = ONE
    for k in range(1, terms + 1):
        term = term * t / k
        lower += term
    return 1 / (1 + lower)


def _staircase_mse_bound(n, a, terms, cache):
    """An upper bound of the MSE of y_j(z) = sigmoid(a (j + 1/2 - z)) on z(i) = i against X (C = 1)."""
    total = ZERO
    for i in range(1, n + 2):
        for j in range(1, n + 1):
            u = -a * i + a * (2 * j + 1) / 2
            t = u if j >= i else -u  # error 1 / (1 + e^t): 1 - g(u) = g(-u) for target 1, g(u) for target 0
            if t not in cache:
                cache[t] = _error_bound(t, terms)
            total += cache[t] ** 2
    return total / (n * (n + 1))


def sigmoid_mse(c):
    """C = 1, z(i) = i, y_j = g(W_j z + b_j) with the sigmoid g: for every eps > 0 there are W, b with
    MSE = 1/(n(n+1)) sum_i ||y(i) - x(i)||^2 < eps for every n; the staircase W_j = -a,
    b_j = a (j + 1/2) with the scope's slope a reaches the scope's eps.

    Scope: n_max, slope a > 0, eps > 0.  Evidence: terms K of the Taylor lower bound of e^t.
    verified: the kernel bounds the MSE of the staircase for every n <= n_max by rationals and
    checks it < eps.  inconclusive: evidence not_below, the n <= n_max where that bound is not
    below eps (recomputed).  proved: the finite part, and for every n each error is at most
    1 / (1 + e^{a/2}) <= 1 / (1 + T_K(a/2)), whose square the kernel checks < eps; for any eps,
    a = 2/eps gives error <= 1/(2 + 1/eps) = eps/(2 eps + 1), squared < eps as (2 eps + 1)^2 > eps.
    """
    s = c.scope
    n_max, a, eps = s.int("n_max", lo=1, hi=200), s.q("slope"), s.q("eps")
    terms = c.evidence.int("terms", lo=1, hi=400)
    c.require(a > 0 and eps > 0, "the slope and eps must be positive")
    cache = {}
    bad = [n for n in range(1, n_max + 1) if not _staircase_mse_bound(n, a, terms, cache) < eps]
    if c.status == "inconclusive":
        c.require(bad and c.evidence.list("not_below") == bad, "the n whose bound is not below eps are %s" % bad[:5])
        return
    c.require(not bad, "the MSE bound is not below eps at n = %s" % bad[:5])
    c.checked(n_max)
    if c.status == "proved":
        c.require(_error_bound(a / 2, terms) ** 2 < eps, "1/(1 + T_K(a/2))^2 is not below eps")
        pre = K.expression("-a * i + a * (2 * j + 1) / 2 - a * (j - i + 1 / 2)", ("a", "i", "j"))  # W_j i + b_j
        c.require(pre.is_zero(), "the pre-activation is not a (j - i + 1/2)")  # |.| >= a/2 as j - i is an integer
        names = ("e",)
        e, one = K.Poly.var("e", names), K.Poly.const(1, names)
        bound = K.expression("1 / (1 + 1 + (2 / e) / 2)", names)  # 1 / (1 + T_1(a/2)) at a = 2/e
        c.require(bound.equals(K.RatFunc(e, e + e + one)), "the error bound at a = 2/eps is not eps/(2 eps + 1)")
        sq = (e + e + one) * (e + e + one) - e  # (2e + 1)^2 - e > 0 for e > 0: coefficients >= 0, constant 1
        c.require(sq.coefficients_nonnegative() and sq.terms.get((0,)) == 1, "(2 eps + 1)^2 > eps fails")
        c.argument([Step("preactivation", "entry (i, j) has pre-activation a (j - i + 1/2): >= a/2 where x = 1 "
                         "(j >= i), <= -a/2 where x = 0", "kernel"),
                    Step("logistic", "the error at a pre-activation of modulus t >= a/2 of the target's sign is "
                         "1/(1 + e^t) <= 1/(1 + e^{a/2})", "theorem: the logistic function is increasing and "
                         "1 - g(u) = g(-u)"),
                    Step("taylor", "e^t >= sum_{k <= K} t^k / k! for t >= 0", "theorem: Taylor series of exp"),
                    Step("bound", "MSE <= 1/(1 + T_K(a/2))^2 < eps for every n", "kernel"),
                    Step("every_eps", "a = 2/eps: MSE <= (eps/(2 eps + 1))^2 < eps for every n and eps > 0", "kernel")])


spec("001-P1", statuses=("proved", "verified", "inconclusive"))(sigmoid_mse)


# -- 001-L2 ----------------------------------------------------------------------------------
def _form1(U, n, amp):
    return all((u == x) if x != 0 else (u <= 0) for ur, xr in zip(U, _X(n, amp)) for u, x in zip(ur, xr))


def form1_iff(c):
    """ReLU(U3) = X iff U3 has form (1) (U3 = C where X = C, U3 <= 0 where X = 0), for every n, C > 0.

    Scope: amplitude C.  proved: entrywise, ReLU(u) = C iff u = C and ReLU(u) = 0 iff u <= 0,
    checked by the kernel on the two pieces of ReLU with C > 0.  refuted: evidence n and an
    (n+1) x n matrix U3 for which ReLU(U3) = X and form (1) disagree.
    """
    amp = _amplitude(c)
    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=200)
        U = c.evidence.mat("U3", n + 1, n)
        c.require(([[_relu(u) for u in r] for r in U] == _X(n, amp)) != _form1(U, n, amp), "U3 agrees")
        return
    _relu_levels(c, amp)
    c.argument([Step("relu", "ReLU(u) = C iff u = C, ReLU(u) = 0 iff u <= 0 (C > 0)", "kernel"),
                Step("entrywise", "ReLU(U3) = X entrywise: U3 = C where X = C, U3 <= 0 where X = 0", "kernel")])


spec("001-L2", "iff", statuses=("proved", "refuted"))(form1_iff)


def _det_identity(n):
    """det of the symbolic top block M (M(i, j) = C for j >= i, else u_ij) = C prod_{i<n} (C - u_{i+1,i})."""
    names = ("C",) + tuple("u%d_%d" % (i, j) for i in range(n) for j in range(i))
    v = lambda i, j: K.Poly.var("C" if j >= i else "u%d_%d" % (i, j), names)
    det = K.Poly({}, names)
    for p in permutations(range(n)):
        term = K.Poly.const((-1) ** sum(p[a] > p[b] for a in range(n) for b in range(a + 1, n)), names)
        for i in range(n):
            term = term * v(i, p[i])
        det = det + term
    target = K.Poly.var("C", names)
    for i in range(n - 1):
        target = target * (K.Poly.var("C", names) - v(i + 1, i))
    return (det - target).is_zero()


def form1_full_rank(c):
    """Every U3 of form (1) ((n+1) x n, C > 0) has rank n, for every n.

    Scope: amplitude C, sym_n <= 7.  verified: for n <= sym_n the kernel expands the determinant
    of the top n x n block with every free entry a variable: C prod_{i<n} (C - u_{i+1,i}), non-zero
    as u <= 0 < C.  refuted: evidence n and a form-(1) U3 of rank < n.  proved: the finite part
    and, for every n, row i minus row i+1 (i < n) of the top block is 0 right of column i and
    C - u_{i+1,i} at column i (kernel, from X(i, j) = C iff j >= i), so the block times a unit
    triangular matrix is triangular with diagonal C - u_{i+1,i} >= C > 0 and C.
    """
    amp = _amplitude(c)
    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=200)
        U = c.evidence.mat("U3", n + 1, n)
        c.require(_form1(U, n, amp) and K.rank(U) < n, "U3 is not of form (1) or has rank n")
        return
    sym_n = c.scope.int("sym_n", lo=1, hi=7)
    for n in range(1, sym_n + 1):
        c.require(_det_identity(n), "the determinant identity fails at n=%d" % n)
    c.checked(sym_n)
    if c.status == "proved":
        names = ("C", "u", "v")  # u: row i, v: row i + 1, below the staircase
        C, u, v = (K.Poly.var(x, names) for x in names)
        entry = lambda on_or_right, free: C if on_or_right else free  # X(i, j) = C iff j >= i
        c.require((entry(True, u) - entry(True, v)).is_zero(), "right of column i the rows differ")
        c.require((entry(True, u) - entry(False, v) - (C - v)).is_zero(), "the diagonal is not C - u_{i+1,i}")
        c.require(amp > 0 and ((C - v) - C + v).is_zero(), "C - u >= C > 0 for u <= 0 fails")
        c.argument([Step("rows", "row i - row i+1 of the top block: 0 right of column i, C - u_{i+1,i} at "
                         "column i; row n: C at column n", "kernel"),
                    Step("det", "det = C prod_{i<n} (C - u_{i+1,i}) (a unit triangular row operation, then a "
                         "triangular matrix)", "theorem: the determinant of a triangular matrix is the product "
                         "of its diagonal"),
                    Step("sign", "C - u_{i+1,i} >= C > 0 as u_{i+1,i} <= 0 < C", "kernel"),
                    Step("rank", "a non-zero n x n minor: rank n, the most for n columns",
                         "theorem: the rank is the largest order of a non-zero minor")])


spec("001-L2", "full rank", statuses=("proved", "verified", "refuted"))(form1_full_rank)


# -- 001-L3 ----------------------------------------------------------------------------------
def rank_conditions(c):
    """If U3 = A2 W3^T (A2 (n+1) x n2, W3 n x n2) has full rank n, then n2 >= n, rank W3 = n and
    rank A2 >= n, so with n2 = n W3 and A2 are full rank; and these conditions can hold.

    Scope: amplitude C, n_max.  The kernel builds for every n <= n_max the decoder z(i) = i,
    W2 = -1, b2_j = j + 1, W3^T = C A2'^{-1} X'_1 (n2 = n) and checks rank A2 = rank W3 = n and
    ReLU(A2 W3^T) = X.  Argument: rank(A B) <= min(rank A, rank B) and a rank is at most the
    number of rows and of columns (cited theorems).
    """
    amp, n_max = _amplitude(c), c.scope.int("n_max", lo=1, hi=60)
    for n in range(1, n_max + 1):
        ok, A2, W3 = _linear_decoder_reconstructs(n, amp)
        frac = lambda m: [[Fraction(v) for v in r] for r in m]
        c.require(ok and K.rank(frac(A2)) == n and K.rank(frac(W3)) == n, "the decoder fails at n=%d" % n)
    c.checked(n_max)
    c.argument([Step("product", "rank U3 = rank(A2 W3^T) <= min(rank A2, rank W3)",
                     "theorem: rank(A B) <= min(rank A, rank B)"),
                Step("sizes", "rank W3 <= min(n, n2), rank A2 <= min(n + 1, n2): rank U3 = n forces n2 >= n, "
                     "rank W3 = n, rank A2 >= n", "theorem: a rank is at most the number of rows and of columns")])


spec("001-L3", "n2 = n", statuses=("proved",))(rank_conditions)


def rank_literal(c):
    """A perfect reconstruction ReLU(A2 W3^T) = X needs n2 = n and A2 full rank (rank min(n + 1, n2)).

    Scope: amplitude C.  refuted: evidence n, distinct codes (n + 1), W2, b2, W3 (n x n2); the
    kernel checks the decoder reconstructs X and n2 != n or rank A2 < min(n + 1, n2).
    """
    amp, e = _amplitude(c), c.evidence
    n = e.int("n", lo=1, hi=200)
    z = _codes(c, e, n + 1)
    W2, b2, W3 = _decoder(c, e, n)
    c.require(_reconstructs(z, W2, b2, W3, _X(n, amp)), "the decoder does not reconstruct X")
    c.require(len(W2) != n or K.rank(_activations(z, W2, b2)) < min(n + 1, len(W2)), "n2 = n and A2 full rank")


spec("001-L3", "literal", statuses=("refuted",))(rank_literal)


# -- 001-L4 ----------------------------------------------------------------------------------
def _bias_free_rank(c, e):
    n = e.int("n", lo=1, hi=200)
    z = _codes(c, e, n + 1)
    W2 = e.vec("W2", n)
    return n, K.rank(_activations(z, W2, [ZERO] * n))


def bias_necessary(c):
    """Without a bias (b2 = 0), A2 = ReLU(z W2^T) ((n+1) x n) has rank < n for every n >= 3, every
    distinct codes and every W2.

    Scope: none.  refuted: evidence n >= 3, codes, W2 with rank A2 = n.  proved: ReLU(w z) =
    ReLU(w) ReLU(z) + ReLU(-w) ReLU(-z), checked by the kernel on the nine sign classes of
    (w, z); so every column lies in span{ReLU(z), ReLU(-z)} and rank A2 <= 2 < n.
    """
    if c.status == "refuted":
        n, r = _bias_free_rank(c, c.evidence)
        c.require(n >= 3 and r == n, "rank A2 = %d < n = %d" % (r, n))
        return
    names = ("w", "z")
    w, z = K.Poly.var("w", names), K.Poly.var("z", names)
    for sw in (-1, 0, 1):
        for sz in (-1, 0, 1):
            rhs = _piece(sw, w) * _piece(sz, z) + _piece(-sw, -w) * _piece(-sz, -z)
            c.require((_piece(sw * sz, w * z) - rhs).is_zero(), "ReLU(w z) fails on a sign class")
    c.argument([Step("homogeneous", "ReLU(w z) = ReLU(w) ReLU(z) + ReLU(-w) ReLU(-z) for all w, z", "kernel"),
                Step("span", "every column of A2 lies in span{ReLU(z), ReLU(-z)}: rank A2 <= 2 < n for n >= 3",
                     "theorem: the rank is at most the dimension of a space containing the columns")])


spec("001-L4", "necessity (n >= 3)", statuses=("proved", "refuted"))(bias_necessary)


def bias_literal(c):
    """Without a bias (b2 = 0), A2 = ReLU(z W2^T) ((n+1) x n) has rank < n, for every n >= 1.

    Scope: none.  refuted: evidence n, distinct codes (n + 1) and W2 with rank A2 = n.
    """
    n, r = _bias_free_rank(c, c.evidence)
    c.require(r == n, "rank A2 = %d < n = %d" % (r, n))


spec("001-L4", "literal", statuses=("refuted",))(bias_literal)


# -- 001-R1 (001-L4 [sufficiency] and 001-P2: p001_sorted.py) ---------------------------------
def no_layer3_bias(c):
    """For every n there is a decoder z -> ReLU(W3 ReLU(W2 z + b2)) without layer-3 bias that maps
    z(i) = i to row i of X, i = 1..n+1 (zero signal included).

    Scope: amplitude C, n_max.  verified: the kernel builds W2 = -1, b2_j = j + 1,
    W3^T = C A2'^{-1} X'_1 for every n <= n_max and checks ReLU(A2 W3^T) = X.  proved: the
    finite part, the kernel's check that this layer 2 is 001-H1's (same W2, b2, codes for every
    n <= n_max), and 001-H1's argument for every n (specs/p001b.py): A2' is triangular with unit
    diagonal and the zero signal's row is 0 (the kernel's sign test on polynomials in m >= 0),
    so A2 W3^T = X and ReLU(X) = X; the decoder has no layer-3 bias by its form.
    """
    amp, n_max = _amplitude(c), c.scope.int("n_max", lo=1, hi=120)
    for n in range(1, n_max + 1):
        c.require(_linear_decoder_reconstructs(n, amp)[0], "the decoder fails at n=%d" % n)
    c.checked(n_max)
    if c.status == "proved":
        for n in range(1, n_max + 1):
            z, W2, b2 = _linear_decoder(n)[:3]
            c.require(_h1_layer2(n) == (W2, b2, z), "n=%d: the layer 2 is not 001-H1's" % n)
        _h1_argument(c, amp, ("bias-free", "ReLU(X) = X since C > 0: the decoder ReLU(A2 W3^T), without a layer-3 "
                                           "bias, maps z(i) = i to row i of X"))


spec("001-R1", statuses=("proved", "verified"))(no_layer3_bias)
