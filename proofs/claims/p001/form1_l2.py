"""001-L2 -- perfect reconstruction Y = ReLU(U3) = X iff U3 has form (1); such U3 are full rank.

Slides "Layer 3" (Lemma): "A perfect reconstruction Y = X is achieved only if U3 is a full rank
matrix of the form (1)": entries where X = C equal C, the others u^(i)_j <= 0.

Two verdicts:

* ``iff``: ReLU(U3) = X iff U3 has form (1) (C > 0): entrywise, ReLU(u) = C iff u = C and
  ReLU(u) = 0 iff u <= 0 (the kernel checks both on the two pieces of ReLU).  Exact checks on
  random form-(1) matrices (and on perturbed ones, which must fail) for n <= n_max.
* ``full rank``: every U3 of form (1) has rank n (full column rank; (n+1) x n cannot have rank
  n+1).  The top n x n block M has det M = C prod_{i=1}^{n-1} (C - u^(i+1)_i) > 0 (subtract row
  i+1 from row i: the result is lower triangular).  For every n the kernel checks the row
  differences (from X(i, j) = C iff j >= i) and the sign, citing the determinant of a
  triangular matrix and the minor characterisation of rank; it also expands the determinant
  with every free entry a variable for n <= sym_n (<= 6), as sympy does here.  Random rational
  instances (flint rank) for n <= n_max are extra evidence.
"""

from __future__ import annotations

import random
import re
from fractions import Fraction

import sympy

from exact.errors import InvalidArgument
from exact.network import Activation, Layer, Network
from exact.scalar import to_rational
from exact.slides001 import data_rows, form1_from_entries, is_form1, qmatrix, random_form1
from proofs.claim import claim
from proofs.claims.p001 import SOURCE as _SRC, strs
from proofs.verdict import Status

__all__ = ["check", "symbolic_form1_det"]


def _relu_identity(n: int) -> Network:
    return Network((Layer(tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)), (), Activation.RELU),))


def symbolic_form1_det(n: int) -> tuple[bool, str]:
    """sympy: det of the top n x n block of a symbolic form-(1) matrix equals C prod (C - u_{i+1,i})."""
    C = sympy.Symbol("C", positive=True)
    u = {(i, j): sympy.Symbol(f"u{i}_{j}") for i in range(n) for j in range(i)}
    M = sympy.Matrix(n, n, lambda i, j: C if j >= i else u[(i, j)])
    det = sympy.expand(M.det(method="berkowitz"))
    target = sympy.expand(C * sympy.prod([C - u[(i + 1, i)] for i in range(n - 1)]))
    return sympy.expand(det - target) == 0, str(sympy.factor(det))


#: The arguments the kernel checks (proofs/kernel/specs/p001.py, 001-L2).
IFF_ARGUMENT = [("relu", "kernel"), ("entrywise", "kernel")]
RANK_ARGUMENT = [("rows", "kernel"),
                 ("det", "theorem: the determinant of a triangular matrix is the product of its diagonal"),
                 ("sign", "kernel"), ("rank", "theorem: the rank is the largest order of a non-zero minor")]
#: The kernel expands the symbolic determinant of the top block for n up to this bound.
KERNEL_SYM_N = 6


