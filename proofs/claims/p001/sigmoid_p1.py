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
the rational MSE bound for each n <= n_max.  For every eps the kernel also checks that a = 2/eps
works (e^t >= 1 + t gives error <= eps/(2 eps + 1)); the listed smaller eps use a(eps), the
smallest even integer with g(-a/2)^2 < eps (mpmath intervals, not in the certificate).
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

import mpmath
import numpy as np
import sympy

from exact.errors import InvalidArgument
from exact.scalar import rational_str, to_rational
from exact.slides001 import data_rows, linear_codes
from numeric.formats import exact_to_format, fmt_affine, fmt_array, fmt_eps, parse_formats
from numeric.formats import spec as format_spec
from numeric.intervals import (q_interval, sigmoid_staircase_mse_interval, sigmoid_tail_interval,
                               slope_for_eps)
from proofs.claim import claim
from proofs.claims.p001 import SOURCE as _SRC
from proofs.verdict import Status, Verdict

__all__ = ["check", "staircase_weights", "taylor_error_bound", "taylor_mse_bound"]


def staircase_weights(n: int, slope) -> tuple[list[Fraction], list[Fraction]]:
    a = to_rational(slope)
    return [-a] * n, [a * (2 * j + 1) / 2 for j in range(1, n + 1)]


#: Terms of the Taylor lower bound e^t >= sum_{k <= K} t^k / k! the kernel uses.
TAYLOR_TERMS = 40

#: The argument the kernel checks (proofs/kernel/specs/p001.py, 001-P1).
KERNEL_ARGUMENT = [("preactivation", "kernel"), ("logistic", "theorem: the logistic function is increasing and "
                    "1 - g(u) = g(-u)"), ("taylor", "theorem: Taylor series of exp"), ("bound", "kernel"),
                   ("every_eps", "kernel")]


@functools.lru_cache(maxsize=4096)
def taylor_error_bound(t: Fraction, terms: int = TAYLOR_TERMS) -> Fraction:
    """An exact upper bound of 1/(1 + e^t): 1/(1 + T_K(t)) for t >= 0, 1 for t < 0 (as the kernel computes it)."""
    if t < 0:
        return Fraction(1)
    term = lower = Fraction(1)
    for k in range(1, terms + 1):
        term = term * t / k
        lower += term
    return 1 / (1 + lower)


def taylor_mse_bound(n: int, slope, terms: int = TAYLOR_TERMS) -> Fraction:
    """The kernel's rational upper bound of the staircase decoder's MSE at this n."""
    W, b = staircase_weights(n, slope)
    X = data_rows(n)
    total = Fraction(0)
    for i, row in zip(linear_codes(n), X):
        for wj, bj, x in zip(W, b, row):
            u = wj * i + bj
            total += taylor_error_bound(u if x == 1 else -u, terms) ** 2
    return total / (n * (n + 1))


def _argument(a: Fraction, eps: Fraction) -> dict:
    """The all-n argument as the kernel checks it, with the mpmath interval of g(-a/2) for the reader."""
    lo, hi = sigmoid_tail_interval(a)
    kernel_ok = taylor_error_bound(a / 2) ** 2 < eps
    steps = [
        {"step": "preactivation", "checker": "kernel",
         "fact": "entry (i, j) has pre-activation a(j - i + 1/2): >= a/2 where x = 1 (j >= i), <= -a/2 where x = 0"},
        {"step": "logistic", "checker": KERNEL_ARGUMENT[1][1],
         "fact": "each error is 1/(1 + e^t) with t >= a/2, at most 1/(1 + e^(a/2)) = g(-a/2)"},
        {"step": "taylor", "checker": KERNEL_ARGUMENT[2][1], "fact": "e^t >= sum_{k <= 40} t^k / k! for t >= 0"},
        {"step": "bound", "checker": "kernel",
         "fact": f"MSE <= (1/(1 + T_40(a/2)))^2 < eps = {eps} for every n: {kernel_ok}"},
        {"step": "every_eps", "checker": "kernel",
         "fact": "for every eps > 0, a = 2/eps gives MSE <= (eps/(2 eps + 1))^2 < eps for every n"},
    ]
    return {"valid": bool(kernel_ok), "steps": steps,
            "g(-a/2)_mpmath_interval": [f"{float(lo):.10g}", f"{float(hi):.10g}"]}


