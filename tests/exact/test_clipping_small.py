"""Fast tests of exact.clipping on small networks (each well under a second; the selection of
``bench/mutation.sh`` for ``exact.clipping``).

References, each independent of the clipping:

* d = 3 and 4: the general path's regions (an exact strict-feasibility decision per split,
  Farkas multipliers for the empty sides), stored in ``tests/exact/known_regions.json`` by
  ``python tests/exact/test_clipping_small.py --write``; ``test_the_table_is_the_general_paths``
  recomputes every case, so the table cannot go stale;
* d = 2: the polygon path (exact, no LP; equal regions, interior points included, in a box);
* d = 1: the breakpoint sweep;
* interior points: the average of the vertices of the region's closure in the box, the
  vertices found by brute force (every d rows solved exactly), with the rule of the module
  docstring for all of R^d (the box around the true vertices), then rounded as the regions show
  it (tests/rounded_points.py, in Fractions);
* the order of the regions: the depth-first order (bit 1 before bit 0), i.e. the patterns
  strictly decreasing as flat 0/1 words.

Networks: parallel, coincident and opposite hyperplanes, hyperplanes through one point, dead
and constant neurons, hyperplanes through vertices and along faces of the box, a threshold
layer and an identity layer inside the network; boxes: (-1, 1)^d, a rational asymmetric box
and R^d.
"""

from __future__ import annotations

import json
import os
import sys
from fractions import Fraction as F
from itertools import combinations

import pytest

import exact.clipping as clipping
from exact.network import Network
from exact.regions import configuration_at, enumerate_regions, pattern_system, vertex_bound

from inline_executor import CountingExecutor  # tests/inline_executor.py (pytest puts tests/ on the path)
from rounded_points import box_sides, rounded

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_regions.json")


def _net(*layers):
    return Network.from_layers(*layers)


def _relu(weight, bias):
    return {"weight": weight, "bias": bias, "activation": "relu"}


def _out(n):
    return {"weight": [[1] * n], "activation": "identity"}


# d = 3 and 4 (the general path's answers are in the table)
NETS = {
    # x + y + z = 0, = 1 (three times: once scaled by 2, once with the opposite normal), x = 0
    "parallel+coincident": _net(_relu([[1, 1, 1], [1, 1, 1], [2, 2, 2], [-1, -1, -1], [1, 0, 0]], [0, -1, -2, 1, 0]),
                                _out(5)),
    # six planes through the origin
    "concurrent": _net(_relu([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 1, 1], [0, 1, -1]], [0] * 6), _out(6)),
    # dead (zero weights; bias -1 and 0) and constant (bias 1) neurons; in layer 2 a neuron exactly 0
    # everywhere (5 * 0 + 1 * 1 - 1), one with zero weights and a positive bias, and one constant on part
    "dead+constant": _net(
        _relu([[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0], [1, -1, 1]], [0, -1, 0, 1, 0, 0]),
        _relu([[1, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 5, 0, 1, 0, 0], [1, 0, -1, 0, 0, 1]], [-1, 2, -1, 0]),
        _out(4)),
    # planes through corners, along edges and on a face of (-1, 1)^3
    "vertices-on-planes": _net(
        _relu([[1, 1, 1], [1, 1, 1], [1, 1, 0], [1, 0, 0], [1, -1, 0], [0, 1, 1]], [-3, -1, 0, -1, 0, 0]),
        _relu([[1, 1, 1, 1, 1, 1], [1, -1, 1, -1, 1, -1]], [-1, 0]), _out(2)),
    # a hard-threshold layer (rational threshold) after an identity layer
    "threshold+identity": _net(
        _relu([[1, 0, 0], [0, 1, 1], [1, 1, 1]], [0, 0, "1/2"]),
        {"weight": [[1, 1, 0], [0, 1, -1]], "bias": [0, 1], "activation": "identity"},
        {"weight": [[1, 0], [1, 1], [0, 0], [0, 0]], "bias": [0, 0, 1, "1/3"], "activation": "hard_threshold",
         "threshold": "1/3"},
        {"weight": [[1, 2, 3, 1]], "bias": [0], "activation": "relu"}, {"weight": [[1]]}),
    # rational weights, two ReLU layers
    "deep": _net(_relu([["1/2", -1, "1/3"], [1, "3/4", -1], [0, 1, "1/2"]], ["1/4", 0, "-1/2"]),
                 _relu([[1, -1, "1/2"], [-1, 1, 1], ["1/3", 0, -1]], [0, "1/2", "1/4"]), _out(3)),
    # a ReLU output layer: on a region where only the first output is active its map (2x + 2y, 0) has
    # the common factor 2 (reduced to integers: (x + y, 0) / (1/2))
    "relu-output": _net(_relu([[1, 0, 0], [0, 1, 0], [1, 1, 1]], [0, 0, -1]), _relu([[2, 2, 0], [1, -1, 1]], [0, 0])),
    # four inputs: hyperplanes through the origin and a parallel pair
    "four-inputs": _net(_relu([[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, -1], [1, 1, 1, 1], [1, 1, 1, 1]],
                              [0, 0, 0, 0, -1]), _out(5)),
}

BOXES = {"R^d": None, "unit": ("-1", "1"), "rational": [("-1/2", "3"), ("0", "1"), ("-1", "1/3"), ("-2", "1/2")]}


def _box(name, d):
    box = BOXES[name]
    return box[:d] if isinstance(box, list) else box


CASES = [(n, b) for n in NETS for b in BOXES]


def _region_key(r):
    return {"constraints": sorted(f"{' '.join(map(str, c.a))} < {c.b} {list(c.label)}" for c in r.constraints),
            "linear": [[str(v) for v in row] for row in r.linear], "offset": [str(v) for v in r.offset]}


def _enumeration_key(e):
    return {"|".join("".join(map(str, p)) for p in r.pattern): _region_key(r) for r in e.regions}


def _write_table():
    table = {"networks": {n: NETS[n].to_json() for n in NETS}, "cases": {}}
    for n, b in CASES:
        table["cases"][f"{n} {b}"] = _enumeration_key(enumerate_regions(NETS[n], _box(b, NETS[n].in_dim),
                                                                         method="general"))
    with open(TABLE, "w") as f:
        json.dump(table, f, indent=0, sort_keys=True)
        f.write("\n")


_TABLE: dict = {}


def _table():
    if not _TABLE:
        with open(TABLE) as f:
            _TABLE.update(json.load(f))
    return _TABLE


def _flat(pattern):
    return tuple(b for p in pattern for b in p)


# -- the reference for interior points ----------------------------------------------------------

def _box_rows(lo, hi, d):
    rows = []
    for i in range(d):
        e = tuple(F(int(k == i)) for k in range(d))
        rows += [(tuple(-x for x in e), -F(lo[i])), (e, F(hi[i]))]
    return rows


