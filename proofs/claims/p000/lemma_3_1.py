"""000-L3.1 -- Lemma 3.1 of Traonmilin & Newson, "Elementary response of deep neural networks".

With the sum encoder f_E(x) = sum_i x(i), z0 = (1/i)_{i=1..n} and the hard sigmoid
sigma(u) = 1 if u >= 1 else 0, the decoder f_D(z) = sigma(z z0) satisfies
f_D(f_E(x)) = x for every step function x (x(j) = 1 for j <= theta, else 0).

The check builds the network *as given* (decoder weights from an expression in i and
n, any rational threshold, an affine sum encoder) and

1. evaluates it exactly on all n + 1 step functions for every n <= n_max;
2. attempts the symbolic argument for general n (sympy checks each step);
3. evaluates the same network in each asked float format (float64 and float32 by default;
   float16 and bfloat16 on request, :mod:`numeric.formats`) and lists every (n, theta, i,
   format) where the float output differs from the exact one, with the first such n per format.

Status: ``refuted`` if some step function is reconstructed wrongly (the smallest n and
theta are reported first); ``proved`` if the exact check passes and every symbolic step
was machine-checked; ``verified`` (for n <= n_max) otherwise.
"""

from __future__ import annotations

import re
from typing import Callable

import sympy

from exact.errors import InvalidArgument
from exact.scalar import rational_str, to_rational
from exact.step_autoencoder import lemma_3_1_autoencoder
from numeric.formats import parse_formats
from proofs.methods.stepcheck import check_step_reconstruction
from proofs.methods.symbolic import STEPS_LATEX, argument_json, sum_encoder_steps, threshold_decoder_steps
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "KERNEL_ARGUMENT"]

#: The kernel re-enumerates every step function of every n up to this bound (about n^3 / 6
#: comparisons); a larger n_max is checked here but certified up to this bound.
CERTIFICATE_N_MAX = 200

#: The argument the kernel checks itself (proofs/kernel/specs/p000.py, 000-L3.1).
KERNEL_ARGUMENT = [("code", "theorem: 000-E1 (sum_j x_theta(j) = theta for every n)"), ("positive", "kernel"),
                   ("ratio", "kernel"), ("fires", "kernel")]


def _escape(text: str) -> str:
    from proofs.report.latex import latex_escape

    return latex_escape(text)


#: Texts of this claim's verdicts (kernel steps, sympy steps, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    **STEPS_LATEX,
    ("Let z0 = (1/i)_{i=1..n} and sigma(u) = 1 if u >= 1, else 0. With the encoder f_E(x) = sum_i x(i) and the "
     "decoder f_D(z) = sigma(z z0), f_D(f_E(x)) = x for every step function x of dimension n."):
        (r"Let $z_0 = (1/i)_{i=1}^{n}$ and $\sigma(u) = 1$ if $u \ge 1$, else $0$. With the encoder "
         r"$f_E(x) = \sum_i x(i)$ and the decoder $f_D(z) = \sigma(z z_0)$, $f_D(f_E(x)) = x$ for every step "
         r"function $x$ of dimension $n$."),
    "f_E(x_theta) = a theta + b": r"$f_E(x_\theta) = a\theta + b$",
    "000-E1 (sum_j x_theta(j) = theta for every n)": r"000-E1 ($\sum_j x_\theta(j) = \theta$ for every $n$)",
    "a w_i > 0 for all integers 1 <= i <= n": r"$a w_i > 0$ for all integers $1 \le i \le n$",
    "i - 1 < r_i = (t / w_i - b) / a <= i for all integers 1 <= i <= n":
        r"$i - 1 < r_i = (t / w_i - b) / a \le i$ for all integers $1 \le i \le n$",
    "(a theta + b) w_i >= t iff theta >= r_i iff theta >= i iff x_theta(i) = 1":
        r"$(a\theta + b) w_i \ge t$ iff $\theta \ge r_i$ iff $\theta \ge i$ iff $x_\theta(i) = 1$",
    "1 * sum_j x(j) + 0": r"$1 \cdot \sum_j x(j) + 0$",
    re.compile(r"(.*) \(n, theta, i, format\); the float code theta \* fl\(w_i\) falls below the threshold where "
               r"exact arithmetic reaches it"):
        lambda m: (re.sub(r"n = (\d+)", r"$n = \1$", _escape(m.group(1)))
                   + r" ($n$, $\theta$, $i$, format); the float code $\theta \cdot \mathrm{fl}(w_i)$ falls below the "
                   r"threshold where exact arithmetic reaches it"),
    "f_D(f_E(x_theta)) = x_theta for every n and every theta in 0..n":
        r"$f_D(f_E(x_\theta)) = x_\theta$ for every $n$ and every $\theta \in \{0, \dots, n\}$",
}


