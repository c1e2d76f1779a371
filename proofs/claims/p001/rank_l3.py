"""001-L3 -- U3 = A2 W3^T can be full rank only if n2 = n, W3 and A2 are full rank.

Slides "Layer 3" (Lemma): rank(U3) <= min(rank A2, rank W3); U3 can be full rank under three
necessary conditions: (1) n2 = n, (2) W3 is full rank, (3) A2 is full rank.

Two verdicts:

* ``n2 = n`` (proved): with U3 of rank n (001-L2), rank(U3) <= min(rank A2, rank W3) forces
  n2 >= n, rank W3 = n and rank A2 >= n; with exactly n2 = n neurons W3 (n x n) and A2 ((n+1) x n)
  are then full rank (two cited theorems on ranks).  Presence, re-built by the kernel: the
  handcrafted decoder (A2, W3 full rank, n2 = n) reconstructs X.  Extra evidence: the rank
  inequality on random rational decoders for n <= n_max and n2 in {n-1, n, n+1}.
* ``literal``: "n2 = n" and "A2 full rank" as necessary conditions for a perfect reconstruction
  are refuted: duplicating a neuron of the handcrafted decoder (splitting its output weights)
  gives n2 = n + 1 and a singular (n+1) x (n+1) matrix A2, yet Y = X.  Shrunk to n = 1.
"""

from __future__ import annotations

import random
import re

from exact.slides001 import (activation_rows, decoder_network, decoder_output, linear_codes,
                             qmatrix, relu_product_violations)
from proofs.claim import claim
from proofs.claims.p001 import scope_params, SOURCE as _SRC, linear_decoder, random_rational, strs
from proofs.verdict import Status

__all__ = ["check", "duplicated_neuron_decoder"]


def duplicated_neuron_decoder(n: int, amplitude=1):
    """The handcrafted decoder with its last neuron duplicated (W3 column split in halves): n2 = n + 1."""
    dec = linear_decoder(n, amplitude)
    W2 = dec.W2 + (dec.W2[-1],)
    b2 = dec.b2 + (dec.b2[-1],)
    W3 = [list(r[:-1]) + [r[-1] / 2, r[-1] / 2] for r in dec.W3.rows()]
    return W2, b2, W3


#: The argument (cited theorems; proofs/kernel/specs/p001.py, 001-L3 [n2 = n]).
ARGUMENT = [("product", "theorem: rank(A B) <= min(rank A, rank B)"),
            ("sizes", "theorem: a rank is at most the number of rows and of columns")]
#: The kernel re-builds the presence-side decoder for n up to this bound.
KERNEL_N_MAX = 30


