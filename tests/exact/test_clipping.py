"""Tests of exact.clipping: exact regions by vertex clipping in every input dimension.

The reference is the general path (an exact strict-feasibility decision per split, Motzkin
multipliers for the empty sides), an independent method: same patterns, same facets (as exact
inequalities), same affine maps; every interior point is checked against the pattern's full
open system and against the pattern of the point itself.
"""

import doctest
from fractions import Fraction as F

import pytest

import exact.clipping as clipping
from exact.errors import InvalidArgument
from exact.network import Network
from exact.regions import configuration_at, enumerate_regions, json_layout, pattern_system
from proofs.claims.p003 import network_zoo, random_network

from inline_executor import CountingExecutor  # tests/inline_executor.py (pytest puts tests/ on the path)


def test_doctests():
    assert doctest.testmod(clipping).failed == 0


def _check_points(e):
    for r in e.regions:
        rows, linear, offset = pattern_system(e.network, r.pattern, e.box)
        assert all(c.holds(r.point) for c in rows), r.pattern
        assert configuration_at(e.network, r.point) == r.pattern
        assert (linear, offset) == (r.linear, r.offset)
        assert r.contains(r.point)


def _same(ref, e):
    a = {r.pattern: r for r in ref.regions}
    b = {r.pattern: r for r in e.regions}
    assert len(b) == len(e.regions), "a pattern listed twice"
    assert set(a) == set(b)
    for k, r in a.items():
        assert {(c.a, c.b) for c in r.constraints} == {(c.a, c.b) for c in b[k].constraints}, k
        assert (r.linear, r.offset) == (b[k].linear, b[k].offset)
    assert ref.counts() == e.counts()
    _check_points(e)


def _unit(c):
    """The half-space a.x < b scaled so that max |a_i| = 1 (the sweep writes x < t, not u < 0)."""
    s = max(abs(v) for v in c.a)
    return tuple(v / s for v in c.a), c.b / s


def _net(*layers):
    return Network.from_layers(*layers)


# Degenerate 3-D arrangements, each degeneracy on purpose.
DEGENERATE = {
    # six planes through the origin, a scaled copy and an opposite copy of x = 0
    "concurrent+repeated+opposite": _net(
        {"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 1, 1], [0, 1, -1], [3, 0, 0], [-1, 0, 0]],
         "bias": [0] * 8, "activation": "relu"},
        {"weight": [[1, -1, 2, 1, -1, 1, 1, 1]], "activation": "identity"}),
    # parallel planes, and a second layer whose planes pass through the first layer's lines
    "parallel+concurrent-deep": _net(
        {"weight": [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, -1, 0], [0, 0, 2]], "bias": [0, -1, 1, 0, -1],
         "activation": "relu"},
        {"weight": [[1, -1, 0, 1, 0], [0, 1, 1, 0, -1], [1, 1, 1, 1, 1]], "bias": [0, 0, -2], "activation": "relu"},
        {"weight": [[1, 2, -1]], "activation": "identity"}),
    # dead (zero weights, negative or zero bias) and constant (positive bias) neurons in both layers,
    # and a layer-2 neuron constant on the all-off region of layer 1
    "dead+constant+collapse": _net(
        {"weight": [[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0]], "bias": [0, -1, 0, 1, 0, 0],
         "activation": "relu"},
        {"weight": [[1, 0, 1, 0, 1, 0], [0, 0, 0, 0, 0, 0], [0, 5, 0, 1, 0, 7], [1, 0, -1, 0, 0, 0]],
         "bias": [-1, 2, -1, 0], "activation": "relu"},
        {"weight": [[1, 1, 1, 1]], "activation": "identity"}),
    # planes through vertices and along edges and faces of the box (-1, 1)^3
    "vertices-on-planes": _net(
        {"weight": [[1, 1, 1], [1, 1, 0], [1, 0, 0], [1, 1, 1], [1, -1, 0], [0, 1, 1]], "bias": [-3, -2, -1, -1, 0, 0],
         "activation": "relu"},
        {"weight": [[1, 1, 1, 1, 1, 1], [1, -1, 1, -1, 1, -1]], "bias": [-1, 0], "activation": "relu"},
        {"weight": [[1, 1]], "activation": "identity"}),
    # a hard-threshold layer and an identity layer inside the network
    "threshold+identity": _net(
        {"weight": [[1, 0, 0], [0, 1, 1], [1, 1, 1]], "bias": [0, 0, "1/2"], "activation": "relu"},
        {"weight": [[1, 1, 0], [0, 1, -1]], "bias": [0, 1], "activation": "identity"},
        {"weight": [[1, 0], [1, 1], [0, 0]], "bias": [0, 0, 1], "activation": "hard_threshold", "threshold": "1"},
        {"weight": [[1, 2, 3]], "bias": [0], "activation": "relu"},
        {"weight": [[1]], "activation": "identity"}),
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
@pytest.mark.parametrize("box", [None, ("-1", "1"), [("-1", "1"), ("0", "1"), ("-1/2", "3")]])
def test_degenerate_arrangements_equal_the_general_path(name, box):
    net = DEGENERATE[name]
    e = enumerate_regions(net, box)
    assert e.method == "clip"
    _same(enumerate_regions(net, box, method="general"), e)


