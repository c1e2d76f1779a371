"""Float64 mirrors of the exact region enumeration, sampling estimates and pictures.

* :func:`float_enumerate` -- the same layer-by-layer splitting as
  :func:`exact.regions.enumerate_regions`, with every decision taken by scipy's HiGHS in
  float64 (radius > ``tol`` means non-empty).  Nothing here flows back into ``exact``.
* :func:`grid_patterns` / :func:`sample_patterns` -- the activation patterns met by a
  regular grid or by random points of a box (float evaluation).
* :func:`compare_with_sampling` -- the exact regions that sampling missed, with their
  exact size (area in d = 2, length in d = 1) when the domain is a box.
* :func:`plot_enumeration` -- the partition coloured by region and, as a second panel, the
  affine map's value (first output), for d = 1 and d = 2.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from exact.errors import InvalidArgument, ShapeError
from exact.network import Network
from exact.scalar import rational_str
from exact.regions import Constraint, Region, RegionEnumeration, polygon_area, polygon_vertices

from .evaluate import float_layers

__all__ = ["float_enumerate", "grid_patterns", "sample_patterns", "compare_with_sampling",
           "plot_enumeration", "slice_network", "FloatEnumeration"]


class FloatEnumeration:
    """Patterns and float interior points found by the float enumeration."""

    def __init__(self, patterns: list, points: np.ndarray, lp_calls: int):
        self.patterns = patterns
        self.points = points
        self.lp_calls = lp_calls

    def __len__(self) -> int:
        return len(self.patterns)


def _radius(A: np.ndarray, b: np.ndarray, d: int):
    from scipy.optimize import linprog

    if A.shape[0] == 0:
        return 1.0, np.zeros(d)
    norms = np.linalg.norm(A, axis=1)
    norms = np.where(norms > 0, norms, 1.0)
    c = np.zeros(d + 1)
    c[-1] = -1.0
    res = linprog(c, A_ub=np.hstack([A, norms[:, None]]), b_ub=b,
                  bounds=[(None, None)] * d + [(None, 1.0)], method="highs")
    if res.status != 0:
        return -np.inf, None
    return float(res.x[-1]), res.x[:d]


def _float_box(box: Any, d: int) -> list | None:
    """A box as :func:`exact.regions.parse_box` takes it (floats allowed here), as float pairs
    (None: infinite)."""
    if box is None:
        return None
    box = list(box)
    pairs = [tuple(box)] * d if len(box) == 2 and not isinstance(box[0], (list, tuple)) else [tuple(p) for p in box]
    if len(pairs) != d or any(len(p) != 2 for p in pairs):
        raise ShapeError(f"box must be (lo, hi) or {d} pairs (lo_i, hi_i)")
    return [tuple(None if v is None else float(Fraction(v)) for v in p) for p in pairs]


def _finite_box(box: Any, d: int) -> list:
    fb = _float_box(box, d)
    if fb is None or any(v is None for side in fb for v in side):
        raise InvalidArgument("sampling needs a bounded box")
    return fb


def float_enumerate(network: Network, box: Any = None, tol: float = 1e-9, fmt: str = "float64") -> FloatEnumeration:
    """Float64 layer-by-layer enumeration (decisions by HiGHS with tolerance ``tol``); ``box``
    as in :func:`exact.regions.enumerate_regions` ((lo, hi) or one pair per coordinate).
    ``fmt``: the network's weights, biases and thresholds are first rounded to that format
    (:mod:`numeric.formats`) -- the network as stored in it; HiGHS itself works in float64."""
    d = network.in_dim
    layers = [(w.astype(np.float64), b.astype(np.float64), act, None if t is None else float(t))
              for w, b, act, t in float_layers(network, fmt)]
    A0, b0 = np.zeros((0, d)), np.zeros(0)
    p0 = np.zeros(d)
    for i, (lo, hi) in enumerate(_float_box(box, d) or []):
        e = np.eye(d)[i]
        if lo is not None:
            A0, b0 = np.vstack([A0, -e]), np.append(b0, -lo)
        if hi is not None:
            A0, b0 = np.vstack([A0, e]), np.append(b0, hi)
        p0[i] = 0.0 if lo is None and hi is None else lo + 1 if hi is None else hi - 1 if lo is None else (lo + hi) / 2
    pieces = [((), p0, A0, b0, np.eye(d), np.zeros(d))]
    calls = 0
    for w, bias, act, thr in layers:
        nxt = []
        for pat, p, A, b, M, c in pieces:
            U, v = w @ M, w @ c + bias
            if act == "identity":
                nxt.append((pat + ((),), p, A, b, U, v))
                continue
            level = thr if act == "hard_threshold" else 0.0
            work = [((), p, A, b)]
            for j in range(U.shape[0]):
                a, cj = U[j], v[j] - level
                split = []
                for bits, q, Aw, bw in work:
                    if not np.any(a):
                        bit = int(cj >= 0) if act == "hard_threshold" else int(cj > 0)
                        split.append((bits + (bit,), q, Aw, bw))
                        continue
                    val = a @ q + cj
                    for bit in ((1, 0) if val == 0 else ((0,) if val > 0 else (1,))):
                        row, rhs = (-a, cj) if bit else (a, -cj)
                        A2, b2 = np.vstack([Aw, row]), np.append(bw, rhs)
                        calls += 1
                        t, x = _radius(A2, b2, d)
                        if t > tol:
                            split.append((bits + (bit,), x, A2, b2))
                    if val != 0:
                        here = 1 if val > 0 else 0
                        row, rhs = (-a, cj) if here else (a, -cj)
                        split.append((bits + (here,), q, np.vstack([Aw, row]), np.append(bw, rhs)))
                work = split
            for bits, q, Aw, bw in work:
                if act == "relu":
                    mask = np.array(bits, dtype=np.float64)
                    M2, c2 = U * mask[:, None], v * mask
                else:
                    M2, c2 = np.zeros_like(U), np.array(bits, dtype=np.float64)
                nxt.append((pat + (bits,), q, Aw, bw, M2, c2))
        pieces = nxt
    return FloatEnumeration([p[0] for p in pieces], np.array([p[1] for p in pieces]), calls)


def _patterns_of(network: Network, X: np.ndarray) -> list[tuple]:
    """Float activation patterns of the rows of X (as tuples of per-layer tuples)."""
    cols = []
    shapes = []
    x = X
    for w, b, act, thr in float_layers(network):
        u = x @ w.T + b
        if act == "relu":
            bits = u > 0
            x = np.where(bits, u, 0.0)
        elif act == "hard_threshold":
            bits = u >= thr
            x = bits.astype(np.float64)
        else:
            bits = np.zeros((u.shape[0], 0), dtype=bool)
            x = u
        cols.append(bits)
        shapes.append(bits.shape[1])
    allbits = np.hstack(cols) if cols else np.zeros((X.shape[0], 0), dtype=bool)
    uniq = np.unique(allbits, axis=0)
    out = []
    for row in uniq:
        pat, k = [], 0
        for s in shapes:
            pat.append(tuple(int(v) for v in row[k:k + s]))
            k += s
        out.append(tuple(pat))
    return out


def grid_patterns(network: Network, box: Any, n_points: int = 10**6, chunk: int = 200_000) -> set:
    """Patterns met by a regular grid of about ``n_points`` interior points of the bounded box
    (``(lo, hi)`` or one pair per coordinate)."""
    d = network.in_dim
    per_axis = max(2, int(round(n_points ** (1.0 / d))))
    axes = [np.linspace(lo, hi, per_axis + 2)[1:-1] for lo, hi in _finite_box(box, d)]
    found: set = set()
    mesh = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, d)
    for k in range(0, mesh.shape[0], chunk):
        found.update(_patterns_of(network, mesh[k:k + chunk]))
    return found


def sample_patterns(network: Network, box: Any, n_points: int = 10**5, seed: int = 0) -> set:
    """Patterns met by uniform random points of the bounded box."""
    rng = np.random.default_rng(seed)
    fb = _finite_box(box, network.in_dim)
    X = rng.uniform([lo for lo, _ in fb], [hi for _, hi in fb], size=(n_points, network.in_dim))
    return set(_patterns_of(network, X))


def _size(region: Region, e: RegionEnumeration):
    """The exact length (d = 1) or area (d = 2) of a region of a bounded box, else None."""
    d = len(region.point)
    if e.box is None or any(v is None for side in e.box for v in side):
        return None
    if d == 1:
        los = [c.b / c.a[0] for c in region.constraints if c.a[0] < 0]
        his = [c.b / c.a[0] for c in region.constraints if c.a[0] > 0]
        return min(his) - max(los)
    if d == 2:
        return polygon_area(polygon_vertices(region))
    return None


def compare_with_sampling(e: RegionEnumeration, found: set) -> dict:
    """Regions the exact enumeration found that sampling missed (with sizes), and the reverse."""
    exact_pats = {r.pattern for r in e.regions}
    missed = [r for r in e.regions if r.pattern not in found]
    extra = sorted(found - exact_pats)
    return {
        "exact_regions": len(exact_pats),
        "sampled_regions": len(found & exact_pats),
        "missed_by_sampling": len(missed),
        "missed": [{"pattern": [list(p) for p in r.pattern], "size": None if m is None else float(m),
                    "size_exact": None if m is None else rational_str(m)}
                   for r, m in ((r, _size(r, e)) for r in missed[:50])],
        "found_only_by_sampling": len(extra),  # float patterns on boundaries / rounding: findings
        "found_only_by_sampling_examples": [[list(p) for p in pat] for pat in extra[:10]],
    }


# -- pictures -------------------------------------------------------------------------------------

def _draw_box(e: RegionEnumeration):
    if e.box is not None and all(v is not None for side in e.box for v in side):
        return e.box
    pts = [v for r in e.regions if len(r.point) == 2 for v in polygon_vertices(r)]
    pts = pts or [r.point for r in e.regions]  # no vertex (d = 1, or parallel lines only)
    arr = np.array([[float(v) for v in p] for p in pts])
    lo_f, hi_f = np.percentile(arr, 3, axis=0), np.percentile(arr, 97, axis=0)
    span = max(float(np.max(hi_f - lo_f)), 1.0)
    lo = [Fraction(math.floor((a - span / 4) * 8), 8) for a in lo_f]
    hi = [Fraction(math.ceil((b + span / 4) * 8), 8) for b in hi_f]
    sides = e.box or [(None, None)] * len(lo)  # keep the finite sides of a half-open box
    return tuple((l if bl is None else bl, h if bh is None else bh) for l, h, (bl, bh) in zip(lo, hi, sides))


def _clip(region: Region, box) -> Region:
    d = len(region.point)
    extra = []
    for i, (lo, hi) in enumerate(box):
        e = tuple(type(lo)(int(k == i)) for k in range(d))
        extra += [Constraint(tuple(-v for v in e), -lo, ("draw", i, "lo")), Constraint(e, hi, ("draw", i, "hi"))]
    return Region(region.pattern, region.point, region.constraints + tuple(extra), region.linear, region.offset)


def plot_enumeration(e: RegionEnumeration, path: str, title: str = "") -> str:
    """Save the partition (coloured by region) and the affine map's value; d = 1 or 2 only."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    d = e.network.in_dim
    if d not in (1, 2, 3):
        raise InvalidArgument(f"plots exist for d = 1, 2 and 3, this network has d = {d}")
    box = _draw_box(e)
    if d == 3:
        return _plot_slices(e, path, box, title)
    cmap = plt.get_cmap("tab20")
    piece_of = {i: k for k, grp in enumerate(e.affine_pieces()) for i in grp}
    if d == 1:
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6.5, 4.5), sharex=True)
        lo, hi = float(box[0][0]), float(box[0][1])
        for i, r in enumerate(e.regions):
            a = max([float(-c.b) for c in r.constraints if c.a[0] < 0] + [lo])
            b = min([float(c.b) for c in r.constraints if c.a[0] > 0] + [hi])
            ax1.axvspan(a, b, color=cmap(i % 20), alpha=0.8)
            xs = np.array([a, b])
            ax2.plot(xs, float(r.linear[0][0]) * xs + float(r.offset[0]), color=cmap(piece_of[i] % 20), lw=2)
        ax1.set_yticks([])
        ax1.set_ylabel("region")
        ax2.set_ylabel("f(x)")
        ax2.set_xlabel("x")
        ax2.set_xlim(lo, hi)
    else:
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.5))
        polys, cols = [], []
        for i, r in enumerate(e.regions):
            vs = polygon_vertices(_clip(r, box))
            if len(vs) < 3:
                continue
            fv = [(float(x), float(y)) for x, y in vs]
            polys.append(fv)
            cols.append(cmap(i % 20))
        ax1.add_collection(PolyCollection(polys, facecolors=cols, edgecolors="k", linewidths=0.3))
        ax1.set_title(f"{len(e.regions)} activation regions, {len(e.affine_pieces())} affine pieces", fontsize=9)
        x0, x1 = float(box[0][0]), float(box[0][1])
        y0, y1 = float(box[1][0]), float(box[1][1])
        gx, gy = np.meshgrid(np.linspace(x0, x1, 400), np.linspace(y0, y1, 400))
        from .evaluate import evaluate_float

        vals = evaluate_float(e.network, np.stack([gx.ravel(), gy.ravel()], axis=1))[:, 0].reshape(gx.shape)
        im = ax2.imshow(vals, origin="lower", extent=(x0, x1, y0, y1), cmap="viridis", aspect="auto")
        fig.colorbar(im, ax=ax2, label="f(x) (first output)")
        ax2.add_collection(PolyCollection(polys, facecolors="none", edgecolors="w", linewidths=0.2))
        for ax in (ax1, ax2):
            ax.set_xlim(float(box[0][0]), float(box[0][1]))
            ax.set_ylim(float(box[1][0]), float(box[1][1]))
            ax.set_aspect("equal")
            ax.set_xlabel("x1")
            ax.set_ylabel("x2")
        ax2.set_title("f = the affine map of each region (region edges in white)", fontsize=9)
    return _save(fig, path, title)


