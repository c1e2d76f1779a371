"""001-C1 -- the full-rank conjecture for the activation matrix A2 ("Set of solutions" slides).

Slides: "A2 is full rank if and only if at most two rows and at most two columns have
zeros at identical positions and the ratios {b2_j / W2_j} are mutually different at the
non zero entries", for A2[i, j] = ReLU(W2_j z_i + b2_j) = ReLU(W2_j (z_i + k_j)).

A2 is square: n distinct codes z_i (the zero signal dropped) and n neurons.  The zero
pattern of a row (column) is the set of positions where it is exactly 0.  Readings
(each checked in both directions, sufficiency: condition => full rank, necessity:
full rank => condition):

``literal``        no zero pattern is shared by more than two rows, none by more than two
                   columns, and the k_j of the columns with W2_j != 0 are pairwise distinct
                   (an all-zero row or column has a zero pattern like any other);
``no_zero_lines``  ``literal`` and no all-zero row or column;
``shared_k``       no all-zero row or column, no pattern shared by > 2 rows or > 2 columns,
                   and distinct k_j only among columns that share a zero pattern (a column
                   with W2_j = 0 counts as k_j = infinity, so two constant columns clash);
``criterion``      the criterion C* of part 5 (``docs/claims-001-C1.md``), equivalent to full
                   rank by a written proof citing Schoenberg-Whitney (parts machine-checked,
                   and verified exhaustively on a finite scope): with the codes sorted z_1 < ... < z_n, (a) the codes are
                   distinct, (b) Schoenberg-Whitney: there are distinct breakpoints
                   t_j = -k_j (W2_j != 0) with z_{m-1} < t_{j_m} < z_{m+1} for m = 2..n-1,
                   increasing in m, and (c) the boundary determinant: with H the matrix of
                   second divided differences of the columns of A2 (slope changes at the
                   interior codes) and N a basis of ker H, the 2 x 2 matrix E N is
                   non-singular, E = the rows of A2 at z_1 and z_n.

The search (``proofs.methods.search``) draws instances with hypothesis (n <= 8, rationals of
bounded height, biased towards pre-activations exactly 0, equal ratios, W2_j = 0 and
opposite signs), computes A2 and its exact rank with Python integers and flint, mirrors
the rank in float64, and shrinks a counterexample to the smallest n, then heights.  An
inconclusive search's certificate lists every instance drawn (the first ``LISTED`` = 20,000 of
a longer search, with the count of the others); the kernel checks that each lies in the
generator's bounds for max_n and max_height and is no counterexample.
Besides the eight search verdicts, ``check()`` gives ``criterion/exhaustive`` (``verified``:
C* <=> full rank on every instance of a finite scope) and the control ``criterion without
(c)/sufficiency`` (refuted); shared_k/necessity is ``proved`` (:func:`shared_k_argument`), and so are
criterion/sufficiency and criterion/necessity (:data:`CRITERION_STEPS`, the kernel's proof of C*).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from itertools import combinations, combinations_with_replacement
from random import Random
from typing import Any, Callable, Iterator

from hypothesis import strategies as st

from exact.errors import InvalidArgument
from exact.linalg import QMatrix
from exact.scalar import rational_str, to_rational
from exact.two_layer import activation_matrix, ratios
from numeric.formats import parse_formats
from numeric.rank import float_activation_ranks
from proofs.methods.search import (A2Evaluation, A2Instance, _merge_findings, a2_instances, evaluate_a2,
                                   random_a2_instance, rational_table, run_search)
from proofs.claim import claim
from proofs.verdict import Status, Verdict

__all__ = ["READINGS", "DIRECTIONS", "PART_LATEX", "condition_parts", "condition", "criterion_parts", "single_sign_criterion",
           "is_counterexample", "EXHAUSTIVE_CODES", "EXHAUSTIVE_W2", "EXHAUSTIVE_B2", "exhaustive_instances", "exhaustive",
           "exhaustive_scope", "exhaustive_verdict", "criterion_lemmas", "shared_k_argument", "SHARED_K_STEPS",
           "CRITERION_STEPS", "prove_criterion", "criterion_control_verdict",
           "instance_record", "check", "search", "report_section"]

READINGS = ("literal", "no_zero_lines", "shared_k", "criterion")
DIRECTIONS = ("sufficiency", "necessity")

_READING_TEXT = {
    "literal": "no zero pattern shared by more than two rows or more than two columns; the k_j = b2_j/W2_j "
               "(W2_j != 0) pairwise distinct; all-zero lines count like any pattern",
    "no_zero_lines": "the literal condition and no all-zero row or column",
    "shared_k": "no all-zero row or column; no pattern shared by > 2 rows or > 2 columns; distinct k_j "
                "only among columns with the same zero pattern, a column with W2_j = 0 having k_j = infinity",
    "criterion": "C*: codes distinct; Schoenberg-Whitney interlacing of the breakpoints t_j = -k_j with the "
                 "sorted codes (z_{m-1} < t < z_{m+1}, m = 2..n-1, distinct); and det(E N) != 0 for N a basis "
                 "of the kernel of the second differences H of A2, E = the rows of A2 at the extreme codes",
}


# --------------------------------------------------------------------------------------
# conditions
# --------------------------------------------------------------------------------------
def _patterns(num: list[list[int]]) -> tuple[list[tuple[bool, ...]], list[tuple[bool, ...]]]:
    rows = [tuple(v == 0 for v in r) for r in num]
    cols = [tuple(r[j] == 0 for r in num) for j in range(len(num[0]) if num else 0)]
    return rows, cols


def _ks(inst: A2Instance) -> list[Fraction | None]:
    return [b / w if w != 0 else None for w, b in zip(inst.W2, inst.b2)]


def _distinct(values: list) -> bool:
    vals = [v for v in values if v is not None]
    return len(vals) == len(set(vals))


def _sw_interlacing(z: list[Fraction], inst: A2Instance) -> bool:
    """(b): distinct breakpoints t with z_{m-1} < t_m < z_{m+1}, m = 2..n-1, increasing (greedy)."""
    n = len(z)
    ts = sorted({-b / w for w, b in zip(inst.W2, inst.b2) if w != 0})
    p = 0
    for m in range(1, n - 1):          # 0-based interior index m: interval (z[m-1], z[m+1])
        while p < len(ts) and ts[p] <= z[m - 1]:
            p += 1
        if p == len(ts) or ts[p] >= z[m + 1]:
            return False
        p += 1
    return True


def _boundary_det(z: list[Fraction], rows: list[list[Fraction]]) -> Fraction:
    """(c): det(E N), N a basis of ker H (H = slope changes of the columns at interior codes)."""
    n = len(z)
    if n == 2:
        N = QMatrix.identity(2)
    else:
        H = [[(rows[m + 1][j] - rows[m][j]) / (z[m + 1] - z[m]) - (rows[m][j] - rows[m - 1][j]) / (z[m] - z[m - 1])
              for j in range(n)] for m in range(1, n - 1)]
        N = QMatrix.from_rows(H).nullspace()
    if N.shape[1] != 2:
        return Fraction(0)
    E = QMatrix.from_rows([rows[0], rows[-1]])
    return (E @ N).det()


def criterion_parts(ev: A2Evaluation) -> dict[str, bool]:
    """The parts of the criterion C*: codes distinct, Schoenberg-Whitney (b), boundary determinant (c)."""
    inst = ev.instance
    n = inst.n
    parts = {"codes distinct": len(set(inst.z)) == n}
    if not parts["codes distinct"]:
        return {**parts, "interlacing": False, "boundary determinant non-zero": False}
    if n == 1:
        return {**parts, "interlacing": True, "boundary determinant non-zero": ev.num[0][0] != 0}
    order = sorted(range(n), key=lambda i: inst.z[i])
    z = [inst.z[i] for i in order]
    rows = [[Fraction(v, ev.den) for v in ev.num[i]] for i in order]
    parts["interlacing"] = _sw_interlacing(z, inst)
    parts["boundary determinant non-zero"] = parts["interlacing"] and _boundary_det(z, rows) != 0
    return parts


def single_sign_criterion(inst: A2Instance) -> bool:
    """Full rank of A2 when every W2_j >= 0 (corollary of C*, purely combinatorial).

    With the codes sorted z_1 < ... < z_n and the breakpoints t_j = -k_j sorted (a column
    with W2_j = 0 and b2_j > 0 counts as t = -infinity; one with b2_j <= 0 is zero), A2 is
    non-singular iff t_(1) < t_(2) < ... < t_(n) and z_(j-2) < t_(j) < z_(j) for every j
    (Schoenberg-Whitney for the truncated powers (z - t)_+).  For W2_j <= 0 mirror z -> -z.
    """
    if any(w < 0 for w in inst.W2):
        raise InvalidArgument("single_sign_criterion needs every W2_j >= 0")
    z = sorted(inst.z)
    ts: list = []
    for w, b in zip(inst.W2, inst.b2):
        if w == 0:
            if b <= 0:
                return False
            ts.append(None)          # -infinity
        else:
            ts.append(-b / w)
    if ts.count(None) > 1 or len(set(z)) != len(z):
        return False
    ts = sorted(ts, key=lambda t: (t is not None, t if t is not None else 0))
    for j, t in enumerate(ts):
        if t is None:
            continue
        if (j > 0 and ts[j - 1] is not None and not t > ts[j - 1]) or not t < z[j] or (j >= 2 and not t > z[j - 2]):
            return False
    return True


#: Each part name of :func:`condition_parts` and :func:`criterion_parts` as LaTeX text (the report).
PART_LATEX = {
    "rows share patterns <= 2": r"at most two rows share a zero pattern",
    "columns share patterns <= 2": r"at most two columns share a zero pattern",
    "k pairwise distinct": r"the ratios $k_j$ pairwise distinct",
    "no all-zero row or column": r"no all-zero row or column",
    "k distinct within a shared pattern": r"the ratios $k_j$ distinct within a shared pattern",
    "codes distinct": r"the codes $z_i$ distinct",
    "interlacing": r"the interlacing (b)",
    "boundary determinant non-zero": r"the boundary determinant (c) non-zero",
}


def condition_parts(reading: str, ev: A2Evaluation) -> dict[str, bool]:
    """Each part of a reading's condition, by name (the condition is their conjunction)."""
    if reading == "criterion":
        return criterion_parts(ev)
    rows, cols = _patterns(ev.num)
    rmax = max(Counter(rows).values(), default=0)
    cmax = max(Counter(cols).values(), default=0)
    ks = _ks(ev.instance)
    if reading == "literal":
        return {"rows share patterns <= 2": rmax <= 2, "columns share patterns <= 2": cmax <= 2,
                "k pairwise distinct": _distinct(ks)}
    zero_lines = any(all(r) for r in rows) or any(all(c) for c in cols)
    if reading == "no_zero_lines":
        return {"no all-zero row or column": not zero_lines, "rows share patterns <= 2": rmax <= 2,
                "columns share patterns <= 2": cmax <= 2, "k pairwise distinct": _distinct(ks)}
    if reading == "shared_k":
        groups: dict[tuple, list] = {}
        for c, k in zip(cols, ks):      # a constant column (W2_j = 0) has k = infinity here
            groups.setdefault(c, []).append("inf" if k is None else k)
        return {"no all-zero row or column": not zero_lines, "rows share patterns <= 2": rmax <= 2,
                "columns share patterns <= 2": cmax <= 2,
                "k distinct within a shared pattern": all(_distinct(g) for g in groups.values())}
    raise InvalidArgument(f"unknown reading {reading!r}; choose from {', '.join(READINGS)}")


def condition(reading: str, ev: A2Evaluation) -> bool:
    return all(condition_parts(reading, ev).values())


def _check_reading_direction(reading: str, direction: str) -> None:
    if reading not in READINGS:
        raise InvalidArgument(f"unknown reading {reading!r}; choose from {', '.join(READINGS)}")
    if direction not in DIRECTIONS:
        raise InvalidArgument(f"unknown direction {direction!r}; choose sufficiency or necessity")


