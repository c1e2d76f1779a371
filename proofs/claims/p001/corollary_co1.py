"""001-Co1 -- Corollary: for each (k, U3) in K x U infinitely many solutions,
W2 = W3^{-1} W2*, b2 = b2* W3^{-1 T}.

Slides "Set of solutions" (Corollary).  The extracted formulas type-check with n2 = n: W3 is n x n,
W2 and W2* are n x 1, b2 and b2* are 1 x n.  Reading checked (``orbit``): fix the ratios k (A2 full
rank), U3 of form (1) and the signs s of W2.  The solutions with these (k, U3, s) are exactly the
positive rescalings (D W2o, b2o D, W3o D^{-1}) of one solution (W2o, b2o, W3o) -- infinitely many
-- and along them W3 W2 = W2* and b2 W3^T = b2* stay constant, which is the slide's pair of
equations.  Checked: sympy with symbolic positive D (n <= 3), exact random instances (n <= n_max)
in both directions (every rescaling satisfies the equations; every solution with ratios k and
signs s is a rescaling).

Status ``proved`` for every n: a solution with the same signs and ratios has W2 = D W2o with D > 0,
so A2 = A2o D, and A2' invertible leaves W3 = W3o D^{-1} as the only output layer; the kernel checks
the identities itself and re-checks both directions for U3 = X and every D with entries in {1, 2},
n <= KERNEL_N_MAX (proofs/kernel/specs/p001b.py).  Negative control ``orbit, D not positive``: n = 1,
D = -1 maps the handcrafted solution to a non-solution.

``parameterisation``: read as "every invertible W3 with W2 = W3^{-1} W2*, b2 = b2* W3^{-T} is a
solution", the corollary is refuted (shrunk: n = 1, W3 = -W3o).  Exactly: the triple from the
equations is a solution iff W3^{-1} W3o is a positive diagonal matrix (checked on random W3).
"""

from __future__ import annotations

import random
import re

import sympy

from exact.errors import ToolkitError
from exact.linalg import QMatrix
from exact.slides001 import activation_rows, decoder_network, decoder_output, linear_codes, qmatrix, relu_product_violations
from proofs.claim import claim
from proofs.claims.p001 import kernel_argument, scope_params, SOURCE as _SRC, linear_decoder, random_rational, strs
from proofs.methods.symbolic import Step, argument_json
from proofs.verdict import Status

__all__ = ["check", "from_equations"]


def from_equations(W3: QMatrix, W2s: QMatrix, b2s: QMatrix) -> tuple[list, list]:
    """(W2, b2) = (W3^{-1} W2*, b2* W3^{-T})."""
    Wi = W3.inv()
    W2 = (Wi @ W2s).rows()
    b2 = (b2s @ Wi.T).rows()
    return [r[0] for r in W2], list(b2[0])


def _is_solution(W2, b2, W3rows, n, c) -> bool:
    A2 = qmatrix(activation_rows(linear_codes(n), W2, b2))
    return not relu_product_violations(A2, qmatrix(W3rows), c)


def _symbolic(n: int) -> Step:
    d = sympy.symbols(f"d1:{n + 1}", positive=True)
    D = sympy.diag(*d)
    W3o = sympy.Matrix(n, n, sympy.symbols(f"w1:{n * n + 1}"))
    W2o = sympy.Matrix(n, 1, sympy.symbols(f"v1:{n + 1}"))
    b2o = sympy.Matrix(1, n, sympy.symbols(f"b1:{n + 1}"))
    W3 = W3o * D.inv()
    W2s, b2s = W3o * W2o, b2o * W3o.T
    e1 = sympy.simplify(W3.inv() * W2s - D * W2o)
    e2 = sympy.simplify(b2s * W3.inv().T - b2o * D)
    ok = e1 == sympy.zeros(n, 1) and e2 == sympy.zeros(1, n)
    return Step(f"n = {n}: with W3 = W3o D^-1, W3^-1 W2* = D W2o and b2* W3^-T = b2o D (symbolic W3o, W2o, b2o, D > 0)",
                f"simplify -> {e1.T}, {e2}", ok)


#: The kernel re-checks every D with entries in {1, 2} for n up to this bound (its limit is 6).
KERNEL_N_MAX = 6

