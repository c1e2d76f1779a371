"""Every claim of CLAIMS.md is registered or explicitly pending; every module is collected.

These tests are about our catalogue only: the IDs of our source groups in CLAIMS.md and the
modules under proofs/claims.  Claims of other IDs (plug-ins, --claims-dir, claim files, or
extra sections a user adds to CLAIMS.md) are allowed and checked in test_plugins.py.
"""

import importlib
import pathlib
import pkgutil
import re

import pytest

import proofs.claims
from proofs.claims.catalogue import CLAIM_IDS, PENDING
from proofs.claims.registry import catalogue_claims, claim_ids, get_claim, resolve_ids
from exact.errors import InvalidArgument

CLAIMS_MD = pathlib.Path(__file__).resolve().parents[4] / "shared" / "CLAIMS.md"


def _ids_in_claims_md(text: str) -> set[str]:
    ids = set()
    for m in re.finditer(r"`(\d{3}-[A-Za-z0-9.]+)`", text):
        ids.add(m.group(1))
    for m in re.finditer(r"`(\d{3})-Q(\d)\.\.Q(\d)`", text):
        ids.update(f"{m.group(1)}-Q{k}" for k in range(int(m.group(2)), int(m.group(3)) + 1))
    for m in re.finditer(r"`(\d{3}-[A-Z]\d)`, `(\d{3}-[A-Z]\d)`", text):
        ids.update(m.groups())
    return {i for i in ids if not i.endswith("..Q6")}


def _ours(ids: set[str]) -> set[str]:
    """The IDs of our source groups (000-..., 001-...: the groups of CLAIM_IDS)."""
    groups = {cid.split("-")[0] for cid in CLAIM_IDS}
    return {cid for cid in ids if cid.split("-")[0] in groups}


def test_catalogue_matches_claims_md():
    if not CLAIMS_MD.exists():
        pytest.skip("../shared/CLAIMS.md is not beside the checkout")
    assert _ours(_ids_in_claims_md(CLAIMS_MD.read_text())) == set(CLAIM_IDS)


def test_extra_ids_in_claims_md_are_not_ours():
    text = "- `000-E1` sum encoder\n- `my-L1` a user's own lemma\n- `117-T2` another group\n"
    assert _ours(_ids_in_claims_md(text)) == {"000-E1"}


def test_every_claim_registered_or_pending():
    registered = set(catalogue_claims())
    assert registered <= set(CLAIM_IDS), registered - set(CLAIM_IDS)
    assert not (registered & set(PENDING)), "a registered claim is still listed as pending"
    assert registered | set(PENDING) == set(CLAIM_IDS)


def test_every_claim_module_was_collected():
    # each module under proofs/claims that defines CLAIM_ID is in the registry
    found = []
    for info in pkgutil.walk_packages(proofs.claims.__path__, "proofs.claims."):
        mod = importlib.import_module(info.name)
        if hasattr(mod, "CLAIM_ID"):
            found.append(mod.CLAIM_ID)
    assert sorted(found) == sorted(catalogue_claims())


def test_resolve_and_unknown():
    assert resolve_ids(["000-L3.1", "000-L3.1"]) == ["000-L3.1"]
    assert resolve_ids(["all"]) == claim_ids()
    assert set(catalogue_claims()) <= set(claim_ids())
    with pytest.raises(InvalidArgument, match="unknown claim"):
        get_claim("999-X")
