"""The claim IDs of ``CLAIMS.md`` and, for those without a module yet, the issue that adds it.

The test ``tests/proofs/claims/test_registry.py`` checks this list against ``../shared/CLAIMS.md``
(when that file is present) and checks that every ID here is either registered or
listed in :data:`PENDING`.
"""

from __future__ import annotations

__all__ = ["CLAIM_IDS", "PENDING"]

CLAIM_IDS: tuple[str, ...] = (
    "000-E1", "000-L3.1", "000-T1",
    "000-Q1", "000-Q2", "000-Q3", "000-Q4", "000-Q5", "000-Q6",
    "001-E1", "001-L1", "001-P1", "001-L2", "001-L3", "001-L4", "001-P2", "001-R1",
    "001-H1", "001-H2", "001-H3", "001-H4", "001-C1", "001-L5", "001-Co1", "001-F1",
    "002-C1", "002-P1", "002-P2", "002-P3", "002-P4",
    "003-Conf", "003-Ex2", "003-P3", "003-Co4", "003-T5", "003-T6",
    "004-Topo", "004-Main",
)

#: Claims that have no proof-check module yet, with the issue that will add one.
PENDING: dict[str, int] = {
}
