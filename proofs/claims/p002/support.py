"""002-P3 -- d > 1: one hidden layer is never compactly supported; the 2-D hat needs two."""

from __future__ import annotations

import re

from fractions import Fraction
from itertools import combinations_with_replacement

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


#: The classes the kernel re-enumerates for (a): every network R^2 -> R with one hidden layer of 2 neurons,
#: weights and biases (hidden and output) in {-1, 0, 1} (parallel, coincident and opposite lines, dead and
#: constant neurons, cancelling output weights), and of 3 neurons with weights in {-1, 0, 1} and zero biases
#: (three concurrent lines); up to the order of the hidden neurons.
A_CLASSES = [{"hidden": 2, "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]},
             {"hidden": 3, "weights": ["-1", "0", "1"], "biases": ["0"]}]


def class_networks(classes):
    """Every network of the classes (hidden neurons as a multiset of (w1, w2, b, output weight))."""
    for cl in classes:
        ws, bs = [Fraction(v) for v in cl["weights"]], [Fraction(v) for v in cl["biases"]]
        kinds = [(w1, w2, b, a) for w1 in ws for w2 in ws for b in bs for a in ws]
        for neurons in combinations_with_replacement(kinds, cl["hidden"]):
            for c0 in bs:
                yield Network.from_layers(
                    {"weight": [[rational_str(n[0]), rational_str(n[1])] for n in neurons],
                     "bias": [rational_str(n[2]) for n in neurons], "activation": "relu"},
                    {"weight": [[rational_str(n[3]) for n in neurons]], "bias": [rational_str(c0)],
                     "activation": "identity"})


def class_check(classes) -> dict:
    """Every network of the classes: identically zero (every region of R^2 has the zero map), or a
    witness of non-compact support (:func:`_witness`); the counts the kernel must find."""
    count, zero, missing = 0, 0, []
    for net in class_networks(classes):
        e = enumerate_regions(net, None)
        if all(not any(any(row) for row in r.linear) and not any(r.offset) for r in e.regions):
            zero += 1
        elif _witness(net, e)[0] is None and not _ray_from_zero(net):
            missing.append(net.to_json())
        count += 1
    return {"networks": count, "zero": zero, "missing": missing[:3], "missing_count": len(missing)}


def _ray_from_zero(net) -> bool:
    """Whether f(t r) is non-zero for every large t along one of 16 directions r from 0 (beyond the last
    zero of a non-constant pre-activation f(t r) is affine in t; non-zero at two such t)."""
    W, b = net.layers[0].weight, net.layers[0].bias
    for r in ((2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1), (-1, -2), (1, -2), (2, -1),
              (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)):
        s = [w[0] * r[0] + w[1] * r[1] for w in W]
        t1 = 1 + max([Fraction(0)] + [-bj / sj for bj, sj in zip(b, s) if sj])
        if any(net.evaluate([t * r[0], t * r[1]])[0] != 0 for t in (t1, t1 + 1)):
            return True
    return False


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


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("For d > 1 a non-zero realization of a one-hidden-layer ReLU network is not compactly supported (not even "
     "integrable); a compactly supported hat (finite-element basis function) in d = 2 needs (and has) two hidden layers."):
        (r"For $d > 1$ a non-zero realization of a one-hidden-layer ReLU network is not compactly supported (not even "
         r"integrable); a compactly supported hat (finite-element basis function) in $d = 2$ needs (and has) two "
         r"hidden layers."),
    re.compile(r"every network R\^2 -> R with one hidden layer of 2 neurons, weights and biases in \{-1, 0, 1\}, and of "
               r"3 neurons, weights in \{-1, 0, 1\} and zero biases, up to the order of the neurons \((\d+) networks, "
               r"(\d+) identically 0, re-enumerated by the kernel: a ray along which f is non-zero beyond any bound, or "
               r"every region's map 0\); plus (\d+) one-hidden-layer networks on R\^2 \(bump attempts and random\) "
               r"\(a sample\)"):
        (r"every network $\mathbb{R}^2 \to \mathbb{R}$ with one hidden layer of 2 neurons, weights and biases in "
         r"$\{-1, 0, 1\}$, and of 3 neurons, weights in $\{-1, 0, 1\}$ and zero biases, up to the order of the neurons "
         r"(#1 networks, #2 identically $0$, re-enumerated by the kernel: a ray along which $f$ is non-zero beyond any "
         r"bound, or every region's map $0$); plus #3 one-hidden-layer networks on $\mathbb{R}^2$ (bump attempts and "
         r"random) (a sample)"),
    "the hexagonal FEM hat network (6 + 1 hidden neurons), every region of R^2":
        r"the hexagonal FEM hat network ($6 + 1$ hidden neurons), every region of $\mathbb{R}^2$",
    "[-1, 1]^2": r"$[-1, 1]^2$",
}


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
                "in t >= 0 (kernel-checked per network). Scope: every network of a class (one hidden layer of 2 "
                "neurons with weights and biases in {-1, 0, 1}; of 3 with weights in {-1, 0, 1} and zero biases), each "
                "identically 0 or with a ray along which it is non-zero (the kernel finds both itself): verified for "
                "that class; random networks and hand-made attempts at bumps are extra evidence. (b) The hexagonal FEM hat phi(x, y) = rho(1 - (|x| + |y| + |x+y|)/2), "
                "two hidden layers: complete enumeration of R^2; every region with a non-zero map lies in "
                "[-1, 1]^2 (four exact Motzkin certificates per region; the kernel rebuilds the network and re-checks the "
                "enumeration), and phi equals the FEM hat at every vertex of every bounded region (reported, not in "
                "the certificate)."))
