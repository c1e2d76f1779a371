"""003-Co4 -- Corollary 4 of Heinecke & Hwang: polytopes = configurations; zero biases give cones.

(i) Every ReLU representation is piecewise affine on a partition into convex polytopes, and
the number of polytopes equals the number of configurations.  (ii) With all biases zero
the polytopes are convex cones.
"""

from __future__ import annotations

from exact.network import Network
from exact.regions import configuration_at, enumerate_regions, pattern_system
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p003 import (cover_evidence, empty_multiplier, enumerate_certified, instances_evidence,
                                network_zoo, pattern_json, random_network)
from proofs.verdict import Status, Verdict


def _counterexample() -> Network:
    """rho(x), rho(-x): patterns (1,0) on x > 0, (0,1) on x < 0, and (0,0) only at x = 0."""
    return Network.from_layers({"weight": [[1], [-1]], "activation": "relu"},
                               {"weight": [[1, 1]], "activation": "identity"})


@claim("003-Co4",
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
def check(*, seed: int = 0, n_cone_nets: int = 4) -> list[Verdict]:
    out = []
    # -- reading 1: full-dimensional ------------------------------------------------------
    instances, rows = [], []
    for name, net in network_zoo(seed).items():
        e = enumerate_certified(net)
        instances.append({**cover_evidence(e), "polytopes": len(e.regions)})
        n_pat = len({r.pattern for r in e.regions})
        rows.append({"network": name, "polytopes": len(e.regions), "configurations": n_pat})
    # A theorem about every network re-checked on listed ones: inconclusive (a mismatch would be
    # a bug of the enumeration, which the kernel's cover check rejects).
    st = Status.INCONCLUSIVE
    out.append(check.verdict(
        st, variant="full-dimensional",
        scope={"description": f"the {len(rows)} zoo networks on R^d (bound by SHA-256): a theorem about every "
                              "network re-checked on listed ones, hence inconclusive", "seed": seed},
        evidence={"counts": rows},
        crosscheck={"disagreements": [], "summary": "see 003-Conf for the float64 enumeration of the same networks"},
        certificate=check.certificate(st, variant="full-dimensional", scope={}, evidence=instances_evidence(
            f"the {len(rows)} networks of the zoo (seed {seed}), every configuration on R^d", instances))))
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
    instances, rows, problems = [], [], []
    shapes = [[2, 4, 3, 1], [2, 3, 3, 3, 1], [3, 4, 4, 1], [2, 5, 2, 1], [2, 6, 1], [3, 3, 3, 3, 1]]
    for s in range(n_cone_nets):
        widths = shapes[s % len(shapes)]
        net = random_network(widths, seed + 50 + s, zero_bias=True)
        e = enumerate_certified(net)
        instances.append({**cover_evidence(e), "cones": len(e.regions)})
        for r in e.regions:
            if any(c.b != 0 for c in r.constraints) or any(v != 0 for v in r.offset):
                problems.append({"widths": widths, "pattern": pattern_json(r.pattern)})
            if not (r.contains([2 * v for v in r.point]) and r.contains([v / 3 for v in r.point])):
                problems.append({"widths": widths, "pattern": pattern_json(r.pattern), "scaling": True})
        rows.append({"widths": widths, "regions": len(e.regions)})
    # a region that is not a cone would be a bug of the enumeration: the kernel derives the rows itself
    st = Status.INCONCLUSIVE
    out.append(check.verdict(
        st, variant="cones",
        scope={"description": f"{n_cone_nets} random zero-bias networks (d = 2, 3; bound by SHA-256), every region "
                              "on R^d: a theorem about every network re-checked on listed ones, hence inconclusive",
               "n_cone_nets": n_cone_nets, "seed": seed},
        evidence={"networks": rows, "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=check.certificate(st, variant="cones", scope={}, evidence=instances_evidence(
            f"{n_cone_nets} random zero-bias networks (Python random, seeds {seed + 50}..{seed + 49 + n_cone_nets})",
            instances))))
    return out


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    net = random_network([2, 4, 3, 1], 50, zero_bias=True)
    return enumeration_figure(enumerate_regions(net, ("-1", "1")), figdir, "p003_cones",
                              "003-Co4: a zero-bias network: every region is a cone with apex 0 (box [-1, 1]^2).")