#: Texts of this claim's verdicts (kernel steps, evidence, the source's words) in LaTeX, for the report.
TEXTS_LATEX = {
    ("A perfect reconstruction Y = X is achieved only if U3 is a full rank matrix of the form (1): C on and above "
     "the staircase of X, u^(i)_j <= 0 for i = 2..n+1, j = 1..i-1."):
        (r"A perfect reconstruction $Y = X$ is achieved only if $U_3$ is a full rank matrix of the form (1): $C$ on "
         r"and above the staircase of $X$, $u^{(i)}_j \le 0$ for $i = 2, \dots, n+1$, $j = 1, \dots, i-1$."),
    "ReLU(u) = C iff u = C, ReLU(u) = 0 iff u <= 0 (C > 0)":
        r"$\mathrm{ReLU}(u) = C \iff u = C$, $\mathrm{ReLU}(u) = 0 \iff u \le 0$ ($C > 0$)",
    "ReLU(U3) = X entrywise: U3 = C where X = C, U3 <= 0 where X = 0":
        r"$\mathrm{ReLU}(U_3) = X$ entrywise: $U_3 = C$ where $X = C$, $U_3 \le 0$ where $X = 0$",
    "ReLU(u) = C iff u = C and ReLU(u) = 0 iff u <= 0, for C > 0 (kernel: the two pieces of ReLU)":
        r"$\mathrm{ReLU}(u) = C \iff u = C$ and $\mathrm{ReLU}(u) = 0 \iff u \le 0$, for $C > 0$ "
        r"(kernel: the two pieces of ReLU)",
    "applied entrywise, ReLU(U3) = X iff U3 = C where X = C and U3 <= 0 where X = 0 (kernel)":
        r"applied entrywise, $\mathrm{ReLU}(U_3) = X$ iff $U_3 = C$ where $X = C$ and $U_3 \le 0$ where $X = 0$ (kernel)",
    "row i - row i+1 of the top block: 0 right of column i, C - u_{i+1,i} at column i; row n: C at column n":
        (r"row $i$ $-$ row $i+1$ of the top block: $0$ right of column $i$, $C - u_{i+1,i}$ at column $i$; "
         r"row $n$: $C$ at column $n$"),
    "det = C prod_{i<n} (C - u_{i+1,i}) (a unit triangular row operation, then a triangular matrix)":
        r"$\det = C \prod_{i<n} (C - u_{i+1,i})$ (a unit triangular row operation, then a triangular matrix)",
    "C - u_{i+1,i} >= C > 0 as u_{i+1,i} <= 0 < C": r"$C - u_{i+1,i} \ge C > 0$ as $u_{i+1,i} \le 0 < C$",
    "example n3": r"example, $n = 3$",
    "U3 top with u21 equal C": r"top block of $U_3$ with $u_{2,1} = C$",
    re.compile(r"for every n \(kernel and cited theorems\): subtracting row i\+1 from row i \(i < n\) leaves a lower "
               r"triangular block with diagonal C - u_\(i\+1,i\) >= C > 0 and C: det = C prod \(C - u_\(i\+1,i\)\) > 0, "
               r"so rank n; the kernel also expands the determinant with symbolic entries for n <= (\d+)"):
        (r"for every $n$ (kernel and cited theorems): subtracting row $i+1$ from row $i$ ($i < n$) leaves a lower "
         r"triangular block with diagonal $C - u_{i+1,i} \ge C > 0$ and $C$: $\det = C \prod_{i<n} (C - u_{i+1,i}) > 0$, "
         r"so rank $n$; the kernel also expands the determinant with symbolic entries for $n \le #1$"),
}


@claim("001-L2",
       title_latex=r"$Y=\mathrm{ReLU}(U_3)=X$ iff $U_3$ has form (1); form-(1) matrices have full rank",
       reading_latex=(r"$C>0$. `iff': $\mathrm{ReLU}(U_3)=X$ exactly when $U_3$ has form (1). `Full rank' for an "
                      r"$(n+1)\times n$ matrix means rank $n$. Both proved for all $n$; the rank statement is also "
                      r"expanded symbolically for $n\le n_{\mathrm{sym}}$ and checked on random exact instances."),
       variants_latex={"iff": r"iff",
                       "full rank": r"full rank"},
       latex=r"\mathrm{ReLU}(U_3)=X \iff U_3 \text{ of form (1)};\ \text{form (1)} \Rightarrow \operatorname{rank}U_3=n",
       title="Y = ReLU(U3) = X iff U3 has form (1); form-(1) matrices have full rank",
       source=_SRC + ", slide 'Layer 3' (Lemma, form (1))",
       statement=("A perfect reconstruction Y = X is achieved only if U3 is a full rank matrix of the form (1): C on "
                  "and above the staircase of X, u^(i)_j <= 0 for i = 2..n+1, j = 1..i-1."),
       reading=("C > 0. 'iff': ReLU(U3) = X exactly when U3 has form (1). 'Full rank' for an (n+1) x n matrix means "
                "rank n. Both proved for all n; the rank statement also expanded symbolically for n <= sym_n and "
                "checked on random exact instances."))
