"""Bulk full-rank decisions for stacks of small integer matrices, by arithmetic modulo primes.

Every decision here is a proof, made with integers only (numpy ``int64``, no float):

* a determinant that is non-zero modulo a prime p is non-zero over the integers, so the
  matrix is non-singular (:func:`full_rank_mod_p`);
* a determinant that is 0 modulo primes p_1, ..., p_k whose product exceeds a bound on
  |det| is 0 (Chinese remainder theorem), so the matrix is singular
  (:func:`singular_by_primes`, with the bound n^n M^n >= n! M^n, M the largest |entry|).

What neither decides (a stack entry whose entries reach 2^62, or whose bound needs more
primes than :data:`PRIMES` holds) is left undecided, for :func:`exact.linalg.integer_rank`.

>>> import numpy as np
>>> a = np.array([[[1, 2], [3, 4]], [[1, 2], [2, 4]]], dtype=np.int64)
>>> full_rank_mod_p(a).tolist()
[True, False]
>>> singular_by_primes(a).tolist()
[False, True]
"""

from __future__ import annotations

import numpy as np

from .errors import InvalidArgument

__all__ = ["PRIMES", "full_rank_mod_p", "singular_by_primes", "bit_bound"]

#: The 40 largest primes below 2^31 (so that a product of two residues fits in int64).
PRIMES: tuple[int, ...] = (
    2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497,
    2147483489, 2147483477, 2147483423, 2147483399, 2147483353, 2147483323, 2147483269, 2147483249,
    2147483237, 2147483179, 2147483171, 2147483137, 2147483123, 2147483077, 2147483069, 2147483059,
    2147483053, 2147483033, 2147483029, 2147482951, 2147482949, 2147482943, 2147482937, 2147482921,
    2147482877, 2147482873, 2147482867, 2147482859, 2147482819, 2147482817, 2147482811, 2147482801,
)

_POW2 = np.array([1 << k for k in range(63)], dtype=np.int64)


def _check_stack(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    if a.dtype != np.int64 or a.ndim != 3 or a.shape[1] != a.shape[2]:
        raise InvalidArgument(f"need an int64 stack of square matrices, got {a.dtype} of shape {a.shape}")
    return a


def full_rank_mod_p(a: np.ndarray, p: int = PRIMES[0]) -> np.ndarray:
    """For each matrix of the stack ``a`` (int64, shape (B, n, n)): is det != 0 modulo ``p``?

    True proves the integer matrix non-singular; False says only that p divides det.
    Fraction-free Gaussian elimination over GF(p), vectorised over the stack (p < 2^31).
    """
    a = _check_stack(a)
    if not 2 <= p < 2 ** 31:
        raise InvalidArgument(f"the prime must lie in [2, 2^31), got {p}")
    m = a % p
    bsz, n = m.shape[0], m.shape[1]
    ok = np.ones(bsz, dtype=bool)
    rows = np.arange(bsz)
    for c in range(n):
        nz = m[:, c:, c] != 0
        has = nz.any(axis=1)
        ok &= has
        piv = c + np.argmax(nz, axis=1)
        top = m[rows, piv, c:].copy()
        m[rows, piv, c:] = m[:, c, c:]
        m[:, c, c:] = top
        # fraction-free step: row_i <- pivot * row_i - m[i, c] * row_c (mod p); the pivot is a unit
        # of GF(p) where ``has``, so this keeps the rank (no inverse needed); products stay < 2^62
        f = m[:, c + 1:, c]
        m[:, c + 1:, c:] = (m[:, c + 1:, c:] * top[:, None, :1] - f[:, :, None] * top[:, None, :]) % p
    return ok


def bit_bound(a: np.ndarray) -> np.ndarray:
    """An integer b per matrix with |det| < 2^b (Hadamard-type bound n^n M^n, M = max |entry|)."""
    a = _check_stack(a)
    n = a.shape[1]
    mx = np.abs(a).reshape(len(a), n * n).max(axis=1) if n else np.zeros(len(a), dtype=np.int64)
    bits_m = np.searchsorted(_POW2, mx, side="right")               # M < 2^bits_m
    bits_n = int(n).bit_length()                                      # n < 2^bits_n
    return n * (bits_m + bits_n)


def singular_by_primes(a: np.ndarray) -> np.ndarray:
    """For each matrix: True when det = 0 is proved (det = 0 modulo enough primes of :data:`PRIMES`
    that their product exceeds the bound of :func:`bit_bound`); False when it is not proved.

    Entries must stay below 2^62 in absolute value (larger ones are left unproved).
    """
    a = _check_stack(a)
    need = np.maximum(bit_bound(a), 1)  # at least one prime: a 0 x 0 matrix has det = 1, not 0
    small = np.abs(a).reshape(len(a), a.shape[1] ** 2).max(axis=1, initial=0) < 2 ** 62
    zero = small.copy()
    bits = np.zeros(len(a), dtype=np.int64)
    for p in PRIMES:
        todo = zero & (bits < need)
        if not todo.any():
            break
        idx = np.flatnonzero(todo)
        zero[idx] &= ~full_rank_mod_p(a[idx], p)
        bits[idx] += 30                                                # each prime exceeds 2^30
    return zero & (bits >= need)
