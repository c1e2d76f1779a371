"""001-P2 -- Proposition: without the zero signal, a two-layer decoder with >= n ReLU neurons and a
bias in layer 2 reconstructs the step functions perfectly from scalar codes.

Reading: for every n, every n distinct codes (the zero signal dropped) and every n2 >= n there are
W2, b2 (n2 neurons, ReLU, bias) and W3 (no bias) with ReLU(ReLU(z W2^T + b2) W3^T) = X' (X without
its zero row).  Construction: the sorted-codes layer 2 of 001-H4 on n neurons, W3^T = A2^{-1} U3
for a random U3 of form (1), extra neurons (n2 > n) duplicated with their output weights split.
Proved for every n: after sorting, A2 is triangular with the gaps between consecutive codes on its
diagonal (the argument the kernel checks, proofs/kernel/specs/p001_sorted.py, which also
re-enumerates every arrangement of the codes 1..n for n <= SORTED_N_MAX); extra neurons get output
weight 0.  Random rational codes, n <= n_max, n2 in {n, n + 2}, are extra evidence.  Negative
control ``repeated codes``: two equal codes for different rows of X' admit no decoder.
Each condition's absence is also checked (n >= 3): with n2 < n, with an identity activation
(A2 = z W2^T + b2, rank <= 2) or without bias (001-L4) the rank of U3 stays below n, so no U3 of
form (1) (rank n, 001-L2) is reachable.  The zero signal can in fact be kept (001-H4).
"""

from __future__ import annotations

import random
import re
from math import factorial

from exact.errors import InvalidArgument, ToolkitError
from exact.scalar import to_rational
from exact.slides001 import activation_rows, handcrafted_decoder, qmatrix, random_form1, relu_product_violations
from proofs.claim import claim
from proofs.claims.p001 import (SORTED_ARGUMENT, SORTED_N_MAX, SORTED_TEXTS_LATEX, SOURCE as _SRC,
                                arrangements_count, kernel_argument,
                                random_rational, repeated_codes_control)
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status

__all__ = ["check", "widened"]


def widened(W2, b2, W3, extra: int):
    """Add ``extra`` copies of the last neuron, splitting its output weights evenly (same outputs)."""
    k = extra + 1
    W2 = tuple(W2) + (W2[-1],) * extra
    b2 = tuple(b2) + (b2[-1],) * extra
    W3 = [list(r[:-1]) + [r[-1] / k] * k for r in W3]
    return W2, b2, W3


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    **SORTED_TEXTS_LATEX,
    ("Dropping the zero signal, a two layers decoder can perfectly reconstruct step functions from their scalar codes "
     "if layer 2 has at least n2 = n neurons, a non-linear activation (ReLU) and a bias vector."):
        (r"Dropping the zero signal, a two layers decoder can perfectly reconstruct step functions from their scalar "
         r"codes if layer 2 has at least $n_2 = n$ neurons, a non-linear activation (ReLU) and a bias vector."),
    re.compile(r"all n, every n distinct codes and n2 >= n \(kernel-checked argument\); the kernel re-enumerates every "
               r"arrangement of the codes 1\.\.n for n <= (\d+), n2 in \{n, n\+1\}; plus a sample of (\d+) decoders "
               r"with random rational codes, n = 1\.\.(\d+), n2 in \{n, n\+2\}, and the absence of each condition on "
               r"random weights for n = 3\.\.(\d+)"):
        (r"all $n$, every $n$ distinct codes and $n_2 \ge n$ (kernel-checked argument); the kernel re-enumerates every "
         r"arrangement of the codes $1, \dots, n$ for $n \le #1$, $n_2 \in \{n, n+1\}$; plus a sample of #2 decoders "
         r"with random rational codes, $n = 1, \dots, #3$, $n_2 \in \{n, n+2\}$, and the absence of each condition on "
         r"random weights for $n = 3, \dots, #4$"),
    "W3^T = A2^{-1} U3 gives A2 W3^T = U3": r"$W_3^T = A_2^{-1} U_3$ gives $A_2 W_3^T = U_3$",
    "ReLU(U3) = X' for U3 of form (1) (here X' itself) as C > 0":
        r"$\mathrm{ReLU}(U_3) = X'$ for $U_3$ of form (1) (here $X'$ itself) as $C > 0$",
    "for every n, every n distinct codes and every n2 >= n, the sorted-codes decoder reconstructs X'":
        r"for every $n$, every $n$ distinct codes and every $n_2 \ge n$, the sorted-codes decoder reconstructs $X'$",
    re.compile(r"001-P2 proved \(([^)]*)\): Dropping the zero signal: for every n, every n distinct codes and every "
               r"n2 >= n there are W2, b2 \(n2 ReLU neurons with a bias\) and W3 \(no bias\) with "
               r"ReLU\(W3 ReLU\(W2 z_i \+ b2\)\) = row i of X' \(X without its zero row\)\."):
        lambda m: (r"001-P2 proved (%s): Dropping the zero signal: for every $n$, every $n$ distinct codes and every "
                   r"$n_2 \ge n$ there are $W_2$, $b_2$ ($n_2$ ReLU neurons with a bias) and $W_3$ (no bias) with "
                   r"$\mathrm{ReLU}(W_3\,\mathrm{ReLU}(W_2 z_i + b_2))$ = row $i$ of $X'$ ($X$ without its zero row)."
                   % m.group(1).replace("_", r"\_")),
    ("sorted-codes layer 2 (001-H4, z0 = min - 1), W3^T = A2^{-1} U3 with random form-(1) U3; n2 > n by duplicating "
     "the last neuron (kernel: a zero output weight)"):
        (r"sorted-codes layer 2 (001-H4, $z_0 = \min_i z_i - 1$), $W_3^T = A_2^{-1} U_3$ with random form-(1) $U_3$; "
         r"$n_2 > n$ by duplicating the last neuron (kernel: a zero output weight)"),
}


