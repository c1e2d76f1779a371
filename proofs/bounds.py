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

from math import comb, prod
from typing import Sequence

from exact.errors import InvalidArgument

__all__ = ["zaslavsky", "montufar2014_lower", "serra2018_upper", "product_upper", "all_bounds"]


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
    return sum(comb(m, i) for i in range(d + 1))


def montufar2014_lower(n0: int, widths: Sequence[int]) -> int:
    """Montufar et al. 2014 lower bound on the maximal number of regions (widths >= n0)."""
    ws = _check(n0, widths)
    if any(w < n0 for w in ws):
        raise InvalidArgument("Montufar et al.'s construction needs every width >= the input dimension")
    return prod((w // n0) ** n0 for w in ws[:-1]) * sum(comb(ws[-1], j) for j in range(n0 + 1))


def serra2018_upper(n0: int, widths: Sequence[int]) -> int:
    """Serra et al. 2018 upper bound (Theorem 1), by enumerating the index set J."""
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


def all_bounds(n0: int, widths: Sequence[int]) -> dict[str, int | None]:
    """Every bound for an architecture (None where a bound does not apply)."""
    ws = _check(n0, widths)
    out: dict[str, int | None] = {
        "zaslavsky_one_layer": zaslavsky(ws[0], n0) if len(ws) == 1 else None,
        "montufar2014_lower": montufar2014_lower(n0, ws) if all(w >= n0 for w in ws) else None,
        "serra2018_upper": serra2018_upper(n0, ws),
        "product_upper": product_upper(n0, ws),
    }
    return out