def _vertices(rows, d):
    """The vertices of the polyhedron a . x <= b (rows), by brute force: every d rows solved
    exactly (python-flint), the solutions kept that satisfy every row."""
    from flint import fmpq, fmpq_mat

    A = fmpq_mat(len(rows), d, [fmpq(v.numerator, v.denominator) for a, _ in rows for v in a])
    b = [fmpq(v.numerator, v.denominator) for _, v in rows]
    out = set()
    for combo in combinations(range(len(rows)), d):
        sub = fmpq_mat(d, d, [A[i, j] for i in combo for j in range(d)])
        try:
            x = sub.solve(fmpq_mat(d, 1, [b[i] for i in combo]))
        except ZeroDivisionError:  # singular
            continue
        v = A * x
        if all(v[i, 0] <= b[i] for i in range(len(rows))):
            out.add(tuple(F(int(x[j, 0].p), int(x[j, 0].q)) for j in range(d)))
    return out


def _average(pts):
    n = len(pts)
    return tuple(sum(c) / n for c in zip(*pts))


def _expected_points(e):
    """Per region the interior point the module docstring promises (computed independently):
    the average of vertices of the rule below, then rounded (tests/rounded_points.py)."""
    rows = [[(c.a, c.b) for c in r.constraints] for r in e.regions]
    lo, hi = box_sides(e)
    return [rounded(p, rs, lo, hi) for p, rs in zip(_expected_averages(e), rows)]


