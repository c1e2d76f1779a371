"""000-Q3 -- generalisation error against the amount of missing data.

Source: 000 section 2, "Can we determine generalisation error bounds, with respect to the
amount of missing data?"

Reading: Lemma 3.1's class (sum encoder, sigma(z w), sigma(u) = [u >= 1]).  The exact bound
(000-Q1): for a training subset S, the worst total number of wrong coordinates over the
missing step functions, over *all* decoders admissible on S, is
sum_i max(#missing in [i, b_i), #missing in (a_i, i)) (a_i, b_i the present thetas around
coordinate i).  Experiment: for each fraction of missing signals, random subsets S and seeds,
train (L-BFGS), certify exactly on S, and count exactly the wrong coordinates of the certified
network on the missing signals.  Verdict ``verified`` when every certified network respects
the exact bound of its S (a sanity check of the bound on trained networks, not a proof of it:
the bound itself is 000-Q1's exact characterisation).
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction

import numpy as np

from exact.scalar import rational_str
from numeric.training import TrainConfig, train
from proofs.claims.p000.missing_data_q1 import worst_case_total
from proofs.claims.p000.training_t1 import certify_result
from proofs.verdict import Status, Verdict, make_certificate

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "report_section"]

CLAIM_ID = "000-Q3"
TITLE = "Generalisation error against the fraction of missing step functions"
SOURCE = "000 (Traonmilin & Newson), section 2, robustness questions"
STATEMENT = "Can we determine generalisation error bounds, with respect to the amount of missing data?"
READING = ("Threshold class with the sum encoder. Exact worst-case bound per training subset S (from 000-Q1); "
           "trained (L-BFGS) and exactly certified decoders on random S; error = wrong coordinates on the missing "
           "signals / (n * #missing), counted exactly.")


def _steps(n, t):
    return tuple(Fraction(1) if j <= t else Fraction(0) for j in range(1, n + 1))


def check(*, n: int = 10, fractions: str = "0.2,0.4,0.6", subsets: int = 3, seed: int = 0, epochs: int = 200,
          max_denominator: int = 10000) -> Verdict:
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    fr = [float(v) for v in fractions.split(",")]
    runs, obligations, violations, uncert = [], [], [], []
    for f in fr:
        m = max(1, min(n - 1, int(round(f * (n + 1)))))
        for k in range(subsets):
            missing = sorted(int(v) for v in rng.choice(n + 1, size=m, replace=False))
            S = tuple(t for t in range(n + 1) if t not in missing)
            r = train(TrainConfig(n=n, thetas=S, epochs=epochs, seed=k), progress=False)
            c = certify_result(r, max_denominator)
            bound = worst_case_total(frozenset(S), n)
            if not c.certified:
                uncert.append({"fraction": f, "S": list(S), "reason": c.reason})
                continue
            wrong = sum(a != b for t in missing for a, b in zip(c.network.evaluate(_steps(n, t)), _steps(n, t)))
            runs.append({"fraction": f, "missing": missing, "wrong": wrong, "bound": bound,
                         "error": rational_str(Fraction(wrong, n * m)), "bound_error": rational_str(Fraction(bound, n * m))})
            obligations += c.obligations
            if wrong > bound:
                violations.append(runs[-1])
    st = Status.REFUTED if violations else (Status.VERIFIED if not uncert else Status.INCONCLUSIVE)
    return Verdict(claim=CLAIM_ID, status=st,
                   scope={"description": f"n = {n}, missing fractions {fr}, {subsets} random subsets each (seed {seed})",
                          "n": n, "fractions": fr, "subsets": subsets},
                   evidence={"bound": "sum_i max(#missing in [i, b_i), #missing in (a_i, i)), exact per S",
                             "runs": runs, "violations": violations, "not_certified": uncert},
                   crosscheck={"disagreements": [], "summary": "errors counted exactly on certified networks"},
                   seconds=time.perf_counter() - t0, title=TITLE, statement=STATEMENT, reading=READING, source=SOURCE,
                   certificate=make_certificate(CLAIM_ID, st, obligations))


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report_figures import plt, save_figure

    out = []
    for v in verdicts:
        runs = v["evidence"]["runs"]
        if not runs:
            continue
        fr = sorted({r["fraction"] for r in runs})
        mean = lambda key, f: np.mean([float(Fraction(r[key])) for r in runs if r["fraction"] == f])  # noqa: E731
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.scatter([r["fraction"] for r in runs], [float(Fraction(r["error"])) for r in runs], s=10, alpha=0.5,
                   label="trained + certified (each run)")
        ax.plot(fr, [mean("error", f) for f in fr], "o-", label="trained, mean")
        ax.plot(fr, [mean("bound_error", f) for f in fr], "s--", color="tab:red", label="exact worst case, mean")
        ax.set_xlabel("fraction of missing step functions")
        ax.set_ylabel("wrong coordinates / (n #missing)")
        ax.legend(fontsize=7)
        save_figure(fig, figdir / "q3-generalisation.pdf")
        out.append(r"\begin{center}\includegraphics[width=0.65\textwidth]{figures/q3-generalisation.pdf}\end{center}")
    return "\n".join(out)


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
