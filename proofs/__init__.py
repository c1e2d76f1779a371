"""Proof-check scripts, verdicts, certificates, the CLI and the report of relu-proofcheck."""

__version__ = "0.1.0"

from .verdict import Status, Verdict  # noqa: E402

__all__ = ["Status", "Verdict", "__version__"]
