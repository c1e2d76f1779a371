"""LaTeX helpers shared by the report and the claims' report sections.

Exact values are typeset with sympy's printer; free text is escaped.

>>> latex_escape("50% of x_i & {y}")
'50\\\\% of x\\\\_i \\\\& \\\\{y\\\\}'
>>> latex_rational("-3/7")
'- \\\\frac{3}{7}'
>>> latex_matrix([["1", "1/2"], ["0", "-1"]])
'\\\\left[\\\\begin{matrix}1 & \\\\frac{1}{2}\\\\\\\\0 & -1\\\\end{matrix}\\\\right]'
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

__all__ = ["latex_escape", "latex_rational", "latex_matrix", "latex_vector", "latex_table"]

_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}


def latex_escape(text: Any, *, break_every: int = 24) -> str:
    """Escape free text for LaTeX (every special character).

    Runs of more than ``break_every`` characters without a space (long exact numbers)
    get break points, so they wrap instead of running off the page.
    """
    out = []
    run = 0
    for ch in str(text):
        run = 0 if ch.isspace() else run + 1
        out.append(_ESCAPES.get(ch, ch))
        if break_every and run and run % break_every == 0:
            out.append(r"\allowbreak{}")
    return "".join(out)


def _rat(v: Any) -> sympy.Rational:
    return sympy.Rational(str(v))


def latex_rational(value: Any) -> str:
    """An exact rational (int, Fraction or "p/q" string) as LaTeX math."""
    return sympy.latex(_rat(value))


def latex_matrix(rows: Sequence[Sequence[Any]]) -> str:
    """A matrix of exact rationals as LaTeX math (sympy's printer)."""
    return sympy.latex(sympy.Matrix([[_rat(v) for v in r] for r in rows]))


def latex_vector(values: Sequence[Any]) -> str:
    """A row vector of exact rationals as LaTeX math."""
    return sympy.latex(sympy.Matrix([[_rat(v) for v in values]]))


def latex_table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, math_cols: Sequence[int] = (),
                max_rows: int = 60) -> str:
    """A longtable-free tabular of escaped text (columns in ``math_cols`` as rationals).

    At most ``max_rows`` rows are shown; the rest are counted in a last line.
    """
    cols = "l" * len(header)
    lines = [r"\begin{tabular}{" + cols + "}", r"\hline",
             " & ".join(r"\textbf{" + latex_escape(h) + "}" for h in header) + r" \\", r"\hline"]
    for row in rows[:max_rows]:
        cells = [f"${latex_rational(c)}$" if k in math_cols else latex_escape(c) for k, c in enumerate(row)]
        lines.append(" & ".join(cells) + r" \\")
    if len(rows) > max_rows:
        lines.append(r"\multicolumn{%d}{l}{\emph{... and %d more rows}} \\" % (len(header), len(rows) - max_rows))
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines)
