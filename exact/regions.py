"""Exact enumeration of the activation regions (configurations) of a network.

For a network ``f = A_L o rho o ... o rho o A_1`` (003's notation) the *configuration*
of an input x is its activation pattern: per layer, one 0/1 per neuron (a ReLU neuron
is active iff its pre-activation is > 0, a hard-threshold neuron iff it is >= its
threshold; identity layers contribute ``()``).  The *activation region* of a pattern D is
the open polyhedron

    int P(D) = { x : u_j(x) > level for active neurons, u_j(x) < level for inactive ones }

where each pre-activation u_j is the affine function of x fixed by the earlier layers'
patterns (rows on which u_j is constant drop out when their condition holds
identically, e.g. a neuron that is identically 0 on the region is inactive there).

:func:`enumerate_regions` returns every pattern whose activation region is non-empty
(full-dimensional), inside all of R^d or inside an open box, each with

* an exact interior point (checked strictly),
* its H-representation ``a . x < b`` (irredundant by default: every remaining row is a
  facet, certified by an exact strict point beyond it; every dropped row by a Farkas
  multiplier),
* the exact affine map ``x -> linear x + offset`` of the output on it.

**Lower-dimensional cells** (faces where some pre-activation is exactly 0 on a set of
dimension < d) are not listed as regions: they are boundaries of the listed regions, and
by continuity (ReLU networks) the neighbouring affine maps agree on them.  For d = 1 the
breakpoints are listed (``points``) with their own patterns.  A pattern realised *only*
on a lower-dimensional set (e.g. ``(0, 0)`` for the neurons ``x`` and ``-x``, realised at
x = 0 alone) is therefore not an activation region; :func:`configuration_at` gives the
pattern of any exact point, for instance of a vertex.

**Algorithm.**  d = 1 uses the exact breakpoint sweep (:mod:`exact.sweep1d`), d = 2 exact
polygon clipping, d >= 3 exact vertex clipping in integers (:mod:`exact.clipping`, no LP).  The
general path (``method="general"``, and for certificates) goes layer by layer and neuron by neuron: on a piece with interior point p the neuron's
pre-activation is an affine function u; p decides one side for free, and
:func:`exact.feasibility.strict_feasibility` decides the other side exactly (a strict point, or a
Farkas multiplier proving it empty).  Degenerate arrangements need no special case:
parallel or repeated neurons, hyperplanes through a common point, zero weights (u
constant: no split), regions of deeper layers that collapse (u constant on them).

**Affine pieces** merge neighbouring regions (sharing a facet, tested exactly on the
facet's relative interior) with the same affine map; both counts are reported.

>>> from exact.network import Network
>>> net = Network.from_layers({"weight": [[1, 0], [0, 1], [1, 1]], "bias": [0, 0, -1], "activation": "relu"},
...                           {"weight": [[1, 1, 0]]})
>>> e = enumerate_regions(net)
>>> e.counts()
{'activation_regions': 7, 'affine_pieces': 4}
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

from .errors import InvalidArgument, ShapeError
from .feasibility import LP_STATS, FeasibilityStatus, strict_feasibility
from .network import Activation, Network
from .scalar import rational_str, to_rational
from .sweep1d import layer_pre_activations, sweep_1d
from . import clipping as _clipping  # noqa: F401  (imported with this module, not in an enumeration; it imports this one lazily)

__all__ = [
    "Constraint", "Region", "RegionEnumeration", "enumerate_regions", "configuration_at",
    "pattern_system", "polygon_vertices", "layer_pre_activations", "vertex_bound", "facet_adjacency", "recession_directions", "polygon_area", "parse_box", "affine_map_of_pattern",
    "json_layout", "takes_clipping_path",
]

Pattern = tuple[tuple[int, ...], ...]
_ZERO = Fraction(0)


def json_layout(obj: Any, level: int = 0) -> str:
    """The JSON text of the regions' documents: laid out as ``json.dumps(obj, indent=1)`` lays it
    out (one item or field per line, one space of indentation per level), except that a non-empty
    list whose items are all scalars (numbers, strings, booleans, null) is written on one line,
    ``[1, 0, 1]`` or ``["-3/4", "1/2", "-2"]``: a pattern, a point, an inequality's coefficients.
    The text is JSON (``json.loads`` gives ``obj`` back, tuples as lists); on region documents
    it is about two thirds of the size of ``json.dumps(..., indent=1)``'s, which puts one number
    per line.
    ``level``: the indentation the text starts at (its first line is not indented).

    >>> print(json_layout({"pattern": [[1, 0], []], "b": "-1/4", "label": ["neuron", 0, 3, 1]}))
    {
     "pattern": [
      [1, 0],
      []
     ],
     "b": "-1/4",
     "label": ["neuron", 0, 3, 1]
    }
    """
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        pad = "\n" + " " * (level + 1)
        return ("{" + pad + ("," + pad).join(f"{json.dumps(k)}: {json_layout(v, level + 1)}" for k, v in obj.items())
                + "\n" + " " * level + "}")
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        if not any(isinstance(x, (dict, list, tuple)) for x in obj):
            return "[" + ", ".join(json.dumps(x) for x in obj) + "]"
        pad = "\n" + " " * (level + 1)
        return "[" + pad + ("," + pad).join(json_layout(x, level + 1) for x in obj) + "\n" + " " * level + "]"
    return json.dumps(obj)


@dataclass(frozen=True)
class Constraint:
    """The open half-space ``a . x < b``; ``label`` says where it comes from.

    Labels: ``("box", i, "lo" | "hi")`` or ``("neuron", layer, j, bit)`` (bit = the side
    of neuron j of that layer the region lies on).
    """

    a: tuple[Fraction, ...]
    b: Fraction
    label: tuple

    def holds(self, x: Sequence[Fraction], strict: bool = True) -> bool:
        s = sum((ai * xi for ai, xi in zip(self.a, x) if ai), _ZERO)
        return s < self.b if strict else s <= self.b

    def to_json(self) -> dict:
        return {"a": [rational_str(v) for v in self.a], "b": rational_str(self.b),
                "label": list(self.label)}


@dataclass(frozen=True)
class Region:
    """One activation region: pattern, interior point, H-representation, affine map."""

    pattern: Pattern
    point: tuple[Fraction, ...]
    constraints: tuple[Constraint, ...]
    linear: tuple[tuple[Fraction, ...], ...]
    offset: tuple[Fraction, ...]

    @classmethod
    def _deferred(cls, build: Callable[..., tuple], *args: Any) -> "Region":
        """A region whose fields are computed by ``build(*args)`` (returning ``(pattern, point,
        constraints, linear, offset)``) on the first access to any of them, then stored: the
        enumerations that find regions in integers (:mod:`exact.clipping`) build their Fractions
        only for the regions a caller reads.  Such a region is an ordinary :class:`Region` in
        every observable way (fields, equality, hash, ``repr``, pickling, ``to_json``)."""
        r = object.__new__(cls)
        r.__dict__["_build"] = (build, args)
        return r

    def __getattr__(self, name: str) -> Any:
        # called only for attributes not found: the fields of a deferred region before they are built
        build = self.__dict__.get("_build")
        if build is None or name not in _DEFERRED_FIELDS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        fn, args = build
        for key, value in zip(_DEFERRED_FIELDS, fn(*args)):
            object.__setattr__(self, key, value)
        self.__dict__.pop("_build", None)  # (another thread may have built it meanwhile: equal values)
        return self.__dict__[name]

    def __getstate__(self) -> dict:
        if "_build" in self.__dict__:
            self.__getattr__("point")
        return self.__dict__

    @property
    def A(self) -> list[tuple[Fraction, ...]]:
        return [c.a for c in self.constraints]

    @property
    def b(self) -> list[Fraction]:
        return [c.b for c in self.constraints]

    def contains(self, x: Sequence[Any]) -> bool:
        """Exact test: is x in the open region?"""
        x = tuple(to_rational(v) for v in x)
        return all(c.holds(x) for c in self.constraints)

    def value(self, x: Sequence[Any]) -> tuple[Fraction, ...]:
        """The affine map at x (equal to the network on the region's closure when continuous)."""
        x = tuple(to_rational(v) for v in x)
        return tuple(sum((w * v for w, v in zip(row, x)), c) for row, c in zip(self.linear, self.offset))

    def is_bounded(self) -> bool:
        """Exact: the region is bounded iff no non-zero direction r has a . r <= 0 for every row."""
        return recession_directions(self) == []

    def to_json(self) -> dict:
        return {
            "pattern": [list(p) for p in self.pattern],
            "interior_point": [rational_str(v) for v in self.point],
            "inequalities": [c.to_json() for c in self.constraints],
            "affine_map": {"linear": [[rational_str(v) for v in row] for row in self.linear],
                           "offset": [rational_str(v) for v in self.offset]},
        }


_DEFERRED_FIELDS = ("pattern", "point", "constraints", "linear", "offset")


def recession_directions(region: Region) -> list[tuple[Fraction, ...]]:
    """A certificate of unboundedness: ``[r]`` with ``a . r <= 0`` for every row and r != 0,
    or ``[]`` when the region is bounded (no such r exists; decided exactly).

    The region (open, non-empty) is unbounded iff its recession cone ``{r : A r <= 0}`` is
    not {0}: either A has a non-zero nullspace (a lineality direction), or the cone is
    pointed and, if non-zero, has an extreme ray lying on d-1 linearly independent rows
    with equality; those finitely many candidates are solved and checked exactly.
    """
    import itertools

    from .linalg import QMatrix

    A = [c.a for c in region.constraints]
    d = len(region.point)
    if not A:
        return [tuple(Fraction(int(i == 0)) for i in range(d))] if d else []
    # Lineality: a direction with A r = 0.
    ns = QMatrix.from_rows(A).nullspace()
    if ns.shape[1]:
        return [tuple(ns[i, 0] for i in range(d))]
    # Pointed cone: extreme rays lie on d-1 linearly independent rows with equality.
    for rows in itertools.combinations(range(len(A)), d - 1):
        if d - 1 == 0:
            cands = [tuple(Fraction(1) for _ in range(d)), tuple(Fraction(-1) for _ in range(d))]
        else:
            sub = QMatrix.from_rows([A[i] for i in rows])
            if sub.rank() != d - 1:
                continue
            v = sub.nullspace()
            r = tuple(v[i, 0] for i in range(d))
            cands = [r, tuple(-x for x in r)]
        for r in cands:
            if all(sum((a * x for a, x in zip(row, r)), _ZERO) <= 0 for row in A):
                return [r]
    return []


@dataclass
class RegionEnumeration:
    """All activation regions of a network on a domain, with how they were found."""

    network: Network
    box: tuple[tuple[Fraction, Fraction], ...] | None
    regions: list[Region]
    method: str
    irredundant: bool
    empty_prefixes: list[Pattern] = field(default_factory=list)
    points: list = field(default_factory=list)  # d = 1: breakpoints (Point1D)
    lp_calls: int = 0
    _pieces: list[list[int]] | None = None
    #: the enumeration's own way to the same pieces (from integer records), or None
    _count: Callable[[], list[list[int]]] | None = field(default=None, repr=False, compare=False)
    #: the enumeration's own way to each region's JSON text as it stands in the document (see json_text), or None
    _texts: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)
    #: the enumeration's own way to :meth:`affine_maps` (from integer map keys), or None
    _nmaps: Callable[[], int] | None = field(default=None, repr=False, compare=False)

    def affine_pieces(self) -> list[list[int]]:
        """Groups of region indices: maximal connected unions (via shared facets) with one map."""
        if self._pieces is None:
            self._pieces = self._count() if self._count is not None else _merge_pieces(self)
        return self._pieces

    def counts(self) -> dict[str, int]:
        return {"activation_regions": len(self.regions), "affine_pieces": len(self.affine_pieces())}

    def affine_maps(self) -> int:
        """The number of distinct affine maps (a map on two non-adjacent pieces counts once)."""
        if self._nmaps is not None:
            return self._nmaps()
        return len({(r.linear, r.offset) for r in self.regions})

    def json_text(self, extra: dict | None = None, counts_extra: dict | None = None) -> str:
        """``json_layout(doc)`` of ``doc = dict(self.to_json(), **extra)`` with
        ``doc["counts"]`` updated by ``counts_extra``: the same text, but the regions' parts come
        from the enumeration's integer records where it has them (made in the workers of a
        parallel clipping run with ``prepare_json``), with no Fraction built."""
        return "".join(self.json_parts(extra, counts_extra))

    def json_parts(self, extra: dict | None = None, counts_extra: dict | None = None) -> list[str]:
        """:meth:`json_text` in parts, their concatenation the text: the document before the
        regions, each region's text and what follows it, the document after them.  A caller that
        writes the parts one after the other (:func:`exact.files.atomic_write_parts`) never holds
        the whole text (a few hundred MB for 10^5 regions)."""
        mark = ["\x00regions\x00"]  # a list in the list: laid out on a line of its own
        doc = self.to_json(_regions=[mark])
        doc["counts"].update(counts_extra or {})
        doc.update(extra or {})
        if not self.regions:
            doc["regions"] = []
            return [json_layout(doc)]
        n = len(self.regions)
        piece_of = [0] * n
        for k, grp in enumerate(self.affine_pieces()):
            for i in grp:
                piece_of[i] = k
        # each region's text as it stands in the list (two levels deep), without its closing line
        texts = self._texts() if self._texts is not None else [
            json_layout(r.to_json(), 2)[:-4] for r in self.regions]
        text = json_layout(doc)
        token = json.dumps(mark)
        if text.count(token) != 1:  # pragma: no cover - the mark is a string no field can hold
            raise AssertionError("the regions' place in the JSON text is not unique")
        head, tail = text.split(token)
        # no copy of each region's text, nor of the whole document; between the texts, each
        # region's closing line and the separator before the next
        parts = [""] * (2 * n + 2)
        parts[0], parts[-1] = head, tail
        parts[1:-1:2] = texts
        parts[2:-1:2] = [f',\n   "affine_piece": {k}\n  }},\n  ' for k in piece_of]
        parts[-2] = parts[-2][:-4]  # no separator after the last
        return parts

    def to_json(self, _regions: list | None = None) -> dict:
        if _regions is None:
            piece_of = {i: k for k, grp in enumerate(self.affine_pieces()) for i in grp}
        out = {
            "input_dim": self.network.in_dim,
            "domain": ("R^%d" % self.network.in_dim) if self.box is None else
            {"box": [[rational_str(lo), rational_str(hi)] for lo, hi in self.box]},
            "method": self.method,
            "irredundant": self.irredundant,
            "convention": "active iff pre-activation > 0 (ReLU) or >= threshold (hard threshold); "
                          "regions are open (a.x < b); lower-dimensional cells are their boundaries",
            "counts": self.counts(),
            "regions": _regions if _regions is not None else [dict(r.to_json(), affine_piece=piece_of[i])
                                                             for i, r in enumerate(self.regions)],
        }
        if self.points:
            out["points"] = [{"x": rational_str(p.x), "pattern": [list(q) for q in p.pattern],
                              "value": [rational_str(v) for v in p.value]} for p in self.points]
        return out


