"""001-H1 -- the handcrafted two-layer decoder for the linear encoder z(i) = i.

Slides "Handcrafting the solutions" / "Handcrafted Solution - Linear Encoder": z(i) = i, W2 and b2
making A2 full rank, U3 arbitrary of form (1), W3^T = A2^{-1} U3 (zero signal omitted).

Construction (exact/slides001): W2_j = -1, b2_j = j + 1, so A2[i, j] = ReLU(j + 1 - i): the zero
signal's row (i = n + 1) is 0 and the other rows form an upper triangular Toeplitz matrix
(1, 2, 3, ...) whose inverse is (I - S)^2 (S the shift).  Two verdicts:

* ``canonical U3 = X``: proved for every n by an argument the kernel checks itself
  (proofs/kernel/specs/p001b.py): A2' is upper triangular with unit diagonal and the zero signal's
  row of A2 is 0 (a sign test on polynomials), so A2 W3^T = X and ReLU(X) = X; for n <= n_max the
  construction's W3, flint's solve and the closed form W3^T = C (I - S) agree exactly (the kernel
  re-checks n <= CERTIFICATE_N_MAX itself).
* ``any U3 of form (1)``: proved by the same argument (A2' invertible for every n, the zero
  signal's row 0, and ReLU(U3') = X' by form (1)); for n <= n_max the exact rank of A2' is n, and
  random rational U3, with and without the zero signal, are re-checked end to end as a sample.

Float64 mirror (numeric/slides001): condition numbers of A2 and U3 as n grows, the first n where
float64 no longer reconstructs X exactly, and numpy.linalg.matrix_rank against the exact rank.
"""

from __future__ import annotations

import re

from exact.errors import ToolkitError
from exact.slides001 import solve_output_weights
from numeric.formats import parse_formats
from numeric.slides001 import float_reconstruction_scan, rank_scan
from proofs.claim import claim
from proofs.claims.p001 import scope_params, SOURCE as _SRC, kernel_argument, linear_decoder, strs
from proofs.verdict import Status

__all__ = ["check", "report_section", "ARGUMENT"]


#: The argument of both verdicts, as the kernel states and checks it (proofs/kernel/specs/p001b.py):
#: (step id, checker, fact); the last step's fact differs between the two variants.
ARGUMENT = [
    ("triangular", "kernel", "A2[i, j] = ReLU(j + 1 - i): ReLU(m + 1) = m + 1 for j = i + m and ReLU(-m) = 0 for "
                             "i = j + 1 + m (m >= 0), so A2' is upper triangular with unit diagonal and the zero "
                             "signal's row of A2 is 0"),
    ("invertible", "theorem: a triangular matrix with non-zero diagonal is invertible", "A2' is invertible (det 1)"),
    ("solve", "theorem: A A^{-1} = I", "A2' W3^T = U3', and the zero signal's row of A2 W3^T is 0"),
    ("form (1)", "kernel", "ReLU(U3') = X' (C > 0; form (1)) and ReLU(0) = 0 is X's zero row"),
]

#: The kernel re-checks the finite part (exact decoders for every n up to this bound) itself.
CERTIFICATE_N_MAX = 12


def _closed_form(n: int, c) -> list[list]:
    """W3 = (C (I - S))^T as rows."""
    return [[c if k == j else (-c if k == j - 1 else 0) for k in range(n)] for j in range(n)]


#: One format's part of the float cross-check's summary (the parts are joined by "; ").
_FLOAT_PART = (r"(\w+): (?:reconstructs X exactly for U3 = X \(integer data\) at every n tried|misses X for U3 = X at "
               r"n = \[([\d, ]*)\]); with random rational U3 first misses exactness at n = (\w+) \(max error (\S+) up "
               r"to n = (\d+)\); the rank rule on A2 (?:agrees with the exact rank|disagrees with the exact rank at "
               r"n = \[([\d, ]*)\]) \(n in \[([\d, ]*)\]\)")


