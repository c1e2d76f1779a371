"""001-H2 -- trained autoencoder with the constrained linear encoder z = alpha i + beta (slides).

Source: 001 (slides), "Trained AE - Constrained Linear Encoder": linear encoder
z = alpha i + beta, two-layer ReLU decoder (n2 = n, bias in layer 2, none in layer 3),
RMSProp with learning rate 1e-5, 2,500,000 epochs.

Readings a reader of the slides would test, each decided over exactly the listed runs (the
scope ``runs``, e.g. ``"4x3,8x3,16x3@200000"``: each n with the seeds below its count and its
budget, the slides' full 2,500,000 epochs unless given after ``@``; RMSProp full batch,
Keras-like initialisation):

* variant ``mse`` -- the slides' own success criterion (their P1): the trained network's MSE is
  at most 1e-5.  Decided on the rounded final weights (every float64 weight rounded to a
  rational of denominator <= ``max_denominator``): their MSE over the n + 1 step functions is
  computed exactly.  ``verified`` when every run meets it, ``refuted`` when a run of the full
  budget does not (that run is the counterexample), ``inconclusive`` when only runs with a
  smaller budget than the slides' do not (the slides' budget might still get there).
* variant ``admissible`` -- exact admissibility: the rounded network, its last layer W3
  re-solved exactly with the learned hidden pattern (exact.certify), reconstructs every step
  function exactly.  ``verified`` when every run is certified; ``refuted`` when, for a run of
  the full budget, no W3 exists for the learned layers 1-2 at some output (exact Motzkin
  multipliers); ``inconclusive`` when only runs below the full budget are not certified.

The runs of the full budget are trained once by ``proofs/claims/p001/slides_runs.py`` (seeded)
and stored with their recipe in ``proofs/claims/p001/data/slides_training_runs.json``; the
default check re-decides those stored weights exactly, ``retrain=True`` re-trains them
(minutes per run) and reports whether the weights are reproduced bit for bit, and any scope
without stored runs (for example ``epochs=20000``) is trained on the spot.  The certificates
bind each run's rounded network by SHA-256 with its training record; the kernel recomputes
every exact MSE and re-checks every Motzkin certificate.  The float cross-check evaluates the
rounded networks in each float format (``float_formats``) and compares the float MSE's
decision with the exact one.
"""

from __future__ import annotations

import re

from fractions import Fraction
from typing import Callable

import numpy as np

from exact.errors import InvalidArgument
from exact.scalar import rational_str
from numeric.formats import parse_formats
from numeric.training import TrainResult, linearity_r2
from proofs.claims.p000.training_t1 import canonical_relu, certify_result, training_record
from proofs.claims.p001.slides_runs import FULL_EPOCHS, RECIPES, load_runs, recipe_config, run_key, train_run
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["DEFAULT_RUNS", "check", "report_section", "run_recipe", "recipe_report", "exact_mse", "parse_runs", "MSE_BOUND"]

#: The default scope: n x seeds (@ epochs when not the slides' full budget).
DEFAULT_RUNS = "4x3,8x3,16x3@200000"
#: The slides' success criterion (their P1): MSE <= 1e-5.
MSE_BOUND = Fraction(1, 100000)


def _step(n: int, t: int) -> list[Fraction]:
    return [Fraction(1) if j <= t else Fraction(0) for j in range(1, n + 1)]


def exact_mse(network, n: int) -> Fraction:
    """MSE = 1 / ((n + 1) n) sum_theta ||f(x_theta) - x_theta||^2, exactly (amplitude 1)."""
    total = Fraction(0)
    for t in range(n + 1):
        x = _step(n, t)
        total += sum((y - v) ** 2 for y, v in zip(network.evaluate(x), x))
    return total / ((n + 1) * n)


