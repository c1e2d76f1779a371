"""Specifications of the 001 slides claims H1, L5, Co1, F1 (the handcrafted decoder and its solutions).

Vocabulary (CLAIMS.md, 001): X is the (n+1) x n data matrix, row i (1-based) has i - 1 zeros then
C's (C > 0), the last row is the zero signal (without it X is n x n).  A decoder (W2, b2, W3) maps
a code z to ReLU(W3 ReLU(W2 z + b2)); it is a solution for codes z(1..) when it maps z(i) to row i
of X.  U3 has form (1) when U3 = C where X = C and U3 <= 0 where X = 0.  A2 = ReLU(z W2^T + b2) has
one row per code; ' drops the zero signal's row; W3^T = A2'^{-1} U3'.
"""

from fractions import Fraction

from .. import core as K
from ..framework import Step, spec

ZERO, ONE = Fraction(0), Fraction(1)


# -- shared: data, decoders, the handcrafted construction -------------------------------------
def _X(n, C, zero=True):
    """The rows of X: row i = (0 x (i - 1), C x (n - i + 1)), i = 1..n (+ the zero signal's row)."""
    return [[C if j >= i else ZERO for j in range(1, n + 1)] for i in range(1, n + 2 if zero else n + 1)]


def _a2(W2, b2, codes):
    if len(W2) != len(b2):
        raise K.Invalid("W2 has %d entries, b2 %d" % (len(W2), len(b2)))
    return [[max(w * z + b, ZERO) for w, b in zip(W2, b2)] for z in codes]


def _decode(W2, b2, W3, z):
    """ReLU(W3 ReLU(W2 z + b2)) for a scalar code z."""
    return [max(K.dot(row, _a2(W2, b2, [z])[0]), ZERO) for row in W3]


def _solution(W2, b2, W3, codes, X):
    """Whether the decoder maps code i to row i of X for every i."""
    return len(codes) == len(X) and all(_decode(W2, b2, W3, z) == x for z, x in zip(codes, X))


def _output_weights(A2, U3, zero):
    """W3 with W3^T = A2'^{-1} U3' (' drops row `zero`), or None when A2' is singular."""
    keep = [k for k in range(len(A2)) if k != zero]
    inv = K.inverse([A2[k] for k in keep])
    return None if inv is None else K.transpose(K.matmul(inv, [U3[k] for k in keep]))


def _form1(c, U, n, C, zero):
    X = _X(n, C, zero)
    c.require(len(U) == len(X) and all(len(r) == n for r in U), "U3 is not %d x %d" % (len(X), n))
    c.require(all((u == x) if x else (u <= 0) for ur, xr in zip(U, X) for u, x in zip(ur, xr)),
              "U3 does not have form (1)")


#: 001-H1's construction z(i) = i, W2_j = -1, b2_j = j + 1, as templates: the numbers and the
#: symbolic argument are built from this one definition.
_H1_CODE, _H1_W2, _H1_B2 = "{i}", "-1", "({j}) + 1"


def _h1_pre(i, j):
    """z(i) W2_j + b2_j as an expression, i and j replaced by the given expressions."""
    return "(%s) * (%s) + %s" % (_H1_CODE.format(i=i), _H1_W2, _H1_B2.format(j=j))


def _h1_layer2(n):
    """(W2, b2, the codes z(1..n+1)) of 001-H1 for dimension n."""
    value = lambda text: K.evaluate_expression(text, {})
    return ([value(_H1_W2)] * n, [value(_H1_B2.format(j=j)) for j in range(1, n + 1)],
            [value(_H1_CODE.format(i=i)) for i in range(1, n + 2)])


def _h1_decoder(n, U3):
    """(W2, b2, W3, codes) of the handcrafted decoder for z(i) = i and U3 ((n+1) x n)."""
    W2, b2, codes = _h1_layer2(n)
    W3 = _output_weights(_a2(W2, b2, codes), U3, n)
    if W3 is None:
        raise K.Invalid("A2' is singular at n=%d" % n)
    return W2, b2, W3, codes


