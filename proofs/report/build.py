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
from exact.errors import ToolkitError

from .latex import latex_escape, latex_matrix, latex_rational, latex_vector
from ..run.runner import check_results, read_results

__all__ = ["build_report", "render_latex", "ReportError"]


class ReportError(ToolkitError):
    """The report could not be compiled."""


_RATIONAL = re.compile(r"^-?\d+(/\d+)?$")
_STATUS_COLOUR = {"proved": "green!45!black", "verified": "green!45!black", "refuted": "red!70!black",
                  "inconclusive": "orange!80!black"}


def _is_rat(v: Any) -> bool:
    return isinstance(v, str) and bool(_RATIONAL.match(v)) and len(v) < 60


def _title(key: str) -> str:
    return latex_escape(key.replace("_", " "))


def _value(v: Any, depth: int = 0) -> str:
    """Render one evidence value."""
    if isinstance(v, bool) or v is None:
        return latex_escape({True: "yes", False: "no", None: "none"}[v])
    if isinstance(v, (int, float)):
        return latex_escape(f"{v:.4g}" if isinstance(v, float) else v)
    if isinstance(v, str):
        if _is_rat(v):
            return f"${latex_rational(v)}$"
        return latex_escape(v if len(v) <= 600 else v[:600] + " ...")
    if isinstance(v, dict):
        if "steps" in v and isinstance(v["steps"], list):
            return _argument(v)
        if not v:
            return "(empty)"
        if depth >= 3:
            return latex_escape(_short(v))
        items = "\n".join(r"\item[%s] %s" % (_title(k), _value(x, depth + 1)) for k, x in v.items())
        return "\\begin{description}\\setlength{\\itemsep}{0pt}\n" + items + "\n\\end{description}"
    if isinstance(v, list):
        if not v:
            return "(none)"
        if depth >= 3:
            return latex_escape(_short(v))
        if all(isinstance(r, list) and r and all(_is_rat(x) for x in r) for r in v):
            rows, cols = len(v), len(v[0])
            if rows <= 14 and cols <= 14 and all(len(r) == cols for r in v):
                return f"$\\displaystyle {latex_matrix(v)}$"
            return latex_escape(f"({rows} x {cols} matrix, see the JSON results)")
        if all(_is_rat(x) for x in v):
            shown = v[:16]
            tail = latex_escape(f" ... ({len(v)} entries)") if len(v) > 16 else ""
            return f"${latex_vector(shown)}$" + tail
        if all(isinstance(x, dict) for x in v):
            return _dict_table(v)
        if all(isinstance(x, (int, float, str, bool)) for x in v):
            text = ", ".join(str(x) for x in v[:40]) + (f", ... ({len(v)} in all)" if len(v) > 40 else "")
            return latex_escape(text)
        return "\\begin{itemize}\\setlength{\\itemsep}{0pt}\n" + "\n".join(
            r"\item " + _value(x, depth + 1) for x in v[:20]) + "\n\\end{itemize}"
    return latex_escape(str(v))


def _short(v: Any, width: int = 300) -> str:
    """At most ``width`` characters of a value's text, without building all of a huge one."""
    if isinstance(v, (dict, list)):
        if len(v) > 40:
            v = dict(list(v.items())[:40]) if isinstance(v, dict) else v[:40]
        text = json.dumps(v, default=str)
    else:
        text = str(v)
    return text if len(text) <= width else text[:width] + " ..."


def _cell(v: Any) -> str:
    if isinstance(v, list) and v and len(v) <= 12 and all(_is_rat(x) for x in v):
        return f"${latex_vector(v)}$"
    if (isinstance(v, list) and v and len(v) <= 8 and all(isinstance(r, list) and r and len(r) == len(v[0])
                                                       and len(r) <= 8 and all(_is_rat(x) for x in r) for r in v)):
        return f"${latex_matrix(v)}$"
    if isinstance(v, (dict, list)):
        return latex_escape(_short(v, 80))
    return _value(v, 3)


