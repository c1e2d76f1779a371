"""Blocks of A2 instances drawn by vectorised numpy, decided exactly in bulk (the batched 001-C1 engine).

A block is identified by (seed, block index): :func:`draw_block` derives its generator from
``numpy.random.SeedSequence([seed, block])`` alone, so instance ``index`` of a search is
block ``index // size``, offset ``index % size`` whatever the number of workers, and
:func:`instance_at` rebuilds it from (seed, index).  Every instance of a block has the same
n (block b has n = min_n + b mod (max_n - min_n + 1), so the sizes alternate from the start).

The distribution is the family of :func:`proofs.methods.search.random_a2_instance` (the
bounds the kernel checks for a listed instance, ``_drawable`` in
``proofs/kernel/specs/p001_c1.py``): codes 1..n or z_1 of height <= h plus positive increments
of height <= h; W2_j of height <= h; b2_j of height <= h, or a degenerate column (pre-activation
0 at a code, a ratio k copied from an earlier column, W2_j = 0, a negated copy, opposite sign with
the same k, breakpoint halfway between two codes).

Rationals are pairs of int64 arrays (numerator, denominator > 0, in lowest terms).
:func:`integer_a2` clears denominators per instance (A2 * D^2 with D a common denominator,
validated exactly) and leaves out, as ``overflow``, any instance whose entries could reach
2^62; those are decided one at a time by the caller with Python integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from exact.errors import InvalidArgument
from proofs.methods.search import A2Instance, rational_table

__all__ = ["A2Block", "draw_block", "block_n", "instance_at", "integer_a2"]

_LIMIT = 2 ** 62


def _table_arrays(h: int, positive: bool) -> tuple[np.ndarray, np.ndarray]:
    t = rational_table(h, positive)
    return (np.array([v.numerator for v in t], dtype=np.int64), np.array([v.denominator for v in t], dtype=np.int64))


def _reduce(num: np.ndarray, den: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    g = np.gcd(num, den)
    g[g == 0] = 1
    g = np.where(den < 0, -g, g)                  # the sign goes with the divisor: den > 0 after
    return num // g, den // g


def _add(a, b):
    return _reduce(a[0] * b[1] + b[0] * a[1], a[1] * b[1])


def _mul(a, b):
    """a * b, not reduced (the caller reduces once; the factors are small)."""
    return a[0] * b[0], a[1] * b[1]


def _div(a, b):
    """a / b where b != 0, not reduced; elsewhere a meaningless value that the caller masks out."""
    bn = np.where(b[0] == 0, 1, b[0])
    s = np.where(bn < 0, -1, 1)
    return s * a[0] * b[1], s * a[1] * bn


def _neg(a):
    return -a[0], a[1]


def _where(mask, a, b):
    return np.where(mask, a[0], b[0]), np.where(mask, a[1], b[1])


@dataclass
class A2Block:
    """A block of ``size`` instances with n codes each: rationals as (numerator, denominator) arrays
    of shape (size, n) for ``z``, ``w`` (W2) and ``b`` (b2)."""

    seed: int
    block: int
    n: int
    z: tuple[np.ndarray, np.ndarray]
    w: tuple[np.ndarray, np.ndarray]
    b: tuple[np.ndarray, np.ndarray]

    @property
    def size(self) -> int:
        return int(self.z[0].shape[0])

    def head(self, count: int) -> "A2Block":
        """The first ``count`` instances (the same instances, the same indices)."""
        cut = lambda r: (r[0][:count], r[1][:count])  # noqa: E731
        return A2Block(self.seed, self.block, self.n, cut(self.z), cut(self.w), cut(self.b))

    def instances_json(self, count: int) -> list[dict]:
        """The first ``count`` instances as the kernel reads them: {"z", "W2", "b2"} of canonical strings
        ("p" or "p/q" in lowest terms; the arrays are kept in lowest terms with q > 0)."""
        def strs(r):
            return [[f"{p}" if q == 1 else f"{p}/{q}" for p, q in zip(pr, qr)]
                    for pr, qr in zip(r[0][:count].tolist(), r[1][:count].tolist())]
        return [{"z": z, "W2": w, "b2": b} for z, w, b in zip(strs(self.z), strs(self.w), strs(self.b))]

    def instance(self, k: int) -> A2Instance:
        """Instance ``k`` of the block in exact rationals."""
        f = lambda r: tuple(Fraction(int(p), int(q)) for p, q in zip(r[0][k], r[1][k]))  # noqa: E731
        return A2Instance(f(self.z), f(self.w), f(self.b))


def block_n(block: int, min_n: int, max_n: int) -> int:
    """The number of codes of the instances of block ``block``."""
    return min_n + block % (max_n - min_n + 1)


def draw_block(seed: int, block: int, size: int, *, min_n: int = 1, max_n: int = 8, max_height: int = 6,
               codes: str = "both", degenerate: bool = True) -> A2Block:
    """Block ``block`` of the search with ``seed``: ``size`` instances, a function of these arguments only."""
    if not 1 <= min_n <= max_n or size < 1 or block < 0 or max_height < 1:
        raise InvalidArgument(f"bad block parameters: n in [{min_n}, {max_n}], size {size}, block {block}, "
                              f"max_height {max_height}")
    if codes not in ("linear", "arbitrary", "both"):
        raise InvalidArgument(f"codes must be linear, arbitrary or both, got {codes!r}")
    rng = np.random.default_rng(np.random.SeedSequence([seed % 2 ** 64, block]))
    n = block_n(block, min_n, max_n)
    tn, td = _table_arrays(max_height, False)
    pn, pd = _table_arrays(max_height, True)

    def r(shape, tabn, tabd):
        # favour simple numbers as hypothesis does: half the draws among the first nine entries
        small = rng.random(shape) < 0.5
        idx = np.where(small, rng.integers(0, min(len(tabn), 9), shape), rng.integers(0, len(tabn), shape))
        return tabn[idx], tabd[idx]

    one = np.ones(size, dtype=np.int64)
    mode = {"linear": np.zeros(size, bool), "arbitrary": np.ones(size, bool)}.get(codes)
    if mode is None:
        mode = rng.integers(0, 2, size).astype(bool)
    z0 = r(size, tn, td)
    inc = r((size, max(n - 1, 0)), pn, pd)
    zs = [z0]
    for i in range(1, n):
        zs.append(_add(zs[-1], (inc[0][:, i - 1], inc[1][:, i - 1])))
    zn = np.where(mode[:, None], np.stack([x[0] for x in zs], 1), np.arange(1, n + 1)[None, :])
    zd = np.where(mode[:, None], np.stack([x[1] for x in zs], 1), 1)
    W = (np.zeros((size, n), np.int64), np.ones((size, n), np.int64))
    B = (np.zeros((size, n), np.int64), np.ones((size, n), np.int64))
    rows = np.arange(size)
    for j in range(n):
        kind = np.where(rng.random(size) < 0.5, 0, rng.integers(1, 7, size)) if degenerate else np.zeros(size, int)
        w, b = r(size, tn, td), r(size, tn, td)
        i = rng.integers(0, n, size)
        src = rng.integers(0, n, size)
        wnz = w[0] != 0
        zi = (zn[rows, i], zd[rows, i])
        nw, nb = w, b
        # kind 1: pre-activation exactly 0 at the code z_i
        m1 = (kind == 1) & wnz
        nb = _where(m1, _neg(_mul(w, zi)), nb)
        if j > 0:
            s = src % j
            ws, bs = (W[0][rows, s], W[1][rows, s]), (B[0][rows, s], B[1][rows, s])
            wsnz = ws[0] != 0
            ks = _div(bs, ws)
            m2 = (kind == 2) & wsnz & wnz                      # the ratio k of column s
            nb = _where(m2, _mul(w, ks), nb)
            m4 = kind == 4                                      # the negated column s
            nw, nb = _where(m4, _neg(ws), nw), _where(m4, _neg(bs), nb)
            m5 = (kind == 5) & wsnz                             # opposite sign, same k, own scale
            sc = _where(wnz, (np.abs(w[0]), w[1]), (one, one))
            ww = _where(ws[0] > 0, _neg(sc), sc)
            nw, nb = _where(m5, ww, nw), _where(m5, _mul(ww, ks), nb)
        m3 = kind == 3                                          # W2_j = 0: a constant column
        nw = _where(m3, (0 * one, one), nw)
        if n > 1:                                               # kind 6: breakpoint at a midpoint
            i2 = i % (n - 1)
            mid = _mul(_add((zn[rows, i2], zd[rows, i2]), (zn[rows, i2 + 1], zd[rows, i2 + 1])), (one, 2 * one))
            m6 = (kind == 6) & wnz
            nb = _where(m6, _neg(_mul(w, mid)), nb)
        W[0][:, j], W[1][:, j] = _reduce(*nw)
        B[0][:, j], B[1][:, j] = _reduce(*nb)
    return A2Block(seed, block, n, (zn.astype(np.int64), zd.astype(np.int64)), W, B)


def instance_at(seed: int, index: int, size: int, **kw) -> A2Instance:
    """Instance ``index`` of the search with ``seed`` and blocks of ``size`` (rebuilt from these alone)."""
    if index < 0:
        raise InvalidArgument(f"the instance index must be >= 0, got {index}")
    return draw_block(seed, index // size, size, **kw).instance(index % size)


def integer_a2(blk: A2Block) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(A, D, ok): A[k] = D[k]^2 * A2 of instance k as int64 (exact where ``ok``), D a common
    denominator of its z, W2, b2.  ``ok`` is False where D or an entry could reach 2^62 (A is
    then meaningless there)."""
    dens = np.concatenate([blk.z[1], blk.w[1], blk.b[1]], axis=1)
    D = np.lcm.reduce(dens, axis=1)
    ok = (D > 0) & (D < 2 ** 31)
    D = np.where(ok, D, 1)
    ok &= (D[:, None] % dens == 0).all(axis=1)          # D is a common multiple (no wrap-around)
    zi = blk.z[0] * (D[:, None] // blk.z[1])            # z * D
    wi = blk.w[0] * (D[:, None] // blk.w[1])            # W2 * D
    bi = blk.b[0] * (D[:, None] // blk.b[1])            # b2 * D
    # |W2 z + b2| D^2 <= max|wi| max|zi| + max|bi| D, checked in exact integers against 2^62
    mz, mw, mb = (np.abs(x).max(axis=1) for x in (zi, wi, bi))
    small = (mz < 2 ** 31) & (mw < 2 ** 31) & (mb < 2 ** 31)
    ok &= small
    mz, mw, mb = (np.where(ok, x, 0) for x in (mz, mw, mb))
    ok &= mw * mz < _LIMIT // 2
    ok &= mb * np.where(ok, D, 0) < _LIMIT // 2
    zi, wi, bi, Dm = (np.where(ok[:, None], x, 0) for x in (zi, wi, bi, D[:, None]))
    A = np.maximum(zi[:, :, None] * wi[:, None, :] + (bi * Dm)[:, None, :], 0)
    return A, D, ok


# --------------------------------------------------------------------------------------
# exact bulk decisions
# --------------------------------------------------------------------------------------
def _structurally_singular(A: np.ndarray, rows: bool = True) -> np.ndarray:
    """True where a zero row or column, or two proportional rows or columns, prove A singular.

    The entries are >= 0 (ReLU), so two lines are proportional iff their primitive parts
    (divided by the gcd of their entries) are equal; equality is checked entry by entry.  With
    ``rows`` False only columns are looked at (a dependence of columns survives row operations).
    """
    bsz, n, _ = A.shape
    zero = A == 0
    out = zero.all(axis=1).any(axis=1)                                    # a zero column (cheap, most)
    if rows:
        out |= zero.all(axis=2).any(axis=1)                               # a zero row
    if n < 2:
        return out
    rest = np.flatnonzero(~out)
    R = A[rest]
    hit = np.zeros(len(rest), dtype=bool)
    off = ~np.eye(n, dtype=bool)
    for M in ((R, R.transpose(0, 2, 1)) if rows else (R.transpose(0, 2, 1),)):
        g = np.gcd.reduce(M, axis=2)
        P = M // np.where(g == 0, 1, g)[:, :, None]
        eq = (P[:, :, None, :] == P[:, None, :, :]).all(axis=3) & off
        hit |= eq.any(axis=(1, 2))
    out[rest] = hit
    return out


def full_rank_bulk(A: np.ndarray, ok: np.ndarray) -> tuple[np.ndarray, dict]:
    """Exact full-rank decisions for the stack ``A`` where ``ok`` (the rest: False, to be decided
    by the caller).  Each decision is a proof: a zero or repeated (proportional) line for
    singular, det != 0 modulo a prime for non-singular, flint's exact rank over Q for the rest.
    Returns (full, counts of each way of deciding)."""
    from exact.linalg import integer_rank
    from exact.modular import full_rank_mod_p

    full = np.zeros(len(A), dtype=bool)
    idx = np.flatnonzero(ok)
    sing = _structurally_singular(A[idx])
    idx = idx[~sing]
    fm = full_rank_mod_p(A[idx])
    full[idx[fm]] = True
    rest = idx[~fm]
    n = A.shape[1]
    for k in rest:
        full[k] = integer_rank(A[k].tolist()) == n
    return full, {"structural": int(sing.sum()), "mod_p": int(fm.sum()), "flint": len(rest)}


def _pairs_equal(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return (num[:, :, None] == num[:, None, :]) & (den[:, :, None] == den[:, None, :])


def conditions_bulk(reading: str, blk: A2Block, A: np.ndarray) -> np.ndarray:
    """Each reading's condition (as in :mod:`proofs.claims.p001.conjecture_c1`) for the whole block, exactly.

    ``criterion`` is left to the caller (None returned); the others use integer comparisons only.
    """
    bsz, n, _ = A.shape
    zero = A == 0
    off = ~np.eye(n, dtype=bool)
    bits = np.left_shift(1, np.arange(n, dtype=np.int64))              # a zero pattern as an integer (n <= 62)
    rmask, cmask = zero @ bits, zero.transpose(0, 2, 1) @ bits
    rows_same = rmask[:, :, None] == rmask[:, None, :]                   # (B, n, n)
    cols_same = cmask[:, :, None] == cmask[:, None, :]
    few = (rows_same.sum(axis=2).max(axis=1) <= 2) & (cols_same.sum(axis=2).max(axis=1) <= 2)
    wnz = blk.w[0] != 0
    kn, kd = _reduce(blk.b[0] * blk.w[1], blk.b[1] * np.where(wnz, blk.w[0], 1))
    both = wnz[:, :, None] & wnz[:, None, :]
    same_k = _pairs_equal(kn, kd) & both & off
    zero_line = zero.all(axis=2).any(axis=1) | zero.all(axis=1).any(axis=1)
    if reading == "literal":
        return few & ~same_k.any(axis=(1, 2))
    if reading == "no_zero_lines":
        return few & ~same_k.any(axis=(1, 2)) & ~zero_line
    if reading == "shared_k":
        consts = ~wnz[:, :, None] & ~wnz[:, None, :] & off
        clash = (same_k | consts) & cols_same
        return few & ~zero_line & ~clash.any(axis=(1, 2))
    raise InvalidArgument(f"no bulk condition for reading {reading!r}")


def interlacing_bulk(blk: A2Block) -> np.ndarray:
    """Part (b) of C*, exactly: with the codes sorted, distinct breakpoints t = -b2_j/W2_j (W2_j != 0)
    with z_{m-1} < t_m < z_{m+1} for m = 2..n-1, increasing (the greedy choice, as in
    ``conjecture_c1._sw_interlacing``).  Codes and breakpoints are compared as integers over a
    common denominator L (exact; instances where L or a scaled value could overflow are False
    in the second array returned, for the caller to decide one at a time)."""
    bsz, n = blk.z[0].shape
    wnz = blk.w[0] != 0
    tn, td = _reduce(-blk.b[0] * blk.w[1], blk.b[1] * np.where(wnz, blk.w[0], 1))
    dens = np.concatenate([blk.z[1], np.where(wnz, td, 1)], axis=1)
    L = np.lcm.reduce(dens, axis=1)
    ok = (L > 0) & (L < 2 ** 31)
    L = np.where(ok, L, 1)
    ok &= (L[:, None] % dens == 0).all(axis=1)
    ok &= (np.abs(blk.z[0]).max(axis=1) < 2 ** 31) & (np.abs(tn).max(axis=1) < 2 ** 31)
    Z = np.sort(blk.z[0] * (L[:, None] // blk.z[1]), axis=1)
    big = np.iinfo(np.int64).max
    T = np.where(wnz, tn * (L[:, None] // np.where(wnz, td, 1)), big)
    T = np.sort(T, axis=1)
    dup = np.zeros_like(T, dtype=bool)
    dup[:, 1:] = T[:, 1:] == T[:, :-1]
    T = np.sort(np.where(dup, big, T), axis=1)                  # distinct breakpoints, then padding
    good = np.ones(bsz, dtype=bool)
    p = np.zeros(bsz, dtype=np.int64)
    rows = np.arange(bsz)
    Tp = np.concatenate([T, np.full((bsz, 1), big)], axis=1)
    for m in range(1, n - 1):
        for _ in range(n):
            adv = Tp[rows, np.minimum(p, n)] <= Z[:, m - 1]
            adv &= p < n
            p = p + adv
        cur = Tp[rows, np.minimum(p, n)]
        good &= (p < n) & (cur < Z[:, m + 1]) & (cur != big)
        p = p + 1
    return good, ok


def float_full_rank(blk: A2Block, fmt: str = "float64") -> np.ndarray:
    """The float mirror: A2 from each exact value rounded once, full rank by SVD with numpy's tolerance
    (as :func:`numeric.rank.float_rank`).  A cross-check only: it decides nothing.

    With ``fmt`` another format of :mod:`numeric.formats`, A2's float64 entries are rounded to it
    and the SVD runs in its accumulation type with its epsilon (:func:`numeric.formats.fmt_matrix_rank`'s rule).

    A float matrix with a row or column of exact zeros is rank-deficient as it stands (no rounding
    is involved), so the SVD runs only on the others (most of a block has a zero column)."""
    f = lambda r: r[0] / r[1]  # noqa: E731
    a = np.maximum(f(blk.z)[:, :, None] * f(blk.w)[:, None, :] + f(blk.b)[:, None, :], 0.0)
    eps = np.finfo(np.float64).eps
    if fmt != "float64":
        from numeric.formats import fmt_array, fmt_eps, spec

        a = fmt_array(a, fmt).astype(spec(fmt).accumulate)
        eps = fmt_eps(fmt)
    zero = a == 0.0
    out = np.zeros(len(a), dtype=bool)
    rest = np.flatnonzero(~(zero.all(axis=1).any(axis=1) | zero.all(axis=2).any(axis=1)))
    if len(rest):
        s = np.linalg.svd(a[rest], compute_uv=False)
        tol = s[:, :1] * blk.n * eps
        out[rest] = (s > tol).sum(axis=1) == blk.n
    return out


def boundary_full_rank_bulk(blk: A2Block, A: np.ndarray, D: np.ndarray, ok: np.ndarray,
                            only: np.ndarray | None = None) -> np.ndarray:
    """Part (c) of C* proved in bulk where possible: True where [E; H'] is non-singular modulo a prime.

    With the codes sorted, H' is the matrix of slope changes of the columns of A (= D^2 A2) at
    the interior codes, row m scaled by (z_{m+1} - z_m)(z_m - z_{m-1}) > 0, and E the rows at
    z_1 and z_n.  dim ker H = 2 and det(E N) != 0 (N a basis of ker H) hold together iff [E; H]
    is non-singular (if [E; H] v = 0 then v = N c with E N c = 0, and conversely), and row
    scalings keep the rank, so det [E; H'] != 0 modulo p proves (c).  False means "not proved
    here" (the caller decides those exactly, one at a time); ``ok`` as from :func:`integer_a2`.
    With ``only`` (a mask), instances outside it are not examined (False).
    For n <= 2 there is no interior code and (c) says that A2 (n = 2: E itself) is non-singular.
    """
    from exact.modular import PRIMES, full_rank_mod_p

    p = PRIMES[0]
    bsz, n = blk.z[0].shape
    out = np.zeros(bsz, dtype=bool)
    idx = np.flatnonzero(ok if only is None else ok & only)
    Dm = D[idx][:, None]
    Z = blk.z[0][idx] * (Dm // blk.z[1][idx])                     # z * D, exact integers
    order = np.argsort(Z, axis=1, kind="stable")
    Zs = np.take_along_axis(Z, order, axis=1)
    dz = np.diff(Zs, axis=1)                                      # > 0 where the codes are distinct
    As = np.take_along_axis(A[idx], order[:, :, None], axis=1) % p
    dzp = dz % p
    left = (As[:, 1:-1] - As[:, :-2]) % p                         # A[m] - A[m-1], m = 1..n-2
    right = (As[:, 2:] - As[:, 1:-1]) % p                         # A[m+1] - A[m]
    H = (right * dzp[:, :-1, None] % p - left * dzp[:, 1:, None] % p) % p
    M = As if n <= 2 else np.concatenate([As[:, :1], As[:, -1:], H], axis=1)   # n <= 2: E is A2 itself
    out[idx] = full_rank_mod_p(M, p) & (dz > 0).all(axis=1)
    return out
