"""Fast boundary tests of exact.regions (each well under a second; with
``tests/exact/test_clipping_small.py`` part of the mutation runs' selection for ``exact.regions``):
the vertex order of ``polygon_vertices`` at the horizontal through the centroid, pickling of eager
and deferred regions, the 2-D path's progress and its arrangements without a true vertex."""

from __future__ import annotations

import copy
import pickle
from fractions import Fraction as F

import pytest

from exact.network import Network
from exact.regions import Constraint, Region, enumerate_regions, json_layout, polygon_area, polygon_vertices

from inline_executor import CountingExecutor  # tests/inline_executor.py (pytest puts tests/ on the path)


def _polygon_region(vertices):
    """The open convex polygon with these vertices (counter-clockwise) as a Region: one row per edge,
    a . x < a . p with a = (dy, -dx) the outward normal of the edge p -> q."""
    cons = []
    n = len(vertices)
    for k in range(n):
        (px, py), (qx, qy) = vertices[k], vertices[(k + 1) % n]
        a = (qy - py, -(qx - px))
        cons.append(Constraint(a, a[0] * px + a[1] * py, ("edge", k)))
    cx = sum(p[0] for p in vertices) / n
    cy = sum(p[1] for p in vertices) / n
    return Region(((),), (cx, cy), tuple(cons[::-1]), ((F(1), F(0)),), (F(0),))


@pytest.mark.parametrize("h", [F(1), F(2), F(1, 3)])
def test_polygon_vertices_start_on_the_right_horizontal_and_run_counter_clockwise(h):
    """A hexagon around (5, 3) with two vertices on the horizontal through its centroid, at distance h:
    the order starts at the right one (angle 0), the left one (angle pi) comes fourth."""
    hexagon = [(5 + h, F(3)), (F(5) + h / 2, F(4)), (F(5) - h / 2, F(4)), (5 - h, F(3)), (F(5) - h / 2, F(2)),
               (F(5) + h / 2, F(2))]
    hexagon = [(F(x), F(y)) for x, y in hexagon]
    region = _polygon_region(hexagon)
    assert all(c.holds(region.point) for c in region.constraints)
    assert polygon_vertices(region) == hexagon
    assert polygon_area(polygon_vertices(region)) == 3 * h  # two trapezoids of height 1
    # a square whose centroid is not the origin, and a triangle
    square = [(F(3), F(1)), (F(3), F(2)), (F(2), F(2)), (F(2), F(1))]
    assert polygon_vertices(_polygon_region(square)) == [square[1], square[2], square[3], square[0]]
    tri = [(F(0), F(0)), (F(4), F(0)), (F(0), F(4))]
    assert polygon_vertices(_polygon_region(tri)) == [tri[2], tri[0], tri[1]]  # from (0, 4): angles 90, 225, 333


def _fields():
    return (((1, 0),), (F(1, 3), F(1, 2)), (Constraint((F(1), F(0)), F(1), ("neuron", 0, 0, 0)),),
            ((F(2), F(-1)),), (F(1),))


def test_regions_pickle_and_copy_as_their_fields():
    eager = Region(*_fields())
    for r in (eager, Region._deferred(_fields)):
        for out in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r), copy.copy(r)):
            assert "_build" not in out.__dict__ and "_build" not in r.__dict__  # the fields, not the recipe
            assert sorted(out.__dict__) == ["constraints", "linear", "offset", "pattern", "point"]
            assert out == eager


def test_polygon_path_progress_per_layer_and_piece():
    net = Network.from_layers({"weight": [[1, 0], [0, 1]], "bias": [0, -1], "activation": "relu"},
                              {"weight": [[1, -1], [1, 1]], "bias": [0, -3], "activation": "relu"},
                              {"weight": [[1, 1]]})
    calls = []
    e = enumerate_regions(net, ("-4", "4"), progress=lambda *a: calls.append(a))
    assert e.method == "polygon2d"
    # one piece before layer 0, four (quadrants) before layer 1; the identity layer reports nothing
    assert calls == [(0, 1, 1)] + [(1, k, 4) for k in range(1, 5)]