# -- helpers on exact vectors --------------------------------------------------------------------

def _dot(a, x) -> Fraction:
    return sum((ai * xi for ai, xi in zip(a, x) if ai), _ZERO)


def parse_box(box: Any, d: int) -> tuple[tuple[Fraction, Fraction], ...] | None:
    """``None``, ``(lo, hi)`` (the same for every coordinate) or ``[(lo_1, hi_1), ...]``;
    a ``None`` bound is infinite (half-open slabs, used for support certificates)."""
    if box is None:
        return None
    box = list(box)
    if len(box) == 2 and not isinstance(box[0], (list, tuple)):
        pairs = [(box[0], box[1])] * d
    else:
        pairs = [tuple(p) for p in box]
    if len(pairs) != d or any(len(p) != 2 for p in pairs):
        raise ShapeError(f"box must be (lo, hi) or {d} pairs (lo_i, hi_i)")
    out = tuple((None if lo is None else to_rational(lo), None if hi is None else to_rational(hi))
                for lo, hi in pairs)
    for lo, hi in out:
        if lo is not None and hi is not None and not lo < hi:
            raise InvalidArgument(f"empty box: lo={lo} is not below hi={hi}")
    return out


def _box_constraints(box, d) -> list[Constraint]:
    out: list[Constraint] = []
    if box is None:
        return out
    for i, (lo, hi) in enumerate(box):
        e = tuple(Fraction(int(k == i)) for k in range(d))
        if lo is not None:
            out.append(Constraint(tuple(-v for v in e), -lo, ("box", i, "lo")))
        if hi is not None:
            out.append(Constraint(e, hi, ("box", i, "hi")))
    return out


