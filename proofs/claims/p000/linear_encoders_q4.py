"""000-Q4 -- do encoders exist that encode the step functions linearly in theta?

Source: 000 section 2, "Do encoders exist which encode the signals in a linear fashion,
that is to say that there is a linear relationship between the code z and theta?"

Reading: an encoder is linear when its codes satisfy z_theta = alpha theta + beta exactly
(alpha != 0).  Proved for every n, alpha != 0 and beta: the decoder sigma(z / alpha + 1 - i - beta / alpha)
has pre-activation theta + 1 - i (the kernel checks the identity).  Checked exactly for every n <= n_max:
(a) affine sum encoders z = alpha sum_j x(j) + beta with the threshold decoder
w_i = 1/(alpha i + beta) (Lemma 3.1 rescaled), for several (alpha, beta); (b) the sum
encoder with 001's two-layer ReLU "ramp" decoder (:func:`ramp_decoder`).  Measurement: the
exact non-linearity max_theta |z_theta - (z_0 + (z_n - z_0) theta / n)| / |z_n - z_0| of the
codes of *trained* unconstrained encoders (z = w_E . x + b_E), after exact certification.
"""

from __future__ import annotations

import re

from fractions import Fraction

from exact.network import Network
from exact.slides001 import activation_rows, decoder_network, solve_output_weights
from exact.scalar import rational_str, to_rational
from exact.step_autoencoder import sum_encoder, threshold_decoder
from numeric.training import TrainConfig, train
from proofs.claims.p000.training_t1 import certify_result
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "ramp_decoder", "code_nonlinearity"]


#: The argument for every n, alpha != 0 and beta (proofs/kernel/specs/p000.py, 000-Q4).
KERNEL_ARGUMENT = [("code", "theorem: 000-E1 (sum_j x_theta(j) = theta for every n)"), ("pre", "kernel")]


def ramp_decoder(n: int, amplitude=1) -> Network:
    """001 decoder for z = theta: A2 = ReLU(z - j + 1), U3 ramp (C (theta - j + 1) <= 0 below), W3^T = A2^{-1} U3
    (exact.slides001.solve_output_weights; a member of 001's handcrafted family with U3 of form (1)).

    Output j is C clip(z - j + 1, 0, 1) for z in [0, n], so the output's mass moves with z.
    """
    C = to_rational(amplitude)
    W2, b2 = [Fraction(1)] * n, [Fraction(1 - j) for j in range(1, n + 1)]
    A2 = activation_rows(range(1, n + 1), W2, b2)
    U3 = [[C if t >= j else C * (t - j + 1) for j in range(1, n + 1)] for t in range(1, n + 1)]
    return decoder_network(W2, b2, solve_output_weights(A2, U3).rows())


def code_nonlinearity(z) -> Fraction:
    """Exact max_theta |z_theta - chord(theta)| / |z_n - z_0| (0 iff affine in theta)."""
    n = len(z) - 1
    span = z[-1] - z[0]
    if span == 0:
        return Fraction(10**9)
    return max(abs(zt - (z[0] + span * Fraction(t, n))) for t, zt in enumerate(z)) / abs(span)


def _steps(n, t, c=1):
    return tuple(Fraction(c) if j <= t else Fraction(0) for j in range(1, n + 1))


def _fails(net, n, c=1):
    return [t for t in range(n + 1) if net.evaluate(_steps(n, t, c)) != _steps(n, t, c)]


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    "Do encoders exist which encode the signals in a linear fashion (a linear relationship between z and theta)?":
        r"Do encoders exist which encode the signals in a linear fashion (a linear relationship between $z$ and $\theta$)?",
    "yes: every affine code z = alpha theta + beta (alpha != 0) has an exactly admissible decoder":
        r"yes: every affine code $z = \alpha\theta + \beta$ ($\alpha \ne 0$) has an exactly admissible decoder",
    re.compile(r"every n, every alpha != 0 and beta \(the decoder sigma\(z / alpha \+ 1 - i - beta / alpha\); argument "
               r"checked by the kernel\); the affine encoders (\S+) and the ramp decoder checked exactly for every "
               r"n = 1\.\.(\d+)"):
        (r"every $n$, every $\alpha \ne 0$ and $\beta$ (the decoder $\sigma(z / \alpha + 1 - i - \beta / \alpha)$; "
         r"argument checked by the kernel); the affine encoders \texttt{#1} ($\alpha$:$\beta$) and the ramp decoder "
         r"checked exactly for every $n = 1, \dots, #2$"),
    "000-E1 (sum_j x_theta(j) = theta for every n)": r"000-E1 ($\sum_j x_\theta(j) = \theta$ for every $n$)",
    "z_theta = alpha theta + beta for z = alpha sum_j x(j) + beta":
        r"$z_\theta = \alpha\theta + \beta$ for $z = \alpha \sum_j x(j) + \beta$",
    ("z_theta / alpha + 1 - i - beta / alpha = theta + 1 - i for every alpha != 0, beta, so unit i fires (>= 1) iff "
     "theta - i >= 0 iff x_theta(i) = 1"):
        (r"$z_\theta / \alpha + 1 - i - \beta / \alpha = \theta + 1 - i$ for every $\alpha \ne 0$, $\beta$, so unit "
         r"$i$ fires ($\ge 1$) iff $\theta - i \ge 0$ iff $x_\theta(i) = 1$"),
    ("yes: for every n every affine code z = alpha theta + beta (alpha != 0) has an exactly admissible decoder, "
     "sigma(z / alpha + 1 - i - beta / alpha) (its pre-activation is theta + 1 - i)"):
        (r"yes: for every $n$ every affine code $z = \alpha\theta + \beta$ ($\alpha \ne 0$) has an exactly admissible "
         r"decoder, $\sigma(z / \alpha + 1 - i - \beta / \alpha)$ (its pre-activation is $\theta + 1 - i$)"),
}


