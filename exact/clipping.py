"""Exact activation regions in any input dimension by vertex clipping: no LP, integers only.

Every piece of the enumeration is a bounded convex polytope kept as its **vertices** in
homogeneous integer coordinates ``(X_1, ..., X_d, w)`` (the point ``X / w``, ``w > 0``,
reduced by the gcd) and, per vertex, the bit set of its constraints that hold with equality
(its *tight set*).  A neuron's pre-activation ``u`` (an affine function with integer
coefficients after scaling) is evaluated at the vertices:

* all values ``>= 0`` (resp. ``<= 0``) and the polytope is full-dimensional: its interior lies
  where ``u > level`` (resp. ``< level``), so the neuron's bit is decided with no split;
* both signs occur: the polytope is cut.  The new vertices are the points where ``u`` crosses
  its level on the *edges* joining a positive and a negative vertex.  Two vertices u, v are
  adjacent iff no third vertex is tight on every constraint tight at both (the smallest face
  containing u and v has only u and v as vertices); this combinatorial test is exact for every
  polytope, degenerate or not.  A vertex on the cutting hyperplane goes to both sides.

Degenerate arrangements need no special case: coincident and parallel hyperplanes (a later copy
never has both signs), hyperplanes through a common point and vertices on hyperplanes (zero values,
tight sets), neurons with zero weights (constant on every piece: their bit is their constant's),
regions of deeper layers on which a neuron is constant.  The facets of a final region are the
constraints whose sets of tight vertices are maximal by inclusion (every facet is defined by one
of the piece's constraints, every other face lies in a facet).  Its interior point is the average
of its vertices, checked strictly; the point the region shows (its JSON, ``Region.point``) is that
average rounded to a dyadic grid fine enough for the facets' margins, checked strictly again
(:func:`_simple_point`).

On all of R^d the clipping starts from the box ``(-R, R)^d`` with ``R`` from
:func:`exact.regions.vertex_bound`: every activation region's closure has a point (a basic
solution of its rows) strictly inside it, so every region meets the box, and so does every facet;
the sides of that box are not facets and are dropped.  The interior point of a region reaching
that box's sides is then taken inside a smaller box, ``(-(m + 2), m + 2)^d`` with ``m`` the largest
``ceil(|x_i|)`` over the region's own vertices on no side of the big box (``m = 0`` if it has
none), when the region meets it in a full-dimensional set (else the average of all its vertices):
a property of the region alone, so every task of a parallel run finds it by itself.

Parallel runs (a process pool, or any concurrent.futures executor such as a Dask cluster's) split the
traversal at its frontier (pieces after some neurons) into independent
tasks; the results come back in task order, which is the serial order, so the output is the
same whatever the number of workers.
"""

from __future__ import annotations

import concurrent.futures.process  # noqa: F401  (the pool of a parallel run: imported with the module, not in the run)
import contextlib
import gc
import math
import operator
import os
from itertools import chain
from fractions import Fraction
from typing import Callable

from .inputs import int_to_digits
from .network import Activation, Network
from .workers import die_with_parent

__all__ = ["clip_enumerate", "default_workers", "polygon_enumerate"]

_ZERO = Fraction(0)


def default_workers() -> int:
    """The number of cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# -- exact integer helpers --------------------------------------------------------------------

def _lcm_den(values) -> int:
    return math.lcm(1, *(v.denominator for v in values))


def _layer_int(layer):
    """The layer as integers: ``W = Wn / dw``, ``b = bn / dw``, level ``= ln / dw`` (one denominator)."""
    vals = [v for row in layer.weight for v in row] + list(layer.bias)
    level = layer.threshold if layer.activation is Activation.HARD_THRESHOLD else _ZERO
    dw = math.lcm(_lcm_den(vals), level.denominator)
    wn = [[int(v * dw) for v in row] for row in layer.weight]
    bn = [int(v * dw) for v in layer.bias]
    wsum = max(sum(abs(v) for v in row) for row in wn)
    import numpy as np

    wn64 = np.array(wn, dtype=np.int64) if wsum < 2 ** 62 else None
    return wn, bn, int(level * dw), dw, layer.activation, wn64, wsum


def _reduce(rows, offs, den):
    """Divide an integer affine family (rows, offsets, denominator) by the gcd of all its entries."""
    g = math.gcd(den, *offs, *chain.from_iterable(rows))
    if g > 1:
        rows = [[x // g for x in r] for r in rows]
        offs = [x // g for x in offs]
        den //= g
    return rows, offs, den


def _pre(lay, M, m, D):
    """Pre-activations of a layer on an input map ``y = (M x + m) / D``: ``u = (A x + e) / den``
    and the level-shifted offsets ``off = e - level * den`` (all integers, den > 0).  One exact
    integer product ``Wn [M m]``: numpy int64 where no partial sum can reach 2^63 (bounded by the
    largest row sum of |Wn| times the largest entry), else :func:`exact.linalg.integer_matmul`."""
    wn, bn, ln, dw, _, wn64, wsum = lay
    d = len(M[0]) if M else 0
    X = [[*r, mk] for r, mk in zip(M, m)]
    if len(wn) <= 4:  # a few outputs (e.g. the last layer): Python over the non-zero rows of X beats numpy's set-up
        ks = [k for k, xr in enumerate(X) if any(xr)]
        cols = list(zip(*[X[k] for k in ks])) or [()] * (d + 1)
        mul = operator.mul
        P = [[sum(map(mul, ws, col)) for col in cols] for ws in ([w[k] for k in ks] for w in wn)]
    elif wn64 is not None and max(map(abs, chain.from_iterable(X))) * wsum < 2 ** 63:
        # every partial sum of a row of Wn times a column of X is at most wsum * max |X| in absolute value
        import numpy as np

        P = (wn64 @ np.array(X, dtype=np.int64)).tolist()
    else:
        from .linalg import integer_matmul

        P = integer_matmul(wn, X).tolist()
    A = [r[:d] for r in P]
    e = [r[d] + b * D for r, b in zip(P, bn)]
    den = dw * D
    off = [x - ln * D for x in e]
    g = math.gcd(den, *e, *off, *chain.from_iterable(A))
    if g > 1:
        A = [[x // g for x in r] for r in A]
        e = [x // g for x in e]
        off = [x // g for x in off]
        den //= g
    return A, e, off, den


def _apply(lay, A, e, den, bits):
    """The layer's output map ``y = (M x + m) / D`` on a piece with pattern ``bits``."""
    act = lay[4]
    if act is Activation.RELU:
        d = len(A[0]) if A else 0
        M = [A[j] if bits[j] else [0] * d for j in range(len(A))]
        m = [e[j] if bits[j] else 0 for j in range(len(A))]
        return _reduce(M, m, den)
    if act is Activation.HARD_THRESHOLD:
        d = len(A[0]) if A else 0
        return [[0] * d for _ in A], [int(b) for b in bits], 1
    return _reduce([list(r) for r in A], list(e), den)


def _values(row, off, verts) -> list:
    """The values ``row . X + off w`` at every vertex (X, w)."""
    if len(row) == 2:
        r0, r1 = row
        return [r0 * X[0] + r1 * X[1] + off * w for X, w in verts]
    mul = operator.mul
    return [sum(map(mul, row, X), off * w) for X, w in verts]