def _expected_averages(e):
    """Per region the average of vertices the module docstring promises (computed independently)."""
    d = e.network.in_dim
    rows = [[(c.a, c.b) for c in r.constraints] for r in e.regions]
    if e.box is not None:
        return [_average(_vertices(rs, d)) for rs in rows]
    R = vertex_bound(e.network)
    big = _box_rows([-R] * d, [R] * d, d)
    out = []
    for rs in rows:
        vs = _vertices(rs + big, d)
        if any(abs(c) == R for v in vs for c in v):
            # the box around the region's own true vertices (none: m = 0)
            true = [x for v in vs if all(abs(c) < R for c in v) for x in v]
            m = max((-(-abs(x.numerator) // x.denominator) for x in true), default=0)
            near = m + 2 if m + 2 < R else None
            if near is not None:
                small = rs + _box_rows([-near] * d, [near] * d, d)
                inner = _vertices(small, d)
                if inner:
                    p = _average(inner)
                    if all(sum(ai * xi for ai, xi in zip(a, p)) < b for a, b in small):  # full-dimensional
                        out.append(p)
                        continue
        out.append(_average(vs))
    return out


def _check(e, expected_key=None, points=True):
    """The regions of a clipping: their patterns in depth-first order, each point strictly inside
    its pattern's open system and of that pattern, the pattern's map; ``expected_key`` (the
    table's or another path's) equal; the points those of the docstring's rule."""
    assert e.method == "clip" and e.irredundant and e.empty_prefixes == []
    flat = [_flat(r.pattern) for r in e.regions]
    assert all(a > b for a, b in zip(flat, flat[1:])), "not in the depth-first order"
    for r in e.regions:
        rows, linear, offset = pattern_system(e.network, r.pattern, e.box)
        assert all(c.holds(r.point) for c in rows), r.pattern
        assert configuration_at(e.network, r.point) == r.pattern
        assert (linear, offset) == (r.linear, r.offset)
        assert all(isinstance(x, F) for x in r.point)
    if expected_key is not None:
        assert _enumeration_key(e) == expected_key
    if points:
        assert [r.point for r in e.regions] == _expected_points(e)


# -- d = 3 and 4 against the table ----------------------------------------------------------------

@pytest.mark.parametrize("name,box", CASES)
def test_small_networks_equal_the_general_path(name, box):
    net = NETS[name]
    assert _table()["networks"][name] == net.to_json()
    e = clipping.clip_enumerate(net, None if box == "R^d" else _bx(box, net.in_dim))
    _check(e, _table()["cases"][f"{name} {box}"])


def _bx(name, d):
    from exact.regions import parse_box

    return parse_box(_box(name, d), d)


@pytest.mark.parametrize("name,box", CASES)
def test_the_table_is_the_general_paths(name, box):
    net = NETS[name]
    assert _table()["networks"][name] == net.to_json()
    e = enumerate_regions(net, _box(box, net.in_dim), method="general")
    assert _enumeration_key(e) == _table()["cases"][f"{name} {box}"]
    assert e.method == "general" and e.irredundant and e.box == _bx(box, net.in_dim)
    for r in e.regions:  # the general path's points (from the feasibility decisions): inside, of the pattern
        assert all(c.holds(r.point) for c in r.constraints) and configuration_at(net, r.point) == r.pattern
        assert all(c.holds(r.point) for c in pattern_system(net, r.pattern, e.box)[0])


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write_table()


def test_a_wrong_point_rule_is_seen(monkeypatch):
    """Negative control: interior points taken from the whole piece (no box around the region's
    true vertices) differ from the rule's points on R^d."""
    monkeypatch.setattr(clipping, "_near", lambda m, R: None)
    e = clipping.clip_enumerate(NETS["vertices-on-planes"], None)
    assert [r.point for r in e.regions] != _expected_points(e)
    with pytest.raises(AssertionError):
        _check(e, _table()["cases"]["vertices-on-planes R^d"])


# -- d = 2 against the polygon path, d = 1 against the sweep -----------------------------------------

NETS_2D = {
    # x + y = 0, = 1 twice (scaled, opposite), x = 0, three lines through the origin, a dead neuron
    "parallel+concurrent+dead": _net(_relu([[1, 1], [2, 2], [-1, -1], [1, 0], [0, 1], [1, -1], [0, 0]],
                                           [0, -2, 1, 0, 0, 0, 1]), _out(7)),
    # lines through the corners of (-1, 1)^2 and along its sides; a second layer through the first's vertices
    "corners": _net(_relu([[1, 1], [1, -1], [1, 0], [0, 1]], [-2, 0, -1, 1]),
                    _relu([[1, 1, 0, 0], [0, 1, -1, 1], [0, 0, 0, 0]], [-1, 0, 0]), _out(3)),
    "threshold": _net(_relu([["1/2", 1], [1, "-1/3"]], [0, "1/4"]),
                      {"weight": [[1, 1], [1, -1]], "bias": [0, 0], "activation": "hard_threshold", "threshold": "1/4"},
                      {"weight": [[1, 2]]}),
    # vertices far from the origin (the box around the true vertices is much smaller than R)
    "far": _net(_relu([[1, 0], [0, 1], [1, 1]], [-7, 5, 3]), _out(3)),
}


@pytest.mark.parametrize("name", sorted(NETS_2D))
@pytest.mark.parametrize("box", ["R^d", "unit", "rational"])
def test_two_inputs_equal_the_polygon_path(name, box):
    net = NETS_2D[name]
    bx = _box(box, 2)
    ref = enumerate_regions(net, bx, method="polygon")
    e = clipping.clip_enumerate(net, None if bx is None else _bx(box, 2))
    _check(e, _enumeration_key(ref))
    if bx is not None:  # in a box both paths average the same vertices
        assert {r.pattern: r.point for r in e.regions} == {r.pattern: r.point for r in ref.regions}


NETS_1D = {
    "one": _net(_relu([[1], [2], [-1], [0], [3]], [0, -2, 1, 1, -3]), _out(5)),
    "two-layers": _net(_relu([[1], ["1/2"], [-1]], [0, -1, 2]), _relu([[1, -1, 1], [0, 0, 0]], [-1, 0]), _out(2)),
}


@pytest.mark.parametrize("name", sorted(NETS_1D))
@pytest.mark.parametrize("box", [None, ("-1", "1"), ("-1/3", "5/2")])
def test_one_input_equals_the_sweep(name, box):
    net = NETS_1D[name]
    ref = enumerate_regions(net, box, method="sweep")
    e = enumerate_regions(net, box, method="clip")
    _check(e)
    assert sorted(r.pattern for r in e.regions) == sorted(r.pattern for r in ref.regions)
    for r, s in zip(sorted(e.regions, key=lambda r: r.pattern), sorted(ref.regions, key=lambda r: r.pattern)):
        assert (r.linear, r.offset) == (s.linear, s.offset)
        assert {c.b / c.a[0] for c in r.constraints} == {c.b / c.a[0] for c in s.constraints}
        assert {c.a[0] > 0 for c in r.constraints} == {c.a[0] > 0 for c in s.constraints}


# -- the parallel path: in-process executor, one real pool, the worker functions ---------------------

@pytest.fixture(autouse=True)
def _no_worker_context():
    """The worker functions called in this process set the module's worker context: reset it, so
    that a forked pool never inherits one from another test."""
    clipping._WORKER_CTX = clipping._WORKER_STOP = None
    yield
    clipping._WORKER_CTX = clipping._WORKER_STOP = None


def _frontier_net():
    from proofs.claims.p003 import random_network

    return random_network([3, 6, 6, 1], 7)


@pytest.mark.parametrize("box", [None, [(-1, 1)] * 3])
def test_tasks_in_process_give_the_serial_output(box):
    net = _frontier_net()
    bx = None if box is None else tuple((F(a), F(b)) for a, b in box)
    ref = clipping.clip_enumerate(net, bx)
    for workers in (1, 2):
        ex = CountingExecutor()
        e = clipping.clip_enumerate(net, bx, workers=workers, executor=ex)
        # the frontier: split until 32 tasks per worker (or none left)
        assert ex.calls.count("_task_run") == {(None, 1): 32, (None, 2): 64}.get((box, workers), 0) if box is None \
            else ex.calls.count("_task_run") == {1: 32, 2: 64}[workers]
        assert set(ex.calls) == {"_task_run"}  # one round: every interior point is made with its task
        assert e.regions == ref.regions and e.box == ref.box and e.method == "clip"
        assert e.to_json() == ref.to_json()


def test_small_networks_in_process_finish_in_the_frontier():
    # no task at all: every piece is done within the frontier (records made in the parent)
    for name in ("parallel+coincident", "vertices-on-planes"):
        for bx in (None, _bx("rational", 3)):
            ex = CountingExecutor()
            e = clipping.clip_enumerate(NETS[name], bx, workers=2, executor=ex)
            assert "_task_run" not in ex.calls
            assert e.regions == clipping.clip_enumerate(NETS[name], bx).regions


def test_two_pool_workers_give_the_serial_output():
    net = _frontier_net()
    for bx in (None, _bx("unit", 3)):  # R^d: points in boxes around the regions' true vertices; a box: averages
        assert clipping.clip_enumerate(net, bx, workers=2).regions == clipping.clip_enumerate(net, bx).regions


def test_worker_functions_in_process():
    import pickle

    net = _frontier_net()
    d = 3
    ctx = clipping._Ctx(net)
    R = vertex_bound(net)
    lo, hi = [-R] * d, [R] * d
    verts, tights = clipping._box_polytope(lo, hi)
    start = ((), 0, 0, (), verts, tights, (), None, ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], 1))
    geo = (d, True, tuple(lo), tuple(hi))
    clipping._worker_init(net)
    assert clipping._WORKER_STOP is None and clipping._WORKER_CTX.first_id == ctx.first_id
    n, blob, texts, local = clipping._worker_run(start, geo)
    assert texts is None and local  # JSON texts only when asked for; the task's share of the count always
    recs = clipping._records([clipping._compact(ctx, s) for s in clipping._finish_state(ctx, start)], geo)
    assert n == len(recs) and all(len(r) == 4 and r[2] is not None for r in recs)  # every point made here
    assert [r for c in blob for r in pickle.loads(c)] == recs
    assert clipping._worker_run(start, geo, True)[2] == [clipping._region_json(r, geo, 2, False) for r in recs]
    assert pickle.loads(clipping._task_run(pickle.dumps(ctx), pickle.dumps(start), geo))[0] == recs
    batch = clipping._Batch(list(blob))
    caches = ({}, {})
    ref = clipping.clip_enumerate(net, None).regions
    assert [clipping._batch_fields(batch, k, geo, caches) for k in range(n)] == [
        (r.pattern, r.point, r.constraints, r.linear, r.offset) for r in ref]
    # read from the last region back, and every record at once: the same records
    batch = clipping._Batch(list(blob))
    assert [batch.record(k) for k in reversed(range(n))] == recs[::-1]
    assert batch.records() == recs and batch.blob is None
    batch = clipping._Batch(list(blob))
    assert batch.record(n - 1) == recs[-1] and batch.records() == recs  # one chunk decoded, then the rest
    # records made in the parent (a piece finished in the frontier): kept as they are
    batch = clipping._Batch(None, list(recs))
    assert batch.records() == recs


def test_a_set_stop_ends_the_worker_tasks(monkeypatch):
    class Stop:
        def __init__(self, on):
            self.on = on

        def is_set(self):
            return self.on

    net = NETS["concurrent"]
    clipping._worker_init(net, Stop(True))
    with pytest.raises(clipping._Stopped):
        clipping._worker_check()
    clipping._worker_init(net, Stop(False))
    clipping._worker_check()  # not stopped: nothing happens
    clipping._worker_init(net)
    clipping._worker_check()


# -- the integer helpers, boundary cases ------------------------------------------------------------

def _as_points(verts):
    return [tuple(F(x, w) for x in X) for X, w in verts]


def _brute_piece(rows, ids, d):
    """(vertex -> tight ids) of the polytope a . x <= b (rows, with their constraint ids)."""
    out = {}
    for v in _vertices(rows, d):
        out[v] = {i for (a, b), i in zip(rows, ids) if sum(x * y for x, y in zip(a, v)) == b}
    return out


def _piece_map(verts, tights):
    pts = _as_points(verts)
    assert len(set(pts)) == len(pts), "a vertex listed twice"
    for X, w in verts:
        assert w > 0 and __import__("math").gcd(w, *X) == 1  # reduced, w > 0
    return {p: {i for i in range(t.bit_length()) if t >> i & 1} for p, t in zip(pts, tights)}


# cuts of the cube (-1, 1)^d, kept on the side u >= 0, one after the other (non-simple vertices appear:
# after x >= 0 and y >= 0, the plane x = y passes through the edge x = y = 0)
CUTS = {
    2: [((1, 1), 0), ((1, -1), 1), ((0, 1), 0), ((1, 0), -1)],
    3: [((1, 0, 0), 0), ((0, 1, 0), 0), ((1, -1, 0), 0), ((1, 1, 1), -1), ((0, 0, 1), 0), ((2, -1, 1), 1),
        ((1, 1, 1), -3)],
    4: [((1, 1, 1, 1), 0), ((1, -1, 0, 0), 0), ((0, 0, 1, -1), 1), ((1, 0, 0, 0), 0)],
}


@pytest.mark.parametrize("d", [2, 3, 4])
def test_cuts_of_the_cube_against_brute_force(d):
    verts, tights = clipping._box_polytope([-1] * d, [1] * d)
    rows = _box_rows([-1] * d, [1] * d, d)
    ids = list(range(2 * d))
    assert _piece_map(verts, tights) == _brute_piece(rows, ids, d)
    cuts = 0
    for k, (a, off) in enumerate(CUTS[d]):
        s = clipping._values(a, off, verts)
        assert s == [sum(x * y for x, y in zip(a, X)) + off * w for X, w in verts]
        bit = 2 * d + k
        if min(s) >= 0 or max(s) <= 0:  # no cut: the polytope lies on one side
            continue
        (pv, pt), (nv, nt) = clipping._cut(verts, tights, s, 1 << bit, d)
        a = tuple(F(x) for x in a)
        neg_a = tuple(-x for x in a)
        assert _piece_map(nv, nt) == _brute_piece(rows + [(a, F(-off))], ids + [bit], d)
        rows, ids = rows + [(neg_a, F(off))], ids + [bit]
        assert _piece_map(pv, pt) == _brute_piece(rows, ids, d)
        verts, tights = pv, pt
        cuts += 1
    assert cuts == {2: 3, 3: 5, 4: 4}[d]


def test_cut_by_a_plane_through_vertices_keeps_them_on_both_sides():
    verts, tights = clipping._box_polytope([0, 0, 0], [1, 1, 1])
    s = clipping._values((1, -1, 0), 0, verts)       # x = y: four vertices on the plane
    assert sorted(s) == [-1, -1, 0, 0, 0, 0, 1, 1]
    (pv, pt), (nv, nt) = clipping._cut(verts, tights, s, 1 << 6, 3)
    assert len(pv) == len(nv) == 6
    on = {p for p, t in zip(_as_points(pv), pt) if t >> 6 & 1}
    assert on == {p for p, t in zip(_as_points(nv), nt) if t >> 6 & 1} == {
        (F(a), F(a), F(z)) for a in (0, 1) for z in (0, 1)}


def test_values_in_one_two_and_three_dimensions():
    verts = [((3, -2), 5), ((0, 1), 1)]
    assert clipping._values((2, 7), -4, verts) == [6 - 14 - 20, 7 - 4]
    verts = [((3, -2, 1), 5), ((0, 1, 0), 2)]
    assert clipping._values((2, 7, -1), 4, verts) == [6 - 14 - 1 + 20, 7 + 8]
    assert clipping._values((5,), -1, [((2,), 3)]) == [7]


def test_box_polytope_with_rational_bounds():
    verts, tights = clipping._box_polytope([F(-1, 2), 0], [3, F(1, 3)])
    assert verts == [((-1, 0), 2), ((3, 0), 1), ((-3, 2), 6), ((9, 1), 3)]
    assert tights == [0b0101, 0b0110, 0b1001, 0b1010]
    verts, _ = clipping._box_polytope([2], [4])
    assert verts == [((2,), 1), ((4,), 1)]


def test_reduce_and_apply():
    out = clipping._reduce([[2, 4], [6, 0]], [8, -2], 10)
    assert out == ([[1, 2], [3, 0]], [4, -1], 5)
    assert all(type(v) is int for v in [*out[0][0], *out[0][1], *out[1], out[2]])
    assert clipping._reduce([[3, 4]], [5], 7) == ([[3, 4]], [5], 7)
    assert clipping._reduce([[0, 0]], [0], 4) == ([[0, 0]], [0], 1)
    from exact.network import Activation

    relu = (None, None, 0, 1, Activation.RELU, None, 0)
    out = clipping._apply(relu, [[2, 4], [1, 3]], [6, 5], 4, (1, 0))
    assert out == ([[1, 2], [0, 0]], [3, 0], 2)
    assert all(type(v) is int for v in [*out[0][0], *out[0][1], *out[1], out[2]])
    assert clipping._apply(relu, [[2, 4], [1, 3]], [6, 5], 4, (0, 1)) == ([[0, 0], [1, 3]], [0, 5], 4)
    step = (None, None, 0, 1, Activation.HARD_THRESHOLD, None, 0)
    assert clipping._apply(step, [[2, 4], [1, 3]], [6, 5], 4, (0, 1)) == ([[0, 0], [0, 0]], [0, 1], 1)
    ident = (None, None, 0, 1, Activation.IDENTITY, None, 0)
    assert clipping._apply(ident, [[2, 4], [1, 3]], [6, 5], 4, ()) == ([[2, 4], [1, 3]], [6, 5], 4)
    assert clipping._apply(ident, [[2, 4], [2, 6]], [6, 4], 4, ()) == ([[1, 2], [1, 3]], [3, 2], 2)


def _pre_by_hand(layer, M, m, D):
    """u = W (M x + m) / D + b - level, as Fractions: (rows, offsets)."""
    from exact.regions import _level

    rows = [[sum(F(w) * M[k][i] for k, w in enumerate(wr)) / D for i in range(len(M[0]))] for wr in layer.weight]
    offs = [sum(F(w) * m[k] for k, w in enumerate(wr)) / D + b - _level(layer) for wr, b in zip(layer.weight, layer.bias)]
    return rows, offs


@pytest.mark.parametrize("w,x", [(2 ** 61, 4), (2 ** 61, 3), (2 ** 61 - 1, 4), (3, 2 ** 61), (1, 2 ** 62),
                                  (2 ** 60, 8), (2 ** 60, 7), (2 ** 62, 1), (2 ** 62 - 1, 2)])
@pytest.mark.parametrize("kind", ["relu", "threshold"])
def test_pre_activations_at_the_int64_guard(w, x, kind):
    """The int64 product is taken while xmax * wsum < 2^63: at 2^63 it would overflow (2^61 * 4), so
    the exact product must be taken; a weight row sum of 2^62 leaves the int64 weights."""
    if kind == "relu":  # integer weights and biases: the layer's integers are the weights themselves
        layer = _net({"weight": [[w, 0], [0, -w]], "bias": [1, -1], "activation": "relu"}, {"weight": [[1, 1]]}).layers[0]
        lay = clipping._layer_int(layer)
        assert lay[3] == 1 and lay[6] == w and (lay[5] is None) == (w >= 2 ** 62)
    else:
        layer = _net({"weight": [[w, 0], [0, -w]], "bias": [1, "1/2"], "activation": "hard_threshold",
                      "threshold": "1/3"}, {"weight": [[1, 1]]}).layers[0]
        lay = clipping._layer_int(layer)
    M, m, D = [[x, 1], [-1, x]], [x, -x], 3
    A, e, off, den = clipping._pre(lay, M, m, D)
    rows, offs = _pre_by_hand(layer, M, m, D)
    assert [[F(a, den) for a in r] for r in A] == rows
    assert [F(o, den) for o in off] == offs
    level = F(1, 3) if kind == "threshold" else 0
    assert [F(v, den) for v in e] == [o + level for o in offs]
    assert den > 0 and __import__("math").gcd(den, *e, *off, *(a for r in A for a in r)) == 1
    assert all(type(v) is int for v in [den, *e, *off, *(a for r in A for a in r)])


def test_near_and_centroid():
    assert clipping._near(5, 8) == 7
    assert clipping._near(6, 8) is None and clipping._near(7, 8) is None and clipping._near(1, 3) is None
    assert clipping._near(0, 4) == 2 and clipping._near(0, 3) == 2
    assert clipping._centroid([((2, 0), 1), ((0, 3), 2), ((1, 1), 3)]) == ([14, 11], 18)
    assert clipping._centroid([((2, 4), 1), ((0, 0), 1)]) == ([1, 2], 1)
    assert clipping._centroid([((1,), 2), ((1,), 4)]) == ([3], 8)


def _cut_piece(R, cuts):
    """The piece of (-R, R)^2 (an artificial box) on the positive side of each (row, off)."""
    verts, tights = clipping._box_polytope([-R, -R], [R, R])
    cons = ()
    for cid, (row, off) in enumerate(cuts, 4):
        (verts, tights), _ = clipping._cut(verts, tights, clipping._values(row, off, verts), 1 << cid, 2)
        cons += ((cid, 0, cid - 4, 1, row, off, 1),)
    return (), verts, tights, cons, None


def test_unbounded_points_by_hand():
    def point(R, cuts):
        N, L = clipping._unbounded_point(_cut_piece(R, cuts), (2, True, (-R, -R), (R, R)))
        return tuple(F(x, L) for x in N)

    x, y = ((2, 0), -7), ((0, 2), -1)  # x > 7/2, y > 1/2
    # no true vertex (every vertex on a side of the big box): m = 0, the box (-2, 2)^2 is not met,
    # so the average of all four vertices (7/2, +-10), (10, +-10)
    assert point(10, [x]) == (F(27, 4), 0)
    # the true vertex (7/2, 1/2): m = ceil(7/2) = 4, the box (-6, 6)^2: (7/2, 6) x (1/2, 6)
    assert point(10, [x, y]) == (F(19, 4), F(13, 4)) == point(7, [x, y])
    # m + 2 = 6 not below R = 5: the whole piece (7/2, 5) x (1/2, 5)
    assert point(5, [x, y]) == (F(17, 4), F(11, 4))


def test_promote_moves_what_is_tracked_to_the_oldest_generation():
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        junk = [[k] for k in range(3000)]  # young lists
        assert gc.get_count()[0] >= 3000
        clipping._promote()
        assert gc.get_count()[0] < 10 and gc.get_freeze_count() == 0
        oldest = {id(x) for x in gc.get_objects(generation=2)}
        assert all(id(x) in oldest for x in junk[::300])
        # objects the caller keeps frozen: nothing is moved, nothing unfrozen
        gc.freeze()
        more = [[k] for k in range(3000)]
        clipping._promote()
        assert gc.get_freeze_count() > 0 and gc.get_count()[0] >= 3000 and more
    finally:
        gc.unfreeze()
        if paused:
            gc.enable()


def test_the_result_pipe_is_enlarged_where_linux_allows():
    import concurrent.futures as cf

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no F_GETPIPE_SZ on this system")
    with cf.ProcessPoolExecutor(max_workers=1) as pool:
        fd = pool._result_queue._writer.fileno()
        before = fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)
        clipping._roomy_results(pool)
        assert fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) >= 1 << 20 > before
    clipping._roomy_results(object())  # no such pipe (another executor): nothing done, no error