@claim("000-Q4",
       title_latex=r"Linear encoders: codes exactly affine in $\theta$",
       reading_latex=(r"Codes $z_\theta=\alpha\theta+\beta$ exactly, with an exactly admissible decoder: affine sum "
                      r"encoders with $w_i=1/(\alpha i+\beta)$, and the sum encoder with the ReLU ramp decoder; trained "
                      r"unconstrained encoders measured by the exact relative deviation of their certified codes from "
                      r"the chord."),
       latex=r"\exists f_E, f_D:\ z_\theta=\alpha\theta+\beta,\ f_D(z_\theta)=x_\theta",
       title="Linear encoders: codes exactly affine in theta",
       source="000 (Traonmilin & Newson), section 2, linearity questions",
       statement=("Do encoders exist which encode the signals in a linear fashion (a linear relationship between z "
                  "and theta)?"),
       reading=("Codes z_theta = alpha theta + beta exactly, with an exactly admissible decoder: affine sum encoders "
                "with w_i = 1/(alpha i + beta), and the sum encoder with the ReLU ramp decoder; trained unconstrained "
                "encoders measured by the exact relative deviation of their certified codes from the chord."))
def check(*, n_max: int = 10, pairs: str = "1:0,2:1,1/2:3,-1:0", seeds: int = 2, train_n: int = 6,
          epochs: int = 300) -> Verdict:
    problems, built = [], 0
    ab = [tuple(to_rational(s) for s in p.split(":")) for p in pairs.split(",")]
    for n in range(1, n_max + 1):
        for a, b in ab:
            if any(a * i + b == 0 for i in range(1, n + 1)):
                continue
            enc = sum_encoder(n, a, b)
            if a > 0 and b >= 0:
                dec = threshold_decoder([1 / (a * i + b) for i in range(1, n + 1)])
            else:  # sigma(z w + c) with w = 1/alpha, c = 1 - i - beta/alpha: z w + c = theta + 1 - i
                dec = threshold_decoder([1 / a] * n, 1, [1 - Fraction(i) - b / a for i in range(1, n + 1)])
            net = enc.then(dec)
            f = _fails(net, n)
            built += 1
            if f:
                problems.append({"n": n, "alpha": rational_str(a), "beta": rational_str(b), "failures": f})
        net = sum_encoder(n).then(ramp_decoder(n))
        f = _fails(net, n)
        built += 1
        if f:
            problems.append({"n": n, "decoder": "ramp", "failures": f})
    measured = []
    for dec in ("relu2", "threshold"):
        for s in range(seeds):
            cfg = TrainConfig(n=train_n, decoder=dec, encoder="linear", decoder_bias=True,
                              init="spread", epochs=epochs, seed=s)
            r = train(cfg, progress=False)
            c = certify_result(r)
            enc = c.rounded.split(1)[0]
            z = [enc.evaluate(_steps(train_n, t))[0] for t in range(train_n + 1)]
            measured.append({"decoder": dec, "seed": s, "outcome": c.outcome,
                             "nonlinearity": rational_str(code_nonlinearity(z)),
                             "nonlinearity_float": float(code_nonlinearity(z)),
                             "codes": [float(v) for v in z]})
    # A construction that fails is a failure of this module's constructions, not an answer "no".
    st = Status.PROVED if not problems else Status.INCONCLUSIVE
    cert = check.certificate(st, scope={"n_max": n_max, "pairs": [list(p) for p in ab]}, evidence={"checked": built},
                             argument=KERNEL_ARGUMENT) if st is Status.PROVED else None
    desc = (f"every n, every alpha != 0 and beta (the decoder sigma(z / alpha + 1 - i - beta / alpha); argument "
            f"checked by the kernel); the affine encoders {pairs} and the ramp decoder checked exactly for every "
            f"n = 1..{n_max}")
    return check.verdict(
        st, scope={"description": desc if st is Status.PROVED else
                   f"affine encoders {pairs} and the ramp decoder, every n = 1..{n_max}", "n_max": n_max},
        evidence={"answer": "yes: for every n every affine code z = alpha theta + beta (alpha != 0) has an exactly "
                            "admissible decoder, sigma(z / alpha + 1 - i - beta / alpha) (its pre-activation is "
                            "theta + 1 - i)", "constructions": built, "problems": problems,
                  "trained_unconstrained_encoders": measured},
        crosscheck={"disagreements": [], "summary": "exact constructions; trained encoders certified"},
        certificate=cert)


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.figures import figure_tex, plt, save_figure

    out = []
    for v in verdicts:
        m = v["evidence"].get("trained_unconstrained_encoders", [])
        if not m:
            continue
        fig, ax = plt.subplots(figsize=(5, 3))
        for e in m:
            z = e["codes"]
            zn = [(x - z[0]) / (z[-1] - z[0]) if z[-1] != z[0] else 0 for x in z]
            ax.plot(range(len(z)), zn, ".-", label=f"{e['decoder']} seed {e['seed']} (nl {e['nonlinearity_float']:.2f})")
        ax.plot([0, len(z) - 1], [0, 1], "k--", lw=1, label="affine")
        ax.set_xlabel(r"$\theta$")
        ax.set_ylabel("normalised code")
        ax.legend(fontsize=6)
        save_figure(fig, figdir / "q4-codes.pdf")
        out.append(r"Codes of trained unconstrained encoders (normalised to $[0,1]$), with their exact "
                   r"non-linearity (relative deviation from the chord):"
                   + figure_tex("q4-codes.pdf", r"Codes of trained unconstrained encoders, normalised to $[0,1]$, "
                                r"against $\theta$."))
    return "\n".join(out)
