"""Specifications of 001-L4 [sufficiency], 001-P2 and 001-H4: the sorted-codes layer 2.

Vocabulary as in p001b.py.  The construction (001-H4's slide "sort z(i) then find a solution"):
around z0 (the zero signal's code, else min - 1), every code z != z0 lies in block s = sign(z - z0)
at distance D(z) = s (z - z0) > 0.  Block s gets one neuron ReLU(s (z - t)) (W2 = s, b2 = -s t) per
code of the block, with thresholds t = z0 + s T at T = 0 and at the distance of every code of the
block but the farthest.  Pairing the k-th nearest code of a block with its k-th threshold,
A2' (rows: the codes but z0, block by block in order of distance) is lower triangular with the
gaps D(c_k) - T_k > 0 on its diagonal, and the zero signal's row of A2 is 0.

The argument for every n and every distinct codes, shared by the three claims:

* ``order`` (a cited fact): sorting distinct numbers gives a strictly increasing sequence, so in
  a block with codes c_1, c_2, ... by distance and thresholds T_1 = 0, T_k = D(c_{k-1}):
  D(c_k) = T_k + g with g > 0, D(c_i) = T_k + g + m for i >= k and D(c_i) = T_k - m for i < k
  (m >= 0); a code of the other block is z0 - s e with e > 0.
* ``signs`` (the kernel): from the construction's own template W2 = s, b2 = -s (z0 + s T), the
  pre-activation of neuron k at each kind of code is a polynomial in z0, T, g, m, e, free of the
  sign-less z0, and its ReLU is g + m (> 0 as g > 0), or 0: -m, -e - T, and -T at z0 itself.
* ``invertible`` (a cited theorem): hence A2' is triangular with a non-zero diagonal.

Each specification also re-enumerates a finite part itself: for n <= n_max every arrangement of
the codes 1..m (the construction depends on the order of the codes only).
"""

from fractions import Fraction
from itertools import permutations

from .. import core as K
from ..framework import Step, spec
from .p001b import _X, _a2, _output_weights, _relu_sym, _same, _solution, _sorted_layer2

ZERO, ONE = Fraction(0), Fraction(1)

_NAMES = ("z0", "T", "g", "m", "e")


def _pre(s, code):
    """The pre-activation W2 z + b2 of the block-s neuron with threshold z0 + s T at the code z."""
    return "(%d) * (%s) + (-(%d) * (z0 + (%d) * T))" % (s, code, s, s)


def _relu_of(text):
    """ReLU of a polynomial in z0, T, g, m, e: z0 (of either sign) must cancel, the others are >= 0."""
    f = K.expression(text, _NAMES)
    if any(e[0] for e in f.num.terms) or any(e[0] for e in f.den.terms):
        raise K.Invalid("%s depends on z0" % text)
    return _relu_sym(text, _NAMES)


def _sorted_signs(c, with_zero=True):
    """The kernel's part of the argument: the signs of the sorted-codes layer 2 on both blocks."""
    for s in (1, -1):
        diag = _relu_of(_pre(s, "z0 + (%d) * (T + g + m)" % s))      # row at or after its column
        c.require(_same(diag, "g + m", _NAMES), "block %d: ReLU at i >= k is not g + m" % s)
        above = _relu_of(_pre(s, "z0 + (%d) * (T - m)" % s))          # row before its column
        other = _relu_of(_pre(s, "z0 - (%d) * e" % s))                 # a code of the other block
        c.require(above.is_zero() and other.is_zero(), "block %d: A2' is not block lower triangular" % s)
        if with_zero:
            c.require(_relu_of(_pre(s, "z0")).is_zero(), "block %d: the zero signal's row is not 0" % s)


_ORDER = Step("order", "in each block the codes by distance D = s (z - z0) and the thresholds T_1 = 0, T_k = "
              "D(c_{k-1}) satisfy D(c_k) = T_k + g (g > 0), D(c_i) = T_k + g + m for i >= k, T_k - m for i < k "
              "(m >= 0); a code of the other block is z0 - s e (e > 0)",
              "theorem: sorting distinct numbers gives a strictly increasing sequence (transitivity of <)")
_SIGNS = Step("signs", "W2 = s, b2 = -s (z0 + s T): ReLU of the pre-activation is g + m > 0 for i >= k, 0 for i < k, "
              "0 on the other block and 0 at z0: A2' is lower triangular with diagonal g > 0 and the zero "
              "signal's row is 0", "kernel")
