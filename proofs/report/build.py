"""The LaTeX report built from a results file.

For every claim: statement, source, reading, and for each verdict its status, scope,
evidence (exact values typeset with sympy's printer, free text escaped), and the
float64 cross-check with its disagreements; then whatever the claim module's
``report_section`` adds (tables, figures).  ``report.tex`` is written atomically; the
PDF is compiled with ``latexmk`` in ``DIR/build`` and moved into place atomically.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any


from exact.files import atomic_write_text
from exact.errors import InvalidArgument, ToolkitError

from ..present import counterexample, is_matrix, is_rational, is_vector, text_value
from .latex import (LongValues, breakable_math, claim_text, claim_texts, expression_tex, fitted_tabular, latex_escape, long_values, math_symbol, prose, tex_matrix,
                    tex_number, tex_vector)
from ..run.runner import check_results, read_results

__all__ = ["build_report", "render_latex", "ReportError", "bibtex", "overfull_hboxes", "overfull_vboxes", "SOURCES"]


class ReportError(ToolkitError):
    """The report could not be compiled."""


_STATUS_COLOUR = {"proved": "green!45!black", "verified": "green!45!black", "refuted": "red!70!black",
                  "inconclusive": "orange!80!black"}

#: The five sources: BibTeX key, entry, and the prefix of the claim IDs that cite them.
SOURCES: dict[str, tuple[str, str]] = {
    "000": ("traonmilin-newson", """@unpublished{traonmilin-newson,
  author = {Yann Traonmilin and A. Newson},
  title = {Elementary response of deep neural networks},
  note = {Research note, CNRS, Univ. Bordeaux (IMB) and T{\\'e}l{\\'e}com Paris}
}"""),
    "001": ("maxcici-2022", """@misc{maxcici-2022,
  author = {H{\\'e}l{\\`e}ne Maxcici},
  title = {AutoEncoders for Step Functions},
  howpublished = {IA311 project slides, T{\\'e}l{\\'e}com Paris},
  year = {2022},
  month = feb
}"""),
    "002": ("gribonval-garivier-pustelnik", """@misc{gribonval-garivier-pustelnik,
  author = {R{\\'e}mi Gribonval and Aur{\\'e}lien Garivier and Nelly Pustelnik},
  title = {Mathematics of Deep Learning, Session 1: generalities on feedforward neural networks},
  howpublished = {Lecture slides},
  note = {Monday, January 25th}
}"""),
    "003": ("heinecke-hwang", """@misc{heinecke-hwang,
  author = {Andreas Heinecke and Wen-Liang Hwang},
  title = {Deep Representation with {ReLU} Neural Networks},
  howpublished = {Preprint}
}"""),
    "004": ("kvalheim-sontag", """@misc{kvalheim-sontag,
  author = {Matthew D. Kvalheim and Eduardo D. Sontag},
  title = {Why should autoencoders work?},
  howpublished = {arXiv:2310.02250v3},
  year = {2024}
}"""),
}
_SOURCE_TITLES = {"000": "Elementary response of deep neural networks",
                  "001": "AutoEncoders for step functions", "002": "Mathematics of deep learning, session 1",
                  "003": "Deep representation with ReLU neural networks", "004": "Why should autoencoders work?"}


def bibtex() -> str:
    """The BibTeX file of the five sources (``report.bib``)."""
    return "\n\n".join(entry for _, entry in SOURCES.values()) + "\n"


def _cite(source: str) -> str:
    r"""``000 (Traonmilin & Newson), section 3.2`` -> ``\cite[section 3.2]{traonmilin-newson}``."""
    src = str(source or "")
    prefix = src[:3]
    if prefix not in SOURCES:
        return prose(src)
    rest = re.sub(r"^\d{3}\s*(\([^)]*\))?\s*,?\s*", "", src).strip()
    return r"\cite[%s]{%s}" % (prose(rest), SOURCES[prefix][0]) if rest else r"\cite{%s}" % SOURCES[prefix][0]


def _status(s: str) -> str:
    return r"\textbf{\textcolor{%s}{%s}}" % (_STATUS_COLOUR.get(s, "black"), latex_escape(s.upper()))


def _key(k: str) -> str:
    sym = math_symbol(k)
    return f"${sym}$" if sym else prose(str(k).replace("_", " "))


def _label(cid: str) -> str:
    return "claim:" + re.sub(r"[^A-Za-z0-9.-]", "-", cid)


# -- values ----------------------------------------------------------------------------------------
def _inline(v: Any, depth: int = 0) -> str:
    """A value as inline LaTeX: math for numbers, vectors and matrices, text otherwise; never a repr."""
    if v is None:
        return "--"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if is_rational(v):
        return f"${tex_number(v)}$"
    if isinstance(v, float):
        return latex_escape(f"{v:.4g}")
    if isinstance(v, str):
        tex = claim_text(v)
        if tex is not None:  # the claim writes this text in LaTeX
            return tex
        tex = expression_tex(v)
        if tex:  # a value written as an expression (C*(C - u_{1,1})): typeset as mathematics
            return f"${tex}$"
        return prose(v if len(v) <= 600 else v[:600] + " ...", break_every=16)
    if is_matrix(v):
        return f"${tex_matrix(v, small=True)}$"
    if is_vector(v):
        return f"${tex_vector(v)}$"
    if isinstance(v, list):
        if not v:
            return "none"
        shown = [_inline(x, depth + 1) for x in v[:12]]
        more = latex_escape(f", ... ({len(v)} in all)") if len(v) > 12 else ""
        return "(" + ", ".join(shown) + more + ")"
    if isinstance(v, dict):
        if not v:
            return "none"
        if "layers" in v or set(v) == {"sha256", "value"}:  # a network (hashed in a certificate): its widths
            return latex_escape(text_value(v))
        if depth >= 2:
            return latex_escape(f"({len(v)} entries, in the JSON)")
        return "; ".join(f"{_key(k)}: {_inline(x, depth + 1)}" for k, x in list(v.items())[:12])
    return latex_escape(str(v))


def _cell_width(v: Any) -> float:
    """A rough width in ems of a value typeset inline."""
    if is_matrix(v):
        return sum(max(len(str(r[c])) for r in v) * 0.4 + 0.8 for c in range(len(v[0]))) + 1
    return 0.5 * len(text_value(v, digits=20))


def _command_tex(text: str) -> str:
    """A shell command in typewriter type, breakable after spaces, dots and ``=``."""
    tex = latex_escape(text, break_every=0)
    return r"{\ttfamily " + re.sub(r"(\.|=)(?=\S)", r"\1\\allowbreak{}", tex) + "}"


def _common_prefix(texts: list[str]) -> str:
    """The longest prefix (ending with a space) of every text, when it is long enough to factor out."""
    if len(texts) < 2:
        return ""
    prefix = os.path.commonprefix(texts)
    prefix = prefix[:prefix.rfind(" ") + 1] if " " in prefix else ""
    if " --" in prefix:  # the program, not a part of its options
        prefix = prefix[:prefix.index(" --") + 1]
    return prefix if len(prefix) >= 20 else ""


def _table(rows: list[dict], *, long: bool, max_rows: int = 30) -> str:
    """A list of records as a table: a column empty in every row is left out (and named below),
    shell commands are typeset in typewriter type, their common beginning once below the table."""
    keys: list[str] = []
    for r in rows:
        for k in r:
            if k not in keys:
                keys.append(k)
    shown = rows[:max_rows]
    empty = [k for k in keys if len(shown) > 1 and all(r.get(k) is None for r in shown)]
    keys = [k for k in keys if k not in empty][:8]
    notes = []
    commands = [k for k in keys if k in ("command", "cmd") and all(isinstance(r.get(k), str) for r in shown)]
    prefix = {k: _common_prefix([r[k] for r in shown]) for k in commands}

    def cell(r: dict, k: str) -> str:
        if k not in r:
            return ""
        if k in commands:
            return _command_tex(r[k][len(prefix[k]):])
        return _inline(r.get(k, ""), 1)

    body = [[cell(r, k) for k in keys] for r in shown]
    extra = f"{len(rows) - max_rows} more rows in the JSON results" if len(rows) > max_rows else ""
    for k in commands:
        if prefix[k]:
            notes.append(r"%s: each row's arguments after %s" % (_key(k), _command_tex(prefix[k].strip())))
    if empty:
        notes.append(", ".join(_key(k) for k in empty) + (" is" if len(empty) == 1 else " are")
                     + " empty in every row (left out)")
    table = fitted_tabular([_key(k) for k in keys], body, extra=extra, long=long)
    if notes:
        table += "\n" + r"{\footnotesize " + "; ".join(notes) + r".}\par"
    return table


def _block(v: Any, depth: int = 0) -> str:
    """A value as a block: a table for a list of records, a list for a record, inline otherwise."""
    if isinstance(v, dict) and "steps" in v and isinstance(v["steps"], list):
        return _argument(v)
    if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        return _table(v, long=depth == 0)
    if isinstance(v, dict) and v and "layers" not in v and depth < 2:
        items = "\n".join(r"\item[%s] %s" % (_key(k), _block(x, depth + 1)) for k, x in v.items())
        return "\\begin{description}\\setlength{\\itemsep}{0pt}\n" + items + "\n\\end{description}"
    if is_matrix(v) and len(v) <= 12 and len(v[0]) <= 12:
        return f"$\\displaystyle {tex_matrix(v)}$"
    return _inline(v, depth)


def _trailer(text: str, length: int) -> str:
    """A step's checker: flush right on the step's last line when short, else on a line of its own."""
    if not text:
        return ""
    if length <= 40:
        return r"\nobreak\hfill\penalty50\hskip1em\null\nobreak\hfill\mbox{[%s]}" % text
    return r"\\{\footnotesize [%s]}" % text


def _argument(arg: dict) -> str:
    """Numbered steps: each with its fact, its checker, and whether it held."""
    out = [r"\begin{enumerate}\setlength{\itemsep}{0pt}"]
    for s in arg["steps"]:
        if not isinstance(s, dict):
            out.append(r"\item %s" % prose(s))
            continue
        checker = s.get("checker")
        if "holds" in s:
            mark = (r"\textcolor{green!45!black}{checked}" if s.get("holds")
                    else r"\textcolor{red!70!black}{NOT checked}")
        else:
            mark = ""
        by = s.get("check") or checker
        fact = s.get("statement") or s.get("fact") or s.get("step") or s.get("id") or ""
        out.append(r"\item %s%s" % (prose(fact), _trailer(mark + ((" by " if mark else "") + prose(by) if by else ""),
                                                          len(str(by or "")))))
    out.append(r"\end{enumerate}")
    concl = arg.get("conclusion", "")
    if "valid" in arg:
        out.append(("Argument valid: every step checked as marked." if arg.get("valid")
                    else "Argument not valid: some step was not checked.")
                   + (r" \textbf{Conclusion:} " + prose(concl) if concl else ""))
    elif concl:
        out.append(prose(concl))
    for key in ("kernel", "not_machine_checked"):
        if arg.get(key):
            out.append(r"\textbf{%s:} %s" % (prose(key.replace("_", " ")), _inline(arg[key])))
    return "\n".join(out)


# -- certificates -----------------------------------------------------------------------------------
def _certificate(v: dict) -> dict | None:
    cert = v.get("certificate")
    if isinstance(cert, dict):
        return cert
    path = v.get("certificate_file")
    if isinstance(path, str) and os.path.isfile(path):
        try:
            with open(path, encoding="utf-8") as f:
                cert = json.load(f)
        except (OSError, ValueError):
            return None
        return cert if isinstance(cert, dict) else None
    return None


def _kernel_steps(cert: dict) -> list | None:
    """The steps of a proved certificate's argument as the kernel's specification states them.

    The specification is run on the certificate with a recording of its ``argument`` call;
    None when the certificate is not proved or the kernel does not accept it.
    """
    if cert.get("status") != "proved":
        return None
    from ..kernel.framework import SPECS, Cert, Invalid

    key = (cert.get("claim"), cert.get("variant"))
    if key not in SPECS:
        return None

    class _Recording(Cert):
        steps: list = []

        def argument(self, steps):
            self.steps = list(steps)
            return super().argument(steps)

    try:
        c = _Recording(cert)
        SPECS[key][0](c)
    except (Invalid, Exception):  # the kernel's answer is printed separately; here only the steps
        return None
    return c.steps or None


def _proof_steps(steps: list) -> str:
    out = [r"\begin{enumerate}\setlength{\itemsep}{1pt}"]
    for s in steps:
        checker = s.checker
        if checker.startswith("theorem: "):
            who = "theorem: " + prose(checker[len("theorem: "):])
        elif checker == "kernel":
            who = "the kernel (re-checked from the certificate)"
        else:
            who = prose(checker) + " (during the run)"
        out.append(r"\item %s%s" % (prose(s.fact), _trailer(who, len(s.checker) + 20)))
    out.append(r"\end{enumerate}")
    return "\n".join(out)


def _counterexample_block(ce: dict) -> str:
    items, tables = [], []
    for k, val in ce.items():
        sym = math_symbol(k)
        if is_matrix(val) and len(val) <= 12 and len(val[0]) <= 12:
            rhs = tex_matrix(val)
        elif is_vector(val):
            rhs = tex_vector(val)
        elif is_rational(val):
            rhs = tex_number(val)
        elif isinstance(val, list) and val and all(isinstance(x, dict) for x in val):  # records: a table
            tables.append(r"\par\noindent\begin{minipage}{\linewidth}%s:\par " % _key(k)  # with its table
                          + _table(val, long=False, max_rows=12) + r"\end{minipage}")
            continue
        else:
            items.append(r"%s: %s" % (_key(k), _inline(val, 1)))
            continue
        written = claim_text(str(k).replace("_", " "))  # the claim's LaTeX for this name, if any
        if written and written.startswith("$") and written.endswith("$") and written.count("$") == 2:
            lhs = written[1:-1]
        else:
            lhs = sym if sym else r"\text{%s}" % (written or latex_escape(str(k).replace("_", " ")))
        items.append(f"$\\displaystyle {lhs} = {rhs}$")
    return (r"\begin{center}\begin{minipage}{0.95\linewidth}\raggedright " + ",\\quad\n".join(items)
            + r"\end{minipage}\end{center}" + "\n".join(tables))


def _title_tex(v: dict) -> str:
    """The claim's title as LaTeX text (the claim writes it; else its ASCII mathematics typeset)."""
    return v.get("title_latex") or prose(v.get("title", ""), break_every=20)


def _variant_tex(v: dict) -> str:
    """The verdict's variant name as LaTeX text (the claim writes it; escaped text otherwise)."""
    return v.get("variant_latex") or latex_escape(v.get("variant") or "", break_every=0)


def _reading_tex(v: dict) -> str:
    """The verdict's reading as LaTeX text (the claim writes it; escaped text otherwise)."""
    return v.get("reading_latex") or latex_escape(v.get("reading") or "")


def _fill_latex(v: dict, mod: Any) -> None:
    """Results of older runs: the LaTeX the claim module writes for this verdict's fields."""
    if mod is None:
        return
    if getattr(mod, "TITLE_LATEX", "") and v.get("title") == getattr(mod, "TITLE", None):
        v["title_latex"] = mod.TITLE_LATEX
    if not v.get("statement_latex") and getattr(mod, "STATEMENT_LATEX", ""):
        v["statement_latex"] = mod.STATEMENT_LATEX
    if v.get("variant") and not v.get("variant_latex"):
        v["variant_latex"] = getattr(mod, "VARIANTS_LATEX", {}).get(v["variant"], "")
    if not v.get("reading_latex"):
        if v.get("reading") in (None, "", getattr(mod, "READING", None)):
            v["reading_latex"] = getattr(mod, "READING_LATEX", "")
        else:
            v["reading_latex"] = getattr(mod, "READINGS_LATEX", {}).get(v.get("variant"), "")


def _verdict_block(v: dict, claim_has_variants: bool, own_reading: bool = False) -> str:
    parts = []
    if claim_has_variants or v.get("variant"):
        parts.append(r"\subsubsection*{\texorpdfstring{%s}{%s}}" % (
            _variant_tex(v) if v.get("variant") else "Verdict",
            latex_escape(v["variant"], break_every=0) if v.get("variant") else "Verdict"))
    if own_reading:
        parts.append(r"\textbf{Reading checked.} %s" % _reading_tex(v))
    parts.append(r"\noindent\textbf{Status:} %s \quad \textbf{Time:} %s\\" % (
        _status(v["status"]), latex_escape(f"{v.get('seconds', 0):.2f} s")))
    parts.append(r"\textbf{Scope:} %s" % prose(v.get("scope", {}).get("description", "")))
    k = v.get("kernel") or {}
    if isinstance(k, dict) and k.get("sha256"):
        word = {"valid": "re-checked by the kernel: valid", "invalid": "REJECTED by the kernel"}.get(
            k.get("status"), "not re-checked")
        sha = str(k["sha256"])
        parts.append(r"\textbf{Certificate:} SHA-256 \texttt{%s}\allowbreak\texttt{%s} (%s)" % (
            latex_escape(sha[:32]), latex_escape(sha[32:64]), latex_escape(word)))
    cert = _certificate(v)
    if cert is not None:
        steps = _kernel_steps(cert)
        if steps:
            parts.append(r"\paragraph{Proof for every size.} The certificate's argument, as the kernel's "
                         r"specification states it; each step with the tool that checked it:" + "\n" + _proof_steps(steps))
    ce = counterexample(dict(v, certificate=cert))
    if ce:
        parts.append(r"\paragraph{Counterexample} (shrunk; re-checked by the kernel from the statement):"
                     + "\n" + _counterexample_block(ce))
    ev = v.get("evidence") or {}
    if ev:
        blocks = []
        for key, val in ev.items():
            body = _block(val)
            block = r"\textbf{%s.}\ %s" % (_key(key), body)
            if r"\begin{tabular}" in body and "longtable" not in body:  # its heading stays with the table
                block = r"\begin{minipage}{\linewidth}%s\end{minipage}" % block
            blocks.append(r"\par\smallskip\noindent" + block)
        parts.append(r"\paragraph{Evidence.}\mbox{}\par\nopagebreak" + "\n" + "\n".join(blocks))
    cc = v.get("crosscheck") or {}
    parts.append(r"\paragraph{Float64 cross-check.} " + prose(cc.get("summary", "")))
    dis = cc.get("disagreements") or []
    if dis:
        parts.append(latex_escape(f"Disagreements ({len(dis)}" + (", first 30 shown" if len(dis) > 30 else "") + "):"))
        parts.append(_table(dis, long=True) if all(isinstance(d, dict) for d in dis) else _inline(dis))
    return "\n\n".join(parts)


_PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{array}
\usepackage{longtable}
\usepackage{caption}
\usepackage[table]{xcolor}
\usepackage[colorlinks,linkcolor=blue!40!black,citecolor=green!30!black,urlcolor=blue!40!black]{hyperref}
\setcounter{MaxMatrixCols}{40}
\setcounter{tocdepth}{2}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\setlength{\emergencystretch}{3em}
\setlength{\LTpre}{4pt}\setlength{\LTpost}{4pt}
\renewcommand{\topfraction}{0.85}\renewcommand{\textfraction}{0.1}\renewcommand{\floatpagefraction}{0.75}
\hbadness=10000
"""


def _brief(text: str, limit: int = 120) -> str:
    """The scope's first clause for the summary (the section prints it in full)."""
    text = str(text)
    first = re.split(r";\s|\.\s", text, maxsplit=1)[0]
    if len(first) <= limit and len(first) < len(text):
        return first + " ..."
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " ..."


def _brief_tex(tex: str, limit: int = 120) -> str:
    """A scope written in LaTeX cut like :func:`_brief`: at its first ``; `` or ``. `` outside math and braces."""
    depth = 0
    for i, ch in enumerate(tex):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and tex[i:i + 2] in ("; ", ". ") and tex[:i].count("$") % 2 == 0 and tex[i - 1:i] != "\\":
            return tex[:i] + r" \ldots"
    return tex


def _scope_brief(v: dict, mods: dict) -> str:
    """The summary's scope: the claim's LaTeX for it if it writes one (cut at its first clause), else
    the ASCII text cut and typeset."""
    text = v.get("scope", {}).get("description", "")
    with claim_texts(getattr(mods.get(v["claim"]), "TEXTS_LATEX", None)):
        written = claim_text(text)
    if written is not None:
        return _brief_tex(written)
    return prose(_brief(text), break_every=14)


def _summary_rows(verdicts: list[dict], mods: dict | None = None) -> list[str]:
    rows, seen = [], set()
    mods = mods or {}
    for v in verdicts:
        cid = v["claim"]
        first = cid not in seen
        seen.add(cid)
        label = r"\hyperref[%s]{\texttt{%s}}" % (_label(cid), latex_escape(cid)) if first else ""
        if v.get("variant"):
            variant = _variant_tex(v).replace("/", r"/\allowbreak{}")
            label += (r"\newline " if label else "") + r"{\footnotesize %s}" % variant
        stmt = ""
        if first:
            stmt = (breakable_math(v["statement_latex"]) if v.get("statement_latex")
                    else _title_tex(v))
        sha = str((v.get("kernel") or {}).get("sha256") or "")
        scope = _scope_brief(v, mods)
        rows.append(("\\hline " if first else "") + "%s & %s & %s & {\\footnotesize %s} & \\texttt{%s} \\\\" % (
            label, stmt, r"{\footnotesize %s}" % _status(v["status"]), scope, latex_escape(sha[:8]) if sha else "--"))
    return rows


def _count_words(n: int) -> str:
    word = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))
    return f"{word} source{'s' if n != 1 else ''}"