def _relu_sym(text, names):
    """ReLU of a polynomial whose variables are all >= 0: the polynomial itself when every
    coefficient is >= 0, the zero polynomial when every coefficient is <= 0 (else Invalid)."""
    f = K.expression(text, names)
    const = (0,) * len(names)
    if set(f.den.terms) != {const}:
        raise K.Invalid("%s is not a polynomial" % text)
    p = K.Poly({e: v / f.den.terms[const] for e, v in f.num.terms.items()}, names)
    if p.coefficients_nonnegative():
        return p
    if (-p).coefficients_nonnegative():
        return K.Poly({}, names)
    raise K.Invalid("the sign of %s is not established" % text)


def _same(p, text, names):
    return (K.RatFunc(p, K.Poly.const(1, names)) - K.expression(text, names)).is_zero()


def _h1_argument_signs(c):
    """A2[i, j] = ReLU(j + 1 - i) is m + 1 for j = i + m and 0 for i = j + 1 + m (m >= 0)."""
    names = ("i", "j", "m")
    upper = _relu_sym(_h1_pre("i", "i + m"), names)        # j = i + m >= i
    lower = _relu_sym(_h1_pre("j + 1 + m", "j"), names)    # i = j + 1 + m > j
    c.require(_same(upper, "m + 1", names) and lower.is_zero(), "A2 is not triangular with unit diagonal")


def _h1_argument(c, C, last):
    _h1_argument_signs(c)
    c.require(C > 0, "the amplitude C must be positive")
    c.argument([Step("triangular", "A2[i, j] = ReLU(j + 1 - i): ReLU(m + 1) = m + 1 for j = i + m, ReLU(-m) = 0 "
                     "for i = j + 1 + m (m >= 0): rows 1..n form an upper triangular matrix with unit diagonal, "
                     "row n + 1 (the zero signal's) is 0", "kernel"),
                Step("invertible", "A2' is invertible (det A2' = 1)",
                     "theorem: a triangular matrix with non-zero diagonal is invertible"),
                Step("solve", "A2' W3^T = A2' A2'^{-1} U3' = U3', and the zero signal's row of A2 W3^T is 0 W3^T = 0",
                     "theorem: A A^{-1} = I"),
                Step(*last, "kernel")])


# -- 001-H1 ----------------------------------------------------------------------------------
def h1_canonical(c):
    """For z(i) = i, W2_j = -1, b2_j = j + 1 and U3 = X, the decoder with W3^T = A2'^{-1} X'
    reconstructs X for every n (and C > 0).

    Scope: n_max, amplitude C.  Finite part: for n <= n_max the kernel builds A2, solves for W3,
    checks the closed form W3^T = C (I - S) (S the shift) and runs the decoder on the codes 1..n+1.  Argument: A2' is triangular
    with unit diagonal and the zero signal's row of A2 is 0 (the kernel's sign test on
    polynomials in m >= 0), so A2 W3^T = X and ReLU(X) = X.
    """
    n_max, C = c.scope.int("n_max", lo=1, hi=60), c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    for n in range(1, n_max + 1):
        W2, b2, W3, codes = _h1_decoder(n, _X(n, C))
        closed = [[C if k == j else (-C if k == j - 1 else ZERO) for k in range(n)] for j in range(n)]
        c.require(W3 == closed, "n=%d: W3^T is not C (I - S)" % n)
        c.require(_solution(W2, b2, W3, codes, _X(n, C)), "n=%d: the decoder does not reconstruct X" % n)
    c.checked(n_max)
    _h1_argument(c, C, ("relu X", "ReLU(X) = X since C > 0"))


spec("001-H1", "canonical U3 = X", statuses=("proved",))(h1_canonical)


def h1_any(c):
    """For z(i) = i, W2_j = -1, b2_j = j + 1 and every U3 of form (1), with or without the zero
    signal, the decoder with W3^T = A2'^{-1} U3' reconstructs X, for every n and C > 0.

    Scope: n_max, amplitude C.  Finite part: for n <= n_max the kernel builds A2 and checks A2'
    invertible (A2 without the zero signal is A2') and the zero signal's row 0.  Argument: as for
    U3 = X; then ReLU(U3') = X' by form (1) (C stays C as C > 0, entries <= 0 become 0).
    """
    n_max, C = c.scope.int("n_max", lo=1, hi=60), c.scope.q("amplitude")
    for n in range(1, n_max + 1):
        A2 = _a2(*_h1_layer2(n))
        c.require(K.inverse(A2[:n]) is not None and not any(A2[n]), "n=%d: A2' singular or zero row non-zero" % n)
    c.checked(n_max)  # A2' (and A2 without the zero signal) is the same n x n matrix
    _h1_argument(c, C, ("form (1)", "ReLU(U3') = X' for U3 of form (1) as C > 0, and ReLU(0) = 0 is X's zero row"))


