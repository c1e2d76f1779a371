"""001-E1 -- a one-layer encoder without non-linearity gives codes linear in the position.

Slides "One Layer Encoder": "A one MLP layer encoder is enough to generate linear codes with
respect to the positions; a non-linearity is not required in the encoder."

Reading: the data are the rows of X (row i: i - 1 zeros then C's, i = 1..n+1, zero signal last).
The encoder is one affine layer z(x) = sum_j w_j x(j) + b with identity activation; by default
w_j = -1/C and b = n + 1, which gives z(row i) = i.  Checked: exactly for every n <= n_max that
the codes are affine in i (constant first differences) and, for the default, equal to i; for
all n: z(i) - z(i+1) = C w_i, so the codes are affine in i for every n when the weight
expression has no j (the kernel checks this on the expression itself).
"""

from __future__ import annotations

import sympy

from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import rational_str, to_rational
from exact.slides001 import data_rows
from proofs.claim import claim
from proofs.claims.p001 import SOURCE as _SRC
from proofs.verdict import Status, Verdict

__all__ = ["check", "encoder_from_expressions"]

_ji = sympy.Symbol("j", integer=True, positive=True)
_ni = sympy.Symbol("n", integer=True, positive=True)
_Cp = sympy.Symbol("C", positive=True)


def _parse(expr: str) -> sympy.Expr:
    from sympy.parsing.sympy_parser import parse_expr

    return parse_expr(expr, local_dict={"j": _ji, "n": _ni, "C": _Cp})


def encoder_from_expressions(n: int, weights: str, bias: str, amplitude) -> Network:
    """The encoder with w_j = weights(j, n, C) and b = bias(n, C), exactly."""
    c = to_rational(amplitude)
    we, be = _parse(weights), _parse(bias)
    subs = {_ni: n, _Cp: sympy.Rational(str(c))}
    w = []
    for j in range(1, n + 1):
        v = we.subs(subs).subs(_ji, j)
        if not v.is_Rational:
            raise InvalidArgument(f"weight expression {weights!r} is not rational at j={j}, n={n}: {v}")
        w.append(to_rational(v))
    bv = be.subs(subs)
    if not bv.is_Rational:
        raise InvalidArgument(f"bias expression {bias!r} is not rational at n={n}")
    return Network((Layer((tuple(w),), (to_rational(bv),), Activation.IDENTITY),))


#: The argument the kernel checks itself (proofs/kernel/specs/p001.py, 001-E1).
KERNEL_ARGUMENT = [("constant", "kernel"), ("codes", "kernel")]


def weights_constant(weights: str, bias: str, amplitude) -> bool:
    """The kernel's criterion for all n: the weight expression has no j (numerator and denominator
    expanded) and the denominators of w and b have no j, n and do not vanish at C."""
    from proofs.kernel import core as K

    c = to_rational(amplitude)
    try:
        w, b = K.expression(weights, ("j", "n", "C")), K.expression(bias, ("n", "C"))
        free = lambda p, k: all(e[k] == 0 for e in p.terms)
        return (free(w.num, 0) and free(w.den, 0) and free(w.den, 1) and free(b.den, 0)
                and w.den.at({"j": 0, "n": 0, "C": c}) != 0 and b.den.at({"n": 0, "C": c}) != 0)
    except K.Invalid:
        return False


def _kernel_expressions(weights: str, bias: str) -> None:
    """Refuse weight and bias expressions outside the kernel's language (integers, j, n, C,
    + - * / ** and parentheses): the kernel could confirm no certificate of them, and sympy's
    reading of functions such as Piecewise or KroneckerDelta is not something it checks."""
    from proofs.kernel import core as K

    for name, text, names in (("weights", weights, ("j", "n", "C")), ("bias", bias, ("n", "C"))):
        try:
            K.expression(text, names)
        except K.Invalid as e:
            raise InvalidArgument(f"001-E1 {name}: {e}") from None


#: Texts of this claim's verdicts (the kernel's steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    "w_j = w(n, C) has no j, and w and b are defined for every n":
        r"$w_j = w(n, C)$ has no $j$, and $w$ and $b$ are defined for every $n$",
    "z(i) = b + C sum_{j=i}^{n} w = b + C w (n + 1 - i), affine in i":
        r"$z(i) = b + C \sum_{j=i}^{n} w = b + C w (n + 1 - i)$, affine in $i$",
    ("z(i) = b + C sum_{j=i}^{n} w_j, so z(i) - z(i+1) = C w_i: the codes are affine in i for every n when w has no j "
     "(checked by the kernel on the weight expression)"):
        (r"$z(i) = b + C \sum_{j=i}^{n} w_j$, so $z(i) - z(i+1) = C w_i$: the codes are affine in $i$ for every $n$ "
         r"when $w$ has no $j$ (checked by the kernel on the weight expression)"),
}