def _abstract(doc: dict, verdicts: list[dict], by_claim: dict) -> str:
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v["status"]] = counts.get(v["status"], 0) + 1
    order = [s for s in ("proved", "verified", "refuted", "inconclusive") if s in counts]
    lines = [r"\section*{At a glance}",
             latex_escape(f"{len(by_claim)} claim{'s' if len(by_claim) != 1 else ''} from "
                          f"{_count_words(len({c[:3] for c in by_claim}))}, checked in exact rational arithmetic: "
                          f"{len(verdicts)} verdicts, ") + ", ".join(
                 f"{counts[s]} {_status(s)}" for s in order) + ". "
             r"Every verdict carries a certificate that an independent, standard-library-only kernel re-checked; "
             r"its SHA-256 prefix is in the summary (Section~\ref{sec:summary}).",
             r"\begin{description}\setlength{\itemsep}{1pt}",
             r"\item[Proved] an argument for every size, each step checked by the kernel, sympy, or a named theorem.",
             r"\item[Verified] exhaustive and exact over the stated finite scope, re-enumerated by the kernel.",
             r"\item[Refuted] a concrete, shrunk counterexample in exact rationals, re-checked by the kernel.",
             r"\item[Inconclusive] a search or sample found nothing; it says how many, how drawn, with which seed.",
             r"\end{description}"]
    refuted = [v for v in verdicts if v["status"] == "refuted"]
    if refuted:
        lines.append(r"\textbf{What was found wrong} (the reading refuted, and where):")
        lines.append(r"{\small\begin{itemize}\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}")
        for v in refuted[:24]:
            lab = latex_escape(v["claim"]) + (" [%s]" % _variant_tex(v) if v.get("variant") else "")
            lines.append(r"\item \hyperref[%s]{%s}, p.~\pageref{%s}: %s" % (
                _label(v["claim"]), lab, _label(v["claim"]), _title_tex(v)))
        lines.append(r"\end{itemize}}")
    return "\n".join(lines)


