"""Machine-checked symbolic steps (sympy) for the step-function claims of 000.

An argument is a list of :class:`Step`; each step states a fact in words and the sympy
computation that checks it.  An argument is valid only if every step's check returned
True (sympy answering ``None``, "cannot decide", counts as not checked).  A step that only
recalls a definition (``checker="definition"``) is listed as such, without a ``holds`` mark:
it is not presented as checked, and no step's ``holds`` is a constant.

>>> steps, code = sum_encoder_steps("1")
>>> code, [s.holds for s in steps]
(theta, [True, True, True])
>>> steps, code = sum_encoder_steps("i")                 # theta (theta + 1) / 2: not affine
>>> [s.holds for s in steps]
[True, False, False]
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

__all__ = ["Step", "argument_json", "sum_encoder_steps", "threshold_decoder_steps", "STEPS_LATEX"]


@dataclass(frozen=True)
class Step:
    """One step: ``holds`` is True only if the machine check confirmed it; a step whose
    ``checker`` is ``"definition"`` recalls a definition, checks nothing and has ``holds`` None."""

    statement: str              # the fact, in words
    check: str                  # what sympy computed (or which definition is recalled)
    holds: bool | None          # True only if sympy confirmed it; None for a definition
    checker: str = "sympy"      # "sympy", or "definition"

    def __post_init__(self) -> None:
        if (self.checker == "definition") != (self.holds is None):
            raise ValueError("a definition step has holds None, a checked step a bool")

    def to_json(self) -> dict:
        if self.checker == "definition":
            return {"statement": self.statement, "check": self.check, "checker": "definition"}
        return {"statement": self.statement, "check": self.check, "holds": bool(self.holds), "checker": self.checker}


def argument_json(steps: list[Step], conclusion: str) -> dict:
    """Valid iff every checked step held (definition steps check nothing and are only listed)."""
    return {"valid": all(s.holds is True for s in steps if s.checker != "definition"),
            "steps": [s.to_json() for s in steps], "conclusion": conclusion}


def _affine_in(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    """True only if expr is a polynomial of degree <= 1 in x whose coefficients are free of x
    (a Piecewise, a KroneckerDelta or an unevaluated Sum in x is refused, whatever its derivatives)."""
    try:
        p = sympy.Poly(expr, x)
    except sympy.PolynomialError:
        return False
    return p.degree() <= 1 and not any(c.has(x) for c in p.coeffs())


_j = sympy.Symbol("j", integer=True, positive=True)
_i = sympy.Symbol("i", integer=True, positive=True)
_n = sympy.Symbol("n", integer=True, positive=True)
_theta = sympy.Symbol("theta", integer=True, nonnegative=True)


def _parse(expr: str) -> sympy.Expr:
    from sympy.parsing.sympy_parser import parse_expr

    return parse_expr(expr, local_dict={"i": _i, "n": _n, "j": _j})


def sum_encoder_steps(weight_expr: str = "1", amplitude: sympy.Rational = sympy.Integer(1),
                      scale=sympy.Integer(1), shift=sympy.Integer(0)) -> tuple[list[Step], sympy.Expr]:
    """f_E(x_theta) = scale * sum_{j<=theta} C w(j) + shift, and whether it equals C theta.

    Returns the steps and the code as an expression in theta.
    """
    w = _parse(weight_expr)
    code = scale * sympy.summation(amplitude * w.subs(_i, _j), (_j, 1, _theta)) + shift
    code = sympy.simplify(code)
    target = amplitude * _theta
    # the closed form is the sum, by induction on theta: its value at 0 is b, and each step adds a C w_theta
    base = sympy.simplify(code.subs(_theta, 0) - shift)
    increment = sympy.simplify(code - code.subs(_theta, _theta - 1) - scale * amplitude * w.subs(_i, _theta))
    steps = [
        Step("x_theta(j) = C for j <= theta and 0 for j > theta, so f_E(x_theta) = a * sum_{j=1}^{theta} C w_j + b",
             f"sympy.summation -> f_E(x_theta) = {code}; induction on theta: F(0) - b = {base}, "
             f"F(theta) - F(theta - 1) - a C w_theta = {increment}", base == 0 and increment == 0),
        Step("the code is affine (linear in theta up to a constant)",
             f"sympy.Poly(f_E(x_theta), theta) has degree <= 1 with coefficients free of theta: "
             f"{_affine_in(code, _theta)}", _affine_in(code, _theta)),
        Step("the code equals C * theta",
             f"simplify(f_E(x_theta) - C theta) = {sympy.simplify(code - target)}",
             sympy.simplify(code - target) == 0),
    ]
    return steps, code


def threshold_decoder_steps(weight_expr: str, threshold: sympy.Rational, code: sympy.Expr) -> list[Step]:
    """Steps showing sigma(code * w_i) = [theta >= i] for all integers 1 <= i <= n, 0 <= theta <= n.

    Requires the code to be theta (checked by the encoder steps); the decoder unit i
    fires iff theta w_i >= t iff theta >= r_i := t / w_i (w_i > 0) iff theta >= ceiling(r_i)
    (theta an integer), and the last step checks ceiling(r_i) = i symbolically.
    """
    w = _parse(weight_expr)
    t = sympy.Rational(threshold)
    pos = w.is_positive
    steps = [Step("w_i > 0 for every integer i >= 1", f"({w}).is_positive = {pos}", pos is True)]
    if pos is not True:
        return steps
    r = sympy.simplify(t / w)
    diff = sympy.simplify((_theta * w - t) / w - (_theta - r))
    steps.append(Step("theta w_i >= t  <=>  theta >= r_i with r_i = t / w_i (divide by w_i > 0)",
                      f"simplify((theta w_i - t)/w_i - (theta - r_i)) = {diff}, r_i = {r}", diff == 0))
    steps.append(Step("for an integer theta: theta >= r_i <=> theta >= ceiling(r_i) (definition of ceiling)",
                      "the definition of the ceiling function (a definition, nothing computed)", None,
                      checker="definition"))
    ceil = sympy.simplify(sympy.ceiling(r))
    steps.append(Step("ceiling(r_i) = i for every integer i >= 1, so unit i fires iff theta >= i iff x_theta(i) = 1",
                      f"simplify(ceiling({r})) = {ceil}", sympy.simplify(ceil - _i) == 0))
    steps.append(Step("the code is theta", f"code = {code}", sympy.simplify(code - _theta) == 0))
    return steps


def _sympy_tex(text: str) -> str:
    """A sympy result as it was printed in a step's check (``-C*theta + theta``), as LaTeX math."""
    from sympy.parsing.sympy_parser import parse_expr

    names = {"theta": sympy.Symbol("theta"), "C": sympy.Symbol("C"), "i": _i, "n": _n, "j": _j}
    try:
        return sympy.latex(parse_expr(text, local_dict=names))
    except Exception:  # not an expression sympy reads back: typewriter text
        return r"\texttt{%s}" % text.replace("_", r"\_")