#: The argument of ``orbit`` as the kernel states and checks it (proofs/kernel/specs/p001b.py): (id, checker, fact).
ORBIT_ARGUMENT = [
    ("base", "kernel", "001-H1's A2o' is upper triangular with unit diagonal and its zero signal's row is 0"),
    ("invertible", "theorem: a triangular matrix with non-zero diagonal is invertible", "A2o' is invertible"),
    ("rescale", "kernel", "same signs and ratios k: W2 = D W2o with d_j = W2_j / W2o_j > 0, b2 = k W2 = D b2o; "
                          "ReLU(d u) = d ReLU(u) for d > 0, so A2 = A2o D"),
    ("unique", "theorem: an invertible system has one solution",
     "A2' = A2o' D is invertible: W3^T = A2'^{-1} U3' = D^{-1} W3o^T is the only output layer"),
    ("infinitely many", "kernel", "every positive D gives a solution (001-L5); W2o_j = -1 != 0, so distinct D give "
                                  "distinct W2"),
    ("invariants", "kernel", "(W3o_kj / d_j)(d_j W2o_j) = W3o_kj W2o_j and (b2o_j d_j)(W3o_kj / d_j) = b2o_j W3o_kj: "
                             "W2* = W3 W2 and b2* = b2 W3^T are constant"),
]


def _zeros(text: str) -> str:
    """sympy's ``Matrix([[0, 0]])`` as the zero row it is."""
    m = re.fullmatch(r"Matrix\(\[\[([0, ]*)\]\]\)", text.strip())
    if not m:
        return r"\texttt{%s}" % text.replace("_", r"\_")
    k = len([x for x in m.group(1).split(",") if x.strip()])
    return "0" if k == 1 else r"(%s)" % ", ".join(["0"] * k)


_O = r"^{\circ}"  # the handcrafted solution's matrices: W_2^{\circ}, b_2^{\circ}, W_3^{\circ}
_ORBIT_STEP = (r"$n = #1$: with $W_3 = W_3%s D^{-1}$, $W_3^{-1} W_2^* = D W_2%s$ and $b_2^* W_3^{-T} = b_2%s D$ "
               r"(symbolic $W_3%s, W_2%s, b_2%s$, $D > 0$)" % ((_O,) * 6))
