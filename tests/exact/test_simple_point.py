"""The interior point a region of the polygon and clipping paths shows (``exact.clipping._simple_point``):
its record's vertex average ``N / L`` rounded to the grid Z^d / q, q the least power of two with
``2 q v > L |r|_1`` for every facet ``r . x + o > 0`` and side of the box (``v / L`` the value at
the average).  Boundary cases: the bound met with equality (not enough), a thin region (a large q,
and the next coarser grid leaves it: the negative control), no facet at all, far sides, and a
record whose average is not strictly inside (refused).  Every enumeration of
``test_clipping_small.py`` compares the points with a reference in Fractions."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import exact.clipping as clipping
from exact.clipping import _box_ints, _simple_point, _strictly_inside
from exact.network import Network
from exact.regions import configuration_at, enumerate_regions


def _key(j, bit, row, off):
    """A neuron facet as the records hold it: (layer, neuron, bit, row, offset, denominator);
    bit 1 is ``row . x + off > 0``, bit 0 ``row . x + off < 0``."""
    return (0, j, bit, tuple(row), off, 1)


def _geo(d, lo, hi, artificial=False):
    return (d, artificial, (lo,) * d, (hi,) * d)


def _point(P, q):
    return tuple(F(x, q) for x in P)


def test_a_wide_region_goes_to_the_integer_grid():
    # x + y > 1 at (2/3, 8/3): value 7/3 > |r|_1 / 2 = 1, so q = 1: the point (1, 3)
    P, q = _simple_point((_key(0, 1, (1, 1), -1), 3), ([2, 8], 3), _geo(2, -5, 5))
    assert _point(P, q) == (1, 3)
    assert q == 1


def test_the_bound_met_with_equality_is_not_enough():
    # x > 0 at 1/4 (N = 1, L = 4): L |r|_1 / (2 v) = 2 exactly, so q = 2 (moves of up to 1/4) is not
    # enough; q must be > 2: the least power of two is 4, and the point stays 1/4
    P, q = _simple_point((_key(0, 1, (1,), 0),), ([1], 4), _geo(1, -8, 8))
    assert (q, _point(P, q)) == (4, (F(1, 4),))
    # the mirror image, x < 0 at -1/4: the same q; negative control: on the grid of 2 the rounding
    # (half up) goes to 0, onto the facet
    P, q = _simple_point((_key(0, 0, (1,), 0),), ([-1], 4), _geo(1, -8, 8))
    assert (q, _point(P, q)) == (4, (F(-1, 4),))
    assert (2 * -1 * 2 + 4) // (2 * 4) == 0
    # a little further in: L |r|_1 / (2 v) = 4000 / 2002 < 2, so q = 2 and the point 1/2
    P, q = _simple_point((_key(0, 1, (1,), 0),), ([1001], 4000), _geo(1, -8, 8))
    assert (q, _point(P, q)) == (2, (F(1, 2),))


def test_the_box_sides_bound_the_grid_too():
    # no facet but the box (0, 1): at 1/3 the nearest side is 1/3 away, so q > 3/2: q = 2, 1/2
    P, q = _simple_point((0, 1), ([1], 3), _geo(1, 0, 1))
    assert (q, _point(P, q)) == (2, (F(1, 2),))
    # the same point in the box (-8, 8): nothing binds, the integer 0
    P, q = _simple_point((), ([1], 3), _geo(1, -8, 8))
    assert (q, _point(P, q)) == (1, (F(0),))


def test_a_thin_region_needs_a_fine_grid_and_the_next_coarser_one_leaves_it():
    # 0 < x - y < 1/1000 (bits: x - y > 0, and x - y - 1/1000 < 0 scaled by 1000) at its average
    facets = (_key(0, 1, (1, -1), 0), _key(1, 0, (1000, -1000), -1))
    N, L = [2001, 1999], 4000  # (0.50025, 0.49975): x - y = 1/2000, in the middle
    P, q = _simple_point(facets, (N, L), _geo(2, -2, 2))
    x, y = _point(P, q)
    assert q == 2048 and 0 < x - y < F(1, 1000)
    # negative control: the same rounding on the grid of 1024 lands on the facet x = y
    coarse = [(2 * n * 1024 + L) // (2 * L) for n in N]
    assert coarse[0] == coarse[1]


def test_a_region_with_no_facet_on_all_of_r_d():
    R = 10 ** 6  # the artificial box's sides are far: the point goes to the integers
    P, q = _simple_point((), ([7, -5], 3), _geo(2, -R, R, artificial=True))
    assert (q, _point(P, q)) == (1, (F(2), F(-2)))


@pytest.mark.parametrize("cen, where", [(([0, 5], 1), "a facet"), (([-1, 5], 1), "a facet"),
                                        (([1, 0], 1), "a facet"),  # bit 0: x + y < 0 fails at (1, 0)
                                        (([1, 8], 1), "the box"), (([1, -8], 1), "the box"),
                                        (([-17, 1], 2), "the box")])
def test_an_average_not_strictly_inside_is_refused(cen, where):
    # on the facet x = 0, beyond it, on the wrong side of a bit-0 facet, on the box's sides y = 8,
    # y = -8 and beyond x = -8
    facets = () if where == "the box" else (_key(0, 1, (1, 0), 0),) if cen[0][0] <= 0 else (_key(0, 0, (1, 1), 0),)
    with pytest.raises(AssertionError, match=f"interior point is not strictly inside {where}$"):
        _simple_point(facets, cen, _geo(2, -8, 8))


def test_a_rounded_point_that_fails_its_check_is_refused(monkeypatch):
    monkeypatch.setattr(clipping, "_strictly_inside", lambda *a: False)
    with pytest.raises(AssertionError, match="rounded interior point is not strictly inside it$"):
        _simple_point((), ([1], 3), _geo(1, -8, 8))


def test_strictly_inside_at_the_boundaries():
    box = _box_ints((F(-1), F(0)), (F(3, 2), F(2)))  # (-1, 3/2) x (0, 2)
    up, down = ((1, 1), -2, 1), ((1, -1), 0, 0)      # x + y - 2 > 0, x - y < 0
    inside = ([1, 3], 2)                             # (1/2, 3/2): x + y = 2 ... on the first facet
    assert not _strictly_inside(*inside, [up], box)
    assert _strictly_inside(*inside, [down], box) and _strictly_inside(*inside, [], box)
    assert _strictly_inside([5, 7], 4, [up, down], box)         # (5/4, 7/4): 3 > 2, -1/2 < 0
    assert not _strictly_inside([6, 6], 4, [up, down], box)     # (3/2, 3/2): on x - y = 0 and on x = 3/2
    assert not _strictly_inside([5, 5], 4, [up, down], box)     # (5/4, 5/4): on x - y = 0 only
    assert _strictly_inside([5, 5], 4, [up], box)
    # each side of the box, reached and just inside (no facet)
    for P, q, ok in (([-1, 1], 1, False), ([-3, 1], 4, True), ([3, 1], 2, False), ([5, 1], 4, True),
                     ([0, 0], 1, False), ([0, 1], 8, True), ([0, 2], 1, False), ([0, 15], 8, True),
                     ([-5, 1], 4, False), ([7, 1], 4, False), ([0, -1], 8, False), ([0, 17], 8, False)):
        assert _strictly_inside(P, q, [], box) is ok, (P, q)
    # sides with denominators: (-3/2, 5/3)
    box = _box_ints((F(-3, 2),), (F(5, 3),))
    for P, q, ok in (([-3], 2, False), ([-2], 1, False), ([-1], 1, True), ([5], 3, False), ([4], 3, True)):
        assert _strictly_inside(P, q, [], box) is ok, (P, q)


def test_bit_zero_facets_and_far_from_the_origin():
    # x + y < -100 (bit 0) at (-60, -60): value 20 against |r|_1 = 2: q = 1 is enough, the point stays
    P, q = _simple_point((_key(0, 0, (1, 1), 100),), ([-60, -60], 1), _geo(2, -1000, 1000))
    assert (q, _point(P, q)) == (1, (-60, -60))
    # the same side at (-50.3, -50.3) (value 0.6 = 6/10): q > 2 / 1.2, so q = 2 and (-50.5, -50.5)
    P, q = _simple_point((_key(0, 0, (1, 1), 100),), ([-503, -503], 10), _geo(2, -1000, 1000))
    assert (q, _point(P, q)) == (2, (F(-101, 2), F(-101, 2)))


def test_the_points_of_an_enumeration_in_r6_are_short_and_inside():
    # a network of R^6 whose vertex averages have hundreds of digits
    weight = [[1, -2, 3, 0, 1, -1], [2, 1, -1, 1, 0, 3], [-1, 1, 1, -2, 1, 1], [1, 1, 1, 1, 1, 1],
              [3, -1, 0, 2, -2, 1], [0, 2, -3, 1, 1, -1], [1, 0, 2, -1, 3, 1]]
    bias = [1, -2, 3, "1/2", -1, "2/3", 0]
    net = Network.from_layers({"weight": weight, "bias": bias, "activation": "relu"}, {"weight": [[1] * 7]})
    e = enumerate_regions(net, method="clip")
    assert len(e.regions) > 50
    for r in e.regions:
        assert all(c.holds(r.point) for c in r.constraints)
        assert configuration_at(net, r.point) == r.pattern
        assert max(x.denominator for x in r.point) & (max(x.denominator for x in r.point) - 1) == 0  # a power of two
    assert sum(len(str(x)) for r in e.regions for x in r.point) < 40 * len(e.regions)
