"""004-Topo -- Kvalheim & Sontag, "Why should autoencoders work?" (arXiv 2310.02250), the obstruction.

Statement: perfect reconstruction of a data set K by a continuous autoencoder with a
k-dimensional bottleneck implies that K is homeomorphic to a subset of R^k; a circle-like
K cannot be reconstructed exactly with k = 1.

Reading checked (exactly, on a closed polygonal curve K with rational vertices, max-norm):

1. For each cut encoder E_n of :mod:`exact.curves` (n in ``widths``), two distinct points
   p != q of K with E_n(p) = E_n(q) are found exactly (level sets of the encoder along
   K from the 1-D sweep; the level sets through breakpoint values suffice to find the
   farthest such pair over all of K, see :func:`exact.curves.identified_pair`).  Then for
   *every* decoder D, max(||D(E(p)) - p||, ||D(E(q)) - q||) >= ||p - q||_inf / 2, a lower
   bound on the maximum error; it is compared with the exact maximum error of D o E_n.
2. The general statement on random ReLU encoders (and on the trained encoder, weights
   rounded to multiples of 2^-16): K is centrally symmetric, so h(s) = E(K(s)) - E(-K(s))
   has h(m/2) = -h(0) and vanishes somewhere on [0, m/2] (intermediate value theorem);
   the zero is found exactly with the 1-D sweep, giving E(p) = E(-p) and the bound
   ||p||_inf for every decoder.  The finitely many encoders checked are evidence for the
   general statement; its proof is the intermediate value theorem (not machine-checked).

Status: ``proved`` for a centrally symmetric K: the kernel checks V_{k+m/2} = -V_k and
computes min over K of ||x||_inf > 0 itself; the intermediate value theorem (named as such)
then gives E(p) = E(-p) for every continuous encoder, and the triangle inequality the bound
for every decoder.  Every listed pair (the cut encoders E_n, rebuilt by the kernel; the
random and trained encoders, bound by SHA-256) is re-checked as extra evidence.  For a K
that is not centrally symmetric only the listed encoders are checked: ``inconclusive``.
Negative control ``open_arc=True``: K is replaced by the *arc* K minus the cut cell of
E_{n}, n = the first width; there the claim fails, and the check reports ``refuted`` with
the exact autoencoder A_n, whose error the kernel finds identically 0 on the arc.
"""

from __future__ import annotations

import re

import random
from fractions import Fraction

from exact.curves import Polygon, antipodal_pair, curve_error, cut_autoencoder, identified_pair
from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import rational_str
from proofs.certificates import bind, network_json
from proofs.claim import claim
from proofs.claims.p004 import (get_curve, pair_json,
                                parse_widths, short)
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "random_encoder", "inf_norm_min"]


def random_encoder(rng: random.Random, hidden: tuple[int, ...]) -> Network:
    """A ReLU encoder R^2 -> R with weights p/q, |p| <= 9, 1 <= q <= 4 (identity output layer)."""
    dims = (2,) + tuple(hidden) + (1,)
    layers = []
    for k in range(len(dims) - 1):
        w = tuple(tuple(Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(dims[k]))
                  for _ in range(dims[k + 1]))
        b = tuple(Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(dims[k + 1]))
        act = Activation.IDENTITY if k == len(dims) - 2 else Activation.RELU
        layers.append(Layer(w, b, act))
    return Network(tuple(layers))


def inf_norm_min(curve: Polygon) -> Fraction:
    """min over K of ||x||_inf, exactly (each edge: min of a max of 4 affine functions of t)."""
    best = None
    for k in range(curve.n_edges):
        p, q = curve.edge(k)
        d = (q[0] - p[0], q[1] - p[1])
        fs = [(s * d[c], s * p[c]) for c in (0, 1) for s in (1, -1)]  # (slope, value at 0)
        cands = {Fraction(0), Fraction(1)}
        for i in range(4):
            for j in range(i + 1, 4):
                if fs[i][0] != fs[j][0]:
                    t = (fs[j][1] - fs[i][1]) / (fs[i][0] - fs[j][0])
                    if 0 < t < 1:
                        cands.add(t)
        for t in cands:
            v = max(a * t + b for a, b in fs)
            best = v if best is None else min(best, v)
    return best