@pytest.mark.parametrize("box", [None, ("-1", "2")])
def test_arrangements_without_a_true_vertex(box):
    """Parallel lines, one line (no vertex: on R^2 the points are taken in the box (-2, 2)^2 around
    the origin) and two lines (one vertex; a region's part in the box around it is a triangle); the
    enumeration's fields; the points equal to the clipping's."""
    for weight, bias, vertex_free in (([[1, 1], [1, 1], [2, 2]], [0, -1, 1], True), ([[1, -2]], [3], True),
                                      # one vertex (3, -2): the region x + y > 1, x < 3 meets (-5, 5)^2 in a triangle
                                      ([[1, 1], [1, 0]], [-1, -3], False)):
        net = Network.from_layers({"weight": weight, "bias": bias, "activation": "relu"}, {"weight": [[1] * len(bias)]})
        poly = enumerate_regions(net, box)
        clip = enumerate_regions(net, box, method="clip")
        assert poly.method == "polygon2d" and poly.irredundant is True and poly.empty_prefixes == []
        assert poly.box == (None if box is None else ((F(-1), F(2)),) * 2) == clip.box
        assert sorted(r.pattern for r in poly.regions) == sorted(r.pattern for r in clip.regions)
        assert {r.pattern: r.point for r in poly.regions} == {r.pattern: r.point for r in clip.regions}
        if box is None and vertex_free:  # points in the box (-2, 2)^2 around the origin
            assert all(max(abs(x) for x in r.point) < 2 for r in poly.regions)
        if box is None and not vertex_free:
            # the triangle's average (2/3, 8/3), shown rounded to the grid Z^2 (the slack of both
            # facets there, 7/3, is more than |a|_1 / 2 <= 1)
            assert {r.pattern: r.point for r in poly.regions}[((1, 0), ())] == (F(1), F(3))


def test_missing_attributes_and_a_build_finished_meanwhile():
    for r in (Region(*_fields()), Region._deferred(_fields)):
        with pytest.raises(AttributeError, match=r"^'Region' object has no attribute 'no_such_field'$"):
            r.no_such_field
    # another thread finished the build (and dropped the recipe) while this one built: no error
    holder = []

    def build():
        holder[0].__dict__.pop("_build")
        return _fields()

    r = Region._deferred(build)
    holder.append(r)
    assert r.point == (F(1, 3), F(1, 2)) and "_build" not in r.__dict__


def test_messages_of_bad_calls():
    from exact.errors import InvalidArgument, ShapeError
    from exact.regions import pattern_system

    with pytest.raises(InvalidArgument, match=r"^enumerate_regions needs an exact.network.Network$"):
        enumerate_regions("not a network")
    net = Network.from_layers({"weight": [[1, 0]], "activation": "relu"}, {"weight": [[1]]})
    with pytest.raises(ShapeError, match=r"^pattern has more layers than the network$"):
        pattern_system(net, [(1,), (), ()])


def test_an_executor_runs_only_the_clipping_path():
    from exact.errors import InvalidArgument
    from proofs.claims.p003 import random_network

    net3 = random_network([3, 6, 6, 1], 7)
    ref = enumerate_regions(net3, method="clip").regions
    for kw in ({"method": "clip"}, {}, {"box": ("-1", "1")}):
        ex = CountingExecutor()
        e = enumerate_regions(net3, executor=ex, workers=1, **kw)
        assert e.method == "clip" and ex.tasks > 0
        if "box" not in kw:
            assert e.regions == ref
    net2 = Network.from_layers({"weight": [[1, 0], [0, 1]], "activation": "relu"}, {"weight": [[1, 1]]})
    net1 = Network.from_layers({"weight": [[1], [-1]], "activation": "relu"}, {"weight": [[1, 1]]})
    assert enumerate_regions(net2, method="clip", executor=CountingExecutor()).method == "clip"
    for net, kw in ((net2, {}), (net1, {}), (net3, {"method": "general"}), (net3, {"record_empty": True}),
                    (net3, {"box": [(None, 1), (0, 1), (0, 1)]})):
        with pytest.raises(InvalidArgument, match=r"^an executor runs only the clipping path \(method clip, or auto with d >= 3\)$"):
            enumerate_regions(net, executor=CountingExecutor(), **kw)


