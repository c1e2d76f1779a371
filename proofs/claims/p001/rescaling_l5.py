"""001-L5 -- positive diagonal rescaling maps solutions to solutions.

Slides "Set of solutions" (Lemma): if (W2, b2, W3) is a solution with perfect reconstruction then
for all positive diagonal D, (D W2, b2 D, W3 D^{-1}) is also a solution.

Three verdicts:

* ``positive D``: ReLU(d u) = d ReLU(u) for d > 0 (sympy, by cases), so A2' = A2 D and
  U3' = A2 D D^{-1} W3^T = U3: proved; exact checks on handcrafted decoders (z(i) = i and random
  codes) rescaled by random positive rational D for n <= n_max.
* ``zero entry``: D^{-1} does not exist; reading D^{-1} as the pseudo-inverse (1/0 := 0) the
  neuron is removed and the reconstruction breaks (rank n - 1 < n, 001-L3).  Counterexample found
  and shrunk by hypothesis.
* ``negative entry``: ReLU(d u) != d ReLU(u) for d < 0; the rescaled triple is well defined but
  not a solution.  Counterexample found and shrunk by hypothesis; for the z(i) = i decoder every
  single negative entry breaks it (checked for n <= 8).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy
from hypothesis import HealthCheck, find, settings, strategies as st

from exact.scalar import to_rational
from exact.slides001 import (activation_rows, data_rows, decoder_network, decoder_output, handcrafted_decoder,
                             linear_codes, qmatrix, random_form1, relu_product_violations)
from proofs.claims.p001 import (scope_params, SOURCE as _SRC, Clock, decoder_obligation, linear_decoder, make_verdict,
                                outputs_obligation, random_rational, strs)
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.symbolic import Step, argument_json
from proofs.verdict import Status

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "rescale", "rescaled_reconstructs"]

CLAIM_ID = "001-L5"
TITLE = "Positive diagonal rescaling (D W2, b2 D, W3 D^-1) preserves solutions"
SOURCE = _SRC + ", slide 'Set of solutions' (Lemma)"
STATEMENT = ("If (W2, b2, W3) is a solution for a decoder with a perfect reconstruction, then for all positive diagonal "
             "matrices D, (D W2, b2 D, W3 D^{-1}) is also a solution.")
READING = ("W2 (n2 x 1), b2 (row, n2), W3 (n x n2); D = diag(d_1..d_n2). Positive D: the claim. Zero entry: D^{-1} read "
           "as the pseudo-inverse (1/0 := 0). Negative entry: D invertible but not positive.")


def rescale(W2, b2, W3, D):
    """(D W2, b2 D, W3 D^+) with D^+ the pseudo-inverse of the diagonal D (1/0 := 0)."""
    d = [to_rational(v) for v in D]
    inv = [1 / v if v != 0 else Fraction(0) for v in d]
    return ([w * x for w, x in zip(W2, d)], [b * x for b, x in zip(b2, d)],
            [[w * x for w, x in zip(r, inv)] for r in W3])


def rescaled_reconstructs(n: int, D, amplitude=1) -> bool:
    dec = linear_decoder(n, amplitude)
    W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
    A2 = qmatrix(activation_rows(linear_codes(n), W2, b2))
    return not relu_product_violations(A2, qmatrix(W3), amplitude)


def _argument() -> dict:
    u = sympy.Symbol("u", real=True)
    d, p = sympy.Symbol("d", positive=True), sympy.Symbol("p", positive=True)
    e = sympy.Max(d * u, 0) - d * sympy.Max(u, 0)
    cases = [sympy.simplify(e.subs(u, v)) for v in (p, -p, 0)]
    dd = sympy.symbols("d1:4", positive=True)
    A = sympy.Matrix(3, 3, sympy.symbols("a1:10"))
    Wt = sympy.Matrix(3, 3, sympy.symbols("w1:10"))
    D = sympy.diag(*dd)
    prod = sympy.simplify(A * D * (Wt * D.inv()).T - A * Wt.T)
    steps = [
        Step("for d > 0: ReLU(d u) = d ReLU(u)", f"cases u > 0, u < 0, u = 0: {cases}", cases == [0, 0, 0]),
        Step("so A2' = ReLU(z (D W2)^T + b2 D) = ReLU(z W2^T + b2) D = A2 D (columnwise, d_j > 0)", "step 1 per column", True),
        Step("U3' = A2 D (W3 D^{-1})^T = A2 W3^T = U3 (D diagonal); so Y' = ReLU(U3') = Y",
             f"sympy, 3 x 3 with symbols: A D (W D^-1)^T - A W^T = {prod}", prod == sympy.zeros(3, 3)),
    ]
    return argument_json(steps, "(D W2, b2 D, W3 D^{-1}) is a solution for every positive diagonal D")


def _shrunk(kind: str, amplitude) -> tuple[int, list]:
    if kind == "zero":
        entry = st.sampled_from([Fraction(0)]) | st.fractions(min_value=0, max_value=10, max_denominator=5)
        ok = lambda D: any(x == 0 for x in D)
    else:
        entry = st.fractions(min_value=-10, max_value=10, max_denominator=5).filter(lambda x: x != 0)
        ok = lambda D: any(x < 0 for x in D)
    strat = st.integers(1, 4).flatmap(lambda n: st.tuples(st.just(n), st.lists(entry, min_size=n, max_size=n)))
    n, D = find(strat, lambda t: ok(t[1]) and not rescaled_reconstructs(t[0], t[1], amplitude),
                settings=settings(database=None, derandomize=True, max_examples=500,
                                  suppress_health_check=list(HealthCheck)))
    return n, D


def check(*, n_max: int = 20, samples: int = 3, seed: int = 0, amplitude: str = "1") -> list:
    c = scope_params(n_max, amplitude)
    mod = sys.modules[__name__]
    rng = random.Random(seed)
    verdicts = []

    clock = Clock()
    arg = _argument()
    fails, obligations, checked = [], [], 0
    for n in range(1, n_max + 1):
        for s in range(samples):
            if s % 2 == 0:
                dec, codes = linear_decoder(n, c), linear_codes(n)
            else:
                codes = distinct_codes(rng, n + 1)
                dec = handcrafted_decoder(codes, random_form1(n, c, seed=rng.randrange(1 << 30)), n)
            D = [random_rational(rng, 9, sign=1) for _ in range(n)]
            W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
            checked += 1
            A2 = qmatrix(activation_rows(codes, W2, b2))
            if relu_product_violations(A2, qmatrix(W3), c):
                fails.append({"n": n, "D": strs(D)})
            if n <= 3 and s == 0:
                obligations.append(decoder_obligation(decoder_network(W2, b2, W3), codes, c))
    status = Status.REFUTED if fails else (Status.PROVED if arg["valid"] else Status.INCONCLUSIVE)
    verdicts.append(make_verdict(mod, status, {
        "description": f"every solution and positive D (sympy argument); {checked} exact rescaled decoders, n = 1..{n_max}",
        "n_max": n_max}, {"argument": arg, "failures": fails[:5], "instances": checked}, obligations, clock,
        variant="positive D"))

    for kind in ("zero", "negative"):
        clock = Clock()
        n, D = _shrunk(kind, c)
        dec = linear_decoder(n, c)
        W2, b2, W3 = rescale(dec.W2, dec.b2, dec.W3.rows(), D)
        net = decoder_network(W2, b2, W3)
        out = decoder_output(net, linear_codes(n))
        ev = {"minimal_counterexample": {"n": n, "D": strs(D), "W2": strs(dec.W2), "b2": strs(dec.b2),
                                         "W3": strs(dec.W3), "rescaled_outputs": strs(out),
                                         "X": strs(data_rows(n, c))},
              "what_breaks": ("D^{-1} does not exist; with the pseudo-inverse the neuron's column of A2 is 0 and its "
                              "output weights are dropped, so rank(U3) < n" if kind == "zero" else
                              "ReLU(d u) = |d| ReLU(-u) != d ReLU(u) for d < 0: the neuron's activation region flips")}
        if kind == "negative":
            every = all(not rescaled_reconstructs(m, [Fraction(-1) if k == j else Fraction(1) for k in range(m)], c)
                        for m in range(1, 9) for j in range(m))
            ev["every_single_negative_entry_breaks_z_i_decoder_n_le_8"] = every
        verdicts.append(make_verdict(mod, Status.REFUTED, {
            "description": f"hypothesis search over n = 1..4 and rational D with a {kind} entry, shrunk"},
            ev, [outputs_obligation(net, [[z] for z in linear_codes(n)], out)], clock, variant=f"{kind} entry",
            reading=("D with a zero entry, D^{-1} read as the pseudo-inverse" if kind == "zero"
                     else "D diagonal with a negative entry (invertible, not positive)")))
    return verdicts


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
