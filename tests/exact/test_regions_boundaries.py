"""Boundary cases of exact.regions, each with an answer worked out by hand (fast: no large
enumeration).  Domains: R^d, half-open slabs, boxes with rational ends; degenerate networks:
dead and constant neurons, points on hyperplanes, parallel and repeated rows, d = 1."""

from fractions import Fraction as F

import pytest

from exact.errors import InvalidArgument, ShapeError
from exact.network import Network
from exact.regions import (Constraint, Region, affine_map_of_pattern, configuration_at, enumerate_regions,
                           facet_adjacency, parse_box, pattern_system, polygon_area, polygon_vertices,
                           recession_directions, vertex_bound)


def _net(*layers):
    return Network.from_layers(*layers)


QUAD = _net({"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"}, {"weight": [[1, 1]]})
RELU1 = _net({"weight": [[1]], "bias": [0], "activation": "relu"}, {"weight": [[1]]})


# -- vertex_bound: d! (Q A)^(d-1) Q V + Q V, floored, plus 1 --------------------------------------

def test_vertex_bound_by_hand():
    # A = 2 then 4, V = 1 then 2, Q = 1, d = 2: 2 * 4 * 2 + 2 = 18, so 19
    net = _net({"weight": [[1, 0], [0, 1], [1, 1]], "bias": [0, 0, -1], "activation": "relu"}, {"weight": [[1, 1, 0]]})
    assert vertex_bound(net) == 19
    # denominators 2 and 3 (Q = 6), A = 3/2 then 3, V = 3 then 19/3, d = 3: 6 * 18^2 * 38 + 38 + 1
    net = _net({"weight": [["1/2", 0, 1]], "bias": [3], "activation": "relu"}, {"weight": [[2]], "bias": ["1/3"]})
    assert vertex_bound(net) == 6 * 18 ** 2 * 38 + 38 + 1 == 73911
    # a threshold 1/2 (its denominator counts in Q = 2); after a hard-threshold layer A = 0 and V = 1
    ht = _net({"weight": [[1, 2]], "bias": [1], "activation": "hard_threshold", "threshold": "1/2"},
              {"weight": [[3]], "bias": [1]})
    assert vertex_bound(ht) == 2 * 3 * 2 * 4 * 2 + 4 * 2 + 1 == 105
    # d = 1, one neuron x - 7/2: V Q = 7 twice, so 15
    assert vertex_bound(_net({"weight": [[1]], "bias": ["-7/2"], "activation": "relu"}, {"weight": [[1]]})) == 15


# -- parse_box and the domains of the general path -------------------------------------------------

def test_parse_box_shapes_and_errors():
    assert parse_box(None, 3) is None
    assert parse_box(("-1", "1/2"), 2) == ((-1, F(1, 2)), (-1, F(1, 2)))
    assert parse_box([(None, 1), (0, None)], 2) == ((None, 1), (0, None))
    assert parse_box([[0, 1]], 1) == ((0, 1),)
    assert all(type(v) is F for p in parse_box([("1/3", 2)], 1) for v in p)
    with pytest.raises(ShapeError, match=r"^box must be \(lo, hi\) or 2 pairs \(lo_i, hi_i\)$"):
        parse_box([(0, 1)], 2)
    with pytest.raises(ShapeError):
        parse_box([(0, 1, 2), (0, 1, 2)], 2)
    with pytest.raises(ShapeError):
        parse_box([(0, 1), (0,)], 2)
    with pytest.raises(InvalidArgument, match=r"^empty box: lo=1 is not below hi=1$"):
        parse_box([(0, 1), (1, 1)], 2)
    with pytest.raises(InvalidArgument, match=r"^empty box: lo=2 is not below hi=1$"):
        parse_box((2, 1), 1)
    assert parse_box([(None, None)], 1) == ((None, None),)


FAR = _net({"weight": [[1, 1]], "bias": [-100], "activation": "relu"}, {"weight": [[1]]})