def test_a_worker_resumes_its_collector():
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        clipping._worker_init(NETS["concurrent"])
        assert gc.isenabled()
    finally:
        clipping._WORKER_CTX = clipping._WORKER_STOP = None
        if not paused:
            gc.disable()


def test_centroid_in_the_small_box():
    # the square (0, 10)^2 clipped to (-3, 3)^2: (0, 3)^2, centroid (3/2, 3/2)
    verts, tights = clipping._box_polytope([0, 0], [10, 10])
    assert clipping._centroid_in(verts, tights, 2, 3) == ([3, 3], 2)
    # inside already: the whole square
    assert clipping._centroid_in(verts, tights, 2, 11) == ([5, 5], 1)
    # touching the small box only on its side x = 3 (the square (3, 10) x (0, 10)): None
    verts, tights = clipping._box_polytope([3, 0], [10, 10])
    assert clipping._centroid_in(verts, tights, 2, 3) is None
    verts, tights = clipping._box_polytope([-10, -10], [-3, 10])
    assert clipping._centroid_in(verts, tights, 2, 3) is None
    # meeting it in a slice of width 1: (2, 3) x (-3, 3)
    verts, tights = clipping._box_polytope([2, -10], [10, 10])
    assert clipping._centroid_in(verts, tights, 2, 3) == ([5, 0], 2)
    # a triangle x, y >= 0, x + y <= 8 and the box (-2, 2)^3 in three dimensions
    verts, tights = clipping._box_polytope([-1, -1, -1], [1, 1, 1])
    assert clipping._centroid_in(verts, tights, 3, 1) == ([0, 0, 0], 1)


