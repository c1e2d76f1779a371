"""003-Co4 -- Corollary 4 of Heinecke & Hwang: polytopes = configurations; zero biases give cones.

(i) Every ReLU representation is piecewise affine on a partition into convex polytopes, and
the number of polytopes equals the number of configurations.  (ii) With all biases zero
the polytopes are convex cones.

``cones`` is proved for every zero-bias network: the offset of every layer's map on a region
is 0 by induction, so every row of the region's system reads a.x < 0 and the region is an open
convex cone (the argument the kernel checks, proofs/kernel/specs/p003.py, which also
re-enumerates every zero-bias network with weights in {-1, 0, 1} of the widths CONE_CLASS and
every full pattern).  Negative control ``cones, non-zero bias``: relu(x - 1) has the region
x > 1, which is no cone with apex 0.
"""

from __future__ import annotations

import re

from fractions import Fraction

from exact.errors import ToolkitError
from exact.network import Network
from exact.regions import configuration_at, enumerate_regions, pattern_system
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p003 import (class_region_counts, class_text, cover_evidence, empty_multiplier,
                                enumerate_certified, instances_evidence, network_zoo, pattern_json, random_network)
from proofs.verdict import Status, Verdict


#: The classes the kernel re-enumerates for ``full-dimensional`` (relu layers; the output layer makes no region):
#: every 2-2 network with weights and biases in {-1, 0, 1} (parallel, coincident and opposite lines, dead and
#: constant neurons) and every 2-3 network with weights in {-1, 0, 1} and zero biases (three concurrent lines).
FULL_CLASSES = [{"widths": [2, 2], "weights": ["-1", "0", "1"], "biases": ["-1", "0", "1"]},
                {"widths": [2, 3], "weights": ["-1", "0", "1"], "biases": ["0"]}]
FULL_BOX = ["-2", "2"]

#: The class the kernel re-enumerates for ``cones``: widths [d, n_1, ..., 1], weights in {-1, 0, 1}, zero biases.
CONE_CLASS = [[2, 2, 1], [1, 2, 1, 1]]

#: The argument of ``cones`` as the kernel states and checks it: (id, checker, fact).
CONES_ARGUMENT = [
    ("offset", "kernel", "c_l = 0 and b = 0: v = W c_l + b = 0 and c_{l+1} = bit v = 0 (relu) or v (identity)"),
    ("induction", "theorem: induction on the number of layers", "c_0 = 0 (the input map x -> x), so c_l = 0 for "
                                                                 "every layer l"),
    ("rows", "kernel", "every row of the region's system is (-u, v - t) or (u, t - v) with t = 0 and v = 0: the "
                       "region is {x : A x < 0}"),
    ("cone", "theorem: a finite intersection of open half-spaces through 0 is an open convex cone",
     "{x : A x < 0} is an open convex cone"),
]


def cone_class_size(classes) -> int:
    """Networks times full patterns of the cone class (the kernel's count)."""
    total = 0
    for w in classes:
        weights = sum(a * b for a, b in zip(w[1:], w[:-1]))
        total += 3 ** weights * 2 ** sum(w[1:-1])
    return total


def _counterexample() -> Network:
    """rho(x), rho(-x): patterns (1,0) on x > 0, (0,1) on x < 0, and (0,0) only at x = 0."""
    return Network.from_layers({"weight": [[1], [-1]], "activation": "relu"},
                               {"weight": [[1, 1]], "activation": "identity"})


#: the architectures of the random zero-bias networks of reading 3, in turn
CONE_SHAPES = ([2, 4, 3, 1], [2, 3, 3, 3, 1], [3, 4, 4, 1], [2, 5, 2, 1], [2, 6, 1], [3, 3, 3, 3, 1])


