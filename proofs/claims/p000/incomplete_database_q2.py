"""000-Q2 -- networks admissible on an incomplete database but not on the complete one.

Source: 000 section 2, "Do sub-optimal networks exist, which work well on incomplete
databases, but not on the complete database?"

Reading: for every n <= n_max and every theta' in 1..n, construct exactly an autoencoder
of Lemma 3.1's class (sum encoder, sigma(z w), sigma(u) = [u >= 1]) that reconstructs every
step function except x_theta' (w = z0 except w_theta' = 1/(theta' + 1)), and for every
theta' in 0..n (n <= relu_n_max) one of 001's class (z = theta, n2 = n, W3 solved exactly by
000-Q1's :func:`relu_missing_case`: 001's staircase layer 2 for theta' >= 1, the
extrapolating layer 2 for the zero signal); the kernel re-checks that the failures are
exactly [theta'].  theta' = 0 is impossible in Lemma 3.1's class (0 * w_i < 1 for every w),
a one-line exact argument recorded in the evidence.  Trained networks: the
threshold decoder trained (L-BFGS) on S = {0..n} minus {theta'} and certified on S; the
evidence reports how often the certified network also reconstructs the missing signal.
"""

from __future__ import annotations

import re
from fractions import Fraction

from exact.scalar import rational_str
from exact.step_autoencoder import sum_encoder, threshold_decoder
from numeric.training import TrainConfig, train
from proofs.claims.p000.missing_data_q1 import relu_missing_case
from proofs.claims.p000.training_t1 import certify_result
from proofs.claims.p000.training_t1 import step_signal as _steps
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "suboptimal_threshold"]


def suboptimal_threshold(n: int, theta: int) -> list[Fraction]:
    w = [Fraction(1, i) for i in range(1, n + 1)]
    w[theta - 1] = Fraction(1, theta + 1)
    return w


#: Texts of this claim's verdicts (scope, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"one exact network per class and missing theta', admissible on every other step function and wrong at "
               r"theta' \(kernel-checked failures = \[theta'\]\): threshold class theta' = 1\.\.n, n = 1\.\.(\d+); "
               r"ReLU class theta' = 0\.\.n, n = 1\.\.(\d+)"):
        (r"one exact network per class and missing $\theta'$, admissible on every other step function and wrong at "
         r"$\theta'$ (kernel-checked failures $= \{\theta'\}$): threshold class $\theta' = 1, \dots, n$, "
         r"$n = 1, \dots, #1$; ReLU class $\theta' = 0, \dots, n$, $n = 1, \dots, #2$"),
    ("yes: for every missing theta' >= 1 in both classes, and for the missing zero signal in the ReLU class "
     "(extrapolating layer 2); never theta' = 0 in the threshold class since 0 * w_i = 0 < 1"):
        (r"yes: for every missing $\theta' \ge 1$ in both classes, and for the missing zero signal in the ReLU class "
         r"(extrapolating layer 2); never $\theta' = 0$ in the threshold class since $0 \cdot w_i = 0 < 1$"),
    "missing theta": r"missing $\theta'$",
}


@claim("000-Q2",
       title_latex=r"Networks admissible on an incomplete database but not on the complete one",
       reading_latex=(r"Exact constructions for every $n\le n_{\max}$ and missing $\theta'\in\{1,\dots,n\}$ (threshold "
                      r"class: $w=z_0$ with $w_{\theta'}=1/(\theta'+1)$) and $\theta'\in\{0,\dots,n\}$ (ReLU class: "
                      r"fixed layer 2, $W_3$ solved exactly); the failures re-checked are exactly $\{\theta'\}$. "
                      r"$\theta'=0$ cannot be missed by the threshold class. Trained decoders on incomplete data are "
                      r"reported."),
       latex=r"\exists f:\ f(x)=x \ \forall x\in X\setminus\{x_{\theta'}\},\ f(x_{\theta'})\neq x_{\theta'}",
       title="Networks admissible on an incomplete database but not on the complete one",
       source="000 (Traonmilin & Newson), section 2, robustness questions",
       statement=("Do sub-optimal networks exist, which work well on incomplete databases, but not on the complete "
                  "database?"),
       reading=("Exact constructions for every n <= n_max and missing theta' in 1..n (threshold class: w = z0 with "
                "w_theta' = 1/(theta'+1)) and theta' in 0..n (ReLU class: fixed layer 2, W3 solved exactly); failures "
                "re-checked = [theta']. "
                "theta' = 0 cannot be missed by the threshold class. Trained decoders on incomplete data reported."))
