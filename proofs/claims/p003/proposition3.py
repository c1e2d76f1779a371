"""003-P3 -- Proposition 3 of Heinecke & Hwang: layer-wise partitions refine each other.

(i) On the polytope of a configuration the network coincides with the configuration's
affine map; (ii) the regions of the first l layers partition the input space and layer
l + 1 refines that partition.
"""

from __future__ import annotations

import re

from fractions import Fraction

from exact.network import Network
from exact.regions import polygon_area, polygon_vertices
from proofs.certificates import bind, network_json
from proofs.claim import claim
from proofs.claims.p003 import (class_region_counts, class_text, cover_evidence, enumerate_certified,
                                instances_evidence, network_zoo)
from proofs.verdict import Status, Verdict


def _measure(region, d):
    if d == 1:
        lo = max(c.b / c.a[0] for c in region.constraints if c.a[0] < 0)
        hi = min(c.b / c.a[0] for c in region.constraints if c.a[0] > 0)
        return hi - lo, [(lo,), (hi,)]
    vs = polygon_vertices(region)
    return polygon_area(vs), vs


#: The classes the kernel re-enumerates (relu layers; the output layer makes no region): every network of
#: widths 2-2, 2-1-1 and 1-1-1-1 with weights and biases in {-1, 0, 1} (parallel, coincident and opposite
#: lines, dead and constant neurons, a second layer bending along or across the first), in the box [-2, 2]^d.
P3_CLASSES = [{"widths": [2, 2], "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]},
              {"widths": [2, 1, 1], "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]},
              {"widths": [1, 1, 1, 1], "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]}]
P3_BOX = ["-2", "2"]

_DEFAULT = ("concurrent+repeated+zero", "parallel+collapse", "dead+always-on", "random 2-4-3-1", "random 1-3-3-1")


def _scope_tex(text: str) -> str:
    """The scope of the finite classes (``{-1, 0, 1}``, ``[-2, 2]^d``, ``d <= 2``) in LaTeX."""
    from proofs.report.latex import latex_escape

    out = latex_escape(text, break_every=0)
    out = re.sub(r"\\\{([-\d, ]+)\\\}", r"$\\{\1\\}$", out)
    out = re.sub(r"\[(-?\d+), (-?\d+)\]\\textasciicircum\{\}d", r"$[\1, \2]^d$", out)
    return out.replace(r"d \textless{}= 2", r"$d \le 2$").replace("relu network", "ReLU network")


#: Texts of this claim's verdicts (scope) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"every relu network of widths .* in the box \[-?\d+, -?\d+\]\^d, every prefix of its layers .*"):
        lambda m: _scope_tex(m.group(0)),
}


@claim("003-P3",
       title_latex=r"Proposition 3: layer-wise partitions, refinement, affine map on each polytope",
       reading_latex=(r"Inside a box (default $[-2,3]^d$), for every prefix $l$ of each zoo network: the activation "
                      r"regions of layers $1,\dots,l$ are pairwise disjoint (distinct patterns) and cover the box: "
                      r"exact covering argument, the exact areas ($d=2$; lengths for $d=1$) of the region closures sum "
                      r"to the box's area, and disjoint open sets whose closures have full total measure cover a dense "
                      r"subset, hence the box. Refinement: each region of $l+1$ layers has the pattern of a region of "
                      r"$l$ layers as prefix, and the children's areas sum exactly to the parent's. (i): the affine map "
                      r"from the pattern equals the exact network output at every vertex of every region (and at the "
                      r"interior point). Completeness of each level is certified (\texttt{configuration\_cover}), and "
                      r"the kernel re-computes the areas from the patterns and re-checks the covering and the tiling of "
                      r"every layer's regions by the next layer's."),
       latex=r"\text{regions of layers } 1..l \text{ partition } \mathbb{R}^d,\ \text{refined by layer } l+1,\ f \text{ affine on each}",
       title="Proposition 3: layer-wise partitions, refinement, affine map on each polytope",
       source="003 (Heinecke & Hwang), section 3.1, Proposition 3",
       statement=("(i) On the polytope of a configuration of the first l layers, the representation coincides "
                  "with the configuration's affine map. (ii) The regions of the configurations of the first l "
                  "layers partition the input space (interiors disjoint) and those of l + 1 layers refine them."),
       reading=("Inside a box (default [-2, 3]^d), for every prefix l of each zoo network: the activation "
                "regions of layers 1..l are pairwise disjoint (distinct patterns) and cover the box: exact "
                "covering argument, the exact areas (d = 2; lengths for d = 1) of the region closures sum to "
                "the box's area, and disjoint open sets whose closures have full total measure cover a dense "
                "subset, hence the box. Refinement: each region of l + 1 layers has the pattern of a region "
                "of l layers as prefix, and the children's areas sum exactly to the parent's. (i): the affine "
                "map from the pattern equals the exact network output at every vertex of every region (and "
                "at the interior point). Completeness of each level is certified (configuration_cover), and the "
                "kernel re-computes the areas from the patterns and re-checks the covering and the tiling of "
                "every layer's regions by the next layer's."))
def check(*, seed: int = 0, lo: str = "-2", hi: str = "3", networks: str = "default", exhaustive: bool = True) -> Verdict:
    """``networks``: "default" (5 of the zoo), "all", or comma-separated zoo names (a sample, extra
    evidence); ``exhaustive=False``: the certificate lists those networks (inconclusive) instead of the
    classes P3_CLASSES (verified)."""
    names = _DEFAULT if networks == "default" else ("all",) if networks == "all" else tuple(networks.split(","))
    box = (Fraction(lo), Fraction(hi))
    instances, rows, problems, counterexamples = [], [], [], []
    for name, net in network_zoo(seed).items():
        d = net.in_dim
        if d > 2 or (name not in names and names != ("all",)):
            continue
        box_measure = (box[1] - box[0]) ** d
        hidden = len(net.layers) - 1
        prev, levels = None, []
        instances.append({"network": bind(network_json(net)), "levels": levels})
        for l in range(1, hidden + 2):
            sub = Network(net.layers[:l]) if l <= hidden else net
            e = enumerate_certified(sub, box)
            levels.append(cover_evidence(e, network=None))
            measures = {}
            for r in e.regions:
                m, verts = _measure(r, d)
                measures[r.pattern] = m
                for v in list(verts) + [r.point]:
                    if sub.evaluate(v) != r.value(v):
                        counterexamples.append(f"{name}, l={l}: at the point {tuple(map(str, v))} of the closure of "
                                               f"region {r.pattern} the network differs from the region's map")
            total = sum(measures.values(), Fraction(0))
            if total != box_measure:
                problems.append(f"{name}, l={l}: regions cover {total} of {box_measure}")
            refine_ok = True
            if prev is not None:
                for pp, pm in prev.items():
                    kids = [m for p, m in measures.items() if p[:len(pp)] == pp]
                    if sum(kids, Fraction(0)) != pm:
                        refine_ok = False
                        problems.append(f"{name}, l={l}: children of {pp} do not fill it")
                orphans = [p for p in measures if p[:l - 1] not in prev]
                if orphans:
                    refine_ok = False
                    problems.append(f"{name}, l={l}: {len(orphans)} regions refine no region of level {l - 1}")
            rows.append({"network": name, "layers": l, "regions": len(e.regions),
                         "total_measure": str(total), "box_measure": str(box_measure),
                         "refines_previous": refine_ok if prev is not None else None})
            prev = measures
    # A map differing at an exact point of a region's closure would refute (i) (the kernel derives
    # maps from patterns, so it accepts no such certificate); a failed cover or tiling only says
    # the enumeration is wrong.  A theorem about every network checked on listed ones: inconclusive.
    problems = counterexamples + problems
    zoo = f"every prefix of the {len({r['network'] for r in rows})} zoo networks with d <= 2, inside the box [{lo}, {hi}]^d"
    if counterexamples or problems or not exhaustive:  # a problem is the tool's failure: the kernel rejects
        status = Status.REFUTED if counterexamples else Status.INCONCLUSIVE
        desc = zoo + " (bound by SHA-256): a theorem about every network re-checked on listed ones, hence inconclusive"
        cert = check.certificate(status, scope={"box": [lo, hi]}, evidence=instances_evidence(
            f"every prefix of the zoo networks {', '.join(sorted({r['network'] for r in rows}))} (seed {seed})",
            instances))
        extra = {}
    else:
        status = Status.VERIFIED
        nets, regions = class_region_counts(P3_CLASSES, P3_BOX, levels=True)
        cert = check.certificate(status, scope={"classes": P3_CLASSES, "box": P3_BOX},
                                 evidence={"checked": nets, "regions": regions})
        desc = (f"{class_text(P3_CLASSES, P3_BOX)}, every prefix of its layers ({nets} networks, {regions} regions "
                f"over the levels, re-enumerated by the kernel); plus {zoo} (a sample)")
        extra = {"class": {"networks": nets, "regions": regions}}
    return check.verdict(
        status, scope={"description": desc, "seed": seed, "lo": lo, "hi": hi},
        evidence={"levels": rows, "problems": problems, **extra},
        crosscheck={"disagreements": [], "summary": "exact areas only (no float step)"},
        certificate=cert)


def report_section(verdicts, figdir):
    from proofs.report.latex import latex_table

    v = verdicts[0]
    rows = [[r["network"], r["layers"], r["regions"], r["total_measure"], r["box_measure"],
             {True: "yes", False: "NO", None: "-"}[r["refines_previous"]]] for r in v["evidence"]["levels"]]
    return latex_table(["network", "layers l", "regions", "total area", "box area", "refines l-1"], rows)
