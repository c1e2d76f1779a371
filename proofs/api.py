"""The public Python API: run claims from a notebook or a script, and the building blocks.

Everything here is also reachable as ``proofs.NAME`` (loaded on first use, so that
``import proofs`` stays cheap).  See ``docs/python-api.md`` for executed examples.

Claims:

* :func:`check` runs one claim's check (with its scope parameters) and re-checks the
  certificate with the kernel;
* :func:`claims` lists the registered claims with their statements and parameters;
* :func:`search` runs a claim's counterexample search (001-C1);
* :func:`regions` enumerates a network's activation regions exactly.

Building blocks (the same objects the claims use): :class:`Network`, :class:`Layer`,
:class:`Activation`, :func:`load_network`, :func:`save_network`, :func:`evaluate_batch`
(exact, batched), :func:`sweep_1d` (the exact 1-D sweep), :func:`enumerate_regions`,
:func:`evaluate_float` (the float64 mirror) and :func:`disagreement_mask` (where it
differs from exact), :func:`read_results` / :func:`write_results` (results files),
:func:`certificate` and :func:`recheck` (certificates and the kernel), and
:mod:`strategies <proofs.methods.strategies>` (hypothesis strategies).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from exact.errors import InvalidArgument

from .verdict import Status, Verdict

__all__ = [
    "check", "claims", "search", "regions", "ClaimInfo",
    "Network", "Layer", "Activation", "load_network", "save_network", "evaluate_batch", "sweep_1d",
    "enumerate_regions", "evaluate_float", "disagreement_mask", "read_results", "write_results",
    "certificate", "recheck", "strategies", "Status", "Verdict",
]

_LAZY = {
    "Network": ("exact.network", "Network"), "Layer": ("exact.network", "Layer"),
    "Activation": ("exact.network", "Activation"), "load_network": ("exact.network", "load_network"),
    "save_network": ("exact.network", "save_network"), "evaluate_batch": ("exact.evaluate", "evaluate_batch"),
    "sweep_1d": ("exact.sweep1d", "sweep_1d"), "enumerate_regions": ("exact.regions", "enumerate_regions"),
    "evaluate_float": ("numeric.evaluate", "evaluate_float"),
    "disagreement_mask": ("numeric.crosscheck", "disagreement_mask"),
    "read_results": ("proofs.run.runner", "read_results"), "write_results": ("proofs.run.runner", "write_results"),
    "certificate": ("proofs.certificates", "certificate"), "recheck": ("proofs.kernel", "recheck"),
    "strategies": ("proofs.strategies", None),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        mod = importlib.import_module(module)
        return mod if attr is None else getattr(mod, attr)
    raise AttributeError(f"module 'proofs.api' has no attribute {name!r}")


@dataclass(frozen=True)
class ClaimInfo:
    """One registered claim: its ID, title, source, statement (text and LaTeX) and scope parameters."""

    id: str
    title: str
    source: str
    statement: str
    statement_latex: str = ""
    reading: str = ""
    parameters: dict = field(default_factory=dict)

    def _repr_markdown_(self) -> str:
        math = f"\n\n$${self.statement_latex}$$" if self.statement_latex else ""
        params = ", ".join(f"`{k}={v!r}`" for k, v in self.parameters.items())
        return f"**{self.id}**: {self.title}{math}\n\n*{self.source}*; parameters: {params or 'none'}"


def claims() -> list[ClaimInfo]:
    """Every registered claim, in catalogue order.

    >>> [c.id for c in claims()][:3]
    ['000-E1', '000-L3.1', '000-T1']
    """
    from .claims.registry import check_parameters, claims as registered

    out = []
    for cid, mod in registered().items():
        params = {k: p.default for k, p in check_parameters(cid).items() if k != "progress"}
        out.append(ClaimInfo(id=cid, title=mod.TITLE, source=mod.SOURCE, statement=mod.STATEMENT,
                             statement_latex=getattr(mod, "STATEMENT_LATEX", ""), reading=mod.READING,
                             parameters=params))
    return out


def check(claim_id: str, *, variant: str | None = None, **params: Any) -> Verdict | list[Verdict]:
    """Run one claim's check with the given scope parameters; each certificate re-checked by the kernel.

    Returns the Verdict, or the list of Verdicts of a claim with several readings (``variant``
    picks one).  Parameters are those of ``proofcheck list --params`` (strings such as
    ``"1/(i+1)"`` are accepted where the check takes text).  An unknown claim or parameter
    raises :class:`exact.errors.InvalidArgument`; a crash in the check raises
    :class:`proofs.run.runner.ClaimError`.
    """
    from .run.runner import run_claims

    verdicts = run_claims([claim_id], params, progress=False, keep_going=False)
    if variant is not None:
        chosen = [v for v in verdicts if v.variant == variant]
        if not chosen:
            raise InvalidArgument(f"{claim_id} has no variant {variant!r} "
                                  f"(variants: {', '.join(str(v.variant) for v in verdicts)})")
        return chosen[0]
    bad = [v for v in verdicts if v.kernel and v.kernel.get("status") == "invalid"]
    if bad:
        from .run.runner import ClaimError

        raise ClaimError(claim_id, f"the kernel rejects the certificate: {bad[0].kernel['message']}", "")
    return verdicts[0] if len(verdicts) == 1 else verdicts


def search(claim_id: str = "001-C1", *, reading: str = "literal", direction: str = "sufficiency",
           max_examples: int = 500, seconds: float | None = 60.0, seed: int | None = 0, **kwargs: Any) -> Verdict:
    """Run a claim's counterexample search (a claim module with a ``search`` function: 001-C1).

    The verdict is ``refuted`` with a shrunk exact counterexample, or ``inconclusive``
    (saying how many instances were drawn, how, with which seed); its certificate is
    re-checked by the kernel.  Other keywords go to the module's ``search``
    (``workers``, ``engine``, ``database``).
    """
    from .claims.registry import get_claim
    from .run.runner import kernel_checked

    mod = get_claim(claim_id)
    if not hasattr(mod, "search"):
        raise InvalidArgument(f"claim {claim_id} has no search (only its check: proofs.check)")
    v = mod.search(reading, direction, max_examples=max_examples, seconds=seconds, seed=seed, **kwargs)
    return kernel_checked(v)


def regions(network: Any, box: Any = None, **kwargs: Any):
    """Every activation region of a network (a Network, its JSON dict, or a network file).

    ``box`` bounds the domain (``[(lo, hi), ...]`` or ``"LO HI"``); other keywords go to
    :func:`exact.regions.enumerate_regions`.  The result's ``regions`` hold each region's
    pattern, exact interior point, H-representation and affine map; ``counts()`` gives the
    numbers of activation regions and affine pieces.
    """
    from exact.network import Network, load_network
    from exact.regions import enumerate_regions

    if isinstance(network, (str, os.PathLike)):
        network = load_network(network)
    elif isinstance(network, dict):
        network = Network.from_json(network)
    return enumerate_regions(network, box, **kwargs)
