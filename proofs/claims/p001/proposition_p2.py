"""001-P2 -- Proposition: without the zero signal, a two-layer decoder with >= n ReLU neurons and a
bias in layer 2 reconstructs the step functions perfectly from scalar codes.

Reading: for every n, every n distinct codes (the zero signal dropped) and every n2 >= n there are
W2, b2 (n2 neurons, ReLU, bias) and W3 (no bias) with ReLU(ReLU(z W2^T + b2) W3^T) = X' (X without
its zero row).  Construction: the sorted-codes layer 2 of 001-H4 on n neurons, W3^T = A2^{-1} U3
for a random U3 of form (1), extra neurons (n2 > n) duplicated with their output weights split.
Checked exactly for random rational codes, n <= n_max, n2 in {n, n + 2}; certified for small n.
Each condition's absence is also checked (n >= 3): with n2 < n, with an identity activation
(A2 = z W2^T + b2, rank <= 2) or without bias (001-L4) the rank of U3 stays below n, so no U3 of
form (1) (rank n, 001-L2) is reachable.  The zero signal can in fact be kept (001-H4).
"""

from __future__ import annotations

import random

from exact.errors import InvalidArgument
from exact.scalar import to_rational
from exact.slides001 import activation_rows, handcrafted_decoder, qmatrix, random_form1, relu_product_violations
from proofs.claim import claim
from proofs.claims.p001 import SOURCE as _SRC, random_rational
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status, Verdict

__all__ = ["check", "widened"]


#: Decoders listed in the certificate (the kernel re-checks each): one per n and n2 up to this bound.
LISTED_N_MAX = 4


def widened(W2, b2, W3, extra: int):
    """Add ``extra`` copies of the last neuron, splitting its output weights evenly (same outputs)."""
    k = extra + 1
    W2 = tuple(W2) + (W2[-1],) * extra
    b2 = tuple(b2) + (b2[-1],) * extra
    W3 = [list(r[:-1]) + [r[-1] / k] * k for r in W3]
    return W2, b2, W3


@claim("001-P2",
       latex=r"n_2\ge n \Rightarrow \exists W_2,b_2,W_3:\ \mathrm{ReLU}\bigl(\mathrm{ReLU}(zW_2^T+b_2)W_3^T\bigr)=X'",
       title="Two-layer decoder with n ReLU neurons and a bias reconstructs X (zero signal dropped)",
       source=_SRC + ", slide 'Theoretical Conclusion on Architecture' (Proposition)",
       statement=("Dropping the zero signal, a two layers decoder can perfectly reconstruct step functions from their "
                  "scalar codes if layer 2 has at least n2 = n neurons, a non-linear activation (ReLU) and a bias "
                  "vector."),
       reading=("For every n, all n distinct rational codes and n2 >= n there exist W2, b2, W3 (no layer-3 bias) with "
                "ReLU(ReLU(z W2^T + b2) W3^T) = X without its zero row. Exact for random codes, n <= n_max."))
def check(*, n_max: int = 25, samples: int = 3, seed: int = 0, amplitude: str = "1") -> Verdict:
    if n_max < 3:
        raise InvalidArgument(f"n_max must be at least 3, got {n_max}")
    rng = random.Random(seed)
    fails, listed, checked = [], [], 0
    for n in range(1, n_max + 1):
        for k in range(samples):
            z = distinct_codes(rng, n)
            U = random_form1(n, amplitude, include_zero=False, seed=rng.randrange(1 << 30))
            dec = handcrafted_decoder(z, U, None)
            for extra in (0, 2):
                W2, b2, W3 = widened(dec.W2, dec.b2, dec.W3.rows(), extra) if extra else (dec.W2, dec.b2, dec.W3.rows())
                A2 = qmatrix(activation_rows(z, W2, b2))
                bad = relu_product_violations(A2, qmatrix(W3), amplitude)
                checked += 1
                if bad:
                    fails.append({"n": n, "n2": n + extra, "codes": [str(v) for v in z], "wrong_entries": bad[:5]})
                elif n <= LISTED_N_MAX and k == 0:
                    listed.append({"codes": list(z), "W2": list(W2), "b2": list(b2), "W3": [list(r) for r in W3]})
    # absence of each condition (n >= 3): rank of U3 stays < n
    absent = {"fewer_neurons": 0, "identity_activation": 0, "no_bias": 0}
    reached = []
    for n in range(3, min(n_max, 12) + 1):
        for _ in range(samples):
            z = distinct_codes(rng, n)
            W3 = qmatrix([[random_rational(rng, 5) for _ in range(n)] for _ in range(n)])
            W2 = [random_rational(rng, 9, nonzero=True) for _ in range(n)]
            b2 = [random_rational(rng, 9) for _ in range(n)]
            lin = qmatrix([[w * zi + b for w, b in zip(W2, b2)] for zi in z])
            nob = qmatrix(activation_rows(z, W2, [0] * n))
            few = qmatrix(activation_rows(z, W2[:-1], b2[:-1]))
            W3few = qmatrix([r[:-1] for r in W3.rows()])
            for key, A, W in (("identity_activation", lin, W3), ("no_bias", nob, W3), ("fewer_neurons", few, W3few)):
                absent[key] += 1
                if (A @ W.T).rank() >= n:
                    reached.append({"n": n, "condition_absent": key})
    # random codes: a sample, not every code set.  A failing construction or a rank-n decoder without one of the
    # conditions would not refute the proposition (it states sufficiency only): they are reported in the evidence.
    status = Status.INCONCLUSIVE
    cert = check.certificate(status, scope={"amplitude": to_rational(amplitude)},
                             evidence={"searched": checked, "seed": seed,
                                       "drawn": f"{samples} code sets per n = 1..{n_max}: n distinct random rationals "
                                                "p/q (|p|, q <= 20), a random form-(1) U3, the sorted-codes layer 2, "
                                                "n2 in {n, n+2}",
                                       "instances": listed})
    evidence = {"decoders_checked": checked, "failures": fails[:5],
                "absence_checks": absent, "rank_n_without_a_condition": reached[:5],
                "construction": "sorted-codes layer 2 (001-H4), W3^T = A2^{-1} U3 with random form-(1) U3; n2 > n by "
                                "duplicating the last neuron"}
    cc = {"disagreements": [], "summary": "exact rational computation only (float64 mirrors in 001-H1/H4)"}
    desc = (f"nothing found in a sample: {checked} decoders with random rational codes, n = 1..{n_max}, n2 in {{n, n+2}} "
            f"(the kernel re-checks the {len(listed)} listed for n <= {LISTED_N_MAX}); absence of each condition on "
            f"random weights for n = 3..{min(n_max, 12)} (not every code set or weight)")
    return check.verdict(status, scope={"description": desc, "n_max": n_max}, evidence=evidence, crosscheck=cc,
                         certificate=cert)