def is_counterexample(reading: str, direction: str, ev: A2Evaluation) -> bool:
    """Sufficiency fails: condition but singular; necessity fails: full rank but no condition."""
    c = condition(reading, ev)
    return (c and not ev.full_rank) if direction == "sufficiency" else (ev.full_rank and not c)


# --------------------------------------------------------------------------------------
# the exhaustive scope and the machine-checked steps
# --------------------------------------------------------------------------------------
#: Default exhaustive scope: the codes and the values of W2_j and b2_j.  The breakpoints
#: -b2_j/W2_j hit codes, midpoints and points outside the codes; W2 = 1 and W2 = 2 give equal
#: ratios at different scales; W2 = 0 gives constant columns; the spacing of the codes is uneven.
EXHAUSTIVE_CODES = "0,1,5/2"
EXHAUSTIVE_W2 = "-1,0,1,2"
EXHAUSTIVE_B2 = "-3,-2,-1,0,1,2,3"


def _values(text: str, name: str) -> tuple[Fraction, ...]:
    """A comma-separated list of exact rationals, duplicates dropped, in first-seen order."""
    vals = tuple(dict.fromkeys(to_rational(v.strip()) for v in str(text).split(",") if v.strip()))
    if not vals:
        raise InvalidArgument(f"{name} needs at least one rational, got {text!r}")
    return vals


def exhaustive_instances(n_max: int, codes: tuple, w_values: tuple, b_values: tuple) -> Iterator[A2Instance]:
    """Every instance of the scope: n <= n_max, an increasing n-subset of ``codes``, and a
    non-decreasing n-tuple of columns (W2_j, b2_j) from ``w_values`` x ``b_values`` (so each
    multiset of columns once: permuting rows or columns changes neither the rank nor any
    reading's condition)."""
    cols = [(w, b) for w in w_values for b in b_values]
    for n in range(1, n_max + 1):
        for z in combinations(sorted(set(codes)), n):
            for cc in combinations_with_replacement(cols, n):
                yield A2Instance(z, tuple(c[0] for c in cc), tuple(c[1] for c in cc))


@lru_cache(maxsize=8)
def exhaustive(readings: tuple[str, ...], n_max: int, codes: tuple, w_values: tuple, b_values: tuple,
               formats: tuple[str, ...] = ("float64",)) -> dict:
    """Counts over every instance of the scope, per reading: instances, full rank, condition true,
    and up to three counterexamples per direction; plus the float rank disagreements (each format)."""
    res = {r: {"instances": 0, "full_rank": 0, "condition": 0, "sufficiency": [], "necessity": []}
           for r in readings}
    floats = {"compared": 0, "disagreement_count": 0, "disagreements": []}
    insts = list(exhaustive_instances(n_max, codes, w_values, b_values))
    franks: dict = {f: {} for f in formats}
    for fmt in formats:
        for n in range(1, n_max + 1):  # the float mirror, all instances of one size at once
            same = [x for x in insts if x.n == n]
            franks[fmt].update(zip(same, float_activation_ranks([x.z for x in same], [x.W2 for x in same],
                                                                [x.b2 for x in same], fmt=fmt).tolist()))
    for x in insts:
        ev = evaluate_a2(x, crosscheck=False)
        for fmt in formats:
            floats["compared"] += 1
            if franks[fmt][x] != ev.rank:
                floats["disagreement_count"] += 1
                floats[f"disagreement_count/{fmt}"] = floats.get(f"disagreement_count/{fmt}", 0) + 1
                if len(floats["disagreements"]) < 20:
                    floats["disagreements"].append({**x.to_json(), "exact_rank": ev.rank, "float_rank": franks[fmt][x],
                                                    "format": fmt})
        for r in readings:
            c, d = condition(r, ev), res[r]
            d["instances"] += 1
            d["full_rank"] += ev.full_rank
            d["condition"] += c
            kind = "sufficiency" if c and not ev.full_rank else "necessity" if ev.full_rank and not c else None
            if kind and len(d[kind]) < 3:
                d[kind].append(x)
    return {"readings": res, "float": floats}


def _exhaustive_scope(n_max: int, codes: tuple, w_values: tuple, b_values: tuple, instances: int) -> dict:
    strs = lambda vs: [rational_str(v) for v in vs]  # noqa: E731
    return {"description": (f"exhaustive: every set of n <= {n_max} codes from {{{', '.join(strs(codes))}}} and every "
                            f"multiset of n columns (W2_j, b2_j) in {{{', '.join(strs(w_values))}}} x "
                            f"{{{', '.join(strs(b_values))}}} ({instances} instances; the order of rows and columns "
                            f"changes neither rank nor condition)"),
            "n_max": n_max, "codes": strs(codes), "W2_values": strs(w_values), "b2_values": strs(b_values)}


def _exhaustive_certificate(variant: str, scope: tuple, counts: dict, argument: list | None = None) -> dict:
    """verified (proved, with ``argument``): the kernel re-enumerates the scope and counts its instances."""
    n_max, codes, w_values, b_values = scope
    return check.certificate("proved" if argument else "verified", variant=variant,
                             scope={"n_max": n_max, "codes": list(codes), "W2_values": list(w_values),
                                    "b2_values": list(b_values)},
                             evidence={"checked": counts["instances"]}, argument=argument)


#: The steps of the proof of shared_k/necessity as the kernel states them (proofs/kernel/specs/p001_c1.py):
#: three polynomial identities the kernel checks itself and the theorem that joins them.
SHARED_K_STEPS = [("affine3", "kernel"), ("same_k", "kernel"), ("constants", "kernel"),
                  ("minors", "theorem: rank by minors")]


def _hat_identity_failures(scale: Callable[[Any], Any]) -> list[str]:
    """The cases where the slope change at z_m of ReLU(W (z - t)) differs from scale(W) B_m(t) (sympy)."""
    import sympy as sp

    a = sp.Symbol("a", real=True)
    p, q, r, s, u = sp.symbols("p q r s u", positive=True)
    # per position of t: (z_m - z_{m-1}, z_{m+1} - z_m, t - z_{m-1}), every difference a sum of positive symbols
    where = {"t < z_{m-1}": (p, q, -r), "t = z_{m-1}": (p, q, 0), "z_{m-1} < t < z_m": (r + s, q, r),
             "t = z_m": (p, q, p), "z_m < t < z_{m+1}": (p, r + s, p + r), "t = z_{m+1}": (p, q, p + q),
             "t > z_{m+1}": (p, q, p + q + r)}
    left = []
    for name, (g1, g2, dt) in where.items():
        zb, zc, t = a + g1, a + g1 + g2, a + dt
        hat = sp.Piecewise(((t - a) / (zb - a), sp.And(t >= a, t <= zb)), ((zc - t) / (zc - zb), sp.And(t >= zb, t <= zc)),
                           (0, True))
        for w in (u, -u, sp.Integer(0)):
            f = lambda z, w=w, t=t: sp.Max(w * (z - t), 0)  # noqa: E731
            change = (f(zc) - f(zb)) / (zc - zb) - (f(zb) - f(a)) / (zb - a)
            d = sp.cancel(change - scale(w) * hat)
            if d != 0:
                left.append(f"{name}, W = {w}: {d}")
    return left


def _phi_matrix(n: int, ends: tuple[int, int] | None = None) -> tuple:
    """Symbolic codes z_1..z_n and the matrix of Phi: v -> (v(z_a), v(z_b), slope changes at z_2..z_{n-1}),
    (a, b) = ``ends`` (0-based, default the extreme codes)."""
    import sympy as sp

    z = sp.symbols(f"z1:{n + 1}", real=True)
    a, b = ends if ends is not None else (0, n - 1)
    rows = [[sp.Integer(j == a) for j in range(n)], [sp.Integer(j == b) for j in range(n)]]
    for m in range(1, n - 1):
        row = [sp.Integer(0)] * n
        row[m + 1] += 1 / (z[m + 1] - z[m])
        row[m] -= 1 / (z[m + 1] - z[m]) + 1 / (z[m] - z[m - 1])
        row[m - 1] += 1 / (z[m] - z[m - 1])
        rows.append(row)
    return z, sp.Matrix(rows)


@lru_cache(maxsize=1)
def criterion_lemmas() -> dict:
    """The steps of the proof of C* that sympy checks (valid only if every one holds).

    (1) the hat-function identity: the slope change at z_m of ReLU(w (z - t)) is |w| B_m(t),
    B_m the hat function with nodes z_{m-1} < z_m < z_{m+1}, for w > 0, w < 0, w = 0 and each
    of the seven positions of t relative to the nodes (local, so valid for every n); (2) the map
    Phi: v -> (v(z_1), v(z_n), slope changes at z_2..z_{n-1}) has det = (z_n - z_1) / prod(z_{m+1} - z_m)
    != 0 for n = 2, 3, 4 (symbolic codes).
    """
    import sympy as sp

    from proofs.methods.symbolic import Step, argument_json

    left = _hat_identity_failures(abs)
    steps = [Step("hat-function identity: the slope change at z_m of ReLU(W (z - t)) is |W| B_m(t) (W > 0, < 0, = 0; "
                  "t left of, at, between and right of the nodes z_{m-1} < z_m < z_{m+1})",
                  "sympy.cancel(slope change - |W| B_m(t)) over 21 cases with positive gap symbols -> "
                  + ("0 in every case" if not left else "; ".join(left)), not left)]
    for n in (2, 3, 4):
        z, phi = _phi_matrix(n)
        det = sp.factor(phi.det())
        ratio = sp.simplify(det * sp.prod([z[m + 1] - z[m] for m in range(n - 1)]) / (z[-1] - z[0]))
        steps.append(Step(f"Phi is invertible for n = {n}: det Phi = (z_n - z_1) / prod (z_(m+1) - z_m), non-zero for "
                          f"distinct codes", f"sympy det -> {det}; det * prod gaps / (z_n - z_1) = {ratio}", ratio == 1))
    out = argument_json(steps, "the hat-function identity (every n) and the invertibility of Phi (n <= 4)")
    out["checked_by_the_kernel"] = [
        "Phi is injective for every n: the induction step (zero slope change continues an affine v) and an affine v "
        "vanishing at z_1 and z_n is 0 (z_n - z_1 > 0)",
        "the hat-function identity (W > 0 and W < 0 in each of the seven positions, and constant columns, with its own polynomial arithmetic)"]
    out["cited"] = [
        "rank-nullity: an injective linear map of Q^n is invertible; [E; H] is non-singular iff rank H = n - 2 and "
        "E is injective on ker H",
        "rank by minors; Schoenberg-Whitney: the collocation matrix of linear B-splines at increasing sites is "
        "non-singular iff each site lies in the open support of its B-spline (hypotheses established by the hat "
        "identity: increasing knots, the columns' slope changes are scaled linear B-splines)"]
    return out