def render_latex(doc: dict, figdir: Path, *, claims: list[str] | None = None, collector: LongValues | None = None) -> str:
    """The report's LaTeX for a results document; figures are written into ``figdir``.

    ``claims`` restricts the report to these claim IDs (a short report for a subset).
    """
    from ..claims.catalogue import PENDING
    from ..claims.registry import claims as registered
    from . import figures  # noqa: F401  (the figures' fonts: the document's)

    mods = registered()
    verdicts = [v for v in doc["verdicts"] if claims is None or v["claim"] in claims]
    verdicts = [dict(v) for v in verdicts]
    for v in verdicts:  # statements and readings in LaTeX written in the claims (also for older results)
        _fill_latex(v, mods.get(v["claim"]))
    by_claim: dict[str, list[dict]] = {}
    for v in verdicts:
        by_claim.setdefault(v["claim"], []).append(v)
    collector = collector or LongValues()
    with long_values(collector):
        body = _render_body(doc, verdicts, by_claim, mods, figdir, subset=claims is not None)
    title = "relu-proofcheck: report" if claims is None else "relu-proofcheck: " + ", ".join(claims[:6]) + (
        ", ..." if len(claims) > 6 else "")
    out = [_PREAMBLE, r"\begin{document}", r"\begin{titlepage}\centering\vspace*{1cm}",
           r"{\LARGE\bfseries %s\par}\vspace{4pt}" % latex_escape(title),
           r"{\large Claims about ReLU networks and autoencoders, checked in exact arithmetic\par}\vspace{6pt}",
           r"{\small %s\par}\vspace{8pt}\raggedright" % latex_escape(f"{doc.get('created', '')} -- {doc.get('tool', '')}")]
    if not doc.get("complete", True):
        out.append(r"\noindent\textbf{\textcolor{red}{This run was interrupted: the results are incomplete.}}")
    out.append(_abstract(doc, verdicts, by_claim))
    out.append(r"\end{titlepage}")
    out.append(r"\tableofcontents\clearpage")
    out.append(body)
    if collector.values:
        out.append(r"\clearpage\appendix\section{Long exact values}\label{sec:long-values}")
        out.append(r"Values shortened in the text (leading digits and digit count), in full. "
                   r"The results JSON holds every value.")
        for label, text in collector.values:
            digits = r"\allowbreak ".join(text[i:i + 8] for i in range(0, len(text), 8))
            out.append(r"\par\noindent\phantomsection\label{%s}{\small\texttt{[%s]} $%s$}" % (
                label, label.split(":")[1], digits.replace("/", r"\,/\,")))
    out.append(r"\clearpage\phantomsection\addcontentsline{toc}{section}{References}\bibliographystyle{plain}"
               + "\n" + r"\bibliography{report}")
    out.append(r"\end{document}")
    return "\n\n".join(out) + "\n"


