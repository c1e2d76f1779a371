"""Affine pieces from the integer records (exact.clipping._pieces_int: map keys and facet planes
made where the records are made, in the pool's workers) against the count over Fractions
(exact.regions._merge_pieces, the reference): the same groups for the clipping path (1, 2 and 3
workers) and the 2-D polygon path, on random and degenerate networks, boxes and R^d; the JSON is
the same for every number of workers.
"""

import json
import random
from fractions import Fraction as F

import pytest

import exact.clipping as clipping
import exact.regions as regions
from exact.network import Network
from exact.regions import enumerate_regions, json_layout
from proofs.claims.p003 import random_network

BOXES = [None, (-1, 1), (F(-3, 2), F(5, 3))]


def _degenerate(k, d):
    """Weights in {-1, 0, 1}: repeated, parallel and concurrent hyperplanes, dead neurons, and
    many regions with one map (the output reads one neuron of the second layer)."""
    rng = random.Random(100 + k)
    w1 = [[rng.randint(-1, 1) for _ in range(d)] for _ in range(rng.randint(2, 5))]
    if k % 2:
        w1.append(list(w1[0]))
    b1 = [rng.randint(-1, 1) for _ in w1]
    w2 = [[rng.randint(-1, 1) for _ in w1] for _ in range(rng.randint(1, 3))]
    b2 = [rng.randint(-1, 1) for _ in w2]
    return Network.from_layers({"weight": w1, "bias": b1, "activation": "relu"},
                               {"weight": w2, "bias": b2, "activation": "relu"},
                               {"weight": [[1] + [0] * (len(w2) - 1)]})


def _check(e):
    """The integer count equals the Fraction count; the reference is run on fresh regions."""
    fast = e.affine_pieces()
    assert e._count is not None
    assert fast == regions._merge_pieces(e)
    return fast


NETS = ([random_network(w, s, den=4, span=8) for w in ([3, 4, 1], [3, 5, 4, 1], [2, 6, 6, 1], [4, 4, 3, 1])
         for s in range(2)] + [_degenerate(k, d) for k in range(6) for d in (2, 3)])


@pytest.mark.parametrize("box", BOXES)
@pytest.mark.parametrize("k", range(len(NETS)))
def test_integer_count_equals_the_fraction_count(k, box):
    net = NETS[k]
    e = enumerate_regions(net, box, method="clip")
    pieces = _check(e)
    if net.in_dim == 2:
        p = enumerate_regions(net, box)
        assert p.method == "polygon2d"
        assert _check(p) == pieces


@pytest.mark.parametrize("box", [None, (-1, 1)])
def test_workers_give_the_same_json_and_count(box):
    for net in (random_network([3, 6, 6, 1], 0, den=4, span=8), _degenerate(3, 3)):
        outs = []
        for w in (1, 2, 3):
            e = enumerate_regions(net, box, method="clip", workers=w)
            outs.append(json.dumps(e.to_json()))
            assert e.affine_pieces() == regions._merge_pieces(e)
        assert outs[0] == outs[1] == outs[2]


def test_count_before_and_after_reading_the_regions():
    net = random_network([3, 5, 5, 1], 1, den=4, span=8)
    a = enumerate_regions(net, method="clip", workers=2)
    b = enumerate_regions(net, method="clip", workers=2)
    for r in b.regions:
        r.point  # every region built first
    assert a.counts() == b.counts() and a.affine_pieces() == b.affine_pieces()


