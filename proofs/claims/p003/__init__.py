"""Claims of 003 (Heinecke & Hwang, deep representation with ReLU networks).

Shared helpers: a zoo of test networks (generic and deliberately degenerate), the
certificate evidence of enumerated regions, and the figure helper.
"""

from __future__ import annotations

import functools
import random
from fractions import Fraction

from exact.feasibility import FeasibilityStatus, strict_feasibility
from exact.network import Network
from exact.regions import RegionEnumeration, enumerate_regions, pattern_system
from exact.scalar import rational_str

__all__ = ["random_network", "network_zoo", "cover_records", "pattern_json",
           "enumeration_figure", "enumerate_certified", "empty_multiplier", "cover_evidence",
           "instances_evidence", "relu_class", "class_region_counts", "class_text"]


def random_network(widths, seed: int, den: int = 4, span: int = 8, zero_bias: bool = False,
                   output_relu: bool = False) -> Network:
    """A network with integer/den weights in [-span/den, span/den] (ReLU hidden layers)."""
    rng = random.Random(seed)
    layers = []
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        last = i == len(widths) - 2
        layers.append({
            "weight": [[rational_str(Fraction(rng.randint(-span, span), den)) for _ in range(a)] for _ in range(b)],
            "bias": ["0" if zero_bias else rational_str(Fraction(rng.randint(-span, span), den)) for _ in range(b)],
            "activation": "relu" if (not last or output_relu) else "identity",
        })
    return Network.from_layers(*layers)


def network_zoo(seed: int = 0) -> dict[str, Network]:
    """Named networks: random ones and degenerate arrangements (each degeneracy on purpose)."""
    zoo = {
        # three lines through the origin, a repeated neuron (scaled copy) and a zero-weight neuron
        "concurrent+repeated+zero": Network.from_layers(
            {"weight": [[1, 0], [0, 1], [1, 1], [2, 0], [0, 0]], "bias": [0, 0, 0, 0, 1], "activation": "relu"},
            {"weight": [[1, -1, 1, 1, 1]], "activation": "identity"}),
        # parallel lines, opposite normals, second layer collapsing on the all-off region
        "parallel+collapse": Network.from_layers(
            {"weight": [[1, 1], [1, 1], [-1, -1], [1, -1]], "bias": [0, -1, 2, 0], "activation": "relu"},
            {"weight": [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 1, 1]], "bias": [-1, 0, -3], "activation": "relu"},
            {"weight": [[1, 2, -1]], "activation": "identity"}),
        # a neuron identically 0 in layer 2 (zero weights, zero bias) and one always active
        "dead+always-on": Network.from_layers(
            {"weight": [[1, 0], [0, 1], [1, -1]], "bias": [0, 0, 0], "activation": "relu"},
            {"weight": [[0, 0, 0], [1, 1, 1], [0, 0, 0]], "bias": [0, 0, 1], "activation": "relu"},
            {"weight": [[1, 1, 1]], "activation": "identity"}),
    }
    zoo["random 2-4-3-1"] = random_network([2, 4, 3, 1], seed)
    zoo["random 2-3-3-2-1"] = random_network([2, 3, 3, 2, 1], seed + 1)
    zoo["random 3-4-3-1"] = random_network([3, 4, 3, 1], seed + 2)
    zoo["random 1-3-3-1"] = random_network([1, 3, 3, 1], seed + 3)
    return zoo


def relu_class(classes):
    """Every network of each class {widths: [d, n_1, ..., n_k], weights, biases}: relu layers only (the
    output layer of a network makes no region), every weight in ``weights``, every bias in ``biases``, in
    the order the kernel enumerates them (proofs/kernel/specs/p003.py, ``_relu_class``)."""
    from itertools import product

    for cl in classes:
        ws, bs = [Fraction(v) for v in cl["weights"]], [Fraction(v) for v in cl["biases"]]
        shapes = list(zip(cl["widths"][1:], cl["widths"][:-1]))
        choices = [[(w, b) for w in product(ws, repeat=r * c) for b in product(bs, repeat=r)] for r, c in shapes]
        for combo in product(*[range(len(ch)) for ch in reversed(choices)]):
            layers = []
            for ch, k in zip(choices, reversed(combo)):
                w, b = ch[k]
                c = len(w) // len(b)
                layers.append({"weight": [[rational_str(v) for v in w[i * c:(i + 1) * c]] for i in range(len(b))],
                               "bias": [rational_str(v) for v in b], "activation": "relu"})
            yield Network.from_layers(*layers)


