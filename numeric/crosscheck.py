"""Cross-checks: where does a float64 computation disagree with the exact one?

Disagreements are findings to report, never failures to hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from exact.evaluate import RationalBatch

from .evaluate import batch_to_float

__all__ = ["CrossCheck", "disagreement_mask"]


def disagreement_mask(exact: RationalBatch, approx: np.ndarray, atol: float = 0.0) -> np.ndarray:
    """True where ``approx`` differs from the exact value by more than ``atol``.

    With ``atol = 0`` any difference from the float nearest to the exact value counts.
    """
    ref = batch_to_float(exact)
    if ref.shape != approx.shape:
        raise ValueError(f"shapes differ: exact {ref.shape}, float {approx.shape}")
    return np.abs(ref - approx) > atol


@dataclass
class CrossCheck:
    """Accumulates a float-vs-exact comparison: counts and every disagreement."""

    compared: int = 0
    disagreements: list = field(default_factory=list)
    max_abs_diff: float = 0.0
    limit: int = 100_000

    def add(self, count: int, found: list[dict], max_diff: float = 0.0) -> None:
        self.compared += count
        room = self.limit - len(self.disagreements)
        self.disagreements.extend(found[:max(room, 0)])
        self._total = getattr(self, "_total", 0) + len(found)
        self.max_abs_diff = max(self.max_abs_diff, float(max_diff))

    @property
    def total_disagreements(self) -> int:
        return getattr(self, "_total", len(self.disagreements))

    def to_json(self, what: str = "values") -> dict:
        total = self.total_disagreements
        return {
            "compared": self.compared,
            "disagreements": self.disagreements,
            "disagreement_count": total,
            "truncated": total > len(self.disagreements),
            "max_abs_diff": self.max_abs_diff,
            "summary": (f"float64 agreed with exact arithmetic on all {self.compared} {what}"
                        if total == 0 else
                        f"float64 disagreed with exact arithmetic on {total} of {self.compared} {what}"),
        }