#: Texts of this claim's verdicts (the kernel's and sympy's steps, scopes, evidence, the source's words) in LaTeX,
#: for the report; W2o, b2o, W3o (the handcrafted solution) are written with a circle.
TEXTS_LATEX = {
    ("For each fixed (k, U3) in K x U there exists a set of infinitely many solutions described by W2 = W3^{-1} W2* "
     "and b2 = b2* W3^{-1 T}, with W2* a constant n x 1 matrix and b2* a constant vector."):
        (r"For each fixed $(k, U_3) \in K \times U$ there exists a set of infinitely many solutions described by "
         r"$W_2 = W_3^{-1} W_2^*$ and $b_2 = b_2^* W_3^{-1\,T}$, with $W_2^*$ a constant $n \times 1$ matrix and "
         r"$b_2^*$ a constant vector."),
    re.compile(r"all n and every U3 of form \(1\) \(kernel-checked argument\); the kernel re-checks both directions for "
               r"U3 = X and every D with entries in \{1, 2\}, n <= (\d+); plus sympy with symbolic D for n <= (\d+) and "
               r"(\d+) exact random rescalings, n = 1\.\.(\d+)"):
        (r"all $n$ and every $U_3$ of form (1) (kernel-checked argument); the kernel re-checks both directions for "
         r"$U_3 = X$ and every $D$ with entries in $\{1, 2\}$, $n \le #1$; plus sympy with symbolic $D$ for $n \le #2$ "
         r"and #3 exact random rescalings, $n = 1, \dots, #4$"),
    ("same signs: d_j = W2_j / W2o_j > 0, W2 = D W2o, b2 = k W2 = D b2o; the pre-activation is d (W2o z + b2o) and "
     "ReLU(d u) = d ReLU(u): A2 = A2o D"):
        (r"same signs: $d_j = W_{2,j} / W%s_{2,j} > 0$, $W_2 = D W_2%s$, $b_2 = k W_2 = D b_2%s$; the pre-activation is "
         r"$d (W_2%s z + b_2%s)$ and $\mathrm{ReLU}(d u) = d\,\mathrm{ReLU}(u)$: $A_2 = A_2%s D$" % ((_O,) * 6)),
    ("A2' = A2o' D is invertible, so W3^T = A2'^{-1} U3' = D^{-1} W3o^T is the only output layer: "
     "(A2o D)(D^{-1} W3o^T) = A2o W3o^T"):
        (r"$A_2' = A_2^{\circ\prime} D$ is invertible, so $W_3^T = A_2'^{-1} U_3' = D^{-1} W_3^{\circ T}$ is the only "
         r"output layer: $(A_2%s D)(D^{-1} W_3^{\circ T}) = A_2%s W_3^{\circ T}$" % (_O, _O)),
    "every positive D gives a solution (001-L5 [positive D]); W2o_j = -1 != 0, so distinct D give distinct W2":
        (r"every positive $D$ gives a solution (001-L5 [positive $D$]); $W%s_{2,j} = -1 \ne 0$, so distinct $D$ give "
         r"distinct $W_2$" % _O),
    ("(W3o_kj / d_j)(d_j W2o_j) = W3o_kj W2o_j and (b2o_j d_j)(W3o_kj / d_j) = b2o_j W3o_kj: W2* = W3 W2 and "
     "b2* = b2 W3^T are constant"):
        (r"$(W%s_{3,kj} / d_j)(d_j W%s_{2,j}) = W%s_{3,kj} W%s_{2,j}$ and $(b%s_{2,j} d_j)(W%s_{3,kj} / d_j) = "
         r"b%s_{2,j} W%s_{3,kj}$: $W_2^* = W_3 W_2$ and $b_2^* = b_2 W_3^T$ are constant" % ((_O,) * 8)),
    ("same signs and ratios k: W2 = D W2o with d_j = W2_j / W2o_j > 0, b2 = k W2 = D b2o; ReLU(d u) = d ReLU(u) for "
     "d > 0, so A2 = A2o D"):
        (r"same signs and ratios $k$: $W_2 = D W_2%s$ with $d_j = W_{2,j} / W%s_{2,j} > 0$, $b_2 = k W_2 = D b_2%s$; "
         r"$\mathrm{ReLU}(d u) = d\,\mathrm{ReLU}(u)$ for $d > 0$, so $A_2 = A_2%s D$" % ((_O,) * 4)),
    "A2' = A2o' D is invertible: W3^T = A2'^{-1} U3' = D^{-1} W3o^T is the only output layer":
        (r"$A_2' = A_2^{\circ\prime} D$ is invertible: $W_3^T = A_2'^{-1} U_3' = D^{-1} W_3^{\circ T}$ is the only "
         r"output layer"),
    "every positive D gives a solution (001-L5); W2o_j = -1 != 0, so distinct D give distinct W2":
        r"every positive $D$ gives a solution (001-L5); $W%s_{2,j} = -1 \ne 0$, so distinct $D$ give distinct $W_2$" % _O,
    ("the solutions with 001-H1's ratios k and signs and a fixed U3 of form (1) are exactly the positive rescalings, "
     "infinitely many, with W2* and b2* constant"):
        (r"the solutions with 001-H1's ratios $k$ and signs and a fixed $U_3$ of form (1) are exactly the positive "
         r"rescalings, infinitely many, with $W_2^*$ and $b_2^*$ constant"),
    re.compile(r"001-Co1 \[orbit\] proved \(([^)]*)\): Fix the ratios k = b2 / W2 and the signs of 001-H1's layer 2 "
               r"\(z\(i\) = i\) and any U3 of form \(1\), for any n: .*"):
        lambda m: (r"001-Co1 [orbit] proved (%s): Fix the ratios $k = b_2 / W_2$ and the signs of 001-H1's layer 2 "
                   r"($z(i) = i$) and any $U_3$ of form (1), for any $n$: the solutions with these $(k, U_3,$ signs) are "
                   r"exactly the positive rescalings $(D W_2%s, b_2%s D, W_3%s D^{-1})$ of the handcrafted one "
                   r"(infinitely many), and $W_2^* = W_3 W_2$, $b_2^* = b_2 W_3^T$ are constant along them "
                   r"($W_2 = W_3^{-1} W_2^*$, $b_2 = b_2^* W_3^{-T}$)." % (m.group(1).replace("_", r"\_"), _O, _O, _O)),
    re.compile(r"n = (\d+): with W3 = W3o D\^-1, W3\^-1 W2\* = D W2o and b2\* W3\^-T = b2o D \(symbolic W3o, W2o, b2o, "
               r"D > 0\)"): _ORBIT_STEP,
    re.compile(r"simplify -> (Matrix\(\[\[[0, ]*\]\]\)), (Matrix\(\[\[[0, ]*\]\]\))"):
        lambda m: r"\texttt{simplify}: $%s$, $%s$" % (_zeros(m.group(1)), _zeros(m.group(2))),
    re.compile(r"for n <= (\d+), the rescalings \(D W2o, b2o D, W3o D\^-1\) satisfy the slide's equations with "
               r"W2\* = W3o W2o, b2\* = b2o W3o\^T \(the converse rests on the sample\)"):
        (r"for $n \le #1$, the rescalings $(D W_2%s, b_2%s D, W_3%s D^{-1})$ satisfy the slide's equations with "
         r"$W_2^* = W_3%s W_2%s$, $b_2^* = b_2%s W_3^{\circ T}$ (the converse rests on the sample)" % ((_O,) * 6)),
    ("001-H1's A2o' is upper triangular with unit diagonal (ReLU(m + 1) = m + 1, ReLU(-m) = 0) and its zero "
     "signal's row is 0"):
        (r"001-H1's $A_2^{\circ\prime}$ is upper triangular with unit diagonal ($\mathrm{ReLU}(m + 1) = m + 1$, "
         r"$\mathrm{ReLU}(-m) = 0$) and its zero signal's row is $0$"),
    "001-H1's A2o' is upper triangular with unit diagonal and its zero signal's row is 0":
        r"001-H1's $A_2^{\circ\prime}$ is upper triangular with unit diagonal and its zero signal's row is $0$",
    "A2o' is invertible": r"$A_2^{\circ\prime}$ is invertible",
    re.compile(r"n = 1 counterexample; exact condition tested on (\d+) random invertible W3, n <= (\d+)"):
        r"$n = 1$ counterexample; exact condition tested on #1 random invertible $W_3$, $n \le #2$",
    "the triple is a solution iff W3^{-1} W3o is a positive diagonal matrix":
        r"the triple is a solution iff $W_3^{-1} W_3%s$ is a positive diagonal matrix" % _O,
}


