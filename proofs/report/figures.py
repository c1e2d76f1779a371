"""Small matplotlib figures shared by report sections (written as PDF)."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["disagreement_scatter", "format_disagreement_figure", "save_figure", "figure_tex", "FIGURE_STYLE"]

#: The report's fonts in every figure: Computer Modern (matplotlib's cmr10 and its
#: mathtext "cm"), at the size of the document's footnotes.
FIGURE_STYLE = {
    "font.family": "serif",
    "font.serif": ["cmr10", "Computer Modern Roman", "DejaVu Serif"],
    "mathtext.fontset": "cm",
    "axes.formatter.use_mathtext": True,
    "axes.unicode_minus": False,
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
}
matplotlib.rcParams.update(FIGURE_STYLE)


def figure_tex(file: str, caption: str, *, width: str = "0.6\\linewidth", label: str | None = None) -> str:
    """A captioned, labelled figure float for ``figures/FILE`` and the sentence that refers to it.

    ``caption`` is LaTeX (escape free text with :func:`proofs.report.latex.prose`).
    """
    name = label or "fig:" + "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in file.rsplit(".", 1)[0])
    return ("See Figure~\\ref{%s}.\n"
            "\\begin{figure}[tbp]\\centering\\includegraphics[width=%s]{figures/%s}\n"
            "\\caption{%s}\\label{%s}\\end{figure}" % (name, width, file, caption, name))


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
    ax.set_xlabel("$n$")
    ax.set_ylabel("output coordinate $i$")
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def format_disagreement_figure(disagreements: list[dict], formats: list[str], n_max: int, path, title: str) -> None:
    """Per float format, the number of output coordinates (theta, i) that differ from exact
    evaluation at each n (log scale), the first failing n marked; formats that never differ
    are named in the legend."""
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    ns = list(range(1, max(1, int(n_max)) + 1))
    for f in formats:
        counts = {}
        for d in disagreements:
            if d.get("format") == f:
                counts[d["n"]] = counts.get(d["n"], 0) + 1
        if not counts:
            ax.plot([], [], label=f"{f}: no disagreement")
            continue
        first = min(counts)
        line, = ax.plot(ns, [counts.get(n, 0) for n in ns], lw=1, label=f"{f}: first at $n = {first}$")
        ax.axvline(first, color=line.get_color(), ls=":", lw=1)
    ax.set_yscale("symlog", linthresh=1)
    ax.set_xlabel("$n$")
    ax.set_ylabel("disagreeing coordinates")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    save_figure(fig, path)
