"""001-L4 -- with g2 = ReLU, a bias in layer 2 is necessary and sufficient for A2 to be full rank.

Slides "Layer 2" (Lemma).  A2 = ReLU(z W2^T + b2) is (n+1) x n (n2 = n, 001-L3); full rank = rank n.

Three verdicts:

* ``necessity (n >= 3)``: without bias every column ReLU(W2_j z) is W2_j ReLU(z) (W2_j >= 0) or
  |W2_j| ReLU(-z) (W2_j < 0) -- checked by the kernel on the sign classes -- so rank A2 <= 2 < n for n >= 3 and any codes (rank <= 1
  for positive codes such as z(i) = i, so n >= 2 there).  Random exact instances agree.
* ``sufficiency``: with a bias, for every set of distinct codes there are W2, b2 with rank A2 = n
  (the sorted-codes construction of :func:`exact.slides001.full_rank_layer2`: after sorting, A2'
  is triangular with the gaps between consecutive codes on its diagonal).  Proved for every n by
  the argument the kernel checks (proofs/kernel/specs/p001_sorted.py), which also re-enumerates
  every arrangement of the codes 1..n+1 for n <= SORTED_N_MAX; exact ranks for random rational
  codes, n <= n_max, are extra evidence.
* ``sufficiency, repeated codes`` (negative control): without distinct codes the statement fails,
  n = 2 and codes (1, 1, 1) give rank A2 <= 1 for every (W2, b2).
* ``literal``: "necessary" for every n is refuted for n <= 2: n = 1, codes (1, 2), W2 = 1, no
  bias gives A2 = [1; 2] of rank 1 = n (and n = 2 with codes of both signs).
"""

from __future__ import annotations

import random
import re
from fractions import Fraction

from math import factorial

from exact.errors import InvalidArgument, ToolkitError
from exact.slides001 import activation_rows, full_rank_layer2, qmatrix
from proofs.claim import claim
from proofs.claims.p001 import (SORTED_ARGUMENT, SORTED_N_MAX, SORTED_TEXTS_LATEX, SOURCE as _SRC,
                                arrangements_count, kernel_argument,
                                random_rational, strs)
from proofs.verdict import Status

__all__ = ["check", "distinct_codes"]


def distinct_codes(rng: random.Random, m: int, max_height: int = 20) -> list[Fraction]:
    out: list[Fraction] = []
    while len(out) < m:
        v = random_rational(rng, max_height)
        if v not in out:
            out.append(v)
    return out


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    **SORTED_TEXTS_LATEX,
    "If g2 = ReLU, then the presence of a bias is a necessary and sufficient condition to make A2 full rank.":
        r"If $g_2 = \mathrm{ReLU}$, then the presence of a bias is a necessary and sufficient condition to make $A_2$ "
        r"full rank.",
    re.compile(r"all n >= 3 and all codes \(kernel-checked argument\); (\d+) random bias-free A2 for n = 3\.\.(\d+)"):
        r"all $n \ge 3$ and all codes (kernel-checked argument); #1 random bias-free $A_2$ for $n = 3, \dots, #2$",
    "every column of A2 lies in span{ReLU(z), ReLU(-z)}: rank A2 <= 2 < n for n >= 3":
        (r"every column of $A_2$ lies in $\operatorname{span}\{\mathrm{ReLU}(z), \mathrm{ReLU}(-z)\}$: "
         r"$\operatorname{rank} A_2 \le 2 < n$ for $n \ge 3$"),
    ("ReLU(w z) = ReLU(w) ReLU(z) + ReLU(-w) ReLU(-z) (kernel: the nine sign classes of (w, z)), so every column "
     "of a bias-free A2 lies in span{ReLU(z), ReLU(-z)}: rank A2 <= 2 < n for n >= 3 (rank <= 1 for positive "
     "codes such as z(i) = i, so n >= 2 there)"):
        (r"$\mathrm{ReLU}(w z) = \mathrm{ReLU}(w)\,\mathrm{ReLU}(z) + \mathrm{ReLU}(-w)\,\mathrm{ReLU}(-z)$ (kernel: "
         r"the nine sign classes of $(w, z)$), so every column of a bias-free $A_2$ lies in "
         r"$\operatorname{span}\{\mathrm{ReLU}(z), \mathrm{ReLU}(-z)\}$: $\operatorname{rank} A_2 \le 2 < n$ for "
         r"$n \ge 3$ ($\operatorname{rank} \le 1$ for positive codes such as $z(i) = i$, so $n \ge 2$ there)"),
    re.compile(r"all n and every set of distinct codes \(kernel-checked argument\); the kernel re-enumerates every "
               r"arrangement of the codes 1\.\.n\+1 for n <= (\d+); plus exact ranks for a sample of (\d+) random "
               r"rational code sets, n = 1\.\.(\d+)"):
        (r"all $n$ and every set of distinct codes (kernel-checked argument); the kernel re-enumerates every "
         r"arrangement of the codes $1, \dots, n+1$ for $n \le #1$; plus exact ranks for a sample of #2 random "
         r"rational code sets, $n = 1, \dots, #3$"),
    "A2 has n columns and the invertible n x n submatrix A2': rank A2 = n":
        r"$A_2$ has $n$ columns and the invertible $n \times n$ submatrix $A_2'$: $\operatorname{rank} A_2 = n$",
    "for every n and every n + 1 distinct codes, the sorted-codes layer 2 (n ReLU neurons with a bias) gives rank A2 = n":
        (r"for every $n$ and every $n + 1$ distinct codes, the sorted-codes layer 2 ($n$ ReLU neurons with a bias) "
         r"gives $\operatorname{rank} A_2 = n$"),
    re.compile(r"001-L4 \[sufficiency\] proved \(([^)]*)\): With a bias, for every n and every distinct codes "
               r"z_1\.\.z_\{n\+1\} some \(W2, b2\) with n ReLU neurons gives A2 = ReLU\(z W2\^T \+ b2\) of rank n\."):
        lambda m: (r"001-L4 [sufficiency] proved (%s): With a bias, for every $n$ and every distinct codes "
                   r"$z_1, \dots, z_{n+1}$ some $(W_2, b_2)$ with $n$ ReLU neurons gives "
                   r"$A_2 = \mathrm{ReLU}(z W_2^T + b_2)$ of rank $n$." % m.group(1).replace("_", r"\_")),
    "equal ratios k_j = b2_j / W2_j give proportional columns":
        r"equal ratios $k_j = b_{2,j} / W_{2,j}$ give proportional columns",
    "n = 2, codes (1, 1, 1): one distinct row, so rank A2 <= 1 < n for every (W2, b2)":
        (r"$n = 2$, codes $(1, 1, 1)$: one distinct row, so $\operatorname{rank} A_2 \le 1 < n$ for every "
         r"$(W_2, b_2)$"),
    "n2 example": r"example, $n = 2$",
}


