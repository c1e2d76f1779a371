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


spec("000-E1", statuses=("proved", "verified", "refuted"))(sum_encoder)


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
        elif (-sub).coefficients_nonnegative():  # <= 0; < 0 when the constant term is < 0
            signs.append(-1 if const < 0 else None)
        else:
            return None
    num, den = signs
    if den is None or num is None:
        return None
    return "0+" if num == 0 and den == 1 else ("+" if num == den else None)


def lemma_3_1(c):
    """Lemma 3.1: sigma(f_E(x_theta) w) = x_theta for every n and theta = 0..n, f_E(x) = a sum_j x(j) + b,
    sigma(u) = 1 iff u >= t; the lemma has w_i = 1/i, t = 1, a = 1, b = 0.

    Scope: n_max, weights (an expression in i and n), threshold t, encoder_scale a,
    encoder_shift b.  verified: the kernel rebuilds the network for every n <= n_max and
    evaluates it on all n + 1 step functions.  refuted: evidence n, theta, a step function
    reconstructed wrongly.  proved: the finite part, and an argument the kernel checks
    itself: a w_i > 0 and 0 <= i - r_i < 1 for all integers 1 <= i <= n, with
    r_i = (t / w_i - b) / a, so unit i fires iff theta >= r_i iff theta >= i iff x_theta(i) = 1;
    the code a theta + b cites 000-E1 (the kernel does not re-derive the sum for every n).
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
        c.argument([Step("code", "f_E(x_theta) = a theta + b", "theorem: 000-E1 (sum_j x_theta(j) = theta for every n)"),
                    Step("positive", "a w_i > 0 for all integers 1 <= i <= n", "kernel"),
                    Step("ratio", "i - 1 < r_i = (t / w_i - b) / a <= i for all integers 1 <= i <= n", "kernel"),
                    Step("fires", "(a theta + b) w_i >= t iff theta >= r_i iff theta >= i iff x_theta(i) = 1",
                         "kernel")])


spec("000-L3.1", statuses=("proved", "verified", "refuted"))(lemma_3_1)


# == Training and the research questions (000-T1, 000-Q1..Q6, 001-H2, 001-H3) ===============
# A trained network cannot be rebuilt from parameters: it is bound by SHA-256 (c.*.bound) together
# with the recipe that trained it, {"network": NET, "training": {n, seed, epochs, lr, thetas, ...}},
# and the statement is about the bound networks.  The kernel cannot re-train, so _trained requires
# the record's parameters to be the scope's (and the statement's architecture): a changed scope
# then fails, and a changed record changes the SHA-256 the verdict records.  The record's other
# fields (temperature, init, ...) are recorded, not checked.  Everything else (Lemma 3.1's class,
# 001's layer 2, the ramp decoder, the linear systems of Motzkin certificates) the spec rebuilds.
import itertools  # noqa: E402  (the subsets of 000-Q1)

ZERO = Fraction(0)


def _same(got, want):
    """A training record's value is the one stated (numbers compared as exact rationals)."""
    if isinstance(want, (bool, str, list)) or want is None:
        return got == want and type(got) is type(want)
    return isinstance(got, (int, str)) and not isinstance(got, bool) and K.q(got) == want


def _trained(f, key, **recipe):
    """The network of the bound training record f[key] = {network, training}, whose training
    parameters named in recipe equal the values given."""
    value, where = f.bound(key), "%s.%s" % (f.where, key)
    if not (isinstance(value, dict) and set(value) == {"network", "training"} and isinstance(value["training"], dict)):
        raise K.Invalid("%s: not a training record {network, training}" % where)
    for name, want in recipe.items():
        got = value["training"].get(name)
        if not _same(got, want):
            raise K.Invalid("%s: trained with %s = %s, the certificate states %s" % (where, name, str(got)[:40], want))
    return K.network(value["network"], where + ".network")


def _failures(net, n, thetas=None):
    """The thetas (0..n, or the given ones) where the network does not reconstruct x_theta (C = 1)."""
    return [t for t in (range(n + 1) if thetas is None else thetas) if K.run(net, K.step_signal(n, t)) != K.step_signal(n, t)]


def _autoencoder(net, n, encoder, decoder):
    """Require the form: encoder z = u.x + b (identity layer of one unit; "sum": u = 1, b = 0;
    "affine": u_j all equal, z = alpha theta + beta), then decoder "threshold" sigma(z w) /
    "threshold+bias" sigma(z w + c) with sigma(u) = [u >= 1], or "relu2" ReLU(W3 ReLU(W2 z + b2))."""
    L = net.layers
    want = 2 if decoder.startswith("threshold") else 3
    if len(L) != want or net.d_in != n or net.d_out != n or len(L[0][0]) != 1 or L[0][2] != "identity":
        raise K.Invalid("not an autoencoder of dimension %d with a one-unit %s encoder and a %s decoder" % (n, encoder, decoder))
    (u,), (b,) = L[0][0], L[0][1]
    if (encoder == "sum" and (set(u) != {ONE} or b != 0)) or (encoder == "affine" and len(set(u)) != 1):
        raise K.Invalid("the encoder is not the %s encoder" % encoder)
    if decoder.startswith("threshold"):
        ok = L[1][2] == "hard_threshold" and L[1][3] == ONE and (decoder == "threshold+bias" or not any(L[1][1]))
    else:
        ok = L[1][2] == "relu" and L[2][2] == "relu" and not any(L[2][1])
    if not ok:
        raise K.Invalid("the decoder is not of the %s form" % decoder)


def _runs(c, expected, encoder, decoder, **recipe):
    """The bound networks of the enumerated runs (n, seed): evidence runs [{n, seed, network}] and
    not_certified [{n, seed}] list every run exactly once; each network, trained with this n and seed
    and the recipe (scope epochs), has the form and is admissible (f(x_theta) = x_theta, theta = 0..n).
    Returns [(n, seed, net, fields)], not_certified."""
    recipe = dict(recipe, epochs=c.scope.int("epochs", lo=0), encoder=encoder,
                  decoder="relu2" if decoder == "relu2" else "threshold")
    runs, bad = c.evidence.items("runs"), c.evidence.items("not_certified")
    ids = [(r.int("n", lo=1), r.int("seed")) for r in runs]
    bad = [(r.int("n", lo=1), r.int("seed")) for r in bad]
    c.require(sorted(ids + bad) == sorted(expected), "the runs listed are not the %d runs of the scope" % len(expected))
    out = []
    for (n, seed), r in zip(ids, runs):
        net = _trained(r, "network", n=n, seed=seed, **recipe)
        _autoencoder(net, n, encoder, decoder)
        fails = _failures(net, n)
        c.require(not fails, "run n=%d seed=%d: x_theta is reconstructed wrongly at theta = %s" % (n, seed, fails[:5]))
        out.append((n, seed, net, r))
    return out, bad