def _two_sides(other1, other2, point1, point2):
    """Regions x < 1 and x > 1 of R^2 (rows ``k = 0``), each with more rows ``(a, b)``, one map."""
    def region(facet, others, point):
        rows = [Constraint(tuple(map(F, facet[0])), F(facet[1]), ("neuron", 0, 0, 0))]
        rows += [Constraint(tuple(map(F, a)), F(b), ("neuron", 0, k + 1, 0)) for k, (a, b) in enumerate(others)]
        assert all(c.holds(tuple(map(F, point))) for c in rows)  # an interior point
        return Region(((0,),), tuple(map(F, point)), tuple(rows), ((F(1), F(0)),), (F(0),))
    return region(((1, 0), 1), other1, point1), region(((-1, 0), -1), other2, point2)


def _pieces(regions):
    from exact.regions import RegionEnumeration
    return RegionEnumeration(None, None, list(regions), "general", True).affine_pieces()


def test_regions_on_both_sides_of_a_line_that_meet_only_in_a_point_are_not_adjacent():
    """x < 1, y > x - 1 and x > 1, y < 1 - x (one map): their closures meet in (1, 0) only.  Where the
    segment between the interior points (-1, 1), (2, -2) crosses x = 1, (1, -1), the other rows fail;
    every point computed off the line (a sign of b or of a difference changed) lies in both regions'
    other rows ({x - 1 < y < 1 - x}), so only the crossing on the line decides."""
    from exact.regions import _share_facet, facet_adjacency

    r1, r2 = _two_sides([((1, -1), 1)], [((1, 1), 1)], (-1, 1), (2, -2))
    assert not _share_facet(r1, 0, r2, 0) and not _share_facet(r2, 0, r1, 0)
    assert facet_adjacency([r1, r2]) == [] and _pieces([r1, r2]) == [[0], [1]]
    # other interior points, the same answer
    for p1, p2 in (((-2, 2), (3, -3)), ((F(1, 2), F(1, 3)), (5, -10))):
        r1, r2 = _two_sides([((1, -1), 1)], [((1, 1), 1)], p1, p2)
        assert not _share_facet(r1, 0, r2, 0) and facet_adjacency([r1, r2]) == []
    # positive control: y > x - 2 instead, the regions share x = 1, -1 < y < 0; the crossing (1, -1) is on
    # the closure's edge, so the exact system decides
    r1, r2 = _two_sides([((1, -1), 2)], [((1, 1), 1)], (-1, 1), (2, -2))
    assert _share_facet(r1, 0, r2, 0) and facet_adjacency([r1, r2]) == [(0, 0, 1, 0)]
    assert _pieces([r1, r2]) == [[0, 1]]