def test_checked_points_and_strict_sides():
    from exact.clipping import _checked, _strict_side

    assert _strict_side((1, -1), 0, (3, 1), 1, 1) and not _strict_side((1, -1), 0, (3, 1), 1, 0)
    assert _strict_side((1, -1), 0, (1, 3), 1, 0) and not _strict_side((1, -1), 0, (1, 3), 1, 1)
    assert not _strict_side((1, -1), 0, (2, 2), 5, 1) and not _strict_side((1, -1), 0, (2, 2), 5, 0)
    assert _strict_side((1, 2, 3), -1, (1, 0, 0), 2, 1) is False and _strict_side((1, 2, 3), -1, (1, 0, 0), 2, 0)
    for d in (2, 3):
        lo, hi = (F(-1),) * d, (F(1),) * d
        row = (1,) * d
        cons = [(2 * d, 0, 0, 1, row, 0, 1)]  # x_1 + ... > 0
        good = ([1] * d, 4)
        assert _checked(good, (), cons, d, lo, hi) == good
        for bad in (([0] * d, 1), ([-1] * d, 4), ([4] + [0] * (d - 1), 4), ([-4] + [1] * (d - 1), 4),
                    ([1] * d, 1)):
            with pytest.raises(AssertionError):
                _checked(bad, (), cons, d, lo, hi)
        cons0 = [(2 * d, 0, 0, 0, row, 0, 1)]  # the other side
        assert _checked(([-1] * d, 4), (), cons0, d, lo, hi) == ([-1] * d, 4)
        with pytest.raises(AssertionError):
            _checked(good, (), cons0, d, lo, hi)