@pytest.mark.parametrize("box,start", [
    ([(None, -2), (0, None)], (-3, 1)),        # hi - 1, lo + 1
    ([(4, None), (None, 6)], (5, 5)),
    ([(None, None), (None, None)], (0, 0)),
    ([(-1, 3), (1, 2)], (1, F(3, 2))),          # the midpoint
    (None, (0, 0)),
])
def test_the_general_path_starts_inside_the_domain(box, start):
    """The region of x + y < 100 containing the start point keeps it as its interior point."""
    e = enumerate_regions(FAR, box, method="general")
    r = next(r for r in e.regions if r.pattern == ((0,), ()))
    assert r.point == start and r.contains(start)
    assert e.method == "general" and e.irredundant and e.lp_calls > 0
    labels = sorted(c.label for c in r.constraints)
    if box == [(-1, 3), (1, 2)]:  # the line misses the box: only the box's sides remain
        assert len(e.regions) == 1 and labels == [("box", 0, "hi"), ("box", 0, "lo"), ("box", 1, "hi"), ("box", 1, "lo")]
    elif box is None or box[0] == (None, None):
        assert labels == [("neuron", 0, 0, 0)]


def test_half_open_boxes_write_only_finite_sides():
    e = enumerate_regions(FAR, [(None, -2), (0, None)], method="general", irredundant=False)
    for r in e.regions:
        box = [(c.a, c.b) for c in r.constraints if c.label[0] == "box"]
        assert box == [((1, 0), -2), ((0, -1), 0)]
    rows, _, _ = pattern_system(FAR, [[0]], [(4, None), (None, 6)])
    assert [(c.a, c.b, c.label) for c in rows[:2]] == [((-1, 0), -4, ("box", 0, "lo")), ((0, 1), 6, ("box", 1, "hi"))]


def test_enumerate_regions_refuses_wrong_arguments_by_name():
    with pytest.raises(InvalidArgument, match="needs an exact.network.Network"):
        enumerate_regions("net")
    with pytest.raises(InvalidArgument, match=r"^unknown method 'fast'; expected auto, general, sweep, polygon or clip$"):
        enumerate_regions(QUAD, method="fast")
    with pytest.raises(InvalidArgument, match="^the sweep needs a network with one input$"):
        enumerate_regions(QUAD, method="sweep")
    with pytest.raises(InvalidArgument, match="^the polygon path needs"):
        enumerate_regions(RELU1, method="polygon")
    with pytest.raises(InvalidArgument, match="^the polygon path needs"):
        enumerate_regions(QUAD, [(None, 1), (0, 1)], method="polygon")
    with pytest.raises(InvalidArgument, match="^the clipping path needs a bounded box or all of R"):
        enumerate_regions(QUAD, [(None, 1), (0, 1)], method="clip")
    with pytest.raises(InvalidArgument, match="clipping path"):
        enumerate_regions(QUAD, executor=object())
    with pytest.raises(InvalidArgument, match="clipping path"):
        enumerate_regions(QUAD, method="general", executor=object())


def test_methods_chosen_automatically():
    net3 = _net({"weight": [[1, 0, 0], [0, 1, 1]], "bias": [0, 0], "activation": "relu"}, {"weight": [[1, 1]]})
    assert enumerate_regions(RELU1).method == "sweep1d"
    assert enumerate_regions(RELU1, record_empty=True).method == "general"
    assert enumerate_regions(QUAD).method == "polygon2d"
    assert enumerate_regions(QUAD, [(None, 1), (0, 1)]).method == "general"   # a slab: not bounded
    assert enumerate_regions(QUAD, record_empty=True).method == "general"
    assert enumerate_regions(net3).method == "clip"
    assert enumerate_regions(net3, [(None, 1), (0, 1), (0, 1)]).method == "general"
    assert enumerate_regions(net3, record_empty=True).method == "general"
    assert enumerate_regions(RELU1, method="clip").method == "clip"
    assert enumerate_regions(QUAD, method="general").counts() == enumerate_regions(QUAD).counts() == {
        "activation_regions": 4, "affine_pieces": 4}


# -- points on hyperplanes, dead and constant neurons, recorded empty prefixes ---------------------

def test_start_point_on_both_hyperplanes_and_progress():
    calls = []
    e = enumerate_regions(QUAD, method="general", progress=lambda *a: calls.append(a))
    assert sorted(r.pattern for r in e.regions) == [((0, 0), ()), ((0, 1), ()), ((1, 0), ()), ((1, 1), ())]
    assert calls == [(0, 1, 1), (2, 1, 4), (2, 2, 4), (2, 3, 4), (2, 4, 4)]
    for r in e.regions:
        assert len(r.constraints) == 2 and configuration_at(QUAD, r.point) == r.pattern
    calls = []
    enumerate_regions(QUAD, method="general", irredundant=False, progress=lambda *a: calls.append(a))
    assert calls == [(0, 1, 1)]


