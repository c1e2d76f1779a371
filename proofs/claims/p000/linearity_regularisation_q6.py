"""000-Q6 -- architectures or regularisations that encourage linear behaviour.

Source: 000 section 2, "Can we design architectures/regularisations which encourage linear
behaviour?"

Reading, variant ``architecture``: the constrained encoder z = alpha theta + beta (001's
constrained linear encoder) makes the codes affine by construction; with the 001 ReLU decoder
it is trained (L-BFGS) and certified exactly, so linear *and* admissible autoencoders are
found by training: verified when every seed is certified.  Variant ``regulariser``: the
unconstrained encoder z = w_E . x + b_E with the threshold decoder (bias), trained with and
without the penalty lambda (1 - R^2(z, theta)) (numeric.training); the exact non-linearity
of the certified codes (000-Q4's measure) is compared seed by seed: verified if the
regularised codes are strictly more linear for every seed, refuted (that seed is the
counterexample) otherwise, inconclusive if some run could not be certified.
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction

from exact.scalar import rational_str
from numeric.training import TrainConfig, train
from proofs.claims.p000.linear_encoders_q4 import code_nonlinearity
from proofs.claims.p000.training_t1 import certify_result
from proofs.claims.p000.training_t1 import step_signal as _steps
from proofs.verdict import Status, Verdict, make_certificate

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "report_section"]

CLAIM_ID = "000-Q6"
TITLE = "Architectures and regularisations that encourage linearity"
SOURCE = "000 (Traonmilin & Newson), section 2, linearity questions"
STATEMENT = "Can we design architectures/regularisations which encourage linear behaviour?"
READING = ("Architecture: constrained encoder z = alpha theta + beta with the ReLU decoder, trained and certified. "
           "Regulariser: lambda (1 - R^2) on the codes of an unconstrained linear encoder (threshold decoder), "
           "exact non-linearity of certified codes compared seed by seed.")



def check(*, n: int = 6, seeds: int = 3, weight: float = 1.0, epochs: int = 300) -> list[Verdict]:
    t0 = time.perf_counter()
    obs1, arch = [], []
    for s in range(seeds):
        r = train(TrainConfig(n=n, decoder="relu2", encoder="affine", init="spread", epochs=epochs, seed=s), progress=False)
        c = certify_result(r)
        obs1 += c.obligations
        arch.append({"seed": s, "outcome": c.outcome})
    st1 = Status.VERIFIED if all(a["outcome"] in ("admissible", "repaired") for a in arch) else Status.INCONCLUSIVE
    obs2, comp, counter, uncert = [], [], None, False
    for s in range(seeds):
        nl = {}
        for lam in (0.0, weight):
            r = train(TrainConfig(n=n, decoder="threshold", encoder="linear", decoder_bias=True, epochs=epochs,
                                  seed=s, linearity_weight=lam), progress=False)
            c = certify_result(r)
            obs2 += c.obligations
            enc = c.rounded.split(1)[0]
            z = [enc.evaluate(_steps(n, t))[0] for t in range(n + 1)]
            obs2.append({"check": "network_outputs", "network": enc.to_json(),   # the codes the measure uses
                         "cases": [{"input": [rational_str(v) for v in _steps(n, t)], "output": [rational_str(zt)]}
                                   for t, zt in enumerate(z)]})
            nl[lam] = (code_nonlinearity(z), c.certified)
        uncert = uncert or not (nl[0.0][1] and nl[weight][1])
        comp.append({"seed": s, "nonlinearity_plain": rational_str(nl[0.0][0]), "nonlinearity_regularised": rational_str(nl[weight][0]),
                     "plain_float": float(nl[0.0][0]), "regularised_float": float(nl[weight][0]),
                     "certified": nl[0.0][1] and nl[weight][1]})
        if counter is None and not nl[weight][0] < nl[0.0][0]:
            counter = comp[-1]
    st2 = Status.INCONCLUSIVE if uncert else (Status.REFUTED if counter else Status.VERIFIED)
    el = (time.perf_counter() - t0) / 2
    common = dict(title=TITLE, statement=STATEMENT, reading=READING, source=SOURCE, seconds=el)
    return [
        Verdict(claim=CLAIM_ID, variant="architecture", status=st1,
                scope={"description": f"constrained affine encoder + ReLU decoder, n = {n}, seeds 0..{seeds - 1}: each "
                                      "run certified admissible exactly (codes affine by construction)", "n": n},
                evidence={"runs": arch}, crosscheck={"disagreements": [], "summary": "certified exactly"},
                certificate=make_certificate(CLAIM_ID, st1, obs1, "architecture"), **common),
        Verdict(claim=CLAIM_ID, variant="regulariser", status=st2,
                scope={"description": f"threshold decoder, unconstrained encoder, n = {n}, seeds 0..{seeds - 1}: for each "
                                      f"seed, the exact non-linearity of the certified codes with lambda = {weight} is "
                                      "compared with lambda = 0 (an experiment over these seeds; codes kernel-checked)",
                       "n": n,
                       "weight": weight},
                evidence={"comparison": comp, "counterexample": counter},
                crosscheck={"disagreements": [], "summary": "exact non-linearity of certified codes"},
                certificate=make_certificate(CLAIM_ID, st2, obs2, "regulariser"), **common),
    ]


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.latex import latex_table

    out = []
    for v in verdicts:
        if v.get("variant") == "regulariser":
            rows = [(c["seed"], f"{c['plain_float']:.4f}", f"{c['regularised_float']:.4f}", "yes" if c["certified"] else "no")
                    for c in v["evidence"]["comparison"]]
            out.append("Exact non-linearity of certified codes (relative deviation from the chord):\\\\" +
                       latex_table(["seed", "no regulariser", "with regulariser", "certified"], rows))
    return "\n".join(out)


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
