"""002-P3 -- d > 1: one hidden layer is never compactly supported; the 2-D hat needs two."""

from __future__ import annotations

from fractions import Fraction

from exact.lecture002 import fem_hat_2d
from exact.errors import InvalidArgument
from exact.network import Network
from exact.regions import enumerate_regions, polygon_vertices, recession_directions
from exact.scalar import rational_str
from proofs.certificates import bind, network_json
from proofs.claim import claim
from proofs.claims.p003 import cover_records, empty_multiplier, enumerate_certified, pattern_json, random_network
from proofs.verdict import Status, Verdict


def attempts() -> dict[str, Network]:
    """Hand-made one-hidden-layer attempts at a 2-D bump, plus random networks."""
    nets = {
        "hat(x) + hat(y) - 1": Network.from_layers(
            {"weight": [[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]], "bias": [1, 0, -1, 1, 0, -1], "activation": "relu"},
            {"weight": [[1, -2, 1, 1, -2, 1]], "bias": [-1], "activation": "identity"}),
        "pyramid attempt 4 ridges": Network.from_layers(
            {"weight": [[1, 0], [-1, 0], [0, 1], [0, -1]], "bias": [-1, -1, -1, -1], "activation": "relu"},
            {"weight": [[-1, -1, -1, -1]], "bias": [1], "activation": "identity"}),
        "hat(x + y)": Network.from_layers(
            {"weight": [[1, 1], [1, 1], [1, 1]], "bias": [0, -1, -2], "activation": "relu"},
            {"weight": [[1, -2, 1]], "activation": "identity"}),
    }
    for s in range(4):
        nets[f"random 2-{4 + s}-1"] = random_network([2, 4 + s, 1], 300 + s)
    return nets


def _witness(net, e):
    for r in e.regions:
        nonzero = any(any(row) for row in r.linear) or any(r.offset)
        if not nonzero:
            continue
        for ray in recession_directions(r) or []:
            Lr = [sum((a * b for a, b in zip(row, ray)), Fraction(0)) for row in r.linear]
            if any(Lr) or any(r.value(r.point)):
                return r, ray
    return None, None


@claim("002-P3",
       title_latex=(r"$d>1$: one-hidden-layer realizations are not compactly supported; the 2-D hat with two hidden "
                    r"layers"),
       reading_latex=(r"(a) For each one-hidden-layer network on $\mathbb{R}^2$ in scope that is not identically $0$ "
                      r"(some region has a non-zero affine map), an exact witness of non-compact support: a region with "
                      r"interior point $p$ and a recession direction $r$ ($a\cdot r\le 0$ for every row) such that "
                      r"$t\mapsto f(p+tr)$ is not identically $0$ on $t\ge0$ (kernel-checked per network). Scope: "
                      r"random networks and hand-made attempts at bumps (sums of ridge hats): a sample, so (a) is "
                      r"inconclusive (no exhaustive class or general proof is checked). (b) The hexagonal FEM hat "
                      r"$\varphi(x,y)=\rho\bigl(1-(|x|+|y|+|x+y|)/2\bigr)$, two hidden layers: complete enumeration of "
                      r"$\mathbb{R}^2$; every region with a non-zero map lies in $[-1,1]^2$ (four exact Motzkin "
                      r"certificates per region; the kernel rebuilds the network and re-checks the enumeration), and "
                      r"$\varphi$ equals the FEM hat at every vertex of every bounded region (reported, not in the "
                      r"certificate)."),
       variants_latex={"(a) one hidden layer, d = 2": r"(a) one hidden layer, $d=2$",
                       "(b) two-hidden-layer hat, d = 2": r"(b) two-hidden-layer hat, $d=2$"},
       latex=r"d>1:\ f=A_2\circ\rho\circ A_1\neq0 \Rightarrow \operatorname{supp}f \text{ not compact};\ \text{2-D hat with } L=3",
       title="d > 1: one-hidden-layer realizations are not compactly supported; the 2-D hat with two hidden layers",
       source="002 (Mathematics of deep learning, session 1), 'Converse?' and 'ReLU-networks and finite elements'",
       statement=("For d > 1 a non-zero realization of a one-hidden-layer ReLU network is not compactly supported "
                  "(not even integrable); a compactly supported hat (finite-element basis function) in d = 2 needs "
                  "(and has) two hidden layers."),
       reading=("(a) For each one-hidden-layer network on R^2 in scope that is not identically 0 (some region has "
                "a non-zero affine map), an exact witness of non-compact support: a region with interior point p "
                "and a recession direction r (a.r <= 0 for every row) such that f(p + t r) is not identically 0 "
                "in t >= 0 (kernel-checked per network). Scope: random networks and hand-made attempts at "
                "bumps (sums of ridge hats): a sample, so (a) is inconclusive (no exhaustive class or general proof is "
                "checked). (b) The hexagonal FEM hat phi(x, y) = rho(1 - (|x| + |y| + |x+y|)/2), "
                "two hidden layers: complete enumeration of R^2; every region with a non-zero map lies in "
                "[-1, 1]^2 (four exact Motzkin certificates per region; the kernel rebuilds the network and re-checks the "
                "enumeration), and phi equals the FEM hat at every vertex of every bounded region (reported, not in "
                "the certificate)."))