@lru_cache(maxsize=1)
def shared_k_argument() -> dict:
    """The proof that full rank implies the ``shared_k`` condition, each step checked by sympy."""
    import sympy as sp

    from proofs.methods.symbolic import Step, argument_json

    z = sp.symbols("z1:4", real=True)
    w = sp.symbols("w1:4", real=True)
    b = sp.symbols("b1:4", real=True)
    k = sp.Symbol("k", real=True)
    minor3 = sp.expand(sp.Matrix(3, 3, lambda i, j: w[j] * z[i] + b[j]).det())
    minor3t = sp.expand(sp.Matrix(3, 3, lambda i, j: w[i] * z[j] + b[i]).det())
    same_k = sp.expand(sp.Matrix([[w[0] * (z[0] + k), w[1] * (z[0] + k)], [w[0] * (z[1] + k), w[1] * (z[1] + k)]]).det())
    consts = sp.expand(sp.Matrix([[b[0], b[1]], [b[0], b[1]]]).det())
    zero_line = sp.Matrix([[0, 0, 0], [z[0], w[0], b[0]], [z[1], w[1], b[1]]]).det()
    steps = [
        Step("three columns with the same zero pattern are W_a z + b_a on their common support S and 0 off S, so "
             "every 3 x 3 minor of these columns (rows in S) is det[W_a z_i + b_a] and vanishes identically: they are "
             "dependent", f"sympy: det[[W_a z_i + b_a]]_(i,a <= 3) expands to {minor3}", minor3 == 0),
        Step("three rows with the same zero pattern are W_j z_i + b_j on their common active set and 0 elsewhere; "
             "every 3 x 3 minor is det[W_j z_i + b_j] (transposed) and vanishes: they are dependent",
             f"sympy: det[[W_i z_j + b_i]] expands to {minor3t}", minor3t == 0),
        Step("two columns with the same zero pattern and the same ratio k (W != 0) are W (z + k) and W' (z + k) on the "
             "common support: every 2 x 2 minor vanishes, they are proportional",
             f"sympy: det[[W (z_1 + k), W' (z_1 + k)], [W (z_2 + k), W' (z_2 + k)]] expands to {same_k}", same_k == 0),
        Step("two constant columns (W = 0, k = infinity) with the same zero pattern are proportional",
             f"sympy: det[[b, b'], [b, b']] = {consts}", consts == 0),
        Step("a matrix with an all-zero row or column is singular (Laplace expansion along it)",
             f"sympy: det of a 3 x 3 matrix with a zero row = {zero_line}", zero_line == 0),
        Step("so if the shared_k condition fails, some rows or columns of A2 are linearly dependent (all their maximal "
             "minors vanish) and A2 is singular: full rank implies the condition", "steps 1-5 (contrapositive)",
             all(e == 0 for e in (minor3, minor3t, same_k, consts, zero_line))),
    ]
    return argument_json(steps, "for every n: A2 full rank => the shared_k condition (necessity)")


# --------------------------------------------------------------------------------------
# evidence and certificates
# --------------------------------------------------------------------------------------
def instance_record(inst: A2Instance, reading: str) -> dict:
    """The instance with A2 (exact strings, recomputed through exact.two_layer), rank and condition."""
    a2 = activation_matrix(inst.z, inst.W2, inst.b2)
    ev = evaluate_a2(inst)
    if a2.rows() != tuple(tuple(r) for r in ev.a2_rows()):  # two independent constructions must agree
        raise RuntimeError("A2 from exact.two_layer differs from the search's integer A2")
    parts = condition_parts(reading, ev)
    return {**inst.to_json(), "A2": a2.to_strings(), "rank": a2.rank(),
            "k": [None if k is None else rational_str(k) for k in ratios(inst.W2, inst.b2)],
            "condition": all(parts.values()), "parts": parts,
            "float_rank": ev.float_rank, "float_sigma_min": ev.sigma_min}


def _instance_json(inst: A2Instance) -> dict:
    """An instance as the kernel reads it: z, W2, b2 (exact strings)."""
    d = inst.to_json()
    return {"z": d["z"], "W2": d["W2"], "b2": d["b2"]}


def _counterexample_certificate(variant: str, inst: A2Instance) -> dict:
    """refuted: the instance alone (the kernel rebuilds A2, its rank and the reading's condition)."""
    return check.certificate("refuted", variant=variant, scope={}, evidence=_instance_json(inst))


#: An inconclusive search certificate lists the first LISTED instances searched (the kernel re-checks
#: each one); a longer search states how many more it drew (a record only).
LISTED = 20_000


def _search_certificate(variant: str, example: A2Instance | None, findings: dict, record: dict) -> dict:
    """refuted (the counterexample) or inconclusive (the search record and every instance drawn, up to LISTED)."""
    if example is not None:
        return _counterexample_certificate(variant, example)
    listed = findings.get("listed", [])[:LISTED]
    searched = findings.get("instances", 0)
    if searched < len(listed) or (searched > len(listed) and len(listed) < LISTED):
        raise RuntimeError(f"the search drew {searched} instances but recorded {len(listed)}")
    return check.certificate("inconclusive", variant=variant,
                             scope={"max_n": record["max_n"], "max_height": record["max_height"]},
                             evidence={"property": variant, "engine": record["engine"], "seed": record["seed"],
                                       "workers": record["workers"], "max_examples": record["max_examples"],
                                       "searched": searched, "instances": listed, "not_listed": searched - len(listed)})


def _format_rank(inst: A2Instance, ev: Any, fmt: str) -> int:
    """The float rank of the instance's A2 in ``fmt`` (float64: the one evaluate_a2 computed)."""
    if fmt == "float64":
        return ev.float_rank
    return int(float_activation_ranks([inst.z], [inst.W2], [inst.b2], fmt=fmt)[0])


def _make_property(reading: str, direction: str, formats: tuple[str, ...] = ("float64",)) -> Callable[[], tuple]:
    """A property over batches of instances, with float64 findings and the instances drawn (up to LISTED,
    until the first counterexample: a refuted certificate carries that alone, and shrinking calls are many)."""

    def make() -> tuple[Callable[[Any], bool], Callable[[], dict]]:
        stats = {"instances": 0, "compared": 0, "float_disagreement_count": 0, "float_disagreements": [],
                 "condition_true": 0, "full_rank": 0, "listed": []}
        refuted = False

        def one(inst: A2Instance) -> bool:
            nonlocal refuted
            ev = evaluate_a2(inst)
            stats["instances"] += 1
            if not refuted and len(stats["listed"]) < LISTED:
                stats["listed"].append(_instance_json(inst))
            for fmt in formats:
                stats["compared"] += 1
                frk = _format_rank(inst, ev, fmt)
                if frk != ev.rank:
                    stats["float_disagreement_count"] += 1
                    key = f"float_disagreement_count/{fmt}"
                    stats[key] = stats.get(key, 0) + 1
                    if len(stats["float_disagreements"]) < 20:
                        extra = ({"sigma_min": ev.sigma_min, "condition_number":
                                  ev.condition if ev.condition != float("inf") else "inf"} if fmt == "float64" else {})
                        stats["float_disagreements"].append({**inst.to_json(), "exact_rank": ev.rank,
                                                             "float_rank": frk, "format": fmt, **extra})
            c = condition(reading, ev)
            stats["condition_true"] += c
            stats["full_rank"] += ev.full_rank
            bad = (c and not ev.full_rank) if direction == "sufficiency" else (ev.full_rank and not c)
            refuted = refuted or bad
            return bad

        def prop(batch: Any) -> bool:
            found = False
            for inst in batch:
                found = one(inst) or found
            return found

        return prop, lambda: stats

    return make


_LIMITS = {"listed": LISTED}


def _crosscheck(disagreements: list, compared: int, count: int, formats: tuple[str, ...] = ("float64",),
                counts: dict | None = None) -> dict:
    """The verdict's float cross-check: the kept disagreements, their count and a summary per format
    (``compared`` counts instance-format pairs; ``counts``: the findings with keys ``.../FORMAT``)."""
    each = compared // max(1, len(formats))
    per = {f: (counts or {}).get(f, count if len(formats) == 1 else 0) for f in formats}
    return {"disagreements": disagreements, "compared": compared, "disagreement_count": count,
            "formats": list(formats),
            "summary": "; ".join(f"{f} SVD rank agreed with the exact rank on all {each} instances" if per[f] == 0 else
                                 f"{f} SVD rank differed from the exact rank on {per[f]} of {each} instances"
                                 for f in formats)}


def _format_counts(findings: dict, prefix: str) -> dict:
    return {k.split("/", 1)[1]: v for k, v in findings.items() if k.startswith(prefix + "/")}


def _first_counterexample(reading: str, direction: str, batch: list[A2Instance]) -> A2Instance:
    bad = [x for x in batch if is_counterexample(reading, direction, evaluate_a2(x))]
    return min(bad, key=lambda x: x.size_key())


# --------------------------------------------------------------------------------------
# the batched engine (blocks drawn by numpy, decided exactly in bulk)
# --------------------------------------------------------------------------------------
#: Instances per block of the batched engine (part of what identifies an instance: index = block * size + k).
BLOCK_SIZE = 4096


