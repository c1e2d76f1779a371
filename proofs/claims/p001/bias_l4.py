"""001-L4 -- with g2 = ReLU, a bias in layer 2 is necessary and sufficient for A2 to be full rank.

Slides "Layer 2" (Lemma).  A2 = ReLU(z W2^T + b2) is (n+1) x n (n2 = n, 001-L3); full rank = rank n.

Three verdicts:

* ``necessity (n >= 3)``: without bias every column ReLU(W2_j z) is W2_j ReLU(z) (W2_j >= 0) or
  |W2_j| ReLU(-z) (W2_j < 0) -- checked by the kernel on the sign classes -- so rank A2 <= 2 < n for n >= 3 and any codes (rank <= 1
  for positive codes such as z(i) = i, so n >= 2 there).  Random exact instances agree.
* ``sufficiency``: with a bias, for every set of distinct codes there are W2, b2 with rank A2 = n
  (the sorted-codes construction of :func:`exact.slides001.full_rank_layer2`, a triangular
  matrix with positive diagonal after sorting); exact ranks for random rational codes, n <= n_max
  (inconclusive: a sample; the kernel re-checks the listed instances).
* ``literal``: "necessary" for every n is refuted for n <= 2: n = 1, codes (1, 2), W2 = 1, no
  bias gives A2 = [1; 2] of rank 1 = n (and n = 2 with codes of both signs).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

from exact.errors import InvalidArgument
from exact.slides001 import activation_rows, full_rank_layer2, qmatrix
from proofs.certificates import certificate
from proofs.claims.p001 import SOURCE as _SRC, Clock, random_rational, strs
from proofs.verdict import Status, Verdict

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


#: The argument the kernel checks (proofs/kernel/specs/p001.py, 001-L4 [necessity (n >= 3)]).
NECESSITY_ARGUMENT = [("homogeneous", "kernel"),
                      ("span", "theorem: the rank is at most the dimension of a space containing the columns")]
#: Instances listed in the sufficiency certificate (the kernel re-checks each): one per n up to this bound.
LISTED_N_MAX = 6
_NO_FLOAT = {"disagreements": [], "summary": "no float64 computation involved"}


def _verdict(status, variant, scope, evidence, clock, cert, reading=None) -> Verdict:
    return Verdict(claim=CLAIM_ID, status=status, variant=variant, scope=scope, evidence=evidence, crosscheck=_NO_FLOAT,
                   seconds=clock(), title=TITLE, statement=STATEMENT, reading=reading or READING, source=SOURCE,
                   certificate=cert)


def check(*, n_max: int = 30, samples: int = 4, seed: int = 0) -> list:
    if n_max < 3:
        raise InvalidArgument(f"n_max must be at least 3, got {n_max}")
    rng = random.Random(seed)
    verdicts = []

    clock = Clock()
    viol, checked = [], 0
    for n in range(3, n_max + 1):
        for _ in range(samples):
            z = distinct_codes(rng, n + 1)
            W2 = [random_rational(rng, 9) for _ in range(n)]
            r = qmatrix(activation_rows(z, W2, [0] * n)).rank()
            checked += 1
            if r > 2:
                viol.append({"n": n, "codes": strs(z), "W2": strs(W2), "rank": r})
    arg = ("ReLU(w z) = ReLU(w) ReLU(z) + ReLU(-w) ReLU(-z) (kernel: the nine sign classes of (w, z)), so every column "
           "of a bias-free A2 lies in span{ReLU(z), ReLU(-z)}: rank A2 <= 2 < n for n >= 3 (rank <= 1 for positive "
           "codes such as z(i) = i, so n >= 2 there)")
    full = [v for v in viol if v["rank"] == v["n"]]
    if full:
        status = Status.REFUTED
        cert = certificate(CLAIM_ID, status, scope={}, variant="necessity (n >= 3)",
                           evidence={"n": full[0]["n"], "codes": full[0]["codes"], "W2": full[0]["W2"]})
    else:
        status = Status.PROVED
        cert = certificate(CLAIM_ID, status, scope={}, variant="necessity (n >= 3)", argument=NECESSITY_ARGUMENT)
    verdicts.append(_verdict(status, "necessity (n >= 3)", {
        "description": f"all n >= 3 and all codes (kernel-checked argument); {checked} random bias-free A2 for "
                       f"n = 3..{n_max}", "n_max": n_max},
        {"argument": arg, "bias_free_rank_above_2": viol[:5], "random_instances": checked}, clock, cert))

    clock = Clock()
    fails, listed, checked = [], [], 0
    for n in range(1, n_max + 1):
        for k in range(samples):
            z = distinct_codes(rng, n + 1)
            W2, b2 = full_rank_layer2(z, n)
            r = qmatrix(activation_rows(z, W2, b2)).rank()
            checked += 1
            if r != n:
                fails.append({"n": n, "codes": strs(z), "rank": r})
            elif n <= LISTED_N_MAX and k == 0:
                listed.append({"codes": list(z), "W2": list(W2), "b2": list(b2)})
    equal = activation_rows([1, 2, 3], [1, 2], [-1, -2])   # a bias alone does not suffice: equal ratios k_j
    req = qmatrix(equal).rank()
    status = Status.INCONCLUSIVE   # a random sample of code sets, no argument for every code set
    cert = certificate(CLAIM_ID, status, scope={}, variant="sufficiency",
                       evidence={"searched": checked, "seed": seed,
                                 "drawn": f"{samples} code sets per n = 1..{n_max}: n + 1 distinct random rationals "
                                          "p/q (|p|, q <= 20), layer 2 from the sorted-codes construction",
                                 "instances": listed})
    verdicts.append(_verdict(status, "sufficiency", {
        "description": f"no rank deficiency found: exact rank of the sorted-codes construction for a sample of "
                       f"{checked} random rational code sets, n = 1..{n_max} (not every code set; the kernel "
                       f"re-checks the {len(listed)} listed for n <= {LISTED_N_MAX})", "n_max": n_max},
        {"failures": fails[:5], "random_instances": checked,
         "general_argument_not_machine_checked": ("sorted around z0, the neurons (z - t)_+ at the codes make A2' "
                                                  "triangular with the gaps between consecutive codes on the diagonal"),
         "not_every_bias": {"codes": ["1", "2", "3"], "W2": ["1", "2"], "b2": ["-1", "-2"], "A2": strs(equal),
                            "rank": req, "note": "equal ratios k_j = b2_j / W2_j give proportional columns"}},
        clock, cert))

    clock = Clock()
    A1 = activation_rows([1, 2], [1], [0])
    A2 = activation_rows([1, 2, -1], [1, -1], [0, 0])
    r1, r2 = qmatrix(A1).rank(), qmatrix(A2).rank()
    status = Status.REFUTED if (r1, r2) == (1, 2) else Status.INCONCLUSIVE
    cert = certificate(CLAIM_ID, status, scope={}, variant="literal", evidence={"n": 1, "codes": [1, 2], "W2": [1]})
    verdicts.append(_verdict(status, "literal", {"description": "n = 1 and n = 2, bias-free (the certificate holds n = 1)"},
                             {"minimal_counterexample": {"n": 1, "codes": ["1", "2"], "W2": ["1"], "b2": ["0"],
                                                         "A2": strs(A1), "rank": r1},
                              "n2_example": {"codes": ["1", "2", "-1"], "W2": ["1", "-1"], "A2": strs(A2), "rank": r2}},
                             clock, cert, reading="The bias is necessary for every n >= 1."))
    return verdicts


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