def check(*, seed: int = 0) -> list[Verdict]:
    # (a)
    rows, witnesses, problems = [], [], []
    nets = attempts()
    for name, net in nets.items():
        e = enumerate_certified(net)
        zero = all(not any(any(row) for row in r.linear) and not any(r.offset) for r in e.regions)
        if zero:
            rows.append({"network": name, "identically_zero": True})
            continue
        r, ray = _witness(net, e)
        if r is None:
            problems.append({"network": name, "what": "no unbounded region with f != 0 found"})
            continue
        witnesses.append({"network": bind(network_json(net)), "pattern": pattern_json(r.pattern),
                          "point": [rational_str(v) for v in r.point], "ray": [rational_str(v) for v in ray]})
        rows.append({"network": name, "regions": len(e.regions), "witness_pattern": pattern_json(r.pattern),
                     "point": [rational_str(v) for v in r.point], "ray": [rational_str(v) for v in ray],
                     "slope_along_ray": [rational_str(sum((a * b for a, b in zip(row, ray)), Fraction(0))) for row in r.linear]})
    st = Status.INCONCLUSIVE  # a sample of networks, each with an exact witness
    drawn = (f"{len(nets)} one-hidden-layer networks R^2 -> R: {len(nets) - 4} hand-made bump attempts and 4 random "
             "2-h-1 networks (proofs.claims.p003.random_network, seeds 300-303); identically zero ones skipped")
    variant = "(a) one hidden layer, d = 2"
    out = [check.verdict(
        st, variant=variant,
        scope={"description": f"{len(rows) + len(problems)} one-hidden-layer networks on R^2 (bump attempts and random)"},
        evidence={"networks": rows, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=check.certificate(st, variant=variant, scope={"networks": len(witnesses), "drawn": drawn},
                                      evidence={"witnesses": witnesses}))]
    # (b)
    net = fem_hat_2d()
    e = enumerate_certified(net)
    cover = cover_records(e)
    outside, problems, support = [], [], 0
    phi = lambda x, y: max(Fraction(0), min(1 - x - y, 1 - y, 1 + x, 1 + x + y, 1 + y, 1 - x))
    for r in e.regions:
        if not (any(any(row) for row in r.linear) or any(r.offset)):
            continue
        support += 1
        ys = []
        for i in range(2):
            for lo, hi in ((Fraction(1), None), (None, Fraction(-1))):
                box = [(None, None), (None, None)]
                box[i] = (lo, hi)
                try:
                    y = empty_multiplier(net, r.pattern, box)
                except AssertionError:
                    problems.append({"pattern": pattern_json(r.pattern), "leaves": [i, str(lo), str(hi)]})
                    continue
                ys.append(y)
        outside.append({"pattern": pattern_json(r.pattern), "y": ys})
        for v in polygon_vertices(r):
            if net.evaluate(v)[0] != phi(*v):
                problems.append({"pattern": pattern_json(r.pattern), "vertex": [str(c) for c in v]})
    st = Status.VERIFIED if not problems else Status.REFUTED
    if problems:  # pragma: no cover - the fixed network is compactly supported
        raise InvalidArgument(f"internal: the FEM hat check failed: {problems[:2]}")
    variant = "(b) two-hidden-layer hat, d = 2"
    out.append(check.verdict(
        st, variant=variant,
        scope={"description": "the hexagonal FEM hat network (6 + 1 hidden neurons), every region of R^2"},
        evidence={"regions": len(e.regions), "regions_with_nonzero_map": support, "support_box": "[-1, 1]^2",
                  "problems": problems, "network": net.to_json()},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=check.certificate(st, variant=variant, scope={},
                                      evidence={"regions": cover["regions"], "empty": cover["empty"],
                                                "outside": outside, "checked": len(e.regions)})))
    return out


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    a = enumeration_figure(enumerate_regions(fem_hat_2d(), ("-3/2", "3/2")), figdir, "p002_fem_hat",
                           "002-P3: the two-hidden-layer FEM hat on [-3/2, 3/2]^2: regions and values.")
    b = enumeration_figure(enumerate_regions(attempts()["pyramid attempt 4 ridges"], ("-3", "3")), figdir,
                           "p002_pyramid_attempt", "002-P3: a one-hidden-layer attempt at a bump: non-zero "
                           "along unbounded regions.")
    return a + "\n" + b