@claim("001-P2",
       title_latex=r"Two-layer decoder with $n$ ReLU neurons and a bias reconstructs $X$ (zero signal dropped)",
       reading_latex=(r"For every $n$, all $n$ distinct rational codes and $n_2\ge n$ there exist $W_2,b_2,W_3$ (no "
                      r"layer-3 bias) with $\mathrm{ReLU}\bigl(\mathrm{ReLU}(zW_2^T+b_2)\,W_3^T\bigr)=X$ without its "
                      r"zero row. Exact for random codes, $n\le n_{\max}$."),
       variants_latex={"repeated codes": r"repeated codes (control)"},
       readings_latex={"repeated codes": (r"Negative control (the hypothesis `distinct codes' dropped): every $n$ codes "
                                          r"admit a decoder.")},
       latex=r"n_2\ge n \Rightarrow \exists W_2,b_2,W_3:\ \mathrm{ReLU}\bigl(\mathrm{ReLU}(zW_2^T+b_2)W_3^T\bigr)=X'",
       title="Two-layer decoder with n ReLU neurons and a bias reconstructs X (zero signal dropped)",
       source=_SRC + ", slide 'Theoretical Conclusion on Architecture' (Proposition)",
       statement=("Dropping the zero signal, a two layers decoder can perfectly reconstruct step functions from their "
                  "scalar codes if layer 2 has at least n2 = n neurons, a non-linear activation (ReLU) and a bias "
                  "vector."),
       reading=("For every n, all n distinct rational codes and n2 >= n there exist W2, b2, W3 (no layer-3 bias) with "
                "ReLU(ReLU(z W2^T + b2) W3^T) = X without its zero row. Exact for random codes, n <= n_max."))
def check(*, n_max: int = 25, samples: int = 3, seed: int = 0, amplitude: str = "1") -> list:
    if n_max < 3:
        raise InvalidArgument(f"n_max must be at least 3, got {n_max}")
    rng = random.Random(seed)
    fails, checked = [], 0
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
    if fails:   # the argument covers every code set: a failure is a bug of the construction
        raise ToolkitError(f"001-P2: the sorted-codes decoder fails at {fails[:3]}")
    nk = min(n_max, SORTED_N_MAX)
    steps = SORTED_ARGUMENT + [
        ("solve", "theorem: A A^{-1} = I", "W3^T = A2^{-1} U3 gives A2 W3^T = U3"),
        ("width", "kernel", "n2 > n: extra neurons with output weight 0 add a_j 0 = 0 to U3"),
        ("relu", "kernel", "ReLU(U3) = X' for U3 of form (1) (here X' itself) as C > 0"),
    ]
    status = Status.PROVED
    cert = check.certificate(status, scope={"amplitude": to_rational(amplitude), "n_max": nk},
                             evidence={"checked": arrangements_count(nk, lambda n: 2 * factorial(n))},
                             argument=[(i, ch) for i, ch, _ in steps])
    evidence = {"argument": kernel_argument(cert, steps, "for every n, every n distinct codes and every n2 >= n, the "
                                                         "sorted-codes decoder reconstructs X'"),
                "decoders_checked": checked, "failures": fails[:5],
                "absence_checks": absent, "rank_n_without_a_condition": reached[:5],
                "construction": "sorted-codes layer 2 (001-H4, z0 = min - 1), W3^T = A2^{-1} U3 with random form-(1) "
                                "U3; n2 > n by duplicating the last neuron (kernel: a zero output weight)"}
    cc = {"disagreements": [], "summary": "exact rational computation only (float64 mirrors in 001-H1/H4)"}
    desc = (f"all n, every n distinct codes and n2 >= n (kernel-checked argument); the kernel re-enumerates every "
            f"arrangement of the codes 1..n for n <= {nk}, n2 in {{n, n+1}}; plus a sample of {checked} decoders with "
            f"random rational codes, n = 1..{n_max}, n2 in {{n, n+2}}, and the absence of each condition on random "
            f"weights for n = 3..{min(n_max, 12)}")
    verdicts = [check.verdict(status, scope={"description": desc, "n_max": n_max}, evidence=evidence, crosscheck=cc,
                              certificate=cert)]
    # negative control: two equal codes for different rows of X' -- a decoder is a function
    verdicts.append(repeated_codes_control(check, to_rational(amplitude), 2, "rows 1 and 2 of X'",
                                           "every n codes admit a decoder."))
    return verdicts
