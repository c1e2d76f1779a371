"""Claims of 002 (Mathematics of deep learning, session 1: lecture on ReLU networks).

Shared helper: exact comparison of a scalar network with a continuous piecewise-linear
reference on every piece of their common refinement.
"""

from __future__ import annotations

from fractions import Fraction

from exact.lecture002 import PLSpec
from exact.network import Network
from exact.scalar import rational_str
from exact.sweep1d import sweep_1d

__all__ = ["compare_with_spec", "differing_point", "network_class", "CLASS_WIDTHS", "CLASS_WEIGHTS"]

#: the default network class of 002-P1 and 002-P4 (d = 1): every network of these widths with all
#: weights and biases in {-1, 0, 1} (2187 + 729 networks: dead, parallel and coincident neurons included)
CLASS_WIDTHS = ([1, 2, 1], [1, 1, 1, 1])
CLASS_WEIGHTS = (-1, 0, 1)


def network_class(widths, weights):
    """Every network of each shape in ``widths`` (relu hidden layers, identity output) with all
    weights and biases in ``weights``: (shape, Network) pairs (the kernel enumerates them again)."""
    from itertools import product

    for shape in widths:
        sizes = list(zip(shape, shape[1:]))
        for params in product([Fraction(v) for v in weights], repeat=sum(a * b + b for a, b in sizes)):
            layers, k = [], 0
            for i, (a, b) in enumerate(sizes):
                layers.append({"weight": [[rational_str(v) for v in params[k + r * a:k + (r + 1) * a]] for r in range(b)],
                               "bias": [rational_str(v) for v in params[k + a * b:k + a * b + b]],
                               "activation": "identity" if i == len(sizes) - 1 else "relu"})
                k += a * b + b
            yield list(shape), Network.from_layers(*layers)


def compare_with_spec(net: Network, spec: PLSpec) -> dict:
    """Compare ``net`` (d = 1, one output) with ``spec`` on every piece, exactly.

    The common refinement of the network's sweep break points and the spec's break points
    cuts R into intervals on each of which both are affine; both maps are compared there
    (slope and intercept).  Returns the mismatching intervals and the points used.
    """
    s = sweep_1d(net)
    pts = sorted({p.hi for p in s.pieces[:-1]} | set(spec.breakpoints))
    ends = [None] + pts + [None]
    bad = []
    for lo, hi in zip(ends, ends[1:]):
        x = (lo - 1 if hi is None else hi - 1) if lo is None else (lo + 1 if hi is None else (lo + hi) / 2)
        piece = next(p for p in s.pieces if (p.lo is None or p.lo < x) and (p.hi is None or x < p.hi))
        sp = next(q for q in spec.pieces() if (q[0] is None or q[0] <= x) and (q[1] is None or x <= q[1]))
        if piece.slope[0] != sp[2] or piece.intercept[0] != sp[3]:
            bad.append({"interval": [None if lo is None else rational_str(lo), None if hi is None else rational_str(hi)],
                        "network": [rational_str(piece.slope[0]), rational_str(piece.intercept[0])],
                        "reference": [rational_str(sp[2]), rational_str(sp[3])]})
    probe = ([pts[0] - 1] if pts else [Fraction(-1)]) + pts + ([pts[-1] + 1] if pts else [Fraction(1)])
    return {"pieces": len(s.pieces), "affine_pieces": len(s.affine_pieces()), "refinement_points": pts,
            "probe": probe, "mismatches": bad}


def differing_point(net: Network, spec: PLSpec, res: dict) -> str:
    """A point where ``net`` and ``spec`` differ (a counterexample), from :func:`compare_with_spec`."""
    cands = list(res["probe"])
    for m in res["mismatches"]:
        lo, hi = (None if v is None else Fraction(v) for v in m["interval"])
        mid = (hi - 1 if lo is None else (lo + 1 if hi is None else (lo + hi) / 2)) if (lo, hi) != (None, None) else Fraction(0)
        cands += [mid, mid + Fraction(1, 3)]
    return rational_str(next(x for x in cands if net.evaluate([x])[0] != spec(x)))