def _number_latex(text: str) -> str:
    r"""A float as printed by ``format(x, '.2g')`` in LaTeX math (``2.1e-13`` -> ``2.1 \times 10^{-13}``)."""
    mant, _, exp = text.partition("e")
    return mant if not exp else r"%s \times 10^{%d}" % (mant, int(exp))


def _float_summary_latex(m) -> str:
    """The float cross-check's summary (every format's part) in LaTeX text."""
    out = []
    for p in re.finditer(_FLOAT_PART, m.group(0)):
        fmt, canon_bad, first, err, up_to, rank_bad, sizes = p.groups()
        out.append(
            r"\texttt{%s}: " % fmt
            + (r"reconstructs $X$ exactly for $U_3 = X$ (integer data) at every $n$ tried" if canon_bad is None else
               r"misses $X$ for $U_3 = X$ at $n \in \{%s\}$" % canon_bad)
            + (r"; with random rational $U_3$ first misses exactness at $n = %s$" % first if first != "None" else
               r"; with random rational $U_3$ exact at every $n$ tried")
            + r" (max error $%s$ up to $n = %s$); the rank rule on $A_2$ " % (_number_latex(err), up_to)
            + (r"agrees with the exact rank" if rank_bad is None else
               r"disagrees with the exact rank at $n \in \{%s\}$" % rank_bad)
            + r" ($n \in \{%s\}$)" % sizes)
    return "; ".join(out)


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"%s(?:; %s)*" % (_FLOAT_PART, _FLOAT_PART)): _float_summary_latex,
    ("Linear encoder z(i) = i; W2 and b2 make A2 full rank; U3 arbitrary of the form (1); W3^T = A2^{-1} U3 (omitting "
     "the zero signal) gives a perfect reconstruction."):
        (r"Linear encoder $z(i) = i$; $W_2$ and $b_2$ make $A_2$ full rank; $U_3$ arbitrary of the form (1); "
         r"$W_3^T = A_2^{-1} U_3$ (omitting the zero signal) gives a perfect reconstruction."),
    re.compile(r"all n \(argument checked by the kernel\); for n = 1\.\.(\d+) the construction's W3, flint's solve of "
               r"A2' W3\^T = U3' and the closed form C \(I - S\) agree exactly \(the kernel re-checks n = 1\.\.(\d+)\)"):
        (r"all $n$ (argument checked by the kernel); for $n = 1, \dots, #1$ the construction's $W_3$, flint's solve of "
         r"$A_2' W_3^T = U_3'$ and the closed form $C (I - S)$ agree exactly (the kernel re-checks $n = 1, \dots, #2$)"),
    ("A2[i, j] = ReLU(j + 1 - i): ReLU(m + 1) = m + 1 for j = i + m, ReLU(-m) = 0 for i = j + 1 + m (m >= 0): rows "
     "1..n form an upper triangular matrix with unit diagonal, row n + 1 (the zero signal's) is 0"):
        (r"$A_2[i, j] = \mathrm{ReLU}(j + 1 - i)$: $\mathrm{ReLU}(m + 1) = m + 1$ for $j = i + m$, "
         r"$\mathrm{ReLU}(-m) = 0$ for $i = j + 1 + m$ ($m \ge 0$): rows $1, \dots, n$ form an upper triangular matrix "
         r"with unit diagonal, row $n + 1$ (the zero signal's) is $0$"),
    "A2' is invertible (det A2' = 1)": r"$A_2'$ is invertible ($\det A_2' = 1$)",
    "A A^{-1} = I": r"$A A^{-1} = I$",
    "theorem: A A^{-1} = I": r"theorem: $A A^{-1} = I$",
    "A2' W3^T = A2' A2'^{-1} U3' = U3', and the zero signal's row of A2 W3^T is 0 W3^T = 0":
        r"$A_2' W_3^T = A_2' A_2'^{-1} U_3' = U_3'$, and the zero signal's row of $A_2 W_3^T$ is $0 \cdot W_3^T = 0$",
    "ReLU(X) = X since C > 0": r"$\mathrm{ReLU}(X) = X$ since $C > 0$",
    ("A2[i, j] = ReLU(j + 1 - i): ReLU(m + 1) = m + 1 for j = i + m and ReLU(-m) = 0 for i = j + 1 + m (m >= 0), so "
     "A2' is upper triangular with unit diagonal and the zero signal's row of A2 is 0"):
        (r"$A_2[i, j] = \mathrm{ReLU}(j + 1 - i)$: $\mathrm{ReLU}(m + 1) = m + 1$ for $j = i + m$ and "
         r"$\mathrm{ReLU}(-m) = 0$ for $i = j + 1 + m$ ($m \ge 0$), so $A_2'$ is upper triangular with unit diagonal "
         r"and the zero signal's row of $A_2$ is $0$"),
    "A2' is invertible (det 1)": r"$A_2'$ is invertible ($\det = 1$)",
    "A2' W3^T = U3', and the zero signal's row of A2 W3^T is 0": r"$A_2' W_3^T = U_3'$, and the zero signal's row of $A_2 W_3^T$ is $0$",
    "ReLU(A2 W3^T) = X for every n, with W3^T = A2'^{-1} X' = C (I - S)":
        r"$\mathrm{ReLU}(A_2 W_3^T) = X$ for every $n$, with $W_3^T = A_2'^{-1} X' = C (I - S)$",
    re.compile(r"001-H1 \[canonical U3 = X\] proved \(([^)]*)\): .*"):
        lambda m: (r"001-H1 [canonical $U_3 = X$] proved (%s): For $z(i) = i$, $W_{2,j} = -1$, $b_{2,j} = j + 1$ and "
                   r"$U_3 = X$, the decoder with $W_3^T = A_2'^{-1} X'$ reconstructs $X$ for every $n$ (and $C > 0$)."
                   % m.group(1).replace("_", r"\_")),
    "example n4": r"example, $n = 4$",
    re.compile(r"all n and every U3 of form \(1\), with and without the zero signal \(argument checked by the kernel\); "
               r"A2' has exact rank n for n = 1\.\.(\d+) \(the kernel re-checks n = 1\.\.(\d+)\); plus (\d+) random "
               r"rational U3 checked end to end \(a sample\)"):
        (r"all $n$ and every $U_3$ of form (1), with and without the zero signal (argument checked by the kernel); "
         r"$A_2'$ has exact rank $n$ for $n = 1, \dots, #1$ (the kernel re-checks $n = 1, \dots, #2$); plus #3 random "
         r"rational $U_3$ checked end to end (a sample)"),
    "ReLU(U3') = X' for U3 of form (1) as C > 0, and ReLU(0) = 0 is X's zero row":
        r"$\mathrm{ReLU}(U_3') = X'$ for $U_3$ of form (1) as $C > 0$, and $\mathrm{ReLU}(0) = 0$ is $X$'s zero row",
    "ReLU(U3') = X' (C > 0; form (1)) and ReLU(0) = 0 is X's zero row":
        r"$\mathrm{ReLU}(U_3') = X'$ ($C > 0$; form (1)) and $\mathrm{ReLU}(0) = 0$ is $X$'s zero row",
    "ReLU(A2 W3^T) = X for every n and every U3 of form (1)":
        r"$\mathrm{ReLU}(A_2 W_3^T) = X$ for every $n$ and every $U_3$ of form (1)",
    re.compile(r"001-H1 \[any U3 of form \(1\)\] proved \(([^)]*)\): .*"):
        lambda m: (r"001-H1 [any $U_3$ of form (1)] proved (%s): For $z(i) = i$, $W_{2,j} = -1$, $b_{2,j} = j + 1$ and "
                   r"every $U_3$ of form (1), with or without the zero signal, the decoder with "
                   r"$W_3^T = A_2'^{-1} U_3'$ reconstructs $X$, for every $n$ and $C > 0$." % m.group(1).replace("_", r"\_")),
    "float64 ReLU(A2 W3^T) != X (random U3)": r"float64 $\mathrm{ReLU}(A_2 W_3^T) \ne X$ (random $U_3$)",
}


