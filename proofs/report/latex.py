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

import contextlib
import contextvars
import functools
import re
from typing import Any, Sequence

import sympy

__all__ = ["latex_escape", "latex_rational", "latex_matrix", "latex_vector", "latex_table", "prose",
           "math_symbol", "tex_number", "tex_vector", "tex_matrix", "long_values", "LongValues",
           "SHORT_DIGITS", "fitted_tabular", "breakable_math", "expression_tex", "claim_texts", "claim_text", "unwritten_texts"]

_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}


def latex_escape(text: Any, *, break_every: int = 24) -> str:
    """Escape free text for LaTeX (every special character).

    Runs of more than ``break_every`` characters without a space (long exact numbers)
    get break points, so they wrap instead of running off the page.  A command-line option
    keeps its two hyphens (``--seeds``; LaTeX would print an en dash).

    >>> latex_escape("--seeds 0 -- 1")
    '-{}-seeds 0 -- 1'
    """
    out = []
    run = 0
    text = str(text)
    for i, ch in enumerate(text):
        run = 0 if ch.isspace() else run + 1
        if ch == "-" and text[i + 1:i + 2] == "-" and text[i + 2:i + 3].isalpha():
            out.append("-{}")  # a command-line option (--seeds) keeps its two hyphens (no en dash)
            continue
        out.append(_ESCAPES.get(ch, ch))
        if break_every and run and run % break_every == 0:
            out.append(r"\allowbreak{}")
    return "".join(out)


#: Rationals with more digits than this (numerator and denominator together) are shortened in
#: tables and evidence; the full value goes to the report's appendix (and is in the JSON).
SHORT_DIGITS = 20
_RATIONAL = re.compile(r"^-?\d+(/\d+)?$")


class LongValues:
    """The long exact values shortened while a report is rendered, for its appendix."""

    def __init__(self, limit: int = 300) -> None:
        self.values: list[tuple[str, str]] = []  # (label, full text)
        self.limit = limit
        self._index: dict[str, str] = {}

    def add(self, text: str) -> str | None:
        """The label under which ``text`` is listed (None once the appendix is full)."""
        if text in self._index:
            return self._index[text]
        if len(self.values) >= self.limit:
            return None
        label = f"val:{len(self.values) + 1}"
        self.values.append((label, text))
        self._index[text] = label
        return label


_COLLECTOR: contextvars.ContextVar[LongValues | None] = contextvars.ContextVar("long_values", default=None)


@contextlib.contextmanager
def long_values(collector: LongValues):
    """Within this block, every shortened rational is registered in ``collector``."""
    token = _COLLECTOR.set(collector)
    try:
        yield collector
    finally:
        _COLLECTOR.reset(token)


def _digits(n: str) -> str:
    return n if len(n) <= 8 else r"%s\ldots" % n[:6]


def tex_number(value: Any) -> str:
    r"""An exact rational as LaTeX math (without ``$``).

    Small values are typeset exactly (``-\frac{3}{7}``); a value with more than
    :data:`SHORT_DIGITS` digits is shortened to its leading digits and digit counts, with
    a link to the full value in the appendix when a :class:`LongValues` collector is active.

    >>> tex_number("-3/7")
    '-\\frac{3}{7}'
    >>> tex_number("123456789012345678901/3")
    '\\frac{123456\\ldots}{3}\\allowbreak\\,{\\scriptstyle[21/1\\text{ digits}]}'
    """
    text = str(value).strip()
    if not _RATIONAL.match(text):
        if isinstance(value, (int,)) and not isinstance(value, bool):
            text = str(value)
        else:
            return r"\text{%s}" % latex_escape(text)
    sign = "-" if text.startswith("-") else ""
    num, _, den = text.lstrip("-").partition("/")
    if len(num) + len(den) <= SHORT_DIGITS:
        return f"{sign}\\frac{{{num}}}{{{den}}}" if den else f"{sign}{num}"
    coll = _COLLECTOR.get()
    label = coll.add(text) if coll is not None else None
    count = f"{len(num)}/{len(den)}" if den else f"{len(num)}"
    body = f"{sign}\\frac{{{_digits(num)}}}{{{_digits(den)}}}" if den else f"{sign}{_digits(num)}"
    note = r"\allowbreak\,{\scriptstyle[%s\text{ digits}]}" % count
    if label:
        note = r"\allowbreak\,{\scriptstyle[\text{\hyperref[%s]{%s digits}}]}" % (label, count)
    return body + note


