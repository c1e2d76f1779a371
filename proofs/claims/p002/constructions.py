"""002-C1 -- the lecture's ReLU constructions, built exactly and verified on every piece."""

from __future__ import annotations

from fractions import Fraction

from exact.lecture002 import CONSTRUCTIONS
from exact.scalar import rational_str
from numeric.evaluate import evaluate_float
from numeric.formats import parse_formats, round_array, round_rational
from proofs.claim import claim
from proofs.claims.p002 import compare_with_spec, differing_point
from proofs.verdict import Status, Verdict


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("With rho = ReLU: a sigmoid-like function and a hat function with one hidden layer (L = 2), a hat with two hidden "
     "layers (L = 3), the absolute value, soft-thresholding and the identity."):
        (r"With $\rho = \mathrm{ReLU}$: a sigmoid-like function and a hat function with one hidden layer ($L = 2$), a "
         r"hat with two hidden layers ($L = 3$), the absolute value, soft-thresholding and the identity."),
    "rho(x) - rho(x-1), L=2": r"$\rho(x) - \rho(x-1)$, $L = 2$",
    "rho(x) - 2 rho(x-1) + rho(x-2), L=2": r"$\rho(x) - 2\rho(x-1) + \rho(x-2)$, $L = 2$",
    "rho(1 - rho(x-1) - rho(1-x)), L=3": r"$\rho(1 - \rho(x-1) - \rho(1-x))$, $L = 3$",
    "rho(x) + rho(-x), L=2": r"$\rho(x) + \rho(-x)$, $L = 2$",
    "rho(x-1) - rho(-x-1) (lambda = 1), L=2": r"$\rho(x-1) - \rho(-x-1)$ ($\lambda = 1$), $L = 2$",
    "rho(x) - rho(-x), L=2": r"$\rho(x) - \rho(-x)$, $L = 2$",
}


@claim("002-C1",
       title_latex=r"The lecture's ReLU constructions: sigmoid-like, hats, $|x|$, soft-thresholding, identity",
       reading_latex=(r"Constructions: sigmoid-like $\rho(x)-\rho(x-1)$; hat $\rho(x)-2\rho(x-1)+\rho(x-2)$; hat with "
                      r"two hidden layers $\rho\bigl(1-\rho(x-1)-\rho(1-x)\bigr)$; $|x|=\rho(x)+\rho(-x)$; "
                      r"soft-thresholding $\rho(x-\lambda)-\rho(-x-\lambda)$ with $\lambda=1$; identity "
                      r"$\rho(x)-\rho(-x)$. Each network is compared with its exact piecewise-linear reference (break "
                      r"points, values, end slopes) on every interval of the common refinement of both break point sets "
                      r"(slope and intercept equal), so on all of $\mathbb{R}$. The kernel rebuilds the six networks "
                      r"and references from their names and compares them on every piece of its own sweep (every break "
                      r"point of every neuron found by the kernel)."),
       latex=r"\rho(x)-\rho(x-1),\ |x|=\rho(x)+\rho(-x),\ \text{hats, soft-thresholding, } x=\rho(x)-\rho(-x)",
       title="The lecture's ReLU constructions: sigmoid-like, hats, |x|, soft-thresholding, identity",
       source="002 (Mathematics of deep learning, session 1), exercise 'how to implement'",
       statement=("With rho = ReLU: a sigmoid-like function and a hat function with one hidden layer (L = 2), a hat "
                  "with two hidden layers (L = 3), the absolute value, soft-thresholding and the identity."),
       reading=("Constructions: sigmoid-like rho(x) - rho(x-1); hat rho(x) - 2 rho(x-1) + rho(x-2); hat with two "
                "hidden layers rho(1 - rho(x-1) - rho(1-x)); |x| = rho(x) + rho(-x); soft-thresholding "
                "rho(x-lam) - rho(-x-lam) with lam = 1; identity rho(x) - rho(-x). Each network is compared with its "
                "exact piecewise-linear reference (break points, values, end slopes) on every interval of the "
                "common refinement of both break point sets (slope and intercept equal), so on all of R. The kernel "
                "rebuilds the six networks and references from their names and compares them on every piece of its "
                "own sweep (every break point of every neuron found by the kernel)."))