def _level(layer) -> Fraction:
    return layer.threshold if layer.activation is Activation.HARD_THRESHOLD else _ZERO


def _layer_pre(layer, M, c):
    """Pre-activations of a layer as rows (U_j, v_j): u_j(x) = U_j . x + v_j."""
    U, v = [], []
    d = len(M[0]) if M else 0
    for row, bias in zip(layer.weight, layer.bias):
        acc = [_ZERO] * d
        off = bias
        for w, mrow, ck in zip(row, M, c):
            if w:
                for t in range(d):
                    if mrow[t]:
                        acc[t] += w * mrow[t]
                off += w * ck
        U.append(tuple(acc))
        v.append(off)
    return U, v


def _side_constraint(a, v, level, bit, label) -> Constraint:
    """bit 1: u > level  <=>  -a.x < v - level;  bit 0: u < level  <=>  a.x < level - v."""
    if bit:
        return Constraint(tuple(-x for x in a), v - level, label)
    return Constraint(tuple(a), level - v, label)


def _constant_bit(layer, v) -> int:
    """The bit of a neuron whose pre-activation is the constant v."""
    if layer.activation is Activation.HARD_THRESHOLD:
        return int(v >= layer.threshold)
    return int(v > 0)


def _apply(layer, U, v, bits):
    if layer.activation is Activation.RELU:
        d = len(U[0]) if U else 0
        return ([U[j] if bits[j] else (_ZERO,) * d for j in range(len(U))],
                [v[j] if bits[j] else _ZERO for j in range(len(U))])
    if layer.activation is Activation.HARD_THRESHOLD:
        d = len(U[0]) if U else 0
        return [(_ZERO,) * d for _ in U], [Fraction(b) for b in bits]
    return list(U), list(v)


