"""001-H2 -- trained autoencoder with the constrained linear encoder z = alpha i + beta (slides).

Source: 001 (slides), "Trained AE - Constrained Linear Encoder": linear encoder
z = alpha i + beta, two-layer ReLU decoder (n2 = n, bias in layer 2, none in layer 3),
RMSProp with learning rate 1e-5, 2,500,000 epochs.

Reading: the slides' recipe is run at a size this machine allows (default n = 8, RMSProp,
full batch, Keras-like initialisation: Glorot-uniform weights, zero biases) for a capped
number of epochs (default 20,000, not 2,500,000), then certified exactly (exact.certify: W3
re-solved with the learned layer-2 pattern).  Status: ``verified`` when the recipe's network
is certified admissible, ``inconclusive`` when it is not within the cap (the slides'
observation "very slow training" is then what was seen; the exact reason -- e.g. no W3 exists
for the learned layer 2, with Motzkin multipliers -- is in the evidence).  For comparison the
same architecture is trained with L-BFGS from the spread initialisation and certified (evidence
of the report only).  The certificate binds the recipe's network by SHA-256: the statement is
about that trained network.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import numpy as np

from numeric.training import TrainConfig, linearity_r2, train
from proofs.claims.p000.training_t1 import canonical_relu, certify_result, training_record
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "run_recipe", "recipe_report"]


def run_recipe(claim_check: Callable, *, n: int, encoder: str, lr: float, epochs: int, seed: int,
               max_denominator: int) -> Verdict:
    """The slides' recipe (RMSProp) and L-BFGS for comparison, certified; the Verdict of ``claim_check``
    (a check decorated with :func:`proofs.claim.claim`: 001-H2 or 001-H3)."""
    out, certs, cfgs = {}, {}, {}
    for name, cfg in (("slides_rmsprop", TrainConfig(n=n, decoder="relu2", encoder=encoder, optimizer="rmsprop", lr=lr,
                                                     epochs=epochs, seed=seed)),
                      ("lbfgs_spread", TrainConfig(n=n, decoder="relu2", encoder=encoder, optimizer="lbfgs",
                                                   init="spread", epochs=150, seed=seed))):
        r = train(cfg, progress=None)
        c = certify_result(r, max_denominator)
        enc = c.rounded.split(1)[0]
        z = [enc.evaluate([1 if j <= t else 0 for j in range(1, n + 1)])[0] for t in range(n + 1)]
        p = r.params
        a2 = np.maximum(np.array([float(v) for v in z])[:, None] * p["W2"][None, :] + p["b2"][None, :], 0)
        can = canonical_relu(list(p["W2"]), list(p["b2"]), [list(row) for row in p["W3"]])
        out[name] = {"optimizer": cfg.optimizer, "lr": cfg.lr if cfg.optimizer == "rmsprop" else None,
                     "epochs": r.epochs_run, "seconds": r.seconds, "final_loss": r.final_loss,
                     "loss_history": r.history[:: max(1, len(r.history) // 50)],
                     "outcome": c.outcome, "reason": c.reason,
                     "codes": [float(v) for v in z], "codes_r2_vs_theta": linearity_r2(np.array([float(v) for v in z]), np.arange(n + 1)),
                     "codes_monotone": all(a < b for a, b in zip(z, z[1:])) or all(a > b for a, b in zip(z, z[1:])),
                     "float_rank_A2": int(np.linalg.matrix_rank(a2)),
                     "canonical_k": [float(k) for k in can["k"]]}
        certs[name], cfgs[name] = c, cfg
    c = certs["slides_rmsprop"]
    st = Status.VERIFIED if c.certified else Status.INCONCLUSIVE
    ok = c.certified
    if ok:   # the network bound with its training recipe: the scope's n, lr, epochs, seed must be the record's
        ev = {"network": training_record(cfgs["slides_rmsprop"], c.network), "checked": n + 1}
    else:   # the rounded network, and the outputs for which no W3 exists with its layers 1-2
        ev = {"network": training_record(cfgs["slides_rmsprop"], c.rounded),
              "infeasible": [{"output": j, "y": list(y), "y_strict": list(ys)} for j, (y, ys) in sorted(c.multipliers.items())]}
    lr_exact = Fraction(repr(float(lr)))
    desc = (f"n = {n}, RMSProp lr {lr}, {epochs} epochs (slides: 2,500,000), seed {seed}; "
            + ("certified admissible" if ok else "no certified admissible network within the cap"))
    return claim_check.verdict(
        st, scope={"description": desc, "n": n, "epochs": epochs, "lr": lr, "seed": seed}, evidence=out,
        crosscheck={"disagreements": [], "summary": f"slides' recipe: loss {out['slides_rmsprop']['final_loss']:.3g} "
                    f"after {out['slides_rmsprop']['epochs']} epochs; L-BFGS: {out['lbfgs_spread']['final_loss']:.3g}"},
        certificate=claim_check.certificate(st, scope={"n": n, "lr": lr_exact, "epochs": epochs, "seed": seed},
                                            evidence=ev))


@claim("001-H2",
       title_latex=(r"Trained autoencoder, constrained linear encoder $z=\alpha i+\beta$ (RMSProp, learning rate "
                    r"$10^{-5}$)"),
       reading_latex=(r"The slides' recipe at $n=8$ (default), RMSProp full batch, Keras-like initialisation, capped "
                      r"epochs; exact certification of the result; L-BFGS (spread initialisation) for comparison. "
                      r"Verified iff certified admissible."),
       latex=r"\text{RMSProp, lr } 10^{-5}, \text{ encoder } z=\alpha i+\beta: \text{ does training reach } Y=X?",
       title="Trained AE, constrained linear encoder z = alpha i + beta (RMSProp, lr 1e-5)",
       source="001 (slides), 'Trained AE - Constrained Linear Encoder'",
       statement=("Train the autoencoder with linear encoder z = alpha i + beta and the two-layer ReLU decoder with "
                  "RMSProp (learning rate 1e-5, 2,500,000 epochs); report what the trained encoder and decoder look "
                  "like."),
       reading=("Slides' recipe at n = 8 (default), RMSProp full batch, Keras-like init, capped epochs; exact "
                "certification of the result; L-BFGS (spread init) for comparison. Verified iff certified admissible."))
def check(*, n: int = 8, lr: float = 1e-5, epochs: int = 20000, seed: int = 0, max_denominator: int = 10000) -> Verdict:
    return run_recipe(check, n=n, encoder="affine", lr=lr, epochs=epochs, seed=seed, max_denominator=max_denominator)


def recipe_report(verdicts: list[dict], figdir, tag: str) -> str:
    from proofs.report.latex import latex_escape
    from proofs.report.figures import plt, save_figure

    out = []
    for k, v in enumerate(verdicts):
        ev = v["evidence"]
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7.5, 2.8))
        for name, e in ev.items():
            h = np.array(e["loss_history"], dtype=float)
            if len(h):
                ax1.loglog(np.maximum(h[:, 0], 1), np.maximum(h[:, 1], 1e-30), label=name)
            ax2.plot(e["codes"], ".-", label=f"{name} (R2 {e['codes_r2_vs_theta']:.3f})")
        ax1.set_xlabel("epoch / iteration")
        ax1.set_ylabel("MSE")
        ax1.legend(fontsize=6)
        ax2.set_xlabel("theta")
        ax2.set_ylabel("code z")
        ax2.legend(fontsize=6)
        name = f"{tag}-{k}.pdf"
        save_figure(fig, figdir / name)
        from proofs.report.figures import figure_tex

        out.append(figure_tex(name, r"Training of %s: loss against epochs (left) and the trained codes $z$ "
                              r"against $\theta$ (right)." % latex_escape(tag), width=r"0.9\linewidth"))
        out.append(latex_escape("; ".join(f"{n}: {e['outcome']} ({e['reason'][:120]}), rank A2 (float) {e['float_rank_A2']}"
                                          for n, e in ev.items())))
    return "\n".join(out)


def report_section(verdicts: list[dict], figdir) -> str:
    return recipe_report(verdicts, figdir, "h2")