def tex_vector(values: Sequence[Any], *, max_len: int = 16) -> str:
    """A vector of rationals as a tuple ``(a, b, ...)`` that may break after a comma."""
    vals = list(values)
    shown = [tex_number(v) for v in vals[:max_len]]
    tail = [r"\ldots\text{ (%d entries)}" % len(vals)] if len(vals) > max_len else []
    return "(" + r",\allowbreak\ ".join(shown + tail) + ")"


def tex_matrix(rows: Sequence[Sequence[Any]], *, max_rows: int = 12, max_cols: int = 12, small: bool = False) -> str:
    """A matrix of rationals as a ``pmatrix`` (``smallmatrix`` when ``small``).

    Larger matrices are described by their shape; the entries are in the JSON.
    """
    rows = [list(r) for r in rows]
    nr, nc = len(rows), max((len(r) for r in rows), default=0)
    if nr > max_rows or nc > max_cols:
        return r"\text{(a %d\,\texttimes\,%d matrix, in the JSON)}" % (nr, nc)
    env = "smallmatrix" if small else "pmatrix"
    body = r"\\".join(" & ".join(tex_number(v) for v in r) for r in rows)
    if small:
        return r"\left(\begin{smallmatrix}%s\end{smallmatrix}\right)" % body
    return r"\begin{%s}%s\end{%s}" % (env, body, env)


_GREEK = ("alpha", "beta", "gamma", "delta", "Delta", "epsilon", "eps", "theta", "lambda", "lam", "mu",
          "rho", "sigma", "tau", "phi", "psi", "omega", "kappa", "Sigma", "Gamma")
_GREEK_TEX = {**{g: "\\" + g for g in _GREEK}, "eps": r"\varepsilon", "epsilon": r"\varepsilon", "lam": r"\lambda"}
_OPS = {"<=": r"\le", ">=": r"\ge", "!=": r"\neq", "->": r"\to", "=>": r"\Rightarrow", "<": "<", ">": ">",
        "=": "="}
_SETS = {"R": r"\mathbb{R}", "Q": r"\mathbb{Q}", "Z": r"\mathbb{Z}", "N": r"\mathbb{N}"}
_FUNCS = {"sum": r"\sum", "prod": r"\prod", "max": r"\max", "min": r"\min", "rank": r"\operatorname{rank}",
          "det": r"\det", "trace": r"\operatorname{tr}", "ReLU": r"\mathrm{ReLU}", "sqrt": r"\sqrt"}
_ATOM = r"(?:[A-Za-z]+\d*'*|\d+)"
_SCRIPT = r"(?:[_^](?:\{[^{}\s]{1,30}\}|-?[A-Za-z0-9+]{1,12}'*))"
_HEAD = (r"(?:" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r"|sum|prod|max|min|[A-Za-z]{1,2}\d*'*|\d+)")
_SUB = r"(?:\{[^{}\s]{1,30}\}|-?[A-Za-z0-9+]{1,6}'*)"
_TOKEN = re.compile(
    r"(?P<rel>(?<![\w.{^])(?:[A-Za-z][A-Za-z0-9]{0,3}'?|\d+(?:/\d+)?)\s*(?:<=|>=|!=|<|>)\s*-?(?:[A-Za-z][A-Za-z0-9]{0,6}'?|\d+(?:/\d+)?)(?![\w/{^(]))"
    r"|(?P<script>(?<![\w\\])" + _HEAD + r"(?:_" + _SUB + r"(?:\^" + _SUB + r")?|\^" + _SUB + r")(?![\w^]))"
    r"|(?P<mat>(?<![\w\-./])[WUAbBgnDz]\d'*(?![\w/]))"
    r"|(?P<greek>(?<![\w\\])(?:" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")(?![\w]))"
    r"|(?P<op><=|>=|!=|->|=>)"
)