@pytest.mark.parametrize("widths,seed", [([3, 4, 3, 1], 0), ([4, 3, 3, 1], 2)] + [
    pytest.param(w, s, marks=pytest.mark.slow) for w, s in
    [([3, 5, 4, 1], 0), ([3, 4, 4, 3, 1], 1), ([4, 5, 4, 1], 2), ([5, 5, 3, 1], 3), ([6, 4, 4, 1], 4)]])
@pytest.mark.parametrize("box", [None, ("-1", "2")])
def test_random_networks_equal_the_general_path(widths, seed, box):
    net = random_network(widths, seed)
    _same(enumerate_regions(net, box, method="general"), enumerate_regions(net, box, method="clip"))


@pytest.mark.parametrize("box", [None, ("-2", "3")])
def test_low_dimensions_equal_the_sweep_and_the_polygon_path(box):
    for net in network_zoo().values():
        if net.in_dim in (1, 2):
            ref = enumerate_regions(net, box)
            assert ref.method in ("sweep1d", "polygon2d")
            e = enumerate_regions(net, box, method="clip")
            assert {r.pattern for r in ref.regions} == {r.pattern for r in e.regions}
            for r, s in zip(sorted(ref.regions, key=lambda r: r.pattern), sorted(e.regions, key=lambda r: r.pattern)):
                assert {_unit(c) for c in r.constraints} == {_unit(c) for c in s.constraints}
                assert (r.linear, r.offset) == (s.linear, s.offset)
            _check_points(e)


def test_zaslavsky_count_in_general_position():
    """m generic planes through R^3 make sum_{i<=3} C(m, i) regions."""
    from math import comb

    net = random_network([3, 9, 1], 5, den=97, span=1000)
    assert len(enumerate_regions(net).regions) == sum(comb(9, i) for i in range(4))


def test_far_regions_are_found_and_points_stay_near_the_arrangement():
    """All planes cross far from the origin; the box of vertex_bound still meets every region."""
    net = _net({"weight": [[1, 0, 0], [1, 1, 0], [0, 1, 1], [1, 0, -1]], "bias": [-300, -700, -500, 100],
                "activation": "relu"}, {"weight": [[1, 1, 1, 1]], "activation": "identity"})
    e = enumerate_regions(net)
    _same(enumerate_regions(net, method="general"), e)
    assert max(abs(x) for r in e.regions for x in r.point) < 10_000


def test_workers_do_not_change_the_output():
    net = random_network([3, 6, 6, 1], 7)
    one = enumerate_regions(net, workers=1).to_json()
    two = enumerate_regions(net, workers=2).to_json()
    assert one == two
    box = [("-1", "1")] * 3
    assert enumerate_regions(net, box, workers=1).to_json() == enumerate_regions(net, box, workers=3).to_json()


def test_bad_domains_are_refused():
    net = random_network([3, 2, 1], 0)
    with pytest.raises(InvalidArgument):
        enumerate_regions(net, [(None, 1), (0, 1), (0, 1)], method="clip")


# -- negative controls: deliberately wrong clipping must be caught by these comparisons ---------

def _compare_fails(net, box=None):
    try:
        e = enumerate_regions(net, box, method="clip")
    except AssertionError:
        return True  # the enumerator's own interior-point check caught it
    try:
        _same(enumerate_regions(net, box, method="general"), e)
    except AssertionError:
        return True
    return False


def test_negative_control_edges_missed(monkeypatch):
    """An adjacency test asking for d shared constraints instead of d - 1 misses the edges (and the
    new vertices on them): the comparison must fail."""
    real = clipping._cut

    def strict_adjacency(verts, tights, s, bit, d):
        return real(verts, tights, s, bit, d + 1)

    net = DEGENERATE["concurrent+repeated+opposite"]
    assert not _compare_fails(net, ("-1", "1"))
    monkeypatch.setattr(clipping, "_cut", strict_adjacency)
    assert _compare_fails(net, ("-1", "1"))


