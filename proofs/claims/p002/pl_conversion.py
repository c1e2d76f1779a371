"""002-P2 -- in d = 1 every continuous piecewise-linear function is a one-hidden-layer ReLU network."""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import combinations, product

from exact.lecture002 import PLSpec, pl_to_relu
from exact.network import Network
from exact.scalar import rational_str
from exact.errors import InvalidArgument
from exact.scalar import to_rational
from proofs.claim import claim
from proofs.claims.p002 import compare_with_spec, differing_point
from proofs.verdict import Status, Verdict


def random_spec(rng: random.Random, k_max: int = 8) -> PLSpec:
    k = rng.randint(1, k_max)
    xs = sorted({Fraction(rng.randint(-60, 60), rng.randint(1, 7)) for _ in range(k)})
    vals = [Fraction(rng.randint(-30, 30), rng.randint(1, 5)) for _ in xs]
    return PLSpec(tuple(xs), tuple(vals), Fraction(rng.randint(-9, 9), rng.randint(1, 4)),
                  Fraction(rng.randint(-9, 9), rng.randint(1, 4)))


EDGE_CASES = [
    PLSpec((Fraction(0),), (Fraction(5),), Fraction(0), Fraction(0)),            # a constant
    PLSpec((Fraction(0), Fraction(1), Fraction(2)), (Fraction(0), Fraction(1), Fraction(2)), Fraction(1), Fraction(1)),  # collinear
    PLSpec((Fraction(-1, 3), Fraction(1, 7)), (Fraction(10**12), Fraction(-10**12, 3)), Fraction(-2), Fraction(3)),
    PLSpec((Fraction(0), Fraction(1)), (Fraction(0), Fraction(0)), Fraction(-1), Fraction(1)),
]


def _rationals(text) -> list[Fraction]:
    out = [to_rational(v.strip()) for v in str(text).split(",") if v.strip()]
    if not 0 < len(out) <= 5 or len(set(out)) != len(out):
        raise InvalidArgument(f"expected 1 to 5 distinct rationals, got {text!r}")
    return out


def function_class(points, values, slopes) -> list[PLSpec]:
    """Every PL function with break points a non-empty subset of ``points`` (values, end slopes in the sets)."""
    return [PLSpec(bp, v, ls, rs) for k in range(1, len(points) + 1) for bp in combinations(sorted(points), k)
            for v in product(values, repeat=k) for ls, rs in product(slopes, repeat=2)]


@claim("002-P2",
       title_latex=r"$d=1$: continuous piecewise-linear functions are one-hidden-layer ReLU networks",
       reading_latex=(r"A function is given by rational break points $x_0<\dots<x_k$, values $f(x_i)$ and the slopes "
                      r"left of $x_0$ and right of $x_k$. The conversion "
                      r"$f(x)=f(x_0)+s_0\bigl(\rho(x-x_0)-\rho(x_0-x)\bigr)+\sum_i (s_{i+1}-s_i)\,\rho(x-x_i)$ ($k+3$ "
                      r"hidden neurons) is built exactly and verified on every interval of the common refinement "
                      r"(slopes and intercepts equal). Verified exhaustively on a class the kernel enumerates itself: "
                      r"every $f$ whose break points are a non-empty subset of \texttt{points}, with values in "
                      r"\texttt{values} and end slopes in \texttt{slopes} (default all in $\{-1,0,1\}$: 567 functions, "
                      r"with constant, collinear and zero-slope cases); random functions and edge cases (large heights) "
                      r"are extra evidence."),
       variants_latex={"perturbed (control)": r"perturbed (control)"},
       latex=r"d=1:\ f \text{ continuous piecewise linear} \Rightarrow f(x)=a+\textstyle\sum_i c_i\,\rho(\pm(x-x_i))",
       title="d = 1: continuous piecewise-linear functions are one-hidden-layer ReLU networks",
       source="002 (Mathematics of deep learning, session 1), 'Converse?'",
       statement=("In d = 1 any continuous piecewise-linear function (finitely many pieces) is the realization of a "
                  "ReLU network with one hidden layer."),
       reading=("A function is given by rational break points x_0 < ... < x_k, values f(x_i) and the slopes "
                "left of x_0 and right of x_k. The conversion f(x) = f(x_0) + s_0 (rho(x - x_0) - rho(x_0 - x)) + "
                "sum_i (s_{i+1} - s_i) rho(x - x_i) (k + 3 hidden neurons) is built exactly and verified on every "
                "interval of the common refinement (slopes and intercepts equal). Verified exhaustively on a class the "
                "kernel enumerates itself: every f whose break points are a non-empty subset of `points`, with values "
                "in `values` and end slopes in `slopes` (default all in {-1, 0, 1}: 567 functions, with constant, "
                "collinear and zero-slope cases); random functions and edge cases (large heights) are extra evidence."))
def check(*, n_functions: int = 60, seed: int = 0, perturb: bool = False, points: str = "-1,0,1",
          values: str = "-1,0,1", slopes: str = "-1,0,1") -> Verdict:
    """``perturb=True`` changes one output weight of each conversion (negative control)."""
    rng = random.Random(seed)
    pts, vals, sls = _rationals(points), _rationals(values), _rationals(slopes)
    cls = function_class(pts, vals, sls)
    specs = cls + EDGE_CASES + [random_spec(rng) for _ in range(n_functions)]
    problems, sizes = [], []
    for spec in specs:
        net = pl_to_relu(spec)
        if perturb:
            j = net.to_json()
            j["layers"][1]["weight"][0][-1] = rational_str(Fraction(j["layers"][1]["weight"][0][-1]) + 1)
            net = Network.from_json(j)
        res = compare_with_spec(net, spec)
        sizes.append(net.widths[1])
        if res["mismatches"]:
            problems.append({"breakpoints": [rational_str(x) for x in spec.breakpoints],
                             "values": [rational_str(v) for v in spec.values],
                             "left_slope": rational_str(spec.left_slope), "right_slope": rational_str(spec.right_slope),
                             "x": differing_point(net, spec, res), "mismatches": res["mismatches"][:3]})
    if problems and not perturb:  # pragma: no cover - the conversion is an identity
        raise InvalidArgument("internal: the exact conversion failed")
    status = Status.REFUTED if problems else Status.VERIFIED
    if problems:
        cert = check.certificate(status, variant="perturbed (control)", scope={},
                                 evidence={k: problems[0][k] for k in ("breakpoints", "values", "left_slope",
                                                                       "right_slope", "x")})
    else:
        cert = check.certificate(status, scope={"points": pts, "values": vals, "slopes": sls},
                                 evidence={"checked": len(cls)})
    return check.verdict(
        status, variant="perturbed (control)" if perturb else None,
        scope={"description": f"every PL function with break points in {points}, values in {values} and end slopes "
                              f"in {slopes} ({len(cls)} functions, enumerated again by the kernel); extra evidence: "
                              f"{len(EDGE_CASES)} edge cases and {n_functions} random PL functions (up to 8 break "
                              "points), every piece on all of R", "n_functions": n_functions, "seed": seed,
               "points": points, "values": values, "slopes": slopes},
        evidence={"functions": len(specs), "class_size": len(cls), "hidden_neurons_max": max(sizes), "problems": problems[:5],
                  "problem_count": len(problems),
                  "example": {"breakpoints": [rational_str(x) for x in specs[4].breakpoints],
                              "network": pl_to_relu(specs[len(cls) + 4]).to_json()}},
        crosscheck={"disagreements": [], "summary": "exact only"},
        certificate=cert)