def test_summary_keys_are_canonical():
    # the same hyperplane (scaled by -1/2) from opposite sides: 2x - 4y + 6 > 0 and -x + 2y - 3 > 0
    rec1 = ((), ((0, 0, 1, (2, -4), 6, 3),), (([1], 1)), ([[1, 2]], [3], 1), None)
    rec2 = ((), ((0, 1, 1, (-1, 2), -3, 5),), (([1], 1)), ([[1, 2]], [3], 1), None)
    (k1, p1), (k2, p2) = clipping._summary([rec1, rec2], True)
    assert p1[0][0] == p2[0][0] == ((1, -2), 3)
    assert p1[0][1] == -p2[0][1] == 1
    assert k1 == k2 == (((1, 2),), (3,), 1)
    # -x + 2y - 3 < 0 is the side of rec1
    rec2b = ((), ((0, 1, 0, (-1, 2), -3, 5),), (([1], 1)), ([[1, 2]], [3], 1), None)
    assert clipping._summary([rec2b], True)[0][1][0] == p1[0]
    # the same side of the same hyperplane: equal signs
    rec3 = ((), ((0, 2, 1, (-3, 6), -9, 1),), (([1], 1)), ([[1, 2]], [3], 1), None)
    assert clipping._summary([rec3], True)[0][1][0][1] == p2[0][1]
    # box sides: None on a bounded box, left out on R^d (they are not constraints there)
    rec4 = ((), (0, (0, 0, 1, (1, 1), 0, 1), 3), (([1], 1)), ([[1, 0]], [0], 1), None)
    assert [p is None for p in clipping._summary([rec4], False)[0][1]] == [True, False, True]
    assert len(clipping._summary([rec4], True)[0][1]) == 1


def test_the_fallback_decides_what_the_integer_proposal_leaves_open(monkeypatch):
    """With the integer proposal disabled every pair goes to the exact LP decision: same count."""
    net = _degenerate(9, 3)
    ref = enumerate_regions(net, method="clip").affine_pieces()
    monkeypatch.setattr(clipping, "_share_int", lambda *a: False)
    assert enumerate_regions(net, method="clip").affine_pieces() == ref


def test_negative_control_a_share_test_that_always_agrees_is_seen(monkeypatch):
    """A variant joining every same-map pair on a common hyperplane (no facet test) must differ."""
    net = _degenerate(9, 3)  # two regions with one map on one plane from both sides, not neighbours
    ref = regions._merge_pieces(enumerate_regions(net, method="clip"))
    assert len(ref) == 10
    monkeypatch.setattr(clipping, "_share_int", lambda *a: True)
    assert len(enumerate_regions(net, method="clip").affine_pieces()) == 9


def test_negative_control_map_keys_without_the_linear_part_are_seen(monkeypatch):
    """A variant whose map key forgets the linear part (maps with one offset merged) must differ."""
    real = clipping._summary

    def wrong(recs, artificial):
        return [((key[1], key[2]), planes) for key, planes in real(recs, artificial)]

    diffs = 0
    for net in NETS:
        ref = enumerate_regions(net, method="clip").affine_pieces()
        monkeypatch.setattr(clipping, "_summary", wrong)
        diffs += enumerate_regions(net, method="clip").affine_pieces() != ref
        monkeypatch.setattr(clipping, "_summary", real)
    assert diffs


def _old_text(e, extra, counts_extra):
    doc = dict(e.to_json(), **extra)
    doc["counts"].update(counts_extra)
    return json_layout(doc)


@pytest.mark.parametrize("box", BOXES)
def test_json_text_equals_the_dumped_document(box):
    """json_text (regions' texts from the integer records, made in the workers with prepare_json)
    is the text of json_layout(dict(to_json(), ...)) on fresh enumerations, every path."""
    extra = {"network_file": "net.json", "seconds": 0.25}
    for net in NETS[::5] + [random_network([1, 3, 3, 1], 0)]:
        methods = ["auto", "clip"] + (["general"] if net is NETS[0] else [])
        for method in methods:
            for w, prep in ((1, False), (2, False), (2, True)):
                if w > 1 and method != "clip":
                    continue
                e = enumerate_regions(net, box, method=method, workers=w, prepare_json=prep)
                maps = e.affine_maps()
                text = e.json_text(extra, {"affine_maps": maps})
                fresh = enumerate_regions(net, box, method=method)
                assert maps == len({(r.linear, r.offset) for r in fresh.regions})
                assert text == _old_text(fresh, extra, {"affine_maps": maps}), (method, w, prep)