def check(*, n_max: int = 40, sym_n: int = 6, samples: int = 5, seed: int = 0, amplitude: str = "1") -> list:
    if n_max < 1 or sym_n < 1:
        raise InvalidArgument("n_max and sym_n must be at least 1")
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument("the amplitude C must be positive")
    rng = random.Random(seed)

    # -- iff ---------------------------------------------------------------------------------
    bad, checked = [], 0
    for n in range(1, n_max + 1):
        X = data_rows(n, c)
        for k in range(samples):
            U = random_form1(n, c, seed=rng.randrange(1 << 30))
            rows = [list(r) for r in U]
            i, j = rng.randrange(n + 1), rng.randrange(n)
            rows[i][j] = abs(rows[i][j]) + 1 if j < i else c / 2   # free entry made > 0, or C changed
            for M in (U, rows):   # a counterexample: ReLU(M) = X and form (1) disagree
                relu = [tuple(max(v, Fraction(0)) for v in r) for r in M]
                if (relu == list(X)) != is_form1(M, n, c):
                    bad.append({"n": n, "U3": strs(M)})
            checked += 2
    if bad:
        status = Status.REFUTED
        cert = check.certificate(status, scope={"amplitude": c}, variant="iff",
                                 evidence={"n": bad[0]["n"], "U3": bad[0]["U3"]})
    else:
        status = Status.PROVED
        cert = check.certificate(status, scope={"amplitude": c}, variant="iff", argument=IFF_ARGUMENT)
    arg = {"steps": ["ReLU(u) = C iff u = C and ReLU(u) = 0 iff u <= 0, for C > 0 (kernel: the two pieces of ReLU)",
                     "applied entrywise, ReLU(U3) = X iff U3 = C where X = C and U3 <= 0 where X = 0 (kernel)"]}
    verdicts = [check.verdict(
        status, variant="iff",
        scope={"description": f"all n (entrywise argument, kernel-checked); plus a sample of {checked} exact random "
                              f"instances (form (1) and perturbed) for n = 1..{n_max}", "n_max": n_max},
        evidence={"argument": arg, "failures": bad[:10], "instances_checked": checked}, certificate=cert)]

    # -- full rank ---------------------------------------------------------------------------
    sym_n = min(sym_n, KERNEL_SYM_N)
    sym = []
    for n in range(1, sym_n + 1):
        ok, f = symbolic_form1_det(n)
        sym.append({"n": n, "identity_holds": ok, "det": f})
    rank_fail, checked = [], 0
    example = None
    for n in range(1, n_max + 1):
        for k in range(samples):
            U = random_form1(n, c, seed=rng.randrange(1 << 30))
            r = qmatrix(U).rank()
            checked += 1
            if r != n:
                rank_fail.append({"n": n, "U3": strs(U)})
            if n == 3 and k == 0:
                example = strs(U)
    lower = [c] + [Fraction(0)] * 2   # u_(2,1) = C (not form (1)) makes the top block singular
    Ubad = form1_from_entries(2, lower, c)
    top_rank = qmatrix(Ubad[:2]).rank()
    if rank_fail:
        status = Status.REFUTED
        cert = check.certificate(status, scope={"amplitude": c}, variant="full rank",
                                 evidence={"n": rank_fail[0]["n"], "U3": rank_fail[0]["U3"]})
    else:
        status = Status.PROVED   # the kernel's argument covers every n; sympy's expansion is the reader's copy
        cert = check.certificate(status, scope={"amplitude": c, "sym_n": sym_n}, variant="full rank",
                                 evidence={"checked": sym_n}, argument=RANK_ARGUMENT)
    evidence = {"symbolic_determinants_sympy": sym, "random_instances": checked, "rank_failures": rank_fail[:5],
                "example_n3": example,
                "sign_condition_matters": {"U3_top_with_u21_equal_C": strs(Ubad[:2]), "rank": top_rank},
                "general_argument": "for every n (kernel and cited theorems): subtracting row i+1 from row i (i < n) "
                                    "leaves a lower triangular block with diagonal C - u_(i+1,i) >= C > 0 and C: "
                                    "det = C prod (C - u_(i+1,i)) > 0, so rank n; the kernel also expands the "
                                    f"determinant with symbolic entries for n <= {sym_n}"}
    verdicts.append(check.verdict(
        status, variant="full rank",
        scope={"description": (f"all n (row-difference argument; the kernel expands the symbolic determinant for "
                               f"n = 1..{sym_n}); plus the exact rank of {checked} random rational instances for "
                               f"n = 1..{n_max}"), "n_max": n_max, "sym_n": sym_n},
        evidence=evidence, certificate=cert))
    return verdicts
