"""The interior points the polygon and clipping paths show, computed for the tests in Fractions,
independently of ``exact.clipping._simple_point``: a region's vertex average rounded to the grid
Z^d / q, q the least power of two with ``|a|_1 / (2q) < b - a . p`` for every row ``a . x < b`` of
the region and every side of the box (``(-R, R)^d`` with R = ``vertex_bound`` on R^d)."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction as F

from exact.regions import vertex_bound


def rounded(p, rows, lo, hi):
    """The point ``p``, strictly inside the rows ``(a, b)`` (``a . x < b``) and the open box
    (lo, hi) (per coordinate), rounded to the coarsest dyadic grid the rows' and the sides'
    margins at ``p`` allow."""
    d = len(p)
    sides = [(tuple(F(-int(k == i)) for k in range(d)), -F(lo[i])) for i in range(d)]
    sides += [(tuple(F(int(k == i)) for k in range(d)), F(hi[i])) for i in range(d)]
    need = 1
    for a, b in list(rows) + sides:
        slack = b - sum(x * y for x, y in zip(a, p))
        assert slack > 0
        need = max(need, math.floor(sum(abs(x) for x in a) / (2 * slack)) + 1)
    q = 1
    while q < need:
        q *= 2
    return tuple(F(math.floor(x * q + F(1, 2)), q) for x in p)


def box_sides(e):
    """(lo, hi) of an enumeration's box, or of (-R, R)^d on R^d."""
    d = e.network.in_dim
    if e.box is not None:
        return [b[0] for b in e.box], [b[1] for b in e.box]
    R = vertex_bound(e.network)
    return [-R] * d, [R] * d


def shown(e):
    """``e`` (an enumeration whose points are vertex averages) with each region's point rounded
    as the polygon and clipping paths show it (``e.regions`` replaced in place; ``e`` returned)."""
    lo, hi = box_sides(e)
    e.regions[:] = [dataclasses.replace(r, point=rounded(r.point, [(c.a, c.b) for c in r.constraints], lo, hi))
                    for r in e.regions]
    return e
