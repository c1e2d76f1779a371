"""Proof-check scripts, verdicts, certificates, the CLI and the report of relu-proofcheck.

Importing ``proofs`` is cheap: the names below load on first use, so that
``python -m proofs.kernel`` runs the stand-alone kernel without numpy or python-flint
(the reviewer's way is still ``python3 -I -S proofs/kernel``).
"""

__version__ = "0.1.0"

__all__ = ["Status", "Verdict", "__version__",
           # the Python API (proofs/api.py, docs/python-api.md), loaded on first use
           "check", "claims", "search", "regions", "ClaimInfo",
           "Network", "Layer", "Activation", "load_network", "save_network", "evaluate_batch", "sweep_1d",
           "enumerate_regions", "evaluate_float", "disagreement_mask", "read_results", "write_results",
           "certificate", "recheck", "strategies"]

_API = frozenset(__all__) - {"Status", "Verdict", "__version__"}


def __getattr__(name):
    if name in ("Status", "Verdict"):
        from . import verdict

        return getattr(verdict, name)
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'proofs' has no attribute {name!r}")