def test_negative_control_vertices_on_the_plane_kept_on_one_side(monkeypatch):
    """A vertex on the cutting plane given to the positive side only: the degenerate tests see it."""
    real = clipping._cut

    def one_sided(verts, tights, s, bit, d):
        plus, (mv, mt) = real(verts, tights, s, bit, d)
        zero = {verts[k] for k in range(len(verts)) if s[k] == 0}
        keep = [k for k, v in enumerate(mv) if v not in zero]
        return plus, ([mv[k] for k in keep], [mt[k] for k in keep])

    net = DEGENERATE["vertices-on-planes"]
    assert not _compare_fails(net, ("-1", "1"))
    monkeypatch.setattr(clipping, "_cut", one_sided)
    assert _compare_fails(net, ("-1", "1"))


def test_regions_have_exact_rational_points_and_facets():
    e = enumerate_regions(DEGENERATE["concurrent+repeated+opposite"], ("-1", "1"))
    for r in e.regions:
        assert all(isinstance(x, F) for x in r.point)
        assert all(isinstance(v, F) for c in r.constraints for v in c.a + (c.b,))
        assert r.constraints  # in a bounded box every region has facets


def test_progress_is_reported_during_the_clipping():
    calls = []
    e = enumerate_regions(random_network([3, 8, 8, 1], 0), progress=lambda layer, k, n: calls.append((layer, k, n)))
    assert len(e.regions) >= 512 and (0, 256) <= calls[0][:2] and all(k <= n for _, k, n in calls)
    assert [k for _, k, _ in calls[:2]] == [256, 512]


def test_workers_on_small_networks_and_unbounded_interior_points():
    # a traversal that finishes inside the parallel frontier (no task at all), and networks whose
    # pieces on the artificial box's sides take their interior points in their tasks (the box around
    # each region's own true vertices)
    for widths, seed in (([2, 3, 1], 0), ([2, 8, 8, 8, 1], 0), ([2, 16, 16, 1], 1)):
        net = random_network(widths, seed, den=4, span=8)
        one = enumerate_regions(net, method="clip", workers=1)
        assert len(one.regions) > 0
        for box in (None, [("-1", "2")] * 2):
            ref = enumerate_regions(net, box, method="clip", workers=1).to_json()
            assert enumerate_regions(net, box, method="clip", workers=2).to_json() == ref


class _Stop(Exception):
    pass


def _busy_net(seed=3, widths=(3, 12, 12)):
    import random

    from exact.network import Network

    r = random.Random(seed)
    layers = [{"weight": [[r.randint(-9, 9) for _ in range(a)] for _ in range(b)],
               "bias": [r.randint(-9, 9) for _ in range(b)], "activation": "relu"}
              for a, b in zip(widths, widths[1:])]
    return Network.from_json({"layers": layers})


def test_a_raising_progress_stops_the_pool_and_its_workers():
    # A progress callback may stop the parallel enumeration (the CLI's --seconds does): the
    # exception comes out, and no worker process is left running its task.
    import multiprocessing as mp

    from exact.clipping import clip_enumerate

    calls = []

    def stop(layer, k, n):
        calls.append((k, n))
        raise _Stop

    with pytest.raises(_Stop):
        clip_enumerate(_busy_net(), None, workers=2, progress=stop)
    assert len(calls) == 1 and calls[0][0] < calls[0][1]
    assert mp.active_children() == []


def test_a_raising_progress_cancels_the_callers_executor_tasks():
    # With the caller's executor (a Dask client's in the CLI) the queued tasks are cancelled and
    # the executor is left running.
    import concurrent.futures as cf

    from exact.clipping import clip_enumerate

    ran = []

    class Counting(cf.ThreadPoolExecutor):
        def submit(self, fn, *a, **k):
            def run(*a, **k):
                ran.append(1)
                return fn(*a, **k)
            return super().submit(run, *a, **k)

    def stop(layer, k, n):
        raise _Stop

    with Counting(max_workers=1) as ex:
        with pytest.raises(_Stop):
            clip_enumerate(_busy_net(), None, workers=2, progress=stop, executor=ex)
        ex.submit(int).result()  # the stopped run's task in progress, if any, has ended
        stopped = len(ran) - 1
        full = clip_enumerate(_busy_net(), None, workers=2, executor=ex)  # the executor still works
    tasks = len(ran) - 1 - stopped
    assert full.regions and 1 <= stopped < tasks  # the stopped run's queued tasks never ran


