"""003-Ex2 -- Example 2 of Heinecke & Hwang: a two-layer ReLU representation on R^2.

The first layer (2 neurons, W_1 surjective = invertible 2 x 2) cuts the plane into 4
regions; on the all-off region the second layer's pre-activation is the constant b_2, so it
is not refined; each of the other 3 is cut by the second layer's neuron into at most 2:
"potentially up to 7 convex regions".
"""

from __future__ import annotations

import re

import itertools
from dataclasses import dataclass
from math import comb

from exact.linalg import rank
from exact.network import Network
from exact.regions import enumerate_regions
from proofs.claim import claim
from proofs.claims.p003 import cover_evidence, enumerate_certified, random_network
from exact.errors import InvalidArgument
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


#: the seed of the random invertible first layers (network ``RANDOM_SEED + s`` for s = 0, 1, ...)
RANDOM_SEED = 100


@dataclass(frozen=True)
class SecondLayerGrid:
    """The search of 003-Ex2 as a task of :func:`proofs.methods.batched.run_blocks`.

    Instance ``i < (2 grid + 1)^3`` is the network with W_1 = I, b_1 = 0 and the i-th second layer
    (w1, w2, b) of ``itertools.product`` over [-grid, grid]^3, enumerated with a completeness
    certificate (its cover evidence goes into the block's ``extra``); instance ``(2 grid + 1)^3 +
    s`` (s < ``randoms``) is ``random_network([2, 2, 1, 1], seed + s)`` when its first layer is
    invertible (extra evidence).  A hit is an instance with more than ``bound`` regions or with the
    all-off region split.  Everything is a function of (seed, index): the same for any workers.
    """

    grid: int
    randoms: int = 6
    bound: int = 7
    size: int = 4

    @property
    def total(self) -> int:
        return (2 * self.grid + 1) ** 3 + self.randoms

    def network(self, seed: int, index: int) -> Network | None:
        vals = range(-self.grid, self.grid + 1)
        g = len(vals) ** 3
        if index < g:
            w1, w2, b = vals[index // len(vals) ** 2], vals[index // len(vals) % len(vals)], vals[index % len(vals)]
            return Network.from_layers({"weight": [[1, 0], [0, 1]], "activation": "relu"},
                                       {"weight": [[w1, w2]], "bias": [b], "activation": "relu"},
                                       {"weight": [[1]], "activation": "identity"})
        net = random_network([2, 2, 1, 1], seed + index - g)
        return net if rank([list(r) for r in net.layers[0].weight]) == 2 else None

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        first = block * self.size
        g = (2 * self.grid + 1) ** 3
        hits, members, sizes, searched, split = [], [], [], 0, 0
        for index in range(first, first + (self.size if count is None else count)):
            net = self.network(seed, index)
            if net is None:
                continue
            if index < g:
                e = enumerate_certified(net)
                members.append(cover_evidence(e, network=None))
            else:
                e = enumerate_regions(net, method="general", irredundant=False)
            searched += 1
            off = sum(1 for r in e.regions if r.pattern[0] == (0, 0)) > 1
            split += off
            sizes.append(len(e.regions))
            if len(e.regions) > self.bound or off:
                hits.append(index)
        return {"instances": self.size if count is None else count, "hits": hits,
                "counts": {"searched": searched, "all_off_region_split": split},
                "lists": {}, "extra": {"members": members, "max_regions": max(sizes, default=0)}}


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("For f = A_3 o rho o A_2 o rho o A_1 on R^2 with A_1: R^2 -> R^2 surjective and one neuron in the second layer, "
     "the first layer partitions the plane into 4 polygons, the all-off one is not refined, the 3 others are split in "
     "two at most: up to 7 convex regions."):
        (r"For $f = A_3 \circ \rho \circ A_2 \circ \rho \circ A_1$ on $\mathbb{R}^2$ with "
         r"$A_1\colon \mathbb{R}^2 \to \mathbb{R}^2$ surjective and one neuron in the second layer, the first layer "
         r"partitions the plane into 4 polygons, the all-off one is not refined, the 3 others are split in two at most: "
         r"up to 7 convex regions."),
    re.compile(r"instances k = 1\.\.(\d+) enumerated exactly, and every network of the class W_1 = I, b_1 = 0, one "
               r"second-layer neuron with integer weights and bias in \[-1, 1\] \((\d+) networks, enumerated by the "
               r"kernel\); the bound 7 for all real weights rests on the argument, not on this finite check; (\d+) "
               r"random invertible first layers as extra evidence"):
        (r"instances $k = 1, \dots, #1$ enumerated exactly, and every network of the class $W_1 = I$, $b_1 = 0$, one "
         r"second-layer neuron with integer weights and bias in $[-1, 1]$ (#2 networks, enumerated by the kernel); the "
         r"bound 7 for all real weights rests on the argument, not on this finite check; #3 random invertible first "
         r"layers as extra evidence"),
}


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
def check(*, k_max: int = 2, grid: int = 1, workers: int = 0, scheduler: str = "") -> list[Verdict]:
    """Instances for k = 1..k_max, and an exhaustive search over second layers with
    integer weights and biases in [-grid, grid] (first layer the identity) for k = 1, run by the
    search harness (:class:`SecondLayerGrid`) on ``workers`` processes (0: every core) or the Dask
    cluster at ``scheduler``; the verdict does not depend on either."""
    from proofs.methods.batched import resolve_workers, run_blocks

    if grid < 0 or k_max < 1:
        raise InvalidArgument(f"003-Ex2 needs grid >= 0 and k_max >= 1, got grid={grid}, k_max={k_max}")
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
    # Exhaustive search (k = 1): no instance exceeds 7 and the all-off region is never split; then
    # random invertible first layers (extra evidence, not in the certificate).
    task = SecondLayerGrid(grid, bound=bound(1))
    run = run_blocks(task, seed=RANDOM_SEED, max_instances=task.total, workers=resolve_workers(workers, scheduler),
                     scheduler=scheduler or None, stop_on_hit=False, complete=True)
    members = [m for x in run.extras for m in x["members"]]
    searched, split_off = run.counts.get("searched", 0), run.counts.get("all_off_region_split", 0)
    max_seen = max((x["max_regions"] for x in run.extras), default=0)
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