def _certified_runs(c, expected, encoder, decoder, **recipe):
    """verified: every run certified; inconclusive: some run was not (listed), the others re-checked."""
    out, bad = _runs(c, expected, encoder, decoder, **recipe)
    c.require(bool(bad) == (c.status == "inconclusive"), "inconclusive iff some run was not certified")
    if c.status == "verified":
        c.checked(len(expected))
    return out


def _seeds(c):
    return [(c.scope.int("n", lo=1), s) for s in range(c.scope.int("seeds", lo=1))]


def t1_threshold_certified(c):
    """Every training run (n in n_values, seed < seeds, epochs) of Lemma 3.1's class ended, after exact
    certification, in an admissible autoencoder: its network (bound by SHA-256 with its training
    record) is the sum encoder then sigma(z w), sigma(u) = [u >= 1], and reconstructs all n + 1 step
    functions exactly.

    Scope: n_values, seeds, epochs.  Evidence: runs [{n, seed, network}], not_certified [{n, seed}]
    (inconclusive iff non-empty).  The kernel evaluates every bound network on every x_theta.
    """
    ns = [K.nat(v, "n_values", lo=1, hi=1000) for v in c.scope.list("n_values", lo=1, hi=100)]
    c.require(len(set(ns)) == len(ns), "n_values repeats a value")
    _certified_runs(c, [(n, s) for n in ns for s in range(c.scope.int("seeds", lo=1))], "sum", "threshold")


spec("000-T1", "threshold/certified", statuses=("verified", "inconclusive"))(t1_threshold_certified)


def t1_finds_z0(c):
    """Training finds z0: the certified learned weights of Lemma 3.1's class are z0 = (1/i)_i.

    refuted (scope epochs): evidence n, seed and the certified network of that run (bound by SHA-256
    with its training record: n, seed, epochs), which is the sum encoder then sigma(z w), admissible on
    all step functions, and a code z at which sigma(z w) differs from sigma(z z0).  inconclusive
    (scope n_values, seeds, epochs): every run's bound
    certified network is re-checked admissible with w = z0 exactly (runs / not_certified as 000-T1).
    """
    if c.status == "inconclusive":
        ns = [K.nat(v, "n_values", lo=1, hi=1000) for v in c.scope.list("n_values", lo=1, hi=100)]
        for n, seed, net, _ in _runs(c, [(n, s) for n in ns for s in range(c.scope.int("seeds", lo=1))],
                                     "sum", "threshold")[0]:
            c.require([r[0] for r in net.layers[1][0]] == [Fraction(1, i) for i in range(1, n + 1)],
                      "run n=%d seed=%d: the certified weights differ from z0 (a refutation)" % (n, seed))
        return
    n, seed = c.evidence.int("n", lo=1, hi=10 ** 4), c.evidence.int("seed")
    net = _trained(c.evidence, "network", n=n, seed=seed, epochs=c.scope.int("epochs", lo=0), decoder="threshold",
                   encoder="sum")
    _autoencoder(net, n, "sum", "threshold")
    c.require(not _failures(net, n), "the network of run n=%d seed=%d is not admissible" % (n, seed))
    z = c.evidence.q("code")
    w = [r[0] for r in net.layers[1][0]]
    c.require([z * wi >= 1 for wi in w] != [z >= i for i in range(1, n + 1)],
              "sigma(z w) = sigma(z z0) at the code z = %s" % z)


spec("000-T1", "threshold/finds-z0", statuses=("refuted", "inconclusive"))(t1_finds_z0)


def _A2(net, n):
    """A2_t = ReLU(W2 z_t + b2) for t = 0..n, z_t the code of x_t (layers 1-2 of a relu2 autoencoder)."""
    (u,), (b,) = net.layers[0][0], net.layers[0][1]
    W2, b2 = net.layers[1][0], net.layers[1][1]
    return [[max(r[0] * (K.dot(u, K.step_signal(n, t)) + b) + bb, ZERO) for r, bb in zip(W2, b2)] for t in range(n + 1)]


def _rows(A2, thetas, j):
    """(E, L): the rows A2_t, t in thetas (ascending), with x_t(j) = 1 (t >= j) and with x_t(j) = 0.
    Row j of W3 (no bias) makes the decoder exact on the thetas iff E w = 1 and L w <= 0."""
    return [A2[t] for t in thetas if t >= j], [A2[t] for t in thetas if t < j]


def _weak(E, L, rhs=ONE):
    """Weak rows (a, b) of {E w = rhs, L w <= 0}: E, then -E, then L (the layout of the multipliers)."""
    return [(r, rhs) for r in E] + [([-v for v in r], -rhs) for r in E] + [(r, ZERO) for r in L]


def _motzkin(f, weak, strict, d):
    """Check a Motzkin certificate {y, y_strict} against a system the spec derived."""
    K.motzkin_empty(weak, strict, f.vec("y", len(weak)), f.vec("y_strict", len(strict)), d)


def _no_w3(c, f, net, n, thetas):
    """f.infeasible [{output, y, y_strict}]: for each listed output j no row of W3 makes layers 1-2
    of the (rounded, bound) network exact on the thetas (Motzkin; the system rebuilt by _rows).
    Returns how many outputs are listed (none: undecided, only for inconclusive)."""
    A2 = _A2(net, n)
    items = f.items("infeasible", lo=0 if c.status == "inconclusive" else 1)
    for g in items:
        _motzkin(g, _weak(*_rows(A2, thetas, g.int("output", lo=1, hi=n))), [], len(A2[0]))
    return len(items)


def t1_relu2_certified(c):
    """Every training run (seed < seeds) of 001's two-layer ReLU decoder with an affine encoder at
    dimension n ended, after exact certification, in an admissible autoencoder (network bound by
    SHA-256 with its training record), and for the same codes an admissible two-layer ReLU decoder
    was constructed (001's handcrafted decoder, given with the trained encoder).

    Scope: n, seeds, epochs.  Evidence: runs [{n, seed, network, handcrafted}], not_certified [{n, seed}]
    (runs not certified or with no admissible handcrafted decoder; inconclusive iff non-empty).  The kernel evaluates both networks of each run on every x_theta
    and checks that the handcrafted network has the trained network's encoder.
    """
    for n, seed, net, r in _certified_runs(c, _seeds(c), "affine", "relu2", init="spread"):
        hand = r.network("handcrafted")
        _autoencoder(hand, n, "affine", "relu2")
        c.require(hand.layers[0] == net.layers[0] and not _failures(hand, n),
                  "seed %d: the handcrafted decoder is not admissible for the trained codes" % seed)


spec("000-T1", "relu2/certified", statuses=("verified", "inconclusive"))(t1_relu2_certified)


