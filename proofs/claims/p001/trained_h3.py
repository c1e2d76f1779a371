"""001-H3 -- trained autoencoder without constraints (slides): RMSProp, learning rate 1e-4.

Source: 001 (slides), "Trained AE - No constraints" (RMSProp, lr 1e-4, 2,500,000 epochs) and
the conclusion ("very slow training", "high tendency for a nonlinear encoder").

Reading: the encoder is the unconstrained one-layer linear encoder z = w_E . x + b_E (linear
in x; its codes z_theta = b_E + sum_{j <= theta} w_E,j are affine in theta only if all w_E,j
are equal).  The same two readings as 001-H2 (`trained_h2.py`): the slides' success
criterion MSE <= 1e-5 on the rounded final weights (variant ``mse``) and exact admissibility
(variant ``admissible``), each decided exactly over exactly the listed runs (default n = 4 and
8 with seeds 0..2 and the slides' full 2,500,000 epochs, n = 16 with seeds 0..2 and 200,000
epochs, stored once by
``proofs/claims/p001/slides_runs.py``); the codes' R^2 against theta and their monotonicity
measure the "non-linear encoder" tendency.
"""

from __future__ import annotations

from proofs.claim import claim
from proofs.claims.p001.slides_runs import FULL_EPOCHS
from proofs.claims.p001.trained_h2 import (DEFAULT_RUNS, MSE_TEXTS, RECIPE_READINGS_LATEX, RECIPE_VARIANTS_LATEX,
                                           recipe_report, run_recipe)
from proofs.verdict import Verdict

__all__ = ["check", "report_section"]


#: Texts of this claim's verdicts in LaTeX, for the report.
TEXTS_LATEX = dict(MSE_TEXTS)


@claim("001-H3",
       title_latex=r"Trained autoencoder without constraints (RMSProp, learning rate $10^{-4}$)",
       reading_latex=(r"Unconstrained linear encoder $z=w_E\cdot x+b_E$, ReLU decoder, the slides' recipe (RMSProp "
                      r"full batch) for $n=4$ and $8$ (seeds $0,1,2$, $2{,}500{,}000$ epochs) and $16$ (seeds $0,1,2$, "
                      r"$200{,}000$ epochs), stored once; two readings decided exactly over exactly these runs: "
                      r"$\mathrm{MSE}\le 10^{-5}$ (the slides' $P_1$) and exact admissibility; the linearity of the codes "
                      r"($R^2$ against $\theta$) is reported."),
       variants_latex=RECIPE_VARIANTS_LATEX, readings_latex=RECIPE_READINGS_LATEX,
       latex=r"\text{RMSProp, lr } 10^{-4}, \text{ unconstrained encoder: does training reach } Y=X?",
       title="Trained AE without constraints (RMSProp, lr 1e-4)",
       source="001 (slides), 'Trained AE - No constraints' and conclusion",
       statement=("Train the autoencoder with no constraint on the encoder (RMSProp, learning rate 1e-4, 2,500,000 "
                  "epochs); the slides observe very slow training and a tendency towards a non-linear encoder."),
       reading=("Unconstrained linear encoder z = w_E . x + b_E, ReLU decoder, the slides' recipe (RMSProp full batch) "
                "for n = 4 and 8 (seeds 0..2, 2,500,000 epochs) and 16 (seeds 0..2, 200,000 epochs), stored once; two readings decided exactly over "
                "exactly these runs: MSE <= 1e-5 (the slides' P1) and exact admissibility; code linearity reported."))
def check(*, runs: str = DEFAULT_RUNS, epochs: int = FULL_EPOCHS, lr: float | None = None,
          retrain: bool = False, max_denominator: int = 10000, float_formats: str = "float64,float32",
          progress=None) -> list[Verdict]:
    return run_recipe(check, "001-H3", runs=runs, epochs=epochs, lr=lr, retrain=retrain,
                      max_denominator=max_denominator, float_formats=float_formats, progress=progress)


def report_section(verdicts: list[dict], figdir) -> str:
    return recipe_report(verdicts, figdir, "h3")