@pytest.mark.parametrize("scale", [F(1), F(3), F(1, 2)])
def test_a_second_copy_of_the_facets_row_is_the_facet_not_a_side_of_it(scale):
    """A caller's region may hold the facet's row twice (scaled): the regions are still adjacent,
    in R^1 and R^2, from either side; a parallel row off the facet still separates them."""
    from exact.regions import _share_facet, facet_adjacency

    def r(rows, point, d):
        cons = tuple(Constraint(tuple(map(F, a)), F(b), ("neuron", 0, k, 0)) for k, (a, b) in enumerate(rows))
        return Region(((0,),), tuple(map(F, point)), cons, (tuple(F(1) for _ in range(d)),), (F(0),))

    s = scale
    for d, extra in ((1, []), (2, [((0, 1), 1)])):
        e = [0] * (d - 1)
        left = r([((1, *e), 1), ((s, *e), s)] + extra, [0] * d, d)   # x < 1, twice
        right = r([((-1, *e), -1)] + extra, [2] + e, d)                # x > 1
        assert _share_facet(left, 0, right, 0) and _share_facet(left, 1, right, 0)
        assert _share_facet(right, 0, left, 1)
        assert facet_adjacency([left, right]) == [(0, 0, 1, 0), (0, 1, 1, 0)]
        assert _pieces([left, right]) == [[0, 1]]
        right2 = r([((-1, *e), -1), ((-s, *e), -s)] + extra, [2] + e, d)  # both regions hold a copy
        assert _share_facet(left, 1, right2, 0) and _share_facet(left, 0, right2, 1)
        # negative control: x < 1 and x < 1/2 on the left, x > 1 on the right: apart
        apart = r([((1, *e), 1), ((s, *e), s / 2)] + extra, [0] * d, d)
        assert not _share_facet(apart, 0, right, 0) and facet_adjacency([apart, right]) == []
        assert _pieces([apart, right]) == [[0], [1]]
    # only copies besides the facet (nothing left for the exact system: the whole line is shared),
    # and in R^1 a row 2x < 3 (its right-hand side on the facet: 3 - 2 = 1)
    for d, extra in ((2, []), (1, [((2,), 3)])):
        e = [0] * (d - 1)
        left = r([((1, *e), 1), ((s, *e), s)] + extra, [0] * d, d)
        right = r([((-1, *e), -1)], [2] + e, d)
        assert _share_facet(left, 0, right, 0) and _share_facet(right, 0, left, 1)
    # a row after the copy still counts: y < 0 on the left, y > 1 on the right, apart on x = 1
    left = r([((1, 0), 1), ((s, 0), s), ((0, 1), 0)], [0, -1], 2)
    up = r([((-1, 0), -1), ((0, -1), -1)], [2, 2], 2)
    assert not _share_facet(left, 0, up, 0) and not _share_facet(left, 1, up, 0) and not _share_facet(up, 0, left, 1)
    assert facet_adjacency([left, up]) == [] and _pieces([left, up]) == [[0], [1]]


def test_json_text_and_affine_maps_on_every_small_path():
    """json_text is json_layout(dict(to_json(), **extra)) with the counts updated, on the
    sweep, the polygon path (regions' texts from its integer records), the general path, the
    clipping path and an enumeration with no regions; affine_maps counts the distinct maps (here
    fewer than the pieces: relu(1 - |x|) + relu(1 - |y|) is 0 on four corners that do not touch)."""
    from exact.regions import RegionEnumeration

    net2 = Network.from_layers({"weight": [[1, 0], [-1, 0], [0, 1], [0, -1]], "bias": [0, 0, 0, 0], "activation": "relu"},
                               {"weight": [[-1, -1, 0, 0], [0, 0, -1, -1]], "bias": [1, 1], "activation": "relu"},
                               {"weight": [[1, 1]]})
    net1 = Network.from_layers({"weight": [[1], [-1]], "bias": [0, 1], "activation": "relu"}, {"weight": [[1, 1]]})
    net3 = Network.from_layers({"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], "bias": [0, 0, 0, -1],
                                "activation": "relu"}, {"weight": [[1, -1, 1, 0]]})
    extra = {"network_file": "n.json", "seconds": 0.5, "note": None}  # a null in the document too
    cases = [(net2, (-2, 2), {}), (net2, None, {}), (net2, (-2, 2), {"method": "general"}), (net1, None, {}),
             (net3, None, {"method": "clip"}), (net3, (-1, 1), {"method": "general"})]
    for net, box, kw in cases:
        e = enumerate_regions(net, box, **kw)
        maps = e.affine_maps()
        ref = enumerate_regions(net, box, **kw)
        assert maps == len({(r.linear, r.offset) for r in ref.regions})
        doc = dict(ref.to_json(), **extra)
        doc["counts"].update({"affine_maps": maps, "regions_read": 0})
        assert e.json_text(extra, {"affine_maps": maps, "regions_read": 0}) == json_layout(doc)
        assert e.json_text() == json_layout(ref.to_json())
        parts = e.json_parts(extra, {"affine_maps": maps, "regions_read": 0})  # head, 2 per region, tail
        assert "".join(parts) == json_layout(doc) and len(parts) == 2 * len(e.regions) + 2
    e = enumerate_regions(net2, (-2, 2))
    assert e.affine_maps() < len(e.affine_pieces())
    none = RegionEnumeration(net2, None, [], "general", True)
    assert none.affine_maps() == 0
    assert none.json_text({"x": 1}, {"y": 2}) == json_layout(
        dict(none.to_json(), x=1, counts={"activation_regions": 0, "affine_pieces": 0, "y": 2}))
    assert none.json_parts({"x": 1}, {"y": 2}) == [none.json_text({"x": 1}, {"y": 2})]


