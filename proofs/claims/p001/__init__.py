"""Claims of 001 (Maxcici, "AutoEncoders for step functions", IA311 slides, Telecom Paris 2022).

Shared helpers of the 001 claim modules: certificate obligations for decoders and ranks,
random exact rationals, and the verdict boilerplate.  The constructions themselves live in
:mod:`exact.slides001`; their float64 mirrors in :mod:`numeric.slides001`.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction
from typing import Any, Sequence

from exact.errors import InvalidArgument
from exact.network import Network
from exact.scalar import to_rational
from exact.slides001 import canonical_form1, data_rows, handcrafted_decoder, linear_codes, random_form1
from exact.scalar import rational_str, rational_strs
from proofs.verdict import Status, Verdict, make_certificate

__all__ = ["SOURCE", "outputs_obligation", "rank_obligation", "product_obligation", "random_rational",
           "strs", "make_verdict", "Clock"]

SOURCE = "001 (Maxcici, AutoEncoders for Step Functions, IA311 slides, 2022)"


def strs(rows: Any) -> list:
    """Nested exact values as strings (JSON evidence)."""
    if hasattr(rows, "to_strings"):
        return rows.to_strings()
    return rational_strs([list(r) if isinstance(r, (list, tuple)) else r for r in rows])


def outputs_obligation(network: Network, inputs: Sequence[Sequence[Any]], outputs: Sequence[Sequence[Any]]) -> dict:
    """Kernel obligation: the network maps each input to the given output exactly."""
    return {"check": "network_outputs", "network": network.to_json(),
            "cases": [{"input": [rational_str(v) for v in x], "output": [rational_str(v) for v in y]}
                      for x, y in zip(inputs, outputs)]}


def rank_obligation(rows: Sequence[Sequence[Any]], rank: int) -> dict:
    return {"check": "rank", "matrix": strs(rows), "rank": int(rank)}


def product_obligation(A: Any, B: Any, C: Any) -> dict:
    return {"check": "matrix_product", "A": strs(A), "B": strs(B), "C": strs(C)}


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


class Clock:
    """Wall time since construction."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()

    def __call__(self) -> float:
        return time.perf_counter() - self.t0


def make_verdict(module: Any, status: Status, scope: dict, evidence: dict, obligations: list[dict],
                 clock: Clock, crosscheck: dict | None = None, variant: str | None = None,
                 reading: str | None = None) -> Verdict:
    """A Verdict of a 001 claim module with its certificate."""
    cc = crosscheck if crosscheck is not None else {"disagreements": [], "summary": "no float64 computation involved"}
    return Verdict(claim=module.CLAIM_ID, status=status, scope=scope, evidence=evidence, crosscheck=cc,
                   seconds=clock(), variant=variant, title=module.TITLE, statement=module.STATEMENT,
                   reading=reading if reading is not None else module.READING, source=module.SOURCE,
                   certificate=make_certificate(module.CLAIM_ID, status, obligations, variant))


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


def decoder_obligation(network: Network, codes: Sequence[Any], amplitude: Any = 1, include_zero: bool = True) -> dict:
    """Kernel obligation: the decoder maps code i to row i of X."""
    n = network.out_dim
    return outputs_obligation(network, [[z] for z in codes], data_rows(n, amplitude, include_zero))


__all__ += ["linear_decoder", "decoder_obligation", "scope_params"]


def kernel_argument(cert: dict, steps, conclusion: str) -> dict:
    """A proved certificate's argument for the report: each step with its checker, as the kernel
    re-checked the certificate (every step's ``holds`` is the kernel's answer)."""
    from proofs.kernel import recheck

    ok, message = recheck(cert)
    return {"valid": ok, "conclusion": conclusion, "kernel": message,
            "steps": [{"statement": fact, "check": checker, "holds": ok} for _, checker, fact in steps]}


__all__ += ["kernel_argument"]
