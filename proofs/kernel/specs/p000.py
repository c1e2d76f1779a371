"""Specifications of the claims of 000 (Traonmilin & Newson, elementary response of deep networks).

Step functions: x_theta(j) = C for j <= theta (1-based), else 0, theta = 0..n.
"""

from fractions import Fraction

from .. import core as K
from ..framework import Step, spec

ONE = Fraction(1)


# -- 000-E1 ----------------------------------------------------------------------------------
def _e1_scope(c):
    s = c.scope
    n_max = None if c.status == "refuted" else s.int("n_max", lo=1)
    return n_max, s.q("amplitude"), s.str("weights")


def _e1_code(weights, n, theta, amp):
    """f_E(x_theta) = sum_j w_j x_theta(j) for the encoder with weights w_j (parsed, in j)."""
    return sum((amp * weights.at({"j": Fraction(j)}) for j in range(1, theta + 1)), Fraction(0))


@spec("000-E1", statuses=("proved", "verified", "refuted"))
def sum_encoder(c):
    """f_E(x_theta) = C theta for every n and theta = 0..n, f_E(x) = sum_j w_j x(j) (000: w_j = 1).

    Scope: n_max, amplitude C != 0, weights (an expression in j).  verified: the kernel
    evaluates the code of every step function for every n <= n_max.  refuted: evidence n,
    theta with f_E(x_theta) != C theta.  proved: the finite part, and w_j = 1 identically
    (checked by the kernel as a rational-function identity), so the sum has theta terms C.
    """
    n_max, amp, weights = _e1_scope(c)
    c.require(amp != 0, "the amplitude C must be non-zero")
    w_expr = K.expression(weights, ("j",))
    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=10 ** 5)
        theta = c.evidence.int("theta", lo=0, hi=n)
        c.require(_e1_code(w_expr, n, theta, amp) != amp * theta, "f_E(x_theta) = C theta at n=%d, theta=%d" % (n, theta))
        return
    w = [w_expr.at({"j": Fraction(j)}) for j in range(1, n_max + 1)]
    for theta in range(n_max + 1):  # the code of x_theta does not depend on n >= theta
        c.require(sum(w[:theta], Fraction(0)) * amp == amp * theta, "f_E(x_theta) != C theta at theta=%d" % theta)
    c.checked((n_max + 1) * (n_max + 2) // 2 - 1)  # step functions of every n <= n_max
    if c.status == "proved":
        one = K.expression("1", ("j",))
        c.require(w_expr.equals(one), "the weights are not identically 1")
        c.argument([Step("weights", "w_j = 1 identically in j", "kernel"),
                    Step("sum", "f_E(x_theta) = sum_{j <= theta} C w_j = C theta", "kernel")])


# -- 000-L3.1 --------------------------------------------------------------------------------
def _l31_scope(c):
    s = c.scope
    n_max = None if c.status == "refuted" else s.int("n_max", lo=1)
    return n_max, s.str("weights"), s.q("threshold"), s.q("encoder_scale"), s.q("encoder_shift")


def _l31_failures(n, weights, t, a, b):
    """The thetas where sigma(f_E(x_theta) w) != x_theta, f_E(x) = a sum_j x(j) + b, sigma(u) = [u >= t].

    weights: the parsed expression w(i, n); unit i of the decoder outputs [code w_i >= t].
    """
    w = [weights.at({"i": Fraction(i), "n": Fraction(n)}) for i in range(1, n + 1)]
    bad = []
    for theta in range(n + 1):
        code = a * theta + b
        if any((code * wi >= t) != (i <= theta) for i, wi in enumerate(w, 1)):
            bad.append(theta)
    return bad


def _sign_on_integers(f, names=("i", "n")):
    """A sufficient test of the sign of f(i, n) on all integers 1 <= i <= n.

    After the substitution n = i + m, i = 1 + s (s, m >= 0), a polynomial whose coefficients
    are all >= 0 is >= 0, and > 0 when its constant term is > 0.  Returns "+" (f > 0), "0+"
    (f >= 0) or None (not established).
    """
    signs = []
    for p in (f.num, f.den):
        sub = K.Poly({}, names)
        i_, m_ = K.Poly.var("i", names), K.Poly.var("n", names)
        for e, coef in p.terms.items():
            term = K.Poly.const(coef, names)
            for _ in range(e[0]):
                term = term * i_
            for _ in range(e[1]):
                term = term * (i_ + m_)
            sub = sub + term
        sub = sub.shift("i", 1)
        const = sub.terms.get((0, 0), Fraction(0))
        if sub.coefficients_nonnegative():
            signs.append(1 if const > 0 else (0 if p is f.num else None))
        elif (-sub).coefficients_nonnegative():
            signs.append(-1 if const < 0 else (0 if p is f.num else None))
        else:
            return None
    num, den = signs
    if den is None or num is None:
        return None
    return "0+" if num == 0 else ("+" if num == den else None)


@spec("000-L3.1", statuses=("proved", "verified", "refuted"))
def lemma_3_1(c):
    """Lemma 3.1: sigma(f_E(x_theta) w) = x_theta for every n and theta = 0..n, f_E(x) = a sum_j x(j) + b,
    sigma(u) = 1 iff u >= t; the lemma has w_i = 1/i, t = 1, a = 1, b = 0.

    Scope: n_max, weights (an expression in i and n), threshold t, encoder_scale a,
    encoder_shift b.  verified: the kernel rebuilds the network for every n <= n_max and
    evaluates it on all n + 1 step functions.  refuted: evidence n, theta, a step function
    reconstructed wrongly.  proved: the finite part, and an argument the kernel checks
    itself: a w_i > 0 and 0 <= i - r_i < 1 for all integers 1 <= i <= n, with
    r_i = (t / w_i - b) / a, so unit i fires iff theta >= r_i iff theta >= i iff x_theta(i) = 1.
    """
    n_max, weights, t, a, b = _l31_scope(c)
    names = ("i", "n")
    w = K.expression(weights, names)
    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=10 ** 5)
        theta = c.evidence.int("theta", lo=0, hi=n)
        c.require(theta in _l31_failures(n, w, t, a, b),
                  "x_theta is reconstructed exactly at n=%d, theta=%d" % (n, theta))
        return
    for n in range(1, n_max + 1):
        bad = _l31_failures(n, w, t, a, b)
        c.require(not bad, "n=%d: x_theta is reconstructed wrongly at theta = %s" % (n, bad[:5]))
    c.checked((n_max + 1) * (n_max + 2) // 2 - 1)  # step functions of every n <= n_max
    if c.status == "proved":
        const = lambda v: K.RatFunc(K.Poly.const(v, names), K.Poly.const(1, names))
        c.require(a != 0, "the encoder scale is zero")
        c.require(_sign_on_integers(const(a) * w) == "+", "a w_i > 0 is not established for 1 <= i <= n")
        gap = K.expression("i", names) - (const(t) / w - const(b)) / const(a)  # i - r_i
        c.require(_sign_on_integers(gap) in ("+", "0+") and _sign_on_integers(const(1) - gap) == "+",
                  "0 <= i - r_i < 1 is not established for 1 <= i <= n, r_i = (t / w_i - b) / a")
        c.argument([Step("code", "f_E(x_theta) = a theta + b", "kernel"),
                    Step("positive", "a w_i > 0 for all integers 1 <= i <= n", "kernel"),
                    Step("ratio", "i - 1 < r_i = (t / w_i - b) / a <= i for all integers 1 <= i <= n", "kernel"),
                    Step("fires", "(a theta + b) w_i >= t iff theta >= r_i iff theta >= i iff x_theta(i) = 1",
                         "kernel")])