def _params(run: dict) -> dict[str, np.ndarray]:
    out = {}
    for k, v in run["params"].items():
        a = np.array([float(s) for s in v] if isinstance(v, list) else float(v), dtype=np.float64)
        out[k] = a.reshape(run["shapes"][k]) if isinstance(v, list) else a
    return out


def _float_mse(network, n: int, fmt: str) -> float:
    from numeric.evaluate import evaluate_float

    X = np.array([[float(v) for v in _step(n, t)] for t in range(n + 1)])
    Y = evaluate_float(network, X, fmt=fmt)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean((Y - X) ** 2))


def _decide(claim_id: str, n: int, seed: int, epochs: int, lr: float, stored: dict, retrain: bool,
            max_denominator: int, formats: tuple[str, ...], progress) -> dict:
    """One run: stored (or trained now), rounded, certified, its exact MSE; everything the verdicts need."""
    key = run_key(claim_id, n, lr, epochs, seed)
    run, reproduced = stored.get(key), None
    if run is None or retrain:
        fresh = train_run(claim_id, n, seed, epochs, progress=progress)
        if run is not None:
            reproduced = fresh["params"] == run["params"]
        run, source = fresh, "trained now"
    else:
        source = "stored"
    cfg = recipe_config(claim_id, n, seed, epochs, lr)
    p = _params(run)
    c = certify_result(TrainResult(cfg, p), max_denominator)
    mse = exact_mse(c.rounded, n)
    enc = c.rounded.split(1)[0]
    z = [enc.evaluate(_step(n, t))[0] for t in range(n + 1)]
    zf = np.array([float(v) for v in z])
    a2 = np.maximum(zf[:, None] * p["W2"][None, :] + p["b2"][None, :], 0)
    can = canonical_relu(list(p["W2"]), list(p["b2"]), [list(row) for row in p["W3"]])
    fl = {f: _float_mse(c.rounded, n, f) for f in formats}
    return {
        "cfg": cfg, "cert": c, "mse": mse,
        "row": {"n": n, "seed": seed, "epochs": epochs, "lr": lr, "source": source, "reproduced_bitwise": reproduced,
                "command": run.get("command"), "train_seconds": run.get("seconds"),
                "final_loss_float": float(run["final_loss_float"]),
                "mse_rounded_exact": rational_str(mse), "mse_rounded": float(mse), "meets_p1": mse <= MSE_BOUND,
                "outcome": c.outcome, "reason": c.reason, "rounded_failures": c.rounded_failures,
                "repaired_outputs": c.repaired_outputs, "infeasible_outputs": c.infeasible_outputs,
                "repair_max_change": None if c.repair_distance() is None else float(c.repair_distance()),
                "codes": [float(v) for v in z], "codes_r2_vs_theta": linearity_r2(zf, np.arange(n + 1)),
                "codes_monotone": all(a < b for a, b in zip(z, z[1:])) or all(a > b for a, b in zip(z, z[1:])),
                "float_rank_A2": int(np.linalg.matrix_rank(a2)), "canonical_k": [float(k) for k in can["k"]],
                "float_mse": fl,
                "history": [[int(e), float(v)] for e, v in run["history"]][:: max(1, len(run["history"]) // 60)],
                "decoder": {"W2": [float(v) for v in p["W2"]], "b2": [float(v) for v in p["b2"]],
                            "W3": [[float(v) for v in r] for r in p["W3"]]}},
    }


def parse_runs(text: str, epochs: int = FULL_EPOCHS) -> list[tuple[int, int, int]]:
    """``"8x3,16x3@200000"`` -> [(8, 3, epochs), (16, 3, 200000)]: each n with its number of seeds
    (seeds 0..count-1) and its budget (``epochs`` unless given after ``@``), sorted by n."""
    out = []
    for part in str(text).replace(" ", "").split(","):
        if not part:
            continue
        try:
            head, _, budget = part.partition("@")
            n, s = (int(v) for v in head.split("x"))
            e = int(budget) if budget else int(epochs)
        except ValueError:
            raise InvalidArgument(f"runs must look like 8x3,16x3@200000 (n x seeds @ epochs), got {str(text)[:40]!r}") from None
        if n < 1 or s < 1 or n > 64 or s > 20 or e < 1:
            raise InvalidArgument(f"runs: n must be in 1..64, seeds in 1..20 and epochs positive, got {part[:30]!r}")
        out.append((n, s, e))
    if not out or len({n for n, _, _ in out}) != len(out):
        raise InvalidArgument(f"runs must list each n once, got {str(text)[:40]!r}")
    return sorted(out)


def run_recipe(claim_check: Callable, claim_id: str, *, runs: str, epochs: int, lr: float | None,
               retrain: bool, max_denominator: int, float_formats: str, progress=None) -> list[Verdict]:
    """Both readings of ``claim_id`` (001-H2 or 001-H3) over the runs (n, seed) of ``runs`` (:func:`parse_runs`)."""
    plan = parse_runs(runs, epochs)
    formats = parse_formats(float_formats)
    try:
        lr = RECIPES[claim_id][1] if lr is None else float(lr)
    except (TypeError, ValueError):
        raise InvalidArgument(f"lr must be a number, got {str(lr)[:40]!r}") from None
    if not 0 < lr < float("inf"):
        raise InvalidArgument(f"lr must be positive and finite, got {lr!r}")
    stored = {r["key"]: r for r in load_runs() if r["claim"] == claim_id}
    runs = []
    total = sum(s for _, s, _ in plan)
    for n, seeds, budget in plan:
        for seed in range(seeds):
            runs.append(_decide(claim_id, n, seed, budget, lr, stored, retrain, max_denominator, formats, progress))
            if progress:
                progress(len(runs), total)
    rows = [r["row"] for r in runs]
    lr_exact = Fraction(repr(float(lr)))
    cscope = {"runs": [[n, s, e] for n, s, e in plan], "lr": lr_exact}
    listed = "; ".join(f"n = {n}, seeds 0..{s - 1}, {e:,} epochs" + (" (the slides' budget)" if e >= FULL_EPOCHS else "")
                       for n, s, e in plan)
    scope = {"description": f"the {len(runs)} runs ({listed}), RMSProp lr {lr}: a statement about exactly these runs",
             "runs": [[n, s, e] for n, s, e in plan], "lr": lr, "max_denominator": max_denominator}
    common = {"runs": rows, "stored_data": "proofs/claims/p001/data/slides_training_runs.json",
              "max_denominator": max_denominator}

    # reading 1: the slides' criterion MSE <= 1e-5, on the rounded final weights, exactly
    bad = [r for r in runs if r["mse"] > MSE_BOUND]
    bad_full = [r for r in bad if r["row"]["epochs"] >= FULL_EPOCHS]
    st1 = Status.VERIFIED if not bad else (Status.REFUTED if bad_full else Status.INCONCLUSIVE)
    rec = [{"n": r["row"]["n"], "seed": r["row"]["seed"], "network": training_record(r["cfg"], r["cert"].rounded),
            "mse": r["mse"]} for r in runs]
    if st1 is Status.REFUTED:
        worst = max(range(len(runs)), key=lambda i: (runs[i]["row"]["epochs"] >= FULL_EPOCHS, runs[i]["mse"]))
        ev1 = rec[worst]
    else:
        ev1 = {"runs": rec, **({"checked": len(rec)} if st1 is Status.VERIFIED else {})}
    dis = [{"n": r["row"]["n"], "seed": r["row"]["seed"], "format": f, "float_mse": m,
            "exact_mse": r["row"]["mse_rounded"]}
           for r in runs for f, m in r["row"]["float_mse"].items() if (not m <= float(MSE_BOUND)) != (r["mse"] > MSE_BOUND)]
    cross = {"disagreements": dis, "formats": list(formats), "compared": len(runs) * len(formats),
             "summary": "; ".join(
                 f"{f}: the rounded networks' MSE decides MSE <= 1e-5 as the exact MSE does for all {len(runs)} run(s)"
                 if not any(d["format"] == f for d in dis) else
                 f"{f}: the float MSE decides MSE <= 1e-5 differently from the exact MSE for "
                 f"{sum(d['format'] == f for d in dis)} of {len(runs)} runs" for f in formats)}
    mses = sorted(r["mse"] for r in runs)
    v1 = claim_check.verdict(
        st1, variant="mse",
        reading=("The slides' success criterion (P1): the trained network reaches MSE <= 1e-5. For each run of the "
                 "scope the exact MSE of its rounded final weights over the n + 1 step functions. Verified iff every "
                 "run meets it; a run of the slides' full budget that does not refutes it; below that budget it is "
                 "inconclusive."),
        scope=scope,
        evidence={**common, "mse_bound": "1/100000", "runs_meeting_p1": len(runs) - len(bad),
                  "exact_mse_range": [float(mses[0]), float(mses[-1])]},
        crosscheck=cross,
        certificate=claim_check.certificate(st1, variant="mse", scope=cscope, evidence=ev1))

    # reading 2: exact admissibility after exact certification (W3 re-solved with the learned pattern)
    inf = sorted((r for r in runs if not r["cert"].certified), key=lambda r: r["row"]["epochs"] < FULL_EPOCHS)
    st2 = Status.VERIFIED if not inf else (Status.REFUTED if inf[0]["row"]["epochs"] >= FULL_EPOCHS
                                           else Status.INCONCLUSIVE)
    if st2 is Status.VERIFIED:
        ev2 = {"runs": [{"n": r["row"]["n"], "seed": r["row"]["seed"],
                         "network": training_record(r["cfg"], r["cert"].network)} for r in runs], "checked": len(runs)}
    else:
        r = inf[0]
        ev2 = {"n": r["row"]["n"], "seed": r["row"]["seed"], "network": training_record(r["cfg"], r["cert"].rounded),
               "infeasible": [{"output": j, "y": list(y), "y_strict": list(ys)}
                              for j, (y, ys) in sorted(r["cert"].multipliers.items())]}
    v2 = claim_check.verdict(
        st2, variant="admissible",
        reading=("Exact admissibility: the rounded trained network, its last layer re-solved exactly with the learned "
                 "hidden pattern, reconstructs every step function exactly. Verified iff every run is certified; a run "
                 "of the slides' full budget whose learned layers 1-2 admit no exact W3 (Motzkin multipliers) refutes "
                 "it; below that budget it is inconclusive."),
        scope=scope,
        evidence={**common, "certified_runs": len(runs) - len(inf),
                  "not_certified": [{"n": r["row"]["n"], "seed": r["row"]["seed"], "reason": r["cert"].reason[:200]}
                                    for r in inf]},
        crosscheck={"disagreements": [], "formats": list(formats),
                    "summary": "exact certification only (the float formats are compared under the mse variant)"},
        certificate=claim_check.certificate(st2, variant="admissible", scope=cscope, evidence=ev2))
    return [v1, v2]


#: The two readings of 001-H2 and 001-H3 in LaTeX (their verdicts state them in plain text above).
RECIPE_VARIANTS_LATEX = {"mse": r"MSE $\le 10^{-5}$", "admissible": "exact admissibility"}
RECIPE_READINGS_LATEX = {
    "mse": (r"The slides' success criterion ($P_1$): the trained network reaches $\mathrm{MSE}\le 10^{-5}$. For each "
            r"run of the scope, the exact MSE of its rounded final weights over the $n+1$ step functions. Verified "
            r"iff every run meets it; a run of the slides' full budget ($2{,}500{,}000$ epochs) that does not "
            r"refutes it; below that budget it is inconclusive."),
    "admissible": (r"Exact admissibility: the rounded trained network, its last layer re-solved exactly with the "
                   r"learned hidden pattern, reconstructs every step function exactly. Verified iff every run is "
                   r"certified; a run of the slides' full budget whose learned layers 1--2 admit no exact $W_3$ "
                   r"(Motzkin multipliers) refutes it; below that budget it is inconclusive."),
}


def _mse_tex(m) -> str:
    from proofs.report.latex import latex_escape

    return latex_escape(m.group(0)).replace(r"MSE \textless{}= 1e-5", r"$\mathrm{MSE} \le 10^{-5}$")


#: The criterion "MSE <= 1e-5" in the texts of 001-H2 and 001-H3 (cross-check summaries, table heads), in LaTeX.
MSE_TEXTS = {re.compile(r".*MSE <= 1e-5.*"): _mse_tex}


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("Train the autoencoder with linear encoder z = alpha i + beta and the two-layer ReLU decoder with RMSProp "
     "(learning rate 1e-5, 2,500,000 epochs); report what the trained encoder and decoder look like."):
        (r"Train the autoencoder with linear encoder $z = \alpha i + \beta$ and the two-layer ReLU decoder with RMSProp "
         r"(learning rate $10^{-5}$, 2,500,000 epochs); report what the trained encoder and decoder look like."),
    **MSE_TEXTS,
}


@claim("001-H2",
       title_latex=(r"Trained autoencoder, constrained linear encoder $z=\alpha i+\beta$ (RMSProp, learning rate "
                    r"$10^{-5}$)"),
       reading_latex=(r"The slides' recipe (RMSProp full batch, Keras-like initialisation) for $n=4$ and $8$ (seeds "
                      r"$0,1,2$, the slides' $2{,}500{,}000$ epochs) and $n=16$ (seeds $0,1,2$, $200{,}000$ epochs), "
                      r"stored once; two readings decided exactly over exactly these runs: $\mathrm{MSE}\le 10^{-5}$ "
                      r"(the slides' $P_1$) and exact admissibility."),
       variants_latex=RECIPE_VARIANTS_LATEX, readings_latex=RECIPE_READINGS_LATEX,
       latex=r"\text{RMSProp, lr } 10^{-5}, \text{ encoder } z=\alpha i+\beta: \text{ does training reach } Y=X?",
       title="Trained AE, constrained linear encoder z = alpha i + beta (RMSProp, lr 1e-5)",
       source="001 (slides), 'Trained AE - Constrained Linear Encoder'",
       statement=("Train the autoencoder with linear encoder z = alpha i + beta and the two-layer ReLU decoder with "
                  "RMSProp (learning rate 1e-5, 2,500,000 epochs); report what the trained encoder and decoder look "
                  "like."),
       reading=("The slides' recipe (RMSProp full batch, Keras-like init) for n = 4 and 8 (seeds 0..2, the "
                "slides' 2,500,000 epochs) and n = 16 (seeds 0..2, 200,000 epochs), stored once; two readings decided exactly over exactly these runs: MSE <= 1e-5 (the "
                "slides' P1) and exact admissibility."))
def check(*, runs: str = DEFAULT_RUNS, epochs: int = FULL_EPOCHS, lr: float | None = None,
          retrain: bool = False, max_denominator: int = 10000, float_formats: str = "float64,float32",
          progress=None) -> list[Verdict]:
    return run_recipe(check, "001-H2", runs=runs, epochs=epochs, lr=lr, retrain=retrain,
                      max_denominator=max_denominator, float_formats=float_formats, progress=progress)


# -- report ----------------------------------------------------------------------------

def recipe_report(verdicts: list[dict], figdir, tag: str) -> str:
    """Per claim: a table of the runs (exact MSE, outcome) and a figure of the learned encoders and decoders."""
    from proofs.report.figures import figure_tex, plt, save_figure
    from proofs.report.latex import latex_escape, latex_table

    v = next((v for v in verdicts if v.get("variant") == "mse"), verdicts[0] if verdicts else None)
    if v is None or "runs" not in v.get("evidence", {}):
        return ""
    rows = v["evidence"]["runs"]
    out = [latex_table(["n", "seed", "epochs", "float loss", "exact MSE (rounded)", "MSE <= 1e-5", "outcome",
                        "R2 codes"],
                       [[r["n"], r["seed"], f"{r['epochs']:,}", f"{r['final_loss_float']:.3g}", f"{r['mse_rounded']:.3g}",
                         "yes" if r["meets_p1"] else "no", r["outcome"], f"{r['codes_r2_vs_theta']:.4f}"] for r in rows])]
    fig, ax = plt.subplots(1, 4, figsize=(11, 2.8))
    for r in rows:
        h = np.array(r["history"], dtype=float)
        lab = f"$n = {r['n']}$, seed {r['seed']}"
        if len(h):
            ax[0].loglog(np.maximum(h[:, 0], 1), np.maximum(h[:, 1], 1e-30), lw=0.8, label=lab)
        z = np.array(r["codes"])
        span = (z[-1] - z[0]) or 1.0
        ax[1].plot(np.arange(r["n"] + 1) / r["n"], (z - z[0]) / span, ".-", lw=0.8, label=lab)
    ax[0].axhline(1e-5, color="k", ls=":", lw=0.8)
    ax[0].set_xlabel("epoch")
    ax[0].set_ylabel("MSE (float)")
    ax[0].legend(fontsize=5, ncol=2)
    ax[1].set_xlabel(r"$\theta / n$")
    ax[1].set_ylabel("$(z - z_0) / (z_n - z_0)$")
    ax[1].set_title("encoder: codes", fontsize=8)
    r = next((r for r in rows if r["n"] == 8 and r["seed"] == 0), rows[0])
    n, d = r["n"], r["decoder"]
    W2, b2, W3 = np.array(d["W2"]), np.array(d["b2"]), np.array(d["W3"])
    z = np.array(r["codes"])
    zz = np.linspace(min(z) - 0.1 * abs(np.ptp(z)), max(z) + 0.1 * abs(np.ptp(z)), 400)
    Y = np.maximum(np.maximum(zz[:, None] * W2[None, :] + b2[None, :], 0) @ W3.T, 0)
    for i in range(n):
        ax[2].plot(zz, Y[:, i] + 0.0 * i, lw=0.8)
    for v_ in z:
        ax[2].axvline(v_, color="0.8", lw=0.5)
    ax[2].set_xlabel("code $z$")
    ax[2].set_ylabel("decoder outputs $y_i(z)$")
    ax[2].set_title(f"decoder, $n = {n}$, seed {r['seed']}", fontsize=8)
    Yc = np.maximum(np.maximum(z[:, None] * W2[None, :] + b2[None, :], 0) @ W3.T, 0)
    im = ax[3].imshow(Yc, cmap="viridis", vmin=0, vmax=1, aspect="auto")
    ax[3].set_xlabel("coordinate $i$")
    ax[3].set_ylabel(r"$\theta$")
    ax[3].set_title(r"reconstruction of $x_\theta$", fontsize=8)
    fig.colorbar(im, ax=ax[3], fraction=0.05)
    name = f"{tag}-runs.pdf"
    save_figure(fig, figdir / name)
    out.append(figure_tex(name, r"%s: float loss against epochs (dotted: the slides' criterion $10^{-5}$), the learned "
                          r"codes (normalised), the decoder's outputs $y_i(z)$ against the code (vertical lines: "
                          r"the codes of the step functions) and the reconstruction of every step function for one "
                          r"run." % latex_escape(tag.upper()), width=r"\linewidth"))
    return "\n".join(out)


def report_section(verdicts: list[dict], figdir) -> str:
    return recipe_report(verdicts, figdir, "h2")