def _cut(verts, tights, s, bit, d):
    """Split the polytope (vertices, tight sets) by the hyperplane where ``s`` (the values of an
    affine function at the vertices, both signs present) vanishes.  Returns the parts where it
    is >= 0 and <= 0, each as (vertices, tight sets); ``bit`` marks the new constraint."""
    n = len(verts)
    pos, neg, zero = [], [], []
    for k, v in enumerate(s):
        (pos if v > 0 else neg if v < 0 else zero).append(k)
    new_v, new_t = [], []
    gcd = math.gcd

    def add(u, v, common):  # s[u] > 0 > s[v]
        (xu, wu), (xv, wv), su, sv = verts[u], verts[v], s[u], s[v]
        X = [su * b - sv * a for a, b in zip(xu, xv)]
        w = su * wv - sv * wu
        g = gcd(w, *X)
        new_v.append((tuple([x // g for x in X]), w // g) if g > 1 else (tuple(X), w))
        new_t.append(common | bit)

    # Edges are looked for from the smaller side.
    flip = len(neg) < len(pos)
    side, other_side = (neg, pos) if flip else (pos, neg)
    # constraint (as its bit) -> bit set of the vertices tight on it, for the constraints tight at
    # a vertex of that side (the only ones looked up below)
    needed = 0
    for u in side:
        needed |= tights[u]
    on = {}
    get = on.get
    kb = 1
    for t in tights:
        t &= needed
        while t:
            low = t & -t
            on[low] = get(low, 0) | kb
            t ^= low
        kb <<= 1
    other_mask = 0
    for k in other_side:
        other_mask |= 1 << k
    need = d - 1
    full = (1 << n) - 1
    for u in side:
        tu, ub = tights[u], 1 << u
        if tu.bit_count() == d:
            # a simple vertex: d independent tight rows, one edge per row dropped; the edge's other
            # vertex is the only other vertex tight on the remaining d - 1 rows (the vertices tight
            # on all rows but row i: prefix and suffix intersections, O(d) per vertex)
            lows, t = [], tu
            while t:
                low = t & -t
                lows.append(low)
                t ^= low
            ons = [on[low] for low in lows]
            suf = [full] * (d + 1)
            for i in range(d - 1, -1, -1):
                suf[i] = suf[i + 1] & ons[i]
            pre = full
            for i in range(d):
                w = pre & suf[i + 1] & ~ub
                pre &= ons[i]
                if w & other_mask and w & (w - 1) == 0:
                    v = w.bit_length() - 1
                    add(v, u, tu ^ lows[i]) if flip else add(u, v, tu ^ lows[i])
            continue
        for v in other_side:
            common = tu & tights[v]
            if common.bit_count() < need:
                continue
            face = ub | (1 << v)
            sharing = full  # the smallest face containing u and v: its vertices
            r = common
            while r:
                lb = r & -r
                sharing &= on[lb]
                if sharing == face:
                    break
                r ^= lb
            if sharing == face:  # else a third vertex lies on that face: no edge
                add(v, u, common) if flip else add(u, v, common)
    zv = [verts[k] for k in zero]
    zt = [tights[k] | bit for k in zero]
    plus = ([verts[k] for k in pos] + zv + new_v, [tights[k] for k in pos] + zt + new_t)
    minus = ([verts[k] for k in neg] + zv + new_v, [tights[k] for k in neg] + zt + new_t)
    return plus, minus


def _box_polytope(lo, hi):
    """The box prod [lo_i, hi_i] (integer or rational bounds) as vertices and tight sets; the
    constraint ids 2i (x_i > lo_i) and 2i + 1 (x_i < hi_i)."""
    d = len(lo)
    den = math.lcm(1, *(Fraction(v).denominator for v in list(lo) + list(hi)))
    verts, tights = [], []
    for corner in range(1 << d):
        X, t = [], 0
        for i in range(d):
            up = (corner >> i) & 1
            X.append(int(Fraction(hi[i] if up else lo[i]) * den))
            t |= 1 << (2 * i + up)
        g = math.gcd(den, *X)
        verts.append((tuple(x // g for x in X), den // g))
        tights.append(t)
    return verts, tights


# -- the traversal --------------------------------------------------------------------------------

class _Ctx:
    """What every task needs: the network in integer form and the constraint numbering."""

    def __init__(self, network: Network):
        self.d = network.in_dim
        self.layers = [_layer_int(layer) for layer in network.layers]
        self.first_id = []  # constraint id of neuron (li, 0); ids 0 .. 2d - 1 are the box sides
        k = 2 * self.d
        for layer in network.layers:
            self.first_id.append(k)
            k += layer.out_dim if layer.activation is not Activation.IDENTITY else 0
        # the neurons that may cut a piece, per layer (none in an identity layer)
        self.widths = [layer.out_dim if layer.activation is not Activation.IDENTITY else 0 for layer in network.layers]


# A state: (pattern of finished layers, li, j, bits so far in layer li, verts, tights, cons,
#           layer data (A, e, off, den, fixed) of layer li, or None before the layer starts,
#           input map (M, m, D) of layer li).
# cons: tuple of (id, li, j, bit, row, off, den) of the neuron constraints cut into the piece
# (u - level = (row . x + off) / den).


def _start_layer(ctx, state):
    pat, li, _, _, verts, tights, cons, _, (M, m, D) = state
    lay = ctx.layers[li]
    A, e, off, den = _pre(lay, M, m, D)
    if lay[4] is Activation.IDENTITY:
        M2, m2, D2 = _apply(lay, A, e, den, ())
        return [(pat + ((),), li + 1, 0, (), verts, tights, cons, None, (M2, m2, D2))]
    fixed = []
    pts = [(X[0], X[1], w) for X, w in verts] if ctx.d == 2 else None
    for row, o in zip(A, off):
        if not any(row):  # constant pre-activation: the layer's own rule on the constant
            fixed.append(int(o >= 0) if lay[4] is Activation.HARD_THRESHOLD else int(o > 0))
            continue
        if pts is not None:  # d = 2: _values inline
            r0, r1 = row
            vals = [r0 * x + r1 * y + o * w for x, y, w in pts]
        else:
            vals = _values(row, o, verts)
        if min(vals) >= 0:
            fixed.append(1)
        elif max(vals) <= 0:
            fixed.append(0)
        else:
            fixed.append(None)
    return [(pat, li, 0, (), verts, tights, cons, (A, e, off, den, tuple(fixed)), (M, m, D))]


def _step(ctx, state):
    """Advance one state by one neuron (or start / finish a layer); returns the next states."""
    pat, li, j, bits, verts, tights, cons, data, inmap = state
    if data is None:
        return _start_layer(ctx, state)
    A, e, off, den, fixed = data
    if j == len(A):
        M2, m2, D2 = _apply(ctx.layers[li], A, e, den, bits)
        return [(pat + (bits,), li + 1, 0, (), verts, tights, cons, None, (M2, m2, D2))]
    if fixed[j] is not None:  # a run of neurons decided at the layer's start: one step
        k = j + 1
        while k < len(A) and fixed[k] is not None:
            k += 1
        return [(pat, li, k, bits + fixed[j:k], verts, tights, cons, data, inmap)]
    row, o = A[j], off[j]
    vals = _values(row, o, verts)
    if min(vals) >= 0:
        return [(pat, li, j + 1, bits + (1,), verts, tights, cons, data, inmap)]
    if max(vals) <= 0:
        return [(pat, li, j + 1, bits + (0,), verts, tights, cons, data, inmap)]
    cid = ctx.first_id[li] + j
    (pv, pt), (nv, nt) = _cut(verts, tights, vals, 1 << cid, ctx.d)
    return [(pat, li, j + 1, bits + (1,), pv, pt, cons + ((cid, li, j, 1, tuple(row), o, den),), data, inmap),
            (pat, li, j + 1, bits + (0,), nv, nt, cons + ((cid, li, j, 0, tuple(row), o, den),), data, inmap)]


def _done(ctx, state) -> bool:
    return state[1] == len(ctx.layers)


def _finish_state(ctx, state, progress=None):
    """Depth-first: every final piece below ``state``, in the serial order.  ``progress(layer,
    k, n)`` is called every 256 pieces (k found so far, n = k + pieces still open)."""
    out, stack = [], [state]
    last = len(ctx.layers)
    while stack:
        s = stack.pop()
        if s[1] == last:  # _done
            out.append(s)
            if progress is not None and not len(out) % 256:
                progress(min(s[1] for s in stack) if stack else len(ctx.layers) - 1, len(out), len(out) + len(stack))
            continue
        stack.extend(reversed(_step(ctx, s)))
    return out


def _compact(ctx, s):
    """A final piece in a small picklable form: (pattern, verts, tights, cons, (M, m, D))."""
    pat, _, _, _, verts, tights, cons, _, inmap = s
    return pat, verts, tights, cons, inmap


_WORKER_CTX = None
_WORKER_STOP = None


class _Stopped(Exception):
    """A pool task ended early: the enumeration it belonged to was stopped."""


def _worker_init(network, stop=None, parent=None):
    global _WORKER_CTX, _WORKER_STOP
    if parent is not None:  # ends when the command's process ends, however it ends
        die_with_parent(parent)
    _WORKER_CTX, _WORKER_STOP = _Ctx(network), stop
    gc.enable()  # forked from a parent whose collector was paused; each task pauses it again


def _promote() -> None:
    """Every object the collector tracks moved to its oldest generation (``gc.freeze`` then
    ``gc.unfreeze``: two list splices), unless the caller keeps objects frozen.  Called at the end
    of a block run with the collector paused: the records made there are then not walked all at
    once by the young generation's collection when the collector resumes (60 ms for 11,000
    regions); they are in the oldest generation, where long-lived objects end up anyway."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _worker_check(*_) -> None:
    """In a pool worker: end the task (by :class:`_Stopped`) once its enumeration was stopped.
    The task ends by returning that exception like any result: a worker is never killed in the
    middle of sending one (which would leave the pool's result pipe with half a message)."""
    if _WORKER_STOP is not None and _WORKER_STOP.is_set():
        raise _Stopped


def _worker_run(state, geo, texts=False):
    """One pool task: the records of the pieces below ``state``, packed (:func:`_pack`); with
    ``texts`` also the JSON texts of their regions (:func:`_region_json`); last, the task's share of
    the affine-piece count (:func:`_local_count`), pickled."""
    import pickle

    with _collector_paused():
        fv: list = []
        recs = _records([_compact(_WORKER_CTX, s) for s in _finish_state(_WORKER_CTX, state, _worker_check)],
                        geo, fv)
        return _pack(recs, geo, texts) + (pickle.dumps(_task_share(recs, fv, geo, state), protocol=5),)


def _task_share(recs, fv, geo, state):
    """A task's share of the affine-piece count, as its worker sends it (:func:`_local_count` on
    the records of the pieces below ``state``, packed by :func:`_pack_local`)."""
    return _pack_local(_local_count(recs, fv, _summary(recs, geo[1]), geo, _roots(state)))


def _pack_local(local):
    """:func:`_local_count`'s result as a worker sends it: the facets flat in an ``array('q')``,
    the map keys as they are (the parent reads them all), the facets' vertices pickled
    :data:`_CHUNK` facets at a time (the parent reads those of a few facets)."""
    import pickle
    from array import array

    joins, pending, keys, facets, fverts = local
    return (joins, pending, keys, array("q", [x for f in facets for x in f]),
            [pickle.dumps(fverts[i:i + _CHUNK], protocol=5) for i in range(0, len(fverts), _CHUNK)])


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector paused (restored after): the traversal and its records are
    tuples and lists of integers, never a reference cycle, so reference counting frees them all;
    the collector's passes over the many young tuples cost about 5% of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


#: records per pickled chunk of a task's records (:func:`_pack`)
_CHUNK = 16


def _pack(recs, geo, texts):
    """A task's records as the parent keeps them: ``(n, chunks, texts)`` with ``n`` records,
    ``chunks`` the list of the records pickled :data:`_CHUNK` at a time (in order), then with
    ``texts`` the list of their regions' JSON texts, else None.  The parent unpickles a chunk only
    when a region of it is read (:class:`_Batch`): the affine-piece count reads a few regions of
    each task, the ones with a facet that a region of another task may share."""
    import pickle

    return (len(recs), [pickle.dumps(recs[i:i + _CHUNK], protocol=5) for i in range(0, len(recs), _CHUNK)],
            [_region_json(rec, geo, 2, False) for rec in recs] if texts else None)


class _Batch:
    """The records of one task, kept pickled (:func:`_pack`'s chunks) until a region of them is
    read; each chunk decoded once."""

    __slots__ = ("blob", "recs", "fv", "start", "local", "cstart", "n")

    def __init__(self, blob=None, recs=None):
        self.blob, self.recs, self.fv = blob, recs, None
        # the index of its first region and its share of the count (:func:`_local_count`; None for a
        # piece finished before the tasks: computed from ``recs`` when counted); its number of
        # regions; :class:`_SplitCount` sets ``cstart`` (its first region's number there)
        self.start, self.local, self.n = 0, None, None

    def records(self):
        """Every record, in order."""
        if self.recs is None:
            import pickle

            self.recs = [r for c in self.blob for r in (pickle.loads(c) if c.__class__ is bytes else c)]
            self.blob = None
        return self.recs

    def record(self, k):
        """Record ``k``, its chunk decoded if it was not."""
        return self.recs[k] if self.recs is not None else _chunk_item(self.blob, k)


def _chunk_item(chunks, k):
    """Item ``k`` of a list kept as ``chunks``, :data:`_CHUNK` items each, pickled or not; a pickled
    chunk is decoded (in its place) when an item of it is first read."""
    c, r = divmod(k, _CHUNK)
    chunk = chunks[c]
    if chunk.__class__ is bytes:
        import pickle

        chunk = chunks[c] = pickle.loads(chunk)
    return chunk[r]


def _batch_fields(batch, k, geo, caches):
    """(pattern, point, constraints, linear, offset) of record ``k`` of a :class:`_Batch`."""
    rec = batch.record(k)
    return _region_fields(rec[0], rec[1], rec[2], rec[3], geo, caches)


def _task_run(ctx_blob: bytes, state_blob: bytes, geo):
    """One task on an executor with no initializer (e.g. a Dask cluster): the context comes with
    it.  Context and state travel pickled (opaque bytes: a scheduler does not walk their nested
    tuples), each task's records too."""
    import pickle

    ctx, state = pickle.loads(ctx_blob), pickle.loads(state_blob)
    with _collector_paused():
        fv: list = []
        recs = _records([_compact(ctx, s) for s in _finish_state(ctx, state)], geo, fv)
        # the task's share of the affine-piece count, as a pool's worker makes it (:func:`_worker_run`)
        return pickle.dumps((recs, _task_share(recs, fv, geo, state)), protocol=5)


def _records(finals, geo, fv=None):
    """The records of final pieces (:func:`_record`), in their order.  ``fv``: a list that gets
    each region's facet vertices (see :func:`_record`)."""
    return [_record(f, geo, fv) for f in finals]


def _record(final, geo, fv=None):
    """A final piece's region in integers: (pattern, facets, interior point (N, L), affine map
    (M, m, D)).  A facet is a box side id (< 2d) or the key (li, j, bit, row, off, den) of a neuron
    constraint.  The interior point is the vertices' average, or for a piece reaching an
    artificial box's sides :func:`_unbounded_point` (the module docstring); checked strictly
    inside.  ``fv``: a list that
    gets, per constraint of the region (in its order), the vertices tight on it (the facet's
    vertices; on an artificial box those of its part in the box)."""
    d, artificial, lo, hi = geo
    pat, vs, ts, cons, inmap = final
    rows = {cid: (li, j, bit, row, off, den) for cid, li, j, bit, row, off, den in cons}
    on = {}  # constraint id -> bit set of its tight vertices
    get, kb = on.get, 1
    for t in ts:
        while t:
            low = t & -t
            c = low.bit_length() - 1
            on[c] = get(c, 0) | kb
            t ^= low
        kb <<= 1
    # a facet has at least d vertices: constraints tight at fewer are lower faces (and contain no facet)
    cand = [c for c in on if (c in rows or c < 2 * d) and on[c].bit_count() >= d]
    ids = sorted(c for c in cand if not any(on[o] != on[c] and on[c] & ~on[o] == 0 for o in cand))
    facets = tuple(rows[c] if c >= 2 * d else c for c in ids)
    if fv is not None:
        fv.append(tuple(tuple(v for k, v in enumerate(vs) if on[c] >> k & 1) for c in ids
                        if not (artificial and c < 2 * d)))
    box_ids = (1 << (2 * d)) - 1
    if artificial and any(t & box_ids for t in ts):
        return pat, facets, _unbounded_point(final, geo), inmap
    return pat, facets, _checked(_centroid(vs), pat, cons, d, lo, hi), inmap


def _checked(cen, pat, cons, d, lo, hi):
    """``cen`` = (N, L), after checking that N / L is strictly inside every constraint and the box."""
    N, L = cen
    ok = _in_box(N, L, _box_ints(lo, hi))
    if ok and d == 2:
        x0, x1 = N
        for _, _, _, bit, (a0, a1), off, _ in cons:
            v = a0 * x0 + a1 * x1 + off * L
            if not (v > 0 if bit else v < 0):
                ok = False
                break
    elif ok:
        ok = all(_strict_side(row, off, N, L, bit) for _, _, _, bit, row, off, _ in cons)
    if not ok:  # pragma: no cover - would be a bug in the clipping
        raise AssertionError(f"the interior point of region {pat} is not strictly inside it")
    return cen


def _in_box(N, L, box) -> bool:
    """Is the point ``N / L`` (``L > 0``) strictly inside the open box ``box`` (per coordinate
    (numerator, denominator) of its low side, then of its high side: :func:`_box_ints`)?"""
    return all(ln * L < x * ld and x * hd < hn * L for x, (ln, ld, hn, hd) in zip(N, box))


_BOX_INTS: list = [None, None, ()]


def _box_ints(lo, hi):
    """Per coordinate (numerator, denominator) of lo, then of hi (tuples of rationals); the last
    box's are kept (every region of an enumeration has the same box objects)."""
    if _BOX_INTS[0] is not lo or _BOX_INTS[1] is not hi:
        out = []
        for a, b in zip(lo, hi):
            a, b = Fraction(a), Fraction(b)
            out.append((a.numerator, a.denominator, b.numerator, b.denominator))
        _BOX_INTS[:] = [lo, hi, tuple(out)]
    return _BOX_INTS[2]


def _work(ctx, state) -> int:
    """A guess at the work below an unfinished state, to split and order the tasks: how many
    neurons of its layer, from its next one on, have a hyperplane that cuts its piece (before the
    layer starts: the layer's width), plus the widths of the later layers.  Only an order: the
    output never depends on it."""
    _, li, j, _, verts, _, _, data, _ = state
    n = sum(ctx.widths[li + 1:])
    if data is None:
        return n + ctx.widths[li]
    A, _, off, _, fixed = data
    for k in range(j, len(A)):
        if fixed[k] is None and _cuts(A[k], off[k], verts):
            n += 1
    return n


def _cuts(row, off, verts) -> bool:
    """Does ``row . X + off w`` take both signs at the vertices (X, w)?  (:func:`_values`' signs,
    read until both are seen.)"""
    mul = operator.mul
    seen = 0
    for X, w in verts:
        v = sum(map(mul, row, X), off * w)
        if v:
            seen |= 1 if v > 0 else 2
            if seen == 3:
                return True
    return False


def _frontier(ctx, start, want, works=None):
    """Split the traversal into at least ``want`` unfinished states (or none left): the state
    with the most work ahead (:func:`_work`) is advanced by one neuron until there are as many,
    so that no task is much larger than the others.  Returns (finished pieces in order, frontier
    in order), interleaved as a list of ("done", piece) / ("task", state) keeping the serial
    order: a frontier is a cut of the traversal's tree, and the leaves below it, left to right,
    are the serial order whatever the cut.  ``works``: a dict that gets each returned state's
    :func:`_work` (by the state's ``id``)."""
    import heapq

    # the tree of the states expanded so far: node -> its children's nodes (a leaf: no entry)
    kids: dict = {}
    nodes = [("task", start)]
    heap = [(-_work(ctx, start), 0)]
    tasks = 1
    while heap and tasks < want:
        _, k = heapq.heappop(heap)
        kids[k] = []
        for t in _step(ctx, nodes[k][1]):
            kids[k].append(len(nodes))
            if _done(ctx, t):
                nodes.append(("done", _compact(ctx, t)))
            else:
                heapq.heappush(heap, (-_work(ctx, t), len(nodes)))
                nodes.append(("task", t))
        tasks += sum(1 for c in kids[k] if nodes[c][0] == "task") - 1
    if works is not None:
        for w, k in heap:
            works[id(nodes[k][1])] = -w
    items, stack = [], [0]
    while stack:  # the leaves, left to right
        k = stack.pop()
        if k in kids:
            stack.extend(reversed(kids[k]))
        else:
            items.append(nodes[k])
    return items


#: tasks of a parallel run per worker, at least (subtrees differ in size: many more tasks than
#: workers) and at most (:func:`_task_count`)
_TASKS_PER_WORKER = 32
_MAX_TASKS_PER_WORKER = 128


def _task_count(ctx, workers: int) -> int:
    """How many tasks the frontier splits a parallel run into: :data:`_TASKS_PER_WORKER` per
    worker, or more for a larger network, about 1.7 sqrt(R1) where R1 = sum_{i <= d} C(n1, i) is
    the most regions the first layer's n1 hyperplanes make in R^d, up to
    :data:`_MAX_TASKS_PER_WORKER` per worker.  Smaller tasks hold less memory at a time: two
    workers then slow each other down less (measured on two cores: 2 workers / 1 worker went from
    1.80x to 1.84x at 3-32-32 and from 1.77x to 1.83x at 3-48-48 with 2 to 4 times more tasks,
    while at 3-20-20 twice as many tasks cost more than they saved; docs/regions.md).  Only a
    number of tasks: the output never depends on it."""
    n1 = next((w for w in ctx.widths if w), 0)
    r1 = sum(math.comb(n1, i) for i in range(ctx.d + 1))
    return max(_TASKS_PER_WORKER * workers, min(_MAX_TASKS_PER_WORKER * workers, math.isqrt(3 * r1)))


def clip_enumerate(network: Network, box, *, workers: int = 1,
                   progress: Callable[[int, int, int], None] | None = None, executor=None,
                   prepare_json: bool = False, checkpoint=None):
    """Every activation region of ``network`` in the open box ``box`` (pairs of finite
    rationals) or, for ``box=None``, in R^d; see the module docstring for the method and what
    is guaranteed.  ``workers > 1`` runs the traversal's subtrees in a process pool.
    ``executor``: any :class:`concurrent.futures.Executor` (``submit`` and ``map``; for example
    a Dask cluster's ``Client.get_executor()``) runs the same tasks instead of a process pool;
    it is not shut down here, and ``workers`` then only sets the number of tasks (:func:`_task_count`).
    The result is the same for every ``workers`` and executor.  ``prepare_json``: the pool's
    workers also make their regions' JSON texts (for :meth:`RegionEnumeration.json_text`; made
    from the integer records in the parent otherwise).  ``checkpoint``: a folder
    (:class:`exact.checkpoint.TaskCheckpoint`) where each task's result is kept as it comes in; a
    run given a folder that already has some of this enumeration's tasks does only the others (the
    tasks run in a pool even for one worker).
    Returns an :class:`exact.regions.RegionEnumeration` (method ``"clip"``, irredundant).
    """
    from .regions import RegionEnumeration, vertex_bound

    d = network.in_dim
    ctx = _Ctx(network)
    artificial = box is None
    if artificial:
        R = vertex_bound(network)
        lo, hi = [-R] * d, [R] * d
    else:
        lo, hi = [b[0] for b in box], [b[1] for b in box]
    verts, tights = _box_polytope(lo, hi)
    M0 = [[int(i == k) for k in range(d)] for i in range(d)]
    start = ((), 0, 0, (), verts, tights, (), None, (M0, [0] * d, 1))
    workers = max(1, int(workers))
    import multiprocessing as mp

    ctxm = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    geo = (d, artificial, tuple(lo), tuple(hi))
    if workers == 1 and executor is None and checkpoint is None:
        with _collector_paused():
            fverts: list = []
            records = _records([_compact(ctx, s) for s in _finish_state(ctx, start, progress)], geo, fverts)
            regions = _assemble(records, geo)
            _promote()
        if progress is not None:
            progress(len(network.layers), 1, 1)
        count = _counter(lambda: _summary(records, artificial), lambda i: (records[i], fverts[i]), regions, geo)

        def make_texts():
            return [_region_json(rec, geo, 2, False) for rec in records]
    else:
        import concurrent.futures as cf
        import pickle

        # Tasks: the traversal's frontier, many more subtrees than workers (their sizes vary a lot).
        # Each task also builds its pieces' regions in integers (facets, interior points) and sends
        # them pickled; the parent keeps each task's bytes as they are and makes a deferred Region
        # per piece (its fields are decoded and turned into Fractions when it is first read), so
        # its share of the work is close to nothing.
        works: dict = {}  # id of a frontier state -> its _work
        cp = None
        if checkpoint is not None:  # checked (the network, the box) before any work
            from .checkpoint import TaskCheckpoint

            cp = TaskCheckpoint(checkpoint, network, box, _task_count(ctx, workers))  # locked until closed
        try:
            with _collector_paused():  # a full collection here (every object of numpy and scipy) would delay the pool
                items = _frontier(ctx, start, cp.want if cp is not None else _task_count(ctx, workers), works)
            tasks = [s for kind, s in items if kind == "task"]
            loaded: dict = {}  # task index -> (kind, result) kept in the checkpoint folder
            if cp is not None:
                cp.bind(tasks)
                loaded = cp.load()
            result_kind = "pool" if executor is None else "executor"
            caches: tuple = ({}, {})
            Region = _region_types()[1]
            regions = []
            kept: list = []               # per item, in order: (its _Batch, its regions' JSON texts made in a worker, or None)

            split = _SplitCount(geo)

            def item(n, blob, recs, local, txt=None, fv=None):
                # an item for the count as soon as it is in (any order), for the regions in the serial order
                batch = _Batch(blob, recs)
                batch.fv, batch.local, batch.n = fv, local, n
                split.todo.append(batch)
                return batch, txt

            def place(batch, txt):  # the item's regions take their place, in the serial order
                batch.start = len(regions)
                regions.extend(Region._deferred(_batch_fields, batch, k, geo, caches) for k in range(batch.n))
                kept.append((batch, txt))

            if executor is None:
                stop = ctxm.Event()  # set when the enumeration is stopped: the running tasks then end
                pool_cm = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctxm, initializer=_worker_init,
                                                 initargs=(network, stop, os.getpid()))
                submit = lambda t: pool.submit(_worker_run, t, geo, prepare_json)  # noqa: E731
            else:  # the caller's executor: no initializer, each task carries the context; left running
                pool_cm = contextlib.nullcontext(executor)
                stop = None
                ctx_blob = pickle.dumps(ctx, protocol=5)
                submit = lambda t: pool.submit(_task_run, ctx_blob, pickle.dumps(t, protocol=5), geo)  # noqa: E731
            # The objects existing now go to the collector's permanent generation for the run (unless
            # the caller froze some: then nothing is changed): the forked workers inherit them frozen,
            # so their collections neither walk them nor touch (and copy) their pages, and neither do
            # the parent's while it makes the regions; a large program (numpy, scipy loaded) otherwise
            # spends a fifth of the run there.  Unfrozen at the end (in the parent).
            freeze = executor is None and gc.get_freeze_count() == 0
            if freeze:
                gc.freeze()
        except BaseException:  # (the lock released: the pool and its workers are not made)
            if cp is not None:
                cp.close()
            raise
        with contextlib.ExitStack() as frozen, pool_cm as pool:
            if cp is not None:  # the folder left to other runs once the pool is shut down
                frozen.callback(cp.close)
            if freeze:
                frozen.callback(gc.unfreeze)
            if executor is None:
                _roomy_results(pool)
                # The parent's records and regions are not collected meanwhile (tuples of integers
                # and regions: no reference cycle; a full collection walks them all).
                frozen.enter_context(_collector_paused())
                if freeze:  # before it resumes: what the run made joins the oldest generation (see _promote)
                    frozen.callback(gc.freeze)
            futs: dict = {}
            try:
                # the largest tasks first (by :func:`_work`): the last ones to end are small
                first = sorted(range(len(tasks)), key=lambda k: -works.get(id(tasks[k]), 0))
                futs = {submit(tasks[k]): k for k in first if k not in loaded}
                results: dict = {}   # per task's index: its item, until placed
                order, k = [], 0     # the items in the serial order: a piece's item, or a task's index
                for kind, s in items:
                    if kind == "done":  # a piece finished before the tasks: its records made here, its
                        # share of the count when counted (every facet of it may meet another item's region)
                        fv: list = []
                        recs = _records([s], geo, fv)
                        order.append(("done", item(len(recs), None, recs, None, None, fv)))
                    else:
                        order.append(("task", k))
                        k += 1
                pos = 0

                def drain():  # place every item whose result is in, in the serial order
                    nonlocal pos
                    while pos < len(order) and (order[pos][0] == "done" or order[pos][1] in results):
                        kind, s = order[pos]
                        place(*(s if kind == "done" else results.pop(s)))
                        pos += 1

                def new_item(kind, res):
                    if kind == "executor":  # records made in the worker, sent whole (pickled): no chunks
                        recs, local = pickle.loads(res)
                        return item(len(recs), None, recs, local)
                    n, chunks, txt, local = res
                    return item(n, chunks, None, local, txt)

                def report(n):
                    if progress is not None:
                        progress(len(network.layers), n + len(loaded), len(tasks))

                for k in sorted(loaded):  # the kept tasks: their items at once
                    results[k] = new_item(*loaded[k])
                    loaded[k] = None  # (its result is in its item now)
                drain()
                if loaded:  # the kept tasks count as done from the start (and a callback may stop the run)
                    report(0)
                for k, f in enumerate(_completed(list(futs), report), 1):
                    res = f.result()
                    if cp is not None:  # kept before it is used: an interruption from here on loses nothing of it
                        cp.save(futs[f], result_kind, res)
                    results[futs[f]] = new_item(result_kind, res)
                    drain()
                    if k < len(futs):  # the count's share of the items in, while the workers go on
                        split.take()
                if pos != len(order):  # pragma: no cover - every task has reported
                    raise AssertionError("a task of the parallel enumeration is missing")
            except BaseException:
                _abandon(pool, list(futs), stop)
                raise

        count = (split.count, split.maps)

        def make_texts():
            return [t for batch, txt in kept
                    for t in (txt if txt is not None else [_region_json(rec, geo, 2, False) for rec in batch.records()])]
    e = RegionEnumeration(network, None if artificial else tuple((Fraction(a), Fraction(b)) for a, b in box),
                          regions, "clip", True, [])
    (e._count, e._nmaps), e._texts = count, make_texts
    return e


class _SplitCount:
    """The affine-piece count of a parallel run, made as the items come in, in the order they
    come: each item (a :class:`_Batch`: a task's regions, or a piece finished before the tasks)
    brings its share (:func:`_local_count`, made with the task, in its worker); :meth:`take`
    (called by the parent while the workers go on, and by :meth:`count`) adds the items taken so
    far: :meth:`add` joins what the item decided, decides the pairs it left open (the LP) and
    tests the pairs of its regions with those of earlier items that meet on the boundaries of the
    items' pieces (:func:`_roots`), and notes its distinct map keys.  The regions are numbered
    here in the order the items are added (``batch.cstart``); :meth:`count` returns
    :func:`_counter`'s groups in the enumeration's numbering (``batch.start``, the items' serial
    order).  :meth:`maps`: the number of distinct affine maps.  The result is
    :func:`_pieces_int`'s: every pair it joins is joined here, by the same exact decisions, in
    another order."""

    def __init__(self, geo):
        from .regions import _Parts

        self.geo, self.bi = geo, _box_ints(geo[2], geo[3])
        self.caches: tuple = ({}, {})  # for the regions the LP reads (:func:`_region_fields`)
        self.items: list = []
        self.parts = _Parts(0)
        self.across: dict = {}    # hash of (map key, plane) -> (facets on its positive side, on its negative side)
        self.fverts: list = []    # per item: the vertices of its facets handed on (chunks, see _chunk_item)
        self.keys: set = set()    # the distinct map keys of the items added
        self.todo: list = []      # items taken, not yet added

    @staticmethod
    def _un(x):
        import pickle

        return pickle.loads(x) if isinstance(x, bytes) else x

    def add(self, batch) -> None:
        b = len(self.items)
        self.items.append(batch)
        if batch.local is None:  # a piece finished before the tasks: any facet may meet another item's region
            recs = batch.records()
            batch.local = _pack_local(_local_count(recs, batch.fv, _summary(recs, self.geo[1]), self.geo, None))
        joins, pending, keys, facets, fverts = self._un(batch.local)
        batch.local = None
        it = iter(facets)  # flat (:func:`_pack_local`): back to (hash, i, k, side)
        facets = zip(it, it, it, it)
        self.fverts.append(fverts)
        self.keys.update(keys)
        parts = self.parts
        start = batch.cstart = len(parts.parent)
        parts.parent.extend(range(start, start + batch.n))
        for i, j in joins:
            parts.join(start + i, start + j)
        for i, ki, j, kj in pending:  # pairs of its own that the item left to the LP
            self._pair((b, i, ki, b, j, kj, False))
        across = self.across
        for x, (h, i, k, side) in enumerate(facets):
            got = across.get(h)
            if got is None:
                got = across[h] = ([], [])
            got[side < 0].append((b, i, k, x))
            for b2, j, k2, x2 in got[side > 0]:  # the other side, earlier items
                if b2 != b:
                    pair = (b, i, k, b2, j, k2, True, x, x2) if side > 0 else (b2, j, k2, b, i, k, True, x2, x)
                    self._pair(pair)

    def _pair(self, pair) -> None:
        """Join the regions of a pair ``(b1, i, ki, b2, j, kj, check[, x1, x2])`` (region i of
        item b1, its constraint ki; region j of item b2, its constraint kj) when they share that
        facet.  A pair an item left open (``check`` False) goes to the LP
        (:func:`exact.regions._share_facet`) at once: its :func:`_decide` did not decide it.  A
        pair across items, found by equal hashes (facets x1 and x2 of the items' handed-on facets),
        is first compared exactly (map key and plane), then decided by :func:`_decide` from the
        items' records and the two facets' vertices, else by the LP.  Records and vertices are
        read from the items (a worker's chunk decoded when first read)."""
        from .regions import _share_facet

        b1, i, ki, b2, j, kj, check = pair[:7]
        item1, item2 = self.items[b1], self.items[b2]
        g1, g2 = item1.cstart + i, item2.cstart + j
        find = self.parts.find
        if find(g1) == find(g2):
            return
        rec1, rec2 = item1.record(i), item2.record(j)
        if check:
            artificial, (x1, x2) = self.geo[1], pair[7:]
            (k1, p1), (k2, p2) = _summary((rec1, rec2), artificial)
            if k1 != k2 or p1[ki][0] != p2[kj][0]:  # equal hashes, different maps or planes
                return
            got = _decide((_constraint_rows(rec1, artificial), rec1[2], {ki: _chunk_item(self.fverts[b1], x1)}), ki,
                          (_constraint_rows(rec2, artificial), rec2[2], {kj: _chunk_item(self.fverts[b2], x2)}), kj,
                          self.bi)
            if got is not None:
                if got:
                    self.parts.join(g1, g2)
                return
        if _share_facet(_region_of(rec1, self.geo, self.caches), ki, _region_of(rec2, self.geo, self.caches), kj):
            self.parts.join(g1, g2)

    def take(self) -> None:
        """Add the items taken so far (:meth:`add`)."""
        todo, self.todo = self.todo, []
        for batch in todo:
            self.add(batch)

    def count(self) -> list:
        """The affine pieces: groups of the regions' indices in the enumeration (each item's
        ``start``, set when its regions took their place), each sorted, sorted."""
        with _collector_paused():
            self.take()
            find = self.parts.find
            out: dict = {}
            for batch in sorted(self.items, key=lambda item: item.start):  # the serial order: each group sorted
                c, s = batch.cstart, batch.start
                for i in range(batch.n):
                    out.setdefault(find(c + i), []).append(s + i)
            self.across = {}
        return sorted(out.values())

    def maps(self) -> int:
        with _collector_paused():
            self.take()
        return len(self.keys)


def _roots(state) -> frozenset:
    """The planes (as :func:`_plane` writes them) of the neuron constraints cut into a state's
    piece.  Its boundary lies on them and on the box's sides, so a facet that a region of the piece
    shares with a region outside it lies on one of these planes: a relatively open part of a
    hyperplane inside finitely many hyperplanes lies in one of them, and no region lies beyond
    a side of the box."""
    return frozenset(_plane(c[4], c[5])[0] for c in state[6])


_MERSENNE61 = (1 << 61) - 1


def _digest(key, plane) -> int:
    """A hash of a map key and a plane that is the same in every process, on every platform and
    whatever Python's digit limits (the parent compares the hashes of different workers, possibly
    on other machines; ``hash`` differs between 32- and 64-bit builds): a polynomial in their
    integers modulo 2^61 - 1.  Equal hashes are then compared exactly."""
    (M, m, D), (row, off) = key, plane
    h = D % _MERSENNE61
    for r in M:
        for x in r:
            h = (h * 1000003 + x) % _MERSENNE61
    for x in m:
        h = (h * 1000003 + x) % _MERSENNE61
    for x in row:
        h = (h * 1000003 + x) % _MERSENNE61
    return (h * 1000003 + off) % _MERSENNE61


def _local_count(recs, fvs, sums, geo, roots):
    """One item's share of the affine-piece count: :func:`_pieces_int`'s pairs among its own
    regions, decided as there where the item's data decide them.  Returns ``(joins, pending, keys,
    facets, fverts)``: the pairs (i, j) found sharing a facet; the pairs (i, ki, j, kj) left open
    (the LP needed); the distinct map keys; per facet on a plane of ``roots`` (every facet if
    ``roots`` is None), where a region of another item may meet it: ``(hash of (map key, plane),
    i, k, side)`` (:func:`_digest`; equal hashes are then compared exactly, on the records), and
    in ``fverts`` (the same order) that facet's vertices.  Indices are the item's own.  ``sums``:
    the records' :func:`_summary`; ``fvs``: their facets' vertices."""
    from .regions import _Parts

    d, artificial, lo, hi = geo
    bi = _box_ints(lo, hi)
    parts = _Parts(len(recs))
    find = parts.find
    joins, pending = [], []
    rows: dict = {}

    def data(i):
        r = rows.get(i)
        if r is None:
            r = rows[i] = (_constraint_rows(recs[i], artificial), recs[i][2], fvs[i])
        return r

    groups = _groups(sums)
    for i, ki, j, kj in _pairs(sums, groups, find):
        got = _decide(data(i), ki, data(j), kj, bi)
        if got:
            parts.join(i, j)
            joins.append((i, j))
        elif got is None:
            pending.append((i, ki, j, kj))
    facets, fverts = [], []
    for i, (key, planes) in enumerate(sums):
        for k, p in enumerate(planes):
            if p is not None and (roots is None or p[0] in roots):
                facets.append((_digest(key, p[0]), i, k, p[1]))
                fverts.append(fvs[i][k])
    return joins, pending, list(groups), facets, fverts


def _counter(summaries, rec_at, regions, geo):
    """(count, maps): the enumeration's affine pieces (:func:`_pieces_int` on ``summaries()``) and
    its number of distinct affine maps (of the map keys), each computed when called."""
    nmaps: list = []

    def count():
        # the summaries are freed before the collector runs again (it would walk them all)
        with _collector_paused():
            keys = summaries()
            nmaps[:] = [len({key for key, _ in keys})]
            out = _pieces_int(keys, rec_at, regions, geo)
            del keys
        return out

    def maps():
        if not nmaps:
            with _collector_paused():
                nmaps[:] = [len({key for key, _ in summaries()})]
        return nmaps[0]
    return count, maps


def _roomy_results(pool) -> None:
    """The process pool's result pipe enlarged to 1 MiB where the system allows it (Linux's
    ``F_SETPIPE_SZ``; the default is 64 KiB): a worker then hands over a task's result (a few
    hundred kB of records and texts) at once, instead of waiting, chunk by chunk, for the
    parent's reading thread, which shares the interpreter lock with the parent's own work.  Only
    a buffer's size; where it cannot be set (another system, a limit, another version of
    :mod:`concurrent.futures`) nothing is done."""
    try:
        import fcntl

        fcntl.fcntl(pool._result_queue._writer.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (AttributeError, ImportError, OSError, ValueError):
        pass


#: seconds between two progress calls while the parallel enumeration waits for its tasks (a
#: progress callback may raise to stop the enumeration: the wait is never left blocked)
_POLL = 0.1


def _completed(futs, report):
    """Yield the futures of ``futs`` as they finish; ``report(n_done)`` after each and at least
    every :data:`_POLL` seconds while waiting, in the calling thread (so it may raise).  Each
    future signals its end through one queue (O(1) per future; a ``concurrent.futures.wait`` per
    result would install a waiter on every pending future)."""
    import queue

    done: queue.SimpleQueue = queue.SimpleQueue()
    for f in futs:
        f.add_done_callback(done.put)
    n = 0
    while n < len(futs):
        try:
            f = done.get(timeout=_POLL)
        except queue.Empty:
            f = None
        if f is not None:
            n += 1
            yield f
        if report is not None:
            report(n)


def _abandon(pool, futs, stop) -> None:
    """Stop a parallel enumeration left by an exception (a stopped progress callback, Ctrl-C):
    cancel its queued tasks; the running ones of this module's pool see ``stop`` and end within
    256 pieces (a caller's executor is left running)."""
    if stop is not None:
        stop.set()
    for f in futs:
        f.cancel()
    if stop is not None:  # the workers end their running tasks within 256 pieces, then exit
        pool.shutdown(wait=True, cancel_futures=True)


def _near(m, R):
    """The half-width of the box around a region's true vertices (None when it would not be smaller than R)."""
    return None if m + 2 >= R else m + 2


def _assemble(records, geo):
    """Regions (facets, interior point checked strictly, affine map) from the records of
    :func:`_record`, in their order; equal constraints and maps become one shared object."""
    caches: tuple = ({}, {})
    return [_region_of(rec, geo, caches) for rec in records]


def _unbounded_point(final, geo):
    """The interior point (N, L) of a piece reaching the artificial box's sides: the centroid of
    its part in the box ``(-near, near)^d`` around its own true vertices (its vertices on no side of
    the artificial box; :func:`_near`), else of the whole piece; checked."""
    d, _, lo, hi = geo
    pat, vs, ts, cons, _ = final
    box_ids = (1 << (2 * d)) - 1
    m = max((-(-abs(x) // w) for (X, w), t in zip(vs, ts) if not t & box_ids for x in X), default=0)
    near = _near(m, hi[0])
    cen = _centroid_in(vs, ts, d, near) if near is not None else None
    if cen is None:
        cen = _centroid(vs)
    return _checked(cen, pat, cons, d, lo, hi)


_REGION_TYPES: tuple = ()


def _region_types() -> tuple:
    """(Constraint, Region) of :mod:`exact.regions`, imported once (it imports this module lazily)."""
    global _REGION_TYPES
    if not _REGION_TYPES:
        from .regions import Constraint, Region

        _REGION_TYPES = (Constraint, Region)
    return _REGION_TYPES


def _region_of(rec, geo, caches):
    """The :class:`exact.regions.Region` of a record: its pattern now, the Fractions (point,
    facets, affine map) on the first access to any of them (:func:`_region_fields`); what a
    region holds until then is the record's integers."""
    Region = _region_types()[1]
    return Region._deferred(_region_fields, rec[0], rec[1], rec[2], rec[3], geo, caches)


def _region_fields(pat, facets, cen, inmap, geo, caches):
    """(pattern, point, constraints, linear, offset) of a region in Fractions from its record's
    integers; equal constraints and maps are one shared object (``caches``)."""
    Constraint = _region_types()[0]
    d, artificial, lo, hi = geo
    rows_cache, maps_cache = caches
    M, m, D = inmap
    constraints = []
    for key in facets:
        if not isinstance(key, int):
            con = rows_cache.get(key)
            if con is None:
                con = rows_cache[key] = _row_constraint(*key)
            constraints.append(con)
        elif not artificial:
            i, up = divmod(key, 2)
            e = tuple(Fraction(int(k == i)) for k in range(d))
            constraints.append(Constraint(e, Fraction(hi[i]), ("box", i, "hi")) if up else
                               Constraint(tuple(-v for v in e), -Fraction(lo[i]), ("box", i, "lo")))
    P, q = _simple_point(facets, cen, geo)  # the point P / q, q > 0
    pt = tuple(Fraction(x, q) for x in P)
    key = (tuple(map(tuple, M)), tuple(m), D)
    amap = maps_cache.get(key)
    if amap is None:
        amap = maps_cache[key] = (tuple(tuple(Fraction(x, D) for x in row) for row in M),
                                  tuple(Fraction(x, D) for x in m))
    return (pat, pt, tuple(constraints), *amap)


def _strict_side(row, off, N, L, bit) -> bool:
    """Is ``row . (N / L) + off`` strictly positive (bit 1) or strictly negative (bit 0)?"""
    v = sum(a * x for a, x in zip(row, N)) + off * L
    return v > 0 if bit else v < 0


def _row_constraint(li, j, bit, row, off, den):
    """The open half-space of neuron j of layer li on the side ``bit`` (as the general path
    writes it): bit 1 is ``u > level``, i.e. ``-A x / den < off / den``; bit 0 ``A x / den < -off / den``."""
    Constraint = _region_types()[0]

    if bit:
        return Constraint(tuple(Fraction(-a, den) for a in row), Fraction(off, den), ("neuron", li, j, 1))
    return Constraint(tuple(Fraction(a, den) for a in row), Fraction(-off, den), ("neuron", li, j, 0))


def _centroid(vs):
    """The average of the vertices (strictly inside a full-dimensional polytope) as (N, L):
    the point N / L with integers N and L > 0."""
    L = math.lcm(*(w for _, w in vs))
    d = len(vs[0][0])
    N = [0] * d
    for X, w in vs:
        f = L // w
        for i in range(d):
            N[i] += X[i] * f
    L *= len(vs)
    g = math.gcd(L, *N)
    return [x // g for x in N], L // g


def _simple_point(facets, cen, geo):
    """The interior point a region shows (its JSON, :class:`exact.regions.Region`): its record's
    point ``N / L`` (an average of vertices, whose numbers grow fast with the dimension: hundreds
    of digits in R^6) rounded to the grid ``Z^d / q``, with ``q`` the least power of two that
    meets a sufficient bound for every facet of the region and every side of the box to stay
    strict (a coarser grid may also do): moving each coordinate by at most ``1 / (2q)`` moves
    ``r . x + o`` by at most ``|r|_1 / (2q)``; at ``N / L`` its value is ``v / L > 0``; so
    ``2 q v > L |r|_1`` for every such constraint suffices.  The region is the intersection of its
    facets' open half-spaces (and of the box), so the rounded point is strictly inside it; it is
    checked all the same.  Returns ``(P, q)``, the point ``P / q`` (integers, ``q > 0``)."""
    mul = operator.mul
    N, L = cen
    _, _, lo, hi = geo
    need, cons = 1, []
    for f in facets:
        if f.__class__ is int:  # a side of the box: all of them are below
            continue
        _, _, bit, row, off, _ = f
        v = sum(map(mul, row, N)) + off * L
        if not bit:
            v = -v
        if v <= 0:  # (the record's point was checked strictly inside)
            raise AssertionError("a region's interior point is not strictly inside a facet")
        t = L * sum(map(abs, row)) // (2 * v) + 1
        if t > need:
            need = t
        cons.append((row, off, bit))
    box = _box_ints(lo, hi)
    for x, (ln, ld, hn, hd) in zip(N, box):
        for v, nrm in ((ld * x - ln * L, ld), (hn * L - hd * x, hd)):  # x > lo, x < hi: v / (L ld), v / (L hd)
            if v <= 0:
                raise AssertionError("a region's interior point is not strictly inside the box")
            t = L * nrm // (2 * v) + 1
            if t > need:
                need = t
    q = 1 << (need - 1).bit_length()
    P = [(2 * x * q + L) // (2 * L) for x in N]  # the nearest grid point: |P / q - N / L| <= 1 / (2q)
    if not _strictly_inside(P, q, cons, box):  # would be a bug in the bound above
        raise AssertionError("a region's rounded interior point is not strictly inside it")
    return P, q


def _strictly_inside(P, q, cons, box) -> bool:
    """Is the point ``P / q`` (``q > 0``) strictly inside the open box ``box`` (:func:`_in_box`)
    and on the side ``bit`` of each ``(row, off, bit)`` of ``cons`` (:func:`_strict_side`)?"""
    return _in_box(P, q, box) and all(_strict_side(row, off, P, q, bit) for row, off, bit in cons)


def _centroid_in(vs, ts, d, near):
    """The centroid of the polytope clipped to the open box (-near, near)^d, or None when the
    polytope does not meet that box in a full-dimensional set."""
    if all(near * w > abs(x) for X, w in vs for x in X):
        return _centroid(vs)  # inside the box already
    for i in range(d):
        for sign in (1, -1):
            vals = [near * w - sign * X[i] for X, w in vs]  # > 0 inside
            if min(vals) >= 0:
                continue
            if max(vals) <= 0:
                return None
            bit = 1 << (ts and max(t.bit_length() for t in ts) or 0)
            (vs, ts), _ = _cut(vs, ts, vals, bit, d)
    return _centroid(vs)


# -- d = 2: convex polygons in integers (the polygon path's output) -------------------------------

def _pcross(p, q, sp, sq):
    """The point where the affine function with homogeneous values sp at p and sq at q (opposite
    signs) vanishes on the segment pq, as reduced homogeneous integers (X, Y, w), w > 0."""
    if sp < 0:
        p, q, sp, sq = q, p, sq, sp
    X = sp * q[0] - sq * p[0]
    Y = sp * q[1] - sq * p[1]
    w = sp * q[2] - sq * p[2]
    g = math.gcd(X, Y, w)
    return (X // g, Y // g, w // g) if g > 1 else (X, Y, w)


def _pcut(vs, es, s, new):
    """The part of the convex polygon (vertices (X, Y, w) in cyclic order, edge k from vertex k to
    k + 1 with label es[k]) where ``s >= 0`` (s: the homogeneous values at the vertices), the new
    edge on ``s = 0`` labelled ``new``.  The same vertices and edges, in the same order, as
    :func:`exact.regions._cut` on the rational points."""
    n = len(vs)
    ov, oe = [], []
    for k in range(n):
        kq = k + 1 if k + 1 < n else 0
        sp, sq, e = s[k], s[kq], es[k]
        if sp > 0:
            ov.append(vs[k])
            oe.append(e)
            if sq < 0:
                ov.append(_pcross(vs[k], vs[kq], sp, sq))
                oe.append(new)
        elif sp == 0:
            ov.append(vs[k])
            oe.append(new if sq < 0 else e)
        elif sq > 0:
            ov.append(_pcross(vs[k], vs[kq], sp, sq))
            oe.append(e)
    return ov, oe


def polygon_enumerate(network: Network, box, progress: Callable[[int, int, int], None] | None = None):
    """The 2-D polygon path (``method="polygon"``) in integers: every activation region of a
    network with two inputs in the open ``box`` (pairs of finite rationals) or, for ``box=None``,
    in R^2 (clipped in ``(-R, R)^2``, R = :func:`exact.regions.vertex_bound`).  Each piece is a
    convex polygon, its vertices in homogeneous integers ``(X, Y, w)`` in cyclic order with one
    labelled constraint per edge; a neuron's integer pre-activation takes both signs at the
    vertices (exact) or the whole polygon lies on one side.  The regions, their order, points,
    constraints (in edge order) and maps are exactly those of the polygon path in Fractions
    (``exact.regions._enumerate_2d``), and so are the points before they are rounded for showing
    (:func:`_simple_point`); their Fractions are built on first access."""
    from .regions import RegionEnumeration, vertex_bound

    if network.in_dim != 2:  # pragma: no cover - checked by the caller
        raise ValueError("polygon_enumerate needs two inputs")
    ctx = _Ctx(network)
    artificial = box is None
    if artificial:
        R = vertex_bound(network)
        lo, hi = [-R, -R], [R, R]
    else:
        lo, hi = [Fraction(b[0]) for b in box], [Fraction(b[1]) for b in box]
    den = math.lcm(*(v.denominator for v in lo + hi))
    (x0, y0), (x1, y1) = [int(v * den) for v in lo], [int(v * den) for v in hi]

    def point(x, y):
        g = math.gcd(x, y, den)
        return (x // g, y // g, den // g)

    verts = [point(x0, y0), point(x1, y0), point(x1, y1), point(x0, y1)]
    edges = [2, 1, 3, 0]  # box sides 2i + up: y > lo, x < hi, y < hi, x > lo
    pieces = [((), verts, edges, ([[1, 0], [0, 1]], [0, 0], 1))]
    with _collector_paused():
        for li, lay in enumerate(ctx.layers):
            act = lay[4]
            nxt = []
            for k, (pat, verts, edges, (M, m, D)) in enumerate(pieces):
                A, e, off, den_u = _pre(lay, M, m, D)
                if act is Activation.IDENTITY:
                    nxt.append((pat + ((),), verts, edges, _apply(lay, A, e, den_u, ())))
                    continue
                work = [((), verts, edges)]
                fixed = _fixed_2d(A, off, verts, act)
                nn, j = len(A), 0
                while j < nn:
                    if fixed[j] is not None:  # one side on the whole polygon, hence on every part of it
                        t = j + 1
                        while t < nn and fixed[t] is not None:
                            t += 1
                        run = fixed[j:t]
                        work = [(bits + run, vs, es) for bits, vs, es in work]
                        j = t
                        continue
                    (a0, a1), o = A[j], off[j]
                    split = []
                    for bits, vs, es in work:
                        s = [a0 * x + a1 * y + o * w for x, y, w in vs]
                        if min(s) >= 0:
                            split.append((bits + (1,), vs, es))
                        elif max(s) <= 0:
                            split.append((bits + (0,), vs, es))
                        else:
                            row = (a0, a1)
                            pv, pe = _pcut(vs, es, s, (li, j, 1, row, o, den_u))
                            nv, ne = _pcut(vs, es, [-t for t in s], (li, j, 0, row, o, den_u))
                            split.append((bits + (1,), pv, pe))
                            split.append((bits + (0,), nv, ne))
                    work = split
                    j += 1
                for bits, vs, es in work:
                    nxt.append((pat + (bits,), vs, es, _apply(lay, A, e, den_u, bits)))
                if progress is not None:
                    progress(li, k + 1, len(pieces))
            pieces = nxt
        # interior points near the arrangement: centroids inside a box just around the true vertices
        near = None
        if artificial:
            Ri = int(R)
            near = 2 + max((max(abs(x), abs(y)) // w for _, vs, _, _ in pieces for x, y, w in vs
                            if abs(x) != Ri * w and abs(y) != Ri * w), default=0)
            if near >= Ri:
                near = None
        geo = (2, artificial, tuple(lo), tuple(hi))
        caches: tuple = ({}, {})
        Region = _region_types()[1]
        regions, records, fverts = [], [], []
        for pat, vs, es, inmap in pieces:
            nv = len(vs)  # each edge's two vertices, for the count (as (X, w))
            fverts.append(tuple((((vs[k][0], vs[k][1]), vs[k][2]), ((vs[k + 1 - nv][0], vs[k + 1 - nv][1]), vs[k + 1 - nv][2]))
                                for k, x in enumerate(es) if not (artificial and isinstance(x, int))))
            if near is not None:
                small = vs
                for c, sign in ((0, 1), (0, -1), (1, 1), (1, -1)):
                    if len(small) >= 3:
                        s = [near * p[2] - sign * p[c] for p in small]
                        if min(s) < 0:  # (else the cut keeps the polygon as it is)
                            small = _pcut(small, [None] * len(small), s, None)[0]
                if len(small) >= 3:
                    vs = small
            L = math.lcm(*(w for _, _, w in vs))
            nx = sum(x * (L // w) for x, _, w in vs)
            ny = sum(y * (L // w) for _, y, w in vs)
            L *= len(vs)
            g = math.gcd(nx, ny, L)
            N, L = (nx // g, ny // g), L // g
            _polygon_checked(N, L, pat, es, lo, hi)
            facets = tuple(x for x in es if not (artificial and isinstance(x, int)))
            regions.append(Region._deferred(_region_fields, pat, facets, (N, L), inmap, geo, caches))
            records.append((pat, facets, (N, L), inmap))
    e = RegionEnumeration(network, None if artificial else tuple((Fraction(a), Fraction(b)) for a, b in box),
                          regions, "polygon2d", True, [])
    e._count, e._nmaps = _counter(lambda: _summary(records, artificial), lambda i: (records[i], fverts[i]),
                                  regions, geo)
    e._texts = lambda: [_region_json(rec, geo, 2, False) for rec in records]
    return e


def _fixed_2d(A, off, verts, act) -> tuple:
    """Per neuron of a layer on a polygon (vertices (X, Y, w)): its bit where the polygon lies on
    one side (constant rows by the layer's rule on the constant), None where the values at the
    vertices take both signs.  One int64 product where no partial sum can reach 2^63 (each is at
    most (|a0| + |a1| + |o|) max(|X|, |Y|, w) in absolute value), else Python integers."""
    amax = max(map(abs, chain(chain.from_iterable(A), off)))
    vmax = max(map(abs, chain.from_iterable(verts)))
    out = []
    if 3 * amax * vmax < 2 ** 63:
        import numpy as np

        V = np.array([[*r, o] for r, o in zip(A, off)], dtype=np.int64) @ np.array(verts, dtype=np.int64).T
        lo, hi = V.min(axis=1).tolist(), V.max(axis=1).tolist()
    else:
        lo, hi = [], []
        for (a0, a1), o in zip(A, off):
            s = [a0 * x + a1 * y + o * w for x, y, w in verts]
            lo.append(min(s))
            hi.append(max(s))
    threshold = act is Activation.HARD_THRESHOLD
    for (a0, a1), o, mn, mx in zip(A, off, lo, hi):
        if not (a0 or a1):
            out.append(int(o >= 0) if threshold else int(o > 0))
        else:
            out.append(1 if mn >= 0 else 0 if mx <= 0 else None)
    return tuple(out)


def _polygon_checked(N, L, pat, es, lo, hi) -> None:
    """The point N / L strictly inside every edge's half-plane (box sides and neuron rows)."""
    x, y = N
    bi = _box_ints(lo, hi)
    for lab in es:
        if isinstance(lab, int):
            i, up = divmod(lab, 2)
            ln, ld, hn, hd = bi[i]
            ok = N[i] * hd < hn * L if up else ln * L < N[i] * ld
        else:
            _, _, bit, (a0, a1), off, _ = lab
            v = a0 * x + a1 * y + off * L
            ok = v > 0 if bit else v < 0
        if not ok:  # pragma: no cover - would be a bug in the clipping
            raise AssertionError(f"the centroid of region {pat} is not strictly inside it")


# -- affine pieces from the integer records ------------------------------------------------------

def _plane(row, off) -> tuple:
    """``((row', off'), g)``: the hyperplane ``row . x + off = 0`` scaled to gcd 1 and a positive
    first non-zero coefficient (``row' = row / g``, ``g`` negative when the scale flips signs)."""
    g = math.gcd(off, *row)
    for x in row:
        if x:
            if x < 0:
                g = -g
            break
    return (tuple([x // g for x in row]), off // g), g


def _plane_side(row, off, bit) -> tuple:
    """``((row', off'), side)``: the plane of :func:`_plane` and the side (+1 or -1 of the scaled
    form) where ``row . x + off`` is positive (``bit`` 1) or negative (``bit`` 0)."""
    plane, g = _plane(row, off)
    return plane, 1 if (bit == 1) == (g > 0) else -1


def _summary(recs, artificial) -> list:
    """Per record what the affine-piece count needs, in integers: ``(map key, planes)``.  The map
    key is the record's reduced affine map (M, m, D) as tuples (equal maps have equal keys:
    gcd 1 and D > 0); ``planes`` has per constraint of the region (in its constraints' order) the
    neuron facet's hyperplane and the region's side of it (:func:`_plane_side`), or None for a
    side of the box."""
    out = []
    for rec in recs:
        M, m, D = rec[3]
        planes = []
        for f in rec[1]:
            if f.__class__ is int:
                if not artificial:
                    planes.append(None)
                continue
            planes.append(_plane_side(f[3], f[4], f[2]))
        out.append(((tuple(map(tuple, M)), tuple(m), D), planes))
    return out


def _constraint_rows(rec, artificial) -> list:
    """The record's constraints in the region's order: a box side id, or (bit, row, off)."""
    return [f if f.__class__ is int else (f[2], f[3], f[4]) for f in rec[1]
            if not (artificial and f.__class__ is int)]


def _groups(sums) -> dict:
    """The records' indices by map key (:func:`_summary`), in order."""
    groups: dict = {}
    for i, (key, _) in enumerate(sums):
        groups.setdefault(key, []).append(i)
    return groups


def _pairs(sums, groups, find):
    """The candidate pairs of the affine-piece count, ``(i, ki, j, kj)``: regions with one map key
    whose constraints ki and kj lie on one hyperplane, i on its positive side and j on its
    negative side, not (yet) in one part by ``find`` (read as the pairs are taken, so that pairs
    joined meanwhile are skipped)."""
    for members in groups.values():
        if len(members) < 2:
            continue
        planes: dict = {}
        for i in members:
            for k, p in enumerate(sums[i][1]):
                if p is not None:
                    planes.setdefault(p[0], []).append((i, k, p[1]))
        for lst in planes.values():
            pos = [t for t in lst if t[2] > 0]
            neg = [t for t in lst if t[2] < 0]
            for i, ki, _ in pos:
                for j, kj, _ in neg:
                    if i != j and find(i) != find(j):
                        yield i, ki, j, kj


def _decide(a, ki, b, kj, bi):
    """Do regions a and b (constraint rows, interior point, facets' vertices) share the facet of
    their constraints ki and kj?  True by :func:`_share_int`, False when :func:`_apart` proves them
    apart, else None: left to the exact decision of :func:`exact.regions._share_facet`."""
    if _share_int(a, ki, b, kj, bi):
        return True
    if _apart(a[0], ki, b[2][kj], bi) or _apart(b[0], kj, a[2][ki], bi):
        return False
    return None


def _share_int(r1, k1, r2, k2, bi) -> bool:
    """The exact proposal of :func:`exact.regions._share_facet` in integers: does the point where
    the segment between the two interior points crosses the hyperplane of constraint k1 of region
    1 satisfy every other constraint of both regions strictly?  (True: the closures share that
    facet's relative interior; False: undecided here.)  ``r1``, ``r2``: (constraint rows, (N, L))."""
    (c1, (N1, L1)), (c2, (N2, L2)) = r1[:2], r2[:2]
    _, row, off = c1[k1]
    h1 = sum(map(operator.mul, row, N1)) + off * L1
    h2 = sum(map(operator.mul, row, N2)) + off * L2
    Q = [h1 * b - h2 * a for a, b in zip(N1, N2)]
    W = h1 * L2 - h2 * L1
    if W == 0:  # pragma: no cover - the points are on opposite sides
        return False
    if W < 0:
        Q, W = [-x for x in Q], -W
    return all(_strict(c, Q, W, bi) for cons, skip in ((c1, k1), (c2, k2)) for k, c in enumerate(cons) if k != skip)


def _strict(c, X, w, bi) -> bool:
    """Does constraint ``c`` (a box side id, or (bit, row, off)) hold strictly at the homogeneous
    point (X, w), w > 0?  ``bi``: the box bounds in integers (:func:`_box_ints`)."""
    if c.__class__ is int:
        i, up = divmod(c, 2)
        ln, ld, hn, hd = bi[i]
        return X[i] * hd < hn * w if up else ln * w < X[i] * ld
    bit, row, off = c
    v = sum(map(operator.mul, row, X)) + off * w
    return v > 0 if bit else v < 0


def _apart(cons, skip, verts, bi) -> bool:
    """True if some constraint of ``cons`` other than ``skip`` holds strictly at no vertex of
    ``verts`` ((X, w) homogeneous): then it holds strictly nowhere on their convex hull, so no
    point of that facet (of the other region) is strictly inside this region's other constraints.
    (On an artificial box the facet's part in the box suffices: a point strictly inside both
    regions' other constraints on the hyperplane would be found in the box, by the bound of
    :func:`exact.regions.vertex_bound`.)"""
    return any(k != skip and not any(_strict(c, X, w, bi) for X, w in verts) for k, c in enumerate(cons))


def _pieces_int(summaries, rec_at, regions, geo) -> list:
    """The affine pieces (as :func:`exact.regions._merge_pieces` gives them: sorted groups of
    region indices) from the integer summaries: regions with equal map keys whose constraints lie
    on one hyperplane from opposite sides are joined when they share that facet's relative
    interior, decided by :func:`_share_int` and, when it does not decide, by
    :func:`exact.regions._share_facet` on the regions, unless :func:`_apart` proves them apart
    from the facets' vertices.  ``rec_at(i)``: region i's record and its facets' vertices."""
    from .regions import _Parts, _share_facet

    d, artificial, lo, hi = geo
    bi = _box_ints(lo, hi)
    parts = _Parts(len(summaries))
    find = parts.find

    rows: dict = {}

    def data(i):
        r = rows.get(i)
        if r is None:
            rec, fv = rec_at(i)
            r = rows[i] = (_constraint_rows(rec, artificial), rec[2], fv)
        return r

    for i, ki, j, kj in _pairs(summaries, _groups(summaries), find):
        got = _decide(data(i), ki, data(j), kj, bi)
        if got or (got is None and _share_facet(regions[i], ki, regions[j], kj)):
            parts.join(i, j)
    return parts.groups()


# -- JSON texts from the integer records ---------------------------------------------------------

def _q(n: int, d: int) -> str:
    """``rational_str`` of n / d (d > 0) from the integers."""
    g = math.gcd(n, d)
    if g != 1:
        n //= g
        d //= g
    return int_to_digits(n) if d == 1 else f"{int_to_digits(n)}/{int_to_digits(d)}"


def _jlist(items, lvl: int) -> str:
    """A JSON list of lists or objects as :func:`exact.regions.json_layout` writes it (one item
    per line), of items already written for the indentation ``lvl`` (its brackets at ``lvl - 1``)."""
    if not items:
        return "[]"
    sp = "\n" + " " * lvl
    return "[" + sp + ("," + sp).join(items) + "\n" + " " * (lvl - 1) + "]"


def _jline(items) -> str:
    """A JSON list of scalars, already written, as :func:`exact.regions.json_layout` writes it:
    on one line."""
    return "[" + ", ".join(items) + "]"


def _region_json(rec, geo, base: int = 0, close: bool = True) -> str:
    """``json_layout(region.to_json(), base)`` of a record's region (the same text), written
    from its integers with no Fraction: constraints as :func:`_region_fields` makes them.  Every
    string is a rational (``-``, digits, ``/``) or a fixed label: nothing to escape.  ``base``:
    the text as it stands nested ``base`` levels deep in a document (its lines after the first
    indented by ``base`` more); ``close=False`` leaves out the closing line (the caller adds
    fields)."""
    d, artificial, lo, hi = geo
    pat, facets, cen, (M, m, D) = rec[:4]
    s1, s2, s3 = " " * (base + 1), " " * (base + 2), " " * (base + 3)
    ineqs = []
    for f in facets:
        if f.__class__ is int:
            if artificial:
                continue
            i, up = divmod(f, 2)
            if up:
                b, one, side = Fraction(hi[i]), '"1"', '"hi"'
            else:
                b, one, side = -Fraction(lo[i]), '"-1"', '"lo"'
            a = [one if k == i else '"0"' for k in range(d)]
            label = ['"box"', str(i), side]
            b = _q(b.numerator, b.denominator)
        else:
            li, j, bit, row, off, den = f
            if bit:
                a, b = [f'"{_q(-x, den)}"' for x in row], _q(off, den)
            else:
                a, b = [f'"{_q(x, den)}"' for x in row], _q(-off, den)
            label = ['"neuron"', str(li), str(j), str(bit)]
        ineqs.append(f'{{\n{s3}"a": {_jline(a)},\n{s3}"b": "{b}",\n{s3}"label": {_jline(label)}\n{s2}}}')
    pattern = _jlist([_jline([str(b) for b in p]) for p in pat], base + 2)
    P, q = _simple_point(facets, cen, geo)
    point = _jline([f'"{_q(x, q)}"' for x in P])
    linear = _jlist([_jline([f'"{_q(x, D)}"' for x in row]) for row in M], base + 3)
    offset = _jline([f'"{_q(x, D)}"' for x in m])
    text = (f'{{\n{s1}"pattern": {pattern},\n{s1}"interior_point": {point},\n{s1}"inequalities": '
            f'{_jlist(ineqs, base + 2)},\n{s1}"affine_map": {{\n{s2}"linear": {linear},\n{s2}"offset": {offset}'
            f'\n{s1}}}')
    return text + "\n" + " " * base + "}" if close else text