def test_json_text_of_regions_already_read_and_of_a_general_enumeration():
    net = NETS[1]
    e = enumerate_regions(net, method="clip", workers=2, prepare_json=True)
    e.regions[0].point
    assert e.json_text() == json_layout(e.to_json())
    g = enumerate_regions(net, (-1, 1), method="general")
    assert g._texts is None and g.json_text({"x": 1}) == json_layout(dict(g.to_json(), x=1))


def test_negative_control_a_wrong_region_text_is_seen(monkeypatch):
    """A variant writing the interior point's numerator only must give another text."""
    net = NETS[0]
    ref = _old_text(enumerate_regions(net, method="clip"), {}, {})
    real = clipping._q
    monkeypatch.setattr(clipping, "_q", lambda n, d: real(n, 1) if d > 1 else real(n, d))
    assert enumerate_regions(net, method="clip").json_text() != ref


def test_facet_vertices_prove_pairs_apart_and_the_lp_agrees(monkeypatch):
    """_apart (a constraint strict at no vertex of the other facet) against the exact LP decision:
    with _apart disabled the LP decides every undecided pair; the groups are the same."""
    nets = [_degenerate(9, 3), random_network([3, 6, 6, 1], 0, den=4, span=8), random_network([2, 6, 6, 1], 1, den=4, span=8)]
    refs = [enumerate_regions(n, method=m).affine_pieces() for n in nets for m in ("clip", "auto")]
    calls = []
    real = clipping._apart
    monkeypatch.setattr(clipping, "_apart", lambda *a: calls.append(1) or real(*a))
    assert [enumerate_regions(n, method=m).affine_pieces() for n in nets for m in ("clip", "auto")] == refs
    assert calls  # it was asked
    monkeypatch.setattr(clipping, "_apart", lambda *a: False)
    assert [enumerate_regions(n, method=m).affine_pieces() for n in nets for m in ("clip", "auto")] == refs


def test_apart_by_hand():
    bi = clipping._box_ints((-2, -2), (2, 2))
    # region 1: x > 0 (bit 1 of x) and y < 1 (bit 0 of y - 1); the facet of region 2 on x = 0 has
    # vertices (0, 1) and (0, 2): y - 1 < 0 holds strictly at neither, so they are apart
    cons = [(1, (1, 0), 0), (0, (0, 1), -1)]
    assert clipping._apart(cons, 0, [((0, 1), 1), ((0, 2), 1)], bi)
    assert not clipping._apart(cons, 0, [((0, 0), 1), ((0, 2), 1)], bi)
    # a box side: x < 2 at no vertex of a facet on x = 2
    assert clipping._apart([3 * 0 + 1, (1, (0, 1), 0)], 1, [((2, 0), 1), ((2, 1), 1)], bi)


def test_negative_control_apart_always_true_is_seen(monkeypatch):
    """A variant declaring every pair apart (with the crossing proposal disabled) must differ."""
    net = random_network([3, 6, 6, 1], 0, den=4, span=8)
    ref = enumerate_regions(net, method="clip").affine_pieces()
    monkeypatch.setattr(clipping, "_share_int", lambda *a: False)
    monkeypatch.setattr(clipping, "_apart", lambda *a: True)
    assert enumerate_regions(net, method="clip").affine_pieces() != ref


# -- the parallel count: each task's share decided with the task, the pairs across tasks in the parent --

class _InProcessPool:
    """The process pool replaced by one running its initializer and every task in this process
    (the pool path: records, texts and the count's shares made by the worker functions)."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        initializer(*initargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        clipping._WORKER_CTX = clipping._WORKER_STOP = None

    def submit(self, fn, *args):
        import concurrent.futures as cf

        f = cf.Future()
        f.set_result(fn(*args))
        return f

    def shutdown(self, **kw):
        pass


class _InProcessExecutor(_InProcessPool):
    """A caller's executor (no initializer: each task carries its context, records come back whole)."""

    def __init__(self):
        pass


