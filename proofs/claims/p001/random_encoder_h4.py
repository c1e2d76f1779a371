"""001-H4 -- handcrafted decoder for a random encoder: sort the codes, then solve as in 001-H1.

Slides "Handcrafted Solution - Random Encoder": "Random encoder; sort z(i) then find a solution".

Reading: for any distinct rational codes z(1..n+1) (the zero signal's code anywhere in the sorted
order) there are W2, b2 with A2 full rank and the zero signal's row of A2 equal to 0, and
W3^T = A2'^{-1} U3' reconstructs X for any U3 of form (1) (exact/slides001.full_rank_layer2: neurons
ReLU(z - t) above the zero code and ReLU(t - z) below, thresholds at the sorted codes).  Also
checked exactly for random codes and random U3, with and without the zero signal, n <= n_max.  Float64
mirror: reconstruction error, and for the crowded codes z(i) = 2^-i the first n where
numpy.linalg.matrix_rank disagrees with the exact rank of A2.

Status ``proved`` for every n, every distinct codes and every U3 of form (1): after sorting, A2' is
triangular with the gaps between consecutive codes on its diagonal and the zero signal's row is 0
(the argument the kernel checks, proofs/kernel/specs/p001_sorted.py, which also re-enumerates every
arrangement of the codes 1..m for n <= SORTED_N_MAX).  The random instances are extra evidence.
Negative control ``repeated codes``: equal codes for different rows of X admit no decoder.
"""

from __future__ import annotations

import re

import random
from math import factorial

from exact.slides001 import handcrafted_decoder, random_form1
from numeric.formats import parse_formats
from numeric.slides001 import float_handcrafted, rank_scan
from exact.errors import ToolkitError
from proofs.claim import claim
from proofs.claims.p001 import (SORTED_ARGUMENT, SORTED_N_MAX, SORTED_TEXTS_LATEX, SOURCE as _SRC,
                                arrangements_count, kernel_argument,
                                repeated_codes_control, scope_params, strs)
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status

__all__ = ["check"]


#: The steps after the shared sorted-codes argument (proofs/kernel/specs/p001_sorted.py, 001-H4).
ARGUMENT_TAIL = [
    ("solve", "theorem: A A^{-1} = I", "A2' W3^T = U3', and the zero signal's row of A2 W3^T is 0 W3^T = 0"),
    ("form (1)", "kernel", "ReLU(U3') = X' for U3 of form (1) as C > 0, and ReLU(0) = 0 is X's zero row"),
]


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    **SORTED_TEXTS_LATEX,
    re.compile(r"all n, every distinct codes and every U3 of form \(1\), with and without the zero signal \(kernel-checked "
               r"argument\); the kernel re-enumerates every arrangement of the codes 1\.\.m for n <= (\d+); plus (\d+) "
               r"random rational code sets and U3, n = 1\.\.(\d+) \(a sample\)"):
        (r"all $n$, every distinct codes and every $U_3$ of form (1), with and without the zero signal (kernel-checked "
         r"argument); the kernel re-enumerates every arrangement of the codes $1, \dots, m$ for $n \le #1$; plus #2 "
         r"random rational code sets and $U_3$, $n = 1, \dots, #3$ (a sample)"),
    "A2' W3^T = U3', and the zero signal's row of A2 W3^T is 0 W3^T = 0":
        r"$A_2' W_3^T = U_3'$, and the zero signal's row of $A_2 W_3^T$ is $0 \cdot W_3^T = 0$",
    "ReLU(U3') = X' for U3 of form (1) as C > 0, and ReLU(0) = 0 is X's zero row":
        r"$\mathrm{ReLU}(U_3') = X'$ for $U_3$ of form (1) as $C > 0$, and $\mathrm{ReLU}(0) = 0$ is $X$'s zero row",
    "ReLU(A2 W3^T) = X for every n, every distinct codes and every U3 of form (1)":
        r"$\mathrm{ReLU}(A_2 W_3^T) = X$ for every $n$, every distinct codes and every $U_3$ of form (1)",
    re.compile(r"001-H4 proved \(([^)]*)\): For every n, every distinct codes z\(1\.\.\) \(the zero signal's last, with "
               r"or without it\) and every U3 of form \(1\), the sorted-codes W2, b2 give A2' invertible and the zero "
               r"signal's row of A2 equal to 0, and W3\^T = A2'\^\{-1\} U3' reconstructs X\."):
        lambda m: (r"001-H4 proved (%s): For every $n$, every distinct codes $z(1), \dots$ (the zero signal's last, "
                   r"with or without it) and every $U_3$ of form (1), the sorted-codes $W_2$, $b_2$ give $A_2'$ "
                   r"invertible and the zero signal's row of $A_2$ equal to $0$, and $W_3^T = A_2'^{-1} U_3'$ "
                   r"reconstructs $X$." % m.group(1).replace("_", r"\_")),
    "example n3": r"example, $n = 3$",
    re.compile(r"(float64: reconstruction of random-code decoders is inexact in \d+ of the \d+ sampled cases \(rounding "
               r"of rational U3\)); the rank rule on A2 for codes 2\^-i first disagrees with the exact rank at "
               r"n = (\d+) \(of n = ([\d, .]+)\)"):
        lambda m: (m.group(1).replace("U3", "$U_3$") + r"; the rank rule on $A_2$ for codes $2^{-i}$ first disagrees "
                   r"with the exact rank at $n = %s$ (of $n = %s$)" % (m.group(2), m.group(3).replace("...", r"\dots"))),
    "matrix_rank (codes 2^-i)": r"\texttt{matrix\_rank} (codes $2^{-i}$)",
    "matrix rank (codes 2^-i)": r"\texttt{matrix\_rank} (codes $2^{-i}$)",
    "cond A2": r"$\operatorname{cond} A_2$",
}


