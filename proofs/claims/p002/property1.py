"""002-P1 -- every realization of a ReLU network is continuous and piecewise affine."""

from __future__ import annotations

import time
from fractions import Fraction

from exact.network import Network
from exact.regions import enumerate_regions, facet_adjacency
from exact.scalar import rational_str
from proofs.claims.p003 import cover_obligation, enumerate_certified, random_network, region_obligation
from proofs.verdict import Status, Verdict, make_certificate

CLAIM_ID = "002-P1"
TITLE = "Property 1: ReLU realizations are continuous and piecewise affine"
SOURCE = "002 (Mathematics of deep learning, session 1), 'Realizations of ReLU-networks', Property 1"
STATEMENT = "Any realization of a ReLU network is continuous and piecewise (affine) linear."
READING = ("Piecewise affine: the exact enumeration gives finitely many open activation regions whose "
           "closures cover R^d (completeness certificate), with one exact affine map on each (kernel: the "
           "map derived from the pattern). Continuous: across every common facet of two regions (found "
           "and tested exactly on the facet's relative interior) the two affine maps agree on the facet's "
           "hyperplane a.x = b, i.e. their difference (Delta, delta) is a multiple of (a, -b); for d = 1 "
           "the left and right maps agree at every break point. Networks: random ReLU networks, d = 1, 2, "
           "depth up to 4. Negative control: hard-threshold hidden layers must be found discontinuous.")


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


def check(*, seed: int = 0, n_networks: int = 4, activation: str = "relu") -> Verdict:
    """``activation="hard_threshold"`` swaps the hidden activations (a negative control)."""
    t0 = time.perf_counter()
    shapes = [[1, 4, 3, 1], [2, 4, 3, 1], [1, 3, 3, 3, 1], [2, 3, 3, 2, 1], [2, 5, 1], [1, 6, 1]]
    rows, obligations, problems = [], [], []
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
        if activation == "relu":
            obligations.append(cover_obligation(e))
            obligations += [region_obligation(net, r) for r in e.regions]
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
            if activation != "relu":  # certify the jump: the two maps at the two interior points
                obligations += [region_obligation(net, e.regions[i]), region_obligation(net, e.regions[j])]
        rows.append({"widths": widths, "regions": len(e.regions), "shared_facets_checked": len(adj),
                     "discontinuous_facets": len(bad)})
    status = Status.REFUTED if problems else Status.VERIFIED
    return Verdict(
        claim=CLAIM_ID, status=status, variant=None if activation == "relu" else f"{activation} (control)",
        scope={"description": f"{n_networks} random networks (d = 1, 2; L <= 4) with {activation} hidden layers, "
                              "every region and every shared facet on R^d", "seed": seed, "n_networks": n_networks},
        evidence={"networks": rows, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only (see 003-Conf for the float enumeration)"},
        seconds=time.perf_counter() - t0, title=TITLE, statement=STATEMENT, reading=READING, source=SOURCE,
        certificate=make_certificate(CLAIM_ID, status, obligations))


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    net = random_network([2, 4, 3, 1], 201)
    return enumeration_figure(enumerate_regions(net, ("-3", "3")), figdir, "p002_property1",
                              "002-P1: a random ReLU network on [-3, 3]^2: regions (left) and its continuous "
                              "piecewise-affine realization (right).")


if __name__ == "__main__":
    import sys

    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