def _set_tasks(mp, t):
    """Exactly ``t`` tasks per worker (or fewer: none left to split), whatever the network's size."""
    mp.setattr(clipping, "_TASKS_PER_WORKER", t)
    mp.setattr(clipping, "_MAX_TASKS_PER_WORKER", t)


def _split_counts(net, box, monkeypatch, tasks=(2, 5, 64)):
    """The counts of the pool path and of a caller's executor, with these numbers of tasks (per
    worker, one worker; two tasks: most pairs within a task, 64: most across)."""
    import concurrent.futures as cf

    out = []
    with monkeypatch.context() as mp:
        mp.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
        for t in tasks:
            _set_tasks(mp, t)
            e = clipping.clip_enumerate(net, box, workers=2)
            out.append((e, e.affine_pieces(), e.affine_maps()))
            e = clipping.clip_enumerate(net, box, workers=2, executor=_InProcessExecutor())
            out.append((e, e.affine_pieces(), e.affine_maps()))
    return out


SPLIT_NETS = [random_network([3, 5, 4, 1], 0, den=4, span=8), random_network([3, 6, 6, 1], 1, den=4, span=8),
              random_network([2, 6, 6, 1], 0, den=4, span=8), _degenerate(9, 3), _degenerate(3, 3),
              _degenerate(4, 2), _degenerate(5, 3)]


@pytest.mark.parametrize("box", [None, (F(-3, 2), F(5, 3))])
@pytest.mark.parametrize("k", range(len(SPLIT_NETS)))
def test_the_split_count_equals_the_fraction_count(k, box, monkeypatch):
    net = SPLIT_NETS[k]
    bx = None if box is None else (box,) * net.in_dim
    serial = clipping.clip_enumerate(net, bx)
    ref = regions._merge_pieces(serial)
    assert serial.affine_pieces() == ref
    maps = len({(r.linear, r.offset) for r in serial.regions})
    for e, pieces, nmaps in _split_counts(net, bx, monkeypatch):
        assert e.regions == serial.regions
        assert pieces == ref and nmaps == maps


def _arriving(order):
    """A stand-in for clipping._completed that hands the (finished) futures over in another order:
    "reversed", or shuffled by a seed."""
    def completed(futs, report):
        futs = list(futs)
        if order == "reversed":
            futs.reverse()
        else:
            random.Random(order).shuffle(futs)
        for n, f in enumerate(futs, 1):
            report(n)
            yield f
    return completed


@pytest.mark.parametrize("order", ["reversed", 0, 1])
def test_the_split_count_is_the_same_whatever_order_the_tasks_end_in(order, monkeypatch):
    """The parallel count adds each task's share as it comes in, numbering the regions in that
    order, and gives the groups in the enumeration's (serial) numbering: the same pieces, maps and
    regions whatever order the tasks end in."""
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 5)
    monkeypatch.setattr(clipping, "_completed", _arriving(order))
    for net in SPLIT_NETS:
        serial = clipping.clip_enumerate(net, None)
        for executor in (None, _InProcessExecutor()):
            e = clipping.clip_enumerate(net, None, workers=2, executor=executor)
            assert e.regions == serial.regions
            assert e.affine_pieces() == serial.affine_pieces()
            assert e.affine_maps() == serial.affine_maps()


def test_negative_control_groups_in_the_order_of_arrival_are_seen(monkeypatch):
    """A count that gives its groups in the numbering of the tasks' arrival (not translated to the
    enumeration's) differs once the tasks end out of order; in the serial order it would not."""
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 5)

    def untranslated(self):
        self.take()
        return self.parts.groups()

    refs = [clipping.clip_enumerate(net, None).affine_pieces() for net in SPLIT_NETS]
    monkeypatch.setattr(clipping._SplitCount, "count", untranslated)
    monkeypatch.setattr(clipping, "_completed", _arriving("reversed"))
    assert any(clipping.clip_enumerate(net, None, workers=2).affine_pieces() != ref for net, ref in zip(SPLIT_NETS, refs))