_ARCHS = ((6,), (5, 4), (8,), (4, 4, 3))


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    ("Perfect reconstruction with a continuous autoencoder of bottleneck k implies that the data set K is homeomorphic "
     "to a subset of R^k: a circle-like K cannot be reconstructed exactly with k = 1."):
        (r"Perfect reconstruction with a continuous autoencoder of bottleneck $k$ implies that the data set $K$ is "
         r"homeomorphic to a subset of $\mathbb{R}^k$: a circle-like $K$ cannot be reconstructed exactly with $k = 1$."),
    re.compile(r"K = square \(closed, 4 vertices\): the cut encoders E_n for mesh n in \[([\d, ]+)\], (\d+) random ReLU "
               r"encoders \(seed (\d+)\), the trained encoder \(weights rounded to 2\^-16\); each identifies two distinct "
               r"points of K exactly \(kernel-checked\)\. Every continuous encoder of this centrally symmetric K "
               r"identifies two opposite points \(intermediate value theorem; the kernel checks K = -K and "
               r"min_K maxnorm > 0\)"):
        (r"$K$ = square (closed, 4 vertices): the cut encoders $E_n$ for mesh $n \in \{#1\}$, #2 random ReLU encoders "
         r"(seed #3), the trained encoder (weights rounded to $2^{-16}$); each identifies two distinct points of $K$ "
         r"exactly (kernel-checked). Every continuous encoder of this centrally symmetric $K$ identifies two opposite "
         r"points (intermediate value theorem; the kernel checks $K = -K$ and $\min_K \|x\|_\infty > 0$)"),
    "V_{k+m/2} = -V_k, so K(s + m/2) = -K(s)": r"$V_{k+m/2} = -V_k$, so $K(s + m/2) = -K(s)$",
    "||x||_inf >= inf_norm_min > 0 on every edge of K":
        r"$\|x\|_\infty \ge \min_K \|x\|_\infty > 0$ on every edge of $K$",
    "||D(E(p)) - p|| + ||D(E(p)) + p|| >= 2 ||p||_inf for every decoder D, so the max error is >= inf_norm_min":
        (r"$\|D(E(p)) - p\| + \|D(E(p)) + p\| \ge 2 \|p\|_\infty$ for every decoder $D$, so the max error is "
         r"$\ge \min_K \|x\|_\infty$"),
    re.compile(r"cut encoder E_(\d+)"): r"cut encoder $E_{#1}$",
    "trained 2-16-1 (rounded to 2^-16)": r"trained 2-16-1 (rounded to $2^{-16}$)",
    re.compile(r"every continuous encoder of this K, with every decoder, has max error >= min over K of maxnorm\(x\) = "
               r"(\S+)"):
        r"every continuous encoder of this $K$, with every decoder, has max error $\ge \min_K \|x\|_\infty = #1$",
    re.compile(r"proof \(the (\d+) random encoders are extra evidence\): K = -K, so h\(s\) = E\(K\(s\)\) - E\(-K\(s\)\) "
               r"has h\(s \+ m/2\) = -h\(s\); by the intermediate value theorem h vanishes on \[0, m/2\], so E\(p\) = "
               r"E\(-p\) for some p in K and every decoder errs by >= maxnorm\(p\) on p or -p \(triangle inequality\)\. "
               r"The kernel checks K = -K and min over K of maxnorm > 0; per encoder it re-checks the exact zero of h "
               r"\(q = -p, equal codes, the bound\)\."):
        (r"proof (the #1 random encoders are extra evidence): $K = -K$, so $h(s) = E(K(s)) - E(-K(s))$ has "
         r"$h(s + m/2) = -h(s)$; by the intermediate value theorem $h$ vanishes on $[0, m/2]$, so $E(p) = E(-p)$ for "
         r"some $p \in K$ and every decoder errs by $\ge \|p\|_\infty$ on $p$ or $-p$ (triangle inequality). The kernel "
         r"checks $K = -K$ and $\min_K \|x\|_\infty > 0$; per encoder it re-checks the exact zero of $h$ ($q = -p$, "
         r"equal codes, the bound)."),
    "inf norm min": r"$\min_K \|x\|_\infty$",
    "s p": r"$s_p$", "s_p": r"$s_p$", "s_q": r"$s_q$",
    "s q": r"$s_q$",
}


