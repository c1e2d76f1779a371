"""002-P4 -- number of affine pieces in d = 1 for depth L: O(n^(L-1)) with n neurons; sharp (sawtooth)."""

from __future__ import annotations

import re

from math import prod

from exact.lecture002 import sawtooth, zigzag
from exact.sweep1d import sweep_1d
from proofs.methods.bounds import product_upper
from proofs.claim import claim
from proofs.claims.p002 import CLASS_WEIGHTS, CLASS_WIDTHS, network_class
from proofs.claims.p003 import random_network
from proofs.verdict import Status, Verdict


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("For ReLU networks of depth L in d = 1: #pieces = O(n^(L-1)) with n neurons and O(n^floor(L/2)) with n "
     "connections; these bounds are sharp (sawtooth constructions)."):
        (r"For ReLU networks of depth $L$ in $d = 1$: $\#\text{pieces} = O(n^{L-1})$ with $n$ neurons and "
         r"$O(n^{\lfloor L/2 \rfloor})$ with $n$ connections; these bounds are sharp (sawtooth constructions)."),
    re.compile(r"sawtooth k <= (\d+), zigzag m <= (\d+) \(k <= (\d+)\), every network of widths 1-2-1 and 1-1-1-1 with "
               r"weights and biases in \{-1, 0, 1\} \((\d+) networks, enumerated again by the kernel\); (\d+) random "
               r"networks as extra evidence; connection bound reported only"):
        (r"sawtooth $k \le #1$, zigzag $m \le #2$ ($k \le #3$), every network of widths 1-2-1 and 1-1-1-1 with weights "
         r"and biases in $\{-1, 0, 1\}$ (#4 networks, enumerated again by the kernel); #5 random networks as extra "
         r"evidence; connection bound reported only"),
    "2^k": r"$2^k$",
}


@claim("002-P4",
       title_latex=r"Number of affine pieces in $d=1$: $O(n^{L-1})$ with $n$ neurons, sharp via sawtooth compositions",
       reading_latex=(r"Neurons: exact piece counts (exact sweep on $\mathbb{R}$) never exceed $\prod_l "
                      r"(n_l+1)\le\bigl(n/(L-1)+1\bigr)^{L-1}$ (each layer cuts each piece at most $n_l$ times), "
                      r"checked for every network of a class the kernel enumerates itself (widths 1-2-1 and 1-1-1-1, "
                      r"all weights and biases in $\{-1,0,1\}$) and reported for random networks; sharpness: the "
                      r"$k$-fold tent-map composition (width $2$, depth $L=k+1$) has exactly $2^k$ affine pieces on "
                      r"$[0,1]$, and the $m$-tooth zigzag composition has $m^k=\bigl(n/(L-1)\bigr)^{L-1}$ pieces with "
                      r"$n=mk$ neurons. The kernel rebuilds every sawtooth and zigzag and counts their affine pieces "
                      r"with its own sweep. Connections: the counts and the ratios $\text{pieces}/c^{\lfloor "
                      r"L/2\rfloor}$ ($c$ the number of non-zero weights) are reported; the $O$-constant is not "
                      r"specified in the lecture, so this half is not adjudicated."),
       latex=r"d=1:\ \#\text{pieces}=O(n^{L-1}) \text{ with } n \text{ neurons, sharp (sawtooth)}",
       title="Number of affine pieces in d = 1: O(n^(L-1)) with n neurons, sharp via sawtooth compositions",
       source="002 (Mathematics of deep learning, session 1), 'Number of pieces' (Gribonval et al., Telgarsky)",
       statement=("For ReLU networks of depth L in d = 1: #pieces = O(n^(L-1)) with n neurons and "
                  "O(n^floor(L/2)) with n connections; these bounds are sharp (sawtooth constructions)."),
       reading=("Neurons: exact piece counts (exact sweep on R) never exceed prod_l (n_l + 1) <= (n/(L-1) + 1)^(L-1) "
                "(each layer cuts each piece at most n_l times), checked for every network of a class the kernel "
                "enumerates itself (widths 1-2-1 and 1-1-1-1, all weights and biases in {-1, 0, 1}) and reported for "
                "random networks; sharpness: the k-fold tent-map "
                "composition (width 2, depth L = k + 1) has exactly 2^k affine pieces on [0, 1], and the m-tooth "
                "zigzag composition has m^k = (n/(L-1))^(L-1) pieces with n = m k neurons. The kernel rebuilds every "
                "sawtooth and zigzag and counts their affine pieces with its own sweep. Connections: the "
                "counts and the ratios pieces / c^floor(L/2) (c = non-zero weights) are reported; the O-constant is "
                "not specified in the lecture, so this half is not adjudicated."))