def test_pairs_across_tasks_and_open_pairs_occur_and_matter(monkeypatch):
    """Negative controls: without the pairs across tasks (no boundary planes), or without the pairs a
    task leaves open (many once every join is left to the exact LP), the count differs; so both are
    exercised by these networks."""
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 2)
    nets = [(net, None) for net in SPLIT_NETS]
    refs = [clipping.clip_enumerate(net, box).affine_pieces() for net, box in nets]
    real_roots, real_local = clipping._roots, clipping._local_count
    monkeypatch.setattr(clipping, "_roots", lambda state: frozenset())
    assert any(clipping.clip_enumerate(net, box, workers=2).affine_pieces() != ref for (net, box), ref in zip(nets, refs))
    monkeypatch.setattr(clipping, "_roots", real_roots)

    def no_open(*a):
        joins, pending, keys, facets, fverts = real_local(*a)
        return joins, [], keys, facets, fverts

    real_share = clipping._share_int
    monkeypatch.setattr(clipping, "_share_int", lambda *a: False)  # every join left open, to the LP
    assert all(clipping.clip_enumerate(net, box, workers=2).affine_pieces() == ref for (net, box), ref in zip(nets, refs))
    monkeypatch.setattr(clipping, "_local_count", no_open)
    assert any(clipping.clip_enumerate(net, box, workers=2).affine_pieces() != ref for (net, box), ref in zip(nets, refs))
    monkeypatch.setattr(clipping, "_local_count", real_local)
    monkeypatch.setattr(clipping, "_share_int", real_share)
    # and with both real, equal again
    assert all(clipping.clip_enumerate(net, box, workers=2).affine_pieces() == ref for (net, box), ref in zip(nets, refs))


def test_roots_are_the_planes_cut_into_the_piece():
    # a piece cut by 2x - 4y + 6 (> 0) and by -x + 2y - 3 (< 0, the same plane) and by y (> 0)
    cons = ((4, 0, 0, 1, (2, -4), 6, 1), (5, 0, 1, 0, (-1, 2), -3, 1), (6, 0, 2, 1, (0, 3), 0, 2))
    state = ((), 0, 3, (1, 0, 1), (), (), cons, None, None)
    assert clipping._roots(state) == {((1, -2), 3), ((0, 1), 0)}
    assert clipping._roots(((), 0, 0, (), (), (), (), None, None)) == frozenset()
    assert clipping._plane_side((-1, 2), -3, 0) == (((1, -2), 3), 1)
    assert clipping._plane_side((-1, 2), -3, 1) == (((1, -2), 3), -1)
    assert clipping._plane_side((0, -2), 4, 1) == (((0, 1), -2), -1)


def test_digest_is_portable_and_collisions_are_compared_exactly(monkeypatch):
    key, plane = (((1, -3, 7),), (5,), 12), ((1, -2, 3), 4)
    # a fixed value: the same in every process and on every platform (not Python's hash)
    h = clipping._digest(key, plane)
    assert h == clipping._digest((((1, -3, 7),), (5,), 12), ((1, -2, 3), 4)) and 0 <= h < 2 ** 61 - 1
    expect = 12
    for x in (1, -3, 7, 5, 1, -2, 3, 4):
        expect = (expect * 1000003 + x) % (2 ** 61 - 1)
    assert h == expect
    assert clipping._digest(key, ((1, -2, 3), 5)) != h and clipping._digest((((1, -3, 7),), (5,), 13), plane) != h
    big = 10 ** 5000  # beyond str()'s digit limit: still hashed
    assert clipping._digest((((big,),), (1,), 1), ((1,), 2)) != clipping._digest((((big + 1,),), (1,), 1), ((1,), 2))
    # every facet in one bucket: the exact comparison keeps the count right
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 5)
    for net in SPLIT_NETS[:4]:
        ref = clipping.clip_enumerate(net, None).affine_pieces()
        with monkeypatch.context() as mp:
            mp.setattr(clipping, "_digest", lambda key, plane: 0)
            assert clipping.clip_enumerate(net, None, workers=2).affine_pieces() == ref


