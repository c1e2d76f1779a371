"""Float64 rank, singular values and condition number (the mirror of exact rank).

The matrix is rounded to float64 once; the rank is numpy's SVD rank with numpy's
default tolerance ``tol = sigma_max * max(m, n) * eps`` (or a given ``tol``).  The result
is only ever *compared* with the exact rank of :mod:`exact.linalg`; a disagreement is a
finding about float64, never an input to the exact core.

>>> r = float_rank([[1, 2], [2, 4]])
>>> r.rank, r.shape
(1, (2, 2))
>>> float_rank([["1/3", 0], [0, 1]]).rank
2
>>> round(float_rank([[2, 0], [0, 1]]).condition, 12)
2.0
>>> float_rank([[0, 0], [0, 0]]).condition
inf
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

__all__ = ["FloatRank", "to_float_matrix", "float_rank", "singular_values", "condition_number",
           "float_activation_matrix", "float_activation_ranks"]


@dataclass(frozen=True)
class FloatRank:
    """Float64 rank of a matrix with the numbers it rests on.

    ``singular`` are the singular values (descending), ``tol`` the threshold below which
    a singular value counts as zero, ``condition`` is sigma_max / sigma_min (``inf`` for
    a singular float matrix; for a non-square matrix the smallest of min(m, n) values).
    """

    rank: int
    shape: tuple[int, int]
    singular: tuple[float, ...]
    tol: float
    condition: float

    def to_json(self) -> dict:
        return {"rank": self.rank, "shape": list(self.shape), "singular_values": list(self.singular),
                "tol": self.tol, "condition": self.condition if np.isfinite(self.condition) else "inf"}


def _to_float(v: Any) -> float:
    if isinstance(v, str):
        return float(Fraction(v))
    return float(v)


def to_float_matrix(rows: Any) -> np.ndarray:
    """Round a matrix of exact numbers (ints, Fractions, ``"p/q"`` strings) to float64."""
    if isinstance(rows, np.ndarray):
        return rows.astype(np.float64)
    if hasattr(rows, "rows") and callable(rows.rows):  # exact.linalg.QMatrix
        rows = rows.rows()
    data = [[_to_float(v) for v in r] for r in rows]
    return np.array(data, dtype=np.float64).reshape(len(data), len(data[0]) if data else 0)


def singular_values(rows: Any) -> np.ndarray:
    """Singular values in descending order (float64)."""
    a = to_float_matrix(rows)
    if a.size == 0:
        return np.zeros(0)
    return np.linalg.svd(a, compute_uv=False)


def condition_number(rows: Any) -> float:
    """sigma_max / sigma_min in float64 (``inf`` when sigma_min is 0)."""
    s = singular_values(rows)
    if s.size == 0:
        return float("inf")
    return float(s[0] / s[-1]) if s[-1] > 0 else float("inf")


def float_rank(rows: Any, tol: float | None = None) -> FloatRank:
    """Float64 SVD rank (numpy's default tolerance unless ``tol`` is given)."""
    a = to_float_matrix(rows)
    m, n = a.shape
    s = singular_values(a)
    if tol is None:
        tol = float(s[0] * max(m, n) * np.finfo(np.float64).eps) if s.size else 0.0
    rank = int(np.sum(s > tol))
    cond = float(s[0] / s[-1]) if s.size and s[-1] > 0 else float("inf")
    return FloatRank(rank=rank, shape=(m, n), singular=tuple(float(x) for x in s), tol=float(tol), condition=cond)


def float_activation_matrix(z: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> np.ndarray:
    """The float64 mirror of A2 = ReLU(z W2^T + b2): each exact value rounded once, then numpy.

    >>> float_activation_matrix([1, 2], [1, -1], [0, "3/2"]).tolist()
    [[1.0, 0.5], [2.0, 0.0]]
    """
    zf = np.array([_to_float(v) for v in z], dtype=np.float64)
    wf = np.array([_to_float(v) for v in W2], dtype=np.float64)
    bf = np.array([_to_float(v) for v in b2], dtype=np.float64)
    return np.maximum(np.outer(zf, wf) + bf, 0.0)


def float_activation_ranks(z: Sequence[Sequence[Any]], W2: Sequence[Sequence[Any]],
                           b2: Sequence[Sequence[Any]], fmt: str = "float64") -> np.ndarray:
    """Float64 SVD ranks of many A2 = ReLU(z W2^T + b2) of one size at once (numpy's default tolerance).

    Row k of ``z``, ``W2``, ``b2`` is one instance (n codes, n neurons); each exact value is
    rounded once.  The same rank as :func:`float_rank` of :func:`float_activation_matrix`.

    >>> float_activation_ranks([[1, 2], [1, 2]], [[1, -1], [1, 1]], [[0, "3/2"], [0, 0]]).tolist()
    [2, 1]
    """
    if fmt != "float64":
        return _format_activation_ranks(z, W2, b2, fmt)
    f = np.vectorize(_to_float, otypes=[np.float64])
    zf, wf, bf = (f(np.array(v, dtype=object)) for v in (z, W2, b2))
    if zf.size == 0:
        return np.zeros(len(zf), dtype=int)
    a = np.maximum(zf[:, :, None] * wf[:, None, :] + bf[:, None, :], 0.0)
    s = np.linalg.svd(a, compute_uv=False)
    tol = s[:, :1] * max(a.shape[1:]) * np.finfo(np.float64).eps
    return np.sum(s > tol, axis=1)


def _format_activation_ranks(z, W2, b2, fmt: str) -> np.ndarray:
    """:func:`float_activation_ranks` in another format (:mod:`numeric.formats`): each exact value
    rounded once to the format, z w + b accumulated in its accumulation type and rounded to the
    format, ReLU, then the SVD in the accumulation type with numpy's rule and the format's eps."""
    from .formats import exact_to_format, fmt_eps, spec

    s = spec(fmt)
    zf, wf, bf = (exact_to_format([[Fraction(v) if not isinstance(v, str) else Fraction(v) for v in r] for r in a], fmt)
                  if len(a) else np.zeros((0, 0)) for a in (z, W2, b2))
    if zf.size == 0:
        return np.zeros(len(zf), dtype=int)
    acc = s.accumulate
    with np.errstate(over="ignore", invalid="ignore"):
        pre = (zf.astype(acc)[:, :, None] * wf.astype(acc)[:, None, :] + bf.astype(acc)[:, None, :])
        a = np.maximum(pre.astype(s.storage).astype(acc), 0)
    sv = np.linalg.svd(a, compute_uv=False)
    tol = sv[:, :1] * max(a.shape[1:]) * fmt_eps(fmt)
    return np.sum(sv > tol, axis=1)
