"""001-R1 -- a bias in layer 3 is not necessary.

Slides "Bias in Layer 3": "A bias in Layer three is not necessary. It will only increase the
complexity."  Reading: for every n there is a bias-free decoder ReLU(ReLU(z W2^T + b2) W3^T)
reconstructing all n + 1 rows of X (zero signal included) from z(i) = i -- and also from random
distinct codes.  Proved for every n by 001-H1's argument (its handcrafted decoder for z(i) = i has
no layer-3 bias; the kernel checks the argument and re-builds the decoder for n <= n_max);
checked exactly (the handcrafted decoders of 001-H1/H4) for every n <= n_max, random codes
included.
"""

from __future__ import annotations

import re

import random

from exact.slides001 import handcrafted_decoder, linear_codes, random_form1
from proofs.claim import claim
from proofs.claims.p001 import scope_params, SOURCE as _SRC, kernel_argument, linear_decoder
from proofs.claims.p001.handcrafted_h1 import ARGUMENT as _H1_ARGUMENT
from proofs.claims.p001.handcrafted_h1 import TEXTS_LATEX as _H1_TEXTS
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status, Verdict

__all__ = ["check"]


#: The kernel re-builds the decoder for n up to this bound.
KERNEL_N_MAX = 60

#: The argument for every n (proofs/kernel/specs/p001.py, 001-R1): 001-H1's [canonical U3 = X].
ARGUMENT = _H1_ARGUMENT[:-1] + [("bias-free", "kernel", "ReLU(X) = X since C > 0: the decoder ReLU(A2 W3^T), without "
                                                     "a layer-3 bias, maps z(i) = i to row i of X")]


#: Texts of this claim's verdicts in LaTeX, for the report: 001-H1's argument's steps, and its own.
TEXTS_LATEX = {
    **_H1_TEXTS,
    "ReLU(X) = X since C > 0: the decoder ReLU(A2 W3^T), without a layer-3 bias, maps z(i) = i to row i of X":
        (r"$\mathrm{ReLU}(X) = X$ since $C > 0$: the decoder $\mathrm{ReLU}(A_2 W_3^T)$, without a layer-3 bias, "
         r"maps $z(i) = i$ to row $i$ of $X$"),
    "for every n the decoder z -> ReLU(ReLU(z W2^T + b2) W3^T), no layer-3 bias, maps z(i) = i to row i of X":
        (r"for every $n$ the decoder $z \mapsto \mathrm{ReLU}(\mathrm{ReLU}(z W_2^T + b_2) W_3^T)$, no layer-3 bias, "
         r"maps $z(i) = i$ to row $i$ of $X$"),
    re.compile(r"001-R1 proved \(([^)]*)\): .*"):
        lambda m: (r"001-R1 proved (%s): for every $n$ there is a decoder "
                   r"$z \mapsto \mathrm{ReLU}(W_3 \mathrm{ReLU}(W_2 z + b_2))$ without layer-3 bias that maps "
                   r"$z(i) = i$ to row $i$ of $X$, $i = 1, \dots, n + 1$ (zero signal included)."
                   % m.group(1).replace("_", r"\_")),
}


@claim("001-R1",
       title_latex=r"A bias in layer 3 is not necessary",
       reading_latex=(r"For every $n$ there is a decoder without layer-3 bias ($b_3=0$) that reconstructs every row of "
                      r"$X$, zero signal included, from $z(i)=i$ and from random distinct codes; the complexity remark "
                      r"is not checkable."),
       latex=r"\exists W_2,b_2,W_3 \text{ with } b_3=0:\ \mathrm{ReLU}\bigl(\mathrm{ReLU}(zW_2^T+b_2)W_3^T\bigr)=X",
       title="A bias in layer 3 is not necessary", source=_SRC + ", slide 'Bias in Layer 3'",
       statement="A bias in Layer three is not necessary. It will only increase the complexity.",
       reading=("For every n there is a decoder without layer-3 bias (b3 = 0) that reconstructs every row of X, zero "
                "signal included, from z(i) = i and from random distinct codes; the complexity remark is not "
                "checkable."))
def check(*, n_max: int = 40, seed: int = 0, amplitude: str = "1") -> Verdict:
    c = scope_params(n_max, amplitude)
    rng = random.Random(seed)
    fails, checked = [], 0
    for n in range(1, n_max + 1):
        dec = linear_decoder(n, c)
        z = distinct_codes(rng, n + 1)
        dec2 = handcrafted_decoder(z, random_form1(n, c, seed=rng.randrange(1 << 30)), n)
        for name, d, codes in (("linear", dec, linear_codes(n)), ("random codes", dec2, z)):
            checked += 1
            if any(v != 0 for v in d.network.layers[1].bias) or d.output_violations(c):
                fails.append({"n": n, "codes": name})
    if fails:   # not reachable: the handcrafted decoder is exact (a failure is a bug, not a counterexample)
        raise AssertionError(f"the handcrafted bias-free decoder failed: {fails[0]}")
    status = Status.PROVED
    n_cert = min(n_max, KERNEL_N_MAX)
    cert = check.certificate(status, scope={"amplitude": c, "n_max": n_cert}, evidence={"checked": n_cert},
                             argument=[(i, ch) for i, ch, _ in ARGUMENT])
    desc = (f"all n (001-H1's handcrafted decoder for z(i) = i, which has no layer-3 bias; argument checked by the "
            f"kernel); the decoder checked exactly for n = 1..{n_max} (the kernel re-builds it for n = 1..{n_cert}); "
            "plus one random code set per n (a sample)")
    return check.verdict(status, scope={"description": desc, "n_max": n_max},
                         evidence={"argument": kernel_argument(cert, ARGUMENT, "for every n the decoder "
                                                               "z -> ReLU(ReLU(z W2^T + b2) W3^T), no layer-3 bias, "
                                                               "maps z(i) = i to row i of X"),
                                   "decoders_checked": checked, "failures": fails[:5],
                                   "layer3_bias": "identically 0 in every decoder checked"},
                         certificate=cert)
