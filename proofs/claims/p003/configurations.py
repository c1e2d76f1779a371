"""003-Conf -- every configuration of a ReLU representation, with its polytope and affine map.

Heinecke & Hwang, section 3 ("configuration expression"): a tuple of diagonal 0/1
matrices D_1..D_{L-1} is a configuration iff its polytope P(D) is non-empty; on P(D) the
network equals W_L D_{L-1} W_{L-1} ... D_1 W_1 x + (bias terms).
"""

from __future__ import annotations

import re

from exact.regions import configuration_at, enumerate_regions, polygon_vertices
from fractions import Fraction

from proofs.certificates import bind, network_json
from proofs.claim import claim
from proofs.claims.p003 import cover_evidence, enumerate_certified, network_zoo, pattern_json
from proofs.verdict import Status, Verdict


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("A configuration (D_1, ..., D_{L-1}) of diagonal 0/1 matrices exists iff its polytope P(D) is non-empty; on P(D) "
     "the network equals the affine map W_L D_{L-1} W_{L-1} ... D_1 W_1 x + bias terms. Enumerate every configuration "
     "with its H-representation and exact map."):
        (r"A configuration $(D_1, \dots, D_{L-1})$ of diagonal 0/1 matrices exists iff its polytope $P(D)$ is "
         r"non-empty; on $P(D)$ the network equals the affine map $W_L D_{L-1} W_{L-1} \cdots D_1 W_1 x$ + bias terms. "
         r"Enumerate every configuration with its H-representation and exact map."),
    re.compile(r"every configuration of (\d+) listed networks \(d = 1, 2, 3; (\d+) deliberately degenerate; bound by "
               r"SHA-256\) on R\^d: a statement about these networks"):
        (r"every configuration of #1 listed networks ($d = 1, 2, 3$; #2 deliberately degenerate; bound by SHA-256) on "
         r"$\mathbb{R}^d$: a statement about these networks"),
}


@claim("003-Conf",
       title_latex=r"Configurations: every non-empty polytope, its H-representation and affine map",
       reading_latex=(r"A neuron is active iff its pre-activation is $>0$ (the paper's convention (9)). Configurations "
                      r"are counted as full-dimensional activation regions $\operatorname{int}P(D)$ (open polyhedra): "
                      r"each has an exact strict interior point, an irredundant H-representation, and its affine map "
                      r"computed from $D$ alone and compared with exact evaluation. Completeness: every full pattern "
                      r"extends a prefix proved empty by an exact Motzkin multiplier, or is a listed region (re-checked "
                      r"by the kernel's 003-Conf specification, which derives each region's rows and map from the "
                      r"pattern). The statement is about the listed networks, bound by SHA-256 in the certificate. "
                      r"Lower-dimensional cells are boundaries of the listed regions; patterns realised only there "
                      r"(found at the exact vertices of the $d=2$ regions) are reported separately. Degenerate "
                      r"arrangements (concurrent, parallel, repeated, zero-weight and dead neurons, collapsing second "
                      r"layers) are in the scope on purpose."),
       latex=r"P(D)\neq\emptyset \Rightarrow f(x)=W_LD_{L-1}W_{L-1}\cdots D_1W_1x+c_D \text{ on } P(D)",
       title="Configurations: every non-empty polytope, its H-representation and affine map",
       source="003 (Heinecke & Hwang), section 3, configuration expression and Example 1",
       statement=("A configuration (D_1, ..., D_{L-1}) of diagonal 0/1 matrices exists iff its polytope P(D) "
                  "is non-empty; on P(D) the network equals the affine map W_L D_{L-1} W_{L-1} ... D_1 W_1 x "
                  "+ bias terms. Enumerate every configuration with its H-representation and exact map."),
       reading=("Neuron active iff pre-activation > 0 (the paper's convention (9)). Configurations are counted "
                "as full-dimensional activation regions int P(D) (open polyhedra): each has an exact strict "
                "interior point, an irredundant H-representation, and its affine map computed from D alone "
                "and compared with exact evaluation. Completeness: every full pattern extends a prefix proved "
                "empty by an exact Motzkin multiplier, or is a listed region (re-checked by the kernel's 003-Conf "
                "specification, which derives each region's rows and map from the pattern). The statement is "
                "about the listed networks, bound by SHA-256 in the certificate. Lower-dimensional cells are boundaries of the listed regions; patterns "
                "realised only there (found at the exact vertices of the d = 2 regions) are reported "
                "separately. Degenerate arrangements (concurrent, parallel, repeated, zero-weight and dead "
                "neurons, collapsing second layers) are in the scope on purpose."))