class ZeroBiasConeSample:
    """Reading 3's sample as a task of :func:`proofs.methods.batched.run_blocks`: instance s is
    ``random_network(CONE_SHAPES[s % 6], seed + 50 + s, zero_bias=True)``, its regions enumerated
    exactly and each checked to be a cone with apex 0 (no constant in any row or offset, closed
    under scaling by 2 and 1/3).  A hit is a network with a region that is not; the block's
    ``extra`` holds its row and its problems.  A function of (seed, s) alone."""

    size = 1

    def __init__(self, zero_bias: bool = True) -> None:
        self.zero_bias = zero_bias   # False: the negative control (networks with biases must give hits)

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        widths = CONE_SHAPES[block % len(CONE_SHAPES)]
        net = random_network(widths, seed + 50 + block, zero_bias=self.zero_bias)
        e = enumerate_certified(net)
        problems = []
        for r in e.regions:
            if any(c.b != 0 for c in r.constraints) or any(v != 0 for v in r.offset):
                problems.append({"widths": widths, "pattern": pattern_json(r.pattern)})
            if not (r.contains([2 * v for v in r.point]) and r.contains([v / 3 for v in r.point])):
                problems.append({"widths": widths, "pattern": pattern_json(r.pattern), "scaling": True})
        return {"instances": 1, "hits": [block] if problems else [], "counts": {}, "lists": {},
                "extra": {"row": {"widths": widths, "regions": len(e.regions)}, "problems": problems}}


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"every relu network of widths 2-2 with weights in \{-1, 0, 1\} and biases in \{-1, 0, 1\}; widths 2-3 "
               r"with weights in \{-1, 0, 1\} and biases in \{0\}, in the box \[-2, 2\]\^d \((\d+) networks, (\d+) "
               r"polytopes, every full pattern decided and the areas summed by the kernel\); plus the (\d+) zoo networks "
               r"on R\^d \(a sample\)"):
        (r"every ReLU network of widths 2-2 with weights in $\{-1, 0, 1\}$ and biases in $\{-1, 0, 1\}$; widths 2-3 "
         r"with weights in $\{-1, 0, 1\}$ and biases in $\{0\}$, in the box $[-2, 2]^d$ (#1 networks, #2 polytopes, "
         r"every full pattern decided and the areas summed by the kernel); plus the #3 zoo networks on $\mathbb{R}^d$ "
         r"(a sample)"),
    ("counterexample f(x) = rho(x) + rho(-x) on R (d = 1); the same happens whenever a pattern is realised only on a "
     "lower-dimensional face"):
        (r"counterexample $f(x) = \rho(x) + \rho(-x)$ on $\mathbb{R}$ ($d = 1$); the same happens whenever a pattern is "
         r"realised only on a lower-dimensional face"),
    "c_l = 0 and b = 0: v = W c_l + b = 0 and c_{l+1} = bit v = 0 (relu) or v (identity)":
        (r"$c_l = 0$ and $b = 0$: $v = W c_l + b = 0$ and $c_{l+1} = \mathrm{bit} \cdot v = 0$ (ReLU) or $v$ "
         r"(identity)"),
    "c_0 = 0 (the input map x -> x), so c_l = 0 for every layer l":
        r"$c_0 = 0$ (the input map $x \mapsto x$), so $c_l = 0$ for every layer $l$",
    "every row of the region's system is (-u, v - t) or (u, t - v) with t = 0 and v = 0: the region is {x : A x < 0}":
        (r"every row of the region's system is $(-u, v - t)$ or $(u, t - v)$ with $t = 0$ and $v = 0$: the region is "
         r"$\{x : A x < 0\}$"),
    "{x : A x < 0} is an open convex cone": r"$\{x : A x < 0\}$ is an open convex cone",
    ("003-Co4 [cones] proved: Corollary 4 (ii): if every bias is zero, every activation region of a ReLU network (any "
     "depth, widths and input dimension d) is an open convex cone {x : A x < 0}."):
        (r"003-Co4 [cones] proved: Corollary 4 (ii): if every bias is zero, every activation region of a ReLU network "
         r"(any depth, widths and input dimension $d$) is an open convex cone $\{x : A x < 0\}$."),
}


