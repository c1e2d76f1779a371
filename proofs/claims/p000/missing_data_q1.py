"""000-Q1 -- missing data: what can a decoder admissible on a subset S of step functions do on the rest?

Source: 000 section 2, "Robustness/generalization ... What happens when some data is missing?".

Reading, class 1 (``threshold``): Lemma 3.1's class with the sum encoder, f_D(z) = sigma(z w),
sigma(u) = [u >= 1], any real w.  Admissible on S subset {0..n} means f(x_theta) = x_theta for
theta in S.  Exact characterisation (r_i = 1/w_i, r_i = +inf for w_i <= 0): output i on theta
is [theta >= r_i], so admissibility on S is r_i in (a_i, b_i] independently per i, with a_i the
largest theta in S below i and b_i the smallest theta in S at or above i.  Hence for a
missing theta' >= 1, with p = max(S cap [0, theta')) (0 if none) and q = min(S cap (theta', n])
(n if none), coordinate i can be wrong for some admissible decoder iff p < i <= q; all of
them at once (the r_i are independent), so the worst case is q - p wrong coordinates; the
zero signal (theta' = 0) is always decoded correctly.  Checked for every S and n <= n_max
against an independent exact 1-D feasibility computation of each (S, theta', i) (the kernel
decides every case again), and for n <= n_cert the worst case is attained by a constructed
decoder (a check of this module).

Class 2 (``relu2``): 001's two-layer ReLU decoder with z = theta and n2 = n neurons, layer 2
fixed (the set of W3 admissible on S is then a polyhedron, one per output row).  For each
output j of a missing theta' it is decided exactly (exact.certify.missing_output_range) whether
j is ``unbounded`` (a ray D of W3 keeping every present pre-activation, with A2_theta' D = 1:
the error grows without bound), ``wrong`` (bounded but some admissible W3 errs), ``right``
(Motzkin multipliers) or ``inadmissible``.  Two layers: 001's staircase (exact.slides001,
rows 1..n of A2 invertible, row 0 = 0): every coordinate of every missing theta' >= 1 is
unbounded and the zero signal is always right; the ``extrapolating`` layer (every neuron affine
on [0, 2]): a missing zero signal is wrong at coordinate 1 and unbounded at coordinates >= 3.
So the worst case of the ReLU class is unbounded.  Checked for every S with n <= relu_subsets_n
and every single missing theta with n <= relu_n_max; the certificate holds, per output, the
admissible point, the ray or the Motzkin multipliers, which the kernel checks against the
systems it rebuilds from 001's layer 2.
"""

from __future__ import annotations

import re

import itertools
from fractions import Fraction

from exact.certify import missing_output_range
from exact.errors import InvalidArgument
from exact.network import Network
from exact.slides001 import activation_rows, decoder_network, full_rank_layer2
from exact.step_autoencoder import sum_encoder, threshold_decoder
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["check", "report_section", "gap", "wrong_possible_exact", "worst_case_decoder", "worst_case_total",
           "RELU_LAYERS", "relu_layer2", "relu_missing_case"]


def gap(S: frozenset, theta: int, n: int) -> tuple[int, int]:
    """(p, q): the nearest present thetas below and above theta (clipped to 0 and n)."""
    p = max([s for s in S if s < theta], default=0)
    q = min([s for s in S if s > theta], default=n)
    return p, q


def _w_interval(S, i):
    """Exact constraints on w_i for admissibility on S: list of (coef, kind) meaning theta*w >= 1 or < 1."""
    return [(th, th >= i) for th in S]


def wrong_possible_exact(S, theta, i) -> bool:
    """Is there w_i with theta w_i >= 1 <=> theta >= i on S, and the opposite at theta?  (exact 1-D LP)."""
    cons = _w_interval(S, i) + [(theta, not (theta >= i))]
    lower, upper = [], []   # w >= 1/th (closed), w < 1/th (open); th = 0: 0 >= 1 false / 0 < 1 true
    for th, active in cons:
        if th == 0:
            if active:
                return False
            continue
        (lower if active else upper).append(Fraction(1, th))
    lo = max(lower, default=None)   # w in [lo, hi), None = unbounded
    hi = min(upper, default=None)
    return lo is None or hi is None or lo < hi