@claim("000-L3.1",
       title_latex=r"Lemma 3.1: the hard-sigmoid decoder $\sigma(z\,z_0)$ inverts the sum encoder on step functions",
       reading_latex=(r"Step functions $x_\theta(j)=1$ for $j\le\theta$ (1-based), $\theta=0,\dots,n$, the zero signal "
                      r"included. The network is built exactly with decoder weights $w_i$ given by an expression in $i$ "
                      r"and $n$ (default $1/i$), threshold $t$ (default $1$) and encoder $f_E(x)=a\sum_j x(j)+b$ "
                      r"(default $a=1$, $b=0$); $\sigma(u)=1$ iff $u\ge t$. Exact for all $n\le n_{\max}$; symbolic for "
                      r"all $n$."),
       latex=r"\sigma\bigl(f_E(x_\theta)\, z_0\bigr)=x_\theta \text{ for } 0\le\theta\le n,\ z_0=(1/i)_{i=1}^{n},\ \sigma(u)=[u\ge 1]",
       title="Lemma 3.1: the hard-sigmoid decoder sigma(z z0) inverts the sum encoder on step functions",
       source="000 (Traonmilin & Newson), section 3.2, Lemma 3.1",
       statement=("Let z0 = (1/i)_{i=1..n} and sigma(u) = 1 if u >= 1, else 0. With the encoder "
                  "f_E(x) = sum_i x(i) and the decoder f_D(z) = sigma(z z0), f_D(f_E(x)) = x for every "
                  "step function x of dimension n."),
       reading=("Step functions x_theta(j) = 1 for j <= theta (1-based), theta = 0..n, the zero signal "
                "included. The network is built exactly with decoder weights w_i given by an expression in "
                "i and n (default 1/i), threshold t (default 1) and encoder f_E(x) = a sum_j x(j) + b "
                "(default a = 1, b = 0); sigma(u) = 1 iff u >= t. Exact for all n <= n_max; symbolic for all n."))