@claim("003-Co4",
       title_latex=r"Corollary 4: number of polytopes $=$ number of configurations; zero biases give cones",
       reading_latex=(r"Three readings side by side. `full-dimensional': polytopes are the full-dimensional activation "
                      r"regions, configurations the patterns $D$ whose $\operatorname{int}P(D)$ is non-empty; the count "
                      r"identity is then certified by a complete enumeration (\texttt{configuration\_cover}). `literal "
                      r"$P(D)$ non-empty': configurations are all $D$ with $P(D)=\{u>0\text{ active},\,u\le0\text{ "
                      r"inactive}\}$ non-empty (the paper's definition), polytopes the full-dimensional pieces of the "
                      r"partition (footnote 2: interiors disjoint); a pattern realised only on a lower-dimensional set "
                      r"breaks the identity. `cones': with zero biases every region's inequalities are homogeneous "
                      r"($a\cdot x<0$), so each region is an open convex cone."),
       variants_latex={"full-dimensional": r"full-dimensional",
                       "literal P(D) non-empty": r"literal: $P(D)$ non-empty",
                       "cones": r"cones",
                       "cones, non-zero bias": r"cones, non-zero bias"},
       readings_latex={"cones, non-zero bias": (r"Negative control (zero biases dropped): every activation region of "
                                                r"every ReLU network is a cone.")},
       latex=r"\#\text{polytopes}=\#\{D: P(D)\neq\emptyset\};\ b=0 \Rightarrow \text{every } P(D) \text{ is a cone}",
       title="Corollary 4: number of polytopes = number of configurations; zero biases give cones",
       source="003 (Heinecke & Hwang), section 3.1, Corollary 4",
       statement=("(i) A ReLU representation is piecewise affine on a partition of the input space into convex "
                  "polytopes, whose number equals the number of diagonal configurations. (ii) If all biases "
                  "vanish, the polytopes are convex cones."),
       reading=("Three readings side by side. 'full-dimensional': polytopes = full-dimensional activation "
                "regions, configurations = patterns D whose int P(D) is non-empty; the count identity is then "
                "certified by a complete enumeration (configuration_cover). 'literal P(D) non-empty': "
                "configurations = every D with P(D) = {u > 0 active, u <= 0 inactive} non-empty (the paper's "
                "definition), polytopes = the full-dimensional pieces of the partition (footnote 2: interiors "
                "disjoint); a pattern realised only on a lower-dimensional set breaks the identity. 'cones': "
                "with zero biases every region's inequalities are homogeneous (a.x < 0), so each region is an "
                "open convex cone."))
