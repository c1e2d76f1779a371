"""The 2-D polygon path in integers (exact.clipping.polygon_enumerate, the d = 2 default) against
the polygon path in Fractions (exact.regions._enumerate_2d, kept as the reference): the same
regions in the same order, the same interior points (the reference's vertex averages rounded as
the regions show them, tests/rounded_points.py), the same constraints in the same (edge) order and
the same maps, compared as JSON, on random and degenerate networks, boxes and R^2.
"""

import json
import random
from fractions import Fraction as F

import pytest

import exact.clipping as clipping
from exact.network import Network
from exact.regions import _enumerate_2d, configuration_at, enumerate_regions, parse_box
from proofs.claims.p003 import random_network
from rounded_points import shown

BOXES = [None, (-1, 1), (F(-3, 2), F(5, 3)), [(0, 2), (-1, F(1, 3))]]


def _degenerate(k):
    """Small integer weights in {-1, 0, 1}: concurrent, parallel, repeated and zero rows, neurons
    constant on a region; some second layers hard thresholds."""
    rng = random.Random(k)
    w1 = [[rng.randint(-1, 1), rng.randint(-1, 1)] for _ in range(rng.randint(1, 5))]
    if k % 2:
        w1.append(list(w1[0]))            # a repeated neuron
    if k % 3 == 0:
        w1.append([0, 0])                 # a constant neuron
    b1 = [rng.randint(-1, 1) for _ in w1]
    w2 = [[rng.randint(-1, 1) for _ in w1] for _ in range(rng.randint(1, 4))]
    b2 = [rng.randint(-1, 1) for _ in w2]
    l2 = {"weight": w2, "bias": b2, "activation": "relu"}
    if k % 5 == 2:
        l2.update(activation="hard_threshold", threshold=F(rng.randint(-2, 2), 2))
    return Network.from_layers({"weight": w1, "bias": b1, "activation": "relu"}, l2,
                               {"weight": [[1] * len(w2), [0] * len(w2)]})


def _json(e):
    return json.dumps(e.to_json())


def _equal_to_reference(net, box):
    e = enumerate_regions(net, box)
    ref = shown(_enumerate_2d(net, parse_box(box, 2)))
    assert e.method == ref.method == "polygon2d"
    assert _json(e) == _json(ref)
    assert e.regions == ref.regions
    return e


@pytest.mark.parametrize("box", BOXES)
@pytest.mark.parametrize("widths", [[2, 3, 1], [2, 5, 4, 1], [2, 6, 6, 2], [2, 4, 4, 4, 1]])
def test_random_networks_equal_the_fraction_polygon_path(widths, box):
    for seed in range(3):
        _equal_to_reference(random_network(widths, seed, den=4, span=8), box)


@pytest.mark.parametrize("box", BOXES)
def test_degenerate_networks_equal_the_fraction_polygon_path(box):
    for k in range(25):
        e = _equal_to_reference(_degenerate(k), box)
        for r in e.regions[:5]:
            assert configuration_at(e.network, r.point) == r.pattern


def test_weights_beyond_int64_take_python_integers():
    """Weights 2^40: the sign tests' int64 guard fails and Python integers decide; same output."""
    big = 2 ** 40
    net = Network.from_layers({"weight": [[big, 1], [1, -big], [big, big]], "bias": [0, 1, -big], "activation": "relu"},
                              {"weight": [[big, -big, 1], [1, big, big]], "bias": [1, -big], "activation": "relu"},
                              {"weight": [[1, 1]]})
    A = [[big * big, big], [1, big * big]]
    assert 3 * max(map(abs, [x for r in A for x in r])) * big >= 2 ** 63
    assert clipping._fixed_2d(A, [0, big ** 4], [(big, big, 1), (-big, big, 1), (0, -big, 1)], clipping.Activation.RELU) == (
        None, 1)
    for box in (None, (-1, 1)):
        _equal_to_reference(net, box)


def test_fixed_2d_rules():
    relu, ht = clipping.Activation.RELU, clipping.Activation.HARD_THRESHOLD
    tri = [(0, 0, 1), (2, 0, 1), (0, 2, 1)]
    # x > 0 on the triangle's interior (a vertex on the line): 1; -x: 0; x - 1: both signs
    assert clipping._fixed_2d([[1, 0], [-1, 0], [1, 0]], [0, 0, -1], tri, relu) == (1, 0, None)
    # constant rows: ReLU active iff the constant is > 0, a threshold iff >= its level (offset >= 0)
    assert clipping._fixed_2d([[0, 0], [0, 0], [0, 0]], [0, 1, -1], tri, relu) == (0, 1, 0)
    assert clipping._fixed_2d([[0, 0], [0, 0], [0, 0]], [0, 1, -1], tri, ht) == (1, 1, 0)