def _math_atom(text: str) -> str:
    r"""``W3'`` -> ``W_3'``, ``theta`` -> ``\theta``, ``sum`` -> ``\sum``, ``R`` -> ``\mathbb{R}``."""
    m = re.fullmatch(r"([A-Za-z]+)(\d*)('*)", text)
    if not m:
        return text
    name, idx, primes = m.groups()
    base = _GREEK_TEX.get(name) or _FUNCS.get(name) or (name if len(name) == 1 else r"\mathrm{%s}" % name)
    return base + (f"_{{{idx}}}" if idx else "") + primes


def _math_inner(text: str) -> str:
    """Convert the inside of a script group: words, greek letters, operators."""
    def atom(m: re.Match) -> str:
        a = _math_atom(m.group(0))
        return "{" + a + "}" if a.startswith("\\") or "_" in a else a

    out = re.sub(r"[A-Za-z]+\d*'*", atom, text)
    for a, b in (("<=", r"\le "), (">=", r"\ge "), ("!=", r"\neq ")):
        out = out.replace(a, b)
    return out


def _script_token(text: str) -> str:
    m = re.match(_ATOM, text)
    head, rest = m.group(0), text[m.end():]
    primes = len(head) - len(head.rstrip("'"))
    head = head.rstrip("'")
    base = _SETS.get(head) if rest.startswith("^") and head in _SETS else _math_atom(head)
    idx = re.fullmatch(r"([A-Za-z]+)(\d+)", head)
    if idx and rest.startswith("_"):  # b2_j -> b_{2,j}: one subscript
        sm = re.match(_SCRIPT, rest)
        body = sm.group(0)[1:]
        body = body[1:-1] if body.startswith("{") else body
        base = _math_atom(idx.group(1)) + "_{" + idx.group(2) + "," + _math_inner(body) + "}"
        rest = rest[sm.end():]
    out = [base]
    for sm in re.finditer(_SCRIPT, rest):
        s = sm.group(0)
        mark, body = s[0], s[1:]
        if body.startswith("{"):
            body = body[1:-1]
        inner = _math_inner(body.rstrip("'"))
        if mark == "^" and primes:  # A2'^{-1}: one superscript, the primes first
            inner, primes = r"\prime" * primes + " " + inner, 0
        out.append(mark + "{" + inner + "}" + "'" * (len(body) - len(body.rstrip("'"))))
    return "".join(out) + "'" * primes


def _math_token(m: re.Match) -> str:
    kind = m.lastgroup
    text = m.group(0)
    if kind == "op":
        return "$" + _OPS[text] + "$"
    if kind == "greek":
        return "$" + _GREEK_TEX[text] + "$"
    if kind == "mat":
        return "$" + _math_atom(text) + "$"
    if kind == "script":
        return "$" + _script_token(text) + "$"
    lhs, op, rhs = re.match(r"(\S+?)\s*(<=|>=|!=|<|>)\s*(\S+)", text).groups()
    side = lambda t: t if re.fullmatch(r"-?\d+", t) else (
        r"\tfrac{%s}{%s}" % tuple(t.split("/")) if "/" in t else _math_inner(t))
    return "$" + side(lhs) + " " + _OPS[op] + " " + side(rhs) + "$"


def _nested(text: str) -> str:
    """``[[a, b], [c, d]]`` -> ``[a, b; c, d]`` (rows of a matrix written as Python lists)."""
    inner = text[1:-1].strip()
    rows = re.findall(r"\[([^\[\]]*)\]", inner)
    return "[" + "; ".join(r.strip() for r in rows) + "]" if rows else text


def _depython(text: str) -> str:
    """Python reprs inside a claim's free text, as mathematics: ``Matrix([[0, 0]])`` -> ``[0, 0]``,
    ``['1/10', '1/2']`` -> ``(1/10, 1/2)``, ``= True`` -> ``= true``, ``None`` -> ``none``."""
    text = re.sub(r"Matrix\((\[\[[^()]*?\]\])\)", lambda m: _nested(m.group(1)), text)
    text = re.sub(r"\[\[[^\[\]]*\](?:,\s*\[[^\[\]]*\])*\]", lambda m: _nested(m.group(0)), text)
    text = re.sub(r"\[('[^'\[\]]*'(?:,\s*'[^'\[\]]*')*)\]", lambda m: "(" + m.group(1).replace("'", "") + ")", text)
    text = re.sub(r"(?<=[=:] )True\b|(?<=\bis )True\b", "true", text)
    text = re.sub(r"(?<=[=:] )False\b|(?<=\bis )False\b", "false", text)
    return re.sub(r"\bNone\b", "none", text)