@claim("001-H1",
       title_latex=r"Handcrafted two-layer decoder for the linear encoder $z(i)=i$",
       reading_latex=(r"$W_{2,j}=-1$, $b_{2,j}=j+1$ (ratios $k_j=-(j+1)$); $A_2$ is $(n+1)\times n$ with a zero last "
                      r"row; $W_3^T=A_2'^{-1}U_3'$, the prime dropping the zero signal's row, so the zero signal is "
                      r"reconstructed too (its row of $U_3$ is $0$). Checked for $U_3=X$ (closed form, all $n$) and "
                      r"random rational $U_3$ of form (1), with and without the zero signal."),
       variants_latex={"canonical U3 = X": r"canonical $U_3=X$",
                       "any U3 of form (1)": r"any $U_3$ of form (1)"},
       latex=r"z_i=i,\ W_{2,j}=-1,\ b_{2,j}=j+1,\ W_3^T=A_2'^{-1}U_3' \Rightarrow Y=X",
       title="Handcrafted two-layer decoder for the linear encoder z(i) = i",
       source=_SRC + ", slides 'Handcrafting the solutions' and 'Handcrafted Solution - Linear Encoder'",
       statement=("Linear encoder z(i) = i; W2 and b2 make A2 full rank; U3 arbitrary of the form (1); "
                  "W3^T = A2^{-1} U3 (omitting the zero signal) gives a perfect reconstruction."),
       reading=("W2_j = -1, b2_j = j + 1 (ratios k_j = -(j+1)); A2 is (n+1) x n with a zero last row; W3^T = A2'^{-1} U3' "
                "with ' dropping the zero signal's row, so the zero signal is reconstructed too (its row of U3 is 0). "
                "Checked for U3 = X (closed form, all n) and random rational U3 of form (1), with and without the zero "
                "signal."))