@claim("001-H4",
       title_latex=r"Handcrafted decoder for a random encoder (sort the codes, then solve)",
       reading_latex=(r"Any distinct rational codes; sort them around the zero signal's code; $W_2,b_2$ from the sorted "
                      r"codes make $A_2$ of rank $n$ with the zero signal's row $0$; $W_3^T=A_2'^{-1}U_3'$ for random "
                      r"$U_3$ of form (1). With and without the zero signal."),
       variants_latex={"repeated codes": r"repeated codes (control)"},
       readings_latex={"repeated codes": (r"Negative control (the hypothesis `distinct codes' dropped): all codes "
                                          r"$z(1),\dots,z(n+1)$ admit a decoder.")},
       latex=r"\text{sort the codes } z_i, \text{ then } W_3^T=A_2'^{-1}U_3' \Rightarrow Y=X",
       title="Handcrafted decoder for a random encoder (sort the codes, then solve)",
       source=_SRC + ", slide 'Handcrafted Solution - Random Encoder'",
       statement="For a random encoder: sort the codes z(i), then find a solution as for the linear encoder.",
       reading=("Any distinct rational codes; sort them around the zero signal's code; W2, b2 from the sorted codes "
                "make A2 rank n with the zero signal's row 0; W3^T = A2'^{-1} U3' for random U3 of form (1). With and "
                "without the zero signal."))
def check(*, n_max: int = 30, samples: int = 3, seed: int = 0, amplitude: str = "1", rank_n_max: int = 80,
          float_formats: str = "float64") -> list:
    c = scope_params(n_max, amplitude)
    formats = parse_formats(float_formats)
    rng = random.Random(seed)
    fails, checked, float_bad = [], 0, []
    example = None
    for n in range(1, n_max + 1):
        for inc in (True, False):
            for s in range(samples):
                z = distinct_codes(rng, n + 1 if inc else n)
                U = random_form1(n, c, inc, seed=rng.randrange(1 << 30))
                dec = handcrafted_decoder(z, U, n if inc else None)
                checked += 1
                if dec.output_violations(c):
                    fails.append({"n": n, "zero_signal": inc, "codes": strs(z)})
                if n == 3 and inc and s == 0:
                    example = {"codes": strs(z), "W2": strs(dec.W2), "b2": strs(dec.b2), "A2": strs(dec.A2),
                               "U3": strs(dec.U3), "W3": strs(dec.W3)}
                if s == 0 and n % 5 == 0:
                    for fmt in formats:
                        r = float_handcrafted(z, U, n if inc else None, c, fmt=fmt)
                        if not r["exact_equal"]:
                            float_bad.append({"n": n, "zero_signal": inc, "max_abs_error": r["max_abs_error"],
                                              "cond_A2": float(f"{r['cond_A2']:.3g}"), "format": fmt})
    disagreements, summaries = list(float_bad), []
    sampled = sum(1 for n in range(1, n_max + 1) if n % 5 == 0) * 2
    for fmt in formats:
        ranks = rank_scan(list(range(10, rank_n_max + 1, 10)), "geometric", fmt=fmt)
        first_rank = next((r["n"] for r in ranks if r["numpy_rank"] != r["exact_rank"]), None)
        disagreements += [{"n": r["n"], "kind": "matrix_rank (codes 2^-i)", "numpy": r["numpy_rank"],
                           "exact": r["exact_rank"], "cond": float(f"{r['cond']:.3g}"), "format": fmt}
                          for r in ranks if r["numpy_rank"] != r["exact_rank"]]
        summaries.append(f"{fmt}: reconstruction of random-code decoders is inexact in "
                         f"{sum(d['format'] == fmt for d in float_bad)} of the {sampled} sampled cases (rounding of "
                         f"rational U3); the rank rule on A2 for codes 2^-i first disagrees with the exact rank at "
                         f"n = {first_rank} (of n = 10, 20, ..., {rank_n_max})")
    cc = {"disagreements": disagreements, "compared": len(formats) * (rank_n_max // 10 + sampled),
          "formats": list(formats), "summary": "; ".join(summaries)}
    if fails:   # the sorted-codes construction is correct for every code set: a failure is a bug
        raise ToolkitError(f"001-H4: the sorted-codes decoder fails at {fails[:3]}")
    nk = min(n_max, SORTED_N_MAX)
    steps = SORTED_ARGUMENT + ARGUMENT_TAIL
    status = Status.PROVED
    cert = check.certificate(status, scope={"amplitude": c, "n_max": nk},
                             evidence={"checked": arrangements_count(nk, lambda n: factorial(n + 1) + factorial(n))},
                             argument=[(i, ch) for i, ch, _ in steps])
    verdicts = [check.verdict(
        status,
        scope={"description": f"all n, every distinct codes and every U3 of form (1), with and without the zero "
                              f"signal (kernel-checked argument); the kernel re-enumerates every arrangement of the "
                              f"codes 1..m for n <= {nk}; plus {checked} random rational code sets and U3, "
                              f"n = 1..{n_max} (a sample)",
               "n_max": n_max},
        evidence={"argument": kernel_argument(cert, steps, "ReLU(A2 W3^T) = X for every n, every distinct codes and "
                                                           "every U3 of form (1)"),
                  "failures": fails[:5], "instances": checked, "example_n3": example}, crosscheck=cc,
        certificate=cert)]
    # negative control: the zero signal and a step function given the same code
    verdicts.append(repeated_codes_control(check, c, 1, "X's rows (C) and (0)",
                                           "every codes z(1..n+1) admit a decoder."))
    return verdicts
