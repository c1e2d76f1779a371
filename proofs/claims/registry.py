"""Discovery of claim modules.

A claim module is any module under :mod:`proofs.claims` that defines

* ``CLAIM_ID`` (a string from ``CLAIMS.md``), ``TITLE``, ``SOURCE``, ``STATEMENT``, ``READING``;
* ``check(**params) -> Verdict | list[Verdict]`` whose keyword parameters set the scope,
  with defaults that keep ``proofcheck run all`` quick;
* optionally ``report_section(verdicts: list[dict], figdir: pathlib.Path) -> str``, extra
  LaTeX for the report (figures written into ``figdir`` as PDF and included as
  ``figures/NAME.pdf``).

>>> "000-L3.1" in claim_ids()
True
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache
from types import ModuleType

from exact.errors import InvalidArgument

from .catalogue import CLAIM_IDS, PENDING

__all__ = ["claims", "claim_ids", "get_claim", "check_parameters", "resolve_ids"]

_REQUIRED = ("CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check")

#: Modules of :mod:`proofs.claims` that hold the registry itself, not a claim.
_NOT_CLAIMS = frozenset({"proofs.claims.registry", "proofs.claims.catalogue"})


def _order(cid: str) -> tuple[int, str]:
    return (CLAIM_IDS.index(cid), cid) if cid in CLAIM_IDS else (len(CLAIM_IDS), cid)


@lru_cache(maxsize=1)
def claims() -> dict[str, ModuleType]:
    """Every registered claim module by ID, in catalogue order."""
    import proofs.claims as root

    found: dict[str, ModuleType] = {}
    for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
        if info.ispkg or info.name in _NOT_CLAIMS:
            continue
        mod = importlib.import_module(info.name)
        if not hasattr(mod, "CLAIM_ID"):
            continue
        missing = [a for a in _REQUIRED if not hasattr(mod, a)]
        if missing:
            raise RuntimeError(f"claim module {info.name} lacks {', '.join(missing)}")
        if mod.CLAIM_ID in found:
            raise RuntimeError(f"claim {mod.CLAIM_ID} is registered twice ({found[mod.CLAIM_ID].__name__}, {info.name})")
        found[mod.CLAIM_ID] = mod
    return dict(sorted(found.items(), key=lambda kv: _order(kv[0])))


def claim_ids() -> list[str]:
    return list(claims())


def get_claim(cid: str) -> ModuleType:
    mods = claims()
    if cid in mods:
        return mods[cid]
    if cid in PENDING:
        raise InvalidArgument(f"claim {cid} has no proof-check module yet (issue #{PENDING[cid]})")
    raise InvalidArgument(f"unknown claim {cid!r}; `proofcheck list` shows the claims")


def resolve_ids(ids: list[str]) -> list[str]:
    """Expand ``all`` and validate IDs (each once, in the order given)."""
    out: list[str] = []
    for cid in ids:
        for c in (claim_ids() if cid == "all" else [cid]):
            get_claim(c)
            if c not in out:
                out.append(c)
    return out


def check_parameters(cid: str) -> dict[str, inspect.Parameter]:
    """The keyword parameters of a claim's ``check`` (its scope settings)."""
    sig = inspect.signature(get_claim(cid).check)
    return {k: p for k, p in sig.parameters.items() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
