"""002-P1 -- every realization of a ReLU network is continuous and piecewise affine."""

from __future__ import annotations

import re

from exact.network import Network
from exact.regions import enumerate_regions, facet_adjacency
from exact.scalar import rational_str
from exact.sweep1d import sweep_1d
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p002 import CLASS_WEIGHTS, CLASS_WIDTHS, network_class
from proofs.claims.p003 import enumerate_certified, random_network
from proofs.verdict import Status, Verdict


def _agree_on_hyperplane(r1, r2, a, b) -> bool:
    for row1, row2, c1, c2 in zip(r1.linear, r2.linear, r1.offset, r2.offset):
        D = [x - y for x, y in zip(row1, row2)]
        dl = c1 - c2
        # (D, dl) parallel to (a, -b): all 2x2 minors vanish
        vec1, vec2 = D + [dl], list(a) + [-b]
        n = len(vec1)
        if any(vec1[i] * vec2[j] - vec1[j] * vec2[i] != 0 for i in range(n) for j in range(i + 1, n)):
            return False
    return True


def _jump(net: Network):
    """(net, x): a break point of a d = 1 network where the left and right limits differ, or None."""
    pieces = sweep_1d(net).pieces
    for p, q in zip(pieces, pieces[1:]):
        if p.value(p.hi) != q.value(p.hi):
            return net, p.hi
    return None


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"every network of widths 1-2-1 and 1-1-1-1 with weights and biases in \{-1, 0, 1\} \((\d+) networks, "
               r"d = 1, enumerated again by the kernel\); extra evidence: (\d+) random networks \(d = 1, 2; L <= 4\) "
               r"with relu hidden layers, every region and every shared facet on R\^d"):
        (r"every network of widths 1-2-1 and 1-1-1-1 with weights and biases in $\{-1, 0, 1\}$ (#1 networks, $d = 1$, "
         r"enumerated again by the kernel); extra evidence: #2 random networks ($d = 1, 2$; $L \le 4$) with ReLU "
         r"hidden layers, every region and every shared facet on $\mathbb{R}^d$"),
}


@claim("002-P1",
       title_latex=r"Property 1: ReLU realizations are continuous and piecewise affine",
       reading_latex=(r"Piecewise affine: the exact enumeration gives finitely many open activation regions whose "
                      r"closures cover $\mathbb{R}^d$ (completeness certificate), with one exact affine map on each "
                      r"(kernel: the map derived from the pattern). Continuous: across every common facet of two "
                      r"regions (found and tested exactly on the facet's relative interior) the two affine maps agree "
                      r"on the facet's hyperplane $a\cdot x=b$, i.e.\ their difference $(\Delta,\delta)$ is a multiple "
                      r"of $(a,-b)$; for $d=1$ the left and right maps agree at every break point. Verified ($d=1$) for "
                      r"every network of a class the kernel enumerates itself: widths 1-2-1 and 1-1-1-1 with all "
                      r"weights and biases in $\{-1,0,1\}$ (dead, parallel and coincident neurons included); the "
                      r"kernel's own sweep finds every break point. Random ReLU networks, $d=1,2$, depth up to $4$, "
                      r"with every shared facet tested, are extra evidence (not in the certificate). Negative control: "
                      r"hard-threshold hidden layers must be found discontinuous (certificate: a $d=1$ network and a "
                      r"point where the kernel finds different left and right limits)."),
       variants_latex={"hard_threshold (control)": r"hard threshold (control)",
                       "identity (control)": r"identity (control)"},
       latex=r"f=A_L\circ\rho\circ\cdots\circ\rho\circ A_1 \text{ is continuous and piecewise affine}",
       title="Property 1: ReLU realizations are continuous and piecewise affine",
       source="002 (Mathematics of deep learning, session 1), 'Realizations of ReLU-networks', Property 1",
       statement="Any realization of a ReLU network is continuous and piecewise (affine) linear.",
       reading=("Piecewise affine: the exact enumeration gives finitely many open activation regions whose "
                "closures cover R^d (completeness certificate), with one exact affine map on each (kernel: the "
                "map derived from the pattern). Continuous: across every common facet of two regions (found "
                "and tested exactly on the facet's relative interior) the two affine maps agree on the facet's "
                "hyperplane a.x = b, i.e. their difference (Delta, delta) is a multiple of (a, -b); for d = 1 "
                "the left and right maps agree at every break point. Verified (d = 1) for every network of a class "
                "the kernel enumerates itself: widths 1-2-1 and 1-1-1-1 with all weights and biases in {-1, 0, 1} "
                "(dead, parallel and coincident neurons included); the kernel's own sweep finds every break point. "
                "Random ReLU networks, d = 1, 2, depth up to 4, with every shared facet tested, are extra evidence "
                "(not in the certificate). Negative control: hard-threshold hidden layers must be found discontinuous "
                "(certificate: a d = 1 network and a point where the kernel finds different left and right limits)."))