def check(*, seed: int = 0, box: str = "", float_formats: str = "float64") -> Verdict:
    """Enumerate the zoo of networks (on R^d, or inside ``box`` = "LO,HI") and certify; the float
    cross-check enumerates each network with its weights rounded to each format (HiGHS in float64)."""
    from numeric.formats import parse_formats
    from numeric.regions import float_enumerate

    formats = parse_formats(float_formats)

    bx = tuple(box.split(",")) if box else None
    if bx is not None:
        Fraction(bx[0]), Fraction(bx[1])  # malformed boxes fail here, empty ones in the enumeration
    nets, covers, per_net, disagreements, problems = [], [], [], [], []
    for name, net in network_zoo(seed).items():
        e = enumerate_certified(net, bx)
        nets.append({"name": name, "network": bind(network_json(net))})
        covers.append(cover_evidence(e, network=None))
        pats = {r.pattern for r in e.regions}
        lower = set()
        for r in e.regions:
            if configuration_at(net, r.point) != r.pattern:
                problems.append(f"{name}: pattern at the interior point differs")
            if net.evaluate(r.point) != r.value(r.point):
                problems.append(f"{name}: affine map differs from evaluation at the interior point")
            if net.in_dim == 2:
                for v in polygon_vertices(r):
                    if net.evaluate(v) != r.value(v):  # continuity: the map extends to the closure
                        problems.append(f"{name}: map differs at a vertex")
                    p = configuration_at(net, v)
                    if p not in pats:
                        lower.add(p)
        for fmt in formats:
            fl = float_enumerate(net, e.box, fmt=fmt)
            if len(fl) != len(e.regions) or set(fl.patterns) != pats:
                disagreements.append({"network": name, "exact": len(e.regions), "float": len(fl), "format": fmt})
        per_net.append({
            "network": name, "widths": list(net.widths), **e.counts(),
            "empty_prefixes_certified": len(e.empty_prefixes),
            "facets_per_region_max": max(len(r.constraints) for r in e.regions),
            "lower_dimensional_only_configurations_at_vertices": sorted(pattern_json(p) for p in lower),
            "example_region": e.regions[0].to_json(),
        })
    status = Status.VERIFIED if not problems else Status.REFUTED
    return check.verdict(
        status,
        scope={"description": f"every configuration of {len(per_net)} listed networks (d = 1, 2, 3; 3 deliberately "
                              f"degenerate; bound by SHA-256) on {'R^d' if bx is None else 'the box ' + box}: "
                              "a statement about these networks",
               "seed": seed, "box": box or None},
        evidence={"networks": per_net, "problems": problems},
        crosscheck={"disagreements": disagreements, "formats": list(formats), "compared": len(per_net) * len(formats),
                    "summary": "; ".join(
                        f"{f} weights, HiGHS enumeration: the same patterns on every network"
                        if not any(d["format"] == f for d in disagreements) else
                        f"{f} weights, HiGHS enumeration: differs on {sum(d['format'] == f for d in disagreements)} "
                        f"network(s)" for f in formats)},
        certificate=check.certificate(status, scope={"box": None if bx is None else list(bx), "networks": nets},
                                      evidence={"covers": covers, "checked": sum(len(c["regions"]) for c in covers)}))


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure
    from proofs.report.latex import latex_table

    v = verdicts[0]
    rows = [[n["network"], "-".join(map(str, n["widths"])), n["activation_regions"], n["affine_pieces"],
             n["empty_prefixes_certified"], len(n["lower_dimensional_only_configurations_at_vertices"])]
            for n in v["evidence"]["networks"]]
    out = latex_table(["network", "widths", "regions", "affine pieces", "empty prefixes", "lower-dim only"], rows)
    nets = network_zoo(v["scope"].get("seed") or 0)
    e = enumerate_regions(nets["parallel+collapse"])
    out += "\n\n" + enumeration_figure(e, figdir, "p003_conf_parallel",
                                       "003-Conf: the degenerate network 'parallel+collapse' (parallel and "
                                       "opposite neurons, a second layer that does not split the all-off region).")
    return out