def _dict_table(rows: list[dict], max_rows: int = 30) -> str:
    keys: list[str] = []
    for r in rows:
        for k in r:
            if k not in keys:
                keys.append(k)
    keys = keys[:7]
    width = 0.92 / max(len(keys), 1)
    spec = "".join(f"p{{\\dimexpr {width:.3f}\\linewidth-2\\tabcolsep\\relax}}" for _ in keys)
    # a tabular (not a longtable): it may stand inside a description list item
    lines = [r"\par{\small\begin{tabular}{" + spec + "}", r"\hline",
             " & ".join(r"\textbf{" + _title(k) + "}" for k in keys) + r" \\ \hline"]
    for r in rows[:max_rows]:
        # "{}" first: a row starting with "[" would be read as the optional argument of \\
        lines.append("{}" + " & ".join(_cell(r.get(k, "")) for k in keys) + r" \\")
    lines.append(r"\hline")
    if len(rows) > max_rows:
        lines.append(r"\multicolumn{%d}{l}{\emph{%s}} \\" % (
            len(keys), latex_escape(f"... {len(rows) - max_rows} more rows in the JSON results")))
    lines.append(r"\end{tabular}}\par")
    return "\n".join(lines)


def _argument(arg: dict) -> str:
    """Numbered steps: each with its fact, its checker when named, and whether it held."""
    out = [r"\begin{enumerate}\setlength{\itemsep}{0pt}"]
    for s in arg["steps"]:
        if not isinstance(s, dict):
            out.append(r"\item %s" % latex_escape(str(s)))
            continue
        checker = s.get("checker")
        if "holds" in s:
            mark = r"\textcolor{green!45!black}{checked}" if s.get("holds") else r"\textcolor{red!70!black}{NOT checked}"
            if checker:
                mark += " by " + latex_escape(str(checker))
        else:
            mark = latex_escape(str(checker)) if checker else ""
        fact = s.get("statement") or s.get("fact") or s.get("id") or ""
        out.append(r"\item %s \hfill [%s]\\ {\footnotesize\texttt{%s}}" % (
            latex_escape(str(fact)), mark, latex_escape(str(s.get("check", "")))))
    out.append(r"\end{enumerate}")
    concl = arg.get("conclusion", "")
    if "valid" in arg:
        out.append(("Argument valid: every step checked as marked. " if arg.get("valid")
                    else "Argument not valid: some step was not checked. ") + latex_escape(str(concl)))
    elif concl:
        out.append(latex_escape(str(concl)))
    return "\n".join(out)


def _status(s: str) -> str:
    return r"\textbf{\textcolor{%s}{%s}}" % (_STATUS_COLOUR.get(s, "black"), latex_escape(s.upper()))


def _verdict_block(v: dict) -> str:
    parts = []
    if v.get("variant"):
        parts.append(r"\subsection*{%s}" % latex_escape(v["variant"]))
    parts.append(r"\noindent\textbf{Status:} %s \quad \textbf{Time:} %s\\" % (
        _status(v["status"]), latex_escape(f"{v.get('seconds', 0):.2f} s")))
    parts.append(r"\textbf{Scope:} %s" % latex_escape(v.get("scope", {}).get("description", "")))
    k = v.get("kernel") or {}
    if isinstance(k, dict) and k.get("sha256"):
        word = {"valid": "re-checked by the kernel: valid", "invalid": "REJECTED by the kernel"}.get(
            k.get("status"), "not re-checked")
        parts.append(r"\textbf{Certificate:} SHA-256 \texttt{%s} (%s)" % (
            latex_escape(str(k["sha256"])[:64]), latex_escape(word)))
    ev = v.get("evidence") or {}
    if ev:
        parts.append(r"\paragraph{Evidence.}" + "\n" + _value(ev))
    cc = v.get("crosscheck") or {}
    parts.append(r"\paragraph{Float64 cross-check.} " + latex_escape(cc.get("summary", "")))
    dis = cc.get("disagreements") or []
    if dis:
        parts.append(latex_escape(f"Disagreements ({len(dis)}" + (", first 30 shown" if len(dis) > 30 else "") + "):"))
        parts.append(_dict_table(dis) if all(isinstance(d, dict) for d in dis) else _value(dis))
    return "\n\n".join(parts)