def test_last_layer_products_in_python_equal_numpy():
    """_pre with at most 4 outputs (Python over the non-zero rows) and with more (int64)."""
    net = random_network([2, 6, 5], 3, den=4, span=8)
    lay = clipping._layer_int(net.layers[1])
    M, m, D = [[1, 2], [0, 0], [3, -1], [0, 0], [2, 2], [1, 0]], [1, 0, 2, 0, 0, 5], 3
    small = (lay[0][:4], lay[1][:4]) + lay[2:5] + (None, lay[6])
    A, e, off, den = clipping._pre(lay, M, m, D)
    A4, e4, off4, den4 = clipping._pre(small, M, m, D)
    # the same rationals (the reductions may differ by the rows included)
    assert [[F(x, den) for x in r] for r in A[:4]] == [[F(x, den4) for x in r] for r in A4]
    assert [F(x, den) for x in e[:4]] == [F(x, den4) for x in e4]
    zero = clipping._pre(small, [[0, 0]] * 6, [0] * 6, 1)
    assert zero[0] == [[0, 0]] * 4


def test_negative_control_a_wrong_edge_order_is_seen():
    """A variant that lists the edges rotated by one (the same facets in another order) must differ
    from the reference in JSON: the comparison sees the order, not only the sets."""
    net = random_network([2, 4, 4, 1], 0, den=4, span=8)
    ref = _json(shown(_enumerate_2d(net, None)))
    real = clipping._pcut

    def rotated(vs, es, s, new):
        ov, oe = real(vs, es, s, new)
        return ov[1:] + ov[:1], oe[1:] + oe[:1]

    clipping._pcut = rotated
    try:
        bad = _json(enumerate_regions(net))
    finally:
        clipping._pcut = real
    assert bad != ref
    assert _json(enumerate_regions(net)) == ref


def test_negative_control_a_wrong_crossing_is_seen(monkeypatch):
    """A variant whose new vertices are the edges' midpoints (not the crossings) must differ."""
    net = random_network([2, 4, 4, 1], 1, den=4, span=8)
    ref = _json(shown(_enumerate_2d(net, None)))

    def midpoint(p, q, sp, sq):
        return (p[0] * q[2] + q[0] * p[2], p[1] * q[2] + q[1] * p[2], 2 * p[2] * q[2])

    monkeypatch.setattr(clipping, "_pcross", midpoint)
    try:
        bad = _json(enumerate_regions(net))
    except AssertionError:  # (or the centroid check refuses it)
        bad = None
    assert bad != ref


def test_rational_texts_from_integers_and_the_two_input_rule():
    """_q writes n / d (d > 0) as rational_str does: reduced, integers without '/', signs on n;
    polygon_enumerate refuses a network that does not have two inputs."""
    from exact.scalar import rational_str

    for n, d in ((2, 4), (-6, 4), (0, 5), (6, 3), (-7, 1), (10 ** 30, 4 * 10 ** 20), (3, 9), (4, 6)):
        assert clipping._q(n, d) == rational_str(F(n, d)), (n, d)
    net3 = Network.from_layers({"weight": [[1, 0, 0]], "activation": "relu"}, {"weight": [[1]]})
    with pytest.raises(ValueError, match=r"^polygon_enumerate needs two inputs$"):
        clipping.polygon_enumerate(net3, None)


def test_fixed_2d_int64_guard_counts_the_weights_and_stops_below_2_to_the_63():
    """3 * amax * vmax >= 2^63 takes Python integers: here 3 * 2^32 * 2^30 = 1.5 * 2^63 and the
    true values 2^63 and 2^62 (both positive) would wrap around in int64 (the bound must read the
    weights, not only the offsets); just below the bound int64 decides."""
    relu = clipping.Activation.RELU
    v = 2 ** 30
    verts = [(v, v, v), (v, 0, v), (0, v, v)]
    assert clipping._fixed_2d([(2 ** 32, 2 ** 32)], [0], verts, relu) == (1,)
    assert clipping._fixed_2d([(-2 ** 32, -2 ** 32)], [0], verts, relu) == (0,)
    assert clipping._fixed_2d([(2 ** 32, -2 ** 32)], [1], verts, relu) == (None,)
    small = (2 ** 63 - 1) // (3 * v)  # 3 * amax * vmax < 2^63: int64, and no sum can overflow
    assert clipping._fixed_2d([(small, small)], [small], verts, relu) == (1,)


