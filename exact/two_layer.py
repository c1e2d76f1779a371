"""The two-layer ReLU decoder of the 001 slides: activation matrix A2 and ratios k.

A scalar code z_i goes through layer 2 (n2 neurons, weights W2, bias b2, ReLU) and
layer 3 (weights W3, no bias, ReLU):

    A2 = ReLU(z W2^T + b2)        A2[i, j] = ReLU(W2_j z_i + b2_j)
    U3 = A2 W3^T,  Y = ReLU(U3)

and the ratios are k_j = b2_j / W2_j (for W2_j != 0), so A2[i, j] = ReLU(W2_j (z_i + k_j)).

>>> activation_matrix([1, 2, 3], [1, 1, -1], [0, -1, 3]).to_strings()
[['1', '0', '2'], ['2', '1', '1'], ['3', '2', '0']]
>>> ratios([1, 1, -1, 0], [0, -1, 3, 5])
(Fraction(0, 1), Fraction(-1, 1), Fraction(-3, 1), None)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from .errors import ShapeError
from .linalg import QMatrix
from .scalar import to_rational

__all__ = ["activation_matrix", "pre_activation_matrix", "ratios"]


def _columns(W2: Sequence[Any], b2: Sequence[Any]) -> tuple[list[Fraction], list[Fraction]]:
    wq = [to_rational(v) for v in W2]
    bq = [to_rational(v) for v in b2]
    if len(wq) != len(bq):
        raise ShapeError(f"W2 has {len(wq)} entries but b2 has {len(bq)}")
    return wq, bq


def _entries(z: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> list[list[Fraction]]:
    wq, bq = _columns(W2, b2)
    return [[w * zi + b for w, b in zip(wq, bq)] for zi in (to_rational(v) for v in z)]


def pre_activation_matrix(z: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> QMatrix:
    """``z W2^T + b2``: entry (i, j) is W2_j z_i + b2_j (codes as rows, neurons as columns)."""
    return QMatrix.from_rows(_entries(z, W2, b2))


def activation_matrix(z: Sequence[Any], W2: Sequence[Any], b2: Sequence[Any]) -> QMatrix:
    """A2 = ReLU(z W2^T + b2), exactly (rows = codes z_i, columns = neurons j)."""
    zero = Fraction(0)
    return QMatrix.from_rows([[max(u, zero) for u in row] for row in _entries(z, W2, b2)])


def ratios(W2: Sequence[Any], b2: Sequence[Any]) -> tuple[Fraction | None, ...]:
    """k_j = b2_j / W2_j, or None where W2_j = 0 (no ratio)."""
    wq, bq = _columns(W2, b2)
    return tuple(b / w if w != 0 else None for w, b in zip(wq, bq))