#: Texts of this claim's verdicts (the kernel's steps, scopes, evidence, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    ("With the sigmoid output activation and a linear encoding, there are W, b in R^n such that MSE = 1/(n(n+1)) "
     "sum_{i=1}^{n+1} ||y(i) - x(i)||^2 < eps for eps arbitrarily small; the handcrafted solution with z(i) = i "
     "reaches eps = 1e-5."):
        (r"With the sigmoid output activation and a linear encoding, there are $W, b \in \mathbb{R}^n$ such that "
         r"$\mathrm{MSE} = \frac{1}{n(n+1)} \sum_{i=1}^{n+1} \|y(i) - x(i)\|^2 < \varepsilon$ for $\varepsilon$ "
         r"arbitrarily small; the handcrafted solution with $z(i) = i$ reaches $\varepsilon = 10^{-5}$."),
    re.compile(r"all n and every eps \(each error <= 1/\(1 \+ e\^\(a/2\)\), kernel-checked with a rational Taylor bound; "
               r"a = 2/eps for any eps\); MSE bound for n = 1\.\.(\d+)"):
        (r"all $n$ and every $\varepsilon$ (each error $\le 1/(1 + e^{a/2})$, kernel-checked with a rational Taylor "
         r"bound; $a = 2/\varepsilon$ for any $\varepsilon$); MSE bound for $n = 1, \dots, #1$"),
    re.compile(r"entry \(i, j\) has pre-activation a ?\(j - i \+ 1/2\): >= a/2 where x = 1 \(j >= i\), <= -a/2 where "
               r"x = 0"):
        (r"entry $(i, j)$ has pre-activation $a (j - i + \frac12)$: $\ge a/2$ where $x = 1$ ($j \ge i$), $\le -a/2$ "
         r"where $x = 0$"),
    "the error at a pre-activation of modulus t >= a/2 of the target's sign is 1/(1 + e^t) <= 1/(1 + e^{a/2})":
        (r"the error at a pre-activation of modulus $t \ge a/2$ of the target's sign is $1/(1 + e^t) \le "
         r"1/(1 + e^{a/2})$"),
    re.compile(r"e\^t >= sum_\{k <= (\w+)\} t\^k / k! for t >= 0"):
        r"$e^t \ge \sum_{k \le #1} t^k / k!$ for $t \ge 0$",
    "MSE <= 1/(1 + T_K(a/2))^2 < eps for every n":
        r"$\mathrm{MSE} \le 1/(1 + T_K(a/2))^2 < \varepsilon$ for every $n$ ($T_K$ the Taylor polynomial of degree $K$)",
    "a = 2/eps: MSE <= (eps/(2 eps + 1))^2 < eps for every n and eps > 0":
        (r"$a = 2/\varepsilon$: $\mathrm{MSE} \le (\varepsilon/(2\varepsilon + 1))^2 < \varepsilon$ for every $n$ and "
         r"$\varepsilon > 0$"),
    "W_j = -12, b_j = 12(j + 1/2), z(i) = i, C = 1": r"$W_j = -12$, $b_j = 12(j + \frac12)$, $z(i) = i$, $C = 1$",
    "below eps": r"below $\varepsilon$",
    "each error is 1/(1 + e^t) with t >= a/2, at most 1/(1 + e^(a/2)) = g(-a/2)":
        r"each error is $1/(1 + e^t)$ with $t \ge a/2$, at most $1/(1 + e^{a/2}) = g(-a/2)$",
    re.compile(r"MSE <= \(1/\(1 \+ T_(\d+)\(a/2\)\)\)\^2 < eps = (\d+/\d+|\d+) for every n: (True|False)"):
        lambda m: (r"$\mathrm{MSE} \le (1/(1 + T_{%s}(a/2)))^2 < \varepsilon = %s$ for every $n$: %s"
                   % (m.group(1), m.group(2).replace("1/", r"1/"), "holds" if m.group(3) == "True" else "FAILS")),
    "for every eps > 0, a = 2/eps gives MSE <= (eps/(2 eps + 1))^2 < eps for every n":
        (r"for every $\varepsilon > 0$, $a = 2/\varepsilon$ gives $\mathrm{MSE} \le (\varepsilon/(2\varepsilon + 1))^2 "
         r"< \varepsilon$ for every $n$"),
    "eps construction": r"construction for every $\varepsilon$",
}


@claim("001-P1",
       title_latex=(r"Sigmoid one-layer decoder: mean squared error below any $\varepsilon$ ($10^{-5}$ for the "
                    r"handcrafted solution)"),
       reading_latex=(r"$C=1$, codes $z(i)=i$, decoder $y_j=\operatorname{sigmoid}(W_j z+b_j)$ with the staircase "
                      r"$W_j=-a$, $b_j=a\,(j+\tfrac12)$. Mean squared error over all $n+1$ rows (zero signal included) "
                      r"and $n$ coordinates. Rigorous: interval arithmetic and a rational Taylor bound, never floats."),
       latex=r"g=\mathrm{sigmoid}:\ \inf_{W,b}\mathrm{MSE}=0;\ \text{handcrafted } \mathrm{MSE}<10^{-5}",
       title="Sigmoid one-layer decoder: MSE below any eps (1e-5 for the handcrafted solution)",
       source=_SRC + ", slides 'Sigmoid Activation Function' (Proposition) and 'Handcrafted Solution'",
       statement=("With the sigmoid output activation and a linear encoding, there are W, b in R^n such that "
                  "MSE = 1/(n(n+1)) sum_{i=1}^{n+1} ||y(i) - x(i)||^2 < eps for eps arbitrarily small; the "
                  "handcrafted solution with z(i) = i reaches eps = 1e-5."),
       reading=("C = 1, codes z(i) = i, decoder y_j = sigmoid(W_j z + b_j) with the staircase W_j = -a, "
                "b_j = a(j + 1/2). MSE over all n+1 rows (zero signal included) and n coordinates. Rigorous: "
                "interval arithmetic and a rational Taylor bound, never floats."))
