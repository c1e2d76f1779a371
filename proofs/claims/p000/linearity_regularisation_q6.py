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
counterexample, both its runs certified) otherwise, inconclusive if some run could not be
certified.  The statements are about these trained networks, bound in the certificates by SHA-256.
"""

from __future__ import annotations

import re

from fractions import Fraction

from exact.scalar import rational_str
from numeric.training import TrainConfig, train
from proofs.claims.p000.linear_encoders_q4 import code_nonlinearity
from proofs.claims.p000.training_t1 import certify_result, training_record
from proofs.claims.p000.training_t1 import step_signal as _steps
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section"]


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"threshold decoder, unconstrained encoder, n = (\d+), seeds 0\.\.(\d+): for each seed, the exact "
               r"non-linearity of the certified codes with lambda = ([\d.]+) is compared with lambda = 0 \(an experiment "
               r"over these seeds; networks bound by hash\)"):
        (r"threshold decoder, unconstrained encoder, $n = #1$, seeds $0, \dots, #2$: for each seed, the exact "
         r"non-linearity of the certified codes with $\lambda = #3$ is compared with $\lambda = 0$ (an experiment over "
         r"these seeds; networks bound by hash)"),
}


@claim("000-Q6",
       title_latex=r"Architectures and regularisations that encourage linearity",
       reading_latex=(r"Architecture: constrained encoder $z=\alpha\theta+\beta$ with the ReLU decoder, trained and "
                      r"certified. Regulariser: $\lambda\,(1-R^2)$ on the codes of an unconstrained linear encoder "
                      r"(threshold decoder), exact non-linearity of the certified codes compared seed by seed."),
       variants_latex={"architecture": r"architecture",
                       "regulariser": r"regulariser"},
       latex=r"\text{architectures or penalties } \lambda(1-R^2) \text{ that make } z_\theta \text{ affine in } \theta",
       title="Architectures and regularisations that encourage linearity",
       source="000 (Traonmilin & Newson), section 2, linearity questions",
       statement="Can we design architectures/regularisations which encourage linear behaviour?",
       reading=("Architecture: constrained encoder z = alpha theta + beta with the ReLU decoder, trained and "
                "certified. Regulariser: lambda (1 - R^2) on the codes of an unconstrained linear encoder (threshold "
                "decoder), exact non-linearity of certified codes compared seed by seed."))
def check(*, n: int = 6, seeds: int = 3, weight: float = 1.0, epochs: int = 300) -> list[Verdict]:
    arch, aruns, abad = [], [], []
    for s in range(seeds):
        cfg = TrainConfig(n=n, decoder="relu2", encoder="affine", init="spread", epochs=epochs, seed=s)
        r = train(cfg, progress=False)
        c = certify_result(r)
        arch.append({"seed": s, "outcome": c.outcome})
        if c.certified:
            aruns.append({"n": n, "seed": s, "network": training_record(cfg, c.network)})
        else:
            abad.append({"n": n, "seed": s})
    st1 = Status.VERIFIED if not abad else Status.INCONCLUSIVE
    comp, counter, runs, bad = [], None, [], []
    for s in range(seeds):
        nl, nets = {}, {}
        for lam in (0.0, weight):
            cfg = TrainConfig(n=n, decoder="threshold", encoder="linear", decoder_bias=True, epochs=epochs,
                              seed=s, linearity_weight=lam)
            r = train(cfg, progress=False)
            c = certify_result(r)
            enc = c.rounded.split(1)[0]   # the repair changes the last layer only: the codes are the rounded ones
            z = [enc.evaluate(_steps(n, t))[0] for t in range(n + 1)]
            nl[lam] = (code_nonlinearity(z), c.certified)
            nets[lam] = training_record(cfg, c.network)
        certified = nl[0.0][1] and nl[weight][1]
        comp.append({"seed": s, "nonlinearity_plain": rational_str(nl[0.0][0]), "nonlinearity_regularised": rational_str(nl[weight][0]),
                     "plain_float": float(nl[0.0][0]), "regularised_float": float(nl[weight][0]),
                     "certified": certified})
        if not certified:
            bad.append({"seed": s})
            continue
        pair = {"seed": s, "plain": nets[0.0], "regularised": nets[weight]}
        runs.append(pair)
        if counter is None and not nl[weight][0] < nl[0.0][0]:
            counter = (comp[-1], pair)
    # A counterexample needs both of its runs certified; otherwise an uncertified run leaves it open.
    st2 = Status.REFUTED if counter else (Status.INCONCLUSIVE if bad else Status.VERIFIED)
    if st2 is Status.REFUTED:
        cert2 = check.certificate(st2, variant="regulariser",
                                  scope={"n": n, "weight": _exact(weight), "epochs": epochs},
                                  evidence=counter[1])
    else:
        cert2 = check.certificate(st2, variant="regulariser",
                                  scope={"n": n, "weight": _exact(weight), "seeds": seeds, "epochs": epochs},
                                  evidence={"runs": runs, "not_certified": bad,
                                            **({"checked": len(runs)} if st2 is Status.VERIFIED else {})})
    return [
        check.verdict(st1, variant="architecture",
                      scope={"description": f"constrained affine encoder + ReLU decoder, n = {n}, seeds "
                                            f"0..{seeds - 1}: each run certified admissible exactly (codes affine by "
                                            "construction)", "n": n},
                      evidence={"runs": arch}, crosscheck={"disagreements": [], "summary": "certified exactly"},
                      certificate=check.certificate(st1, variant="architecture",
                                                    scope={"n": n, "seeds": seeds, "epochs": epochs},
                                                    evidence={"runs": aruns, "not_certified": abad,
                                                              **({"checked": len(aruns)} if st1 is Status.VERIFIED
                                                                 else {})})),
        check.verdict(st2, variant="regulariser",
                      scope={"description": f"threshold decoder, unconstrained encoder, n = {n}, seeds 0..{seeds - 1}: "
                                            f"for each seed, the exact non-linearity of the certified codes with lambda "
                                            f"= {weight} is compared with lambda = 0 (an experiment over these seeds; "
                                            "networks bound by hash)",
                             "n": n, "weight": weight},
                      evidence={"comparison": comp, "counterexample": counter[0] if counter else None},
                      crosscheck={"disagreements": [], "summary": "exact non-linearity of certified codes"},
                      certificate=cert2),
    ]


def _exact(x: float) -> Fraction:
    """The penalty weight as the exact rational its decimal text names (1.0 -> 1, 0.5 -> 1/2)."""
    return Fraction(repr(float(x)))


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.latex import latex_table

    out = []
    for v in verdicts:
        if v.get("variant") == "regulariser":
            rows = [(c["seed"], f"{c['plain_float']:.4f}", f"{c['regularised_float']:.4f}", "yes" if c["certified"] else "no")
                    for c in v["evidence"]["comparison"]]
            out.append("Exact non-linearity of certified codes (relative deviation from the chord):\\\\" +
                       latex_table(["seed", "no regulariser", "with regulariser", "certified"], rows))
    return "\n".join(out)