def test_a_stopped_enumeration_ends_its_running_pool_tasks(monkeypatch):
    # The running tasks see the stop and end (by _Stopped, sent back as their result) instead of
    # running on to the end of their subtree: a task's traversal here waits for the stop, up to
    # 30 s, and counts in `late` if it never came.
    import multiprocessing as mp
    import time

    from exact.clipping import clip_enumerate

    late = mp.get_context("fork").Value("i", 0)

    def waiting_traversal(ctx, state, progress=None):
        t = time.monotonic()
        while time.monotonic() - t < 30:
            progress()  # a pool task's progress: _worker_check
            time.sleep(0.01)
        with late.get_lock():
            late.value += 1
        return []

    monkeypatch.setattr(clipping, "_finish_state", waiting_traversal)  # seen by the forked workers
    calls = []

    def stop(layer, k, n):
        calls.append(k)
        if len(calls) == 3:  # a few polls: both workers are inside a task
            raise _Stop

    with pytest.raises(_Stop):
        clip_enumerate(_busy_net(), None, workers=2, progress=stop)
    assert calls == [0, 0, 0] and late.value == 0 and mp.active_children() == []

# -- the parallel path in-process: an executor running each task at once, the worker functions --------

@pytest.mark.parametrize("widths,seed,box", [([3, 6, 6, 1], 7, None), ([3, 6, 6, 1], 7, [("-1", "1")] * 3),
                                             ([2, 8, 8, 1], 0, None), ([3, 2, 1], 0, None)])
def test_tasks_run_in_process_give_the_serial_output(widths, seed, box):
    net = random_network(widths, seed, den=4, span=8) if widths[0] == 2 else random_network(widths, seed)
    ref = clipping.clip_enumerate(net, box)
    for workers in (1, 2, 3):
        ex = CountingExecutor()
        e = clipping.clip_enumerate(net, box, workers=workers, executor=ex)
        assert e.regions == ref.regions and e.method == "clip" and e.irredundant and e.box == ref.box
        assert e.counts() == ref.counts()
        tasks = ex.calls.count("_task_run")  # the frontier: at least 32 tasks per worker, or none left
        assert tasks == 0 or tasks >= 32 * workers
        if (widths, seed, box) == ([3, 6, 6, 1], 7, None):
            assert tasks == {1: 32, 2: 64, 3: 96}[workers]
        assert set(ex.calls) <= {"_task_run"}  # one round of tasks
    _check_points(ref)


def test_worker_functions_in_process():
    import pickle

    net = random_network([3, 5, 1], 3)
    ref = clipping.clip_enumerate(net, [("-2", "2")] * 3)
    ctx = clipping._Ctx(net)
    lo, hi = [-2] * 3, [2] * 3
    verts, tights = clipping._box_polytope(lo, hi)
    start = ((), 0, 0, (), verts, tights, (), None, ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], 1))
    geo = (3, False, tuple(lo), tuple(hi))
    clipping._worker_init(net)
    n, packed, texts, local = clipping._worker_run(start, geo)  # records packed (_pack)
    fv_ref: list = []
    recs_ref = clipping._records([clipping._compact(ctx, s) for s in clipping._finish_state(ctx, start)], geo,
                                 fv_ref)
    # the task's share of the count, made in the worker from its records and facets' vertices
    joins, pending, keys, facets, fverts = pickle.loads(local)
    ref_local = clipping._local_count(recs_ref, fv_ref, clipping._summary(recs_ref, False), geo, frozenset())
    assert (joins, pending, keys) == ref_local[:3]  # the keys as they are
    assert list(facets) == [x for f in ref_local[3] for x in f]  # flat
    assert [v for c in fverts for v in pickle.loads(c)] == ref_local[4]  # in chunks of _CHUNK facets
    assert all(len(pickle.loads(c)) == clipping._CHUNK for c in fverts[:-1])
    assert texts is None  # JSON texts only when asked for
    texts = clipping._worker_run(start, geo, True)[2]
    recs, local2 = pickle.loads(clipping._task_run(pickle.dumps(ctx), pickle.dumps(start), geo))
    assert local2 == pickle.loads(local)  # the task's share of the count, as the pool's worker makes it
    assert n == len(recs) == len(ref.regions) and recs == recs_ref
    # the packed records are the records, in chunks of _CHUNK
    assert [r for c in packed for r in pickle.loads(c)] == recs
    assert [len(pickle.loads(c)) for c in packed] == [min(clipping._CHUNK, n - i) for i in range(0, n, clipping._CHUNK)]
    assert set(keys) == {k for k, _ in clipping._summary(recs, False)}  # the count's keys
    assert texts == [json_layout(r.to_json(), 2)[:-4] for r in ref.regions]
    assert [clipping._region_of(r, geo, ({}, {})) for r in recs] == ref.regions