def _identity_map(d):
    return [tuple(Fraction(int(i == j)) for j in range(d)) for i in range(d)], [_ZERO] * d


# -- the general enumeration ---------------------------------------------------------------------

def takes_clipping_path(method: str, d: int, *, record_empty: bool = False, finite: bool = True) -> bool:
    """Whether :func:`enumerate_regions` runs the clipping path (the only one with workers, an
    executor or a checkpoint): ``method="clip"``, or ``"auto"`` for input dimension ``d >= 3``
    without ``record_empty`` on a finite box or all of R^d."""
    return method == "clip" or (method == "auto" and d >= 3 and not record_empty and finite)


def enumerate_regions(network: Network, box: Any = None, *, irredundant: bool = True,
                      method: str = "auto", record_empty: bool = False, use_float: bool = True,
                      progress: Callable[[int, int, int], None] | None = None,
                      workers: int = 1, executor: Any = None, prepare_json: bool = False,
                      checkpoint: Any = None) -> RegionEnumeration:
    """Every activation region of ``network`` on R^d or inside the open ``box``.

    ``method``: ``"auto"`` (the sweep for d = 1, exact polygon clipping for d = 2, exact vertex
    clipping (:mod:`exact.clipping`) for d >= 3), ``"general"``, ``"sweep"``, ``"polygon"`` or
    ``"clip"`` (any d >= 1; a bounded box or R^d).  ``workers``: processes of the clipping
    path (the output does not depend on it); ``executor``: a :class:`concurrent.futures.Executor`
    (e.g. a Dask cluster's) running the clipping path's tasks instead of a process pool, an
    :class:`InvalidArgument` on any other path.  ``record_empty`` forces the
    general path (the certificates need its Farkas multipliers).
    ``record_empty``: keep the prefix patterns proved empty during the search (for
    completeness certificates).  ``irredundant``: reduce each H-representation to its facets.
    ``progress(layer, k, n)`` is called after piece k of the n pieces of each layer is split
    (layer = number of layers: the reduction to facets).  ``prepare_json``: a parallel clipping
    run also makes the regions' JSON texts in its workers (:meth:`RegionEnumeration.json_text`;
    the result is the same either way).  ``checkpoint``: a folder keeping the clipping path's
    finished tasks, so that a run started again after an interruption does only the others
    (:mod:`exact.checkpoint`); an :class:`InvalidArgument` on any other path.
    """
    if not isinstance(network, Network):
        raise InvalidArgument("enumerate_regions needs an exact.network.Network")
    d = network.in_dim
    bx = parse_box(box, d)
    if method not in {"auto", "general", "sweep", "polygon", "clip"}:
        raise InvalidArgument(f"unknown method {method!r}; expected auto, general, sweep, polygon or clip")
    finite = bx is None or all(lo is not None and hi is not None for lo, hi in bx)
    clip = takes_clipping_path(method, d, record_empty=record_empty, finite=finite)
    if executor is not None and not clip:
        raise InvalidArgument("an executor runs only the clipping path (method clip, or auto with d >= 3)")
    if checkpoint is not None and not clip:
        raise InvalidArgument("a checkpoint folder keeps the tasks of the clipping path only (method clip, "
                              "or auto with d >= 3)")
    if method == "sweep" or (method == "auto" and d == 1 and not record_empty):
        if d != 1:
            raise InvalidArgument("the sweep needs a network with one input")
        return _from_sweep(network, bx)
    if method == "polygon" or (method == "auto" and d == 2 and not record_empty and finite):
        if d != 2 or not finite:
            raise InvalidArgument("the polygon path needs a network with two inputs and a bounded box or R^2")
        from .clipping import polygon_enumerate

        return polygon_enumerate(network, bx, progress)
    if clip:
        if not finite or d < 1:
            raise InvalidArgument("the clipping path needs a bounded box or all of R^d")
        from .clipping import clip_enumerate

        return clip_enumerate(network, bx, workers=workers, progress=progress, executor=executor,
                              prepare_json=prepare_json, checkpoint=checkpoint)
    calls0 = LP_STATS["calls"]
    M, c = _identity_map(d)
    start_pt = tuple(_ZERO for _ in range(d)) if bx is None else tuple(
        _ZERO if lo is None and hi is None else lo + 1 if hi is None else hi - 1 if lo is None else (lo + hi) / 2
        for lo, hi in bx)
    # A working piece: (pattern prefix, point, constraints, M, c)
    pieces = [((), start_pt, _box_constraints(bx, d), M, c)]
    empty: list[Pattern] = []
    for li, layer in enumerate(network.layers):
        nxt = []
        for k, (pat, pt, cons, M, c) in enumerate(pieces):
            U, v = _layer_pre(layer, M, c)
            if layer.activation is Activation.IDENTITY:
                M2, c2 = _apply(layer, U, v, ())
                nxt.append((pat + ((),), pt, cons, M2, c2))
                continue
            level = _level(layer)
            work = [((), pt, cons)]
            for j in range(len(U)):
                a, vj = U[j], v[j]
                split = []
                for bits, p, cs in work:
                    if not any(a):
                        bit = _constant_bit(layer, vj)
                        if record_empty:
                            empty.append(pat + (bits + (1 - bit,),))
                        split.append((bits + (bit,), p, cs))
                        continue
                    val = _dot(a, p) + vj - level
                    sides = [1, 0] if val > 0 else [0, 1] if val < 0 else []
                    if sides:
                        here, other = sides
                        oc = _side_constraint(a, vj, level, other, ("neuron", li, j, other))
                        res = strict_feasibility([x.a for x in cs] + [oc.a], [x.b for x in cs] + [oc.b],
                                                 dim=d, use_float=use_float)
                        if res.status is FeasibilityStatus.FEASIBLE:
                            hc = _side_constraint(a, vj, level, here, ("neuron", li, j, here))
                            split.append((bits + (here,), p, cs + [hc]))
                            split.append((bits + (other,), res.point, cs + [oc]))
                        else:
                            if record_empty:
                                empty.append(pat + (bits + (other,),))
                            split.append((bits + (here,), p, cs))
                    else:  # the point lies on the hyperplane: test both sides
                        for bit in (1, 0):
                            sc = _side_constraint(a, vj, level, bit, ("neuron", li, j, bit))
                            res = strict_feasibility([x.a for x in cs] + [sc.a], [x.b for x in cs] + [sc.b],
                                                     dim=d, use_float=use_float)
                            if res.status is FeasibilityStatus.FEASIBLE:
                                split.append((bits + (bit,), res.point, cs + [sc]))
                            elif record_empty:
                                empty.append(pat + (bits + (bit,),))
                work = split
            for bits, p, cs in work:
                M2, c2 = _apply(layer, U, v, bits)
                nxt.append((pat + (bits,), p, cs, M2, c2))
            if progress is not None:
                progress(li, k + 1, len(pieces))
        pieces = nxt
    regions = []
    for k, (pat, pt, cons, M, c) in enumerate(pieces):
        if irredundant:
            cons = _irredundant(cons, d, use_float)
            if progress is not None:
                progress(len(network.layers), k + 1, len(pieces))
        regions.append(Region(pat, pt, tuple(cons), tuple(tuple(r) for r in M), tuple(c)))
    return RegionEnumeration(network, bx, regions, "general", irredundant, empty,
                             lp_calls=LP_STATS["calls"] - calls0)