def check(*, n_max: int = 30, slope: str = "12", eps: str = "1/100000",
          smaller_eps: str = "1/10**10,1/10**20,1/10**50", float_formats: str = "float64") -> Verdict:
    formats = parse_formats(float_formats)
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    a, e = to_rational(slope), to_rational(eps)
    if a <= 0 or e <= 0:
        raise InvalidArgument("slope and eps must be positive")
    arg = _argument(a, e)
    rows, disagreements = [], []
    worst_hi = 0.0
    for n in range(1, n_max + 1):
        lo, hi = sigmoid_staircase_mse_interval(n, a)
        ok = bool(mpmath.iv.mpf(hi) < q_interval(e))
        # float mirrors: weights and codes rounded once to the format, pre-activations, the logistic
        # function and the mean computed in its accumulation type, each layer's result rounded to the format
        W, b = staircase_weights(n, a)
        X = np.array([[float(v) for v in r] for r in data_rows(n)])
        for fmt in formats:
            acc = format_spec(fmt).accumulate
            z = exact_to_format([[k] for k in range(1, n + 2)], fmt)
            u = fmt_affine(z, exact_to_format([[W[0]] * len(b)], fmt), exact_to_format(list(b), fmt), fmt)
            with np.errstate(over="ignore"):
                Y = fmt_array(1.0 / (1.0 + np.exp(-u.astype(acc))), fmt)
            mse_f = float(np.mean(((Y - X) ** 2).astype(acc)))
            slack = max(1e-12, 8 * fmt_eps(fmt))
            if not (float(lo) * (1 - slack) <= mse_f <= float(hi) * (1 + slack)):
                disagreements.append({"n": n, "float_mse": mse_f, "interval": [float(lo), float(hi)], "format": fmt})
        rows.append({"n": n, "mse_upper": float(hi), "below_eps": ok})
        worst_hi = max(worst_hi, float(hi))
    not_below = [n for n in range(1, n_max + 1) if not taylor_mse_bound(n, a) < e]   # what the kernel re-computes
    if arg["valid"] and not not_below:
        status, desc = Status.PROVED, (f"all n and every eps (each error <= 1/(1 + e^(a/2)), kernel-checked with a "
                                       f"rational Taylor bound; a = 2/eps for any eps); MSE bound for n = 1..{n_max}")
    elif not not_below:
        status, desc = Status.VERIFIED, f"rational MSE bound < eps for n = 1..{n_max}"
    else:
        status, desc = Status.INCONCLUSIVE, (f"the staircase with slope {a} does not certify MSE < {e} for every "
                                             f"n <= {n_max}; nothing is said about other weights")
    scope = {"n_max": n_max, "slope": a, "eps": e}
    if status is Status.INCONCLUSIVE:
        cert = check.certificate(status, scope=scope, evidence={"terms": TAYLOR_TERMS, "not_below": not_below})
    else:
        cert = check.certificate(status, scope=scope, evidence={"terms": TAYLOR_TERMS, "checked": n_max},
                                 argument=KERNEL_ARGUMENT if status is Status.PROVED else None)
    # eps-construction for smaller eps
    eps_rows = []
    for text in [t for t in smaller_eps.split(",") if t.strip()]:
        ev = Fraction(int(sympy.sympify(text).p), int(sympy.sympify(text).q))
        av = slope_for_eps(ev)
        lo2, hi2 = sigmoid_tail_interval(av)
        eps_rows.append({"eps": text.strip(), "slope_a": str(av), "max_error_bound_squared": f"{float(hi2) ** 2:.6g}"})
    lo, hi = sigmoid_tail_interval(a)
    evidence = {
        "construction": f"W_j = -{a}, b_j = {a}(j + 1/2), z(i) = i, C = 1",
        "max_entry_error_interval": [f"{float(lo):.12g}", f"{float(hi):.12g}"],
        "worst_certified_mse_upper_bound": worst_hi,
        "per_n": rows[:12],
        "argument": arg,
        "eps_construction": eps_rows,
    }
    cc = {"disagreements": disagreements, "compared": n_max * len(formats), "formats": list(formats),
          "summary": "; ".join(
              f"{f} MSE lies inside the certified interval for every n" if not any(d["format"] == f for d in disagreements)
              else f"{f} MSE falls outside the certified interval (relative slack {max(1e-12, 8 * fmt_eps(f)):.2g}) for "
                   f"{sum(d['format'] == f for d in disagreements)} of {n_max} n" for f in formats)}
    return check.verdict(status, scope={"description": desc, "n_max": n_max, "eps": rational_str(e)},
                         evidence=evidence, crosscheck=cc, certificate=cert)