def check(*, seed: int = 0, n_cone_nets: int = 4, exhaustive: bool = True, workers: int = 0,
          scheduler: str = "") -> list[Verdict]:
    """``exhaustive=False``: the full-dimensional reading's certificate lists the zoo networks
    (inconclusive) instead of the class (verified)."""
    out = []
    # -- reading 1: full-dimensional ------------------------------------------------------
    instances, rows = [], []
    for name, net in network_zoo(seed).items():
        e = enumerate_certified(net)
        instances.append({**cover_evidence(e), "polytopes": len(e.regions)})
        n_pat = len({r.pattern for r in e.regions})
        rows.append({"network": name, "polytopes": len(e.regions), "configurations": n_pat})
    # The class (every network of FULL_CLASSES in the box, re-enumerated by the kernel): verified for that
    # scope; the zoo networks on R^d are extra evidence (exhaustive=False: their certificate, inconclusive).
    if exhaustive:
        st = Status.VERIFIED
        nets, polytopes = class_region_counts(FULL_CLASSES, FULL_BOX)
        cert = check.certificate(st, variant="full-dimensional", scope={"classes": FULL_CLASSES, "box": FULL_BOX},
                                 evidence={"checked": nets, "polytopes": polytopes})
        desc = (f"{class_text(FULL_CLASSES, FULL_BOX)} ({nets} networks, {polytopes} polytopes, every full pattern "
                f"decided and the areas summed by the kernel); plus the {len(rows)} zoo networks on R^d (a sample)")
    else:
        st = Status.INCONCLUSIVE
        cert = check.certificate(st, variant="full-dimensional", scope={}, evidence=instances_evidence(
            f"the {len(rows)} networks of the zoo (seed {seed}), every configuration on R^d", instances))
        desc = (f"the {len(rows)} zoo networks on R^d (bound by SHA-256): a theorem about every network re-checked "
                "on listed ones, hence inconclusive")
    out.append(check.verdict(
        st, variant="full-dimensional", scope={"description": desc, "seed": seed},
        evidence={"counts": rows, **({"class": {"networks": nets, "polytopes": polytopes}} if exhaustive else {})},
        crosscheck={"disagreements": [], "summary": "see 003-Conf for the float64 enumeration of the same networks"},
        certificate=cert))
    # -- reading 2: literal P(D) non-empty vs full-dimensional polytopes ------------------------
    net = _counterexample()
    e = enumerate_certified(net)
    at = configuration_at(net, [0])
    lower = pattern_json(at)
    rows_empty = [r for r in pattern_system(net, at)[0]]
    y = empty_multiplier(net, at)
    n_conf = len({r.pattern for r in e.regions} | {at})
    refuted = n_conf != len(e.regions)
    st = Status.REFUTED if refuted else Status.VERIFIED
    out.append(check.verdict(
        st, variant="literal P(D) non-empty",
        scope={"description": "counterexample f(x) = rho(x) + rho(-x) on R (d = 1); the same happens whenever "
                              "a pattern is realised only on a lower-dimensional face"},
        evidence={"network": net.to_json(), "full_dimensional_polytopes": len(e.regions),
                  "configurations_with_nonempty_P": n_conf, "lower_dimensional_configuration": lower,
                  "realised_at": ["0"], "interior_rows": [[str(v) for v in r.a] + [str(r.b)] for r in rows_empty],
                  "motzkin_multiplier": y,
                  "note": "P((0,0)) = {0} is a non-empty (degenerate) polytope; counting it as a polytope "
                          "of the partition restores the identity trivially (one cell per configuration)."},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=check.certificate(st, variant="literal P(D) non-empty", scope={}, evidence={
            "network": network_json(net), "cover": cover_evidence(e, network=None), "pattern": lower,
            "at": [0], "y": y})))
    # -- reading 3: cones for zero biases --------------------------------------------------------
    from proofs.methods.batched import resolve_workers, run_blocks

    sample = ZeroBiasConeSample()
    run = (run_blocks(sample, seed=seed, max_instances=n_cone_nets, workers=resolve_workers(workers, scheduler),
                      scheduler=scheduler or None, stop_on_hit=False, complete=True) if n_cone_nets > 0 else None)
    rows = [x["row"] for x in run.extras] if run else []
    problems = [p for x in run.extras for p in x["problems"]] if run else []
    if problems:   # the argument covers every network: a region that is not a cone is a bug of the enumeration
        raise ToolkitError(f"003-Co4 [cones]: regions that are not cones: {problems[:3]}")
    st = Status.PROVED
    cert = check.certificate(st, variant="cones", scope={"widths": CONE_CLASS},
                             evidence={"checked": cone_class_size(CONE_CLASS)},
                             argument=[(i, ch) for i, ch, _ in CONES_ARGUMENT])
    from proofs.kernel import recheck

    ok, message = recheck(cert)
    out.append(check.verdict(
        st, variant="cones",
        scope={"description": "every ReLU network with zero biases (argument checked by the kernel); the kernel "
                              "re-enumerates every zero-bias network with weights in {-1, 0, 1} of widths "
                              f"{', '.join('-'.join(map(str, w)) for w in CONE_CLASS)} and every full pattern "
                              f"(degenerate networks and empty regions included); plus {n_cone_nets} random zero-bias "
                              "networks (d = 2, 3) enumerated region by region (a sample)",
               "n_cone_nets": n_cone_nets, "seed": seed},
        evidence={"argument": {"valid": ok, "kernel": message, "conclusion": "every activation region of a "
                                                                             "zero-bias ReLU network is an open "
                                                                             "convex cone",
                               "steps": [{"statement": f, "check": ch, "holds": ok} for _, ch, f in CONES_ARGUMENT]},
                  "networks": rows, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only"}, certificate=cert))
    # negative control: with a bias, relu(x - 1) has the region x > 1, which is no cone with apex 0
    biased = Network.from_layers({"weight": [["1"]], "bias": ["-1"], "activation": "relu"},
                                 {"weight": [["1"]], "activation": "identity"})
    out.append(check.verdict(
        Status.REFUTED, variant="cones, non-zero bias",
        scope={"description": "f(x) = relu(x - 1) on R: x = 2 is active, x / 4 = 1/2 is not"},
        evidence={"network": "relu(x - 1)", "x": ["2"], "t": "1/4"},
        reading="Negative control (zero biases dropped): every activation region of every ReLU network is a cone.",
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=check.certificate(Status.REFUTED, variant="cones, non-zero bias", scope={},
                                      evidence={"network": network_json(biased), "x": [2], "t": Fraction(1, 4)})))
    return out


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    net = random_network([2, 4, 3, 1], 50, zero_bias=True)
    return enumeration_figure(enumerate_regions(net, ("-1", "1")), figdir, "p003_cones",
                              "003-Co4: a zero-bias network: every region is a cone with apex 0 (box [-1, 1]^2).",
                              caption_latex=r"003-Co4: a zero-bias network: every region is a cone with apex $0$ "
                                            r"(box $[-1, 1]^2$).")
