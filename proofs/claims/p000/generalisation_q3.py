"""000-Q3 -- generalisation error against the amount of missing data.

Source: 000 section 2, "Can we determine generalisation error bounds, with respect to the
amount of missing data?"

Reading, variant ``threshold``: Lemma 3.1's class (sum encoder, sigma(z w), sigma(u) = [u >= 1]).  The exact bound
(000-Q1): for a training subset S, the worst total number of wrong coordinates over the
missing step functions, over *all* decoders admissible on S, is
sum_i max(#missing in [i, b_i), #missing in (a_i, i)) (a_i, b_i the present thetas around
coordinate i).  Experiment: for each fraction of missing signals, random subsets S and seeds,
train (L-BFGS), certify exactly on S, and count exactly the wrong coordinates of the certified
network on the missing signals.  Verdict ``verified`` when every certified network respects
the exact bound of its S (a sanity check of the bound on trained networks, not a proof of it:
the bound itself is 000-Q1's exact characterisation).

Variant ``relu2``: 001's ReLU decoder with z = theta, trained (spread init, L-BFGS) on random
S and certified on S; its exact error on the missing signals is reported beside the exact
worst case *given its learned layer 2* (000-Q1's per-output decision: unbounded / wrong /
right); the class's worst case is unbounded (000-Q1).  Verified when every certification
and every worst-case decision is exact (runs with no W3 for the learned pattern are
reported, with their multipliers).
"""

from __future__ import annotations

import re

from fractions import Fraction

import numpy as np

from exact.scalar import rational_str
from numeric.training import TrainConfig, train
from proofs.claims.p000.missing_data_q1 import relu_missing_case, worst_case_total
from proofs.claims.p000.training_t1 import certify_result, training_record
from proofs.claims.p000.training_t1 import step_signal as _steps
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section"]


def _subsets(n: int, fr: list[Fraction], subsets: int, seed: int):
    """(fraction, k, missing, S) per run: m = max(1, min(n - 1, round(f (n + 1)))) missing thetas drawn by numpy
    (the rounding is exact, as the kernel repeats it)."""
    rng = np.random.default_rng(seed)
    for f in fr:
        m = max(1, min(n - 1, round(f * (n + 1))))
        for k in range(subsets):
            missing = sorted(int(v) for v in rng.choice(n + 1, size=m, replace=False))
            yield float(f), k, missing, tuple(t for t in range(n + 1) if t not in missing)


def _fractions(text: str) -> list[Fraction]:
    return [Fraction(v.strip()) for v in str(text).split(",") if v.strip()]


def _draws(n: int, fr: list[Fraction], subsets: int, seed: int, epochs: int) -> dict:
    return {"n": n, "fractions": fr, "subsets": subsets, "seed": seed, "epochs": epochs}


def _wrong(net, n: int, missing) -> int:
    return sum(a != b for t in missing for a, b in zip(net.evaluate(_steps(n, t)), _steps(n, t)))


def _escape(text: str) -> str:
    from proofs.report.latex import latex_escape

    return latex_escape(text)


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    "sum_i max(#missing in [i, b_i), #missing in (a_i, i)), exact per S":
        r"$\sum_i \max(\#\text{missing in } [i, b_i),\ \#\text{missing in } (a_i, i))$, exact per $S$",
    re.compile(r"the (\d+) training runs of this scope \(ReLU decoder, z = theta, n = (\d+), fractions \[([\d., ]+)\], "
               r"(\d+) random subsets each, rng seed (\d+)\): (.*)"):
        lambda m: (r"the %s training runs of this scope (ReLU decoder, $z = \theta$, $n = %s$, fractions $\{%s\}$, %s "
                   r"random subsets each, rng seed %s): " % m.group(1, 2, 3, 4, 5)) + _escape(m.group(6)),
}


@claim("000-Q3",
       title_latex=r"Generalisation error against the fraction of missing step functions",
       reading_latex=(r"Threshold class with the sum encoder. Exact worst-case bound per training subset $S$ (from "
                      r"000-Q1); trained (L-BFGS) and exactly certified decoders on random $S$; error $=$ wrong "
                      r"coordinates on the missing signals$\,/\,(n\cdot\#\text{missing})$, counted exactly. ReLU class "
                      r"($z=\theta$): trained on random $S$, certified, exact error beside the exact worst case for the "
                      r"learned layer 2 (unbounded coordinates)."),
       variants_latex={"threshold": r"threshold decoder",
                       "relu2": r"ReLU decoder"},
       latex=r"\text{error on } X\setminus S \text{ bounded in terms of } |X\setminus S|/|X|",
       title="Generalisation error against the fraction of missing step functions",
       source="000 (Traonmilin & Newson), section 2, robustness questions",
       statement="Can we determine generalisation error bounds, with respect to the amount of missing data?",
       reading=("Threshold class with the sum encoder. Exact worst-case bound per training subset S (from 000-Q1); "
                "trained (L-BFGS) and exactly certified decoders on random S; error = wrong coordinates on the missing "
                "signals / (n * #missing), counted exactly. ReLU class (z = theta): trained on random S, certified, "
                "exact error beside the exact worst case for the learned layer 2 (unbounded coordinates)."))
