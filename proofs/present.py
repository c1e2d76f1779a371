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
           "wrap_columns", "verdict_text", "verdict_markdown", "verdict_latex"]

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
            inner = v["value"]
            if isinstance(inner, dict) and isinstance(inner.get("network"), dict):
                inner = inner["network"]
            return text_value(inner, digits=digits, max_items=max_items) + f" (SHA-256 {str(v['sha256'])[:12]})"
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
    listed = ev.get("counterexamples") if isinstance(ev, dict) else None
    first = listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], dict) else None
    for key in _COUNTEREXAMPLE_KEYS + ("counterexamples",):
        extra = first if key == "counterexamples" else (ev.get(key) if isinstance(ev, dict) else None)
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
    def shown(v: Any) -> str:
        if isinstance(v, dict) and not ("layers" in v or set(v) == {"sha256", "value"}):
            return "(in the certificate)"  # a witness structure (a region cover, ...), not a value
        if isinstance(v, list) and any(isinstance(x, list) and any(isinstance(y, (list, dict)) for y in x) for x in v):
            return "(in the certificate)"
        return text_value(v, digits=digits)

    objects = [f"{k} = {shown(v)}" for k, v in ce.items() if not k.startswith("rank")]
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


def _get(v: Any, key: str, default: Any = None) -> Any:
    if isinstance(v, dict):
        return v.get(key, default)
    val = getattr(v, key, default)
    return getattr(val, "value", val)


def verdict_text(v: Any, *, width: int = 100) -> str:
    """One verdict in full as plain text (``proofcheck show``): statement, status, scope,
    certificate, counterexample, every evidence entry and the float64 cross-check."""
    import textwrap

    def para(label: str, text: str) -> list[str]:
        return textwrap.wrap(str(text), width, initial_indent=f"{label}: ", subsequent_indent="    ") or [f"{label}:"]

    label = _get(v, "claim") + (f" [{_get(v, 'variant')}]" if _get(v, "variant") else "")
    lines = textwrap.wrap(f"{label}: {_get(v, 'title', '')}".rstrip(": "), width, subsequent_indent="    ") + [""]
    for key, name in (("source", "source"), ("statement", "statement"), ("reading", "reading")):
        if _get(v, key):
            lines += para(name, _get(v, key))
    lines += para("status", str(_get(v, "status")).upper() + f" ({_get(v, 'seconds', 0.0):.2f} s)")
    lines += para("scope", (_get(v, "scope") or {}).get("description", ""))
    k = _get(v, "kernel") or {}
    if k.get("sha256"):
        lines += para("certificate", f"SHA-256 {k['sha256']}; kernel: {k.get('status')}: {k.get('message', '')}")
    ce = counterexample(v)
    if ce:
        lines += para("counterexample", counterexample_text(ce))
    ev = _get(v, "evidence") or {}
    if ev:
        lines.append("evidence:")
        for key, val in ev.items():
            lines += textwrap.wrap(text_value(val, digits=60), width, initial_indent=f"  {key}: ",
                                   subsequent_indent="      ") or [f"  {key}:"]
    cc = _get(v, "crosscheck") or {}
    lines += para("float64 cross-check", cc.get("summary", ""))
    dis = cc.get("disagreements") or []
    if dis:
        lines += textwrap.wrap(f"{len(dis)} disagreement(s): {text_value(dis[:5])}" + (" ..." if len(dis) > 5 else ""),
                               width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]<>|#" else ch for ch in str(text))


def verdict_markdown(v: Any) -> str:
    """One verdict as Markdown with the statement and counterexample in ``$...$`` math (notebooks)."""
    label = _get(v, "claim") + (f" [{_get(v, 'variant')}]" if _get(v, "variant") else "")
    status = str(_get(v, "status"))
    out = [f"**{_md_escape(label)}**: {_md_escape(_get(v, 'title', ''))}", ""]
    if _get(v, "statement_latex"):
        out += [f"$${_get(v, 'statement_latex')}$$", ""]
    elif _get(v, "statement"):
        out += [f"*{_md_escape(_get(v, 'statement'))}*", ""]
    out.append(f"- **status**: **{status.upper()}** ({_get(v, 'seconds', 0.0):.2f} s)")
    out.append(f"- **scope**: {_md_escape((_get(v, 'scope') or {}).get('description', ''))}")
    k = _get(v, "kernel") or {}
    if k.get("sha256"):
        out.append(f"- **certificate**: SHA-256 `{k['sha256'][:16]}`, kernel: {k.get('status')}")
    ce = counterexample(v)
    if ce:
        out.append("- **counterexample**: " + ", ".join(f"${_tex_key(key)} = {_tex_value(val)}$" for key, val in ce.items()
                                                       if is_rational(val) or is_vector(val) or is_matrix(val)))
    cc = _get(v, "crosscheck") or {}
    out.append(f"- **float64 cross-check**: {_md_escape(cc.get('summary', ''))}")
    return "\n".join(out)


def verdict_latex(v: Any) -> str:
    """One verdict as a LaTeX math block for notebooks: statement, status and counterexample."""
    label = _get(v, "claim") + (f" [{_get(v, 'variant')}]" if _get(v, "variant") else "")
    rows = [r"\text{%s: %s}" % (label, str(_get(v, "status")).upper())]
    if _get(v, "statement_latex"):
        rows.append(_get(v, "statement_latex"))
    ce = counterexample(v)
    if ce:
        rows.append(r",\ ".join(f"{_tex_key(key)} = {_tex_value(val)}" for key, val in ce.items()
                                if is_rational(val) or is_vector(val) or is_matrix(val)))
    return "$$\\begin{gathered}" + r"\\ ".join(rows) + "\\end{gathered}$$"


def _tex_key(key: str) -> str:
    m = re.fullmatch(r"([A-Za-z])(\d*)(.*)", str(key))
    if m and not m.group(3):
        return m.group(1) + (f"_{{{m.group(2)}}}" if m.group(2) else "")
    if str(key).startswith("rank_"):
        return r"\operatorname{rank} " + _tex_key(key[5:])
    return r"\text{%s}" % str(key).replace("_", " ")


def _tex_num(x: Any) -> str:
    s = str(x)
    if "/" in s:
        sign = "-" if s.startswith("-") else ""
        p, q = s.lstrip("-").split("/")
        return f"{sign}\\tfrac{{{p}}}{{{q}}}"
    return s


def _tex_value(v: Any) -> str:
    if is_matrix(v):
        return r"\begin{pmatrix}" + r"\\".join(" & ".join(_tex_num(x) for x in r) for r in v) + r"\end{pmatrix}"
    if is_vector(v):
        return "(" + ", ".join(_tex_num(x) for x in v) + ")"
    return _tex_num(v)
