"""Float mirrors (float64 by default, or any format of :mod:`numeric.formats`) of the 001 constructions: handcrafted decoders, ranks, condition numbers.

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
from numeric.formats import exact_to_format, fmt_affine, fmt_cond, fmt_matmul, fmt_matrix_rank, fmt_solve
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
                      amplitude: Any = 1, fmt: str = "float64") -> dict:
    """The handcrafted decoder in ``fmt`` (:mod:`numeric.formats`): A2, W3^T = solve(A2', U3'),
    Y = ReLU(A2 W3^T) vs X, every exact input rounded once to the format."""
    W2, b2 = full_rank_layer2(codes, zero_index)
    z = exact_to_format(list(codes), fmt)
    A2 = np.maximum(fmt_affine(z[:, None], exact_to_format(list(W2), fmt)[None, :], exact_to_format(list(b2), fmt), fmt),
                    0.0)
    U = exact_to_format([list(r) for r in U3], fmt)
    A = _drop(A2, zero_index)
    W3T = fmt_solve(A, _drop(U, zero_index), fmt)
    Y = np.maximum(fmt_matmul(A2, W3T, fmt), 0.0)
    n = U.shape[1]
    X = exact_to_format(data_rows(n, amplitude, zero_index is not None), fmt)
    with np.errstate(invalid="ignore"):
        err = float(np.abs(Y - X).max())
    return {
        "exact_equal": bool(np.array_equal(Y, X)),
        "max_abs_error": err,
        "cond_A2": fmt_cond(A, fmt),
        "cond_U3": fmt_cond(_drop(U, zero_index), fmt),
        "Y": Y,
    }


def float_reconstruction_scan(n_values: Sequence[int], kind: str = "canonical", seed: int = 0,
                              include_zero: bool = True, fmt: str = "float64") -> list[dict]:
    """For the linear code z(i) = i: per n, does ``fmt`` reconstruct X exactly, and the condition numbers."""
    out = []
    for n in n_values:
        U = canonical_form1(n, 1, include_zero) if kind == "canonical" else random_form1(n, 1, include_zero, seed + n)
        r = float_handcrafted(linear_codes(n, include_zero), U, n if include_zero else None, fmt=fmt)
        out.append({"n": n, "kind": kind, "format": fmt, "exact_equal": r["exact_equal"],
                    "max_abs_error": r["max_abs_error"], "cond_A2": r["cond_A2"], "cond_U3": r["cond_U3"]})
    return out


def geometric_codes(n: int, include_zero: bool = True) -> list:
    """Codes z(i) = 2^{-i} (distinct but crowding together): an ill-conditioned random-encoder case."""
    from fractions import Fraction

    return [Fraction(1, 2 ** i) for i in range(1, n + 2 if include_zero else n + 1)]


def rank_scan(n_values: Sequence[int], codes_kind: str = "linear", fmt: str = "float64") -> list[dict]:
    """numpy's rank rule (:func:`numeric.formats.fmt_matrix_rank`; in float64 numpy.linalg.matrix_rank's
    default tolerance) on A2 rounded to ``fmt``, against its exact rank (flint), per n."""
    from fractions import Fraction

    out = []
    for n in n_values:
        codes = linear_codes(n) if codes_kind == "linear" else geometric_codes(n)
        W2, b2 = full_rank_layer2(codes, n)
        rows, den = activation_integer_form(codes, W2, b2)
        exact = QMatrix.from_int_rows(rows, den).rank()
        A = exact_to_format([[Fraction(v, den) for v in r] for r in rows], fmt)
        out.append({"n": n, "codes": codes_kind, "format": fmt, "exact_rank": exact,
                    "numpy_rank": fmt_matrix_rank(A, fmt), "cond": fmt_cond(_drop(A, n), fmt)})
    return out