@claim("001-Co1",
       title_latex=r"Corollary: infinitely many solutions $W_2=W_3^{-1}W_2^*$, $b_2=b_2^*W_3^{-T}$ for each $(k,U_3)$",
       reading_latex=(r"$n_2=n$. Fix $k$ (the ratios $b_{2,j}/W_{2,j}$ making $A_2$ full rank), $U_3$ of form (1) and "
                      r"the signs of $W_2$. The solutions are the positive rescalings of one solution; $W_2^*=W_3W_2$ "
                      r"and $b_2^*=b_2W_3^T$ are their invariants."),
       variants_latex={"orbit": r"orbit",
                       "orbit, D not positive": r"orbit, $D$ not positive",
                       "parameterisation": r"parameterisation"},
       readings_latex={"orbit, D not positive": (r"Negative control ($D>0$ dropped): every invertible diagonal $D$ maps "
                                                 r"a solution to a solution."),
                       "parameterisation": (r"Every invertible $W_3$ with $W_2=W_3^{-1}W_2^*$, $b_2=b_2^*W_3^{-T}$ "
                                            r"($W_2^*,b_2^*$ from one solution) is a solution.")},
       latex=r"\text{solutions for fixed } (k,U_3):\ W_2=W_3^{-1}W_2^*,\ b_2=b_2^*W_3^{-T}",
       title="Corollary: infinitely many solutions W2 = W3^-1 W2*, b2 = b2* W3^-1T for each (k, U3)",
       source=_SRC + ", slide 'Set of solutions' (Corollary)",
       statement=("For each fixed (k, U3) in K x U there exists a set of infinitely many solutions described by "
                  "W2 = W3^{-1} W2* and b2 = b2* W3^{-1 T}, with W2* a constant n x 1 matrix and b2* a constant "
                  "vector."),
       reading=("n2 = n. Fix k (ratios b2_j / W2_j making A2 full rank), U3 of form (1) and the signs of W2. The "
                "solutions are the positive rescalings of one solution; W2* = W3 W2 and b2* = b2 W3^T are their "
                "invariants."))
