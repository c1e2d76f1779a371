"""Cross-checks: where does a float computation (float64, float32, float16, bfloat16) disagree with the exact one?

Disagreements are findings to report, never failures to hide.
"""

from __future__ import annotations

import numpy as np

from exact.evaluate import RationalBatch

from .evaluate import batch_to_float

__all__ = ["disagreement_mask"]


def disagreement_mask(exact: RationalBatch, approx: np.ndarray, atol: float = 0.0, fmt: str = "float64") -> np.ndarray:
    """True where ``approx`` differs from the exact value by more than ``atol``.

    With ``atol = 0`` any difference from the value of ``fmt`` nearest to the exact value counts;
    a NaN float result (overflow to inf, then inf - inf) counts as a disagreement, and an
    infinite one agrees only with an exact value beyond the float range of the same sign.
    """
    from exact.errors import ShapeError

    ref = batch_to_float(exact)
    if fmt != "float64":
        from fractions import Fraction

        from .formats import round_rational

        ref = np.array([[round_rational(Fraction(int(v), int(d)), fmt) for v in row]
                        for row, d in zip(exact.num, exact.den)], dtype=np.float64).reshape(ref.shape)
    if ref.shape != approx.shape:
        raise ShapeError(f"shapes differ: exact {ref.shape}, float {approx.shape}")
    with np.errstate(invalid="ignore", over="ignore"):
        same = (ref == approx) | (np.abs(ref - approx) <= atol)
    return ~same