def check(*, k_max: int = 8, m_max: int = 4, n_random: int = 8, seed: int = 0) -> Verdict:
    rows, problems = [], []
    for k in range(1, k_max + 1):
        net = sawtooth(k)
        n_pieces = len(sweep_1d(net, 0, 1).affine_pieces())
        conns = sum(1 for layer in net.layers for row in layer.weight for v in row if v) + \
            sum(1 for layer in net.layers for v in layer.bias if v)
        L = len(net.layers)
        rows.append({"family": "sawtooth", "k": k, "L": L, "neurons": 2 * k, "connections": conns,
                     "pieces_on_[0,1]": n_pieces, "2^k": 2 ** k, "neuron_bound": product_upper(1, [2] * k),
                     "pieces/connections^floor(L/2)": float(n_pieces / conns ** (L // 2))})
        if n_pieces != 2 ** k:
            problems.append(f"sawtooth k={k}: {n_pieces} pieces")
    for m in range(3, m_max + 1):
        for k in range(1, 4):
            net = zigzag(m, k)
            n_pieces = len(sweep_1d(net, 0, 1).affine_pieces())
            n = m * k
            rows.append({"family": f"zigzag m={m}", "k": k, "L": k + 1, "neurons": n, "pieces_on_[0,1]": n_pieces,
                         "(n/(L-1))^(L-1)": (n // k) ** k, "neuron_bound": product_upper(1, [m] * k)})
            if n_pieces != m ** k:
                problems.append(f"zigzag m={m} k={k}: {n_pieces} pieces")
    n_class = 0
    for shape, net in network_class(CLASS_WIDTHS, CLASS_WEIGHTS):
        n_class += 1
        if len(sweep_1d(net).affine_pieces()) > prod(w + 1 for w in shape[1:-1]):
            problems.append(f"class network {net.to_json()}: too many pieces")
    rand = []
    shapes = [[1, 3, 3, 1], [1, 4, 4, 4, 1], [1, 6, 1], [1, 2, 2, 2, 2, 1]]
    for s in range(n_random):
        widths = shapes[s % len(shapes)]
        net = random_network(widths, seed + 400 + s)
        sw = sweep_1d(net)
        bound = prod(w + 1 for w in widths[1:-1])
        rand.append({"widths": widths, "regions": len(sw.pieces), "affine_pieces": len(sw.affine_pieces()),
                     "bound": bound})
        if len(sw.pieces) > bound:
            problems.append(f"random {widths}: {len(sw.pieces)} > {bound}")
    status = Status.VERIFIED if not problems else Status.REFUTED
    n_built = k_max + 3 * max(0, m_max - 2)
    return check.verdict(
        status,
        scope={"description": f"sawtooth k <= {k_max}, zigzag m <= {m_max} (k <= 3), every network of widths "
                              f"{' and '.join('-'.join(map(str, s)) for s in CLASS_WIDTHS)} with weights and biases in "
                              f"{{-1, 0, 1}} ({n_class} networks, enumerated again by the kernel); {n_random} random "
                              "networks as extra evidence; connection bound reported only",
               "k_max": k_max, "m_max": m_max, "n_random": n_random},
        evidence={"constructions": rows, "class_networks": n_class, "random": rand, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact sweep only"},
        certificate=check.certificate(status, scope={"k_max": k_max, "m_max": m_max, "widths": list(CLASS_WIDTHS),
                                                     "weights": list(CLASS_WEIGHTS)},
                                      evidence={"checked": n_built + n_class}))


def report_section(verdicts, figdir):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from numeric.evaluate import evaluate_float
    from proofs.report.latex import latex_table

    fig, ax = plt.subplots(1, 2, figsize=(9, 3.2))
    xs = np.linspace(0, 1, 2001)
    for k in (1, 2, 3, 4):
        ax[0].plot(xs, evaluate_float(sawtooth(k), xs[:, None])[:, 0] + 1.2 * (k - 1), lw=1)
    ax[0].set_title(r"sawtooth $k = 1, \dots, 4$ (shifted)", fontsize=9)
    ev = verdicts[0]["evidence"]["constructions"]
    saw = [r for r in ev if r["family"] == "sawtooth"]
    ax[1].semilogy([r["k"] for r in saw], [r["pieces_on_[0,1]"] for r in saw], "o-", label="exact pieces")
    ax[1].semilogy([r["k"] for r in saw], [r["neuron_bound"] for r in saw], "s--", label=r"$\prod_l (n_l + 1)$")
    ax[1].legend(fontsize=8)
    ax[1].set_xlabel("$k$ ($L = k + 1$)")
    fig.tight_layout()
    fig.savefig(figdir / "p002_pieces.pdf")
    plt.close(fig)
    tab = latex_table(["family", "k", "L", "neurons", "pieces", "bound"],
                      [[r["family"], r["k"], r["L"], r["neurons"], r["pieces_on_[0,1]"], r["neuron_bound"]] for r in ev])
    from proofs.report.figures import figure_tex

    return figure_tex("p002_pieces.pdf", "002-P4: sawtooth compositions and their exact piece counts.",
                      width=r"0.9\linewidth") + "\n\n" + tab