_CLAIM_TEXTS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("claim_texts", default=None)


@contextlib.contextmanager
def claim_texts(texts: dict | None):
    r"""Within this block, :func:`prose` typesets a text the claim writes in LaTeX as written.

    ``texts`` is a claim module's ``TEXTS_LATEX``: keys are the ASCII texts its verdicts carry
    (a proof step, a scope, an evidence note) and values their LaTeX text (mathematics between
    ``$``).  A key may be a compiled regular expression matching the whole text; ``#1``,
    ``#2``, ... in its value stand for the groups (a step stated for each ``n``), or the value
    is a function of the match that returns the LaTeX.
    """
    token = _CLAIM_TEXTS.set(texts or None)
    try:
        yield
    finally:
        _CLAIM_TEXTS.reset(token)


_UNWRITTEN: contextvars.ContextVar[list | None] = contextvars.ContextVar("unwritten", default=None)


@contextlib.contextmanager
def unwritten_texts():
    """Within this block, every text :func:`prose` had to typeset from ASCII mathematics
    (no LaTeX written for it by the claim) is appended to the list this yields."""
    seen: list[str] = []
    token = _UNWRITTEN.set(seen)
    try:
        yield seen
    finally:
        _UNWRITTEN.reset(token)


def claim_text(text: Any) -> str | None:
    r"""The LaTeX the current claim writes for ``text`` (see :func:`claim_texts`), or None.

    >>> with claim_texts({"n <= 8": r"$n \le 8$", re.compile(r"n = (\d+)"): r"$n = #1$"}):
    ...     claim_text("n <= 8"), claim_text("n = 12"), claim_text("m = 1")
    ('$n \\le 8$', '$n = 12$', None)
    """
    texts = _CLAIM_TEXTS.get()
    if not texts or not isinstance(text, str):
        return None
    if text in texts:
        return texts[text]
    for key, tex in texts.items():
        if isinstance(key, re.Pattern):
            m = key.fullmatch(text)
            if m:
                if callable(tex):
                    return tex(m)
                return re.sub(r"#(\d)", lambda g: m.group(int(g.group(1))), tex)
    return None


def prose(text: Any, *, break_every: int = 24) -> str:
    r"""Free text (a reading, a note) as LaTeX: escaped, with its ASCII math typeset.

    Recognised: inequalities between short terms (``n <= 8``), subscripts and superscripts
    (``x_theta``, ``W3^T``, ``sum_{j=1}^{theta}``, ``R^d``), matrix names with an index
    (``A2`` -> :math:`A_2`), Greek letter names, and ``<=``, ``>=``, ``!=``, ``->``.
    Everything else is escaped as in :func:`latex_escape`.

    >>> prose("n <= 8 and x_theta")
    '$n \\le 8$ and $x_{{\\theta}}$'
    """
    written = claim_text(text)
    if written is not None:
        return written
    raw, text = str(text), _depython(str(text))
    seen = _UNWRITTEN.get()
    if seen is not None and _TOKEN.search(text):
        seen.append(raw)  # as the claim writes it (the key its TEXTS_LATEX needs)
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        out.append(latex_escape(text[pos:m.start()], break_every=break_every))
        out.append(_math_token(m))
        pos = m.end()
    out.append(latex_escape(text[pos:], break_every=break_every))
    return "".join(out)


def math_symbol(key: str) -> str | None:
    r"""The mathematical symbol an evidence key names, or None.

    >>> math_symbol("W2"), math_symbol("rank_A2"), math_symbol("z"), math_symbol("note")
    ('W_{2}', '\\operatorname{rank} A_{2}', 'z', None)
    """
    key = str(key)
    if key.startswith("rank_") and math_symbol(key[5:]):
        return r"\operatorname{rank} " + math_symbol(key[5:])
    if re.fullmatch(r"[A-Za-z]\d{0,2}'*(\^T|\*)?", key) or key in _GREEK:
        tail = ""
        if key.endswith("^T"):
            key, tail = key[:-2], "^T"
        elif key.endswith("*"):
            key, tail = key[:-1], "^*"
        return _math_atom(key) + tail
    return None