def test_negative_control_equal_hashes_without_the_exact_comparison_are_seen(monkeypatch):
    """With every facet in one bucket, a variant that trusts equal hashes (no exact comparison of
    the maps and planes) joins regions with different maps: the count differs."""
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 5)
    monkeypatch.setattr(clipping, "_digest", lambda key, plane: 0)
    real = clipping._SplitCount._pair
    refs = [clipping.clip_enumerate(net, None).affine_pieces() for net in SPLIT_NETS[:4]]
    monkeypatch.setattr(clipping._SplitCount, "_pair", lambda self, pair: real(self, pair[:6] + (False,)))
    assert any(clipping.clip_enumerate(net, None, workers=2).affine_pieces() != ref for net, ref in zip(SPLIT_NETS[:4], refs))


SEEN_LP = [4, 0, 0, 0, 0, 0, 0]  # LP decisions of the split count per network of SPLIT_NETS


def test_the_split_count_leaves_to_the_lp_only_what_the_integer_tests_leave(monkeypatch):
    """The pairs the split count hands to the exact LP (`_share_facet`) are those that neither the
    integer crossing proposal nor the facets' vertices decide: on these networks, each LP call is
    for a pair that `_share_int` does not join and `_apart` does not separate (a variant that
    skips either integer test calls the LP for more pairs)."""
    import concurrent.futures as cf

    monkeypatch.setattr(cf, "ProcessPoolExecutor", _InProcessPool)
    _set_tasks(monkeypatch, 5)
    real = regions._share_facet
    calls = []

    def counting(r1, k1, r2, k2):
        calls.append((r1, k1, r2, k2))
        return real(r1, k1, r2, k2)

    monkeypatch.setattr(regions, "_share_facet", counting)
    seen = []
    for net in SPLIT_NETS:
        ref = regions._merge_pieces(clipping.clip_enumerate(net, None))
        calls.clear()  # the split count's LP decisions, during the run and after it
        e = clipping.clip_enumerate(net, None, workers=2)
        assert e.affine_pieces() == ref
        seen.append(len(calls))
    # the integer tests decide every pair of these networks but a few
    assert seen == SEEN_LP, seen
    # negative controls: without the facets' vertices, or with a weaker crossing proposal, more LPs
    for name, weak in (("_apart", lambda *a: False), ("_share_int", lambda *a: False)):
        with monkeypatch.context() as mp:
            mp.setattr(clipping, name, weak)
            more = []
            for net in SPLIT_NETS:
                calls.clear()
                clipping.clip_enumerate(net, None, workers=2).affine_pieces()
                more.append(len(calls))
            assert sum(more) > sum(seen), name


def test_plane_scaling_at_its_boundaries():
    # gcd 1 with the offset although the coefficients share a factor: nothing divided
    assert clipping._plane((2, 2), 1) == (((2, 2), 1), 1)
    assert clipping._plane((2, 4), 6) == (((1, 2), 3), 2)
    assert clipping._plane((-2, 4), 6) == (((1, -2), -3), -2)       # the first non-zero coefficient made positive
    assert clipping._plane((0, -3), 6) == (((0, 1), -2), -3)        # a leading zero is skipped
    assert clipping._plane((0, 0, 5), 0) == (((0, 0, 1), 0), 5)
    big = 2 ** 60 + 1                                              # past float precision: exact integers only
    (row, off), g = clipping._plane((3 * big, 3), 6 * big)
    assert (row, off, g) == ((big, 1), 2 * big, 3) and all(type(x) is int for x in row + (off,))
    # the side of the scaled form where the constraint's sign holds
    assert clipping._plane_side((1, 2), 3, 1) == (((1, 2), 3), 1)
    assert clipping._plane_side((1, 2), 3, 0) == (((1, 2), 3), -1)
    assert clipping._plane_side((-1, -2), -3, 1) == (((1, 2), 3), -1)
    assert clipping._plane_side((-1, -2), -3, 0) == (((1, 2), 3), 1)
    assert clipping._plane_side((2, 4), 6, 1) == (((1, 2), 3), 1)
    # the roots: the planes only
    cons = ((6, 0, 0, 0, (-2, 4), 6, 1),)
    assert clipping._roots(((), 0, 1, (0,), (), (), cons, None, None)) == {((1, -2), -3)}