def test_row_constraints():
    c = clipping._row_constraint(1, 2, 1, (3, -4), 5, 6)
    assert (c.a, c.b, c.label) == ((F(-1, 2), F(2, 3)), F(5, 6), ("neuron", 1, 2, 1))
    c = clipping._row_constraint(0, 0, 0, (3, -4), 5, 6)
    assert (c.a, c.b, c.label) == ((F(1, 2), F(-2, 3)), F(-5, 6), ("neuron", 0, 0, 0))


def test_box_ints_follow_the_box_objects():
    lo, hi = (F(-1, 2), 3), (F(1), F(7, 3))
    assert clipping._box_ints(lo, hi) == ((-1, 2, 1, 1), (3, 1, 7, 3))
    lo2 = (F(-1, 2), 2)
    assert clipping._box_ints(lo2, hi) == ((-1, 2, 1, 1), (2, 1, 7, 3))
    hi2 = (F(1), F(8, 3))
    assert clipping._box_ints(lo2, hi2) == ((-1, 2, 1, 1), (2, 1, 8, 3))


def test_progress_every_256_pieces():
    from proofs.claims.p003 import random_network

    calls = []
    e = clipping.clip_enumerate(random_network([2, 24, 12, 1], 1), None, progress=lambda *a: calls.append(a))
    assert len(e.regions) == 581
    # (the lowest layer of a piece still open, pieces found, pieces found + open), then the end
    assert calls == [(0, 256, 262), (0, 512, 521), (3, 1, 1)]
    # a grid of 16 x 16 squares: the 256th piece is the last, nothing is open (the last layer, 1)
    grid = _net(_relu([[1, 0]] * 15 + [[0, 1]] * 15, [-k for k in range(1, 16)] * 2), _out(30))
    calls = []
    e = clipping.clip_enumerate(grid, ((F(0), F(16)),) * 2, progress=lambda *a: calls.append(a))
    assert len(e.regions) == 256 and calls == [(1, 256, 256), (2, 1, 1)]


def test_frontier_keeps_the_serial_order():
    net = _frontier_net()
    ctx = clipping._Ctx(net)
    verts, tights = clipping._box_polytope([-1] * 3, [1] * 3)
    start = ((), 0, 0, (), verts, tights, (), None, ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], 1))
    serial = [clipping._compact(ctx, s) for s in clipping._finish_state(ctx, start)]
    for want in (1, 2, 10, 64, 10 ** 6):
        items = clipping._frontier(ctx, start, want)
        tasks = [s for kind, s in items if kind == "task"]
        assert len(tasks) >= min(want, 1) or not tasks
        out = []
        for kind, s in items:
            out += [s] if kind == "done" else [clipping._compact(ctx, t) for t in clipping._finish_state(ctx, s)]
        assert out == serial
        if want == 1:
            assert items == [("task", start)]
        if want == 10 ** 6:
            assert tasks == []


def _start3(lo=-1, hi=1):
    verts, tights = clipping._box_polytope([lo] * 3, [hi] * 3)
    return ((), 0, 0, (), verts, tights, (), None, ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], 1))


def test_task_count_grows_with_the_first_layer_between_its_bounds():
    """32 tasks per worker, more for a wider first layer (isqrt(3 R1), R1 = sum_{i <= d} C(n1, i)),
    at most 128 per worker; an identity layer (no neuron cuts) is skipped."""
    import math

    def ctx(d, n1, first_identity=False):
        layers = [{"weight": [[int(i == j) for j in range(d)] for i in range(d)], "bias": [0] * d,
                   "activation": "identity"}] if first_identity else []
        layers.append({"weight": [[(i + j) % 3 - 1 for j in range(d)] for i in range(n1)], "bias": [0] * n1,
                       "activation": "relu"})
        layers.append({"weight": [[1] * n1], "bias": [0], "activation": "identity"})
        return clipping._Ctx(Network.from_json({"layers": layers}))

    r1 = lambda d, n: sum(math.comb(n, i) for i in range(d + 1))  # noqa: E731
    assert clipping._task_count(ctx(3, 5), 1) == 32 and clipping._task_count(ctx(3, 5), 2) == 64
    assert clipping._task_count(ctx(3, 20), 2) == 64               # isqrt(3 * 1351) = 63: the floor
    assert clipping._task_count(ctx(3, 32), 2) == math.isqrt(3 * r1(3, 32)) == 128
    assert clipping._task_count(ctx(3, 48), 2) == math.isqrt(3 * r1(3, 48)) == 235
    assert clipping._task_count(ctx(3, 48), 1) == 128               # the ceiling, one worker
    assert clipping._task_count(ctx(3, 48), 8) == 256               # the floor, eight workers
    assert clipping._task_count(ctx(2, 150), 2) == math.isqrt(3 * r1(2, 150)) == 184
    assert clipping._task_count(ctx(2, 400), 2) == 256              # isqrt(3 R1) = 490: the ceiling
    assert clipping._task_count(ctx(6, 64), 2) == 256               # the ceiling, two workers
    assert clipping._task_count(ctx(3, 48, first_identity=True), 2) == 235
    assert clipping._task_count(ctx(1, 1), 3) == 96                 # R1 = 2
    linear = Network.from_json({"layers": [{"weight": [[1, 2], [3, 4]], "bias": [0, 1], "activation": "identity"}]})
    assert clipping._task_count(clipping._Ctx(linear), 2) == 64     # no neuron cuts: the floor