def worst_case_decoder(S, theta, n) -> list[Fraction]:
    """A decoder admissible on S that is wrong at theta on every coordinate p < i <= q."""
    p, q = gap(S, theta, n)
    w = []
    for i in range(1, n + 1):
        if p < i <= theta:      # x(i) = 1 but we want 0: r_i = b_i (smallest present >= i) or beyond
            b = min([s for s in S if s >= i], default=None)
            w.append(Fraction(1, b) if b is not None else Fraction(0))
        elif theta < i <= q:    # x(i) = 0 but we want 1: r_i = theta (a_i < theta)
            w.append(Fraction(1, theta))
        else:
            w.append(Fraction(1, i))
    return w


def worst_case_total(S, n) -> int:
    """Worst total number of wrong coordinates over the missing thetas, for one admissible decoder."""
    missing = [t for t in range(1, n + 1) if t not in S]
    total = 0
    for i in range(1, n + 1):
        a = max([s for s in S if s < i], default=None)
        b = min([s for s in S if s >= i], default=None)
        up = sum(1 for t in missing if t >= i and (b is None or t < b))            # r_i pushed up to b_i
        down = sum(1 for t in missing if t < i and (a is None or t > a))           # r_i just above a_i
        total += max(up, down)
    return total


RELU_LAYERS = ("staircase", "extrapolating")


def relu_layer2(kind: str, n: int) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """(W2, b2), n neurons, for the codes z = theta (001 class with the sum encoder).

    ``staircase``: 001's handcrafted layer (:func:`exact.slides001.full_rank_layer2` around the
    zero signal's code 0): rows 1..n of A2 invertible, row 0 = 0.  ``extrapolating``: the same
    construction around a fictitious code 5/2, so every neuron is affine on [0, 2] and
    A2 row 0 = 2 A2 row 1 - A2 row 2 (the zero signal is decoded by extrapolation).
    """
    if kind == "staircase":
        return full_rank_layer2(list(range(n + 1)), zero_index=0)
    if kind == "extrapolating":
        return full_rank_layer2([Fraction(t) for t in range(1, n + 1)] + [Fraction(5, 2)], zero_index=n)
    raise InvalidArgument(f"layer 2 must be one of {RELU_LAYERS}, got {kind!r}")


def _steps(n: int, t: int, c=Fraction(1)) -> tuple[Fraction, ...]:
    return tuple(c if j <= t else Fraction(0) for j in range(1, n + 1))


def _multipliers(f) -> dict:
    y, ys = f.motzkin_multipliers()
    return {"y": list(y), "y_strict": list(ys)}


def output_answer(r) -> dict:
    """The certificate's record of one exact answer (:class:`exact.certify.MissingOutput`): the kind
    with its point, ray or Motzkin multipliers, as the 000-Q1 [relu2] specification reads it."""
    if r.kind == "undecided":
        return {"kind": "undecided"}
    if r.kind == "inadmissible":
        return {"kind": r.kind, "no_point": _multipliers(r.base)}
    out = {"kind": r.kind, "point": list(r.witness)}
    if r.kind == "unbounded":
        out["ray"] = list(r.direction)
    elif r.kind == "wrong":
        out["no_ray"] = _multipliers(r.ray)
    else:
        out["no_deviation"] = [_multipliers(f) for f in r.deviations]
    return out


def relu_missing_case(n: int, S, theta: int, kind: str | None = None, *, layer2=None, encoder: Network | None = None) -> dict:
    """Exact answer, per output, for the ReLU decoder with layer 2 ``kind`` admissible on S at a missing theta.

    ``layer2`` = (W2, b2) and ``encoder`` (default: the sum encoder, z = theta) replace ``kind``
    for a learned layer 2 (000-Q3).

    Returns the kinds (exact.certify.missing_output_range), their certificate records
    (``answers``, :func:`output_answer`), the network made of the witnesses (admissible on S,
    wrong at theta wherever possible, pre-activation >= 2 where unbounded), its W3, its failures
    and its output at x_theta (network, W3, failures and output None if some output has no witness).
    """
    W2, b2 = relu_layer2(kind, n) if layer2 is None else layer2
    enc = sum_encoder(n) if encoder is None else encoder
    A = activation_rows([enc.evaluate(_steps(n, t))[0] for t in range(n + 1)], W2, b2)
    S = sorted(S)
    res = missing_output_range([A[t] for t in S], [_steps(n, t) for t in S], A[theta], _steps(n, theta))
    out = {"kinds": [r.kind for r in res], "answers": [output_answer(r) for r in res], "network": None, "W3": None,
           "failures": None, "output": None}
    if any(r.witness is None for r in res):
        return out
    W3 = [list(r.witness) for r in res]
    net = enc.then(decoder_network(W2, b2, W3))
    fails = [t for t in range(n + 1) if net.evaluate(_steps(n, t)) != _steps(n, t)]
    out.update(network=net, W3=W3, failures=fails, output=net.evaluate(_steps(n, theta)))
    return out