def check(*, wrong: str = "", float_formats: str = "float64") -> Verdict:
    """``wrong`` names a construction whose output weight is perturbed (negative control)."""
    import numpy as np

    formats = parse_formats(float_formats)
    rows, problems, disagreements = [], [], []
    for name, (build, spec, desc) in CONSTRUCTIONS.items():
        net = build()
        if name == wrong:
            j = net.to_json()
            w = j["layers"][-1]["weight"][0]
            w[0] = rational_str(-Fraction(w[0]) + 1)
            from exact.network import Network

            net = Network.from_json(j)
        res = compare_with_spec(net, spec)
        if res["mismatches"]:
            # the kernel certifies the network's true outputs at the probe points; they differ
            # from the reference values listed in the evidence
            problems.append({"construction": name, "mismatches": res["mismatches"], "x": differing_point(net, spec, res),
                             "reference_at_probe": [[rational_str(x), rational_str(spec(x))] for x in res["probe"]]})
        xs = np.linspace(-3, 3, 241)
        for fmt in formats:   # the format's run against the exact reference rounded to the format (once)
            xq = round_array(xs, fmt).astype(np.float64)
            fl = evaluate_float(net, xs[:, None], fmt=fmt)[:, 0]
            ref = np.array([round_rational(spec(Fraction(x)), fmt) for x in xq])
            tol = 1e-12 if fmt == "float64" else 0.0
            if np.max(np.abs(fl - ref)) > tol:
                disagreements.append({"construction": name, "format": fmt,
                                      "max_abs_diff": float(np.max(np.abs(fl - ref)))})
        rows.append({"construction": name, "network": desc, "widths": list(net.widths), "depth_L": len(net.layers),
                     "pieces": res["pieces"], "affine_pieces": res["affine_pieces"],
                     "breakpoints": [rational_str(x) for x in res["refinement_points"]]})
    status = Status.REFUTED if problems else Status.VERIFIED
    return check.verdict(
        status,
        scope={"description": f"the {len(rows)} constructions, every piece on all of R", "wrong": wrong or None},
        evidence={"constructions": rows, "problems": problems},
        crosscheck={"disagreements": disagreements,
                    "formats": list(formats),
                    "summary": "; ".join(
                        f"{f} evaluation on 241 points of [-3, 3] agreed with the reference"
                        if not any(d["format"] == f for d in disagreements) else
                        f"{f} disagreed on {sum(d['format'] == f for d in disagreements)} construction(s)"
                        for f in formats)},
        certificate=check.certificate(status, scope={"perturbed": wrong or None},
                                      evidence=({"construction": problems[0]["construction"], "x": problems[0]["x"]}
                                                if problems else {"checked": len(rows)})))


def report_section(verdicts, figdir):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, axes = plt.subplots(2, 3, figsize=(9, 4.8))
    for ax, (name, (build, spec, desc)) in zip(axes.ravel(), CONSTRUCTIONS.items()):
        net = build()
        xs = np.linspace(-3, 3, 601)
        ax.plot(xs, evaluate_float(net, xs[:, None])[:, 0], lw=2)
        ax.plot([float(x) for x in spec.breakpoints], [float(v) for v in spec.values], "o", ms=4)
        ax.set_title(name.replace("_", " "), fontsize=9)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(figdir / "p002_constructions.pdf")
    plt.close(fig)
    from proofs.report.figures import figure_tex

    return figure_tex("p002_constructions.pdf", "002-C1: the constructions (line) and the break points of their "
                      "exact references (dots).", width=r"0.8\linewidth")
