"""Float mirror of exact network evaluation (float64, or float32 / float16 / bfloat16).

The network's rational weights are rounded to the nearest value of the format once, then the
network runs in numpy, exactly as a float implementation would (:mod:`numeric.formats` says
how each format computes).  Nothing computed here flows back into :mod:`exact`.

>>> from exact.network import Network
>>> net = Network.from_layers({"weight": [["1/3"]], "activation": "hard_threshold", "threshold": "1"})
>>> evaluate_float(net, [[3.0]]).tolist()   # 3.0 * fl(1/3) == 1.0 in float64
[[1.0]]
>>> evaluate_float(net, [[3.0]], fmt="float32").tolist()   # 3 * fl32(1/3) rounds to 1 in float32 too
[[1.0]]
>>> evaluate_float(net, [[3.0]], fmt="bfloat16").tolist()  # fl_bf16(1/3) = 0.333984375: 3 times it is 1.0019...
[[1.0]]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from exact.evaluate import RationalBatch
from exact.network import Activation, Network

from .formats import round_array, round_rational, spec as format_spec

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


def float_layers(network: Network, fmt: str = "float64") -> list[tuple[np.ndarray, np.ndarray, str, Any]]:
    """Each layer as (W, b, activation, threshold), entries the exact rationals correctly rounded to
    ``fmt`` and stored in its numpy type (float64 by default)."""
    store = format_spec(fmt).storage
    rnd = to_float if fmt == "float64" else (lambda v: round_rational(v, fmt))
    out = []
    for layer in network.layers:
        w = np.array([[rnd(v) for v in row] for row in layer.weight], dtype=np.float64).astype(store)
        b = np.array([rnd(v) for v in layer.bias], dtype=np.float64).astype(store)
        t = store.type(rnd(layer.threshold)) if layer.threshold is not None else None
        out.append((w, b, layer.activation.value, t))
    return out


def evaluate_float(network: Network, inputs: Any, layers: list | None = None, fmt: str = "float64") -> np.ndarray:
    """Outputs on a batch (one input per row) computed in ``fmt``, returned as float64 values.

    The inputs (float64 values) are rounded to ``fmt``; ``layers`` must come from
    :func:`float_layers` with the same format.
    """
    s = format_spec(fmt)
    x = round_array(np.asarray(inputs, dtype=np.float64), fmt)
    if x.ndim == 1:
        x = x[None, :]
    for w, b, act, t in layers if layers is not None else float_layers(network, fmt):
        with np.errstate(all="ignore"):  # inf and nan are the format's answers, reported by the cross-check
            u = x.astype(s.accumulate) @ w.astype(s.accumulate).T + b.astype(s.accumulate)
            u = u.astype(s.storage)
        if act == Activation.RELU.value:
            x = np.maximum(u, s.storage.type(0))
        elif act == Activation.HARD_THRESHOLD.value:
            x = (u >= t).astype(s.storage)
        else:
            x = u
    return np.asarray(x, dtype=np.float64)


def batch_to_float(batch: RationalBatch) -> np.ndarray:
    """The float64 values of an exact batch (for comparisons and plots only)."""
    num, den = batch.num, batch.den
    if num.dtype == object or den.dtype == object:
        return np.array([[to_float(Fraction(int(v), int(d))) for v in row] for row, d in zip(num, den)],
                        dtype=np.float64).reshape(num.shape)
    return num.astype(np.float64) / den.astype(np.float64)[:, None]