def test_local_count_pairs_facets_on_one_plane_only():
    """Two intervals of R with one map, (0, 1) and (2, 3), have no facet in common: no pair is
    tested, nothing joined.  Pairing facets of different planes would join them: the segment
    between their points crosses x = 2 at a point strictly inside every other row of both.
    (1, 2) with the same map meets (0, 1) at x = 1 and (2, 3) at x = 2: all three are one piece."""
    geo = (1, True, (-10,), (10,))
    inmap = ([[1]], [0], 1)

    def rec(lo, hi, N, L):  # the interval (lo, hi): x - lo > 0 and x - hi < 0
        return ((), ((0, 0, 1, (1,), -lo, 1), (0, 1, 0, (1,), -hi, 1)), (N, L), inmap, None)

    def fv(lo, hi):
        return (((lo,), 1),), (((hi,), 1),)

    recs, fvs = [rec(0, 1, (1,), 2), rec(2, 3, (5,), 2)], [fv(0, 1), fv(2, 3)]
    joins, pending, keys, facets, fverts = clipping._local_count(recs, fvs, clipping._summary(recs, True), geo, None)
    assert joins == [] and pending == [] and len(keys) == 1 and len(facets) == 4
    recs.append(rec(1, 2, (3,), 2))
    fvs.append(fv(1, 2))
    joins, pending, keys, facets, fverts = clipping._local_count(recs, fvs, clipping._summary(recs, True), geo, None)
    assert sorted(tuple(sorted(p)) for p in joins) == [(0, 2), (1, 2)] and pending == []
    assert fverts == [fvs[i][k] for _, i, k, _ in facets]  # each facet's vertices, in the facets' order
    # with the boundary planes given, only the facets on them are handed on, with their vertices
    joins, pending, keys, facets, fverts = clipping._local_count(recs, fvs, clipping._summary(recs, True), geo,
                                                               frozenset({((1,), -3)}))
    assert [(i, k, side) for _, i, k, side in facets] == [(1, 1, -1)] and fverts == [fv(2, 3)[1]]


# -- the polygon path's facet vertices (the ends of each edge, read by _apart) --

def _rec_at_of(net, box, monkeypatch):
    """The polygon path's regions and the ``rec_at`` its count hands to _pieces_int."""
    got = {}
    real = clipping._pieces_int
    monkeypatch.setattr(clipping, "_pieces_int",
                        lambda sums, rec_at, regs, geo: got.setdefault("rec_at", rec_at) and real(sums, rec_at, regs, geo))
    e = enumerate_regions(net, box)
    assert e.method == "polygon2d"
    e.affine_pieces()
    return e, got["rec_at"]