def check(*, n: int = 10, fractions: str = "0.1,0.3,0.5,0.7", subsets: int = 6, seed: int = 0, epochs: int = 200,
          relu_n: int = 6, relu_subsets: int = 3, max_denominator: int = 10000) -> list[Verdict]:
    frq = _fractions(fractions)
    fr = [float(v) for v in frq]
    runs, cruns, violations, uncert, refutation = [], [], [], [], None
    for f, k, missing, S in _subsets(n, frq, subsets, seed):
        cfg = TrainConfig(n=n, thetas=S, epochs=epochs, seed=k)
        r = train(cfg, progress=False)
        c = certify_result(r, max_denominator)
        bound = worst_case_total(frozenset(S), n)
        if not c.certified:
            uncert.append({"fraction": f, "S": list(S), "reason": c.reason})
            cruns.append({"missing": missing, "certified": False})
            continue
        cruns.append({"missing": missing, "certified": True, "network": training_record(cfg, c.network)})
        wrong = _wrong(c.network, n, missing)
        m = len(missing)
        runs.append({"fraction": f, "seed": k, "missing": missing, "wrong": wrong, "bound": bound,
                     "error": rational_str(Fraction(wrong, n * m)), "bound_error": rational_str(Fraction(bound, n * m))})
        if wrong > bound:
            violations.append(runs[-1])
            refutation = refutation or {"missing": missing, "network": network_json(c.network)}
    st = Status.REFUTED if violations else (Status.VERIFIED if not uncert else Status.INCONCLUSIVE)
    if st is Status.REFUTED:
        cert1 = check.certificate(st, variant="threshold", scope={"n": n}, evidence=refutation)
    else:
        cert1 = check.certificate(st, variant="threshold", scope=_draws(n, frq, subsets, seed, epochs),
                                  evidence={"runs": cruns, **({"checked": len(cruns)} if st is Status.VERIFIED else {})})
    v1 = check.verdict(
        st, variant="threshold",
        scope={"description": f"the {len(runs) + len(uncert)} training runs of this scope (n = {n}, missing "
                              f"fractions {fr}, {subsets} random subsets S each, rng seed {seed}): each certified "
                              "network's wrong coordinates on the missing signals counted exactly and compared "
                              "with the exact worst case of its S (000-Q1); an experiment, not a bound proof",
               "n": n, "fractions": fr, "subsets": subsets},
        evidence={"bound": "sum_i max(#missing in [i, b_i), #missing in (a_i, i)), exact per S",
                  "runs": runs, "violations": violations, "not_certified": uncert},
        crosscheck={"disagreements": [], "summary": "errors counted exactly on certified networks"},
        certificate=cert1)
    # ReLU class (z = theta, learned layer 2): the exact worst case given the learned layer 2.
    rruns, rcert, rbad, rnot = [], [], [], []
    for f, k, missing, S in _subsets(relu_n, frq, relu_subsets, seed + 1):
        cfg = TrainConfig(n=relu_n, decoder="relu2", encoder="sum", init="spread", thetas=S, epochs=epochs, seed=k)
        r = train(cfg, progress=False)
        c = certify_result(r, max_denominator)
        if not c.certified:   # an exact outcome (multipliers) unless undecided
            (rbad if c.outcome == "undecided" else rnot).append({"fraction": f, "S": list(S), "reason": c.reason})
            rcert.append({"missing": missing, "certified": False, "network": training_record(cfg, c.rounded),
                          "infeasible": [{"output": j, "y": list(y), "y_strict": list(ys)}
                                         for j, (y, ys) in sorted(c.multipliers.items())]})
            continue
        enc, dec = c.network.split(1)
        l2 = dec.layers[0]
        kinds, cases = {}, []
        for th in missing:
            case = relu_missing_case(relu_n, S, th, layer2=([w[0] for w in l2.weight], list(l2.bias)), encoder=enc)
            cases.append({"outputs": case["answers"]})
            kinds[str(th)] = case["kinds"]
            if "undecided" in case["kinds"]:
                rbad.append({"fraction": f, "S": list(S), "theta": th, "reason": "undecided"})
        rcert.append({"missing": missing, "certified": True, "network": training_record(cfg, c.network),
                      "cases": cases})
        err = sum(abs(a - b) for t in missing for a, b in zip(c.network.evaluate(_steps(relu_n, t)), _steps(relu_n, t)))
        rruns.append({"fraction": f, "seed": k, "missing": missing, "wrong": _wrong(c.network, relu_n, missing),
                      "abs_error": rational_str(err), "abs_error_float": float(err),
                      "unbounded_coordinates": sum(v.count("unbounded") for v in kinds.values()),
                      "coordinates": relu_n * len(missing), "kinds": kinds})
    st2 = Status.VERIFIED if not rbad else Status.INCONCLUSIVE
    v2 = check.verdict(
        st2, variant="relu2",
        scope={"description": f"the {len(rruns) + len(rnot) + len([b for b in rbad if 'theta' not in b])} training runs of "
                              f"this scope (ReLU decoder, z = theta, n = {relu_n}, fractions {fr}, {relu_subsets} "
                              f"random subsets each, rng seed {seed + 1}): each certified on S, its error on the "
                              "missing signals counted exactly, and every output of every missing signal decided "
                              "exactly (unbounded / wrong / right) for the learned layer 2",
               "n": relu_n, "fractions": fr, "subsets": relu_subsets},
        evidence={"worst_case": "unbounded for the class (000-Q1); per run, the coordinates unbounded given the "
                                "learned layer 2", "runs": rruns, "not_certified": rnot, "problems": rbad},
        crosscheck={"disagreements": [], "summary": "exact certification and exact worst case per learned layer 2"},
        certificate=check.certificate(st2, variant="relu2",
                                      scope=_draws(relu_n, frq, relu_subsets, seed + 1, epochs),
                                      evidence={"runs": rcert,
                                                **({"checked": len(rcert)} if st2 is Status.VERIFIED else {})}))
    return [v1, v2]


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.latex import latex_table
    from proofs.report.figures import figure_tex, plt, save_figure

    out = []
    for v in verdicts:
        runs = v["evidence"].get("runs", [])
        if not runs:
            continue
        if v.get("variant") == "relu2":
            rows = [(r["fraction"], ",".join(map(str, r["missing"])), f"{r['wrong']}/{r['coordinates']}",
                     f"{r['abs_error_float']:.3g}", f"{r['unbounded_coordinates']}/{r['coordinates']}") for r in runs]
            out.append(r"\paragraph{ReLU decoder, $z=\theta$.} Certified runs: wrong coordinates and total absolute "
                       r"error on the missing signals, beside the exact worst case for the learned layer 2 "
                       r"(coordinates whose error is unbounded over all $W_3$ admissible on $S$):"
                       + latex_table(["fraction", "missing", "wrong", "abs error", "unbounded"], rows)
                       + f"Not certified (no $W_3$ with the learned pattern, exact multipliers): "
                         f"{len(v['evidence'].get('not_certified', []))} runs.")
            continue
        fr = sorted({r["fraction"] for r in runs})
        mean = lambda key, f: np.mean([float(Fraction(r[key])) for r in runs if r["fraction"] == f])  # noqa: E731
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.scatter([r["fraction"] for r in runs], [float(Fraction(r["error"])) for r in runs], s=10, alpha=0.5,
                   label="trained + certified (each run)")
        ax.plot(fr, [mean("error", f) for f in fr], "o-", label="trained, mean")
        ax.plot(fr, [mean("bound_error", f) for f in fr], "s--", color="tab:red", label="exact worst case, mean")
        ax.set_xlabel("fraction of missing step functions")
        ax.set_ylabel(r"wrong coordinates / ($n \cdot$ #missing)")
        ax.legend(fontsize=7)
        save_figure(fig, figdir / "q3-generalisation.pdf")
        out.append(r"\paragraph{Threshold decoder.} The ReLU class has an unbounded worst case (000-Q1)."
                   + figure_tex("q3-generalisation.pdf", r"Generalisation error (wrong coordinates per missing "
                                r"coordinate) of certified trained decoders against the fraction of missing step "
                                r"functions, with the exact worst case.", width=r"0.65\linewidth"))
    return "\n".join(out)