spec("001-H1", "any U3 of form (1)", statuses=("proved",))(h1_any)


# -- the sorted-codes layer 2 of 001-H4 (its specifications: p001_sorted.py) --------------------
def _sorted_layer2(z, zero):
    """001-H4's layer 2: around z0 (the zero signal's code, else min - 1), neurons ReLU(t - z) at
    t = z0 and every code below z0 but the lowest, ReLU(z - t) at t = z0 and every code above but the highest."""
    z0 = z[zero] if zero is not None else min(z) - 1
    others = [v for k, v in enumerate(z) if k != zero]
    left, right = sorted((v for v in others if v < z0), reverse=True), sorted(v for v in others if v > z0)
    lt = sorted([z0] + left[:-1]) if left else []
    rt = [z0] + right[:-1] if right else []
    return [-ONE] * len(lt) + [ONE] * len(rt), lt + [-t for t in rt]


# -- 001-L5 ----------------------------------------------------------------------------------
def l5_positive(c):
    """If (W2, b2, W3) is a solution, so is (D W2, b2 D, W3 D^{-1}) for every positive diagonal D.

    No scope.  Argument, per hidden neuron j (d = d_j > 0) and output k, checked by the kernel:
    the pre-activation scales by d, ReLU commutes with d >= 0 (sign test on polynomials in
    d, s >= 0), and the output weight W3_kj / d cancels it, so every output is unchanged.
    """
    names = ("d", "w", "z", "b", "s", "a")
    pre = K.expression("(d * w) * z + b * d", names).equals(K.expression("d * (w * z + b)", names))
    up = _same(_relu_sym("d * s", names), "d * s", names) and _same(_relu_sym("s", names), "s", names)
    down = _relu_sym("-(d * s)", names).is_zero() and _relu_sym("-s", names).is_zero()
    cancel = K.expression("(w / d) * (d * a)", names).equals(K.expression("w * a", names))
    c.require(pre and up and down and cancel, "the rescaling identities do not hold")
    c.argument([Step("pre", "(d W2_j) z + b2_j d = d (W2_j z + b2_j)", "kernel"),
                Step("relu", "ReLU(d u) = d ReLU(u) for d >= 0: u = s >= 0 gives d s = d s, u = -s <= 0 gives "
                     "0 = d 0", "kernel"),
                Step("cancel", "term j of (W3 D^{-1} ReLU(D (W2 z + b2)))_k is (W3_kj / d_j) (d_j a_j) = W3_kj a_j "
                     "with a_j = ReLU(W2_j z + b2_j): the outputs are unchanged", "kernel")])


spec("001-L5", "positive D", statuses=("proved",))(l5_positive)


def _l5_refuted(c, admissible, what):
    """A counterexample: the handcrafted decoder of 001-H1 (U3 = X) and D; D^{-1} read entrywise
    with 1/0 := 0; the rescaled decoder does not reconstruct X."""
    C = c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    n = c.evidence.int("n", lo=1, hi=20)
    D = c.evidence.vec("D", n)
    c.require(admissible(D), "D does not have %s" % what)
    W2, b2, W3, codes = _h1_decoder(n, _X(n, C))
    c.require(_solution(W2, b2, W3, codes, _X(n, C)), "the decoder of 001-H1 is not a solution")
    inv = [ONE / d if d else ZERO for d in D]
    W3r = [[w * v for w, v in zip(row, inv)] for row in W3]
    c.require(not _solution([w * d for w, d in zip(W2, D)], [b * d for b, d in zip(b2, D)], W3r, codes, _X(n, C)),
              "the rescaled decoder still reconstructs X")