_INVERTIBLE = Step("invertible", "A2' is invertible (det = the product of the gaps g > 0)",
                   "theorem: a triangular matrix with non-zero diagonal is invertible")


def _relu_levels(c):
    """ReLU(-s) = 0 for s >= 0, with ReLU(C) = C since every caller requires C > 0: form (1) maps to X."""
    c.require(_relu_sym("-s", ("s",)).is_zero(), "ReLU(U3) = X fails for form (1)")


def _arrangements(m):
    """Every arrangement of the codes 1..m."""
    return [[Fraction(v) for v in p] for p in permutations(range(1, m + 1))]


# -- 001-L4 [sufficiency] --------------------------------------------------------------------
def l4_sufficiency(c):
    """With a bias, for every n and every distinct codes z_1..z_{n+1} some (W2, b2) with n ReLU
    neurons gives A2 = ReLU(z W2^T + b2) of rank n.

    Scope: n_max <= 5.  Finite part: every arrangement of the codes 1..n+1, n <= n_max, with
    the sorted-codes layer 2 around the last code: rank A2 = n.  Argument: ``order``, ``signs``,
    ``invertible`` (module docstring), and an invertible n x n submatrix gives rank n.
    """
    n_max, count = c.scope.int("n_max", lo=1, hi=5), 0
    for n in range(1, n_max + 1):
        for z in _arrangements(n + 1):
            W2, b2 = _sorted_layer2(z, n)
            c.require(len(W2) == n and K.rank(_a2(W2, b2, z)) == n, "n=%d, codes %s: rank A2 < n" % (n, K.strs(z)))
            count += 1
    c.checked(count)
    _sorted_signs(c)
    c.argument([_ORDER, _SIGNS, _INVERTIBLE,
                Step("rank", "A2 has n columns and the invertible n x n submatrix A2': rank A2 = n",
                     "theorem: the rank is the largest order of a non-zero minor")])


spec("001-L4", "sufficiency", statuses=("proved",))(l4_sufficiency)


def l4_repeated(c):
    """Reading with one hypothesis dropped: for every n and every n + 1 codes (not necessarily
    distinct) some (W2, b2) gives A2 of rank n.

    No scope.  refuted: evidence n and n + 1 codes with fewer than n distinct values; A2 then has
    fewer than n distinct rows for every (W2, b2), so rank A2 < n.
    """
    n = c.evidence.int("n", lo=1, hi=200)
    z = c.evidence.vec("codes", n + 1)
    c.require(len(set(z)) < n, "the codes take %d >= n = %d distinct values" % (len(set(z)), n))


spec("001-L4", "sufficiency, repeated codes", statuses=("refuted",))(l4_repeated)


# -- 001-P2 ----------------------------------------------------------------------------------
def p2(c):
    """Dropping the zero signal: for every n, every n distinct codes and every n2 >= n there are
    W2, b2 (n2 ReLU neurons with a bias) and W3 (no bias) with ReLU(W3 ReLU(W2 z_i + b2)) = row i
    of X' (X without its zero row).

    Scope: amplitude C > 0, n_max <= 5.  Finite part: every arrangement of the codes 1..n,
    n <= n_max: the sorted-codes layer 2 (z0 = min - 1), W3^T = A2^{-1} X', and the same with
    one more neuron whose output weights are 0, both reconstruct X'.  Argument: ``order``,
    ``signs``, ``invertible`` (module docstring); A2 W3^T = X'; extra neurons with output
    weight 0 change nothing; ReLU(X') = X' as C > 0.
    """
    C, n_max, count = c.scope.q("amplitude"), c.scope.int("n_max", lo=1, hi=5), 0
    c.require(C > 0, "the amplitude C must be positive")
    for n in range(1, n_max + 1):
        X = _X(n, C, zero=False)
        for z in _arrangements(n):
            W2, b2 = _sorted_layer2(z, None)
            W3 = _output_weights(_a2(W2, b2, z), X, None)
            c.require(W3 is not None and len(W2) == n and _solution(W2, b2, W3, z, X),
                      "n=%d, codes %s: the decoder fails" % (n, K.strs(z)))
            wide = ([W2 + [ONE], b2 + [ZERO], [r + [ZERO] for r in W3]])
            c.require(_solution(*wide, z, X), "n=%d, codes %s: the widened decoder fails" % (n, K.strs(z)))
            count += 2
    c.checked(count)
    _sorted_signs(c, with_zero=False)
    names = ("a", "w", "b")
    c.require(K.expression("a * w + b * 0", names).equals(K.expression("a * w", names)), "a zero weight adds")
    _relu_levels(c)
    c.argument([_ORDER, _SIGNS, _INVERTIBLE,
                Step("solve", "W3^T = A2^{-1} X' gives A2 W3^T = X'", "theorem: A A^{-1} = I"),
                Step("width", "n2 > n: extra neurons with output weight 0 add a_j 0 = 0 to U3", "kernel"),
                Step("relu", "ReLU(X') = X' as C > 0", "kernel")])