@claim("004-Topo",
       title_latex=r"No continuous autoencoder with a one-dimensional code reconstructs a closed curve exactly",
       reading_latex=(r"$K$: a closed polygon with rational vertices (default the boundary of $[-1,1]^2$), error in the "
                      r"max-norm. For every encoder in scope (a finite list: the scope says how many), two distinct "
                      r"points $p,q$ of $K$ with the same code are found exactly and kernel-checked, so every decoder "
                      r"has maximum error at least $\|p-q\|_\infty/2$ on $K$. Cut encoders $E_n$ of 004-Main: the "
                      r"farthest such pair over all of $K$ (searched among the level sets through breakpoint values, "
                      r"which suffices). Random ReLU encoders and the trained encoder (rounded): since $K=-K$, "
                      r"$h(s)=E(K(s))-E(-K(s))$ satisfies $h(s+m/2)=-h(s)$, so by the intermediate value theorem it "
                      r"vanishes on $[0,m/2]$; that theorem proves the general statement (any continuous encoder "
                      r"identifies two opposite points, error $\ge\min_{x\in K}\|x\|_\infty>0$ for every decoder, by "
                      r"the triangle inequality): proved for a centrally symmetric $K$ (the kernel checks $K=-K$ and "
                      r"computes $\min_{x\in K}\|x\|_\infty$ itself; the two theorems are named), inconclusive "
                      r"otherwise. The zeros found exactly by the one-dimensional sweep for the random and trained "
                      r"encoders, with $q=-p$, are re-checked extra evidence."),
       variants_latex={"negative control: open arc": r"negative control: an open arc"},
       latex=r"K \text{ a closed curve},\ k=1 \Rightarrow \text{no continuous } D\circ E \text{ with } D(E(x))=x\ \forall x\in K",
       title="No continuous autoencoder with a 1-D code reconstructs a closed curve exactly",
       source="004 (Kvalheim & Sontag, Why should autoencoders work?), abstract and introduction",
       statement=("Perfect reconstruction with a continuous autoencoder of bottleneck k implies that the data set K "
                  "is homeomorphic to a subset of R^k: a circle-like K cannot be reconstructed exactly with k = 1."),
       reading=("K: a closed polygon with rational vertices (default the boundary of [-1,1]^2), error in the "
                "max-norm. For every encoder in scope (a finite list: the scope says how many), two distinct points "
                "p, q of K with the same code are found exactly and kernel-checked, so every decoder has maximum "
                "error at least maxnorm(p - q) / 2 on K. Cut encoders E_n of 004-Main: the farthest such pair over "
                "all of K (searched among the level sets through breakpoint values, which suffices). Random ReLU "
                "encoders and the trained encoder (rounded): since K = -K, h(s) = E(K(s)) - E(-K(s)) satisfies "
                "h(s + m/2) = -h(s), so by the intermediate value theorem it vanishes on [0, m/2]; that theorem "
                "proves the general statement (any continuous encoder identifies two opposite points, error >= "
                "min_K maxnorm > 0 for every decoder, by the triangle inequality): proved for a centrally symmetric "
                "K (the kernel checks K = -K and computes min_K maxnorm itself; the two theorems are named), "
                "inconclusive otherwise. The zeros found exactly by the 1-D sweep for the random and trained "
                "encoders, with q = -p, are re-checked extra evidence."))
