"""001-H3 -- trained autoencoder without constraints (slides): RMSProp, learning rate 1e-4.

Source: 001 (slides), "Trained AE - No constraints" (RMSProp, lr 1e-4, 2,500,000 epochs) and
the conclusion ("very slow training", "high tendency for a nonlinear encoder").

Reading: the encoder is the unconstrained one-layer linear encoder z = w_E . x + b_E (linear
in x; its codes z_theta = b_E + sum_{j <= theta} w_E,j are affine in theta only if all w_E,j
are equal).  Recipe as in 001-H2 (n = 8, capped epochs) with lr 1e-4, certified exactly;
the codes' R^2 against theta and their monotonicity measure the "non-linear encoder"
tendency.  Verified iff the recipe's network is certified admissible, else inconclusive.
"""

from __future__ import annotations

from proofs.claim import claim
from proofs.claims.p001.trained_h2 import recipe_report, run_recipe
from proofs.verdict import Verdict

__all__ = ["check", "report_section"]


@claim("001-H3",
       title_latex=r"Trained autoencoder without constraints (RMSProp, learning rate $10^{-4}$)",
       reading_latex=(r"Unconstrained linear encoder $z=w_E\cdot x+b_E$, ReLU decoder, $n=8$ (default), RMSProp full "
                      r"batch, capped epochs, exact certification; the linearity of the codes ($R^2$ against $\theta$) "
                      r"is reported. Verified iff certified."),
       latex=r"\text{RMSProp, lr } 10^{-4}, \text{ unconstrained encoder: does training reach } Y=X?",
       title="Trained AE without constraints (RMSProp, lr 1e-4)",
       source="001 (slides), 'Trained AE - No constraints' and conclusion",
       statement=("Train the autoencoder with no constraint on the encoder (RMSProp, learning rate 1e-4, 2,500,000 "
                  "epochs); the slides observe very slow training and a tendency towards a non-linear encoder."),
       reading=("Unconstrained linear encoder z = w_E . x + b_E, ReLU decoder, n = 8 (default), RMSProp full batch, "
                "capped epochs, exact certification; code linearity (R^2 vs theta) reported. Verified iff certified."))
def check(*, n: int = 8, lr: float = 1e-4, epochs: int = 10000, seed: int = 0, max_denominator: int = 10000) -> Verdict:
    return run_recipe(check, n=n, encoder="linear", lr=lr, epochs=epochs, seed=seed, max_denominator=max_denominator)


def report_section(verdicts: list[dict], figdir) -> str:
    return recipe_report(verdicts, figdir, "h3")