spec("001-P2", statuses=("proved",))(p2)


def _equal_codes_refuted(c, zero):
    """Evidence n and codes (n + 1 with the zero signal, else n) with z_a = z_b for rows a != b of
    X that differ: a decoder is a function, so it cannot map z_a to row a and z_b to row b."""
    C = c.scope.q("amplitude")
    c.require(C > 0, "the amplitude C must be positive")
    n = c.evidence.int("n", lo=1, hi=200)
    z = c.evidence.vec("codes", n + 1 if zero else n)
    X = _X(n, C, zero)
    c.require(any(z[a] == z[b] and X[a] != X[b] for a in range(len(z)) for b in range(a)),
              "no two equal codes stand for different rows of X")


def p2_repeated(c):
    """Reading with one hypothesis dropped: for every n and every n codes, not necessarily
    distinct, a decoder with n ReLU neurons and a bias reconstructs X'.

    Scope: amplitude C.  refuted: evidence n and codes with two equal codes for different rows
    of X'.
    """
    _equal_codes_refuted(c, zero=False)


spec("001-P2", "repeated codes", statuses=("refuted",))(p2_repeated)


# -- 001-H4 ----------------------------------------------------------------------------------
def h4(c):
    """For every n, every distinct codes z(1..) (the zero signal's last, with or without it) and
    every U3 of form (1), the sorted-codes W2, b2 give A2' invertible and the zero signal's row
    of A2 equal to 0, and W3^T = A2'^{-1} U3' reconstructs X.

    Scope: amplitude C > 0, n_max <= 5.  Finite part: every arrangement of the codes 1..n+1
    (zero signal last) and 1..n (without it), n <= n_max, U3 = X: the decoder reconstructs X.
    Argument: ``order``, ``signs``, ``invertible`` (module docstring); A2' W3^T = U3' and the
    zero signal's row of A2 W3^T is 0 W3^T = 0; ReLU(U3') = X' by form (1) as C > 0.
    """
    C, n_max, count = c.scope.q("amplitude"), c.scope.int("n_max", lo=1, hi=5), 0
    c.require(C > 0, "the amplitude C must be positive")
    for n in range(1, n_max + 1):
        for zero in (True, False):
            X = _X(n, C, zero)
            for z in _arrangements(n + 1 if zero else n):
                W2, b2 = _sorted_layer2(z, n if zero else None)
                A2 = _a2(W2, b2, z)
                W3 = _output_weights(A2, X, n if zero else None)
                c.require(W3 is not None and (not zero or not any(A2[n])) and _solution(W2, b2, W3, z, X),
                          "n=%d, codes %s: the sorted-codes decoder fails" % (n, K.strs(z)))
                count += 1
    c.checked(count)
    _sorted_signs(c)
    _relu_levels(c)
    c.argument([_ORDER, _SIGNS, _INVERTIBLE,
                Step("solve", "A2' W3^T = U3', and the zero signal's row of A2 W3^T is 0 W3^T = 0",
                     "theorem: A A^{-1} = I"),
                Step("form (1)", "ReLU(U3') = X' for U3 of form (1) as C > 0, and ReLU(0) = 0 is X's zero row",
                     "kernel")])


spec("001-H4", statuses=("proved",))(h4)


def h4_repeated(c):
    """Reading with one hypothesis dropped: for every n and every codes z(1..n+1), not
    necessarily distinct, some decoder reconstructs X (zero signal included).

    Scope: amplitude C.  refuted: evidence n and n + 1 codes with two equal codes for different
    rows of X.
    """
    _equal_codes_refuted(c, zero=True)


spec("001-H4", "repeated codes", statuses=("refuted",))(h4_repeated)