def test_record_empty_lists_every_side_proved_empty():
    dead = _net({"weight": [[1, 0], [0, 0]], "bias": [0, 1], "activation": "relu"}, {"weight": [[1, 1]]})
    e = enumerate_regions(dead, record_empty=True)
    assert [r.pattern for r in e.regions] == [((1, 1), ()), ((0, 1), ())]
    assert e.empty_prefixes == [((1, 0),), ((0, 0),)]  # the constant neuron's other side, once per piece
    assert enumerate_regions(dead, method="general").empty_prefixes == []
    # x > 1 and x < 0 (one input): the empty side of the second neuron on the piece x < 0 ...
    two = _net({"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"}, {"weight": [[1, 1]]})
    e = enumerate_regions(two, record_empty=True)
    assert sorted(r.pattern for r in e.regions) == [((0, 0), ()), ((1, 0), ()), ((1, 1), ())]
    assert sorted(e.empty_prefixes) == [((0, 1),)]
    # start point on the hyperplane with one side empty in the box [0, 1]: x > 0 only
    e = enumerate_regions(RELU1, [(0, 1)], record_empty=True)
    assert [r.pattern for r in e.regions] == [((1,), ())] and e.empty_prefixes == [((0,),)]


def test_constant_neurons_in_the_general_path_and_the_pattern_system():
    net = _net({"weight": [[0, 0], [0, 0], [1, 0]], "bias": [0, 1, 0], "activation": "relu"}, {"weight": [[1, 1, 1]]})
    e = enumerate_regions(net, method="general")
    assert sorted(r.pattern for r in e.regions) == [((0, 1, 0), ()), ((0, 1, 1), ())]
    rows, M, c = pattern_system(net, [[0, 1, 1]])
    assert [r.label for r in rows] == [("neuron", 0, 2, 1)]
    assert M == ((0, 0), (0, 0), (1, 0)) and c == (0, 1, 0)
    rows, _, _ = pattern_system(net, [[1, 0, 1]])   # both constant bits contradicted: 0.x < b with b <= 0
    assert [(c.a, c.b, c.label) for c in rows[:2]] == [((0, 0), 0, ("neuron", 0, 0, 1)), ((0, 0), -1, ("neuron", 0, 1, 0))]
    assert not any(c.holds((0, 0)) for c in rows[:2])
    ht = _net({"weight": [[0]], "bias": ["1/2"], "activation": "hard_threshold", "threshold": "1/2"}, {"weight": [[1]]})
    assert pattern_system(ht, [[1]])[0] == [] and len(pattern_system(ht, [[0]])[0]) == 1
    assert enumerate_regions(ht, method="general").regions[0].pattern == ((1,), ())


def test_pattern_system_prefixes_and_errors():
    net = _net({"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"},
               {"weight": [[1, 1]], "activation": "identity"}, {"weight": [[2]], "bias": [1], "activation": "relu"})
    rows, M, c = pattern_system(net, [[1]])  # a prefix: the map is the input's
    assert [r.label for r in rows] == [("neuron", 0, 0, 1)] and M == ((1, 0), (0, 1)) and c == (0, 0)
    rows, M, c = pattern_system(net, [[1, 1], [], [1]], ("-1", "1"))
    assert len(rows) == 4 + 3 and M == ((2, 2),) and c == (1,)
    assert rows[-1].a == (-2, -2) and rows[-1].b == 1
    assert affine_map_of_pattern(net, ((1, 0), (), (1,))) == (((2, 0),), (1,))
    with pytest.raises(ShapeError, match="more layers"):
        pattern_system(net, [[1, 1], [], [1], []])
    with pytest.raises(ShapeError, match="^layer 1 is an identity layer: its pattern must be empty$"):
        pattern_system(net, [[1, 1], [1]])
    with pytest.raises(ShapeError, match="^layer 0 has 2 neurons, the pattern gives 3 bits$"):
        pattern_system(net, [[1, 1, 1]])
    assert pattern_system(net, [[True, False]])[0][0].label == ("neuron", 0, 0, 1)


def test_configuration_at_on_hyperplanes_and_thresholds():
    net = _net({"weight": [[1], [-1]], "bias": [0, 0], "activation": "relu"},
               {"weight": [[1, 1]], "activation": "identity"},
               {"weight": [[1]], "bias": [0], "activation": "hard_threshold", "threshold": "1/2"})
    assert configuration_at(net, [0]) == ((0, 0), (), (0,))
    assert configuration_at(net, ["1/2"]) == ((1, 0), (), (1,))    # exactly the threshold: active
    assert configuration_at(net, ["-1/3"]) == ((0, 1), (), (0,))
    assert configuration_at(net, [F(-1, 2)]) == ((0, 1), (), (1,))