def _irredundant(cons: list[Constraint], d: int, use_float: bool = True) -> list[Constraint]:
    """Drop rows implied by the others (each decision exact: a strict point beyond, or Farkas)."""
    keep = list(cons)
    i = 0
    while i < len(keep):
        others = keep[:i] + keep[i + 1:]
        c = keep[i]
        res = strict_feasibility([o.a for o in others] + [tuple(-x for x in c.a)],
                                 [o.b for o in others] + [-c.b], dim=d, use_float=use_float)
        if res.status is FeasibilityStatus.FEASIBLE:
            i += 1
        else:
            keep.pop(i)
    return keep


def _from_sweep(network: Network, bx) -> RegionEnumeration:

    lo, hi = (None, None) if bx is None else bx[0]
    s = sweep_1d(network, lo, hi)
    regions = []
    for piece in s.pieces:
        cons = []
        if piece.lo is not None:
            lab = ("box", 0, "lo") if bx is not None and piece.lo == lo else ("breakpoint", rational_str(piece.lo))
            cons.append(Constraint((Fraction(-1),), -piece.lo, lab))
        if piece.hi is not None:
            lab = ("box", 0, "hi") if bx is not None and piece.hi == hi else ("breakpoint", rational_str(piece.hi))
            cons.append(Constraint((Fraction(1),), piece.hi, lab))
        regions.append(Region(piece.pattern, (piece.interior_point(),), tuple(cons),
                              tuple((s_,) for s_ in piece.slope), tuple(piece.intercept)))
    e = RegionEnumeration(network, bx, regions, "sweep1d", True, [], list(s.points))
    # Neighbouring pieces with the same map merge (continuity at the shared point as in the sweep).
    groups: list[list[int]] = []
    pts = {p.x: p for p in s.points}
    for i, piece in enumerate(s.pieces):
        if groups:
            prev = s.pieces[groups[-1][-1]]
            if prev.slope == piece.slope and prev.intercept == piece.intercept:
                at = pts.get(piece.lo)
                if at is None or at.value == piece.value(piece.lo):
                    groups[-1].append(i)
                    continue
        groups.append([i])
    e._pieces = groups
    return e


