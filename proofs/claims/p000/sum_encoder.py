"""000-E1 -- the sum encoder returns the step position (Traonmilin & Newson, section 3.1).

f_E(x) = sum_{i=1..n} x(i) maps the step function x_theta (x(j) = C for j <= theta,
else 0) to C theta: a code linear in theta.  The check evaluates the encoder network
*as built* (weights from an expression in j, default 1) exactly on every step function
for every n <= n_max, runs the same network in float64, and attempts the symbolic
argument (sympy's summation) for general n.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import sympy

from exact.datasets import step_function_batch, thetas
from exact.errors import InvalidArgument
from exact.scalar import rational_str, to_rational
from exact.step_autoencoder import sum_encoder, weight_family
from numeric.evaluate import evaluate_float
from numeric.crosscheck import disagreement_mask
from numeric.formats import parse_formats
from proofs.methods.symbolic import STEPS_LATEX, argument_json, sum_encoder_steps
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check"]


#: Texts of this claim's verdicts (kernel steps, sympy steps, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    **STEPS_LATEX,
    "The encoder f_E(x) = sum_{i=1..n} x(i) gives the step function's position theta.":
        r"The encoder $f_E(x) = \sum_{i=1}^{n} x(i)$ gives the step function's position $\theta$.",
    "w_j = 1 identically in j": r"$w_j = 1$ identically in $j$",
    "f_E(x_theta) = sum_{j <= theta} C w_j = C theta": r"$f_E(x_\theta) = \sum_{j \le \theta} C w_j = C\theta$",
    "f_E(x_theta) = C theta for every n and theta": r"$f_E(x_\theta) = C\theta$ for every $n$ and $\theta$",
}


@claim("000-E1",
       title_latex=r"The sum encoder returns the position of the step (a code linear in $\theta$)",
       reading_latex=(r"For every $n$ and every $\theta\in\{0,\dots,n\}$, $f_E(x_\theta)=C\theta$, where "
                      r"$x_\theta(j)=C$ for $j\le\theta$ (1-based) and $0$ otherwise; 000 has $C=1$. The encoder is the "
                      r"one-layer identity network with weights $w_j$ given by an expression in $j$ (default $1$)."),
       latex=r"f_E(x_\theta)=\sum_{i=1}^{n} x_\theta(i) = C\,\theta \quad (0\le\theta\le n)",
       title="The sum encoder returns the position of the step (a code linear in theta)",
       source="000 (Traonmilin & Newson), section 3.1",
       statement="The encoder f_E(x) = sum_{i=1..n} x(i) gives the step function's position theta.",
       reading=("For every n and every theta in 0..n, f_E(x_theta) = C theta where x_theta(j) = C for j <= theta "
                "(1-based) and 0 otherwise; 000 has C = 1. The encoder is the one-layer identity network with "
                "weights w_j given by an expression in j (default 1)."))
def check(*, n_max: int = 100, amplitude: str = "1", weights: str = "1", float_formats: str = "float64",
          progress: Callable[[int, int], None] | None = None) -> Verdict:
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    c = to_rational(amplitude)
    formats = parse_formats(float_formats)
    if c == 0:
        raise InvalidArgument("the amplitude C must be non-zero (every step function would be 0)")
    failures, disagreements = [], []
    checked = 0
    for n in range(1, n_max + 1):
        w = weight_family(weights.replace("j", "i"), n)
        enc = sum_encoder(n, weights=w)
        ts = thetas(n)
        batch = step_function_batch(n, ts, c)
        code = enc.evaluate_batch(batch)
        expected = [c * th for th in ts]
        got = code.to_fractions()
        for th, g, e in zip(ts, got, expected):
            if g[0] != e:
                failures.append({"n": n, "theta": th, "code": rational_str(g[0]), "expected": rational_str(e)})
        checked += len(ts)
        xf = batch.num.astype(np.float64) / batch.den.astype(np.float64)[:, None]
        for fmt in formats:
            zf = evaluate_float(enc, xf, fmt=fmt)
            for r in np.nonzero(disagreement_mask(code, zf, fmt=fmt)[:, 0])[0]:
                disagreements.append({"n": n, "theta": int(ts[int(r)]), "exact": rational_str(got[int(r)][0]),
                                      "float": repr(float(zf[int(r), 0])), "format": fmt})
        if progress:
            progress(n, n_max)
    enc_steps, _ = sum_encoder_steps(weights.replace("j", "i"), sympy.Rational(str(c)))
    symbolic = argument_json(enc_steps, "f_E(x_theta) = C theta for every n and theta")
    status = Status.REFUTED if failures else (Status.PROVED if symbolic["valid"] else Status.VERIFIED)
    desc = (f"all n (argument checked by the kernel and by sympy); exact check for n = 1..{n_max}" if status is Status.PROVED
            else f"every step function for every n = 1..{n_max}")
    params = {"amplitude": c, "weights": weights}
    if failures:
        cert = check.certificate(status, scope=params, evidence={"n": failures[0]["n"], "theta": failures[0]["theta"]})
    else:
        cert = check.certificate(status, scope={"n_max": n_max, **params},
                           evidence={"checked": checked},
                           argument=[("weights", "kernel"), ("sum", "kernel")] if status is Status.PROVED else None)
    return check.verdict(
        status,
        scope={"description": desc, "n_max": n_max, "amplitude": rational_str(c)},
        evidence={"encoder_weights": weights, "amplitude": rational_str(c), "step_functions_checked": checked,
                  "counterexamples": failures[:50], "counterexample_count": len(failures),
                  "symbolic_argument": symbolic},
        crosscheck={"disagreements": disagreements, "compared": checked * len(formats), "formats": list(formats),
                    "summary": "; ".join(
                        f"{f} codes agreed with the exact codes on all {checked} step functions"
                        if not any(d["format"] == f for d in disagreements) else
                        f"{f} codes differ from the exact codes on "
                        f"{sum(d['format'] == f for d in disagreements)} of {checked} step functions, first at "
                        f"n = {min(d['n'] for d in disagreements if d['format'] == f)}" for f in formats)},
        certificate=cert,
    )
