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
against an independent exact 1-D feasibility computation of each (S, theta', i), with a
constructive certificate (a decoder admissible on S attaining the worst case) and Motzkin
multipliers for the impossible coordinates when n <= n_cert.

Class 2 (``relu2``): 001's two-layer ReLU decoder with z = theta and n2 = n neurons.  With
the staircase layer 2 (A2[theta, j] = ReLU(theta - j + 1/2)) the rows theta = 1..n of A2 form
an invertible matrix (exact rank), so for every missing theta' >= 1 and *every* target
vector y >= 0 there is W3 reconstructing all other step functions exactly and outputting y
at theta': the worst case is unbounded.  Constructed for a target of error M * n.
"""

from __future__ import annotations

import itertools
import sys
import time
from fractions import Fraction

from exact.linalg import QMatrix
from exact.network import Activation, Layer, Network
from exact.scalar import rational_str
from exact.step_autoencoder import sum_encoder, threshold_decoder
from proofs.verdict import Status, Verdict, make_certificate

__all__ = ["CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check", "report_section",
           "gap", "wrong_possible_exact", "worst_case_decoder", "worst_case_total", "staircase_decoder"]

CLAIM_ID = "000-Q1"
TITLE = "Missing data: which missing step functions can an admissible-on-the-rest decoder get wrong?"
SOURCE = "000 (Traonmilin & Newson), section 2, robustness questions"
STATEMENT = "What happens when some data is missing? (Which missing step functions can be decoded wrongly, and how badly.)"
READING = ("Threshold class: sum encoder, decoder sigma(z w), sigma(u) = [u >= 1]; coordinate i of missing theta' "
           "can be wrong iff p < i <= q (p, q the present thetas around theta', clipped to 0 and n); worst case "
           "q - p. ReLU class: z = theta, staircase layer 2, any output at a missing theta' >= 1.")


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
    lo, lo_closed, hi, hi_open = None, True, None, True  # w in [lo, hi) style bounds, None = unbounded
    cons = _w_interval(S, i) + [(theta, not (theta >= i))]
    lower, upper = [], []   # w >= 1/th (closed), w < 1/th (open); th = 0: 0 >= 1 false / 0 < 1 true
    for th, active in cons:
        if th == 0:
            if active:
                return False
            continue
        (lower if active else upper).append(Fraction(1, th))
    lo = max(lower, default=None)
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


def staircase_decoder(n: int, theta: int, target: list[Fraction], amplitude=1) -> Network:
    """001 decoder z -> ReLU(ReLU(z - j + 1/2)_j W3^T) exact on every theta != theta', target at theta'."""
    C = Fraction(amplitude)
    rows = list(range(1, n + 1))
    A = QMatrix.from_rows([[max(Fraction(t) - j + Fraction(1, 2), Fraction(0)) for j in range(1, n + 1)] for t in rows])
    U = QMatrix.from_rows([[(target[j - 1] if t == theta else (C if j <= t else C * (t - j))) for j in range(1, n + 1)]
                           for t in rows])
    W3T = A.solve(U)
    l2 = Layer(tuple((Fraction(1),) for _ in range(n)), tuple(Fraction(1, 2) - j for j in range(1, n + 1)), Activation.RELU)
    l3 = Layer(tuple(tuple(W3T[k, j] for k in range(n)) for j in range(n)), (), Activation.RELU)
    return Network((l2, l3))


def check(*, n_max: int = 8, n_cert: int = 3, relu_n_max: int = 6, error_scale: int = 10) -> list[Verdict]:
    t0 = time.perf_counter()
    mismatches, checked, obligations, table = [], 0, [], []
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
                    fails = [t for t in range(n + 1) if net.evaluate([Fraction(1) if j <= t else 0 for j in range(1, n + 1)])
                             != tuple(Fraction(1) if j <= t else Fraction(0) for j in range(1, n + 1))]
                    obligations.append({"check": "step_reconstruction", "n": n, "amplitude": "1", "include_zero": True,
                                        "network": net.to_json(), "failures": fails})
                    obligations.append({"check": "network_outputs", "network": net.to_json(),
                                        "cases": [{"input": [rational_str(v) for v in x], "output": [rational_str(v) for v in y]}]})
                    # Coordinates outside (p, q] cannot be wrong: Motzkin multipliers on w_i.
                    for i in range(1, n + 1):
                        if p < i <= q:
                            continue
                        if i <= p:   # p in S, p >= i: p w >= 1; wrong: theta w < 1 with theta > p
                            obligations.append({"check": "motzkin", "A": [["-%d" % p]], "b": ["-1"], "y": [str(theta)],
                                                "A_strict": [[str(theta)]], "b_strict": ["1"], "y_strict": [str(p)]})
                        elif q in S:  # i > q, q in S, q < i: q w < 1; wrong: theta w >= 1 with theta < q
                            obligations.append({"check": "motzkin", "A": [["-%d" % theta]], "b": ["-1"], "y": [str(q)],
                                                "A_strict": [[str(q)]], "b_strict": ["1"], "y_strict": [str(theta)]})
            m = n + 1 - len(S)
            if m:
                worst_by_m[m] = max(worst_by_m.get(m, 0), worst_case_total(S, n))
        table.append({"n": n, "worst_total_by_missing_count": {str(k): v for k, v in sorted(worst_by_m.items())}})
    st = Status.VERIFIED if not mismatches else Status.REFUTED
    v1 = Verdict(claim=CLAIM_ID, variant="threshold", status=st,
                 scope={"description": f"every subset S of {{0..n}}, every missing theta and coordinate, n = 1..{n_max}; "
                                       f"certificates for n <= {n_cert}", "n_max": n_max, "n_cert": n_cert},
                 evidence={"characterisation": "coordinate i of missing theta' >= 1 can be wrong iff p < i <= q; "
                                               "worst case q - p; theta' = 0 never wrong",
                           "cases_checked": checked, "mismatches": mismatches[:20],
                           "worst_total_wrong_coordinates": table},
                 crosscheck={"disagreements": [], "summary": "formula against an independent exact 1-D feasibility check"},
                 title=TITLE, statement=STATEMENT, reading=READING, source=SOURCE,
                 certificate=make_certificate(CLAIM_ID, st, obligations, "threshold"))
    # ReLU class.
    robs, rcases, rbad = [], 0, []
    for n in range(1, relu_n_max + 1):
        A = QMatrix.from_rows([[max(Fraction(t) - j + Fraction(1, 2), Fraction(0)) for j in range(1, n + 1)]
                               for t in range(1, n + 1)])
        rk = A.rank()
        robs.append({"check": "rank", "matrix": A.to_strings(), "rank": rk})
        if rk != n:
            rbad.append({"n": n, "rank": rk})
            continue
        for theta in range(1, n + 1):
            target = [Fraction(error_scale) if j > theta else Fraction(0) for j in range(1, n + 1)]
            if theta == n:
                target = [Fraction(0)] * n
            dec = staircase_decoder(n, theta, target)
            net = sum_encoder(n).then(dec)
            fails = [t for t in range(n + 1) if net.evaluate([1 if j <= t else 0 for j in range(1, n + 1)])
                     != tuple(Fraction(1 if j <= t else 0) for j in range(1, n + 1))]
            rcases += 1
            if fails != [theta]:
                rbad.append({"n": n, "theta": theta, "failures": fails})
            robs.append({"check": "step_reconstruction", "n": n, "amplitude": "1", "include_zero": True,
                         "network": net.to_json(), "failures": fails})
            robs.append({"check": "network_outputs", "network": net.to_json(),
                         "cases": [{"input": [1 if j <= theta else 0 for j in range(1, n + 1)],
                                    "output": [rational_str(v) for v in target]}]})
    st2 = Status.VERIFIED if not rbad else Status.REFUTED
    v2 = Verdict(claim=CLAIM_ID, variant="relu2", status=st2,
                 scope={"description": f"z = theta, staircase layer 2, every missing theta' = 1..n, n = 1..{relu_n_max}",
                        "relu_n_max": relu_n_max},
                 evidence={"answer": "every missing theta' >= 1 can be decoded to any output (A2 rows 1..n invertible): "
                                     "the worst-case error is unbounded",
                           "constructions": rcases, "error_scale": error_scale, "problems": rbad},
                 crosscheck={"disagreements": [], "summary": "exact construction (flint solve), no float step"},
                 title=TITLE, statement=STATEMENT, reading=READING, source=SOURCE,
                 certificate=make_certificate(CLAIM_ID, st2, robs, "relu2"))
    el = time.perf_counter() - t0
    from dataclasses import replace
    return [replace(v1, seconds=el / 2), replace(v2, seconds=el / 2)]


def report_section(verdicts: list[dict], figdir) -> str:
    from proofs.latex import latex_table

    parts = [r"\paragraph{Exact answer (threshold class).} For a missing $\theta'\ge 1$ let $p$ and $q$ be the "
             r"nearest present parameters below and above it (0 and $n$ if none). Some decoder admissible on the "
             r"rest gets coordinate $i$ wrong iff $p<i\le q$, all of them at once: worst case $q-p$ wrong "
             r"coordinates; the zero signal is never wrong. For the ReLU decoder any output is reachable."]
    for v in verdicts:
        if v.get("variant") == "threshold":
            rows = [(t["n"], ", ".join(f"{k}:{w}" for k, w in t["worst_total_by_missing_count"].items()))
                    for t in v["evidence"]["worst_total_wrong_coordinates"]]
            parts.append(r"Worst total number of wrong coordinates over all missing signals, by number of missing "
                         r"signals (max over subsets):\\" + latex_table(["n", "missing: worst total"], rows))
    return "\n".join(parts)


if __name__ == "__main__":
    from proofs.script import script_main

    sys.exit(script_main(sys.modules[__name__]))