def l5_zero(c):
    """Reading: D diagonal, >= 0, with a zero entry, D^{-1} the pseudo-inverse (1/0 := 0); the
    claim says (D W2, b2 D, W3 D^{-1}) is a solution.

    Scope: amplitude C.  refuted: evidence n and D; the kernel rescales 001-H1's decoder for
    z(i) = i, U3 = X, and finds a row of X not reconstructed.
    """
    _l5_refuted(c, lambda D: all(d >= 0 for d in D) and ZERO in D, "a zero entry (and none negative)")


spec("001-L5", "zero entry", statuses=("refuted",))(l5_zero)


def l5_negative(c):
    """Reading: D diagonal, invertible, with a negative entry; the claim says
    (D W2, b2 D, W3 D^{-1}) is a solution.

    Scope: amplitude C.  refuted: evidence n and D; the kernel rescales 001-H1's decoder for
    z(i) = i, U3 = X, and finds a row of X not reconstructed.
    """
    _l5_refuted(c, lambda D: ZERO not in D and any(d < 0 for d in D), "a negative entry (and no zero)")


spec("001-L5", "negative entry", statuses=("refuted",))(l5_negative)


# -- 001-Co1 ---------------------------------------------------------------------------------
def _invariants(W2, b2, W3):
    """(W2*, b2*) = (W3 W2, b2 W3^T): entry k is W3[k] . W2 and W3[k] . b2."""
    return [K.dot(r, W2) for r in W3], [K.dot(r, b2) for r in W3]


def _from_equations(W3, W2s, b2s):
    """(W2, b2) = (W3^{-1} W2*, b2* W3^{-T}), or None when W3 is singular."""
    inv = K.inverse(W3)
    return None if inv is None else ([K.dot(r, W2s) for r in inv], [K.dot(r, b2s) for r in inv])


def _d_vectors(n):
    """Every diagonal D with entries in {1, 2} (n of them)."""
    out = [[]]
    for _ in range(n):
        out = [d + [v] for d in out for v in (ONE, ONE + ONE)]
    return out


