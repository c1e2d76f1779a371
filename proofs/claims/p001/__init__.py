"""Claims of 001 (Maxcici, "AutoEncoders for step functions", IA311 slides, Telecom Paris 2022).

Shared helpers of the 001 claim modules: the source, scope validation, the handcrafted decoder,
random exact rationals, exact values as evidence strings, and a proved certificate's argument
for the report.  The constructions themselves live in :mod:`exact.slides001`; their float64
mirrors in :mod:`numeric.slides001`.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from exact.errors import InvalidArgument
from exact.scalar import rational_strs, to_rational
from exact.slides001 import canonical_form1, handcrafted_decoder, linear_codes, random_form1

__all__ = ["SOURCE", "random_rational", "strs", "linear_decoder", "scope_params", "kernel_argument",
           "SORTED_ARGUMENT", "SORTED_N_MAX", "SORTED_TEXTS_LATEX", "arrangements_count", "repeated_codes_control"]

SOURCE = "001 (Maxcici, AutoEncoders for Step Functions, IA311 slides, 2022)"


def strs(rows: Any) -> list:
    """Nested exact values as strings (JSON evidence)."""
    if hasattr(rows, "to_strings"):
        return rows.to_strings()
    return rational_strs([list(r) if isinstance(r, (list, tuple)) else r for r in rows])


def random_rational(rng: random.Random, max_height: int = 9, *, sign: int = 0, nonzero: bool = False) -> Fraction:
    """A random rational p/q, |p| <= max_height, 1 <= q <= max_height (sign: +1 > 0, -1 <= 0, 0 any)."""
    while True:
        p, q = rng.randint(-max_height, max_height), rng.randint(1, max_height)
        v = Fraction(p, q)
        if sign > 0:
            v = abs(v)
        elif sign < 0:
            v = -abs(v)
        if (nonzero or sign > 0) and v == 0:
            continue
        return v


def scope_params(n_max: int, amplitude: Any = 1, minimum: int = 1) -> Fraction:
    """Validate a check's n_max (>= minimum) and return the amplitude C (> 0) exactly."""
    if isinstance(n_max, bool) or not isinstance(n_max, int) or n_max < minimum:
        raise InvalidArgument(f"n_max must be an integer of at least {minimum}, got {n_max!r}")
    c = to_rational(amplitude)
    if c <= 0:
        raise InvalidArgument(f"the amplitude C must be positive, got {c}")
    return c


def linear_decoder(n: int, amplitude: Any = 1, include_zero: bool = True, kind: str = "canonical", seed: int = 0):
    """The handcrafted decoder of 001-H1 (codes z(i) = i) for a canonical or random U3 of form (1)."""
    U = canonical_form1(n, amplitude, include_zero) if kind == "canonical" else random_form1(n, amplitude, include_zero, seed)
    return handcrafted_decoder(linear_codes(n, include_zero), U, n if include_zero else None)


def kernel_argument(cert: dict, steps, conclusion: str) -> dict:
    """A proved certificate's argument for the report: each step with its checker, as the kernel
    re-checked the certificate.  A step the kernel checks has ``holds`` (the kernel's answer); a
    cited theorem (checker ``theorem: NAME``) is listed with its name and no ``holds``: it is
    cited, not checked (the kernel checks the hypotheses its specification states)."""
    from proofs.kernel import recheck

    ok, message = recheck(cert)
    return {"valid": ok, "conclusion": conclusion, "kernel": message,
            "steps": [{"statement": fact, "check": checker, "checker": checker,
                       **({} if checker.startswith("theorem:") else {"holds": ok})} for _, checker, fact in steps]}


#: The sorted-codes argument shared by 001-L4 [sufficiency], 001-P2 and 001-H4, as the kernel states and
#: checks it (proofs/kernel/specs/p001_sorted.py): (step id, checker, fact).
SORTED_ARGUMENT = [
    ("order", "theorem: sorting distinct numbers gives a strictly increasing sequence (transitivity of <)",
     "around z0 (the zero signal's code, else min - 1) each code lies in block s = sign(z - z0) at distance "
     "D = s (z - z0) > 0; with the thresholds T_1 = 0, T_k = D(c_{k-1}) of the k-th neuron of a block, "
     "D(c_k) = T_k + g (g > 0), D(c_i) = T_k + g + m for i >= k and T_k - m for i < k (m >= 0)"),
    ("signs", "kernel",
     "W2 = s, b2 = -s (z0 + s T): the ReLU of the pre-activation is g + m > 0 for i >= k, 0 for i < k, 0 on the "
     "other block and 0 at z0 (polynomials in z0, T, g, m, e; z0 cancels): A2' is lower triangular with the gaps "
     "g > 0 on its diagonal and the zero signal's row of A2 is 0"),
    ("invertible", "theorem: a triangular matrix with non-zero diagonal is invertible",
     "A2' is invertible (its determinant is the product of the gaps)"),
]