@pytest.mark.parametrize("box", [(-1, 1), (F(-3, 2), F(5, 3)), None])
def test_polygon_facet_vertices_are_the_ends_of_each_edge(box, monkeypatch):
    """Each facet's two vertices lie on its line (a neuron's row or a box side), are distinct, and
    satisfy every constraint of the region weakly; on a given box (every edge a facet) the second
    end of each edge is the first end of the next."""
    nets = [n for n in NETS if n.in_dim == 2]
    for net in nets:
        e, rec_at = _rec_at_of(net, box, monkeypatch)
        for i in range(len(e.regions)):
            rec, fv = rec_at(i)
            cons = clipping._constraint_rows(rec, box is None)
            assert len(fv) == len(cons) and (box is None or len(cons) >= 3)
            for k, ends in enumerate(fv):
                (p, w), (q, u) = ends
                assert w > 0 and u > 0 and (F(p[0], w), F(p[1], w)) != (F(q[0], u), F(q[1], u))
                for (X, Y), z in ends:
                    for kk, cc in enumerate(cons):
                        if cc.__class__ is int:
                            lim = F(box[cc % 2]) if box is not None else None
                            v = F((X, Y)[cc // 2], z) - lim
                            v = -v if cc % 2 else v
                        else:
                            bit, row, off = cc
                            v = row[0] * X + row[1] * Y + off * z
                            v = v if bit else -v
                        assert v == 0 if kk == k else v >= 0, (i, k, kk)
            if box is not None:
                assert all(fv[k][1] == fv[(k + 1) % len(fv)][0] for k in range(len(fv)))


def test_a_pair_that_only_the_facet_vertices_decide(monkeypatch):
    """Regions 1 and 5 have one map (the constant 1) and share the edge from (-32/47, -45/47) to
    (-2/3, -1) on the line 3x + y + 3 = 0; the segment between their centroids crosses that line
    outside the edge, so the integer proposal leaves the pair open, and the facets' vertices handed
    to _apart must be the edge's two ends (which prove nothing apart): 6 affine pieces of 8 regions.
    (An end with another vertex's denominator, (-2, -3) / 47, proves the pair apart and gives 7.)"""
    net = Network.from_layers(
        {"weight": [[F(-1, 4), -1], [F(3, 4), F(1, 4)], [F(-3, 4), -1]], "bias": [1, F(3, 4), -1], "activation": "relu"},
        {"weight": [[F(-1, 4), -1, -1]], "bias": [1], "activation": "relu"},
        {"weight": [[F(-1, 2)]], "bias": [1]})
    asked, shared = [], []
    real_apart, real_share = clipping._apart, clipping._share_int
    monkeypatch.setattr(clipping, "_apart", lambda *a: asked.append(frozenset(a[2])) or real_apart(*a))
    monkeypatch.setattr(clipping, "_share_int", lambda *a: shared.append(real_share(*a)) or shared[-1])
    e = enumerate_regions(net, (-1, 1))
    assert e.method == "polygon2d" and len(e.regions) == 8
    pieces = _check(e)
    assert pieces == [[0], [1, 5], [2], [3, 7], [4], [6]]
    r1, r5 = e.regions[1], e.regions[5]
    assert (r1.linear, r1.offset) == (r5.linear, r5.offset) == (((0, 0),), (1,))
    edge = frozenset({((-32, -45), 47), ((-2, -3), 3)})
    assert asked.count(edge) == 2 and False in shared  # both directions asked, after a failed proposal


def test_an_item_made_in_the_parent_keeps_each_facets_vertices_in_chunks():
    """A piece finished before the tasks is counted in the parent: its facets' vertices are packed in
    chunks of _CHUNK as a worker's are, and read back by position as _local_count made them (for the
    _apart test of a pair across items), past the first chunks too; and its count is the serial one."""
    net = SPLIT_NETS[1]
    d = net.in_dim
    R = regions.vertex_bound(net)
    lo, hi = [-R] * d, [R] * d
    geo = (d, True, tuple(lo), tuple(hi))
    ctx = clipping._Ctx(net)
    verts, tights = clipping._box_polytope(lo, hi)
    start = ((), 0, 0, (), verts, tights, (), None, ([[int(i == k) for k in range(d)] for i in range(d)], [0] * d, 1))
    fv: list = []
    recs = clipping._records([clipping._compact(ctx, s) for s in clipping._finish_state(ctx, start)], geo, fv)
    serial = clipping.clip_enumerate(net, None)
    split = clipping._SplitCount(geo)
    batch = clipping._Batch(None, recs)
    batch.fv = fv
    batch.n = len(recs)
    split.todo.append(batch)
    expect = clipping._local_count(recs, fv, clipping._summary(recs, True), geo, None)[4]
    assert len(expect) > 3 * clipping._CHUNK
    assert split.count() == serial.affine_pieces()
    assert [clipping._chunk_item(split.fverts[0], x) for x in range(len(expect))] == expect
    assert all(len(c) == clipping._CHUNK and c.__class__ is list for c in split.fverts[0][:-1])