#: The argument the kernel checks (proofs/kernel/specs/p001.py, 001-L4 [necessity (n >= 3)]).
NECESSITY_ARGUMENT = [("homogeneous", "kernel"),
                      ("span", "theorem: the rank is at most the dimension of a space containing the columns")]


@claim("001-L4",
       title_latex=r"A bias in layer 2 is necessary and sufficient for $A_2$ to be full rank",
       reading_latex=(r"$A_2=\mathrm{ReLU}(zW_2^T+b_2)$ of size $(n+1)\times n$, distinct codes $z$. Necessary: with "
                      r"$b_2=0$ no $W_2$ gives rank $n$. Sufficient: with a free bias some $(W_2,b_2)$ gives rank $n$, "
                      r"for any distinct codes."),
       variants_latex={"necessity (n >= 3)": r"necessity ($n\ge 3$)",
                       "sufficiency": r"sufficiency",
                       "sufficiency, repeated codes": r"sufficiency, repeated codes",
                       "literal": r"literal"},
       readings_latex={"sufficiency, repeated codes": (r"Negative control (the hypothesis `distinct codes' dropped): "
                                                       r"for every $n$ and every $n+1$ codes some $(W_2,b_2)$ gives "
                                                       r"rank $n$."),
                       "literal": r"The bias is necessary for every $n\ge 1$."},
       latex=r"g_2=\mathrm{ReLU}:\ \operatorname{rank}A_2=n \text{ possible} \iff \text{a bias } b_2",
       title="A bias in layer 2 is necessary and sufficient for A2 to be full rank",
       source=_SRC + ", slide 'Layer 2' (Lemma)",
       statement="If g2 = ReLU, then the presence of a bias is a necessary and sufficient condition to make A2 full rank.",
       reading=("A2 = ReLU(z W2^T + b2), (n+1) x n, distinct codes z. Necessary: with b2 = 0 no W2 gives rank n. "
                "Sufficient: with a free bias some (W2, b2) gives rank n, for any distinct codes."))
