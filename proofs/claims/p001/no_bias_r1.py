"""001-R1 -- a bias in layer 3 is not necessary.

Slides "Bias in Layer 3": "A bias in Layer three is not necessary. It will only increase the
complexity."  Reading: for every n there is a bias-free decoder ReLU(ReLU(z W2^T + b2) W3^T)
reconstructing all n + 1 rows of X (zero signal included) from z(i) = i -- and also from random
distinct codes.  Checked exactly (the handcrafted decoders of 001-H1/H4, whose last layer has no
bias) for every n <= n_max; the decoders are certified for small n.  The opposite statement
("a layer-3 bias is necessary") is what a counterexample would support; none exists in scope.
"""

from __future__ import annotations

import random

from exact.slides001 import handcrafted_decoder, linear_codes, random_form1
from proofs.claim import claim
from proofs.claims.p001 import scope_params, SOURCE as _SRC, linear_decoder
from proofs.claims.p001.bias_l4 import distinct_codes
from proofs.verdict import Status, Verdict

__all__ = ["check"]


#: The kernel re-builds the decoder for n up to this bound.
KERNEL_N_MAX = 60


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
    status = Status.VERIFIED
    n_cert = min(n_max, KERNEL_N_MAX)
    cert = check.certificate(status, scope={"amplitude": c, "n_max": n_cert}, evidence={"checked": n_cert})
    desc = (f"for each n = 1..{n_max}: the bias-free decoder for z(i) = i reconstructs every row of X, zero signal "
            f"included (one witness per n, checked exactly; the kernel re-builds it for n = 1..{n_cert}); plus one "
            "random code set per n (a sample)")
    return check.verdict(status, scope={"description": desc, "n_max": n_max},
                         evidence={"decoders_checked": checked, "failures": fails[:5],
                                   "layer3_bias": "identically 0 in every decoder checked"},
                         certificate=cert)