def check(*, n_max: int = 40, samples: int = 2, seed: int = 0, amplitude: str = "1", float_n_max: int = 120,
          float_formats: str = "float64") -> list:
    c = scope_params(n_max, amplitude)
    formats = parse_formats(float_formats)
    verdicts = []

    mismatch = []
    for n in range(1, n_max + 1):
        dec = linear_decoder(n, c)
        flint_W3 = solve_output_weights(dec.A2.rows(), dec.U3.rows(), dec.zero_index)   # independent flint solve
        if dec.W3.to_strings() != strs(_closed_form(n, c)) or flint_W3 != dec.W3 or dec.output_violations(c):
            mismatch.append(n)
    if mismatch:   # the argument covers every n: a mismatch is a bug of the construction, not a counterexample
        raise ToolkitError(f"001-H1: the handcrafted decoder disagrees with its closed form at n = {mismatch[:10]}")
    ex = linear_decoder(4, c)
    n_cert = min(n_max, CERTIFICATE_N_MAX)
    steps = ARGUMENT[:-1] + [("relu X", "kernel", "ReLU(X) = X since C > 0")]
    cert = check.certificate(Status.PROVED, variant="canonical U3 = X", scope={"n_max": n_cert, "amplitude": c},
                             evidence={"checked": n_cert}, argument=[(i, ch) for i, ch, _ in steps])
    arg = kernel_argument(cert, steps, "ReLU(A2 W3^T) = X for every n, with W3^T = A2'^{-1} X' = C (I - S)")
    verdicts.append(check.verdict(
        Status.PROVED, variant="canonical U3 = X",
        scope={"description": f"all n (argument checked by the kernel); for n = 1..{n_max} the construction's W3, "
                              f"flint's solve of A2' W3^T = U3' and the closed form C (I - S) agree exactly "
                              f"(the kernel re-checks n = 1..{n_cert})",
               "n_max": n_max},
        evidence={"argument": arg,
                  "example_n4": {"W2": strs(ex.W2), "b2": strs(ex.b2), "A2": strs(ex.A2), "W3": strs(ex.W3)}},
        certificate=cert))

    fails, checked, singular = [], 0, []
    for n in range(1, n_max + 1):
        for inc in (True, False):
            base = linear_decoder(n, c, inc)
            if base.A2.rank() != n or (inc and any(base.A2.rows()[n])):
                singular.append({"n": n, "zero_signal": inc})
            for s in range(samples):
                dec = linear_decoder(n, c, inc, "random", seed * 100003 + 7919 * n + s)
                checked += 1
                if dec.output_violations(c):
                    fails.append({"n": n, "zero_signal": inc})
    if fails or singular:   # the argument covers every n and U3: a failure is a bug of the construction
        raise ToolkitError(f"001-H1: the handcrafted decoder fails at {(fails + singular)[:5]}")
    sizes = sorted({n for n in list(range(1, 21)) + [40, 80, float_n_max] if n <= float_n_max})
    disagreements, per_format, summaries, compared = [], {}, [], 0
    for fmt in formats:
        scan_r = float_reconstruction_scan(sizes, "random", seed, fmt=fmt)
        scan_c = float_reconstruction_scan([n for n in (10, 50, 100, float_n_max) if n <= float_n_max], "canonical",
                                           seed, fmt=fmt)
        ranks = rank_scan([n for n in (10, 50, 100, float_n_max) if n <= float_n_max], "linear", fmt=fmt)
        compared += len(scan_r) + len(scan_c) + len(ranks)
        first_inexact = next((r["n"] for r in scan_r if not r["exact_equal"]), None)
        canon_bad = [r["n"] for r in scan_c if not r["exact_equal"]]
        disagreements += [{"n": r["n"], "kind": f"{fmt} ReLU(A2 W3^T) != X ({k} U3)", "max_abs_error": r["max_abs_error"],
                           "format": fmt}
                          for k, scan in (("random", scan_r), ("canonical", scan_c)) for r in scan if not r["exact_equal"]]
        disagreements += [{"n": r["n"], "kind": "matrix rank rule != exact rank", "numpy": r["numpy_rank"],
                           "exact": r["exact_rank"], "format": fmt} for r in ranks if r["numpy_rank"] != r["exact_rank"]]
        per_format[fmt] = {
            "first_n_float_not_exact_random_U3": first_inexact,
            "canonical_U3_float_exact_up_to": max((r["n"] for r in scan_c if r["exact_equal"]), default=None),
            "condition_numbers": [{"n": r["n"], "cond_A2": round(r["cond_A2"], 1), "cond_U3": float(f"{r['cond_U3']:.3g}")}
                                  for r in scan_r if r["n"] in (1, 5, 10, 20, 40, 80, float_n_max)]}
        rank_bad = [r["n"] for r in ranks if r["numpy_rank"] != r["exact_rank"]]
        summaries.append(
            f"{fmt}: " + (f"reconstructs X exactly for U3 = X (integer data) at every n tried" if not canon_bad else
                          f"misses X for U3 = X at n = {canon_bad}")
            + f"; with random rational U3 first misses exactness at n = {first_inexact} (max error "
            f"{max((r['max_abs_error'] for r in scan_r), default=0):.2g} up to n = {float_n_max}); the rank rule on A2 "
            + ("agrees with the exact rank" if not rank_bad else f"disagrees with the exact rank at n = {rank_bad}")
            + f" (n in {[r['n'] for r in ranks]})")
    first = per_format[formats[0]]
    cc = {"disagreements": disagreements, "compared": compared, "formats": list(formats), "per_format": per_format,
          "first_n_float_not_exact_random_U3": first["first_n_float_not_exact_random_U3"],
          "canonical_U3_float_exact_up_to": first["canonical_U3_float_exact_up_to"],
          "condition_numbers": first["condition_numbers"],
          "summary": "; ".join(summaries)}
    cert = check.certificate(Status.PROVED, variant="any U3 of form (1)", scope={"n_max": n_cert, "amplitude": c},
                             evidence={"checked": n_cert}, argument=[(i, ch) for i, ch, _ in ARGUMENT])
    arg = kernel_argument(cert, ARGUMENT, "ReLU(A2 W3^T) = X for every n and every U3 of form (1)")
    verdicts.append(check.verdict(
        Status.PROVED, variant="any U3 of form (1)",
        scope={"description": f"all n and every U3 of form (1), with and without the zero signal (argument checked "
                              f"by the kernel); A2' has exact rank n for n = 1..{n_max} (the kernel re-checks "
                              f"n = 1..{n_cert}); plus {checked} random rational U3 checked end to end (a sample)",
               "n_max": n_max},
        evidence={"argument": arg, "sample_instances": checked}, crosscheck=cc, certificate=cert))
    return verdicts