# -- regions, constraints and their JSON -----------------------------------------------------------

def test_constraint_region_and_enumeration_json():
    c = Constraint((F(1, 2), F(0)), F(-1, 3), ("neuron", 0, 1, 0))
    assert c.holds((F(-1), 5)) and not c.holds((F(-2, 3), 0)) and c.holds((F(-2, 3), 0), strict=False)
    assert not c.holds((0, 0), strict=False)
    assert c.to_json() == {"a": ["1/2", "0"], "b": "-1/3", "label": ["neuron", 0, 1, 0]}
    r = Region(((1,), ()), (F(1),), (Constraint((F(-1),), F(0), ("breakpoint", "0")),), ((F(2),),), (F(-1, 2),))
    assert r.A == [(-1,)] and r.b == [0] and r.value(["3/2"]) == (F(5, 2),) and r.contains(["1/9"])
    assert not r.contains([0]) and not r.is_bounded()
    assert r.to_json() == {"pattern": [[1], []], "interior_point": ["1"],
                           "inequalities": [{"a": ["-1"], "b": "0", "label": ["breakpoint", "0"]}],
                           "affine_map": {"linear": [["2"]], "offset": ["-1/2"]}}
    e = enumerate_regions(RELU1, ("-1", "2"))
    doc = e.to_json()
    assert doc["domain"] == {"box": [["-1", "2"]]} and doc["input_dim"] == 1 and doc["method"] == "sweep1d"
    assert doc["irredundant"] is True and doc["counts"] == {"activation_regions": 2, "affine_pieces": 2}
    assert [r["affine_piece"] for r in doc["regions"]] == [0, 1]
    assert doc["points"] == [{"x": "0", "pattern": [[0], []], "value": ["0"]}]
    assert [[c["label"] for c in r["inequalities"]] for r in doc["regions"]] == [
        [["box", 0, "lo"], ["breakpoint", "0"]], [["breakpoint", "0"], ["box", 0, "hi"]]]
    assert doc["convention"].startswith("active iff pre-activation > 0 (ReLU) or >= threshold")
    doc = enumerate_regions(QUAD).to_json()
    assert doc["domain"] == "R^2" and "points" not in doc
    assert enumerate_regions(RELU1).to_json()["domain"] == "R^1"


def test_sweep_regions_on_rational_box_ends():
    e = enumerate_regions(_net({"weight": [[1]], "bias": ["-1/2"], "activation": "relu"}, {"weight": [[1]]}),
                          [("-1/3", "1/2")])
    (r,) = e.regions  # the breakpoint 1/2 is the box's end: one region, both sides are the box's
    assert [c.label for c in r.constraints] == [("box", 0, "lo"), ("box", 0, "hi")]
    assert [(c.a, c.b) for c in r.constraints] == [((-1,), F(1, 3)), ((1,), F(1, 2))] and r.point == (F(1, 12),)
    e = enumerate_regions(RELU1)
    assert [[c.label for c in r.constraints] for r in e.regions] == [[("breakpoint", "0")], [("breakpoint", "0")]]


# -- recession directions -------------------------------------------------------------------------