def _re(text: str):
    import re

    return re.compile(text)


#: The steps above and their checks in LaTeX text, for the report (``TEXTS_LATEX`` of the claims
#: that use them): the checks' computed parts are typeset from sympy's own output.
STEPS_LATEX = {
    "x_theta(j) = C for j <= theta and 0 for j > theta, so f_E(x_theta) = a * sum_{j=1}^{theta} C w_j + b":
        r"$x_\theta(j) = C$ for $j \le \theta$ and $0$ for $j > \theta$, so "
        r"$f_E(x_\theta) = a \sum_{j=1}^{\theta} C w_j + b$",
    _re(r"sympy\.summation -> f_E\(x_theta\) = (.+); induction on theta: F\(0\) - b = (.+), "
        r"F\(theta\) - F\(theta - 1\) - a C w_theta = (.+)"):
        lambda m: (r"\texttt{sympy.summation}: $f_E(x_\theta) = %s$; induction on $\theta$: $F(0) - b = %s$, "
                   r"$F(\theta) - F(\theta - 1) - a C w_\theta = %s$" % tuple(_sympy_tex(g) for g in m.groups())),
    _re(r"sympy\.summation -> f_E\(x_theta\) = (.+)"):
        lambda m: r"\texttt{sympy.summation}: $f_E(x_\theta) = %s$" % _sympy_tex(m.group(1)),
    _re(r"sympy\.Poly\(f_E\(x_theta\), theta\) has degree <= 1 with coefficients free of theta: (\w+)"):
        lambda m: (r"\texttt{sympy.Poly}: $f_E(x_\theta)$ has degree $\le 1$ in $\theta$, with coefficients free "
                   r"of $\theta$" + ("" if m.group(1) == "True" else r" is %s" % m.group(1))),
    "the code is affine (linear in theta up to a constant)":
        r"the code is affine (linear in $\theta$ up to a constant)",
    _re(r"d\^2/dtheta\^2 f_E\(x_theta\) = (.+)"):
        lambda m: r"$\frac{d^2}{d\theta^2} f_E(x_\theta) = %s$" % _sympy_tex(m.group(1)),
    "the code equals C * theta": r"the code equals $C\theta$",
    _re(r"simplify\(f_E\(x_theta\) - C theta\) = (.+)"):
        lambda m: r"\texttt{simplify}: $f_E(x_\theta) - C\theta = %s$" % _sympy_tex(m.group(1)),
    "w_i > 0 for every integer i >= 1": r"$w_i > 0$ for every integer $i \ge 1$",
    _re(r"\((.+)\)\.is_positive = (\w+)"):
        lambda m: (r"\texttt{is\_positive}: $%s > 0$" % _sympy_tex(m.group(1)) if m.group(2) == "True" else
                   r"\texttt{is\_positive}: $%s > 0$ is %s" % (_sympy_tex(m.group(1)), m.group(2))),
    "theta w_i >= t  <=>  theta >= r_i with r_i = t / w_i (divide by w_i > 0)":
        r"$\theta w_i \ge t \iff \theta \ge r_i$ with $r_i = t / w_i$ (divide by $w_i > 0$)",
    _re(r"simplify\(\(theta w_i - t\)/w_i - \(theta - r_i\)\) = (.+), r_i = (.+)"):
        lambda m: r"\texttt{simplify}: $\frac{\theta w_i - t}{w_i} - (\theta - r_i) = %s$, $r_i = %s$" % (
            _sympy_tex(m.group(1)), _sympy_tex(m.group(2))),
    "for an integer theta: theta >= r_i <=> theta >= ceiling(r_i) (definition of ceiling)":
        r"for an integer $\theta$: $\theta \ge r_i \iff \theta \ge \lceil r_i \rceil$ (definition of the ceiling)",
    "ceiling(r_i) = i for every integer i >= 1, so unit i fires iff theta >= i iff x_theta(i) = 1":
        r"$\lceil r_i \rceil = i$ for every integer $i \ge 1$, so unit $i$ fires iff $\theta \ge i$ iff $x_\theta(i) = 1$",
    _re(r"simplify\(ceiling\((.+)\)\) = (.+)"):
        lambda m: r"\texttt{simplify}: $\lceil %s \rceil = %s$" % (_sympy_tex(m.group(1)), _sympy_tex(m.group(2))),
    "the code is theta": r"the code is $\theta$",
    _re(r"code = (.+)"): lambda m: r"code $= %s$" % _sympy_tex(m.group(1)),
}