#: Texts of this claim's verdicts (the kernel's steps, scope, evidence, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    ("rank(U3) <= min(rank A2, rank W3); the pre-activation matrix U3 can be full rank under three necessary "
     "conditions: n2 = n, W3 is full rank, A2 is full rank."):
        (r"$\operatorname{rank} U_3 \le \min(\operatorname{rank} A_2, \operatorname{rank} W_3)$; the pre-activation "
         r"matrix $U_3$ can be full rank under three necessary conditions: $n_2 = n$, $W_3$ is full rank, $A_2$ is "
         r"full rank."),
    re.compile(r"all n \(rank inequality, cited theorems\); presence side: the handcrafted decoder \(n2 = n, A2 and W3 "
               r"full rank\) for every n = 1\.\.(\d+) \(kernel re-builds n = 1\.\.(\d+)\); plus exact ranks of (\d+) "
               r"random rational decoders \(n2 = n-1, n, n\+1\)"):
        (r"all $n$ (rank inequality, cited theorems); presence side: the handcrafted decoder ($n_2 = n$, $A_2$ and "
         r"$W_3$ full rank) for every $n = 1, \dots, #1$ (kernel re-builds $n = 1, \dots, #2$); plus exact ranks of "
         r"#3 random rational decoders ($n_2 = n-1, n, n+1$)"),
    "rank(A B) <= min(rank A, rank B)": r"$\operatorname{rank}(AB) \le \min(\operatorname{rank} A, \operatorname{rank} B)$",
    "rank U3 = rank(A2 W3^T) <= min(rank A2, rank W3)":
        r"$\operatorname{rank} U_3 = \operatorname{rank}(A_2 W_3^T) \le \min(\operatorname{rank} A_2, \operatorname{rank} W_3)$",
    ("rank W3 <= min(n, n2), rank A2 <= min(n + 1, n2): rank U3 = n forces n2 >= n, rank W3 = n, rank A2 >= n"):
        (r"$\operatorname{rank} W_3 \le \min(n, n_2)$, $\operatorname{rank} A_2 \le \min(n + 1, n_2)$: "
         r"$\operatorname{rank} U_3 = n$ forces $n_2 \ge n$, $\operatorname{rank} W_3 = n$, $\operatorname{rank} A_2 \ge n$"),
    re.compile(r"handcrafted decoder \(n2 = n, A2 and W3 full rank\) reconstructs X for n = 1\.\.(\d+): (True|False)"):
        lambda m: (r"the handcrafted decoder ($n_2 = n$, $A_2$ and $W_3$ full rank) %s $X$ for $n = 1, \dots, %s$"
                   % ("reconstructs" if m.group(2) == "True" else "does NOT reconstruct", m.group(1))),
    ("rank(U3) <= min(rank A2, rank W3) (rank of a product) and rank W3 <= min(n, n2), rank A2 <= n2 (a rank is at "
     "most the number of rows and columns): rank(U3) = n forces n2 >= n, rank W3 = n, rank A2 >= n; for n2 = n these "
     "are 'W3, A2 full rank'. Both steps are cited theorems; the kernel rebuilds the presence side"):
        (r"$\operatorname{rank} U_3 \le \min(\operatorname{rank} A_2, \operatorname{rank} W_3)$ (rank of a product) and "
         r"$\operatorname{rank} W_3 \le \min(n, n_2)$, $\operatorname{rank} A_2 \le n_2$ (a rank is at most the number "
         r"of rows and columns): $\operatorname{rank} U_3 = n$ forces $n_2 \ge n$, $\operatorname{rank} W_3 = n$, "
         r"$\operatorname{rank} A_2 \ge n$; for $n_2 = n$ these are `$W_3$, $A_2$ full rank'. Both steps are cited "
         r"theorems; the kernel rebuilds the presence side"),
    ("n2 = n + 1 and A2 (square) singular, yet Y = X: neither is necessary; what is necessary is n2 >= n and "
     "rank A2 >= n"):
        (r"$n_2 = n + 1$ and $A_2$ (square) singular, yet $Y = X$: neither is necessary; what is necessary is "
         r"$n_2 \ge n$ and $\operatorname{rank} A_2 \ge n$"),
}


@claim("001-L3",
       title_latex=r"$U_3$ full rank needs $n_2=n$, $W_3$ full rank and $A_2$ full rank",
       reading_latex=(r"$U_3=A_2W_3^T$ with $A_2$ of size $(n+1)\times n_2$ and $W_3$ of size $n\times n_2$; `$U_3$ "
                      r"full rank' means rank $n$ (every $U_3$ of form (1), 001-L2). Reading `$n_2=n$': the conditions "
                      r"are necessary when the layer has $n$ neurons, and $n_2\ge n$ in general. Literal: $n_2=n$ and "
                      r"$A_2$ full rank are necessary for a perfect reconstruction."),
       variants_latex={"n2 = n": r"$n_2=n$",
                       "literal": r"literal"},
       latex=r"\operatorname{rank}U_3\le\min(\operatorname{rank}A_2,\operatorname{rank}W_3);\ \operatorname{rank}U_3=n \Rightarrow n_2=n,\ \operatorname{rank}A_2=\operatorname{rank}W_3=n",
       title="U3 full rank needs n2 = n, W3 full rank and A2 full rank",
       source=_SRC + ", slide 'Layer 3' (Lemma on ranks)",
       statement=("rank(U3) <= min(rank A2, rank W3); the pre-activation matrix U3 can be full rank under three "
                  "necessary conditions: n2 = n, W3 is full rank, A2 is full rank."),
       reading=("U3 = A2 W3^T with A2 (n+1) x n2 and W3 n x n2; 'U3 full rank' = rank n (every form-(1) U3, 001-L2). "
                "Reading 'n2 = n': the conditions are necessary when the layer has n neurons, and n2 >= n in general. "
                "Literal: n2 = n and A2 full rank are necessary for a perfect reconstruction."))
