"""001-L4 -- with g2 = ReLU, a bias in layer 2 is necessary and sufficient for A2 to be full rank.

Slides "Layer 2" (Lemma).  A2 = ReLU(z W2^T + b2) is (n+1) x n (n2 = n, 001-L3); full rank = rank n.

Three verdicts:

* ``necessity (n >= 3)``: without bias every column ReLU(W2_j z) is W2_j ReLU(z) (W2_j >= 0) or
  |W2_j| ReLU(-z) (W2_j < 0) -- sympy -- so rank A2 <= 2 < n for n >= 3 and any codes (rank <= 1
  for positive codes such as z(i) = i, so n >= 2 there).  Random exact instances agree.
* ``sufficiency``: with a bias, for every set of distinct codes there are W2, b2 with rank A2 = n
  (the sorted-codes construction of :func:`exact.slides001.full_rank_layer2`, a triangular
  matrix with positive diagonal after sorting); exact ranks for random rational codes, n <= n_max.
* ``literal``: "necessary" for every n is refuted for n <= 2: n = 1, codes (1, 2), W2 = 1, no
  bias gives A2 = [1; 2] of rank 1 = n (and n = 2 with codes of both signs).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy

from exact.errors import InvalidArgument
from exact.slides001 import activation_rows, full_rank_layer2, qmatrix
from proofs.claims.p001 import SOURCE as _SRC, Clock, make_verdict, random_rational, rank_obligation, strs
from proofs.symbolic import Step, argument_json
from proofs.verdict import Status

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "distinct_codes"]

CLAIM_ID = "001-L4"
TITLE = "A bias in layer 2 is necessary and sufficient for A2 to be full rank"
SOURCE = _SRC + ", slide 'Layer 2' (Lemma)"
STATEMENT = "If g2 = ReLU, then the presence of a bias is a necessary and sufficient condition to make A2 full rank."
READING = ("A2 = ReLU(z W2^T + b2), (n+1) x n, distinct codes z. Necessary: with b2 = 0 no W2 gives rank n. "
           "Sufficient: with a free bias some (W2, b2) gives rank n, for any distinct codes.")


def distinct_codes(rng: random.Random, m: int, max_height: int = 20) -> list[Fraction]:
    out: list[Fraction] = []
    while len(out) < m:
        v = random_rational(rng, max_height)
        if v not in out:
            out.append(v)
    return out


def _necessity_argument() -> dict:
    z = sympy.Symbol("z", real=True)
    wp, wn = sympy.Symbol("w", positive=True), sympy.Symbol("w", negative=True)
    p = sympy.Symbol("p", positive=True)
    cases = (p, -p, sympy.Integer(0))  # z > 0, z < 0, z = 0
    e1 = sympy.Max(wp * z, 0) - wp * sympy.Max(z, 0)
    e2 = sympy.Max(wn * z, 0) - (-wn) * sympy.Max(-z, 0)
    d1 = [sympy.simplify(e1.subs(z, v)) for v in cases]
    d2 = [sympy.simplify(e2.subs(z, v)) for v in cases]
    steps = [
        Step("w > 0: ReLU(w z) = w ReLU(z)", f"cases z > 0, z < 0, z = 0: Max(w z, 0) - w Max(z, 0) -> {d1}", d1 == [0, 0, 0]),
        Step("w < 0: ReLU(w z) = |w| ReLU(-z)", f"cases z > 0, z < 0, z = 0: Max(w z, 0) - |w| Max(-z, 0) -> {d2}", d2 == [0, 0, 0]),
        Step("w = 0: the column is 0", "ReLU(0) = 0", sympy.Max(0, 0) == 0),
        Step("so without bias every column of A2 lies in span{ReLU(z), ReLU(-z)}: rank A2 <= 2 < n for n >= 3 "
             "(ReLU(-z) = 0 for positive codes: rank <= 1 < n for n >= 2)", "steps 1-3", True),
    ]
    return argument_json(steps, "without a bias A2 is not full rank for n >= 3 (n >= 2 with positive codes)")


def check(*, n_max: int = 30, samples: int = 4, seed: int = 0) -> list:
    if n_max < 3:
        raise InvalidArgument(f"n_max must be at least 3, got {n_max}")
    mod = sys.modules[__name__]
    rng = random.Random(seed)
    verdicts = []

    clock = Clock()
    arg = _necessity_argument()
    viol, obligations, checked = [], [], 0
    for n in range(3, n_max + 1):
        for _ in range(samples):
            z = distinct_codes(rng, n + 1)
            W2 = [random_rational(rng, 9) for _ in range(n)]
            A = activation_rows(z, W2, [0] * n)
            r = qmatrix(A).rank()
            checked += 1
            if r > 2:
                viol.append({"n": n, "codes": strs(z), "W2": strs(W2), "rank": r})
            if n <= 5 and len(obligations) < 3:
                obligations.append(rank_obligation(A, r))
    status = Status.REFUTED if viol else (Status.PROVED if arg["valid"] else Status.INCONCLUSIVE)
    verdicts.append(make_verdict(mod, status, {
        "description": f"all n >= 3 and all codes (sympy argument); {checked} random bias-free A2 for n = 3..{n_max}",
        "n_max": n_max}, {"argument": arg, "bias_free_rank_above_2": viol[:5], "random_instances": checked},
        obligations, clock, variant="necessity (n >= 3)"))

    clock = Clock()
    fails, obligations, checked = [], [], 0
    for n in range(1, n_max + 1):
        for k in range(samples):
            z = distinct_codes(rng, n + 1)
            W2, b2 = full_rank_layer2(z, n)
            A = activation_rows(z, W2, b2)
            r = qmatrix(A).rank()
            checked += 1
            if r != n:
                fails.append({"n": n, "codes": strs(z), "rank": r})
            if n <= 5 and k == 0:
                obligations.append(rank_obligation(A, r))
    # a bias alone does not suffice: equal ratios k_j give equal columns
    equal = activation_rows([1, 2, 3], [1, 2], [-1, -2])
    req = qmatrix(equal).rank()
    obligations.append(rank_obligation(equal, req))
    status = Status.REFUTED if fails else Status.INCONCLUSIVE   # a random sample of code sets, no symbolic argument
    verdicts.append(make_verdict(mod, status, {
        "description": f"no rank deficiency found: exact rank of the sorted-codes construction for a sample of "
                       f"{checked} random rational code sets, n = 1..{n_max} (not every code set)", "n_max": n_max},
        {"failures": fails[:5], "random_instances": checked,
         "general_argument_not_machine_checked": ("sorted around z0, the neurons (z - t)_+ at the codes make A2' "
                                                  "triangular with the gaps between consecutive codes on the diagonal"),
         "not_every_bias": {"codes": ["1", "2", "3"], "W2": ["1", "2"], "b2": ["-1", "-2"], "A2": strs(equal),
                            "rank": req, "note": "equal ratios k_j = b2_j / W2_j give proportional columns"}},
        obligations, clock, variant="sufficiency"))

    clock = Clock()
    A1 = activation_rows([1, 2], [1], [0])
    A2 = activation_rows([1, 2, -1], [1, -1], [0, 0])
    r1, r2 = qmatrix(A1).rank(), qmatrix(A2).rank()
    status = Status.REFUTED if (r1, r2) == (1, 2) else Status.INCONCLUSIVE
    verdicts.append(make_verdict(mod, status, {"description": "n = 1 and n = 2, bias-free"},
                                 {"minimal_counterexample": {"n": 1, "codes": ["1", "2"], "W2": ["1"], "b2": ["0"],
                                                             "A2": strs(A1), "rank": r1},
                                  "n2_example": {"codes": ["1", "2", "-1"], "W2": ["1", "-1"], "A2": strs(A2), "rank": r2}},
                                 [rank_obligation(A1, r1), rank_obligation(A2, r2)], clock, variant="literal",
                                 reading="The bias is necessary for every n >= 1."))
    return verdicts


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
