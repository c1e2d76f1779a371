"""Float64 mirrors of the exact computations, and their cross-checks."""

from .crosscheck import disagreement_mask
from .evaluate import batch_to_float, evaluate_float, float_layers

__all__ = ["batch_to_float", "disagreement_mask", "evaluate_float", "float_layers"]
