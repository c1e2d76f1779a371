"""The trusted exact core of relu-proofcheck.

Exact rational scalars (:mod:`exact.scalar`), linear algebra through python-flint
(:mod:`exact.linalg`), networks (:mod:`exact.network`), exact batch evaluation
(:mod:`exact.evaluate`) and datasets (:mod:`exact.datasets`).  No float decides
anything here.
"""

from .datasets import step_function, step_function_batch, step_functions, thetas
from .errors import (
    ExactnessError,
    FormatError,
    InvalidArgument,
    ShapeError,
    ToolkitError,
)
from .evaluate import RationalBatch, evaluate_batch
from .files import atomic_write_bytes, atomic_write_text
from .linalg import QMatrix, det, inverse, is_positive_semidefinite, nullspace, rank, solve
from .network import Activation, Layer, Network, load_network, save_network
from .scalar import (
    Fraction,
    height,
    rational_str,
    rational_strs,
    to_rational,
    to_rational_matrix,
    to_rational_vector,
)

__all__ = [
    "Activation", "ExactnessError", "FormatError", "Fraction", "InvalidArgument", "Layer",
    "Network", "QMatrix", "RationalBatch", "ShapeError", "ToolkitError", "atomic_write_bytes",
    "atomic_write_text", "det",
    "evaluate_batch", "height", "inverse", "is_positive_semidefinite", "load_network",
    "nullspace", "rank", "rational_str", "rational_strs", "save_network", "solve",
    "step_function", "step_function_batch", "step_functions", "thetas", "to_rational",
    "to_rational_matrix", "to_rational_vector",
]
