"""002-P1 -- every realization of a ReLU network is continuous and piecewise affine."""

from __future__ import annotations

import re
from fractions import Fraction

from exact.network import Network
from exact.regions import enumerate_regions, facet_adjacency
from exact.scalar import rational_str
from exact.sweep1d import sweep_1d
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p002 import CLASS_WEIGHTS, CLASS_WIDTHS, network_class
from proofs.claims.p002.support import class_networks
from proofs.claims.p003 import enumerate_certified, random_network
from proofs.verdict import Status, Verdict

#: The d = 2 class the kernel re-enumerates: every network R^2 -> R with one hidden relu layer of 2 neurons,
#: hidden and output weights in {-1, 0, 1}, hidden and output biases in {0, 1}, up to the order of the neurons
#: (parallel, coincident and opposite lines, dead and constant neurons; 2970 networks).
PLANE_CLASSES = [{"hidden": 2, "weights": ["-1", "0", "1"], "biases": ["0", "1"]}]


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


def _with_activation(net: Network, activation: str) -> Network:
    j = net.to_json()
    for layer in j["layers"][:-1]:
        layer["activation"] = activation
        layer["threshold"] = "0"
    return Network.from_json(j)


def _bad_facets(net: Network, e) -> list:
    """The shared facets (i, j, constraint) of the enumeration ``e`` across which the maps differ."""
    bad = []
    for i, ki, j, _ in facet_adjacency(e.regions):
        c = e.regions[i].constraints[ki]
        if not _agree_on_hyperplane(e.regions[i], e.regions[j], c.a, c.b):
            bad.append((i, j, c))
    return bad


def _line_pieces(W, b):
    """For a one-hidden-layer network on R^2: for each distinct line w.x + b = 0 of a neuron (w != 0), a
    point inside each segment or ray into which the other lines cut it, with a step s > 0 such that
    no other line meets the segment from x - s w to x + s w.  Yields (x, s, w, b)."""
    lines = []
    for w, bj in zip(W, b):
        v = (*w, bj)
        if any(w) and not any(all(v[i] * u[k] == v[k] * u[i] for i in range(3) for k in range(i)) for u in lines):
            lines.append(v)
    for a1, a2, beta in lines:
        n2 = a1 * a1 + a2 * a2
        p0, d = (-beta * a1 / n2, -beta * a2 / n2), (-a2, a1)
        ts = sorted({-(u1 * p0[0] + u2 * p0[1] + ub) / (u1 * d[0] + u2 * d[1])
                     for u1, u2, ub in lines if u1 * d[0] + u2 * d[1] != 0})
        mids = [Fraction(0)] if not ts else [ts[0] - 1] + [(lo + hi) / 2 for lo, hi in zip(ts, ts[1:])] + [ts[-1] + 1]
        for t in mids:
            x = (p0[0] + t * d[0], p0[1] + t * d[1])
            gaps = [abs(u1 * x[0] + u2 * x[1] + ub) / abs(u1 * a1 + u2 * a2) for u1, u2, ub in lines
                    if u1 * x[0] + u2 * x[1] + ub != 0 and u1 * a1 + u2 * a2 != 0]
            yield x, min(gaps + [Fraction(1)]) / 2, (a1, a2), beta