# -- the exact 2-D path: convex polygons clipped by half-planes ------------------------------------

def vertex_bound(network: Network) -> Fraction:
    """An integer R such that every vertex of every layer's region arrangement, and the point
    nearest the origin of every full boundary line, lies in the open box (-R, R)^d.

    Every boundary is a hyperplane ``U . x + v = level`` with (U, v) a pre-activation under some
    pattern: ``|U_i| <= A``, ``|v - level| <= V`` (row sums of |W| layer by layer) and all
    denominators divide Q (the product of the layers' denominators).  The closure of every
    activation region (rows of that kind) is a non-empty polyhedron, so it has a basic point:
    the solution of r <= d linearly independent rows with equality and the other coordinates 0.
    Scaled by Q the r x r system is integral with ``|det| >= 1``; by Cramer's rule
    ``|x_i| <= r! (Q A)^(r-1) Q V <= d! (Q A)^(d-1) Q V``.  For d = 2 this is the bound
    ``2 A V Q^2`` on a vertex (plus ``V Q`` for the point of a line nearest 0).  Hence every
    activation region (and every facet) meets the open box.
    """
    import math

    Q = 1
    amax, vmax = Fraction(1), Fraction(0)
    big_a, big_v = Fraction(1), Fraction(0)
    for layer in network.layers:
        den = 1
        for row in layer.weight:
            for w in row:
                den = math.lcm(den, w.denominator)
        for b in layer.bias:
            den = math.lcm(den, b.denominator)
        level = _level(layer)
        den = math.lcm(den, level.denominator)
        Q *= den
        norm = max((sum((abs(w) for w in row), _ZERO) for row in layer.weight), default=_ZERO)
        bmax = max((abs(b) for b in layer.bias), default=_ZERO)
        amax, vmax = norm * amax, norm * vmax + bmax + abs(level)
        big_a, big_v = max(big_a, amax), max(big_v, vmax)
        if layer.activation is Activation.HARD_THRESHOLD:
            amax, vmax = _ZERO, Fraction(1)
    d = network.in_dim
    return Fraction(math.floor(math.factorial(d) * (big_a * Q) ** (d - 1) * big_v * Q + big_v * Q) + 1)


def _cut(verts, edges, s, new):
    """The part of the convex polygon where ``s >= 0`` (s given at the vertices), with the
    new edge on ``s = 0`` labelled ``new``; edge k joins vertex k to vertex k + 1."""
    n = len(verts)
    ov, oe = [], []
    for k in range(n):
        p, q, sp, sq, e = verts[k], verts[(k + 1) % n], s[k], s[(k + 1) % n], edges[k]
        if sp > 0:
            ov.append(p)
            oe.append(e)
            if sq < 0:
                t = sp / (sp - sq)
                ov.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
                oe.append(new)
        elif sp == 0:
            ov.append(p)
            oe.append(new if sq < 0 else e)
        elif sq > 0:
            t = sp / (sp - sq)
            ov.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
            oe.append(e)
    return ov, oe