@dataclass(frozen=True)
class A2BlockSearch:
    """One reading and direction of 001-C1 as a task of :func:`proofs.methods.batched.run_blocks`.

    ``run_block`` draws the block (:func:`proofs.methods.a2_blocks.draw_block`), computes the
    integer A2 of every instance, decides full rank exactly in bulk
    (:func:`proofs.methods.a2_blocks.full_rank_bulk`), the reading's condition exactly in bulk
    (the criterion's boundary determinant, and any instance whose integers could overflow,
    one at a time with :func:`evaluate_a2`), and compares the float64 SVD rank on the same block.
    """

    reading: str
    direction: str
    size: int = BLOCK_SIZE
    max_n: int = 8
    max_height: int = 6
    crosscheck: bool = True
    formats: tuple = ("float64",)

    def block(self, seed: int, block: int) -> Any:
        from proofs.methods.a2_blocks import draw_block

        return draw_block(seed, block, self.size, max_n=self.max_n, max_height=self.max_height)

    def instance(self, seed: int, index: int) -> A2Instance:
        """Instance ``index`` of the search with ``seed``, rebuilt from (seed, index) alone."""
        return self.block(seed, index // self.size).instance(index % self.size)

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        import numpy as np

        from proofs.methods.a2_blocks import (_structurally_singular, boundary_full_rank_bulk, conditions_bulk, float_full_rank,
                                              full_rank_bulk, integer_a2, interlacing_bulk)

        blk = self.block(seed, block)
        if count is not None and count < blk.size:
            blk = blk.head(count)
        A, D, ok = integer_a2(blk)
        full, how = full_rank_bulk(A, ok)
        one_by_one = ~ok
        if self.reading == "criterion":
            good, ok_b = interlacing_bulk(blk)
            # (c), the boundary determinant: proved in bulk modulo a prime, else exactly per instance
            cond = good & ok_b & boundary_full_rank_bulk(blk, A, D, ok, only=good & ok_b)
            # (c) fails where A2 has a zero column or two proportional columns: the columns of
            # [E; H] are the images of those of A2 under one linear map, so they are dependent too
            dependent = np.zeros(blk.size, dtype=bool)
            todo = np.flatnonzero(good & ok_b & ok & ~cond)
            dependent[todo] = _structurally_singular(A[todo], rows=False)
            one_by_one |= ~ok_b | (good & ~cond & ~dependent)
        else:
            cond = conditions_bulk(self.reading, blk, A)
        for k in np.flatnonzero(one_by_one):
            ev = evaluate_a2(blk.instance(int(k)), crosscheck=False)
            if not ok[k]:
                full[k] = ev.full_rank
            cond[k] = condition(self.reading, ev)
        bad = (cond & ~full) if self.direction == "sufficiency" else (full & ~cond)
        start = block * self.size
        lists: dict = {}
        counts = {"instances": blk.size, "condition_true": int(cond.sum()), "full_rank": int(full.sum()),
                  "decided_structural": how["structural"], "decided_mod_p": how["mod_p"],
                  "decided_flint": how["flint"], "decided_one_by_one": int(one_by_one.sum())}
        if self.crosscheck:
            counts["compared"], counts["float_disagreement_count"], lists["float_disagreements"] = 0, 0, []
            for fmt in self.formats:
                ff = float_full_rank(blk, fmt)
                dis = np.flatnonzero(ff != full)
                counts["compared"] += blk.size
                counts["float_disagreement_count"] += len(dis)
                counts[f"float_disagreement_count/{fmt}"] = len(dis)
                lists["float_disagreements"] += [{**blk.instance(int(k)).to_json(), "index": start + int(k),
                                                  "exact_full_rank": bool(full[k]), "float_full_rank": bool(ff[k]),
                                                  "format": fmt} for k in dis[:20]]
        if start < LISTED:
            lists["listed"] = blk.instances_json(min(blk.size, LISTED - start))
        return {"instances": blk.size, "hits": [start + int(k) for k in np.flatnonzero(bad)], "counts": counts,
                "lists": lists}


def _call_progress(progress: Callable | None, done: int, total: int | None, phase: str | None = None) -> None:
    if progress is None:
        return
    try:
        progress(done, total, phase) if phase else progress(done, total)
    except TypeError:  # a two-argument progress callback
        progress(done, total)


def _valid_instance(z: list, w: list, b: list) -> bool:
    return 1 <= len(z) == len(w) == len(b) and len(set(z)) == len(z)


def shrink_counterexample(inst: A2Instance, reading: str, direction: str, *, database: str | None = None,
                          seed: int = 0, max_height: int = 6, shrink_seconds: float | None = 5.0,
                          shrink_examples: int | None = 2000, progress: Callable | None = None) -> tuple[A2Instance, dict]:
    """Shrink a counterexample with hypothesis; returns (the smallest counterexample reached, statistics).

    The instance is written into hypothesis' example database (``database``, or a throw-away one)
    as the choice sequence of a strategy over it: per code and per neuron a keep/drop choice
    (0 drops, so shrinking lowers n) and per entry an index into the rationals ordered by height
    (the last index keeps the original value).  Hypothesis replays it (phase reuse) and shrinks it
    within ``shrink_examples`` calls and ``shrink_seconds``; its database keeps the result.  Every
    instance returned is a counterexample, re-checked exactly; a cut budget or Ctrl-C returns the
    best reached so far.
    """
    import tempfile

    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.database import DirectoryBasedExampleDatabase, choices_to_bytes
    from hypothesis.errors import NoSuchExample

    table = rational_table(max_height)
    L = len(table)
    where = {v: i for i, v in enumerate(table)}
    n = inst.n
    orig = (*inst.z, *inst.W2, *inst.b2)

    @st.composite
    def shrinks(draw: st.DrawFn) -> tuple:
        keep_r = [draw(st.integers(0, 1)) for _ in range(n)]
        keep_c = [draw(st.integers(0, 1)) for _ in range(n)]
        vals = [table[i] if i < L else v for v, i in zip(orig, (draw(st.integers(0, L)) for _ in orig))]
        z = tuple(vals[i] for i in range(n) if keep_r[i])
        return (z, tuple(vals[n + j] for j in range(n) if keep_c[j]),
                tuple(vals[2 * n + j] for j in range(n) if keep_c[j]))

    tmp = None
    if database is None:
        tmp = tempfile.TemporaryDirectory()
        database = tmp.name
    db = DirectoryBasedExampleDatabase(database)
    key = f"{check.claim_id}/{reading}/{direction}/shrink/{'|'.join(rational_str(v) for v in orig)}".encode()
    # hypothesis does not shrink again what it replays from its primary corpus: offer it as secondary
    db.save(key + b".secondary", choices_to_bytes(tuple([1] * (2 * n) + [where.get(v, L) for v in orig])))
    t0 = time.perf_counter()
    state = {"calls": 0, "best": inst, "cut": False, "interrupted": False}
    bad_seen: list = []

    def cond(x: tuple) -> bool:
        if x in bad_seen:
            return True
        if ((shrink_seconds is not None and time.perf_counter() - t0 > shrink_seconds)
                or (shrink_examples is not None and state["calls"] >= shrink_examples)):
            state["cut"] = True
            return False
        state["calls"] += 1
        if state["calls"] % 50 == 0:
            _call_progress(progress, state["calls"], shrink_examples, "shrinking")
        z, w, b = x
        if not _valid_instance(list(z), list(w), list(b)):
            return False
        cand = A2Instance(z, w, b)
        if is_counterexample(reading, direction, evaluate_a2(cand, crosscheck=False)):
            bad_seen.append(x)
            if cand.size_key() < state["best"].size_key():
                state["best"] = cand
            return True
        return False

    sets = settings(database=db, max_examples=max(1, shrink_examples or 10 ** 6), deadline=None,
                    suppress_health_check=list(HealthCheck), phases=(Phase.reuse, Phase.shrink))
    try:
        find(shrinks(), cond, settings=sets, random=None, database_key=key)
    except NoSuchExample:
        pass
    except KeyboardInterrupt:
        state["interrupted"] = True
    finally:
        if tmp is not None:
            tmp.cleanup()
    best = state["best"]
    if not is_counterexample(reading, direction, evaluate_a2(best, crosscheck=False)):  # pragma: no cover
        raise RuntimeError("a shrunk instance is no counterexample")
    return best, {"shrink_examples": state["calls"], "shrink_seconds": round(time.perf_counter() - t0, 3),
                  "shrinking_cut_by_budget": state["cut"], "shrinking_interrupted": state["interrupted"]}


def _batch_search(reading: str, direction: str, max_examples: int | None, seconds: float | None, seed: int,
                  workers: int, scheduler: Any, progress: Callable | None, database: str | None, max_n: int,
                  max_height: int, shrink_seconds: float | None, shrink_examples: int | None,
                  block_size: int, formats: tuple[str, ...] = ("float64",)) -> tuple[A2Instance | None, dict, dict]:
    """The batched engine: blocks decided in bulk, hits re-checked one at a time, the first one shrunk."""
    from proofs.methods.batched import run_blocks

    if not 1 <= max_n <= 16 or not 1 <= max_height <= 12:
        raise InvalidArgument(f"the batch engine takes max_n <= 16 and max_height <= 12, got {max_n}, {max_height}")
    task = A2BlockSearch(reading, direction, size=block_size, max_n=max_n, max_height=max_height,
                         formats=tuple(formats))
    run = run_blocks(task, seed=seed, max_instances=max_examples, seconds=seconds, workers=workers,
                     scheduler=scheduler, list_limits={"listed": LISTED, "float_disagreements": 20},
                     progress=progress)
    rechecked = []
    for idx in run.hits:  # every hit is re-checked exactly, one at a time
        inst = task.instance(seed, idx)
        if not is_counterexample(reading, direction, evaluate_a2(inst)):
            raise RuntimeError(f"the bulk decision of instance {idx} (seed {seed}) is not confirmed exactly")
        rechecked.append(idx)
    findings = {"instances": run.instances, **run.counts, "listed": run.lists.get("listed", []),
                "float_disagreements": run.lists.get("float_disagreements", [])}
    stats = {"examples": run.instances, "blocks": run.blocks, "block_size": block_size, "executor": run.executor,
             "executor_workers": run.workers, "budget_exhausted": run.budget_exhausted,
             "interrupted": run.interrupted, "search_seconds": round(run.seconds, 3),
             "first_counterexample_seconds": None if run.first_hit_seconds is None else round(run.first_hit_seconds, 3),
             "first_counterexample_index": run.hits[0] if run.hits else None, "hits_rechecked": len(rechecked),
             "hit_indices": run.hits[:100],
             "decided": {k[len("decided_"):]: v for k, v in run.counts.items() if k.startswith("decided_")}}
    example = None
    if run.hits:
        first = task.instance(seed, run.hits[0])
        stats["found"] = {"seed": seed, "index": run.hits[0], "block_size": block_size, **first.to_json()}
        if database:
            _store_origin(database, reading, direction, stats["found"], max_n, max_height)
        if run.interrupted:
            example = first
        else:
            example, sh = shrink_counterexample(first, reading, direction, database=database, seed=seed,
                                                max_height=max_height, shrink_seconds=shrink_seconds,
                                                shrink_examples=shrink_examples, progress=progress)
            stats.update(sh)
            stats["interrupted"] = stats["interrupted"] or sh["shrinking_interrupted"]
    return example, findings, stats


def _origin_key(reading: str, direction: str) -> bytes:
    return f"{check.claim_id}/{reading}/{direction}/batch-origins".encode()


def _store_origin(database: str, reading: str, direction: str, found: dict, max_n: int, max_height: int) -> None:
    """Keep (seed, index, block size, generator bounds) of a counterexample in hypothesis' database."""
    import json

    from hypothesis.database import DirectoryBasedExampleDatabase

    rec = {k: found[k] for k in ("seed", "index", "block_size")}
    DirectoryBasedExampleDatabase(database).save(_origin_key(reading, direction), json.dumps(
        {**rec, "max_n": max_n, "max_height": max_height}, sort_keys=True).encode())


def stored_counterexamples(database: str, reading: str, direction: str) -> list[tuple[dict, A2Instance]]:
    """Every counterexample origin (seed, index, ...) stored for this reading and direction, each
    rebuilt from (seed, index) alone and re-checked exactly (those that no longer refute are left out)."""
    import json

    from hypothesis.database import DirectoryBasedExampleDatabase

    out = []
    for raw in DirectoryBasedExampleDatabase(database).fetch(_origin_key(reading, direction)):
        rec = json.loads(raw)
        task = A2BlockSearch(reading, direction, size=rec["block_size"], max_n=rec["max_n"],
                             max_height=rec["max_height"])
        inst = task.instance(rec["seed"], rec["index"])
        if is_counterexample(reading, direction, evaluate_a2(inst, crosscheck=False)):
            out.append((rec, inst))
    return sorted(out, key=lambda x: (x[0]["seed"], x[0]["index"]))


#: instances per block of the random engine (progress is reported per block)
RANDOM_BLOCK = 5000


@dataclass(frozen=True)
class RandomBlocks:
    """The random engine as a task of :func:`proofs.methods.batched.run_blocks`: block ``block``
    is ``count`` instances of :func:`random_a2_instance` drawn from ``Random(seed * 1_000_003 +
    block)`` alone (block 0 is the stream one process drew before the harness), each decided
    exactly; hits are the instances' indices in the search, ``extra`` the simplest counterexample
    of the block (``size_key``) and when it was found."""

    reading: str
    direction: str
    strategy_kw: tuple
    formats: tuple[str, ...] = ("float64",)
    size: int = RANDOM_BLOCK

    def run_block(self, seed: int, block: int, count: int | None = None) -> dict:
        count = self.size if count is None else count
        rng = Random(seed * 1_000_003 + block)
        prop, collect = _make_property(self.reading, self.direction, self.formats)()
        t0, wall0 = time.perf_counter(), time.time()
        best, first_t, hits = None, None, []
        kw = dict(self.strategy_kw)
        for i in range(count):
            inst = random_a2_instance(rng, **kw)
            if prop([inst]):
                hits.append(block * self.size + i)
                if first_t is None:
                    first_t = time.perf_counter() - t0
                if best is None or inst.size_key() < best.size_key():
                    best = inst
        found = collect()
        return {"instances": count, "hits": hits,
                "counts": {k: v for k, v in found.items() if isinstance(v, int) and not isinstance(v, bool)},
                "lists": {k: v for k, v in found.items() if isinstance(v, list)},
                "extra": {"best": None if best is None else best.to_json(), "first_wall": None if first_t is None
                          else wall0 + first_t, "keys": list(found)}}


def _random_sweep(reading: str, direction: str, max_examples: int, seconds: float | None, seed: int,
                  workers: int, progress: Callable | None, strategy_kw: dict,
                  formats: tuple[str, ...] = ("float64",), scheduler: Any = None) -> dict:
    """Plain random instances (no hypothesis, no shrinking), for sweeps of 10^6 instances and more:
    :class:`RandomBlocks` on the search harness (this process, ``workers`` processes or the Dask
    cluster at ``scheduler``); the whole budget is searched and the simplest counterexample kept."""
    from proofs.methods.batched import run_blocks

    task = RandomBlocks(reading, direction, tuple(sorted(strategy_kw.items())), tuple(formats))
    wall0 = time.time()
    run = run_blocks(task, seed=seed, max_instances=max_examples, seconds=seconds, workers=workers,
                     scheduler=scheduler, stop_on_hit=False, list_limits={**_LIMITS, "float_disagreements": 20},
                     progress=progress)
    merged = {**run.counts, **run.lists}
    findings = {k: merged[k] for k in dict.fromkeys(k for e in run.extras for k in e["keys"]) if k in merged}
    bests = [A2Instance.from_json(e["best"]) for e in run.extras if e["best"]]
    best = min(bests, key=lambda x: x.size_key()) if bests else None
    firsts = [e["first_wall"] - wall0 for e in run.extras if e["first_wall"] is not None]
    return {"best": best, "done": run.instances, "first_t": max(min(firsts), 0.0) if firsts else None,
            "findings": findings, "interrupted": run.interrupted, "executor": run.executor, "blocks": run.blocks}


def search(reading: str = "literal", direction: str = "sufficiency", max_examples: int = 2000,
           seconds: float | None = None, seed: int = 0, workers: int = 1,
           progress: Callable[[int, int], None] | None = None, *, database: str | None = None,
           engine: str = "hypothesis", max_n: int = 8, max_height: int = 6, batch: int = 8,
           shrink_seconds: float | None = 10.0, shrink_examples: int | None = None, refine: bool = True,
           prove: bool = True, scope: tuple | None = None, scheduler: Any = None,
           block_size: int = BLOCK_SIZE, float_formats: str = "float64") -> Verdict:
    """Search one reading and direction; the verdict is refuted (shrunk counterexample) or inconclusive.

    The exception is shared_k/necessity, a theorem: with ``prove`` and nothing found it is
    ``proved`` by :func:`shared_k_argument`, its certificate re-checking the exhaustive
    ``scope`` (:func:`exhaustive_scope`, default n <= 3).  (The criterion's searches stay
    searches here; :func:`check` turns them into the proof of C*, :func:`prove_criterion`.)

    ``max_examples`` counts hypothesis examples (each a batch of 1..``batch`` instances) for
    ``engine="hypothesis"``, and single instances for ``engine="random"`` (plain random
    generation, no shrinking, for sweeps of millions).  ``database`` is a directory for
    hypothesis' example database (None: no database).  With ``refine``, a counterexample
    with n codes is followed by searches restricted to fewer codes (a quarter of the
    budget each) until one finds nothing, so the reported n is as small as searching finds.

    ``engine="batch"``: blocks of ``block_size`` instances drawn by numpy from (seed, block) and
    decided exactly in bulk (:class:`A2BlockSearch`), on ``workers`` processes or the Dask
    cluster at ``scheduler``; ``max_examples`` counts instances (None: the time budget
    ``seconds`` alone); the first counterexample (smallest index) is re-checked exactly and
    shrunk by hypothesis (:func:`shrink_counterexample`, its own budget ``shrink_seconds`` and
    ``shrink_examples``).  The result depends on seed, block size and budget, not on the
    workers.  Ctrl-C during the search returns what was found so far, ``interrupted`` set.
    """
    _check_reading_direction(reading, direction)
    formats = parse_formats(float_formats)
    if engine not in ("hypothesis", "random", "batch"):
        raise InvalidArgument(f"engine must be hypothesis, random or batch, got {engine!r}")
    if max_examples is None and (engine != "batch" or seconds is None):
        raise InvalidArgument("max_examples may be left out only by the batch engine with a time budget")
    if (max_examples is not None and max_examples < 1) or workers < 1 or batch < 1 or block_size < 1:
        raise InvalidArgument("max_examples, workers and batch must be at least 1")
    t0 = time.perf_counter()
    kw = {"max_n": max_n, "max_height": max_height}
    if engine == "batch":
        example, findings, stats = _batch_search(reading, direction, max_examples, seconds, seed, workers, scheduler,
                                                 progress, database, max_n, max_height, shrink_seconds,
                                                 shrink_examples if shrink_examples is not None else 2000, block_size,
                                                 formats)
    elif engine == "hypothesis":
        strat = st.lists(a2_instances(**kw), min_size=1, max_size=batch)
        out = run_search(strat, _make_property(reading, direction, formats), key=f"{check.claim_id}/{reading}/{direction}",
                         max_examples=max_examples, seconds=seconds, seed=seed, workers=workers,
                         database=database, scheduler=scheduler,
                         size_key=lambda b: _first_counterexample(reading, direction, b).size_key(),
                         shrink_seconds=shrink_seconds, shrink_examples=shrink_examples,
                         list_limits={**_LIMITS, "float_disagreements": 20}, progress=progress)
        example = _first_counterexample(reading, direction, out.example) if out.found else None
        findings = out.findings
        refine_rounds = 0
        while refine and example is not None and example.n > 1 and not out.budget.get("interrupted"):
            # hypothesis' shrinker rarely lowers n (later draws change meaning): search below n
            strat_r = st.lists(a2_instances(max_n=example.n - 1, max_height=max_height), min_size=1, max_size=batch)
            out_r = run_search(strat_r, _make_property(reading, direction, formats),
                               key=f"{check.claim_id}/{reading}/{direction}/n<{example.n}",
                               max_examples=max(50, max_examples // 4), seed=seed, workers=1,
                               seconds=None if seconds is None else max(seconds / 4, 0.1), database=database,
                               size_key=lambda b: _first_counterexample(reading, direction, b).size_key(),
                               shrink_seconds=shrink_seconds, shrink_examples=shrink_examples,
                               list_limits={**_LIMITS, "float_disagreements": 20})
            findings = _merge_findings(findings, out_r.findings, limits=_LIMITS)
            refine_rounds += 1
            if not out_r.found:
                break
            example = _first_counterexample(reading, direction, out_r.example)
        stats = {"examples": out.tried, "generated_examples": out.generated, "shrink_examples": out.shrink_calls,
                 "first_counterexample_seconds": out.first_found_seconds,
                 "first_counterexample_examples": out.first_found_calls, "chunks": out.chunks,
                 "shrinking_cut_by_budget": out.budget.get("shrink_cut", False),
                 "smaller_n_rounds": refine_rounds, "interrupted": bool(out.budget.get("interrupted"))}
    else:
        res = _random_sweep(reading, direction, max_examples, seconds, seed, workers, progress, kw, formats,
                            scheduler=scheduler)
        findings, example = res["findings"], res["best"]
        stats = {"examples": res["done"], "first_counterexample_seconds": res["first_t"], "blocks": res["blocks"],
                 "executor": res["executor"], "interrupted": res["interrupted"]}
    instances = findings.get("instances", 0)
    variant = f"{reading}/{direction}"
    scope_desc = (f"{instances} instances searched ({engine}; n <= {max_n}, heights <= {max_height}, "
                  f"seed {seed}, {workers} worker(s))")
    if example is not None:
        rec = instance_record(example, reading)
        status = Status.REFUTED
    else:
        rec = None
        status = Status.INCONCLUSIVE
    cert = _search_certificate(variant, example, findings,
                               {"max_n": max_n, "max_height": max_height, "engine": engine, "seed": seed,
                                "workers": workers,
                                "max_examples": max_examples if max_examples is not None else max(instances, 1)})
    nd = findings.get("float_disagreement_count", 0)
    compared = findings.get("compared", 0)
    evidence = {"reading": reading, "direction": direction, "condition": _READING_TEXT[reading],
                "instances": instances, "engine": engine, **stats,
                "condition_true": findings.get("condition_true", 0), "full_rank": findings.get("full_rank", 0),
                "counterexamples": [rec] if rec else [],
                "note": ("a counterexample, shrunk to the smallest n, then heights" if rec else
                         "no counterexample found: this says nothing was found, not that none exists; the "
                         f"certificate lists every instance searched (up to {LISTED:,}) and the kernel re-checks each")}
    if reading == "criterion":
        evidence["proof"] = ("C* is equivalent to full rank for every n (docs/claims-001-C1.md): the map "
                             "v -> (v(z_1), v(z_n), slope changes at z_2..z_{n-1}) is invertible, it sends A2 to "
                             "[E; H] with H a scaled linear B-spline collocation matrix at the breakpoints, and "
                             "[E; H] is non-singular iff rank H = n-2 (Schoenberg-Whitney, (b)) and E is injective "
                             "on ker H ((c)). Machine-checked: the hat-function identity (sympy, every n), Phi "
                             "invertible (sympy, n <= 4), and C* <=> full rank on every instance of the exhaustive "
                             "scope (variant criterion/exhaustive); Schoenberg-Whitney is cited. So this search "
                             "verdict stays inconclusive.")
    cc = _crosscheck(findings.get("float_disagreements", []), compared, nd,
                     formats,
                     _format_counts(findings, "float_disagreement_count"))
    v = check.verdict(status, variant=variant,
                      scope={"description": scope_desc, "reading": reading, "direction": direction,
                             "max_examples": max_examples, "seconds": seconds, "seed": seed, "workers": workers,
                             "engine": engine, "max_n": max_n, "max_height": max_height},
                      evidence=evidence, crosscheck=cc, seconds=time.perf_counter() - t0,
                      reading=f"{reading}: {_READING_TEXT[reading]}", certificate=cert)
    if (reading, direction) == ("shared_k", "necessity") and status is Status.INCONCLUSIVE and prove:
        v = _prove_shared_k(v, scope or exhaustive_scope(), time.perf_counter() - t0)
    return v


def exhaustive_scope(n_max: int = 3, codes: str = EXHAUSTIVE_CODES, w2: str = EXHAUSTIVE_W2,
                     b2: str = EXHAUSTIVE_B2) -> tuple:
    """The exhaustive scope (n_max, codes, W2 values, b2 values) from comma-separated rationals."""
    zs = tuple(sorted(_values(codes, "the exhaustive codes")))
    if not 1 <= n_max <= len(zs):
        raise InvalidArgument(f"the exhaustive n_max must be between 1 and the number of codes ({len(zs)}), got {n_max}")
    return (n_max, zs, _values(w2, "the exhaustive W2 values"), _values(b2, "the exhaustive b2 values"))


def _scope_counts(scope: tuple, formats: tuple[str, ...] = ("float64",)) -> dict:
    return exhaustive(("criterion", "shared_k"), *scope, formats)


def _proved_for_every_n(v: Verdict, reading: str, direction: str, scope: tuple, seconds: float, argument: dict,
                        note: str, how: str, certificate: Callable[[dict], Any]) -> Verdict:
    """The common end of a proof for every n: the exhaustive scope is decided first (a counterexample
    there refutes: the argument or the code is wrong); an argument that did not check leaves ``v`` as
    it is; else ``proved``, with ``certificate(counts)`` re-checking the scope in the kernel."""
    t0 = time.perf_counter()
    counts = _scope_counts(scope)["readings"][reading]
    sc = _exhaustive_scope(*scope, counts["instances"])
    ev = {**v.evidence, "argument": argument, "exhaustive": {**sc, "instances": counts["instances"],
                                                             "full_rank": counts["full_rank"],
                                                             "condition_true": counts["condition"]}}
    if counts[direction]:
        rec = instance_record(counts[direction][0], reading)
        return replace(v, status=Status.REFUTED, evidence={**ev, "counterexamples": [rec]},
                       certificate=_counterexample_certificate(v.variant, counts[direction][0]))
    if not argument["valid"]:
        return replace(v, evidence=ev)
    ev["note"] = note
    return replace(v, status=Status.PROVED, evidence=ev, seconds=seconds + time.perf_counter() - t0,
                   scope={**v.scope, "description": f"all n ({how}); kernel re-check: {sc['description']}; "
                                                    f"search: {v.scope['description']}"},
                   certificate=certificate(counts))


def _prove_shared_k(v: Verdict, scope: tuple, seconds: float) -> Verdict:
    """shared_k/necessity: ``proved`` by the argument whose three identities the kernel checks itself (sympy
    checks every step during the run too), the kernel re-checking the exhaustive scope."""
    return _proved_for_every_n(
        v, "shared_k", "necessity", scope, seconds, shared_k_argument(),
        "proved for every n by the argument (each step checked by sympy; the kernel re-checks its three "
        "polynomial identities itself and cites rank by minors); the certificate re-checks the exhaustive "
        "scope, and the search found nothing either", "kernel-checked argument citing rank by minors",
        lambda counts: _exhaustive_certificate(v.variant, scope, counts, SHARED_K_STEPS))


#: The proof of C* (both directions, every n) as the kernel states it (proofs/kernel/specs/p001_c1.py): the
#: steps it checks itself and the theorems it cites, whose hypotheses its own steps establish.
CRITERION_STEPS = [("affine", "kernel"), ("induction", "theorem: induction on m"), ("ends", "kernel"),
                   ("invertible", "theorem: rank-nullity (an injective linear map of Q^n is invertible)"),
                   ("hat", "kernel"), ("minors", "theorem: rank by minors"),
                   ("schoenberg-whitney", "theorem: Schoenberg-Whitney (1953; de Boor, A Practical Guide to Splines, "
                                          "XIII (2))"),
                   ("boundary", "theorem: rank-nullity")]


def prove_criterion(v: Verdict, direction: str, scope: tuple, seconds: float = 0.0) -> Verdict:
    """criterion/DIRECTION: ``proved`` by the proof of C* (the kernel checks its computational steps and
    the hypotheses of the cited theorems), the kernel re-checking the exhaustive scope; sympy re-checks the
    hat-function identity during the run (the verdict stays inconclusive if it does not hold)."""
    return _proved_for_every_n(
        v, "criterion", direction, scope, seconds, criterion_lemmas(),
        "proved for every n: the kernel checks the induction step of Phi's injectivity, the positive "
        "length z_n - z_1 and the hat-function identity (14 cases and constant columns) itself, and cites rank-nullity, rank "
        "by minors and Schoenberg-Whitney, whose hypotheses (increasing knots, the columns' slope changes "
        "are scaled linear B-splines) its steps establish; the certificate re-checks the exhaustive scope, "
        "and the search found nothing either", "kernel-checked argument citing Schoenberg-Whitney",
        lambda counts: check.certificate(
            "proved", variant=v.variant, scope=_exhaustive_certificate(v.variant, scope, counts)["scope"],
            evidence={"checked": counts["instances"], "direction": direction}, argument=CRITERION_STEPS))


def criterion_control_verdict() -> Verdict:
    """Negative control: C* without its boundary determinant (c), sufficiency, is refuted by two
    codes and two constant columns: (b) holds vacuously for n = 2 while A2 = [[1, 1], [1, 1]]."""
    inst = A2Instance(z=(Fraction(0), Fraction(1)), W2=(Fraction(0), Fraction(0)), b2=(Fraction(1), Fraction(1)))
    variant = "criterion without (c)/sufficiency"
    return check.verdict(
        Status.REFUTED, variant=variant,
        scope={"description": "z = (0, 1), W2 = (0, 0), b2 = (1, 1): (b) holds (n = 2), A2 = [[1, 1], [1, 1]]"},
        evidence={"reading": "criterion without (c)", "direction": "sufficiency", "instances": 1, "condition_true": 1,
                  "full_rank": 0, "counterexamples": [instance_record(inst, "criterion")]},
        reading="Negative control: C* with the boundary determinant (c) dropped, sufficiency.",
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=_counterexample_certificate(variant, inst))


def exhaustive_verdict(scope: tuple | None = None, float_formats: str = "float64") -> Verdict:
    """criterion/exhaustive: C* <=> full rank on every instance of the exhaustive scope (``verified``)."""
    t0 = time.perf_counter()
    scope = scope or exhaustive_scope()
    formats = parse_formats(float_formats)
    res = _scope_counts(scope, formats)
    counts = res["readings"]["criterion"]
    sc = _exhaustive_scope(*scope, counts["instances"])
    bad = [(d, x) for d in DIRECTIONS for x in counts[d]]
    recs = [instance_record(x, "criterion") for _, x in bad]
    if bad:
        status = Status.REFUTED
        cert = _counterexample_certificate("criterion/exhaustive", bad[0][1])
    else:
        status = Status.VERIFIED
        cert = _exhaustive_certificate("criterion/exhaustive", scope, counts)
    fl = res["float"]
    evidence = {"reading": "criterion", "direction": "both", "condition": _READING_TEXT["criterion"],
                "instances": counts["instances"], "full_rank": counts["full_rank"],
                "condition_true": counts["condition"], "counterexamples": recs,
                "machine_checked_steps": criterion_lemmas(),
                "note": ("C* held exactly on the full-rank instances of the scope (both directions), each instance "
                         "checked in exact arithmetic" if not bad else "C* differs from full rank in the scope")}
    cc = _crosscheck(fl["disagreements"], fl["compared"], fl["disagreement_count"], formats,
                     _format_counts(fl, "disagreement_count"))
    return check.verdict(status, variant="criterion/exhaustive", scope=sc, evidence=evidence, crosscheck=cc,
                         seconds=time.perf_counter() - t0, reading=f"criterion: {_READING_TEXT['criterion']}",
                         certificate=cert)


#: The readings' conditions in LaTeX (the report typesets them; ``_READING_TEXT`` is the terminal's text).
_READING_LATEX = {
    "literal": (r"no zero pattern shared by more than two rows or more than two columns; the "
                r"$k_j=b_{2,j}/W_{2,j}$ ($W_{2,j}\ne0$) pairwise distinct; all-zero lines count like any pattern"),
    "no_zero_lines": r"the literal condition and no all-zero row or column",
    "shared_k": (r"no all-zero row or column; no pattern shared by more than $2$ rows or more than $2$ columns; "
                 r"distinct $k_j$ only among columns with the same zero pattern, a column with $W_{2,j}=0$ having "
                 r"$k_j=\infty$"),
    "criterion": (r"$C^*$: codes distinct; Schoenberg--Whitney interlacing of the breakpoints $t_j=-k_j$ with the "
                  r"sorted codes ($z_{m-1}<t<z_{m+1}$, $m=2,\dots,n-1$, distinct); and $\det(EN)\ne0$ for $N$ a basis "
                  r"of the kernel of the second differences $H$ of $A_2$, $E$ the rows of $A_2$ at the extreme codes"),
}
_READING_NAME_LATEX = {"literal": "literal", "no_zero_lines": r"no\_zero\_lines", "shared_k": r"shared\_k",
                       "criterion": "criterion"}
#: every variant a verdict of 001-C1 carries: READING/DIRECTION
_VARIANTS = [(r, d) for r in _READING_TEXT for d in ("sufficiency", "necessity")] + [("criterion", "exhaustive")]


@claim("001-C1",
       title_latex=r"Conjecture: $A_2$ is full rank iff few shared zero patterns and distinct ratios $k_j$",
       reading_latex=(r"$A_2[i,j]=\mathrm{ReLU}(W_{2,j}z_i+b_{2,j})$, $n$ distinct codes and $n$ neurons. Readings: "
                      r"\emph{literal} (patterns of exact zeros, at most $2$ rows and $2$ columns per pattern, all "
                      r"$k_j$ of columns with $W_{2,j}\ne0$ distinct); \emph{no\_zero\_lines} (literal plus no "
                      r"all-zero row or column); \emph{shared\_k} (no zero line, at most $2$ per pattern, $k_j$ "
                      r"distinct only within a shared column pattern, $k_j=\infty$ when $W_{2,j}=0$); "
                      r"\emph{criterion} (the criterion $C^*$: Schoenberg--Whitney interlacing of the breakpoints "
                      r"$-k_j$ with the codes plus a $2\times2$ boundary determinant). Each direction (sufficiency, "
                      r"necessity) is searched separately."),
       variants_latex={**{f"{r}/{d}": f"{_READING_NAME_LATEX[r]} / {d}" for r, d in _VARIANTS},
                       "criterion without (c)/sufficiency": r"criterion without (c) / sufficiency"},
       readings_latex={**{f"{r}/{d}": r"\emph{%s}: %s." % (_READING_NAME_LATEX[r], _READING_LATEX[r])
                          for r, d in _VARIANTS},
                       "criterion without (c)/sufficiency": (r"Negative control: $C^*$ with the boundary determinant "
                                                             r"(c) dropped, sufficiency.")},
       latex=r"\operatorname{rank}A_2=n \iff \text{at most 2 rows, 2 columns share a zero pattern and the } k_j=b_{2,j}/W_{2,j} \text{ are distinct}",
       title="Conjecture: A2 is full rank iff few shared zero patterns and distinct ratios k",
       source="001 (Maxcici, AutoEncoders for Step Functions, IA311 slides, 2022), slide 'Set of solutions'",
       statement=("A2 is full rank if and only if at most two rows and at most two columns have zeros at "
                  "identical positions and the ratios {b2_j / W2_j} are mutually different at the non zero entries."),
       reading=("A2[i, j] = ReLU(W2_j z_i + b2_j), n distinct codes and n neurons. Readings: literal (patterns of "
                "exact zeros, <= 2 rows and <= 2 columns per pattern, all k_j of columns with W2_j != 0 distinct); "
                "no_zero_lines (literal plus no all-zero row or column); shared_k (no zero line, <= 2 per pattern, "
                "k_j distinct only within a shared column pattern, k = infinity when W2_j = 0); criterion (the "
                "criterion C*: Schoenberg-Whitney interlacing of the breakpoints -k_j with the codes plus a 2 x 2 "
                "boundary determinant). Each direction (sufficiency, necessity) is searched separately."))
def check(*, max_examples: int = 120, batch: int = 24, seconds: float = 8.0, seed: int = 0, readings: str = "all",
          database: str = "", exhaustive_n_max: int = 3, exhaustive_codes: str = EXHAUSTIVE_CODES,
          exhaustive_w2: str = EXHAUSTIVE_W2, exhaustive_b2: str = EXHAUSTIVE_B2, float_formats: str = "float64",
          progress: Callable[[int, int], None] | None = None) -> list[Verdict]:
    """One verdict per reading and direction, each from a hypothesis search of ``max_examples`` batches
    (of 1..``batch`` instances),
    and (with the criterion reading) ``criterion/exhaustive`` over the exhaustive scope.

    ``readings``: ``all`` or a comma-separated list; ``database``: a directory for
    hypothesis' example database ("" for none, the default, so that runs are reproducible).
    The budget is counted in examples (reproducible for a seed); ``seconds`` is only a cap
    per search (and on shrinking), reached on a heavily loaded machine.  The exhaustive
    scope: n <= ``exhaustive_n_max`` codes from ``exhaustive_codes``, columns from
    ``exhaustive_w2`` x ``exhaustive_b2`` (comma-separated rationals); it also re-checks the
    proof of shared_k/necessity.
    """
    names = list(READINGS) if readings == "all" else [r.strip() for r in readings.split(",") if r.strip()]
    for r in names:
        _check_reading_direction(r, "sufficiency")
    scope = exhaustive_scope(exhaustive_n_max, exhaustive_codes, exhaustive_w2, exhaustive_b2)
    jobs = [(r, d) for r in names for d in DIRECTIONS]
    total = len(jobs) + ("criterion" in names)
    out = []
    for k, (r, d) in enumerate(jobs):
        v = search(r, d, max_examples=max_examples, seconds=seconds, seed=seed, workers=1,
                   database=database or None, shrink_seconds=min(seconds, 5.0), batch=batch, scope=scope,
                   float_formats=float_formats)
        if r == "criterion" and v.status is Status.INCONCLUSIVE:  # nothing found: the proof of C*
            v = prove_criterion(v, d, scope, v.seconds)
        out.append(v)
        if progress is not None:
            progress(k + 1, total)
    if "criterion" in names:
        out.append(exhaustive_verdict(scope, float_formats))
        out.append(criterion_control_verdict())
        if progress is not None:
            progress(total, total)
    return out


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------
def _zero_pattern_figure(a2: list[list[str]], path: Any) -> None:
    """A2's zero pattern: a grey cell is a positive entry, a white cell an exact 0."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n, m = len(a2), len(a2[0])
    nz = [[0 if v == "0" else 1 for v in r] for r in a2]
    side = max(1.3, 0.32 * max(n, m) + 0.6)
    fig, ax = plt.subplots(figsize=(side, side))
    ax.imshow(nz, cmap="Greys", vmin=0, vmax=1.6)
    for i in range(n):
        for j in range(m):
            ax.text(j, i, "0" if nz[i][j] == 0 else "+", ha="center", va="center", fontsize=7,
                    color="black" if nz[i][j] == 0 else "white")
    ax.set_xticks(range(m), [str(j + 1) for j in range(m)], fontsize=6)
    ax.set_yticks(range(n), [str(i + 1) for i in range(n)], fontsize=6)
    ax.set_xlabel("neuron j", fontsize=6)
    ax.set_ylabel("code i (sorted)", fontsize=6)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


_CRITERION_TEX = r"""
\medskip\noindent\textbf{A criterion equivalent to full rank (part 5).}
Sort the codes $z_1 < \dots < z_n$ and write $t_j = -k_j = -b^{[2]}_j / W^{[2]}_j$ for the breakpoint of
neuron $j$ ($W^{[2]}_j \neq 0$). Let $H$ be the $(n-2)\times n$ matrix of slope changes of the columns of
$A_2$ at the interior codes,
$H_{mj} = \frac{A_{m+1,j}-A_{mj}}{z_{m+1}-z_m} - \frac{A_{mj}-A_{m-1,j}}{z_m-z_{m-1}}$, and $E$ the two rows
of $A_2$ at $z_1$ and $z_n$. Then $A_2$ is non-singular if and only if
(a) the codes are distinct,
(b) (Schoenberg--Whitney) there are distinct breakpoints $t_{j_2} < \dots < t_{j_{n-1}}$ with
$z_{m-1} < t_{j_m} < z_{m+1}$, and
(c) $\det(E N) \neq 0$ for a basis $N$ of $\ker H$ (two-dimensional by (b)).

\emph{Proof.} The map $v \mapsto (v(z_1), v(z_n), \text{slope changes of } v \text{ at } z_2,\dots,z_{n-1})$
is invertible (its kernel is affine on the codes and vanishes at both ends), and it maps $A_2$ to
$\left[\begin{smallmatrix}E\\H\end{smallmatrix}\right]$. The slope change of $\mathrm{ReLU}(W_j(z - t_j))$ at $z_m$
is $|W_j|\,B_m(t_j)$, $B_m$ the hat function with nodes $z_{m-1}, z_m, z_{m+1}$, for both signs of $W_j$
(the two hinges differ by an affine function), so $H$ is a column-scaled linear B-spline collocation
matrix and $\operatorname{rank} H = n-2$ iff (b) (Schoenberg--Whitney). Finally
$\left[\begin{smallmatrix}E\\H\end{smallmatrix}\right]$ is non-singular iff $\operatorname{rank} H = n-2$ and
$E$ is injective on $\ker H$, i.e.\ (c). \hfill$\square$

\emph{What is machine-checked.} The kernel checks the induction step that makes $v$ affine on the codes when
its slope changes vanish, that $z_n - z_1 > 0$, and the hat-function identity ($W_j > 0$ and $W_j < 0$ in each of
seven positions of $t_j$, and constant columns; the identity is local, so this covers every $n$) with its own
polynomial arithmetic; sympy checks the identity again during the run (21 cases). Rank--nullity, rank by minors and
the Schoenberg--Whitney theorem are cited; their hypotheses (increasing knots, the columns' slope changes are
scaled linear B-splines) are what the kernel's steps establish. So C$^*$ is \emph{proved} for every $n$
(\texttt{criterion/sufficiency} and \texttt{criterion/necessity}; each certificate also makes the kernel
re-enumerate the finite scope), and \texttt{criterion/exhaustive} is \emph{verified} on every instance of its
stated finite scope. The control \texttt{criterion without (c)/sufficiency} (the boundary determinant dropped) is
\emph{refuted} by $z = (0, 1)$, $W_2 = (0, 0)$, $b_2 = (1, 1)$.

Part (c) is genuinely algebraic, so no statement made only of zero patterns and (in)equalities of
ratios can be equivalent to full rank: for $z = (1,2,3,4)$ the columns $(2,1,0,0)$, $z - t$,
$(z-a)_+$, $(z-c)_+$ have determinant $2ac - at - 3a - ct - c + 4t$, which vanishes at
$t = 0, a = \frac32, c = \frac94$ (rank 3) and not at $c = \frac52$ (rank 4), with the same zero pattern and
distinct ratios. Special cases: with exactly two affine columns (a constant, or a breakpoint outside
$(z_1, z_n)$), (c) says that those two columns are not proportional (not both constant, and not the same
sign of $W_j$ with the same $k_j$); with all $W_j \geq 0$, full rank is purely combinatorial: with
the breakpoints sorted (a constant column as $t = -\infty$), $A_2$ is non-singular iff
$t_{(1)} < \dots < t_{(n)}$ and $z_{j-2} < t_{(j)} < z_j$ for every $j$ (checked on 200{,}000 random
instances in the tests' slow run and on every instance of the default tests).

\medskip\noindent\textbf{shared\_k / necessity is a theorem} (\emph{proved}: each identity below is checked by sympy
and again by the certificate kernel's own polynomial arithmetic, and a set of $r$ vectors is dependent iff all
$r \times r$ minors of their matrix vanish): three
columns with one zero pattern are affine on their common support, so every $3\times 3$ minor
$\det[W_a z_i + b_a]$ vanishes; likewise three rows with one pattern; two columns with one pattern and one
ratio $k$ (or both constant) are proportional; and a zero line makes $A_2$ singular.
"""


def report_section(verdicts: list[dict], figdir: Any) -> str:
    from pathlib import Path

    from proofs.report.latex import latex_escape, latex_matrix, latex_vector

    figdir = Path(figdir)
    figdir.mkdir(parents=True, exist_ok=True)
    lines = [r"\medskip\noindent\textbf{Instances searched} (each reading and direction; \emph{condition}: "
             r"instances where the reading's condition held; \emph{full rank}: where $A_2$ was non-singular).",
             "", r"\begin{center}\begin{tabular}{llrrrl}", r"\hline",
             r"\textbf{reading} & \textbf{direction} & \textbf{instances} & \textbf{condition} & "
             r"\textbf{full rank} & \textbf{status} \\", r"\hline"]
    for v in verdicts:
        ev = v.get("evidence", {})
        lines.append(" & ".join([latex_escape(ev.get("reading", "?")), latex_escape(ev.get("direction", "?")),
                                 str(ev.get("instances", 0)), str(ev.get("condition_true", 0)),
                                 str(ev.get("full_rank", 0)), latex_escape(v.get("status", "?"))]) + r" \\")
    lines += [r"\hline", r"\end{tabular}\end{center}", ""]
    for v in verdicts:
        ev = v.get("evidence", {})
        for k, ce in enumerate(ev.get("counterexamples", [])[:1]):
            name = "".join(ch if ch.isalnum() else "_" for ch in f"c1_{ev.get('reading')}_{ev.get('direction')}_{k}")
            _zero_pattern_figure(ce["A2"], figdir / f"{name}.pdf")
            parts = "; ".join(f"{PART_LATEX.get(p) or latex_escape(p)}: \\emph{{{'holds' if ok else 'fails'}}}"
                              for p, ok in ce["parts"].items())
            cut = " (shrinking stopped by its time budget)" if ev.get("shrinking_cut_by_budget") else ""
            lines += [
                r"\medskip\noindent\textbf{" + latex_escape(f"{ev.get('reading')} / {ev.get('direction')}")
                + r": minimal counterexample}" + latex_escape(cut) + r" (Figure~\ref{fig:" + name + r"})"
                + r"\par\nopagebreak\smallskip",
                r"\noindent\begin{minipage}[c]{0.66\linewidth}\raggedright",
                f"$n = {ce['n']}$, $z = {latex_vector(ce['z'])}$,\\\\",
                f"$W_2 = {latex_vector(ce['W2'])}$, $b_2 = {latex_vector(ce['b2'])}$,\\\\[2pt]",
                f"$A_2 = {latex_matrix(ce['A2'])}$,\\\\[2pt] exact rank ${ce['rank']}$ of ${ce['n']}$ "
                f"(float64 rank {ce['float_rank']}). The condition \\emph{{{'holds' if ce['condition'] else 'fails'}}}: "
                f"{parts}.",
                r"\end{minipage}\hfill",
                r"\begin{minipage}[c]{0.3\linewidth}\centering",
                r"\includegraphics[width=0.9\linewidth,height=4cm,keepaspectratio]{figures/" + name + ".pdf}",
                r"\captionof{figure}{Zero pattern of this $A_2$.}\label{fig:" + name + "}",
                r"\end{minipage}", ""]
    lines.append(_CRITERION_TEX)
    return "\n".join(lines)


def _sympy_det_tex(text: str) -> str:
    """sympy's printed determinant (``-(z1 - z3)/((z1 - z2)*(z2 - z3))``) as LaTeX math."""
    from proofs.report.latex import expression_tex

    return expression_tex(text) or (text if text.strip().lstrip("-").isdigit() else r"\text{%s}" % text)


def _re(text: str):
    import re

    return re.compile(text)


#: A scope of the exhaustive check as the verdicts state it (see _exhaustive_tex).
_EXHAUSTIVE = (r"exhaustive: every set of n <= (\d+) codes from \{([^}]*)\} and every multiset of n columns "
               r"\(W2_j, b2_j\) in \{([^}]*)\} x \{([^}]*)\} \((\d+) instances; the order of rows and columns "
               r"changes neither rank nor condition\)")


def _exhaustive_tex(m) -> str:
    """The exhaustive scope (with the proof's name before it and the search after it, if any) in LaTeX."""
    from proofs.report.latex import claim_text, latex_escape

    head = m.group(1) or ""
    if head:
        cited = "rank by minors" if "minors" in head else "Schoenberg--Whitney"
        head = r"all $n$ (kernel-checked argument citing %s); kernel re-check: " % cited
    body = (r"exhaustive: every set of $n \le %s$ codes from $\{%s\}$ and every multiset of $n$ columns "
            r"$(W_{2,j}, b_{2,j}) \in \{%s\} \times \{%s\}$ (%s instances; the order of rows and columns changes "
            r"neither rank nor condition)" % m.group(2, 3, 4, 5, 6))
    search = ""
    if m.group(7):
        search = "; search: " + (claim_text(m.group(8)) or latex_escape(m.group(8)))
    return head + body + search


#: Texts of this claim's verdicts (the kernel's and sympy's proof steps, scopes, evidence, the source's
#: words) in LaTeX, for the report; the terminal prints the ASCII texts.
TEXTS_LATEX = {
    **{text: _READING_LATEX[r] for r, text in _READING_TEXT.items()},
    ("A2 is full rank if and only if at most two rows and at most two columns have zeros at identical positions "
     "and the ratios {b2_j / W2_j} are mutually different at the non zero entries."):
        (r"$A_2$ is full rank if and only if at most two rows and at most two columns have zeros at identical "
         r"positions and the ratios $\{b_{2,j}/W_{2,j}\}$ are mutually different at the non zero entries."),
    _re(r"(\d+) instances searched \((\w+); n <= (\d+), heights <= (\d+), seed (\d+), (\d+) worker\(s\)\)"):
        r"#1 instances searched (#2; $n \le #3$, heights $\le #4$, seed #5, #6 worker(s))",
    _re(r"(all n \(kernel-checked argument citing (?:Schoenberg-Whitney|rank by minors)\); kernel re-check: )?"
        + _EXHAUSTIVE + r"(; search: (.+))?"): _exhaustive_tex,
    "sigma min": r"$\sigma_{\min}$",
    ("proved for every n: the kernel checks the induction step of Phi's injectivity, the positive length z_n - z_1 "
     "and the hat-function identity (14 cases and constant columns) itself, and cites rank-nullity, rank by minors and "
     "Schoenberg-Whitney, whose hypotheses (increasing knots, the columns' slope changes are scaled linear B-splines) "
     "its steps establish; the certificate re-checks the exhaustive scope, and the search found nothing either"):
        (r"proved for every $n$: the kernel checks the induction step of $\Phi$'s injectivity, the positive length "
         r"$z_n - z_1$ and the hat-function identity (14 cases and constant columns) itself, and cites rank-nullity, "
         r"rank by minors and Schoenberg--Whitney, whose hypotheses (increasing knots, the columns' slope changes are "
         r"scaled linear B-splines) its steps establish; the certificate re-checks the exhaustive scope, and the "
         r"search found nothing either"),
    ("C* is equivalent to full rank for every n (docs/claims-001-C1.md): the map v -> (v(z_1), v(z_n), slope changes "
     "at z_2..z_{n-1}) is invertible, it sends A2 to [E; H] with H a scaled linear B-spline collocation matrix at the "
     "breakpoints, and [E; H] is non-singular iff rank H = n-2 (Schoenberg-Whitney, (b)) and E is injective on ker H "
     "((c)). Machine-checked: the hat-function identity (sympy, every n), Phi invertible (sympy, n <= 4), and "
     "C* <=> full rank on every instance of the exhaustive scope (variant criterion/exhaustive); Schoenberg-Whitney "
     "is cited. So this search verdict stays inconclusive."):
        (r"$C^*$ is equivalent to full rank for every $n$ (\texttt{docs/claims-001-C1.md}): the map "
         r"$v \mapsto (v(z_1), v(z_n),$ slope changes at $z_2, \dots, z_{n-1})$ is invertible, it sends $A_2$ to "
         r"$\left[\begin{smallmatrix}E\\ H\end{smallmatrix}\right]$ with $H$ a scaled linear B-spline collocation "
         r"matrix at the breakpoints, and $\left[\begin{smallmatrix}E\\ H\end{smallmatrix}\right]$ is non-singular "
         r"iff $\operatorname{rank} H = n-2$ (Schoenberg--Whitney, (b)) and $E$ is injective on $\ker H$ ((c)). "
         r"Machine-checked: the hat-function identity (sympy, every $n$), $\Phi$ invertible (sympy, $n \le 4$), and "
         r"$C^* \iff$ full rank on every instance of the exhaustive scope (variant criterion/exhaustive); "
         r"Schoenberg--Whitney is cited. So this search verdict stays inconclusive."),
    "W2 values": r"values of $W_{2,j}$",
    "b2 values": r"values of $b_{2,j}$",
    # the kernel's steps (proofs/kernel/specs/p001_c1.py)
    "det[W_j z_i + b_j]_{i, j <= 3} = 0 identically": r"$\det[W_j z_i + b_j]_{i, j \le 3} = 0$ identically",
    "det[W_a (z_i + k)]_{i, a <= 2} = 0 identically": r"$\det[W_a (z_i + k)]_{i, a \le 2} = 0$ identically",
    ("if the slope change of v at z_m is 0 and v(z_j) = v(z_1) + s (z_j - z_1) for j = m - 1, m, then "
     "v(z_{m+1}) = v(z_1) + s (z_{m+1} - z_1)"):
        (r"if the slope change of $v$ at $z_m$ is $0$ and $v(z_j) = v(z_1) + s (z_j - z_1)$ for $j = m - 1, m$, then "
         r"$v(z_{m+1}) = v(z_1) + s (z_{m+1} - z_1)$"),
    "zero slope changes at z_2..z_{n-1}: v is affine on the codes (from s = the slope on [z_1, z_2])":
        r"zero slope changes at $z_2, \dots, z_{n-1}$: $v$ is affine on the codes (from $s$ = the slope on $[z_1, z_2]$)",
    "an affine v with v(z_1) = v(z_n) = 0 and z_n - z_1 > 0 is 0: Phi is injective":
        r"an affine $v$ with $v(z_1) = v(z_n) = 0$ and $z_n - z_1 > 0$ is $0$: $\Phi$ is injective",
    "Phi: Q^n -> Q^n injective, hence invertible; [E; H] = Phi(A2) column by column has the rank of A2":
        (r"$\Phi\colon \mathbb{Q}^n \to \mathbb{Q}^n$ injective, hence invertible; "
         r"$\left[\begin{smallmatrix}E\\ H\end{smallmatrix}\right] = \Phi(A_2)$ column by column has the rank of $A_2$"),
    "rank-nullity (an injective linear map of Q^n is invertible)":
        r"rank-nullity (an injective linear map of $\mathbb{Q}^n$ is invertible)",
    ("the slope change at z_m of ReLU(W (z - t)) is |W| B_m(t) for W > 0 and W < 0 and every position of t (14 cases), "
     "B_m the linear B-spline with knots z_{m-1} < z_m < z_{m+1}; a constant column has none: H is a collocation "
     "matrix of the linear B-splines at the breakpoints, column j scaled by |W2_j| (columns with one breakpoint "
     "proportional, constant columns 0)"):
        (r"the slope change at $z_m$ of $\mathrm{ReLU}(W (z - t))$ is $|W|\, B_m(t)$ for $W > 0$ and $W < 0$ and every "
         r"position of $t$ (14 cases), $B_m$ the linear B-spline with knots $z_{m-1} < z_m < z_{m+1}$; a constant "
         r"column has none: $H$ is a collocation matrix of the linear B-splines at the breakpoints, column $j$ scaled "
         r"by $|W_{2,j}|$ (columns with one breakpoint proportional, constant columns $0$)"),
    ("rank H = n - 2 iff some n - 2 columns of H form a non-singular matrix (necessarily with W2_j != 0 and distinct "
     "breakpoints)"):
        (r"$\operatorname{rank} H = n - 2$ iff some $n - 2$ columns of $H$ form a non-singular matrix (necessarily "
         r"with $W_{2,j} \ne 0$ and distinct breakpoints)"),
    ("the square collocation matrix [B_m(t_k)] of the linear B-splines B_2..B_{n-1} (knots z_1 < ... < z_n) at "
     "increasing sites t_2 < ... < t_{n-1} is non-singular iff z_{m-1} < t_m < z_{m+1} for every m: rank H = n - 2 "
     "iff (b)"):
        (r"the square collocation matrix $[B_m(t_k)]$ of the linear B-splines $B_2, \dots, B_{n-1}$ (knots "
         r"$z_1 < \dots < z_n$) at increasing sites $t_2 < \dots < t_{n-1}$ is non-singular iff "
         r"$z_{m-1} < t_m < z_{m+1}$ for every $m$: $\operatorname{rank} H = n - 2$ iff (b)"),
    ("[E; H] x = 0 iff x in ker H and E x = 0: [E; H] is non-singular iff rank H = n - 2 and E N is invertible for a "
     "basis N of ker H, i.e. (c)"):
        (r"$\left[\begin{smallmatrix}E\\ H\end{smallmatrix}\right] x = 0$ iff $x \in \ker H$ and $E x = 0$: "
         r"$\left[\begin{smallmatrix}E\\ H\end{smallmatrix}\right]$ is non-singular iff $\operatorname{rank} H = n - 2$ "
         r"and $E N$ is invertible for a basis $N$ of $\ker H$, i.e.\ (c)"),
    # sympy's steps during the run (criterion_lemmas, shared_k_argument)
    ("hat-function identity: the slope change at z_m of ReLU(W (z - t)) is |W| B_m(t) (W > 0, < 0, = 0; t left of, "
     "at, between and right of the nodes z_{m-1} < z_m < z_{m+1})"):
        (r"hat-function identity: the slope change at $z_m$ of $\mathrm{ReLU}(W (z - t))$ is $|W|\, B_m(t)$ "
         r"($W > 0$, $< 0$, $= 0$; $t$ left of, at, between and right of the nodes $z_{m-1} < z_m < z_{m+1}$)"),
    _re(r"sympy\.cancel\(slope change - \|W\| B_m\(t\)\) over (\d+) cases with positive gap symbols -> 0 in every case"):
        r"\texttt{sympy.cancel}(slope change $-\ |W|\, B_m(t)$) over #1 cases with positive gap symbols: $0$ in every case",
    _re(r"Phi is invertible for n = (\d+): det Phi = \(z_n - z_1\) / prod \(z_\(m\+1\) - z_m\), non-zero for distinct "
        r"codes"):
        (r"$\Phi$ is invertible for $n = #1$: $\det \Phi = (z_n - z_1) / \prod_m (z_{m+1} - z_m)$, non-zero for "
         r"distinct codes"),
    _re(r"sympy det -> (.+); det \* prod gaps / \(z_n - z_1\) = (.+)"):
        lambda m: (r"\texttt{sympy}: $\det \Phi = %s$; $\det \Phi \cdot \prod_m (z_{m+1} - z_m) / (z_n - z_1) = %s$"
                   % (_sympy_det_tex(m.group(1)), _sympy_det_tex(m.group(2)))),
    "the hat-function identity (every n) and the invertibility of Phi (n <= 4)":
        r"the hat-function identity (every $n$) and the invertibility of $\Phi$ ($n \le 4$)",
    ("three columns with the same zero pattern are W_a z + b_a on their common support S and 0 off S, so every 3 x 3 "
     "minor of these columns (rows in S) is det[W_a z_i + b_a] and vanishes identically: they are dependent"):
        (r"three columns with the same zero pattern are $W_a z + b_a$ on their common support $S$ and $0$ off $S$, so "
         r"every $3 \times 3$ minor of these columns (rows in $S$) is $\det[W_a z_i + b_a]$ and vanishes identically: "
         r"they are dependent"),
    _re(r"sympy: det\[\[W_a z_i \+ b_a\]\]_\(i,a <= 3\) expands to (.+)"):
        r"\texttt{sympy}: $\det[W_a z_i + b_a]_{i,a \le 3}$ expands to $#1$",
    ("three rows with the same zero pattern are W_j z_i + b_j on their common active set and 0 elsewhere; every 3 x 3 "
     "minor is det[W_j z_i + b_j] (transposed) and vanishes: they are dependent"):
        (r"three rows with the same zero pattern are $W_j z_i + b_j$ on their common active set and $0$ elsewhere; "
         r"every $3 \times 3$ minor is $\det[W_j z_i + b_j]$ (transposed) and vanishes: they are dependent"),
    _re(r"sympy: det\[\[W_i z_j \+ b_i\]\] expands to (.+)"):
        r"\texttt{sympy}: $\det[W_i z_j + b_i]$ expands to $#1$",
    ("two columns with the same zero pattern and the same ratio k (W != 0) are W (z + k) and W' (z + k) on the common "
     "support: every 2 x 2 minor vanishes, they are proportional"):
        (r"two columns with the same zero pattern and the same ratio $k$ ($W \ne 0$) are $W (z + k)$ and $W' (z + k)$ "
         r"on the common support: every $2 \times 2$ minor vanishes, they are proportional"),
    _re(r"sympy: det\[\[W \(z_1 \+ k\), W' \(z_1 \+ k\)\], \[W \(z_2 \+ k\), W' \(z_2 \+ k\)\]\] expands to (.+)"):
        (r"\texttt{sympy}: $\det\begin{pmatrix} W (z_1 + k) & W' (z_1 + k)\\ W (z_2 + k) & W' (z_2 + k)\end{pmatrix}$ "
         r"expands to $#1$"),
    "two constant columns (W = 0, k = infinity) with the same zero pattern are proportional":
        r"two constant columns ($W = 0$, $k = \infty$) with the same zero pattern are proportional",
    _re(r"sympy: det\[\[b, b'\], \[b, b'\]\] = (.+)"):
        r"\texttt{sympy}: $\det\begin{pmatrix} b & b'\\ b & b'\end{pmatrix} = #1$",
    _re(r"sympy: det of a 3 x 3 matrix with a zero row = (.+)"):
        r"\texttt{sympy}: $\det$ of a $3 \times 3$ matrix with a zero row $= #1$",
    ("so if the shared_k condition fails, some rows or columns of A2 are linearly dependent (all their maximal minors "
     "vanish) and A2 is singular: full rank implies the condition"):
        (r"so if the \texttt{shared\_k} condition fails, some rows or columns of $A_2$ are linearly dependent (all "
         r"their maximal minors vanish) and $A_2$ is singular: full rank implies the condition"),
    "for every n: A2 full rank => the shared_k condition (necessity)":
        r"for every $n$: $A_2$ full rank $\Rightarrow$ the \texttt{shared\_k} condition (necessity)",
    "z = (0, 1), W2 = (0, 0), b2 = (1, 1): (b) holds (n = 2), A2 = [[1, 1], [1, 1]]":
        (r"$z = (0, 1)$, $W_2 = (0, 0)$, $b_2 = (1, 1)$: (b) holds ($n = 2$), "
         r"$A_2 = \left(\begin{smallmatrix}1 & 1\\ 1 & 1\end{smallmatrix}\right)$"),
}
