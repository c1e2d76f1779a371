"""003-T5 -- Theorem 5 of Heinecke & Hwang: atomic decomposition of each affine piece.

The linear part of the affine map of a configuration is a linear combination of atoms
w_L^i (w_1^j)^T -- outer products of active columns of W_L (i active in layer L-1) and
active rows of W_1 (j active in layer 1) -- with at most |A_{L-1}| |A_1| atoms, and
coefficient c_ij = sum over paths j = k_1 -> k_2 -> ... -> k_{L-1} = i through active
neurons of prod_{l=2}^{L-1} W_l[k_l, k_{l-1}] (for L = 2: one atom per active neuron,
coefficient 1).
"""

from __future__ import annotations

from fractions import Fraction

from exact.scalar import rational_str
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p003 import (cover_evidence, enumerate_certified, instances_evidence, network_zoo, pattern_json,
                                random_network)
from proofs.verdict import Status, Verdict


def _paths(net, active, i, j):
    """(sum over paths from j in layer 1 to i in layer L-1 of weight products, number of paths)."""
    Ws = [layer.weight for layer in net.layers]
    L = len(Ws)
    total, count = Fraction(0), 0
    stack = [(0, j, Fraction(1))]  # (hidden layer index l-1, neuron, product so far)
    while stack:
        l, k, prod = stack.pop()
        if l == L - 2:
            if k == i:
                total += prod
                count += 1
            continue
        for k2 in active[l + 1]:
            w = Ws[l + 1][k2][k]
            stack.append((l + 1, k2, prod * w))
    return total, count


def decompose(net, pattern, all_neurons: bool = False):
    """Atoms (i, j, c_ij, paths) and the reconstructed linear part of a configuration."""
    hidden = [p for p in pattern[:-1]]
    active = [[k for k, b in enumerate(bits) if b or all_neurons] for bits in hidden]
    WL, W1 = net.layers[-1].weight, net.layers[0].weight
    d, out = len(W1[0]), len(WL)
    atoms = []
    T = [[Fraction(0)] * d for _ in range(out)]
    for i in active[-1]:
        for j in active[0]:
            c, npaths = _paths(net, active, i, j)
            if c:
                atoms.append((i, j, c, npaths))
                for r in range(out):
                    for s in range(d):
                        T[r][s] += c * WL[r][i] * W1[j][s]
    return atoms, tuple(tuple(r) for r in T), active


@claim("003-T5",
       latex=r"T_D=\textstyle\sum_{i,j} c_{ij}\, w_L^i (w_1^j)^T,\ c_{ij}=\sum_{\text{paths}}\prod w",
       title="Theorem 5: atomic decomposition with path-sum coefficients",
       source="003 (Heinecke & Hwang), section 3.2, Theorem 5 and equation (11)",
       statement=("The linear part of the affine map of a configuration is a linear combination of atoms "
                  "w_L^i (w_1^j)^T (active columns of W_L, active rows of W_1), at most |A_{L-1}| x |A_1| of them, "
                  "each coefficient a sum over paths of products of one weight per intermediate layer."),
       reading=("Networks W_L o rho o ... o rho o W_1 (ReLU hidden layers, identity output). For every region: "
                "coefficients c_ij computed by explicit enumeration of the paths through active neurons "
                "(independently of any matrix product), sum_ij c_ij w_L^i (w_1^j)^T compared exactly with the "
                "region's linear part (itself certified from the pattern by the kernel), and the number of "
                "atoms with non-zero coefficient compared with |A_{L-1}| |A_1| (|A_1| for L = 2). The "
                "kernel re-sums the path products itself for every region of every listed network and compares them "
                "with the linear part it derives from the pattern."))
def check(*, seed: int = 0, all_neurons: bool = False) -> Verdict:
    """``all_neurons=True`` is a deliberately wrong variant (paths through inactive neurons too)."""
    nets = dict(network_zoo(seed))
    nets["random 2-3-3-3-2"] = random_network([2, 3, 3, 3, 2], seed + 7)
    nets["random 2-4-2"] = random_network([2, 4, 2], seed + 8)
    instances, rows, problems = [], [], []
    max_atoms = 0
    first = None
    for name, net in nets.items():
        e = enumerate_certified(net)
        L = len(net.layers)
        inst = {**cover_evidence(e), "max_atoms": 0}
        instances.append(inst)
        for r in e.regions:
            atoms, T, active = decompose(net, r.pattern, all_neurons)
            limit = len(active[0]) if L == 2 else len(active[-1]) * len(active[0])
            max_atoms = max(max_atoms, len(atoms))
            inst["max_atoms"] = max(inst["max_atoms"], len(atoms))
            if T != r.linear:
                first = first or (net, r)
                problems.append({"network": name, "pattern": pattern_json(r.pattern), "what": "sum of atoms != linear part"})
            if len(atoms) > limit:
                problems.append({"network": name, "pattern": pattern_json(r.pattern), "what": "too many atoms"})
        rows.append({"network": name, "L": L, "regions": len(e.regions),
                     "example": {"pattern": pattern_json(e.regions[-1].pattern),
                                 "atoms": [[i, j, rational_str(c), n] for i, j, c, n in
                                           decompose(net, e.regions[-1].pattern, all_neurons)[0]]}})
    # A theorem about every network re-checked on listed ones: inconclusive.  The wrong variant
    # is refuted by the first region where the all-paths sum misses the linear part.
    status = Status.REFUTED if problems else Status.INCONCLUSIVE
    variant = "all neurons (wrong)" if all_neurons else None
    if first is not None:
        cert = check.certificate(status, variant=variant, scope={}, evidence={
            "network": network_json(first[0]), "pattern": pattern_json(first[1].pattern), "point": list(first[1].point)})
    else:
        cert = check.certificate(status, variant=variant, scope={}, evidence=instances_evidence(
            f"every configuration of {len(nets)} networks (the zoo of seed {seed} and two random ones)", instances))
    return check.verdict(
        status, variant=variant,
        scope={"description": f"every configuration of {len(nets)} networks (L = 2..5, d = 1..3; bound by SHA-256): "
                              "a theorem about every network re-checked on listed ones, hence inconclusive",
               "seed": seed},
        evidence={"networks": rows, "max_atoms": max_atoms, "problems": problems[:20],
                  "problem_count": len(problems)},
        crosscheck={"disagreements": [], "summary": "exact only (an algebraic identity)"},
        certificate=cert)


def report_section(verdicts, figdir):
    from proofs.report.latex import latex_escape

    v = verdicts[0]
    lines = [r"\begin{itemize}"]
    for n in v["evidence"]["networks"][:6]:
        ex = n["example"]
        atoms = ", ".join(f"$c_{{{i},{j}}} = {c}$ ({k} paths)" for i, j, c, k in ex["atoms"][:6])
        pattern = r",\ ".join("(" + ", ".join(str(b) for b in layer) + ")" for layer in ex["pattern"] if layer)
        lines.append(r"\item " + latex_escape(f"{n['network']} (L = {n['L']}, {n['regions']} regions); ")
                     + f"configuration ${pattern}$: " + (atoms or "no atom (zero map)"))
    lines.append(r"\end{itemize}")
    return "\n".join(lines)
