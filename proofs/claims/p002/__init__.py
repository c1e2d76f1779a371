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

__all__ = ["compare_with_spec", "outputs_obligation"]


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


def outputs_obligation(net: Network, xs, spec: PLSpec) -> dict:
    """Kernel ``network_outputs``: the network's outputs equal the reference at ``xs``.

    Two continuous PL functions with break points among ``xs`` (plus one point beyond each
    end) that agree at these points agree everywhere.
    """
    return {"check": "network_outputs", "network": net.to_json(),
            "cases": [{"input": [rational_str(x)], "output": [rational_str(spec(x))]} for x in xs]}