def plane_class_check(classes=PLANE_CLASSES) -> dict:
    """Every network of the d = 2 classes: its regions of R^2 (exact enumeration), the pairs of regions
    sharing a facet (the two regions at x +- s w beside each piece of each neuron line, :func:`_line_pieces`)
    and the discontinuous ones (the counts the kernel must find again)."""
    count, regions, facets, problems = 0, 0, 0, []
    for net in class_networks(classes):
        e = enumerate_regions(net, None)
        by_pattern = {r.pattern: r for r in e.regions}
        W, b = net.layers[0].weight, net.layers[0].bias
        pairs = set()
        for x, s, a, beta in _line_pieces(W, b):
            sides = []
            for sign in (1, -1):
                y = [x[0] + sign * s * a[0], x[1] + sign * s * a[1]]
                sides.append((tuple(int(w[0] * y[0] + w[1] * y[1] + bj > 0) for w, bj in zip(W, b)), ()))
            r1, r2 = by_pattern.get(sides[0]), by_pattern.get(sides[1])
            if r1 is None or r2 is None or not _agree_on_hyperplane(r1, r2, a, -beta):
                problems.append({"class_network": net.to_json(), "what": "discontinuous across a facet",
                                 "point": [rational_str(v) for v in x]})
            pairs.add(frozenset(sides))
        count, regions, facets = count + 1, regions + len(e.regions), facets + len(pairs)
    return {"networks": count, "regions": regions, "facets": facets, "problems": problems}


def _threshold_plane_network(classes=PLANE_CLASSES):
    """The first network of the d = 2 classes that, with hard-threshold hidden neurons, jumps across a facet."""
    for net in class_networks(classes):
        ht = _with_activation(net, "hard_threshold")
        if _bad_facets(ht, enumerate_regions(ht, method="general")):
            return ht
    return None


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
    re.compile(r"every network of widths 1-2-1 and 1-1-1-1 with weights and biases in \{-1, 0, 1\} \((\d+) networks, "
               r"d = 1\) and every network R\^2 -> R with one hidden layer of 2 neurons, weights in \{-1, 0, 1\} and "
               r"biases in \{0, 1\} \(hidden and output\), up to the neurons' order \((\d+) networks, (\d+) regions, "
               r"(\d+) pairs of regions sharing a facet, each checked\), both classes enumerated again by the kernel; "
               r"extra evidence: (\d+) random networks \(d = 1, 2; L <= 4\) with relu hidden layers, every region and "
               r"every shared facet on R\^d"):
        (r"every network of widths 1-2-1 and 1-1-1-1 with weights and biases in $\{-1, 0, 1\}$ (#1 networks, $d = 1$) "
         r"and every network $\mathbb{R}^2 \to \mathbb{R}$ with one hidden layer of 2 neurons, weights in "
         r"$\{-1, 0, 1\}$ and biases in $\{0, 1\}$ (hidden and output), up to the neurons' order (#2 networks, #3 "
         r"regions, #4 pairs of regions sharing a facet, each checked), both classes enumerated again by the kernel; "
         r"extra evidence: #5 random networks ($d = 1, 2$; $L \le 4$) with ReLU hidden layers, every region and every "
         r"shared facet on $\mathbb{R}^d$"),
}