def test_recession_directions_in_low_dimensions():
    left = Region(((0,),), (F(-1),), (Constraint((F(1),), F(0), ()),), ((F(0),),), (F(0),))
    right = Region(((1,),), (F(1),), (Constraint((F(-1),), F(0), ()),), ((F(0),),), (F(0),))
    seg = Region(((1,),), (F(1),), (Constraint((F(-1),), F(0), ()), Constraint((F(1),), F(2), ())), ((F(0),),), (F(0),))
    assert recession_directions(left) == [(-1,)] and recession_directions(right) == [(1,)]
    assert recession_directions(seg) == [] and seg.is_bounded()
    free = Region(((),), (F(0), F(0)), (), ((F(0), F(0)),), (F(0),))
    assert recession_directions(free) == [(1, 0)]
    strip = Region(((),), (F(0), F(0)), (Constraint((F(1), F(0)), F(1), ()), Constraint((F(-1), F(0)), F(1), ())),
                   ((F(0), F(0)),), (F(0),))
    assert recession_directions(strip) == [(0, 1)]    # a lineality direction
    # a pointed cone x > 0, y > x: its rays (0, 1) and (1, 1); the first candidate found is returned
    cone = Region(((),), (F(1), F(2)), (Constraint((F(-1), F(0)), F(0), ()), Constraint((F(1), F(-1)), F(0), ())),
                  ((F(0), F(0)),), (F(0),))
    (r,) = recession_directions(cone)
    assert -r[0] <= 0 and r[0] - r[1] <= 0 and any(r)
    # a triangle: bounded although every pair of rows has a nullspace direction
    tri = Region(((),), (F(1, 3), F(1, 3)), (Constraint((F(-1), F(0)), F(0), ()), Constraint((F(0), F(-1)), F(0), ()),
                                             Constraint((F(1), F(1)), F(1), ())), ((F(0), F(0)),), (F(0),))
    assert recession_directions(tri) == [] and tri.is_bounded()
    # a repeated row (rank d - 1 = 1 for the pair of copies, rank < d - 1 never occurs in 2-D): the wedge's rays
    wedge = Region(((),), (F(1), F(2)), (Constraint((F(-1), F(0)), F(0), ()), Constraint((F(-2), F(0)), F(0), ()),
                                         Constraint((F(1), F(-1)), F(0), ())), ((F(0), F(0)),), (F(0),))
    assert recession_directions(wedge)
    box3 = Region(((),), (F(0),) * 3, tuple(Constraint(tuple(F(s * (i == k)) for k in range(3)), F(1), ())
                                           for i in range(3) for s in (1, -1)), ((F(0),) * 3,), (F(0),))
    assert recession_directions(box3) == []
    half3 = Region(((),), (F(0),) * 3, box3.constraints[1:], ((F(0),) * 3,), (F(0),))
    (r,) = recession_directions(half3)
    assert r[0] > 0 and r[1] == r[2] == 0


# -- facet adjacency and affine pieces --------------------------------------------------------------

def test_facets_shared_in_one_dimension_and_merged_pieces():
    two = _net({"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"}, {"weight": [[1, 1]]})
    e = enumerate_regions(two, method="general")
    assert [r.pattern for r in e.regions] == [((1, 1), ()), ((1, 0), ()), ((0, 0), ())]
    assert facet_adjacency(e.regions) == [(1, 1, 0, 0), (2, 0, 1, 0)]
    assert facet_adjacency(e.regions, [0, 2]) == []       # x > 1 and x < 0 share no facet
    assert e.counts() == {"activation_regions": 3, "affine_pieces": 3}
    # relu(x) - relu(-x) + relu(x - 1) - relu(x - 1) = x: three regions, one piece (general path, d = 1)
    ident = _net({"weight": [[1], [-1], [1], [1]], "bias": [0, 0, -1, -1], "activation": "relu"},
                 {"weight": [[1, -1, 1, -1]]})
    e = enumerate_regions(ident, method="general")
    assert e.counts() == {"activation_regions": 3, "affine_pieces": 1} and e.affine_pieces() == [[0, 1, 2]]
    assert e.affine_pieces() is e.affine_pieces()   # computed once


def test_facet_adjacency_needs_a_common_facet_not_a_common_line():
    # |x| + |y| style: four quadrants, the maps of opposite quadrants equal; opposite quadrants touch
    # at the origin only (no common facet), so they do not merge
    net = _net({"weight": [[1, 1], [1, -1]], "bias": [0, 0], "activation": "relu"}, {"weight": [[1, 1]]})
    e = enumerate_regions(net, method="general")
    assert len(e.regions) == 4 and len(facet_adjacency(e.regions)) == 4
    pieces = e.affine_pieces()
    assert len(pieces) == 4 and sorted(len(p) for p in pieces) == [1, 1, 1, 1]
    # two strips on the same line x = 0 but apart in y: same hyperplane, opposite sides, no common facet
    a = Region(((),), (F(-1), F(5)), (Constraint((F(1), F(0)), F(0), ()), Constraint((F(0), F(-1)), F(-4), ())),
               ((F(0), F(0)),), (F(0),))
    b = Region(((),), (F(1), F(-5)), (Constraint((F(-1), F(0)), F(0), ()), Constraint((F(0), F(1)), F(-4), ())),
               ((F(0), F(0)),), (F(0),))
    assert facet_adjacency([a, b]) == []
    c = Region(((),), (F(1), F(5)), (Constraint((F(-2), F(0)), F(0), ()), Constraint((F(0), F(-1)), F(-4), ())),
               ((F(0), F(0)),), (F(0),))
    assert facet_adjacency([a, c]) == [(0, 0, 1, 0)]          # the scaled copy -2x < 0 is the same line
    zero_row = Region(((),), (F(0), F(0)), (Constraint((F(0), F(0)), F(1), ()),), ((F(0), F(0)),), (F(0),))
    assert facet_adjacency([zero_row, zero_row]) == []