def check(*, seed: int = 0, n_networks: int = 4, activation: str = "relu") -> Verdict:
    """``activation="hard_threshold"`` swaps the hidden activations (a negative control)."""
    shapes = [[1, 4, 3, 1], [2, 4, 3, 1], [1, 3, 3, 3, 1], [2, 3, 3, 2, 1], [2, 5, 1], [1, 6, 1]]
    rows, problems, jump = [], [], None
    for k in range(n_networks):
        widths = shapes[k % len(shapes)]
        net = random_network(widths, seed + 200 + k)
        if activation != "relu":
            j = net.to_json()
            for layer in j["layers"][:-1]:
                layer["activation"] = activation
                layer["threshold"] = "0"
            net = Network.from_json(j)
        e = enumerate_certified(net) if activation == "relu" else enumerate_regions(net, method="general")
        if activation != "relu" and jump is None and net.in_dim == 1:
            jump = _jump(net)
        adj = facet_adjacency(e.regions)
        bad = []
        for i, ki, j, _ in adj:
            c = e.regions[i].constraints[ki]
            if not _agree_on_hyperplane(e.regions[i], e.regions[j], c.a, c.b):
                bad.append((i, j, c))
        for i, j, c in bad[:3]:
            problems.append({"widths": widths, "regions": [[list(p) for p in e.regions[i].pattern],
                                                           [list(p) for p in e.regions[j].pattern]],
                             "facet": {"a": [rational_str(v) for v in c.a], "b": rational_str(c.b)}})
        rows.append({"widths": widths, "regions": len(e.regions), "shared_facets_checked": len(adj),
                     "discontinuous_facets": len(bad)})
    n_class = 0
    if activation == "relu":
        for _, net in network_class(CLASS_WIDTHS, CLASS_WEIGHTS):
            n_class += 1
            pieces = sweep_1d(net).pieces
            if any(p.value(p.hi) != q.value(p.hi) for p, q in zip(pieces, pieces[1:])):
                problems.append({"class_network": net.to_json(), "what": "discontinuous"})
    status = Status.REFUTED if problems else Status.VERIFIED
    variant = None if activation == "relu" else f"{activation} (control)"
    if activation == "relu":
        cert = check.certificate(status, scope={"widths": list(CLASS_WIDTHS), "weights": list(CLASS_WEIGHTS)},
                                 evidence={"checked": n_class})
    else:
        cert = check.certificate(status if jump else Status.INCONCLUSIVE, variant=variant, scope={},
                                 evidence={"network": network_json(jump[0]), "x": jump[1]} if jump else {})
    return check.verdict(
        status, variant=variant,
        scope={"description": (f"every network of widths {' and '.join('-'.join(map(str, s)) for s in CLASS_WIDTHS)} "
                               f"with weights and biases in {{-1, 0, 1}} ({n_class} networks, d = 1, enumerated again "
                               "by the kernel); extra evidence: " if activation == "relu" else "")
                              + f"{n_networks} random networks (d = 1, 2; L <= 4) with {activation} hidden layers, "
                              "every region and every shared facet on R^d", "seed": seed, "n_networks": n_networks},
        evidence={"networks": rows, "class_networks": n_class, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only (see 003-Conf for the float enumeration)"},
        certificate=cert)


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    net = random_network([2, 4, 3, 1], 201)
    return enumeration_figure(enumerate_regions(net, ("-3", "3")), figdir, "p002_property1",
                              "002-P1: a random ReLU network on [-3, 3]^2: regions (left) and its continuous "
                              "piecewise-affine realization (right).",
                              caption_latex=r"002-P1: a random ReLU network on $[-3, 3]^2$: regions (left) and its "
                                            r"continuous piecewise-affine realization (right).")
