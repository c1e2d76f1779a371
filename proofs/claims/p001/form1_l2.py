"""001-L2 -- perfect reconstruction Y = ReLU(U3) = X iff U3 has form (1); such U3 are full rank.

Slides "Layer 3" (Lemma): "A perfect reconstruction Y = X is achieved only if U3 is a full rank
matrix of the form (1)": entries where X = C equal C, the others u^(i)_j <= 0.

Two verdicts:

* ``iff``: ReLU(U3) = X iff U3 has form (1) (C > 0): entrywise, ReLU(u) = C iff u = C and
  ReLU(u) = 0 iff u <= 0 (sympy).  Exact checks on random form-(1) matrices (and on perturbed
  ones, which must fail) for n <= n_max.
* ``full rank``: every U3 of form (1) has rank n (full column rank; (n+1) x n cannot have rank
  n+1).  The top n x n block M has det M = C prod_{i=1}^{n-1} (C - u^(i+1)_i) > 0 (subtract row
  i+1 from row i: the result is lower triangular).  The determinant identity is checked by sympy
  with every free entry a symbol for n <= sym_n, and the exact rank (flint) on random rational
  instances for n <= n_max.  Beyond sym_n the argument is the row-difference one, not
  machine-checked, so the status is ``verified``.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy

from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import to_rational
from exact.slides001 import data_rows, form1_from_entries, is_form1, qmatrix, random_form1
from proofs.claims.p001 import (SOURCE as _SRC, Clock, make_verdict, outputs_obligation, random_rational,
                                rank_obligation, strs)
from proofs.symbolic import Step, argument_json
from proofs.verdict import Status

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "symbolic_form1_det"]

CLAIM_ID = "001-L2"
TITLE = "Y = ReLU(U3) = X iff U3 has form (1); form-(1) matrices have full rank"
SOURCE = _SRC + ", slide 'Layer 3' (Lemma, form (1))"
STATEMENT = ("A perfect reconstruction Y = X is achieved only if U3 is a full rank matrix of the form (1): C on and "
             "above the staircase of X, u^(i)_j <= 0 for i = 2..n+1, j = 1..i-1.")
READING = ("C > 0. 'iff': ReLU(U3) = X exactly when U3 has form (1). 'Full rank' for an (n+1) x n matrix means rank n. "
           "Both checked; the rank statement symbolically for n <= sym_n and on random exact instances.")


def _relu_identity(n: int) -> Network:
    return Network((Layer(tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)), (), Activation.RELU),))


def symbolic_form1_det(n: int) -> tuple[bool, str]:
    """sympy: det of the top n x n block of a symbolic form-(1) matrix equals C prod (C - u_{i+1,i})."""
    C = sympy.Symbol("C", positive=True)
    u = {(i, j): sympy.Symbol(f"u{i}_{j}") for i in range(n) for j in range(i)}
    M = sympy.Matrix(n, n, lambda i, j: C if j >= i else u[(i, j)])
    det = sympy.expand(M.det(method="berkowitz"))
    target = sympy.expand(C * sympy.prod([C - u[(i + 1, i)] for i in range(n - 1)]))
    return sympy.expand(det - target) == 0, str(sympy.factor(det))


def check(*, n_max: int = 40, sym_n: int = 6, samples: int = 5, seed: int = 0, amplitude: str = "1") -> list:
    if n_max < 1 or sym_n < 1:
        raise InvalidArgument("n_max and sym_n must be at least 1")
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument("the amplitude C must be positive")
    mod = sys.modules[__name__]
    rng = random.Random(seed)

    # -- iff ---------------------------------------------------------------------------------
    clock = Clock()
    u, C = sympy.Symbol("u", real=True), sympy.Symbol("C", positive=True)
    s1 = sympy.solve(sympy.Eq(sympy.Max(u, 0), C), u)
    steps = [
        Step("ReLU(u) = C with C > 0 iff u = C", f"sympy.solve(Max(u, 0) = C) -> {s1}", s1 == [C]),
        Step("ReLU(u) = 0 iff u <= 0", "Max(u, 0) = 0 on (-oo, 0] and = u > 0 elsewhere: "
             f"Max(-1,0)={sympy.Max(-1, 0)}, Max(u,0) for u>0: {sympy.Max(sympy.Symbol('p', positive=True), 0)}",
             sympy.Max(sympy.Symbol('p', positive=True), 0) == sympy.Symbol('p', positive=True)
             and sympy.Max(sympy.Symbol('q', nonpositive=True), 0) == 0
             and sympy.Max(-sympy.Symbol('p', nonnegative=True), 0) == 0),
        Step("applied entrywise to Y = ReLU(U3) = X: entries where X = C must be C, the others <= 0 (form (1))",
             "definition of form (1)", True),
    ]
    arg = argument_json(steps, "ReLU(U3) = X iff U3 has form (1)")
    bad, obligations, checked = [], [], 0
    for n in range(1, n_max + 1):
        X = data_rows(n, c)
        for k in range(samples):
            U = random_form1(n, c, seed=rng.randrange(1 << 30))
            relu = [tuple(max(v, Fraction(0)) for v in r) for r in U]
            if relu != list(X) or not is_form1(U, n, c):
                bad.append({"n": n, "kind": "form (1) not reconstructed"})
            # perturbed: a free entry made positive or a C entry changed must break both
            rows = [list(r) for r in U]
            i = rng.randrange(n + 1)
            j = rng.randrange(n)
            rows[i][j] = abs(rows[i][j]) + 1 if j < i else c / 2   # free entry made > 0, or C changed
            relu_p = [tuple(max(v, Fraction(0)) for v in r) for r in rows]
            if (relu_p == list(X)) != is_form1(rows, n, c) or relu_p == list(X):
                bad.append({"n": n, "kind": "perturbed matrix still reconstructs"})
            checked += 2
            if n <= 5 and k == 0:
                obligations.append(outputs_obligation(_relu_identity(n), U, X))
    status = Status.REFUTED if bad else (Status.PROVED if arg["valid"] else Status.INCONCLUSIVE)
    verdicts = [make_verdict(mod, status, {
        "description": f"all n (entrywise argument, sympy-checked); plus a sample of {checked} exact random instances (form (1) and perturbed) for n = 1..{n_max}",
        "n_max": n_max}, {"argument": arg, "failures": bad[:10], "instances_checked": checked}, obligations, clock,
        variant="iff")]

    # -- full rank ---------------------------------------------------------------------------
    clock = Clock()
    sym = []
    for n in range(1, sym_n + 1):
        ok, f = symbolic_form1_det(n)
        sym.append(Step(f"n = {n}: det(top n x n block) = C prod_i (C - u_(i+1,i)) for every entry", f"det = {f}", ok))
    rank_fail, obligations, checked = [], [], 0
    example = None
    for n in range(1, n_max + 1):
        for k in range(samples):
            U = random_form1(n, c, seed=rng.randrange(1 << 30))
            r = qmatrix(U).rank()
            checked += 1
            if r != n:
                rank_fail.append({"n": n, "U3": strs(U)})
            if n <= 6 and k == 0:
                obligations.append(rank_obligation(U, r))
                if n == 3:
                    example = strs(U)
    # what the sign condition buys: u_(2,1) = C (not form (1)) makes the top block singular
    lower = [c] + [Fraction(0)] * 2
    Ubad = form1_from_entries(2, lower, c)
    top_rank = qmatrix(Ubad[:2]).rank()
    obligations.append(rank_obligation(Ubad[:2], top_rank))
    sym_arg = argument_json(sym, f"every form-(1) matrix with n <= {sym_n} has a non-singular top block, so rank n")
    status = Status.REFUTED if rank_fail else (Status.PROVED if sym_arg["valid"] else Status.INCONCLUSIVE)
    evidence = {"symbolic_determinants": sym_arg, "random_instances": checked, "rank_failures": rank_fail[:5],
                "example_n3": example,
                "sign_condition_matters": {"U3_top_with_u21_equal_C": strs(Ubad[:2]), "rank": top_rank},
                "general_argument": "subtracting row i+1 from row i (i < n) leaves a lower triangular block with "
                                    "diagonal C - u_(i+1,i) >= C > 0 and C: det = C prod (C - u_(i+1,i)) > 0"}
    verdicts.append(make_verdict(mod, status, {
        "description": (f"every U3 of form (1) with n = 1..{sym_n} (sympy determinant, every entry symbolic); "
                        f"larger n: only a sample, exact rank of {checked} random rational instances for n = 1..{n_max}"), "n_max": n_max, "sym_n": sym_n},
        evidence, obligations, clock, variant="full rank"))
    return verdicts


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
