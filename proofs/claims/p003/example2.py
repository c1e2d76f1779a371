"""003-Ex2 -- Example 2 of Heinecke & Hwang: a two-layer ReLU representation on R^2.

The first layer (2 neurons, W_1 surjective = invertible 2 x 2) cuts the plane into 4
regions; on the all-off region the second layer's pre-activation is the constant b_2, so it
is not refined; each of the other 3 is cut by the second layer's neuron into at most 2:
"potentially up to 7 convex regions".
"""

from __future__ import annotations

import itertools
from math import comb

from exact.linalg import rank
from exact.network import Network
from exact.regions import enumerate_regions
from proofs.claim import claim
from proofs.claims.p003 import cover_evidence, enumerate_certified, random_network
from proofs.verdict import Status, Verdict


def bound(k: int) -> int:
    """Maximal region count for widths 2-k (W_1 invertible): 4 + 3k + C(k, 2)."""
    return 1 + 2 * (k + 1) + 1 + k + comb(k, 2)


def instance(k: int) -> Network:
    """An instance attaining bound(k): the lines x + y = 1, x + 4y = 2, 4x + y = 2 cross both
    positive half-axes at distinct points and each other inside the positive quadrant."""
    second = {1: ([[1, 1]], [-1]),
              2: ([[1, 1], [1, 4]], [-1, -2]),
              3: ([[1, 1], [1, 4], [4, 1]], [-1, -2, -2])}[k]
    return Network.from_layers(
        {"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"},
        {"weight": second[0], "bias": second[1], "activation": "relu"},
        {"weight": [[1] * k], "activation": "identity"})


@claim("003-Ex2",
       title_latex=r"Example 2: two-layer representation on $\mathbb{R}^2$, at most $7$ regions",
       reading_latex=(r"Architecture $d=2$, widths 2-1 ($W_1$ invertible), any output layer. Checked: (a) an instance "
                      r"with exactly $7$ regions, enumerated exactly with a completeness certificate; (b) the maximum: "
                      r"the upper bound $1+3\cdot2=7$ follows from the argument (on the all-off region the second "
                      r"pre-activation is constant), whose premises are checked on every instance of an exhaustive grid "
                      r"of small integer weights (every region count $\le7$, the all-off region never split). "
                      r"Generalisation stated and checked the same way for $k$ second-layer neurons: in the regions "
                      r"with one active first-layer neuron the second layer sees a single coordinate, so its $k$ "
                      r"hyperplanes are parallel (at most $k+1$ pieces); with both active at most $1+k+\binom{k}{2}$: "
                      r"bound $1+2(k+1)+1+k+\binom{k}{2}$, attained by the instances listed."),
       latex=r"d=2,\ \text{widths } 2\text{--}1,\ W_1 \text{ invertible}: \text{ at most } 7 \text{ regions}",
       title="Example 2: two-layer representation on R^2, at most 7 regions",
       source="003 (Heinecke & Hwang), section 3.1, Example 2 and Figure 1",
       statement=("For f = A_3 o rho o A_2 o rho o A_1 on R^2 with A_1: R^2 -> R^2 surjective and one neuron in "
                  "the second layer, the first layer partitions the plane into 4 polygons, the all-off one is "
                  "not refined, the 3 others are split in two at most: up to 7 convex regions."),
       reading=("Architecture d = 2, widths 2-1 (W_1 invertible), any output layer. Checked: (a) an instance "
                "with exactly 7 regions, enumerated exactly with a completeness certificate; (b) the maximum: "
                "the upper bound 1 + 3 * 2 = 7 follows from the argument (on the all-off region the second "
                "pre-activation is constant), whose premises are checked on every instance of an exhaustive "
                "grid of small integer weights (every region count <= 7, the all-off region never split). "
                "Generalisation stated and checked the same way for k second-layer neurons: in the regions "
                "with one active first-layer neuron the second layer sees a single coordinate, so its k "
                "hyperplanes are parallel (at most k + 1 pieces); with both active at most 1 + k + C(k, 2): "
                "bound 1 + 2 (k + 1) + 1 + k + C(k, 2), attained by the instances listed."))
def check(*, k_max: int = 2, grid: int = 1) -> list[Verdict]:
    """Instances for k = 1..k_max, and an exhaustive search over second layers with
    integer weights and biases in [-grid, grid] (first layer the identity) for k = 1."""
    rows, instances, members, problems = [], [], [], []
    for k in range(1, k_max + 1):
        net = instance(k)
        e = enumerate_certified(net)
        n = len(e.regions)
        rows.append({"k": k, "regions": n, "bound": bound(k), "affine_pieces": e.counts()["affine_pieces"],
                     "patterns": [[list(p) for p in r.pattern[:2]] for r in e.regions]})
        if n != bound(k):
            problems.append(f"k={k}: instance has {n} regions, bound {bound(k)}")
        instances.append(cover_evidence(e, network=None))
    # Exhaustive search (k = 1): no instance exceeds 7 and the all-off region is never split.
    searched, max_seen, split_off = 0, 0, 0
    vals = range(-grid, grid + 1)
    for w1, w2, b in itertools.product(vals, vals, vals):
        net = Network.from_layers({"weight": [[1, 0], [0, 1]], "activation": "relu"},
                                  {"weight": [[w1, w2]], "bias": [b], "activation": "relu"},
                                  {"weight": [[1]], "activation": "identity"})
        e = enumerate_certified(net)
        members.append(cover_evidence(e, network=None))
        searched += 1
        max_seen = max(max_seen, len(e.regions))
        split_off += sum(1 for r in e.regions if r.pattern[0] == (0, 0)) > 1
    # Any invertible first layer: random instances (extra evidence, not in the certificate).
    for s in range(6):
        net = random_network([2, 2, 1, 1], 100 + s)
        if rank([list(r) for r in net.layers[0].weight]) == 2:
            e = enumerate_regions(net, method="general", irredundant=False)
            searched += 1
            max_seen = max(max_seen, len(e.regions))
            split_off += sum(1 for r in e.regions if r.pattern[0] == (0, 0)) > 1
    if max_seen > bound(1) or split_off:
        problems.append(f"search: max {max_seen} regions, all-off region split {split_off} times")
    status = Status.VERIFIED if not problems else Status.REFUTED
    return [check.verdict(
        status,
        scope={"description": f"instances k = 1..{k_max} enumerated exactly, and every network of the class "
                              f"W_1 = I, b_1 = 0, one second-layer neuron with integer weights and bias in "
                              f"[-{grid}, {grid}] ({len(members)} networks, enumerated by the kernel); the bound 7 "
                              f"for all real weights rests on the argument, not on this finite check; "
                              f"{searched - len(members)} random invertible first layers as extra evidence",
               "k_max": k_max, "grid": grid},
        evidence={"instances": rows, "maximum_for_2_1": bound(1), "bounds": {k: bound(k) for k in range(1, 5)},
                  "searched": searched, "max_regions_seen": max_seen, "all_off_region_split": split_off,
                  "problems": problems},
        crosscheck={"disagreements": [], "summary": "exact only (the instances are small); counts compared "
                    "with the bound formula"},
        certificate=check.certificate(status, scope={"k_max": k_max, "grid": grid},
                                      evidence={"instances": instances, "class": members,
                                                "checked": len(instances) + len(members)}))]


def report_section(verdicts, figdir):
    from proofs.claims.p003 import enumeration_figure

    return enumeration_figure(enumerate_regions(instance(1)), figdir, "p003_example2",
                              "003-Ex2: an instance of Example 2 with the maximal 7 regions.")