def slice_network(network: Network, z: Any) -> Network:
    """The network restricted to the plane x_3 = z (exact): a 2-input network whose first layer
    has the bias ``b + W[:, 2] z``.  Its activation regions are the traces on the plane of the
    3-D activation regions, with the same patterns."""
    from exact.scalar import to_rational

    if network.in_dim != 3:
        raise InvalidArgument(f"slices are of 3-input networks, this one has {network.in_dim}")
    z = to_rational(z)
    doc = network.to_json()
    first = network.layers[0]
    doc["layers"][0]["weight"] = [[rational_str(w) for w in row[:2]] for row in first.weight]
    doc["layers"][0]["bias"] = [rational_str(b + row[2] * z) for row, b in zip(first.weight, first.bias)]
    return Network.from_json(doc)


def _plot_slices(e: RegionEnumeration, path: str, box, title: str, n: int = 6) -> str:
    """d = 3: the exact partition of n planes x_3 = z_k across the box, each region coloured as its
    3-D region (same colour on every slice)."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    from exact.regions import enumerate_regions

    index = {r.pattern: i for i, r in enumerate(e.regions)}
    cmap = plt.get_cmap("tab20")
    (x0, x1), (y0, y1), (z0, z1) = box
    cols_n = 3
    fig, axes = plt.subplots((n + cols_n - 1) // cols_n, cols_n, figsize=(11, 3.6 * ((n + cols_n - 1) // cols_n)))
    for k, ax in enumerate(np.ravel(axes)):
        if k >= n:
            ax.axis("off")
            continue
        z = z0 + (z1 - z0) * Fraction(2 * k + 1, 2 * n)
        sl = enumerate_regions(slice_network(e.network, z), ((x0, x1), (y0, y1)), method="polygon")
        polys, cols = [], []
        for r in sl.regions:
            vs = polygon_vertices(r)
            if len(vs) >= 3:
                polys.append([(float(x), float(y)) for x, y in vs])
                cols.append(cmap(index.get(r.pattern, 0) % 20))
        ax.add_collection(PolyCollection(polys, facecolors=cols, edgecolors="k", linewidths=0.3))
        ax.set_xlim(float(x0), float(x1))
        ax.set_ylim(float(y0), float(y1))
        ax.set_aspect("equal")
        ax.set_title(f"x3 = {rational_str(z)} ({float(z):.3g}): {len(sl.regions)} regions", fontsize=8)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
    head = f"{len(e.regions)} activation regions in 3-D; slices x3 = const (colour = 3-D region)"
    return _save(fig, path, f"{title}: {head}" if title else head)


def _save(fig, path: str, title: str) -> str:
    import matplotlib.pyplot as plt

    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    import io
    import os

    from exact.files import atomic_write_bytes

    buf = io.BytesIO()
    fmt = os.path.splitext(os.fspath(path))[1].lstrip(".").lower() or "pdf"
    try:
        fig.savefig(buf, format=fmt)
    except ValueError as e:  # an unknown format
        raise InvalidArgument(f"{os.fspath(path)}: matplotlib cannot write this format ({e})") from None
    finally:
        plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())
    return path
