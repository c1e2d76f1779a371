"""001-L1 -- one-layer decoder: the necessary condition on the output activation.

Slides "One Layer Decoder / Necessary Condition": a one-layer decoder y = g(W z + b) (W, b in R^n,
scalar code z) can generate the n + 1 step functions from their codes only if there are two
non-overlapping proper intervals A, B with g = 0 on A and g = C on B.

Three verdicts (variants):

* ``relu``: the consequence CLAIMS.md asks about.  A one-layer ReLU decoder reconstructs X
  (any distinct codes, any W, b) iff n = 1 with the zero signal, iff n <= 2 without it.
  Impossibility (n >= 2, resp. n >= 3) by a kernel-checked argument on column 2 of X (an affine
  map equal to C at two distinct codes is constant, so it cannot vanish at a third);
  constructions for n = 1 (resp. n = 2) checked by the kernel.
  The other side (the condition present admits a construction): the hard threshold g = C [u >= 0]
  (intervals A = (-inf, 0), B = [0, inf)) reconstructs X for every n <= n_max.
* ``literal``: the lemma for an arbitrary activation g is refuted: only finitely many values of g
  matter, so g may equal 0 and C only at isolated points.  Shrunk counterexample n = 1,
  g(u) = C |u| (certified: the kernel checks that no piece of g is flat), codes 1, 2; and a zig-zag
  piecewise-linear g without any flat piece that works with z(i) = i for every n <= n_max.
"""

from __future__ import annotations

import bisect
import re
from fractions import Fraction

from exact.network import Activation, Layer, Network
from exact.scalar import rational_str
from exact.slides001 import (data_rows, decoder_output, linear_codes, one_layer_relu_decoder,
                             threshold_decoder)
from proofs.claim import claim
from proofs.claims.p001 import scope_params, SOURCE as _SRC
from proofs.verdict import Status

__all__ = ["check", "relu_decoder_exists", "zigzag_activation", "zigzag_decoder", "abs_activation_decoder"]


def relu_decoder_exists(n: int, include_zero: bool = True) -> bool:
    """The exact answer proved below: n == 1 with the zero signal, n <= 2 without."""
    return n == 1 if include_zero else n <= 2


def _relu_construction(n: int, c: Fraction, include_zero: bool) -> tuple[Network, list]:
    """ReLU decoder for the small n where one exists: column 1 ReLU(2C - C z), other columns constant C."""
    codes = list(linear_codes(n, include_zero))
    W = [Fraction(-1) * c] + [Fraction(0)] * (n - 1)
    b = [2 * c] + [c] * (n - 1)
    return one_layer_relu_decoder(W, b), codes


#: The impossibility argument the kernel checks itself (proofs/kernel/specs/p001.py, 001-L1 [relu]).
KERNEL_ARGUMENT = [("column", "kernel"), ("relu", "kernel"), ("solve", "kernel"), ("contradiction", "kernel")]
IMPOSSIBILITY = ("n >= 2 with the zero signal (n >= 3 without): column 2 of X is C, C, 0 in rows 1, 2, 3; ReLU(u) = C "
                 "iff u = C and ReLU(u) = 0 iff u <= 0 (C > 0); w z1 + b = w z2 + b = C with z1 != z2 forces w = 0, "
                 "b = C, so row 3 gets C, not 0 (each step checked by the kernel)")


def abs_activation_decoder(c: Fraction) -> Network:
    """n = 1, codes 1, 2: y = g(z - 2) with g(u) = C |u| = C ReLU(u) + C ReLU(-u), as a ReLU network."""
    return Network((Layer(((Fraction(1),), (Fraction(-1),)), (Fraction(-2), Fraction(2)), Activation.RELU),
                    Layer(((c, c),), (), Activation.IDENTITY)))


def zigzag_activation(n: int, c: Fraction) -> list[tuple[Fraction, Fraction]]:
    """Breakpoints (u, g(u)) of a piecewise-linear g with g(u) = C at u = -(n-1)..0, g(u) = 0 at u = 1..n,
    and no flat piece: equal neighbours get a peak between them (outside, slopes -1 and +1)."""
    pts = [(Fraction(k), c if k <= 0 else Fraction(0)) for k in range(-(n - 1), n + 1)]
    out = [pts[0]]
    for (u0, g0), (u1, g1) in zip(pts, pts[1:]):
        if g0 == g1:
            out.append(((u0 + u1) / 2, g0 + c))
        out.append((u1, g1))
    return out


