"""Region-count bounds for ReLU networks, as exact integer calculators.

* :func:`zaslavsky` -- an arrangement of m hyperplanes in general position in R^d has
  ``sum_{i=0}^{d} C(m, i)`` regions (Zaslavsky 1975): the exact count of a one-hidden-layer
  network in general position.
* :func:`montufar2014_lower` -- Montufar, Pascanu, Cho & Bengio (2014), Theorem 5: a deep
  network with n_0 inputs and L hidden layers of width n >= n_0 can have at least
  ``(prod_{l=1}^{L-1} floor(n_l / n_0)^{n_0}) * sum_{j=0}^{n_0} C(n_L, j)`` regions.
* :func:`serra2018_upper` -- Serra, Tjandraatmadja & Ramalingam (2018), Theorem 1: at most
  ``sum_{(j_1..j_L) in J} prod_l C(n_l, j_l)``, J = {0 <= j_l <= min(n_0, n_1 - j_1, ...,
  n_{l-1} - j_{l-1}, n_l)}.
* :func:`product_upper` -- the simple bound ``prod_l sum_{j=0}^{min(n_0..n_l)} C(n_l, j)``
  (each layer refines each region into at most an arrangement's number of pieces in the
  region's dimension); for d = 1 it is ``prod_l (n_l + 1)``, the O(n^{L-1}) bound of 002-P4.

>>> zaslavsky(3, 2), montufar2014_lower(2, [2, 2]), serra2018_upper(2, [2, 2]), product_upper(1, [2, 2])
(7, 4, 11, 9)
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from math import comb, prod
from typing import Sequence

from exact.errors import InvalidArgument

__all__ = ["zaslavsky", "montufar2014_lower", "serra2018_upper", "product_upper", "product_digits", "all_bounds"]


def _check(n0: int, widths: Sequence[int]) -> list[int]:
    if not isinstance(n0, int) or n0 < 1:
        raise InvalidArgument("the input dimension must be a positive integer")
    ws = [int(w) for w in widths]
    if not ws or any(w < 1 for w in ws):
        raise InvalidArgument("hidden widths must be positive integers (at least one layer)")
    return ws


def zaslavsky(m: int, d: int) -> int:
    """Regions of m hyperplanes in general position in R^d: sum_{i<=d} C(m, i)."""
    if m < 0 or d < 0:
        raise InvalidArgument("m and d must be non-negative")
    if d >= m:
        return 1 << m
    total = term = 1
    for i in range(1, d + 1):  # C(m, i) from C(m, i - 1): one small multiplication each
        term = term * (m - i + 1) // i
        total += term
    return total


def montufar2014_lower(n0: int, widths: Sequence[int]) -> int:
    """Montufar et al. 2014 lower bound on the maximal number of regions (widths >= n0)."""
    ws = _check(n0, widths)
    if any(w < n0 for w in ws):
        raise InvalidArgument("Montufar et al.'s construction needs every width >= the input dimension")
    return prod((w // n0) ** n0 for w in ws[:-1]) * zaslavsky(ws[-1], n0)


def serra2018_upper(n0: int, widths: Sequence[int], *, deadline: float | None = None) -> int:
    """Serra et al. 2018 upper bound (Theorem 1), by dynamic programming over the cap.

    The index set J is walked layer by layer keeping only, for each value ``c`` of the
    running cap ``min(n_0, n_1 - j_1, ..., n_{l-1} - j_{l-1})``, the sum ``g[c]`` of the
    products ``prod C(n_i, j_i)`` of the prefixes that reach it.  Choosing ``j`` in layer
    ``n`` (``0 <= j <= min(c, n)``) moves cap ``c`` to ``min(c, n - j)``: it stays ``c`` for
    ``j <= n - c`` and becomes ``c' = n - j < c`` otherwise, so

        g'[c'] = g[c'] * sum_{j <= min(c', n - c')} C(n, j)  +  C(n, c') * sum_{c > c', c >= n - c'} g[c]

    (for ``c' <= n``; a cap above ``n`` is never reached).  With prefix sums of the
    binomials and suffix sums of ``g`` a layer costs O(min(n_0, n)) big-integer operations:
    linear in depth where the enumeration of J is exponential.  ``deadline`` (a
    ``time.monotonic()`` value) stops the work with :class:`~exact.errors.InvalidArgument`.

    >>> serra2018_upper(2, [2, 2]), serra2018_upper(3, [2, 5, 1])
    (11, 57)
    """
    import time

    ws = _check(n0, widths)
    g = {n0: 1}  # cap -> summed weight
    for layer, n in enumerate(ws):
        if deadline is not None and time.monotonic() > deadline:
            raise InvalidArgument(f"the Serra bound stopped at layer {layer + 1} of {len(ws)}: out of time "
                                  "(--seconds raises the limit)")
        top = max(g)  # caps present are 0..top (sparse keys allowed)
        m = min(top, n)
        binom = [1] * (m + 1)  # C(n, j) for j <= m
        for j in range(1, m + 1):
            binom[j] = binom[j - 1] * (n - j + 1) // j
        prefix = list(accumulate(binom))  # prefix[k] = sum_{j<=k} C(n, j), k <= m
        caps = sorted(g)
        suffix: dict[int, int] = {}
        run = 0
        for c in reversed(caps):
            run += g[c]
            suffix[c] = run

        def tail(k: int) -> int:  # sum of g[c] over c >= k
            i = bisect_left(caps, k)
            return suffix[caps[i]] if i < len(caps) else 0

        new: dict[int, int] = {}
        for c2 in range(0, m + 1):
            stay = g[c2] * prefix[min(c2, n - c2)] if c2 in g else 0
            move = binom[c2] * tail(max(n - c2, c2 + 1))
            if stay or move:
                new[c2] = stay + move
        g = new
    return sum(g.values())


def _serra_enumerated(n0: int, widths: Sequence[int]) -> int:
    """The bound by enumerating J (exponential in depth; the reference for small cases)."""
    ws = _check(n0, widths)
    total = 0

    def rec(l: int, cap: int, acc: int) -> None:
        nonlocal total
        if l == len(ws):
            total += acc
            return
        n = ws[l]
        for j in range(min(cap, n) + 1):
            rec(l + 1, min(cap, n - j), acc * comb(n, j))

    rec(0, n0, 1)
    return total


def product_upper(n0: int, widths: Sequence[int]) -> int:
    """prod_l sum_{j <= min(n_0, ..., n_l)} C(n_l, j); for n0 = 1: prod (n_l + 1)."""
    ws = _check(n0, widths)
    out, dim = 1, n0
    for w in ws:
        dim = min(dim, w)
        out *= zaslavsky(w, dim)
    return out


def product_digits(n0: int, widths: Sequence[int]) -> int:
    """An upper estimate of the decimal digits of :func:`product_upper`, computed in floats
    from log-gamma without building a big number (every bound here is at most that product:
    Zaslavsky's count is it for one layer, Serra's bound refines it, Montufar's is below Serra's)."""
    from math import lgamma, log, log10

    ws = _check(n0, widths)
    total, dim = 0.0, n0
    for w in ws:
        dim = min(dim, w)
        if dim >= w:
            total += w * log10(2)
        else:
            k = min(dim, w // 2)
            logc = (lgamma(w + 1) - lgamma(k + 1) - lgamma(w - k + 1)) / log(10)
            total += min(w * log10(2), log10(dim + 1) + logc)
    return int(total) + 1


def all_bounds(n0: int, widths: Sequence[int], *, max_digits: int | None = None,
               deadline: float | None = None) -> dict[str, int | None]:
    """Every bound for an architecture (None where a bound does not apply).

    With ``max_digits``, an architecture whose bounds would have more digits is refused
    before any big number is built (:func:`product_digits`); ``deadline`` as in
    :func:`serra2018_upper`.
    """
    ws = _check(n0, widths)
    if max_digits is not None:
        digits = product_digits(n0, ws)
        if digits > max_digits:
            raise InvalidArgument(f"the bounds of this architecture have up to {digits} digits, over the limit of "
                                  f"{max_digits} (--max-digits raises it)")
    out: dict[str, int | None] = {
        "zaslavsky_one_layer": zaslavsky(ws[0], n0) if len(ws) == 1 else None,
        "montufar2014_lower": montufar2014_lower(n0, ws) if all(w >= n0 for w in ws) else None,
        "serra2018_upper": serra2018_upper(n0, ws, deadline=deadline),
        "product_upper": product_upper(n0, ws),
    }
    return out