def check(*, curve: str = "square", widths: str = "2,4,8", random_encoders: int = 12, seed: int = 0,
          trained: bool = True, train_seed: int = 1, open_arc: bool = False, float_formats: str = "float64") -> Verdict:
    """Find identified pairs for the cut encoders, random encoders and the trained encoder."""
    from numeric.formats import parse_formats

    formats = parse_formats(float_formats)
    K = get_curve(curve)
    ws = parse_widths(widths)
    if random_encoders < 0:
        raise InvalidArgument("random_encoders must be >= 0")
    if open_arc:
        return _open_arc(K, ws[0])
    cut_pairs, anti, constructed, missing = [], [], [], []
    for n in ws:
        enc, dec = cut_autoencoder(K, n)
        pair = identified_pair(enc, K)
        if pair is None:
            missing.append(f"cut encoder E_{n}")
            continue
        err = curve_error(enc.then(dec), K, 0)
        constructed.append(pair_json(pair, f"cut encoder E_{n}", max_error=rational_str(err.max_error),
                                     bound_le_max_error=pair.bound <= err.max_error, mesh_n=n))
        cut_pairs.append({"s_p": pair.s_p, "s_q": pair.s_q, "code": pair.code, "bound": pair.bound})
    general = []
    lower = inf_norm_min(K) if K.is_centrally_symmetric() else None
    if K.is_centrally_symmetric():
        rng = random.Random(seed)
        for i in range(random_encoders):
            arch = _ARCHS[i % len(_ARCHS)]
            enc = random_encoder(rng, arch)
            pair = antipodal_pair(enc, K)
            general.append(pair_json(pair, f"random {'-'.join(map(str, (2,) + arch + (1,)))} #{i}"))
            anti.append(_antipodal_evidence(enc, pair))
    crosscheck = {"disagreements": [], "summary": "trained encoder not run"}
    if trained and K.is_centrally_symmetric():
        crosscheck = _trained_encoder(K, train_seed, general, anti, formats)
    if not all(c["bound_le_max_error"] for c in constructed):  # pragma: no cover - a lower bound above the max
        raise InvalidArgument("internal: an identified-pair bound exceeds the exact maximum error")
    # a closed curve on which an encoder is injective would refute the statement; none of the
    # cut encoders can be (so ``missing`` stays empty), but the pair is then not exhibited.
    status = Status.PROVED if not missing and K.is_centrally_symmetric() else Status.INCONCLUSIVE
    n_random = sum(g["encoder"].startswith("random") for g in general)
    desc = (f"K = {K.name} (closed, {K.m} vertices): the cut encoders E_n for mesh n in {ws}"
            + (f", {n_random} random ReLU encoders (seed {seed})" if general else "")
            + (", the trained encoder (weights rounded to 2^-16)" if trained and general else "")
            + "; each identifies two distinct points of K exactly (kernel-checked)"
            + (". Every continuous encoder of this centrally symmetric K identifies two opposite points "
               "(intermediate value theorem; the kernel checks K = -K and min_K maxnorm > 0)"
               if K.is_centrally_symmetric() else ". K is not centrally symmetric: only these encoders are checked"))
    evidence = {
        "curve": K.to_json(),
        "constructed": constructed,
        "antipodal": general,
        "inf_norm_min": rational_str(lower) if lower is not None else None,
        "general_lower_bound": (f"every continuous encoder of this K, with every decoder, has max error >= "
                                f"min over K of maxnorm(x) = {rational_str(lower)}" if lower is not None else None),
        "pair_search": ("cut encoders: the pair is the farthest (max-norm) over ALL pairs of points of K with equal "
                        "codes: the level sets E = z through the values z of E at breakpoints along K are computed "
                        "exactly, which suffices because between two consecutive such values the points of a level "
                        "set move affinely with z, so their distance is convex in z and peaks at an end; half that "
                        "distance is then the least maximum error of D o E over all decoders D (not necessarily "
                        "continuous: D(z) = centre of the level set's bounding box attains it). The kernel checks "
                        "the pair and the bound, not the maximality."),
        "general_statement": (f"proof (the {n_random} random encoders are extra evidence): K = -K, so h(s) = E(K(s)) - E(-K(s)) has h(s + m/2) = -h(s); by "
                              "the intermediate value theorem h vanishes on [0, m/2], so E(p) = E(-p) for some p in "
                              "K and every decoder errs by >= maxnorm(p) on p or -p (triangle inequality). The kernel "
                              "checks K = -K and min over K of maxnorm > 0; per encoder it re-checks the exact zero "
                              "of h (q = -p, equal codes, the bound)." if K.is_centrally_symmetric() else None),
        "missing": missing,
    }
    return check.verdict(
        status,
        scope={"description": desc, "curve": K.name, "widths": ws,
               "random_encoders": sum(g["encoder"].startswith("random") for g in general), "trained": trained,
               "seed": seed, "norm": "max"},
        evidence=evidence, crosscheck=crosscheck,
        certificate=_certificate(K, ws, n_random, seed, trained, status, cut_pairs, anti, lower))


def _antipodal_evidence(enc: Network, pair) -> dict:
    return {"encoder": bind(network_json(enc)), "s": pair.s_p, "code": pair.code, "bound": pair.bound}


def _certificate(K, ws, n_random, seed, trained, status, cut_pairs, anti, lower) -> dict:
    """The kernel rebuilds K and every E_n; random and trained encoders are bound by SHA-256."""
    evidence = {"cut_pairs": cut_pairs, "antipodal": anti}
    argument = None
    if status is Status.PROVED:
        evidence["inf_norm_min"] = lower
        argument = [("symmetric", "kernel"), ("ivt", "theorem: intermediate value theorem"),
                    ("min_norm", "kernel"), ("decoder", "theorem: triangle inequality")]
    return check.certificate(status, scope={"curve": K.name, "widths": ws, "random_encoders": n_random,
                                            "seed": seed, "trained": bool(trained and anti)},
                             evidence=evidence, argument=argument)