def test_default_workers_is_the_affinity():
    import os

    assert clipping.default_workers() == max(1, len(os.sched_getaffinity(0))) >= 1


def test_products_beyond_int64_take_the_exact_product():
    """Weights 2^40 in two layers: the second layer's products reach 2^81, past the int64 guard of
    _pre (largest row sum of |Wn| times the largest entry); the regions equal the general path's."""
    big = 2 ** 40
    net = _net({"weight": [[big, 1, 0], [0, big, -1], [1, 1, big]], "bias": [0, 1, -big], "activation": "relu"},
               {"weight": [[big, -big, 1], [1, big, big]], "bias": [1, -big], "activation": "relu"},
               {"weight": [[1, 1]]})
    assert clipping._layer_int(net.layers[1])[5] is not None   # int64 weights, but products too large
    e = enumerate_regions(net, method="clip")
    assert len(e.regions) == 22
    _same(enumerate_regions(net, method="general"), e)


def test_weights_at_2_to_the_62_leave_the_int64_weights():
    lay = clipping._layer_int(_net({"weight": [[2 ** 61, 2 ** 61 - 1]], "activation": "relu"}, {"weight": [[1]]}).layers[0])
    assert lay[6] == 2 ** 62 - 1 and lay[5] is not None and lay[5].dtype.name == "int64"
    lay = clipping._layer_int(_net({"weight": [[2 ** 61, -2 ** 61]], "activation": "relu"}, {"weight": [[1]]}).layers[0])
    assert lay[6] == 2 ** 62 and lay[5] is None
    lay = clipping._layer_int(_net({"weight": [["1/3", "-1/2"]], "bias": ["1/4"], "activation": "hard_threshold",
                                    "threshold": "5/7"}, {"weight": [[1]]}).layers[0])
    assert lay[:5] == ([[28, -42]], [21], 60, 84, lay[4]) and lay[6] == 70
    # odd denominators only: the common denominator is 3 (not a multiple of 2)
    lay = clipping._layer_int(_net({"weight": [["1/3", 1]], "bias": [1], "activation": "relu"}, {"weight": [[1]]}).layers[0])
    assert lay[:4] == ([[1, 3]], [3], 0, 3)


def test_a_weight_of_2_to_the_63_is_accepted_by_the_clipping():
    net = _net({"weight": [[2 ** 63, 1, 0], [0, 1, 1]], "bias": [0, -1], "activation": "relu"}, {"weight": [[1, 1]]})
    assert len(enumerate_regions(net, method="clip").regions) == len(enumerate_regions(net, method="general").regions)


def test_progress_ends_with_the_number_of_layers():
    net = random_network([3, 4, 1], 2)
    calls = []
    enumerate_regions(net, progress=lambda *a: calls.append(a))
    assert calls == [(2, 1, 1)]  # fewer than 256 pieces: only the final call
    calls = []
    ex = CountingExecutor()
    clipping.clip_enumerate(random_network([3, 6, 6, 1], 7), None, workers=1, executor=ex,
                            progress=lambda *a: calls.append(a))
    assert calls == [(3, k, 32) for k in range(1, 33)]


def test_interior_points_by_hand_near_the_true_vertices():
    """Planes x = 10, y = 0, z = 0 on R^3: R = vertex_bound = 6 * 3^2 * 30 + 30 + 1 = 1651, the one true
    vertex (10, 0, 0) gives the box (-12, 12)^3, and each octant's part in it has its vertices' average
    at x = 11 or -1, y, z = +-6.  With no bias (R = 1, the box around the origin is not smaller) the
    octants of (-1, 1)^3 give +-1/2."""
    from exact.regions import vertex_bound

    for b, xs in ((-10, (-1, 11)), (0, (F(-1, 2), F(1, 2)))):
        net = _net({"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "bias": [b, 0, 0], "activation": "relu"},
                   {"weight": [[1, 1, 1]]})
        assert vertex_bound(net) == (1651 if b else 1)
        yz = (-6, 6) if b else xs
        e = enumerate_regions(net)
        assert e.method == "clip" and len(e.regions) == 8
        for r in e.regions:
            bits = r.pattern[0]
            assert r.point == (xs[bits[0]], yz[bits[1]], yz[bits[2]])


def test_default_workers_on_one_core_and_without_affinity(monkeypatch):
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert clipping.default_workers() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert clipping.default_workers() == 3
    monkeypatch.delattr(os, "sched_getaffinity")      # not on Linux: the CPU count, at least 1
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert clipping.default_workers() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert clipping.default_workers() == 3
