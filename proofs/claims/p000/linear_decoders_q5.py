"""000-Q5 -- do decoders exist that move theta by delta when the code moves by delta?

Source: 000 section 2, "Do decoders exist which decode the signals in a linear fashion, that
is to say when we move by an amount delta in the latent space, there is a change of delta in
the parameter theta of the output image?"

Reading: for a real code z, the output's parameter is read as theta_hat(z) = sum_j y_j / C
(the sum encoder applied to the output; it is theta on step functions).  A decoder is linear
on [0, n] when theta_hat(z) = z for every real z in [0, n] (so z -> z + delta moves theta_hat by
delta).  Checked exactly with the breakpoint sweep (exact.sweep1d): the decoder is piecewise
affine, so it suffices that every piece has slope C and intercept 0 in sum_j y_j.
(a) 001's ramp decoder (000-Q4) is linear in this sense: proved for every n (its W3 has a closed
form, row j = (2 - j) e_1 + (j - 1) e_2 - e_(j+1), and output j is clip(z - j + 1, 0, 1) on [0, n];
the kernel checks the cases), and swept exactly for every n <= n_max.
(b) Lemma 3.1's decoder is piecewise constant: theta_hat(z) = floor(z) on [0, n] (exact
sweep), linear only for integer delta.  (c) trained ReLU decoders (constrained affine encoder,
certified): the exact linearity defect max |theta_hat(z) - theta(z)| over the code range,
theta(z) the affine map sending the codes z_0, z_n to 0, n.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor

from exact.network import Network
from exact.scalar import rational_str
from exact.step_autoencoder import threshold_decoder
from exact.sweep1d import sweep_1d
from numeric.training import TrainConfig, train
from proofs.claims.p000.linear_encoders_q4 import ramp_decoder
from proofs.claims.p000.training_t1 import certify_result
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "mass_defect"]


def mass_defect(decoder: Network, z0: Fraction, z1: Fraction, n: int, C=Fraction(1)) -> tuple[Fraction, list]:
    """max over [z0, z1] of |theta_hat(z) - theta(z)|, theta(z) = n (z - z0)/(z1 - z0); exact (piecewise affine)."""
    sw = sweep_1d(decoder, z0, z1)
    pts = [z0, z1] + [p.x for p in sw.points]
    lin = lambda z: n * (z - z0) / (z1 - z0)  # noqa: E731
    worst = Fraction(0)
    for piece in sw.pieces:
        for z in (piece.lo, piece.hi):
            worst = max(worst, abs(sum(piece.value(z)) / C - lin(z)))
    for p in sw.points:
        worst = max(worst, abs(sum(p.value) / C - lin(p.x)))
    return worst, sorted(set(pts))


#: The argument for every n (proofs/kernel/specs/p000.py, 000-Q5).
KERNEL_ARGUMENT = [("closed form", "kernel"),
                   ("unique", "theorem: a triangular matrix with non-zero diagonal is invertible"),
                   ("outputs", "kernel")]


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("Do decoders exist such that moving by delta in the latent space changes the parameter theta of the output by "
     "delta?"):
        (r"Do decoders exist such that moving by $\delta$ in the latent space changes the parameter $\theta$ of the "
         r"output by $\delta$?"),
    "yes: the ramp decoder has theta_hat(z) = z on [0, n]": r"yes: the ramp decoder has $\hat\theta(z) = z$ on $[0, n]$",
    ("row j of W3 = (2 - j) e_1 + (j - 1) e_2 - e_(j+1) (j < n; row n without the last term) gives U3 at the codes "
     "t = 1..n: 1 for t >= j, t - j + 1 below"):
        (r"row $j$ of $W_3$ $= (2 - j) e_1 + (j - 1) e_2 - e_{j+1}$ ($j < n$; row $n$ without the last term) gives "
         r"$U_3$ at the codes $t = 1, \dots, n$: $1$ for $t \ge j$, $t - j + 1$ below"),
    "A2 (A2[t, k] = ReLU(t - k + 1)) is unit lower triangular, so W3^T = A2^{-1} U3 is that closed form":
        (r"$A_2$ ($A_2[t, k] = \mathrm{ReLU}(t - k + 1)$) is unit lower triangular, so $W_3^T = A_2^{-1} U_3$ is that "
         r"closed form"),
    ("for z = m + s in [m, m + 1] (0 <= m < n, 0 <= s <= 1) output j is 1 for j <= m, s for j = m + 1, 0 beyond: "
     "theta_hat(z) = m + s = z"):
        (r"for $z = m + s \in [m, m + 1]$ ($0 \le m < n$, $0 \le s \le 1$) output $j$ is $1$ for $j \le m$, $s$ for "
         r"$j = m + 1$, $0$ beyond: $\hat\theta(z) = m + s = z$"),
    "yes: for every n the ramp decoder has theta_hat(z) = z on [0, n] (output j is clip(z - j + 1, 0, 1))":
        (r"yes: for every $n$ the ramp decoder has $\hat\theta(z) = z$ on $[0, n]$ (output $j$ is "
         r"$\min(\max(z - j + 1, 0), 1)$)"),
}


@claim("000-Q5",
       title_latex=r"Linear decoders: moving the code by $\delta$ moves $\theta$ by $\delta$",
       reading_latex=(r"$\hat\theta(z)=\sum_j f_D(z)_j/C$; linear on $[0,n]$ iff $\hat\theta(z)=z$ there (exact sweep "
                      r"of the piecewise-affine decoder). Ramp decoder: linear; Lemma 3.1: $\lfloor z\rfloor$; trained "
                      r"ReLU decoders: exact defect."),
       latex=r"\exists f_D:\ \hat\theta(z+\delta)=\hat\theta(z)+\delta,\ \hat\theta(z)=\tfrac1C\sum_j f_D(z)_j",
       title="Linear decoders: moving the code by delta moves theta by delta",
       source="000 (Traonmilin & Newson), section 2, linearity questions",
       statement=("Do decoders exist such that moving by delta in the latent space changes the parameter theta of "
                  "the output by delta?"),
       reading=("theta_hat(z) = sum_j f_D(z)_j / C; linear on [0, n] iff theta_hat(z) = z there (exact sweep of the "
                "piecewise-affine decoder). Ramp decoder: linear; Lemma 3.1: floor(z); trained ReLU decoders: exact "
                "defect."))
def check(*, n_max: int = 10, seeds: int = 2, train_n: int = 6, epochs: int = 300) -> Verdict:
    problems, floor_ok = [], True
    for n in range(1, n_max + 1):
        dec = ramp_decoder(n)
        sw = sweep_1d(dec, 0, n)
        for piece in sw.pieces:
            if sum(piece.slope) != 1 or sum(piece.intercept) != 0:
                problems.append({"n": n, "piece": [rational_str(piece.lo), rational_str(piece.hi)]})
        l31 = threshold_decoder([Fraction(1, i) for i in range(1, n + 1)])
        for piece in sweep_1d(l31, 0, n).pieces:
            if sum(piece.intercept) != floor(piece.interior_point()) or any(piece.slope):
                floor_ok = False
    trained = []
    for s in range(seeds):
        r = train(TrainConfig(n=train_n, decoder="relu2", encoder="affine", init="spread", epochs=epochs, seed=s),
                  progress=False)
        c = certify_result(r)
        if c.certified:
            enc, dec = c.network.split(1)
            za = enc.evaluate([0] * train_n)[0]
            zb = enc.evaluate([1] * train_n)[0]
            lo, hi = min(za, zb), max(za, zb)
            d, _ = mass_defect(dec, lo, hi, train_n)
            trained.append({"seed": s, "outcome": c.outcome, "defect": rational_str(d), "defect_float": float(d)})
        else:
            trained.append({"seed": s, "outcome": c.outcome})
    # A ramp decoder that fails is a failure of this module's construction, not an answer "no".
    st = Status.PROVED if not problems else Status.INCONCLUSIVE
    desc = (f"every n (the ramp decoder's closed form and its outputs on every [m, m + 1]; argument checked by the "
            f"kernel); exact sweep of [0, n] for every n = 1..{n_max}" if st is Status.PROVED else
            f"ramp decoder linear on [0, n] for every n = 1..{n_max} (exact sweep)")
    return check.verdict(
        st, scope={"description": desc, "n_max": n_max},
        evidence={"answer": "yes: for every n the ramp decoder has theta_hat(z) = z on [0, n] (output j is "
                            "clip(z - j + 1, 0, 1))",
                  "problems": problems, "lemma_3_1_is_floor": floor_ok,
                  "trained_relu_decoders": trained},
        crosscheck={"disagreements": [], "summary": "exact sweep; outputs at every breakpoint re-checked"},
        certificate=check.certificate(st, scope={"n_max": n_max}, evidence={"checked": n_max}, argument=KERNEL_ARGUMENT)
        if st is Status.PROVED else None)


def report_section(verdicts: list[dict], figdir) -> str:
    import numpy as np

    from proofs.report.figures import plt, save_figure

    n = 6
    zs = np.linspace(0, n, 241)
    ramp = ramp_decoder(n)
    l31 = threshold_decoder([Fraction(1, i) for i in range(1, n + 1)])
    from numeric.evaluate import evaluate_float

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(zs, evaluate_float(ramp, zs[:, None]).sum(axis=1), label="ramp decoder (001 form)")
    ax.plot(zs, evaluate_float(l31, zs[:, None]).sum(axis=1), label="Lemma 3.1 decoder")
    ax.plot(zs, zs, "k--", lw=0.8, label=r"$\theta = z$")
    ax.set_xlabel("code $z$")
    ax.set_ylabel(r"$\hat\theta$ = sum of outputs")
    ax.legend(fontsize=7)
    save_figure(fig, figdir / "q5-decoders.pdf")
    from proofs.report.latex import latex_escape

    tr = "; ".join(f"seed {t['seed']}: {t['outcome']}" + (f", defect {t['defect_float']:.3f}" if "defect_float" in t else "")
                   for v in verdicts for t in v["evidence"].get("trained_relu_decoders", []))
    from proofs.report.figures import figure_tex

    return (figure_tex("q5-decoders.pdf", r"Decoded position $\hat\theta(z)$ (sum of the outputs) against the "
                       r"code $z$ for the ramp decoder, Lemma~3.1's decoder and trained ReLU decoders.") + "\n\n"
            r"Trained ReLU decoders (exact linearity defect $\max|\hat\theta(z)-\theta(z)|$): " + latex_escape(tr))