#: The texts of the sorted-codes argument (SORTED_ARGUMENT and the kernel's own steps in
#: proofs/kernel/specs/p001_sorted.py) in LaTeX, for the report: the ``TEXTS_LATEX`` of 001-L4, 001-P2 and 001-H4
#: include it.
SORTED_TEXTS_LATEX = {
    ("in each block the codes by distance D = s (z - z0) and the thresholds T_1 = 0, T_k = D(c_{k-1}) satisfy "
     "D(c_k) = T_k + g (g > 0), D(c_i) = T_k + g + m for i >= k, T_k - m for i < k (m >= 0); a code of the other "
     "block is z0 - s e (e > 0)"):
        (r"in each block the codes by distance $D = s (z - z_0)$ and the thresholds $T_1 = 0$, $T_k = D(c_{k-1})$ "
         r"satisfy $D(c_k) = T_k + g$ ($g > 0$), $D(c_i) = T_k + g + m$ for $i \ge k$, $T_k - m$ for $i < k$ "
         r"($m \ge 0$); a code of the other block is $z_0 - s e$ ($e > 0$)"),
    ("W2 = s, b2 = -s (z0 + s T): ReLU of the pre-activation is g + m > 0 for i >= k, 0 for i < k, 0 on the other "
     "block and 0 at z0: A2' is lower triangular with diagonal g > 0 and the zero signal's row is 0"):
        (r"$W_2 = s$, $b_2 = -s (z_0 + s T)$: ReLU of the pre-activation is $g + m > 0$ for $i \ge k$, $0$ for $i < k$, "
         r"$0$ on the other block and $0$ at $z_0$: $A_2'$ is lower triangular with diagonal $g > 0$ and the zero "
         r"signal's row is $0$"),
    "A2' is invertible (det = the product of the gaps g > 0)": r"$A_2'$ is invertible ($\det$ = the product of the gaps $g > 0$)",
    "A A^{-1} = I": r"$A A^{-1} = I$",
    "theorem: A A^{-1} = I": r"theorem: $A A^{-1} = I$",
    ("around z0 (the zero signal's code, else min - 1) each code lies in block s = sign(z - z0) at distance "
     "D = s (z - z0) > 0; with the thresholds T_1 = 0, T_k = D(c_{k-1}) of the k-th neuron of a block, D(c_k) = T_k + g "
     "(g > 0), D(c_i) = T_k + g + m for i >= k and T_k - m for i < k (m >= 0)"):
        (r"around $z_0$ (the zero signal's code, else $\min_i z_i - 1$) each code lies in block $s = \operatorname{sign}(z - "
         r"z_0)$ at distance $D = s (z - z_0) > 0$; with the thresholds $T_1 = 0$, $T_k = D(c_{k-1})$ of the $k$-th "
         r"neuron of a block, $D(c_k) = T_k + g$ ($g > 0$), $D(c_i) = T_k + g + m$ for $i \ge k$ and $T_k - m$ for "
         r"$i < k$ ($m \ge 0$)"),
    ("W2 = s, b2 = -s (z0 + s T): the ReLU of the pre-activation is g + m > 0 for i >= k, 0 for i < k, 0 on the other "
     "block and 0 at z0 (polynomials in z0, T, g, m, e; z0 cancels): A2' is lower triangular with the gaps g > 0 on its "
     "diagonal and the zero signal's row of A2 is 0"):
        (r"$W_2 = s$, $b_2 = -s (z_0 + s T)$: the ReLU of the pre-activation is $g + m > 0$ for $i \ge k$, $0$ for "
         r"$i < k$, $0$ on the other block and $0$ at $z_0$ (polynomials in $z_0, T, g, m, e$; $z_0$ cancels): $A_2'$ "
         r"is lower triangular with the gaps $g > 0$ on its diagonal and the zero signal's row of $A_2$ is $0$"),
    "A2' is invertible (its determinant is the product of the gaps)":
        r"$A_2'$ is invertible (its determinant is the product of the gaps)",
    "W3^T = A2^{-1} X' gives A2 W3^T = X'": r"$W_3^T = A_2^{-1} X'$ gives $A_2 W_3^T = X'$",
    "n2 > n: extra neurons with output weight 0 add a_j 0 = 0 to U3":
        r"$n_2 > n$: extra neurons with output weight $0$ add $a_j \cdot 0 = 0$ to $U_3$",
    "ReLU(X') = X' as C > 0": r"$\mathrm{ReLU}(X') = X'$ as $C > 0$",
}

#: The kernel re-enumerates every arrangement of the codes 1..m for n up to this bound (its limit is 5).
SORTED_N_MAX = 5


def arrangements_count(n_max: int, per_n) -> int:
    """sum over n = 1..n_max of per_n(n) (the kernel's count of its finite part)."""
    return sum(per_n(n) for n in range(1, n_max + 1))


def repeated_codes_control(check, amplitude, n: int, rows: str, reading: str):
    """The negative control with the hypothesis 'distinct codes' dropped: n and the codes (1, 1) for two
    different rows of X (``rows`` says which), refuted because a decoder maps equal codes to equal outputs."""
    from proofs.verdict import Status

    status, codes = Status.REFUTED, [1, 1]
    cert = check.certificate(status, variant="repeated codes", scope={"amplitude": amplitude},
                             evidence={"n": n, "codes": codes})
    return check.verdict(
        status, variant="repeated codes",
        scope={"description": f"n = {n}, codes (1, 1): {rows} differ, a decoder maps equal codes to equal outputs"},
        evidence={"counterexample": {"n": n, "codes": [str(c) for c in codes]}},
        reading=f"Negative control (the hypothesis 'distinct codes' dropped): {reading}", certificate=cert)
