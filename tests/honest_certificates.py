"""Honest certificates for the kernel's tests, built once per process.

The kernel's specification tests start from honest certificates that the claim modules emit
at small scopes.  Building them runs the claim modules (seconds to a minute a file); the
kernel tests themselves are fast.  ``honest(key, build)`` builds a value once per process and
hands every caller its own deep copy (tests tamper with what they get).  When the environment
variable ``PROOFCHECK_CERT_CACHE`` names a folder, the value is also kept there as JSON, so
that later processes read it instead of building it: mutation testing
(``bench/mutation.sh kernel ...``) runs the same tests once per mutant, and would otherwise
rebuild every certificate thousands of times.  The cache is off by default: a plain test run
always builds its certificates from the current claim modules.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path

__all__ = ["honest"]

_MEMO: dict[str, object] = {}


def _cache_file(key: str) -> Path | None:
    folder = os.environ.get("PROOFCHECK_CERT_CACHE")
    if not folder:
        return None
    return Path(folder) / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".json")


def honest(key: str, build):
    """``build()`` (JSON data), built once per process (or read from the cache folder), copied per call."""
    if key not in _MEMO:
        path = _cache_file(key)
        if path is not None and path.exists():
            value = json.loads(path.read_text())
        else:
            value = json.loads(json.dumps(build()))  # what a reader of the certificate file sees
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp%d" % os.getpid())
                tmp.write_text(json.dumps(value))
                os.replace(tmp, path)
        _MEMO[key] = value
    return copy.deepcopy(_MEMO[key])


def scope_only(scope):
    """A stand-in for a certificate as a specification sees it, with only ``scope`` (read through
    the kernel's Fields) and ``require`` (raising the kernel's Invalid): for testing the readers of
    class scopes alone."""
    from proofs.kernel import core as K
    from proofs.kernel.framework import Fields

    class C:
        pass
    c = C()
    c.scope = Fields(scope, "scope")

    def require(cond, msg):
        if not cond:
            raise K.Invalid(msg)
    c.require = require
    return c
