"""001-P1 -- the sigmoid one-layer decoder reaches any MSE eps > 0 (rigorous interval bound).

Slides "Sigmoid Activation Function" (Proposition) and "Handcrafted Solution": with
g(u) = e^u / (1 + e^u), the linear code z(i) = i and C = 1, for every eps > 0 there are
W, b in R^n with MSE = 1/(n(n+1)) sum_i ||y(i) - x(i)||^2 < eps; the handcrafted solution
reaches eps = 1e-5.

Construction checked (the slides' weights are not in the extracted text): the staircase
y_j(z) = g(a (j + 1/2 - z)), i.e. W_j = -a, b_j = a (j + 1/2), slope a > 0.  Entry (i, j) has
pre-activation a (j - i + 1/2), of modulus >= a/2 and of the sign of the target, so every error
is at most g(-a/2) and MSE <= g(-a/2)^2 for every n.  Certified: g(-a/2)^2 < eps with mpmath
interval arithmetic and, independently, by the kernel (Taylor lower bound of e^x in rationals);
the exact interval MSE for each n <= n_max.  For smaller eps, a(eps) is the smallest even
integer with g(-a/2)^2 < eps.
"""

from __future__ import annotations

import sys
from fractions import Fraction

import mpmath
import numpy as np
import sympy

from exact.errors import InvalidArgument
from exact.scalar import rational_str, to_rational
from exact.slides001 import data_rows, linear_codes
from numeric.intervals import (q_interval, sigmoid_staircase_mse_interval, sigmoid_tail_interval,
                               slope_for_eps)
from proofs.claims.p001 import SOURCE as _SRC, Clock, make_verdict
from proofs.symbolic import Step, argument_json
from proofs.verdict import Status, Verdict

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "staircase_weights",
           "mse_obligation"]

CLAIM_ID = "001-P1"
TITLE = "Sigmoid one-layer decoder: MSE below any eps (1e-5 for the handcrafted solution)"
SOURCE = _SRC + ", slides 'Sigmoid Activation Function' (Proposition) and 'Handcrafted Solution'"
STATEMENT = ("With the sigmoid output activation and a linear encoding, there are W, b in R^n such that "
             "MSE = 1/(n(n+1)) sum_{i=1}^{n+1} ||y(i) - x(i)||^2 < eps for eps arbitrarily small; the handcrafted "
             "solution with z(i) = i reaches eps = 1e-5.")
READING = ("C = 1, codes z(i) = i, decoder y_j = sigmoid(W_j z + b_j) with the staircase W_j = -a, b_j = a(j + 1/2). "
           "MSE over all n+1 rows (zero signal included) and n coordinates. Rigorous: interval arithmetic and a "
           "rational Taylor bound, never floats.")


def staircase_weights(n: int, slope) -> tuple[list[Fraction], list[Fraction]]:
    a = to_rational(slope)
    return [-a] * n, [a * (2 * j + 1) / 2 for j in range(1, n + 1)]


def mse_obligation(n: int, slope, eps, terms: int = 40) -> dict:
    """Kernel obligation: the staircase decoder's MSE at this n is < eps (rational Taylor bounds)."""
    W, b = staircase_weights(n, slope)
    X = data_rows(n)
    return {"check": "sigmoid_mse_bound", "W": [rational_str(v) for v in W], "b": [rational_str(v) for v in b],
            "codes": [rational_str(z) for z in linear_codes(n)],
            "targets": [[int(v) for v in r] for r in X], "eps": rational_str(to_rational(eps)), "terms": terms}


def _argument(a: Fraction, eps: Fraction) -> dict:
    u = sympy.Symbol("u", real=True)
    d = sympy.Symbol("d", integer=True, nonnegative=True)
    sig = sympy.exp(u) / (1 + sympy.exp(u))
    deriv = sympy.simplify(sympy.diff(sig, u))
    lo, hi = sigmoid_tail_interval(a)
    e = q_interval(eps)
    bound_ok = bool((mpmath.iv.mpf(hi) ** 2) < e)
    steps = [
        Step("g is increasing: g'(u) > 0", f"g'(u) = {deriv}; is_positive = {deriv.is_positive}", deriv.is_positive is True),
        Step("for j >= i (target 1) the pre-activation a(d + 1/2), d = j - i >= 0, is >= a/2",
             f"(d + 1/2 - 1/2).is_nonnegative = {(d + sympy.S.Half - sympy.S.Half).is_nonnegative}",
             (d + sympy.S.Half - sympy.S.Half).is_nonnegative is True),
        Step("for j < i (target 0) the pre-activation a(-1 - d + 1/2) is <= -a/2",
             f"(-1 - d + 1/2 + 1/2).is_nonpositive = {(-1 - d + sympy.S.Half + sympy.S.Half).is_nonpositive}",
             (-1 - d + sympy.S.Half + sympy.S.Half).is_nonpositive is True),
        Step("so every error |y - x| is at most 1 - g(a/2) = g(-a/2), and the MSE (a mean) is at most g(-a/2)^2, for every n",
             "monotonicity (step 1) and 1 - g(v) = g(-v)", sympy.simplify(1 - sig.subs(u, 3) - sig.subs(u, -3)) == 0),
        Step(f"g(-a/2)^2 < eps for a = {a}, eps = {eps}",
             f"mpmath interval: g(-a/2) in [{float(lo):.10g}, {float(hi):.10g}]; hi^2 < eps: {bound_ok}", bound_ok),
    ]
    return argument_json(steps, f"MSE < {eps} for every n with slope a = {a}")


