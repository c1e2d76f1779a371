"""The one place that builds certificates for the kernel (``proofs/kernel/``).

A certificate (version 2) states a claim, its variant, its status, the scope parameters from
which the kernel rebuilds the statement's objects, the evidence the status needs, and for
``proved`` the argument's steps with their checkers.  What each (claim, variant) expects is
its specification in ``proofs/kernel/specs/``; :func:`certificate` only assembles and
normalises (every exact number becomes a JSON integer or a ``"p/q"`` string).

>>> c = certificate("000-L3.1", "verified", scope={"n_max": 3, "weights": "1/i", "threshold": 1,
...                 "encoder_scale": 1, "encoder_shift": 0}, evidence={"checked": 9})
>>> from proofs.kernel import recheck
>>> recheck(c)[0]
True
>>> recheck({**c, "status": "proved"})[0]
False
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from typing import Any, Iterable

from exact.errors import InvalidArgument

__all__ = ["FORMAT", "VERSION", "certificate", "exact_json", "bind", "sha256_json", "steps", "network_json"]

FORMAT = "relu-proofcheck-certificate"
VERSION = 2
_STATUSES = ("proved", "verified", "refuted", "inconclusive")


def exact_json(value: Any) -> Any:
    """Exact values as kernel JSON: integers stay integers, rationals become "p/q" strings.

    Accepts ints, Fractions, flint/sympy rationals (anything with numerator/denominator or a
    ``to_strings``/``to_json`` method), strings (kept), bools, None, lists, tuples and dicts.
    Floats are refused: a certificate is exact.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        raise InvalidArgument(f"a certificate holds exact numbers only; got the float {value!r}")
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, dict):
        return {str(k): exact_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [exact_json(v) for v in value]
    if hasattr(value, "to_json"):
        return exact_json(value.to_json())
    if hasattr(value, "to_strings"):
        return value.to_strings()
    if hasattr(value, "numerator") and hasattr(value, "denominator"):
        return exact_json(Fraction(int(value.numerator), int(value.denominator)))
    if hasattr(value, "tolist"):
        return exact_json(value.tolist())
    try:  # python-flint fmpq and similar: str(p/q)
        return exact_json(Fraction(str(value)))
    except (TypeError, ValueError):
        raise InvalidArgument(f"cannot write {type(value).__name__} exactly into a certificate") from None


def network_json(network: Any) -> dict:
    """A network in the JSON network format (``Network.to_json()`` or such a dict)."""
    return exact_json(network.to_json() if hasattr(network, "to_json") else network)


def sha256_json(obj: Any) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, ASCII), as the kernel computes it."""
    text = json.dumps(exact_json(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def bind(obj: Any) -> dict:
    """An object the kernel cannot rebuild (a trained network, a user file), bound by SHA-256."""
    value = exact_json(obj)
    return {"sha256": sha256_json(value), "value": value}


def steps(pairs: Iterable[tuple[str, str]]) -> list[dict]:
    """An argument: (step id, checker) pairs, checker "kernel", "sympy" or "theorem: NAME"."""
    return [{"id": i, "checker": c} for i, c in pairs]


def certificate(claim: str, status: Any, *, scope: dict, evidence: dict | None = None,
                variant: str | None = None, argument: Iterable[tuple[str, str]] | None = None) -> dict:
    """Assemble one certificate (see the module docstring)."""
    status = getattr(status, "value", status)
    if status not in _STATUSES:
        raise InvalidArgument(f"unknown status {status!r}")
    if (status == "proved") != (argument is not None):
        raise InvalidArgument("a proved certificate, and only a proved one, carries an argument")
    cert = {"format": FORMAT, "version": VERSION, "claim": claim, "variant": variant, "status": status,
            "scope": exact_json(scope), "evidence": exact_json(evidence or {})}
    if argument is not None:
        cert["argument"] = steps(argument)
    json.dumps(cert)  # must be JSON-serialisable
    return cert