def check(*, n_max: int = 30, samples: int = 4, seed: int = 0) -> list:
    if n_max < 3:
        raise InvalidArgument(f"n_max must be at least 3, got {n_max}")
    rng = random.Random(seed)
    verdicts = []

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
        cert = check.certificate(status, scope={}, variant="necessity (n >= 3)",
                                 evidence={"n": full[0]["n"], "codes": full[0]["codes"], "W2": full[0]["W2"]})
    else:
        status = Status.PROVED
        cert = check.certificate(status, scope={}, variant="necessity (n >= 3)", argument=NECESSITY_ARGUMENT)
    verdicts.append(check.verdict(status, variant="necessity (n >= 3)", scope={
        "description": f"all n >= 3 and all codes (kernel-checked argument); {checked} random bias-free A2 for "
                       f"n = 3..{n_max}", "n_max": n_max},
        evidence={"argument": arg, "bias_free_rank_above_2": viol[:5], "random_instances": checked}, certificate=cert))

    fails, checked = [], 0
    for n in range(1, n_max + 1):
        for k in range(samples):
            z = distinct_codes(rng, n + 1)
            W2, b2 = full_rank_layer2(z, n)
            r = qmatrix(activation_rows(z, W2, b2)).rank()
            checked += 1
            if r != n:
                fails.append({"n": n, "codes": strs(z), "rank": r})
    if fails:   # the argument covers every code set: a failure is a bug of the construction
        raise ToolkitError(f"001-L4 [sufficiency]: the sorted-codes construction is rank deficient at {fails[:3]}")
    equal = activation_rows([1, 2, 3], [1, 2], [-1, -2])   # a bias alone does not suffice: equal ratios k_j
    req = qmatrix(equal).rank()
    nk = min(n_max, SORTED_N_MAX)
    steps = SORTED_ARGUMENT + [("rank", "theorem: the rank is the largest order of a non-zero minor",
                                "A2 has n columns and the invertible n x n submatrix A2': rank A2 = n")]
    status = Status.PROVED
    cert = check.certificate(status, scope={"n_max": nk}, variant="sufficiency",
                             evidence={"checked": arrangements_count(nk, lambda n: factorial(n + 1))},
                             argument=[(i, ch) for i, ch, _ in steps])
    arg = kernel_argument(cert, steps, "for every n and every n + 1 distinct codes, the sorted-codes layer 2 "
                                       "(n ReLU neurons with a bias) gives rank A2 = n")
    verdicts.append(check.verdict(status, variant="sufficiency", scope={
        "description": f"all n and every set of distinct codes (kernel-checked argument); the kernel re-enumerates "
                       f"every arrangement of the codes 1..n+1 for n <= {nk}; plus exact ranks for a sample of "
                       f"{checked} random rational code sets, n = 1..{n_max}", "n_max": n_max},
        evidence={"argument": arg, "failures": fails[:5], "random_instances": checked,
                  "not_every_bias": {"codes": ["1", "2", "3"], "W2": ["1", "2"], "b2": ["-1", "-2"], "A2": strs(equal),
                                     "rank": req, "note": "equal ratios k_j = b2_j / W2_j give proportional columns"}},
        certificate=cert))

    # negative control: codes that repeat (fewer than n distinct values) leave rank A2 < n for every (W2, b2)
    rep = [1, 1, 1]
    worst = max(qmatrix(activation_rows(rep, [random_rational(rng, 9) for _ in range(2)],
                                        [random_rational(rng, 9) for _ in range(2)])).rank() for _ in range(20))
    if worst >= 2:
        raise ToolkitError("001-L4 [sufficiency, repeated codes]: equal codes gave rank 2")
    status = Status.REFUTED
    cert = check.certificate(status, scope={}, variant="sufficiency, repeated codes", evidence={"n": 2, "codes": rep})
    verdicts.append(check.verdict(
        status, variant="sufficiency, repeated codes",
        scope={"description": "n = 2, codes (1, 1, 1): one distinct row, so rank A2 <= 1 < n for every (W2, b2)"},
        evidence={"counterexample": {"n": 2, "codes": ["1", "1", "1"]}, "largest_rank_of_20_random_layers": worst},
        reading="Negative control (the hypothesis 'distinct codes' dropped): for every n and every n + 1 codes some "
                "(W2, b2) gives rank n.", certificate=cert))

    A1 = activation_rows([1, 2], [1], [0])
    A2 = activation_rows([1, 2, -1], [1, -1], [0, 0])
    r1, r2 = qmatrix(A1).rank(), qmatrix(A2).rank()
    status = Status.REFUTED if (r1, r2) == (1, 2) else Status.INCONCLUSIVE
    cert = check.certificate(status, scope={}, variant="literal", evidence={"n": 1, "codes": [1, 2], "W2": [1]})
    verdicts.append(check.verdict(
        status, variant="literal", scope={"description": "n = 1 and n = 2, bias-free (the certificate holds n = 1)"},
        evidence={"minimal_counterexample": {"n": 1, "codes": ["1", "2"], "W2": ["1"], "b2": ["0"],
                                             "A2": strs(A1), "rank": r1},
                  "n2_example": {"codes": ["1", "2", "-1"], "W2": ["1", "-1"], "A2": strs(A2), "rank": r2}},
        reading="The bias is necessary for every n >= 1.", certificate=cert))
    return verdicts