def _render_body(doc, verdicts, by_claim, mods, figdir, *, subset: bool) -> str:
    from ..claims.catalogue import PENDING

    out = [r"\section{Summary}\label{sec:summary}",
           r"Each claim's statement as checked, its status, scope and the first eight hex digits of its "
           r"certificate's SHA-256 (the full hash is in each claim's section); scopes are cut to their first clause here. Sources: " + ", ".join(
               r"%s~\cite{%s}" % (p, key) for p, (key, _) in SOURCES.items()) + "."]
    out.append(r"{\small\setlength{\tabcolsep}{3pt}\renewcommand{\arraystretch}{1.15}"
               r"\begin{longtable}{>{\raggedright\arraybackslash}p{0.13\linewidth}"
               r">{\raggedright\arraybackslash}p{0.31\linewidth}>{\raggedright\arraybackslash}p{0.16\linewidth}"
               r">{\raggedright\arraybackslash}p{0.24\linewidth}p{0.085\linewidth}}"
               r"\hline\textbf{claim} & \textbf{statement} & \textbf{status} & \textbf{scope} & \textbf{cert.} \\ \hline\endhead"
               r"\hline\endfoot")
    out.extend(_summary_rows(verdicts, mods))
    out.append(r"\end{longtable}}")
    current = None
    for cid, vs in by_claim.items():
        group = cid[:3]
        if group != current:
            current = group
            name = _SOURCE_TITLES.get(group, group)
            cite = r"~\cite{%s}" % SOURCES[group][0] if group in SOURCES else ""
            out.append(r"\clearpage\section{\texorpdfstring{Source %s: %s%s}{Source %s: %s}}" % (
                latex_escape(group), latex_escape(name), cite, latex_escape(group), latex_escape(name)))
        with claim_texts(getattr(mods.get(cid), "TEXTS_LATEX", None)):  # the texts the claim writes in LaTeX
            _claim_section(out, cid, vs, mods.get(cid), figdir)
    if doc.get("errors"):
        out.append(r"\section*{Checks that crashed}")
        for e in doc["errors"]:
            if subset is False or e["claim"].split(" ")[0] in by_claim:
                out.append(r"\textbf{%s}: %s\par" % (latex_escape(e["claim"]), latex_escape(e["error"])))
    pending = [c for c in PENDING if c not in by_claim]
    if pending and not subset:
        out.append(r"\section*{Claims not yet checked}")
        out.append(latex_escape("No proof-check module exists yet for: "
                                + ", ".join(f"{c} (issue #{PENDING[c]})" for c in pending) + "."))
    return "\n\n".join(out)


