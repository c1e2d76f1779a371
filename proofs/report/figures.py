"""Small matplotlib figures shared by report sections (written as PDF)."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["disagreement_scatter", "save_figure"]


def save_figure(fig, path) -> None:
    """Save atomically (temporary file then rename) and close the figure."""
    path = os.fspath(path)
    tmp = path + ".tmp.pdf"
    fig.savefig(tmp, bbox_inches="tight")
    plt.close(fig)
    os.replace(tmp, path)


def disagreement_scatter(disagreements: list[dict], path, title: str) -> None:
    """Plot (n, i) of each float/exact disagreement."""
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.scatter([d["n"] for d in disagreements], [d["i"] for d in disagreements], s=6, color="tab:red")
    ax.set_xlabel("n")
    ax.set_ylabel("output coordinate i")
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    save_figure(fig, path)
