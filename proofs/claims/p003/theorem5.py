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
from itertools import product

from exact.errors import ToolkitError
from exact.network import Network

from exact.scalar import rational_str
from proofs.certificates import network_json
from proofs.claim import claim
from proofs.claims.p003 import (cover_evidence, enumerate_certified, network_zoo, pattern_json,
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


#: The class the kernel re-enumerates: widths [d, n_1, ..., n_L], weights in {-1, 0, 1}, zero biases, every full
#: pattern (degenerate networks, dead neurons and unrealised patterns included).
T5_CLASS = [[2, 2, 1], [1, 2, 1, 1], [1, 1, 2, 1], [1, 2, 2]]


def _class(widths):
    """Every network of the widths with weights in {-1, 0, 1} and zero biases, with every full pattern."""
    shapes = list(zip(widths[1:], widths[:-1]))
    total = sum(r * c for r, c in shapes)
    hidden = widths[1:-1]
    for flat in product((-1, 0, 1), repeat=total):
        flat, layers = list(flat), []
        for l, (r, c) in enumerate(shapes):
            w = [flat[i * c:(i + 1) * c] for i in range(r)]
            flat = flat[r * c:]
            layers.append({"weight": w, "activation": "identity" if l == len(shapes) - 1 else "relu"})
        net = Network.from_layers(*layers)
        for bits in product((0, 1), repeat=sum(hidden)):
            bits, pattern = list(bits), []
            for h in hidden:
                pattern.append(tuple(bits[:h]))
                bits = bits[h:]
            yield net, tuple(pattern) + ((),)


def _masked_product(net, pattern):
    """W_L D_{L-1} W_{L-1} ... D_1 W_1 (D_l the 0/1 diagonal of the pattern), by matrix products."""
    m = [list(r) for r in net.layers[0].weight]
    for bits, layer in zip(pattern[:-1], net.layers[1:]):
        m = [[v * b for v in row] for row, b in zip(m, bits)]
        m = [[sum((w * m[k][s] for k, w in enumerate(row)), Fraction(0)) for s in range(len(m[0]))]
             for row in layer.weight]
    return tuple(tuple(r) for r in m)


def class_check(classes, all_neurons: bool = False) -> tuple[int, int, list]:
    """(instances, largest number of atoms, failures) over every network and full pattern of the classes."""
    count, most, bad = 0, 0, []
    for widths in classes:
        for net, pattern in _class(widths):
            atoms, T, active = decompose(net, pattern, all_neurons)
            limit = len(active[0]) if len(widths) == 3 else len(active[-1]) * len(active[0])
            if T != _masked_product(net, pattern) or len(atoms) > limit:
                bad.append({"widths": widths, "weights": [[[str(v) for v in r] for r in l.weight] for l in net.layers],
                            "pattern": [list(b) for b in pattern]})
            count, most = count + 1, max(most, len(atoms))
    return count, most, bad


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("The linear part of the affine map of a configuration is a linear combination of atoms w_L^i (w_1^j)^T (active "
     "columns of W_L, active rows of W_1), at most |A_{L-1}| x |A_1| of them, each coefficient a sum over paths of "
     "products of one weight per intermediate layer."):
        (r"The linear part of the affine map of a configuration is a linear combination of atoms "
         r"$w_L^i (w_1^j)^T$ (active columns of $W_L$, active rows of $W_1$), at most $|A_{L-1}| \times |A_1|$ of them, "
         r"each coefficient a sum over paths of products of one weight per intermediate layer."),
}


@claim("003-T5",
       title_latex=r"Theorem 5: atomic decomposition with path-sum coefficients",
       reading_latex=(r"Networks $W_L\circ\rho\circ\dots\circ\rho\circ W_1$ (ReLU hidden layers, identity output). For "
                      r"every region: coefficients $c_{ij}$ computed by explicit enumeration of the paths through "
                      r"active neurons (independently of any matrix product), $\sum_{ij}c_{ij}\,w_L^i\,(w_1^j)^T$ "
                      r"compared exactly with the region's linear part (itself certified from the pattern by the "
                      r"kernel), and the number of atoms with non-zero coefficient compared with $|A_{L-1}|\,|A_1|$ "
                      r"($|A_1|$ for $L=2$). The kernel re-sums the path products itself for every region of every "
                      r"listed network and compares them with the linear part it derives from the pattern."),
       variants_latex={"all neurons (wrong)": r"all neurons (a wrong variant)"},
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
    rows, problems = [], []
    max_atoms = 0
    first = None
    for name, net in nets.items():
        e = enumerate_certified(net)
        L = len(net.layers)
        inst = {**cover_evidence(e), "max_atoms": 0}
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
    # The class (every network with weights in {-1, 0, 1} of the widths T5_CLASS, every full pattern) is checked
    # exhaustively, and re-enumerated by the kernel: verified for that scope.  The zoo and random networks are extra
    # evidence.  The wrong variant is refuted by the first region where the all-paths sum misses the linear part.
    counted, class_atoms, class_bad = class_check(T5_CLASS, all_neurons)
    variant = "all neurons (wrong)" if all_neurons else None
    if first is not None:
        status = Status.REFUTED
        cert = check.certificate(status, variant=variant, scope={}, evidence={
            "network": network_json(first[0]), "pattern": pattern_json(first[1].pattern), "point": list(first[1].point)})
        desc = f"every configuration of {len(nets)} networks: the first region where the all-paths sum fails"
    elif problems or class_bad:
        raise ToolkitError(f"003-T5: the decomposition fails at {(problems + class_bad)[:3]}")
    else:
        status = Status.VERIFIED
        cert = check.certificate(status, variant=variant, scope={"widths": T5_CLASS},
                                 evidence={"checked": counted, "max_atoms": class_atoms})
        desc = (f"every network with weights in {{-1, 0, 1}} of widths "
                f"{', '.join('-'.join(map(str, w)) for w in T5_CLASS)} (zero biases: the linear part involves none) "
                f"and every full pattern, realised or not ({counted} instances, re-enumerated by the kernel); plus "
                f"every region of {len(nets)} listed networks (L = 2..5, d = 1..3, a sample)")
    return check.verdict(
        status, variant=variant,
        scope={"description": desc, "seed": seed},
        evidence={"networks": rows, "max_atoms": max_atoms, "problems": problems[:20],
                  "problem_count": len(problems), "class_instances": counted, "class_max_atoms": class_atoms,
                  "class_failures": class_bad[:5]},
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