def _claim_section(out: list, cid: str, vs: list[dict], mod: Any, figdir: Path) -> None:
    """A claim's subsection: statement, source, reading, its verdicts and the module's own section."""
    first = vs[0]
    title = first.get("title", "")
    out.append(r"\subsection{\texorpdfstring{%s: %s}{%s: %s}}\label{%s}" % (
        latex_escape(cid), _title_tex(first), latex_escape(cid), latex_escape(title, break_every=0), _label(cid)))
    if first.get("source"):
        out.append(r"\textbf{Source.} %s" % _cite(first["source"]))
    from_file = (first.get("scope") or {}).get("claim_file")  # a claim file states its statement in LaTeX
    if from_file and first.get("statement"):
        out.append(r"\textbf{Statement.} %s" % first["statement"])
    elif first.get("statement_latex"):
        out.append(r"\textbf{Statement.}\nopagebreak\[ %s \]" % first["statement_latex"])
        if first.get("statement"):
            out.append(r"{\small In the source's words: \emph{%s}}" % prose(first["statement"]))
    elif first.get("statement"):
        out.append(r"\textbf{Statement.} %s" % latex_escape(first["statement"]))
    if first.get("reading"):
        out.append(r"\textbf{Reading checked.} %s" % _reading_tex(first))
    for v in vs:
        out.append(_verdict_block(v, len(vs) > 1, own_reading=v.get("reading") != first.get("reading")))
    if mod is not None and hasattr(mod, "report_section"):
        try:
            extra = mod.report_section(vs, figdir)
        except Exception as e:  # a figure must not sink the report; say so in it
            extra = latex_escape(f"(the claim's report section failed: {type(e).__name__}: {e})")
        if extra:
            out.append(r"\subsubsection*{Further results}" + "\n" + extra)