def _pl_value(bps: list, u: Fraction) -> Fraction:
    if u <= bps[0][0]:
        return bps[0][1] + (bps[0][0] - u)
    if u >= bps[-1][0]:
        return bps[-1][1] + (u - bps[-1][0])
    k = max(1, bisect.bisect_left([p[0] for p in bps], u))
    (u0, g0), (u1, g1) = bps[k - 1], bps[k]
    return g0 + (g1 - g0) * (u - u0) / (u1 - u0)


def zigzag_decoder(n: int, c: Fraction) -> Network:
    """The decoder y_j = g(z - j) with the zig-zag g, as a ReLU network (for the certificate).

    With breakpoints (u_k, g_k), slopes s_k between them, s_{-1} = -1 and s_m = +1 outside:
    g(u) = g_0 + u_0 - u + sum_k (s_k - s_{k-1}) ReLU(u - u_k); z = ReLU(z) - ReLU(-z).
    """
    bps = zigzag_activation(n, c)
    slopes = [Fraction(-1)] + [(g1 - g0) / (u1 - u0) for (u0, g0), (u1, g1) in zip(bps, bps[1:])] + [Fraction(1)]
    jumps = [(u, slopes[k + 1] - slopes[k]) for k, (u, _) in enumerate(bps)]
    thresholds = sorted({j + u for j in range(1, n + 1) for u, _ in bps})
    col = {t: 2 + k for k, t in enumerate(thresholds)}
    hidden = Layer(((Fraction(1),), (Fraction(-1),)) + tuple((Fraction(1),) for _ in thresholds),
                   (Fraction(0), Fraction(0)) + tuple(-t for t in thresholds), Activation.RELU)
    W, b = [], []
    for j in range(1, n + 1):
        row = [Fraction(0)] * (2 + len(thresholds))
        row[0], row[1] = Fraction(-1), Fraction(1)
        for u, d in jumps:
            row[col[j + u]] += d
        W.append(tuple(row))
        b.append(bps[0][1] + bps[0][0] + j)
    return Network((hidden, Layer(tuple(W), tuple(b), Activation.IDENTITY)))


def _flat_pieces(bps: list) -> int:
    return sum(1 for (u0, g0), (u1, g1) in zip(bps, bps[1:]) if g0 == g1)


def _holds(m) -> str:
    return "" if m == "True" else r" (\textbf{NOT})"


#: Texts of this claim's verdicts (the kernel's steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    "column 2 of X is C, C, 0 in rows 1, 2, 3 (X(i, j) = C iff j >= i)":
        r"column $2$ of $X$ is $C, C, 0$ in rows $1, 2, 3$ ($X(i, j) = C$ iff $j \ge i$)",
    "ReLU(u) = C iff u = C and ReLU(u) = 0 iff u <= 0, as C > 0":
        r"$\mathrm{ReLU}(u) = C \iff u = C$ and $\mathrm{ReLU}(u) = 0 \iff u \le 0$, as $C > 0$",
    "(w z1 + b) - (w z2 + b) = w (z1 - z2): z1 != z2 forces w = 0, b = C":
        r"$(w z_1 + b) - (w z_2 + b) = w (z_1 - z_2)$: $z_1 \ne z_2$ forces $w = 0$, $b = C$",
    "w z3 + b = C > 0, so ReLU gives C where X has 0": r"$w z_3 + b = C > 0$, so ReLU gives $C$ where $X$ has $0$",
    "a one-layer ReLU decoder reconstructs X iff n = 1 (zero signal included), iff n <= 2 (zero signal dropped)":
        r"a one-layer ReLU decoder reconstructs $X$ iff $n = 1$ (zero signal included), iff $n \le 2$ (zero signal dropped)",
    IMPOSSIBILITY:
        (r"$n \ge 2$ with the zero signal ($n \ge 3$ without): column $2$ of $X$ is $C, C, 0$ in rows $1, 2, 3$; "
         r"$\mathrm{ReLU}(u) = C \iff u = C$ and $\mathrm{ReLU}(u) = 0 \iff u \le 0$ ($C > 0$); "
         r"$w z_1 + b = w z_2 + b = C$ with $z_1 \ne z_2$ forces $w = 0$, $b = C$, so row $3$ gets $C$, not $0$ "
         r"(each step checked by the kernel)"),
    re.compile(r"g\(u\) = C \[u >= 0\], W_j = -1, b_j = j \+ 1/2, z\(i\) = i reconstructs X for every n = 1\.\.(\d+): "
               r"(True|False)"):
        lambda m: (r"$g(u) = C\,[u \ge 0]$, $W_j = -1$, $b_j = j + 1/2$, $z(i) = i$ reconstructs%s $X$ for every "
                   r"$n = 1, \dots, %s$" % (_holds(m.group(2)), m.group(1))),
    ("for a monotone g and n >= 2 the condition is necessary: the preimages g^{-1}(0) and g^{-1}(C) are intervals "
     "(monotone g) containing two distinct pre-activations each (columns 1 and 2), hence proper and disjoint"):
        (r"for a monotone $g$ and $n \ge 2$ the condition is necessary: the preimages $g^{-1}(0)$ and $g^{-1}(C)$ are "
         r"intervals (monotone $g$) containing two distinct pre-activations each (columns $1$ and $2$), hence proper "
         r"and disjoint"),
    re.compile(r"a piecewise-linear g with no flat piece \(peaks between equal neighbours\), y_j = g\(z - j\), "
               r"z\(i\) = i, reconstructs X exactly for every n = 1\.\.(\d+): (True|False)"):
        lambda m: (r"a piecewise-linear $g$ with no flat piece (peaks between equal neighbours), $y_j = g(z - j)$, "
                   r"$z(i) = i$, reconstructs%s $X$ exactly for every $n = 1, \dots, %s$" % (_holds(m.group(2)), m.group(1))),
    "zigzag breakpoints n3": r"zigzag breakpoints, $n = 3$",
}


