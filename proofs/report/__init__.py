"""The report stage: a LaTeX (and PDF) report built from a results file.

:mod:`.build` assembles the document, :mod:`.latex` formats exact values, :mod:`.figures`
draws the figures that claim modules include.
"""

from .build import ReportError, build_report, render_latex

__all__ = ["build_report", "render_latex", "ReportError"]