def check(*, n_max: int = 12, relu_n_max: int = 6, train_n: int = 8, epochs: int = 300,
          max_denominator: int = 10000) -> Verdict:
    relu_n_max = min(relu_n_max, n_max)   # the ReLU class is built for n <= n_max only
    relu_W3, problems, built = [], [], 0
    for n in range(1, n_max + 1):
        for theta in range(0, n + 1):
            S = frozenset(range(n + 1)) - {theta}
            cands = [] if theta == 0 else [("threshold", sum_encoder(n).then(threshold_decoder(suboptimal_threshold(n, theta))))]
            if n <= relu_n_max:   # 001's staircase layer 2 (theta' >= 1) or the extrapolating one (theta' = 0)
                case = relu_missing_case(n, S, theta, "staircase" if theta else "extrapolating")
                cands.append(("relu2", case["network"]))
                relu_W3.append(case["W3"])
            for kind, net in cands:
                fails = [t for t in range(n + 1) if net is None or net.evaluate(_steps(n, t)) != _steps(n, t)]
                built += 1
                if fails != [theta]:
                    problems.append({"n": n, "theta": theta, "class": kind, "failures": fails})
    trained = []
    for theta in range(1, train_n + 1):
        S = tuple(t for t in range(train_n + 1) if t != theta)
        r = train(TrainConfig(n=train_n, thetas=S, epochs=epochs, seed=theta), progress=False)
        c = certify_result(r, max_denominator)
        full_fail = None
        if c.certified:
            full_fail = [t for t in range(train_n + 1) if c.network.evaluate(_steps(train_n, t)) != _steps(train_n, t)]
        trained.append({"missing": theta, "outcome": c.outcome, "failures_on_all": full_fail,
                        "weights": [rational_str(v[0]) for v in c.network.layers[1].weight] if c.certified else None})
    # A construction that fails is a failure of this module's constructions, not an answer "no".
    st = Status.VERIFIED if not problems else Status.INCONCLUSIVE
    return check.verdict(
        st,
        scope={"description": f"one exact network per class and missing theta', admissible on every other "
                              f"step function and wrong at theta' (kernel-checked failures = [theta']): "
                              f"threshold class theta' = 1..n, n = 1..{n_max}; ReLU class theta' = 0..n, "
                              f"n = 1..{relu_n_max}",
               "n_max": n_max, "relu_n_max": relu_n_max},
        evidence={"answer": "yes: for every missing theta' >= 1 in both classes, and for the missing zero "
                            "signal in the ReLU class (extrapolating layer 2); never theta' = 0 in the "
                            "threshold class since 0 * w_i = 0 < 1",
                  "constructions": built, "problems": problems,
                  "trained_on_incomplete": trained,
                  "trained_wrong_on_missing": sum(1 for t in trained if t["failures_on_all"])},
        crosscheck={"disagreements": [], "summary": "exact constructions; training only proposes"},
        certificate=check.certificate(st, scope={"n_max": n_max, "relu_n_max": relu_n_max},
                                      evidence={"relu_W3": relu_W3, "checked": built})
        if st is Status.VERIFIED else None)


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.latex import latex_table

    out = []
    for v in verdicts:
        rows = [(t["missing"], t["outcome"], ",".join(map(str, t["failures_on_all"] or [])) or "none")
                for t in v["evidence"].get("trained_on_incomplete", [])]
        out.append(r"Threshold decoders trained on all step functions but one (certified on the training set), "
                   r"and where they fail on the complete set:\\" + latex_table(["missing theta", "certified", "fails at"], rows))
    return "\n".join(out)