def _enumerate_2d(network: Network, bx, progress=None) -> RegionEnumeration:
    """Exact 2-D enumeration: each piece is a convex polygon (exact vertices, one labelled
    constraint per edge) inside the box, or inside ``(-R, R)^2`` with R = :func:`vertex_bound`
    for all of R^2 (every region of R^2 meets that box; its edges on the box are not facets).
    A neuron splits a polygon iff its pre-activation takes both signs at the vertices (exact);
    otherwise the whole polygon lies on one side (convexity).  No LP, no float."""
    artificial = bx is None
    if artificial:
        R = vertex_bound(network)
        bx_used = ((-R, R), (-R, R))
    else:
        bx_used = bx
    (x0, x1), (y0, y1) = bx_used
    kind = "bound" if artificial else "box"
    e = ((Fraction(1), _ZERO), (_ZERO, Fraction(1)))
    side = {(i, s): Constraint(tuple(-v for v in e[i]) if s == "lo" else e[i], -bx_used[i][0] if s == "lo" else bx_used[i][1],
                               (kind, i, s)) for i in (0, 1) for s in ("lo", "hi")}
    verts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    edges = [side[1, "lo"], side[0, "hi"], side[1, "hi"], side[0, "lo"]]
    M, c = _identity_map(2)
    pieces = [((), verts, edges, M, c)]
    for li, layer in enumerate(network.layers):
        pres = layer_pre_activations(layer, [(p[3], p[4]) for p in pieces])
        nxt = []
        level = _level(layer)
        for k, ((pat, verts, edges, M, c), (U, v)) in enumerate(zip(pieces, pres)):
            if layer.activation is Activation.IDENTITY:
                M2, c2 = _apply(layer, U, v, ())
                nxt.append((pat + ((),), verts, edges, M2, c2))
                continue
            work = [((), verts, edges)]
            for j, ((a0, a1), vj) in enumerate(zip(U, v)):
                if not (a0 or a1):
                    bit = _constant_bit(layer, vj)
                    work = [(bits + (bit,), vs, es) for bits, vs, es in work]
                    continue
                off = vj - level
                split = []
                for bits, vs, es in work:
                    s = [a0 * x + a1 * y + off for x, y in vs]
                    if all(t >= 0 for t in s):
                        split.append((bits + (1,), vs, es))
                    elif all(t <= 0 for t in s):
                        split.append((bits + (0,), vs, es))
                    else:
                        pv, pe = _cut(vs, es, s, _side_constraint((a0, a1), vj, level, 1, ("neuron", li, j, 1)))
                        nv, ne = _cut(vs, es, [-t for t in s], _side_constraint((a0, a1), vj, level, 0, ("neuron", li, j, 0)))
                        split.append((bits + (1,), pv, pe))
                        split.append((bits + (0,), nv, ne))
                work = split
            for bits, vs, es in work:
                M2, c2 = _apply(layer, U, v, bits)
                nxt.append((pat + (bits,), vs, es, M2, c2))
            if progress is not None:
                progress(li, k + 1, len(pieces))
        pieces = nxt
    # Interior points near the arrangement: centroids inside a box just around the true vertices.
    near = None
    if artificial:
        inner = [abs(t) for _, vs, _, _, _ in pieces for p in vs if R not in (abs(p[0]), abs(p[1])) for t in p]
        near = Fraction(int(max(inner, default=_ZERO)) + 2)
    regions = []
    for pat, vs, es, M, c in pieces:
        if near is not None and near < R:
            small = vs
            for k, sign in ((0, 1), (0, -1), (1, 1), (1, -1)):
                if len(small) >= 3:
                    small = _cut(small, [None] * len(small), [near - sign * p[k] for p in small], None)[0]
            vs = small if len(small) >= 3 else vs
        n = len(vs)
        pt = (sum((p[0] for p in vs), _ZERO) / n, sum((p[1] for p in vs), _ZERO) / n)
        cons = tuple(x for x in es if x.label[0] != "bound")
        if not all(x.holds(pt) for x in es):  # pragma: no cover - would be a bug in the clipping
            raise AssertionError(f"the centroid of region {pat} is not strictly inside it")
        regions.append(Region(pat, pt, cons, tuple(tuple(r) for r in M), tuple(c)))
    return RegionEnumeration(network, bx, regions, "polygon2d", True, [])


# -- affine pieces: merging neighbours with the same map ---------------------------------------

def _canon(a, b):
    """A key for the hyperplane a.x = b (scaled so the first non-zero coefficient is +1)."""
    lead = next(x for x in a if x)
    s = abs(lead)
    sign = 1 if lead > 0 else -1
    return tuple(x / s * sign for x in a) + (b / s * sign,), sign


def facet_adjacency(regions: Sequence[Region], members: Sequence[int] | None = None
                    ) -> list[tuple[int, int, int, int]]:
    """Pairs of regions whose closures share a facet: ``(i, k_i, j, k_j)`` with row k_i of
    region i and row k_j of region j on the same hyperplane, opposite sides, and the common
    facet's relative interior non-empty (decided exactly)."""
    idx = range(len(regions)) if members is None else members
    facets: dict = {}
    for i in idx:
        for k, c in enumerate(regions[i].constraints):
            if not any(c.a):
                continue
            key, sign = _canon(c.a, c.b)
            facets.setdefault(key, []).append((i, k, sign))
    out = []
    for lst in facets.values():
        pos = [t for t in lst if t[2] > 0]
        neg = [t for t in lst if t[2] < 0]
        for i, ki, _ in pos:
            for j, kj, _ in neg:
                if i != j and _share_facet(regions[i], ki, regions[j], kj):
                    out.append((i, ki, j, kj))
    return out


