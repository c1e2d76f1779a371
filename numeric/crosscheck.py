"""Cross-checks: where does a float64 computation disagree with the exact one?

Disagreements are findings to report, never failures to hide.
"""

from __future__ import annotations

import numpy as np

from exact.evaluate import RationalBatch

from .evaluate import batch_to_float

__all__ = ["disagreement_mask"]


def disagreement_mask(exact: RationalBatch, approx: np.ndarray, atol: float = 0.0) -> np.ndarray:
    """True where ``approx`` differs from the exact value by more than ``atol``.

    With ``atol = 0`` any difference from the float nearest to the exact value counts;
    a NaN float result (overflow to inf, then inf - inf) counts as a disagreement, and an
    infinite one agrees only with an exact value beyond the float range of the same sign.
    """
    from exact.errors import ShapeError

    ref = batch_to_float(exact)
    if ref.shape != approx.shape:
        raise ShapeError(f"shapes differ: exact {ref.shape}, float {approx.shape}")
    with np.errstate(invalid="ignore", over="ignore"):
        same = (ref == approx) | (np.abs(ref - approx) <= atol)
    return ~same