def _q1_wrong_possible(S, theta, i):
    """Whether some real w has [t w >= 1] = [t >= i] for all t in S and [theta w >= 1] != [theta >= i]:
    t w >= 1 is w >= 1/t (false for t = 0), t w < 1 is w < 1/t (true for t = 0)."""
    cons = [(t, t >= i) for t in S] + [(theta, theta < i)]
    if any(t == 0 and up for t, up in cons):
        return False
    lo = max((Fraction(1, t) for t, up in cons if up), default=None)
    hi = min((Fraction(1, t) for t, up in cons if not up and t > 0), default=None)
    return lo is None or hi is None or lo < hi


def _gap(S, theta, n):
    return max([s for s in S if s < theta], default=0), min([s for s in S if s > theta], default=n)


def _subset(f, key, n):
    S = [K.nat(v, key, hi=n) for v in f.list(key, hi=n + 1)]
    if S != sorted(set(S)):
        raise K.Invalid("%s must be strictly increasing" % key)
    return S


def q1_threshold(c):
    """For Lemma 3.1's class (sum encoder, sigma(z w), sigma(u) = [u >= 1], any real w), every
    n <= n_max, S subset of {0..n}, missing theta' not in S and coordinate i: some w admissible on S
    gets coordinate i of x_theta' wrong iff theta' >= 1 and p < i <= q (p = max S below theta', else 0;
    q = min S above theta', else n).  The w_i being independent, the worst case is q - p coordinates.

    verified: the kernel decides every case exactly (an interval of w_i).  refuted: evidence n, S,
    theta, i where the decision differs from the formula.
    """
    def agrees(n, S, theta, i):
        p, q = _gap(S, theta, n)
        return _q1_wrong_possible(S, theta, i) == (theta >= 1 and p < i <= q)

    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=1000)
        S, theta, i = _subset(c.evidence, "S", n), c.evidence.int("theta", hi=n), c.evidence.int("i", lo=1, hi=n)
        c.require(theta not in S and not agrees(n, S, theta, i), "the formula holds at this case")
        return
    count = 0
    for n in range(1, c.scope.int("n_max", lo=1, hi=12) + 1):
        for bits in itertools.product((0, 1), repeat=n + 1):
            S = [t for t in range(n + 1) if bits[t]]
            for theta in (t for t in range(n + 1) if not bits[t]):
                for i in range(1, n + 1):
                    count += 1
                    c.require(agrees(n, S, theta, i), "n=%d S=%s theta=%d i=%d: formula wrong" % (n, S, theta, i))
    c.checked(count)


spec("000-Q1", "threshold", statuses=("verified", "refuted"))(q1_threshold)


def _full_rank_layer2(others, z0):
    """001's full-rank layer 2 (exact.slides001.full_rank_layer2) around the code z0: codes above
    z0, ascending r_1 < .. < r_R, get ReLU(z - t), t in {z0, r_1, .., r_(R-1)}; codes below,
    descending l_1 > .. > l_L, get ReLU(t - z), t in {z0, l_1, .., l_(L-1)} (these first, by t)."""
    left, right = sorted((v for v in others if v < z0), reverse=True), sorted(v for v in others if v > z0)
    lt = sorted([z0] + left[:-1]) if left else []
    rt = [z0] + right[:-1] if right else []
    return [-ONE] * len(lt) + [ONE] * len(rt), lt + [-t for t in rt]


def _q1_layer2(kind, n):
    """z = theta; 'staircase': around the zero signal's code 0; 'extrapolating': the codes 1..n around 5/2."""
    if kind == "staircase":
        return _full_rank_layer2([Fraction(t) for t in range(1, n + 1)], ZERO)
    return _full_rank_layer2([Fraction(t) for t in range(1, n + 1)], Fraction(5, 2))


def _relu_net(n, W2, b2, W3):
    """The sum encoder (z = theta), then ReLU(W3 ReLU(W2 z + b2)) (no bias in layer 3)."""
    return K.Net([([[ONE] * n], [ZERO], "identity", ZERO), ([[w] for w in W2], list(b2), "relu", ZERO),
                  (W3, [ZERO] * n, "relu", ZERO)])


def _missing_output(o, E, L, a, target, d, undecided_ok=False):
    """One output j at a missing datum, its layer 2 fixed: E, L the present rows A2_t with x_t(j) = 1, 0;
    a the missing row, target x_m(j).  unbounded: a point w admissible (E w = 1, L w <= 0) and a ray D
    (E D = 0, L D <= 0, a D > 0): ReLU(a (w + s D)) -> infinity; wrong: w admissible with
    ReLU(a w) != target, and Motzkin: no ray {E D = 0, a D = 1, L D <= 0}; right: w admissible, and
    Motzkin: no admissible w with ReLU(a w) != target; inadmissible: Motzkin: no admissible w."""
    kind = o.str("kind", ("unbounded", "wrong", "right", "inadmissible") + (("undecided",) if undecided_ok else ()))
    base = _weak(E, L)
    if kind == "inadmissible":
        _motzkin(o.obj("no_point"), base, [], d)
    if kind in ("undecided", "inadmissible"):
        return kind
    w = o.vec("point", d)
    if not (all(K.dot(r, w) == 1 for r in E) and all(K.dot(r, w) <= 0 for r in L)):
        raise K.Invalid("the point is not admissible on the present data")
    neg = lambda r: [-v for v in r]  # noqa: E731
    if kind == "unbounded":
        D = o.vec("ray", d)
        if not (all(K.dot(r, D) == 0 for r in E) and all(K.dot(r, D) <= 0 for r in L) and K.dot(a, D) > 0):
            raise K.Invalid("the ray does not keep the present data or does not grow at the missing code")
    elif kind == "wrong":
        if max(K.dot(a, w), ZERO) == target:
            raise K.Invalid("the point decodes the missing datum correctly")
        ray = [(r, ZERO) for r in E] + [(a, ONE)] + [(neg(r), ZERO) for r in E] + [(neg(a), -ONE)] + [(r, ZERO) for r in L]
        _motzkin(o.obj("no_ray"), ray, [], d)
    else:
        devs = [[(neg(a), ZERO)]] if target == 0 else [[(a, ONE)], [(neg(a), -ONE)]]
        for f, strict in zip(o.items("no_deviation", n=len(devs)), devs):
            _motzkin(f, base, strict, d)
    return kind


def _q1_relu_cases(n_max, subsets_n):
    for kind in ("staircase", "extrapolating"):
        for n in range(1, n_max + 1):
            if n <= subsets_n:
                Ss = [[t for t in range(n + 1) if b[t]] for b in itertools.product((0, 1), repeat=n + 1) if not all(b)]
            else:
                Ss = [[t for t in range(n + 1) if t != m] for m in range(n + 1)]
            for S in Ss:
                for theta in (t for t in range(n + 1) if t not in S):
                    yield kind, n, S, theta