@claim("001-L1",
       title_latex=r"One-layer decoder: $g$ must be $0$ on an interval and $C$ on another",
       reading_latex=(r"Decoder $y=g(Wz+b)$, $W,b\in\mathbb{Q}^n$, distinct scalar codes $z_1,\dots,z_{n+1}$ for the "
                      r"rows of $X$. Literal reading: for any function $g$. ReLU reading: for $g=\mathrm{ReLU}$ (which "
                      r"has no interval where it equals $C>0$), for which $n$ a decoder exists; with and without the "
                      r"zero signal."),
       variants_latex={"relu": r"$g=\mathrm{ReLU}$",
                       "literal": r"literal (any $g$)"},
       readings_latex={"relu": (r"$g=\mathrm{ReLU}$: for which $n$ does a one-layer decoder $\mathrm{ReLU}(Wz+b)$ "
                                r"reconstruct $X$ from distinct codes?"),
                       "literal": (r"For an arbitrary activation $g$ (only its values at the pre-activations $W_j "
                                   r"z_i+b_j$ matter).")},
       latex=r"g(Wz_i+b)=x^{(i)}\ \forall i \Rightarrow \exists A,B \text{ disjoint intervals}: g|_A=0,\ g|_B=C",
       title="One-layer decoder: g must be 0 on an interval and C on another",
       source=_SRC + ", slide 'One Layer Decoder: Necessary Condition' (Lemma)",
       statement=("A one layer decoder is able to generate the n+1 different step functions out of their scalar "
                  "codes z only if there exist two non-overlapping proper intervals A and B such that g(u) = 0 "
                  "on A and g(u) = C on B."),
       reading=("Decoder y = g(W z + b), W, b in Q^n, distinct scalar codes z_1..z_{n+1} for the rows of X. "
                "Literal reading: for any function g. ReLU reading (CLAIMS.md): for g = ReLU (which has no interval "
                "where it equals C > 0), for which n a decoder exists; with and without the zero signal."))