def _rat(v: Any) -> sympy.Rational:
    return sympy.Rational(str(v))


def _short_enough(v: Any) -> bool:
    text = str(v)
    return len(text.replace("-", "").replace("/", "")) <= SHORT_DIGITS


def latex_rational(value: Any) -> str:
    """An exact rational (int, Fraction or "p/q" string) as LaTeX math (long ones shortened)."""
    if not _short_enough(value):
        return tex_number(str(value))
    return sympy.latex(_rat(value))


def latex_matrix(rows: Sequence[Sequence[Any]]) -> str:
    """A matrix of exact rationals as LaTeX math (sympy's printer; long entries shortened)."""
    if not all(_short_enough(v) for r in rows for v in r):
        return tex_matrix(rows)
    return sympy.latex(sympy.Matrix([[_rat(v) for v in r] for r in rows]))


def latex_vector(values: Sequence[Any]) -> str:
    """A row vector of exact rationals as LaTeX math (long entries shortened)."""
    if not all(_short_enough(v) for v in values):
        return tex_vector(values)
    return sympy.latex(sympy.Matrix([[_rat(v) for v in values]]))


def _text_width(cell: str) -> float:
    """A rough width, in ems, of a cell's text (fractions by their longer part, notes smaller)."""
    t = re.sub(r"\\hyperref\[[^\]]*\]", "", cell)
    t = re.sub(r"\{\\scriptstyle(.*?)\}\$", lambda m: "." * int(0.6 * len(m.group(1))) + "$", t)
    t = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: "." * int(0.7 * max(len(m.group(1)), len(m.group(2))) + 1), t)
    t = re.sub(r"\\allowbreak(\{\})?|\\text\b|\\ldots", lambda m: "." if m.group(0) == r"\ldots" else "", t)
    return 0.5 * len(re.sub(r"\\[a-zA-Z]+|[{}$]", "", t))


def _unbreakable(cell: str) -> float:
    """A rough width in ems of the widest piece of a cell that cannot wrap (a matrix, a number, a word)."""
    widest = 0.0
    for k, seg in enumerate(cell.split("$")):
        if k % 2 and "matrix" in seg:  # math with a matrix: the matrix cannot wrap
            pieces = re.split(r"\\allowbreak(?:\{\})?", seg)
        elif k % 2:  # math: breaks after commas (\allowbreak) and relations
            pieces = re.split(r"\\allowbreak(?:\{\})?|=|\\le|\\ge", seg)
        else:
            pieces = re.split(r"\s+|\\allowbreak(?:\{\})?|\\ ", seg)
        widest = max([widest] + [_text_width(p) for p in pieces])
    return widest


def _fit(natural: list[float], least: list[float], avail: float) -> list[float] | None:
    """Column widths between ``least`` and ``natural`` summing to ``avail`` (None if impossible).

    The widest columns are capped at a common width (water-filling), so that narrow columns
    keep their natural width.
    """
    if sum(least) > avail:
        return None
    lo, hi = 0.0, max(natural)
    for _ in range(50):
        cap = (lo + hi) / 2
        if sum(max(lst, min(nat, cap)) for nat, lst in zip(natural, least)) > avail:
            hi = cap
        else:
            lo = cap
    return [max(lst, min(nat, lo)) for nat, lst in zip(natural, least)]


#: font size commands and their sizes in pt, tried in turn until a table fits
_SIZES = ((r"\small", 9.0), (r"\footnotesize", 8.0), (r"\scriptsize", 7.0))
#: the width of the text line in pt (A4, 2 cm margins: 483.7 pt), less a small safety margin
_LINE_PT = 478.0
#: a table of more (estimated) text lines than this may break across pages (longtable)
_LONG_LINES = 22