#: Texts of this claim's verdicts (the source's words, scopes, steps, evidence) in LaTeX, for the report.
TEXTS_LATEX = {
    re.compile(r"every subset S of \{0\.\.n\}, every missing theta and coordinate, n = 1\.\.(\d+); certificates for "
               r"n <= (\d+)"):
        (r"every subset $S$ of $\{0, \dots, n\}$, every missing $\theta$ and coordinate, $n = 1, \dots, #1$; "
         r"certificates for $n \le #2$"),
    "coordinate i of missing theta' >= 1 can be wrong iff p < i <= q; worst case q - p; theta' = 0 never wrong":
        (r"coordinate $i$ of a missing $\theta' \ge 1$ can be wrong iff $p < i \le q$; worst case $q - p$; "
         r"$\theta' = 0$ never wrong"),
    re.compile(r"z = theta, n2 = n, layer 2 fixed to each of \['staircase', 'extrapolating'\]; every subset S for "
               r"n <= (\d+), every single missing theta for n <= (\d+); each output of each missing theta decided "
               r"exactly"):
        (r"$z = \theta$, $n_2 = n$, layer 2 fixed to each of staircase, extrapolating; every subset $S$ for "
         r"$n \le #1$, every single missing $\theta$ for $n \le #2$; each output of each missing $\theta$ decided "
         r"exactly"),
    ("worst case unbounded: with 001's staircase layer 2 every coordinate of every missing theta' >= 1 can be made "
     "arbitrarily wrong (an exact ray of W3 admissible on S) and the zero signal is always right (its A2 row is 0); "
     "with the extrapolating layer 2 a missing zero signal is wrong at coordinate 1 and unbounded at coordinates >= 3 "
     "(n >= 3, 1 and 2 present)"):
        (r"worst case unbounded: with 001's staircase layer 2 every coordinate of every missing $\theta' \ge 1$ can be "
         r"made arbitrarily wrong (an exact ray of $W_3$ admissible on $S$) and the zero signal is always right (its "
         r"$A_2$ row is $0$); with the extrapolating layer 2 a missing zero signal is wrong at coordinate $1$ and "
         r"unbounded at coordinates $\ge 3$ ($n \ge 3$, $1$ and $2$ present)"),
    re.compile(r"(staircase|extrapolating)\|>=1"): r"#1, missing $\theta' \ge 1$",
    re.compile(r"(staircase|extrapolating)\|0"): r"#1, missing $\theta' = 0$",
}


@claim("000-Q1",
       title_latex=r"Missing data: which missing step functions can an admissible-on-the-rest decoder get wrong?",
       reading_latex=(r"Threshold class: sum encoder, decoder $\sigma(z\,w)$, $\sigma(u)=[u\ge 1]$; coordinate $i$ of a "
                      r"missing $\theta'$ can be wrong iff $p<i\le q$ ($p$, $q$ the present values of $\theta$ around "
                      r"$\theta'$, clipped to $0$ and $n$); worst case $q-p$. ReLU class: $z=\theta$, layer 2 fixed "
                      r"(001 staircase, or extrapolating), each output decided exactly: unbounded (a ray of $W_3$), "
                      r"wrong, right or inadmissible."),
       variants_latex={"threshold": r"threshold decoder",
                       "relu2": r"ReLU decoder"},
       latex=r"\text{which } x_{\theta'}\notin S \text{ can } f \text{ admissible on } S \text{ decode wrongly?}",
       title="Missing data: which missing step functions can an admissible-on-the-rest decoder get wrong?",
       source="000 (Traonmilin & Newson), section 2, robustness questions",
       statement=("What happens when some data is missing? (Which missing step functions can be decoded wrongly, "
                  "and how badly.)"),
       reading=("Threshold class: sum encoder, decoder sigma(z w), sigma(u) = [u >= 1]; coordinate i of missing theta' "
                "can be wrong iff p < i <= q (p, q the present thetas around theta', clipped to 0 and n); worst case "
                "q - p. ReLU class: z = theta, layer 2 fixed (001 staircase, or extrapolating), each output decided "
                "exactly: unbounded (ray of W3), wrong, right or inadmissible."))