def class_region_counts(classes, box, levels: bool = False) -> tuple[int, int]:
    """(networks, regions): the number of networks of the classes and of their full-dimensional regions in
    [lo, hi]^d (with ``levels``: summed over the prefixes of the first l layers, l = 1..k)."""
    count, total = 0, 0
    for net in relu_class(classes):
        for l in (range(1, len(net.layers) + 1) if levels else [len(net.layers)]):
            sub = Network(net.layers[:l])
            total += len(enumerate_regions(sub, tuple(box)).regions)
        count += 1
    return count, total


def class_text(classes, box) -> str:
    parts = [f"widths {'-'.join(map(str, c['widths']))} with weights in {{{', '.join(map(str, c['weights']))}}} and "
             f"biases in {{{', '.join(map(str, c['biases']))}}}" for c in classes]
    return f"every relu network of {'; '.join(parts)}, in the box [{box[0]}, {box[1]}]^d"


def pattern_json(pattern) -> list:
    return [list(p) for p in pattern]


def empty_multiplier(net: Network, prefix, box=None) -> list[str]:
    """Exact Motzkin multiplier proving the open system of a prefix pattern empty."""
    rows, _, _ = pattern_system(net, prefix, box)
    res = strict_feasibility([r.a for r in rows], [r.b for r in rows], dim=net.in_dim)
    if res.status is FeasibilityStatus.FEASIBLE:
        raise AssertionError(f"prefix {prefix} is not empty")
    return [rational_str(v) for v in res.multipliers]


def cover_records(e: RegionEnumeration) -> dict:
    """Evidence of a complete enumeration as records: the regions as {pattern, point}, the empty
    prefixes as {pattern, y} (Motzkin multipliers); needs ``record_empty=True``."""
    return {"regions": [{"pattern": pattern_json(r.pattern), "point": [rational_str(v) for v in r.point]}
                        for r in e.regions],
            "empty": [{"pattern": pattern_json(p), "y": empty_multiplier(e.network, p, e.box)}
                      for p in e.empty_prefixes]}


def cover_evidence(e: RegionEnumeration, network: str | None = "bound") -> dict:
    """Kernel evidence of a complete enumeration (``proofs/kernel/regions.py``, ``cover``): the
    regions as [pattern, interior point], the empty prefixes as [prefix, Motzkin multiplier];
    with ``network`` "bound" (SHA-256) or "plain" the network too (None: the spec rebuilds it).
    Needs ``record_empty=True`` (:func:`enumerate_certified`)."""
    from proofs.certificates import bind, network_json

    net = e.network
    out = {"regions": [[pattern_json(r.pattern), list(r.point)] for r in e.regions],
           "empty": [[pattern_json(p), empty_multiplier(net, p, e.box)] for p in e.empty_prefixes]}
    if network == "bound":
        out["network"] = bind(network_json(net))
    elif network == "plain":
        out["network"] = network_json(net)
    return out


def instances_evidence(searched: str, instances: list[dict]) -> dict:
    """Evidence of an ``inconclusive`` certificate: what was searched and every listed instance."""
    return {"searched": searched, "count": len(instances), "instances": instances}


@functools.lru_cache(maxsize=64)
def _cached(net: Network, box) -> RegionEnumeration:
    return enumerate_regions(net, box, method="general", record_empty=True)


def enumerate_certified(net: Network, box=None) -> RegionEnumeration:
    """The general enumeration with the empty prefixes recorded (for certificates; cached)."""
    return _cached(net, None if box is None else tuple(str(v) for v in box))


def enumeration_figure(e: RegionEnumeration, figdir, name: str, caption: str, *, caption_latex: str = "") -> str:
    """Save a partition figure (d = 1, 2) and return the LaTeX that includes it.

    The caption is ``caption_latex`` (LaTeX text) when given, else the plain text ``caption``."""
    from numeric.regions import plot_enumeration

    plot_enumeration(e, str(figdir / f"{name}.pdf"))
    from proofs.report.figures import figure_tex
    from proofs.report.latex import prose

    return figure_tex(f"{name}.pdf", caption_latex or prose(caption), width=r"0.75\linewidth")
