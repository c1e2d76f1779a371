"""Assertions for users' own test suites: exact checks whose failure shows the counterexample.

The pytest plugin (``proofs.pytest_plugin``, registered as ``relu_proofcheck`` under the
``pytest11`` entry point) gives these as the ``proofcheck`` fixture; they work in any test
runner as plain functions too.  Strategies are in :mod:`proofs.methods.strategies`
(also ``proofcheck.strategies``).

>>> assert_full_rank([["1", "2"], ["3", "4"]])
>>> assert_full_rank([["1", "2"], ["2", "4"]])
Traceback (most recent call last):
...
proofs.testing.ClaimFailure: not full rank: rank 1 < 2 for A = [1, 2; 2, 4]; A x = 0 for x = (-2, 1)
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["ClaimFailure", "assert_full_rank", "assert_admissible", "assert_claim", "assert_equal_on"]


class ClaimFailure(AssertionError):
    """An exact assertion failed; the message holds the exact counterexample.

    ``counterexample`` holds it as JSON-ready data (rationals as ``"p/q"`` strings).
    """

    def __init__(self, message: str, counterexample: Any = None):
        super().__init__(message)
        self.counterexample = counterexample


def _rows(a: Any) -> list[list[str]]:
    from exact.scalar import rational_str, to_rational

    if hasattr(a, "tolist") and not isinstance(a, list):
        a = a.tolist()
    if hasattr(a, "rows") and callable(getattr(a, "rows", None)):
        a = a.rows()
    return [[rational_str(to_rational(x)) for x in row] for row in a]


def assert_full_rank(a: Any, *, rank: int | None = None) -> None:
    """``a`` (rows of exact numbers) has full rank min(rows, columns), or the stated ``rank``.

    On failure the message gives the exact rank, the matrix and a null vector (of ``a`` or
    its transpose).
    """
    from exact import linalg
    from exact.scalar import rational_str

    from .present import text_value

    rows = _rows(a)
    m, n = len(rows), len(rows[0]) if rows else 0
    want = min(m, n) if rank is None else rank
    got = linalg.rank(rows)
    if got == want:
        return
    null, side = None, ""
    if got < min(m, n):  # a witness of the deficiency: A x = 0 (columns) or y^T A = 0 (rows)
        cols = n <= m  # the shorter side is the one that must be independent
        basis = linalg.nullspace(rows if cols else [list(c) for c in zip(*rows)]).rows()
        null = [rational_str(r[0]) for r in basis]
        side = "A x = 0 for x = " if cols else "y^T A = 0 for y = "
    what = "not full rank" if rank is None else f"rank is not {want}"
    msg = f"{what}: rank {got} {'<' if got < want else '>'} {want} for A = {text_value(rows)}"
    if null is not None and got < want:
        msg += f"; {side}{text_value(null)}"
    raise ClaimFailure(msg, {"A": rows, "rank": got, "null_vector": null})


def assert_admissible(network: Any, *, amplitude: Any = 1, include_zero: bool = True) -> None:
    """An autoencoder (a Network, its JSON dict, or a network file) reconstructs every step
    function of its input dimension exactly (000's admissibility, the zero signal included
    unless ``include_zero=False``).

    On failure the message gives the first wrongly reconstructed step function: n, theta,
    the wrong coordinates and the exact output.
    """
    from exact.network import Network, load_network
    from exact.scalar import to_rational

    from .methods.stepcheck import check_step_reconstruction
    from .present import text_value

    if isinstance(network, dict):
        network = Network.from_json(network)
    elif not isinstance(network, Network):
        network = load_network(network)
    res = check_step_reconstruction(network, network.in_dim, to_rational(amplitude), include_zero)
    if res.failures:
        d = res.failure_details[0] if res.failure_details else {"theta": res.failures[0]}
        raise ClaimFailure(
            f"not admissible: {len(res.failures)} of {res.checked} step functions reconstructed wrongly; "
            f"first theta = {d.get('theta')} (n = {d.get('n')}): wrong coordinates {text_value(d.get('wrong_coordinates', []))}, "
            f"output {text_value(d.get('output', []))}", d)


def assert_equal_on(network: Any, reference: Any, points: Iterable[Any]) -> None:
    """The network's exact output equals ``reference(x)`` (exact numbers or tuples) at every point.

    On failure the message gives the first point where they differ, with both values.
    """
    from fractions import Fraction

    from exact.network import Network
    from exact.scalar import rational_str, to_rational

    from .present import text_value

    if isinstance(network, dict):
        network = Network.from_json(network)
    pts = [tuple(to_rational(c) for c in (p if isinstance(p, (list, tuple)) else [p])) for p in points]
    outs = network.evaluate_batch(pts).to_fractions() if pts else []
    for x, y in zip(pts, outs):
        want = reference(x[0] if len(x) == 1 else x)
        want = tuple(Fraction(to_rational(w)) for w in (want if isinstance(want, (list, tuple)) else [want]))
        if tuple(Fraction(v) for v in y) != want:
            xs = [rational_str(c) for c in x]
            raise ClaimFailure(f"differs at x = {text_value(xs)}: network {text_value([rational_str(v) for v in y])}, "
                               f"reference {text_value([rational_str(v) for v in want])}",
                               {"x": xs, "network": [rational_str(v) for v in y]})


def assert_claim(claim_id: str, *, allow: Iterable[str] = ("proved", "verified", "inconclusive"),
                 **params: Any):
    """Run a claim's check (``proofs.check``) and assert each verdict's status is allowed and
    its certificate valid; returns the verdict(s).

    A refuted verdict fails with its shrunk counterexample in the message.
    """
    from .api import check
    from .present import counterexample, counterexample_text

    out = check(claim_id, **params)
    allowed = set(allow)
    for v in out if isinstance(out, list) else [out]:
        if v.status.value not in allowed:
            ce = counterexample(v)
            raise ClaimFailure(f"{v.label} is {v.status.value}" + (f": counterexample {counterexample_text(ce)}"
                                                                   if ce else f" ({v.scope.get('description', '')})"), ce)
        if v.kernel and v.kernel.get("status") != "valid":
            raise ClaimFailure(f"{v.label}: the kernel rejects the certificate: {v.kernel.get('message')}")
    return out