def co1_orbit(c):
    """Fix the ratios k = b2 / W2 and the signs of 001-H1's layer 2 (z(i) = i) and any U3 of form
    (1), for any n: the solutions with these (k, U3, signs) are exactly the positive rescalings
    (D W2o, b2o D, W3o D^{-1}) of the handcrafted one (infinitely many), and W2* = W3 W2,
    b2* = b2 W3^T are constant along them (W2 = W3^{-1} W2*, b2 = b2* W3^{-T}).

    Scope: amplitude C > 0, n_max <= 6.  Finite part: for n <= n_max, U3 = X and every D with
    entries in {1, 2}: (W2, b2) from the equations with W3 = W3o D^{-1} is (D W2o, b2o D) and a
    solution, and solving W3^T = A2'^{-1} U3' afresh for W2 = D W2o with the ratios k gives the
    same W3 and invariants.  Argument: 001-H1's A2o' is invertible (kernel); a solution with the
    same signs and ratios has W2 = D W2o, d_j = W2_j / W2o_j > 0, b2 = D b2o; ReLU(d u) = d ReLU(u)
    gives A2 = A2o D (kernel); A2' invertible makes W3^T = A2'^{-1} U3' = D^{-1} W3o^T the only
    choice; every positive D gives a solution (001-L5) and distinct D distinct W2 as W2o_j = -1;
    (w / d)(d v) = w v keeps W3 W2 and b2 W3^T (kernel).
    """
    C = c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    n_max, count = c.scope.int("n_max", lo=1, hi=6), 0
    for n in range(1, n_max + 1):
        U = _X(n, C)
        W2o, b2o, W3o, codes = _h1_decoder(n, U)
        W2s, b2s = _invariants(W2o, b2o, W3o)
        for D in _d_vectors(n):
            W3 = [[w / d for w, d in zip(row, D)] for row in W3o]
            W2, b2 = _from_equations(W3, W2s, b2s) or (None, None)
            c.require(W2 == [w * d for w, d in zip(W2o, D)] and b2 == [b * d for b, d in zip(b2o, D)]
                      and _solution(W2, b2, W3, codes, _X(n, C)), "n=%d: the rescaling is not a solution" % n)
            W2n = [w * d for w, d in zip(W2o, D)]
            b2n = [(b / w) * v for b, w, v in zip(b2o, W2o, W2n)]  # the ratios k_j = b2o_j / W2o_j kept
            W3n = _output_weights(_a2(W2n, b2n, codes), U, n)
            c.require(W3n == W3 and _invariants(W2n, b2n, W3n) == (W2s, b2s),
                      "n=%d: the solution with W2 = D W2o is not the rescaling" % n)
            count += 1
    c.checked(count)
    _h1_argument_signs(c)
    names = ("d", "w", "v", "z", "b", "s", "a", "k")
    same_sign = K.expression("(d * w) / w", names).equals(K.expression("d", names))   # d_j = W2_j / W2o_j
    ratio = K.expression("k * (d * w)", names).equals(K.expression("d * (k * w)", names))   # b2 = k W2 = D b2o
    pre = K.expression("(d * w) * z + (k * w) * d", names).equals(K.expression("d * (w * z + k * w)", names))
    relu = _same(_relu_sym("d * s", names), "d * s", names) and _relu_sym("-(d * s)", names).is_zero()
    unique = K.expression("(d * a) * (v / d)", names).equals(K.expression("a * v", names))
    inv = K.expression("(v / d) * (d * w)", names).equals(K.expression("v * w", names)) and \
        K.expression("(b * d) * (v / d)", names).equals(K.expression("b * v", names))
    c.require(same_sign and ratio and pre and relu and unique and inv, "the rescaling identities do not hold")
    c.require(K.evaluate_expression(_H1_W2, {}) != 0, "W2o_j = 0: distinct D need not give distinct W2")
    c.argument([Step("base", "001-H1's A2o' is upper triangular with unit diagonal (ReLU(m + 1) = m + 1, "
                     "ReLU(-m) = 0) and its zero signal's row is 0", "kernel"),
                Step("invertible", "A2o' is invertible", "theorem: a triangular matrix with non-zero diagonal is "
                     "invertible"),
                Step("rescale", "same signs: d_j = W2_j / W2o_j > 0, W2 = D W2o, b2 = k W2 = D b2o; the "
                     "pre-activation is d (W2o z + b2o) and ReLU(d u) = d ReLU(u): A2 = A2o D", "kernel"),
                Step("unique", "A2' = A2o' D is invertible, so W3^T = A2'^{-1} U3' = D^{-1} W3o^T is the only "
                     "output layer: (A2o D)(D^{-1} W3o^T) = A2o W3o^T", "theorem: an invertible system has one "
                     "solution"),
                Step("infinitely many", "every positive D gives a solution (001-L5 [positive D]); W2o_j = -1 != 0, "
                     "so distinct D give distinct W2", "kernel"),
                Step("invariants", "(W3o_kj / d_j)(d_j W2o_j) = W3o_kj W2o_j and (b2o_j d_j)(W3o_kj / d_j) = "
                     "b2o_j W3o_kj: W2* = W3 W2 and b2* = b2 W3^T are constant", "kernel")])


spec("001-Co1", "orbit", statuses=("proved",))(co1_orbit)


def co1_orbit_not_positive(c):
    """Reading with one hypothesis dropped: for a U3 of form (1), every invertible diagonal D (a
    negative entry allowed) maps 001-H1's solution for U3 to a solution (D W2o, b2o D, W3o D^{-1}).

    Scope: amplitude C.  refuted: evidence n, U3 (form (1)) and D (no zero entry, one negative);
    the kernel builds 001-H1's decoder for U3, rescales it and finds a row of X not reconstructed.
    """
    C = c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    n = c.evidence.int("n", lo=1, hi=20)
    U, D = c.evidence.mat("U3", n + 1, n), c.evidence.vec("D", n)
    _form1(c, U, n, C, True)
    c.require(ZERO not in D and any(d < 0 for d in D), "D does not have a negative entry (and no zero)")
    W2, b2, W3, codes = _h1_decoder(n, U)
    c.require(_solution(W2, b2, W3, codes, _X(n, C)), "the decoder of 001-H1 is not a solution")
    W3r = [[w / d for w, d in zip(row, D)] for row in W3]
    c.require(not _solution([w * d for w, d in zip(W2, D)], [b * d for b, d in zip(b2, D)], W3r, codes, _X(n, C)),
              "the rescaled decoder still reconstructs X")


