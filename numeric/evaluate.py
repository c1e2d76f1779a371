"""Float64 mirror of exact network evaluation.

The network's rational weights are rounded to the nearest float64 once, then the
network runs in numpy float64, exactly as a float implementation would.  Nothing
computed here flows back into :mod:`exact`.

>>> from exact.network import Network
>>> net = Network.from_layers({"weight": [["1/3"]], "activation": "hard_threshold", "threshold": "1"})
>>> evaluate_float(net, [[3.0]]).tolist()   # 3.0 * fl(1/3) == 1.0 in float64
[[1.0]]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from exact.evaluate import RationalBatch
from exact.network import Activation, Network

__all__ = ["float_layers", "evaluate_float", "batch_to_float", "to_float"]


def to_float(q: Any) -> float:
    """The float64 nearest an exact rational, +-inf past the float range (never OverflowError).

    >>> to_float(Fraction(10 ** 400)), to_float(Fraction(-10 ** 400, 3)), to_float(Fraction(1, 10 ** 400))
    (inf, -inf, 0.0)
    """
    try:
        return float(q)
    except OverflowError:
        return math.inf if q > 0 else -math.inf


def float_layers(network: Network) -> list[tuple[np.ndarray, np.ndarray, str, float | None]]:
    """Each layer as (W, b, activation, threshold) in float64 (entries correctly rounded)."""
    out = []
    for layer in network.layers:
        w = np.array([[to_float(v) for v in row] for row in layer.weight], dtype=np.float64)
        b = np.array([to_float(v) for v in layer.bias], dtype=np.float64)
        t = to_float(layer.threshold) if layer.threshold is not None else None
        out.append((w, b, layer.activation.value, t))
    return out


def evaluate_float(network: Network, inputs: Any, layers: list | None = None) -> np.ndarray:
    """Float64 outputs on a batch (one input per row)."""
    x = np.asarray(inputs, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    for w, b, act, t in layers if layers is not None else float_layers(network):
        with np.errstate(all="ignore"):  # inf and nan are float64's answers, reported by the cross-check
            u = x @ w.T + b
        if act == Activation.RELU.value:
            x = np.maximum(u, 0.0)
        elif act == Activation.HARD_THRESHOLD.value:
            x = (u >= t).astype(np.float64)
        else:
            x = u
    return x


def batch_to_float(batch: RationalBatch) -> np.ndarray:
    """The float64 values of an exact batch (for comparisons and plots only)."""
    num, den = batch.num, batch.den
    if num.dtype == object or den.dtype == object:
        return np.array([[to_float(Fraction(int(v), int(d))) for v in row] for row, d in zip(num, den)],
                        dtype=np.float64).reshape(num.shape)
    return num.astype(np.float64) / den.astype(np.float64)[:, None]