def test_enumerate_regions_hands_its_options_to_each_path(monkeypatch):
    """The clipping path gets the network, the parsed box, workers, progress, executor,
    prepare_json and checkpoint; the polygon path the network, box and progress; the general path's feasibility
    questions (its own and _irredundant's) are asked in R^d with the caller's use_float (on and off the hyperplanes: the start
    point 0 lies on x = 0, y = 0 and x + y = 0, not on x - 1 = 0)."""
    import exact.clipping as clipping
    import exact.regions as regions
    from exact.errors import InvalidArgument

    seen = []
    monkeypatch.setattr(clipping, "clip_enumerate", lambda *a, **kw: seen.append(("clip", a, kw)) or "clip")
    monkeypatch.setattr(clipping, "polygon_enumerate", lambda *a, **kw: seen.append(("polygon", a, kw)) or "polygon")
    net3 = Network.from_layers({"weight": [[1, 0, 0], [0, 1, 1]], "activation": "relu"}, {"weight": [[1, 1]]})
    net2 = Network.from_layers({"weight": [[1, 0], [0, 1], [1, 1], [1, 0]], "bias": [0, 0, 0, -1],
                                "activation": "relu"}, {"weight": [[1, -1, 1, 2]]})
    cb, ex = (lambda *a: None), object()
    assert enumerate_regions(net3, (-1, 2), method="clip", workers=3, progress=cb, executor=ex, prepare_json=True,
                             checkpoint="folder") == "clip"
    assert enumerate_regions(net2, None, progress=cb) == "polygon"
    box3 = ((F(-1), F(2)),) * 3
    assert seen == [("clip", (net3, box3), {"workers": 3, "progress": cb, "executor": ex, "prepare_json": True,
                                            "checkpoint": "folder"}),
                    ("polygon", (net2, None, cb), {})]
    with pytest.raises(InvalidArgument, match=r"^the polygon path needs a network with two inputs and a bounded box or R\^2$"):
        enumerate_regions(net3, method="polygon")
    monkeypatch.undo()
    real = regions.strict_feasibility
    for use_float in (False, True):
        calls = []
        monkeypatch.setattr(regions, "strict_feasibility", lambda A, b, **kw: calls.append(kw) or real(A, b, **kw))
        e = enumerate_regions(net2, None, method="general", use_float=use_float)  # _irredundant's too
        monkeypatch.undo()
        assert len(e.regions) == len(enumerate_regions(net2, method="general").regions) and len(calls) >= 4
        assert all(kw == {"dim": 2, "use_float": use_float} for kw in calls), calls
    # lp_calls counts this enumeration's LPs only (the counter is global)
    from exact.feasibility import LP_STATS

    before = LP_STATS["calls"]
    first = enumerate_regions(net2, None, method="general", use_float=False)
    assert first.lp_calls == LP_STATS["calls"] - before > 0
    assert enumerate_regions(net2, None, method="general", use_float=False).lp_calls == first.lp_calls