def check(*, n_max: int = 15, samples: int = 3, seed: int = 0, amplitude: str = "1", sym_n: int = 3) -> list:
    c = scope_params(n_max, amplitude)
    rng = random.Random(seed)
    verdicts = []

    steps = [_symbolic(m) for m in range(1, sym_n + 1)]
    base1 = linear_decoder(1, c)
    symbolic = argument_json(steps, f"for n <= {sym_n}, the rescalings (D W2o, b2o D, W3o D^-1) satisfy the slide's "
                                    "equations with W2* = W3o W2o, b2* = b2o W3o^T (the converse rests on the sample)")
    fails, checked = [], 0
    for n in range(1, n_max + 1):
        base = linear_decoder(n, c, True, "random", rng.randrange(1 << 30))
        W3o = base.W3
        W2s = W3o @ QMatrix.from_rows([[w] for w in base.W2])
        b2s = QMatrix.from_rows([list(base.b2)]) @ W3o.T
        U3 = base.U3
        for s in range(samples):
            D = [random_rational(rng, 9, sign=1) for _ in range(n)]
            # direction 1: the rescaling satisfies the equations and is a solution
            W3 = QMatrix.from_rows([[w / d for w, d in zip(r, D)] for r in W3o.rows()])
            W2, b2 = from_equations(W3, W2s, b2s)
            ok1 = W2 == [w * d for w, d in zip(base.W2, D)] and b2 == [b * d for b, d in zip(base.b2, D)]
            ok1 = ok1 and _is_solution(W2, b2, W3.rows(), n, c)
            # direction 2: a solution with ratios k and the same signs, solved from scratch, is a rescaling
            W2n = [w * d for w, d in zip(base.W2, D)]
            b2n = [k * w for k, w in zip([b / w for b, w in zip(base.b2, base.W2)], W2n)]
            A2 = activation_rows(linear_codes(n), W2n, b2n)
            W3n = qmatrix(A2[:n]).solve(qmatrix([list(r) for r in U3.rows()[:n]])).T
            ok2 = W3n == W3 and W3n @ QMatrix.from_rows([[w] for w in W2n]) == W2s
            checked += 1
            if not (ok1 and ok2):
                fails.append({"n": n, "D": strs(D)})
    if fails or not all(st.holds for st in steps):   # the orbit reading holds (issue 11): a failure is a bug
        raise ToolkitError(f"001-Co1 [orbit]: a rescaling failed at {fails[:5]} or a sympy step did not check")
    nk = min(n_max, KERNEL_N_MAX)
    cert = check.certificate(Status.PROVED, variant="orbit", scope={"amplitude": c, "n_max": nk},
                             evidence={"checked": sum(2 ** n for n in range(1, nk + 1))},
                             argument=[(i, ch) for i, ch, _ in ORBIT_ARGUMENT])
    verdicts.append(check.verdict(
        Status.PROVED, variant="orbit",
        scope={"description": f"all n and every U3 of form (1) (kernel-checked argument); the kernel re-checks both "
                              f"directions for U3 = X and every D with entries in {{1, 2}}, n <= {nk}; plus sympy with "
                              f"symbolic D for n <= {sym_n} and {checked} exact random rescalings, n = 1..{n_max}",
               "n_max": n_max},
        evidence={"argument": kernel_argument(cert, ORBIT_ARGUMENT, "the solutions with 001-H1's ratios k and signs and "
                                                                     "a fixed U3 of form (1) are exactly the positive "
                                                                     "rescalings, infinitely many, with W2* and b2* "
                                                                     "constant"),
                  "symbolic_part": symbolic, "failures": fails[:5], "instances": checked}, certificate=cert))

    # negative control: a diagonal D with a negative entry leaves the orbit
    W2o, b2o, W3o = base1.W2, base1.b2, base1.W3
    D = [-1]
    W2m = [w * d for w, d in zip(W2o, D)]
    b2m = [b * d for b, d in zip(b2o, D)]
    W3m = [[w / d for w, d in zip(r, D)] for r in W3o.rows()]
    if _is_solution(W2m, b2m, W3m, 1, c):
        raise ToolkitError("001-Co1 [orbit, D not positive]: D = -1 gives a solution at n = 1")
    cert = check.certificate(Status.REFUTED, variant="orbit, D not positive", scope={"amplitude": c},
                             evidence={"n": 1, "U3": base1.U3.rows(), "D": D})
    verdicts.append(check.verdict(
        Status.REFUTED, variant="orbit, D not positive",
        scope={"description": "n = 1, D = -1: the rescaled handcrafted decoder maps z = 1 to 0 instead of C"},
        evidence={"counterexample": {"n": 1, "D": ["-1"], "W2": strs(W2m), "b2": strs(b2m), "W3": strs(W3m)}},
        reading="Negative control (D > 0 dropped): every invertible diagonal D maps a solution to a solution.",
        certificate=cert))

    # counterexample: n = 1, W3 = -W3o
    base = base1
    W2s = base.W3 @ QMatrix.from_rows([[w] for w in base.W2])
    b2s = QMatrix.from_rows([list(base.b2)]) @ base.W3.T
    W3 = base.W3.scale(-1)
    W2, b2 = from_equations(W3, W2s, b2s)
    net = decoder_network(W2, b2, W3.rows())
    out = decoder_output(net, linear_codes(1))
    broken = not _is_solution(W2, b2, W3.rows(), 1, c)
    # exact condition on random W3: solution iff W3^{-1} W3o positive diagonal
    cond_fail, tried = [], 0
    for n in range(1, min(n_max, 6) + 1):
        b = linear_decoder(n, c)
        W2s_n = b.W3 @ QMatrix.from_rows([[w] for w in b.W2])
        b2s_n = QMatrix.from_rows([list(b.b2)]) @ b.W3.T
        for s in range(6):
            if s < 3:
                M = QMatrix.from_rows([[random_rational(rng, 5) for _ in range(n)] for _ in range(n)])
            else:
                M = QMatrix.diag([random_rational(rng, 5, nonzero=True) for _ in range(n)])
            if M.rank() < n:
                continue
            W3r = b.W3 @ M
            W2r, b2r = from_equations(W3r, W2s_n, b2s_n)
            Q = W3r.inv() @ b.W3
            pos_diag = all((Q[i, j] == 0) if i != j else Q[i, j] > 0 for i in range(n) for j in range(n))
            tried += 1
            if pos_diag != _is_solution(W2r, b2r, W3r.rows(), n, c):
                cond_fail.append({"n": n, "M": strs(M)})
    status = Status.REFUTED if broken else Status.INCONCLUSIVE
    if not broken:
        raise ToolkitError("001-Co1 [parameterisation]: W3 = -W3o gives a solution at n = 1")
    cert = check.certificate(status, variant="parameterisation", scope={"amplitude": c},
                             evidence={"n": 1, "W3": W3.rows()})
    verdicts.append(check.verdict(
        status, variant="parameterisation",
        scope={"description": f"n = 1 counterexample; exact condition tested on {tried} random invertible W3, "
                              f"n <= {min(n_max, 6)}"},
        evidence={"minimal_counterexample": {"n": 1, "W3o": strs(base.W3), "W2*": strs(W2s), "b2*": strs(b2s),
                                             "W3": strs(W3), "W2": strs(W2), "b2": strs(b2), "outputs": strs(out),
                                             "X": [["1"], ["0"]]},
                  "exact_condition": "the triple is a solution iff W3^{-1} W3o is a positive diagonal matrix",
                  "condition_mismatches": cond_fail[:5], "condition_instances": tried},
        certificate=cert,
        reading="Every invertible W3 with W2 = W3^{-1} W2*, b2 = b2* W3^{-T} (W2*, b2* from one solution) is a solution."))
    return verdicts