def q1_relu2(c):
    """001's decoder ReLU(W3 ReLU(W2 z + b2)) with z = theta, n2 = n and layer 2 fixed: with the staircase
    layer 2 (ReLU(z - t), t = 0..n-1) every coordinate of every missing theta' >= 1 can be made arbitrarily
    wrong by a W3 admissible on the present S, and a missing zero signal is decoded right by every such W3;
    with the extrapolating layer 2 each output's answer (unbounded, wrong, right, inadmissible) is as listed.

    Scope: relu_n_max, relu_subsets_n: every S for n <= relu_subsets_n, every S = {0..n} minus one theta
    for n <= relu_n_max.  Evidence: cases [{outputs: [answer per output]}] in the kernel's order (each
    answer checked by _missing_output).  refuted: a staircase case whose answer contradicts the above.
    inconclusive: some answer is undecided (not checked).
    """
    def answer(o, layer, n, S, theta, j):
        A2 = [[max(w * t + b, ZERO) for w, b in zip(*_q1_layer2(layer, n))] for t in range(n + 1)]
        return _missing_output(o, *_rows(A2, S, j), A2[theta], ONE if j <= theta else ZERO, n, c.status == "inconclusive")

    predicted = lambda theta: "unbounded" if theta >= 1 else "right"  # noqa: E731
    if c.status == "refuted":
        n = c.evidence.int("n", lo=1, hi=50)
        S, theta, j = _subset(c.evidence, "S", n), c.evidence.int("theta", hi=n), c.evidence.int("output", lo=1, hi=n)
        c.require(theta not in S, "theta is not missing")
        c.require(answer(c.evidence.obj("answer"), "staircase", n, S, theta, j) != predicted(theta),
                  "the answer agrees with the staircase statement")
        return
    cases = list(_q1_relu_cases(c.scope.int("relu_n_max", lo=1, hi=8), c.scope.int("relu_subsets_n", hi=4)))
    items, undecided = c.evidence.items("cases", n=len(cases)), 0
    for (layer, n, S, theta), f in zip(cases, items):
        for j, o in enumerate(f.items("outputs", n=n), start=1):
            kind = answer(o, layer, n, S, theta, j)
            undecided += kind == "undecided"
            c.require(layer != "staircase" or kind in ("undecided", predicted(theta)),
                      "staircase n=%d S=%s theta=%d output %d: %s" % (n, S, theta, j, kind))
    c.require((undecided > 0) == (c.status == "inconclusive"), "inconclusive iff some answer is undecided")
    if c.status == "verified":
        c.checked(len(cases))


spec("000-Q1", "relu2", statuses=("verified", "refuted", "inconclusive"))(q1_relu2)