# -- 2-D polygons -----------------------------------------------------------------------------------

def test_polygon_vertices_and_area():
    sq = Region(((),), (F(1, 2), F(1, 2)), tuple(Constraint(a, b, ()) for a, b in (
        ((F(-1), F(0)), F(0)), ((F(1), F(0)), F(1)), ((F(0), F(-1)), F(0)), ((F(0), F(1)), F(1)),
        ((F(1), F(1)), F(3)))), ((F(0), F(0)),), (F(0),))
    vs = polygon_vertices(sq)
    assert vs == [(1, 1), (0, 1), (0, 0), (1, 0)] and polygon_area(vs) == 1  # counter-clockwise from angle 0
    assert polygon_area(list(reversed(vs))) == -1 and polygon_area([]) == 0
    tri = Region(((),), (F(1, 3), F(1, 3)), (Constraint((F(-1), F(0)), F(0), ()), Constraint((F(0), F(-1)), F(0), ()),
                                             Constraint((F(1), F(1)), F(1), ())), ((F(0), F(0)),), (F(0),))
    assert polygon_vertices(tri) == [(0, 1), (0, 0), (1, 0)] and polygon_area(polygon_vertices(tri)) == F(1, 2)
    assert polygon_vertices(Region(((),), (F(0), F(0)), (), ((F(0), F(0)),), (F(0),))) == []
    with pytest.raises(InvalidArgument, match="^polygon_vertices needs a 2-D region$"):
        polygon_vertices(Region(((),), (F(0),), (), ((F(0),),), (F(0),)))