spec("001-Co1", "orbit, D not positive", statuses=("refuted",))(co1_orbit_not_positive)


def co1_parameterisation(c):
    """Reading: for W2* = W3o W2o, b2* = b2o W3o^T of one solution (001-H1's, U3 = X), every
    invertible W3 with W2 = W3^{-1} W2*, b2 = b2* W3^{-T} gives a solution (W2, b2, W3).

    Scope: amplitude C.  refuted: evidence n and W3 (invertible); the kernel rebuilds W2*, b2*,
    solves for W2, b2 and finds a row of X not reconstructed.
    """
    C = c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    n = c.evidence.int("n", lo=1, hi=20)
    W3 = c.evidence.mat("W3", n, n)
    W2o, b2o, W3o, codes = _h1_decoder(n, _X(n, C))
    sol = _from_equations(W3, *_invariants(W2o, b2o, W3o))
    c.require(sol is not None, "W3 is singular")
    c.require(not _solution(sol[0], sol[1], W3, codes, _X(n, C)), "(W2, b2, W3) is a solution")


spec("001-Co1", "parameterisation", statuses=("refuted",))(co1_parameterisation)


# -- 001-F1 ----------------------------------------------------------------------------------
def _f1_instance(f):
    """A2, U3 (invertible) and Delta, all n x n."""
    A2 = f.mat("A2")
    n = len(A2)
    U3, Delta = f.mat("U3", n, n), f.mat("Delta", n, n)
    if not 1 <= n <= 12 or any(len(r) != n for r in A2) or K.inverse(A2) is None or K.inverse(U3) is None:
        raise K.Invalid("%s: A2 and U3 must be invertible n x n, 1 <= n <= 12" % f.where)
    return A2, U3, Delta


def _f1_formula(A2, U3, Delta, plus_T):
    """(the slide's right-hand side, None if 1 + t = 0; t) with P = W3^{+T} U3^{-1},
    t = tr(Delta P): (I - P Delta / (1 + t)) W3^{+T}."""
    n = len(A2)
    P = K.matmul(plus_T, K.inverse(U3))
    t = sum((K.matmul(Delta, P)[i][i] for i in range(n)), ZERO)
    if 1 + t == 0:
        return None, t
    PD = K.matmul(P, Delta)
    return K.matmul([[K.identity(n)[i][j] - PD[i][j] / (1 + t) for j in range(n)] for i in range(n)], plus_T), t


def _f1_new(A2, U3, Delta):
    """The new solution (A2 + Delta)^{-1} U3, or None when A2 + Delta is singular."""
    inv = K.inverse([[a + d for a, d in zip(ra, rd)] for ra, rd in zip(A2, Delta)])
    return None if inv is None else K.matmul(inv, U3)


def _known(A2, U3):
    """W3^{+T} = A2^{-1} U3, the known solution (Sherman-Morrison reading)."""
    return K.matmul(K.inverse(A2), U3)


def _reduce(p, names):
    """p(M, t) with M^e replaced by t^(e-1) M (e >= 1): p modulo M^2 = t M."""
    out = K.Poly({}, names)
    for (e, f), v in p.terms.items():
        out = out + K.Poly({(min(e, 1), f + max(e - 1, 0)): v}, names)
    return out