def test_cuts_needs_both_signs_at_the_vertices():
    """_cuts: both a positive and a negative value among the vertices (X, w); zeros (a vertex on
    the hyperplane) count for neither; the value is row . X + off * w."""
    sq = [((0, 0), 1), ((2, 0), 1), ((2, 2), 1), ((0, 2), 1)]  # the square [0, 2]^2
    assert clipping._cuts((1, 0), -1, sq)        # x = 1 crosses it
    assert not clipping._cuts((1, 0), 0, sq)      # x = 0: a side (zeros and positives)
    assert not clipping._cuts((1, 0), -2, sq)     # x = 2: the other side (negatives and zeros)
    assert not clipping._cuts((1, 1), -5, sq)     # beyond a corner: negatives only
    assert not clipping._cuts((1, 1), 1, sq)      # positives only
    assert not clipping._cuts((0, 0), 0, sq)      # zero everywhere
    assert not clipping._cuts((1, 0), -1, [])     # no vertex
    assert clipping._cuts((0, 0), 1, [((0, 0), 1), ((0, 0), -1)])  # the homogeneous w counts: off * w
    assert not clipping._cuts((1, 0), -1, [((1, 0), 1), ((2, 0), 1)])  # a zero then a positive
    assert clipping._cuts((1, 0), -1, [((1, 0), 1), ((2, 0), 1), ((0, 0), 1)])  # the negative comes last
    for row, off in (((1, 0), -1), ((1, 1), -2), ((3, -1), 0), ((0, 1), -2)):
        vals = clipping._values(row, off, sq)
        assert clipping._cuts(row, off, sq) == (min(vals) < 0 < max(vals))


def test_work_counts_the_neurons_left_that_cut_the_piece():
    net = _frontier_net()  # 3-6-6-1, the last layer the identity: no neuron there cuts a piece
    ctx = clipping._Ctx(net)
    start = _start3()
    assert ctx.widths == [6, 6, 0]
    assert clipping._work(ctx, start) == 12  # before the first layer starts: every neuron
    checked, states = set(), [start]
    while states:
        s = states.pop()
        if clipping._done(ctx, s):
            continue
        if s[7] is not None:
            A, _, off, _, fixed = s[7]
            cut = [k for k in range(s[2], len(A)) if fixed[k] is None
                   and min(clipping._values(A[k], off[k], s[4])) < 0 < max(clipping._values(A[k], off[k], s[4]))]
            assert clipping._work(ctx, s) == len(cut) + sum(ctx.widths[s[1] + 1:])
            checked.add((s[1], len(cut)))
        else:
            assert clipping._work(ctx, s) == sum(ctx.widths[s[1]:])
        states.extend(clipping._step(ctx, s))
    # every layer seen, with and without neurons left that cut the piece
    assert {li for li, _ in checked} == {0, 1} and {c > 0 for _, c in checked} == {True, False}


def test_frontier_splits_the_largest_task_and_the_largest_go_first():
    net = _frontier_net()
    ctx = clipping._Ctx(net)
    start = _start3()
    items = clipping._frontier(ctx, start, 16)
    tasks = [s for kind, s in items if kind == "task"]
    assert len(tasks) == 16
    sizes = [len(clipping._finish_state(ctx, t)) for t in tasks]
    total = len(clipping._finish_state(ctx, start))
    assert sum(sizes) + sum(kind == "done" for kind, _ in items) == total
    assert max(sizes) <= total // 4  # no task holds a large share of the pieces
    # the executor gets the tasks in decreasing order of their work ahead
    seen = []

    class Recording(CountingExecutor):
        def submit(self, fn, *args):
            if fn.__name__ == "_task_run":
                import pickle

                seen.append(clipping._work(ctx, pickle.loads(args[1])))
            return super().submit(fn, *args)

    clipping.clip_enumerate(net, None, workers=2, executor=Recording())
    assert len(seen) == 64 and seen == sorted(seen, reverse=True) and seen[0] > seen[-1]


def test_worker_tasks_look_at_the_stop_every_256_pieces():
    class Counting:
        def __init__(self, after):
            self.calls, self.after = 0, after

        def is_set(self):
            self.calls += 1
            return self.calls > self.after

    from proofs.claims.p003 import random_network

    net = random_network([2, 24, 12, 1], 1)       # 581 pieces: the stop is looked at after 256 and 512
    verts, tights = clipping._box_polytope([-99, -99], [99, 99])
    start = ((), 0, 0, (), verts, tights, (), None, ([[1, 0], [0, 1]], [0, 0], 1))
    geo = (2, False, (-99, -99), (99, 99))
    stop = Counting(10)
    clipping._worker_init(net, stop)
    n = clipping._worker_run(start, geo)[0]
    assert stop.calls == n // 256 and n >= 512
    clipping._worker_init(net, Counting(1))
    with pytest.raises(clipping._Stopped):          # stopped at the second look (512 pieces)
        clipping._worker_run(start, geo)
    clipping._worker_init(net, None)


def test_completed_reports_while_waiting():
    import concurrent.futures as cf
    import threading

    f, g = cf.Future(), cf.Future()
    g.set_result(2)
    calls = []
    threading.Timer(0.35, f.set_result, (1,)).start()
    got = list(clipping._completed([f, g], calls.append))
    assert got == [g, f]
    assert calls[0] == 1 and calls[-1] == 2 and calls.count(1) >= 2  # reported every _POLL seconds while waiting
    assert calls == sorted(calls) and set(calls) == {1, 2}
    assert list(clipping._completed([], calls.append)) == []


def test_abandon_sets_the_stop_cancels_and_shuts_the_pool_down():
    log = []

    class Fut:
        def __init__(self, k):
            self.k = k

        def cancel(self):
            log.append(("cancel", self.k))

    class Pool:
        def shutdown(self, **kw):
            log.append(("shutdown", kw))

    class Stop:
        def set(self):
            log.append("stop")

    clipping._abandon(Pool(), [Fut(0), Fut(1)], Stop())
    assert log == ["stop", ("cancel", 0), ("cancel", 1), ("shutdown", {"wait": True, "cancel_futures": True})]
    log.clear()
    clipping._abandon(Pool(), [Fut(2)], None)  # the caller's executor: left running
    assert log == [("cancel", 2)]


@pytest.mark.parametrize("bx", [None, (("-1", "1"),) * 3])
def test_equal_constraints_and_maps_are_one_object(bx):
    from exact.regions import parse_box

    e = clipping.clip_enumerate(NETS["deep"], parse_box(bx, 3))
    cons, maps = {}, {}
    for r in e.regions:
        for c in r.constraints:
            if c.label[0] == "neuron":
                assert cons.setdefault((c.a, c.b, c.label), c) is c
        first = maps.setdefault((r.linear, r.offset), r)
        assert first.linear is r.linear and first.offset is r.offset
    assert len(cons) < sum(c.label[0] == "neuron" for r in e.regions for c in r.constraints)  # shared facets
    assert len(maps) < len(e.regions)  # shared maps


