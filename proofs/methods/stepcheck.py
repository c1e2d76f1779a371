"""Exact reconstruction of step functions by an autoencoder, with the float mirrors.

Shared by the 000 claims and ``proofcheck admissible``.  Inputs are generated in
chunks (memory stays bounded for large n); each chunk is evaluated exactly
(:func:`exact.evaluate.evaluate_batch`) and in every asked float format (float64 by
default; :mod:`numeric.formats`), and every coordinate where the float output differs
from the exact one is recorded with its format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from exact.datasets import step_function_batch, thetas as theta_range
from exact.errors import ShapeError
from exact.network import Network
from exact.scalar import rational_str, to_rational
from numeric.crosscheck import disagreement_mask
from numeric.evaluate import evaluate_float, float_layers
from numeric.formats import parse_formats

__all__ = ["StepCheck", "check_step_reconstruction", "DEFAULT_CHUNK_ENTRIES"]

#: Entries (rows x n) per chunk: about 32 MB per int64 temporary.
DEFAULT_CHUNK_ENTRIES = 1 << 22


@dataclass
class StepCheck:
    """Outcome for one network and one n."""

    n: int
    amplitude: Fraction
    include_zero: bool
    checked: int = 0
    failures: list[int] = field(default_factory=list)       # thetas reconstructed wrongly
    failure_details: list[dict] = field(default_factory=list)  # first few, with coordinates
    disagreements: list[dict] = field(default_factory=list)    # (n, theta, i, format) float != exact
    compared: int = 0

    @property
    def admissible(self) -> bool:
        return not self.failures


def _chunks(values: range, rows: int):
    for start in range(0, len(values), rows):
        yield values[start:start + rows]


def check_step_reconstruction(network: Network, n: int | None = None, amplitude: Any = 1,
                              include_zero: bool = True, crosscheck: bool = True,
                              chunk_entries: int = DEFAULT_CHUNK_ENTRIES, max_details: int = 5,
                              progress: Callable[[int, int], None] | None = None,
                              formats: tuple[str, ...] = ("float64",)) -> StepCheck:
    """Is ``network`` (R^n -> R^n) the identity on every step function of dimension n?

    With ``crosscheck``, the network also runs in each of ``formats``; ``compared`` counts
    output coordinates over all formats, and each disagreement is {n, theta, i, format}.
    """
    n = network.in_dim if n is None else n
    if network.in_dim != n or network.out_dim != n:
        raise ShapeError(
            f"an autoencoder for step functions of dimension {n} maps R^{n} to R^{n}; "
            f"this network maps R^{network.in_dim} to R^{network.out_dim}"
        )
    c = to_rational(amplitude)
    result = StepCheck(n=n, amplitude=c, include_zero=include_zero)
    ts = theta_range(n, include_zero)
    formats = parse_formats(formats)
    flayers = {f: float_layers(network, f) for f in formats} if crosscheck else None
    rows = max(1, chunk_entries // n)
    for chunk in _chunks(ts, rows):
        batch = step_function_batch(n, chunk, c)
        out = network.evaluate_batch(batch)
        eq = out.equal_entries(batch)
        bad_rows = np.nonzero(~eq.all(axis=1))[0]
        for r in bad_rows:
            theta = chunk[int(r)]
            result.failures.append(theta)
            if len(result.failure_details) < max_details:
                coords = (np.nonzero(~eq[r])[0] + 1).tolist()
                result.failure_details.append({
                    "n": n, "theta": theta, "wrong_coordinates": coords[:20],
                    "output": [rational_str(v) for v in out.row(int(r))][:40],
                })
        result.checked += len(chunk)
        if crosscheck:
            xf = batch.num.astype(np.float64) / batch.den.astype(np.float64)[:, None]
            for fmt in formats:
                yf = evaluate_float(network, xf, flayers[fmt], fmt)
                mask = disagreement_mask(out, yf, fmt=fmt)
                result.compared += mask.size
                for r, i in zip(*np.nonzero(mask)):
                    result.disagreements.append({"n": n, "theta": int(chunk[int(r)]), "i": int(i) + 1,
                                                 "format": fmt})
        if progress is not None:
            progress(result.checked, len(ts))
    return result