def check(*, n_max: int = 100, weights: str = "1/i", threshold: str = "1", encoder_scale: str = "1",
          encoder_shift: str = "0", crosscheck: bool = True, float_formats: str = "float64,float32",
          progress: Callable[[int, int], None] | None = None) -> Verdict:
    """Check Lemma 3.1 for the network as built, for every n <= n_max."""
    if n_max < 1:
        raise InvalidArgument(f"n_max must be at least 1, got {n_max}")
    t = to_rational(threshold)
    a, b = to_rational(encoder_scale), to_rational(encoder_shift)
    formats = parse_formats(float_formats)
    failures, details, disagreements = [], [], []
    checked = compared = 0
    total = (n_max + 1) * (n_max + 2) // 2 - 1
    for n in range(1, n_max + 1):
        net = lemma_3_1_autoencoder(n, weights, t, a, b)
        res = check_step_reconstruction(net, n, crosscheck=crosscheck, formats=formats)
        checked += res.checked
        compared += res.compared
        disagreements.extend(res.disagreements)
        failures.extend({"n": n, "theta": th} for th in res.failures)
        details.extend(res.failure_details[: max(0, 5 - len(details))])
        if progress:
            progress(checked, total)
    # Symbolic argument for general n.
    enc_steps, code = sum_encoder_steps("1", sympy.Integer(1), sympy.Rational(str(a)), sympy.Rational(str(b)))
    steps = enc_steps + threshold_decoder_steps(weights, sympy.Rational(str(t)), code)
    symbolic = argument_json(steps, "f_D(f_E(x_theta)) = x_theta for every n and every theta in 0..n")
    if failures:
        status = Status.REFUTED
    elif symbolic["valid"]:
        status = Status.PROVED
    else:
        status = Status.VERIFIED
    desc = f"every step function (theta = 0..n, zero signal included) for every n = 1..{n_max}"
    if status is Status.PROVED:
        desc = f"all n (argument checked by the kernel and by sympy); exact check for n = 1..{n_max}"
    evidence = {
        "network": {"weights": weights, "threshold": rational_str(t),
                    "encoder": f"{rational_str(a)} * sum_j x(j) + {rational_str(b)}"},
        "step_functions_checked": checked,
        "counterexamples": failures[:50],
        "counterexample_count": len(failures),
        "first_failures": details,
        "symbolic_argument": symbolic,
    }
    if failures:
        evidence["minimal_counterexample"] = details[0]
    nd = len(disagreements)
    per = {f: {"disagreements": sum(1 for d in disagreements if d["format"] == f),
               "first_failing_n": min((d["n"] for d in disagreements if d["format"] == f), default=None),
               "compared": compared // len(formats)} for f in formats}
    crosscheck_json = {
        "formats": list(formats),
        "compared": compared,
        "disagreements": disagreements,
        "disagreement_count": nd,
        "by_format": per,
        "summary": ("; ".join(f"{f}: " + ("agreed on every output coordinate" if not p["disagreements"] else
                                          f"differs at {p['disagreements']} of {p['compared']} coordinates, first "
                                          f"at n = {p['first_failing_n']}") for f, p in per.items())
                    + ("" if nd == 0 else " (n, theta, i, format); the float code theta * fl(w_i) falls below the "
                                          "threshold where exact arithmetic reaches it")),
    } if crosscheck else {"disagreements": [], "summary": "float cross-check not run"}
    params = {"weights": weights, "threshold": t, "encoder_scale": a, "encoder_shift": b}
    if failures:
        cert = check.certificate(status, scope=params,
                           evidence={"n": details[0]["n"], "theta": details[0]["theta"]})
    else:
        n_cert = min(n_max, CERTIFICATE_N_MAX)
        cert = check.certificate(status, scope={"n_max": n_cert, **params},
                           evidence={"checked": (n_cert + 1) * (n_cert + 2) // 2 - 1},
                           argument=KERNEL_ARGUMENT if status is Status.PROVED else None)
        if n_cert < n_max:
            desc += f" (the certificate re-enumerates n = 1..{n_cert})"
    return check.verdict(
        status, scope={"description": desc, "n_max": n_max, "include_zero": True, "symbolic": symbolic["valid"]},
        evidence=evidence, crosscheck=crosscheck_json, certificate=cert)


def report_section(verdicts: list[dict], figdir) -> str:
    """Per float format: the first n where it disagrees with exact evaluation (a table), and a
    figure of the disagreeing coordinates per n (one line per format)."""
    from proofs.report.figures import figure_tex, format_disagreement_figure
    from proofs.report.latex import latex_table

    parts = []
    for k, v in enumerate(verdicts):
        cc = v.get("crosscheck", {})
        per = cc.get("by_format")
        if not per:
            continue
        name = f"l31-formats-{k}.pdf"
        format_disagreement_figure(cc.get("disagreements", []), list(per), v.get("scope", {}).get("n_max", 1),
                                   figdir / name, "Lemma 3.1: output coordinates where the float run differs from exact")
        rows = [[f, "none" if p["first_failing_n"] is None else str(p["first_failing_n"]), str(p["disagreements"]),
                 str(p["compared"])] for f, p in per.items()]
        parts.append(r"\begin{center}" + latex_table(["format", "first failing n", "disagreements",
                                                         "coordinates compared"], rows) + r"\end{center}")
        parts.append(figure_tex(name, r"Per float format, the number of output coordinates $(\theta, i)$ where the "
                                r"float evaluation of Lemma~3.1's network differs from the exact one, against $n$; "
                                r"the dotted line marks the first failing $n$."))
    return "\n".join(parts)