def check(*, n_max: int = 20, samples: int = 4, seed: int = 0, amplitude: str = "1") -> list:
    c = scope_params(n_max, amplitude)
    rng = random.Random(seed)

    ineq_fail, below_reached, checked = [], [], 0
    for n in range(1, n_max + 1):
        for n2 in (max(n - 1, 1), n, n + 1):
            for _ in range(samples):
                z = [random_rational(rng, 9) for _ in range(n + 1)]
                W2 = [random_rational(rng, 9, nonzero=True) for _ in range(n2)]
                b2 = [random_rational(rng, 9) for _ in range(n2)]
                A2 = qmatrix(activation_rows(z, W2, b2))
                W3 = qmatrix([[random_rational(rng, 5) for _ in range(n2)] for _ in range(n)])
                rU, rA, rW = (A2 @ W3.T).rank(), A2.rank(), W3.rank()
                checked += 1
                if rU > min(rA, rW):
                    ineq_fail.append({"n": n, "n2": n2})
                if n2 < n and rU >= n:
                    below_reached.append({"n": n, "n2": n2})
    constructions = []
    for n in range(1, n_max + 1):
        dec = linear_decoder(n, c)
        ok = not dec.output_violations(c)
        constructions.append({"n": n, "reconstructs": ok, "rank_A2": dec.A2.rank(), "rank_W3": dec.W3.rank()})
    good = all(x["reconstructs"] and x["rank_A2"] == x["n"] == x["rank_W3"] for x in constructions)
    if ineq_fail or below_reached:   # not reachable: the rank inequality is a theorem (a bug in the exact ranks)
        raise AssertionError(f"the rank inequality failed on exact random decoders: {(ineq_fail + below_reached)[:1]}")
    n_cert = min(n_max, KERNEL_N_MAX)
    status = Status.PROVED if good else Status.INCONCLUSIVE
    cert = check.certificate(status, scope={"amplitude": c, "n_max": n_cert}, evidence={"checked": n_cert},
                             variant="n2 = n", argument=ARGUMENT if good else None) if good else \
        check.certificate(status, scope={"amplitude": c}, evidence={}, variant="n2 = n")
    evidence = {"random_decoders_checked": checked, "rank_inequality_failures": ineq_fail[:5],
                "rank_n_with_fewer_neurons": below_reached[:5],
                "presence_side": f"handcrafted decoder (n2 = n, A2 and W3 full rank) reconstructs X for n = 1..{n_max}: {good}",
                "argument": "rank(U3) <= min(rank A2, rank W3) (rank of a product) and rank W3 <= min(n, n2), "
                            "rank A2 <= n2 (a rank is at most the number of rows and columns): rank(U3) = n forces "
                            "n2 >= n, rank W3 = n, rank A2 >= n; for n2 = n these are 'W3, A2 full rank'. Both steps "
                            "are cited theorems; the kernel rebuilds the presence side"}
    verdicts = [check.verdict(
        status, variant="n2 = n",
        scope={"description": f"all n (rank inequality, cited theorems); presence side: the handcrafted decoder "
                              f"(n2 = n, A2 and W3 full rank) for every n = 1..{n_max} (kernel re-builds n = 1..{n_cert}); "
                              f"plus exact ranks of {checked} random rational decoders (n2 = n-1, n, n+1)",
               "n_max": n_max}, evidence=evidence, certificate=cert)]

    found = []
    for n in range(1, min(n_max, 8) + 1):
        W2, b2, W3 = duplicated_neuron_decoder(n, c)
        A2 = activation_rows(linear_codes(n), W2, b2)
        rA = qmatrix(A2).rank()
        ok = not relu_product_violations(qmatrix(A2), qmatrix(W3), c)
        if ok and rA < n + 1:
            found.append(n)
            if len(found) == 1:
                net = decoder_network(W2, b2, W3)
                example = {"n": n, "n2": n + 1, "W2": strs(W2), "b2": strs(b2), "W3": strs(W3), "A2": strs(A2),
                           "rank_A2": rA, "outputs": strs(decoder_output(net, linear_codes(n)))}
                cert = check.certificate(Status.REFUTED, scope={"amplitude": c}, variant="literal",
                                         evidence={"n": n, "codes": list(linear_codes(n)), "W2": list(W2),
                                                   "b2": list(b2), "W3": [list(r) for r in W3]})
    if found:
        status = Status.REFUTED
        evidence = {"minimal_counterexample": example, "counterexample_sizes": found,
                    "note": "n2 = n + 1 and A2 (square) singular, yet Y = X: neither is necessary; "
                            "what is necessary is n2 >= n and rank A2 >= n"}
    else:   # not reached (the duplicated neuron is an exact construction); the kernel rejects this certificate
        status, evidence = Status.INCONCLUSIVE, {"searched": f"duplicated-neuron decoders n = 1..{min(n_max, 8)}"}
        cert = check.certificate(status, scope={"amplitude": c}, evidence={}, variant="literal")
    verdicts.append(check.verdict(
        status, variant="literal",
        scope={"description": "duplicated-neuron decoders, n = 1..%d" % min(n_max, 8)}, evidence=evidence,
        certificate=cert))
    return verdicts