_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{longtable}
\usepackage[table]{xcolor}
\usepackage{hyperref}
\setcounter{MaxMatrixCols}{40}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\title{relu-proofcheck report}
"""


def render_latex(doc: dict, figdir: Path) -> str:
    """The report's LaTeX for a results document; figures are written into ``figdir``."""
    from ..claims.catalogue import PENDING
    from ..claims.registry import claims

    mods = claims()
    verdicts = doc["verdicts"]
    by_claim: dict[str, list[dict]] = {}
    for v in verdicts:
        by_claim.setdefault(v["claim"], []).append(v)
    out = [_PREAMBLE, r"\date{%s}" % latex_escape(f"{doc.get('created', '')} -- {doc.get('tool', '')}"),
           r"\begin{document}", r"\maketitle"]
    if not doc.get("complete", True):
        out.append(r"\noindent\textbf{\textcolor{red}{This run was interrupted: the results are incomplete.}}")
    out.append(r"\section*{Summary}")
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v["status"]] = counts.get(v["status"], 0) + 1
    out.append(latex_escape(f"{len(verdicts)} verdict(s) for {len(by_claim)} claim(s): "
                            + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + "."))
    out.append(r"{\small\begin{longtable}{p{0.22\linewidth}p{0.15\linewidth}p{0.55\linewidth}}\hline"
               r"\textbf{claim} & \textbf{status} & \textbf{scope} \\ \hline")
    for v in verdicts:
        label = v["claim"] + (f" [{v['variant']}]" if v.get("variant") else "")
        out.append(f"{latex_escape(label)} & {_status(v['status'])} & "
                   f"{latex_escape(v.get('scope', {}).get('description', ''))} \\\\")
    out.append(r"\hline\end{longtable}}")
    for cid, vs in by_claim.items():
        first = vs[0]
        out.append(r"\clearpage\section{%s: %s}" % (latex_escape(cid), latex_escape(first.get("title", ""))))
        from_file = (first.get("scope") or {}).get("claim_file")  # a claim file states its statement in LaTeX
        for key, name in (("source", "Source"), ("statement", "Statement"), ("reading", "Reading checked")):
            if first.get(key):
                text = first[key] if key == "statement" and from_file else latex_escape(first[key])
                out.append(r"\textbf{%s.} %s" % (name, text))
        for v in vs:
            out.append(_verdict_block(v))
        mod = mods.get(cid)
        if mod is not None and hasattr(mod, "report_section"):
            try:
                extra = mod.report_section(vs, figdir)
            except Exception as e:  # a figure must not sink the report; say so in it
                extra = latex_escape(f"(the claim's report section failed: {type(e).__name__}: {e})")
            if extra:
                out.append(extra)
    if doc.get("errors"):
        out.append(r"\section*{Checks that crashed}")
        for e in doc["errors"]:
            out.append(r"\textbf{%s}: %s\par" % (latex_escape(e["claim"]), latex_escape(e["error"])))
    pending = [c for c in PENDING if c not in by_claim]
    if pending:
        out.append(r"\section*{Claims not yet checked}")
        out.append(latex_escape("No proof-check module exists yet for: "
                                + ", ".join(f"{c} (issue #{PENDING[c]})" for c in pending) + "."))
    out.append(r"\end{document}")
    return "\n\n".join(out) + "\n"


def build_report(results: str | os.PathLike | dict, out_dir: str | os.PathLike, *, compile_pdf: bool = True) -> str:
    """Write ``out_dir/report.tex`` (and ``report.pdf`` when latexmk is present); return the main file."""
    doc = check_results(results, "results") if isinstance(results, dict) else read_results(results)
    from exact.inputs import prepare_output_dir

    out = Path(prepare_output_dir(out_dir, "report folder"))  # its parent must exist
    figdir = out / "figures"
    figdir.mkdir(exist_ok=True)
    tex = render_latex(doc, figdir)
    tex_path = out / "report.tex"
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