def check(*, n_max: int = 30, slope: str = "12", eps: str = "1/100000",
          smaller_eps: str = "1/10**10,1/10**20,1/10**50") -> Verdict:
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    a, e = to_rational(slope), to_rational(eps)
    if a <= 0 or e <= 0:
        raise InvalidArgument("slope and eps must be positive")
    mod = sys.modules[__name__]
    clock = Clock()
    arg = _argument(a, e)
    rows, disagreements = [], []
    worst_hi = 0.0
    for n in range(1, n_max + 1):
        lo, hi = sigmoid_staircase_mse_interval(n, a)
        ok = bool(mpmath.iv.mpf(hi) < q_interval(e))
        # float64 mirror
        W, b = staircase_weights(n, a)
        z = np.arange(1, n + 2, dtype=np.float64)[:, None]
        Y = 1.0 / (1.0 + np.exp(-(z * float(W[0]) + np.array([float(v) for v in b]))))
        X = np.array([[float(v) for v in r] for r in data_rows(n)])
        mse_f = float(np.mean((Y - X) ** 2))
        if not (float(lo) * (1 - 1e-12) <= mse_f <= float(hi) * (1 + 1e-12)):
            disagreements.append({"n": n, "float64_mse": mse_f, "interval": [float(lo), float(hi)]})
        rows.append({"n": n, "mse_upper": float(hi), "below_eps": ok})
        worst_hi = max(worst_hi, float(hi))
    all_ok = all(r["below_eps"] for r in rows)
    # The certificate states what was certified: MSE < eps, or (when that failed) MSE < the bound found.
    obligations = [mse_obligation(n, a, e if all_ok else Fraction(f"{rows[n - 1]['mse_upper'] * 1.01:.6e}"))
                   for n in range(1, min(n_max, 6) + 1)]
    if arg["valid"] and all_ok:
        status, desc = Status.PROVED, (f"all n (every error <= g(-a/2), interval-certified); interval MSE for "
                                       f"n = 1..{n_max}; kernel re-checks n = 1..{min(n_max, 6)}")
    elif all_ok:
        status, desc = Status.VERIFIED, f"interval MSE < eps for n = 1..{n_max}"
    else:
        status, desc = Status.INCONCLUSIVE, (f"the staircase with slope {a} does not certify MSE < {e} for every "
                                             f"n <= {n_max}; nothing is said about other weights")
    # eps-construction for smaller eps
    eps_rows = []
    for text in [t for t in smaller_eps.split(",") if t.strip()]:
        ev = Fraction(int(sympy.sympify(text).p), int(sympy.sympify(text).q))
        av = slope_for_eps(ev)
        lo2, hi2 = sigmoid_tail_interval(av)
        eps_rows.append({"eps": text.strip(), "slope_a": str(av), "max_error_bound_squared": f"{float(hi2) ** 2:.6g}"})
        if status is not Status.INCONCLUSIVE:
            obligations.append(mse_obligation(2, av, ev, terms=max(40, 2 * av)))
    lo, hi = sigmoid_tail_interval(a)
    evidence = {
        "construction": f"W_j = -{a}, b_j = {a}(j + 1/2), z(i) = i, C = 1",
        "max_entry_error_interval": [f"{float(lo):.12g}", f"{float(hi):.12g}"],
        "worst_certified_mse_upper_bound": worst_hi,
        "per_n": rows[:12],
        "argument": arg,
        "eps_construction": eps_rows,
    }
    cc = {"disagreements": disagreements, "compared": n_max,
          "summary": ("float64 MSE lies inside the certified interval for every n" if not disagreements else
                      f"float64 MSE falls outside the certified interval for {len(disagreements)} n")}
    return make_verdict(mod, status, {"description": desc, "n_max": n_max, "eps": rational_str(e)}, evidence,
                        obligations, clock, cc)


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
