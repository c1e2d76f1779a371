"""Discovery of claim modules.

Claims come from three places, merged by :func:`claims`:

* our catalogue: every module under :mod:`proofs.claims` (IDs of ``CLAIMS.md``);
* plug-ins: modules named by the entry-point group ``relu_proofcheck.claims`` of any installed
  package (a module, or a package whose submodules are claim modules), any IDs;
* modules and claim files added at run time (:func:`add_claims_dir`, :func:`add_claim_file`:
  ``proofcheck run --claims-dir DIR``, ``proofcheck run lemma.toml``).

A claim module is a module that defines

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

__all__ = ["claims", "claim_ids", "get_claim", "check_parameters", "resolve_ids", "catalogue_claims",
           "plugin_claims", "add_claim_module", "add_claims_dir", "add_claim_file", "ENTRY_POINT_GROUP"]

#: The entry-point group through which an installed package offers its own claim modules.
ENTRY_POINT_GROUP = "relu_proofcheck.claims"

_EXTRA: dict[str, ModuleType] = {}

_REQUIRED = ("CLAIM_ID", "TITLE", "SOURCE", "STATEMENT", "READING", "check")

#: Modules of :mod:`proofs.claims` that hold the registry itself, not a claim.
_NOT_CLAIMS = frozenset({"proofs.claims.registry", "proofs.claims.catalogue"})


def _order(cid: str) -> tuple[int, str]:
    return (CLAIM_IDS.index(cid), cid) if cid in CLAIM_IDS else (len(CLAIM_IDS), cid)


def _collect(found: dict[str, ModuleType], mod: ModuleType, name: str) -> None:
    if not hasattr(mod, "CLAIM_ID"):
        return
    missing = [a for a in _REQUIRED if not hasattr(mod, a)]
    if missing:
        raise InvalidArgument(f"claim module {name} lacks {', '.join(missing)}")
    if mod.CLAIM_ID in found and found[mod.CLAIM_ID] is not mod:
        raise InvalidArgument(f"claim {mod.CLAIM_ID} is registered twice ({found[mod.CLAIM_ID].__name__}, {name})")
    found[mod.CLAIM_ID] = mod


def _walk(package: ModuleType, found: dict[str, ModuleType], skip=frozenset()) -> None:
    if not hasattr(package, "__path__"):
        _collect(found, package, package.__name__)
        return
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.ispkg or info.name in skip:
            continue
        _collect(found, importlib.import_module(info.name), info.name)


@lru_cache(maxsize=1)
def catalogue_claims() -> dict[str, ModuleType]:
    """Our own claim modules (under :mod:`proofs.claims`) by ID, in catalogue order."""
    import proofs.claims as root

    found: dict[str, ModuleType] = {}
    _walk(root, found, _NOT_CLAIMS)
    return dict(sorted(found.items(), key=lambda kv: _order(kv[0])))


@lru_cache(maxsize=1)
def plugin_claims() -> dict[str, ModuleType]:
    """Claim modules offered by installed packages through :data:`ENTRY_POINT_GROUP`."""
    from importlib.metadata import entry_points

    found: dict[str, ModuleType] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as e:  # a broken plug-in is named, not a traceback
            raise InvalidArgument(f"claim plug-in {ep.name} ({ep.value}) does not load: {type(e).__name__}: {e}") from None
        if not isinstance(obj, ModuleType):
            raise InvalidArgument(f"claim plug-in {ep.name} ({ep.value}) is not a module")
        _walk(obj, found)
    return found


def claims() -> dict[str, ModuleType]:
    """Every registered claim module by ID: our catalogue first, then plug-ins and added claims."""
    out = dict(catalogue_claims())
    for source in (plugin_claims(), _EXTRA):
        for cid, mod in source.items():
            if cid in out and out[cid] is not mod:
                raise InvalidArgument(f"claim {cid} is registered twice ({out[cid].__name__}, {mod.__name__})")
            out[cid] = mod
    return out


def add_claim_module(mod: ModuleType) -> str:
    """Register one claim module (any ID not yet taken); returns its ID."""
    found: dict[str, ModuleType] = {}
    _collect(found, mod, mod.__name__)
    if not found:
        raise InvalidArgument(f"{mod.__name__} defines no claim (no @claim-decorated check)")
    cid = next(iter(found))
    taken = {**catalogue_claims(), **plugin_claims(), **_EXTRA}
    if cid in _EXTRA and _same_file(_EXTRA[cid], mod):
        taken.pop(cid)  # the same claim file read again replaces its earlier reading
    if cid in taken and taken[cid] is not mod:
        raise InvalidArgument(f"claim {cid} is registered twice ({taken[cid].__name__}, {mod.__name__})")
    _EXTRA[cid] = mod
    return cid


def _same_file(a: ModuleType, b: ModuleType) -> bool:
    fa, fb = getattr(a, "CLAIM_FILE", None), getattr(b, "CLAIM_FILE", None)
    return fa is not None and fb is not None and fa.path.resolve() == fb.path.resolve()


def add_claim_file(path) -> str:
    """Register a claim file (``*.toml``) as a claim; returns its ID (see :mod:`proofs.claimfiles`)."""
    from ..claimfiles import claim_file_module

    return add_claim_module(claim_file_module(path))


def add_claims_dir(folder) -> list[str]:
    """Register every claim module (``*.py``) and claim file (``*.toml``) of a folder; returns the IDs."""
    import hashlib
    import importlib.util
    import sys
    from pathlib import Path

    root = Path(folder)
    if not root.is_dir():
        raise InvalidArgument(f"--claims-dir {folder}: not a folder")
    ids = []
    for path in sorted(root.iterdir()):
        if path.suffix == ".toml":
            ids.append(add_claim_file(path))
        elif path.suffix == ".py" and not path.name.startswith("_"):
            key = "_claims_dir_%s_%s" % (hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12], path.stem)
            mod = sys.modules.get(key)
            if mod is None:
                spec = importlib.util.spec_from_file_location(key, path)
                mod = importlib.util.module_from_spec(spec)
                sys.modules[key] = mod
                sys.path.insert(0, str(root))  # the folder's own helper modules import as usual
                try:
                    spec.loader.exec_module(mod)
                except Exception as e:
                    del sys.modules[key]
                    raise InvalidArgument(f"{path.name} does not load: {type(e).__name__}: {e}") from None
                finally:
                    sys.path.remove(str(root))
            if hasattr(mod, "CLAIM_ID"):
                ids.append(add_claim_module(mod))
    return ids


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
    """Expand ``all``, register claim files (``*.toml``) and validate IDs (each once, in the order given)."""
    from ..claimfiles import is_claim_file

    out: list[str] = []
    for cid in ids:
        if is_claim_file(cid):
            cid = add_claim_file(cid)
        for c in (claim_ids() if cid == "all" else [cid]):
            get_claim(c)
            if c not in out:
                out.append(c)
    return out


def check_parameters(cid: str) -> dict[str, inspect.Parameter]:
    """The keyword parameters of a claim's ``check`` (its scope settings)."""
    sig = inspect.signature(get_claim(cid).check)
    return {k: p for k, p in sig.parameters.items() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