def _trained_encoder(K: Polygon, seed: int, general: list, anti: list, formats=("float64",)) -> dict:
    """The antipodal pair of the trained (rounded) encoder; its exact and float max errors (float64: the
    trained float model; other formats: the rounded networks run in the format)."""
    from numeric.curve_training import dense_error, network_forward
    from proofs.claims.p004.main import trained_model

    model, enc, dec = trained_model(K.name, seed)
    pair = antipodal_pair(enc, K)
    err = curve_error(enc.then(dec), K, 0)
    general.append(pair_json(pair, "trained 2-16-1 (rounded to 2^-16)", max_error=rational_str(err.max_error)))
    anti.append(_antipodal_evidence(enc, pair))
    dis, per_format = [], {}
    if float(err.max_error) + 1e-3 < float(pair.bound):  # impossible: would be an exact-arithmetic bug
        dis.append({"what": "exact max error below the antipodal bound"})
    for fmt in formats:
        _, _, ef = dense_error(model if fmt == "float64" else network_forward(enc, dec, fmt=fmt), K.vertices, 2000)
        per_format[fmt] = float(ef.max())
        if abs(float(ef.max()) - float(err.max_error)) > 1e-2:
            dis.append({"what": f"trained autoencoder max error: {fmt} dense grid vs exact (rounded weights)",
                        "float": float(ef.max()), "exact": float(err.max_error), "format": fmt})
    first = per_format[formats[0]]
    grids = ", ".join(f"{v:.4f} ({f})" for f, v in per_format.items())
    return {"disagreements": dis, "formats": list(formats), "float_max_error_per_format": per_format,
            "trained_loss": model.loss, "trained_float_max_error": first,
            "trained_exact_max_error": rational_str(err.max_error), "trained_bound": rational_str(pair.bound),
            "summary": (f"trained autoencoder (loss {model.loss:.2g}): max error on a dense grid {grids}, "
                        f"exactly {float(err.max_error):.4f} for the rounded weights, above the antipodal "
                        f"bound {float(pair.bound):.4g} as it must be"
                        + ("" if not dis else "; a dense grid misses the exact maximum (listed)"))}


def _open_arc(K: Polygon, n: int) -> Verdict:
    """Negative control: K minus the cut cell is an arc, reconstructed exactly by D o E_n."""
    enc, dec = cut_autoencoder(K, n)
    cut = K.point(Fraction(K.n_edges * n - 1, n))
    arc = Polygon(K.vertices + (cut,), closed=False, name=f"{K.name} minus the cut cell of E_{n}")
    auto = enc.then(dec)
    err = curve_error(auto, arc, 0)
    pair = identified_pair(enc, arc)
    perfect = err.max_error == 0
    status = Status.REFUTED if perfect else Status.INCONCLUSIVE
    evidence = {"curve": arc.to_json(), "mesh_n": n, "max_error": rational_str(err.max_error),
                "counterexample": (f"D o E_{n} reconstructs the arc exactly (max error 0, kernel-checked): "
                                   "a 1-D code suffices for a set that is not a closed curve"),
                "identified_pair": pair_json(pair, f"cut encoder E_{n}") if pair else None}
    return check.verdict(
        status, variant="negative control: open arc",
        scope={"description": f"K replaced by the open arc {arc.name} (not a closed curve)", "curve": arc.name,
               "widths": [n], "norm": "max"},
        evidence=evidence, crosscheck={"disagreements": [], "summary": "not run for the negative control"},
        certificate=check.certificate(status, scope={"curve": K.name, "mesh_n": n}, evidence={},
                                      variant="negative control: open arc"))


def report_section(verdicts: list[dict], figdir) -> str:
    """A table of identified pairs and a figure of them on K."""
    from proofs.claims.p004.main import figure_pairs
    from proofs.report.latex import latex_escape, latex_table

    parts = []
    for k, v in enumerate(verdicts):
        ev = v.get("evidence", {})
        if not ev.get("constructed") and not ev.get("antipodal"):
            continue
        rows = [[a["encoder"]] + [short(a[key]) for key in ("s_p", "s_q", "code", "bound")]
                + [short(a["max_error"]) if "max_error" in a else "-"]
                for a in ev.get("constructed", []) + ev.get("antipodal", [])]
        parts.append(latex_escape("Identified pairs: points K(s_p), K(s_q) (distinct) with the same code; every decoder "
                                  "then has max-norm error at least the bound; last column: the exact max error "
                                  "of the constructed (resp. trained) autoencoder.") + "\n\n")
        parts.append(r"{\small " + latex_table(["encoder", "s_p", "s_q", "code", "bound", "max error"],
                                                rows, max_rows=30) + "}\n")
        name = f"p004-topo-pairs-{k}.pdf"
        figure_pairs(ev, figdir / name)
        from proofs.report.figures import figure_tex

        parts.append(figure_tex(name, r"Identified pairs: distinct points of $K$ with the same code.",
                                width=r"0.55\linewidth"))
    return "\n".join(parts)