def test_integer_crossing_proposal_on_regions_that_meet_in_a_point_only():
    """_share_int (the integer proposal of regions._share_facet): x < 1, y > x - 1 and x > 1,
    y < 1 - x (closures meeting in (1, 0) only), interior points (-1, 1) and (2, -2) written with
    denominators 2 and 3: the crossing (1, -1) fails the other rows, so the answer is False
    (undecided); a point computed off the line (-1, 1), (1/2, 0), ... would lie in both regions'
    other rows.  With y > x - 2 instead they share a facet and the crossing is strictly inside
    when the other rows leave room: y > x - 3."""
    bi = clipping._box_ints((F(-10), F(-10)), (F(10), F(10)))
    right = ([(1, (1, 0), -1), (0, (1, 1), -1)], ((6, -6), 3))           # x > 1, x + y < 1
    for rev in (False, True):
        left = ([(0, (1, 0), -1), (1, (-1, 1), 1)], ((-2, 2), 2))        # x < 1, -x + y + 1 > 0
        a, b = (right, left) if rev else (left, right)
        assert not clipping._share_int(a, 0, b, 0, bi)
        # other interior points (-4, 11/2), (7, -8) and (-12, 2), (4/3, -2/3): the same answer
        for p1, p2 in ((((-8, 11), 2), ((7, -8), 1)), (((-12, 2), 1), ((4, -2), 3))):
            a, b = (left[0], p1), (right[0], p2)
            assert not clipping._share_int(*((b, 0, a, 0) if rev else (a, 0, b, 0)), bi)
        wide = ([(0, (1, 0), -1), (1, (-1, 1), 3)], ((-2, 2), 2))       # y > x - 3
        a, b = (right, wide) if rev else (wide, right)
        assert clipping._share_int(a, 0, b, 0, bi)


def test_strict_on_the_box_sides_and_rows():
    """_strict: box side 2i + up is x_i > lo_i (up = 0) or x_i < hi_i (up = 1), at (X, w)."""
    bi = clipping._box_ints((F(-1), F(0)), (F(2), F(7, 2)))
    inside, on_lo_x, on_hi_y = ((1, 6), 2), ((-1, 1), 1), ((0, 7), 2)
    assert all(clipping._strict(c, *inside, bi) for c in range(4))
    assert [clipping._strict(c, *on_lo_x, bi) for c in range(4)] == [False, True, True, True]
    assert [clipping._strict(c, *on_hi_y, bi) for c in range(4)] == [True, True, True, False]
    beyond = ((5, -1), 1)  # x = 5 > 2, y = -1 < 0
    assert [clipping._strict(c, *beyond, bi) for c in range(4)] == [True, False, False, True]
    assert clipping._strict((1, (1, 1), -1), (2, 1), 2, bi) and not clipping._strict((0, (1, 1), -1), (2, 1), 2, bi)
    # bounds with denominators: x in (1/2, 5/2), y in (-5/2, -1/3); (1, -1) inside, (1/2, -1/3) on two sides
    bq = clipping._box_ints((F(1, 2), F(-5, 2)), (F(5, 2), F(-1, 3)))
    assert all(clipping._strict(c, (1, -1), 1, bq) for c in range(4))
    assert [clipping._strict(c, (3, -2), 6, bq) for c in range(4)] == [False, True, True, False]
    # on the line x + y = 1 neither side holds strictly
    assert not clipping._strict((1, (1, 1), -1), (1, 0), 1, bi) and not clipping._strict((0, (1, 1), -1), (1, 0), 1, bi)


@pytest.mark.parametrize("seed", [0, 1])
def test_boxes_away_from_the_origin_with_fractional_bounds(seed):
    """x in (1/2, 5/2), y in (-5/2, -1/3): a positive lower and a negative upper bound, both with a
    denominator, where the centroid self-check compares N * d with n * L (a quotient would misjudge)."""
    box = [(F(1, 2), F(5, 2)), (F(-5, 2), F(-1, 3))]
    e = _equal_to_reference(random_network([2, 4, 3, 1], seed, den=4, span=8), box)
    assert all(F(1, 2) < r.point[0] < F(5, 2) and F(-5, 2) < r.point[1] < F(-1, 3) for r in e.regions)