def check(*, seed: int = 0, exhaustive: bool = True) -> list[Verdict]:
    """``exhaustive=False``: (a)'s certificate lists the sample's witnesses (inconclusive) instead of the
    classes A_CLASSES (verified)."""
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
    drawn = (f"{len(nets)} one-hidden-layer networks R^2 -> R: {len(nets) - 4} hand-made bump attempts and 4 random "
             "2-h-1 networks (proofs.claims.p003.random_network, seeds 300-303); identically zero ones skipped")
    variant = "(a) one hidden layer, d = 2"
    sample = f"{len(rows) + len(problems)} one-hidden-layer networks on R^2 (bump attempts and random)"
    cls = class_check(A_CLASSES) if exhaustive else None
    if cls is not None and cls["missing_count"]:
        raise InvalidArgument(f"internal: 002-P3 (a): no witness for a non-zero network: {cls['missing'][:1]}")
    if cls is not None:  # every network of the classes, re-enumerated by the kernel; the sample is extra evidence
        st = Status.VERIFIED
        cert = check.certificate(st, variant=variant, scope={"classes": A_CLASSES},
                                 evidence={"checked": cls["networks"], "zero": cls["zero"]})
        desc = ("every network R^2 -> R with one hidden layer of 2 neurons, weights and biases in {-1, 0, 1}, and of 3 "
                "neurons, weights in {-1, 0, 1} and zero biases, up to the order of the neurons "
                f"({cls['networks']} networks, {cls['zero']} identically 0, re-enumerated by the kernel: a ray along "
                f"which f is non-zero beyond any bound, or every region's map 0); plus {sample} (a sample)")
    else:
        st = Status.INCONCLUSIVE  # a sample of networks, each with an exact witness
        cert = check.certificate(st, variant=variant, scope={"networks": len(witnesses), "drawn": drawn},
                                 evidence={"witnesses": witnesses})
        desc = sample
    out = [check.verdict(
        st, variant=variant, scope={"description": desc},
        evidence={"networks": rows, "problems": problems, **({"class": cls} if cls else {})},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=cert)]
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
                           "002-P3: the two-hidden-layer FEM hat on [-3/2, 3/2]^2: regions and values.",
                           caption_latex=r"002-P3: the two-hidden-layer FEM hat on $[-\tfrac32, \tfrac32]^2$: regions "
                                         r"and values.")
    b = enumeration_figure(enumerate_regions(attempts()["pyramid attempt 4 ridges"], ("-3", "3")), figdir,
                           "p002_pyramid_attempt", "002-P3: a one-hidden-layer attempt at a bump: non-zero "
                           "along unbounded regions.")
    return a + "\n" + b