@claim("002-P1",
       title_latex=r"Property 1: ReLU realizations are continuous and piecewise affine",
       reading_latex=(r"Piecewise affine: the exact enumeration gives finitely many open activation regions whose "
                      r"closures cover $\mathbb{R}^d$ (completeness certificate), with one exact affine map on each "
                      r"(kernel: the map derived from the pattern). Continuous: across every common facet of two "
                      r"regions (found and tested exactly on the facet's relative interior) the two affine maps agree "
                      r"on the facet's hyperplane $a\cdot x=b$, i.e.\ their difference $(\Delta,\delta)$ is a multiple "
                      r"of $(a,-b)$; for $d=1$ the left and right maps agree at every break point. Verified for "
                      r"every network of two classes the kernel enumerates itself: $d=1$, widths 1-2-1 and 1-1-1-1 with all "
                      r"weights and biases in $\{-1,0,1\}$ (dead, parallel and coincident neurons included; the "
                      r"kernel's own sweep finds every break point); $d=2$, one hidden layer of 2 neurons, weights in "
                      r"$\{-1,0,1\}$ and biases in $\{0,1\}$ (hidden and output), up to the neurons' order (parallel, "
                      r"coincident and opposite lines, dead neurons): the kernel finds the regions of $\mathbb{R}^2$ "
                      r"itself and, on every piece of every neuron's line, checks that the maps of the two regions "
                      r"beside it differ by a multiple of the line's equation. Random ReLU networks, $d=1,2$, depth up to $4$, "
                      r"with every shared facet tested, are extra evidence (not in the certificate). Negative control: "
                      r"hard-threshold hidden layers must be found discontinuous (certificate: a $d=1$ network and a "
                      r"point where the kernel finds different left and right limits, and a $d=2$ network of the "
                      r"class with hard-threshold neurons on which the kernel's facet check finds a jump)."),
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
                "the left and right maps agree at every break point. Verified for every network of two classes "
                "the kernel enumerates itself: d = 1, widths 1-2-1 and 1-1-1-1 with all weights and biases in {-1, 0, 1} "
                "(dead, parallel and coincident neurons included; the kernel's own sweep finds every break point); "
                "d = 2, one hidden layer of 2 neurons, weights in {-1, 0, 1} and biases in {0, 1} (hidden and output), "
                "up to the neurons' order (parallel, coincident and opposite lines, dead neurons): the kernel finds "
                "the regions of R^2 itself and, on every piece of every neuron's line, checks that the maps of the "
                "two regions beside it differ by a multiple of the line's equation. "
                "Random ReLU networks, d = 1, 2, depth up to 4, with every shared facet tested, are extra evidence "
                "(not in the certificate). Negative control: hard-threshold hidden layers must be found discontinuous "
                "(certificate: a d = 1 network and a point where the kernel finds different left and right limits, and a "
                "d = 2 network of the class with hard-threshold neurons on which the kernel's facet check finds a jump)."))
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
    n_class, plane = 0, None
    if activation == "relu":
        plane = plane_class_check()
        problems += plane["problems"][:3]
        for _, net in network_class(CLASS_WIDTHS, CLASS_WEIGHTS):
            n_class += 1
            pieces = sweep_1d(net).pieces
            if any(p.value(p.hi) != q.value(p.hi) for p, q in zip(pieces, pieces[1:])):
                problems.append({"class_network": net.to_json(), "what": "discontinuous"})
    status = Status.REFUTED if problems else Status.VERIFIED
    variant = None if activation == "relu" else f"{activation} (control)"
    if activation == "relu":
        cert = check.certificate(status, scope={"widths": list(CLASS_WIDTHS), "weights": list(CLASS_WEIGHTS),
                                                "classes": PLANE_CLASSES},
                                 evidence={"checked": n_class + plane["networks"], "facets": plane["facets"],
                                           "regions": plane["regions"]})
    else:
        plane_jump = _threshold_plane_network()
        found = jump is not None and plane_jump is not None
        cert = check.certificate(status if found else Status.INCONCLUSIVE, variant=variant, scope={},
                                 evidence={"network": network_json(jump[0]), "x": jump[1],
                                           "network_2d": network_json(plane_jump)} if found else {})
    return check.verdict(
        status, variant=variant,
        scope={"description": (f"every network of widths {' and '.join('-'.join(map(str, s)) for s in CLASS_WIDTHS)} "
                               f"with weights and biases in {{-1, 0, 1}} ({n_class} networks, d = 1) and every network "
                               "R^2 -> R with one hidden layer of 2 neurons, weights in {-1, 0, 1} and biases in {0, 1} "
                               f"(hidden and output), up to the neurons' order ({plane['networks']} networks, "
                               f"{plane['regions']} regions, {plane['facets']} pairs of regions sharing a facet, each "
                               "checked), both classes enumerated again by the kernel; extra evidence: "
                               if activation == "relu" else "")
                              + f"{n_networks} random networks (d = 1, 2; L <= 4) with {activation} hidden layers, "
                              "every region and every shared facet on R^d", "seed": seed, "n_networks": n_networks},
        evidence={"networks": rows, "class_networks": n_class, "problems": problems,
                  **({"plane_class": {k: v for k, v in plane.items() if k != "problems"}} if plane else {})},
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