def test_the_pool_forks_its_workers(monkeypatch):
    """The pool's workers are forked where the platform can (they inherit the frozen objects)."""
    import concurrent.futures as cf
    import multiprocessing as mp

    asked, made = [], []
    real = mp.get_context

    def get_context(method=None):
        asked.append(method)
        return real(method)

    class Pool:
        def __init__(self, **kw):
            made.append(kw)
            raise _Refused

    monkeypatch.setattr(mp, "get_context", get_context)
    monkeypatch.setattr(cf, "ProcessPoolExecutor", Pool)
    net = _frontier_net()
    with pytest.raises(_Refused):
        clipping.clip_enumerate(net, None, workers=3)
    assert asked == ["fork"] and made[0]["mp_context"].get_start_method() == "fork"
    assert made[0]["max_workers"] == 3 and made[0]["initializer"] is clipping._worker_init
    given, stop, parent = made[0]["initargs"]
    assert given is net and stop.is_set() is False  # an event the workers look at
    assert parent == os.getpid()  # the workers end with this process (exact.workers)


class _Refused(Exception):
    pass


class _Stop(Exception):
    pass


def test_a_stopped_enumeration_on_the_callers_executor_raises_its_own_exception():
    def stop(layer, k, n):
        raise _Stop

    with pytest.raises(_Stop):  # after every task is in: the callback stops the merge
        clipping.clip_enumerate(_frontier_net(), None, workers=1, executor=CountingExecutor(), progress=stop)

    class Refusing(CountingExecutor):
        def submit(self, fn, *args):
            raise _Refused

    with pytest.raises(_Refused):  # the first submission fails
        clipping.clip_enumerate(_frontier_net(), None, workers=1, executor=Refusing())


class _FakePool(CountingExecutor):
    """The process pool replaced by one running its initializer and every task in this process."""

    made: list = []

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        super().__init__()
        initializer(*initargs)
        self.stop = initargs[1]
        _FakePool.made.append(self)
        self.shut = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shut.append("exit")

    def shutdown(self, **kw):
        self.shut.append(kw)


@pytest.mark.parametrize("frozen", [0, 5])
def test_the_pool_path_in_process_and_the_collectors_freeze(monkeypatch, frozen):
    """The pool path (tasks, records packed in the workers) run in this process;
    the collector's objects are frozen for the run and unfrozen after, unless the caller froze some
    (frozen again before the collector resumes: what the run made joins the oldest generation)."""
    import concurrent.futures as cf
    import gc

    calls = []
    monkeypatch.setattr(cf, "ProcessPoolExecutor", _FakePool)
    monkeypatch.setattr(gc, "get_freeze_count", lambda: frozen)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    roomy = []
    monkeypatch.setattr(clipping, "_roomy_results", roomy.append)
    net = _frontier_net()
    for bx in (None, _bx("unit", 3)):
        _FakePool.made.clear()
        calls.clear()
        roomy.clear()
        e = clipping.clip_enumerate(net, bx, workers=2)
        assert roomy == _FakePool.made  # the pool's result pipe enlarged
        assert calls == ([] if frozen else ["freeze", "freeze", "unfreeze"])
        calls.clear()
        pool = _FakePool.made[0]
        assert pool.calls.count("_worker_run") == 64  # R^3 and the unit box: 32 tasks per worker
        assert set(pool.calls) == {"_worker_run"}  # one round
        assert e.regions == clipping.clip_enumerate(net, bx).regions
        assert pool.shut == ["exit"] and not pool.stop.is_set()
    with pytest.raises(_Stop):  # stopped: the stop is set, the pool shut down (waiting for its workers)
        clipping.clip_enumerate(net, None, workers=2, progress=lambda *a: (_ for _ in ()).throw(_Stop()))
    pool = _FakePool.made[-1]
    assert pool.stop.is_set() and pool.shut == [{"wait": True, "cancel_futures": True}, "exit"]
    # with the caller's executor nothing is frozen
    calls.clear()
    clipping._WORKER_CTX = clipping._WORKER_STOP = None  # (set by the in-process pool above)
    clipping.clip_enumerate(net, None, workers=2, executor=CountingExecutor())
    assert calls == []


def test_progress_of_the_parallel_path_counts_the_tasks():
    calls = []
    clipping.clip_enumerate(_frontier_net(), None, workers=1, executor=CountingExecutor(), progress=lambda *a: calls.append(a))
    assert calls == [(3, k, 32) for k in range(1, 33)]  # (layers, tasks done, tasks)


def test_region_types_are_imported_on_first_use(monkeypatch):
    from exact.regions import Constraint, Region

    monkeypatch.setattr(clipping, "_REGION_TYPES", ())
    assert clipping._region_types() == (Constraint, Region)
    assert clipping._REGION_TYPES == (Constraint, Region) and clipping._region_types()[1] is Region


@pytest.mark.parametrize("d", [2, 3])
def test_checked_refuses_points_on_the_boundary(d):
    from exact.clipping import _checked

    lo, hi = (F(-1, 2),) + (F(-1),) * (d - 1), (F(3, 2),) + (F(1),) * (d - 1)
    below = [(2 * d, 0, 0, 0, (0,) + (1,) * (d - 1), 0, 1)]   # x_2 + ... + x_d < 0
    rest = [0] * (d - 2)
    assert _checked(([0, -1] + rest, 2), (), below, d, lo, hi) == ([0, -1] + rest, 2)
    for bad in (([-1, -1] + rest, 2),       # x_1 = -1/2 = lo_1
                ([3, -1] + rest, 2),        # x_1 = 3/2 = hi_1
                ([0, -1] + rest, 1),        # x_2 = -1 = lo_2
                ([1, 0] + rest, 4),         # on the hyperplane
                ([1, 1] + rest, 4)):        # above it
        with pytest.raises(AssertionError, match=r"the interior point of region \(\) is not strictly inside it"):
            _checked(bad, (), below, d, lo, hi)


def test_pre_activations_keep_the_unshifted_offsets_exact():
    """u = (A x + e) / den and u - level = (A x + off) / den: with the level 3/2 the common factor 2
    of den, A and off does not divide e (= 7), so nothing is divided out."""
    layer = _net({"weight": [[2, 0]], "bias": ["-1/2"], "activation": "hard_threshold", "threshold": "3/2"},
                 {"weight": [[1]]}).layers[0]
    A, e, off, den = clipping._pre(clipping._layer_int(layer), [[-4, -4], [1, 1]], [2, -3], 1)
    assert (A, e, off, den) == ([[-16, -16]], [7], [4], 2)


def test_pre_activations_divide_out_a_common_factor_of_two():
    layer = _net({"weight": [[1, 1]], "bias": ["1/2"], "activation": "relu"}, {"weight": [[1]]}).layers[0]
    # u = (2 (2x) + 2 (2y) + 1 * 2) / 4 on the map (2x, 2y) / 2: the factor 2 is divided out
    assert clipping._pre(clipping._layer_int(layer), [[2, 0], [0, 2]], [0, 0], 2) == ([[2, 2]], [1], [1], 2)