def fitted_tabular(heads: Sequence[str], body: Sequence[Sequence[str]], *, extra: str = "",
                   line_pt: float = _LINE_PT, long: bool = False) -> str:
    """A tabular (or longtable) of LaTeX cells whose columns fit the text width.

    Columns keep their natural width when the whole table fits; otherwise headings wider
    than their cells wrap first, then the widest
    columns wrap (ragged-right paragraph columns), never narrower than their widest
    unbreakable piece (a matrix, a word); when even that does not fit, a smaller font is
    used.
    """
    n = len(heads)
    natural = [max([1.1 * _text_width(h) + 0.5] + [_text_width(r[k]) for r in body if k < len(r)]) + 0.3
               for k, h in enumerate(heads)]
    least = [min(nat, max([1.1 * _unbreakable(h) + 0.3] + [_unbreakable(r[k]) for r in body if k < len(r)]) + 0.3)
             for k, (h, nat) in enumerate(zip(heads, natural))]
    avail = line_pt - n * 6.0  # 2 x 3 pt of \tabcolsep per column
    # a heading wider than its column's cells wraps first (at its words) before a cell's text does
    cells = [max([least[k]] + [_text_width(r[k]) + 0.3 for r in body if k < len(r)]) for k in range(n)]
    widths = None
    for size, pt in _SIZES:
        if sum(natural) * pt <= avail:
            widths = [x * pt for x in natural]
            break
        widths = _fit([x * pt for x in cells], [x * pt for x in least], avail)
        if widths is not None:
            spare = avail - sum(widths)
            for k in sorted(range(n), key=lambda k: natural[k] - cells[k]):  # room left: headings unwrapped
                give = min(max(0.0, natural[k] * pt - widths[k]), spare)
                widths[k] += give
                spare -= give
            break
    if widths is None:  # even the unbreakable pieces do not fit: the smallest font, the least widths
        widths = [x * _SIZES[-1][1] for x in least]
    spec = "".join(r">{\raggedright\arraybackslash}p{%.1fpt}" % w for w in widths)
    if long:  # only a table taller than a third of a page breaks across pages: a short longtable
        # beside floats at the top of a page overfills that page
        font = next((p for sz, p in _SIZES if sz == size), _SIZES[-1][1])
        lines = sum(max([1] + [-(-_text_width(c) * font // max(w, 1.0)) for c, w in zip(row, widths)])
                    for row in body)
        long = lines > _LONG_LINES
    env = "longtable" if long else "tabular"
    stretch = r"\renewcommand{\arraystretch}{1.45}" if any(r"\frac" in c for r in body for c in r) else ""
    lines = [r"{" + size + r"\setlength{\tabcolsep}{3pt}" + stretch + (r"\begin{center}" if not long else ""),
             r"\begin{%s}{%s}" % (env, spec), r"\hline",
             " & ".join(r"\textbf{%s}" % h for h in heads) + r" \\", r"\hline"]
    if long:
        lines.append(r"\endhead")
    for row in body:
        lines.append("{}" + " & ".join(list(row) + [""] * (n - len(row))) + r" \\")
    lines.append(r"\hline")
    if extra:
        lines.append(r"\multicolumn{%d}{l}{\emph{%s}} \\" % (n, latex_escape(extra)))
    lines.append(r"\end{%s}" % env + ("" if long else r"\end{center}") + "}")
    return "\n".join(lines)


def breakable_math(tex: str) -> str:
    r"""Inline math that may wrap: ``$...$`` split at its top-level ``\text{...}`` and ``\ ``.

    A one-line statement written for display goes into a narrow table column this way.

    >>> breakable_math(r"x=1,\ y \text{ for all } n")
    '$x=1,$ $y$ for all $n$'
    """
    out, seg, depth, i = [], [], 0, 0

    def flush() -> None:
        body = "".join(seg).strip()
        if body:
            out.append("$" + body + "$")
        seg.clear()

    while i < len(tex):
        if depth == 0 and tex.startswith(r"\text{", i):
            flush()
            j, d = i + 6, 1
            while j < len(tex) and d:
                d += {"{": 1, "}": -1}.get(tex[j], 0)
                j += 1
            out.append(tex[i + 6:j - 1].strip())
            i = j
            continue
        if depth == 0 and tex.startswith("\\ ", i):
            flush()
            i += 2
            continue
        ch = tex[i]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        seg.append(ch)
        i += 1
    flush()
    return " ".join(out)


def latex_table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, math_cols: Sequence[int] = (),
                max_rows: int = 60) -> str:
    """A table of text (columns in ``math_cols`` as rationals) that fits the text width.

    Free text goes through :func:`prose`; when the content is wider than the line, the
    widest columns wrap (:func:`fitted_tabular`).  At most ``max_rows`` rows are shown;
    the rest are counted in a last line.  Long rationals are shortened (:func:`tex_number`).
    """
    body = []
    for row in rows[:max_rows]:
        body.append([f"${tex_number(c)}$" if k in math_cols else prose(c, break_every=12)
                     for k, c in enumerate(row)])
    return fitted_tabular([prose(h) for h in header], body,
                          extra=f"... and {len(rows) - max_rows} more rows" if len(rows) > max_rows else "")


_EXPR_CHARS = re.compile(r"[A-Za-z0-9_{}(),.+\-*/^ ]+")
_EXPR_FUNCS = {"relu": r"\mathrm{ReLU}", "ReLU": r"\mathrm{ReLU}", "sqrt": None, "abs": None, "max": None,
               "min": None, "floor": None, "ceiling": None}


@functools.lru_cache(maxsize=4096)
def expression_tex(text: str) -> str | None:
    r"""A value written as a sympy/Python expression (``C*(C - u_{1,1})``) as LaTeX math, or None.

    Only text made of one-letter names (with an index: ``u_{1,1}``, ``u1_0``, ``x1``), numbers,
    ``+ - * / ^ ( )`` and a few functions is converted; anything else (prose) gives None.

    >>> expression_tex("C*(C - u_{1,1})")
    'C \\left(C - u_{1,1}\\right)'
    >>> expression_tex("relu(x - 1)")
    '\\mathrm{ReLU}{\\left(x - 1 \\right)}'
    >>> expression_tex("the rank is n") is None
    True
    """
    text = text.strip()
    if (len(text) > 400 or not _EXPR_CHARS.fullmatch(text) or not re.search(r"[-+*/^(]", text)
            or not re.search(r"[A-Za-z]", text)):  # "1-2-1" names widths, it is not a difference
        return None
    names: dict[str, Any] = {}
    funcs: dict[str, Any] = {}

    def name(m: re.Match) -> str:
        word, index = m.group(1), m.group(2)
        if index is None and word in _EXPR_FUNCS:
            funcs[word] = sympy.Function(_EXPR_FUNCS[word]) if _EXPR_FUNCS[word] else getattr(sympy, word.capitalize()
                                                                                               if word == "abs" else word)
            return word
        if index is None and not re.fullmatch(r"[A-Za-z]\d*", word):
            raise ValueError(word)
        index = index or m.group(3)
        letter, digits = re.fullmatch(r"([A-Za-z]+)(\d*)", word).groups()
        sub = ",".join(x for x in (digits, index) if x)
        key = f"v{len(names)}x"
        names[key] = sympy.Symbol(letter + (f"_{{{sub}}}" if sub else ""))
        return key

    try:
        body = re.sub(r"(?<![\w{])([A-Za-z][A-Za-z0-9]*)(?:_\{([0-9a-z, +\-]+)\}|_([0-9a-z]+)\b)?", name, text)
        if re.search(r"[{}_]", body):
            return None
        from sympy.parsing.sympy_parser import parse_expr

        expr = parse_expr(body.replace("^", "**"), local_dict={**names, **funcs}, evaluate=False)
        return _wrappable(sympy.latex(expr, order="none"))
    except Exception:  # not an expression after all: the caller typesets it as text
        return None


def _wrappable(tex: str) -> str:
    r"""Break points (``\allowbreak``) between the top-level factors and terms of inline math."""
    out, depth, i = [], 0, 0
    while i < len(tex):
        if tex.startswith(r"\left", i):
            depth += 1
        elif tex.startswith(r"\right", i):
            depth -= 1
            j = tex.find(" ", i)
            if depth == 0 and tex.startswith(r" \left", j if j >= 0 else len(tex)):
                out.append(tex[i:j] + r"\allowbreak")
                i = j
                continue
        elif depth == 0 and tex.startswith((" + ", " - "), i) and i > 0:
            out.append(tex[i:i + 3] + r"\allowbreak ")
            i += 3
            continue
        out.append(tex[i])
        i += 1
    return "".join(out)