def build_report(results: str | os.PathLike | dict, out_dir: str | os.PathLike, *, compile_pdf: bool = True,
                 claims: list[str] | None = None) -> str:
    """Write ``out_dir/report.tex`` (and ``report.pdf`` when latexmk is present); return the main file.

    ``claims`` restricts the report to these claim IDs; an ID with no verdict in the
    results is an error.  ``out_dir/report.bib`` holds the sources' BibTeX entries.
    """
    doc = check_results(results, "results") if isinstance(results, dict) else read_results(results)
    if claims is not None:
        have = {v["claim"] for v in doc["verdicts"]}
        missing = [c for c in claims if c not in have]
        if missing:
            raise InvalidArgument(f"no verdict for {', '.join(missing[:5])} in the results file")
    from exact.inputs import prepare_output_dir

    out = Path(prepare_output_dir(out_dir, "report folder"))  # its parent must exist
    figdir = out / "figures"
    figdir.mkdir(exist_ok=True)
    tex = render_latex(doc, figdir, claims=claims)
    tex_path = out / "report.tex"
    atomic_write_text(out / "report.bib", bibtex())
    atomic_write_text(tex_path, tex)
    if not compile_pdf:
        return str(tex_path)
    if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
        print("note: latexmk/pdflatex not found; wrote LaTeX only (install texlive-latex-recommended and latexmk for the PDF)")
        return str(tex_path)
    build = out / "build"
    build.mkdir(exist_ok=True)
    cmd = ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-quiet",
           f"-outdir={build.resolve()}", str(tex_path.resolve())]
    proc = subprocess.run(cmd, cwd=out, capture_output=True, text=True)
    pdf = build / "report.pdf"
    if proc.returncode != 0 or not pdf.exists():
        log = build / "report.log"
        tail = ""
        if log.exists():
            lines = log.read_text(errors="replace").splitlines()
            errs = [ln for ln in lines if ln.startswith("!")]
            tail = errs[0] if errs else ""
        raise ReportError(f"LaTeX failed on {tex_path} ({tail or 'see ' + str(log)})")
    tmp = out / ".report.pdf.tmp"
    shutil.copyfile(pdf, tmp)
    os.replace(tmp, out / "report.pdf")
    return str(out / "report.pdf")


def overfull_hboxes(log_text: str) -> list[float]:
    """The widths in pt of every overfull hbox reported in a LaTeX log."""
    return [float(m) for m in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log_text)]


def overfull_vboxes(log_text: str) -> list[float]:
    """The heights in pt of every overfull vbox reported in a LaTeX log (a page or float too high)."""
    return [float(m) for m in re.findall(r"Overfull \\vbox \(([0-9.]+)pt too high\)", log_text)]
