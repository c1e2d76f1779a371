"""Verdicts for people: counterexamples and values as readable mathematics (text, Markdown).

Used by the terminal (``proofcheck run``, ``show``, ``search``), the notebook
representations of :class:`~proofs.verdict.Verdict` and the report.  Nothing here
decides anything: it formats what a verdict and its certificate already hold.

>>> text_value(["1", "-2/3"])
'(1, -2/3)'
>>> text_value([["1", "0"], ["55/6", "49/6"]])
'[1, 0; 55/6, 49/6]'
>>> counterexample_text({"z": ["1", "2"], "W2": ["-2/3", "1"], "b2": ["1", "-3/2"], "rank_A2": 2})
'z = (1, 2), W2 = (-2/3, 1), b2 = (1, -3/2); rank A2 = 2'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["text_value", "counterexample", "counterexample_text", "is_rational", "is_vector", "is_matrix",
           "wrap_columns"]

_RATIONAL = re.compile(r"^-?\d+(/\d+)?$")
#: evidence keys that hold a verdict's counterexample, most specific first
_COUNTEREXAMPLE_KEYS = ("minimal_counterexample", "counterexample", "not_every_bias")


def is_rational(v: Any) -> bool:
    """An exact number as the JSON carries it: an int or a ``"p/q"`` string."""
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, str) and bool(_RATIONAL.match(v)))


def is_vector(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(is_rational(x) for x in v)


def is_matrix(v: Any) -> bool:
    return (isinstance(v, list) and bool(v) and all(is_vector(r) for r in v)
            and len({len(r) for r in v}) == 1)


def _short_number(x: Any, digits: int) -> str:
    s = str(x)
    if len(s) <= digits:
        return s
    sign = "-" if s.startswith("-") else ""
    num, _, den = s.lstrip("-").partition("/")
    cut = lambda t: t if len(t) <= 10 else f"{t[:6]}...({len(t)} digits)"
    return sign + cut(num) + (f"/{cut(den)}" if den else "")


def text_value(v: Any, *, digits: int = 40, max_items: int = 12) -> str:
    """One value as plain text: ``(a, b)`` for a vector, ``[a, b; c, d]`` for a matrix.

    Numbers longer than ``digits`` characters are shortened to their leading digits and
    digit count (the full values are in the JSON); never a Python repr.
    """
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if is_rational(v):
        return _short_number(v, digits)
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, str):
        return v
    if is_matrix(v):
        rows = [", ".join(_short_number(x, digits) for x in r[:max_items]) + (", ..." if len(r) > max_items else "")
                for r in v[:max_items]]
        return "[" + "; ".join(rows) + ("; ..." if len(v) > max_items else "") + "]"
    if isinstance(v, list):
        if not v:
            return "(none)"
        items = [text_value(x, digits=digits, max_items=max_items) for x in v[:max_items]]
        more = f", ... ({len(v)} in all)" if len(v) > max_items else ""
        return "(" + ", ".join(items) + more + ")"
    if isinstance(v, dict):
        if not v:
            return "(empty)"
        if "layers" in v and isinstance(v["layers"], list):
            return _network_text(v)
        if set(v) == {"sha256", "value"}:
            return text_value(v["value"], digits=digits, max_items=max_items) + f" (SHA-256 {str(v['sha256'])[:12]})"
        return "; ".join(f"{k}: {text_value(x, digits=digits, max_items=max_items)}" for k, x in list(v.items())[:max_items])
    return str(v)


def _network_text(net: dict) -> str:
    layers = [ly for ly in net["layers"] if isinstance(ly, dict)]
    try:
        widths = [len(layers[0]["weight"][0])] + [len(ly["weight"]) for ly in layers]
    except (KeyError, IndexError, TypeError):
        return f"a network of {len(layers)} layers"
    acts = ", ".join(str(ly.get("activation", "?")) for ly in layers)
    return f"a network of widths {'-'.join(map(str, widths))} ({acts})"


def counterexample(verdict: Any) -> dict | None:
    """The counterexample of a refuted verdict (a Verdict or its JSON), or None.

    The certificate's evidence comes first: it is what the kernel re-checked.  Scalars the
    claim recorded next to it (a rank, an output) are added when they are not in the
    certificate.
    """
    get = (lambda k: verdict.get(k)) if isinstance(verdict, dict) else (lambda k: getattr(verdict, k, None))
    status = get("status")
    status = getattr(status, "value", status)
    if status != "refuted":
        return None
    cert = get("certificate") or {}
    ev = get("evidence") or {}
    found: dict = {}
    if isinstance(cert, dict) and isinstance(cert.get("evidence"), dict):
        found.update({k: v for k, v in cert["evidence"].items() if k != "checked"})
    for key in _COUNTEREXAMPLE_KEYS:
        extra = ev.get(key) if isinstance(ev, dict) else None
        if isinstance(extra, dict):
            for k, v in extra.items():
                if k not in found and (is_rational(v) or is_vector(v) or is_matrix(v)):
                    found[k] = v
            break
    if not found and isinstance(ev, dict) and isinstance(ev.get("counterexamples"), list) and ev["counterexamples"]:
        first = ev["counterexamples"][0]
        if isinstance(first, dict):
            found = dict(first)
    return found or None


def counterexample_text(ce: dict | None, *, digits: int = 40) -> str:
    """``z = (1, 2), W2 = (-2/3, 1); rank A2 = 2``: the objects first, derived scalars after."""
    if not ce:
        return ""
    objects = [f"{k} = {text_value(v, digits=digits)}" for k, v in ce.items() if not k.startswith("rank")]
    derived = [f"{k.replace('_', ' ')} = {text_value(v, digits=digits)}" for k, v in ce.items() if k.startswith("rank")]
    return ", ".join(objects) + ("; " + ", ".join(derived) if derived else "")


def wrap_columns(cells: list[str], widths: list[int]) -> list[str]:
    """One table row as lines: each cell wrapped to its column's width (never cut)."""
    import textwrap

    wrapped = [textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
               for c, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    lines = []
    for k in range(height):
        lines.append("  ".join((w[k] if k < len(w) else "").ljust(width) for w, width in zip(wrapped, widths)).rstrip())
    return lines