def check(*, n_max: int = 8, n_cert: int = 3, relu_n_max: int = 5, relu_subsets_n: int = 3) -> list[Verdict]:
    mismatches, checked, table = [], 0, []
    for n in range(1, n_max + 1):
        worst_by_m = {}
        for bits in itertools.product((0, 1), repeat=n + 1):
            S = frozenset(t for t in range(n + 1) if bits[t])
            for theta in range(n + 1):
                if theta in S:
                    continue
                p, q = gap(S, theta, n)
                for i in range(1, n + 1):
                    pred = theta >= 1 and p < i <= q
                    checked += 1
                    if wrong_possible_exact(S, theta, i) != pred:
                        mismatches.append({"n": n, "S": sorted(S), "theta": theta, "i": i, "predicted": pred})
                if n <= n_cert and theta >= 1:
                    w = worst_case_decoder(S, theta, n)
                    net = sum_encoder(n).then(threshold_decoder(w))
                    x = [Fraction(1) if j <= theta else Fraction(0) for j in range(1, n + 1)]
                    y = net.evaluate(x)
                    wrong = sum(a != b for a, b in zip(x, y))
                    if wrong != q - p:
                        mismatches.append({"n": n, "S": sorted(S), "theta": theta, "construction_wrong": wrong})
                    fails = [t for t in range(n + 1) if net.evaluate(_steps(n, t)) != _steps(n, t)]
                    if not set(fails) <= set(range(n + 1)) - S:
                        mismatches.append({"n": n, "S": sorted(S), "theta": theta, "construction_failures": fails})
            m = n + 1 - len(S)
            if m:
                worst_by_m[m] = max(worst_by_m.get(m, 0), worst_case_total(S, n))
        table.append({"n": n, "worst_total_by_missing_count": {str(k): v for k, v in sorted(worst_by_m.items())}})
    wrong_formula = [x for x in mismatches if "i" in x]
    if mismatches and not wrong_formula:   # the constructions are checks of this module, not of the claim
        raise RuntimeError(f"internal: the worst-case construction fails: {mismatches[:3]}")
    st = Status.VERIFIED if not mismatches else Status.REFUTED
    if st is Status.VERIFIED:
        cert1 = check.certificate(st, variant="threshold", scope={"n_max": n_max}, evidence={"checked": checked})
    else:
        x = wrong_formula[0]
        cert1 = check.certificate(st, variant="threshold", scope={},
                                  evidence={"n": x["n"], "S": x["S"], "theta": x["theta"], "i": x["i"]})
    v1 = check.verdict(
        st, variant="threshold",
        scope={"description": f"every subset S of {{0..n}}, every missing theta and coordinate, n = 1..{n_max}; "
                              f"certificates for n <= {n_cert}", "n_max": n_max, "n_cert": n_cert},
        evidence={"characterisation": "coordinate i of missing theta' >= 1 can be wrong iff p < i <= q; "
                                      "worst case q - p; theta' = 0 never wrong",
                  "cases_checked": checked, "mismatches": mismatches[:20],
                  "worst_total_wrong_coordinates": table},
        crosscheck={"disagreements": [], "summary": "formula against an independent exact 1-D feasibility check"},
        certificate=cert1)
    # ReLU class: every subset S (n <= relu_subsets_n) or every single missing theta (n <= relu_n_max).
    answers, rbad, rcases, summary, undecided, refutation = [], [], 0, {}, False, None
    for kind in RELU_LAYERS:
        for n in range(1, relu_n_max + 1):
            if n <= relu_subsets_n:
                subsets = [frozenset(t for t in range(n + 1) if bits[t])
                           for bits in itertools.product((0, 1), repeat=n + 1) if not all(bits)]
            else:
                subsets = [frozenset(range(n + 1)) - {m} for m in range(n + 1)]
            for S in subsets:
                for theta in sorted(set(range(n + 1)) - S):
                    case = relu_missing_case(n, S, theta, kind)
                    rcases += 1
                    answers.append({"outputs": case["answers"]})
                    k = case["kinds"]
                    undecided = undecided or "undecided" in k
                    cell = summary.setdefault(f"{kind}|{'0' if theta == 0 else '>=1'}",
                                              {"cases": 0, "unbounded_coordinates_max": 0, "wrong_coordinates_max": 0,
                                               "cases_with_unbounded": 0, "cases_inadmissible": 0})
                    cell["cases"] += 1
                    cell["unbounded_coordinates_max"] = max(cell["unbounded_coordinates_max"], k.count("unbounded"))
                    cell["wrong_coordinates_max"] = max(cell["wrong_coordinates_max"], k.count("unbounded") + k.count("wrong"))
                    cell["cases_with_unbounded"] += "unbounded" in k
                    cell["cases_inadmissible"] += "inadmissible" in k
                    if "undecided" in k:
                        rbad.append({"layer2": kind, "n": n, "S": sorted(S), "theta": theta, "kinds": k, "why": "undecided"})
                    elif case["failures"] is not None:
                        wrong = [j for j, (a, b) in enumerate(zip(case["output"], _steps(n, theta)), start=1) if a != b]
                        expect = [j for j, kk in enumerate(k, start=1) if kk in ("unbounded", "wrong")]
                        if not set(case["failures"]) <= set(range(n + 1)) - S or wrong != expect:
                            rbad.append({"layer2": kind, "n": n, "S": sorted(S), "theta": theta, "kinds": k,
                                         "failures": case["failures"], "wrong_outputs": wrong})
                    # 001's staircase: row 0 of A2 is 0 and rows 1..n are invertible.
                    pred = "right" if theta == 0 else "unbounded"
                    off = [j for j, kk in enumerate(k, start=1) if kk not in (pred, "undecided")]
                    if kind == "staircase" and off:
                        rbad.append({"layer2": kind, "n": n, "S": sorted(S), "theta": theta, "kinds": k,
                                     "why": "staircase prediction fails"})
                        if refutation is None:
                            refutation = {"n": n, "S": sorted(S), "theta": theta, "output": off[0],
                                          "answer": case["answers"][off[0] - 1]}
    st2 = Status.REFUTED if refutation else (Status.INCONCLUSIVE if undecided else Status.VERIFIED)
    if st2 is Status.REFUTED:
        cert2 = check.certificate(st2, variant="relu2", scope={}, evidence=refutation)
    else:
        ev = {"cases": answers, **({"checked": rcases} if st2 is Status.VERIFIED else {})}
        cert2 = check.certificate(st2, variant="relu2", evidence=ev,
                                  scope={"relu_n_max": relu_n_max, "relu_subsets_n": relu_subsets_n})
    v2 = check.verdict(
        st2, variant="relu2",
        scope={"description": f"z = theta, n2 = n, layer 2 fixed to each of {list(RELU_LAYERS)}; every subset S "
                              f"for n <= {relu_subsets_n}, every single missing theta for n <= {relu_n_max}; "
                              "each output of each missing theta decided exactly",
               "relu_n_max": relu_n_max, "relu_subsets_n": relu_subsets_n},
        evidence={"answer": "worst case unbounded: with 001's staircase layer 2 every coordinate of every missing "
                            "theta' >= 1 can be made arbitrarily wrong (an exact ray of W3 admissible on S) and "
                            "the zero signal is always right (its A2 row is 0); with the extrapolating layer 2 "
                            "a missing zero signal is wrong at coordinate 1 and unbounded at coordinates >= 3 "
                            "(n >= 3, 1 and 2 present)",
                  "cases": rcases, "summary": summary, "problems": rbad[:20]},
        crosscheck={"disagreements": [], "summary": "exact: HiGHS proposes points/multipliers, every one checked "
                                                    "in rationals; staircase prediction compared"},
        certificate=cert2)
    return [v1, v2]


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.report.latex import latex_table

    parts = [r"\paragraph{Exact answer (threshold class).} For a missing $\theta'\ge 1$ let $p$ and $q$ be the "
             r"nearest present parameters below and above it (0 and $n$ if none). Some decoder admissible on the "
             r"rest gets coordinate $i$ wrong iff $p<i\le q$, all of them at once: worst case $q-p$ wrong "
             r"coordinates; the zero signal is never wrong. ReLU decoder ($z=\theta$, $n_2=n$): with 001's staircase layer 2 "
             r"every coordinate of every missing $\theta'\ge 1$ has an unbounded error (exact ray of $W_3$) and the zero "
             r"signal is always right; with the extrapolating layer 2 a missing zero signal is wrong too (unbounded at "
             r"coordinates $\ge 3$). The class's worst case is unbounded."]
    for v in verdicts:
        if v.get("variant") == "threshold":
            rows = [(t["n"], ", ".join(f"{k}:{w}" for k, w in t["worst_total_by_missing_count"].items()))
                    for t in v["evidence"]["worst_total_wrong_coordinates"]]
            parts.append(r"Worst total number of wrong coordinates over all missing signals, by number of missing "
                         r"signals (max over subsets):\\" + latex_table(["n", "missing: worst total"], rows))
    return "\n".join(parts)