def check(*, n_max: int = 40, amplitude: str = "1") -> list:
    c = scope_params(n_max, amplitude, 2)
    verdicts = []

    # -- ReLU reading --------------------------------------------------------------------
    constructions = []
    for inc in (True, False):
        nmax_ok = 1 if inc else 2
        for n in range(1, nmax_ok + 1):
            net, codes = _relu_construction(n, c, inc)
            X = data_rows(n, c, inc)
            ok = [tuple(o) for o in decoder_output(net, codes)] == [tuple(x) for x in X]
            constructions.append({"n": n, "zero_signal": inc, "reconstructs": ok,
                                  "W": [rational_str(r[0]) for r in net.layers[0].weight],
                                  "b": [rational_str(v) for v in net.layers[0].bias]})
    threshold_ok = []
    for n in range(1, n_max + 1):   # y_j = C [j + 1/2 - z >= 0] (for C = 1 the network threshold_decoder(n))
        codes = linear_codes(n)
        out = [tuple(c if j + Fraction(1, 2) - z >= 0 else Fraction(0) for j in range(1, n + 1)) for z in codes]
        if c == 1:
            out = [tuple(o) for o in decoder_output(threshold_decoder(n), codes)]
        threshold_ok.append(out == list(data_rows(n, c)))
    all_constructions = all(x["reconstructs"] for x in constructions) and all(threshold_ok)
    status = Status.PROVED if all_constructions else Status.INCONCLUSIVE
    evidence = {
        "answer": "a one-layer ReLU decoder reconstructs X iff n = 1 (zero signal included), iff n <= 2 (zero signal dropped)",
        "impossibility_argument": IMPOSSIBILITY,
        "constructions_for_small_n": constructions,
        "hard_threshold_decoder": (f"g(u) = C [u >= 0], W_j = -1, b_j = j + 1/2, z(i) = i reconstructs X for every "
                                   f"n = 1..{n_max}: {all(threshold_ok)}"),
        "refined_reading_note": ("for a monotone g and n >= 2 the condition is necessary: the preimages g^{-1}(0) "
                                 "and g^{-1}(C) are intervals (monotone g) containing two distinct pre-activations "
                                 "each (columns 1 and 2), hence proper and disjoint"),
    }
    cert = check.certificate(status, scope={"amplitude": c, "n_max": n_max}, evidence={"checked": 3 + n_max},
                             variant="relu", argument=KERNEL_ARGUMENT if status is Status.PROVED else None)
    verdicts.append(check.verdict(
        status, variant="relu",
        scope={"description": "all n and all distinct codes, W, b (kernel-checked argument); constructions for n = 1 "
                              f"(and n = 2 without the zero signal); hard-threshold side for n = 1..{n_max}",
               "n_max": n_max},
        evidence=evidence,
        reading="g = ReLU: for which n does a one-layer decoder ReLU(W z + b) reconstruct X from distinct codes?",
        certificate=cert))

    # -- literal reading -----------------------------------------------------------------
    net = abs_activation_decoder(c)
    X1 = data_rows(1, c)
    out1 = [tuple(o) for o in decoder_output(net, [1, 2])]
    found = out1 == list(X1)
    zig = []
    for n in range(1, n_max + 1):
        bps = zigzag_activation(n, c)
        X = data_rows(n, c)
        ok = all(_pl_value(bps, Fraction(i - j)) == X[i - 1][j - 1] for i in range(1, n + 2) for j in range(1, n + 1))
        zig.append({"n": n, "reconstructs": ok, "flat_pieces": _flat_pieces(bps)})
    zig_ok = all(z["reconstructs"] and z["flat_pieces"] == 0 for z in zig)
    status = Status.REFUTED if found else Status.INCONCLUSIVE
    counterexample = {"n": 1, "codes": [1, 2], "W": [1], "b": [-2], "breakpoints": [[0, 0]],
                      "left_slope": -c, "right_slope": c}    # g(u) = C |u|
    evidence = {
        "minimal_counterexample": {"n": 1, "codes": ["1", "2"], "activation": "g(u) = C |u|", "W": ["1"], "b": ["-2"],
                                   "outputs": [[rational_str(v) for v in o] for o in out1],
                                   "why": "g = C only at u = +-1 and g = 0 only at u = 0: no proper interval A or B"},
        "zigzag_family": (f"a piecewise-linear g with no flat piece (peaks between equal neighbours), y_j = g(z - j), "
                          f"z(i) = i, reconstructs X exactly for every n = 1..{n_max}: {zig_ok}"),
        "zigzag_breakpoints_n3": [[rational_str(u), rational_str(g)] for u, g in zigzag_activation(3, c)],
    }
    cert = check.certificate(status, scope={"amplitude": c}, evidence=counterexample, variant="literal")
    verdicts.append(check.verdict(
        status, variant="literal",
        scope={"description": f"counterexample at n = 1 (certified: g(u) = C |u|, every piece of non-zero slope); "
                              f"zig-zag family checked exactly for n = 1..{n_max}", "n_max": n_max},
        evidence=evidence,
        reading="For an arbitrary activation g (only its values at the pre-activations W_j z_i + b_j matter).",
        certificate=cert))
    return verdicts