@claim("001-E1",
       title_latex=r"A one-layer linear encoder gives codes linear in the step position",
       reading_latex=(r"Encoder $z(x)=\sum_j w_j x(j)+b$ (identity activation) on the rows of $X$ (row $i$: $i-1$ zeros "
                      r"then $C$, $i=1,\dots,n+1$). Default $w_j=-1/C$, $b=n+1$, so $z(\text{row } i)=i$. `Linear in "
                      r"the position' means affine in $i$. Exact check for every $n\le n_{\max}$; for all $n$: "
                      r"$z(i)-z(i+1)=C\,w_i$, so the codes are affine in $i$ iff all $w_j$ are equal (proved when the "
                      r"weight expression has no $j$)."),
       latex=r"z(x)=\textstyle\sum_j w_j x(j)+b \ \Rightarrow\ z(x^{(i)})=\alpha i+\beta",
       title="A one-layer linear encoder gives codes linear in the step position",
       source=_SRC + ", slide 'One Layer Encoder'",
       statement=("A one MLP layer encoder is enough to generate linear codes with respect to the positions; "
                  "a non-linearity is not required in the encoder."),
       reading=("Encoder z(x) = sum_j w_j x(j) + b (identity activation) on the rows of X (row i: i-1 zeros then C, "
                "i = 1..n+1). Default w_j = -1/C, b = n+1, so z(row i) = i. 'Linear in the position' = affine in i. "
                "Exact check for every n <= n_max; for all n: z(i) - z(i+1) = C w_i, so codes are affine in i iff all "
                "w_j are equal (proved when the weight expression has no j)."))
def check(*, n_max: int = 60, amplitude: str = "1", weights: str = "-1/C", bias: str = "n + 1") -> Verdict:
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument("the amplitude C must be positive")
    _kernel_expressions(weights, bias)
    failures, equal_i = [], True
    for n in range(1, n_max + 1):
        enc = encoder_from_expressions(n, weights, bias, c)
        X = data_rows(n, c)
        codes = [enc.evaluate(x)[0] for x in X]
        d = [codes[k + 1] - codes[k] for k in range(n)]
        equal_i = equal_i and codes == list(range(1, n + 2))
        if any(v != d[0] for v in d):
            failures.append({"n": n, "codes": [rational_str(v) for v in codes[:12]]})
    params = {"amplitude": c, "weights": weights, "bias": bias}
    if failures:
        status = Status.REFUTED
        desc = f"exact codes of every row of X for n = 1..{n_max}; counterexample at n = {failures[0]['n']}"
        cert = check.certificate(status, scope=params, evidence={"n": failures[0]["n"]})
    else:
        status = Status.PROVED if weights_constant(weights, bias, c) else Status.VERIFIED
        desc = (f"all n (kernel-checked argument: the weights do not depend on j); exact codes checked for "
                f"n = 1..{n_max}" if status is Status.PROVED else f"exact codes of every row of X for n = 1..{n_max}")
        cert = check.certificate(status, scope={"n_max": n_max, **params}, evidence={"checked": n_max},
                                 argument=KERNEL_ARGUMENT if status is Status.PROVED else None)
    evidence = {"encoder": {"weights w_j": weights, "bias b": bias, "amplitude": rational_str(c)},
                "codes_equal_position_i": equal_i and not failures,
                "non_affine_codes": failures[:10],
                "argument": ("z(i) = b + C sum_{j=i}^{n} w_j, so z(i) - z(i+1) = C w_i: the codes are affine in i for "
                             "every n when w has no j (checked by the kernel on the weight expression)")
                if status is Status.PROVED else "none for all n (the weights depend on j, or the check failed)"}
    if failures:
        evidence["minimal_counterexample"] = failures[0]
    cc = {"disagreements": [], "summary": "exact rational evaluation only (codes are exact sums)"}
    return check.verdict(status, scope={"description": desc, "n_max": n_max}, evidence=evidence, crosscheck=cc,
                         certificate=cert)
