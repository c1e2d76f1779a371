"""Float64 mirrors of the 001 constructions: handcrafted decoders, ranks, condition numbers.

The exact construction (:mod:`exact.slides001`) fixes W2, b2 and U3 exactly; here the same
matrices are rounded to float64 once and W3 is solved with ``numpy.linalg.solve``, exactly as a
float implementation would.  Findings (where float64 stops reconstructing X exactly, where
``numpy.linalg.matrix_rank`` disagrees with the exact rank) are reported, never hidden.
Nothing computed here flows back into :mod:`exact`.

>>> from exact.slides001 import canonical_form1, linear_codes
>>> r = float_handcrafted(linear_codes(5), canonical_form1(5), zero_index=5)
>>> r["exact_equal"], r["max_abs_error"]
(True, 0.0)
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from exact.linalg import QMatrix
from exact.slides001 import (activation_integer_form, canonical_form1, data_rows, full_rank_layer2,
                             linear_codes, random_form1)

__all__ = ["float_handcrafted", "float_reconstruction_scan", "rank_scan", "geometric_codes",
           "float_matrix"]


def float_matrix(rows: Sequence[Sequence[Any]]) -> np.ndarray:
    """Rows of exact numbers rounded to float64 (for mirrors and plots only)."""
    return np.array([[float(v) for v in r] for r in rows], dtype=np.float64)


def _drop(a: np.ndarray, index: int | None) -> np.ndarray:
    return a if index is None else np.delete(a, index, axis=0)


def float_handcrafted(codes: Sequence[Any], U3: Sequence[Sequence[Any]], zero_index: int | None = None,
                      amplitude: Any = 1) -> dict:
    """The handcrafted decoder in float64: A2, W3^T = solve(A2', U3'), Y = ReLU(A2 W3^T) vs X."""
    W2, b2 = full_rank_layer2(codes, zero_index)
    z = np.array([float(v) for v in codes])
    A2 = np.maximum(np.outer(z, np.array([float(w) for w in W2])) + np.array([float(v) for v in b2]), 0.0)
    U = float_matrix(U3)
    A = _drop(A2, zero_index)
    W3T = np.linalg.solve(A, _drop(U, zero_index))
    Y = np.maximum(A2 @ W3T, 0.0)
    n = U.shape[1]
    X = float_matrix(data_rows(n, amplitude, zero_index is not None))
    return {
        "exact_equal": bool(np.array_equal(Y, X)),
        "max_abs_error": float(np.abs(Y - X).max()),
        "cond_A2": float(np.linalg.cond(A)),
        "cond_U3": float(np.linalg.cond(_drop(U, zero_index))),
        "Y": Y,
    }


def float_reconstruction_scan(n_values: Sequence[int], kind: str = "canonical", seed: int = 0,
                              include_zero: bool = True) -> list[dict]:
    """For the linear code z(i) = i: per n, does float64 reconstruct X exactly, and the condition numbers."""
    out = []
    for n in n_values:
        U = canonical_form1(n, 1, include_zero) if kind == "canonical" else random_form1(n, 1, include_zero, seed + n)
        r = float_handcrafted(linear_codes(n, include_zero), U, n if include_zero else None)
        out.append({"n": n, "kind": kind, "exact_equal": r["exact_equal"], "max_abs_error": r["max_abs_error"],
                    "cond_A2": r["cond_A2"], "cond_U3": r["cond_U3"]})
    return out


def geometric_codes(n: int, include_zero: bool = True) -> list:
    """Codes z(i) = 2^{-i} (distinct but crowding together): an ill-conditioned random-encoder case."""
    from fractions import Fraction

    return [Fraction(1, 2 ** i) for i in range(1, n + 2 if include_zero else n + 1)]


def rank_scan(n_values: Sequence[int], codes_kind: str = "linear") -> list[dict]:
    """numpy.linalg.matrix_rank (default tolerance) of A2 against its exact rank (flint), per n."""
    out = []
    for n in n_values:
        codes = linear_codes(n) if codes_kind == "linear" else geometric_codes(n)
        W2, b2 = full_rank_layer2(codes, n)
        rows, den = activation_integer_form(codes, W2, b2)
        exact = QMatrix.from_int_rows(rows, den).rank()
        A = np.array([[v / den for v in r] for r in rows], dtype=np.float64)
        out.append({"n": n, "codes": codes_kind, "exact_rank": exact,
                    "numpy_rank": int(np.linalg.matrix_rank(A)), "cond": float(np.linalg.cond(_drop(A, n)))})
    return out