class _Parts:
    """Disjoint sets of 0 .. n - 1 (union-find with path halving); :meth:`groups` lists them sorted."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return sorted(out.values())


def _merge_pieces(e: RegionEnumeration) -> list[list[int]]:
    regions = e.regions
    parts = _Parts(len(regions))
    groups: dict = {}
    for i, r in enumerate(regions):
        groups.setdefault((r.linear, r.offset), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, _, j, _ in facet_adjacency(regions, members):
            parts.join(i, j)
    return parts.groups()


def _share_facet(r1: Region, k1: int, r2: Region, k2: int) -> bool:
    """Do the closures share the relative interior of the facet a.x = b (exact)?"""
    h = r1.constraints[k1]
    a, b = h.a, h.b
    d = len(a)
    # An exact proposal first: where the segment between the interior points crosses the hyperplane.
    s1, s2 = _dot(a, r1.point) - b, _dot(a, r2.point) - b
    if s1 != s2:
        t = s1 / (s1 - s2)
        q = tuple(x + t * (y - x) for x, y in zip(r1.point, r2.point))
        if all(c.holds(q) for k, c in enumerate(r1.constraints) if k != k1) and all(
                c.holds(q) for k, c in enumerate(r2.constraints) if k != k2):
            return True
    p = next(i for i in range(d) if a[i])
    rows, rhs = [], []
    for r, skip in ((r1, k1), (r2, k2)):
        for k, c in enumerate(r.constraints):
            if k == skip:
                continue
            f = c.a[p] / a[p]
            row = tuple(c.a[j] - f * a[j] for j in range(d) if j != p)
            if not any(row) and c.b == f * b:
                # another copy of the facet's row (a positive multiple of it: a region with an
                # interior point holds no negative one): the facet itself, not a side of it
                continue
            rows.append(row)
            rhs.append(c.b - f * b)
    if d == 1:
        return all(v > 0 for v in rhs)
    return strict_feasibility(rows, rhs, dim=d - 1).status is FeasibilityStatus.FEASIBLE


# -- patterns, pattern systems and points ----------------------------------------------------------

def configuration_at(network: Network, x: Sequence[Any]) -> Pattern:
    """The activation pattern (configuration) of the exact point x."""
    v = tuple(to_rational(e) for e in x)
    pats = []
    for layer in network.layers:
        u = layer.pre_activation(v)
        if layer.activation is Activation.RELU:
            pats.append(tuple(int(e > 0) for e in u))
        elif layer.activation is Activation.HARD_THRESHOLD:
            pats.append(tuple(int(e >= layer.threshold) for e in u))
        else:
            pats.append(())
        v = layer.activate(u)
    return tuple(pats)


def pattern_system(network: Network, pattern: Sequence[Sequence[int]], box: Any = None
                   ) -> tuple[list[Constraint], tuple, tuple] | None:
    """The open system ``int P(D)`` of a (prefix) pattern, in the kernel's row order.

    Rows: the box (per coordinate: lo then hi), then each neuron of the prefix in order;
    a neuron whose pre-activation is constant contributes no row if its bit holds
    identically and the row ``0 . x < b`` with ``b <= 0`` otherwise.  Returns
    ``(rows, linear, offset)``; the map is that of the last complete layer given.
    """
    d = network.in_dim
    bx = parse_box(box, d)
    rows = _box_constraints(bx, d)
    M, c = _identity_map(d)
    if len(pattern) > len(network.layers):
        raise ShapeError("pattern has more layers than the network")
    for li, (layer, bits) in enumerate(zip(network.layers, pattern)):
        bits = tuple(int(b) for b in bits)
        U, v = _layer_pre(layer, M, c)
        if layer.activation is Activation.IDENTITY:
            if bits:
                raise ShapeError(f"layer {li} is an identity layer: its pattern must be empty")
            M, c = _apply(layer, U, v, ())
            continue
        if len(bits) > len(U):
            raise ShapeError(f"layer {li} has {len(U)} neurons, the pattern gives {len(bits)} bits")
        level = _level(layer)
        for j, bit in enumerate(bits):
            if not any(U[j]):
                if _constant_bit(layer, v[j]) == bit:
                    continue
            rows.append(_side_constraint(U[j], v[j], level, bit, ("neuron", li, j, bit)))
        if len(bits) == len(U):
            M, c = _apply(layer, U, v, bits)
    return rows, tuple(tuple(r) for r in M), tuple(c)


def affine_map_of_pattern(network: Network, pattern: Pattern):
    """The configuration's affine map (linear, offset), computed from the pattern alone."""
    _, M, c = pattern_system(network, pattern)
    return M, c


# -- 2-D polygons (for areas and plots) ------------------------------------------------------------

def polygon_vertices(region: Region) -> list[tuple[Fraction, Fraction]]:
    """Exact vertices, counter-clockwise, of the closure of a bounded 2-D region."""
    cons = region.constraints
    if len(region.point) != 2:
        raise InvalidArgument("polygon_vertices needs a 2-D region")
    pts = set()
    for i in range(len(cons)):
        for j in range(i + 1, len(cons)):
            (a1, a2), b1 = cons[i].a, cons[i].b
            (c1, c2), b2 = cons[j].a, cons[j].b
            det = a1 * c2 - a2 * c1
            if det == 0:
                continue
            x = (b1 * c2 - a2 * b2) / det
            y = (a1 * b2 - b1 * c1) / det
            if all(c.holds((x, y), strict=False) for c in cons):
                pts.add((x, y))
    if not pts:
        return []
    cx = sum((p[0] for p in pts), _ZERO) / len(pts)  # the centroid lies inside the convex hull
    cy = sum((p[1] for p in pts), _ZERO) / len(pts)

    def half(p):
        dx, dy = p[0] - cx, p[1] - cy
        return 0 if (dy > 0 or (dy == 0 and dx > 0)) else 1

    def cmp(p, q):
        hp, hq = half(p), half(q)
        if hp != hq:
            return hp - hq
        cross = (p[0] - cx) * (q[1] - cy) - (p[1] - cy) * (q[0] - cx)
        return -1 if cross > 0 else (1 if cross < 0 else 0)

    return sorted(pts, key=functools.cmp_to_key(cmp))


def polygon_area(vertices: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
    """Exact area (shoelace) of a polygon given counter-clockwise."""
    n = len(vertices)
    s = _ZERO
    for i in range(n):
        x1, y1 = vertices[i]
        x2, y2 = vertices[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2