def f1_rank_one(c):
    """Reading: A2, U3 invertible n x n (zero signal dropped), W3^{+T} = A2^{-1} U3 the known
    solution, A2 -> A2 + Delta with rank Delta <= 1 and 1 + t != 0, t = tr(Delta W3^{+T} U3^{-1}):
    then (A2 + Delta)^{-1} U3 = (I - W3^{+T} U3^{-1} Delta / (1 + t)) W3^{+T} (Sherman-Morrison).

    No scope.  Evidence: examples (A2, U3, Delta), each re-checked by the kernel from the
    statement's definitions.  Argument: (I + M)(I - M / (1 + t)) = I modulo M^2 = t M (the
    kernel's polynomial arithmetic in one matrix M), M = A2^{-1} Delta of rank <= 1 has
    M^2 = tr(M) M, and A2 + Delta = A2 (I + M).
    """
    for k, f in enumerate(c.evidence.items("examples", lo=1, hi=20)):
        A2, U3, Delta = _f1_instance(f)
        F, t = _f1_formula(A2, U3, Delta, _known(A2, U3))
        c.require(K.rank(Delta) <= 1 and F is not None, "example %d: rank Delta > 1 or 1 + t = 0" % k)
        c.require(F == _f1_new(A2, U3, Delta), "example %d: the formula is not (A2 + Delta)^{-1} U3" % k)
    names = ("M", "t")
    f = K.expression("(1 + M) * (1 - M / (1 + t)) - 1", names)
    c.require(all(e[0] == 0 for e in f.den.terms) and _reduce(f.num, names).is_zero(),
              "(I + M)(I - M/(1 + t)) != I modulo M^2 = t M")
    c.argument([Step("identity", "(I + M)(I - M / (1 + t)) = I when M^2 = t M (polynomials in one matrix M "
                     "commute; reduced modulo M^2 - t M)", "kernel"),
                Step("rank one", "rank Delta <= 1: Delta = u v^T, M = A2^{-1} Delta = (A2^{-1} u) v^T, so "
                     "M^2 = (v^T A2^{-1} u) M = tr(M) M", "theorem: (u v^T)^2 = tr(u v^T) u v^T"),
                Step("inverse", "A2 + Delta = A2 (I + M), so (A2 + Delta)^{-1} = (I - M / (1 + t)) A2^{-1} with "
                     "t = tr(M)", "theorem: a one-sided inverse of a square matrix is its inverse"),
                Step("formula", "A2^{-1} = W3^{+T} U3^{-1} and tr(A2^{-1} Delta) = tr(Delta W3^{+T} U3^{-1}): "
                     "(A2 + Delta)^{-1} U3 is the slide's formula", "theorem: tr(A B) = tr(B A)")])


spec("001-F1", "rank-one Delta", statuses=("proved",))(f1_rank_one)


def _f1_refuted(c, A2, U3, Delta, plus_T):
    """A counterexample: A2 + Delta invertible, and the formula (built with W3^{+T} = plus_T) is
    undefined or differs from the new solution (A2 + Delta)^{-1} U3."""
    new = _f1_new(A2, U3, Delta)
    c.require(new is not None, "A2 + Delta is singular: there is no new solution")
    c.require(_f1_formula(A2, U3, Delta, plus_T)[0] != new, "the formula gives the new solution")


def f1_any(c):
    """Reading: the formula, with W3^{+T} = A2^{-1} U3 the known solution, gives the new
    solution (A2 + Delta)^{-1} U3 for every Delta with A2 + Delta invertible.

    No scope.  refuted: evidence A2, U3, Delta; the kernel evaluates both sides.
    """
    A2, U3, Delta = _f1_instance(c.evidence)
    _f1_refuted(c, A2, U3, Delta, _known(A2, U3))


spec("001-F1", "any Delta", statuses=("refuted",))(f1_any)


def f1_pseudo_inverse(c):
    """Reading: W3^{+} is the Moore-Penrose pseudo-inverse of the known solution W3
    (W3^T = A2^{-1} U3); the formula gives (A2 + Delta)^{-1} U3 whenever A2 + Delta is invertible.

    No scope.  refuted: evidence A2, U3, Delta and pinv_W3, which the kernel checks is W3^{+}
    by the four Penrose equations; then it evaluates both sides.
    """
    A2, U3, Delta = _f1_instance(c.evidence)
    W = K.transpose(_known(A2, U3))
    P = c.evidence.mat("pinv_W3", len(A2), len(A2))
    WP, PW = K.matmul(W, P), K.matmul(P, W)
    c.require(K.matmul(WP, W) == W and K.matmul(PW, P) == P and WP == K.transpose(WP) and PW == K.transpose(PW),
              "pinv_W3 is not the Moore-Penrose pseudo-inverse of W3")
    _f1_refuted(c, A2, U3, Delta, K.transpose(P))


spec("001-F1", "pseudo-inverse", statuses=("refuted",))(f1_pseudo_inverse)
