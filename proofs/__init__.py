"""Proof-check scripts, verdicts, certificates, the CLI and the report of relu-proofcheck."""

__version__ = "0.1.0"

from .verdict import Status, Verdict, make_certificate  # noqa: E402

__all__ = ["Status", "Verdict", "make_certificate", "__version__"]