def test_polygon_interior_points_by_hand_near_the_true_vertices():
    """Lines x = 10 and y = 0 on R^2: the true vertex (10, 0) gives the box (-12, 12)^2 (R = 2 * 2 * 20
    + 20 + 1 = 101 is larger); each quadrant's part in it has its centroid at x = 11 or -1, y = +-6."""
    net = _net({"weight": [[1, 0], [0, 1]], "bias": [-10, 0], "activation": "relu"}, {"weight": [[1, 1]]})
    assert vertex_bound(net) == 101
    e = enumerate_regions(net)
    assert e.method == "polygon2d"
    assert sorted((r.pattern[0], r.point) for r in e.regions) == [
        ((0, 0), (-1, -6)), ((0, 1), (-1, 6)), ((1, 0), (11, -6)), ((1, 1), (11, 6))]
    # with no bias R = 1: the centroids of the quadrants of (-1, 1)^2
    net = _net({"weight": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"}, {"weight": [[1, 1]]})
    h = F(1, 2)
    assert sorted((r.pattern[0], r.point) for r in enumerate_regions(net).regions) == [
        ((0, 0), (-h, -h)), ((0, 1), (-h, h)), ((1, 0), (h, -h)), ((1, 1), (h, h))]


def _reg(point, *rows):
    d = len(point)
    return Region(((),), tuple(F(v) for v in point), tuple(Constraint(tuple(F(v) for v in a), F(b), ()) for a, b in rows),
                  ((F(0),) * d,), (F(0),))


def test_shared_facets_decided_beyond_the_proposal():
    """The segment between the interior points crosses x = 0 outside the common facet, so the exact
    decision on the facet's relative interior settles it: 0 < y < 1 is common, y > 2 is not."""
    r1 = _reg((-1, "9/10"), ((1, 0), 0), ((0, -1), 0), ((0, 1), 1))           # x < 0, 0 < y < 1
    r2 = _reg((1, 5), ((-1, 0), 0), ((0, -1), 0), ((0, 1), 10))               # x > 0, 0 < y < 10
    r3 = _reg((1, 5), ((-1, 0), 0), ((0, -1), -2), ((0, 1), 10))              # x > 0, 2 < y < 10
    assert facet_adjacency([r1, r2]) == [(0, 0, 1, 0)]
    assert facet_adjacency([r1, r3]) == []
    # the proposal itself: points (-1, 1/2) and (1, 1/2) cross at (0, 1/2), inside both
    assert facet_adjacency([_reg((-1, "1/2"), ((1, 0), 0), ((0, -1), 0), ((0, 1), 1)), r2]) == [(0, 0, 1, 0)]
    # d = 1: x < 0 and 0 < x < 1 share 0; x < 0 and x > 1 (a redundant row x > 0 kept) do not
    assert facet_adjacency([_reg((-1,), ((1,), 0)), _reg(("1/2",), ((-1,), 0), ((1,), 1))]) == [(0, 0, 1, 0)]
    assert facet_adjacency([_reg((-1,), ((1,), 0)), _reg((2,), ((-1,), 0), ((-1,), -1))]) == []
    # the same hyperplane written with b scaled: -2x < 0 against x < 0
    assert facet_adjacency([_reg((-1,), ((1,), 0)), _reg((2,), ((-2,), 0))]) == [(0, 0, 1, 0)]
    # the same normal, different offsets: x < 0 and x > 1 are not on one hyperplane
    assert facet_adjacency([_reg((-1,), ((1,), 0)), _reg((2,), ((-1,), -1))]) == []


def test_affine_pieces_chain_through_neighbours():
    # four regions in a row with maps A, A, B, A: pieces {0, 1}, {2}, {3}; union-find over a chain
    regs = [Region(((k,),), (F(2 * k + 1),), (Constraint((F(-1),), F(-2 * k), ()), Constraint((F(1),), F(2 * k + 2), ())),
                   ((F(m),),), (F(0),)) for k, m in enumerate((1, 1, 2, 1))]
    from exact.regions import RegionEnumeration

    e = RegionEnumeration(RELU1, None, regs, "general", True)
    assert e.affine_pieces() == [[0, 1], [2], [3]]
    assert e.counts() == {"activation_regions": 4, "affine_pieces": 3}
    regs = [Region(((k,),), (F(2 * k + 1),), (Constraint((F(-1),), F(-2 * k), ()), Constraint((F(1),), F(2 * k + 2), ())),
                   ((F(1),),), (F(0),)) for k in range(5)]
    assert RegionEnumeration(RELU1, None, list(reversed(regs)), "general", True).affine_pieces() == [[0, 1, 2, 3, 4]]


def test_shared_facet_on_a_scaled_oblique_hyperplane_by_elimination():
    """The facet 2x + 2y < 2 (b != 0, two non-zero coefficients); the segment between the interior
    points crosses x + y = 1 at x < 3/4, outside r1, so the exact elimination of x decides: on the line
    x = 1 - y, r1 needs 0 < y < 1/4; r2 with y > 0 shares that, r2 with y > 1/2 does not."""
    r1 = _reg(("4/5", "1/10"), ((2, 2), 2), ((0, -1), 0), ((-1, 0), "-3/4"))
    r2 = _reg((-20, 25), ((-1, -1), -1), ((0, -1), 0), ((0, 1), 30))
    r3 = _reg((-20, 25), ((-1, -1), -1), ((0, -1), "-1/2"), ((0, 1), 30))
    assert facet_adjacency([r1, r2]) == [(0, 0, 1, 0)]
    assert facet_adjacency([r1, r3]) == []
    # the same in d = 1 with b != 0 and a scaled row: 2x < 2 and x > 1 share 1
    assert facet_adjacency([_reg((0,), ((2,), 2)), _reg((2,), ((-1,), -1))]) == [(0, 0, 1, 0)]
    assert facet_adjacency([_reg((0,), ((2,), 2)), _reg((3,), ((-1,), -1), ((-1,), -2))]) == []
    # a zero row (0 . x < 1) is no hyperplane; the rows after it still count
    z = _reg((-1, 0), ((0, 0), 1), ((1, 0), 0))
    assert facet_adjacency([z, _reg((1, 0), ((-1, 0), 0))]) == [(0, 1, 1, 0)]


def test_affine_pieces_after_a_single_map():
    # maps B, A, A along a line: the singleton group of B comes first, the A pair still merges
    regs = [Region(((k,),), (F(2 * k + 1),), (Constraint((F(-1),), F(-2 * k), ()), Constraint((F(1),), F(2 * k + 2), ())),
                   ((F(m),),), (F(0),)) for k, m in enumerate((2, 1, 1))]
    from exact.regions import RegionEnumeration

    assert RegionEnumeration(RELU1, None, regs, "general", True).affine_pieces() == [[0], [1, 2]]


def test_vertex_bound_small_weights_and_a_threshold_layer_last():
    # A = 1/2 < 1 (the bound keeps A >= 1), V = 1, Q = 2, d = 2: 2 * 2 * 1 * 2 + 2 + 1
    assert vertex_bound(_net({"weight": [["1/2", 0]], "bias": [1], "activation": "relu"}, {"weight": [[1]]})) == 11
    # the threshold 1/2 adds to V = 1 + 1/2 = 3/2, the largest: 2 * (3 * 2) * 3/2 * 2 + 3/2 * 2 + 1
    ht = _net({"weight": [[1, 2]], "bias": [1], "activation": "hard_threshold", "threshold": "1/2"},
              {"weight": [[1]], "activation": "identity"})
    assert vertex_bound(ht) == 40


def test_threshold_rows_and_the_convention():
    step = _net({"weight": [[1]], "activation": "hard_threshold", "threshold": "1/2"}, {"weight": [[1]]})
    (row,) = pattern_system(step, [[1]])[0]
    assert (row.a, row.b) == ((-1,), F(-1, 2))     # x >= 1/2 side: -x < -1/2
    (row,) = pattern_system(step, [[0]])[0]
    assert (row.a, row.b) == ((1,), F(1, 2))
    assert enumerate_regions(RELU1).to_json()["convention"] == (
        "active iff pre-activation > 0 (ReLU) or >= threshold (hard threshold); "
        "regions are open (a.x < b); lower-dimensional cells are their boundaries")


def test_recession_in_both_directions_of_an_axis():
    box3 = [Constraint(tuple(F(s * (i == k)) for k in range(3)), F(1), ()) for i in range(3) for s in (1, -1)]
    for drop, sign in ((0, 1), (1, -1)):   # without x < 1: +x is free; without -x < 1: -x is free
        reg = Region(((),), (F(0),) * 3, tuple(c for k, c in enumerate(box3) if k != drop), ((F(0),) * 3,), (F(0),))
        (r,) = recession_directions(reg)
        assert r[0] * sign > 0 and r[1] == r[2] == 0
    for sign in (1, -1):   # d = 1: the half-line -sign x < 1 recedes along sign
        reg = Region(((),), (F(0),), (Constraint((F(-sign),), F(1), ()),), ((F(0),),), (F(0),))
        (r,) = recession_directions(reg)
        assert r[0] * sign > 0


def test_affine_pieces_of_the_sweep_path():
    # relu(x) - relu(-x) = x on three regions (a repeated cut at 1): one piece
    ident = _net({"weight": [[1], [-1], [1], [1]], "bias": [0, 0, -1, -1], "activation": "relu"},
                 {"weight": [[1, -1, 1, -1]]})
    e = enumerate_regions(ident)
    assert e.method == "sweep1d" and e.empty_prefixes == [] and e.affine_pieces() == [[0, 1, 2]]
    assert e.counts() == {"activation_regions": 3, "affine_pieces": 1}
    # maps 0, x, x, then 2x - 1 ... : relu(x) + relu(x - 1) - relu(x - 1) + relu(x - 2): pieces {0}, {1, 2}, {3}
    net = _net({"weight": [[1], [1], [1], [1]], "bias": [0, -1, -1, -2], "activation": "relu"},
               {"weight": [[1, 1, -1, 1]]})
    e = enumerate_regions(net)
    assert e.method == "sweep1d" and len(e.regions) == 4 and e.affine_pieces() == [[0], [1, 2], [3]]
    # equal maps (the constant 1) on both sides of a jump (2 at x = 0): not merged
    jump = _net({"weight": [[1], [-1]], "activation": "hard_threshold", "threshold": 0}, {"weight": [[1, 1]]})
    e = enumerate_regions(jump)
    assert [r.offset for r in e.regions] == [(1,), (1,)] and e.affine_pieces() == [[0], [1]]
    # the same maps with the same value at the shared point: merged
    flat = _net({"weight": [[1], [-1], [1], [-1]], "activation": "relu"}, {"weight": [[1, 1, -1, -1]]})
    assert enumerate_regions(flat).affine_pieces() == [[0, 1]]
    # equal slopes, different intercepts: H(x) is 0, then 1
    lift = _net({"weight": [[1], [1]], "bias": [0, 0], "activation": "hard_threshold", "threshold": 0},
                {"weight": [[0, 1]]})
    e = enumerate_regions(lift)
    assert [r.offset for r in e.regions] == [(0,), (1,)] and e.affine_pieces() == [[0], [1]]