def q2_incomplete_database(c):
    """Networks admissible on every step function but one exist: for every n <= n_max and theta' = 1..n,
    Lemma 3.1's class with w = z0 except w_theta' = 1/(theta' + 1) reconstructs x_theta exactly iff
    theta != theta'; for every n <= relu_n_max and theta' = 0..n, so does 001's class with z = theta,
    layer 2 the staircase (theta' >= 1) or extrapolating (theta' = 0) one, and the W3 given.
    (theta' = 0 cannot be missed by Lemma 3.1's class: 0 w_i < 1 for every w.)

    Evidence: relu_W3, one n x n matrix per (n, theta') in order.  The kernel builds every network.
    """
    n_max, rn = c.scope.int("n_max", lo=1, hi=200), c.scope.int("relu_n_max", hi=20)
    cases = [(n, th) for n in range(1, rn + 1) for th in range(n + 1)]
    W3s = c.evidence.list("relu_W3", n=len(cases))
    for (n, th), W3 in zip(cases, W3s):
        W2, b2 = _q1_layer2("staircase" if th else "extrapolating", n)
        net = _relu_net(n, W2, b2, K.mat(W3, "relu_W3", n, len(W2)))
        c.require(_failures(net, n) == [th], "ReLU class n=%d: the failures are not [%d]" % (n, th))
    for n in range(1, n_max + 1):
        for th in range(1, n + 1):
            w = [Fraction(1, th + 1) if i == th else Fraction(1, i) for i in range(1, n + 1)]
            net = K.Net([([[ONE] * n], [ZERO], "identity", ZERO), ([[v] for v in w], [ZERO] * n, "hard_threshold", ONE)])
            c.require(_failures(net, n) == [th], "threshold class n=%d: the failures are not [%d]" % (n, th))
    c.checked(len(cases) + n_max * (n_max + 1) // 2)


spec("000-Q2", statuses=("verified",))(q2_incomplete_database)


def _q1_worst(S, n):
    """000-Q1's worst case for S: sum_i max(#missing t in [i, b_i), #missing t in (a_i, i)), t >= 1,
    a_i (b_i) the largest (smallest) t in S below (at or above) i."""
    missing, total = [t for t in range(1, n + 1) if t not in S], 0
    for i in range(1, n + 1):
        a = max([s for s in S if s < i], default=None)
        b = min([s for s in S if s >= i], default=None)
        total += max(sum(1 for t in missing if t >= i and (b is None or t < b)),
                     sum(1 for t in missing if t < i and (a is None or t > a)))
    return total


def _q3_runs(c):
    """Scope n, fractions, subsets, seed (numpy's draw of each run's missing set: evidence), epochs.
    Evidence runs: one per (fraction f, subset k) in order, each with missing: m(f) distinct
    thetas of 0..n, m(f) = max(1, min(n - 1, round(f (n + 1)))), trained on S = {0..n} minus missing
    with seed k.  Returns n, [(fields, missing, S, the training record's parameters)]."""
    n = c.scope.int("n", lo=2, hi=1000)
    fr = [K.q(v, "fractions") for v in c.scope.list("fractions", lo=1, hi=100)]
    k = c.scope.int("subsets", lo=1, hi=10 ** 4)
    c.scope.int("seed")
    epochs = c.scope.int("epochs", lo=0)
    out = []
    for idx, f in enumerate(c.evidence.items("runs", n=len(fr) * k)):
        missing = _subset(f, "missing", n)
        c.require(len(missing) == max(1, min(n - 1, round(fr[idx // k] * (n + 1)))), "run %d: wrong size" % idx)
        S = [t for t in range(n + 1) if t not in missing]
        out.append((f, missing, S, dict(n=n, seed=idx % k, thetas=S, epochs=epochs, encoder="sum")))
    return n, out


def q3_threshold(c):
    """Each training run of this scope (missing sets drawn at random: evidence) of Lemma 3.1's class,
    trained on S = {0..n} minus its missing set and certified (network bound by SHA-256 with its
    training record: n, S, seed, epochs), is admissible
    on S and gets at most 000-Q1's worst case for S of coordinates wrong on the missing step functions.

    inconclusive: some runs were not certified (certified: false, no network); the others checked.
    refuted (scope n): evidence missing and a network of the class admissible on S with more wrong
    coordinates than the worst case: a counterexample to 000-Q1's bound.
    """
    def wrong(net, n, missing):
        S = [t for t in range(n + 1) if t not in missing]
        _autoencoder(net, n, "sum", "threshold")
        c.require(not _failures(net, n, S), "the network is not admissible on its training set")
        got = sum(a != b for t in missing for a, b in zip(K.run(net, K.step_signal(n, t)), K.step_signal(n, t)))
        return got, _q1_worst(S, n)

    if c.status == "refuted":
        n = c.scope.int("n", lo=1, hi=1000)
        got, bound = wrong(c.evidence.network("network"), n, _subset(c.evidence, "missing", n))
        c.require(got > bound, "%d wrong coordinates, within the worst case %d" % (got, bound))
        return
    n, runs = _q3_runs(c)
    uncertified = 0
    for idx, (f, missing, S, recipe) in enumerate(runs):
        if not f.bool("certified"):
            uncertified += 1
            continue
        got, bound = wrong(_trained(f, "network", decoder="threshold", **recipe), n, missing)
        c.require(got <= bound, "run %d: %d wrong coordinates, more than the worst case %d" % (idx, got, bound))
    c.require((uncertified > 0) == (c.status == "inconclusive"), "inconclusive iff some run was not certified")
    if c.status == "verified":
        c.checked(len(runs))


spec("000-Q3", "threshold", statuses=("verified", "refuted", "inconclusive"))(q3_threshold)


def q3_relu2(c):
    """Each training run of this scope (missing sets drawn at random: evidence) of 001's ReLU decoder
    with z = theta, trained on S = {0..n} minus its missing set, ends in one of two exact outcomes
    (network bound by SHA-256 with its training record: n, S, seed, epochs):
    certified (admissible on S) with, for every missing theta and output,
    the answer (unbounded / wrong / right / inadmissible) for W3 admissible on S given its learned
    layer 2; or not certified, with Motzkin multipliers proving that no W3 makes the learned layers
    1-2 (rounded network bound) exact on S for a listed output.

    Evidence per run: missing, certified, network, and cases [{outputs}] (certified) or infeasible
    [{output, y, y_strict}].  inconclusive: some answer undecided or some run with no multipliers.
    """
    n, runs = _q3_runs(c)
    undecided = 0
    for idx, (f, missing, S, recipe) in enumerate(runs):
        net = _trained(f, "network", decoder="relu2", init="spread", **recipe)
        _autoencoder(net, n, "sum", "relu2")
        if not f.bool("certified"):
            undecided += _no_w3(c, f, net, n, S) == 0
            continue
        c.require(not _failures(net, n, S), "run %d: the network is not admissible on S" % idx)
        A2 = _A2(net, n)
        for theta, g in zip(missing, f.items("cases", n=len(missing))):
            for j, o in enumerate(g.items("outputs", n=n), start=1):
                kind = _missing_output(o, *_rows(A2, S, j), A2[theta], ONE if j <= theta else ZERO, len(A2[0]),
                                       c.status == "inconclusive")
                undecided += kind == "undecided"
    c.require((undecided > 0) == (c.status == "inconclusive"), "inconclusive iff something is undecided")
    if c.status == "verified":
        c.checked(len(runs))


spec("000-Q3", "relu2", statuses=("verified", "inconclusive"))(q3_relu2)


def _ramp_layers(n):
    """001's ramp decoder for z = theta: ReLU(z - j + 1) (j = 1..n), then ReLU(W3 .) with W3^T = A2^{-1} U3,
    A2_tj = ReLU(t - j + 1), U3_tj = 1 if t >= j else t - j + 1 (t, j = 1..n; A2 unit lower triangular)."""
    A2 = [[max(Fraction(t - j + 1), ZERO) for j in range(1, n + 1)] for t in range(1, n + 1)]
    U3 = [[ONE if t >= j else Fraction(t - j + 1) for j in range(1, n + 1)] for t in range(1, n + 1)]
    W3 = K.transpose(K.matmul(K.inverse(A2), U3))
    return [([[ONE]] * n, [Fraction(1 - j) for j in range(1, n + 1)], "relu", ZERO), (W3, [ZERO] * n, "relu", ZERO)]


#: The bias c_i of 000-Q4's decoder sigma(z / alpha + c_i) for the code z = alpha theta + beta.
_Q4_BIAS = "1 - i - b / a"


def q4_linear_encoders(c):
    """Encoders with codes exactly affine in theta and an exactly admissible decoder exist: for every
    n <= n_max and listed (alpha, beta) with alpha i + beta != 0, the encoder z = alpha sum_j x(j) + beta
    with sigma(z w + c), sigma(u) = [u >= 1] (w_i = 1/(alpha i + beta), c = 0 if alpha > 0 and beta >= 0,
    else w_i = 1/alpha, c_i = 1 - i - beta/alpha), and the sum encoder with 001's ramp decoder,
    reconstruct all n + 1 step functions.  Proved: so does sigma(z / alpha + 1 - i - beta / alpha) for
    every n, alpha != 0 and beta.

    Scope: n_max, pairs ([alpha, beta], alpha != 0).  verified: the kernel builds and evaluates every
    network.  proved: the finite part, and for every n, every alpha != 0 and every beta the decoder
    sigma(z / alpha + 1 - i - beta / alpha) inverts z_theta = alpha theta + beta: its pre-activation is
    theta + 1 - i (a rational-function identity in alpha, beta, theta, i the kernel checks), which is
    >= 1 iff theta >= i iff x_theta(i) = 1; the codes are 000-E1's sum, scaled and shifted.
    """
    pairs = [K.vec(p, "pairs", 2) for p in c.scope.list("pairs", lo=1, hi=20)]
    c.require(all(a != 0 for a, _ in pairs), "alpha must be non-zero")
    count = 0
    for n in range(1, c.scope.int("n_max", lo=1, hi=100) + 1):
        nets = [K.Net([([[ONE] * n], [ZERO], "identity", ZERO)] + _ramp_layers(n))]
        for a, b in pairs:
            if any(a * i + b == 0 for i in range(1, n + 1)):
                continue
            bias = K.expression(_Q4_BIAS, ("a", "b", "i"))
            w, cc = ([1 / (a * i + b) for i in range(1, n + 1)], [ZERO] * n) if a > 0 and b >= 0 else \
                ([1 / a] * n, [bias.at({"a": a, "b": b, "i": Fraction(i)}) for i in range(1, n + 1)])
            nets.append(K.Net([([[a] * n], [b], "identity", ZERO), ([[v] for v in w], cc, "hard_threshold", ONE)]))
        for net in nets:
            c.require(not _failures(net, n), "n=%d: a construction is not admissible" % n)
        count += len(nets)
    c.checked(count)
    if c.status == "proved":
        names = ("a", "b", "t", "i")
        pre = K.expression("(a * t + b) * (1 / a) + (%s)" % _Q4_BIAS, names)   # z w + c_i at z = a t + b
        c.require(pre.equals(K.expression("t + 1 - i", names)), "the pre-activation is not theta + 1 - i")
        c.require((pre - K.expression("1", names)).equals(K.expression("t - i", names)),
                  "the pre-activation minus the threshold 1 is not theta - i")
        c.argument([Step("code", "z_theta = alpha theta + beta for z = alpha sum_j x(j) + beta",
                         "theorem: 000-E1 (sum_j x_theta(j) = theta for every n)"),
                    Step("pre", "z_theta / alpha + 1 - i - beta / alpha = theta + 1 - i for every alpha != 0, beta, "
                                "so unit i fires (>= 1) iff theta - i >= 0 iff x_theta(i) = 1", "kernel")])


spec("000-Q4", statuses=("proved", "verified"))(q4_linear_encoders)


def _pre(net, k, z):
    """The pre-activations of layer k of a one-input network at z."""
    x = [z]
    for w, b, act, t in net.layers[:k]:
        x = K.activate(act, t, [K.dot(r, x) + bi for r, bi in zip(w, b)])
    return [K.dot(r, x) + bi for r, bi in zip(net.layers[k][0], net.layers[k][1])]


def _pieces(net, lo, hi):
    """Points lo = p_0 < .. < p_m = hi with the ReLU network of one input affine on every [p_k, p_k+1].
    Layer by layer: on a piece where the layers before are affine, each pre-activation is affine, so
    its values at the ends locate its only sign change; adding those points keeps every ReLU affine."""
    pts = [lo, hi]
    for k, (_, _, act, _) in enumerate(net.layers):
        if act == "hard_threshold":
            raise K.Invalid("a threshold network is not continuous")
        new = [pts[0]]
        for a, b in zip(pts, pts[1:]):
            ua, ub = _pre(net, k, a), _pre(net, k, b)
            new += sorted({a + (b - a) * u / (u - v) for u, v in zip(ua, ub) if u * v < 0}) + [b]
        pts = new
    return pts


def _ramp_w3(n):
    """The closed form of the ramp decoder's W3 (row j = output j, column k = a_k(z) = ReLU(z - k + 1)):
    row j = (2 - j) e_1 + (j - 1) e_2 - e_(j+1) for j < n, row n = (2 - n) e_1 + (n - 1) e_2."""
    return [[Fraction((2 - j) * (k == 1) + (j - 1) * (k == 2) - (k == j + 1 and j < n)) for k in range(1, n + 1)]
            for j in range(1, n + 1)]


_Q5_NAMES = ("q", "u", "v", "p", "s", "r")   # integers q, u, v, p >= 0; a real s in [0, 1] and r = 1 - s


def _q5_poly(text):
    f = K.expression(text, _Q5_NAMES)
    const = (0,) * len(_Q5_NAMES)
    if set(f.den.terms) != {const}:
        raise K.Invalid("%s is not a polynomial" % text)
    return K.Poly({e: v / f.den.terms[const] for e, v in f.num.terms.items()}, _Q5_NAMES)


def _q5_relu(text):
    """ReLU of a polynomial in q, u, v, p, s >= 0 (s <= 1): the polynomial itself when its coefficients
    are all >= 0, the zero polynomial when they are all <= 0 once s is written 1 - r (r >= 0), else Invalid."""
    p = _q5_poly(text)
    if p.coefficients_nonnegative():
        return p
    if (-p).coefficients_nonnegative() or (-_q5_poly(text.replace("s", "(1 - r)"))).coefficients_nonnegative():
        return K.Poly({}, _Q5_NAMES)
    raise K.Invalid("the sign of %s is not established" % text)


def _q5_case(parts, relu_target):
    """sum of coef * ReLU(arg) over parts (strings), then ReLU of that, equals relu_target."""
    pre = K.Poly({}, _Q5_NAMES)
    for coef, arg in parts:
        pre = pre + _q5_poly(coef) * _q5_relu(arg)
    text = "0"
    for e, v in pre.terms.items():   # back to text for _q5_relu: a sum of monomials
        text += " + (%d) / (%d)" % (v.numerator, v.denominator) + "".join(
            " * %s ** %d" % (x, k) for x, k in zip(_Q5_NAMES, e) if k)
    return (_q5_relu(text) - _q5_poly(relu_target)).is_zero()


def _q5_argument(c):
    """The ramp decoder's outputs for every n, from its closed form (_ramp_w3): output j has the
    pre-activation (2 - j) a_1 + (j - 1) a_2 - a_(j+1) (no last term for j = n), a_k = ReLU(z - k + 1).

    closed form: at the integer codes t = 1..n it gives U3 (1 for t >= j, t - j + 1 below), the
    cases t = j + m, j = t + 1 + m and j = n.  outputs: for z = m + s in [m, m + 1] (0 <= m < n,
    0 <= s <= 1) output j is 1 for j <= m, s for j = m + 1 and 0 for j >= m + 2, so
    theta_hat(z) = m + s = z.
    """
    W = lambda j, z: [("2 - %s" % j, z), ("%s - 1" % j, "%s - 1" % z), ("-1", "%s - %s" % (z, j))]
    Wn = lambda n, z: [("2 - %s" % n, z), ("%s - 1" % n, "%s - 1" % z)]
    closed = [  # (parts at the integer code t, target U3[t, j]); relu(U3) = U3 where U3 >= 0 only
        (W("(1 + q)", "(1 + q + v)"), "1"),                        # t = j + v >= j, j < n
    ]
    for parts, target in closed:
        c.require(_q5_case(parts, target), "the closed form does not give U3 for t >= j")
    pre_b = K.Poly({}, _Q5_NAMES)                                  # t = 1 + q < j = 2 + q + v, j < n: t - j + 1
    for coef, arg in W("(2 + q + v)", "(1 + q)"):
        pre_b = pre_b + _q5_poly(coef) * _q5_relu(arg)
    c.require((pre_b - _q5_poly("-v")).is_zero(), "the closed form does not give U3 for t < j")
    pre_c = K.Poly({}, _Q5_NAMES)                                  # j = n = 1 + q + v >= t = 1 + q: t - n + 1
    for coef, arg in Wn("(1 + q + v)", "(1 + q)"):
        pre_c = pre_c + _q5_poly(coef) * _q5_relu(arg)
    c.require((pre_c - _q5_poly("1 - v")).is_zero(), "the closed form does not give U3 in column n")
    outputs = [  # z = m + s; m = 1 + q >= 1 or m = 0
        (W("(1 + u)", "(1 + u + v + s)"), "1"),                    # j = 1 + u <= m = j + v
        (W("(2 + q)", "(1 + q + s)"), "s"),                        # j = m + 1 < n
        (W("1", "s"), "s"),                                        # m = 0, j = 1 < n
        (Wn("(2 + q)", "(1 + q + s)"), "s"),                       # j = m + 1 = n
        (Wn("1", "s"), "s"),                                       # m = 0, n = 1
        (W("(3 + q + p)", "(1 + q + s)"), "0"),                    # j = m + 2 + p < n
        (W("(2 + p)", "s"), "0"),                                  # m = 0, j = 2 + p < n
        (Wn("(3 + q + p)", "(1 + q + s)"), "0"),                   # j = n = m + 2 + p
        (Wn("(2 + p)", "s"), "0"),                                 # m = 0, n = 2 + p
    ]
    for k, (parts, target) in enumerate(outputs):
        c.require(_q5_case(parts, target), "the ramp decoder's output case %d fails" % k)


def q5_linear_decoders(c):
    """Decoders moving theta by delta when the code moves by delta exist: for every n <= n_max (every n
    when proved), 001's ramp decoder has theta_hat(z) = sum_j f_D(z)_j = z for every real z in [0, n].

    The kernel builds the decoder, splits [0, n] into pieces on which it is affine (_pieces) and checks
    theta_hat(z) = z at every piece's ends, hence on all of [0, n].  proved: the finite part, the
    decoder's W3 (A2^{-1} U3) equal to its closed form for n <= n_max, and for every n the argument
    of _q5_argument (the closed form reproduces U3, so it is A2^{-1} U3 as A2 is unit triangular;
    its outputs on [m, m + 1] sum to z).
    """
    n_max = c.scope.int("n_max", lo=1, hi=100)
    for n in range(1, n_max + 1):
        net = K.Net(_ramp_layers(n))
        for z in _pieces(net, ZERO, Fraction(n)):
            c.require(sum(K.run(net, [z]), ZERO) == z, "n=%d: theta_hat(%s) != %s" % (n, z, z))
        if c.status == "proved":
            c.require(net.layers[1][0] == _ramp_w3(n), "n=%d: W3 is not its closed form" % n)
    c.checked(n_max)
    if c.status == "proved":
        _q5_argument(c)
        c.argument([Step("closed form", "row j of W3 = (2 - j) e_1 + (j - 1) e_2 - e_(j+1) (j < n; row n without "
                         "the last term) gives U3 at the codes t = 1..n: 1 for t >= j, t - j + 1 below", "kernel"),
                    Step("unique", "A2 (A2[t, k] = ReLU(t - k + 1)) is unit lower triangular, so W3^T = A2^{-1} U3 "
                         "is that closed form", "theorem: a triangular matrix with non-zero diagonal is invertible"),
                    Step("outputs", "for z = m + s in [m, m + 1] (0 <= m < n, 0 <= s <= 1) output j is 1 for j <= m, "
                         "s for j = m + 1, 0 beyond: theta_hat(z) = m + s = z", "kernel")])


spec("000-Q5", statuses=("proved", "verified"))(q5_linear_decoders)


def q6_architecture(c):
    """Every training run (seed < seeds) at dimension n of the constrained encoder z = alpha theta + beta
    with 001's ReLU decoder ended, after exact certification, in an admissible autoencoder (network
    bound by SHA-256 with its training record): codes affine in theta by construction and exact
    reconstruction.

    Scope: n, seeds, epochs (the training record's).  Evidence: runs [{n, seed, network}],
    not_certified [{n, seed}] (inconclusive iff non-empty).
    """
    _certified_runs(c, _seeds(c), "affine", "relu2", init="spread")


spec("000-Q6", "architecture", statuses=("verified", "inconclusive"))(q6_architecture)


def _nonlinearity(net, n):
    """max_theta |z_theta - chord(theta)| / |z_n - z_0| of the codes (10^9 when z_n = z_0)."""
    (u,), (b,) = net.layers[0][0], net.layers[0][1]
    z = [K.dot(u, K.step_signal(n, t)) + b for t in range(n + 1)]
    span = z[n] - z[0]
    if span == 0:
        return Fraction(10 ** 9)
    return max(abs(zt - z[0] - span * Fraction(t, n)) for t, zt in enumerate(z)) / abs(span)


def q6_regulariser(c):
    """For every seed < seeds, of the two runs at dimension n (unconstrained encoder z = u.x + b, decoder
    sigma(z w + c), sigma(u) = [u >= 1]) trained without and with the penalty weight (1 - R^2(z, theta)),
    both certified networks (bound by SHA-256 with their training records: n, seed, epochs, penalty
    weight 0 and weight) are admissible and the penalised codes are strictly more linear:
    N(z) = max_theta |z_theta - chord(theta)| / |z_n - z_0| is smaller.

    Scope n, weight, seeds, epochs.  Evidence: runs [{seed, plain, regularised}], not_certified [{seed}]
    (inconclusive iff non-empty).  refuted (scope n, weight, epochs): evidence seed, plain, regularised
    with the penalised codes not more linear.
    """
    n, weight, epochs = c.scope.int("n", lo=1, hi=1000), c.scope.q("weight"), c.scope.int("epochs", lo=0)

    def pair(f, seed):
        nl = []
        for key, lam in (("plain", ZERO), ("regularised", weight)):
            net = _trained(f, key, n=n, seed=seed, epochs=epochs, linearity_weight=lam, decoder="threshold",
                           encoder="linear", decoder_bias=True)
            _autoencoder(net, n, "linear", "threshold+bias")
            c.require(not _failures(net, n), "seed %d: the %s network is not admissible" % (seed, key))
            nl.append(_nonlinearity(net, n))
        return nl

    if c.status == "refuted":
        plain, reg = pair(c.evidence, c.evidence.int("seed"))
        c.require(reg >= plain, "the penalised codes are strictly more linear")
        return
    runs, bad = c.evidence.items("runs"), [f.int("seed") for f in c.evidence.items("not_certified")]
    seeds = [f.int("seed") for f in runs]
    c.require(sorted(seeds + bad) == list(range(c.scope.int("seeds", lo=1))), "the runs are not the seeds of the scope")
    c.require(bool(bad) == (c.status == "inconclusive"), "inconclusive iff some run was not certified")
    for seed, f in zip(seeds, runs):
        plain, reg = pair(f, seed)
        c.require(reg < plain, "seed %d: the penalised codes are not more linear (a refutation)" % seed)
    if c.status == "verified":
        c.checked(len(seeds))


spec("000-Q6", "regulariser", statuses=("verified", "refuted", "inconclusive"))(q6_regulariser)


MSE_BOUND = Fraction(1, 100000)   # the slides' success criterion (their P1)
FULL_EPOCHS = 2500000             # the slides' budget


def _recipe_runs(c):
    """The runs of the scope: runs [[n, seeds, epochs], ...] (each n once) -> {(n, seed): epochs} for every
    seed < seeds."""
    plan = c.scope.list("runs", lo=1, hi=64)
    out = {}
    for k, item in enumerate(plan):
        if not (isinstance(item, list) and len(item) == 3):
            raise K.Invalid("scope.runs[%d]: not a triple [n, seeds, epochs]" % k)
        n = K.nat(item[0], "scope.runs[%d][0]" % k, lo=1, hi=64)
        seeds = K.nat(item[1], "scope.runs[%d][1]" % k, lo=1, hi=20)
        epochs = K.nat(item[2], "scope.runs[%d][2]" % k, lo=1)
        c.require(all(m != n for m, _ in out), "scope.runs lists n = %d twice" % n)
        out.update({(n, s): epochs for s in range(seeds)})
    return out


def _recipe_net(c, f, encoder, expected):
    """(n, seed, epochs, network) of the run f: a run of the scope, its network bound with its record's recipe
    (RMSProp at the scope's lr, this n, seed and the run's epochs) and of the claim's form."""
    n, seed = f.int("n", lo=1), f.int("seed")
    c.require((n, seed) in expected, "run n=%d seed=%d is not a run of the scope" % (n, seed))
    epochs = expected[(n, seed)]
    net = _trained(f, "network", optimizer="rmsprop", decoder="relu2", encoder=encoder, n=n, seed=seed,
                   lr=c.scope.q("lr"), epochs=epochs)
    _autoencoder(net, n, encoder, "relu2")
    return n, seed, epochs, net


def _mse(f, net, n):
    """The exact MSE 1/((n + 1) n) sum_theta ||f(x_theta) - x_theta||^2 of the bound network, which must be
    the value f.mse states."""
    total = ZERO
    for t in range(n + 1):
        x = K.step_signal(n, t)
        total += sum((y - v) * (y - v) for y, v in zip(K.run(net, x), x))
    mse, stated = total / ((n + 1) * n), f.q("mse")
    if stated != mse:
        raise K.Invalid("%s.mse: %s is not the network's exact MSE %s" % (f.where, stated, mse))
    return mse


def _all_runs(c, expected):
    runs = c.evidence.items("runs")
    c.require(sorted((r.int("n", lo=1), r.int("seed")) for r in runs) == sorted(expected),
              "the runs listed are not the %d runs of the scope" % len(expected))
    return runs


def _recipe_mse(c, encoder):
    """MSE <= 1e-5 over the runs of the scope, each network rounded and bound with its recipe.
    verified: evidence runs [{n, seed, network, mse}] lists every run once, every exact MSE <= 1e-5;
    refuted: evidence {n, seed, network, mse}, a run of the scope trained for the slides' full budget
    (>= 2,500,000 epochs) whose exact MSE exceeds 1e-5; inconclusive: runs as for verified, some exact
    MSE above 1e-5, but only for runs with a smaller budget."""
    expected = _recipe_runs(c)
    if c.status == "refuted":
        n, seed, epochs, net = _recipe_net(c, c.evidence, encoder, expected)
        mse = _mse(c.evidence, net, n)
        c.require(mse > MSE_BOUND, "the run's exact MSE %s meets MSE <= 1e-5" % mse)
        c.require(epochs >= FULL_EPOCHS, "a run below the slides' budget of 2,500,000 epochs refutes nothing")
        return
    over = []
    for r in _all_runs(c, expected):
        n, seed, epochs, net = _recipe_net(c, r, encoder, expected)
        if _mse(r, net, n) > MSE_BOUND:
            over.append((n, seed, epochs))
    if c.status == "verified":
        c.require(not over, "run n=%d seed=%d (%d epochs) has an exact MSE above 1e-5" % (over or [(0, 0, 0)])[0])
        c.checked(len(expected))
    else:
        c.require(bool(over), "every run meets MSE <= 1e-5: the verdict is verified")
        c.require(all(e < FULL_EPOCHS for _, _, e in over),
                  "a run of the slides' full budget above 1e-5 is a refutation, not inconclusive")


def _recipe_admissible(c, encoder):
    """Exact admissibility over the runs of the scope.  verified: evidence runs [{n, seed, network}] lists
    every run once and each certified network (rounded, W3 re-solved exactly) reconstructs all n + 1 step
    functions; refuted (a run of >= 2,500,000 epochs) / inconclusive (a run with a smaller budget):
    evidence {n, seed, network, infeasible}, a run of the scope whose bound rounded network is not
    admissible and for which, at each listed output (at least one), no W3 exists for its layers 1-2
    (Motzkin)."""
    expected = _recipe_runs(c)
    if c.status == "verified":
        for r in _all_runs(c, expected):
            n, seed, _, net = _recipe_net(c, r, encoder, expected)
            fails = _failures(net, n)
            c.require(not fails, "run n=%d seed=%d: x_theta is reconstructed wrongly at theta = %s" % (n, seed, fails[:5]))
        c.checked(len(expected))
        return
    n, seed, epochs, net = _recipe_net(c, c.evidence, encoder, expected)
    c.require(bool(_failures(net, n)), "the bound network is admissible")
    c.evidence.list("infeasible", lo=1)   # at least one output without a W3 (each checked below)
    _no_w3(c, c.evidence, net, n, range(n + 1))
    c.require((epochs >= FULL_EPOCHS) == (c.status == "refuted"), "refuted needs a run of the slides' full budget "
              "(2,500,000 epochs), inconclusive one with a smaller budget")


def h2_mse(c):
    """The slides' success criterion (P1) for their recipe with the constrained encoder z = alpha theta + beta
    (two-layer ReLU decoder, RMSProp at lr): every run (n, seed, epochs) of the scope, its rounded final
    network bound by SHA-256 with its training record, has exact MSE <= 1e-5 over the n + 1 step functions.

    refuted: a run of the slides' full budget (2,500,000 epochs) with exact MSE > 1e-5.  inconclusive: such
    runs only below that budget.
    """
    _recipe_mse(c, "affine")


spec("001-H2", "mse", statuses=("verified", "refuted", "inconclusive"))(h2_mse)


def h2_admissible(c):
    """The slides' recipe with the constrained encoder z = alpha theta + beta (two-layer ReLU decoder,
    RMSProp at lr) gives, for every run (n, seed, epochs) of the scope, after exact certification (the
    rounded network, W3 re-solved with the learned pattern; bound by SHA-256 with its training record), an
    admissible autoencoder: it reconstructs all n + 1 step functions exactly.

    refuted: a run of the slides' full budget whose learned layers 1-2 admit no exact W3 (Motzkin
    multipliers).  inconclusive: the same below that budget.
    """
    _recipe_admissible(c, "affine")


spec("001-H2", "admissible", statuses=("verified", "refuted", "inconclusive"))(h2_admissible)


def h3_mse(c):
    """As 001-H2 [mse] with the unconstrained encoder z = u.x + b: every run of the scope has exact
    MSE <= 1e-5 (the slides' P1).

    refuted / inconclusive: as for 001-H2 [mse].
    """
    _recipe_mse(c, "linear")


spec("001-H3", "mse", statuses=("verified", "refuted", "inconclusive"))(h3_mse)


def h3_admissible(c):
    """As 001-H2 [admissible] with the unconstrained encoder z = u.x + b: every run of the scope is,
    after exact certification, an admissible autoencoder.

    refuted / inconclusive: as for 001-H2 [admissible].
    """
    _recipe_admissible(c, "linear")


spec("001-H3", "admissible", statuses=("verified", "refuted", "inconclusive"))(h3_admissible)
