"""001-E1 -- a one-layer encoder without non-linearity gives codes linear in the position.

Slides "One Layer Encoder": "A one MLP layer encoder is enough to generate linear codes with
respect to the positions; a non-linearity is not required in the encoder."

Reading: the data are the rows of X (row i: i - 1 zeros then C's, i = 1..n+1, zero signal last).
The encoder is one affine layer z(x) = sum_j w_j x(j) + b with identity activation; by default
w_j = -1/C and b = n + 1, which gives z(row i) = i.  Checked: exactly for every n <= n_max that
the codes are affine in i (constant first differences) and, for the default, equal to i; and
symbolically (sympy) that z(i) - z(i+1) = C w_i, so the codes are affine in i for every n iff
the weights are all equal -- the default is then z(i) = i for all n.
"""

from __future__ import annotations

import sys

import sympy

from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import rational_str, to_rational
from exact.slides001 import data_rows
from proofs.claims.p001 import SOURCE as _SRC, Clock, make_verdict, outputs_obligation
from proofs.symbolic import Step, argument_json
from proofs.verdict import Status, Verdict

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "encoder_from_expressions"]

CLAIM_ID = "001-E1"
TITLE = "A one-layer linear encoder gives codes linear in the step position"
SOURCE = _SRC + ", slide 'One Layer Encoder'"
STATEMENT = ("A one MLP layer encoder is enough to generate linear codes with respect to the positions; "
             "a non-linearity is not required in the encoder.")
READING = ("Encoder z(x) = sum_j w_j x(j) + b (identity activation) on the rows of X (row i: i-1 zeros then C, "
           "i = 1..n+1). Default w_j = -1/C, b = n+1, so z(row i) = i. 'Linear in the position' = affine in i. "
           "Exact check for every n <= n_max; symbolic: z(i) - z(i+1) = C w_i, so codes are affine in i iff all "
           "w_j are equal.")

_j, _n, _C, _i = sympy.symbols("j n C i", positive=True, integer=False)
_ji = sympy.Symbol("j", integer=True, positive=True)
_ni = sympy.Symbol("n", integer=True, positive=True)
_ii = sympy.Symbol("i", integer=True, positive=True)
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


def _symbolic(weights: str, bias: str) -> dict:
    w, b = _parse(weights), _parse(bias)
    # z(i) = b + C sum_{j=i}^{n} w_j
    z = b + _Cp * sympy.summation(w, (_ji, _ii, _ni))
    z = sympy.simplify(z)
    diff = sympy.simplify(z - z.subs(_ii, _ii + 1) - _Cp * w.subs(_ji, _ii))
    const = sympy.simplify(sympy.diff(w, _ji)) == 0 if w.has(_ji) else True
    second = sympy.simplify(z.subs(_ii, _ii + 2) - 2 * z.subs(_ii, _ii + 1) + z)
    steps = [
        Step("row i of X is C for j >= i, 0 for j < i, so z(i) = b + C sum_{j=i}^{n} w_j",
             f"sympy.summation -> z(i) = {z}", True),
        Step("z(i) - z(i+1) = C w_i for every i (so constant differences iff w_i constant)",
             f"simplify(z(i) - z(i+1) - C w_i) = {diff}", diff == 0),
        Step("the weights do not depend on j", f"w_j = {w}", bool(const)),
        Step("second differences vanish: the code is affine in i for every n",
             f"simplify(z(i+2) - 2 z(i+1) + z(i)) = {second}", second == 0),
    ]
    lin = sympy.simplify(z - _ii)
    steps.append(Step("for the given weights z(i) = i", f"simplify(z(i) - i) = {lin}", lin == 0))
    arg = argument_json(steps[:4], "the codes z(row i) are affine in i for every n")
    arg["codes_equal_i"] = bool(lin == 0)
    arg["code_formula"] = str(z)
    return arg


def check(*, n_max: int = 60, amplitude: str = "1", weights: str = "-1/C", bias: str = "n + 1") -> Verdict:
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    clock = Clock()
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument("the amplitude C must be positive")
    failures, obligations = [], []
    for n in range(1, n_max + 1):
        enc = encoder_from_expressions(n, weights, bias, c)
        X = data_rows(n, c)
        codes = [enc.evaluate(x)[0] for x in X]
        d = [codes[k + 1] - codes[k] for k in range(n)]
        if any(v != d[0] for v in d):
            failures.append({"n": n, "codes": [rational_str(v) for v in codes[:12]]})
        if n <= 12:
            obligations.append(outputs_obligation(enc, X, [[v] for v in codes]))
    symbolic = _symbolic(weights, bias)
    if failures:
        status = Status.REFUTED
        desc = f"exact codes of every row of X for n = 1..{n_max}; counterexample at n = {failures[0]['n']}"
    elif symbolic["valid"]:
        status = Status.PROVED
        desc = f"all n (sympy argument); exact codes checked for n = 1..{n_max}"
    else:
        status = Status.VERIFIED
        desc = f"exact codes of every row of X for n = 1..{n_max}"
    evidence = {"encoder": {"weights w_j": weights, "bias b": bias, "amplitude": rational_str(c)},
                "codes_equal_position_i": symbolic["codes_equal_i"],
                "non_affine_codes": failures[:10], "symbolic_argument": symbolic}
    if failures:
        evidence["minimal_counterexample"] = failures[0]
    return make_verdict(sys.modules[__name__], status, {"description": desc, "n_max": n_max}, evidence,
                        obligations, clock,
                        {"disagreements": [], "summary": "exact rational evaluation only (codes are exact sums)"})


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