def report_section(verdicts, figdir) -> str:
    """Figures: the handcrafted decoder's output for a few codes; the zero pattern of A2."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from exact.slides001 import full_rank_layer2
    from numeric.slides001 import float_matrix
    from proofs.report.figures import save_figure

    n = 8
    dec = linear_decoder(n, 1, True, "random", 3)
    W2 = np.array([float(v) for v in dec.W2]); b2 = np.array([float(v) for v in dec.b2])
    W3 = float_matrix(dec.W3.rows())
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
    ax = axes[0]
    for k, i in enumerate((1, 3, 6, 9)):
        y = dec.network.evaluate([i])
        ax.step(range(1, n + 1), [float(v) + 0.04 * k for v in y], where="mid",
                label=f"code $z = {i}$" + (" (zero signal)" if i == n + 1 else ""))
    ax.set_xlabel("output coordinate $j$"); ax.set_ylabel("$y_j$ (offset for visibility)")
    ax.set_title("handcrafted decoder, $n = 8$, random $U_3$ of form (1)", fontsize=8); ax.legend(fontsize=7)
    ax = axes[1]
    zs = np.linspace(0, n + 2, 400)
    Y = np.maximum(np.maximum(zs[:, None] * W2 + b2, 0) @ W3.T, 0)
    for j in (0, 2, 4, 7):
        ax.plot(zs, Y[:, j], label=f"$y_{{{j + 1}}}(z)$")
    ax.set_xlabel("code $z$ (continuous)"); ax.set_title("outputs between the codes (piecewise linear)", fontsize=8)
    ax.legend(fontsize=7)
    save_figure(fig, figdir / "h1-decoder-output.pdf")

    fig, axes = plt.subplots(1, 2, figsize=(7, 3.4))
    for ax, (title, codes) in zip(axes, [("$z(i) = i$, $n = 20$", list(range(1, 22))),
                                         ("random codes, $n = 20$", [((7 * i) % 23) - 11 for i in range(21)])]):
        W2e, b2e = full_rank_layer2(codes, 20)
        A = np.maximum(np.outer(codes, [float(v) for v in W2e]) + np.array([float(v) for v in b2e]), 0)
        ax.spy(A, markersize=3)
        ax.set_title("$A_2$ non-zeros: " + title, fontsize=8)
    save_figure(fig, figdir / "h1-a2-pattern.pdf")
    from proofs.report.figures import figure_tex

    return (figure_tex("h1-decoder-output.pdf", r"The handcrafted decoder: exact outputs at a few codes (left, each a "
                       r"row of $X$) and the same decoder between the codes (right).", width=r"0.95\linewidth")
            + "\n\n" + figure_tex("h1-a2-pattern.pdf", r"Zero pattern of $A_2$ (rows: codes, columns: neurons); the "
                                    r"zero signal's row is $0$.", width=r"0.7\linewidth"))
